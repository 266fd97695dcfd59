// The rows of RELIABILITY.md's network and local-state tables that concern uploads and the
// store, end to end through the queue against the in-process sandbox with the matching fault
// switched on. (Resets, reset-after-body, 5xx recovery, 401, changed files and crashes are in
// tst_uploadqueue.)

#include "queuefixture.h"
#include "stl/meshgenerator.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>

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

    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void serverErrorsGiveUpAfterBoundedAttempts();
    void tokenErrorEnvelopeSendsNothing();
    void fileTooLargeIsNotRetried();
    void malformedUploadAnswerNeverSendsTwice();
    void stalledUploadTimesOutAndResumes();
    void slowMovingUploadNeverTimesOut();
    void uploadReportsSpeedAndTimeLeft();
    void offlineWaitsForNetwork();
    void diskFullDuringQueueWork();

private:
    // A binary STL of about `kiloBytes` KB in the test's folder.
    QString makeStl(const QString &name, int kiloBytes) const;
};

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

void TestQueueFaults::retryAfterIsHonoured_data()
{
    QTest::addColumn<QString>("retryAfter"); // "DATE+6": an HTTP date 6 s after the row starts
    QTest::addColumn<qint64>("atLeastMs");
    QTest::addColumn<qint64>("atMostMs");
    QTest::newRow("seconds") << u"2"_s << qint64(1900) << qint64(2100);
    // Whole seconds, and the first request of a process may take a moment: anything from one
    // second on is the date honoured (the backoff alone is below 50 ms here).
    QTest::newRow("HTTP date") << u"DATE+6"_s << qint64(1000) << qint64(6100);
    // Longer than the cap: waits the cap.
    QTest::newRow("capped") << u"86400"_s << qint64(4900) << qint64(5100);
    // Not a valid value: the normal backoff (tiny in this test) instead.
    QTest::newRow("bad value") << u"soon"_s << qint64(0) << qint64(500);
}

void TestQueueFaults::retryAfterIsHonoured()
{
    QFETCH(QString, retryAfter);
    QFETCH(qint64, atLeastMs);
    QFETCH(qint64, atMostMs);
    if (retryAfter == u"DATE+6") {
        retryAfter = QLocale::c().toString(QDateTime::currentDateTimeUtc().addSecs(6),
                                           u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    }
    QString error;
    const auto plan = FaultPlan::parse(
        u"429=1,budget=1,calls=upload,retry-after=\"%1\""_s.arg(retryAfter), &error);
    QVERIFY2(plan, qPrintable(error));
    startSandbox(*plan);
    RetryPolicy::Settings retries = tinyRetrySettings();
    retries.maxRetryAfter = 5s;
    makeQueue(retries);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    // The delay of every retry the queue schedules (next retry - time of the failure).
    QList<qint64> delays;
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [&](qint64 changed) {
        const QueueItem item = itemOf(changed);
        if (item.state == QueueState::Failed && item.nextRetry.isValid())
            delays.append(QDateTime::currentDateTimeUtc().msecsTo(item.nextRetry));
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

void TestQueueFaults::serverErrorsGiveUpAfterBoundedAttempts()
{
    FaultPlan plan;
    plan.serverErrorRate = 1;
    plan.serverErrorStatus = 502;
    plan.calls = FaultPlan::UploadCall;
    startSandbox(plan);
    makeQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy idle(m_queue.get(), &UploadQueue::idle);
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_VERIFY_WITH_TIMEOUT(idle.size() >= 1 && m_queue->isIdle(), kWait);
    const QueueItem failed = itemOf(id);
    QCOMPARE(failed.state, QueueState::Failed);
    QCOMPARE(failed.attemptCount, tinyRetrySettings().maxAttempts);
    QVERIFY(!failed.nextRetry.isValid()); // no more automatic retries
    QVERIFY2(failed.failureReason.contains(u"502"_s), qPrintable(failed.failureReason));
    QVERIFY2(failed.failureReason.contains(u"Retry"_s), qPrintable(failed.failureReason));
    QCOMPARE(tokens.size(), 1); // every attempt used the same token
    QCOMPARE(m_sandbox->uploadCount(failed.token), 0);

    // The user's Retry starts over with the same token; with the fault gone it lands.
    m_sandbox->setFaultPlan({});
    QVERIFY(m_queue->retry(id));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).token, failed.token);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(failed.token), 1);
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
    m_idleTimeout = 1000ms;
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
    const QString path = makeStl(u"slow.stl"_s, 400);
    QVERIFY(!path.isEmpty());
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).attemptCount, 0);
    QCOMPARE(uploads.size(), 1);
}

// A body much larger than the socket buffers on a 4 MB/s line: the queue reports bytes,
// speed and time left while it uploads, and the speed is the line's, not the loopback's.
void TestQueueFaults::uploadReportsSpeedAndTimeLeft()
{
    FaultPlan plan;
    plan.uploadBytesPerSecond = 4'000'000;
    startSandbox(plan);
    makeQueue();
    const QString path = makeStl(u"large.stl"_s, 24'000);
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
    QVERIFY(!m_queue->transfer(id)); // only while uploading
}

// Connection refused: "waiting for network", checked again and again without using up
// attempts, and the item goes through by itself once the service is back.
void TestQueueFaults::offlineWaitsForNetwork()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a port nobody listens on once the probe is gone
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    const QString key = u"sandbox-test-key-0123456789"_s;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/api3/"_s.arg(port));
    endpoint.apiKey = key;
    m_api = std::make_unique<ApiClient>(m_network.get(), endpoint);
    makeQueue();
    int waits = 0;
    QString reason;
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [&](qint64 changed) {
        const QueueItem item = itemOf(changed);
        if (item.state == QueueState::Failed && item.nextRetry.isValid()) {
            ++waits;
            reason = item.failureReason;
            QCOMPARE(item.attemptCount, 0);
        }
    });
    const qint64 id = *m_queue->addFile(copyTeapot(u"teapot.stl"_s), facts());
    QTRY_VERIFY_WITH_TIMEOUT(waits >= 5, kWait);
    QVERIFY2(reason.startsWith(u"Waiting for the network"_s), qPrintable(reason));
    QVERIFY(!m_queue->isIdle()); // still on it

    SandboxConfig config;
    config.apiKey = key;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(port), qPrintable(m_sandbox->errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).attemptCount, 0);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
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

QTEST_GUILESS_MAIN(TestQueueFaults)
#include "tst_queuefaults.moc"
