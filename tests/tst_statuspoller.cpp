// The status poller: its schedule rules (pure, replayed with seeds), and the poller against
// the in-process sandbox with the clock seam - the 15-second floor under every path, backoff,
// stop at final states, a global hold while the network is down, tokens the service does
// not know, unknown status values, and every answer stored before it is announced. The
// status-call rows of RELIABILITY.md's network table run here with the sandbox's matching
// fault switched on.

#include "orders/pollschedule.h"
#include "orders/statuspoller.h"
#include "queuefixture.h"

#include <QDeadlineTimer>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;
using ms = std::chrono::milliseconds;

namespace {

const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

// Answers every HTTP request with one fixed api3 body (a service shape the sandbox does not
// produce, such as an unknown status value).
class FixedPeer final : public QTcpServer
{
public:
    explicit FixedPeer(QByteArray body)
        : m_body(std::move(body))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    ++requests;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body);
                });
            }
        });
    }
    int requests = 0;

private:
    QByteArray m_body;
};

} // namespace

class TestStatusPoller final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup()
    {
        m_poller.reset(); // before the store it uses (a queued announcement may be pending)
        cleanupFixture();
    }

    void scheduleNeverBelowFloor();
    void scheduleRules();
    void scheduleBackoffs();

    void floorHoldsForManualRefresh();
    void awaitingCustomerBacksOff();
    void followsPrintToConfirmedAndStops();
    void networkDownHoldsEveryToken();
    void unknownTokenIsMarkedNotDropped();
    void unknownStatusValueIsKept();
    void restartKeepsFloorAndPicture();

    void neverPrintedTokenIsNeverDropped();
    void serverErrorsBackOffAndKeepTheToken_data();
    void serverErrorsBackOffAndKeepTheToken();
    void retryAfterHoldsEveryStatusCall_data();
    void retryAfterHoldsEveryStatusCall();
    void clientErrorsOnStatusCalls_data();
    void clientErrorsOnStatusCalls();
    void badAnswersKeepTheLastStatus_data();
    void badAnswersKeepTheLastStatus();
    void unknownStatusValueFromTheService();
    void unreachableServiceHoldsEveryToken_data();
    void unreachableServiceHoldsEveryToken();

private:
    // An order with a real sandbox token and file, made by the queue.
    qint64 makeOrder(const QString &name);
    void makePoller(PollScheduleSettings settings = {});
    // Runs one round: processDue() at the fake time, then waits for the answers.
    void round();
    // Orders for the sandbox, then the poller started and its first round run.
    QList<qint64> startWithOrders(int count);

    QDateTime m_clock = kStart;
    qint64 m_sandboxMs = 0;
    std::unique_ptr<StatusPoller> m_poller;
};

void TestStatusPoller::init()
{
    initFixture();
    m_clock = kStart;
    m_sandboxMs = 0;
}

qint64 TestStatusPoller::makeOrder(const QString &name)
{
    if (!m_queue)
        makeQueue();
    const StoreResult<qint64> id = m_queue->addFile(copyTeapot(name), facts());
    if (!id)
        return 0;
    if (!QTest::qWaitFor([&] { return itemOf(*id).state == QueueState::Done; }, kWait))
        return 0;
    const auto order = m_store->orderByToken(environment(), itemOf(*id).token);
    return order && order->has_value() ? (*order)->id : 0;
}

void TestStatusPoller::makePoller(PollScheduleSettings settings)
{
    m_poller = std::make_unique<StatusPoller>(m_store.get(), m_api.get(), environment(), settings);
    m_poller->setClock([this] { return m_clock; });
    m_poller->setRandomSeed(42);
    m_poller->setTimerEnabled(false);
}

void TestStatusPoller::round()
{
    m_poller->processDue();
    // Woken by each event rather than polled, so a test can run hundreds of rounds.
    QDeadlineTimer deadline(kWait);
    while (m_poller->inFlightCount() > 0 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    QCOMPARE(m_poller->inFlightCount(), 0);
}

void TestStatusPoller::scheduleNeverBelowFloor()
{
    const PollSchedule schedule;
    const ms floor = schedule.settings().floor;
    QRandomGenerator random(1);
    const QList<JobStatus> open{JobStatus::AwaitingCustomer, JobStatus::WarmingUp,
                                JobStatus::Printing,         JobStatus::Success,
                                JobStatus::Failure,          JobStatus::Unknown};
    for (int i = 0; i < 2000; ++i) {
        for (const JobStatus status : open) {
            PollInputs in;
            in.status = status;
            in.unknownToService = (i % 3) == 0;
            in.created = kStart.addSecs(-(i % 50)); // just created up to a while ago
            in.printFinished = kStart.addSecs(-(i % 7));
            const auto delay = schedule.nextDelay(in, kStart, random);
            QVERIFY(delay);
            QVERIFY2(*delay >= floor, qPrintable(QString::number(delay->count())));
        }
        QVERIFY(schedule.transientDelay(i % 10, random) >= floor);
        QVERIFY(schedule.networkHold(i % 10, random) >= floor);
    }
    // Even settings asking for less get the floor.
    PollScheduleSettings eager;
    eager.activeMin = 1ms;
    eager.activeMax = 2ms;
    eager.awaitingMin = 1ms;
    const PollSchedule hasty(eager);
    PollInputs printing;
    printing.status = JobStatus::Printing;
    QCOMPARE(*hasty.nextDelay(printing, kStart, random), eager.floor);
    PollInputs waiting;
    waiting.created = kStart;
    QCOMPARE(*hasty.nextDelay(waiting, kStart, random), eager.floor);
}

void TestStatusPoller::scheduleRules()
{
    const PollSchedule schedule;
    const PollScheduleSettings &s = schedule.settings();
    QRandomGenerator random(7);
    PollInputs in;
    // Printing: 15-30 s.
    in.status = JobStatus::WarmingUp;
    for (int i = 0; i < 200; ++i) {
        const ms d = *schedule.nextDelay(in, kStart, random);
        QVERIFY(d >= 15s && d <= 30s);
    }
    // Awaiting the customer: slower the longer it has been waiting, about 10 min at most.
    in.status = JobStatus::AwaitingCustomer;
    in.created = kStart.addSecs(-60);
    const ms fresh = *schedule.nextDelay(in, kStart, random);
    in.created = kStart.addSecs(-3600);
    const ms hourOld = *schedule.nextDelay(in, kStart, random);
    in.created = kStart.addDays(-30);
    const ms monthOld = *schedule.nextDelay(in, kStart, random);
    QVERIFY(fresh <= ms(qint64(s.awaitingMin.count() * (1 + s.jitter))));
    QVERIFY(hourOld > fresh);
    QVERIFY(monthOld >= ms(qint64(s.awaitingMax.count() * (1 - s.jitter))));
    QVERIFY(monthOld <= ms(qint64(s.awaitingMax.count() * (1 + s.jitter))));
    // Done but not confirmed: slowly, slower as time passes.
    in.status = JobStatus::Success;
    in.printFinished = kStart.addSecs(-10);
    const ms justDone = *schedule.nextDelay(in, kStart, random);
    in.printFinished = kStart.addSecs(-7200);
    const ms longDone = *schedule.nextDelay(in, kStart, random);
    QVERIFY(justDone <= ms(qint64(s.settlingMin.count() * (1 + s.jitter))));
    QVERIFY(longDone > justDone);
    // Unknown value, unknown token: kept, polled slowly.
    in.status = JobStatus::Unknown;
    QVERIFY(*schedule.nextDelay(in, kStart, random) >=
            ms(qint64(s.unknownValue.count() * (1 - s.jitter))));
    in.status = JobStatus::Printing;
    in.unknownToService = true;
    QVERIFY(*schedule.nextDelay(in, kStart, random) >=
            ms(qint64(s.unknownToService.count() * (1 - s.jitter))));
    // Confirmed: stop.
    in.unknownToService = false;
    in.status = JobStatus::ConfirmedSuccess;
    QVERIFY(!schedule.nextDelay(in, kStart, random));
    in.status = JobStatus::ConfirmedFailure;
    QVERIFY(!schedule.nextDelay(in, kStart, random));
}

void TestStatusPoller::scheduleBackoffs()
{
    PollScheduleSettings settings;
    settings.jitter = 0; // exact values
    const PollSchedule schedule(settings);
    QRandomGenerator random(3);
    QCOMPARE(schedule.networkHold(1, random), 15s);
    QCOMPARE(schedule.networkHold(2, random), 30s);
    QCOMPARE(schedule.networkHold(3, random), 60s);
    QCOMPARE(schedule.networkHold(50, random), 300s); // capped
    QCOMPARE(schedule.transientDelay(1, random), 30s);
    QCOMPARE(schedule.transientDelay(2, random), 60s);
    QCOMPARE(schedule.transientDelay(99, random), 600s);
    // With jitter, spread both ways but within it.
    const PollSchedule jittery;
    QSet<qint64> seen;
    for (int i = 0; i < 100; ++i) {
        const ms d = jittery.networkHold(3, random);
        QVERIFY(d >= 48s && d <= 72s);
        seen.insert(d.count());
    }
    QVERIFY(seen.size() > 50);
}

// A manual refresh right after a poll waits for the token's 15 seconds; so does every other
// path, counted at the sandbox.
void TestStatusPoller::floorHoldsForManualRefresh()
{
    startSandbox();
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    const QString token = (*m_store->order(id))->token;
    makePoller();
    m_poller->start();
    QCOMPARE(m_poller->trackedCount(), 1);
    m_clock = m_clock.addSecs(2); // the start spreads first polls over a second
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1);
    QCOMPARE((*m_store->order(id))->lastChecked, m_clock);

    m_clock = m_clock.addSecs(5);
    const QDateTime due = m_poller->refreshNow(id);
    QCOMPARE(due, kStart.addSecs(2 + 15));
    round();
    m_poller->refreshAll();
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1); // held back
    m_clock = kStart.addSecs(2 + 14);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1);
    m_clock = kStart.addSecs(2 + 15);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 2);
    QCOMPARE(m_poller->requestCount(), 2);
}

void TestStatusPoller::awaitingCustomerBacksOff()
{
    startSandbox();
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    const QDateTime created = (*m_store->order(id))->created;
    m_clock = created; // the fake clock starts when the order was made
    makePoller();
    m_poller->start();
    ms previous{0};
    int grew = 0;
    for (int i = 0; i < 16; ++i) {
        m_clock = m_poller->nextDue(id);
        round();
        QVERIFY(m_poller->isTracked(id));
        const ms gap(m_clock.msecsTo(m_poller->nextDue(id)));
        QVERIFY(gap >= 15s);
        QVERIFY(gap <= 12min);
        grew += gap > previous ? 1 : 0;
        previous = gap;
    }
    QVERIFY2(grew >= 9, qPrintable(QString::number(grew))); // mostly growing, jitter aside
    QVERIFY(previous >= 4min); // a quarter of the half hour waited by then
    QCOMPARE(m_poller->requestCount(), 16);
}

// The sandbox prints at 600x on its own clock; the poller follows on the fake clock. Every
// transition lands in the store (history) before it is announced, and polling stops at the
// confirmed state.
void TestStatusPoller::followsPrintToConfirmedAndStops()
{
    startSandbox();
    m_sandbox->setClockForTesting([this] { return m_sandboxMs; });
    m_sandbox->setOutcome(PrintOutcome::Success);
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    const QString token = (*m_store->order(id))->token;
    makePoller();
    QSignalSpy changes(m_poller.get(), &StatusPoller::statusChanged);
    QSignalSpy finals(m_poller.get(), &StatusPoller::allFinal);
    QList<Order> announced;
    connect(m_poller.get(), &StatusPoller::ordersUpdated, this, [&](const QList<Order> &orders) {
        for (const Order &order : orders) {
            // Stored before announced: the store already says exactly this.
            const Order stored = **m_store->order(order.id);
            QCOMPARE(stored.status, order.status);
            QCOMPARE(stored.lastChecked, order.lastChecked);
            announced.append(order);
        }
    });
    m_poller->start();
    m_clock = m_clock.addSecs(2);
    round();
    QVERIFY(m_sandbox->startPrint(token, u"Prusa MK4"_s));
    for (int i = 0; i < 200 && m_poller->isTracked(id); ++i) {
        m_clock = m_poller->nextDue(id);
        m_sandboxMs += 2'000; // 2 real seconds = 20 simulated minutes at 600x
        round();
    }
    QVERIFY(!m_poller->isTracked(id));
    QCOMPARE(finals.size(), 1);
    const Order done = **m_store->order(id);
    QCOMPARE(done.status.status, JobStatus::ConfirmedSuccess);
    QVERIFY(done.printStarted.isValid());
    QVERIFY(done.printFinished.isValid());

    // The transitions, in order, each one in the history.
    QVERIFY(changes.size() >= 2);
    QCOMPARE(changes.last().at(0).value<Order>().status.status, JobStatus::ConfirmedSuccess);
    const auto history = *m_store->statusHistory(id);
    QCOMPARE(history.size(), changes.size());
    for (qsizetype i = 0; i < history.size(); ++i)
        QCOMPARE(history.at(i).status, changes.at(i).at(0).value<Order>().status);
    QVERIFY(!announced.isEmpty());
    QCOMPARE(announced.last().status.status, JobStatus::ConfirmedSuccess);

    // Final: never asked again.
    const int requests = m_sandbox->statusRequestCount(token);
    m_clock = m_clock.addDays(1);
    round();
    m_poller->refreshNow(id);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), requests);
}

// Connection refused: one hold for every token that grows while it lasts, no request in
// between, and recovery by itself once the service answers.
void TestStatusPoller::networkDownHoldsEveryToken()
{
    startSandbox();
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i)
        ids.append(makeOrder(u"f%1.stl"_s.arg(i)));
    QVERIFY(!ids.contains(0));
    const quint16 port = m_sandbox->port();
    m_queue.reset();
    m_sandbox.reset(); // the service is gone; the port is refused now
    makePoller();
    QSignalSpy down(m_poller.get(), &StatusPoller::networkDown);
    QSignalSpy restored(m_poller.get(), &StatusPoller::networkRestored);
    m_poller->start();
    m_clock = m_clock.addSecs(2);
    round();
    QCOMPARE(m_poller->requestCount(), 3);
    QVERIFY(m_poller->isNetworkDown());
    QCOMPARE(down.size(), 1);
    const QDateTime firstHold = m_poller->networkHoldUntil();
    QVERIFY(firstHold >= m_clock.addSecs(12)); // 15 s, jittered
    // Nothing is sent before the hold ends, whatever is due or refreshed.
    m_poller->refreshAll();
    m_clock = firstHold.addMSecs(-1);
    round();
    QCOMPARE(m_poller->requestCount(), 3);
    m_clock = firstHold;
    round();
    QVERIFY(m_poller->requestCount() > 3);
    const QDateTime secondHold = m_poller->networkHoldUntil();
    QVERIFY(m_clock.msecsTo(secondHold) > 20'000); // doubled (30 s, jittered)
    QCOMPARE(down.size(), 1);                      // said once, not per failure

    // A service is back on the same port: the next round after the hold works again by
    // itself. (It is a fresh sandbox that never made these tokens: each is marked, none is
    // dropped.)
    SandboxConfig config;
    config.apiKey = u"sandbox-test-key-0123456789"_s;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(port), qPrintable(m_sandbox->errorString()));
    m_clock = secondHold;
    round();
    QVERIFY(!m_poller->isNetworkDown());
    QCOMPARE(restored.size(), 1);
    QCOMPARE(m_poller->trackedCount(), 3);
    QVERIFY((*m_store->order(ids.first()))->unknownToService);
}

// A token the service does not know (here: a new sandbox that never made it) is marked in
// the store and announced, kept, and asked again only now and then.
void TestStatusPoller::unknownTokenIsMarkedNotDropped()
{
    startSandbox();
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    m_queue.reset();
    startSandbox(); // a fresh service without that token; m_api points at it
    makePoller();
    QList<Order> announced;
    connect(m_poller.get(), &StatusPoller::ordersUpdated, this,
            [&](const QList<Order> &orders) { announced += orders; });
    m_poller->start();
    m_clock = m_clock.addSecs(2);
    round();
    QVERIFY(m_poller->isTracked(id));
    QVERIFY((*m_store->order(id))->unknownToService);
    QTRY_COMPARE_WITH_TIMEOUT(announced.size(), 1, kWait);
    QVERIFY(announced.first().unknownToService);
    QVERIFY(m_clock.msecsTo(m_poller->nextDue(id)) >= 8 * 60'000); // slowly
    QVERIFY(!m_poller->isNetworkDown()); // one token's trouble holds nobody else
}

void TestStatusPoller::unknownStatusValueIsKept()
{
    startSandbox();
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    FixedPeer peer(R"({"status":{"code":"ok"},"data":{"printing_job_status":"PAUSED",)"
                   R"("printing_percentage":"40"}})");
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/api3/"_s.arg(peer.serverPort()));
    endpoint.apiKey = u"key"_s;
    m_api = std::make_unique<ApiClient>(m_network.get(), endpoint);
    makePoller();
    QSignalSpy changes(m_poller.get(), &StatusPoller::statusChanged);
    m_poller->start();
    m_clock = m_clock.addSecs(2);
    round();
    QCOMPARE(peer.requests, 1);
    const Order stored = **m_store->order(id);
    QCOMPARE(stored.status.status, JobStatus::Unknown);
    QCOMPARE(stored.status.statusText, u"PAUSED"_s);
    QCOMPARE(stored.status.percentage, std::optional<double>(40));
    QCOMPARE(changes.size(), 1);
    QVERIFY(m_poller->isTracked(id)); // polling goes on
    const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
    QVERIFY(gap >= 45'000 && gap <= 75'000);
}

// Another process (a restart) starts from the store: same statuses, and a token checked a
// moment ago is not asked again before its floor.
void TestStatusPoller::restartKeepsFloorAndPicture()
{
    startSandbox();
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    const QString token = (*m_store->order(id))->token;
    makePoller();
    m_poller->start();
    m_clock = m_clock.addSecs(2);
    round();
    const QDateTime checked = m_clock;
    m_poller.reset(); // the process ends

    makePoller();
    m_poller->start();
    QCOMPARE(m_poller->nextDue(id), checked.addSecs(15));
    m_clock = checked.addSecs(5);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1);
    m_clock = checked.addSecs(15);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 2);
}

QList<qint64> TestStatusPoller::startWithOrders(int count)
{
    QList<qint64> ids;
    for (int i = 0; i < count; ++i)
        ids.append(makeOrder(u"o%1.stl"_s.arg(i)));
    makePoller();
    m_poller->start();
    return ids;
}

// A customer who never presses Print: the token is asked ever less often, never more often
// than every 15 s (measured by the sandbox on the same clock), and never dropped - not after
// two days, not across a restart.
void TestStatusPoller::neverPrintedTokenIsNeverDropped()
{
    startSandbox();
    m_sandbox->setClockForTesting([this] { return m_clock.toMSecsSinceEpoch(); });
    const qint64 id = makeOrder(u"a.stl"_s);
    QVERIFY(id > 0);
    const Order order = **m_store->order(id);
    m_clock = order.created;
    makePoller();
    m_poller->start();
    const PollScheduleSettings settings;
    QList<qint64> gaps;
    const QDateTime end = order.created.addDays(2);
    while (m_clock < end) {
        m_clock = m_poller->nextDue(id);
        round();
        QVERIFY(m_poller->isTracked(id));
        gaps.append(m_clock.msecsTo(m_poller->nextDue(id)));
    }
    for (const qint64 gap : std::as_const(gaps)) {
        QVERIFY2(gap >= settings.floor.count(), qPrintable(QString::number(gap)));
        QVERIFY2(gap <= qint64(settings.awaitingMax.count() * (1 + settings.jitter)),
                 qPrintable(QString::number(gap)));
    }
    // Ever less often: the first minutes at about the shortest pause, the end at the longest.
    QVERIFY2(gaps.first() <= qint64(settings.awaitingMin.count() * (1 + settings.jitter)),
             qPrintable(QString::number(gaps.first())));
    for (qsizetype i = gaps.size() - 20; i < gaps.size(); ++i)
        QVERIFY(gaps.at(i) >= qint64(settings.awaitingMax.count() * (1 - settings.jitter)));
    QVERIFY(gaps.size() > 250); // two days of questions, none skipped
    QCOMPARE(m_sandbox->statusRequestCount(order.token), int(gaps.size()));
    QVERIFY(m_sandbox->shortestStatusInterval(order.token) >= settings.floor);
    const Order stored = **m_store->order(id);
    QVERIFY(stored.status.isAwaitingCustomer());
    QVERIFY(!stored.unknownToService);

    // The console restarts: the token is followed again, its floor kept.
    const QDateTime lastCheck = stored.lastChecked;
    m_poller.reset();
    makePoller();
    m_poller->start();
    QVERIFY(m_poller->isTracked(id));
    QVERIFY(m_poller->nextDue(id) >= lastCheck.addMSecs(settings.floor.count()));
    m_clock = m_poller->nextDue(id);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(order.token), int(gaps.size()) + 1);
    QVERIFY(m_sandbox->shortestStatusInterval(order.token) >= settings.floor);
}

void TestStatusPoller::serverErrorsBackOffAndKeepTheToken_data()
{
    QTest::addColumn<int>("status");
    for (const int status : {500, 502, 503, 504})
        QTest::addRow("%d", status) << status;
}

// 5xx answers to the status call: the token is asked again with a growing pause (never below
// 15 s), the last known status stays as it is, nothing else is held, and polling recovers
// once the service answers again.
void TestStatusPoller::serverErrorsBackOffAndKeepTheToken()
{
    QFETCH(int, status);
    startSandbox();
    const QList<qint64> ids = startWithOrders(1);
    QVERIFY(!ids.contains(0));
    const qint64 id = ids.first();
    const QString token = (*m_store->order(id))->token;
    m_clock = m_clock.addSecs(2);
    round();
    const Order before = **m_store->order(id);
    QCOMPARE(before.lastChecked, m_clock);

    FaultPlan plan;
    plan.serverErrorRate = 1;
    plan.serverErrorStatus = status;
    plan.calls = FaultPlan::StatusCall;
    m_sandbox->setFaultPlan(plan);
    const PollScheduleSettings settings;
    qint64 previous = 0;
    for (int failures = 1; failures <= 4; ++failures) {
        m_clock = m_poller->nextDue(id);
        round();
        QVERIFY(m_poller->isTracked(id));
        QVERIFY(!m_poller->isNetworkDown());
        const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
        // transientMin doubled per failure, jittered.
        const qint64 step = settings.transientMin.count() << (failures - 1);
        QVERIFY2(gap >= qint64(step * (1 - settings.jitter)) &&
                     gap <= qint64(step * (1 + settings.jitter)),
                 qPrintable(u"failure %1: %2 ms"_s.arg(failures).arg(gap)));
        QVERIFY(gap > previous);
        previous = gap;
        const Order now = **m_store->order(id);
        QCOMPARE(now.status, before.status);
        QCOMPARE(now.lastChecked, before.lastChecked);
        QVERIFY(!now.unknownToService);
    }
    QCOMPARE(m_sandbox->statusRequestCount(token), 5);

    // The service answers again: stored, and the token's failures are forgotten (a new one
    // starts the backoff from the beginning).
    m_sandbox->setFaultPlan({});
    m_clock = m_poller->nextDue(id);
    round();
    QCOMPARE((*m_store->order(id))->lastChecked, m_clock);
    m_sandbox->setFaultPlan(plan);
    m_clock = m_poller->nextDue(id);
    round();
    const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
    QVERIFY2(gap <= qint64(settings.transientMin.count() * (1 + settings.jitter)),
             qPrintable(QString::number(gap)));
}

void TestStatusPoller::retryAfterHoldsEveryStatusCall_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("retryAfter"); // "DATE+120": an HTTP date 120 s from now
    QTest::addColumn<qint64>("atLeastMs");   // of the hold; 0: no hold expected
    QTest::addColumn<qint64>("atMostMs");
    for (const int status : {429, 503}) {
        QTest::addRow("%d seconds", status)
            << status << u"120"_s << qint64(120'000) << qint64(120'000);
        // Whole seconds, rounded up, against the real clock: a moment may pass.
        QTest::addRow("%d HTTP date", status)
            << status << u"DATE+120"_s << qint64(110'000) << qint64(121'000);
        // Shorter than the floor: the floor.
        QTest::addRow("%d below the floor", status)
            << status << u"1"_s << qint64(15'000) << qint64(15'000);
        // Capped at an hour.
        QTest::addRow("%d capped", status)
            << status << u"86400"_s << qint64(3'600'000) << qint64(3'600'000);
        // Not a valid value: no hold for everyone, the token's own backoff instead.
        QTest::addRow("%d bad value", status) << status << u"soon"_s << qint64(0) << qint64(0);
    }
}

// 429 / 503 with Retry-After on the status call: the service asked every client to slow
// down, so every token waits at least that long (capped, never below the floor); nothing is
// sent before; afterwards polling resumes by itself. A bad value is the token's own trouble.
void TestStatusPoller::retryAfterHoldsEveryStatusCall()
{
    QFETCH(int, status);
    QFETCH(QString, retryAfter);
    QFETCH(qint64, atLeastMs);
    QFETCH(qint64, atMostMs);
    if (retryAfter == u"DATE+120") {
        retryAfter = QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(120),
                                           u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    }
    startSandbox();
    const QList<qint64> ids = startWithOrders(3);
    QVERIFY(!ids.contains(0));
    const QString fault = status == 429 ? u"429=1"_s : u"http5xx=1,status=503,retry-after-503=1"_s;
    QString error;
    const auto plan =
        FaultPlan::parse(u"%1,calls=status,retry-after=\"%2\""_s.arg(fault, retryAfter), &error);
    QVERIFY2(plan, qPrintable(error));
    m_sandbox->setFaultPlan(*plan);
    QSignalSpy down(m_poller.get(), &StatusPoller::networkDown);
    QSignalSpy restored(m_poller.get(), &StatusPoller::networkRestored);
    m_clock = m_clock.addSecs(2);
    round();
    QCOMPARE(m_poller->requestCount(), 3);
    QCOMPARE(m_poller->trackedCount(), 3);
    if (atLeastMs == 0) {
        QVERIFY(!m_poller->isNetworkDown());
        QCOMPARE(down.size(), 0);
        for (const qint64 id : ids) {
            const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
            QVERIFY2(gap >= 15'000 && gap <= 36'000, qPrintable(QString::number(gap)));
        }
        return;
    }
    QVERIFY(m_poller->isNetworkDown());
    QCOMPARE(down.size(), 1);
    const qint64 hold = m_clock.msecsTo(m_poller->networkHoldUntil());
    QVERIFY2(hold >= atLeastMs && hold <= atMostMs, qPrintable(QString::number(hold)));
    // Nothing goes out before the hold ends, whatever is due or refreshed.
    m_poller->refreshAll();
    m_clock = m_poller->networkHoldUntil().addMSecs(-1);
    round();
    QCOMPARE(m_poller->requestCount(), 3);
    m_sandbox->setFaultPlan({});
    m_clock = m_poller->networkHoldUntil();
    round();
    QVERIFY(m_poller->requestCount() > 3);
    QVERIFY(!m_poller->isNetworkDown());
    QCOMPARE(restored.size(), 1);
}

void TestStatusPoller::clientErrorsOnStatusCalls_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("holdsEveryone");
    QTest::newRow("400") << 400 << false;
    QTest::newRow("401") << 401 << true;
    QTest::newRow("403") << 403 << true;
}

// The key is refused (401 / 403): every token is held for the longest network pause, once
// said with the reason; a 400 is only this token's trouble: its own backoff.
void TestStatusPoller::clientErrorsOnStatusCalls()
{
    QFETCH(int, status);
    QFETCH(bool, holdsEveryone);
    startSandbox();
    const QList<qint64> ids = startWithOrders(2);
    QVERIFY(!ids.contains(0));
    FaultPlan plan;
    plan.clientErrorRate = 1;
    plan.clientErrorStatus = status;
    plan.calls = FaultPlan::StatusCall;
    m_sandbox->setFaultPlan(plan);
    QSignalSpy down(m_poller.get(), &StatusPoller::networkDown);
    m_clock = m_clock.addSecs(2);
    round();
    QCOMPARE(m_poller->trackedCount(), 2);
    QCOMPARE(m_poller->isNetworkDown(), holdsEveryone);
    if (holdsEveryone) {
        QCOMPARE(down.size(), 1);
        QVERIFY2(down.first().first().toString().contains(u"rejected the API key"_s),
                 qPrintable(down.first().first().toString()));
        QCOMPARE(m_clock.msecsTo(m_poller->networkHoldUntil()),
                 PollScheduleSettings().networkMax.count());
    } else {
        QCOMPARE(down.size(), 0);
        for (const qint64 id : ids)
            QVERIFY(m_clock.msecsTo(m_poller->nextDue(id)) >= 24'000); // 30 s, jittered
    }
    for (const qint64 id : ids)
        QVERIFY(!(*m_store->order(id))->unknownToService);
}

void TestStatusPoller::badAnswersKeepTheLastStatus_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("truncated JSON") << u"truncated"_s;
    QTest::newRow("HTML page") << u"html"_s;
    QTest::newRow("empty body") << u"empty"_s;
    QTest::newRow("wrong types") << u"types"_s;
    QTest::newRow("nulls") << u"nulls"_s;
    QTest::newRow("10 MB body") << u"huge"_s;
}

// A print under way, then a broken answer to the status call: nothing of it is stored (the
// order keeps its last status, no history row, not marked unknown), the token is asked again
// after the token's backoff, and the next good answer goes on from there.
void TestStatusPoller::badAnswersKeepTheLastStatus()
{
    QFETCH(QString, kind);
    startSandbox();
    m_sandbox->setClockForTesting([this] { return m_sandboxMs; });
    const QList<qint64> ids = startWithOrders(1);
    QVERIFY(!ids.contains(0));
    const qint64 id = ids.first();
    QVERIFY(m_sandbox->startPrint((*m_store->order(id))->token, u"Prusa MK4"_s));
    m_clock = m_clock.addSecs(2);
    round();
    const Order before = **m_store->order(id);
    QCOMPARE(before.status.status, JobStatus::WarmingUp);
    const qsizetype history = m_store->statusHistory(id)->size();

    QString error;
    const auto plan =
        FaultPlan::parse(u"malformed=1,malformed-as=%1,calls=status"_s.arg(kind), &error);
    QVERIFY2(plan, qPrintable(error));
    m_sandbox->setFaultPlan(*plan);
    QSignalSpy changes(m_poller.get(), &StatusPoller::statusChanged);
    m_clock = m_poller->nextDue(id);
    round();
    const Order after = **m_store->order(id);
    QCOMPARE(after.status, before.status);
    QCOMPARE(after.lastChecked, before.lastChecked);
    QVERIFY(!after.unknownToService);
    QCOMPARE(m_store->statusHistory(id)->size(), history);
    QCOMPARE(changes.size(), 0);
    QVERIFY(m_poller->isTracked(id));
    QVERIFY(!m_poller->isNetworkDown());
    const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
    QVERIFY2(gap >= 24'000 && gap <= 36'000, qPrintable(QString::number(gap))); // 30 s +-20 %

    m_sandbox->setFaultPlan({});
    m_sandboxMs += 500; // five simulated minutes at 600x: printing by now
    m_clock = m_poller->nextDue(id);
    round();
    QCOMPARE((*m_store->order(id))->status.status, JobStatus::Printing);
    QCOMPARE(changes.size(), 1);
}

// The service reports a printing_job_status this version does not know: stored and shown as
// it is, and polling goes on (now and then, until it changes).
void TestStatusPoller::unknownStatusValueFromTheService()
{
    startSandbox();
    const QList<qint64> ids = startWithOrders(1);
    QVERIFY(!ids.contains(0));
    const qint64 id = ids.first();
    const QString token = (*m_store->order(id))->token;
    FaultPlan plan;
    plan.statusValue = u"PAUSED_BY_OWNER"_s;
    m_sandbox->setFaultPlan(plan);
    QSignalSpy changes(m_poller.get(), &StatusPoller::statusChanged);
    m_clock = m_clock.addSecs(2);
    round();
    const Order stored = **m_store->order(id);
    QCOMPARE(stored.status.status, JobStatus::Unknown);
    QCOMPARE(stored.status.statusText, u"PAUSED_BY_OWNER"_s);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().first().value<Order>().status.statusText, u"PAUSED_BY_OWNER"_s);
    QCOMPARE(m_store->statusHistory(id)->last().status.statusText, u"PAUSED_BY_OWNER"_s);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(m_poller->isTracked(id));
        const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
        QVERIFY2(gap >= 48'000 && gap <= 72'000, qPrintable(QString::number(gap))); // 60 s +-20 %
        m_clock = m_poller->nextDue(id);
        round();
    }
    QCOMPARE(m_sandbox->statusRequestCount(token), 4);
    QCOMPARE(changes.size(), 1); // the same unknown value is no new change

    // Once the value is one it knows again, it follows that.
    m_sandbox->setFaultPlan({});
    m_clock = m_poller->nextDue(id);
    round();
    QVERIFY((*m_store->order(id))->status.isAwaitingCustomer());
}

void TestStatusPoller::unreachableServiceHoldsEveryToken_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("DNS failure") << u"dns"_s;
    QTest::newRow("offline") << u"offline"_s;
    QTest::newRow("TLS certificate refused") << u"tls"_s;
}

// Out of reach (no name resolution, no route, a certificate refused): one hold for every
// token that grows while it lasts, said once, no request in between (for TLS: the sandbox,
// which would decrypt anything sent, never sees the key), and recovery by itself.
void TestStatusPoller::unreachableServiceHoldsEveryToken()
{
    QFETCH(QString, where);
    startSandbox();
    const QList<qint64> ids = startWithOrders(2);
    QVERIFY(!ids.contains(0));
    const ServiceEndpoint reachable = m_api->endpoint();
    ServiceEndpoint outOfReach = reachable;
    if (where == u"dns") {
        outOfReach.baseUrl.setHost(u"no-such-host.invalid"_s);
    } else if (where == u"offline") {
        outOfReach.baseUrl.setHost(u"224.0.0.1"_s); // "network unreachable", as when offline
    } else {
        FaultPlan tls;
        tls.tls = FaultPlan::Tls::SelfSigned;
        m_sandbox->setFaultPlan(tls);
        outOfReach.baseUrl = m_sandbox->apiBaseUrl(); // https, a certificate nobody trusts
    }
    m_api->setEndpoint(outOfReach);
    const int asked = m_sandbox->totalRequestCount();
    QSignalSpy down(m_poller.get(), &StatusPoller::networkDown);
    QSignalSpy restored(m_poller.get(), &StatusPoller::networkRestored);
    m_clock = m_clock.addSecs(2);
    round();
    QVERIFY(m_poller->isNetworkDown());
    QCOMPARE(down.size(), 1);
    const QDateTime firstHold = m_poller->networkHoldUntil();
    QVERIFY(firstHold >= m_clock.addSecs(12)); // 15 s, jittered
    const int requests = m_poller->requestCount();
    m_poller->refreshAll();
    m_clock = firstHold.addMSecs(-1);
    round();
    QCOMPARE(m_poller->requestCount(), requests);
    m_clock = firstHold;
    round();
    QVERIFY(m_poller->requestCount() > requests);
    QVERIFY(m_clock.msecsTo(m_poller->networkHoldUntil()) > 20'000); // doubled, jittered
    QCOMPARE(down.size(), 1);                                        // said once, not per failure
    QCOMPARE(m_poller->trackedCount(), 2);
    QCOMPARE(m_sandbox->totalRequestCount(), asked);

    m_sandbox->setFaultPlan({});
    m_api->setEndpoint(reachable);
    m_clock = m_poller->networkHoldUntil();
    round();
    QVERIFY(!m_poller->isNetworkDown());
    QCOMPARE(restored.size(), 1);
    for (const qint64 id : ids)
        QCOMPARE((*m_store->order(id))->lastChecked, m_clock);
}

QTEST_GUILESS_MAIN(TestStatusPoller)
#include "tst_statuspoller.moc"
