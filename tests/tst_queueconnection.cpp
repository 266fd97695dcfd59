// RELIABILITY.md's network rows about the connection, end to end through the upload queue
// against the in-process sandbox with the matching fault switched on: resets part-way and
// after the body, stalls, a slow line, the network out of reach, and TLS certificates that
// cannot be verified. (The service's answers: tst_queueanswers.)

#include "queuefixture.h"
#include "sandbox/sandboxtls.h"

#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTcpServer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;

namespace {

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

// A loopback port nobody listens on.
quint16 closedPort()
{
    QTcpServer probe; // a port nobody listens on once the probe is gone
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    return probe.serverPort();
}

} // namespace

class TestQueueConnection final : public QObject, private QueueFixture
{
    Q_OBJECT

    // After one stall the item is done on its second attempt with its one token and one file
    // at the service, the status call asked before the file was sent again.
    void checkDoneAfterOneStall(qint64 id, const QSignalSpy &tokens)
    {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
        const QueueItem done = itemOf(id);
        QCOMPARE(done.attemptCount, 1);
        QCOMPARE(tokens.size(), 1);
        QCOMPARE(m_sandbox->uploadCount(done.token), 1);
        QVERIFY(m_sandbox->statusRequestCount(done.token) >= 1);
    }

private Q_SLOTS:
    void init() { initFixture(); }
    void cleanup() { cleanupFixture(); }

    void resetMidUploadKeepsTokenAcrossRestart_data();
    void resetMidUploadKeepsTokenAcrossRestart();
    void resetAfterBodyAsksStatusBeforeResending_data();
    void resetAfterBodyAsksStatusBeforeResending();
    void stalledUploadTimesOutAndResumes();
    void stalledBodyTimesOutAndResumes();
    void slowMovingUploadNeverTimesOut();
    void uploadReportsSpeedAndTimeLeft();
    void networkOutageWaitsForNetwork_data();
    void networkOutageWaitsForNetwork();
    void badCertificateIsRefusedAndKeyNeverSent_data();
    void badCertificateIsRefusedAndKeyNeverSent();
};

void TestQueueConnection::resetMidUploadKeepsTokenAcrossRestart_data()
{
    QTest::addColumn<double>("at");
    QTest::newRow("10%") << 0.1;
    QTest::newRow("50%") << 0.5;
    QTest::newRow("99%") << 0.99;
}

// The connection is reset part-way through the body (QNetworkAccessManager's own re-send of
// the POST is refused by the body device, so the queue sees the failure at once). The item is kept
// with its token and a jittered backoff; the console is restarted while it waits; the new
// queue resumes the item with the same token, and the service ends with one file for it.
void TestQueueConnection::resetMidUploadKeepsTokenAcrossRestart()
{
    QFETCH(double, at);
    RetryPolicy::Settings retries = tinyRetrySettings();
    retries.baseDelay = 600ms; // long enough to restart in between
    retries.maxDelay = 600ms;
    startQueue(u"drop-upload=1,at=%1,calls=upload"_s.arg(at), {}, retries);
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

void TestQueueConnection::resetAfterBodyAsksStatusBeforeResending_data()
{
    QTest::addColumn<bool>("printStarted"); // the customer printed before the retry
    QTest::addColumn<bool>("restart");      // the console restarts before the retry
    QTest::newRow("awaiting the customer") << false << false;
    QTest::newRow("print already started") << true << false;
    QTest::newRow("after a restart") << false << true;
}

// The service stores the file and the connection closes before the answer. The network layer
// does not send the body again by itself (UploadBodyDevice refuses to start over): the queue
// sees the lost answer at once. Before the queue sends the
// file again it asks the print-status call for the item's token. A print already under way
// proves the file arrived: nothing is re-sent. Otherwise the re-send is refused for the used
// token, which proves it too. Either way: one token, one file, and the item is done with an
// order whose links are built from the token page address (marked so).
void TestQueueConnection::resetAfterBodyAsksStatusBeforeResending()
{
    QFETCH(bool, printStarted);
    QFETCH(bool, restart);
    SandboxConfig config;
    if (printStarted)
        config.autoPrintSeconds = 0; // the customer presses Print at once
    RetryPolicy::Settings retries = tinyRetrySettings();
    if (restart) {
        retries.baseDelay = 600ms; // long enough to restart in between
        retries.maxDelay = 600ms;
    }
    startQueue(u"drop-after-upload=1,calls=upload"_s, config, retries);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = queueTeapot();
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
    QCOMPARE(uploadsBeforeRetry, 1); // no second body before the status question
    QCOMPARE(statusAskedAtFailure, 0);
    if (restart) {
        m_queue.reset();
        makeQueue(retries);
        connect(m_queue.get(), &UploadQueue::itemChanged, this, watch);
        QVERIFY(m_queue->start());
    }
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(id) == u"done"_s || stateOf(id) == u"needs_attention"_s,
                             kWait);
    QCOMPARE(stateOf(id), u"done"_s);
    const QueueItem stopped = itemOf(id);
    QCOMPARE(stopped.token, token);
    QVERIFY(m_sandbox->statusRequestCount(token) >= 1);
    const auto order = m_store->orderByToken(environment(), token);
    QVERIFY(order.ok() && order->has_value());
    QVERIFY((*order)->linksReconstructed);
    QCOMPARE((*order)->tokenLink, m_sandbox->serverUrl().toString() + u"?token="_s + token);
    if (printStarted) {
        // The status proved the file arrived: it was not sent again.
        QCOMPARE(statusAskedBeforeResend, -1);
        QCOMPARE(m_sandbox->uploadRequestCount(token), uploadsBeforeRetry);
    } else {
        QVERIFY2(statusAskedBeforeResend >= 1,
                 "the file was sent again before the status call was asked");
    }
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
}

void TestQueueConnection::stalledUploadTimesOutAndResumes()
{
    m_idleTimeout = 500ms;
    m_slowestLine = 10'000'000; // the wait for the answer is hardly stretched
    startQueue(u"stall=1,budget=1,calls=upload"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = queueTeapot();
    // A timed-out body may have arrived: the status call is asked before the re-send.
    checkDoneAfterOneStall(id, tokens);
}

// The line stops moving part-way through a body much larger than the socket buffers: no
// byte moves, the idle timeout aborts, and the retry (after asking the status call, since
// part of the body went out) lands with the same token.
void TestQueueConnection::stalledBodyTimesOutAndResumes()
{
    m_idleTimeout = 500ms;
    m_slowestLine = 4'000'000; // bounds the wait should the buffers take the whole body
    startQueue(u"stall-upload=1,at=0.1,budget=1,calls=upload"_s);
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
    checkDoneAfterOneStall(id, tokens);
}

// A slow line (100 KB/s) with a one-second idle timeout: the upload takes seconds, most of
// it sitting in socket buffers with no progress to report, yet it does not time out.
void TestQueueConnection::slowMovingUploadNeverTimesOut()
{
    m_idleTimeout = 1000ms;
    m_slowestLine = 50'000;
    startQueue(u"upload-rate=100"_s); // 100 KB/s
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
void TestQueueConnection::uploadReportsSpeedAndTimeLeft()
{
    m_idleTimeout = 1000ms;
    startQueue(u"upload-rate=4000"_s); // 4 MB/s
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

void TestQueueConnection::networkOutageWaitsForNetwork_data()
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
void TestQueueConnection::networkOutageWaitsForNetwork()
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
    const qint64 id = queueTeapot();
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

void TestQueueConnection::badCertificateIsRefusedAndKeyNeverSent_data()
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
void TestQueueConnection::badCertificateIsRefusedAndKeyNeverSent()
{
    QFETCH(QString, tls);
    QFETCH(QByteArray, trusted);
    QFETCH(bool, refused);
    std::optional<TrustedCertificate> trust;
    if (!trusted.isEmpty())
        trust.emplace(trusted);
    startQueue(u"tls="_s + tls);
    QCOMPARE(m_api->endpoint().baseUrl.scheme(), u"https"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = queueTeapot();
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

QTEST_GUILESS_MAIN(TestQueueConnection)
#include "tst_queueconnection.moc"
