// The status poller against the in-process sandbox with the clock seam, round by round: the
// 15-second floor under every path, backoff while the customer waits, stop at final states, a
// global hold while the network is down, tokens the service does not know, unknown status
// values, every answer stored before it is announced, and restarts.

#include "pollerfixture.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;
using ms = std::chrono::milliseconds;

namespace {

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

class TestStatusPollerRounds final : public QObject, private PollerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { initPoller(); }
    void cleanup() { cleanupPoller(); }

    void floorHoldsForManualRefresh();
    void awaitingCustomerBacksOff();
    void followsPrintToConfirmedAndStops();
    void networkDownHoldsEveryToken();
    void unknownTokenIsMarkedNotDropped();
    void unknownStatusValueIsKept();
    void restartKeepsFloorAndPicture();
    void neverPrintedTokenIsNeverDropped();
};

// A manual refresh right after a poll waits for the token's 15 seconds; so does every other
// path, counted at the sandbox.
void TestStatusPollerRounds::floorHoldsForManualRefresh()
{
    startSandbox();
    const qint64 id = startWithOneOrder();
    QVERIFY(id > 0);
    const QString token = (*m_store->order(id))->token;
    QCOMPARE(m_poller->trackedCount(), 1);
    m_clock = m_clock.addSecs(2); // the start spreads first polls over a second
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1);
    QCOMPARE((*m_store->order(id))->lastChecked, m_clock);

    m_clock = m_clock.addSecs(5);
    const QDateTime due = m_poller->refreshNow(id);
    QCOMPARE(due, kPollStart.addSecs(2 + 15));
    round();
    m_poller->refreshAll();
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1); // held back
    m_clock = kPollStart.addSecs(2 + 14);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 1);
    m_clock = kPollStart.addSecs(2 + 15);
    round();
    QCOMPARE(m_sandbox->statusRequestCount(token), 2);
    QCOMPARE(m_poller->requestCount(), 2);
}

void TestStatusPollerRounds::awaitingCustomerBacksOff()
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
void TestStatusPollerRounds::followsPrintToConfirmedAndStops()
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

    // The transitions, in order; the history holds those a person sees (a new state, message
    // or printer), not every move of the percentage.
    QVERIFY(changes.size() >= 2);
    QCOMPARE(changes.last().at(0).value<Order>().status.status, JobStatus::ConfirmedSuccess);
    QList<pc::PrintStatus> milestones;
    for (const QList<QVariant> &change : std::as_const(changes)) {
        const pc::PrintStatus status = change.at(0).value<Order>().status;
        if (milestones.isEmpty() || milestones.last().statusText != status.statusText ||
            milestones.last().message != status.message ||
            milestones.last().printerModel != status.printerModel)
            milestones.append(status);
    }
    const auto history = *m_store->statusHistory(id);
    QCOMPARE(history.size(), milestones.size());
    for (qsizetype i = 0; i < history.size(); ++i)
        QCOMPARE(history.at(i).status, milestones.at(i));
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
void TestStatusPollerRounds::networkDownHoldsEveryToken()
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
    checkNothingSentBefore(firstHold);
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
void TestStatusPollerRounds::unknownTokenIsMarkedNotDropped()
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

void TestStatusPollerRounds::unknownStatusValueIsKept()
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
void TestStatusPollerRounds::restartKeepsFloorAndPicture()
{
    startSandbox();
    const qint64 id = startWithOneOrder();
    QVERIFY(id > 0);
    const QString token = (*m_store->order(id))->token;
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

// A customer who never presses Print: the token is asked ever less often, never more often
// than every 15 s (measured by the sandbox on the same clock), and never dropped - not after
// two days, not across a restart.
void TestStatusPollerRounds::neverPrintedTokenIsNeverDropped()
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

QTEST_GUILESS_MAIN(TestStatusPollerRounds)
#include "tst_statuspollerrounds.moc"
