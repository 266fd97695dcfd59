// The rows of RELIABILITY.md's network and local-state tables that concern uploads and the
// store, end to end through the queue against the in-process sandbox with the matching fault
// switched on; and the input rows that end at the queue (bad files never reach the service,
// mesh warnings still upload, the form's facts and awkward file names arrive intact).
// (5xx recovery within the budget, 401 by a wrong key, changed files, duplicates and crashes
// are in tst_uploadqueue, tst_crashrecovery and tst_crashkills.)

#include "queuefixture.h"
#include "sandbox/sandboxtls.h"
#include "stl/meshgenerator.h"
#include "stl/stlinspector.h"

#include <QLocale>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QtEndian>

#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;

class TestQueueFaults final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { initFixture(); }
    void cleanup() { cleanupFixture(); }

    void resetMidUploadKeepsTokenAcrossRestart_data();
    void resetMidUploadKeepsTokenAcrossRestart();
    void resetAfterBodyAsksStatusBeforeResending_data();
    void resetAfterBodyAsksStatusBeforeResending();
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
    void stalledUploadTimesOutAndResumes();
    void stalledBodyTimesOutAndResumes();
    void slowMovingUploadNeverTimesOut();
    void uploadReportsSpeedAndTimeLeft();
    void networkOutageWaitsForNetwork_data();
    void networkOutageWaitsForNetwork();
    void badCertificateIsRefusedAndKeyNeverSent_data();
    void badCertificateIsRefusedAndKeyNeverSent();
    void diskFullDuringQueueWork();
    void sourceChangedAfterQueueing_data();
    void sourceChangedAfterQueueing();

    void badFilesNeverReachTheService_data();
    void badFilesNeverReachTheService();
    void meshWarningsStillUpload();
    void formFactsReachTheService();
    void awkwardFileNamesArriveIntact_data();
    void awkwardFileNamesArriveIntact();

private:
    // A binary STL of about `kiloBytes` KB in the test's folder.
    QString makeStl(const QString &name, int kiloBytes) const;
    QString writeFile(const QString &name, const QByteArray &bytes) const;
    // A loopback port nobody listens on.
    static quint16 closedPort();
};

namespace {

// Every state an item went through, as stored when itemChanged() said so.
class Transitions final
{
public:
    Transitions(UploadQueue *queue, const std::function<QueueItem(qint64)> &itemOf)
    {
        QObject::connect(queue, &UploadQueue::itemChanged, queue,
                         [this, itemOf](qint64 id) { items.append(itemOf(id)); });
    }
    // Failures that scheduled an automatic retry.
    QList<QueueItem> retries() const
    {
        QList<QueueItem> found;
        for (const QueueItem &item : items) {
            if (item.state == QueueState::Failed && item.nextRetry.isValid())
                found.append(item);
        }
        return found;
    }
    QList<QueueItem> items;
};

// Trusts one more certificate in every request made while it lives (the console takes the
// default TLS configuration), and restores the default afterwards.
class TrustedCertificate final
{
public:
    explicit TrustedCertificate(const QByteArray &pem)
        : m_saved(QSslConfiguration::defaultConfiguration())
    {
        QSslConfiguration trusting = m_saved;
        trusting.addCaCertificate(QSslCertificate(pem, QSsl::Pem));
        QSslConfiguration::setDefaultConfiguration(trusting);
    }
    ~TrustedCertificate() { QSslConfiguration::setDefaultConfiguration(m_saved); }
    Q_DISABLE_COPY_MOVE(TrustedCertificate)

private:
    QSslConfiguration m_saved;
};

} // namespace

QString TestQueueFaults::makeStl(const QString &name, int kiloBytes) const
{
    const int around = qMax(4, kiloBytes); // 2 x 10 triangles of 50 bytes per step
    const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(around, 10));
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QString TestQueueFaults::writeFile(const QString &name, const QByteArray &bytes) const
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

quint16 TestQueueFaults::closedPort()
{
    QTcpServer probe; // a port nobody listens on once the probe is gone
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    return probe.serverPort();
}

void TestQueueFaults::resetMidUploadKeepsTokenAcrossRestart_data()
{
    QTest::addColumn<double>("at");
    QTest::newRow("10%") << 0.1;
    QTest::newRow("50%") << 0.5;
    QTest::newRow("99%") << 0.99;
}

// The connection is reset part-way through the body until the queue itself sees the failure
// (QNetworkAccessManager re-sends a POST once or twice on its own first). The item is kept
// with its token and a jittered backoff; the console is restarted while it waits; the new
// queue resumes the item with the same token, and the service ends with one file for it.
void TestQueueFaults::resetMidUploadKeepsTokenAcrossRestart()
{
    QFETCH(double, at);
    FaultPlan plan;
    plan.dropUploadRate = 1;
    plan.dropUploadAtFraction = at;
    plan.calls = FaultPlan::UploadCall;
    startSandbox(plan);
    RetryPolicy::Settings retries = tinyRetrySettings();
    retries.baseDelay = 600ms; // long enough to restart in between
    retries.maxDelay = 600ms;
    makeQueue(retries);
    // A clock that stands still: the next retry minus "now" is exactly the backoff chosen.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_queue->setClock([now] { return now; });
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const QString path = makeStl(u"reset.stl"_s, 300); // several socket writes long
    QVERIFY(!path.isEmpty());
    const qint64 id = *m_queue->addFile(path, facts());
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    QTRY_VERIFY_WITH_TIMEOUT(!seen.retries().isEmpty(), kWait);

    const QueueItem failed = seen.retries().first();
    QCOMPARE(failed.attemptCount, 1);
    QVERIFY(!failed.token.isEmpty());
    QVERIFY2(failed.failureReason.contains(u"closed before it answered"_s),
             qPrintable(failed.failureReason));
    // Equal jitter: half the first step fixed, half random.
    const qint64 delay = now.msecsTo(failed.nextRetry);
    QVERIFY2(delay >= 300 && delay <= 600, qPrintable(QString::number(delay)));
    QCOMPARE(uploads.size(), 0);

    // The console restarts while the item waits; the line is fine again.
    m_queue.reset();
    m_sandbox->setFaultPlan({});
    const QueueItem kept = itemOf(id);
    QCOMPARE(kept.state, QueueState::Failed);
    QCOMPARE(kept.token, failed.token);
    QCOMPARE(kept.nextRetry, failed.nextRetry);
    makeQueue(retries);
    QVERIFY(m_queue->start());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).token, failed.token);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(failed.token), 1);
    QCOMPARE(m_sandbox->storedUpload(failed.token)->size, QFileInfo(path).size());
}

void TestQueueFaults::resetAfterBodyAsksStatusBeforeResending_data()
{
    QTest::addColumn<bool>("printStarted"); // the customer printed before the retry
    QTest::addColumn<bool>("restart");      // the console restarts before the retry
    QTest::newRow("awaiting the customer") << false << false;
    QTest::newRow("print already started") << true << false;
    QTest::newRow("after a restart") << false << true;
}

// The service stores the file and the connection closes before the answer, until the queue
// sees it (QNetworkAccessManager's own re-sends get the same). Before the queue sends the
// file again it asks the print-status call for the item's token. A print already under way
// proves the file arrived: nothing is re-sent. Otherwise the re-send is refused for the used
// token. Either way: one token, one file, the item asks for attention.
void TestQueueFaults::resetAfterBodyAsksStatusBeforeResending()
{
    QFETCH(bool, printStarted);
    QFETCH(bool, restart);
    FaultPlan plan;
    plan.dropAfterUploadRate = 1;
    plan.calls = FaultPlan::UploadCall;
    SandboxConfig config;
    if (printStarted)
        config.autoPrintSeconds = 0; // the customer presses Print at once
    startSandbox(plan, config);
    RetryPolicy::Settings retries = tinyRetrySettings();
    if (restart) {
        retries.baseDelay = 600ms; // long enough to restart in between
        retries.maxDelay = 600ms;
    }
    makeQueue(retries);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    bool failedOnce = false;
    int uploadsBeforeRetry = -1;
    int statusAskedAtFailure = -1;
    int statusAskedBeforeResend = -1;
    QString token;
    const auto watch = [&](qint64 changed) {
        const QueueItem item = itemOf(changed);
        if (item.state == QueueState::Failed && item.nextRetry.isValid() && !failedOnce) {
            failedOnce = true;
            token = item.token;
            uploadsBeforeRetry = m_sandbox->uploadRequestCount(token);
            statusAskedAtFailure = m_sandbox->statusRequestCount(token);
            m_sandbox->setFaultPlan({}); // the next answer arrives
        } else if (item.state == QueueState::Uploading && failedOnce &&
                   statusAskedBeforeResend < 0) {
            statusAskedBeforeResend = m_sandbox->statusRequestCount(token);
        }
    };
    connect(m_queue.get(), &UploadQueue::itemChanged, this, watch);
    QTRY_VERIFY_WITH_TIMEOUT(failedOnce, kWait);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(statusAskedAtFailure, 0);
    if (restart) {
        m_queue.reset();
        makeQueue(retries);
        connect(m_queue.get(), &UploadQueue::itemChanged, this, watch);
        QVERIFY(m_queue->start());
    }
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"needs_attention"_s, kWait);
    const QueueItem stopped = itemOf(id);
    QCOMPARE(stopped.token, token);
    QVERIFY(m_sandbox->statusRequestCount(token) >= 1);
    if (printStarted) {
        // The status proved the file arrived: it was not sent again.
        QVERIFY2(stopped.failureReason.contains(u"already reached the service"_s),
                 qPrintable(stopped.failureReason));
        QCOMPARE(statusAskedBeforeResend, -1);
        QCOMPARE(m_sandbox->uploadRequestCount(token), uploadsBeforeRetry);
    } else {
        QVERIFY2(statusAskedBeforeResend >= 1,
                 "the file was sent again before the status call was asked");
        QVERIFY2(stopped.failureReason.contains(u"not sent again"_s),
                 qPrintable(stopped.failureReason));
    }
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
}

void TestQueueFaults::retryAfterIsHonoured_data()
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

void TestQueueFaults::retryAfterIsHonoured()
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
    QString error;
    const auto plan = FaultPlan::parse(
        u"%1,budget=1,calls=upload,retry-after=\"%2\""_s.arg(fault, retryAfter), &error);
    QVERIFY2(plan, qPrintable(error));
    startSandbox(*plan);
    RetryPolicy::Settings retries = tinyRetrySettings();
    retries.maxRetryAfter = std::chrono::milliseconds(capMs);
    makeQueue(retries);
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

    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(delays.size(), 1);
    QVERIFY2(delays.first() >= atLeastMs && delays.first() <= atMostMs,
             qPrintable(u"waited %1 ms"_s.arg(delays.first())));
    QCOMPARE(itemOf(id).attemptCount, 1);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
}

void TestQueueFaults::serverErrorsGiveUpAfterBoundedAttempts_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("calls");
    for (const int status : {500, 502, 503, 504}) {
        QTest::addRow("%d on the token call", status) << status << int(FaultPlan::TokenCall);
        QTest::addRow("%d on the upload", status) << status << int(FaultPlan::UploadCall);
    }
}

void TestQueueFaults::serverErrorsGiveUpAfterBoundedAttempts()
{
    QFETCH(int, status);
    QFETCH(int, calls);
    FaultPlan plan;
    plan.serverErrorRate = 1;
    plan.serverErrorStatus = status;
    plan.calls = calls;
    startSandbox(plan);
    makeQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy idle(m_queue.get(), &UploadQueue::idle);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
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

void TestQueueFaults::clientErrorsAreNotRetried_data()
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
void TestQueueFaults::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    QFETCH(int, calls);
    QFETCH(QString, reason);
    FaultPlan plan;
    plan.clientErrorRate = 1;
    plan.clientErrorStatus = status;
    plan.calls = calls;
    startSandbox(plan);
    makeQueue();
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
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

void TestQueueFaults::tokenErrorEnvelopeSendsNothing()
{
    FaultPlan plan;
    plan.errorEnvelopeRate = 1;
    plan.calls = FaultPlan::TokenCall;
    startSandbox(plan);
    makeQueue();
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    const QueueItem failed = itemOf(id);
    // The service's own description is what the user reads; no automatic retry.
    QVERIFY2(failed.failureReason.contains(u"Injected fault"_s), qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QVERIFY(failed.token.isEmpty());
    QTest::qWait(200);
    QCOMPARE(m_sandbox->totalRequestCount(), 1); // the token call only
    QCOMPARE(uploads.size(), 0);
}

// The service refuses the upload with its error envelope: the description is shown, nothing
// is retried automatically, and the item keeps its token for the user's Retry.
void TestQueueFaults::uploadErrorEnvelopeIsShownNotRetried()
{
    FaultPlan plan;
    plan.errorEnvelopeRate = 1;
    plan.budget = 1;
    plan.calls = FaultPlan::UploadCall;
    startSandbox(plan);
    makeQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
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

void TestQueueFaults::fileTooLargeIsNotRetried()
{
    SandboxConfig config;
    config.maxUploadBytes = 10'000; // the teapot is bigger
    startSandbox({}, config);
    makeQueue();
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY2(failed.failureReason.contains(u"too large"_s), qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QTest::qWait(200);
    QCOMPARE(m_sandbox->totalRequestCount(), 2); // one token, one upload: no retry
    QCOMPARE(stateOf(id), u"failed"_s);
}

void TestQueueFaults::badAnswersEndCleanly_data()
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
void TestQueueFaults::badAnswersEndCleanly()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    QString error;
    const auto plan =
        FaultPlan::parse(u"malformed=1,malformed-as=%1,budget=1,calls=token"_s.arg(kind), &error);
    QVERIFY2(plan, qPrintable(error));
    startSandbox(*plan);
    makeQueue();
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
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
}

// The service stored the file but its answer was cut short: the file is never sent a second
// time; the item asks for attention because the links were lost with the answer.
void TestQueueFaults::malformedUploadAnswerNeverSendsTwice()
{
    FaultPlan plan;
    plan.malformedJsonRate = 1;
    plan.budget = 1;
    plan.calls = FaultPlan::UploadCall;
    startSandbox(plan);
    makeQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"needs_attention"_s, kWait);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
    QVERIFY(itemOf(id).failureReason.contains(u"not sent again"_s));
}

void TestQueueFaults::stalledUploadTimesOutAndResumes()
{
    m_idleTimeout = 500ms;
    m_slowestLine = 10'000'000; // the wait for the answer is hardly stretched
    FaultPlan plan;
    plan.stallRate = 1;
    plan.budget = 1;
    plan.calls = FaultPlan::UploadCall;
    startSandbox(plan);
    makeQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const QueueItem done = itemOf(id);
    QCOMPARE(done.attemptCount, 1);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(done.token), 1);
    // A timed-out body may have arrived: the status call was asked before the re-send.
    QVERIFY(m_sandbox->statusRequestCount(done.token) >= 1);
}

// The line stops moving part-way through a body much larger than the socket buffers: no
// byte moves, the idle timeout aborts, and the retry (after asking the status call, since
// part of the body went out) lands with the same token.
void TestQueueFaults::stalledBodyTimesOutAndResumes()
{
    m_idleTimeout = 500ms;
    m_slowestLine = 4'000'000; // bounds the wait should the buffers take the whole body
    FaultPlan plan;
    plan.stallUploadRate = 1;
    plan.dropUploadAtFraction = 0.1;
    plan.budget = 1;
    plan.calls = FaultPlan::UploadCall;
    startSandbox(plan);
    makeQueue();
    const QString path = makeStl(u"large.stl"_s, 16'000);
    QVERIFY(!path.isEmpty());
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy faults(m_sandbox.get(), &SandboxServer::faultInjected);
    Transitions seen(m_queue.get(), [this](qint64 changed) { return itemOf(changed); });
    qint64 mostSent = 0;
    connect(m_queue.get(), &UploadQueue::uploadProgress, this,
            [&](qint64, qint64 sent) { mostSent = std::max(mostSent, sent); });
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_VERIFY_WITH_TIMEOUT(!seen.retries().isEmpty(), kWait);
    QCOMPARE(faults.size(), 1);
    QVERIFY(faults.first().first().toString().contains(u"stall upload"_s));
    QVERIFY2(seen.retries().first().failureReason.contains(u"stopped responding"_s),
             qPrintable(seen.retries().first().failureReason));
    QVERIFY2(mostSent < QFileInfo(path).size(), "the stall was not part-way through the body");
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const QueueItem done = itemOf(id);
    QCOMPARE(done.attemptCount, 1);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(done.token), 1);
    QVERIFY(m_sandbox->statusRequestCount(done.token) >= 1);
}

// A slow line (100 KB/s) with a one-second idle timeout: the upload takes seconds, most of
// it sitting in socket buffers with no progress to report, yet it does not time out.
void TestQueueFaults::slowMovingUploadNeverTimesOut()
{
    m_idleTimeout = 1000ms;
    m_slowestLine = 50'000;
    FaultPlan plan;
    plan.uploadBytesPerSecond = 100'000;
    startSandbox(plan);
    makeQueue();
    const QString path = makeStl(u"slow.stl"_s, 250);
    QVERIFY(!path.isEmpty());
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).attemptCount, 0);
    QCOMPARE(uploads.size(), 1);
}

// A body much larger than the socket buffers on a 4 MB/s line: the queue reports bytes,
// speed and time left while it uploads, and the speed is the line's, not the loopback's. The
// upload takes several idle timeouts (one second here) and never times out while it moves.
void TestQueueFaults::uploadReportsSpeedAndTimeLeft()
{
    m_idleTimeout = 1000ms;
    FaultPlan plan;
    plan.uploadBytesPerSecond = 4'000'000;
    startSandbox(plan);
    makeQueue();
    const QString path = makeStl(u"large.stl"_s, 16'000);
    QVERIFY(!path.isEmpty());
    std::optional<UploadTransfer> last;
    bool sawTimeLeft = false;
    int reports = 0;
    connect(m_queue.get(), &UploadQueue::uploadProgress, this, [&](qint64 id, qint64 sent) {
        const std::optional<UploadTransfer> transfer = m_queue->transfer(id);
        QVERIFY(transfer);
        QCOMPARE(transfer->bytesSent, sent);
        ++reports;
        if (transfer->bytesPerSecond)
            last = transfer;
        sawTimeLeft = sawTimeLeft || transfer->secondsLeft.has_value();
    });
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QVERIFY(reports > 2);
    QVERIFY(last);
    QVERIFY(sawTimeLeft);
    QVERIFY(last->bytesTotal >= QFileInfo(path).size());
    // Loopback without the slow line moves hundreds of MB/s.
    QVERIFY2(*last->bytesPerSecond < 16e6, qPrintable(QString::number(*last->bytesPerSecond)));
    QVERIFY(!m_queue->transfer(id));      // only while uploading
    QCOMPARE(itemOf(id).attemptCount, 0); // never timed out
}

void TestQueueFaults::networkOutageWaitsForNetwork_data()
{
    QTest::addColumn<QString>("host"); // where the service seems to be while it is out of reach
    QTest::addColumn<QString>("reason");
    QTest::newRow("connection refused") << u"127.0.0.1"_s << u"refused the connection"_s;
    QTest::newRow("DNS failure") << u"no-such-host.invalid"_s << u"could not be resolved"_s;
    // A multicast address: the kernel answers "network unreachable" at once, as it does for
    // every address while a computer is offline.
    QTest::newRow("offline") << u"224.0.0.1"_s << u"network problem"_s;
}

// The service is out of reach: "waiting for the network", checked again later with growing
// pauses (no busy loop) and without using up attempts; the item goes through by itself once
// the service can be reached again.
void TestQueueFaults::networkOutageWaitsForNetwork()
{
    QFETCH(QString, host);
    QFETCH(QString, reason);
    startSandbox(); // where the network leads once it is back
    const ServiceEndpoint reachable = m_api->endpoint();
    ServiceEndpoint outOfReach = reachable;
    outOfReach.baseUrl.setHost(host);
    if (host == u"127.0.0.1")
        outOfReach.baseUrl.setPort(closedPort());
    m_api->setEndpoint(outOfReach);
    makeQueue();
    // A clock that stands still: each next retry minus "now" is exactly the pause chosen.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_queue->setClock([now] { return now; });
    QList<QueueItem> waits;
    QList<qint64> pauses;
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [&](qint64 changed) {
        const QueueItem item = itemOf(changed);
        if (item.state == QueueState::Failed && item.nextRetry.isValid()) {
            waits.append(item);
            pauses.append(now.msecsTo(item.nextRetry));
        }
    });
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_VERIFY_WITH_TIMEOUT(waits.size() >= 6, kWait);
    for (const QueueItem &wait : std::as_const(waits)) {
        QCOMPARE(wait.attemptCount, 0); // no failure is counted while offline
        QVERIFY2(wait.failureReason.startsWith(u"Waiting for the network"_s),
                 qPrintable(wait.failureReason));
        QVERIFY2(wait.failureReason.contains(reason), qPrintable(wait.failureReason));
        QVERIFY(wait.token.isEmpty());
    }
    // No busy loop: the n-th pause is the network base (10 ms here) doubled n times, capped
    // (50 ms here), with equal jitter (half fixed, half random).
    const RetryPolicy::Settings settings = tinyRetrySettings();
    for (qsizetype n = 0; n < pauses.size(); ++n) {
        const qint64 step =
            std::min<qint64>(settings.networkBaseDelay.count() << std::min<qsizetype>(n, 20),
                             settings.networkMaxDelay.count());
        QVERIFY2(pauses.at(n) >= step - step / 2 && pauses.at(n) <= step,
                 qPrintable(u"pause %1: %2 ms"_s.arg(n).arg(pauses.at(n))));
    }
    QVERIFY(!m_queue->isIdle()); // still on it
    QCOMPARE(m_sandbox->totalRequestCount(), 0);

    if (host == u"127.0.0.1") {
        // The service comes back at the address that refused: nothing changes on our side.
        SandboxConfig config = m_sandbox->config();
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY2(m_sandbox->listen(quint16(outOfReach.baseUrl.port())),
                 qPrintable(m_sandbox->errorString()));
    } else {
        m_api->setEndpoint(reachable); // the network is back
    }
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).attemptCount, 0);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
}

void TestQueueFaults::badCertificateIsRefusedAndKeyNeverSent_data()
{
    QTest::addColumn<QString>("tls");        // the sandbox's certificate
    QTest::addColumn<QByteArray>("trusted"); // a certificate the console trusts besides
    QTest::addColumn<bool>("refused");
    QTest::newRow("untrusted") << u"self-signed"_s << QByteArray() << true;
    QTest::newRow("wrong host") << u"wrong-host"_s << QByteArray(sandbox::kWrongHostCertificatePem)
                                << true;
    // The same sandbox with its certificate trusted: the whole upload works over TLS, so the
    // refusals above are the certificate's doing.
    QTest::newRow("trusted (control)")
        << u"self-signed"_s << QByteArray(sandbox::kSelfSignedCertificatePem) << false;
}

// A TLS certificate that cannot be verified, or is for another host: refused, never retried
// by itself, and the sandbox, which would decrypt anything sent, never sees a request (so the
// API key in its query never went out).
void TestQueueFaults::badCertificateIsRefusedAndKeyNeverSent()
{
    QFETCH(QString, tls);
    QFETCH(QByteArray, trusted);
    QFETCH(bool, refused);
    std::optional<TrustedCertificate> trust;
    if (!trusted.isEmpty())
        trust.emplace(trusted);
    QString error;
    const auto plan = FaultPlan::parse(u"tls="_s + tls, &error);
    QVERIFY2(plan, qPrintable(error));
    startSandbox(*plan);
    QCOMPARE(m_api->endpoint().baseUrl.scheme(), u"https"_s);
    makeQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    if (!refused) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
        const QString token = itemOf(id).token;
        QCOMPARE(m_sandbox->uploadCount(token), 1);
        const auto order = m_store->orderByToken(environment(), token);
        QVERIFY(order && order->has_value());
        QVERIFY((*order)->tokenLink.startsWith(u"https://"_s));
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY2(failed.failureReason.contains(u"certificate could not be verified"_s),
             qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QTest::qWait(200);
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
    QCOMPARE(tokens.size(), 0);
    QVERIFY(failed.token.isEmpty());
}

// The disk fills up while the queue works: the write that does not fit rolls back, the user
// is told, nothing written earlier is lost, and once there is room a retry finishes the item
// without a second file at the service.
void TestQueueFaults::diskFullDuringQueueWork()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    QSignalSpy storeErrors(m_queue.get(), &UploadQueue::storeError);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);

    // Fill the database to its (simulated) limit with small rows of another environment.
    const QString other = u"https://other.example/api3/"_s;
    const qint64 pages = *m_store->pageCountForTesting();
    QCOMPARE(*m_store->setMaxPageCountForTesting(pages), pages);
    int fillerItems = 0;
    int fillerOrders = 0;
    for (bool full = false; !full; ++fillerItems) {
        QVERIFY(fillerItems < 100'000);
        QueueItem filler;
        filler.environment = other;
        filler.sourcePath = QString::number(fillerItems);
        const StoreResult<qint64> added = m_store->addQueueItem(filler);
        full = !added && added.error().kind == StoreError::Kind::DiskFull;
        QVERIFY(added || full);
    }
    for (bool full = false; !full; ++fillerOrders) {
        QVERIFY(fillerOrders < 100'000);
        Order filler;
        filler.environment = other;
        filler.token = QString::number(fillerOrders);
        filler.created = QDateTime::currentDateTimeUtc();
        const StoreResult<qint64> added = m_store->addOrder(filler);
        full = !added && added.error().kind == StoreError::Kind::DiskFull;
        QVERIFY(added || full);
    }
    --fillerItems; // the last attempt of each loop failed
    --fillerOrders;

    // A file dropped now is refused with the reason, and nothing else changes.
    const StoreResult<qint64> refused = m_queue->addFile(copyTeapot(u"second.stl"_s), facts());
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(u"disk is full"_s));
    QVERIFY(m_queue->isHeldByStore());

    // The queue holds instead of starting work it could not record.
    m_queue->setMaxParallel(2);
    QTest::qWait(300);
    QCOMPARE(stateOf(id), u"ready"_s);
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
    QVERIFY(m_queue->isIdle());

    // Asked to go on while the disk is still full: whatever write does not fit is refused,
    // the user is told, and the queue holds again.
    storeErrors.clear();
    m_queue->resumeAll();
    QTRY_VERIFY_WITH_TIMEOUT(!storeErrors.isEmpty() && m_queue->isIdle(), kWait);
    QVERIFY2(storeErrors.first().first().toString().contains(u"disk is full"_s),
             qPrintable(storeErrors.first().first().toString()));
    QVERIFY(m_queue->isHeldByStore());
    QVERIFY(uploads.size() <= 1);
    QCOMPARE(m_store->orders(other)->size(), fillerOrders);
    QCOMPARE(m_store->queueItems(other)->size(), fillerItems);
    QCOMPARE(m_store->queueItems(environment())->size(), 1);

    // Room again: Retry finishes the item; the service never gets the file twice.
    QVERIFY(*m_store->setMaxPageCountForTesting(1 << 30) > pages);
    m_queue->retryAllFailed();
    m_queue->resumeAll();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QVERIFY(!m_queue->isHeldByStore());
    const QString token = itemOf(id).token;
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    QCOMPARE(uploads.size(), 1);
    const auto order = m_store->orderByToken(environment(), token);
    QVERIFY(order && order->has_value());
    QVERIFY(!(*order)->tokenLink.isEmpty());
    QCOMPARE(m_store->orders(environment())->size(), 1);
    QCOMPARE(m_store->orders(other)->size(), fillerOrders);
}

void TestQueueFaults::sourceChangedAfterQueueing_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("caught");
    QTest::newRow("size") << u"append"_s << true;
    QTest::newRow("content, same size and time") << u"rewrite"_s << true;
    QTest::newRow("deleted") << u"delete"_s << true;
    // Touched but unchanged: the time alone decides nothing, the file uploads.
    QTest::newRow("time only") << u"touch"_s << false;
}

// The source file changes after it was queued: caught right before the upload (size, then
// hash), the item asks to be validated again, nothing is sent for it.
void TestQueueFaults::sourceChangedAfterQueueing()
{
    QFETCH(QString, change);
    QFETCH(bool, caught);
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    const QString path = copyTeapot(u"teapot.stl"_s);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);
    {
        QFile file(path);
        const QDateTime modified = QFileInfo(path).lastModified();
        if (change == u"append") {
            QVERIFY(file.open(QIODevice::Append));
            file.write(QByteArray(100, '\0'));
        } else if (change == u"rewrite") {
            QVERIFY(file.open(QIODevice::ReadWrite));
            QByteArray bytes = file.readAll();
            bytes[bytes.size() - 3] = char(bytes[bytes.size() - 3] ^ 0x5a); // one attribute byte
            file.seek(0);
            file.write(bytes);
            file.close();
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
        } else if (change == u"delete") {
            QVERIFY(file.remove());
        } else {
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(modified.addSecs(3600), QFileDevice::FileModificationTime));
        }
    }
    m_queue->setMaxParallel(2);
    if (!caught) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"needs_attention"_s, kWait);
    QVERIFY(!itemOf(id).failureReason.isEmpty());
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 0);
    QCOMPARE(m_sandbox->uploadRequestCount(itemOf(id).token), 0);
}

void TestQueueFaults::badFilesNeverReachTheService_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    const QByteArray cube = stl::toBinaryStl(stl::makeBox({0, 0, 0}, {10, 10, 10}));
    QByteArray hugeCount = cube;
    qToLittleEndian<quint32>(0x80000000u, hugeCount.data() + 80);
    QByteArray nan = cube;
    const float notANumber = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(nan.data() + 84 + 12, &notANumber, 4);
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("83 bytes") << QByteArray(83, '\0') << u"83 bytes"_s;
    QTest::newRow("png") << "\x89PNG\r\n\x1a\n"_ba + QByteArray(300, '\0') << u"PNG image"_s;
    QTest::newRow("zip") << "PK\x03\x04"_ba + QByteArray(300, '\1') << u"ZIP archive"_s;
    QTest::newRow("text") << QByteArray("Notes, not a model.\n").repeated(10) << u"text file"_s;
    QTest::newRow("truncated") << cube.first(500) << u"truncated"_s;
    QTest::newRow("count >= 2^31") << hugeCount << u"2147483648"_s;
    QTest::newRow("nan") << nan << u"Triangle 1 of 12"_s;
    QTest::newRow("garbage ascii")
        << "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 zero\n"_ba
        << u"Line 5"_s;
}

// A file the inspector refuses ends Failed with the inspector's reason before any call to
// the service, token call included.
void TestQueueFaults::badFilesNeverReachTheService()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    startSandbox();
    makeQueue();
    const QString path = writeFile(u"bad.stl"_s, bytes);
    QVERIFY(!path.isEmpty());
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY2(failed.failureReason.contains(reason), qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QVERIFY(failed.token.isEmpty());
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
}

// Open and non-manifold edges, degenerate and flipped facets are warnings: with the full
// inspection the file still validates and uploads.
void TestQueueFaults::meshWarningsStillUpload()
{
    startSandbox();
    makeQueue();
    m_queue->setQuickInspection(false);
    stl::Mesh mesh = stl::makeBox({0, 0, 0}, {1, 1, 1});
    stl::appendMesh(mesh, stl::makeBox({1, 1, 0}, {2, 2, 1})); // a non-manifold edge
    mesh.positions.resize(mesh.positions.size() - 9);          // a hole
    mesh.normals.resize(mesh.normals.size() - 3);
    mesh.positions.insert(mesh.positions.end(), {0, 0, 0, 1, 0, 0, 0, 0, 0}); // degenerate
    mesh.normals.insert(mesh.normals.end(), 3, 0.0f);
    for (int k = 0; k < 3; ++k) // a flipped facet
        std::swap(mesh.positions[size_t(3 + k)], mesh.positions[size_t(6 + k)]);
    const QByteArray bytes = stl::toBinaryStl(mesh);
    const stl::InspectionReport report = stl::inspect(bytes);
    QVERIFY(report.ok);
    QVERIFY2(report.warnings.size() >= 4, qPrintable(report.warnings.join(u'\n')));
    const qint64 id = *m_queue->addFile(writeFile(u"rough.stl"_s, bytes), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
}

// What the order form accepted is what the service receives: a locale comma understood as
// the decimal mark, the e-mail's domain lower-cased, the currency upper-cased. What the form
// refuses never becomes an upload.
void TestQueueFaults::formFactsReachTheService()
{
    startSandbox();
    makeQueue();
    const QLocale german(QLocale::German, QLocale::Germany);
    const OrderFormResult refused =
        validateOrderFacts(u"kunde@shop", u"-10,50", u"EURO", QString(), german);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.errors.size(), 3);

    const OrderFormResult form =
        validateOrderFacts(u" Kunde@Shop.DE ", u"1.234,56", u"eur", u"Auftrag 7", german);
    QVERIFY(form.ok());
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), *form.facts);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const std::optional<StoredUpload> stored = m_sandbox->storedUpload(itemOf(id).token);
    QVERIFY(stored);
    QCOMPARE(stored->receiverEmail, u"Kunde@shop.de"_s);
    QCOMPARE(stored->printValue, u"1234.56"_s);
    QCOMPARE(stored->currency, u"EUR"_s);
    QCOMPARE(stored->partnerJobId, u"Auftrag 7"_s);
    QCOMPARE(m_sandbox->totalRequestCount(), 2);
}

void TestQueueFaults::awkwardFileNamesArriveIntact_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("non-ASCII") << u"Größe „Vase“ 测试 — final.stl"_s;
    // 250 UTF-8 bytes: near the file system's limit of a name.
    QTest::newRow("very long") << QString(246, u'x') + u".stl"_s;
    QTest::newRow("space-filled") << u"   my   part   v2   .stl"_s;
    QTest::newRow("quotes and percent") << u"\"quoted\" 100% 'part'.stl"_s;
}

// A file name that is not plain ASCII, very long or full of spaces reaches the service as it
// is, through the multipart body's encoded file name.
void TestQueueFaults::awkwardFileNamesArriveIntact()
{
    QFETCH(QString, name);
    startSandbox();
    makeQueue();
    const QString path = copyTeapot(name);
    QVERIFY2(!path.isEmpty(), qPrintable(name));
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(uploads.first().at(1).toString(), name);
    QCOMPARE(m_sandbox->storedUpload(itemOf(id).token)->fileName, name);
    const auto order = m_store->orderByToken(environment(), itemOf(id).token);
    QVERIFY(order && order->has_value());
    QCOMPARE((*order)->fileName, name);
}

QTEST_GUILESS_MAIN(TestQueueFaults)
#include "tst_queuefaults.moc"
