// The sandbox server against API.md, spoken to in raw HTTP: the three api3 calls, the
// token-link page, the print simulation, fault injection and the sandbox-only endpoints.
#include "sandbox/faultplan.h"
#include "sandbox/multipartparser.h"
#include "sandbox/printsimulation.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/sandboxtls.h"
#include "sandbox/uploadmonitor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;
using pc::sandbox::PrintSimulation;

namespace {

// One HTTP exchange as seen by a hand-written client.
struct Exchange
{
    bool answered = false; // a complete response arrived
    bool closed = false;   // the server closed or reset the connection
    int status = 0;
    QByteArray head;
    QByteArray body;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject data() const { return json().value(u"data"_s).toObject(); }
    QString code() const
    {
        return json().value(u"status"_s).toObject().value(u"code"_s).toString();
    }
    QString description() const
    {
        return json().value(u"status"_s).toObject().value(u"description"_s).toString();
    }
    QString extended() const
    {
        return json().value(u"status"_s).toObject().value(u"extended_description"_s).toString();
    }
};

// Parses what arrived; true once a whole response (head and Content-Length body) is there.
bool parseResponse(const QByteArray &buffer, Exchange *out)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    out->head = buffer.left(end);
    const QList<QByteArray> statusLine = out->head.left(out->head.indexOf("\r\n")).split(' ');
    out->status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    if (out->status == 100) // an interim answer: wait for the real one
        return parseResponse(buffer.mid(end + 4), out);
    const qint64 length = out->header("Content-Length").toLongLong();
    if (buffer.size() - (end + 4) < length)
        return false;
    out->body = buffer.mid(end + 4, length);
    return true;
}

// Sends `chunks` one after the other (with a pause between them, so the server reads them
// separately) and waits for the answer, the connection's end or the timeout.
Exchange exchangeChunks(quint16 port, const QList<QByteArray> &chunks, int timeoutMs = 5000,
                        int pauseMs = 30)
{
    Exchange result;
    QTcpSocket socket;
    QByteArray buffer;
    QEventLoop loop;
    QElapsedTimer clock;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        buffer += socket.readAll();
        if (parseResponse(buffer, &result)) {
            result.answered = true;
            loop.quit();
        }
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        result.closed = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop,
                     [&](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError ||
                             error == QAbstractSocket::NetworkError) {
                             result.closed = true;
                             loop.quit();
                         }
                     });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000))
        return result;
    clock.start();
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        socket.write(chunks.at(i));
        socket.flush();
        if (i + 1 < chunks.size())
            QTest::qWait(pauseMs);
        if (result.closed || result.answered)
            break;
    }
    if (!result.closed && !result.answered)
        loop.exec();
    result.elapsedMs = clock.elapsed();
    if (!result.answered)
        buffer.isEmpty() ? void() : void(parseResponse(buffer, &result));
    return result;
}

Exchange exchange(quint16 port, const QByteArray &request, int timeoutMs = 5000)
{
    return exchangeChunks(port, {request}, timeoutMs);
}

QByteArray requestHead(const QByteArray &method, const QByteArray &target, qint64 bodySize,
                       const QByteArray &contentType = {})
{
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    if (bodySize >= 0)
        head += "Content-Length: " + QByteArray::number(bodySize) + "\r\n";
    return head + "\r\n";
}

QByteArray request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const QByteArray &contentType = {})
{
    return requestHead(method, target, method == "GET" ? -1 : body.size(), contentType) + body;
}

QByteArray percent(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// A file name as browsers write it in Content-Disposition: raw UTF-8, '"' CR LF escaped.
QByteArray browserFileName(const QString &name)
{
    QByteArray out = name.toUtf8();
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return out;
}

struct Part
{
    QByteArray name;
    QByteArray value;
    QByteArray fileName; // already encoded; empty for a plain field
};

const QByteArray kBoundary = "----sandboxTestBoundary7MA4YWxkTrZu0gW";

QByteArray multipartBody(const QList<Part> &parts)
{
    QByteArray body = "preamble to be ignored\r\n";
    for (const Part &part : parts) {
        body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + part.name + '"';
        if (!part.fileName.isEmpty())
            body += "; filename=\"" + part.fileName + "\"\r\nContent-Type: model/stl";
        body += "\r\n\r\n" + part.value + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

const QByteArray kMultipartType = "multipart/form-data; boundary=" + kBoundary;

QByteArray sampleStl(int triangles = 12)
{
    QByteArray stl(80, ' ');
    stl.replace(0, 11, "binary test");
    const quint32 count = quint32(triangles);
    stl.append(reinterpret_cast<const char *>(&count), 4);
    for (int i = 0; i < triangles * 50; ++i)
        stl.append(char(i * 7));
    return stl;
}

} // namespace

class TestSandbox final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> start(SandboxConfig config = {})
    {
        if (config.apiKey.isEmpty())
            config.apiKey = m_key;
        auto server = std::make_unique<SandboxServer>(config);
        if (!server->listen())
            qWarning() << "listen failed:" << server->errorString();
        return server;
    }
    QByteArray key() const { return percent(m_key); }
    Exchange get(SandboxServer &server, const QByteArray &target)
    {
        return exchange(server.port(), request("GET", target));
    }
    QString createToken(SandboxServer &server)
    {
        const Exchange reply = get(server, "/api3/api_create_partner_token?api_key=" + key());
        return reply.data().value(u"token"_s).toString();
    }
    QByteArray uploadRequest(const QString &token, const QByteArray &fileName,
                             const QByteArray &content, bool inQuery = true)
    {
        QList<Part> parts;
        QByteArray target = "/api3/api_upload_partner_stl";
        const QList<QPair<QByteArray, QByteArray>> fields{
            {"api_key", m_key.toUtf8()},           {"token", token.toLatin1()},
            {"receiver_email", "ada@example.com"}, {"print_value", "10.56"},
            {"print_value_currency", "EUR"},       {"partner_job_id", "order-17/1"}};
        if (inQuery) {
            QByteArray query;
            for (const auto &[name, value] : fields)
                query += (query.isEmpty() ? "?" : "&") + name + '=' +
                         QUrl::toPercentEncoding(QString::fromUtf8(value));
            target += query;
        } else {
            for (const auto &[name, value] : fields)
                parts.append({name, value, {}});
        }
        parts.append({"stl_file", content, fileName});
        return request("POST", target, multipartBody(parts), kMultipartType);
    }
    Exchange upload(SandboxServer &server, const QString &token,
                    const QByteArray &fileName = "part.stl", bool inQuery = true)
    {
        return exchange(server.port(), uploadRequest(token, fileName, sampleStl(), inQuery));
    }
    Exchange status(SandboxServer &server, const QString &token)
    {
        return get(server, "/api3/api_get_partner_print_status?api_key=" + key() +
                               "&token=" + token.toLatin1());
    }
    // A token with an uploaded file, or an empty string (the caller QVERIFYs it).
    QString uploadedToken(SandboxServer &server)
    {
        const QString token = createToken(server);
        return upload(server, token).code() == u"ok" ? token : QString();
    }
    bool setFaults(SandboxServer &server, const QString &spec)
    {
        QString error;
        const std::optional<FaultPlan> plan = FaultPlan::parse(spec, &error);
        if (!plan)
            qWarning() << error;
        else
            server.setFaultPlan(*plan);
        return plan.has_value();
    }

    const QString m_key = u"test-key-with=and-dash=="_s;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void listensOnLoopback();
    void portTakenReportsError();
    void createTokenIs32LowercaseHex();
    void wrongOrMissingKeyIsRejected_data();
    void wrongOrMissingKeyIsRejected();
    void statusParameterErrors();
    void uploadWithQueryParameters();
    void uploadWithFormFields();
    void uploadDefaultsAndOptionalFields();
    void uploadMissingParameter_data();
    void uploadMissingParameter();
    void uploadUnknownToken();
    void secondUploadRefused();
    void malformedMultipart_data();
    void malformedMultipart();
    void statusAwaitingCustomer();
    void printRunsThroughEveryState();
    void forcedFailure();
    void realTimeWithSpeedFactor();
    void autoPrint();
    void tokenPageEscapesAndDecodesName();
    void tokenPageUnknownToken();
    void sandboxPrintAndTokenStatus();
    void keepAliveAndChunkedArrival();
    void networkAccessManagerClient();
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
    void uploadIntrospection();
    void faultBudget();
    void faultCallsFilter();
    void bodyTooLarge();
    void controlEndpoint();
    void faultPlanRoundTrip_data();
    void faultPlanRoundTrip();
    void faultPlanErrors_data();
    void faultPlanErrors();
    void faultPlanHelpAndActive();
    void multipartParserUnit();
    void printSimulationUnit();
    void temporaryFolderRemoved();
};

void TestSandbox::listensOnLoopback()
{
    auto server = start();
    QVERIFY(server->isListening());
    QVERIFY(server->port() > 0);
    QCOMPARE(server->serverUrl(), QUrl(u"http://127.0.0.1:%1/"_s.arg(server->port())));
    QCOMPARE(server->apiBaseUrl(), QUrl(u"http://127.0.0.1:%1/api3/"_s.arg(server->port())));
    QCOMPARE(server->apiKey(), m_key);

    SandboxServer generated;
    QVERIFY(!generated.apiKey().isEmpty());
}

void TestSandbox::portTakenReportsError()
{
    auto first = start();
    QVERIFY(first->isListening());
    SandboxServer second;
    QVERIFY(!second.listen(first->port()));
    QVERIFY(!second.isListening());
    QVERIFY2(second.errorString().contains(QString::number(first->port())),
             qPrintable(second.errorString()));
}

void TestSandbox::createTokenIs32LowercaseHex()
{
    auto server = start();
    QSignalSpy created(server.get(), &SandboxServer::tokenCreated);
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("Content-Type"), "application/json");
    QCOMPARE(reply.code(), u"ok"_s);
    const QString token = reply.data().value(u"token"_s).toString();
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(token).hasMatch(), qPrintable(token));
    QVERIFY(server->hasToken(token));
    QCOMPARE(created.size(), 1);
    QCOMPARE(created.at(0).at(0).toString(), token);
    QVERIFY(createToken(*server) != token);
    QCOMPARE(server->totalRequestCount(), 2);
}

void TestSandbox::wrongOrMissingKeyIsRejected_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("token, wrong key") << QByteArray("/api3/api_create_partner_token?api_key=nope");
    QTest::newRow("token, no key") << QByteArray("/api3/api_create_partner_token");
    QTest::newRow("token, empty key") << QByteArray("/api3/api_create_partner_token?api_key=");
    QTest::newRow("status, wrong key")
        << QByteArray("/api3/api_get_partner_print_status?api_key=nope&token=abc");
}

void TestSandbox::wrongOrMissingKeyIsRejected()
{
    QFETCH(QByteArray, target);
    auto server = start();
    const Exchange reply = get(*server, target);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), u"Invalid API key"_s);
    QVERIFY(!reply.extended().isEmpty());
    QVERIFY(!reply.json().contains(u"data"_s));

    // The upload, with the key in a form field.
    const QString token = createToken(*server);
    QByteArray body = multipartBody({{"api_key", "wrong", {}},
                                     {"token", token.toLatin1(), {}},
                                     {"receiver_email", "a@b.c", {}},
                                     {"print_value", "1", {}},
                                     {"stl_file", sampleStl(), "a.stl"}});
    const Exchange uploadReply = exchange(
        server->port(), request("POST", "/api3/api_upload_partner_stl", body, kMultipartType));
    QCOMPARE(uploadReply.status, 401);
    QCOMPARE(uploadReply.description(), u"Invalid API key"_s);
    QCOMPARE(server->uploadCount(token), 0);
}

void TestSandbox::statusParameterErrors()
{
    auto server = start();
    const Exchange missing = get(*server, "/api3/api_get_partner_print_status?api_key=" + key());
    QCOMPARE(missing.status, 200);
    QCOMPARE(missing.code(), u"error"_s);
    QCOMPARE(missing.description(), u"Missing parameter"_s);
    QVERIFY(missing.extended().contains(u"token"_s));

    const Exchange unknown = status(*server, u"0123456789abcdef0123456789abcdef"_s);
    QCOMPARE(unknown.status, 200);
    QCOMPARE(unknown.code(), u"error"_s);
    QCOMPARE(unknown.description(), u"Unknown token"_s);

    const Exchange noSuchCall = get(*server, "/api3/api_delete_everything?api_key=" + key());
    QCOMPARE(noSuchCall.status, 404);
    QCOMPARE(noSuchCall.code(), u"error"_s);
}

void TestSandbox::uploadWithQueryParameters()
{
    auto server = start();
    QSignalSpy uploaded(server.get(), &SandboxServer::fileUploaded);
    const QString token = createToken(*server);
    QVERIFY(!token.isEmpty());
    const Exchange reply = upload(*server, token, "bracket.stl", true);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"ok"_s);
    const QString link = u"http://127.0.0.1:%1/?token=%2"_s.arg(server->port()).arg(token);
    QCOMPARE(reply.data().value(u"token_link"_s).toString(), link);
    QCOMPARE(reply.data().value(u"ssl_token_link"_s).toString(), link);
    QCOMPARE(server->uploadCount(token), 1);
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(uploaded.at(0).at(1).toString(), u"bracket.stl"_s);
    QCOMPARE(uploaded.at(0).at(2).toLongLong(), qint64(sampleStl().size()));

    QFile stored(server->storedFilePath(token));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), sampleStl());
}

void TestSandbox::uploadWithFormFields()
{
    auto server = start();
    const QString token = createToken(*server);
    const Exchange reply = upload(*server, token, "form.stl", false);
    QCOMPARE(reply.code(), u"ok"_s);
    QCOMPARE(server->uploadCount(token), 1);

    const Exchange facts = get(*server, "/sandbox/token-status?token=" + token.toLatin1());
    const QJsonObject stored = facts.data().value(u"upload"_s).toObject();
    QCOMPARE(stored.value(u"receiver_email"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(stored.value(u"print_value"_s).toString(), u"10.56"_s);
    QCOMPARE(stored.value(u"print_value_currency"_s).toString(), u"EUR"_s);
    QCOMPARE(stored.value(u"partner_job_id"_s).toString(), u"order-17/1"_s);
    QCOMPARE(stored.value(u"file_name"_s).toString(), u"form.stl"_s);
}

void TestSandbox::uploadDefaultsAndOptionalFields()
{
    auto server = start();
    const QString token = createToken(*server);
    const QByteArray body = multipartBody({{"stl_file", sampleStl(), "a.stl"}});
    const QByteArray target = "/api3/api_upload_partner_stl?api_key=" + key() +
                              "&token=" + token.toLatin1() +
                              "&receiver_email=x%40y.org&print_value=1056";
    const Exchange reply = exchange(server->port(), request("POST", target, body, kMultipartType));
    QCOMPARE(reply.code(), u"ok"_s);
    const QJsonObject stored = get(*server, "/sandbox/token-status?token=" + token.toLatin1())
                                   .data()
                                   .value(u"upload"_s)
                                   .toObject();
    QCOMPARE(stored.value(u"print_value_currency"_s).toString(), u"USD"_s);
    QCOMPARE(stored.value(u"print_value"_s).toString(), u"1056"_s);
    QCOMPARE(stored.value(u"partner_job_id"_s).toString(), QString());
}

void TestSandbox::uploadMissingParameter_data()
{
    QTest::addColumn<QByteArray>("omit");
    QTest::newRow("token") << QByteArray("token");
    QTest::newRow("receiver_email") << QByteArray("receiver_email");
    QTest::newRow("print_value") << QByteArray("print_value");
    QTest::newRow("stl_file") << QByteArray("stl_file");
}

void TestSandbox::uploadMissingParameter()
{
    QFETCH(QByteArray, omit);
    auto server = start();
    const QString token = createToken(*server);
    QList<Part> parts{{"api_key", m_key.toUtf8(), {}},
                      {"token", token.toLatin1(), {}},
                      {"receiver_email", "a@b.org", {}},
                      {"print_value", "3.50", {}},
                      {"stl_file", sampleStl(), "x.stl"}};
    parts.removeIf([&](const Part &p) { return p.name == omit; });
    const Exchange reply = exchange(server->port(), request("POST", "/api3/api_upload_partner_stl",
                                                            multipartBody(parts), kMultipartType));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), u"Missing parameter"_s);
    QVERIFY2(reply.extended().contains(QString::fromLatin1(omit)), qPrintable(reply.extended()));
    QCOMPARE(server->uploadCount(token), 0);
}

void TestSandbox::uploadUnknownToken()
{
    auto server = start();
    const Exchange reply = upload(*server, u"ffffffffffffffffffffffffffffffff"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), u"Unknown token"_s);
}

void TestSandbox::secondUploadRefused()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    const Exchange again = upload(*server, token, "other.stl");
    QCOMPARE(again.status, 200);
    QCOMPARE(again.code(), u"error"_s);
    QCOMPARE(again.description(), u"Token already used"_s);
    QCOMPARE(server->uploadCount(token), 1);
}

void TestSandbox::malformedMultipart_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not multipart") << QByteArray("application/octet-stream") << sampleStl();
    QTest::newRow("no boundary") << QByteArray("multipart/form-data") << QByteArray("--x\r\n");
    QTest::newRow("wrong boundary")
        << kMultipartType << QByteArray("--other\r\n\r\nabc\r\n--other--");
    QByteArray truncated = multipartBody({{"stl_file", sampleStl(), "a.stl"}});
    truncated.chop(60);
    QTest::newRow("truncated") << kMultipartType << truncated;
    QTest::newRow("unterminated quote")
        << kMultipartType
        << "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"stl_file\r\n\r\nx\r\n--" +
               kBoundary + "--";
    QTest::newRow("no disposition")
        << kMultipartType
        << "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + kBoundary + "--";
}

void TestSandbox::malformedMultipart()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    auto server = start();
    const QString token = createToken(*server);
    const QByteArray target = "/api3/api_upload_partner_stl?api_key=" + key() +
                              "&token=" + token.toLatin1() +
                              "&receiver_email=a%40b.c&print_value=1";
    const Exchange reply = exchange(server->port(), request("POST", target, body, contentType));
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), u"Malformed multipart body"_s);
    QVERIFY(!reply.extended().isEmpty());
    QCOMPARE(server->uploadCount(token), 0);
    QVERIFY(server->isListening());
}

void TestSandbox::statusAwaitingCustomer()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    const Exchange reply = status(*server, token);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"ok"_s);
    const QJsonObject data = reply.data();
    for (const QString &field :
         {u"printing_job_status"_s, u"printing_job_status_name"_s, u"printing_percentage"_s,
          u"minutes_left"_s, u"message"_s, u"total_time"_s, u"printer_model"_s}) {
        QVERIFY2(data.contains(field), qPrintable(field));
        QVERIFY2(data.value(field).isNull(), qPrintable(field));
    }
    QCOMPARE(server->statusRequestCount(token), 1);
    QVERIFY(server->currentStatus(token)->isAwaitingCustomer());
    QVERIFY(!server->currentStatus(u"nope"_s));
}

void TestSandbox::printRunsThroughEveryState()
{
    SandboxConfig config;
    config.outcome = PrintOutcome::Success;
    auto server = start(config);
    qint64 now = 1'000'000;
    server->setClockForTesting([&now] { return now; });
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    QSignalSpy started(server.get(), &SandboxServer::printStarted);
    QVERIFY(server->startPrint(token, u"Prusa MK4"_s));
    QVERIFY(!server->startPrint(token, u"Prusa MK4"_s)); // already started
    QVERIFY(!server->startPrint(u"unknown"_s));
    QCOMPARE(started.size(), 1);

    QStringList seen;
    double lastPercentage = -1;
    double lastTotal = -1;
    double lastMinutes = 1e9;
    int printingSamples = 0;
    for (int step = 0; step < 400; ++step, now += 10'000) { // 10 s a step
        const QJsonObject data = status(*server, token).data();
        const QString state = data.value(u"printing_job_status"_s).toString();
        QCOMPARE(data.value(u"printing_job_status_name"_s).toString(), state);
        QCOMPARE(data.value(u"printer_model"_s).toString(), u"Prusa MK4"_s);
        QVERIFY(data.value(u"printing_percentage"_s).isDouble());
        QVERIFY(data.value(u"minutes_left"_s).isDouble());
        QVERIFY(data.value(u"total_time"_s).isDouble());
        if (seen.isEmpty() || seen.last() != state)
            seen.append(state);
        const double percentage = data.value(u"printing_percentage"_s).toDouble();
        const double total = data.value(u"total_time"_s).toDouble();
        const double minutes = data.value(u"minutes_left"_s).toDouble();
        QVERIFY(percentage >= lastPercentage);
        QVERIFY(total >= lastTotal);
        QVERIFY(minutes <= lastMinutes);
        if (state == u"PRINTING") {
            ++printingSamples;
            QVERIFY(percentage > 0 || total < 10);
        }
        if (state.startsWith(u"CONFIRMED")) {
            QCOMPARE(percentage, 100.0);
            QVERIFY(!data.value(u"message"_s).toString().isEmpty());
            break;
        }
        lastPercentage = percentage;
        lastTotal = total;
        lastMinutes = minutes;
    }
    QCOMPARE(seen,
             QStringList({u"WARMING_UP"_s, u"PRINTING"_s, u"SUCCESS"_s, u"CONFIRMED_SUCCESS"_s}));
    QVERIFY(printingSamples > 50); // 20+ simulated minutes in 10 s steps
    QCOMPARE(server->currentStatus(token)->status, JobStatus::ConfirmedSuccess);
}

void TestSandbox::forcedFailure()
{
    auto server = start();
    server->setOutcome(PrintOutcome::Failure);
    qint64 now = 0;
    server->setClockForTesting([&now] { return now; });
    const QString token = uploadedToken(*server);
    QVERIFY(server->startPrint(token));
    now += 60 * 60 * 1000; // an hour: long past the end
    const QJsonObject data = status(*server, token).data();
    QCOMPARE(data.value(u"printing_job_status"_s).toString(), u"CONFIRMED_FAILURE"_s);
    QVERIFY(data.value(u"printing_percentage"_s).toDouble() < 100.0);
    QVERIFY(!data.value(u"message"_s).toString().isEmpty());
    QVERIFY(PrintSimulation::printerModels().contains(data.value(u"printer_model"_s).toString()));
}

void TestSandbox::realTimeWithSpeedFactor()
{
    SandboxConfig config;
    config.speed = 20'000; // the whole print in about a tenth of a second
    auto server = start(config);
    const QString token = uploadedToken(*server);
    QVERIFY(server->startPrint(token));
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(server->currentStatus(token)->status), 3000);
    const QString final = status(*server, token).data().value(u"printing_job_status"_s).toString();
    QVERIFY2(final == u"CONFIRMED_SUCCESS" || final == u"CONFIRMED_FAILURE", qPrintable(final));
}

void TestSandbox::autoPrint()
{
    SandboxConfig config;
    config.autoPrintSeconds = 0.05;
    auto server = start(config);
    QSignalSpy started(server.get(), &SandboxServer::printStarted);
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    QVERIFY(started.wait(2000));
    const QJsonObject data = status(*server, token).data();
    QCOMPARE(data.value(u"printing_job_status"_s).toString(), u"WARMING_UP"_s);
    QVERIFY(PrintSimulation::printerModels().contains(data.value(u"printer_model"_s).toString()));
}

void TestSandbox::tokenPageEscapesAndDecodesName()
{
    auto server = start();
    QSignalSpy uploaded(server.get(), &SandboxServer::fileUploaded);
    const QString name = u"<b>evil\"name Größe 测试.stl"_s;
    const QString token = createToken(*server);
    const Exchange reply = upload(*server, token, browserFileName(name));
    QCOMPARE(reply.code(), u"ok"_s);
    QCOMPARE(uploaded.at(0).at(1).toString(), name);

    const QUrl link(reply.data().value(u"token_link"_s).toString());
    const Exchange page = get(*server, link.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.header("Content-Type"), "text/html; charset=utf-8");
    QCOMPARE(page.header("Cache-Control"), "no-store");
    const QString html = QString::fromUtf8(page.body);
    QVERIFY(html.contains(u"&lt;b&gt;evil&quot;name Größe 测试.stl"_s));
    QVERIFY(!html.contains(u"<b>evil"_s));
    QVERIFY(!html.contains(u"{{"_s));
    QVERIFY(html.contains(u"data-token=\"%1\""_s.arg(token)));
    for (const QString &model : PrintSimulation::printerModels())
        QVERIFY(html.contains(model));
    QVERIFY(html.contains(u"/sandbox/token-status"_s));
    QVERIFY(html.contains(u"/sandbox/print"_s));
    QVERIFY(!html.contains(u"src=\"http"_s)); // self-contained
}

void TestSandbox::tokenPageUnknownToken()
{
    auto server = start();
    for (const QByteArray &target : {QByteArray("/?token=00000000000000000000000000000000"),
                                     QByteArray("/"), QByteArray("/no/such/page")}) {
        const Exchange page = get(*server, target);
        QCOMPARE(page.status, 404);
        QCOMPARE(page.header("Content-Type"), "text/html; charset=utf-8");
        QVERIFY(page.body.contains("404"));
    }
    // A token without a design has no page yet either.
    const QString token = createToken(*server);
    QCOMPARE(get(*server, "/?token=" + token.toLatin1()).status, 404);
}

void TestSandbox::sandboxPrintAndTokenStatus()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    const QByteArray tokenQuery = "token=" + token.toLatin1();

    Exchange before = get(*server, "/sandbox/token-status?" + tokenQuery);
    QCOMPARE(before.status, 200);
    QCOMPARE(before.header("Content-Type"), "application/json");
    QCOMPARE(before.header("Cache-Control"), "no-store");
    QVERIFY(before.data().value(u"printing_job_status"_s).isNull());
    QCOMPARE(before.data().value(u"print_started"_s).toBool(), false);

    const QByteArray form = tokenQuery + "&printer_model=Ultimaker+S5";
    const Exchange started = exchange(server->port(), request("POST", "/sandbox/print", form,
                                                              "application/x-www-form-urlencoded"));
    QCOMPARE(started.status, 200);
    QCOMPARE(started.code(), u"ok"_s);
    QCOMPARE(started.data().value(u"printing_job_status"_s).toString(), u"WARMING_UP"_s);

    const Exchange after = get(*server, "/sandbox/token-status?" + tokenQuery);
    QCOMPARE(after.data().value(u"printer_model"_s).toString(), u"Ultimaker S5"_s);
    QCOMPARE(after.data().value(u"print_started"_s).toBool(), true);
    QCOMPARE(server->currentStatus(token)->printerModel, u"Ultimaker S5"_s);

    const Exchange again = exchange(server->port(), request("POST", "/sandbox/print?" + tokenQuery,
                                                            QByteArray(), "text/plain"));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.code(), u"error"_s);
    QCOMPARE(exchange(server->port(), request("POST", "/sandbox/print?token=abc")).status, 404);
    QCOMPARE(get(*server, "/sandbox/token-status?token=abc").status, 404);

    // The sandbox endpoints are not api3 calls and need no key.
    QCOMPARE(server->statusRequestCount(token), 0);
    QCOMPARE(server->totalRequestCount(), 2); // the token call and the upload
}

void TestSandbox::keepAliveAndChunkedArrival()
{
    auto server = start();
    const QString token = createToken(*server);
    // A large upload written in many small pieces, then a second request on the same
    // connection: the upload monitor must follow the body and hand both over intact.
    const QByteArray content = sampleStl(4000); // 200 KB
    const QByteArray upload = uploadRequest(token, "big.stl", content);
    QList<QByteArray> chunks;
    for (qsizetype i = 0; i < upload.size(); i += 37'000)
        chunks.append(upload.mid(i, 37'000));

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(socket.waitForConnected(2000));
    QByteArray buffer;
    connect(&socket, &QTcpSocket::readyRead, this, [&] { buffer += socket.readAll(); });
    for (const QByteArray &chunk : std::as_const(chunks)) {
        socket.write(chunk);
        QTest::qWait(5);
    }
    Exchange first;
    QTRY_VERIFY_WITH_TIMEOUT(parseResponse(buffer, &first), 5000);
    QCOMPARE(first.code(), u"ok"_s);
    buffer.clear();
    socket.write(request("GET", "/api3/api_get_partner_print_status?api_key=" + key() +
                                    "&token=" + token.toLatin1()));
    Exchange second;
    QTRY_VERIFY_WITH_TIMEOUT(parseResponse(buffer, &second), 5000);
    QCOMPARE(second.code(), u"ok"_s);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    QFile stored(server->storedFilePath(token));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), content);
}

// The way the console's client talks: QNetworkAccessManager with a QHttpMultiPart body.
void TestSandbox::networkAccessManagerClient()
{
    SandboxConfig config;
    config.maxUploadBytes = 256 * 1024;
    auto server = start(config);
    QNetworkAccessManager manager;
    const auto post = [&](const QString &token, const QByteArray &content) {
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart file;
        file.setRawHeader("Content-Disposition", "form-data; name=\"stl_file\"; filename=\"" +
                                                     browserFileName(u"Größe \"1\".stl"_s) + '"');
        file.setBody(content);
        multipart->append(file);
        QUrl url = server->apiBaseUrl().resolved(QUrl(u"api_upload_partner_stl"_s));
        QUrlQuery query;
        query.addQueryItem(u"api_key"_s, QString::fromLatin1(QUrl::toPercentEncoding(m_key)));
        query.addQueryItem(u"token"_s, token);
        query.addQueryItem(u"receiver_email"_s, u"ada%40example.com"_s);
        query.addQueryItem(u"print_value"_s, u"12.00"_s);
        url.setQuery(query);
        QNetworkReply *reply = manager.post(QNetworkRequest(url), multipart);
        multipart->setParent(reply);
        return reply;
    };

    const QString token = createToken(*server);
    std::unique_ptr<QNetworkReply> ok(post(token, sampleStl(1000)));
    QTRY_VERIFY_WITH_TIMEOUT(ok->isFinished(), 5000);
    QCOMPARE(ok->error(), QNetworkReply::NoError);
    const QJsonObject answer = QJsonDocument::fromJson(ok->readAll()).object();
    QCOMPARE(answer.value(u"status"_s).toObject().value(u"code"_s).toString(), u"ok"_s);
    QCOMPARE(server->currentStatus(token)->status, JobStatus::AwaitingCustomer);
    QCOMPARE(get(*server, "/sandbox/token-status?token=" + token.toLatin1())
                 .data()
                 .value(u"upload"_s)
                 .toObject()
                 .value(u"file_name"_s)
                 .toString(),
             u"Größe \"1\".stl"_s);

    // Too large: the client hears 413, not a reset.
    const QString second = createToken(*server);
    std::unique_ptr<QNetworkReply> large(post(second, QByteArray(2 * 1024 * 1024, 'x')));
    QTRY_VERIFY_WITH_TIMEOUT(large->isFinished(), 10000);
    QCOMPARE(large->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    QCOMPARE(server->uploadCount(second), 0);

    // Dropped half-way: the client sees the connection go away, nothing is stored.
    QVERIFY(setFaults(*server, u"drop-upload=1,at=0.5"_s));
    std::unique_ptr<QNetworkReply> dropped(post(second, sampleStl(3000)));
    QTRY_VERIFY_WITH_TIMEOUT(dropped->isFinished(), 10000);
    QVERIFY2(dropped->error() != QNetworkReply::NoError, qPrintable(dropped->errorString()));
    QCOMPARE(server->uploadCount(second), 0);
}

void TestSandbox::faultLatency()
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

void TestSandbox::faultServerError()
{
    auto server = start();
    QSignalSpy faults(server.get(), &SandboxServer::faultInjected);
    QVERIFY(setFaults(*server, u"http5xx=1,status=502"_s));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 502);
    QCOMPARE(faults.size(), 1);
    QVERIFY(faults.at(0).at(0).toString().contains(u"502"_s));
}

void TestSandbox::faultTooManyRequests()
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

void TestSandbox::faultMalformedJson()
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

void TestSandbox::faultErrorEnvelope()
{
    auto server = start();
    QVERIFY(setFaults(*server, u"error-envelope=1"_s));
    const Exchange reply = get(*server, "/api3/api_create_partner_token?api_key=" + key());
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.description(), u"System error"_s);
    QCOMPARE(reply.extended(), u"Injected fault"_s);
}

void TestSandbox::faultStall()
{
    auto server = start();
    QVERIFY(setFaults(*server, u"stall=1"_s));
    const Exchange reply = exchange(
        server->port(), request("GET", "/api3/api_create_partner_token?api_key=" + key()), 400);
    QVERIFY(!reply.answered);
    QVERIFY(!reply.closed);
    QVERIFY(reply.elapsedMs >= 350); // coarse timers may fire a little early
}

void TestSandbox::faultDropUploadHalfWay()
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
void TestSandbox::faultUploadRate()
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

void TestSandbox::faultDropAfterUpload()
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

void TestSandbox::faultClientError_data()
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
void TestSandbox::faultClientError()
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
void TestSandbox::faultRetryAfterOn503()
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

void TestSandbox::faultMalformedKinds_data()
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
void TestSandbox::faultMalformedKinds()
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
void TestSandbox::faultStallUpload()
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
void TestSandbox::faultDropAfterRefusedUpload()
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
void TestSandbox::faultStatusValue()
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

void TestSandbox::faultTls_data()
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
void TestSandbox::faultTls()
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

// What tests read back: upload requests per token and the facts stored with the file.
void TestSandbox::uploadIntrospection()
{
    auto server = start();
    const QString token = createToken(*server);
    QCOMPARE(server->uploadRequestCount(token), 0);
    QVERIFY(!server->storedUpload(token));
    QCOMPARE(upload(*server, token,
                    "Gr\xc3\xb6\xc3\x9f"
                    "e 1.stl")
                 .code(),
             u"ok"_s);
    QCOMPARE(upload(*server, token).code(), u"error"_s); // refused, but counted
    QCOMPARE(server->uploadRequestCount(token), 2);
    const std::optional<StoredUpload> stored = server->storedUpload(token);
    QVERIFY(stored);
    QCOMPARE(stored->fileName, u"Größe 1.stl"_s);
    QCOMPARE(stored->size, sampleStl().size());
    QCOMPARE(stored->receiverEmail, u"ada@example.com"_s);
    QCOMPARE(stored->printValue, u"10.56"_s);
    QCOMPARE(stored->currency, u"EUR"_s);
    QCOMPARE(stored->partnerJobId, u"order-17/1"_s);
}

void TestSandbox::faultBudget()
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

void TestSandbox::faultCallsFilter()
{
    auto server = start();
    const QString token = uploadedToken(*server);
    QVERIFY(setFaults(*server, u"http5xx=1,calls=status"_s));
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).code(), u"ok"_s);
    QCOMPARE(status(*server, token).status, 503);
    QCOMPARE(server->statusRequestCount(token), 1); // counted even when a fault answered
}

void TestSandbox::bodyTooLarge()
{
    SandboxConfig config;
    config.maxUploadBytes = 1000;
    auto server = start(config);
    const QString token = createToken(*server);
    const QByteArray full = uploadRequest(token, "big.stl", sampleStl(100)); // ~5 KB
    const qsizetype headEnd = full.indexOf("\r\n\r\n") + 4;
    // Only the head and a little of the body: the answer comes from the Content-Length.
    const Exchange reply = exchange(server->port(), full.left(headEnd + 100));
    QVERIFY(reply.answered);
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.code(), u"error"_s);
    QCOMPARE(reply.header("Connection"), "close");
    QCOMPARE(server->uploadCount(token), 0);

    // The whole body sent at once: the same answer, the connection closed after it.
    const Exchange whole = exchange(server->port(), full);
    QCOMPARE(whole.status, 413);
    QTRY_VERIFY(server->uploadCount(token) == 0);
}

void TestSandbox::controlEndpoint()
{
    auto server = start();
    const QByteArray target = "/sandbox/faults?api_key=" + key();
    const Exchange put =
        exchange(server->port(), request("PUT", target, "http5xx=1,status=500,calls=token"));
    QCOMPARE(put.status, 200);
    QCOMPARE(put.json().value(u"spec"_s).toString(), u"http5xx=1,status=500,calls=token"_s);
    QCOMPARE(server->faultPlan().serverErrorStatus, 500);
    QCOMPARE(get(*server, target).json().value(u"spec"_s).toString(),
             u"http5xx=1,status=500,calls=token"_s);
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).status, 500);

    const Exchange bad = exchange(server->port(), request("PUT", target, "http5xx=7"));
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.extended().contains(u"http5xx"_s));
    QCOMPARE(exchange(server->port(), request("PUT", "/sandbox/faults?api_key=wrong", "")).status,
             401);
    QCOMPARE(get(*server, "/sandbox/faults").status, 401);
    QCOMPARE(server->faultPlan().serverErrorRate, 1.0);

    const Exchange off = exchange(server->port(), request("PUT", target, ""));
    QCOMPARE(off.status, 200);
    QCOMPARE(off.json().value(u"spec"_s).toString(), QString());
    QVERIFY(!server->faultPlan().isActive());
    QCOMPARE(get(*server, "/api3/api_create_partner_token?api_key=" + key()).status, 200);

    // The statistics: every token, with its file once uploaded.
    const QString token = createToken(*server);
    QCOMPARE(upload(*server, token).code(), u"ok"_s);
    QCOMPARE(get(*server, "/sandbox/stats").status, 401);
    const Exchange stats = get(*server, "/sandbox/stats?api_key=" + key());
    QCOMPARE(stats.status, 200);
    const QJsonObject counts = stats.json();
    QCOMPARE(counts.value(u"tokens"_s).toInt(), 2);
    QCOMPARE(counts.value(u"files"_s).toInt(), 1);
    QCOMPARE(counts.value(u"api_requests"_s).toInt(), server->totalRequestCount());
    const QJsonArray transactions = counts.value(u"transactions"_s).toArray();
    QCOMPARE(transactions.size(), 2);
    int withFile = 0;
    for (const QJsonValue &entry : transactions) {
        const QJsonObject object = entry.toObject();
        if (object.value(u"token"_s).toString() == token) {
            QVERIFY(object.value(u"uploaded"_s).toBool());
            QVERIFY(object.value(u"size"_s).toInteger() > 0);
            ++withFile;
        } else {
            QVERIFY(!object.value(u"uploaded"_s).toBool());
        }
    }
    QCOMPARE(withFile, 1);
}

void TestSandbox::faultPlanRoundTrip_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("off") << u"off"_s << QString();
    QTest::newRow("example 1") << u"latency=300,http5xx=0.2,status=502"_s
                               << u"latency=300,http5xx=0.2,status=502"_s;
    QTest::newRow("example 2") << u"drop-upload=1,at=0.1,budget=1,calls=upload"_s
                               << u"drop-upload=1,at=0.1,budget=1,calls=upload"_s;
    QTest::newRow("blanks, percent, order")
        << u"  calls=status+token  stall=25%  latency=1.5s seed=42 "_s
        << u"latency=1500,stall=0.25,calls=token+status,seed=42"_s;
    QTest::newRow("everything")
        << u"latency=10ms,http5xx=0.1,status=504,429=0.2,retry-after=\"Wed, 21 Oct 2037 07:28:00 "
           u"GMT\","
           "drop-upload=0.3,at=0.99,drop-after-upload=0.4,malformed=0.5,error-envelope=0.6,"
           "stall=0.7,budget=3,calls=upload,seed=7"_s
        << u"latency=10,http5xx=0.1,status=504,429=0.2,retry-after=\"Wed, 21 Oct 2037 07:28:00 "
           u"GMT\","
           "drop-upload=0.3,at=0.99,drop-after-upload=0.4,malformed=0.5,error-envelope=0.6,"
           "stall=0.7,budget=3,calls=upload,seed=7"_s;
    QTest::newRow("upload rate") << u"upload-rate=250.5"_s << u"upload-rate=250.5"_s;
    QTest::newRow("issue 7 items")
        << u"tls=Wrong-Host,status-value=\"ON HOLD\",malformed-as=types,malformed=1,"
           "stall-upload=0.5,http4xx=0.25,status4xx=413,retry-after-503=on,http5xx=1"_s
        << u"http5xx=1,retry-after-503=1,http4xx=0.25,status4xx=413,stall-upload=0.5,"
           "malformed=1,malformed-as=types,status-value=\"ON HOLD\",tls=wrong-host"_s;
    QTest::newRow("every malformed kind") << u"malformed-as=huge"_s << u"malformed-as=huge"_s;
    QTest::newRow("tls off is the default") << u"tls=off"_s << QString();
}

void TestSandbox::faultPlanRoundTrip()
{
    QFETCH(QString, spec);
    QFETCH(QString, canonical);
    QString error;
    const std::optional<FaultPlan> plan = FaultPlan::parse(spec, &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->toSpec(), canonical);
    const std::optional<FaultPlan> again = FaultPlan::parse(plan->toSpec(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toSpec(), canonical);
    QCOMPARE(again->latency, plan->latency);
    QCOMPARE(again->retryAfter, plan->retryAfter);
    QCOMPARE(again->calls, plan->calls);
}

void TestSandbox::faultPlanErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown") << u"explode=1"_s << u"unknown fault item 'explode'"_s;
    QTest::newRow("no value") << u"http5xx"_s << u"not a name=value item"_s;
    QTest::newRow("rate > 1") << u"http5xx=2"_s << u"http5xx: '2' is not a rate"_s;
    QTest::newRow("negative rate") << u"stall=-0.1"_s << u"stall: '-0.1' is not a rate"_s;
    QTest::newRow("rate text") << u"malformed=often"_s << u"malformed: 'often'"_s;
    QTest::newRow("status") << u"status=501"_s << u"not one of 500, 502, 503, 504"_s;
    QTest::newRow("latency") << u"latency=soon"_s << u"latency: 'soon'"_s;
    QTest::newRow("budget") << u"budget=-5"_s << u"budget: '-5'"_s;
    QTest::newRow("calls") << u"calls=upload+poll"_s << u"calls: 'upload+poll'"_s;
    QTest::newRow("at") << u"at=1.5"_s << u"at: '1.5'"_s;
    QTest::newRow("seed") << u"seed=x"_s << u"seed: 'x'"_s;
    QTest::newRow("upload rate") << u"upload-rate=-3"_s << u"upload-rate: '-3'"_s;
    QTest::newRow("quote") << u"retry-after=\"Wed, 21"_s << u"unterminated double quote"_s;
    QTest::newRow("status4xx") << u"status4xx=404"_s << u"not one of 400, 401, 403, 413"_s;
    QTest::newRow("retry-after-503") << u"retry-after-503=maybe"_s << u"retry-after-503: 'maybe'"_s;
    QTest::newRow("malformed-as") << u"malformed-as=xml"_s << u"malformed-as: 'xml'"_s;
    QTest::newRow("tls") << u"tls=expired"_s << u"tls: 'expired'"_s;
    QTest::newRow("status-value") << u"status-value=\"a\tb\""_s << u"status-value:"_s;
}

void TestSandbox::faultPlanErrors()
{
    QFETCH(QString, spec);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!FaultPlan::parse(spec, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!FaultPlan::parse(spec, nullptr)); // no crash without an error sink
}

void TestSandbox::faultPlanHelpAndActive()
{
    const QString help = FaultPlan::syntaxHelp();
    for (const char *name : {"latency",
                             "http5xx",
                             "status",
                             "429",
                             "retry-after",
                             "drop-upload",
                             "at=",
                             "drop-after-upload",
                             "malformed",
                             "error-envelope",
                             "stall",
                             "budget",
                             "calls",
                             "seed",
                             "retry-after-503",
                             "http4xx",
                             "status4xx",
                             "stall-upload",
                             "malformed-as",
                             "status-value",
                             "tls="})
        QVERIFY2(help.contains(QLatin1StringView(name)), name);
    QVERIFY(!FaultPlan{}.isActive());
    QVERIFY(FaultPlan::parse(u"latency=5"_s, nullptr)->isActive());
    QVERIFY(!FaultPlan::parse(u"stall=1,budget=0"_s, nullptr)->isActive());
    QVERIFY(!FaultPlan::parse(u"status=502,retry-after=3"_s, nullptr)->isActive());
    // Conditions apply whatever the budget: they are active even with none left.
    QVERIFY(FaultPlan::parse(u"status-value=PAUSED,budget=0"_s, nullptr)->isActive());
    QVERIFY(FaultPlan::parse(u"tls=self-signed,budget=0"_s, nullptr)->isActive());
    QVERIFY(FaultPlan::parse(u"http4xx=1"_s, nullptr)->isActive());
    QVERIFY(!FaultPlan::parse(u"status4xx=403,malformed-as=html"_s, nullptr)->isActive());
}

void TestSandbox::multipartParserUnit()
{
    using namespace pc::sandbox;
    QCOMPARE(multipartBoundary("multipart/form-data; boundary=\"a b\"; charset=utf-8"), "a b");
    QCOMPARE(multipartBoundary("Multipart/Form-Data;boundary=xyz"), "xyz");
    QCOMPARE(multipartBoundary("text/plain; boundary=xyz"), QByteArray());

    QCOMPARE(decodeBrowserFileName("a%22b%0D%0Ac%25d%41"), u"a\"b\r\nc%d%41"_s);
    QCOMPARE(decodeBrowserFileName("old \\\"style\\\".stl"), u"old \"style\".stl"_s);
    QCOMPARE(decodeBrowserFileName("Gr\xc3\xb6\xc3\x9f"
                                   "e.stl"),
             u"Größe.stl"_s);

    const QByteArray body = "--b\r\nContent-Disposition: form-data; name=\"f\"; "
                            "filename=\"fallback.stl\"; filename*=UTF-8''%E6%B5%8B.stl\r\n"
                            "Content-Type: model/stl\r\n\r\nDATA\r\nwith CRLF inside\r\n"
                            "--b\r\ncontent-disposition: form-data; name=text\r\n\r\nvalue\r\n"
                            "--b--\r\nepilogue";
    QString error;
    const std::optional<MultipartForm> form = parseMultipart(body, "b", &error);
    QVERIFY2(form, qPrintable(error));
    QCOMPARE(form->parts.size(), 2);
    const MultipartPart *file = form->part(u"f");
    QVERIFY(file);
    QCOMPARE(file->fileName, u"测.stl"_s);
    QCOMPARE(file->contentType, "model/stl");
    QCOMPARE(file->data, QByteArrayView("DATA\r\nwith CRLF inside"));
    QCOMPARE(file->data.data(), body.constData() + file->offset); // no copy
    QCOMPARE(form->field(u"text"), u"value"_s);
    QCOMPARE(form->field(u"f"), QString()); // a file is not a field

    QVERIFY(
        !parseMultipart("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", "b", &error));
    QVERIFY(error.contains(u"no field name"_s));
    QVERIFY(!parseMultipart("--b\r\nContent-Disposition: form-data; name=x\r\n\r\nx", "b", &error));
    QVERIFY(error.contains(u"not closed"_s));
    QVERIFY(!parseMultipart("garbage", "b", &error));
    QVERIFY(!parseMultipart("--b\r\nContent-Disp", "b", &error));
    QVERIFY(!parseMultipart("--b", "b", &error));
    QVERIFY(parseMultipart("--b--", "b", &error)->parts.isEmpty());

    const std::optional<RequestHead> head = UploadMonitor::parseHead(
        "POST /api3/x?a=1 HTTP/1.1\r\nHost: h\r\ncontent-length: 42\r\nExpect: 100-continue");
    QVERIFY(head);
    QCOMPARE(head->method, "POST");
    QCOMPARE(head->path, "/api3/x");
    QCOMPARE(head->contentLength, 42);
    QVERIFY(head->expectsContinue);
    QVERIFY(!UploadMonitor::parseHead("nonsense"));
    QVERIFY(!UploadMonitor::parseHead("GET / HTTP/1.1\r\nContent-Length: -3"));
}

void TestSandbox::printSimulationUnit()
{
    using namespace pc::sandbox;
    const PrintSimulation::Plan plan =
        PrintSimulation::makePlan(1234, 5'000'000, u"Creality K1"_s, false);
    QVERIFY(plan.printSeconds >= 20 * 60 && plan.printSeconds <= 40 * 60);
    QVERIFY(plan.warmUpSeconds >= 45 && plan.warmUpSeconds <= 75);
    QVERIFY(plan.failAtFraction > 0 && plan.failAtFraction < 1);
    const PrintSimulation::Plan same =
        PrintSimulation::makePlan(1234, 5'000'000, u"Creality K1"_s, false);
    QCOMPARE(same.printSeconds, plan.printSeconds); // deterministic
    QCOMPARE(same.message, plan.message);

    QVERIFY(PrintSimulation().statusAt(1000).isAwaitingCustomer());
    const PrintSimulation simulation(plan, 10'000, 60.0); // one simulated minute per second
    QCOMPARE(simulation.statusAt(10'000).status, JobStatus::WarmingUp);
    const double printStartMs = 10'000 + plan.warmUpSeconds * 1000 / 60;
    const PrintStatus printing = simulation.statusAt(qint64(printStartMs + 5000)); // 300 s
    QCOMPARE(printing.status, JobStatus::Printing);
    QVERIFY(qAbs(*printing.totalTime - 300.0) <= 1.0);
    QVERIFY(*printing.percentage > 0 && *printing.percentage < 100);
    const double failMs = printStartMs + plan.printSeconds * plan.failAtFraction * 1000 / 60;
    const PrintStatus failed = simulation.statusAt(qint64(failMs + 100));
    QCOMPARE(failed.status, JobStatus::Failure);
    QCOMPARE(failed.message, plan.message);
    QCOMPARE(simulation.statusAt(qint64(failMs + 1000 * 200 / 60)).status,
             JobStatus::ConfirmedFailure);

    const QJsonObject wire = PrintSimulation::toWireData(failed);
    QCOMPARE(wire.value(u"printing_job_status"_s).toString(), u"FAILURE"_s);
    QCOMPARE(wire.value(u"printing_job_status_name"_s).toString(), u"FAILURE"_s);
    QCOMPARE(wire.value(u"printer_model"_s).toString(), u"Creality K1"_s);
    QCOMPARE(wire.value(u"minutes_left"_s).toDouble(), 0.0);
}

void TestSandbox::temporaryFolderRemoved()
{
    QString path;
    {
        auto server = start();
        const QString token = uploadedToken(*server);
        QVERIFY(!token.isEmpty());
        path = server->storedFilePath(token);
        QVERIFY(QFileInfo::exists(path));
    }
    QVERIFY(!path.isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
