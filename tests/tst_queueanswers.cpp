// RELIABILITY.md's network rows about the service's answers, end to end through the upload
// queue against the in-process sandbox with the matching fault switched on: 5xx within and
// beyond the attempts, 4xx, Retry-After, the error envelope, a file too large, and broken
// answer bodies. (The connection itself: tst_queueconnection; local state and input:
// tst_queueinput; 5xx recovery, 401 by a wrong key and crashes: tst_uploadqueue,
// tst_crashrecovery and tst_crashkills.)

#include "queuefixture.h"

#include <QLocale>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;

namespace {

// What `calls=` says for one of the data rows' calls.
QString callsSpec(int calls)
{
    return calls == FaultPlan::TokenCall ? u"token"_s : u"upload"_s;
}

} // namespace

class TestQueueAnswers final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { initFixture(); }
    void cleanup() { cleanupFixture(); }

    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void serverErrorsGiveUpAfterBoundedAttempts_data();
    void serverErrorsGiveUpAfterBoundedAttempts();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();
    void tokenErrorEnvelopeSendsNothing();
    void uploadErrorEnvelopeIsShownNotRetried();
    void fileTooLargeIsNotRetried();
    void badAnswersEndCleanly_data();
    void badAnswersEndCleanly();
    void malformedUploadAnswerNeverSendsTwice();
};

void TestQueueAnswers::retryAfterIsHonoured_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("retryAfter"); // "DATE+2": an HTTP date 2 s after the row starts
    QTest::addColumn<qint64>("capMs");
    QTest::addColumn<qint64>("atLeastMs");
    QTest::addColumn<qint64>("atMostMs");
    for (const int status : {429, 503}) {
        const auto row = [status](const char *name) -> QTestData & {
            return QTest::addRow("%d %s", status, name);
        };
        row("seconds") << status << u"1"_s << qint64(5000) << qint64(1000) << qint64(1000);
        // Whole seconds, rounded up: 1 or 2 s, depending on when in a second the date was
        // written and read (the backoff alone is below 10 ms here).
        row("HTTP date") << status << u"DATE+2"_s << qint64(5000) << qint64(1000) << qint64(2000);
        // Longer than the cap: waits the cap. (The same rule for both codes.)
        if (status == 429)
            row("capped") << status << u"86400"_s << qint64(500) << qint64(500) << qint64(500);
        // Not a valid value: the normal backoff instead (the first step: 5-10 ms here).
        row("bad value") << status << u"soon"_s << qint64(5000) << qint64(5) << qint64(10);
    }
}

void TestQueueAnswers::retryAfterIsHonoured()
{
    QFETCH(int, status);
    QFETCH(QString, retryAfter);
    QFETCH(qint64, capMs);
    QFETCH(qint64, atLeastMs);
    QFETCH(qint64, atMostMs);
    if (retryAfter == u"DATE+2") {
        retryAfter = QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(2),
                                           u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    }
    const QString fault = status == 429 ? u"429=1"_s : u"http5xx=1,status=503,retry-after-503=1"_s;
    RetryPolicy::Settings retries = tinyRetrySettings();
    retries.maxRetryAfter = std::chrono::milliseconds(capMs);
    startQueue(u"%1,budget=1,calls=upload,retry-after=\"%2\""_s.arg(fault, retryAfter), {},
               retries);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    // A clock that stands still: the next retry minus "now" is exactly the delay chosen (the
    // retry timer runs for just that long).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_queue->setClock([now] { return now; });
    QList<qint64> delays;
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [&](qint64 changed) {
        const QueueItem item = itemOf(changed);
        if (item.state == QueueState::Failed && item.nextRetry.isValid())
            delays.append(now.msecsTo(item.nextRetry));
    });

    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(delays.size(), 1);
    QVERIFY2(delays.first() >= atLeastMs && delays.first() <= atMostMs,
             qPrintable(u"waited %1 ms"_s.arg(delays.first())));
    QCOMPARE(itemOf(id).attemptCount, 1);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
}

void TestQueueAnswers::serverErrorsGiveUpAfterBoundedAttempts_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("calls");
    for (const int status : {500, 502, 503, 504}) {
        QTest::addRow("%d on the token call", status) << status << int(FaultPlan::TokenCall);
        QTest::addRow("%d on the upload", status) << status << int(FaultPlan::UploadCall);
    }
}

void TestQueueAnswers::serverErrorsGiveUpAfterBoundedAttempts()
{
    QFETCH(int, status);
    QFETCH(int, calls);
    startQueue(u"http5xx=1,status=%1,calls=%2"_s.arg(status).arg(callsSpec(calls)));
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy idle(m_queue.get(), &UploadQueue::idle);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    const qint64 id = queueTeapot();
    QTRY_VERIFY_WITH_TIMEOUT(idle.size() >= 1 && m_queue->isIdle(), kWait);
    const int maxAttempts = tinyRetrySettings().maxAttempts;
    const QueueItem failed = itemOf(id);
    QCOMPARE(failed.state, QueueState::Failed);
    QCOMPARE(failed.attemptCount, maxAttempts);
    QVERIFY(!failed.nextRetry.isValid()); // no more automatic retries
    QVERIFY2(failed.failureReason.contains(QString::number(status)),
             qPrintable(failed.failureReason));
    QVERIFY2(failed.failureReason.contains(u"use Retry"_s), qPrintable(failed.failureReason));
    // Every automatic retry said why and when, with the attempts counted up.
    const QList<QueueItem> retries = seen.retries();
    QCOMPARE(retries.size(), maxAttempts - 1);
    for (int i = 0; i < retries.size(); ++i) {
        QCOMPARE(retries.at(i).attemptCount, i + 1);
        QVERIFY2(retries.at(i).failureReason.contains(QString::number(status)),
                 qPrintable(retries.at(i).failureReason));
    }
    const int requests = m_sandbox->totalRequestCount();
    if (calls == FaultPlan::TokenCall) {
        QVERIFY(failed.token.isEmpty());
        QCOMPARE(requests, maxAttempts); // token calls only; nothing was uploaded
    } else {
        QCOMPARE(tokens.size(), 1); // every attempt used the same token
        QCOMPARE(m_sandbox->uploadCount(failed.token), 0);
    }

    // The user's Retry starts over (with the same token, if it has one); it lands.
    m_sandbox->setFaultPlan({});
    QVERIFY(m_queue->retry(id));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const QString token = itemOf(id).token;
    if (calls == FaultPlan::UploadCall)
        QCOMPARE(token, failed.token);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
}

void TestQueueAnswers::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("calls");
    QTest::addColumn<QString>("reason");
    const QString key = u"rejected the API key"_s;
    const QString tooLarge = u"too large for the service"_s;
    const QString refused = u"refused the request (HTTP 400)"_s;
    for (const auto &[status, reason] :
         {std::pair{400, refused}, {401, key}, {403, key}, {413, tooLarge}}) {
        QTest::addRow("%d on the token call", status)
            << status << int(FaultPlan::TokenCall) << reason;
        QTest::addRow("%d on the upload", status) << status << int(FaultPlan::UploadCall) << reason;
    }
}

// 400 / 401 / 403 / 413: failed at once, no automatic retry, and the reason says what to do.
void TestQueueAnswers::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    QFETCH(int, calls);
    QFETCH(QString, reason);
    startQueue(u"http4xx=1,status4xx=%1,calls=%2"_s.arg(status).arg(callsSpec(calls)));
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY(!failed.nextRetry.isValid());
    QVERIFY(seen.retries().isEmpty());
    QVERIFY2(failed.failureReason.contains(reason), qPrintable(failed.failureReason));
    QTest::qWait(200); // a retry would have gone out by now (tiny backoff)
    QCOMPARE(m_sandbox->totalRequestCount(), calls == FaultPlan::TokenCall ? 1 : 2);
    QCOMPARE(uploads.size(), 0);
    QCOMPARE(failed.token.isEmpty(), calls == FaultPlan::TokenCall);
}

void TestQueueAnswers::tokenErrorEnvelopeSendsNothing()
{
    startQueue(u"error-envelope=1,calls=token"_s);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    const QueueItem failed = itemOf(id);
    // The service's own description is what the user reads; no automatic retry.
    QVERIFY2(failed.failureReason.contains(u"Injected fault"_s), qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QVERIFY(failed.token.isEmpty());
    QTest::qWait(200);
    QCOMPARE(m_sandbox->totalRequestCount(), 1); // the token call only
    QCOMPARE(uploads.size(), 0);
    QCOMPARE(m_store->lostTokenCalls(environment())->count, 0); // a refusal makes no token
}

// The service refuses the upload with its error envelope: the description is shown, nothing
// is retried automatically, and the item keeps its token for the user's Retry.
void TestQueueAnswers::uploadErrorEnvelopeIsShownNotRetried()
{
    startQueue(u"error-envelope=1,budget=1,calls=upload"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY2(failed.failureReason.contains(u"System error (Injected fault)"_s),
             qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QTest::qWait(200);
    QCOMPARE(m_sandbox->totalRequestCount(), 2);
    QVERIFY(m_queue->retry(id));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).token, failed.token);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(failed.token), 1);
}

void TestQueueAnswers::fileTooLargeIsNotRetried()
{
    SandboxConfig config;
    config.maxUploadBytes = 10'000; // the teapot is bigger
    startQueue(FaultPlan(), config);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY2(failed.failureReason.contains(u"too large"_s), qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QTest::qWait(200);
    QCOMPARE(m_sandbox->totalRequestCount(), 2); // one token, one upload: no retry
    QCOMPARE(stateOf(id), u"failed"_s);
}

void TestQueueAnswers::badAnswersEndCleanly_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason"); // in the reason of the failed token call
    QTest::newRow("truncated JSON") << u"truncated"_s << u"malformed JSON"_s;
    QTest::newRow("HTML page") << u"html"_s << u"HTML page"_s;
    QTest::newRow("empty body") << u"empty"_s << u"empty response body"_s;
    QTest::newRow("wrong types") << u"types"_s << u"no usable token"_s;
    QTest::newRow("nulls") << u"nulls"_s << u"no code"_s;
    QTest::newRow("10 MB body") << u"huge"_s << u"larger than 1024 KiB"_s;
}

// The token call's answer is broken (the service made a token the console never learns):
// a clean, explained failure, retried like any transient fault; the next answer is fine and
// the item ends with one token and one file.
void TestQueueAnswers::badAnswersEndCleanly()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    startQueue(u"malformed=1,malformed-as=%1,budget=1,calls=token"_s.arg(kind));
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(seen.retries().size(), 1);
    const QueueItem failed = seen.retries().first();
    QVERIFY2(failed.failureReason.contains(u"does not understand"_s) &&
                 failed.failureReason.contains(reason),
             qPrintable(failed.failureReason));
    QVERIFY(failed.token.isEmpty()); // nothing usable was recorded
    QCOMPARE(itemOf(id).attemptCount, 1);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
    // The token made by the broken answer is counted, named by its file.
    const StoreResult<LostTokenCalls> lost = m_store->lostTokenCalls(environment());
    QVERIFY(lost.ok());
    QCOMPARE(lost->count, 1);
    QCOMPARE(lost->latestFileName, itemOf(id).fileName);
}

// The service stored the file but its answer was cut short: the service never gets the file
// a second time (a re-send is refused for the used token, which proves the first arrived);
// the item is done, its order's links built from the token page address because the answer
// that carried them was lost.
void TestQueueAnswers::malformedUploadAnswerNeverSendsTwice()
{
    startQueue(u"malformed=1,budget=1,calls=upload"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = queueTeapot();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(id) == u"done"_s || stateOf(id) == u"needs_attention"_s,
                             kWait);
    QCOMPARE(stateOf(id), u"done"_s);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploads.size(), 1);
    const QString token = itemOf(id).token;
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    const auto order = m_store->orderByToken(environment(), token);
    QVERIFY(order.ok() && order->has_value());
    QVERIFY((*order)->linksReconstructed);
}

QTEST_GUILESS_MAIN(TestQueueAnswers)
#include "tst_queueanswers.moc"
