// A whole console without a screen: a dropped file becomes an order row, the poller follows
// the print to its confirmation, and table, summary and store agree at every step.

#include "consolesession.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "sandbox/sandboxserver.h"
#include "uploadqueuemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {
const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
constexpr int kWait = 20000;

// Where a console that talks to `sandbox` finds it, with the key it accepts.
ServiceEndpoint endpointOf(const SandboxServer &sandbox)
{
    ServiceEndpoint endpoint;
    endpoint.baseUrl = sandbox.apiBaseUrl();
    endpoint.apiKey = sandbox.apiKey();
    return endpoint;
}
} // namespace

class TestConsoleSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void uploadBecomesOrderAndIsFollowedToConfirmation();
    void settingsApplyWithoutRestart();
    void startingSaysNothingIsWrong();
};

// Set up, opened and started as main() does it: no store problem is reported. (The queue used
// to try to claim the data folder before the store was open, and the window greeted every
// start with "A change could not be saved: The order database is not open.")
void TestConsoleSession::startingSaysNothingIsWrong()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    QTemporaryDir data;
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QSignalSpy problems(&session, &ConsoleSession::storeProblem);
    QCoreApplication::processEvents(); // problems are announced from the event loop
    QVERIFY(session.open(data.path()).ok());
    session.start();
    QTest::qWait(50); // the claim and the queue's first pass, both queued
    QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).value(0).toString()));
    QVERIFY(session.queue().hasClaim());
    QVERIFY(session.queue().isIdle());
}

void TestConsoleSession::uploadBecomesOrderAndIsFollowedToConfirmation()
{
    SandboxConfig config;
    config.speed = 600;
    config.outcome = PrintOutcome::Success;
    SandboxServer sandbox(config);
    qint64 sandboxMs = 0;
    sandbox.setClockForTesting([&sandboxMs] { return sandboxMs; });
    QVERIFY(sandbox.listen(0));
    QTemporaryDir data;
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(session.open(data.path()).ok());
    QDateTime clock = QDateTime::currentDateTimeUtc();
    session.poller().setClock([&clock] { return clock; });
    session.poller().setTimerEnabled(false);
    session.start();
    QAbstractItemModelTester ordersTester(&session.orders(),
                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester queueTester(&session.queueModel(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester summaryTester(&session.summary(),
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(session.orders().rowCount(), 0);

    OrderFacts facts;
    facts.receiverEmail = u"customer@example.com"_s;
    facts.price = *Decimal::fromString(u"19.90");
    facts.currency = u"EUR"_s;
    const QString file = data.filePath(u"teapot.stl"_s);
    QVERIFY(QFile::copy(kTeapot, file));
    const StoreResult<qint64> item = session.queue().addFile(file, facts);
    QVERIFY(item.ok());
    QCOMPARE(session.queueModel().rowCount(), 1);

    // Done: the order row appears and the poller follows it.
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
    const Order order = *session.orders().orderAt(0);
    QVERIFY(session.poller().isTracked(order.id));
    QCOMPARE(session.sourcePathOf(order), file);
    QCOMPARE(session.order(order.id)->token, order.token);
    QTRY_COMPARE(session.summary().count(JobStatus::AwaitingCustomer), 1); // coalesced

    QSignalSpy transitions(&session, &ConsoleSession::printStatusChanged);
    QSignalSpy summaryChanged(&session.summary(), &OrderSummaryModel::summaryChanged);
    QVERIFY(sandbox.startPrint(order.token, u"Prusa MK4"_s));
    for (int i = 0; i < 100 && session.poller().isTracked(order.id); ++i) {
        clock = std::max(clock, session.poller().nextDue(order.id));
        sandboxMs += 2000;
        session.poller().processDue();
        QTRY_COMPARE_WITH_TIMEOUT(session.poller().inFlightCount(), 0, kWait);
        QCoreApplication::processEvents(); // the coalesced announcement
    }
    QVERIFY(!session.poller().isTracked(order.id));
    QTRY_COMPARE(session.orders().orderAt(0)->status.status, JobStatus::ConfirmedSuccess);
    QVERIFY(!transitions.isEmpty());
    QCOMPARE(transitions.last().at(0).value<Order>().status.status, JobStatus::ConfirmedSuccess);
    QTRY_VERIFY(!summaryChanged.isEmpty());
    // The summary is coalesced: an earlier transition's update may be the one seen above.
    QTRY_COMPARE(session.summary().count(JobStatus::ConfirmedSuccess), 1);
    QCOMPARE(session.summary().successRate(), std::optional<double>(1.0));
    // The table shows what the store holds.
    const Order stored = **session.store().order(order.id);
    QCOMPARE(session.orders().orderAt(0)->status, stored.status);
    const QModelIndex status = session.orders().index(0, OrderTableModel::Status);
    QVERIFY(!status.data(Qt::DisplayRole).toString().isEmpty());
}

void TestConsoleSession::settingsApplyWithoutRestart()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    QTemporaryDir data;
    ConsoleSettings settings;
    settings.parallelUploads = 3;
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, settings);
    QVERIFY(session.open(data.path()).ok());
    session.start();
    QCOMPARE(session.queue().maxParallel(), 3);
    QVERIFY(!session.prefersTls());
    settings.parallelUploads = 1;
    settings.pollFloorSeconds = 60;
    session.applySettings(settings);
    QCOMPARE(session.queue().maxParallel(), 1);
    QCOMPARE(session.settings().pollFloorSeconds, 60);
    QCOMPARE(session.environmentKey(), u"sandbox"_s);
}

QTEST_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
