// The status-call rows of RELIABILITY.md's network table, each with the sandbox's matching
// fault switched on: 5xx, 429 / 503 with Retry-After, 4xx, broken answers, an unknown status
// value, and the service out of reach.

#include "pollerfixture.h"

#include <QLocale>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;
using ms = std::chrono::milliseconds;

class TestStatusPollerFaults final : public QObject, private PollerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { initPoller(); }
    void cleanup() { cleanupPoller(); }

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
};

void TestStatusPollerFaults::serverErrorsBackOffAndKeepTheToken_data()
{
    QTest::addColumn<int>("status");
    for (const int status : {500, 502, 503, 504})
        QTest::addRow("%d", status) << status;
}

// 5xx answers to the status call: the token is asked again with a growing pause (never below
// 15 s), the last known status stays as it is, nothing else is held, and polling recovers
// once the service answers again.
void TestStatusPollerFaults::serverErrorsBackOffAndKeepTheToken()
{
    QFETCH(int, status);
    startSandbox();
    const qint64 id = startWithOneOrder();
    QVERIFY(id > 0);
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
        QCOMPARE(now.lastChecked, m_clock); // when it was asked, kept for the 15 s floor
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

void TestStatusPollerFaults::retryAfterHoldsEveryStatusCall_data()
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
        // Capped at five minutes, whatever the service asks for.
        QTest::addRow("%d capped", status)
            << status << u"86400"_s << qint64(300'000) << qint64(300'000);
        QTest::addRow("%d absurd", status)
            << status << u"999999999"_s << qint64(300'000) << qint64(300'000);
        // Not a valid value: no hold for everyone, the token's own backoff instead.
        QTest::addRow("%d bad value", status) << status << u"soon"_s << qint64(0) << qint64(0);
    }
}

// 429 / 503 with Retry-After on the status call: the service asked every client to slow
// down, so every token waits at least that long (capped, never below the floor); nothing is
// sent before; afterwards polling resumes by itself. A bad value is the token's own trouble.
void TestStatusPollerFaults::retryAfterHoldsEveryStatusCall()
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
    checkNothingSentBefore(m_poller->networkHoldUntil());
    m_sandbox->setFaultPlan({});
    m_clock = m_poller->networkHoldUntil();
    round();
    QVERIFY(m_poller->requestCount() > 3);
    QVERIFY(!m_poller->isNetworkDown());
    QCOMPARE(restored.size(), 1);
}

void TestStatusPollerFaults::clientErrorsOnStatusCalls_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("holdsEveryone");
    QTest::newRow("400") << 400 << false;
    QTest::newRow("401") << 401 << true;
    QTest::newRow("403") << 403 << true;
}

// The key is refused (401 / 403): every token is held for the longest network pause, once
// said with the reason; a 400 is only this token's trouble: its own backoff.
void TestStatusPollerFaults::clientErrorsOnStatusCalls()
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

void TestStatusPollerFaults::badAnswersKeepTheLastStatus_data()
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
void TestStatusPollerFaults::badAnswersKeepTheLastStatus()
{
    QFETCH(QString, kind);
    startSandbox();
    m_sandbox->setClockForTesting([this] { return m_sandboxMs; });
    const qint64 id = startWithOneOrder();
    QVERIFY(id > 0);
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
    // Only the time of the question is kept: a console started again waits out the floor.
    QCOMPARE(after.lastChecked, m_clock);
    QVERIFY(!after.unknownToService);
    QCOMPARE(m_store->statusHistory(id)->size(), history);
    QCOMPARE(changes.size(), 0);
    QVERIFY(m_poller->isTracked(id));
    QVERIFY(!m_poller->isNetworkDown());
    const qint64 gap = m_clock.msecsTo(m_poller->nextDue(id));
    QVERIFY2(gap >= 24'000 && gap <= 36'000, qPrintable(QString::number(gap))); // 30 s +-20 %

    // Restarted two seconds later, the console does not ask again before 15 s have passed.
    const QDateTime asked = m_clock;
    m_clock = m_clock.addSecs(2);
    const int requestsBefore = m_sandbox->statusRequestCount(after.token);
    makePoller();
    m_poller->start();
    round();
    QCOMPARE(m_sandbox->statusRequestCount(after.token), requestsBefore);
    QVERIFY2(asked.msecsTo(m_poller->nextDue(id)) >= 15'000,
             qPrintable(QString::number(asked.msecsTo(m_poller->nextDue(id)))));
    QSignalSpy changesAfterRestart(m_poller.get(), &StatusPoller::statusChanged);

    m_sandbox->setFaultPlan({});
    m_sandboxMs += 500; // five simulated minutes at 600x: printing by now
    m_clock = m_poller->nextDue(id);
    round();
    QCOMPARE((*m_store->order(id))->status.status, JobStatus::Printing);
    QCOMPARE(changesAfterRestart.size(), 1);
}

// The service reports a printing_job_status this version does not know: stored and shown as
// it is, and polling goes on (now and then, until it changes).
void TestStatusPollerFaults::unknownStatusValueFromTheService()
{
    startSandbox();
    const qint64 id = startWithOneOrder();
    QVERIFY(id > 0);
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

void TestStatusPollerFaults::unreachableServiceHoldsEveryToken_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("DNS failure") << u"dns"_s;
    QTest::newRow("offline") << u"offline"_s;
    QTest::newRow("TLS certificate refused") << u"tls"_s;
}

// Out of reach (no name resolution, no route, a certificate refused): one hold for every
// token that grows while it lasts, said once, no request in between (for TLS: the sandbox,
// which would decrypt anything sent, never sees the key), and recovery by itself.
void TestStatusPollerFaults::unreachableServiceHoldsEveryToken()
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
    checkNothingSentBefore(firstHold);
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

QTEST_GUILESS_MAIN(TestStatusPollerFaults)
#include "tst_statuspollerfaults.moc"
