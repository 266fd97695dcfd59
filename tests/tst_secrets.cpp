// The partner API key never leaves the places it belongs (RELIABILITY.md, "Secrets"; issue 7).
//
// A sentinel key, unique to this run ("SENTINEL-" + 32 random hex digits + "==", since real keys
// hold '-' and '='), is the only key the in-process sandbox accepts. With it the suite drives
//  (a) partner-console-cli as a user would: config, uploads (JSON and text), status, token,
//      watch, orders (text, JSON and a CSV file), queue list, an upload that meets HTTP 500,
//      and requests the service rejects (the sentinel sent to a service with another key, and
//      a second made-up key sent to ours), every pc.* log category at debug level;
//  (b) the console in process: a ConsoleSession uploading and polling to a confirmed print,
//      a rejected request, the Settings dialog's connection test and its save path with the
//      key kept for the session and in the owner-only key file;
//  (c) crash output: a child that dies in qFatal(), abort() after qCritical(), and an uncaught
//      exception, each with the key in the message;
// then searches every byte written under the run's folder (HOME, XDG_CONFIG_HOME,
// XDG_DATA_HOME, TMPDIR of the children and of this process, the data folders with orders.db
// and its -wal/-shm, the CSV export, the sandbox's uploads), every line printed on stdout and
// stderr, every log message of this process, and /proc/<pid>/cmdline of every child while it
// ran, for the key: raw, percent-encoded, as hex, as UTF-16, and base64 at all three
// alignments (its 32-digit random core alone is enough to count as a leak).
//
// The one file allowed to hold the key is the owner-only key file (README, "Configuration"):
// the Settings dialog's opt-in file and the --api-key-file of the CLI runs. Exactly those two
// paths are left out of the search, and both are checked to be mode 0600.
//
// Also here: pc::hardenProcess() (release builds: no core dumps, not dumpable), checked in a
// child process.

#include "api/apiclient.h"
#include "common/buildinfo.h"
#include "common/redaction.h"
#include "consolesession.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "ordertablemodel.h"
#include "sandbox/sandboxserver.h"
#include "sessioncore.h"
#include "settings/secretstore.h"
#include "settingsdialog.h"
#include "stl/meshgenerator.h"

#include "clitestenv.h"
#include "secretsearch.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMutex>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;
using pc::test::formsOf;
using pc::test::randomHex;
using pc::test::SecretForms;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kHelper = QStringLiteral(PC_SECRET_HELPER_PATH);
constexpr int kProcessTimeoutMs = 60000;
constexpr int kWait = 20000;

struct Captured
{
    QString label;
    QByteArray bytes;
};

// Every message this process logs, before (raw) and after the redacting handler.
struct MessageLog
{
    QMutex mutex;
    QStringList raw;
    QStringList redacted;
    QtMessageHandler testlib = nullptr; // QTest's own handler, last in the chain
    QtMessageHandler redacting = nullptr;
};

MessageLog &messageLog()
{
    static MessageLog log;
    return log;
}

// Appends "category: message" to one of the log's lists.
void record(QStringList &list, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker locker(&messageLog().mutex);
    list.append(QString::fromLatin1(context.category) + u": "_s + message);
}

void afterRedaction(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    MessageLog &log = messageLog();
    record(log.redacted, context, message);
    if (log.testlib)
        log.testlib(type, context, message);
}

void beforeRedaction(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    MessageLog &log = messageLog();
    record(log.raw, context, message);
    if (log.redacting)
        log.redacting(type, context, message);
}

} // namespace

class TestSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void cliFullRunPrintsNoKey();
    void cliRejectedKeysPrintNoKey();
    void consoleSessionLogsNoKey();
    void settingsDialogKeepsKeyInItsPlace();
    void crashOutputIsRedacted_data();
    void crashOutputIsRedacted();
    void hardeningTurnsCoreDumpsOff_data();
    void hardeningTurnsCoreDumpsOff();
    void noFileHoldsTheKey();
    void noLogMessageHoldsTheKey();

private:
    struct Run
    {
        int exitCode = -1;
        QProcess::ExitStatus exitStatus = QProcess::NormalExit;
        QByteArray out;
        QByteArray err;
        bool sawCommandLine = false; // /proc/<pid>/cmdline was read while it ran
        QJsonObject lastJson() const;
    };

    QProcessEnvironment cliEnvironment(bool keyInEnvironment, const QString &key = QString()) const;
    // Runs the CLI (or the helper) to its end without blocking the event loop the in-process
    // sandboxes live in; records its output and command lines. `whileRunning` is called once,
    // about a second in, if the process still runs.
    Run run(const QString &program, const QStringList &arguments, const QProcessEnvironment &env,
            const QString &label, const std::function<void()> &whileRunning = {});
    Run cli(const QStringList &arguments, const QString &label, bool keyFromFile = false,
            const std::function<void()> &whileRunning = {});
    // The secret forms found in `bytes`, in words; empty when clean.
    QString leaksIn(const QByteArray &bytes) const;
    // Every file under `folder` that holds a secret (the allowed key files excepted).
    QStringList filesWithLeaks(const QString &folder) const;
    QString makeStl(const QString &name, float edge);

    QString m_sentinel;
    QString m_wrongKey; // a key the user might type by mistake: as secret as the right one
    QList<SecretForms> m_secrets;
    QTemporaryDir m_root;
    QString m_cliHome;
    QString m_keyFile;         // --api-key-file of the CLI runs (0600): allowed
    QString m_settingsKeyFile; // the Settings dialog's opt-in file (0600): allowed
    QString m_csvFile;
    QList<Captured> m_outputs;
    QList<Captured> m_commandLines;
    QStringList m_scannedWhileOpen;           // files seen while a store was open (the -wal/-shm)
    std::unique_ptr<SandboxServer> m_sandbox; // accepts the sentinel only
    QElapsedTimer m_sandboxClock;
    qint64 m_sandboxSkipMs = 0;
    std::unique_ptr<SandboxServer> m_other; // another service: rejects the sentinel
};

QJsonObject TestSecrets::Run::lastJson() const
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

void TestSecrets::initTestCase()
{
    QVERIFY(m_root.isValid());
    const QString core = randomHex(16);
    m_sentinel = u"SENTINEL-"_s + core + u"=="_s;
    const QString wrongCore = randomHex(16);
    m_wrongKey = u"WRONGKEY-"_s + wrongCore + u"=="_s;
    m_secrets = {formsOf(u"the sentinel key"_s, m_sentinel, core),
                 formsOf(u"the mistyped key"_s, m_wrongKey, wrongCore)};

    // This process writes under the run's folder too: its HOME (QStandardPaths' test mode
    // puts config and data below it), QSettings, and temporary files (the sandboxes' uploads).
    const QString home = m_root.filePath(u"home-in-process"_s);
    QVERIFY(QDir().mkpath(home));
    qputenv("HOME", QFile::encodeName(home));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home + u"/config"_s));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home + u"/data"_s));
    qputenv("TMPDIR", QFile::encodeName(m_root.filePath(u"tmp-in-process"_s)));
    QVERIFY(QDir().mkpath(m_root.filePath(u"tmp-in-process"_s)));
    QStandardPaths::setTestModeEnabled(true);
    setApplicationMetadata(); // the product's folder and file names
    QVERIFY(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                .startsWith(m_root.path()));

    // The message chain the mains build (redaction in front of the printing handler), with a
    // recorder on each side of it.
    MessageLog &log = messageLog();
    log.testlib = qInstallMessageHandler(afterRedaction);
    installRedactingMessageHandler();
    log.redacting = qInstallMessageHandler(beforeRedaction);

    m_cliHome = m_root.filePath(u"home-cli"_s);
    QVERIFY(QDir().mkpath(m_cliHome + u"/tmp"_s));
    QVERIFY(QDir().mkpath(m_root.filePath(u"files"_s)));
    QVERIFY(QDir().mkpath(m_root.filePath(u"keys"_s)));
    m_keyFile = m_root.filePath(u"keys/partner-key"_s);
    {
        QFile file(m_keyFile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write(m_sentinel.toUtf8() + '\n');
    }

    SandboxConfig config;
    config.apiKey = m_sentinel;
    config.speed = 600;
    config.outcome = PrintOutcome::Success;
    m_sandbox = std::make_unique<SandboxServer>(config);
    // Real time, plus what the in-process polling skips ahead so a print ends in a few rounds.
    m_sandboxClock.start();
    m_sandbox->setClockForTesting([this] { return m_sandboxClock.elapsed() + m_sandboxSkipMs; });
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
    SandboxConfig other;
    other.apiKey = u"another-service-key-"_s + randomHex(8);
    m_other = std::make_unique<SandboxServer>(other);
    QVERIFY2(m_other->listen(0), qPrintable(m_other->errorString()));
}

void TestSecrets::cleanupTestCase()
{
    m_sandbox.reset();
    m_other.reset();
    qInstallMessageHandler(messageLog().testlib);
}

QString TestSecrets::makeStl(const QString &name, float edge)
{
    const QString path = m_root.filePath(u"files/"_s + name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(stl::toBinaryStl(stl::makeBox({0, 0, 0}, {edge, edge, edge})));
    return path;
}

QString TestSecrets::leaksIn(const QByteArray &bytes) const
{
    return test::leaksIn(m_secrets, bytes);
}

QStringList TestSecrets::filesWithLeaks(const QString &folder) const
{
    return test::filesWithLeaks(m_secrets, folder, {m_keyFile, m_settingsKeyFile});
}

QProcessEnvironment TestSecrets::cliEnvironment(bool keyInEnvironment, const QString &key) const
{
    QProcessEnvironment env = test::cliTestEnvironment(m_cliHome);
    env.insert(u"TMPDIR"_s, m_cliHome + u"/tmp"_s);
    // Every log category of the console, at debug level.
    env.insert(u"QT_LOGGING_RULES"_s, u"pc.*=true"_s);
    if (keyInEnvironment)
        env.insert(u"PARTNER_CONSOLE_API_KEY"_s, key.isEmpty() ? m_sentinel : key);
    return env;
}

TestSecrets::Run TestSecrets::run(const QString &program, const QStringList &arguments,
                                  const QProcessEnvironment &env, const QString &label,
                                  const std::function<void()> &whileRunning)
{
    Run result;
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_root.filePath(u"files"_s));
    const auto readCommandLine = [&] {
        const qint64 pid = process.processId();
        if (pid <= 0)
            return;
        QFile file(u"/proc/%1/cmdline"_s.arg(pid));
        if (!file.open(QIODevice::ReadOnly))
            return;
        const QByteArray commandLine = file.readAll();
        if (commandLine.isEmpty())
            return; // already ended (a zombie has none)
        if (commandLine.startsWith(QFile::encodeName(program)))
            result.sawCommandLine = true;
        if (m_commandLines.isEmpty() || m_commandLines.last().label != label ||
            m_commandLines.last().bytes != commandLine)
            m_commandLines.append({label, commandLine}); // each distinct reading once
    };
    connect(&process, &QProcess::started, this, readCommandLine);
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        qWarning() << "could not start" << program;
        return result;
    }
    QElapsedTimer clock;
    clock.start();
    bool calledBack = !whileRunning;
    while (process.state() != QProcess::NotRunning && clock.elapsed() < kProcessTimeoutMs) {
        readCommandLine();
        if (!calledBack && clock.elapsed() > 1000) {
            calledBack = true;
            whileRunning();
        }
        QTest::qWait(20);
    }
    if (process.state() != QProcess::NotRunning) {
        qWarning() << label << "did not finish";
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitCode();
    result.exitStatus = process.exitStatus();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    m_outputs.append({label + u" (stdout)"_s, result.out});
    m_outputs.append({label + u" (stderr)"_s, result.err});
    return result;
}

TestSecrets::Run TestSecrets::cli(const QStringList &arguments, const QString &label,
                                  bool keyFromFile, const std::function<void()> &whileRunning)
{
    const QStringList all =
        keyFromFile ? QStringList{u"--api-key-file"_s, m_keyFile} + arguments : arguments;
    Run result = run(kCli, all, cliEnvironment(!keyFromFile), label, whileRunning);
    // Said at once, so a failure names the command; the checks come after each group of runs.
    if (const QString leaks = leaksIn(result.out + result.err); !leaks.isEmpty())
        qWarning().noquote() << label << "printed" << leaks;
    return result;
}

// (a) The CLI through a whole working day: nothing it prints or writes holds the key.
void TestSecrets::cliFullRunPrintsNoKey()
{
    const QString base = m_sandbox->apiBaseUrl().toString();
    const QStringList service{u"--base-url"_s, base};
    const QStringList facts{u"--email"_s,    u"customer@example.com"_s,
                            u"--value"_s,    u"12.50"_s,
                            u"--currency"_s, u"EUR"_s,
                            u"--job-id"_s,   u"JOB-1"_s};

    const Run config = cli(service + QStringList{u"config"_s}, u"config"_s);
    QCOMPARE(config.exitCode, 0);
    QVERIFY(config.out.contains("PARTNER_CONSOLE_API_KEY"));
    const Run configJson = cli(QStringList{u"--json"_s} + service + QStringList{u"config"_s},
                               u"config --json"_s, /*keyFromFile=*/true);
    QCOMPARE(configJson.exitCode, 0);
    QCOMPARE(configJson.lastJson().value(u"api_key_source"_s).toString(), u"--api-key-file"_s);
    const QString dataDir = configJson.lastJson().value(u"data_dir"_s).toString();
    QVERIFY2(dataDir.startsWith(m_cliHome), qPrintable(dataDir));

    // Uploads: JSON (with state and progress events) and text, two in parallel.
    const Run uploadJson = cli(QStringList{u"--json"_s} + service +
                                   QStringList{u"upload"_s, makeStl(u"a.stl"_s, 10),
                                               makeStl(u"b.stl"_s, 11), u"--parallel"_s, u"2"_s} +
                                   facts,
                               u"upload --json"_s, /*keyFromFile=*/true);
    QCOMPARE(uploadJson.exitCode, 0);
    const QString token = uploadJson.lastJson().value(u"token"_s).toString();
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    const Run uploadText =
        cli(service + QStringList{u"upload"_s, makeStl(u"c.stl"_s, 12)} + facts, u"upload"_s);
    QCOMPARE(uploadText.exitCode, 0);
    QVERIFY(QFile::exists(dataDir + u"/orders.db"_s));

    QCOMPARE(cli(service + QStringList{u"status"_s, token}, u"status"_s).exitCode, 0);
    QCOMPARE(cli(QStringList{u"--json"_s} + service + QStringList{u"status"_s, token},
                 u"status --json"_s)
                 .exitCode,
             0);
    QCOMPARE(cli(service + QStringList{u"token"_s}, u"token"_s).exitCode, 0);

    // watch while a print runs; half-way the data folder is searched with the store open
    // (orders.db-wal and -shm exist only then).
    QVERIFY(m_sandbox->startPrint(token, u"Prusa MK4"_s));
    const Run watch =
        cli(QStringList{u"--json"_s} + service + QStringList{u"watch"_s, u"--for"_s, u"4"_s},
            u"watch --json"_s, false, [&] {
                QDirIterator it(dataDir, QDir::Files | QDir::Hidden);
                while (it.hasNext())
                    m_scannedWhileOpen.append(it.next());
                const QStringList leaks = filesWithLeaks(dataDir);
                QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
            });
    QCOMPARE(watch.exitCode, 0);
    QVERIFY(watch.sawCommandLine); // read while it ran (4 s), not after
    QVERIFY2(watch.out.contains(token.toLatin1()), watch.out.constData());
    QVERIFY2(m_scannedWhileOpen.contains(dataDir + u"/orders.db-wal"_s),
             qPrintable(m_scannedWhileOpen.join(u' ')));
    const Run watchText =
        cli(service + QStringList{u"watch"_s, u"--for"_s, u"2"_s}, u"watch"_s, true);
    QCOMPARE(watchText.exitCode, 0);

    QCOMPARE(cli(service + QStringList{u"orders"_s}, u"orders"_s).exitCode, 0);
    QCOMPARE(cli(QStringList{u"--json"_s} + service + QStringList{u"orders"_s}, u"orders --json"_s)
                 .exitCode,
             0);
    const Run csv = cli(service + QStringList{u"orders"_s, u"--csv"_s}, u"orders --csv"_s);
    QCOMPARE(csv.exitCode, 0);
    QVERIFY(csv.out.startsWith("created,"));
    QVERIFY(csv.out.contains(token.toLatin1()));
    // The export as a user keeps it: a file next to the data.
    QVERIFY(QDir().mkpath(m_root.filePath(u"export"_s)));
    m_csvFile = m_root.filePath(u"export/orders.csv"_s);
    QFile file(m_csvFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv.out);
    file.close();
    QCOMPARE(cli(QStringList{u"--json"_s} + service + QStringList{u"queue"_s, u"list"_s},
                 u"queue list --json"_s)
                 .exitCode,
             0);
    QCOMPARE(cli(service + QStringList{u"queue"_s, u"list"_s}, u"queue list"_s).exitCode, 0);

    // HTTP 500 on the upload twice: retried, the reasons shown, then done.
    FaultPlan faults;
    faults.serverErrorRate = 1;
    faults.serverErrorStatus = 500;
    faults.calls = FaultPlan::UploadCall;
    faults.budget = 2;
    m_sandbox->setFaultPlan(faults);
    const Run failing = cli(QStringList{u"--json"_s} + service +
                                QStringList{u"upload"_s, makeStl(u"d.stl"_s, 13)} + facts,
                            u"upload meeting HTTP 500"_s, true);
    m_sandbox->setFaultPlan({});
    QCOMPARE(failing.exitCode, 0);
    QVERIFY2(failing.out.contains("\"reason\""), failing.out.constData());
    QVERIFY2(failing.out.contains("500"), failing.out.constData());

    // The debug log did carry request URLs with the key, and printed them redacted.
    const bool redactedUrls =
        std::any_of(m_outputs.cbegin(), m_outputs.cend(), [](const Captured &c) {
            return c.bytes.contains("pc.api: request") && c.bytes.contains("api_key=REDACTED");
        });
    QVERIFY(redactedUrls);
    for (const Captured &output : std::as_const(m_outputs))
        QVERIFY2(leaksIn(output.bytes).isEmpty(),
                 qPrintable(output.label + u": "_s + leaksIn(output.bytes)));
    for (const Captured &line : std::as_const(m_commandLines))
        QVERIFY2(leaksIn(line.bytes).isEmpty(), qPrintable(line.label + u" command line"_s));
}

// (a) Keys the service rejects: the sentinel sent to another service, and a mistyped key sent
// to ours; no service at all; a service that never answers. Each error says what happened
// and shows neither key.
void TestSecrets::cliRejectedKeysPrintNoKey()
{
    const QStringList other{u"--base-url"_s, m_other->apiBaseUrl().toString(), u"--data-dir"_s,
                            m_root.filePath(u"data-other"_s)};
    const Run token = cli(other + QStringList{u"token"_s}, u"token, key rejected"_s);
    QCOMPARE(token.exitCode, 1);
    QVERIFY2(token.err.contains("rejected"), token.err.constData());
    const Run status = cli(QStringList{u"--json"_s} + other +
                               QStringList{u"status"_s, u"0123456789abcdef0123456789abcdef"_s},
                           u"status --json, key rejected"_s, true);
    QCOMPARE(status.exitCode, 1);
    const Run upload = cli(QStringList{u"--json"_s} + other +
                               QStringList{u"upload"_s, makeStl(u"e.stl"_s, 14), u"--email"_s,
                                           u"customer@example.com"_s, u"--value"_s, u"3"_s},
                           u"upload --json, key rejected"_s);
    QCOMPARE(upload.exitCode, 1);
    QVERIFY2(upload.out.contains("\"error\""), upload.out.constData());

    // No service at all (connection refused), and one that never answers (idle timeout): the
    // network errors name the URL, redacted.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    const Run refused =
        cli({u"--base-url"_s, u"http://127.0.0.1:%1/api3/"_s.arg(closedPort), u"token"_s},
            u"token, connection refused"_s, true);
    QCOMPARE(refused.exitCode, 1);
    FaultPlan stall;
    stall.stallRate = 1;
    stall.calls = FaultPlan::StatusCall;
    m_sandbox->setFaultPlan(stall);
    const Run stalled = cli({u"--base-url"_s, m_sandbox->apiBaseUrl().toString(), u"--timeout"_s,
                             u"1"_s, u"status"_s, u"0123456789abcdef0123456789abcdef"_s},
                            u"status, idle timeout"_s);
    m_sandbox->setFaultPlan({});
    QCOMPARE(stalled.exitCode, 1);

    QProcessEnvironment env = cliEnvironment(true, m_wrongKey);
    const Run mistyped =
        run(kCli, {u"--base-url"_s, m_sandbox->apiBaseUrl().toString(), u"token"_s}, env,
            u"token with a mistyped key"_s);
    QCOMPARE(mistyped.exitCode, 1);

    for (const Captured &output : std::as_const(m_outputs))
        QVERIFY2(leaksIn(output.bytes).isEmpty(),
                 qPrintable(output.label + u": "_s + leaksIn(output.bytes)));
    for (const Captured &line : std::as_const(m_commandLines))
        QVERIFY2(leaksIn(line.bytes).isEmpty(), qPrintable(line.label + u" command line"_s));
    QVERIFY(!m_commandLines.isEmpty());
}

// (b) The console in process: an upload, polling to the confirmed print, a rejected call.
void TestSecrets::consoleSessionLogsNoKey()
{
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_sandbox->apiBaseUrl();
    endpoint.apiKey = m_sentinel;
    const QString dataDir = m_root.filePath(u"data-session"_s);
    {
        ConsoleSession session(endpoint, EnvironmentKind::Custom, ConsoleSettings());
        QVERIFY(test::openAndWait(session, dataDir).ok());
        // The poller's clock is read and moved on the core's thread only.
        QDateTime clock = QDateTime::currentDateTimeUtc();
        test::onCore(session, [&clock](ConsoleCore &core) {
            core.poller().setClock([&clock] { return clock; });
            core.poller().setTimerEnabled(false);
        });
        QVERIFY(test::startAndWait(session));
        OrderFacts facts;
        facts.receiverEmail = u"customer@example.com"_s;
        facts.price = *Decimal::fromString(u"19.90");
        facts.currency = u"EUR"_s;
        const QString file = makeStl(u"session.stl"_s, 15);
        QVERIFY(test::onCore(session, [&](ConsoleCore &core) {
                    return core.queue().addFile(file, facts);
                }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
        const Order order = *session.orders().orderAt(0);
        QVERIFY(m_sandbox->startPrint(order.token));
        const auto tracked = [&] {
            return test::onCore(
                session, [&](ConsoleCore &core) { return core.poller().isTracked(order.id); });
        };
        for (int i = 0; i < 200 && tracked(); ++i) {
            test::onCore(session, [&](ConsoleCore &core) {
                clock = std::max(clock, core.poller().nextDue(order.id));
                core.poller().processDue();
            });
            QTRY_COMPARE_WITH_TIMEOUT(
                test::onCore(session,
                             [](ConsoleCore &core) { return core.poller().inFlightCount(); }),
                0, kWait);
            m_sandboxSkipMs += 2000; // 20 simulated minutes of the print per round
        }
        QVERIFY(!tracked());
        QCOMPARE(test::onCore(session,
                              [&](ConsoleCore &core) {
                                  return (*core.store().order(order.id))->status.status;
                              }),
                 JobStatus::ConfirmedSuccess);

        // The store is open: its -wal and -shm exist and are searched now.
        QVERIFY(QFile::exists(dataDir + u"/orders.db-wal"_s));
        m_scannedWhileOpen.append(dataDir + u"/orders.db-wal"_s);
        const QStringList leaks = filesWithLeaks(dataDir);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    }

    // The key refused by another service: the error for people and the log detail.
    QNetworkAccessManager network;
    ServiceEndpoint wrong = endpoint;
    wrong.baseUrl = m_other->apiBaseUrl();
    ApiClient client(&network, wrong);
    QSignalSpy done(client.printStatus(u"0123456789abcdef0123456789abcdef"_s),
                    &PrintStatusJob::finished);
    QVERIFY(done.wait(kWait));
    const ApiError error = done.first().first().value<PrintStatusResult>().error;
    QVERIFY(error.isAuthenticationFailure());
    QVERIFY2(leaksIn((error.message + error.detail + error.serviceDescription).toUtf8()).isEmpty(),
             qPrintable(error.message));
}

// (b) The Settings dialog: the connection test, then the key saved for this session only
// (nowhere on disk) and in the owner-only file (that file only).
void TestSecrets::settingsDialogKeepsKeyInItsPlace()
{
    SecretStore keys;
    keys.setKeychainEnabled(false); // no keychain here; the fallbacks are what is tested
    m_settingsKeyFile = keys.keyFilePath();
    QVERIFY2(m_settingsKeyFile.startsWith(m_root.path()), qPrintable(m_settingsKeyFile));
    ConsoleSettings current;
    current.environment = EnvironmentKind::Custom;
    current.customBaseUrl = m_sandbox->apiBaseUrl();

    {
        SettingsDialog dialog(current, &keys);
        dialog.findChild<QLineEdit *>(u"apiKey"_s)->setText(m_sentinel);
        QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
        QTRY_VERIFY(dialog.findChild<QPushButton *>(u"testConnection"_s)->isEnabled());
        dialog.findChild<QPushButton *>(u"testConnection"_s)->click();
        QVERIFY(tested.wait(kWait));
        QVERIFY2(tested.first().first().toBool(), qPrintable(tested.first().at(1).toString()));

        // Session only: the key file stays unticked.
        QVERIFY(!dialog.findChild<QCheckBox *>(u"keyFile"_s)->isChecked());
        dialog.accept();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.keyChanged());
        QVERIFY(!QFile::exists(m_settingsKeyFile));
        QSettings settings; // where the main window saves the dialog's values
        QVERIFY2(settings.fileName().startsWith(m_root.path()), qPrintable(settings.fileName()));
        dialog.settings().save(settings);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        const QStringList leaks = filesWithLeaks(m_root.filePath(u"home-in-process"_s));
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    }
    {
        // The owner-only file: the one place on disk the key may be.
        SettingsDialog dialog(current, &keys);
        QTRY_COMPARE(dialog.findChild<QLineEdit *>(u"apiKey"_s)->text(), m_sentinel);
        dialog.findChild<QCheckBox *>(u"keyFile"_s)->setChecked(true);
        dialog.accept();
        QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
        QSettings settings;
        dialog.settings().save(settings);
        settings.sync();
    }
    QFile keyFile(m_settingsKeyFile);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QCOMPARE(keyFile.readAll().trimmed(), m_sentinel.toUtf8());
    QCOMPARE(keyFile.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(!QFile::exists(m_settingsKeyFile + u".new"_s));
    QCOMPARE(QFile(m_keyFile).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void TestSecrets::crashOutputIsRedacted_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("qFatal") << u"fatal"_s;
    QTest::newRow("qCritical then abort") << u"critical-abort"_s;
    QTest::newRow("uncaught exception") << u"throw"_s;
}

// (c) A process holding the key dies with the key in its last words: they come out redacted,
// and no core file is left behind.
void TestSecrets::crashOutputIsRedacted()
{
    QFETCH(QString, mode);
    QProcessEnvironment env = cliEnvironment(true);
    const Run crashed = run(kHelper, {mode}, env, u"helper "_s + mode);
    QCOMPARE(crashed.exitStatus, QProcess::CrashExit); // SIGABRT
    QVERIFY2(crashed.err.contains("REDACTED"), crashed.err.constData());
    QVERIFY2(leaksIn(crashed.out + crashed.err).isEmpty(), crashed.err.constData());
    const QStringList cores =
        QDir(m_root.filePath(u"files"_s)).entryList({u"core*"_s}, QDir::Files);
    QVERIFY2(cores.isEmpty(), qPrintable(cores.join(u' ')));
}

void TestSecrets::hardeningTurnsCoreDumpsOff_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("this build") << u"hardening"_s;
    QTest::newRow("as a release build") << u"hardening-forced"_s;
}

// pc::hardenProcess() in a child: release builds end with RLIMIT_CORE 0 and not dumpable;
// debug builds leave both as they were (developers want cores). A hardened process still
// reads its own /proc/self and starts programs, and others can still read its command line
// (which is how this suite watches every child's).
void TestSecrets::hardeningTurnsCoreDumpsOff()
{
    QFETCH(QString, mode);
    QProcess helper;
    helper.setProcessEnvironment(cliEnvironment(false));
    // The key as an argument, which no program of the console ever does: the command line
    // search below must see it, or the search of every other child's command line proves
    // nothing.
    helper.start(kHelper, {mode, m_sentinel});
    QVERIFY(helper.waitForStarted());
    QVERIFY(helper.waitForReadyRead(kWait));
    const QJsonObject state = QJsonDocument::fromJson(helper.readLine()).object();
    QVERIFY(!state.isEmpty());
    const bool release = mode == u"hardening-forced" || state.value(u"compiled_in").toBool();
#ifdef PC_EXPECT_HARDENED
    QVERIFY(state.value(u"compiled_in").toBool());
#else
    QVERIFY(!state.value(u"compiled_in").toBool());
#endif
    if (release) {
        QCOMPARE(state.value(u"core_soft").toDouble(), 0.0);
        QCOMPARE(state.value(u"core_hard").toDouble(), 0.0);
        QCOMPARE(state.value(u"dumpable").toInt(), 0);
        QVERIFY(state.value(u"core_dumps_off").toBool());
        QVERIFY(state.value(u"not_dumpable").toBool());
    } else {
        // A debug build changes nothing: the limits are the ones this process passed on.
        rlimit limit{};
        QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
        QCOMPARE(state.value(u"core_soft").toDouble(), double(limit.rlim_cur));
        QCOMPARE(state.value(u"core_hard").toDouble(), double(limit.rlim_max));
        QCOMPARE(state.value(u"dumpable").toInt(), 1);
    }
    QVERIFY(state.value(u"self_status_readable").toBool());
    QVERIFY(state.value(u"self_fds_listed").toBool());
    QVERIFY(state.value(u"spawns_children").toBool());

    // What others see of the (non-dumpable) process: cmdline and status are world-readable
    // whatever the dumpable flag; environ and mem need ptrace access, which the flag takes from
    // processes of the same user (root keeps it through CAP_SYS_PTRACE).
    const QString proc = u"/proc/%1/"_s.arg(helper.processId());
    QFile commandLine(proc + u"cmdline"_s);
    QVERIFY(commandLine.open(QIODevice::ReadOnly));
    const QByteArray arguments = commandLine.readAll();
    QVERIFY(arguments.startsWith(QFile::encodeName(kHelper)));
    QVERIFY(!leaksIn(arguments).isEmpty());
    QFile status(proc + u"status"_s);
    QVERIFY(status.open(QIODevice::ReadOnly));
    QVERIFY(status.readAll().contains("Name:"));
    QFile environ(proc + u"environ"_s);
    const bool environReadable = environ.open(QIODevice::ReadOnly) && environ.read(1).size() == 1;
    qInfo() << mode << "environ readable by this process (uid" << geteuid()
            << "):" << environReadable;
    if (release && geteuid() != 0)
        QVERIFY(!environReadable);

    helper.write("done\n");
    QVERIFY(helper.waitForFinished(kWait));
    QCOMPARE(helper.exitCode(), 0);
}

// Everything on disk under the run's folder, the allowed key files excepted.
void TestSecrets::noFileHoldsTheKey()
{
    QVERIFY(!m_csvFile.isEmpty());
    QVERIFY(QFile::exists(m_settingsKeyFile));
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList all;
    while (it.hasNext())
        all.append(it.next());
    // What must have been searched: the CLI's store and settings folders, the session's store,
    // the settings file, the CSV, the sandbox uploads.
    const auto any = [&all](const QString &part) {
        return std::any_of(all.cbegin(), all.cend(),
                           [&part](const QString &path) { return path.contains(part); });
    };
    QVERIFY(any(u"home-cli/data/"_s));
    QVERIFY(any(u"data-session/orders.db"_s));
    QVERIFY(any(u"home-in-process/.qttest/config/"_s));
    QVERIFY(any(u"tmp-in-process/partner-console-sandbox-"_s));
    qInfo() << "searched" << all.size() << "files, and" << m_outputs.size() << "outputs and"
            << m_commandLines.size() << "command lines of" << m_outputs.size() / 2 << "processes";
    QStringList relative;
    for (const QString &path : std::as_const(all))
        relative.append(
            QDir(m_root.path()).relativeFilePath(path) +
            (path == m_keyFile || path == m_settingsKeyFile ? u" (allowed)"_s : QString()));
    qInfo().noquote() << "files:" << relative.join(u", "_s);
    qInfo().noquote() << "searched while a store was open:" << m_scannedWhileOpen.join(u", "_s);
    const QStringList leaks = filesWithLeaks(m_root.path());
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    // The allowed files do hold it: the search would have found it anywhere else.
    QFile allowed(m_keyFile);
    QVERIFY(allowed.open(QIODevice::ReadOnly));
    QVERIFY(!leaksIn(allowed.readAll()).isEmpty());
}

// Every message this process logged while it held the key, at every pc.* level the test
// environment enables: after the redacting handler, and even before it (the core redacts at
// the source; the handler is the safety net).
void TestSecrets::noLogMessageHoldsTheKey()
{
    MessageLog &log = messageLog();
    QStringList raw;
    QStringList redacted;
    {
        QMutexLocker locker(&log.mutex); // copied: logging below takes the same lock
        raw = log.raw;
        redacted = log.redacted;
    }
    QVERIFY(raw.size() > 50);
    // The core redacts at the source: the rejected request's URL was logged with its key
    // replaced before any handler saw it.
    QVERIFY(std::any_of(raw.cbegin(), raw.cend(), [](const QString &message) {
        return message.contains(u"api_key=REDACTED"_s);
    }));
    qInfo() << "searched" << raw.size() << "log messages of this process";
    for (const QString &message : std::as_const(redacted))
        QVERIFY2(leaksIn(message.toUtf8()).isEmpty(), qPrintable(message));
    for (const QString &message : std::as_const(raw))
        QVERIFY2(leaksIn(message.toUtf8()).isEmpty(),
                 qPrintable(u"before redaction: "_s + message));
}

QTEST_MAIN(TestSecrets)
#include "tst_secrets.moc"
