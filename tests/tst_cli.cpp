// partner-console-cli as scripts use it: options, exit codes, JSON lines, and the sandbox
// command serving the other commands from a separate process.
#include "api/apiclient.h"
#include "clitestenv.h"
#include "orders/orderform.h"
#include "orders/orderstore.h"
#include "specialfiles.h"
#include "stl/meshgenerator.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const
    {
        return QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
    }
    QJsonObject errorJson() const
    {
        return QJsonDocument::fromJson(err.trimmed().split('\n').last())
            .object()
            .value(u"error")
            .toObject();
    }
};

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void version();
    void helpAndUsageErrors();
    void builtInSandboxWithoutKey();
    void builtInSandboxRemembersTokens();
    void sandboxServesOtherCommands();
    void liveStatusAfterPrint();
    void statusFromRealServiceShapes_data();
    void statusFromRealServiceShapes();
    void singleCallsPromiseNoRetry();
    void maxTimeBoundsTheWholeCommand();
    void apiKeyFile();
    void apiKeyFileRefusals_data();
    void apiKeyFileRefusals();
    void apiKeyVariableWithControlsIsRefused();
    void wrongKeyExitsWithServiceError();
    void invalidTokenIsInvalidInput();
    void productionWithoutKeyIsUsageError();
    void configNeverShowsKey();
    void databaseLocation();
    void keyFromTheConsolesKeyFile();
    void sandboxRejectsBadOptions();
    void sandboxStopsCleanlyOnSigterm();
    void inspectReportsEveryKey();
    void inspectRefusesUnusableFiles();
    void inspectQuickAndThumbnails();
    void thumbnailHeedsMaxTime();
    void emptyFileFailsBeforeAToken();
    void specialFilesAreNeverRead();
    void namesThatAreNotUtf8AreReported();
    void namesWithLineBreaksStayOnOneLine();
    void uploadThenListOrders();
    void uploadRefusesBadOrderFacts();
    void duplicateInOneRunIsNotCalledSent();
    void queueListRetryRemove();
    void itemLeftValidatingOnAFifoEndsLaterRuns();
    void queueRemoveKeepsToken();
    void queueWorkedElsewhereExitsBusy();
    void watchFollowsOrdersUntilFinal();
    void watchSaysWhenAnswersAreUnusable();

private:
    CliRun run(const QStringList &arguments, const QProcessEnvironment &environment = {},
               bool bounded = false);
    // run() for input that once made the CLI hang or eat memory: a short wait, and (outside
    // AddressSanitizer, which needs its address space) at most 4 GiB of it, so such a bug
    // fails the test instead of hanging CTest or the machine.
    CliRun runBounded(const QStringList &arguments, const QProcessEnvironment &environment = {});
    QProcessEnvironment baseEnvironment() const;

    QTemporaryDir m_home;
    QProcess m_sandbox;
    QString m_baseUrl;
    QString m_sandboxKey;
};

QProcessEnvironment TestCli::baseEnvironment() const
{
    return pc::test::cliTestEnvironment(m_home.path());
}

CliRun TestCli::run(const QStringList &arguments, const QProcessEnvironment &environment,
                    bool bounded)
{
    QProcess process;
    process.setProcessEnvironment(environment.isEmpty() ? baseEnvironment() : environment);
    const int timeoutMs = bounded ? 20000 : 60000;
#if !defined(__SANITIZE_ADDRESS__)
    if (bounded) {
        process.setChildProcessModifier([] {
            const rlimit limit{rlim_t(4) << 30, rlim_t(4) << 30};
            ::setrlimit(RLIMIT_AS, &limit);
        });
    }
#endif
    process.start(kCli, arguments);
    CliRun result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        qWarning() << "CLI did not finish:" << arguments;
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

CliRun TestCli::runBounded(const QStringList &arguments, const QProcessEnvironment &environment)
{
    return run(arguments, environment, true);
}

void TestCli::initTestCase()
{
    QVERIFY(m_home.isValid());
    // The sandbox's key from a file, as scripts give a fixed one: never on its command line,
    // and not repeated in its output.
    m_sandboxKey = u"cli-test-sandbox-key"_s;
    const QString keyFile = m_home.filePath(u"sandbox-key"_s);
    {
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write(m_sandboxKey.toUtf8() + '\n');
    }
    m_sandbox.setProcessEnvironment(baseEnvironment());
    m_sandbox.start(
        kCli, {u"sandbox"_s, u"--json"_s, u"--speed"_s, u"600"_s, u"--api-key-file"_s, keyFile});
    QVERIFY(m_sandbox.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox.canReadLine(), 15000);
    const QByteArray firstLine = m_sandbox.readLine();
    const QJsonObject first = QJsonDocument::fromJson(firstLine).object();
    m_baseUrl = first.value(u"base_url").toString();
    QVERIFY2(m_baseUrl.startsWith(u"http://127.0.0.1:"_s), qPrintable(m_baseUrl));
    QVERIFY(m_baseUrl.endsWith(u"/api3/"_s));
    QCOMPARE(first.value(u"api_key_file").toString(), keyFile);
    QVERIFY(!first.contains(u"api_key"));
    QVERIFY(!firstLine.contains(m_sandboxKey.toUtf8()));
    // The sandbox answers to that key, and to no other.
    QNetworkAccessManager network;
    const auto statsWith = [&](const QString &key) {
        QNetworkReply *reply = network.get(QNetworkRequest(
            QUrl(m_baseUrl.chopped(int(qstrlen("api3/"))) + u"sandbox/stats?api_key="_s + key)));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    };
    QCOMPARE(statsWith(m_sandboxKey), 200);
    QVERIFY(statsWith(u"another-key"_s) != 200);
}

void TestCli::cleanupTestCase()
{
    // SIGTERM, so the sandbox removes its temporary upload folder as it would for a user.
    if (m_sandbox.state() != QProcess::NotRunning) {
        m_sandbox.terminate();
        if (!m_sandbox.waitForFinished(10000)) {
            m_sandbox.kill();
            m_sandbox.waitForFinished();
        }
    }
    QCOMPARE(m_sandbox.exitCode(), 0);
}

void TestCli::version()
{
    const CliRun text = run({u"--version"_s});
    QCOMPARE(text.exitCode, 0);
    // The project version, plus "+git<commits>.g<hash>[.dirty]" outside a release tag.
    QVERIFY2(QRegularExpression(u"^partner-console-cli \\d+\\.\\d+\\.\\d+(\\+[0-9A-Za-z.]+)?\n$"_s)
                 .match(QString::fromUtf8(text.out))
                 .hasMatch(),
             text.out.constData());
    const CliRun json = run({u"--json"_s, u"--version"_s});
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.json().value(u"name").toString(), u"partner-console-cli"_s);
}

void TestCli::helpAndUsageErrors()
{
    const CliRun help = run({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    for (const char *word : {"sandbox", "token", "status", "config", "--base-url", "--environment",
                             "--api-key-file", "--data-dir", "--json"})
        QVERIFY2(help.out.contains(word), word);

    const CliRun commandHelp = run({u"sandbox"_s, u"--help"_s});
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY(commandHelp.out.contains("--auto-print"));
    QVERIFY(commandHelp.out.contains("--fault"));

    QCOMPARE(run({}).exitCode, 2);
    const CliRun unknown = run({u"--json"_s, u"frobnicate"_s});
    QCOMPARE(unknown.exitCode, 2);
    QCOMPARE(unknown.errorJson().value(u"kind").toString(), u"usage"_s);
    QVERIFY(unknown.out.isEmpty());
    QCOMPARE(run({u"token"_s, u"--no-such-option"_s}).exitCode, 2);
    QCOMPARE(run({u"token"_s, u"extra"_s}).exitCode, 2);
    QCOMPARE(run({u"status"_s}).exitCode, 2);
    QCOMPARE(run({u"--environment"_s, u"staging"_s, u"token"_s}).exitCode, 2);
    QCOMPARE(run({u"--timeout"_s, u"0"_s, u"token"_s}).exitCode, 2);
    QCOMPARE(run({u"--base-url"_s, u"ftp://x"_s, u"token"_s}).exitCode, 2);
}

void TestCli::builtInSandboxWithoutKey()
{
    // No key anywhere: the command runs on a sandbox of its own and says so.
    const CliRun result = run({u"token"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(
        QRegularExpression(u"^[0-9a-f]{32}\n$"_s).match(QString::fromUtf8(result.out)).hasMatch(),
        result.out.constData());
    QVERIFY(result.err.contains("built-in sandbox"));
}

void TestCli::builtInSandboxRemembersTokens()
{
    // A home of its own: the Sandbox menu's choices in its settings, fast and printing by
    // itself, so that watch sees the print end.
    QTemporaryDir home;
    QTemporaryDir data;
    QDir().mkpath(home.filePath(u"config/DesignStreaming"_s));
    {
        QFile conf(home.filePath(u"config/DesignStreaming/partner-console.conf"_s));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[sandbox]\nspeed=100000\nauto_print_seconds=0\noutcome=success\n");
    }
    const QProcessEnvironment env = pc::test::cliTestEnvironment(home.path());
    const QStringList common{u"--json"_s, u"--data-dir"_s, data.path()};

    const CliRun upload =
        run(common + QStringList{u"upload"_s,
                                 QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"),
                                 u"--email"_s, u"r@example.com"_s, u"--value"_s, u"2"_s},
            env);
    QCOMPARE(upload.exitCode, 0);
    const QString token = upload.json().value(u"token"_s).toString();
    QVERIFY2(!token.isEmpty(), upload.out.constData());

    // Another process, the same data folder: the sandbox there knows the token.
    const CliRun status = run(common + QStringList{u"status"_s, token}, env);
    QVERIFY2(status.exitCode == 0, status.err.constData());
    QCOMPARE(status.json().value(u"token"_s).toString(), token);
    QVERIFY(!status.err.contains("Unknown token"));
    QVERIFY(QFile::exists(data.filePath(u"sandbox/files/"_s + token + u".stl"_s)));

    // And watch follows the order to its end instead of losing it.
    const CliRun watch = run(common + QStringList{u"watch"_s, u"--for"_s, u"60"_s}, env);
    QVERIFY2(watch.exitCode == 0, watch.err.constData());
    QVERIFY2(watch.out.contains(token.toLatin1()), watch.out.constData());
    QVERIFY2(watch.out.contains("CONFIRMED_SUCCESS"), watch.out.constData());
}

void TestCli::sandboxServesOtherCommands()
{
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const CliRun token = run({u"--json"_s, u"--base-url"_s, m_baseUrl, u"token"_s}, env);
    QCOMPARE(token.exitCode, 0);
    const QString value = token.json().value(u"token").toString();
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(value).hasMatch(),
             token.out.constData());

    // The sandbox process reports the event on its own output.
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox.canReadLine(), 5000);
    const QJsonObject event = QJsonDocument::fromJson(m_sandbox.readLine()).object();
    QCOMPARE(event.value(u"event").toString(), u"token_created"_s);
    QCOMPARE(event.value(u"token").toString(), value);

    const CliRun status = run({u"status"_s, value, u"--json"_s, u"--base-url"_s, m_baseUrl}, env);
    QCOMPARE(status.exitCode, 0);
    const QJsonObject json = status.json();
    QCOMPARE(json.value(u"token").toString(), value);
    QCOMPARE(json.value(u"awaiting_customer").toBool(), true);
    for (const char *key : {"printing_job_status", "printing_percentage", "minutes_left", "message",
                            "total_time", "printer_model"})
        QVERIFY2(json.contains(QLatin1StringView(key)) &&
                     json.value(QLatin1StringView(key)).isNull(),
                 key);

    const CliRun text = run({u"status"_s, value, u"--base-url"_s, m_baseUrl}, env);
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("status:        Waiting for customer"), text.out.constData());
}

void TestCli::liveStatusAfterPrint()
{
    // Upload through the client library, press Print on the token page's endpoint, then
    // follow the print with the CLI until it is confirmed.
    QNetworkAccessManager network;
    pc::ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_baseUrl);
    endpoint.apiKey = m_sandboxKey;
    pc::ApiClient client(&network, endpoint);
    QSignalSpy tokenSpy(client.createToken(), &pc::CreateTokenJob::finished);
    QVERIFY(tokenSpy.wait());
    const QString token = tokenSpy.first().first().value<pc::TokenResult>().token;
    QVERIFY(!token.isEmpty());
    pc::UploadRequest upload{
        token,
        QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl"),
        {},
        u"customer@example.com"_s,
        *pc::Decimal::fromString(u"12.50"),
        u"EUR"_s,
        u"JOB-7"_s};
    QSignalSpy uploadSpy(client.upload(upload), &pc::UploadJob::finished);
    QVERIFY(uploadSpy.wait());
    const auto links = uploadSpy.first().first().value<pc::UploadResult>();
    QVERIFY2(links.isOk(), qPrintable(links.error.message));

    QUrl print = QUrl(m_baseUrl).resolved(QUrl(u"/sandbox/print"_s));
    QUrlQuery query;
    query.addQueryItem(u"token"_s, token);
    query.addQueryItem(u"printer_model"_s, u"Ultimaker S5"_s);
    print.setQuery(query);
    QNetworkRequest request(print);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = network.post(request, QByteArray());
    QSignalSpy printSpy(reply, &QNetworkReply::finished);
    QVERIFY(printSpy.wait());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    // At speed 600 printing lasts seconds, but SUCCESS/FAILURE only a fifth of a second
    // before the confirmation: the CLI is sure to see PRINTING and the confirmed end, not
    // the short state in between (tst_sandboxprint steps through it with its clock seam).
    QStringList seen;
    QJsonObject last;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const CliRun status =
                run({u"status"_s, token, u"--json"_s, u"--base-url"_s, m_baseUrl}, env);
            last = status.json();
            const QString value = last.value(u"printing_job_status").toString();
            if (!value.isEmpty() && (seen.isEmpty() || seen.last() != value))
                seen.append(value);
            return value.startsWith(u"CONFIRMED_"_s);
        }(),
        60000);
    qInfo() << "statuses seen by the CLI:" << seen;
    QVERIFY(seen.contains(u"PRINTING"_s));
    QCOMPARE(last.value(u"awaiting_customer").toBool(), false);
    QCOMPARE(last.value(u"printer_model").toString(), u"Ultimaker S5"_s);
    QVERIFY(!last.value(u"message").toString().isEmpty());
    QVERIFY(last.value(u"total_time").toDouble() > 0);
}

void TestCli::statusFromRealServiceShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("textLine");
    QTest::newRow("printing_job_status_name, numeric strings")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status_name":"PRINTING","printing_percentage":"45","minutes_left":"12","message":null,"total_time":"800","printer_model":"Prusa i3"}})"_ba
        << u"PRINTING"_s << u"status:        Printing\nprogress:      45 %"_s;
    QTest::newRow("printing_job_status, numbers")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":"CONFIRMED_SUCCESS","printing_percentage":100,"minutes_left":0,"message":"Nice print","total_time":5400,"printer_model":null}})"_ba
        << u"CONFIRMED_SUCCESS"_s << u"status:        Success confirmed"_s;
    QTest::newRow("unknown value kept")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":"QUEUED_AT_FARM"}})"_ba
        << u"QUEUED_AT_FARM"_s << u"status:        QUEUED_AT_FARM"_s;
    QTest::newRow("no data: awaiting customer") << R"({"status":{"code":"ok"}})"_ba << QString()
                                                << u"status:        Waiting for customer"_s;
    // What the service says is shown, never obeyed by the terminal.
    QTest::newRow("escape sequences in the message")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":"PRINTING","message":"\u001b]0;owned\u0007\u001b[2J\rDone"}})"_ba
        << u"PRINTING"_s << u"\\x1b]0;owned\\x07\\x1b[2J\\x0dDone"_s;
    // Times no print takes are not shown as if they were.
    QTest::newRow("absurd times")
        << R"({"status":{"code":"ok"},"data":{"printing_job_status":"PRINTING","minutes_left":-3,"total_time":1e20}})"_ba
        << u"PRINTING"_s << u"status:        Printing"_s;
}

void TestCli::statusFromRealServiceShapes()
{
    // A peer that answers like the real service's documented examples.
    QFETCH(QByteArray, body);
    QFETCH(QString, status);
    QFETCH(QString, textLine);
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    connect(&peer, &QTcpServer::newConnection, this, [&peer, body] {
        QTcpSocket *socket = peer.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, body] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    });
    const QString baseUrl = u"http://127.0.0.1:%1/api3/"_s.arg(peer.serverPort());
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"real-shape-key"_s);

    for (const bool json : {true, false}) {
        QProcess process;
        process.setProcessEnvironment(env);
        QStringList arguments{u"--base-url"_s, baseUrl, u"status"_s,
                              u"0123456789abcdef0123456789abcdef"_s};
        if (json)
            arguments.prepend(u"--json"_s);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(kCli, arguments);
        QVERIFY(finished.wait(30000)); // keeps this event loop (and the peer) running
        QCOMPARE(process.exitCode(), 0);
        const QByteArray out = process.readAllStandardOutput();
        if (json) {
            const QJsonObject object = QJsonDocument::fromJson(out).object();
            QCOMPARE(object.value(u"awaiting_customer").toBool(), status.isEmpty());
            QCOMPARE(object.value(u"printing_job_status").toString(), status);
        } else {
            QVERIFY2(QString::fromUtf8(out).contains(textLine), out.constData());
            // Text output says a known status in words, never as the raw value.
            if (pc::jobStatusFromWire(status) != pc::JobStatus::Unknown)
                QVERIFY2(!out.contains(status.toUtf8()), out.constData());
            for (const char control : {'\x1b', '\x07', '\r', '\b'})
                QVERIFY2(!out.contains(control), out.toPercentEncoding(" :\n").constData());
            QVERIFY2(!out.contains("-2562047788015215") && !out.contains(":-") &&
                         !out.contains(" -3"),
                     out.constData());
        }
    }
}

// token and status call the service once: when that fails they do not say the console will try
// again, they say what to do; a token call whose answer was lost says a token may exist.
void TestCli::singleCallsPromiseNoRetry()
{
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"single-call-key"_s);
    // A port nobody listens on: refused at once.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    const QString refused = u"http://127.0.0.1:%1/api3/"_s.arg(closedPort);
    const CliRun status =
        run({u"--base-url"_s, refused, u"status"_s, u"0123456789abcdef0123456789abcdef"_s}, env);
    QCOMPARE(status.exitCode, 1);
    QVERIFY2(!status.err.contains("will try again"), status.err.constData());
    QVERIFY2(status.err.contains("run the command again"), status.err.constData());

    // A peer that takes the token call and closes without an answer.
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    connect(&peer, &QTcpServer::newConnection, this, [&peer] {
        QTcpSocket *socket = peer.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            if (socket->readAll().contains("\r\n\r\n"))
                socket->disconnectFromHost();
        });
    });
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(
        kCli, {u"--base-url"_s, u"http://127.0.0.1:%1/api3/"_s.arg(peer.serverPort()), u"token"_s});
    QVERIFY(finished.wait(30000)); // keeps this event loop (and the peer) running
    QCOMPARE(process.exitCode(), 1);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(!err.contains("will try again"), err.constData());
    QVERIFY2(err.contains("may have created a token"), err.constData());
}

// --max-time bounds a command in all, whatever --timeout says and however the service
// stalls: a silent service stops a status call and an upload at that time, with exit code 5,
// and the upload's item stays queued with its state for the next run.
void TestCli::maxTimeBoundsTheWholeCommand()
{
    QTcpServer silent; // accepts connections (the kernel's backlog) and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const QString baseUrl = u"http://127.0.0.1:%1/api3/"_s.arg(silent.serverPort());
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"silent-service-key"_s);
    const QStringList common{u"--json"_s,     u"--base-url"_s, baseUrl,
                             u"--data-dir"_s, data.path(),     u"--timeout"_s,
                             u"600"_s,        u"--max-time"_s, u"2"_s};

    const CliRun status =
        runBounded(common + QStringList{u"status"_s, u"0123456789abcdef0123456789abcdef"_s}, env);
    QCOMPARE(status.exitCode, 5);
    QVERIFY2(status.err.contains("--max-time 2 s"), status.err.constData());

    const CliRun upload = runBounded(
        common +
            QStringList{u"upload"_s, u"--email"_s, u"late@example.com"_s, u"--value"_s, u"4"_s,
                        QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl")},
        env);
    QCOMPARE(upload.exitCode, 5);
    QVERIFY2(upload.err.contains("queue run"), upload.err.constData());
    const CliRun listed = runBounded({u"--json"_s, u"--base-url"_s, baseUrl, u"--data-dir"_s,
                                      data.path(), u"queue"_s, u"list"_s},
                                     env);
    QCOMPARE(listed.exitCode, 0);
    QVERIFY2(listed.out.contains("microstl__box_freecad_binary.stl"), listed.out.constData());

    // The next run finds the token call the first one left without an answer: the service
    // may hold a token for it, and the queue list counts it, naming the file.
    QCOMPARE(runBounded(common + QStringList{u"queue"_s, u"run"_s}, env).exitCode, 5);
    const CliRun counted = runBounded(
        {u"--base-url"_s, baseUrl, u"--data-dir"_s, data.path(), u"queue"_s, u"list"_s}, env);
    QVERIFY2(counted.err.contains("got no answer, so the service may hold") &&
                 counted.err.contains("microstl__box_freecad_binary.stl). No file was sent"),
             counted.err.constData());

    QCOMPARE(run({u"--max-time"_s, u"0"_s, u"config"_s}).exitCode, 2);
}

void TestCli::apiKeyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"key"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_sandboxKey.toUtf8() + "\n");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    const CliRun ok = run({u"--api-key-file"_s, path, u"--base-url"_s, m_baseUrl, u"token"_s});
    QCOMPARE(ok.exitCode, 0);
    QVERIFY(!ok.err.contains("readable by other users"));

    const CliRun missing = run({u"--json"_s, u"--api-key-file"_s, dir.filePath(u"nope"_s),
                                u"--base-url"_s, m_baseUrl, u"token"_s});
    QCOMPARE(missing.exitCode, 3);
    QCOMPARE(missing.errorJson().value(u"kind").toString(), u"invalid_input"_s);
}

void TestCli::apiKeyFileRefusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("readable by others") << u"loose"_s << u"chmod 600"_s;
    QTest::newRow("blank first line") << u"blank"_s << u"blank"_s;
    QTest::newRow("not UTF-8") << u"latin1"_s << u"UTF-8"_s;
    QTest::newRow("first line over 4 KiB") << u"long"_s << u"longer than"_s;
    QTest::newRow("link to /dev/zero") << u"zero"_s << u"device"_s;
    QTest::newRow("FIFO") << u"fifo"_s << u"named pipe"_s;
    QTest::newRow("NUL inside") << u"nul"_s << u"control character"_s;
    QTest::newRow("escape inside") << u"escape"_s << u"control character"_s;
    QTest::newRow("carriage return inside") << u"cr"_s << u"control character"_s;
}

// A key file that is not a plain owner-only file with one line of UTF-8 text is refused with
// what is wrong and what to do, before any request: never a warning and then used, never a
// key cut at 4 KiB, made of U+FFFD or NUL bytes, and never a wait for a FIFO's writer.
void TestCli::apiKeyFileRefusals()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"key"_s);
    if (kind == u"fifo") {
        QVERIFY(pc::test::makeFifo(path));
    } else if (kind == u"zero") {
        QVERIFY(QFile::link(u"/dev/zero"_s, path));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QByteArray key = m_sandboxKey.toUtf8();
        if (kind == u"loose")
            file.write(key + '\n');
        else if (kind == u"blank")
            file.write("\n" + key + '\n');
        else if (kind == u"latin1")
            file.write(key + "\xe9\n");
        else if (kind == u"nul")
            file.write(key.left(4) + QByteArray(1, '\0') + key.mid(4) + '\n');
        else if (kind == u"escape")
            file.write(key + "\x1b[2J\n");
        else if (kind == u"cr")
            file.write(key + "\rkey\n");
        else
            file.write(key + QByteArray(5000, 'k') + '\n');
        file.close();
        if (kind == u"loose")
            QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ReadOther));
    }
    const CliRun result = runBounded(
        {u"--json"_s, u"--api-key-file"_s, path, u"--base-url"_s, m_baseUrl, u"token"_s});
    QCOMPARE(result.exitCode, 3);
    const QJsonObject error = result.errorJson();
    QCOMPARE(error.value(u"kind").toString(), u"invalid_input"_s);
    const QString message = error.value(u"message").toString();
    QVERIFY2(message.contains(reason) && message.contains(path), qPrintable(message));
    QVERIFY2(!message.contains(u"/dev/zero"_s), qPrintable(message)); // no "chmod 600 /dev/zero"
    QVERIFY(!result.out.contains(m_sandboxKey.toUtf8()));
    QVERIFY(!result.err.contains(m_sandboxKey.toUtf8()));
}

// The key from PARTNER_CONSOLE_API_KEY is held to the key file's rule: a control character in
// it is refused before any request, never sent on, and the key is never repeated.
void TestCli::apiKeyVariableWithControlsIsRefused()
{
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey + u"\x1b[2J"_s);
    const CliRun result = runBounded({u"--json"_s, u"--base-url"_s, m_baseUrl, u"token"_s}, env);
    QCOMPARE(result.exitCode, 3);
    const QString message = result.errorJson().value(u"message").toString();
    QVERIFY2(message.contains(u"control character"_s), qPrintable(message));
    QVERIFY(!result.err.contains(m_sandboxKey.toUtf8()) && !result.out.contains('\x1b'));
    QCOMPARE(run({u"--max-time"_s, u" 2"_s, u"config"_s}).exitCode, 2);
}

void TestCli::wrongKeyExitsWithServiceError()
{
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"WRONG-KEY-SENTINEL-123"_s);
    const CliRun result = run({u"--json"_s, u"--base-url"_s, m_baseUrl, u"token"_s}, env);
    QCOMPARE(result.exitCode, 1);
    const QJsonObject error = result.errorJson();
    QCOMPARE(error.value(u"kind").toString(), u"http"_s);
    QVERIFY(error.value(u"message").toString().contains(u"API key"_s));
    QVERIFY(!result.err.contains("WRONG-KEY-SENTINEL"));
    QVERIFY(!result.out.contains("WRONG-KEY-SENTINEL"));

    // Unreachable service: also a service/network error, with its own kind.
    const CliRun refused =
        run({u"--json"_s, u"--base-url"_s, u"http://127.0.0.1:1/api3/"_s, u"token"_s}, env);
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.errorJson().value(u"kind").toString(), u"network"_s);
}

void TestCli::invalidTokenIsInvalidInput()
{
    const CliRun result = run({u"status"_s, u"not a token"_s});
    QCOMPARE(result.exitCode, 3);
}

void TestCli::productionWithoutKeyIsUsageError()
{
    const CliRun result = run({u"--json"_s, u"--environment"_s, u"production"_s, u"token"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.errorJson().value(u"message").toString().contains(u"--api-key-file"_s));
}

void TestCli::configNeverShowsKey()
{
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"CONFIG-KEY-SENTINEL-xyz"_s);
    env.insert(u"PARTNER_CONSOLE_DATA_DIR"_s, data.path());
    const CliRun result = run({u"--json"_s, u"config"_s}, env);
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    QCOMPARE(json.value(u"environment").toString(), u"production"_s);
    QCOMPARE(json.value(u"base_url").toString(), u"https://widget.sendshapes.com:3443/api3/"_s);
    QCOMPARE(json.value(u"api_key_source").toString(), u"PARTNER_CONSOLE_API_KEY"_s);
    QCOMPARE(json.value(u"data_dir").toString(), data.path());
    QVERIFY(!result.out.contains("CONFIG-KEY-SENTINEL"));

    const CliRun overridden =
        run({u"--json"_s, u"--data-dir"_s, m_home.filePath(u"elsewhere"_s), u"config"_s}, env);
    QCOMPARE(overridden.json().value(u"data_dir").toString(), m_home.filePath(u"elsewhere"_s));

    const CliRun sandbox = run({u"--json"_s, u"config"_s});
    QCOMPARE(sandbox.json().value(u"environment").toString(), u"sandbox"_s);
    QVERIFY(sandbox.json().value(u"data_dir").toString().startsWith(m_home.path()));
}

// --database and PARTNER_CONSOLE_DATABASE choose the store; a URL with a password is refused
// without being repeated, and an unreachable server is named.
void TestCli::databaseLocation()
{
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_DATABASE"_s, data.filePath(u"team"_s));
    const CliRun folder = run({u"--json"_s, u"config"_s}, env);
    QCOMPARE(folder.exitCode, 0);
    QCOMPARE(folder.json().value(u"database").toString(), data.filePath(u"team/orders.db"_s));

    const CliRun url =
        run({u"--json"_s, u"--database"_s,
             u"postgresql://clerk@db.example:6543/shop?sslmode=require"_s, u"config"_s},
            env);
    QCOMPARE(url.exitCode, 0);
    QCOMPARE(url.json().value(u"database").toString(),
             u"postgresql://clerk@db.example:6543/shop?sslmode=require"_s);

    const CliRun secret =
        run({u"--database"_s, u"postgresql://clerk:Pw-SENTINEL-42@db.example/shop"_s, u"orders"_s});
    QCOMPARE(secret.exitCode, 2);
    QVERIFY2(secret.err.contains("holds a password"), secret.err.constData());
    QVERIFY(!secret.err.contains("SENTINEL") && !secret.out.contains("SENTINEL"));

    QProcessEnvironment unreachable = baseEnvironment();
    unreachable.insert(u"PARTNER_CONSOLE_DATABASE"_s, u"postgresql://clerk@127.0.0.1:1/shop"_s);
    unreachable.insert(u"PARTNER_CONSOLE_DATABASE_PASSWORD"_s, u"Env-SENTINEL-43"_s);
    const CliRun down = run({u"orders"_s}, unreachable);
    QVERIFY(down.exitCode != 0);
    QVERIFY2(down.err.contains("cannot be reached"), down.err.constData());
    QVERIFY(!down.err.contains("SENTINEL") && !down.out.contains("SENTINEL"));
}

// The key the console saved (no keychain on this machine, the user chose the owner-only
// file) is the CLI's key too; a file others can read is refused with the reason.
void TestCli::keyFromTheConsolesKeyFile()
{
    const QString folder = m_home.filePath(u"config/DesignStreaming/partner-console"_s);
    QVERIFY(QDir().mkpath(folder));
    QFile file(folder + u"/api-key"_s);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write(m_sandboxKey.toUtf8() + '\n');
    file.close();
    QVERIFY(
        QFile::setPermissions(file.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));

    const CliRun config = run({u"--json"_s, u"--base-url"_s, m_baseUrl, u"config"_s});
    QCOMPARE(config.exitCode, 0);
    QCOMPARE(config.json().value(u"api_key_source").toString(), u"key file "_s + file.fileName());
    QVERIFY(!config.out.contains(m_sandboxKey.toUtf8()));
    const CliRun token = run({u"--base-url"_s, m_baseUrl, u"token"_s});
    QCOMPARE(token.exitCode, 0);
    QCOMPARE(token.out.trimmed().size(), 32);

    QVERIFY(QFile::setPermissions(file.fileName(), QFileDevice::ReadOwner |
                                                       QFileDevice::WriteOwner |
                                                       QFileDevice::ReadOther));
    const CliRun refused = run({u"--base-url"_s, m_baseUrl, u"token"_s});
    QCOMPARE(refused.exitCode, 2); // no usable key for a remote service
    QVERIFY2(refused.err.contains("other users"), refused.err.constData());
    QVERIFY(QFile::remove(file.fileName()));
}

void TestCli::sandboxRejectsBadOptions()
{
    QCOMPARE(run({u"sandbox"_s, u"--speed"_s, u"-1"_s}).exitCode, 2);
    QCOMPARE(run({u"sandbox"_s, u"--port"_s, u"70000"_s}).exitCode, 2);
    QCOMPARE(run({u"sandbox"_s, u"--outcome"_s, u"maybe"_s}).exitCode, 2);
    const CliRun fault = run({u"--json"_s, u"sandbox"_s, u"--fault"_s, u"explode=1"_s});
    QCOMPARE(fault.exitCode, 2);
    QVERIFY(fault.errorJson().value(u"message").toString().contains(u"explode"_s));
    // A port that is taken is a clear error, not a hang.
    const QString port =
        QUrl(m_baseUrl).port() > 0 ? QString::number(QUrl(m_baseUrl).port()) : QString();
    const CliRun taken = run({u"sandbox"_s, u"--port"_s, port});
    QCOMPARE(taken.exitCode, 1);
    QVERIFY(taken.err.contains(port.toUtf8()));
}

void TestCli::sandboxStopsCleanlyOnSigterm()
{
    QProcess sandbox;
    sandbox.setProcessEnvironment(baseEnvironment());
    sandbox.start(kCli, {u"sandbox"_s, u"--fault"_s, u"latency=10"_s});
    QVERIFY(sandbox.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(sandbox.canReadLine(), 15000);
    const QByteArray first = sandbox.readLine();
    QVERIFY2(first.startsWith("Sandbox listening on http://127.0.0.1:"), first.constData());
    ::kill(pid_t(sandbox.processId()), SIGTERM);
    QVERIFY(sandbox.waitForFinished(10000));
    QCOMPARE(sandbox.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sandbox.exitCode(), 0);
    QVERIFY(sandbox.readAllStandardError().contains("Sandbox stopped"));
}

void TestCli::inspectReportsEveryKey()
{
    const QString cube = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__20mm-xyz-cube.stl");
    const CliRun result = run({u"inspect"_s, u"--json"_s, cube});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = result.json();
    for (const char *key : {"triangles", "format", "bbox", "dimensions", "surface_area", "volume",
                            "open_edges", "non_manifold_edges", "inconsistent_edges",
                            "degenerate_facets", "shells", "watertight", "warnings", "error"})
        QVERIFY2(json.contains(QLatin1StringView(key)), key);
    QCOMPARE(json.value(u"triangles").toInteger(), 260);
    QCOMPARE(json.value(u"format").toString(), u"binary"_s);
    QCOMPARE(json.value(u"watertight").toBool(), true);
    QCOMPARE(json.value(u"shells").toInteger(), 1);
    QCOMPARE(json.value(u"open_edges").toInteger(), 0);
    QVERIFY(json.value(u"error").isNull());
    const QJsonArray dimensions = json.value(u"dimensions").toArray();
    QCOMPARE(dimensions.size(), 3);
    for (const QJsonValue &d : dimensions)
        QVERIFY(qAbs(d.toDouble() - 20.0) < 1e-3);

    const CliRun text = run({u"inspect"_s, cube});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("260 triangles") && text.out.contains("watertight"),
             text.out.constData());
}

void TestCli::inspectRefusesUnusableFiles()
{
    const QString good = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
    const QString truncated =
        QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__incomplete_binary.stl");
    const CliRun result = run({u"inspect"_s, u"--json"_s, good, truncated});
    QCOMPARE(result.exitCode, 3);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(QJsonDocument::fromJson(lines.at(0)).object().value(u"error").isNull());
    const QString error = QJsonDocument::fromJson(lines.at(1)).object().value(u"error").toString();
    QVERIFY2(!error.isEmpty(), lines.at(1).constData());

    QTemporaryDir dir;
    QFile png(dir.filePath(u"photo.stl"_s));
    QVERIFY(png.open(QIODevice::WriteOnly));
    png.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(200, '\0'));
    png.close();
    const CliRun image = run({u"inspect"_s, png.fileName()});
    QCOMPARE(image.exitCode, 3);
    QVERIFY2(image.out.contains("PNG"), image.out.constData());
    QCOMPARE(run({u"inspect"_s, dir.filePath(u"missing.stl"_s)}).exitCode, 3);
    QCOMPARE(run({u"inspect"_s}).exitCode, 2);
}

// A FIFO named like an STL file and a link to /dev/zero, named directly and found in a folder:
// inspect and upload say what each is and leave it out, at once. Reading either would hang
// for ever or fill memory, and an upload would leave the item behind for later runs.
void TestCli::specialFilesAreNeverRead()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(u"pipe.stl"_s);
    const QString zero = dir.filePath(u"zero.stl"_s);
    QVERIFY(pc::test::makeFifo(fifo));
    QVERIFY(QFile::link(u"/dev/zero"_s, zero));
    QVERIFY(QFile::copy(QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"),
                        dir.filePath(u"teapot.stl"_s)));
    const auto reportsBoth = [&](const CliRun &result) {
        if (result.exitCode != 3)
            return false;
        const QString all = QString::fromUtf8(result.out + result.err);
        return all.contains(fifo) && all.contains(u"named pipe"_s) && all.contains(zero) &&
               all.contains(u"not a regular file"_s);
    };
    for (const QStringList &files : {QStringList{fifo, zero}, QStringList{dir.path()}}) {
        const CliRun inspect = runBounded(QStringList{u"inspect"_s} + files);
        QVERIFY2(reportsBoth(inspect), QByteArray(inspect.out + inspect.err).constData());
    }

    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QStringList upload{u"--base-url"_s,    m_baseUrl,    u"--data-dir"_s,
                             data.path(),        u"upload"_s,  u"--email"_s,
                             u"a@example.com"_s, u"--value"_s, u"1"_s};
    for (const QStringList &files : {QStringList{fifo, zero}, QStringList{dir.path()}}) {
        const CliRun sent = runBounded(upload + files, env);
        QVERIFY2(reportsBoth(sent), QByteArray(sent.out + sent.err).constData());
    }
    // Nothing was left behind to hang a later run.
    const CliRun again = runBounded(
        {u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path(), u"queue"_s, u"run"_s}, env);
    QCOMPARE(again.exitCode, 0);
}

// A file whose name is not valid UTF-8 cannot be opened by the program (Qt decodes the name
// with U+FFFD and cannot encode it back). It is never dropped without a word: in a folder and
// named directly, it is reported as skipped with that reason and what to do.
void TestCli::namesThatAreNotUtf8AreReported()
{
    QTemporaryDir dir;
    QVERIFY(QFile::copy(QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"),
                        dir.filePath(u"teapot.stl"_s)));
    const QByteArray badName = QFile::encodeName(dir.path()) + "/caf\xe9.stl";
    // QTemporaryDir cannot remove it either (it goes by name through Qt too).
    const auto removeBadName = qScopeGuard([&badName] { ::unlink(badName.constData()); });
    {
        const int fd = ::open(badName.constData(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        QVERIFY(fd >= 0);
        QFile teapot(QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"));
        QVERIFY(teapot.open(QIODevice::ReadOnly));
        const QByteArray bytes = teapot.readAll();
        QCOMPARE(::write(fd, bytes.constData(), size_t(bytes.size())), ssize_t(bytes.size()));
        ::close(fd);
    }
    const auto saysWhy = [](const CliRun &result) {
        return result.exitCode == 3 && QString::fromUtf8(result.out).contains(u"caf"_s) &&
               QString::fromUtf8(result.out).contains(u"not valid UTF-8"_s);
    };
    const CliRun inspectFolder = runBounded({u"inspect"_s, dir.path()});
    QVERIFY2(saysWhy(inspectFolder), QByteArray(inspectFolder.out + inspectFolder.err).constData());

    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const CliRun folder = runBounded({u"--json"_s, u"--base-url"_s, m_baseUrl, u"--data-dir"_s,
                                      data.path(), u"upload"_s, dir.path(), u"--email"_s,
                                      u"a@example.com"_s, u"--value"_s, u"1"_s},
                                     env);
    QVERIFY2(saysWhy(folder), QByteArray(folder.out + folder.err).constData());
    bool skipped = false;
    bool uploaded = false;
    for (const QByteArray &line : folder.out.trimmed().split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        skipped = skipped || (object.value(u"event"_s) == u"skipped"_s &&
                              object.value(u"skipped"_s).toString().contains(u"UTF-8"_s));
        uploaded = uploaded || object.value(u"state"_s) == u"done"_s;
    }
    QVERIFY(skipped);
    QVERIFY(uploaded); // the good file beside it still went

    // Named directly: the argument's bytes reach the program as they are (through a shell).
    QProcess shell;
    shell.setProcessEnvironment(baseEnvironment());
    shell.start(u"/bin/sh"_s,
                {u"-c"_s, u"exec \"$0\" inspect \"$(printf '%s/caf\\351.stl' \"$1\")\""_s, kCli,
                 dir.path()});
    QVERIFY(shell.waitForFinished(20000));
    CliRun direct;
    direct.exitCode = shell.exitCode();
    direct.out = shell.readAllStandardOutput();
    direct.err = shell.readAllStandardError();
    QVERIFY2(saysWhy(direct), QByteArray(direct.out + direct.err).constData());
}

void TestCli::inspectQuickAndThumbnails()
{
    const QString teapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
    const CliRun quick = run({u"inspect"_s, u"--json"_s, u"--quick"_s, teapot});
    QCOMPARE(quick.exitCode, 0);
    QCOMPARE(quick.json().value(u"triangles").toInteger(), 894);
    QVERIFY(quick.json().value(u"open_edges").isNull());
    QVERIFY(quick.json().value(u"watertight").isNull());
    QCOMPARE(run({u"inspect"_s, u"--quick"_s, u"--thumbnail"_s, u"x.png"_s, teapot}).exitCode, 2);

    QTemporaryDir dir;
    const QString single = dir.filePath(u"teapot.png"_s);
    const CliRun one = run({u"inspect"_s, u"--json"_s, u"--thumbnail"_s, single,
                            u"--thumbnail-size"_s, u"128"_s, teapot});
    QCOMPARE(one.exitCode, 0);
    QCOMPARE(one.json().value(u"thumbnail").toString(), single);
    const QImage image(single);
    QCOMPARE(image.size(), QSize(128, 128));
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    QCOMPARE(qAlpha(image.pixel(64, 64)), 255);

    // A folder of files: each thumbnail is named after its file.
    QDir().mkpath(dir.filePath(u"in/sub"_s));
    QFile::copy(teapot, dir.filePath(u"in/teapot.stl"_s));
    QFile::copy(QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__20mm-xyz-cube.stl"),
                dir.filePath(u"in/sub/cube.STL"_s));
    const QString thumbs = dir.filePath(u"thumbs"_s);
    const CliRun folder =
        run({u"inspect"_s, u"--json"_s, u"--thumbnail"_s, thumbs, dir.filePath(u"in"_s)});
    QCOMPARE(folder.exitCode, 0);
    QCOMPARE(folder.out.trimmed().split('\n').size(), 2);
    QVERIFY(QFileInfo::exists(thumbs + u"/teapot.png"_s));
    QVERIFY(QFileInfo::exists(thumbs + u"/cube.png"_s));
}

// Drawing a thumbnail does not return to the event loop: --max-time stops it from within. A
// large picture of many stacked picture-sized facets would otherwise take many seconds.
void TestCli::thumbnailHeedsMaxTime()
{
    QTemporaryDir dir;
    const QString stacked = dir.filePath(u"stacked.stl"_s);
    QFile file(stacked);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(pc::stl::toBinaryStl(pc::stl::makeStackedTriangles(20'000))) > 0);
    file.close();
    const QString png = dir.filePath(u"stacked.png"_s);
    const CliRun result =
        runBounded({u"--max-time"_s, u"1"_s, u"inspect"_s, u"--json"_s, u"--thumbnail"_s, png,
                    u"--thumbnail-size"_s, u"2048"_s, stacked});
    QCOMPARE(result.exitCode, 5);
    QVERIFY2(result.err.contains("--max-time 1 s"), result.err.constData());
    QVERIFY(!QFileInfo::exists(png));
}

// An empty file fails its check before a token is asked for: a service that never answers is
// not even called.
void TestCli::emptyFileFailsBeforeAToken()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir data;
    const QString empty = data.filePath(u"empty.stl"_s);
    QFile file(empty);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"silent-service-key"_s);
    const CliRun upload =
        runBounded({u"--base-url"_s, u"http://127.0.0.1:%1/api3/"_s.arg(silent.serverPort()),
                    u"--data-dir"_s, data.filePath(u"data"_s), u"--max-time"_s, u"15"_s,
                    u"upload"_s, u"--email"_s, u"anna@example.com"_s, u"--value"_s, u"4"_s, empty},
                   env);
    QCOMPARE(upload.exitCode, 3);
    QVERIFY2(upload.out.contains("empty (0 bytes)"), upload.out.constData());
    QVERIFY(!silent.waitForNewConnection(0));
}

// A line feed or tab in a file name is written as an escape: one file is one line of output,
// whatever its name, so a script reading line by line never takes half a name for a file.
void TestCli::namesWithLineBreaksStayOnOneLine()
{
    QTemporaryDir dir;
    const QString name = dir.filePath(u"front\npanel\t2.stl"_s);
    QVERIFY(QFile::copy(QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl"),
                        name));
    const auto linesNaming = [](const QByteArray &out) {
        qsizetype count = 0;
        for (const QByteArray &line : out.split('\n')) {
            if (line.contains("front") || line.startsWith("panel"))
                ++count; // a name cut in two would count twice
        }
        return count;
    };
    const CliRun inspected = runBounded({u"inspect"_s, name});
    QCOMPARE(inspected.exitCode, 0);
    QVERIFY2(inspected.out.contains("front\\x0apanel\\x092.stl"), inspected.out.constData());
    QCOMPARE(linesNaming(inspected.out), 1);
    // DEL and C1 controls in a name: escaped so that --json stays JSON.
    const QString controls = dir.filePath(u"del\x7f c1\u009b.stl"_s);
    QVERIFY(QFile::copy(name, controls));
    const CliRun json = runBounded({u"--json"_s, u"inspect"_s, controls});
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(!json.out.contains('\x7f') && !json.out.contains("\xc2\x9b"), json.out.constData());
    QCOMPARE(json.json().value(u"file"_s).toString(), controls);

    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const CliRun uploaded =
        runBounded({u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path(), u"upload"_s,
                    u"--email"_s, u"lines@example.com"_s, u"--value"_s, u"3"_s, name},
                   env);
    QCOMPARE(uploaded.exitCode, 0);
    QVERIFY2(uploaded.out.contains("front\\x0apanel"), uploaded.out.constData());
    QCOMPARE(linesNaming(uploaded.out), 1);
    const CliRun listed = runBounded(
        {u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path(), u"queue"_s, u"list"_s}, env);
    QCOMPARE(linesNaming(listed.out), 1);
}

void TestCli::uploadThenListOrders()
{
    QTemporaryDir data;
    QTemporaryDir input;
    QVERIFY(QFile::copy(QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"),
                        input.filePath(u"teapot.stl"_s)));
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QStringList common{u"--json"_s, u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path()};

    const CliRun upload =
        run(common + QStringList{u"upload"_s, input.path(), u"--email"_s, u"Customer@Example.com"_s,
                                 u"--value"_s, u"12.50"_s, u"--currency"_s, u"eur"_s, u"--job-id"_s,
                                 u"JOB-9"_s},
            env);
    QCOMPARE(upload.exitCode, 0);
    const QJsonObject result = upload.json();
    QCOMPARE(result.value(u"state").toString(), u"done"_s);
    const QString token = result.value(u"token").toString();
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(token).hasMatch(),
             upload.out.constData());
    QVERIFY(result.value(u"token_link").toString().contains(token));
    QVERIFY(result.value(u"ssl_token_link").toString().contains(token));
    QVERIFY(upload.err.isEmpty() || !upload.err.contains("pc.orders"));

    const CliRun orders = run(common + QStringList{u"orders"_s}, env);
    QCOMPARE(orders.exitCode, 0);
    const QJsonObject order = orders.json();
    QCOMPARE(order.value(u"token").toString(), token);
    QCOMPARE(order.value(u"print_value").toString(), u"12.50"_s);
    QCOMPARE(order.value(u"print_value_currency").toString(), u"EUR"_s);
    QCOMPARE(order.value(u"partner_job_id").toString(), u"JOB-9"_s);
    QCOMPARE(order.value(u"awaiting_customer").toBool(), true);

    QStringList csvArgs{u"--base-url"_s, m_baseUrl,   u"--data-dir"_s,
                        data.path(),     u"orders"_s, u"--csv"_s};
    const CliRun csv = run(csvArgs, env);
    QCOMPARE(csv.exitCode, 0);
    const QList<QByteArray> lines = csv.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith("created,file_name,receiver_email,print_value"));
    QVERIFY(lines.at(1).contains(token.toUtf8()));
    QVERIFY(!csv.out.contains(m_sandboxKey.toUtf8()));

    // Orders of another environment are not listed.
    const CliRun other = run({u"--json"_s, u"--data-dir"_s, data.path(), u"orders"_s});
    QCOMPARE(other.exitCode, 0);
    QVERIFY(!other.out.contains(token.toUtf8()));
}

// The same design twice in one upload run: the warning says it is queued twice, not that it
// "was already sent" before anything was; a later run for the same receiver says sent.
void TestCli::duplicateInOneRunIsNotCalledSent()
{
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QString file = QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl");
    QTemporaryDir copies;
    const QString copy = copies.filePath(u"box-again.stl"_s);
    QVERIFY(QFile::copy(file, copy));
    const QStringList upload{u"--base-url"_s, m_baseUrl,    u"--data-dir"_s,        data.path(),
                             u"upload"_s,     u"--email"_s, u"twice@example.com"_s, u"--value"_s,
                             u"2"_s};
    const CliRun both = runBounded(upload + QStringList{file, copy}, env);
    QCOMPARE(both.exitCode, 0);
    QVERIFY2(both.err.contains("is queued twice for this receiver"), both.err.constData());
    QVERIFY2(!both.err.contains("already sent"), both.err.constData());

    const CliRun later = runBounded(upload + QStringList{file}, env);
    QCOMPARE(later.exitCode, 0);
    QVERIFY2(later.err.contains("was already sent to this receiver"), later.err.constData());
}

void TestCli::uploadRefusesBadOrderFacts()
{
    QTemporaryDir data;
    const QString teapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
    const CliRun bad = run({u"--json"_s, u"--data-dir"_s, data.path(), u"upload"_s, teapot,
                            u"--email"_s, u"not-an-address"_s, u"--value"_s, u"-3"_s});
    QCOMPARE(bad.exitCode, 3);
    const QString message = bad.errorJson().value(u"message").toString();
    QVERIFY2(message.contains(u"@"_s) && message.contains(u"negative"_s), qPrintable(message));
    // Nothing was queued: the store holds no item, so no order will ever follow.
    QVERIFY(!QFileInfo::exists(data.filePath(u"orders.db"_s)));
    QCOMPARE(run({u"upload"_s, teapot, u"--email"_s, u"a@example.com"_s}).exitCode, 2);

    // A price of nothing or of a slip of the keyboard is stopped unless it is confirmed.
    for (const QString &price : {u"0"_s, u"99999999999"_s, u"100000.01"_s}) {
        const CliRun doubtful = run({u"--json"_s, u"--data-dir"_s, data.path(), u"upload"_s, teapot,
                                     u"--email"_s, u"a@example.com"_s, u"--value"_s, price});
        QCOMPARE(doubtful.exitCode, 3);
        const QString why = doubtful.errorJson().value(u"message").toString();
        QVERIFY2(why.contains(u"--confirm-price"_s), qPrintable(why));
        QVERIFY(!QFileInfo::exists(data.filePath(u"orders.db"_s)));
    }
    // 100,000 itself is fine, and so is a large amount in a currency without decimals; both
    // then stop at the connection, not at the price (no service is running here).
    for (const auto &[price, currency] :
         {std::pair{u"100000"_s, u"USD"_s}, std::pair{u"5000000"_s, u"JPY"_s}}) {
        const CliRun fine =
            run({u"--json"_s, u"--data-dir"_s, data.path(), u"--base-url"_s,
                 u"http://127.0.0.1:9/api3/"_s, u"upload"_s, teapot, u"--email"_s,
                 u"a@example.com"_s, u"--value"_s, price, u"--currency"_s, currency});
        QVERIFY2(!fine.errorJson().value(u"message").toString().contains(u"--confirm-price"_s),
                 fine.err.constData());
    }
    QCOMPARE(pc::priceConcern(*pc::Decimal::fromString(u"0.00"), u"EUR"), pc::PriceConcern::Zero);
    QCOMPARE(pc::priceConcern(*pc::Decimal::fromString(u"100000.5"), u"EUR"),
             pc::PriceConcern::Large);
    QCOMPARE(pc::priceConcern(*pc::Decimal::fromString(u"12.50"), u"EUR"), pc::PriceConcern::None);
}

void TestCli::queueListRetryRemove()
{
    QTemporaryDir data;
    QTemporaryDir input;
    QFile empty(input.filePath(u"empty.stl"_s));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QStringList common{u"--json"_s, u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path()};

    const CliRun upload = run(common + QStringList{u"upload"_s, empty.fileName(), u"--email"_s,
                                                   u"a@example.com"_s, u"--value"_s, u"1"_s},
                              env);
    QCOMPARE(upload.exitCode, 3);
    QVERIFY(upload.json().value(u"error").toString().contains(u"empty"_s));

    const CliRun list = run(common + QStringList{u"queue"_s, u"list"_s}, env);
    QCOMPARE(list.exitCode, 0);
    const QJsonObject item = list.json();
    QCOMPARE(item.value(u"state").toString(), u"failed"_s);
    const QString id = QString::number(item.value(u"item_id").toInteger());

    // A retry validates the file again; it is still empty, so it fails again and the command
    // ends (it must not wait for anything else).
    const CliRun retry = run(common + QStringList{u"queue"_s, u"retry"_s, id}, env);
    QCOMPARE(retry.exitCode, 3);
    QCOMPARE(retry.json().value(u"state").toString(), u"failed"_s);

    QCOMPARE(run(common + QStringList{u"queue"_s, u"remove"_s, id}, env).exitCode, 0);
    QVERIFY(run(common + QStringList{u"queue"_s}, env).out.trimmed().isEmpty());
    QCOMPARE(run(common + QStringList{u"queue"_s, u"cancel"_s, u"99"_s}, env).exitCode, 3);
    QCOMPARE(run(common + QStringList{u"queue"_s, u"frobnicate"_s}, env).exitCode, 2);
    QCOMPARE(run(common + QStringList{u"queue"_s, u"retry"_s}, env).exitCode, 2);
}

// An earlier run hung validating a file that was a FIFO and was killed there: the item stayed
// in "validating". The next `queue run` on that data folder must end, with the item failed
// and the reason, instead of hanging in its turn.
void TestCli::itemLeftValidatingOnAFifoEndsLaterRuns()
{
    QTemporaryDir data;
    QTemporaryDir input;
    const QString path = input.filePath(u"design.stl"_s);
    {
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QStringList common{u"--json"_s, u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path()};
    const CliRun upload = run(common + QStringList{u"upload"_s, path, u"--email"_s,
                                                   u"a@example.com"_s, u"--value"_s, u"1"_s},
                              env);
    QCOMPARE(upload.exitCode, 3); // empty: the item is stored, failed
    const qint64 id = upload.json().value(u"item_id").toInteger();
    QVERIFY(id > 0);

    // The file became a FIFO, and the item was left validating.
    QVERIFY(QFile::remove(path));
    QVERIFY(pc::test::makeFifo(path));
    {
        pc::OrderStore store;
        QVERIFY(store.open(data.path()).ok());
        pc::QueueItemProgress validating;
        validating.state = pc::QueueState::Validating;
        QVERIFY(store.updateQueueItemProgress(id, validating));
    }

    const CliRun later = runBounded(common + QStringList{u"queue"_s, u"run"_s}, env);
    QCOMPARE(later.exitCode, 3);
    const QJsonObject result = later.json();
    QCOMPARE(result.value(u"state").toString(), u"failed"_s);
    QVERIFY2(result.value(u"error").toString().contains(u"named pipe"_s), later.out.constData());
}

// An item that holds a token but no order (its upload's answer was lost, or it never got
// past the upload) is the only record of that token and its customer: `queue remove` refuses
// it and says how, and with --force the item goes but the token stays, as an order whose
// links are built from the token page address (marked so), which `orders` shows.
// A queue another console works is no service error: a script learns from exit code 4 that
// trying again later is the answer, and nothing was queued meanwhile.
void TestCli::queueWorkedElsewhereExitsBusy()
{
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_DATA_DIR"_s, data.path());
    pc::OrderStore other;
    QVERIFY(other.open(data.path()).ok());
    QVERIFY(other.claimQueue().ok());

    const CliRun queued = run({u"--json"_s, u"queue"_s, u"run"_s}, env);
    QCOMPARE(queued.exitCode, 4);
    QVERIFY2(queued.errorJson().value(u"message").toString().contains(u"Another console"_s),
             queued.err.constData());
    const CliRun upload =
        run({u"upload"_s, u"--email"_s, u"busy@example.com"_s, u"--value"_s, u"5.00"_s,
             QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl")},
            env);
    QCOMPARE(upload.exitCode, 4);
    QVERIFY(other.queueItems(u"sandbox"_s)->isEmpty());

    other.releaseQueueClaim();
    QCOMPARE(run({u"queue"_s, u"run"_s}, env).exitCode, 0);
}

void TestCli::queueRemoveKeepsToken()
{
    using namespace pc;
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QStringList common{u"--json"_s, u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path()};
    const CliRun made = run(common + QStringList{u"token"_s}, env);
    QCOMPARE(made.exitCode, 0);
    const QString token = made.json().value(u"token").toString();
    QVERIFY(!token.isEmpty());
    const CliRun config = run(common + QStringList{u"config"_s}, env);
    const std::optional<EnvironmentKind> kind =
        environmentKindFromName(config.json().value(u"environment").toString());
    const QString environment =
        orderEnvironmentKey(kind.value_or(EnvironmentKind::Custom), QUrl(m_baseUrl));
    const QString teapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
    qint64 id = 0;
    {
        // What an upload whose answer was lost leaves: a failed item with its token.
        OrderStore store;
        QVERIFY(store.open(data.path()).ok());
        QueueItem item;
        item.environment = environment;
        item.sourcePath = teapot;
        item.fileName = u"teapot.stl"_s;
        item.receiverEmail = u"keep@example.com"_s;
        item.price = *Decimal::fromString(u"4.20");
        item.currency = u"EUR"_s;
        const StoreResult<qint64> added = store.addQueueItem(item);
        QVERIFY(added.ok());
        id = *added;
        QVERIFY(store.recordToken(id, token).ok());
        QueueItemProgress progress;
        progress.state = QueueState::Failed;
        progress.failureReason = u"The connection closed"_s;
        QVERIFY(store.updateQueueItemProgress(id, progress).ok());
    }
    const QString idText = QString::number(id);

    const CliRun refused = run(common + QStringList{u"queue"_s, u"remove"_s, idText}, env);
    QCOMPARE(refused.exitCode, 3);
    const QString message = refused.errorJson().value(u"message").toString();
    QVERIFY2(message.contains(token) && message.contains(u"--force"_s) &&
                 message.contains(u"keep@example.com"_s),
             qPrintable(message));
    const CliRun still = run(common + QStringList{u"queue"_s, u"list"_s}, env);
    QCOMPARE(still.json().value(u"token").toString(), token);
    QCOMPARE(run(common + QStringList{u"queue"_s, u"list"_s, u"--force"_s}, env).exitCode, 2);

    const CliRun forced =
        run(common + QStringList{u"queue"_s, u"remove"_s, idText, u"--force"_s}, env);
    QCOMPARE(forced.exitCode, 0);
    const QString link = m_baseUrl.chopped(int(qstrlen("api3/"))) + u"?token="_s + token;
    QCOMPARE(forced.json().value(u"token").toString(), token);
    QCOMPARE(forced.json().value(u"token_link").toString(), link);
    QVERIFY(forced.json().value(u"links_reconstructed").toBool());
    QVERIFY(run(common + QStringList{u"queue"_s}, env).out.trimmed().isEmpty());

    const CliRun orders = run(common + QStringList{u"orders"_s}, env);
    QCOMPARE(orders.exitCode, 0);
    const QJsonObject order = orders.json();
    QCOMPARE(order.value(u"token").toString(), token);
    QCOMPARE(order.value(u"receiver_email").toString(), u"keep@example.com"_s);
    QCOMPARE(order.value(u"token_link").toString(), link);
    QVERIFY(order.value(u"links_reconstructed").toBool());
    const CliRun text =
        run({u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path(), u"orders"_s}, env);
    QVERIFY2(text.out.contains("(links reconstructed)"), text.out.constData());
    QVERIFY2(text.out.contains("Waiting for customer"), text.out.constData());
    QVERIFY2(!text.out.contains("awaiting"), text.out.constData());
}

// `watch` runs the poller over the store's open orders: one JSON line per change with the
// previous status, and it ends by itself once every order is final.
void TestCli::watchFollowsOrdersUntilFinal()
{
    QTemporaryDir data;
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, m_sandboxKey);
    const QStringList common{u"--json"_s, u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path()};

    QCOMPARE(run(common + QStringList{u"watch"_s, u"--for"_s, u"0"_s}, env).exitCode, 2);
    const CliRun empty = run(common + QStringList{u"watch"_s}, env);
    QCOMPARE(empty.exitCode, 0); // nothing open: returns at once
    QVERIFY(empty.out.isEmpty());

    const CliRun upload =
        run(common + QStringList{u"upload"_s,
                                 QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"),
                                 u"--email"_s, u"w@example.com"_s, u"--value"_s, u"3"_s},
            env);
    QCOMPARE(upload.exitCode, 0);
    const QString token = upload.json().value(u"token"_s).toString();
    QVERIFY(!token.isEmpty());

    // One round while the customer has not pressed Print: no change, nothing printed.
    const CliRun idle = run(common + QStringList{u"watch"_s, u"--for"_s, u"2"_s}, env);
    QCOMPARE(idle.exitCode, 0);
    QVERIFY(idle.out.isEmpty());

    // Print, let the sandbox (600x) finish and confirm it, then watch: one change, and the
    // command ends because nothing is left open.
    QNetworkAccessManager network;
    QUrl print = QUrl(m_baseUrl).resolved(QUrl(u"/sandbox/print"_s));
    print.setQuery(u"token="_s + token);
    QNetworkRequest request(print);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = network.post(request, QByteArray());
    QSignalSpy printed(reply, &QNetworkReply::finished);
    QVERIFY(printed.wait());
    reply->deleteLater();
    QTRY_VERIFY_WITH_TIMEOUT(run(common + QStringList{u"status"_s, token}, env)
                                 .json()
                                 .value(u"printing_job_status"_s)
                                 .toString()
                                 .startsWith(u"CONFIRMED_"_s),
                             30000);
    const CliRun watched = run(common + QStringList{u"watch"_s, u"--for"_s, u"50"_s}, env);
    QCOMPARE(watched.exitCode, 0);
    const QList<QByteArray> lines = watched.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject change = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(change.value(u"token"_s).toString(), token);
    QVERIFY(change.value(u"printing_job_status"_s).toString().startsWith(u"CONFIRMED_"_s));
    QVERIFY(change.contains(u"previous_status"_s));
    QVERIFY(change.value(u"previous_status"_s).isNull()); // it was awaiting the customer
    QCOMPARE(change.value(u"file_name"_s).toString(), u"trimesh__teapot.stl"_s);

    // The store kept it: the order is listed with its final status.
    const CliRun orders = run(common + QStringList{u"orders"_s}, env);
    QVERIFY(orders.json().value(u"printing_job_status"_s).toString().startsWith(u"CONFIRMED_"_s));
    // As text, in the window's words.
    const CliRun text =
        run({u"--base-url"_s, m_baseUrl, u"--data-dir"_s, data.path(), u"orders"_s}, env);
    QVERIFY2(text.out.contains(" confirmed"), text.out.constData());
    QVERIFY2(!text.out.contains("CONFIRMED_"), text.out.constData());
}

// watch over a service that answers every status question with an error page says so once,
// instead of printing nothing as if the print did not move.
void TestCli::watchSaysWhenAnswersAreUnusable()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    int asked = 0;
    connect(&peer, &QTcpServer::newConnection, this, [&peer, &asked] {
        QTcpSocket *socket = peer.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, &asked] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            ++asked;
            const QByteArray body = "<html><body>Down for maintenance</body></html>";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
        });
    });
    const QString baseUrl = u"http://127.0.0.1:%1/api3/"_s.arg(peer.serverPort());
    QTemporaryDir data;
    {
        pc::OrderStore store;
        QVERIFY(store.open(data.path()).ok());
        pc::Order order;
        order.environment = pc::orderEnvironmentKey(pc::EnvironmentKind::Custom, QUrl(baseUrl));
        order.token = u"0123456789abcdef0123456789abcdef"_s;
        order.tokenLink = u"http://127.0.0.1/?token="_s + order.token;
        order.sslTokenLink = order.tokenLink;
        order.fileName = u"bracket.stl"_s;
        order.size = 42;
        order.sha256 = u"ff00"_s;
        order.receiverEmail = u"customer@example.com"_s;
        order.price = *pc::Decimal::fromString(u"12.50");
        order.currency = u"EUR"_s;
        order.created = QDateTime::currentDateTimeUtc();
        QVERIFY(store.addOrder(order).ok());
    }
    QProcessEnvironment env = baseEnvironment();
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, u"maintenance-key"_s);
    QProcess process;
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(kCli, {u"--base-url"_s, baseUrl, u"--data-dir"_s, data.path(), u"watch"_s,
                         u"--for"_s, u"3"_s});
    QVERIFY(finished.wait(30000)); // keeps this event loop (and the peer) running
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(asked >= 1);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(u"0123456789abcdef0123456789abcdef  bracket.stl: the service's answer "
                          "was not a usable status"_s),
             qPrintable(err));
    QCOMPARE(err.count(u"not a usable status"_s), 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
