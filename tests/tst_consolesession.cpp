// A whole console without a screen: a dropped file becomes an order row, the poller follows
// the print to its confirmation, and table, summary and store agree at every step. Runs on
// both backends (tst_consolesession_postgres); on a shared store another console's orders
// and print statuses appear as it stores them.

#include "consolesession.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/storethreadcheck.h"
#include "orders/uploadqueue.h"
#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "sandbox/sandboxserver.h"
#include "sessioncore.h"
#include "storetarget.h"
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

bool isTracked(ConsoleSession &session, qint64 orderId)
{
    return test::onCore(session,
                        [orderId](ConsoleCore &core) { return core.poller().isTracked(orderId); });
}

std::optional<Order> storedOrder(ConsoleSession &session, qint64 orderId)
{
    return test::onCore(session, [orderId](ConsoleCore &core) {
        const StoreResult<std::optional<Order>> order = core.store().order(orderId);
        return order ? *order : std::nullopt;
    });
}
} // namespace

class TestConsoleSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The session's store never works on this (the GUI) thread.
        StoreThreadCheck::setReaction(StoreThreadCheck::Reaction::Abort);
    }
    void uploadBecomesOrderAndIsFollowedToConfirmation();
    void deletedTestOrderStaysDeletedWhenFinishedRowsAreCleared();
    void settingsApplyWithoutRestart();
    void startingSaysNothingIsWrong();
    void anotherConsolesOrdersAppear();
    void managedOrdersFollowInTheTable();
    void anotherConsolesArchiveAndDeletionArrive();
};

// Team mode: what another console stores (a new order, a print status) reaches this one's
// table and notifications through the store, without this console asking the service.
void TestConsoleSession::anotherConsolesOrdersAppear()
{
    if (!test::StoreTarget::usesPostgres())
        QSKIP("a shared store (tst_consolesession_postgres)");
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    test::StoreTarget data;
    QVERIFY(data.isValid());
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(session));
    QAbstractItemModelTester tester(&session.orders());
    QSignalSpy transitions(&session, &ConsoleSession::printStatusChanged);

    OrderStore other;
    other.setConsoleId(u"colleague@desk-9/0009"_s);
    QVERIFY(data.open(other).ok());
    Order order;
    order.environment = session.environmentKey();
    order.token = u"colleagues-token"_s;
    order.tokenLink = u"http://127.0.0.1/t/colleagues-token"_s;
    order.sslTokenLink = u"https://127.0.0.1/t/colleagues-token"_s;
    order.fileName = u"bracket.stl"_s;
    order.size = 42;
    order.sha256 = u"ff00"_s;
    order.receiverEmail = u"customer@example.com"_s;
    order.price = *Decimal::fromString(u"12.50");
    order.currency = u"EUR"_s;
    order.created = QDateTime::currentDateTimeUtc();
    const qint64 id = *other.addOrder(order);
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
    QCOMPARE(session.order(id)->token, u"colleagues-token"_s);
    QVERIFY(isTracked(session, id)); // followed, its lease decides who asks

    PrintStatus printing;
    printing.status = JobStatus::Printing;
    printing.statusText = u"PRINTING"_s;
    printing.percentage = 30;
    QVERIFY(*other.updateOrderStatus(id, printing, QDateTime::currentDateTimeUtc()));
    QTRY_COMPARE_WITH_TIMEOUT(transitions.size(), 1, kWait);
    QCOMPARE(session.order(id)->status.status, JobStatus::Printing);
    QCOMPARE(transitions.first().at(1).value<PrintStatus>().status, JobStatus::AwaitingCustomer);
}

namespace {

Order colleaguesOrder(const QString &environment, const QString &token)
{
    Order order;
    order.environment = environment;
    order.token = token;
    order.tokenLink = u"http://127.0.0.1/t/"_s + token;
    order.fileName = token + u".stl"_s;
    order.receiverEmail = u"customer@example.com"_s;
    order.price = *Decimal::fromString(u"12.50");
    order.currency = u"EUR"_s;
    order.created = QDateTime::currentDateTimeUtc();
    return order;
}

} // namespace

// Archive, note and delete through the session: stored, then the table follows; the poller
// lets go of a deleted order.
void TestConsoleSession::managedOrdersFollowInTheTable()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    test::StoreTarget data;
    QVERIFY(data.isValid());
    {
        OrderStore seed;
        QVERIFY(data.open(seed).ok());
        QVERIFY(seed.addOrder(colleaguesOrder(u"sandbox"_s, u"first"_s)).ok());
        QVERIFY(seed.addOrder(colleaguesOrder(u"sandbox"_s, u"second"_s)).ok());
    }
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(session));
    QAbstractItemModelTester tester(&session.orders());
    QCOMPARE(session.orders().rowCount(), 2);
    const qint64 first = session.orders().orderAt(0)->id;
    const qint64 second = session.orders().orderAt(1)->id;

    const auto archive = [&](const QList<qint64> &ids, bool archived) {
        return test::waitForStatus(
            [&](auto done) { session.setOrdersArchived(ids, archived, &session, done); });
    };
    const auto note = [&](qint64 id, const QString &text) {
        return test::waitForStatus(
            [&](auto done) { session.setOrderNote(id, text, &session, done); });
    };
    QVERIFY(archive({first, second}, true).ok());
    QVERIFY(session.order(first)->isArchived());
    QVERIFY(storedOrder(session, second)->isArchived());
    QVERIFY(archive({second}, false).ok());
    QVERIFY(!session.order(second)->isArchived());
    QVERIFY(note(first, u"call back"_s).ok());
    QCOMPARE(session.order(first)->note, u"call back"_s);
    const StoreStatus tooLong = note(first, QString(kMaxOrderNoteLength + 1, u'x'));
    QCOMPARE(tooLong.error().kind, StoreError::Kind::InvalidInput);
    QCOMPARE(session.order(first)->note, u"call back"_s);

    QVERIFY(test::waitForStatus([&](auto done) {
                session.deleteOrder(first, OrderDeletion::TestOrderOnly, &session, done);
            }).ok());
    QVERIFY(!session.order(first));
    QCOMPARE(session.orders().rowCount(), 1);
    QVERIFY(!storedOrder(session, first));
    QVERIFY(!isTracked(session, first)); // never asked about again
    QVERIFY(isTracked(session, second));
}

// A colleague archives an order and deletes another: this console's table follows.
void TestConsoleSession::anotherConsolesArchiveAndDeletionArrive()
{
    if (!test::StoreTarget::usesPostgres())
        QSKIP("a shared store (tst_consolesession_postgres)");
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    test::StoreTarget data;
    QVERIFY(data.isValid());
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(session));
    QAbstractItemModelTester tester(&session.orders());
    OrderStore other;
    other.setConsoleId(u"colleague@desk-9/0009"_s);
    QVERIFY(data.open(other).ok());
    const qint64 kept = *other.addOrder(colleaguesOrder(session.environmentKey(), u"kept"_s));
    const qint64 gone = *other.addOrder(colleaguesOrder(session.environmentKey(), u"gone"_s));
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 2, kWait);

    QVERIFY(other.setOrderArchived(kept, true).ok());
    QTRY_VERIFY_WITH_TIMEOUT(session.order(kept)->isArchived(), kWait);
    QVERIFY(other.deleteOrder(gone, OrderDeletion::TestOrderOnly).ok());
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
    QVERIFY(!session.order(gone));
    QVERIFY(!isTracked(session, gone));
}

// Set up, opened and started as main() does it: no store problem is reported. (The queue used
// to try to claim the data folder before the store was open, and the window greeted every
// start with "A change could not be saved: The order database is not open.")
void TestConsoleSession::startingSaysNothingIsWrong()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    test::StoreTarget data;
    QVERIFY(data.isValid());
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QSignalSpy problems(&session, &ConsoleSession::storeProblem);
    QCoreApplication::processEvents(); // problems are announced from the event loop
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(session));
    // The claim and the queue's first pass are queued on the core's thread: done after this.
    const auto [claimed, idle] = test::onCore(session, [](ConsoleCore &core) {
        return std::pair{core.queue().hasClaim(), core.queue().isIdle()};
    });
    QCoreApplication::processEvents(); // what the core announced meanwhile
    QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).value(0).toString()));
    QVERIFY(claimed);
    QVERIFY(idle);
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
    test::StoreTarget data;
    QVERIFY(data.isValid());
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    // The poller's clock is read and moved on the core's thread only.
    QDateTime clock = QDateTime::currentDateTimeUtc();
    test::onCore(session, [&clock](ConsoleCore &core) {
        core.poller().setClock([&clock] { return clock; });
        core.poller().setTimerEnabled(false);
    });
    QVERIFY(test::startAndWait(session));
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
    const StoreResult<qint64> item =
        test::onCore(session, [&](ConsoleCore &core) { return core.queue().addFile(file, facts); });
    QVERIFY(item.ok());
    QTRY_COMPARE(session.queueModel().rowCount(), 1);

    // Done: the order row appears and the poller follows it.
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
    const Order order = *session.orders().orderAt(0);
    QVERIFY(isTracked(session, order.id));
    const auto record =
        test::onCore(session, [&](ConsoleCore &core) { return core.orderRecord(order.id); });
    QVERIFY(record.ok());
    QCOMPARE(record->sourcePath, file);
    QCOMPARE(session.order(order.id)->token, order.token);
    QTRY_COMPARE(session.summary().count(JobStatus::AwaitingCustomer), 1); // coalesced

    QSignalSpy transitions(&session, &ConsoleSession::printStatusChanged);
    QSignalSpy summaryChanged(&session.summary(), &OrderSummaryModel::summaryChanged);
    QVERIFY(sandbox.startPrint(order.token, u"Prusa MK4"_s));
    for (int i = 0; i < 100 && isTracked(session, order.id); ++i) {
        sandboxMs += 2000;
        test::onCore(session, [&](ConsoleCore &core) {
            clock = std::max(clock, core.poller().nextDue(order.id));
            core.poller().processDue();
        });
        QTRY_COMPARE_WITH_TIMEOUT(
            test::onCore(session, [](ConsoleCore &core) { return core.poller().inFlightCount(); }),
            0, kWait);
        QCoreApplication::processEvents(); // the coalesced announcement
    }
    QVERIFY(!isTracked(session, order.id));
    QTRY_COMPARE(session.orders().orderAt(0)->status.status, JobStatus::ConfirmedSuccess);
    QVERIFY(!transitions.isEmpty());
    QCOMPARE(transitions.last().at(0).value<Order>().status.status, JobStatus::ConfirmedSuccess);
    QTRY_VERIFY(!summaryChanged.isEmpty());
    // The summary is coalesced: an earlier transition's update may be the one seen above.
    QTRY_COMPARE(session.summary().count(JobStatus::ConfirmedSuccess), 1);
    QCOMPARE(session.summary().successRate(), std::optional<double>(1.0));
    // The table shows what the store holds.
    const Order stored = *storedOrder(session, order.id);
    QCOMPARE(session.orders().orderAt(0)->status, stored.status);
    const QModelIndex status = session.orders().index(0, OrderTableModel::Status);
    QVERIFY(!status.data(Qt::DisplayRole).toString().isEmpty());
}

// A deleted test order takes the finished queue row that made it along: clearing finished
// rows afterwards must not keep its token as an order again (the queue's rule for a token no
// order records), which would bring the deleted order back.
void TestConsoleSession::deletedTestOrderStaysDeletedWhenFinishedRowsAreCleared()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    test::StoreTarget data;
    QVERIFY(data.isValid());
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(session));
    OrderFacts facts;
    facts.receiverEmail = u"test@example.com"_s;
    facts.price = *Decimal::fromString(u"1.00");
    const QString file = data.filePath(u"teapot.stl"_s);
    QVERIFY(QFile::copy(kTeapot, file));
    const StoreResult<qint64> item =
        test::onCore(session, [&](ConsoleCore &core) { return core.queue().addFile(file, facts); });
    QVERIFY(item.ok());
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
    const Order order = *session.orders().orderAt(0);
    QTRY_COMPARE(session.queueModel().rowCount(), 1);

    QVERIFY(test::waitForStatus([&](auto done) {
                session.deleteOrder(order.id, OrderDeletion::TestOrderOnly, &session, done);
            }).ok());
    QCOMPARE(session.orders().rowCount(), 0);
    QCOMPARE(session.queueModel().rowCount(), 0); // its finished row went with it
    test::onCore(session, [](ConsoleCore &core) { core.queue().clearFinished(); });
    QCoreApplication::processEvents();
    QCOMPARE(session.orders().rowCount(), 0);
    QVERIFY(!test::onCore(session, [&](ConsoleCore &core) {
        const auto stored = core.store().orderByToken(session.environmentKey(), order.token);
        return stored && stored->has_value();
    }));
}

void TestConsoleSession::settingsApplyWithoutRestart()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    test::StoreTarget data;
    QVERIFY(data.isValid());
    ConsoleSettings settings;
    settings.parallelUploads = 3;
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, settings);
    QVERIFY(test::openAndWait(session, data.location(), test::StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(session));
    const auto parallel = [&] {
        return test::onCore(session, [](ConsoleCore &core) { return core.queue().maxParallel(); });
    };
    QCOMPARE(parallel(), 3);
    QVERIFY(!session.prefersTls());
    settings.parallelUploads = 1;
    settings.pollFloorSeconds = 60;
    session.applySettings(settings);
    QCOMPARE(parallel(), 1);
    QCOMPARE(session.settings().pollFloorSeconds, 60);
    QCOMPARE(session.environmentKey(), u"sandbox"_s);
}

QTEST_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
