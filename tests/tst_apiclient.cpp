// The api3 client against the sandbox started in-process on a free loopback port, plus a
// scripted raw HTTP peer for the response shapes of the real service that the sandbox does
// not produce (field-name variants, oversized and hostile bodies).
#include "api/apiclient.h"
#include "common/redaction.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/sandboxtls.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;
using Kind = ApiError::Kind;

namespace {

// Answers every connection with one canned HTTP response (or none) and records requests.
class ScriptedPeer final : public QObject
{
public:
    enum Mode { AnswerRequest, AnswerAtOnce };

    explicit ScriptedPeer(QByteArray response, Mode mode = AnswerRequest)
        : m_response(std::move(response))
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this, mode] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                if (mode == AnswerAtOnce) {
                    socket->write(m_response);
                    continue;
                }
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    m_buffer += socket->readAll();
                    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    requests.append(m_buffer.left(end));
                    m_buffer.clear();
                    if (!m_response.isEmpty()) {
                        socket->write(m_response);
                        socket->disconnectFromHost();
                    }
                });
            }
        });
    }
    QUrl baseUrl() const { return QUrl(u"http://127.0.0.1:%1/api3/"_s.arg(m_server.serverPort())); }

    QList<QByteArray> requests;

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_buffer;
};

QByteArray httpResponse(const QByteArray &status, const QByteArray &body,
                        const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" +
           body;
}

QString testFile(const char *name)
{
    return QStringLiteral(PC_TEST_DATA_DIR "/") + QString::fromLatin1(name);
}

// An upload with ordinary order facts; the tests vary only the token and the file.
UploadRequest simpleUpload(const QString &token, const QString &filePath)
{
    return UploadRequest{token,    filePath, {}, u"a@example.com"_s, *Decimal::fromString(u"5"),
                         u"USD"_s, {}};
}

// Collects everything logged while alive, to prove the key never reaches a log.
class LogCapture final
{
public:
    LogCapture() { s_previous = qInstallMessageHandler(&LogCapture::handler); }
    ~LogCapture() { qInstallMessageHandler(s_previous); }
    static QString text() { return s_text; }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &msg)
    {
        s_text += msg + u'\n';
        if (s_previous)
            s_previous(type, context, msg);
    }
    static inline QtMessageHandler s_previous = nullptr;
    static inline QString s_text;
};

} // namespace

class TestApiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void createToken();
    void uploadStreamsFileWithProgress();
    void uploadEncodesNonAsciiFileName();
    void printStatusAwaitingThenLive();
    void wrongKeyIsRejected();
    void unknownTokenIsServiceError();
    void secondUploadIsRefused();
    void missingFileIsFileError();
    void connectionRefused();
    void hostNotFound();
    void stallTimesOut();
    void tricklingAnswerTimesOut();
    void tokenCallWaitsForASlowAnswer();
    void answerCutShortIsABrokenConnection();
    void serverErrorIsTransient();
    void tooManyRequestsCarriesRetryAfter();
    void malformedJsonIsProtocolError();
    void errorEnvelopeShowsDescription();
    void uploadDroppedMidBody();
    void tlsHandshakeFailureIsTls();
    void sandboxCertificateIsRefused_data();
    void sandboxCertificateIsRefused();
    void abortIsReported();
    void statusNameVariantFromRealService();
    void oversizedBodyIsCapped();
    void declaredOversizeIsRefusedEarly();
    void htmlErrorPage();
    void redirectIsNotFollowed();
    void queryStringIsWellFormed();
    void keyNeverLoggedOrShown();

private:
    ServiceEndpoint sandboxEndpoint() const;
    template<class Result, class Job>
    Result await(Job *job, int timeoutMs = 10000);

    std::unique_ptr<SandboxServer> m_sandbox;
    QNetworkAccessManager m_network;
};

void TestApiClient::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestApiClient::init()
{
    SandboxConfig config;
    config.apiKey = u"sandbox-test-key-0123456789"_s;
    config.speed = 600;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
}

void TestApiClient::cleanup()
{
    m_sandbox.reset();
    m_network.clearConnectionCache();
}

ServiceEndpoint TestApiClient::sandboxEndpoint() const
{
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_sandbox->apiBaseUrl();
    endpoint.apiKey = m_sandbox->apiKey();
    endpoint.idleTimeout = std::chrono::seconds(10);
    return endpoint;
}

template<class Result, class Job>
Result TestApiClient::await(Job *job, int timeoutMs)
{
    QSignalSpy spy(job, &Job::finished);
    if (!spy.wait(timeoutMs))
        qWarning("job did not finish within %d ms", timeoutMs);
    return spy.isEmpty() ? Result{} : spy.first().first().template value<Result>();
}

void TestApiClient::createToken()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto result = await<TokenResult>(client.createToken());
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    static const QRegularExpression hex32(u"^[0-9a-f]{32}$"_s);
    QVERIFY2(hex32.match(result.token).hasMatch(), qPrintable(result.token));
    QVERIFY(m_sandbox->hasToken(result.token));
}

void TestApiClient::uploadStreamsFileWithProgress()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto token = await<TokenResult>(client.createToken()).token;
    QVERIFY(!token.isEmpty());

    UploadRequest request;
    request.token = token;
    request.filePath = testFile("stl/microstl__box_freecad_binary.stl");
    request.receiverEmail = u"customer+tag@example.com"_s;
    request.printValue = *Decimal::fromString(u"10.56");
    request.currency = u"eur"_s;
    request.partnerJobId = u"JOB-42 & co"_s;

    UploadJob *job = client.upload(request);
    QSignalSpy progress(job, &UploadJob::uploadProgress);
    QSignalSpy uploaded(m_sandbox.get(), &SandboxServer::fileUploaded);
    const auto result = await<UploadResult>(job);
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.links.tokenLink.host(), u"127.0.0.1"_s);
    QCOMPARE(result.links.tokenLink.port(), int(m_sandbox->port()));
    QVERIFY(result.links.tokenLink.query().contains(token));
    QCOMPARE(m_sandbox->uploadCount(token), 1);

    // Progress climbs to the whole multipart body (file plus part headers).
    QVERIFY(!progress.isEmpty());
    qint64 maxSent = 0;
    qint64 total = 0;
    for (const auto &signal : std::as_const(progress)) {
        QVERIFY(signal.at(0).toLongLong() >= maxSent || signal.at(1).toLongLong() == 0);
        maxSent = std::max(maxSent, signal.at(0).toLongLong());
        total = std::max(total, signal.at(1).toLongLong());
    }
    QCOMPARE(maxSent, total);
    QVERIFY(total > QFileInfo(request.filePath).size());

    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(uploaded.first().at(0).toString(), token);
    QCOMPARE(uploaded.first().at(1).toString(), u"microstl__box_freecad_binary.stl"_s);
    QCOMPARE(uploaded.first().at(2).toLongLong(), QFileInfo(request.filePath).size());
}

void TestApiClient::uploadEncodesNonAsciiFileName()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto token = await<TokenResult>(client.createToken()).token;
    UploadRequest request;
    request.token = token;
    request.filePath = testFile("stl/numpy-stl__ascii_Cube.stl");
    request.fileName = u"Größe \"测试\" 100% — final.stl"_s;
    request.receiverEmail = u"a@example.com"_s;
    request.printValue = *Decimal::fromString(u"0");
    QSignalSpy uploaded(m_sandbox.get(), &SandboxServer::fileUploaded);
    const auto result = await<UploadResult>(client.upload(request));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(uploaded.first().at(1).toString(), request.fileName);
}

void TestApiClient::printStatusAwaitingThenLive()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto token = await<TokenResult>(client.createToken()).token;
    const UploadRequest request =
        simpleUpload(token, testFile("stl/microstl__box_freecad_binary.stl"));
    QVERIFY(await<UploadResult>(client.upload(request)).isOk());

    const auto before = await<PrintStatusResult>(client.printStatus(token));
    QVERIFY2(before.isOk(), qPrintable(before.error.message));
    QVERIFY(before.status.isAwaitingCustomer());

    QVERIFY(m_sandbox->startPrint(token, u"Prusa MK4"_s));
    // At speed 600 the warm-up takes a fraction of a second; printing follows.
    JobStatus seen = JobStatus::AwaitingCustomer;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto now = await<PrintStatusResult>(client.printStatus(token));
            seen = now.status.status;
            return now.isOk() && seen == JobStatus::Printing && now.status.percentage &&
                   now.status.printerModel == u"Prusa MK4";
        }(),
        15000);
}

void TestApiClient::wrongKeyIsRejected()
{
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.apiKey = u"not-the-right-key-value"_s;
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Http);
    QCOMPARE(result.error.httpStatus, 401);
    QVERIFY(result.error.isAuthenticationFailure());
    QVERIFY(!result.error.isTransient());
    QVERIFY(result.error.message.contains(u"API key"_s));
    QVERIFY(!result.error.message.contains(endpoint.apiKey));
}

void TestApiClient::unknownTokenIsServiceError()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto result =
        await<PrintStatusResult>(client.printStatus(u"00000000000000000000000000000000"_s));
    QCOMPARE(result.error.kind, Kind::Service);
    QVERIFY(!result.error.serviceDescription.isEmpty());
    QVERIFY(result.error.message.contains(result.error.serviceDescription));
}

void TestApiClient::secondUploadIsRefused()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto token = await<TokenResult>(client.createToken()).token;
    const UploadRequest request =
        simpleUpload(token, testFile("stl/microstl__box_freecad_binary.stl"));
    QVERIFY(await<UploadResult>(client.upload(request)).isOk());
    const auto second = await<UploadResult>(client.upload(request));
    QCOMPARE(second.error.kind, Kind::Service);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
}

void TestApiClient::missingFileIsFileError()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const UploadRequest request = simpleUpload(u"abc"_s, u"/nonexistent/folder/part.stl"_s);
    const int before = m_sandbox->totalRequestCount();
    const auto result = await<UploadResult>(client.upload(request));
    QCOMPARE(result.error.kind, Kind::File);
    QVERIFY(result.error.message.contains(u"/nonexistent/folder/part.stl"_s));
    QCOMPARE(m_sandbox->totalRequestCount(), before); // nothing was sent
}

void TestApiClient::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nobody listens there now
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/api3/"_s.arg(port));
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Network);
    QCOMPARE(result.error.networkReason, ApiError::NetworkReason::ConnectionRefused);
    QVERIFY(result.error.isTransient());
}

void TestApiClient::hostNotFound()
{
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = QUrl(u"http://no-such-host.invalid:3000/api3/"_s);
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken(), 30000);
    QCOMPARE(result.error.kind, Kind::Network);
    QCOMPARE(result.error.networkReason, ApiError::NetworkReason::HostNotFound);
}

void TestApiClient::stallTimesOut()
{
    FaultPlan plan;
    plan.stallRate = 1;
    m_sandbox->setFaultPlan(plan);
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.idleTimeout = std::chrono::milliseconds(400);
    ApiClient client(&m_network, endpoint);
    // A status call: a token call waits a minute at the least (tokenCallWaitsForASlowAnswer).
    const auto result =
        await<PrintStatusResult>(client.printStatus(u"0123456789abcdef0123456789abcdef"_s));
    QCOMPARE(result.error.kind, Kind::Timeout);
    QVERIFY(result.error.isTransient());
}

// A byte every 100 ms keeps the idle timer (400 ms) from firing; the answer as a whole still
// has to arrive within its own limit.
void TestApiClient::tricklingAnswerTimesOut()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    const QByteArray answer = httpResponse("200 OK", QByteArray(200, ' ') + "{}");
    connect(&peer, &QTcpServer::newConnection, this, [&peer, answer] {
        QTcpSocket *socket = peer.nextPendingConnection();
        auto *drip = new QTimer(socket);
        auto sent = std::make_shared<qsizetype>(0);
        connect(drip, &QTimer::timeout, socket, [socket, answer, sent] {
            // The head at once, then the body a byte at a time.
            const qsizetype head = answer.indexOf("\r\n\r\n") + 4;
            const qsizetype chunk = *sent == 0 ? head : 1;
            if (*sent < answer.size())
                socket->write(answer.mid(*sent, chunk));
            *sent += chunk;
        });
        connect(socket, &QTcpSocket::readyRead, socket, [socket, drip] {
            if (socket->readAll().contains("\r\n\r\n"))
                drip->start(100);
        });
    });
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/api3/"_s.arg(peer.serverPort()));
    endpoint.idleTimeout = std::chrono::milliseconds(400);
    endpoint.answerTimeout = std::chrono::milliseconds(1500);
    ApiClient client(&m_network, endpoint);
    QElapsedTimer clock;
    clock.start();
    const auto result =
        await<PrintStatusResult>(client.printStatus(u"0123456789abcdef0123456789abcdef"_s), 15000);
    QCOMPARE(result.error.kind, Kind::Timeout);
    QVERIFY(result.error.isTransient());
    QVERIFY2(result.error.message.contains(u"in full"_s), qPrintable(result.error.message));
    QVERIFY2(clock.elapsed() < 10000, "the trickle was followed to its end");
}

// Giving up on a token call may leave a token at the service that nothing uses: a slow token
// answer is waited for even with a short idle timeout, while other calls keep to it.
void TestApiClient::tokenCallWaitsForASlowAnswer()
{
    FaultPlan plan;
    plan.latency = std::chrono::milliseconds(1500);
    m_sandbox->setFaultPlan(plan);
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.idleTimeout = std::chrono::milliseconds(400);
    ApiClient client(&m_network, endpoint);
    const auto token = await<TokenResult>(client.createToken(), 15000);
    QVERIFY2(token.isOk(), qPrintable(token.error.message));
    QVERIFY(m_sandbox->hasToken(token.token));
    QCOMPARE(m_sandbox->totalRequestCount(), 1); // asked once, not again after 400 ms
    const auto status = await<PrintStatusResult>(client.printStatus(token.token), 15000);
    QCOMPARE(status.error.kind, Kind::Timeout);
}

// An answer that stops short of its Content-Length: the connection broke; the part that came
// is not parsed as the whole (an empty body would be "no token").
void TestApiClient::answerCutShortIsABrokenConnection()
{
    const QByteArray body = R"({"status":{"code":"ok"},"data":{"token":"0123456789abcdef"}})";
    QByteArray cut = httpResponse("200 OK", body);
    cut.chop(body.size()); // the head only, then the connection closes
    ScriptedPeer peer(cut);
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken(), 15000);
    QCOMPARE(result.error.kind, Kind::Network);
    QCOMPARE(result.error.networkReason, ApiError::NetworkReason::ConnectionClosed);
    QVERIFY(result.token.isEmpty());
}

void TestApiClient::serverErrorIsTransient()
{
    FaultPlan plan;
    plan.serverErrorRate = 1;
    plan.serverErrorStatus = 502;
    m_sandbox->setFaultPlan(plan);
    ApiClient client(&m_network, sandboxEndpoint());
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Http);
    QCOMPARE(result.error.httpStatus, 502);
    QVERIFY(result.error.isTransient());
}

void TestApiClient::tooManyRequestsCarriesRetryAfter()
{
    FaultPlan plan;
    plan.tooManyRequestsRate = 1;
    plan.retryAfter = u"7"_s;
    m_sandbox->setFaultPlan(plan);
    ApiClient client(&m_network, sandboxEndpoint());
    const auto result = await<PrintStatusResult>(client.printStatus(u"abc"_s));
    QCOMPARE(result.error.kind, Kind::Http);
    QCOMPARE(result.error.httpStatus, 429);
    QCOMPARE(result.error.retryAfter, std::optional(std::chrono::seconds(7)));

    // An HTTP date works as well.
    plan.retryAfter =
        QDateTime::currentDateTimeUtc().addSecs(120).toString(u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
    m_sandbox->setFaultPlan(plan);
    const auto dated = await<PrintStatusResult>(client.printStatus(u"abc"_s));
    QVERIFY(dated.error.retryAfter);
    QVERIFY(dated.error.retryAfter->count() >= 100 && dated.error.retryAfter->count() <= 121);
}

void TestApiClient::malformedJsonIsProtocolError()
{
    FaultPlan plan;
    plan.malformedJsonRate = 1;
    m_sandbox->setFaultPlan(plan);
    ApiClient client(&m_network, sandboxEndpoint());
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Protocol);
}

void TestApiClient::errorEnvelopeShowsDescription()
{
    FaultPlan plan;
    plan.errorEnvelopeRate = 1;
    m_sandbox->setFaultPlan(plan);
    ApiClient client(&m_network, sandboxEndpoint());
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Service);
    QVERIFY(result.error.message.contains(u"System error"_s));
}

void TestApiClient::uploadDroppedMidBody()
{
    ApiClient client(&m_network, sandboxEndpoint());
    const auto token = await<TokenResult>(client.createToken()).token;
    FaultPlan plan;
    plan.dropUploadRate = 1;
    plan.dropUploadAtFraction = 0.5;
    plan.calls = FaultPlan::UploadCall;
    m_sandbox->setFaultPlan(plan);

    // A file big enough that half of it is on the wire before the rest.
    QTemporaryDir dir;
    QFile big(dir.filePath(u"big.stl"_s));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(8 * 1024 * 1024));
    big.close();
    UploadRequest request{
        token, big.fileName(), {}, u"a@example.com"_s, *Decimal::fromString(u"5"), u"USD"_s, {}};
    const auto result = await<UploadResult>(client.upload(request));
    QCOMPARE(result.error.kind, Kind::Network);
    // However the network stack reports the reset (closed, or an unknown error while
    // writing), the service was reached: a lost connection, not an unreachable service.
    QCOMPARE(result.error.networkReason, ApiError::NetworkReason::ConnectionClosed);
    QVERIFY(result.error.isTransient());
    QCOMPARE(m_sandbox->uploadCount(token), 0);
}

void TestApiClient::tlsHandshakeFailureIsTls()
{
    // A TLS server whose certificate nobody trusts (self-signed, wrong host name).
    QFile certFile(testFile("selfsigned-cert.pem"));
    QFile keyFile(testFile("selfsigned-key.pem"));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray received;
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this,
                    [&received, socket] { received += socket->readAll(); });
        }
    });

    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = QUrl(u"https://127.0.0.1:%1/api3/"_s.arg(server.serverPort()));
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Tls);
    QVERIFY(!result.error.isTransient());
    QVERIFY(result.error.message.contains(u"certificate"_s));
    // The handshake failed, so the request line with the key never went out.
    QVERIFY(!received.contains(endpoint.apiKey.toUtf8()));

    // A plain-HTTP server spoken to over https fails the handshake the same way.
    ScriptedPeer plain(httpResponse("200 OK", "{}"), ScriptedPeer::AnswerAtOnce);
    QUrl plainUrl = plain.baseUrl();
    plainUrl.setScheme(u"https"_s);
    endpoint.baseUrl = plainUrl;
    client.setEndpoint(endpoint);
    QCOMPARE(await<TokenResult>(client.createToken()).error.kind, Kind::Tls);
}

void TestApiClient::sandboxCertificateIsRefused_data()
{
    QTest::addColumn<QString>("tls");
    QTest::addColumn<bool>("trusted"); // the sandbox's certificate added to the trusted ones
    QTest::addColumn<QString>("detail");
    QTest::newRow("untrusted") << u"self-signed"_s << false << u"self-signed"_s;
    QTest::newRow("wrong host") << u"wrong-host"_s << true << u"host name"_s;
}

// The sandbox speaking TLS with a certificate that cannot be verified, or one for another
// host (trusted otherwise): a TLS error naming the problem, never ignored, so the request
// with the key never reaches the sandbox (which would decrypt and count it).
void TestApiClient::sandboxCertificateIsRefused()
{
    QFETCH(QString, tls);
    QFETCH(bool, trusted);
    QFETCH(QString, detail);
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    if (trusted) {
        QSslConfiguration trusting = saved;
        trusting.addCaCertificate(
            QSslCertificate(QByteArray(sandbox::kWrongHostCertificatePem), QSsl::Pem));
        QSslConfiguration::setDefaultConfiguration(trusting);
    }
    const auto restore =
        qScopeGuard([&saved] { QSslConfiguration::setDefaultConfiguration(saved); });
    m_sandbox->setFaultPlan(*FaultPlan::parse(u"tls="_s + tls, nullptr));
    ServiceEndpoint endpoint = sandboxEndpoint();
    QCOMPARE(endpoint.baseUrl.scheme(), u"https"_s);
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Tls);
    QVERIFY(!result.error.isTransient());
    QVERIFY2(result.error.detail.contains(detail, Qt::CaseInsensitive),
             qPrintable(result.error.detail));
    QVERIFY(!result.error.message.contains(endpoint.apiKey));
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
}

void TestApiClient::abortIsReported()
{
    FaultPlan plan;
    plan.stallRate = 1;
    m_sandbox->setFaultPlan(plan);
    ApiClient client(&m_network, sandboxEndpoint());
    CreateTokenJob *job = client.createToken();
    QSignalSpy spy(job, &CreateTokenJob::finished);
    QTimer::singleShot(100, job, &ApiJob::abort);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.first().first().value<TokenResult>().error.kind, Kind::Aborted);
}

void TestApiClient::statusNameVariantFromRealService()
{
    ScriptedPeer peer(httpResponse(
        "200 OK",
        R"({"status":{"code":"ok"},"data":{"printing_job_status_name":"SUCCESS","printing_percentage":"100","minutes_left":null,"message":"Printed fine","total_time":"5400","printer_model":null}})"));
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    ApiClient client(&m_network, endpoint);
    const auto result = await<PrintStatusResult>(client.printStatus(u"abc"_s));
    QVERIFY2(result.isOk(), qPrintable(result.error.message));
    QCOMPARE(result.status.status, JobStatus::Success);
    QCOMPARE(result.status.percentage, std::optional<double>(100));
    QCOMPARE(result.status.totalTime, std::optional<double>(5400));
    QCOMPARE(result.status.message, u"Printed fine"_s);
}

void TestApiClient::oversizedBodyIsCapped()
{
    // No Content-Length: the cap is enforced while reading.
    const QByteArray body = "{\"status\":{\"code\":\"ok\"},\"data\":{\"message\":\"" +
                            QByteArray(3 * 1024 * 1024, 'x') + "\"}}";
    ScriptedPeer peer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: "
                      "close\r\n\r\n" +
                      body);
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    ApiClient client(&m_network, endpoint);
    const auto result = await<PrintStatusResult>(client.printStatus(u"abc"_s));
    QCOMPARE(result.error.kind, Kind::Protocol);
    QVERIFY(result.error.message.contains(u"larger than"_s));
}

void TestApiClient::declaredOversizeIsRefusedEarly()
{
    ScriptedPeer peer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      "10485760\r\n\r\n{\"status\":");
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Protocol);
}

void TestApiClient::htmlErrorPage()
{
    ScriptedPeer peer(
        httpResponse("502 Bad Gateway", "<!DOCTYPE html><html><body>Bad gateway</body></html>"));
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Http);
    QCOMPARE(result.error.httpStatus, 502);
    QVERIFY(result.error.isTransient());

    ScriptedPeer okPage(httpResponse("200 OK", "<html><body>captive portal</body></html>"));
    endpoint.baseUrl = okPage.baseUrl();
    ApiClient portalClient(&m_network, endpoint);
    const auto portal = await<TokenResult>(portalClient.createToken());
    QCOMPARE(portal.error.kind, Kind::Protocol);
    QVERIFY(portal.error.message.contains(u"HTML"_s));
}

void TestApiClient::redirectIsNotFollowed()
{
    ScriptedPeer peer(httpResponse("302 Found", "", "Location: http://evil.invalid/steal\r\n"));
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    ApiClient client(&m_network, endpoint);
    const auto result = await<TokenResult>(client.createToken());
    QCOMPARE(result.error.kind, Kind::Http);
    QCOMPARE(result.error.httpStatus, 302);
    QCOMPARE(peer.requests.size(), 1);
}

void TestApiClient::queryStringIsWellFormed()
{
    ScriptedPeer peer(httpResponse("200 OK", R"({"status":{"code":"ok"}})"));
    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.baseUrl = peer.baseUrl();
    endpoint.apiKey = u"key-with=and+plus"_s;
    ApiClient client(&m_network, endpoint);
    QVERIFY(await<PrintStatusResult>(client.printStatus(u"t0k3n"_s)).isOk());
    QCOMPARE(peer.requests.size(), 1);
    const QByteArray requestLine =
        peer.requests.first().left(peer.requests.first().indexOf("\r\n"));
    QCOMPARE(requestLine, "GET /api3/api_get_partner_print_status?api_key=key-with%3Dand%2Bplus&"
                          "token=t0k3n HTTP/1.1"_ba);
    QVERIFY(peer.requests.first().contains("User-Agent: partner-console/"));
}

void TestApiClient::keyNeverLoggedOrShown()
{
    const QString sentinel = u"SENTINEL-KEY-4f1c9e-do-not-leak=="_s;
    LogCapture capture;
    QLoggingCategory::setFilterRules(u"pc.*.debug=true"_s);
    installRedactingMessageHandler();

    ServiceEndpoint endpoint = sandboxEndpoint();
    endpoint.apiKey = sentinel;
    ApiClient client(&m_network, endpoint);
    QStringList shown;
    shown << await<TokenResult>(client.createToken()).error.message;
    shown << await<PrintStatusResult>(client.printStatus(u"abc"_s)).error.message;
    endpoint.baseUrl = QUrl(u"http://no-such-host.invalid/api3/"_s);
    client.setEndpoint(endpoint);
    const auto failed = await<TokenResult>(client.createToken(), 30000);
    shown << failed.error.message << failed.error.detail;
    qInfo() << "a careless caller logs the URL:" << endpoint.resourceUrl(ApiClient::kCreateToken);

    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(sentinel));
    QVERIFY(!capture.text().isEmpty());
    QVERIFY2(!capture.text().contains(u"SENTINEL-KEY"_s), qPrintable(capture.text()));
    QVERIFY2(!capture.text().contains(encoded), qPrintable(capture.text()));
    for (const QString &text : std::as_const(shown))
        QVERIFY2(!text.contains(u"SENTINEL-KEY"_s), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
