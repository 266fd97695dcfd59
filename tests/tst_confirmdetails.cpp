// No file is sent before a person confirms its order details, whichever way it arrived: the
// whole work window on the built-in sandbox, with files handed over by a second start
// (the single-instance channel), dropped on the queue or queued as the sample, while the
// details form already holds a valid receiver and price. The sandbox counts every request,
// so "not uploaded" means the service saw no token request at all.

#include "mainwindow.h"
#include "orderfactsbar.h"
#include "queuepanel.h"
#include "queueviewmodel.h"
#include "singleinstance.h"
#include "uploadqueuemodel.h"
#include "workwindowfixture.h"

#include "common/buildinfo.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

constexpr int kWait = 20'000;
const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");

// The English plural of a %n text (no English translation is loaded here).
QString plural(QString text, int count)
{
    return text.replace(u"(s)"_s, count == 1 ? QString() : u"s"_s);
}

// A second start of the console for `folder`, on another thread as it would be another
// process, handing `paths` over; its role.
SingleInstance::Role secondStart(const QString &folder, const QStringList &paths)
{
    std::atomic<int> role{-1};
    std::thread other([&] {
        SingleInstance second(folder);
        role = int(second.start(paths, 5000));
    });
    while (role < 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    other.join();
    return SingleInstance::Role(int(role));
}

} // namespace

class TestConfirmDetails final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void handedOverFileWaitsForConfirmation();
    void droppedFilesWaitWhileTheFormIsValid();
    void nextBatchStartsWithACleanForm();
    void batchArrivingWhileTypingKeepsItsOwnDetails();
    void detailsTypedForSelectedRowsStayWithThem();
    void enterQueuesAndLeavesACleanFormWithoutErrors();

private:
    QString copyTeapot(const QString &name) const;
    // Types into a field as a person would (textEdited, not setText).
    void type(const QString &field, const QString &text);
    void typeValidDetails(const QString &email);
    QStringList states() const;
    QueueItem itemNamed(const QString &name) const;
    // Lets the queue work: a file queued with details through the CLI's route, after the
    // file under test, is done. An upload of the earlier file would have had its chance.
    void queueMarkerAndWait(const QString &name);
    void drop(const QStringList &paths);
    template<typename T>
    T *child(const QString &name) const
    {
        return m_window->findChild<T *>(name);
    }

    QTemporaryDir m_runtime;
    QTemporaryDir m_files;
    std::unique_ptr<test::WorkWindowRig> m_rig;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QSignalSpy> m_tokens;
};

void TestConfirmDetails::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setApplicationMetadata();
    QVERIFY(QFile::exists(kTeapot));
}

void TestConfirmDetails::init()
{
    // A runtime folder of our own for the single-instance socket, as XDG_RUNTIME_DIR is.
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_rig = std::make_unique<test::WorkWindowRig>();
    QVERIFY2(m_rig->start(), qPrintable(m_rig->problem()));
    m_tokens = std::make_unique<QSignalSpy>(&m_rig->sandbox, &SandboxServer::tokenCreated);
    m_window =
        std::make_unique<MainWindow>(m_rig->environment(), m_rig->session.get(), &m_rig->keys);
    m_window->resize(1400, 900);
    m_window->show();
}

void TestConfirmDetails::cleanup()
{
    m_window.reset();
    m_tokens.reset();
    m_rig.reset();
    qunsetenv("XDG_RUNTIME_DIR");
}

QString TestConfirmDetails::copyTeapot(const QString &name) const
{
    const QString path = QDir(m_files.path()).filePath(name);
    QFile::remove(path);
    if (!QFile::copy(kTeapot, path))
        return {};
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

void TestConfirmDetails::type(const QString &field, const QString &text)
{
    auto *edit = child<QLineEdit>(field);
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void TestConfirmDetails::typeValidDetails(const QString &email)
{
    type(u"receiverEmail"_s, email);
    type(u"price"_s, u"12.50"_s);
    type(u"partnerJobId"_s, u"JOB-7"_s);
    QVERIFY(m_window->queuePanel()->factsBar()->validate().ok());
}

QStringList TestConfirmDetails::states() const
{
    QStringList result;
    for (const QueueItem &item : m_rig->session->queue().items())
        result << item.fileName + u':' + queueStateKey(item.state);
    return result;
}

QueueItem TestConfirmDetails::itemNamed(const QString &name) const
{
    for (const QueueItem &item : m_rig->session->queue().items()) {
        if (item.fileName == name)
            return item;
    }
    return {};
}

void TestConfirmDetails::queueMarkerAndWait(const QString &name)
{
    OrderFacts facts;
    facts.receiverEmail = u"marker@example.com"_s;
    facts.price = *Decimal::fromString(u"1");
    facts.currency = u"EUR"_s;
    const QString path = copyTeapot(name);
    const StoreResult<qint64> marker = test::onCore(
        *m_rig->session, [&](ConsoleCore &core) { return core.queue().addFile(path, facts); });
    QVERIFY(marker);
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(name).state, QueueState::Done, kWait);
}

void TestConfirmDetails::drop(const QStringList &paths)
{
    QueuePanel *panel = m_window->queuePanel();
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    QMimeData mime;
    mime.setUrls(urls);
    QSignalSpy handled(panel, &QueuePanel::pathsHandled);
    const QPoint at = panel->rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel, &enter);
    QDropEvent dropped(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel, &dropped);
    QVERIFY(dropped.isAccepted());
    QVERIFY(handled.wait(kWait));
}

// The user test's case: valid details in the form, then an STL opened from the file manager
// (a second start hands it over). It waits, named, until Queue is pressed for it.
void TestConfirmDetails::handedOverFileWaitsForConfirmation()
{
    SingleInstance console(m_rig->data.path());
    QCOMPARE(console.start({}), SingleInstance::Role::Primary);
    QVERIFY(console.listen());
    connect(&console, &SingleInstance::activationRequested, m_window.get(), &MainWindow::addPaths);
    typeValidDetails(u"previous@example.com"_s);

    const QString design = copyTeapot(u"opened.stl"_s);
    QCOMPARE(secondStart(m_rig->data.path(), {design}), SingleInstance::Role::HandedOver);
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"opened.stl"_s).state, QueueState::AwaitingDetails, kWait);
    queueMarkerAndWait(u"marker.stl"_s);
    QCOMPARE(itemNamed(u"opened.stl"_s).state, QueueState::AwaitingDetails);
    QVERIFY(itemNamed(u"opened.stl"_s).token.isEmpty());
    QCOMPARE(m_tokens->size(), 1); // the marker's

    // The form says which file it is for; the row says what it waits for.
    OrderFactsBar *bar = m_window->queuePanel()->factsBar();
    QCOMPARE(plural(child<QLabel>(u"batchFiles"_s)->text(), 1), u"For 1 file: opened.stl"_s);
    QCOMPARE(bar->pendingFiles(), QStringList{design});
    const QueueViewModel &view = *m_window->queuePanel()->viewModel();
    const int row = view.rowOfItem(itemNamed(u"opened.stl"_s).id);
    QCOMPARE(view.index(row, QueueViewModel::State).data().toString(),
             u"Waiting for order details"_s);

    bar->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"opened.stl"_s).state, QueueState::Done, kWait);
    QCOMPARE(m_tokens->size(), 2);
    QCOMPARE(itemNamed(u"opened.stl"_s).receiverEmail, u"previous@example.com"_s);
}

// A folder's worth of designs dropped on a valid form: one batch, named, nothing sent.
void TestConfirmDetails::droppedFilesWaitWhileTheFormIsValid()
{
    typeValidDetails(u"anna@example.com"_s);
    drop({copyTeapot(u"a.stl"_s), copyTeapot(u"b.stl"_s), copyTeapot(u"c.stl"_s)});
    queueMarkerAndWait(u"marker.stl"_s);
    QCOMPARE(m_tokens->size(), 1);
    for (const QString &name : {u"a.stl"_s, u"b.stl"_s, u"c.stl"_s})
        QCOMPARE(itemNamed(name).state, QueueState::AwaitingDetails);
    QCOMPARE(plural(child<QLabel>(u"batchFiles"_s)->text(), 3),
             u"For 3 files: a.stl, b.stl, c.stl"_s);
    QVERIFY(m_window->queuePanel()->summary().contains(u"waiting for order details"_s));

    QPushButton *queue = m_window->queuePanel()->factsBar()->queueButton();
    QCOMPARE(plural(queue->text(), 3), u"Queue 3 files"_s);
    queue->click();
    for (const QString &name : {u"a.stl"_s, u"b.stl"_s, u"c.stl"_s})
        QTRY_COMPARE_WITH_TIMEOUT(itemNamed(name).state, QueueState::Done, kWait);
    QCOMPARE(m_tokens->size(), 4);
    QCOMPARE(itemNamed(u"b.stl"_s).partnerJobId, u"JOB-7"_s);
}

// After Queue the form is empty: the next files (here the sample design) never see the last
// customer's details unless the user asks for them, and then they are in the fields.
void TestConfirmDetails::nextBatchStartsWithACleanForm()
{
    OrderFactsBar *bar = m_window->queuePanel()->factsBar();
    drop({copyTeapot(u"first.stl"_s)});
    typeValidDetails(u"first.customer@example.com"_s);
    bar->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"first.stl"_s).state, QueueState::Done, kWait);
    QVERIFY(child<QLineEdit>(u"receiverEmail"_s)->text().isEmpty());
    QVERIFY(child<QLineEdit>(u"price"_s)->text().isEmpty());
    QVERIFY(child<QLineEdit>(u"partnerJobId"_s)->text().isEmpty());
    // The receiver is offered for completion, not filled in.
    QCOMPARE(bar->recentReceivers().value(0), u"first.customer@example.com"_s);
    QVERIFY(child<QLineEdit>(u"receiverEmail"_s)->completer());

    m_window->findChild<QAction *>(u"actionQueueSample"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(bar->pendingCount(), 1, kWait);
    const QString sample = QFileInfo(bar->pendingFiles().constFirst()).fileName();
    // The sample is copied into the console's data folder, not the standard one.
    QCOMPARE(QFileInfo(bar->pendingFiles().constFirst()).absolutePath(),
             QDir(m_rig->data.path()).filePath(u"samples"_s));
    QVERIFY(child<QLineEdit>(u"receiverEmail"_s)->text().isEmpty());
    QVERIFY(child<QLineEdit>(u"price"_s)->text().isEmpty());
    // Queue on the empty form confirms nothing.
    bar->queueButton()->click();
    queueMarkerAndWait(u"marker.stl"_s);
    QCOMPARE(itemNamed(sample).state, QueueState::AwaitingDetails);
    QCOMPARE(m_tokens->size(), 2);

    // Reusing is a deliberate press that puts the details where they can be read.
    auto *reuse = child<QPushButton>(u"reuseLastDetails"_s);
    QVERIFY(reuse->isVisibleTo(m_window.get()));
    QVERIFY(reuse->toolTip().contains(u"first.customer@example.com"_s));
    reuse->click();
    QCOMPARE(child<QLineEdit>(u"receiverEmail"_s)->text(), u"first.customer@example.com"_s);
    QCOMPARE(itemNamed(sample).state, QueueState::AwaitingDetails);
    bar->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(sample).state, QueueState::Done, kWait);
    QCOMPARE(itemNamed(sample).receiverEmail, u"first.customer@example.com"_s);
}

// Details typed while rows of the queue are selected are for those rows: a batch that arrives
// then starts with a clean form instead of being offered them.
void TestConfirmDetails::detailsTypedForSelectedRowsStayWithThem()
{
    OrderFactsBar *bar = m_window->queuePanel()->factsBar();
    drop({copyTeapot(u"earlier.stl"_s)});
    typeValidDetails(u"earlier@example.com"_s);
    bar->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"earlier.stl"_s).state, QueueState::Done, kWait);

    auto *view = child<QAbstractItemView>(u"queueView"_s);
    QVERIFY(view && view->model()->rowCount() > 0);
    view->selectionModel()->select(view->model()->index(0, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY(child<QPushButton>(u"applyToSelected"_s)->isVisibleTo(m_window.get()));
    typeValidDetails(u"for-the-selected-row@example.com"_s);

    drop({copyTeapot(u"newcomer.stl"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"newcomer.stl"_s).state, QueueState::AwaitingDetails,
                              kWait);
    QTRY_VERIFY(bar->pendingFiles().join(u' ').contains(u"newcomer.stl"_s));
    QCOMPARE(child<QLineEdit>(u"receiverEmail"_s)->text(), QString());
    QCOMPARE(child<QLineEdit>(u"price"_s)->text(), QString());
}

// Enter in the price field queues the batch and clears the form; the field it leaves is no
// error, nor is any field one only tabs through.
void TestConfirmDetails::enterQueuesAndLeavesACleanFormWithoutErrors()
{
    drop({copyTeapot(u"by-enter.stl"_s)});
    typeValidDetails(u"enter@example.com"_s);
    auto *price = child<QLineEdit>(u"price"_s);
    price->setFocus();
    QTest::keyClick(price, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"by-enter.stl"_s).state, QueueState::Done, kWait);
    QVERIFY(price->text().isEmpty());
    const auto visibleErrors = [this] {
        QStringList shown;
        for (int column = 0; column < 4; ++column) {
            auto *box = child<QWidget>(u"fieldMessage%1"_s.arg(column));
            if (box && box->isVisibleTo(m_window.get()))
                shown << child<QLabel>(u"fieldMessageText%1"_s.arg(column))->text();
        }
        return shown;
    };
    QVERIFY2(visibleErrors().isEmpty(), qPrintable(visibleErrors().join(u" | "_s)));
    // Tab through the empty fields: still nothing called wrong.
    child<QLineEdit>(u"receiverEmail"_s)->setFocus();
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY2(visibleErrors().isEmpty(), qPrintable(visibleErrors().join(u" | "_s)));
}

// Details typed for one batch stay with it when another arrives meanwhile; the newcomer
// waits for its own.
void TestConfirmDetails::batchArrivingWhileTypingKeepsItsOwnDetails()
{
    OrderFactsBar *bar = m_window->queuePanel()->factsBar();
    const QString first = copyTeapot(u"for-anna.stl"_s);
    drop({first});
    typeValidDetails(u"anna@example.com"_s);

    // While the details are typed, another design is handed over.
    const QString second = copyTeapot(u"for-someone-else.stl"_s);
    m_window->addPaths({second});
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"for-someone-else.stl"_s).state,
                              QueueState::AwaitingDetails, kWait);
    QCOMPARE(bar->pendingFiles(), QStringList{first});
    auto *email = child<QLineEdit>(u"receiverEmail"_s);
    QCOMPARE(email->text(), u"anna@example.com"_s);
    // Nothing typed is selected (the next key would replace it) or moved.
    QVERIFY(!email->hasSelectedText());
    QCOMPARE(email->cursorPosition(), email->text().size());
    auto *later = child<QLabel>(u"laterBatches"_s);
    QVERIFY(later->isVisibleTo(m_window.get()));
    QVERIFY(later->text().contains(u"for-someone-else.stl"_s));

    bar->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(itemNamed(u"for-anna.stl"_s).state, QueueState::Done, kWait);
    QCOMPARE(itemNamed(u"for-anna.stl"_s).receiverEmail, u"anna@example.com"_s);
    // The second batch is the form's now, with a clean form, and still unsent.
    QCOMPARE(bar->pendingFiles(), QStringList{second});
    QVERIFY(child<QLineEdit>(u"receiverEmail"_s)->text().isEmpty());
    QVERIFY(child<QLineEdit>(u"price"_s)->text().isEmpty());
    queueMarkerAndWait(u"marker.stl"_s);
    QCOMPARE(itemNamed(u"for-someone-else.stl"_s).state, QueueState::AwaitingDetails);
    QVERIFY(itemNamed(u"for-someone-else.stl"_s).receiverEmail.isEmpty());
    QCOMPARE(m_tokens->size(), 2);
}

QTEST_MAIN(TestConfirmDetails)
#include "tst_confirmdetails.moc"
