// The whole console as staff use it (issue 6): start on the sandbox, queue a sample design
// with its order details, let it upload, open its print page in the token widget, press the
// page's own Print button, and watch the order row reach CONFIRMED_SUCCESS. Runs under Xvfb.
// With PC_SCREENSHOT_DIR set it also saves what the window looked like on the way.

#include "consolesession.h"
#include "dashboard.h"
#include "mainwindow.h"
#include "orderfactsbar.h"
#include "orders/statuspoller.h"
#include "orders/storethreadcheck.h"
#include "orders/uploadqueue.h"
#include "orderspanel.h"
#include "ordertablemodel.h"
#include "queuepanel.h"
#include "sandbox/sandboxserver.h"
#include "sessioncore.h"
#include "settings/secretstore.h"
#include "tokenview.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

constexpr int kWait = 30000;

void screenshot(QWidget &window, const QString &name)
{
    const QString folder = qEnvironmentVariable("PC_SCREENSHOT_DIR");
    if (!folder.isEmpty())
        window.grab().save(folder + u'/' + name + u".png"_s);
}

} // namespace

class TestGuiFlow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The session's store never works on this (the GUI) thread: aborts if it does.
        StoreThreadCheck::setReaction(StoreThreadCheck::Reaction::Abort);
    }
    void sampleDesignToConfirmedPrint();
};

void TestGuiFlow::sampleDesignToConfirmedPrint()
{
    SandboxConfig config;
    config.speed = 600; // a print in seconds
    config.outcome = PrintOutcome::Success;
    SandboxServer sandbox(config);
    QVERIFY(sandbox.listen(0));
    QTemporaryDir data;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = sandbox.apiBaseUrl();
    endpoint.apiKey = sandbox.apiKey();
    ConsoleSession session(endpoint, EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.path()).ok());
    QVERIFY(test::startAndWait(session));
    SecretStore keys;
    keys.setKeychainEnabled(false);
    MainWindow window(EnvironmentInfo::sandbox(sandbox.serverUrl(), sandbox.apiBaseUrl()), &session,
                      &keys);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    screenshot(window, u"01-empty"_s);

    // Queue the sample design from the File menu: it waits for its order details, which
    // are filled in and confirmed with Queue.
    auto *facts = window.findChild<OrderFactsBar *>();
    QVERIFY(facts);
    auto *sample = window.findChild<QAction *>(u"actionQueueSample"_s);
    QVERIFY(sample && sample->isEnabled());
    sample->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(facts->pendingCount(), 1, kWait);
    facts->findChild<QLineEdit *>(u"receiverEmail"_s)->setText(u"customer@example.com"_s);
    facts->findChild<QLineEdit *>(u"price"_s)->setText(u"14.90"_s);
    screenshot(window, u"01b-waiting-for-details"_s);
    facts->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
    const Order order = *session.orders().orderAt(0);
    QCOMPARE(order.receiverEmail, u"customer@example.com"_s);
    QCOMPARE(order.price.toString(), u"14.90"_s);
    QVERIFY(test::onCore(session,
                         [&](ConsoleCore &core) { return core.poller().isTracked(order.id); }));
    screenshot(window, u"02-uploaded"_s);

    // Double-click the order: its print page opens in the 400 x 400 token widget.
    OrdersPanel *orders = window.ordersPanel();
    QVERIFY(orders->selectOrder(order.id));
    Q_EMIT orders->openTokenView(*orders->currentOrder());
    TokenView *view = window.tokenView();
    QVERIFY(window.tokenDock()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(int(view->state()), int(TokenView::State::Loaded), kWait);
    QCOMPARE(view->webView()->size(), QSize(400, 400));
    QVERIFY(view->currentLink().toString().contains(order.token));

    // The customer presses Print on the page itself.
    QSignalSpy printed(&sandbox, &SandboxServer::printStarted);
    for (int i = 0; i < 50 && printed.isEmpty(); ++i) {
        view->page()->runJavaScript(
            u"(function(){var b=document.querySelector('button[type=submit],button');"
            "if(b){b.click();return true;}return false;})()"_s);
        printed.wait(500);
    }
    QCOMPARE(printed.size(), 1);
    screenshot(window, u"03-printing"_s);

    // The poller follows it to the confirmation (the 15 s floor holds: a few rounds).
    const QModelIndex status = session.orders().index(0, OrderTableModel::Status);
    QTRY_COMPARE_WITH_TIMEOUT(status.data(OrderTableModel::JobStatusRole).toInt(),
                              int(JobStatus::ConfirmedSuccess), 120000);
    QVERIFY(!test::onCore(session,
                          [&](ConsoleCore &core) { return core.poller().isTracked(order.id); }));
    screenshot(window, u"04-confirmed"_s);

    // A second design for another customer: two orders in different states, and the
    // dashboard counts both.
    window.queuePanel()->addPaths({QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl")});
    QTRY_COMPARE_WITH_TIMEOUT(facts->pendingCount(), 1, kWait);
    facts->findChild<QLineEdit *>(u"receiverEmail"_s)->setText(u"maker@example.org"_s);
    facts->findChild<QLineEdit *>(u"price"_s)->setText(u"9.50"_s);
    facts->queueButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 2, kWait);
    auto *tabs = window.findChild<QTabWidget *>(u"workTabs"_s);
    QVERIFY(tabs);
    tabs->setCurrentIndex(1); // the dashboard
    QVERIFY(window.dashboard()->isVisible());
    QTRY_VERIFY(window.dashboard()->successRateText().startsWith(u"100"_s));
    screenshot(window, u"05-dashboard"_s);
    window.close();
}

QTEST_MAIN(TestGuiFlow)
#include "tst_guiflow.moc"
