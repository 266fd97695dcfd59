// The work window with the keyboard alone, and in a small window: a sample design queued,
// its details typed and confirmed, the orders table reached and left in one Tab stop, every
// pane reached by its shortcut, the quit question while files wait or upload; and at
// 1024 x 700 the window, the columns that say how things go, and Settings all fit.
//
// With PC_SCREENSHOT_DIR set, screenshots() also saves the window as the screen shows it
// (run it on an X display of the size to look at; PC_SCREENSHOT_LANG=de for German,
// PC_SCREENSHOT_PREFIX before each file name): the first start, files waiting with an order
// selected ("main"), the print page, a form error, Settings with a problem, the quit question.
// For example, on an Xvfb display of 1024 x 700 and of 1400 x 900, in both languages:
//   PC_SCREENSHOT_DIR=shots PC_SCREENSHOT_PREFIX=de-1024x700- PC_SCREENSHOT_LANG=de
//   QTWEBENGINE_DISABLE_SANDBOX=1 build/dev/tests/tst_keyboardflow screenshots

#include "consolesession.h"
#include "mainwindow.h"
#include "orderdetails.h"
#include "orderfactsbar.h"
#include "orderspanel.h"
#include "ordertablemodel.h"
#include "queuepanel.h"
#include "queueviewmodel.h"
#include "sandboxmenu.h"
#include "settingsdialog.h"
#include "tokenview.h"
#include "workwindowfixture.h"

#include "common/translations.h"
#include "orders/uploadqueue.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxserver.h"
#include "uploadqueuemodel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSet>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

constexpr int kWait = 30000;
const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
const QString kSphere = QStringLiteral(PC_TEST_DATA_DIR "/stl/assimp__sphereWithHole.stl");
const QString kRound = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__round.stl");
const QString kSpider = QStringLiteral(PC_TEST_DATA_DIR "/stl/assimp__Spider_binary.stl");
const QString kWuson = QStringLiteral(PC_TEST_DATA_DIR "/stl/assimp__Wuson.stl");
const QString kMax = QStringLiteral(PC_TEST_DATA_DIR "/stl/assimp__3DSMaxExport.STL");

// The offscreen platform has no window manager: a menu or dialog that closes leaves no
// window active (or, late, the closed one). As a window manager would, the keyboard goes
// back to the window when nothing else is open.
void giveKeyboardTo(QWidget *window)
{
    if (QApplication::activePopupWidget())
        return;
    QWidget *wanted =
        QApplication::activeModalWidget() ? QApplication::activeModalWidget() : window;
    if (QApplication::activeWindow() != wanted)
        QApplication::setActiveWindow(wanted);
}

// Where a key press goes: an open menu or dialog first, then the focus.
QWidget *keyTarget(QWidget *window)
{
    giveKeyboardTo(window);
    if (QWidget *popup = QApplication::activePopupWidget())
        return popup;
    if (QWidget *modal = QApplication::activeModalWidget())
        return modal->focusWidget() ? modal->focusWidget() : modal;
    if (QWidget *focus = QApplication::focusWidget())
        return focus;
    return window;
}

void press(QWidget *window, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(keyTarget(window), key, modifiers);
}

void type(QWidget *window, const QString &text)
{
    QTest::keyClicks(keyTarget(window), text);
}

bool focusIn(const QWidget *container)
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && (focus == container || container->isAncestorOf(focus));
}

QMessageBox *quitQuestion(const QWidget &window)
{
    const auto boxes = window.findChildren<QMessageBox *>(u"quitQuestion"_s);
    for (QMessageBox *box : boxes) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

// Whether column `column` of `view` lies inside its viewport, without scrolling sideways.
bool columnInSight(const QAbstractItemView *view, const QHeaderView *header, int column)
{
    const int left = header->sectionViewportPosition(column);
    const int right = left + header->sectionSize(column);
    return !header->isSectionHidden(column) && left >= 0 && right <= view->viewport()->width();
}

void confirmWithKeyboard(MainWindow &window, const QString &email, const QString &price)
{
    OrderFactsBar *facts = window.queuePanel()->factsBar();
    // A batch that arrives takes the keyboard: the cursor is in the e-mail field.
    giveKeyboardTo(&window);
    QTRY_VERIFY(facts->findChild<QLineEdit *>(u"receiverEmail"_s)->hasFocus());
    type(&window, email);
    press(&window, Qt::Key_P, Qt::AltModifier); // "&Price"
    QVERIFY(facts->findChild<QLineEdit *>(u"price"_s)->hasFocus());
    type(&window, price);
    press(&window, Qt::Key_Return); // Return in a field is Queue
}

} // namespace

class TestKeyboardFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keyboardOnlyFlow();
    void quitAsksWhileFilesWait();
    void quitAsksDuringAnUpload();
    void paneShortcutsAreInTheViewMenu();
    void noTwoMnemonicsShareALetter_data();
    void noTwoMnemonicsShareALetter();
    void waitingFilesAreNamed();
    void printEndStaysUntilSeen();
    void smallScreenLayout();
    void busyQueueFitsASmallScreen();
    void firstStartFitsASmallScreen();
    void printPageDockKeepsItsPage();
    void printEndSaidOnce();
    void settingsFitASmallScreen();
    void screenshots();
};

void TestKeyboardFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString language = qEnvironmentVariable("PC_SCREENSHOT_LANG");
    if (!language.isEmpty())
        installTranslations(*qApp, QLocale(language));
}

void TestKeyboardFlow::keyboardOnlyFlow()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // Ctrl+1: the queue.
    press(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(focusIn(window.queuePanel()));

    // File > Queue a sample design, by its mnemonics.
    press(&window, Qt::Key_F, Qt::AltModifier);
    QTRY_VERIFY(QApplication::activePopupWidget());
    press(&window, Qt::Key_M);
    QTRY_COMPARE_WITH_TIMEOUT(window.queuePanel()->factsBar()->pendingCount(), 1, kWait);

    // The details, typed and confirmed.
    confirmWithKeyboard(window, u"customer@example.com"_s, u"12.50"_s);
    OrderTableModel &orders = rig.session->orders();
    QTRY_COMPARE_WITH_TIMEOUT(orders.rowCount(), 1, kWait);
    QCOMPARE(orders.orderAt(0)->receiverEmail, u"customer@example.com"_s);
    QCOMPARE(orders.orderAt(0)->price.toString(), u"12.50"_s);

    // The print page and the details by their shortcuts (before an order is selected: the
    // page itself is a web engine, which this headless suite does not start).
    press(&window, Qt::Key_5, Qt::ControlModifier);
    QTRY_VERIFY(focusIn(window.tokenDock()));
    QVERIFY(window.tokenDock()->isVisible());
    press(&window, Qt::Key_4, Qt::ControlModifier);
    auto *detailsDock = window.findChild<QDockWidget *>(u"detailsDock"_s);
    QTRY_VERIFY(focusIn(detailsDock));
    QVERIFY(detailsDock->isVisible());

    // Ctrl+3: the dashboard tab.
    auto *tabs = window.findChild<QTabWidget *>(u"workTabs"_s);
    press(&window, Qt::Key_3, Qt::ControlModifier);
    QTRY_COMPARE(tabs->currentIndex(), 1);
    QVERIFY(focusIn(tabs));

    // Ctrl+2: the orders table; Tab leaves it in one stop, Shift+Tab comes back.
    QTableView *table = window.ordersPanel()->tableView();
    press(&window, Qt::Key_2, Qt::ControlModifier);
    QTRY_VERIFY(table->hasFocus());
    // The table with the keyboard wears a frame in the highlight colour.
    const QImage framed = table->grab().toImage();
    QCOMPARE(framed.pixelColor(0, framed.height() / 2),
             table->palette().color(QPalette::Highlight));
    QCOMPARE(tabs->currentWidget(), window.ordersPanel());
    QVERIFY(!table->tabKeyNavigation());
    press(&window, Qt::Key_Down); // the arrows move inside
    press(&window, Qt::Key_Tab);
    QVERIFY2(!focusIn(table), "Tab stayed in the orders table");
    press(&window, Qt::Key_Backtab, Qt::ShiftModifier);
    QVERIFY(table->hasFocus());

    // F6 walks the panes: from the orders on to the dashboard, back with Shift+F6.
    press(&window, Qt::Key_F6);
    QTRY_COMPARE(tabs->currentIndex(), 1);
    press(&window, Qt::Key_F6, Qt::ShiftModifier);
    QTRY_VERIFY(table->hasFocus());

    // Every table and list of the window lets Tab go on.
    const auto views = window.findChildren<QAbstractItemView *>();
    for (const QAbstractItemView *view : views)
        QVERIFY2(!view->tabKeyNavigation(), qPrintable(view->objectName()));
}

void TestKeyboardFlow::quitAsksWhileFilesWait()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // Nothing to lose: no question (the flows above close their windows this way).
    QVERIFY(!window.createQuitQuestion());

    window.queuePanel()->addPaths({kTeapot, kSphere});
    QTRY_COMPARE_WITH_TIMEOUT(window.queuePanel()->factsBar()->pendingCount(), 2, kWait);

    press(&window, Qt::Key_Q, Qt::ControlModifier);
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = quitQuestion(window)));
    QVERIFY(window.isVisible());
    // It says which files wait and that they stay waiting.
    QVERIFY2(question->informativeText().contains(u"trimesh__teapot.stl"_s),
             qPrintable(question->informativeText()));
    QVERIFY(question->informativeText().contains(u"waiting for order details stay"_s));
    // Escape keeps working.
    press(&window, Qt::Key_Escape);
    QTRY_VERIFY(!quitQuestion(window));
    QVERIFY(window.isVisible());

    // Quit Now, by its mnemonic: the window closes, the files stay waiting in the queue.
    press(&window, Qt::Key_Q, Qt::ControlModifier);
    QTRY_VERIFY(quitQuestion(window));
    press(&window, Qt::Key_Q, Qt::AltModifier);
    QTRY_VERIFY(!window.isVisible());
    int waiting = 0;
    for (const QueueItem &item : rig.session->queue().items())
        waiting += item.state == QueueState::AwaitingDetails ? 1 : 0;
    QCOMPARE(waiting, 2);
}

void TestKeyboardFlow::quitAsksDuringAnUpload()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    FaultPlan stall;
    stall.stallUploadRate = 1; // the upload never ends
    stall.calls = FaultPlan::UploadCall;
    rig.sandbox.setFaultPlan(stall);
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));

    window.queuePanel()->addPaths({kTeapot});
    confirmWithKeyboard(window, u"customer@example.com"_s, u"3.00"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto items = rig.session->queue().items();
            return !items.isEmpty() && items.first().state == QueueState::Uploading;
        }(),
        kWait);

    press(&window, Qt::Key_Q, Qt::ControlModifier);
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = quitQuestion(window)));
    QVERIFY2(question->informativeText().contains(u"under way stop now: trimesh__teapot.stl"_s),
             qPrintable(question->informativeText()));
    QVERIFY(question->informativeText().contains(u"sends them again"_s));
    press(&window, Qt::Key_Escape);
    QTRY_VERIFY(!quitQuestion(window));
    QVERIFY(window.isVisible());

    // The application quitting (a termination signal, the session's end) closes the window
    // without a question nobody would answer.
    window.close();
    QVERIFY(!window.isVisible());
    QVERIFY(!quitQuestion(window));
}

void TestKeyboardFlow::paneShortcutsAreInTheViewMenu()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    auto *view = window.menuBar()->findChild<QMenu *>(u"menuView"_s);
    QVERIFY(view);
    QList<QKeySequence> shortcuts;
    for (const QAction *action : view->actions())
        shortcuts << action->shortcut();
    for (const QKeySequence &wanted :
         {QKeySequence(u"Ctrl+1"_s), QKeySequence(u"Ctrl+2"_s), QKeySequence(u"Ctrl+3"_s),
          QKeySequence(u"Ctrl+4"_s), QKeySequence(u"Ctrl+5"_s), QKeySequence(u"F6"_s),
          QKeySequence(u"Shift+F6"_s)})
        QVERIFY2(shortcuts.contains(wanted), qPrintable(wanted.toString()));

    // Alt+letter opens a menu, never a tab: the tab titles carry no mnemonic.
    auto *tabs = window.findChild<QTabWidget *>(u"workTabs"_s);
    for (int i = 0; i < tabs->count(); ++i)
        QVERIFY2(!tabs->tabText(i).contains(u'&'), qPrintable(tabs->tabText(i)));
}

void TestKeyboardFlow::noTwoMnemonicsShareALetter_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << u"en"_s;
    QTest::newRow("German") << u"de"_s;
}

// The texts with a mnemonic in the work window: menus, field labels, buttons.
QStringList mnemonicTexts(test::WorkWindowRig &rig)
{
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    SandboxMenu::install(&window, &rig.sandbox);
    QStringList texts;
    for (const QAction *menu : window.menuBar()->actions())
        texts << menu->text();
    const auto widgets = window.findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (qobject_cast<const QMenu *>(widget->window()))
            continue;
        if (const auto *label = qobject_cast<const QLabel *>(widget); label && label->buddy())
            texts << label->text();
        else if (const auto *button = qobject_cast<const QAbstractButton *>(widget))
            texts << button->text();
    }
    return texts;
}

// Alt+letter does one thing in the window: no menu, field label or button of the work
// surface shares its letter with another (the Sandbox menu included), in either language.
void TestKeyboardFlow::noTwoMnemonicsShareALetter()
{
    QFETCH(QString, language);
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    const QStringList english = mnemonicTexts(rig);
    QStringList texts = english;
    if (language != u"en"_s) {
        InstalledTranslations translations = installTranslations(*qApp, QLocale(language));
        texts = mnemonicTexts(rig);
        removeTranslations(*qApp, translations);
        // A text still in English has not been translated yet: its letter is the English
        // one, which says nothing about the translation's.
        QStringList untranslated;
        for (const QString &text : std::as_const(english)) {
            if (texts.removeAll(text) > 0 && text.contains(u'&'))
                untranslated << text;
        }
        if (!untranslated.isEmpty())
            qInfo().noquote() << "not translated yet:" << untranslated.join(u", "_s);
    }

    QMap<QChar, QStringList> owners;
    for (const QString &text : std::as_const(texts)) {
        for (qsizetype at = text.indexOf(u'&'); at >= 0 && at + 1 < text.size();
             at = text.indexOf(u'&', at + 2)) {
            if (text.at(at + 1) != u'&') {
                owners[text.at(at + 1).toLower()] << text;
                break;
            }
        }
    }
    QStringList clashes;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        if (it->size() > 1)
            clashes << u"%1: %2"_s.arg(it.key(), it->join(u" / "_s));
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; "_s)));
}

void TestKeyboardFlow::waitingFilesAreNamed()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.queuePanel()->addPaths({kTeapot, kSphere});
    QTRY_COMPARE_WITH_TIMEOUT(window.queuePanel()->factsBar()->pendingCount(), 2, kWait);
    const QString summary = window.statusBar()->findChild<QLabel *>(u"queueStatus"_s)->text();
    QVERIFY2(summary.contains(u"trimesh__teapot.stl"_s) &&
                 summary.contains(u"assimp__sphereWithHole.stl"_s),
             qPrintable(summary));
}

void TestKeyboardFlow::printEndStaysUntilSeen()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>(u"workTabs"_s);
    tabs->setCurrentIndex(1);

    Order order;
    order.fileName = u"bracket.stl"_s;
    order.receiverEmail = u"c@example.com"_s;
    order.status.status = JobStatus::Failure;
    Q_EMIT rig.session->printStatusChanged(order, PrintStatus());
    auto *sign = window.statusBar()->findChild<QAbstractButton *>(u"printEndSign"_s);
    QVERIFY(sign && sign->isVisible());
    QVERIFY2(sign->text().contains(u"bracket.stl"_s), qPrintable(sign->text()));
    QVERIFY2(tabs->tabText(0).contains(u'1'), qPrintable(tabs->tabText(0)));
    QCOMPARE(window.unseenPrintEnds().size(), 1);

    // Long after any status message went, it is still there; the orders seen, it goes.
    window.statusBar()->clearMessage();
    QVERIFY(sign->isVisible());
    tabs->setCurrentIndex(0);
    QVERIFY(!sign->isVisible());
    QVERIFY(window.unseenPrintEnds().isEmpty());
}

void TestKeyboardFlow::smallScreenLayout()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    OrderTableModel &orders = rig.session->orders();
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);

    // A 1024 x 700 screen, less a title bar and a panel.
    const QSize screen(1024, 700);
    const QSize room = screen - QSize(16, 48);
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= room.width() && minimum.height() <= room.height(),
             qPrintable(u"minimum %1 x %2"_s.arg(minimum.width()).arg(minimum.height())));

    // Files waiting, orders and a queue row: the form takes its room, and still the columns
    // that say how things go are in sight without scrolling sideways.
    window.queuePanel()->addPaths({kTeapot});
    QTRY_COMPARE_WITH_TIMEOUT(window.queuePanel()->factsBar()->pendingCount(), 1, kWait);
    window.queuePanel()
        ->factsBar()
        ->findChild<QLineEdit *>(u"receiverEmail"_s)
        ->setText(u"customer.with.a.long.name@example.com"_s);
    window.queuePanel()->factsBar()->findChild<QLineEdit *>(u"price"_s)->setText(u"9.50"_s);
    window.queuePanel()->factsBar()->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(orders.rowCount(), 1, kWait);
    window.queuePanel()->addPaths({kSphere});
    QTRY_COMPARE_WITH_TIMEOUT(window.queuePanel()->factsBar()->pendingCount(), 1, kWait);

    window.resize(room);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.size(), room);

    QTableView *table = window.ordersPanel()->tableView();
    QTRY_VERIFY(table->isVisible());
    QVERIFY2(columnInSight(table, table->horizontalHeader(), OrderTableModel::Status),
             qPrintable(u"Status at %1, viewport %2 wide"_s
                            .arg(table->horizontalHeader()->sectionViewportPosition(
                                OrderTableModel::Status))
                            .arg(table->viewport()->width())));
    QVERIFY(columnInSight(table, table->horizontalHeader(), OrderTableModel::Progress));
    QTreeView *queue = window.queuePanel()->view();
    QTRY_VERIFY(queue->isVisible());
    QVERIFY2(columnInSight(queue, queue->header(), QueueViewModel::State),
             qPrintable(u"State at %1, viewport %2 wide"_s
                            .arg(queue->header()->sectionViewportPosition(QueueViewModel::State))
                            .arg(queue->viewport()->width())));
    // The print page's dock lets the tables have the room, and may be made narrower still.
    QVERIFY(window.tokenDock()->minimumSizeHint().width() < 400);
}

// Rows a view shows without scrolling.
int rowsInSight(const QAbstractItemView *view, int rowHeight)
{
    return rowHeight > 0 ? view->viewport()->height() / rowHeight : 0;
}

// A busy shop at 1024 x 700: a file waits for its details while a queue row is selected (the
// form shows all its buttons) and orders are listed. The queue and the orders each keep
// three rows in sight, and the form's words take a line rather than a narrow column.
void TestKeyboardFlow::busyQueueFitsASmallScreen()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    OrderTableModel &orders = rig.session->orders();
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    OrderFactsBar *facts = window.queuePanel()->factsBar();
    for (const QString &file : {kTeapot, kRound}) {
        window.queuePanel()->addPaths({file});
        QTRY_COMPARE_WITH_TIMEOUT(facts->pendingCount(), 1, kWait);
        facts->findChild<QLineEdit *>(u"receiverEmail"_s)->setText(u"customer@example.com"_s);
        facts->findChild<QLineEdit *>(u"price"_s)->setText(u"9.50"_s);
        facts->queueButton()->click();
    }
    QTRY_COMPARE_WITH_TIMEOUT(orders.rowCount(), 2, kWait);
    window.queuePanel()->addPaths({kSphere});
    QTRY_COMPARE_WITH_TIMEOUT(facts->pendingCount(), 1, kWait);

    window.resize(QSize(1024, 700) - QSize(16, 48));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *queue = window.queuePanel()->view();
    queue->selectionModel()->select(queue->model()->index(0, 0),
                                    QItemSelectionModel::ClearAndSelect |
                                        QItemSelectionModel::Rows);
    window.ordersPanel()->selectOrder(orders.orderAt(0)->id);
    QTRY_VERIFY(facts->findChild<QPushButton *>(u"applyToSelected"_s)->isVisible());
    QTest::qWait(50); // the layouts settle after the selection
    QApplication::processEvents();

    QTableView *table = window.ordersPanel()->tableView();
    const int queueRow = queue->sizeHintForRow(0);
    const int orderRow = table->verticalHeader()->defaultSectionSize();
    QTRY_VERIFY2(rowsInSight(queue, queueRow) >= 3,
                 qPrintable(u"queue shows %1 rows: viewport %2 high, rows %3 high; form %4"_s
                                .arg(rowsInSight(queue, queueRow))
                                .arg(queue->viewport()->height())
                                .arg(queueRow)
                                .arg(facts->height())));
    QTRY_VERIFY2(rowsInSight(table, orderRow) >= 3,
                 qPrintable(u"orders show %1 rows: viewport %2 high, rows %3 high"_s
                                .arg(rowsInSight(table, orderRow))
                                .arg(table->viewport()->height())
                                .arg(orderRow)));
    // The waiting files' line takes the form's width, not a narrow column beside the buttons.
    auto *pending = facts->findChild<QLabel *>(u"pendingText"_s);
    QVERIFY2(pending->width() >= facts->width() / 3,
             qPrintable(u"the waiting line is %1 wide in a form %2 wide"_s.arg(pending->width())
                            .arg(facts->width())));
    // The fields keep their height, whatever the form scrolls.
    auto *email = facts->findChild<QLineEdit *>(u"receiverEmail"_s);
    QVERIFY(email->height() >= email->minimumSizeHint().height());
}

// A first start at 1024 x 700, in both languages: the drop zone's icon, heading and words do
// not overlap, and the orders' empty state is not cut.
void TestKeyboardFlow::firstStartFitsASmallScreen()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    for (const QString &language : {u"en"_s, u"de"_s}) {
        InstalledTranslations translations;
        if (language != u"en"_s)
            translations = installTranslations(*qApp, QLocale(language));
        {
            MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
            window.resize(QSize(1024, 700) - QSize(16, 48));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *zone = window.findChild<QWidget *>(u"queueDropZone"_s);
            QTRY_VERIFY(zone->isVisible());
            QApplication::processEvents();
            const auto inZone = [zone](const QWidget *widget) {
                return QRect(widget->mapTo(zone, QPoint(0, 0)), widget->size());
            };
            const QRect icon = inZone(zone->findChild<QWidget *>(u"queueDropIcon"_s));
            const QRect title = inZone(zone->findChild<QWidget *>(u"queueDropTitle"_s));
            const QRect text = inZone(zone->findChild<QWidget *>(u"queueDropText"_s));
            // Nothing of the queue part is hidden under the orders: the form, and the drop
            // target whole below it.
            auto *stack = window.findChild<QWidget *>(u"queueStack"_s);
            QVERIFY2(
                stack->geometry().bottom() < window.queuePanel()->height(),
                qPrintable(u"%1: the drop target ends at %2 in a queue part %3 high"_s.arg(language)
                               .arg(stack->geometry().bottom())
                               .arg(window.queuePanel()->height())));
            QVERIFY2(zone->height() <= stack->height(),
                     qPrintable(u"%1: the drop target is %2 high in %3"_s.arg(language)
                                    .arg(zone->height())
                                    .arg(stack->height())));
            const bool iconShown = zone->findChild<QWidget *>(u"queueDropIcon"_s)->isVisible();
            QVERIFY2((!iconShown || !icon.intersects(title)) && !title.intersects(text),
                     qPrintable(
                         u"%1: icon %2,%3 %4x%5, heading at %6, %7 high, text at %8"_s.arg(language)
                             .arg(icon.x())
                             .arg(icon.y())
                             .arg(icon.width())
                             .arg(icon.height())
                             .arg(title.y())
                             .arg(title.height())
                             .arg(text.y())));
            // Everything of the drop zone is in sight (the zone scrolls when it cannot be).
            QVERIFY2(zone->visibleRegion().boundingRect().contains(text.united(icon)) ||
                         qobject_cast<QScrollArea *>(zone->parentWidget()->parentWidget()),
                     qPrintable(language));
            // The orders' empty state says its words whole (its picture goes first).
            auto *ordersEmpty = window.findChild<QScrollArea *>(u"ordersEmptyState"_s);
            QVERIFY(ordersEmpty && ordersEmpty->isVisible());
            auto *ordersText = ordersEmpty->findChild<QWidget *>(u"ordersEmptyText"_s);
            const int textBottom =
                ordersText->mapTo(ordersEmpty->viewport(), QPoint(0, ordersText->height())).y();
            QVERIFY2(textBottom <= ordersEmpty->viewport()->height(),
                     qPrintable(u"%1: the orders' empty state ends at %2 in %3"_s.arg(language)
                                    .arg(textBottom)
                                    .arg(ordersEmpty->viewport()->height())));
            const QString heightOf = u"%1: text ends at %2 in a zone %3 high"_s.arg(language)
                                         .arg(text.bottom())
                                         .arg(zone->height());
            QVERIFY2(text.bottom() < zone->height(), qPrintable(heightOf));
        }
        removeTranslations(*qApp, translations);
    }
}

// The print page is a 400 px page: at 1024 x 700 its dock scrolls it rather than squashing
// it, and a long order name in its title never widens the dock. (The page itself is a web
// engine, which this headless suite does not start: the dock is checked around it.)
void TestKeyboardFlow::printPageDockKeepsItsPage()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *detailsDock = window.findChild<QDockWidget *>(u"detailsDock"_s);
    QTRY_VERIFY(detailsDock->isVisible());
    QApplication::processEvents();
    const int width = detailsDock->width();
    Order order;
    order.id = 7;
    order.fileName = u"a-very-long-file-name-of-a-design-sold-to-a-customer-abroad.stl"_s;
    order.receiverEmail = u"a.customer.with.a.long.address@a-long-domain.example.com"_s;
    order.partnerJobId = u"JOB-2026-000000000000123-SPRING-SALE-WORKSHOP"_s;
    Q_EMIT window.ordersPanel()->currentOrderChanged(order);
    QApplication::processEvents();
    QTest::qWait(50);
    QVERIFY2(
        detailsDock->width() <= width,
        qPrintable(u"the docks went from %1 to %2 px wide"_s.arg(width).arg(detailsDock->width())));
    QDockWidget *dock = window.tokenDock();
    QVERIFY(dock->windowTitle().size() < 60);
    // The whole name is at hand, above the page.
    auto *name = dock->findChild<QLabel *>(u"tokenOrderName"_s);
    QVERIFY(name && name->text().contains(order.receiverEmail) &&
            name->text().contains(order.partnerJobId));

    window.resize(QSize(1024, 700) - QSize(16, 48));
    QApplication::processEvents();
    auto *scroll = dock->findChild<QScrollArea *>(u"tokenScroll"_s);
    QVERIFY(scroll && scroll->isAncestorOf(window.findChild<QWidget *>(u"tokenPlaceholder"_s)));
    QVERIFY(dock->minimumSizeHint().width() < 400);
    QVERIFY(dock->findChild<QLabel *>(u"tokenScrollNote"_s));
}

// A print that ends is said once in the status bar: its sign, not a passing message as well,
// and its confirmation replaces what was said of it.
void TestKeyboardFlow::printEndSaidOnce()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *tabs = window.findChild<QTabWidget *>(u"workTabs"_s);
    tabs->setCurrentIndex(1);

    Order order;
    order.id = 3;
    order.fileName = u"bracket.stl"_s;
    order.receiverEmail = u"c@example.com"_s;
    order.status.status = JobStatus::Success;
    PrintStatus printing;
    printing.status = JobStatus::Printing;
    Q_EMIT rig.session->printStatusChanged(order, printing);
    auto *sign = window.statusBar()->findChild<QAbstractButton *>(u"printEndSign"_s);
    QVERIFY(sign->isVisible());
    QVERIFY2(!window.statusBar()->currentMessage().contains(u"bracket.stl"_s),
             qPrintable(window.statusBar()->currentMessage()));
    const QIcon success = tabs->tabIcon(0);

    // The customer's confirmation of the same print: still one end.
    PrintStatus ended = order.status;
    order.status.status = JobStatus::ConfirmedSuccess;
    Q_EMIT rig.session->printStatusChanged(order, ended);
    QCOMPARE(window.unseenPrintEnds().size(), 1);
    QVERIFY2(!sign->text().contains(u"more"_s), qPrintable(sign->text()));
    QVERIFY(!window.statusBar()->currentMessage().contains(u"bracket.stl"_s));

    // A failure of another print: the warning sign, not the success one.
    Order failed = order;
    failed.id = 4;
    failed.fileName = u"hook.stl"_s;
    failed.status.status = JobStatus::Failure;
    Q_EMIT rig.session->printStatusChanged(failed, printing);
    QCOMPARE(window.unseenPrintEnds().size(), 2);
    QVERIFY(tabs->tabIcon(0).cacheKey() != success.cacheKey());
    QVERIFY(tabs->tabIcon(0).pixmap(16).toImage() != success.pixmap(16).toImage());
}

void TestKeyboardFlow::settingsFitASmallScreen()
{
    test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    SettingsDialog dialog(rig.session->settings(), &rig.keys);
    // A problem shown makes the dialog no taller than the screen's room.
    auto *environment = dialog.findChild<QComboBox *>(u"environment"_s);
    environment->setCurrentIndex(environment->findData(int(EnvironmentKind::Custom)));
    dialog.findChild<QLineEdit *>(u"customUrl"_s)->setText(u"not a web address"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(dialog.findChild<QLabel *>(u"settingsProblems"_s)->isVisible());
    const QSize minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize());
    QVERIFY2(minimum.height() <= 700 - 48 && minimum.width() <= 1024 - 16,
             qPrintable(u"minimum %1 x %2"_s.arg(minimum.width()).arg(minimum.height())));
}

void TestKeyboardFlow::screenshots()
{
    const QString folder = qEnvironmentVariable("PC_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("PC_SCREENSHOT_DIR is not set");
    const QString prefix = folder + u'/' + qEnvironmentVariable("PC_SCREENSHOT_PREFIX");
    SandboxConfig config;
    config.speed = 600;
    config.autoPrintSeconds = 1;
    config.outcome = PrintOutcome::Random;
    SandboxServer sandbox(config);
    QVERIFY(sandbox.listen(0));
    QTemporaryDir data;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = sandbox.apiBaseUrl();
    endpoint.apiKey = sandbox.apiKey();
    ConsoleSession session(endpoint, EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(session.open(data.path()).ok());
    session.start();
    SecretStore keys;
    keys.setKeychainEnabled(false);
    MainWindow window(EnvironmentInfo::sandbox(sandbox.serverUrl(), sandbox.apiBaseUrl()), &session,
                      &keys);
    SandboxMenu::install(&window, &sandbox); // as main() does
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto shoot = [&](const QString &name) {
        QTest::qWait(300); // let the window paint
        window.screen()->grabWindow(0).save(prefix + name + u".png"_s);
    };
    // A first start: nothing queued, no orders.
    QTRY_VERIFY(window.findChild<QWidget *>(u"queueDropZone"_s)->isVisible());
    shoot(u"first-start"_s);

    OrderFactsBar *facts = window.queuePanel()->factsBar();
    const auto confirm = [&](const QString &file, const QString &email, const QString &price) {
        window.queuePanel()->addPaths({file});
        QTRY_COMPARE_WITH_TIMEOUT(facts->pendingCount(), 1, kWait);
        facts->findChild<QLineEdit *>(u"receiverEmail"_s)->setText(email);
        facts->findChild<QLineEdit *>(u"price"_s)->setText(price);
        facts->queueButton()->click();
    };
    confirm(kTeapot, u"anna.schmidt@example.com"_s, u"14.90"_s);
    confirm(kSphere, u"maker@example.org"_s, u"9.50"_s);
    confirm(kRound, u"workshop.owner@example.net"_s, u"22.00"_s);
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 3, kWait);
    // One upload the service refuses: its row says why.
    FaultPlan refuse;
    refuse.clientErrorRate = 1;
    refuse.clientErrorStatus = 413;
    refuse.calls = FaultPlan::UploadCall;
    sandbox.setFaultPlan(refuse);
    confirm(kSpider, u"customer@example.com"_s, u"5.00"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QueueItem &item : session.queue().items())
                if (item.state == QueueState::Failed || item.state == QueueState::NeedsAttention)
                    return true;
            return false;
        }(),
        kWait);
    sandbox.setFaultPlan(FaultPlan());
    // Two messages at once: a possible duplicate, and files that were not queued.
    confirm(kTeapot, u"anna.schmidt@example.com"_s, u"14.90"_s);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QWidget *>(u"queueDuplicateNotice"_s)->isVisible(),
                             kWait);
    window.queuePanel()->addPaths({QStringLiteral(PC_TEST_DATA_DIR "/stl/MANIFEST.tsv")});
    QTRY_VERIFY(!window.queuePanel()->skippedFiles().isEmpty());
    // Two files wait for their details.
    window.queuePanel()->addPaths({kWuson, kMax});
    QTRY_COMPARE_WITH_TIMEOUT(facts->pendingCount(), 2, kWait);
    window.ordersPanel()->selectOrder(session.orders().orderAt(0)->id);
    // The failed row in sight, with its reason.
    for (const QueueItem &item : session.queue().items()) {
        if (item.state != QueueState::Failed && item.state != QueueState::NeedsAttention)
            continue;
        QueueViewModel *rows = window.queuePanel()->viewModel();
        window.queuePanel()->view()->scrollTo(rows->index(rows->rowOfItem(item.id), 0),
                                              QAbstractItemView::PositionAtTop);
    }
    // The display has no window manager to hand the keyboard to the window.
    QApplication::setActiveWindow(&window);
    window.findChild<QAction *>(u"actionGoToOrders"_s)->trigger(); // the focus frame shows
    shoot(u"main"_s);

    // The print page of the selected order, by its shortcut, with the keyboard in it.
    window.findChild<QAction *>(u"actionGoToPrintPage"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(int(window.tokenView()->state()), int(TokenView::State::Loaded),
                              kWait);
    QApplication::setActiveWindow(&window);
    window.findChild<QAction *>(u"actionGoToPrintPage"_s)->trigger();
    shoot(u"print-page"_s);
    window.findChild<QAction *>(u"actionGoToDetails"_s)->trigger();

    // A mistake in the form.
    auto *email = facts->findChild<QLineEdit *>(u"receiverEmail"_s);
    email->setFocus();
    QTest::keyClicks(email, u"anna.schmidt@example"_s);
    QTest::keyClick(email, Qt::Key_Tab);
    facts->queueButton()->click();
    shoot(u"form-error"_s);

    // Settings with a problem.
    window.showSettings();
    SettingsDialog *settings = nullptr;
    QTRY_VERIFY((settings = window.findChild<SettingsDialog *>()));
    QTRY_VERIFY(settings->isVisible());
    auto *environment = settings->findChild<QComboBox *>(u"environment"_s);
    environment->setCurrentIndex(environment->findData(int(EnvironmentKind::Custom)));
    settings->findChild<QLineEdit *>(u"customUrl"_s)->setText(u"ftp://widget.sendshapes.com"_s);
    shoot(u"settings-error"_s);
    settings->reject();

    // The quit question.
    window.findChild<QAction *>(u"actionQuit"_s)->trigger();
    QTRY_VERIFY(quitQuestion(window));
    shoot(u"quit-question"_s);
    const auto buttons = quitQuestion(window)->buttons();
    for (QAbstractButton *button : buttons)
        if (button->objectName() == u"quitNow"_s)
            button->click();
    QTRY_VERIFY(!window.isVisible());
}

QTEST_MAIN(TestKeyboardFlow)
#include "tst_keyboardflow.moc"
