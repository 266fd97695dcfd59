// The upload-queue panel against a real queue on the in-process sandbox: drops of files and
// folders, files waiting for order details, multi-row edits, the actions that apply, the
// live state column and its progress delegate, and the panel's messages.

#include "currencylist.h"
#include "filethumbnails.h"
#include "orderfactsbar.h"
#include "queuedelegates.h"
#include "queuefixture.h"
#include "queuemirror.h"
#include "queuenotice.h"
#include "queuepanel.h"
#include "queueviewmodel.h"
#include "specialfiles.h"
#include "stl/meshgenerator.h"
#include "uploadqueuemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QMutex>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QThread>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

using Col = QueueViewModel::Column;
using A = QueuePanel::Action;

const QString kCube = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__20mm-xyz-cube.stl");
const QString kBox = QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl");
const QString kEmptyStl = QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__empty_file.stl");
// Not empty, so the drop takes it, but cut short: unusable once it is checked.
const QString kBrokenStl = QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__incomplete_binary.stl");

QString text(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

// The English plural of a %n text: the console has no English translation loaded here, so
// "%n file(s)" stays as written.
QString plural(QString text, int count)
{
    return text.replace(u"(s)"_s, count == 1 ? QString() : u"s"_s);
}

} // namespace

class TestQueuePanel final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { initFixture(); }
    void cleanup();

    void sortsDroppedPaths();
    void namesThatAreNotUtf8AreSkippedWithTheReason();
    void specialFilesAreSkippedOrFailWithTheReason();
    void thumbnailCacheFollowsModificationTimes();
    void metricsDoNotWaitForThumbnails();
    void newerFilesAreInspectedFirst();
    void dropAddsFilesAndListsSkipped();
    void dropsThatAreRefusedOrSkipped();
    void emptyFileIsSkippedAtDrop();
    void waitsForValidDetails();
    void asksAboutDoubtfulPrices();
    void storeErrorKeepsDroppedFiles();
    void restoresWaitingFilesOneBatchEach();
    void showsFileMetrics();
    void editsSeveralRowsAtOnce();
    void editsInPlace();
    void asksAboutDoubtfulPricesInTheRow();
    void actionsFollowSelectionAndState();
    void movesSelectedRows();
    void deleteKeyRemovesRows();
    void followsAnUploadUntilDone();
    void showsDuplicates();
    void progressDelegatePaintsAnUpload();
    void screenshots();

private:
    void makePanel(ConsoleSettings settings = {});
    void fillForm(const QString &email, const QString &price, const QString &currency = {});
    bool drop(const QList<QUrl> &urls, Qt::DropActions actions = Qt::CopyAction);
    void dropAndWait(const QStringList &paths);
    // Presses "Queue N files" for the batch the form names, with the form as it stands.
    void confirm();
    void settle();
    QString makeStl(const QString &name, int around) const;
    qint64 idAt(int row) const;
    void selectRows(const QList<int> &rows);
    bool enabled(A which) const { return m_panel->action(which)->isEnabled(); }
    template<typename T>
    T *child(const QString &name) const
    {
        return m_panel->findChild<T *>(name);
    }

    std::unique_ptr<QueueMirror> m_mirror;
    std::unique_ptr<UploadQueueModel> m_model;
    std::unique_ptr<QueuePanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestQueuePanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    for (const QString &file : {kTeapot, kCube, kBox, kEmptyStl, kBrokenStl})
        QVERIFY2(QFile::exists(file), qPrintable(file));
}

void TestQueuePanel::cleanup()
{
    m_tester.reset();
    m_panel.reset();
    m_model.reset();
    m_mirror.reset();
    cleanupFixture();
}

void TestQueuePanel::makePanel(ConsoleSettings settings)
{
    if (settings.defaultReceiverEmail.isEmpty())
        settings.defaultReceiverEmail = u"receiver@example.com"_s;
    settings.defaultCurrency = u"EUR"_s;
    m_mirror = std::make_unique<QueueMirror>(*m_queue);
    QTRY_VERIFY(m_mirror->isLoaded());
    m_model = std::make_unique<UploadQueueModel>(*m_mirror);
    m_model->setProgressInterval(50);
    m_panel = std::make_unique<QueuePanel>(*m_mirror, *m_model, settings);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_panel->viewModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_panel->resize(1300, 720);
}

void TestQueuePanel::fillForm(const QString &email, const QString &price, const QString &currency)
{
    child<QLineEdit>(u"receiverEmail"_s)->setText(email);
    child<QLineEdit>(u"price"_s)->setText(price);
    if (!currency.isEmpty()) {
        auto *combo = child<QComboBox>(u"currency"_s);
        combo->setCurrentIndex(combo->findData(currency));
    }
}

bool TestQueuePanel::drop(const QList<QUrl> &urls, Qt::DropActions actions)
{
    QMimeData mime;
    mime.setUrls(urls);
    const QPoint at = m_panel->rect().center();
    QDragEnterEvent enter(at, actions, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_panel.get(), &enter);
    QDropEvent dropped(QPointF(at), actions, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_panel.get(), &dropped);
    return dropped.isAccepted() && dropped.dropAction() == Qt::CopyAction;
}

void TestQueuePanel::dropAndWait(const QStringList &paths)
{
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    QSignalSpy handled(m_panel.get(), &QueuePanel::pathsHandled);
    QVERIFY(drop(urls));
    QVERIFY(handled.wait(kWait));
}

void TestQueuePanel::confirm()
{
    QPushButton *queue = m_panel->factsBar()->queueButton();
    QVERIFY(queue->isEnabled());
    const QStringList confirmed = m_panel->factsBar()->pendingFiles();
    queue->click();
    // The form lets go of the batch at once, before the queue has stored it: it never offers
    // again files that are on their way.
    for (const QString &file : confirmed)
        QVERIFY(!m_panel->factsBar()->pendingFiles().contains(file));
    settle();
}

// The panel's controls reach the queue through its copy (QueueMirror), as posted work; the
// queue here lives on this thread, so one pass of the event loop does it and brings back
// what changed.
void TestQueuePanel::settle()
{
    QCoreApplication::processEvents();
}

QString TestQueuePanel::makeStl(const QString &name, int around) const
{
    // Around 320 bytes per step: big enough that the socket buffers cannot swallow the
    // body at once, so the upload reports progress for a while on a slowed line.
    const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(around, 10));
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

qint64 TestQueuePanel::idAt(int row) const
{
    return m_panel->viewModel()->index(row, 0).data(UploadQueueModel::ItemIdRole).toLongLong();
}

void TestQueuePanel::selectRows(const QList<int> &rows)
{
    QItemSelectionModel *selection = m_panel->view()->selectionModel();
    selection->clearSelection();
    for (const int row : rows)
        selection->select(m_panel->viewModel()->index(row, 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    if (!rows.isEmpty())
        selection->setCurrentIndex(m_panel->viewModel()->index(rows.first(), 0),
                                   QItemSelectionModel::NoUpdate);
}

// --- dropping ----------------------------------------------------------------------------

// The sorting rules without a panel: folders recursively, any case of .stl, reasons.
void TestQueuePanel::sortsDroppedPaths()
{
    QDir root(m_dir->path());
    QVERIFY(root.mkpath(u"empty/inner"_s));
    QVERIFY(root.mkpath(u"models/deep"_s));
    QVERIFY(QFile::copy(kBox, root.filePath(u"models/deep/part.StL"_s)));
    QFile note(root.filePath(u"models/readme.md"_s));
    QVERIFY(note.open(QIODevice::WriteOnly));
    note.close();

    const DroppedFiles sorted =
        sortDroppedPaths({root.filePath(u"models"_s), root.filePath(u"empty"_s),
                          root.filePath(u"gone.stl"_s), root.filePath(u"models/deep/part.StL"_s)});
    QCOMPARE(sorted.files, QStringList{root.filePath(u"models/deep/part.StL"_s)});
    QCOMPARE(sorted.skipped.size(), 3);
    QCOMPARE(sorted.skipped.at(0).path, root.filePath(u"models/readme.md"_s));
    QVERIFY(sorted.skipped.at(0).reason.contains(u"Not an STL file"_s));
    QCOMPARE(sorted.skipped.at(1).path, root.filePath(u"empty"_s));
    QVERIFY(sorted.skipped.at(1).reason.contains(u"No STL files"_s));
    QCOMPARE(sorted.skipped.at(2).path, root.filePath(u"gone.stl"_s));
    QVERIFY(sorted.skipped.at(2).reason.contains(u"Not found"_s));
}

// A file whose name is not valid UTF-8 cannot be opened by that name, and Qt's listing does
// not even show it: in a dropped folder and dropped by itself, it is listed as skipped with
// the reason, never dropped without a word or called "not found".
void TestQueuePanel::namesThatAreNotUtf8AreSkippedWithTheReason()
{
    QDir root(m_dir->path());
    QVERIFY(root.mkpath(u"mixed"_s));
    QVERIFY(root.mkpath(u"only"_s));
    QVERIFY(QFile::copy(kBox, root.filePath(u"mixed/part.stl"_s)));
    const QByteArray mixed = QFile::encodeName(root.filePath(u"mixed"_s)) + "/caf\xe9.stl";
    const QByteArray only = QFile::encodeName(root.filePath(u"only"_s)) + "/\xff.stl";
    for (const QByteArray &name : {mixed, only}) {
        const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        QVERIFY(fd >= 0);
        ::close(fd);
    }
    const auto removeThem = qScopeGuard([&] {
        ::unlink(mixed.constData());
        ::unlink(only.constData());
    });
    const QString mixedShown = QFile::decodeName(mixed);
    QVERIFY(mixedShown.contains(QChar::ReplacementCharacter));

    const DroppedFiles sorted =
        sortDroppedPaths({root.filePath(u"mixed"_s), root.filePath(u"only"_s), mixedShown});
    QCOMPARE(sorted.files, QStringList{root.filePath(u"mixed/part.stl"_s)});
    QStringList skippedPaths;
    for (const SkippedFile &skipped : sorted.skipped) {
        skippedPaths.append(skipped.path);
        QVERIFY2(skipped.reason.contains(u"not valid UTF-8"_s), qPrintable(skipped.reason));
    }
    QCOMPARE(skippedPaths, (QStringList{mixedShown, QFile::decodeName(only), mixedShown}));
}

// A FIFO named like an STL file: dropped, it is skipped as not a regular file; queued anyway
// (it became one after the drop), the item fails at once with the reason, and the queue does
// not wait for a writer.
void TestQueuePanel::specialFilesAreSkippedOrFailWithTheReason()
{
    const QString fifo = QDir(m_dir->path()).filePath(u"pipe.stl"_s);
    QVERIFY(makeFifo(fifo));
    const FifoWriter writer(fifo, std::chrono::milliseconds(kWait + 2000));
    const DroppedFiles sorted = sortDroppedPaths({fifo});
    QVERIFY(sorted.files.isEmpty());
    QCOMPARE(sorted.skipped.size(), 1);
    QVERIFY(sorted.skipped.first().reason.contains(u"regular file"_s));

    startQueue();
    const qint64 id = *m_queue->addFile(fifo, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    QVERIFY2(itemOf(id).failureReason.contains(u"named pipe"_s),
             qPrintable(itemOf(id).failureReason));
}

// Facts are computed once per file and mtime, off the GUI thread: the metrics first, then
// the thumbnail.
void TestQueuePanel::thumbnailCacheFollowsModificationTimes()
{
    const QString path = copyFile(kCube, u"cube.stl"_s);
    FileThumbnails cache;
    QSignalSpy changed(&cache, &FileThumbnails::factsChanged);
    const FileFacts *pending = cache.facts(path);
    QVERIFY(pending);
    QCOMPARE(pending->status, FileFacts::Status::Pending);
    QCOMPARE(cache.pendingCount(), 1);
    QVERIFY(changed.wait(kWait));
    const FileFacts *ready = cache.facts(path);
    QCOMPARE(ready->status, FileFacts::Status::Ready);
    QCOMPARE(ready->triangles, 260u);
    QCOMPARE(ready->fileSize, 13084);
    const QDateTime modified = ready->modified;
    QVERIFY(modified.isValid());
    QCOMPARE(cache.metricsPendingCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(cache.pendingCount(), 0, kWait);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!cache.facts(path)->thumbnail.isNull());

    // The same mtime: cached. Another one: inspected again, once, whatever it finds.
    cache.request(path, modified);
    QCOMPARE(cache.pendingCount(), 0);
    const QDateTime other = modified.addSecs(-3600);
    cache.request(path, other);
    QCOMPARE(cache.pendingCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(cache.pendingCount(), 0, kWait);
    cache.request(path, other);
    QCOMPARE(cache.pendingCount(), 0);
    QCOMPARE(changed.size(), 4);

    // A file that is gone says so.
    cache.refresh(m_dir->filePath(u"gone.stl"_s));
    QVERIFY(changed.wait(kWait));
    QCOMPARE(cache.facts(m_dir->filePath(u"gone.stl"_s))->status, FileFacts::Status::Unusable);
    QCOMPARE(cache.pendingCount(), 0);
}

// A file whose thumbnail takes long (held here at the start of its drawing) does not hold
// back the metrics of the files after it: they arrive while its picture is still missing.
void TestQueuePanel::metricsDoNotWaitForThumbnails()
{
    const QString slow = copyFile(kCube, u"slow.stl"_s);
    const QString next = copyFile(kBox, u"next.stl"_s);
    FileThumbnails cache;
    QSemaphore entered, release;
    cache.setBeforeWork([&](FileThumbnails::Work work, const QString &path) {
        if (work == FileThumbnails::Work::Thumbnail && path == slow) {
            entered.release();
            release.acquire();
        }
    });
    const auto letGo = qScopeGuard([&release] { release.release(); });
    cache.request(slow);
    QTRY_VERIFY_WITH_TIMEOUT(entered.available() == 1, kWait);
    QCOMPARE(cache.facts(slow)->status, FileFacts::Status::Ready);
    QCOMPARE(cache.facts(slow)->triangles, 260u);
    QVERIFY(cache.facts(slow)->thumbnail.isNull());

    cache.request(next);
    QTRY_COMPARE_WITH_TIMEOUT(cache.facts(next)->status, FileFacts::Status::Ready, kWait);
    QCOMPARE(cache.facts(next)->triangles, 12u);
    QCOMPARE(cache.metricsPendingCount(), 0);
    // Still drawing the first file: its picture and the second one's are not there yet.
    QVERIFY(cache.facts(slow)->thumbnail.isNull());
    QCOMPARE(cache.pendingCount(), 2);

    release.release();
    QTRY_VERIFY_WITH_TIMEOUT(!cache.facts(slow)->thumbnail.isNull(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!cache.facts(next)->thumbnail.isNull(), kWait);
    QCOMPARE(cache.pendingCount(), 0);
}

// Files asked for later (a newer drop) are inspected before the older ones still waiting for a
// worker; the files of one drop keep their order among themselves.
void TestQueuePanel::newerFilesAreInspectedFirst()
{
    QStringList older;
    for (int i = 0; i < 6; ++i)
        older << copyFile(kCube, u"older-%1.stl"_s.arg(i));
    const QString newer = copyFile(kBox, u"newer.stl"_s);
    FileThumbnails cache;
    QMutex mutex;
    QStringList order;
    QSemaphore release;
    cache.setBeforeWork([&](FileThumbnails::Work work, const QString &path) {
        if (work != FileThumbnails::Work::Metrics)
            return;
        {
            const QMutexLocker locker(&mutex);
            order << path;
        }
        release.acquire();
    });
    const auto letGo = qScopeGuard([&release] { release.release(100); });
    for (const QString &path : std::as_const(older))
        cache.request(path);
    // Every worker is held at its first file; the rest of the older drop waits for one.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QMutexLocker locker(&mutex);
            return !order.isEmpty();
        }(),
        kWait);
    QCoreApplication::processEvents(); // the older drop's requests are over
    cache.request(newer);
    release.release(100);
    QTRY_COMPARE_WITH_TIMEOUT(cache.metricsPendingCount(), 0, kWait);

    const QMutexLocker locker(&mutex);
    QCOMPARE(order.size(), 7);
    // At most one older file per worker started before the newer one was asked for.
    const int workers = std::max(1, QThread::idealThreadCount() / 2);
    QVERIFY2(order.indexOf(newer) <= workers, qPrintable(order.join(u", "_s)));
    // Those that waited for a worker start in the order they were asked for.
    const QStringList waited = order.mid(order.indexOf(newer) + 1);
    QStringList asked = older;
    asked.removeIf([&waited](const QString &path) { return !waited.contains(path); });
    QCOMPARE(waited, asked);
    QVERIFY(!waited.isEmpty() || workers >= int(older.size()));
}

// Two STL files and a folder with a .stl, a .txt and a nested folder with a .STL.
void TestQueuePanel::dropAddsFilesAndListsSkipped()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0); // checked, then held: the rows stay
    makePanel();
    QCOMPARE(child<QStackedWidget>(u"queueStack"_s)->currentWidget()->objectName(),
             u"queueDropTarget"_s);

    const QString a = copyTeapot(u"a.stl"_s);
    const QString b = copyFile(kCube, u"b.stl"_s);
    QDir root(m_dir->path());
    QVERIFY(root.mkpath(u"batch/nested"_s));
    QVERIFY(QFile::copy(kBox, root.filePath(u"batch/c.stl"_s)));
    QVERIFY(QFile::copy(kCube, root.filePath(u"batch/nested/D.STL"_s)));
    QFile notes(root.filePath(u"batch/notes.txt"_s));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("not a design");
    notes.close();

    QSignalSpy handled(m_panel.get(), &QueuePanel::pathsHandled);
    dropAndWait({a, b, root.filePath(u"batch"_s)});
    QCOMPARE(handled.size(), 1);
    QCOMPARE(handled.at(0).at(0).toInt(), 4); // waiting for details
    QCOMPARE(handled.at(0).at(1).toInt(), 1); // skipped
    fillForm(u"anna@example.com"_s, u"12.50"_s, u"EUR"_s);
    confirm();

    const QueueViewModel &model = *m_panel->viewModel();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(text(model, 0, Col::Name), u"a.stl"_s);
    QCOMPARE(text(model, 1, Col::Name), u"b.stl"_s);
    const QSet<QString> fromFolder{text(model, 2, Col::Name), text(model, 3, Col::Name)};
    QCOMPARE(fromFolder, (QSet<QString>{u"c.stl"_s, u"D.STL"_s}));
    for (int row = 0; row < 4; ++row) {
        QCOMPARE(text(model, row, Col::Receiver), u"anna@example.com"_s);
        QCOMPARE(text(model, row, Col::Price), u"EUR\u00a012.50"_s);
    }
    QCOMPARE(m_queue->items().size(), 4);
    QCOMPARE(child<QStackedWidget>(u"queueStack"_s)->currentWidget(), m_panel->view());

    // The text file is listed with its reason, in a message the user can dismiss.
    const QList<SkippedFile> skipped = m_panel->skippedFiles();
    QCOMPARE(skipped.size(), 1);
    QCOMPARE(skipped.first().path, root.filePath(u"batch/notes.txt"_s));
    QVERIFY(skipped.first().reason.contains(u"Not an STL file"_s));
    auto *notice = child<QueueNotice>(u"queueSkippedNotice"_s);
    QVERIFY(notice->isVisibleTo(m_panel.get()));
    QCOMPARE(notice->detailCount(), 1);
    QCOMPARE(notice->details()->topLevelItem(0)->text(0), u"notes.txt"_s);
    QCOMPARE(plural(notice->title(), 1), u"1 dropped file not queued"_s);
    notice->dismiss();
    QVERIFY(!notice->isVisibleTo(m_panel.get()));
    QVERIFY(m_panel->skippedFiles().isEmpty());
}

void TestQueuePanel::dropsThatAreRefusedOrSkipped()
{
    startSandbox();
    makeQueue();
    makePanel();
    // A drag that only offers to move is refused: the source could delete the files.
    QVERIFY(!drop({QUrl::fromLocalFile(copyTeapot(u"moved.stl"_s))}, Qt::MoveAction));
    // A web address is not a file here: listed, not lost.
    QVERIFY(drop({QUrl(u"https://example.com/model.stl"_s)}, Qt::CopyAction | Qt::MoveAction));
    QCOMPARE(m_panel->skippedFiles().size(), 1);
    QVERIFY(m_panel->skippedFiles().first().reason.contains(u"Not a file on this computer"_s));
    QCOMPARE(m_panel->viewModel()->rowCount(), 0);
}

// An empty file cannot be a design: it is listed with the reason when dropped, not queued to
// fail after Queue. A folder holding it says so rather than "no STL files".
void TestQueuePanel::emptyFileIsSkippedAtDrop()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    makePanel();
    const QString empty = copyFile(kEmptyStl, u"empty.stl"_s);
    dropAndWait({empty, copyFile(kCube, u"cube.stl"_s)});
    QCOMPARE(m_panel->viewModel()->rowCount(), 1);
    QCOMPARE(text(*m_panel->viewModel(), 0, Col::Name), u"cube.stl"_s);
    QCOMPARE(m_panel->skippedFiles().size(), 1);
    const SkippedFile skipped = m_panel->skippedFiles().first();
    QCOMPARE(skipped.path, QFileInfo(empty).absoluteFilePath());
    QVERIFY2(skipped.reason.contains(u"Empty (0 bytes)"_s), qPrintable(skipped.reason));
    QVERIFY2(skipped.reason.contains(u"drop the new file"_s), qPrintable(skipped.reason));
    auto *notice = child<QueueNotice>(u"queueSkippedNotice"_s);
    QVERIFY(notice);
    QVERIFY(notice->isVisibleTo(m_panel.get()));
    QCOMPARE(m_panel->factsBar()->pendingCount(), 1);

    QDir(m_dir->path()).mkpath(u"only-empty"_s);
    const QString folder = m_dir->filePath(u"only-empty"_s);
    QVERIFY(QFile::copy(kEmptyStl, folder + u"/nothing.stl"_s));
    const DroppedFiles sorted = sortDroppedPaths({folder});
    QVERIFY(sorted.files.isEmpty());
    QCOMPARE(sorted.skipped.size(), 1);
    QVERIFY(sorted.skipped.first().path.endsWith(u"nothing.stl"_s));
    QVERIFY(sorted.skipped.first().reason.contains(u"Empty (0 bytes)"_s));
}

// Dropped files wait in the queue, named, until valid details are confirmed for them.
void TestQueuePanel::waitsForValidDetails()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    makePanel();
    dropAndWait({copyTeapot(u"one.stl"_s), copyFile(kCube, u"two.stl"_s)});
    fillForm(u"not-an-email"_s, u"12.50"_s);

    OrderFactsBar *bar = m_panel->factsBar();
    // The rows are there, waiting, with no receiver or price that could be mistaken.
    QCOMPARE(m_panel->viewModel()->rowCount(), 2);
    QCOMPARE(text(*m_panel->viewModel(), 0, Col::State), u"Waiting for order details"_s);
    QCOMPARE(text(*m_panel->viewModel(), 0, Col::Receiver), u"\u2014"_s);
    QCOMPARE(bar->pendingCount(), 2);
    QCOMPARE(plural(child<QLabel>(u"batchFiles"_s)->text(), 2), u"For 2 files: one.stl, two.stl"_s);
    QVERIFY(child<QLabel>(u"pendingText"_s)->text().startsWith(u"Waiting for order details"_s));
    QPushButton *queue = bar->queueButton();
    QVERIFY(queue->isEnabled());
    QCOMPARE(plural(queue->text(), 2), u"Queue 2 files"_s);

    // Pressing Queue with the bad address confirms nothing, keeps the files waiting, and the
    // e-mail field says what is wrong.
    queue->click();
    QCOMPARE(bar->pendingCount(), 2);
    auto *emailMessage = child<QLabel>(u"fieldMessageText0"_s);
    QVERIFY(emailMessage->isVisibleTo(m_panel.get()));
    QCOMPARE(emailMessage->text(), checkEmail(u"not-an-email").error);
    for (const QueueItem &item : m_queue->items())
        QCOMPARE(item.state, QueueState::AwaitingDetails);

    // A later drop is a batch of its own: it waits behind, named, for its own details.
    dropAndWait({copyFile(kBox, u"three.stl"_s)});
    QCOMPARE(bar->pendingCount(), 2);
    QVERIFY(child<QLabel>(u"laterBatches"_s)->isVisibleTo(m_panel.get()));
    QVERIFY(child<QLabel>(u"laterBatches"_s)->text().contains(u"three.stl"_s));
    // Selecting the later file does not let it take the form's details with Apply.
    selectRows({2});
    auto *apply = child<QPushButton>(u"applyToSelected"_s);
    QVERIFY(apply->isVisibleTo(m_panel.get()));
    QVERIFY(!apply->isEnabled());
    QVERIFY(!enabled(A::EditDetails));
    selectRows({});

    child<QLineEdit>(u"receiverEmail"_s)->setText(u"bert@example.com"_s);
    QVERIFY(!emailMessage->isVisibleTo(m_panel.get()));
    queue->click();
    settle();
    // The next batch is the form's now, with a clean form of its own.
    QCOMPARE(bar->pendingFiles(), QStringList{m_dir->filePath(u"three.stl"_s)});
    QCOMPARE(child<QLineEdit>(u"receiverEmail"_s)->text(), u"receiver@example.com"_s);
    QVERIFY(child<QLineEdit>(u"price"_s)->text().isEmpty());
    QCOMPARE(m_panel->viewModel()->rowCount(), 3);
    const QStringList names{text(*m_panel->viewModel(), 0, Col::Name),
                            text(*m_panel->viewModel(), 1, Col::Name),
                            text(*m_panel->viewModel(), 2, Col::Name)};
    QCOMPARE(names, (QStringList{u"one.stl"_s, u"two.stl"_s, u"three.stl"_s}));
    const QList<QueueItem> items = m_queue->items();
    QCOMPARE(items.at(0).receiverEmail, u"bert@example.com"_s);
    QCOMPARE(items.at(1).receiverEmail, u"bert@example.com"_s);
    QCOMPARE(items.at(2).state, QueueState::AwaitingDetails);
    QVERIFY(items.at(2).receiverEmail.isEmpty());

    // "Don't queue them" takes the waiting file off the queue; the file stays on disk.
    child<QPushButton>(u"forgetPending"_s)->click();
    settle();
    QCOMPARE(bar->pendingCount(), 0);
    QVERIFY(!queue->isEnabled());
    QCOMPARE(m_panel->viewModel()->rowCount(), 2);
    QVERIFY(QFile::exists(m_dir->filePath(u"three.stl"_s)));
}

// A price of nothing or of a slip of the keyboard is asked about before the files go: Change
// keeps them waiting with the price field focused, Keep queues them as they are.
void TestQueuePanel::asksAboutDoubtfulPrices()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    makePanel();
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    dropAndWait({copyTeapot(u"free.stl"_s)});
    OrderFactsBar *bar = m_panel->factsBar();
    const auto question = [this] {
        return m_panel->findChild<QMessageBox *>(u"priceConfirmation"_s);
    };

    fillForm(u"bert@example.com"_s, u"99999999999"_s);
    bar->queueButton()->click();
    QTRY_VERIFY(question() && question()->isVisible());
    QVERIFY2(question()->text().contains(u"100,000"_s), qPrintable(question()->text()));
    question()->findChild<QPushButton *>(u"changePrice"_s)->click();
    QTRY_VERIFY(!question());
    QCOMPARE(bar->pendingCount(), 1);
    QCOMPARE(m_queue->items().constFirst().state, QueueState::AwaitingDetails);
    QTRY_COMPARE(m_panel->focusWidget(), child<QLineEdit>(u"price"_s));

    fillForm(u"bert@example.com"_s, u"0"_s);
    bar->queueButton()->click();
    QTRY_VERIFY(question() && question()->isVisible());
    QVERIFY2(question()->text().contains(u"free"_s), qPrintable(question()->text()));
    question()->findChild<QPushButton *>(u"keepPrice"_s)->click();
    QTRY_COMPARE(bar->pendingCount(), 0);
    QTRY_VERIFY(!question());
    QCOMPARE(m_queue->items().constFirst().receiverEmail, u"bert@example.com"_s);
    QVERIFY(m_queue->items().constFirst().price.mantissa() == 0);

    // An ordinary price goes without a question.
    dropAndWait({copyTeapot(u"paid.stl"_s)});
    fillForm(u"bert@example.com"_s, u"12.50"_s);
    QCOMPARE(bar->pendingCount(), 1);
    bar->queueButton()->click();
    settle();
    QCOMPARE(bar->pendingCount(), 0);
    QTRY_VERIFY(!question());

    // The currency just confirmed heads the list, then those of earlier orders.
    bar->setRecentCurrencies({u"GBP"_s, u"EUR"_s});
    auto *currency = child<QComboBox>(u"currency"_s);
    QCOMPARE(recentCurrenciesOf(currency), (QStringList{u"EUR"_s, u"GBP"_s}));
    QCOMPARE(currency->itemText(0), currencyLabel(u"EUR"_s));
    QVERIFY(currency->itemText(2).isEmpty()); // the separator
    QCOMPARE(currency->currentData().toString(), u"EUR"_s);
}

// A store that cannot write: the banner says so and the dropped file is listed as not
// queued, with the store's reason, instead of vanishing.
void TestQueuePanel::storeErrorKeepsDroppedFiles()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    makePanel();
    const qint64 pages = *m_store->pageCountForTesting();
    QCOMPARE(*m_store->setMaxPageCountForTesting(pages), pages);
    // Fill the last page with rows of another environment.
    for (int i = 0; i < 100'000; ++i) {
        QueueItem filler;
        filler.environment = u"https://other.example/api3/"_s;
        filler.sourcePath = QString::number(i);
        if (!m_store->addQueueItem(filler))
            break;
    }
    const QString file = copyTeapot(u"kept.stl"_s);
    dropAndWait({file});
    auto *banner = child<QueueNotice>(u"queueStoreNotice"_s);
    QVERIFY(banner->isVisibleTo(m_panel.get()));
    QVERIFY2(banner->text().contains(u"disk is full"_s), qPrintable(banner->text()));
    QCOMPARE(m_panel->skippedFiles().size(), 1);
    QCOMPARE(m_panel->skippedFiles().first().path, file);
    QCOMPARE(m_panel->factsBar()->pendingCount(), 0);
    QVERIFY(enabled(A::ResumeAll)); // lifts the store's hold

    QVERIFY(*m_store->setMaxPageCountForTesting(1 << 30) > pages);
    child<QPushButton>(u"storeResume"_s)->click();
    QVERIFY(!banner->isVisibleTo(m_panel.get()));
    dropAndWait({file});
    QCOMPARE(m_panel->viewModel()->rowCount(), 1);
    QCOMPARE(m_panel->factsBar()->pendingFiles(), QStringList{file});
}

// Files left waiting by an earlier run are named again; which of them arrived together is
// not known, so each waits for details of its own.
void TestQueuePanel::restoresWaitingFilesOneBatchEach()
{
    startSandbox();
    makeQueue();
    const QString first = copyTeapot(u"first.stl"_s);
    const QString second = copyFile(kCube, u"second.stl"_s);
    QVERIFY(m_queue->addFileAwaitingDetails(first));
    QVERIFY(m_queue->addFileAwaitingDetails(second));
    makePanel();
    OrderFactsBar *bar = m_panel->factsBar();
    QCOMPARE(bar->pendingFiles(), QStringList{first});
    QVERIFY(child<QLabel>(u"laterBatches"_s)->text().contains(u"second.stl"_s));
    fillForm(u"anna@example.com"_s, u"5"_s);
    confirm();
    QCOMPARE(bar->pendingFiles(), QStringList{second});
    const QList<QueueItem> items = m_queue->items();
    QCOMPARE(items.at(0).receiverEmail, u"anna@example.com"_s);
    QCOMPARE(items.at(1).state, QueueState::AwaitingDetails);
}

// Thumbnail, size, triangles and dimensions come from the off-thread inspection.
void TestQueuePanel::showsFileMetrics()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    makePanel();
    dropAndWait({copyFile(kCube, u"cube.stl"_s), copyFile(kBrokenStl, u"broken.stl"_s)});
    fillForm(u"anna@example.com"_s, u"5"_s);
    confirm();
    const QueueViewModel &model = *m_panel->viewModel();
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 0, Col::Triangles), u"260"_s, kWait);
    QCOMPARE(text(model, 0, Col::Dimensions), u"20.0 \u00d7 20.0 \u00d7 20.0 mm"_s);
    QCOMPARE(text(model, 0, Col::Size), u"13.1 kB"_s);
    QCOMPARE(model.index(0, Col::Size).data(UploadQueueModel::RawValueRole).toLongLong(), 13084);
    // The picture follows the metrics.
    QTRY_COMPARE_WITH_TIMEOUT(model.index(0, Col::Name).data(Qt::DecorationRole).typeId(),
                              QMetaType::QPixmap, kWait);
    const QVariant thumbnail = model.index(0, Col::Name).data(Qt::DecorationRole);
    QCOMPARE(thumbnail.value<QPixmap>().deviceIndependentSize().toSize(),
             QSize(FileThumbnails::kThumbnailSize, FileThumbnails::kThumbnailSize));

    // An unusable file shows a dash, fails in the queue, and says why.
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 1, Col::Triangles), u"\u2014"_s, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 1, Col::State), u"Failed"_s, kWait);
    const QString reason = model.index(1, Col::State).data(QueueViewModel::ReasonRole).toString();
    QVERIFY(!reason.isEmpty());
    QVERIFY(text(model, 1, Col::State, Qt::ToolTipRole).contains(reason));
    QVERIFY(text(model, 1, Col::Name, Qt::ToolTipRole).contains(u"broken.stl"_s));
    QVERIFY(!model.index(0, Col::Dimensions).data(Qt::DecorationRole).isValid());

    // A design a few units across was drawn in inches: flagged, with its size in inches.
    const QByteArray inches = stl::toBinaryStl(stl::makeBox({0, 0, 0}, {0.92f, 1.52f, 3.24f}));
    QFile file(m_dir->filePath(u"inches.stl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(inches) == inches.size());
    file.close();
    dropAndWait({file.fileName()});
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 2, Col::Triangles), u"12"_s, kWait);
    QCOMPARE(text(model, 2, Col::Dimensions), u"0.92 × 1.52 × 3.24 mm"_s);
    QVERIFY(model.index(2, Col::Dimensions).data(Qt::DecorationRole).isValid());
    QCOMPARE(text(model, 2, Col::Dimensions, Qt::ToolTipRole),
             u"Probably drawn in inches, not millimetres: it would be 23.4 × 38.6 × "
             "82.3 mm."_s);
    QVERIFY(text(model, 2, Col::Name, Qt::ToolTipRole).contains(u"inches"_s));
}

// --- editing -----------------------------------------------------------------------------

void TestQueuePanel::editsSeveralRowsAtOnce()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    const qint64 a = *m_queue->addFile(copyTeapot(u"a.stl"_s), facts());
    const qint64 b = *m_queue->addFile(copyTeapot(u"b.stl"_s), facts());
    const qint64 c = *m_queue->addFile(copyTeapot(u"c.stl"_s), facts());
    makePanel();
    QCOMPARE(m_panel->viewModel()->rowCount(), 3);
    auto *apply = child<QPushButton>(u"applyToSelected"_s);
    QVERIFY(!apply->isVisibleTo(m_panel.get()));

    selectRows({0, 2});
    QCOMPARE(m_panel->selectedItemIds(), (QList<qint64>{a, c}));
    QVERIFY(apply->isVisibleTo(m_panel.get()));
    QCOMPARE(plural(apply->text(), 2), u"Apply to 2 selected rows"_s);

    // Edit details loads the first row's details; then a new price and currency.
    m_panel->action(A::EditDetails)->trigger();
    QCOMPARE(child<QLineEdit>(u"receiverEmail"_s)->text(), u"receiver@example.com"_s);
    QCOMPARE(child<QLineEdit>(u"price"_s)->text(), u"12.50"_s);
    QCOMPARE(child<QLineEdit>(u"partnerJobId"_s)->text(), u"job-1"_s);
    fillForm(u"receiver@example.com"_s, u"1,234.5"_s, u"GBP"_s);
    apply->click();
    settle();

    for (const qint64 id : {a, c}) {
        QCOMPARE(itemOf(id).price, *Decimal::fromString(u"1234.5"));
        QCOMPARE(itemOf(id).currency, u"GBP"_s);
        QCOMPARE(itemOf(id).receiverEmail, u"receiver@example.com"_s);
        QCOMPARE(itemOf(id).partnerJobId, u"job-1"_s);
    }
    QCOMPARE(itemOf(b).price, *Decimal::fromString(u"12.50"));
    QCOMPARE(itemOf(b).currency, u"EUR"_s);
    QCOMPARE(text(*m_panel->viewModel(), 0, Col::Price), u"GBP\u00a01,234.50"_s);
    QCOMPARE(text(*m_panel->viewModel(), 1, Col::Price), u"EUR\u00a012.50"_s);
    auto *outcome = child<QueueNotice>(u"queueEditNotice"_s);
    QVERIFY(outcome->isVisibleTo(m_panel.get()));
    QCOMPARE(plural(outcome->title(), 2), u"Changed the details of 2 rows."_s);

    // A bad price is refused at the field, and nothing changes.
    fillForm(u"receiver@example.com"_s, u"-3"_s);
    apply->click();
    QVERIFY(child<QLabel>(u"fieldMessageText1"_s)->isVisibleTo(m_panel.get()));
    QCOMPARE(itemOf(a).price, *Decimal::fromString(u"1234.5"));
}

void TestQueuePanel::editsInPlace()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    const qint64 id = *m_queue->addFile(copyTeapot(u"a.stl"_s), facts());
    makePanel();
    QueueViewModel &model = *m_panel->viewModel();
    QSignalSpy rejected(&model, &QueueViewModel::editRejected);
    QVERIFY(model.flags(model.index(0, Col::Price)) & Qt::ItemIsEditable);
    QVERIFY(!(model.flags(model.index(0, Col::Name)) & Qt::ItemIsEditable));

    QVERIFY(!model.setData(model.index(0, Col::Price), u"ten"_s));
    QCOMPARE(rejected.size(), 1);
    QVERIFY(child<QueueNotice>(u"queueEditNotice"_s)->isVisibleTo(m_panel.get()));
    QVERIFY(!model.setData(model.index(0, Col::Receiver), u"nobody"_s));
    QCOMPARE(rejected.size(), 2);

    QVERIFY(model.setData(model.index(0, Col::Price), u"15.5"_s));
    QVERIFY(model.setData(model.index(0, Col::JobId), u"  order-77 "_s));
    settle();
    QCOMPARE(itemOf(id).price, *Decimal::fromString(u"15.5"));
    QCOMPARE(itemOf(id).partnerJobId, u"order-77"_s);
    QCOMPARE(text(model, 0, Col::JobId), u"order-77"_s);
    QCOMPARE(text(model, 0, Col::Price, Qt::EditRole), u"15.50"_s);
}

// A price typed into the row gets the same second look as in the form: window-modal, Change
// opens the row's editor again, Keep sets it; an ordinary price goes without a question.
void TestQueuePanel::asksAboutDoubtfulPricesInTheRow()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    const qint64 id = *m_queue->addFile(copyTeapot(u"a.stl"_s), facts());
    makePanel();
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    const Decimal before = itemOf(id).price;
    QueueViewModel &model = *m_panel->viewModel();
    QAbstractItemView *view = m_panel->view();
    const QModelIndex cell = model.index(0, Col::Price);
    const auto editor = [view]() -> QLineEdit * {
        for (QLineEdit *line : view->viewport()->findChildren<QLineEdit *>())
            if (line->isVisible())
                return line;
        return nullptr;
    };
    const auto question = [this] {
        return m_panel->findChild<QMessageBox *>(u"priceConfirmation"_s);
    };
    const auto typeIntoRow = [&](const QString &price) {
        view->setCurrentIndex(cell);
        view->edit(cell);
        QTRY_VERIFY(editor());
        editor()->setText(price);
        QTest::keyClick(editor(), Qt::Key_Return);
    };

    // Checked and waiting for a free upload slot: the row's cells stay as they are.
    QTRY_COMPARE(itemOf(id).state, QueueState::Ready);
    typeIntoRow(u"0"_s);
    QTRY_VERIFY(question() && question()->isVisible());
    QCOMPARE(question()->windowModality(), Qt::WindowModal);
    QVERIFY2(question()->text().contains(u"free"_s), qPrintable(question()->text()));
    QCOMPARE(itemOf(id).price, before); // nothing set while it is asked
    question()->findChild<QPushButton *>(u"changePrice"_s)->click();
    QTRY_VERIFY(!question());
    QTRY_VERIFY(editor()); // back in the row's editor
    QCOMPARE(itemOf(id).price, before);
    QTest::keyClick(editor(), Qt::Key_Escape);
    QTRY_VERIFY(!editor());

    typeIntoRow(u"99999999999"_s);
    QTRY_VERIFY(question() && question()->isVisible());
    QVERIFY2(question()->text().contains(u"100,000"_s), qPrintable(question()->text()));
    question()->findChild<QPushButton *>(u"keepPrice"_s)->click();
    QTRY_COMPARE(itemOf(id).price, *Decimal::fromString(u"99999999999"));
    QTRY_VERIFY(!question());

    // An ordinary price goes without a question.
    typeIntoRow(u"15.5"_s);
    QTRY_COMPARE(itemOf(id).price, *Decimal::fromString(u"15.5"));
    QVERIFY(!question());
}

// --- actions -----------------------------------------------------------------------------

void TestQueuePanel::actionsFollowSelectionAndState()
{
    startSandbox();
    makeQueue();
    makePanel();
    fillForm(u"anna@example.com"_s, u"5"_s);
    const qint64 done = *m_queue->addFile(copyTeapot(u"done.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(done), u"done"_s, kWait);
    m_queue->setMaxParallel(0);
    const qint64 ready = *m_queue->addFile(copyFile(kCube, u"ready.stl"_s), facts());
    const qint64 bad = *m_queue->addFile(copyFile(kEmptyStl, u"bad.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(ready), u"ready"_s, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(bad), u"failed"_s, kWait);
    QCOMPARE((QList<qint64>{idAt(0), idAt(1), idAt(2)}), (QList<qint64>{done, ready, bad}));

    // Nothing selected: only the queue actions that apply.
    selectRows({});
    for (const A row : {A::EditDetails, A::Retry, A::Cancel, A::Pause, A::Resume, A::Remove,
                        A::MoveToTop, A::MoveUp, A::MoveDown, A::MoveToBottom})
        QVERIFY(!enabled(row));
    QVERIFY(enabled(A::RetryFailed));
    QVERIFY(enabled(A::ClearFinished));
    QVERIFY(enabled(A::PauseAll)); // the ready row
    QVERIFY(!enabled(A::ResumeAll));

    // The done row: it can only go away or move down.
    selectRows({0});
    QVERIFY(!enabled(A::Retry));
    QVERIFY(!enabled(A::Cancel));
    QVERIFY(!enabled(A::EditDetails));
    QVERIFY(!enabled(A::Pause));
    QVERIFY(enabled(A::Remove));
    QVERIFY(!enabled(A::MoveUp));
    QVERIFY(!enabled(A::MoveToTop));
    QVERIFY(enabled(A::MoveDown));

    // The ready row in the middle.
    selectRows({1});
    QVERIFY(!enabled(A::Retry));
    QVERIFY(enabled(A::Cancel));
    QVERIFY(enabled(A::EditDetails));
    QVERIFY(enabled(A::Pause));
    QVERIFY(!enabled(A::Resume));
    QVERIFY(enabled(A::MoveUp));
    QVERIFY(enabled(A::MoveDown));

    // The failed row at the bottom.
    selectRows({2});
    QVERIFY(enabled(A::Retry));
    QVERIFY(!enabled(A::MoveDown));
    QVERIFY(!enabled(A::MoveToBottom));
    QVERIFY(enabled(A::MoveUp));

    // Pausing follows into the actions at once.
    selectRows({1});
    m_panel->action(A::Pause)->trigger();
    settle();
    QCOMPARE(stateOf(ready), u"paused"_s);
    QVERIFY(!enabled(A::Pause));
    QVERIFY(enabled(A::Resume));
    QVERIFY(enabled(A::ResumeAll));
    m_panel->action(A::Resume)->trigger();
    settle();
    QVERIFY(stateOf(ready) != u"paused"_s);
    QVERIFY(!enabled(A::Resume));

    // Every row selected: nothing can move.
    selectRows({0, 1, 2});
    QVERIFY(!enabled(A::MoveUp));
    QVERIFY(!enabled(A::MoveDown));
    QVERIFY(enabled(A::Retry));

    // Details applied to a done and a ready row: the done one is skipped, and said so.
    selectRows({0, 1});
    QCOMPARE(plural(child<QPushButton>(u"applyToSelected"_s)->text(), 2),
             u"Apply to 2 selected rows"_s);
    fillForm(u"anna@example.com"_s, u"99"_s);
    child<QPushButton>(u"applyToSelected"_s)->click();
    settle();
    QCOMPARE(itemOf(ready).price, *Decimal::fromString(u"99"));
    QCOMPARE(itemOf(done).price, *Decimal::fromString(u"12.50"));
    auto *outcome = child<QueueNotice>(u"queueEditNotice"_s);
    QCOMPARE(plural(outcome->title(), 1), u"Changed the details of 1 row."_s);
    QVERIFY(plural(outcome->text(), 1).contains(u"1 row skipped"_s));

    // Clear finished takes the done row; Retry failed checks the bad file again.
    m_panel->action(A::ClearFinished)->trigger();
    settle();
    QCOMPARE(m_panel->viewModel()->rowCount(), 2);
    QVERIFY(!enabled(A::ClearFinished));
    m_panel->action(A::RetryFailed)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(bad), u"failed"_s, kWait);
}

void TestQueuePanel::movesSelectedRows()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    const qint64 a = *m_queue->addFile(copyTeapot(u"a.stl"_s), facts());
    const qint64 b = *m_queue->addFile(copyTeapot(u"b.stl"_s), facts());
    const qint64 c = *m_queue->addFile(copyTeapot(u"c.stl"_s), facts());
    const qint64 d = *m_queue->addFile(copyTeapot(u"d.stl"_s), facts());
    makePanel();
    const auto order = [this] {
        QList<qint64> ids;
        for (int row = 0; row < m_panel->viewModel()->rowCount(); ++row)
            ids << idAt(row);
        return ids;
    };
    selectRows({3});
    m_panel->action(A::MoveToTop)->trigger();
    settle();
    QCOMPARE(order(), (QList<qint64>{d, a, b, c}));
    QCOMPARE(m_panel->selectedItemIds(), QList<qint64>{d}); // the selection follows the row
    QVERIFY(!enabled(A::MoveUp));

    m_panel->action(A::MoveDown)->trigger();
    settle();
    QCOMPARE(order(), (QList<qint64>{a, d, b, c}));

    // A block moves as one and keeps its order.
    selectRows({2, 3});
    m_panel->action(A::MoveUp)->trigger();
    settle();
    QCOMPARE(order(), (QList<qint64>{a, b, c, d}));
    QCOMPARE(m_panel->selectedItemIds(), (QList<qint64>{b, c}));
    m_panel->action(A::MoveToBottom)->trigger();
    settle();
    QCOMPARE(order(), (QList<qint64>{a, d, b, c}));
    m_panel->action(A::MoveToTop)->trigger();
    settle();
    QCOMPARE(order(), (QList<qint64>{b, c, a, d}));
    QCOMPARE(m_panel->selectedItemIds(), (QList<qint64>{b, c}));
}

void TestQueuePanel::deleteKeyRemovesRows()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    *m_queue->addFile(copyTeapot(u"a.stl"_s), facts());
    const qint64 b = *m_queue->addFile(copyTeapot(u"b.stl"_s), facts());
    makePanel();
    QCOMPARE(m_panel->action(A::Remove)->shortcut(), QKeySequence(QKeySequence::Delete));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    m_panel->view()->setFocus();
    selectRows({0});
    QTest::keyClick(m_panel->view(), Qt::Key_Delete);
    settle();
    QCOMPARE(m_panel->viewModel()->rowCount(), 1);
    QCOMPARE(idAt(0), b);
    QCOMPARE(m_queue->items().size(), 1);

    // In a text field Delete edits the text.
    auto *email = child<QLineEdit>(u"receiverEmail"_s);
    email->setFocus();
    email->setCursorPosition(0);
    selectRows({0});
    QTest::keyClick(email, Qt::Key_Delete);
    settle();
    QCOMPARE(m_panel->viewModel()->rowCount(), 1);
    QCOMPARE(email->text(), u"eceiver@example.com"_s);

    // The last row gone: the drop target is back.
    m_panel->view()->setFocus();
    QTest::keyClick(m_panel->view(), Qt::Key_Delete);
    settle();
    QCOMPARE(m_panel->viewModel()->rowCount(), 0);
    QCOMPARE(child<QStackedWidget>(u"queueStack"_s)->currentWidget()->objectName(),
             u"queueDropTarget"_s);
}

// --- following the queue -----------------------------------------------------------------

void TestQueuePanel::followsAnUploadUntilDone()
{
    startSandbox();
    makeQueue();
    makePanel();
    QSignalSpy summary(m_panel.get(), &QueuePanel::summaryChanged);
    dropAndWait({copyTeapot(u"teapot.stl"_s)});
    fillForm(u"anna@example.com"_s, u"7.25"_s, u"USD"_s);
    confirm();
    const QueueViewModel &model = *m_panel->viewModel();
    QCOMPARE(model.rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 0, Col::State), u"Done"_s, kWait);
    QCOMPARE(model.index(0, Col::State).data(QueueViewModel::StateIconRole).toString(),
             u":/icons/status-success.svg"_s);
    QVERIFY(!model.index(0, Col::Price).flags().testFlag(Qt::ItemIsEditable));
    QVERIFY(!model.index(0, 0).data(UploadQueueModel::TokenRole).toString().isEmpty());
    QVERIFY(!enabled(A::Retry));
    QVERIFY(enabled(A::ClearFinished));
    QVERIFY(!summary.isEmpty());
    QCOMPARE(m_panel->summary(), u"1 in the upload queue: 1 finished"_s);
    const QImage shot = m_panel->view()->grab().toImage();
    QVERIFY(!shot.isNull());
}

void TestQueuePanel::showsDuplicates()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    makePanel();
    dropAndWait({copyTeapot(u"first.stl"_s), copyTeapot(u"again.stl"_s)});
    fillForm(u"anna@example.com"_s, u"5"_s);
    confirm();
    auto *notice = child<QueueNotice>(u"queueDuplicateNotice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(notice->isVisibleTo(m_panel.get()), kWait);
    QCOMPARE(notice->detailCount(), 1);
    QTreeWidgetItem *line = notice->details()->topLevelItem(0);
    QVERIFY(line->text(0).contains(u"anna@example.com"_s));
    QVERIFY2(line->text(1).contains(u".stl"_s), qPrintable(line->text(1)));
    // Activating the line selects its row.
    const qint64 id = line->data(0, Qt::UserRole).toLongLong();
    Q_EMIT notice->details()->itemActivated(line, 0);
    QCOMPARE(m_panel->selectedItemIds(), QList<qint64>{id});
}

// On a slowed line the State cell paints a progress bar with speed and time left.
void TestQueuePanel::progressDelegatePaintsAnUpload()
{
    FaultPlan slow;
    slow.uploadBytesPerSecond = 2'000'000;
    startSandbox(slow);
    makeQueue();
    makePanel();
    const QString big = makeStl(u"big-torus.stl"_s, 16000); // 16 MB: about 8 s
    QVERIFY(!big.isEmpty());
    const qint64 id = *m_queue->addFile(big, facts());
    const QueueViewModel &model = *m_panel->viewModel();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"uploading"_s, kWait);
    const QModelIndex state = model.index(0, Col::State);
    QTRY_VERIFY_WITH_TIMEOUT(state.data(QueueViewModel::ProgressRole).toDouble() > 0.0, kWait);
    QTRY_VERIFY2_WITH_TIMEOUT(QueueStateDelegate::transferLine(state).contains(u"left"_s),
                              qPrintable(QueueStateDelegate::transferLine(state) + u" | "_s +
                                         state.data(QueueViewModel::SpeedTextRole).toString() +
                                         u" | "_s +
                                         state.data(QueueViewModel::TimeLeftTextRole).toString()),
                              kWait);
    QVERIFY(QueueStateDelegate::transferLine(state).contains(u"/s"_s));

    m_panel->show();
    const QImage shot = m_panel->view()->grab().toImage();
    QVERIFY(!shot.isNull());
    const QRect cell = m_panel->view()->visualRect(state);
    QVERIFY(cell.isValid());
    // Something is painted in the cell: not a single flat colour.
    const QImage cellImage = shot.copy(cell.translated(m_panel->view()->viewport()->pos()));
    QSet<QRgb> colours;
    for (int x = 0; x < cellImage.width(); x += 3)
        colours.insert(cellImage.pixel(x, cellImage.height() / 2));
    QVERIFY(colours.size() > 3);
    QVERIFY(enabled(A::PauseAll));
    m_queue->cancel(id);
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 0, Col::State), u"Cancelled"_s, kWait);
}

void TestQueuePanel::screenshots()
{
    // The panel with an upload, a failure and a finished row, and the empty state. Written
    // where PC_SCREENSHOT_DIR points (to look at), else only rendered.
    const QString folder = qEnvironmentVariable("PC_SCREENSHOT_DIR");
    FaultPlan slow;
    slow.uploadBytesPerSecond = 1'500'000;
    startSandbox(slow);
    makeQueue();
    makePanel();
    m_panel->show();
    const auto save = [&folder](QWidget *widget, const QString &name) {
        const QPixmap shot = widget->grab();
        QVERIFY(!shot.isNull());
        if (!folder.isEmpty())
            QVERIFY(shot.save(QDir(folder).filePath(name)));
    };
    save(m_panel.get(), u"queuepanel-empty.png"_s);

    const auto fillAndConfirm = [this] {
        fillForm(u"anna.berg@example.com"_s, u"24.90"_s, u"EUR"_s);
        child<QLineEdit>(u"partnerJobId"_s)->setText(u"SHOP-1042"_s);
        confirm();
    };
    dropAndWait({copyFile(kCube, u"calibration-cube.stl"_s)});
    fillAndConfirm();
    QTRY_COMPARE_WITH_TIMEOUT(text(*m_panel->viewModel(), 0, Col::State), u"Done"_s, kWait);
    dropAndWait({makeStl(u"vase-torus.stl"_s, 20000), copyFile(kBrokenStl, u"broken-export.stl"_s),
                 copyTeapot(u"teapot.stl"_s)});
    fillAndConfirm();
    const QueueViewModel &model = *m_panel->viewModel();
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 1, Col::State), u"Uploading"_s, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 2, Col::State), u"Failed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(
        QueueStateDelegate::transferLine(model.index(1, Col::State)).contains(u"left"_s), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(text(model, 3, Col::Triangles), u"894"_s, kWait);
    selectRows({3});
    QApplication::processEvents();
    save(m_panel.get(), u"queuepanel-rows.png"_s);

    // Something dragged over the panel: the hint shows where it lands.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kBox)});
    QDragEnterEvent enter(m_panel->rect().center(), Qt::CopyAction, &mime, Qt::LeftButton,
                          Qt::NoModifier);
    QApplication::sendEvent(m_panel.get(), &enter);
    QVERIFY(enter.isAccepted());
    QVERIFY(child<QLabel>(u"queueDropHint"_s)->isVisible());
    save(m_panel.get(), u"queuepanel-dragging.png"_s);
    QDragLeaveEvent leave;
    QApplication::sendEvent(m_panel.get(), &leave);
    QVERIFY(!child<QLabel>(u"queueDropHint"_s)->isVisible());

    // Files waiting for details, with the field's message.
    dropAndWait({copyFile(kBox, u"bracket.stl"_s), u"/nonexistent/readme.txt"_s});
    fillForm(u"anna.berg@"_s, u"24.90"_s);
    QApplication::processEvents();
    save(m_panel.get(), u"queuepanel-waiting.png"_s);
}

QTEST_MAIN(TestQueuePanel)
#include "tst_queuepanel.moc"
