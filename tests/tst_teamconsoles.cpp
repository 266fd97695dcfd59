// Team mode end to end (issue 9): three console processes on one PostgreSQL database and one
// sandbox. Each console (its own data folder, so its own console id) uploads its designs with
// `partner-console-cli upload`, then all three follow every open order at once with
// `partner-console-cli watch`. The sandbox counts the status requests per token: every token
// is asked about no more often than every 15 s across all three (three independent pollers
// would ask within moments of each other), each console's uploads became orders once, and
// `orders --json` shows the same orders with the same statuses in all three.
// Runs only as tst_teamconsoles_postgres.

#include "sandbox/sandboxserver.h"
#include "storetarget.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using pc::test::StoreTarget;

namespace {

const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
constexpr int kConsoles = 3;
constexpr int kFilesPerConsole = 2;
constexpr int kWatchSeconds = 50;

struct Console
{
    QString name;
    QString dataFolder;
    QProcessEnvironment environment;
};

} // namespace

class TestTeamConsoles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void threeConsolesShareTheWork();
    void aDeskJoinsThroughSettings();

private:
    QProcess *startCli(const Console &console, const QStringList &arguments);
    // Runs to the end; the standard output, or a failure with both streams.
    QByteArray finish(QProcess *process, int timeoutMs);
    QMap<QString, QString> ordersOf(const Console &console);

    QTemporaryDir m_home;
    std::unique_ptr<StoreTarget> m_database;
    std::unique_ptr<SandboxServer> m_sandbox;
    QList<Console> m_consoles;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

void TestTeamConsoles::initTestCase()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("team mode needs the PostgreSQL test server (tst_teamconsoles_postgres)");
    QVERIFY(m_home.isValid());
    m_database = std::make_unique<StoreTarget>();
    QVERIFY(m_database->isValid());

    SandboxConfig config;
    config.apiKey = u"team-sandbox-key-0123456789"_s;
    config.speed = 600;            // a print of an hour takes six seconds
    config.autoPrintSeconds = 1.0; // the customers start printing by themselves
    config.outcome = PrintOutcome::Success;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));

    const QString url = m_database->location().url.toString();
    for (int i = 1; i <= kConsoles; ++i) {
        Console console;
        console.name = u"desk-%1"_s.arg(i);
        console.dataFolder = m_home.filePath(console.name);
        QVERIFY(QDir().mkpath(console.dataFolder));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"QT_LOGGING_RULES"_s);
        env.insert(u"HOME"_s, console.dataFolder);
        env.insert(u"PARTNER_CONSOLE_DATA_DIR"_s, console.dataFolder + u"/data"_s);
        env.insert(u"PARTNER_CONSOLE_DATABASE"_s, url);
        env.insert(u"PARTNER_CONSOLE_DATABASE_PASSWORD"_s, StoreTarget::password());
        env.insert(u"PARTNER_CONSOLE_API_KEY"_s, config.apiKey);
        console.environment = env;
        m_consoles.append(console);
    }
}

QProcess *TestTeamConsoles::startCli(const Console &console, const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(console.environment);
    process->setWorkingDirectory(console.dataFolder);
    process->start(QStringLiteral(PC_CLI_PATH),
                   QStringList{u"--base-url"_s, m_sandbox->apiBaseUrl().toString()} + arguments);
    m_processes.push_back(std::move(process));
    return m_processes.back().get();
}

QByteArray TestTeamConsoles::finish(QProcess *process, int timeoutMs)
{
    // The sandbox lives in this process: keep its event loop turning while the CLI works.
    QDeadlineTimer deadline(timeoutMs);
    while (process->state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(50);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        process->waitForFinished(5000);
    }
    const QByteArray out = process->readAllStandardOutput();
    const QByteArray err = process->readAllStandardError();
    if (process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0)
        qWarning("%s %s failed (exit %d):\n%s\n%s", qPrintable(process->program()),
                 qPrintable(process->arguments().join(u' ')), process->exitCode(), out.constData(),
                 err.constData());
    return process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0 ? out
                                                                                     : QByteArray();
}

// token -> print status, as `orders --json` of that console shows them.
QMap<QString, QString> TestTeamConsoles::ordersOf(const Console &console)
{
    const QByteArray out = finish(startCli(console, {u"--json"_s, u"orders"_s}), 60000);
    QMap<QString, QString> orders;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject order = QJsonDocument::fromJson(line).object();
        orders.insert(order.value(u"token").toString(),
                      order.value(u"printing_job_status").toString());
    }
    return orders;
}

void TestTeamConsoles::threeConsolesShareTheWork()
{
    // Each console uploads its own designs, all three at once.
    QList<QProcess *> uploads;
    for (const Console &console : std::as_const(m_consoles)) {
        QStringList files;
        for (int f = 0; f < kFilesPerConsole; ++f) {
            const QString file = console.dataFolder + u"/%1-part%2.stl"_s.arg(console.name).arg(f);
            QVERIFY(QFile::copy(kTeapot, file));
            files.append(file);
        }
        uploads.append(
            startCli(console, QStringList{u"upload"_s} + files +
                                  QStringList{u"--email"_s, u"customer@example.com"_s, u"--value"_s,
                                              u"9.90"_s, u"--currency"_s, u"EUR"_s}));
    }
    for (QProcess *upload : std::as_const(uploads))
        QVERIFY(!finish(upload, 120000).isEmpty());
    const QMap<QString, QString> before = ordersOf(m_consoles.first());
    QCOMPARE(before.size(), kConsoles * kFilesPerConsole);

    // All three follow every open order at the same time.
    QList<QProcess *> watchers;
    for (const Console &console : std::as_const(m_consoles))
        watchers.append(
            startCli(console, {u"watch"_s, u"--for"_s, QString::number(kWatchSeconds)}));
    for (QProcess *watcher : std::as_const(watchers))
        QVERIFY(!finish(watcher, (kWatchSeconds + 60) * 1000).isNull());

    int requests = 0;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QString &token = it.key();
        const int count = m_sandbox->statusRequestCount(token);
        requests += count;
        QVERIFY2(count >= 2, qPrintable(u"token %1 asked %2 times"_s.arg(token).arg(count)));
        const std::optional<std::chrono::milliseconds> shortest =
            m_sandbox->shortestStatusInterval(token);
        QVERIFY(shortest);
        // 15 s on the poller's clock; the sandbox's clock sees the same requests a little
        // earlier or later (network and scheduling), never seconds apart.
        QVERIFY2(
            *shortest >= 14'500ms,
            qPrintable(u"token %1 asked twice within %2 ms"_s.arg(token).arg(shortest->count())));
    }
    qInfo("%d status requests for %lld tokens over %d s by %d consoles", requests,
          qlonglong(before.size()), kWatchSeconds, kConsoles);

    // The same orders, with the same statuses, in every console.
    const QMap<QString, QString> reference = ordersOf(m_consoles.first());
    QCOMPARE(reference.keys(), before.keys());
    for (const Console &console : std::as_const(m_consoles))
        QCOMPARE(ordersOf(console), reference);
}

void TestTeamConsoles::aDeskJoinsThroughSettings()
{
    // A fourth desk set up in the console's Settings only: the address in the settings file,
    // the password in the owner-only file (this machine has no keychain). The CLI on that
    // desk works on the team database with neither --database nor the variables.
    Console desk;
    desk.name = u"desk-settings"_s;
    desk.dataFolder = m_home.filePath(desk.name);
    const QString config = desk.dataFolder + u"/.config/DesignStreaming"_s;
    QVERIFY(QDir().mkpath(config + u"/partner-console"_s));
    QProcessEnvironment env = m_consoles.first().environment;
    env.remove(u"PARTNER_CONSOLE_DATABASE"_s);
    env.remove(u"PARTNER_CONSOLE_DATABASE_PASSWORD"_s);
    env.remove(u"XDG_CONFIG_HOME"_s);
    env.insert(u"HOME"_s, desk.dataFolder);
    env.insert(u"PARTNER_CONSOLE_DATA_DIR"_s, desk.dataFolder + u"/data"_s);
    env.insert(u"PGPASSFILE"_s, desk.dataFolder + u"/no-pgpass"_s);
    desk.environment = env;
    {
        QSettings settings(config + u"/partner-console.conf"_s, QSettings::IniFormat);
        settings.setValue(u"store/database_url"_s, m_database->location().url.toString());
    }
    QFile password(config + u"/partner-console/database-password"_s);
    QVERIFY(password.open(QIODevice::WriteOnly));
    QVERIFY(password.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    password.write(StoreTarget::password().toUtf8() + '\n');
    password.close();

    const QJsonObject shown =
        QJsonDocument::fromJson(finish(startCli(desk, {u"--json"_s, u"config"_s}), 60000)).object();
    QCOMPARE(shown.value(u"database_source"_s).toString(), u"settings"_s);
    QCOMPARE(shown.value(u"database"_s).toString(), m_database->location().displayName());
    QVERIFY2(shown.value(u"database_password_source"_s).toString().contains(password.fileName()),
             qPrintable(shown.value(u"database_password_source"_s).toString()));
    QVERIFY(!QJsonDocument(shown).toJson().contains(StoreTarget::password().toUtf8()));
    QCOMPARE(ordersOf(desk), ordersOf(m_consoles.first()));

    // A damaged address in Settings is named as such, not taken for a folder.
    {
        QSettings settings(config + u"/partner-console.conf"_s, QSettings::IniFormat);
        settings.setValue(u"store/database_url"_s, u"postgresql://nobody-at-all/orders"_s);
    }
    QProcess *broken = startCli(desk, {u"orders"_s});
    QVERIFY(broken->waitForFinished(60000)); // no service call: the sandbox may sleep
    QCOMPARE(broken->exitCode(), 3);
    const QByteArray err = broken->readAllStandardError();
    QVERIFY2(err.contains("Settings"), err.constData());
}

QTEST_GUILESS_MAIN(TestTeamConsoles)
#include "tst_teamconsoles.moc"
