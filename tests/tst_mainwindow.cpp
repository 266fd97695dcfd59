// The first main window: environment badge, address, version, menus, accessibility; and
// how the environment is chosen from the command line and the API key.

#include "environmentbadge.h"
#include "environmentinfo.h"
#include "mainwindow.h"
#include "statuspresentation.h"

#include "common/buildinfo.h"
#include "consolesession.h"
#include "dashboard.h"
#include "orders/orderstore.h"
#include "orderspanel.h"
#include "ordertablemodel.h"
#include "queuepanel.h"
#include "sandbox/sandboxserver.h"
#include "settings/secretstore.h"
#include "workwindowfixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <array>

Q_DECLARE_METATYPE(pc::EnvironmentKind)
Q_DECLARE_METATYPE(std::optional<pc::EnvironmentKind>)

using namespace Qt::StringLiterals;
using pc::EnvironmentInfo;
using pc::EnvironmentKind;

namespace {

const QUrl kSandboxUrl(u"http://127.0.0.1:40123/"_s);
const QUrl kSandboxApiUrl(u"http://127.0.0.1:40123/api3/"_s);

EnvironmentInfo sandboxEnvironment(const QString &notice = {})
{
    return EnvironmentInfo::sandbox(kSandboxUrl, kSandboxApiUrl, notice);
}

QString labelText(const QWidget &window, const QString &objectName)
{
    const auto *label = window.findChild<QLabel *>(objectName);
    return label ? label->text() : u"<no label %1>"_s.arg(objectName);
}

QStringList allLabelTexts(const QWidget &window)
{
    QStringList texts;
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        texts << label->text();
    return texts;
}

QAction *findAction(const QWidget &window, const QString &objectName)
{
    return window.findChild<QAction *>(objectName);
}

// Whether `action` is reachable from the menu bar under a menu titled `menuTitle`.
bool inMenu(const QMainWindow &window, const QString &menuTitle, const QAction *action)
{
    const QList<QAction *> menus = window.menuBar()->actions();
    for (const QAction *menuAction : menus) {
        if (menuAction->text() == menuTitle && menuAction->menu())
            return menuAction->menu()->actions().contains(action);
    }
    return false;
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void showsSandboxUrlAndVersion();
    void showsProductionHost();
    void showsCustomServiceUrl();
    void showsFallbackNotice();
    void menuActions();
    void aboutBoxNamesVersionAndEnvironment();
    void quitClosesTheWindow();
    void accessibleNames();
    void iconsLoadFromResources();
    void statusIconsHaveTheirColour();

    void chooseEnvironment_data();
    void chooseEnvironment();
    void environmentKindFromName();
    void workSurfaceMenusShortcutsAndLayout();
    void workSurfaceControlsHaveNames();
    void orderManagementAndDashboardReachTheSession();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    pc::setApplicationMetadata();
}

void TestMainWindow::showsSandboxUrlAndVersion()
{
    pc::MainWindow window(sandboxEnvironment());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(window.windowTitle().contains(pc::applicationName()));
    QVERIFY(window.windowTitle().contains(u"Sandbox"_s));

    const QList<pc::EnvironmentBadge *> badges = window.findChildren<pc::EnvironmentBadge *>();
    QCOMPARE(badges.size(), 2); // header and status bar
    for (const pc::EnvironmentBadge *badge : badges) {
        QCOMPARE(badge->text(), u"Sandbox"_s);
        QVERIFY(badge->isVisible());
    }

    QCOMPARE(labelText(window, u"appNameLabel"_s), pc::applicationName());
    QCOMPARE(labelText(window, u"versionLabel"_s), u"Version "_s + pc::applicationVersion());
    QCOMPARE(labelText(window, u"environmentAddress"_s), kSandboxUrl.toString());
    QVERIFY(labelText(window, u"environmentHeading"_s).contains(u"Sandbox"_s));
    QVERIFY(labelText(window, u"environmentExplanation"_s)
                .contains(u"Nothing you upload leaves this computer"_s));
    // First start: how to get to real orders, and no fallback notice.
    const auto *hint = window.findChild<QLabel *>(u"connectHint"_s);
    QVERIFY(hint);
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(u"PARTNER_CONSOLE_API_KEY"_s));
    QVERIFY(!window.findChild<QWidget *>(u"noticeBanner"_s));

    // The status bar shows the environment too.
    const auto *status = window.statusBar()->findChild<QWidget *>(u"statusEnvironment"_s);
    QVERIFY(status);
    QVERIFY(status->isVisible());
    QCOMPARE(status->findChild<pc::EnvironmentBadge *>()->text(), u"Sandbox"_s);
    QCOMPARE(labelText(*status, u"statusEnvironmentText"_s), kSandboxUrl.toString());

    // An honest empty state, and no controls that would do nothing.
    QVERIFY(window.findChild<QWidget *>(u"emptyState"_s)->isVisible());
    QVERIFY(window.centralWidget()->findChildren<QAbstractButton *>().isEmpty());
}

void TestMainWindow::showsProductionHost()
{
    pc::MainWindow window(EnvironmentInfo::remote(pc::ServiceEndpoint::defaultProductionBaseUrl()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(window.environment().kind, EnvironmentKind::Production);
    QVERIFY(window.windowTitle().contains(u"Production"_s));
    const QList<pc::EnvironmentBadge *> badges = window.findChildren<pc::EnvironmentBadge *>();
    QCOMPARE(badges.size(), 2);
    for (const pc::EnvironmentBadge *badge : badges)
        QCOMPARE(badge->text(), u"Production"_s);
    QCOMPARE(labelText(window, u"environmentAddress"_s), u"widget.sendshapes.com:3443"_s);
    QCOMPARE(labelText(window, u"statusEnvironmentText"_s), u"widget.sendshapes.com:3443"_s);
    QCOMPARE(labelText(window, u"versionLabel"_s), u"Version "_s + pc::applicationVersion());
    QVERIFY(labelText(window, u"environmentExplanation"_s).contains(u"real customers"_s));

    // Nothing claims to be the sandbox.
    QVERIFY(!window.findChild<QLabel *>(u"connectHint"_s));
    QVERIFY(!window.findChild<QWidget *>(u"noticeBanner"_s));
    const QStringList texts = allLabelTexts(window);
    for (const QString &text : texts)
        QVERIFY2(!text.contains(u"Sandbox"_s, Qt::CaseInsensitive), qPrintable(text));
}

void TestMainWindow::showsCustomServiceUrl()
{
    const QUrl url(u"https://staging.example.com:8443/api3/"_s);
    pc::MainWindow window(EnvironmentInfo::remote(url));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QCOMPARE(window.environment().kind, EnvironmentKind::Custom);
    QCOMPARE(window.findChild<pc::EnvironmentBadge *>()->text(), u"Custom service"_s);
    QCOMPARE(labelText(window, u"environmentAddress"_s), url.toString());
}

void TestMainWindow::showsFallbackNotice()
{
    const EnvironmentInfo chosen =
        pc::chooseEnvironment({EnvironmentKind::Production, std::nullopt, false});
    QCOMPARE(chosen.kind, EnvironmentKind::Sandbox);
    QVERIFY(!chosen.notice.isEmpty());

    pc::MainWindow window(sandboxEnvironment(chosen.notice));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const auto *banner = window.findChild<QWidget *>(u"noticeBanner"_s);
    QVERIFY(banner);
    QVERIFY(banner->isVisible());
    QCOMPARE(labelText(window, u"noticeText"_s), chosen.notice);
    QVERIFY(chosen.notice.contains(u"widget.sendshapes.com:3443"_s));
    QVERIFY(chosen.notice.contains(u"PARTNER_CONSOLE_API_KEY"_s));
    QCOMPARE(window.findChild<pc::EnvironmentBadge *>()->text(), u"Sandbox"_s);
    // The notice already says how to connect; the hint is not repeated.
    QVERIFY(!window.findChild<QLabel *>(u"connectHint"_s));
}

void TestMainWindow::menuActions()
{
    pc::MainWindow window(sandboxEnvironment());

    QAction *quit = findAction(window, u"actionQuit"_s);
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    QVERIFY(inMenu(window, u"&File"_s, quit));

    QAction *about = findAction(window, u"actionAbout"_s);
    QVERIFY(about);
    QVERIFY(inMenu(window, u"&Help"_s, about));
    QVERIFY(about->text().contains(pc::applicationName()));

    QAction *aboutQt = findAction(window, u"actionAboutQt"_s);
    QVERIFY(aboutQt);
    QVERIFY(inMenu(window, u"&Help"_s, aboutQt));

    // The menus hold these working actions and nothing else.
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.size(), 2);
    qsizetype entryCount = 0;
    for (const QAction *menu : menus) {
        const QList<QAction *> entries = menu->menu()->actions();
        for (const QAction *entry : entries) {
            QVERIFY2(entry == quit || entry == about || entry == aboutQt,
                     qPrintable(entry->text()));
            QVERIFY(entry->isEnabled());
            ++entryCount;
        }
    }
    QCOMPARE(entryCount, 3);
}

void TestMainWindow::aboutBoxNamesVersionAndEnvironment()
{
    pc::MainWindow window(sandboxEnvironment());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    findAction(window, u"actionAbout"_s)->trigger();
    auto *box = window.findChild<QMessageBox *>(u"aboutBox"_s);
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(pc::applicationName()));
    QVERIFY(box->text().contains(pc::applicationVersion()));
    QVERIFY(box->informativeText().contains(kSandboxUrl.toString()));
    QVERIFY(!box->iconPixmap().isNull());

    QPointer<QMessageBox> guard(box);
    box->close(); // deletes itself on close
    QTRY_VERIFY(guard.isNull());
}

void TestMainWindow::quitClosesTheWindow()
{
    pc::MainWindow window(sandboxEnvironment());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.isVisible());

    findAction(window, u"actionQuit"_s)->trigger();
    QVERIFY(!window.isVisible());
}

void TestMainWindow::accessibleNames()
{
    pc::MainWindow window(sandboxEnvironment(u"A notice."_s));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(!window.accessibleName().isEmpty());
    const QList<pc::EnvironmentBadge *> badges = window.findChildren<pc::EnvironmentBadge *>();
    for (const pc::EnvironmentBadge *badge : badges) {
        QCOMPARE(badge->accessibleName(), u"Environment: Sandbox"_s);
        QVERIFY(badge->accessibleDescription().contains(kSandboxUrl.toString()));
    }
    // Sections and images have names a screen reader can speak.
    for (const QString &name : {u"header"_s, u"noticeBanner"_s, u"environmentCard"_s,
                                u"emptyState"_s, u"statusEnvironment"_s}) {
        const auto *widget = window.findChild<QWidget *>(name);
        QVERIFY2(widget, qPrintable(name));
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
    }
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->text().isEmpty())
            QVERIFY2(!label->accessibleName().isEmpty(), qPrintable(label->objectName()));
    }
    QCOMPARE(window.findChild<QLabel *>(u"environmentAddress"_s)->accessibleName(),
             u"Service address"_s);
}

void TestMainWindow::iconsLoadFromResources()
{
    pc::MainWindow window(sandboxEnvironment());
    QVERIFY(!window.windowIcon().isNull());
    QVERIFY(!window.windowIcon().pixmap(QSize(64, 64)).isNull());

    QStringList resources{u":/icons/partner-console.svg"_s, u":/icons/notice.svg"_s,
                          u":/icons/empty-queue.svg"_s};
    for (const EnvironmentKind kind :
         {EnvironmentKind::Sandbox, EnvironmentKind::Production, EnvironmentKind::Custom})
        resources << pc::EnvironmentBadge::iconResource(kind);
    for (const QString &resource : std::as_const(resources)) {
        QVERIFY2(QFile::exists(resource), qPrintable(resource));
        QVERIFY2(!QIcon(resource).pixmap(QSize(32, 32)).isNull(), qPrintable(resource));
    }
}

void TestMainWindow::statusIconsHaveTheirColour()
{
    // The icon repeats the status colour (outside its glyph), so a badge that shows icon
    // and colour together never contradicts itself.
    constexpr std::array statuses{
        pc::JobStatus::AwaitingCustomer, pc::JobStatus::WarmingUp, pc::JobStatus::Printing,
        pc::JobStatus::Failure,          pc::JobStatus::Success,   pc::JobStatus::ConfirmedSuccess,
        pc::JobStatus::ConfirmedFailure, pc::JobStatus::Unknown,
    };
    for (const pc::JobStatus status : statuses) {
        const QString resource = pc::statusIconResource(status);
        QVERIFY2(QFile::exists(resource), qPrintable(resource));
        const QImage image = QIcon(resource).pixmap(QSize(48, 48)).toImage();
        QVERIFY2(!image.isNull(), qPrintable(resource));
        const QColor sampled = image.pixelColor(7, 24);
        const QColor expected = pc::statusColor(status);
        const int distance = qAbs(sampled.red() - expected.red()) +
                             qAbs(sampled.green() - expected.green()) +
                             qAbs(sampled.blue() - expected.blue());
        QVERIFY2(distance <= 12, qPrintable(u"%1: %2 instead of %3"_s.arg(resource, sampled.name(),
                                                                          expected.name())));
    }
}

void TestMainWindow::chooseEnvironment_data()
{
    QTest::addColumn<std::optional<EnvironmentKind>>("requested");
    QTest::addColumn<QUrl>("baseUrl");
    QTest::addColumn<bool>("hasKey");
    QTest::addColumn<EnvironmentKind>("kind");
    QTest::addColumn<QUrl>("apiBaseUrl");
    QTest::addColumn<bool>("notice");

    const std::optional<EnvironmentKind> none;
    const QUrl production = pc::ServiceEndpoint::defaultProductionBaseUrl();
    const QUrl custom(u"https://staging.example.com/api3/"_s);
    QTest::newRow("first start") << none << QUrl() << false << EnvironmentKind::Sandbox << QUrl()
                                 << false;
    QTest::newRow("key") << none << QUrl() << true << EnvironmentKind::Production << production
                         << false;
    QTest::newRow("key + base url")
        << none << custom << true << EnvironmentKind::Custom << custom << false;
    QTest::newRow("sandbox asked, key") << std::optional(EnvironmentKind::Sandbox) << QUrl() << true
                                        << EnvironmentKind::Sandbox << QUrl() << false;
    QTest::newRow("production asked, key")
        << std::optional(EnvironmentKind::Production) << QUrl() << true
        << EnvironmentKind::Production << production << false;
    QTest::newRow("production asked, no key")
        << std::optional(EnvironmentKind::Production) << QUrl() << false << EnvironmentKind::Sandbox
        << QUrl() << true;
    QTest::newRow("base url, no key")
        << none << custom << false << EnvironmentKind::Sandbox << QUrl() << true;
    QTest::newRow("production + base url, key")
        << std::optional(EnvironmentKind::Production) << custom << true << EnvironmentKind::Custom
        << custom << false;
}

void TestMainWindow::chooseEnvironment()
{
    QFETCH(std::optional<EnvironmentKind>, requested);
    QFETCH(QUrl, baseUrl);
    QFETCH(bool, hasKey);
    QFETCH(EnvironmentKind, kind);
    QFETCH(QUrl, apiBaseUrl);
    QFETCH(bool, notice);

    const EnvironmentInfo chosen = pc::chooseEnvironment(
        {requested, baseUrl.isEmpty() ? std::nullopt : std::optional(baseUrl), hasKey});
    QCOMPARE(chosen.kind, kind);
    QCOMPARE(chosen.apiBaseUrl, apiBaseUrl);
    QCOMPARE(!chosen.notice.isEmpty(), notice);
    if (notice && !baseUrl.isEmpty())
        QVERIFY(chosen.notice.contains(baseUrl.toString()));
}

void TestMainWindow::environmentKindFromName()
{
    QVERIFY(pc::environmentKindFromName(u"sandbox") == EnvironmentKind::Sandbox);
    QVERIFY(pc::environmentKindFromName(u"Production") == EnvironmentKind::Production);
    QVERIFY(pc::environmentKindFromName(u" production ") == EnvironmentKind::Production);
    QVERIFY(!pc::environmentKindFromName(u"staging"));
    QVERIFY(!pc::environmentKindFromName(u""));
}

// With a session the window is the work surface: every panel action is in a menu, the
// window-wide shortcuts are set, a finished print is announced, and the layout survives a
// restart. (The print page needs a display; tst_guiflow covers it.)
void TestMainWindow::workSurfaceMenusShortcutsAndLayout()
{
    pc::test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    pc::ConsoleSession &session = *rig.session;
    const EnvironmentInfo environment = rig.environment();
    QByteArray splitterState;
    {
        pc::MainWindow window(environment, &session, &rig.keys);
        QVERIFY(window.queuePanel());
        QVERIFY(window.ordersPanel());
        QVERIFY(window.dashboard());
        QVERIFY(window.findChild<QWidget *>(u"connectAccount"_s)); // sandbox: the way out
        for (const QString &menu :
             {u"menuFile"_s, u"menuQueue"_s, u"menuOrders"_s, u"menuView"_s, u"menuHelp"_s})
            QVERIFY2(window.menuBar()->findChild<QMenu *>(menu), qPrintable(menu));
        const auto *queueMenu = window.menuBar()->findChild<QMenu *>(u"menuQueue"_s);
        for (QAction *action : window.queuePanel()->rowActions())
            QVERIFY(queueMenu->actions().contains(action));
        QAction *addFiles = window.queuePanel()->action(pc::QueuePanel::Action::AddFiles);
        QCOMPARE(addFiles->shortcut(), QKeySequence(QKeySequence::Open));
        QCOMPARE(addFiles->shortcutContext(), Qt::WindowShortcut);
        QCOMPARE(findAction(window, u"actionFind"_s)->shortcut(), QKeySequence(QKeySequence::Find));
        QVERIFY(findAction(window, u"actionSettings"_s));
        QVERIFY(findAction(window, u"actionQueueSample"_s)->isEnabled());
        QVERIFY(window.statusBar()->findChild<QLabel *>(u"pollingStatus"_s));
        QVERIFY(!window.statusBar()->findChild<QLabel *>(u"queueStatus"_s)->text().isEmpty());

        // A print that ends is announced (the tray is not available offscreen).
        pc::Order order;
        order.fileName = u"bracket.stl"_s;
        order.receiverEmail = u"c@example.com"_s;
        order.status.status = pc::JobStatus::ConfirmedFailure;
        Q_EMIT session.printStatusChanged(order, pc::PrintStatus());
        const auto *sign = window.statusBar()->findChild<QAbstractButton *>(u"printEndSign"_s);
        QVERIFY(sign && sign->text().contains(u"bracket.stl"_s));

        auto *splitter = window.findChild<QSplitter *>(u"workSplitter"_s);
        window.show();
        splitter->setSizes({150, 450});
        splitterState = splitter->saveState();
        window.close(); // saves the layout
    }
    pc::MainWindow again(environment, &session, &rig.keys);
    QCOMPARE(again.findChild<QSplitter *>(u"workSplitter"_s)->saveState(), splitterState);
}

// What a screen reader announces for each control of the work surface (Qt's accessibility
// layer, as AT-SPI reads it): every button, field, list, table and tab has a name, and an
// editable field's name is not only its placeholder example.
void TestMainWindow::workSurfaceControlsHaveNames()
{
    pc::test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    pc::ConsoleSession &session = *rig.session;
    pc::MainWindow window(rig.environment(), &session, &rig.keys);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QStringList unnamed;
    int checked = 0;
    const QList<QWidget *> widgets = window.findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        const bool control =
            qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
            qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget) ||
            qobject_cast<QAbstractItemView *>(widget) || qobject_cast<QTabBar *>(widget);
        if (!control || !widget->isVisibleTo(&window))
            continue;
        // Qt's own helpers inside other controls (the tab bar's scroll arrows, a combo box's
        // popup list, a line edit's clear button) are named by the control around them.
        if (widget->objectName().startsWith(u"qt_"_s) ||
            qobject_cast<QComboBox *>(widget->parentWidget()) ||
            qobject_cast<QTabBar *>(widget->parentWidget()) ||
            qobject_cast<QLineEdit *>(widget->parentWidget()))
            continue;
        ++checked;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name =
            accessible ? accessible->text(QAccessible::Name).remove(u'&').trimmed() : QString();
        if (name.isEmpty())
            unnamed << u"%1 (%2)"_s.arg(widget->objectName(),
                                        QString::fromLatin1(widget->metaObject()->className()));
    }
    QVERIFY2(checked > 20, qPrintable(u"only %1 controls found"_s.arg(checked)));
    QVERIFY2(unnamed.isEmpty(), qPrintable(u"No accessible name: "_s + unnamed.join(u", "_s)));
}

// The orders panel's archive, note and delete reach the session (the status bar says what was
// done), every order action is in the Orders menu, and a dashboard bar opens its orders.
void TestMainWindow::orderManagementAndDashboardReachTheSession()
{
    pc::test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    pc::ConsoleSession &session = *rig.session;
    pc::MainWindow window(rig.environment(), &session, &rig.keys);
    const auto *ordersMenu = window.menuBar()->findChild<QMenu *>(u"menuOrders"_s);
    for (QAction *action : window.ordersPanel()->orderActions())
        QVERIFY2(ordersMenu->actions().contains(action), qPrintable(action->text()));

    pc::Order order;
    order.environment = session.environmentKey();
    order.token = u"managedtoken"_s;
    order.tokenLink = u"http://127.0.0.1/?token=managedtoken"_s;
    order.fileName = u"managed.stl"_s;
    order.receiverEmail = u"c@example.com"_s;
    order.currency = u"EUR"_s;
    const qint64 id = *session.store().addOrder(order);
    session.orders().updateOrders({**session.store().order(id)});

    Q_EMIT window.ordersPanel()->archiveRequested({id}, true);
    QVERIFY(session.order(id)->isArchived());
    QVERIFY2(window.statusBar()->currentMessage().contains(u"Archived"_s),
             qPrintable(window.statusBar()->currentMessage()));
    Q_EMIT window.ordersPanel()->noteRequested(id, u"fragile"_s);
    QCOMPARE((*session.store().order(id))->note, u"fragile"_s);
    Q_EMIT window.ordersPanel()->deleteRequested(id, pc::OrderDeletion::TestOrderOnly);
    QVERIFY(!session.order(id));
    QVERIFY(!session.store().order(id)->has_value());
    QVERIFY(window.statusBar()->currentMessage().contains(u"managed.stl"_s));

    auto *tabs = window.findChild<QTabWidget *>(u"workTabs"_s);
    tabs->setCurrentIndex(1);
    Q_EMIT window.dashboard()->statusActivated(pc::JobStatus::Printing);
    QCOMPARE(tabs->currentWidget(), window.ordersPanel());
    QCOMPARE(window.ordersPanel()->filter(), pc::OrdersPanel::filterFor(pc::JobStatus::Printing));
    tabs->setCurrentIndex(1);
    Q_EMIT window.dashboard()->needsAttentionActivated();
    QCOMPARE(tabs->currentWidget(), window.ordersPanel());
    QCOMPARE(window.ordersPanel()->filter(), int(pc::OrdersPanel::NeedsAttentionOrders));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
