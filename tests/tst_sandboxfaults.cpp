// The faults the sandbox injects, each as a hand-written client sees it: latency, 5xx, 4xx,
// 429 and Retry-After, malformed answers of every kind, stalls, dropped and slowed uploads,
// condition faults (status value, TLS), the budget and the calls filter.
#include "sandbox/sandboxtls.h"
#include "sandboxclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

class TestSandboxFaults final : public QObject, private SandboxClient
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void faultLatency();
    void faultServerError();
    void faultTooManyRequests();
    void faultMalformedJson();
    void faultErrorEnvelope();
    void faultStall();
    void faultDropUploadHalfWay();
    void faultDropAfterUpload();
    void faultUploadRate();
    void faultClientError_data();
    void faultClientError();
    void faultRetryAfterOn503();
    void faultMalformedKinds_data();
    void faultMalformedKinds();
    void faultStallUpload();
    void faultDropAfterRefusedUpload();
    void faultStatusValue();
    void faultTls_data();
    void faultTls();
    void faultBudget();
    void faultCallsFilter();
};

void TestSandboxFaults::faultLatency()
{
    auto server = start();
    const QByteArray tokenCall = request("GET", "/api3/api_create_partner_token?api_key=" + key());
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);
    QVERIFY(setFaults(*server, u"latency=300"_s));
    const Exchange slow = exchange(server->port(), tokenCall);
    QCOMPARE(slow.code(), u"ok"_s);
    QVERIFY2(slow.elapsedMs >= 290, qPrintable(QString::number(slow.elapsedMs)));
    QCOMPARE(faults.size(), 1);
    QVERIFY(faults.at(0).at(0).toString().contains(u"latency"_s));
}

void TestSandboxFaults::faultServerError()
{
    auto server = start();
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);
    QVERIFY(setFaults(*server, u"http5xx=1,status=502"_s));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 502);
    QCOMPARE(faults.size(), 1);
    QVERIFY(faults.at(0).at(0).toString().contains(u"502"_s));
}

void TestSandboxFaults::faultTooManyRequests()
{
    auto server = start();
    QVERIFY(setFaults(*server, u"429=1,retry-after=7"_s));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 429);
    QCOMPARE(reply.header("Retry-After"), "7");

    QVERIFY(setFaults(*server, u"429=100%,retry-after=\"Wed, 21 Oct 2037 07:28:00 GMT\""_s));
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).header("Retry-After"),
             "Wed, 21 Oct 2037 07:28:00 GMT");
}

void TestSandboxFaults::faultMalformedJson()
{
    auto server = start();
    QVERIFY(setFaults(*server, u"malformed=1"_s));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), "application/json");
    QVERIFY(!reply.body.isEmpty());
    QJsonParseError error;
    QJsonDocument::fromJson(reply.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);
}

void TestSandboxFaults::faultErrorEnvelope()
{
    auto server = start();
    QVERIFY(setFaults(*server, u"error-envelope=1"_s));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), u"System error"_s);
    QCOMPARE(reply.extended(), u"Injected fault"_s);
}

void TestSandboxFaults::faultStall()
{
    auto server = start();
    QVERIFY(setFaults(*server, u"stall=1"_s));
    const Exchange reply = exchange(
        server->port(), request("GET", "/api3/api_create_partner_token?api_key=" + key()), 400);
    QVERIFY(!reply.answered);
    QVERIFY(!reply.closed);
    QVERIFY(reply.elapsedMs >= 350); // coarse timers may fire a little early
}

void TestSandboxFaults::faultDropUploadHalfWay()
{
    auto server = start();
    const QString token = createToken(*server);
    QVERIFY(setFaults(*server, u"drop-upload=1,at=0.5,calls=upload"_s));
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);

    const QByteArray whole = uploadRequest(token, "drop.stl", sampleStl(2000)); // ~100 KB
    const qsizetype headEnd = whole.indexOf("\r\n\r\n") + 4;
    const qsizetype bodySize = whole.size() - headEnd;
    // 30 %, then 45 %: still open if each byte is counted once (the HTTP server reads every
    // chunk in full, so bytesAvailable() at each readyRead is what just arrived) ...
    const qsizetype at30 = headEnd + bodySize * 30 / 100;
    const qsizetype at45 = headEnd + bodySize * 45 / 100;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(socket.waitForConnected(2000));
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    socket.write(whole.left(at30));
    QTest::qWait(60);
    socket.write(whole.mid(at30, at45 - at30));
    QTest::qWait(60);
    QCOMPARE(disconnected.size(), 0);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    // ... and dropped once the chunk that crosses 50 % arrives.
    socket.write(whole.mid(at45));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 3000);
    QCOMPARE(socket.bytesAvailable(), 0); // no answer
    QCOMPARE(server->uploadCount(token), 0);
    QVERIFY(server->storedFilePath(token).isEmpty());
    QCOMPARE(faults.size(), 1);
    QVERIFY(faults.at(0).at(0).toString().contains(u"drop upload"_s));

    // The plan stays on: the next attempt is dropped as well; once off, the upload succeeds.
    QVERIFY(exchange(server->port(), whole).closed);
    QVERIFY(setFaults(*server, QString()));
    QCOMPARE(exchange(server->port(), whole).code(), u"ok"_s);
    QCOMPARE(server->uploadCount(token), 1);
}

// upload-rate plays a slow line: the body is read at most that fast, the upload still lands
// whole, and a client that gives up half-way leaves the server serving.
void TestSandboxFaults::faultUploadRate()
{
    auto server = start();
    const QString token = createToken(*server);
    QVERIFY(setFaults(*server, u"upload-rate=400"_s)); // 400 KB/s
    QVERIFY(server->faultPlan().isActive());
    const QByteArray body = sampleStl(12000); // 600 KB: 1.5 s at that rate
    const QByteArray whole = uploadRequest(token, "slow.stl", body);
    QElapsedTimer clock;
    clock.start();
    const Exchange reply = exchange(server->port(), whole, 30000);
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(reply.code(), u"ok"_s);
    // A lower bound only: a slow machine takes longer, never shorter.
    QVERIFY2(elapsed >= 1000, qPrintable(u"%1 ms"_s.arg(elapsed)));
    QCOMPARE(server->uploadCount(token), 1);
    QFile stored(server->storedFilePath(token));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), body);

    // A client that disappears while its body is held back.
    const QString second = createToken(*server);
    const QByteArray secondRequest = uploadRequest(second, "gone.stl", body);
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(2000));
        socket.write(secondRequest);
        QTest::qWait(300);
        socket.abort();
    }
    QTest::qWait(200);
    QCOMPARE(server->uploadCount(second), 0);
    // Other requests are served, and the rate only slows bodies down.
    QVERIFY(setFaults(*server, QString()));
    QCOMPARE(exchange(server->port(), secondRequest).code(), u"ok"_s);
    QCOMPARE(server->uploadCount(second), 1);
}

void TestSandboxFaults::faultDropAfterUpload()
{
    auto server = start();
    const QString token = createToken(*server);
    QVERIFY(setFaults(*server, u"drop-after-upload=1"_s));
    const Exchange reply = upload(*server, token);
    QVERIFY(!reply.answered);
    QVERIFY(reply.closed);
    QCOMPARE(server->uploadCount(token), 1);
    // What a careful client does next: ask the status of the token, not upload again.
    QVERIFY(setFaults(*server, QString()));
    QCOMPARE(status(*server, token).code(), u"ok"_s);
    QCOMPARE(server->statusRequestCount(token), 1);
}

void TestSandboxFaults::faultClientError_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("description");
    QTest::newRow("400") << 400 << u"Bad request"_s;
    QTest::newRow("401") << 401 << u"Invalid API key"_s;
    QTest::newRow("403") << 403 << u"Forbidden"_s;
    QTest::newRow("413") << 413 << u"File too large"_s;
}

// http4xx answers with the client error and the service's envelope, without processing the
// request: no token is made.
void TestSandboxFaults::faultClientError()
{
    QFETCH(int, status);
    QFETCH(QString, description);
    auto server = start();
    QSignalSpy created(server.get(), &SandboxServer::tokenCreated);
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);
    QVERIFY(setFaults(*server, u"http4xx=1,status4xx=%1"_s.arg(status)));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), description);
    QCOMPARE(created.size(), 0);
    QCOMPARE(faults.size(), 1);
    QVERIFY(faults.first().first().toString().contains(QString::number(status)));
}

// A 503 carries Retry-After only when asked to; a 429 always does.
void TestSandboxFaults::faultRetryAfterOn503()
{
    auto server = start();
    const QByteArray tokenCall = "/api3/api_create_partner_token?api_key=" + key();
    QVERIFY(setFaults(*server, u"http5xx=1,status=503,retry-after=7"_s));
    Exchange reply = get(*server, tokenCall);
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.header("Retry-After"), QByteArray());
    QVERIFY(setFaults(*server, u"http5xx=1,status=503,retry-after=7,retry-after-503=1"_s));
    reply = get(*server, tokenCall);
    QCOMPARE(reply.status, 503);
    QCOMPARE(reply.header("Retry-After"), "7");
    QVERIFY(setFaults(*server, u"http5xx=1,status=502,retry-after=7,retry-after-503=1"_s));
    reply = get(*server, tokenCall);
    QCOMPARE(reply.status, 502);
    QCOMPARE(reply.header("Retry-After"), QByteArray());
}

void TestSandboxFaults::faultMalformedKinds_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("truncated") << u"truncated"_s;
    QTest::newRow("html") << u"html"_s;
    QTest::newRow("empty") << u"empty"_s;
    QTest::newRow("types") << u"types"_s;
    QTest::newRow("nulls") << u"nulls"_s;
    QTest::newRow("huge") << u"huge"_s;
}

// Each kind of malformed answer is HTTP 200 made from the real answer: the request was
// processed (a token was made), then the answer was bent.
void TestSandboxFaults::faultMalformedKinds()
{
    QFETCH(QString, kind);
    auto server = start();
    QSignalSpy created(server.get(), &SandboxServer::tokenCreated);
    QVERIFY(setFaults(*server, u"malformed=1,malformed-as="_s + kind));
    const Exchange reply = exchange(
        server->port(), request("GET", "/api3/api_create_partner_token?api_key=" + key()), 20000);
    QVERIFY(reply.answered);
    QCOMPARE(reply.status, 200);
    QCOMPARE(created.size(), 1);
    const QString token = created.first().first().toString();
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(reply.body, &error);
    const QJsonObject root = doc.object();
    if (kind == u"truncated") {
        QVERIFY(!reply.body.isEmpty());
        QVERIFY(error.error != QJsonParseError::NoError);
    } else if (kind == u"html") {
        QVERIFY(reply.header("Content-Type").startsWith("text/html"));
        QVERIFY(reply.body.startsWith("<!DOCTYPE html>"));
    } else if (kind == u"empty") {
        QCOMPARE(reply.header("Content-Length"), "0");
        QVERIFY(reply.body.isEmpty());
    } else if (kind == u"types") {
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(reply.code(), u"ok"_s);
        QCOMPARE(reply.data().value(u"token"_s).toArray(), QJsonArray{token});
    } else if (kind == u"nulls") {
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(root.value(u"status"_s).toObject().value(u"code"_s).isNull());
        QVERIFY(reply.data().value(u"token"_s).isNull());
    } else {
        QCOMPARE(reply.body.size(), qsizetype(10) << 20);
        QCOMPARE(reply.header("Content-Length").toLongLong(), qint64(10) << 20);
        QCOMPARE(error.error, QJsonParseError::NoError); // valid, just far too big
        QCOMPARE(reply.data().value(u"token"_s).toString(), token);
    }
}

// stall-upload stops reading the body at the fraction: the client's bytes stop moving, no
// answer comes, nothing is stored, and the connection stays open until the client gives up.
void TestSandboxFaults::faultStallUpload()
{
    auto server = start();
    const QString token = createToken(*server);
    QVERIFY(setFaults(*server, u"stall-upload=1,at=0.25,calls=upload,budget=1"_s));
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);
    // Far more than the kernel buffers of both ends hold, so the sender has to block.
    const QByteArray whole = uploadRequest(token, "stall.stl", sampleStl(400'000)); // ~20 MB
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(socket.waitForConnected(2000));
    QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
    socket.write(whole);
    QTRY_COMPARE_WITH_TIMEOUT(faults.size(), 1, 10000);
    QVERIFY(faults.first().first().toString().contains(u"stall upload"_s));
    // The kernel buffers of both ends fill up, then the sender is stuck well before the end
    // of the body: nothing moves between two looks 300 ms apart.
    qint64 stuck = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const qint64 before = socket.bytesToWrite();
            QTest::qWait(300);
            stuck = socket.bytesToWrite();
            return stuck == before;
        }(),
        15000);
    QVERIFY2(stuck > whole.size() / 4, qPrintable(QString::number(stuck)));
    QCOMPARE(socket.bytesAvailable(), 0);
    QCOMPARE(disconnected.size(), 0);
    QCOMPARE(server->uploadCount(token), 0);
    socket.abort();

    // The budget is spent: the next attempt goes through.
    QCOMPARE(exchange(server->port(), whole, 20000).code(), u"ok"_s);
    QCOMPARE(server->uploadCount(token), 1);
}

// drop-after-upload closes the connection after any upload it lets through, also one the
// service refuses: a client re-sending after a lost answer hears nothing either.
void TestSandboxFaults::faultDropAfterRefusedUpload()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    QVERIFY(setFaults(*server, u"drop-after-upload=1"_s));
    const Exchange reply = upload(*server, token);
    QVERIFY(!reply.answered);
    QVERIFY(reply.closed);
    QCOMPARE(server->uploadCount(token), 1);
    QCOMPARE(server->uploadRequestCount(token), 2);
}

// status-value makes every status answer report that printing_job_status, under both names.
void TestSandboxFaults::faultStatusValue()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    QVERIFY(setFaults(*server, u"status-value=PAUSED_BY_OWNER,budget=0"_s));
    QVERIFY(server->faultPlan().isActive());
    const Exchange reply = status(*server, token);
    QCOMPARE(reply.code(), u"ok"_s);
    QCOMPARE(reply.data().value(u"printing_job_status"_s).toString(), u"PAUSED_BY_OWNER"_s);
    QCOMPARE(reply.data().value(u"printing_job_status_name"_s).toString(), u"PAUSED_BY_OWNER"_s);
    QVERIFY(setFaults(*server, QString()));
    QVERIFY(status(*server, token).data().value(u"printing_job_status"_s).isNull());
}

void TestSandboxFaults::faultTls_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<int>("errorWhenTrusted"); // QSslError::SslError, or -1 for none
    QTest::newRow("self-signed") << u"self-signed"_s
                                 << QByteArray(sandbox::kSelfSignedCertificatePem) << -1;
    QTest::newRow("wrong-host") << u"wrong-host"_s << QByteArray(sandbox::kWrongHostCertificatePem)
                                << int(QSslError::HostNameMismatch);
}

// tls=... makes the sandbox speak TLS on every connection with a test certificate: refused by
// a client that trusts nothing extra, and then the sandbox never sees a request; a client
// that trusts the self-signed certificate gets the API over https; the wrong-host certificate
// fails on the host name alone.
void TestSandboxFaults::faultTls()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, certificate);
    QFETCH(int, errorWhenTrusted);
    QVERIFY(QSslSocket::supportsSsl());
    auto server = start();
    QVERIFY(setFaults(*server, u"tls="_s + mode));
    QCOMPARE(server->serverUrl().scheme(), u"https"_s);
    QCOMPARE(server->apiBaseUrl().scheme(), u"https"_s);
    const QByteArray tokenCall = request("GET", "/api3/api_create_partner_token?api_key=" + key());

    // A client with the system's trust: the handshake fails, nothing reaches the API. (The
    // client shares the thread with the sandbox: signals, not the blocking waitFor calls.)
    {
        QSslSocket client;
        QSignalSpy handshakeErrors(&client, &QSslSocket::sslErrors);
        QSignalSpy failed(&client, &QSslSocket::errorOccurred);
        client.connectToHostEncrypted(u"127.0.0.1"_s, server->port());
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        QVERIFY(!client.isEncrypted());
        QCOMPARE(handshakeErrors.size(), 1);
        const auto errors = handshakeErrors.first().first().value<QList<QSslError>>();
        QVERIFY(std::any_of(errors.begin(), errors.end(), [](const QSslError &e) {
            return e.error() == QSslError::SelfSignedCertificate ||
                   e.error() == QSslError::SelfSignedCertificateInChain ||
                   e.error() == QSslError::UnableToGetLocalIssuerCertificate;
        }));
    }
    // Plain HTTP spoken to it is no request either.
    QVERIFY(!exchange(server->port(), tokenCall, 2000).answered);
    QCOMPARE(server->totalRequestCount(), 0);

    // A client that trusts the certificate.
    QSslSocket client;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({QSslCertificate(certificate, QSsl::Pem)});
    client.setSslConfiguration(config);
    QSignalSpy handshakeErrors(&client, &QSslSocket::sslErrors);
    QSignalSpy encrypted(&client, &QSslSocket::encrypted);
    QSignalSpy failed(&client, &QSslSocket::errorOccurred);
    client.connectToHostEncrypted(u"127.0.0.1"_s, server->port());
    QTRY_VERIFY_WITH_TIMEOUT(!encrypted.isEmpty() || !failed.isEmpty(), 10000);
    if (errorWhenTrusted >= 0) {
        QVERIFY(encrypted.isEmpty());
        QCOMPARE(handshakeErrors.size(), 1);
        const auto errors = handshakeErrors.first().first().value<QList<QSslError>>();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(int(errors.first().error()), errorWhenTrusted);
        QCOMPARE(server->totalRequestCount(), 0);
        return;
    }
    QVERIFY2(failed.isEmpty(), qPrintable(client.errorString()));
    client.write(tokenCall);
    Exchange reply;
    QByteArray buffer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            buffer += client.readAll();
            return parseResponse(buffer, &reply);
        },
        10000));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"ok"_s);
    QCOMPARE(server->totalRequestCount(), 1);
}

void TestSandboxFaults::faultBudget()
{
    auto server = start();
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);
    QVERIFY(setFaults(*server, u"error-envelope=1,budget=1"_s));
    const QByteArray tokenCall = "/api3/api_create_partner_token?api_key=" + key();
    QCOMPARE(get(*server, tokenCall).code(), u"error"_s);
    QCOMPARE(get(*server, tokenCall).code(), u"ok"_s);
    QCOMPARE(get(*server, tokenCall).code(), u"ok"_s);
    QCOMPARE(faults.size(), 1);
}

void TestSandboxFaults::faultCallsFilter()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    QVERIFY(setFaults(*server, u"http5xx=1,calls=status"_s));
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).code(), u"ok"_s);
    QCOMPARE(status(*server, token).status, 503);
    QCOMPARE(server->statusRequestCount(token), 1); // counted even when a fault answered
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "tst_sandboxfaults.moc"
