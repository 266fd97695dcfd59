// The team database's password follows the API key's rules (issue 9; RELIABILITY.md,
// "Secrets"): it reaches no log, no output, no file but the owner-only one the user chose,
// no table of the database itself, and no command line.
//
// The secret is the PostgreSQL test server's own password (24 random characters, written by
// tests/postgres/pg-cluster.sh), plus a mistyped one ("DBWRONG-" and 32 random hex digits),
// which is as secret as the right one. The suite drives
//  (a) partner-console-cli with the password from each place it is taken from (the
//      --database-password-file, PARTNER_CONSOLE_DATABASE_PASSWORD, and what Settings kept
//      in the owner-only file): config, upload, orders (text, JSON, CSV), queue list, watch;
//      and the same with the mistyped password, which the server refuses; every pc.* log
//      category at debug level;
//  (b) in this process: Settings' "Test database" with both passwords and its save path
//      (the owner-only file), and a console session opened with the password;
// then searches every file under the run's folder, every output and command line of the CLI
// runs, every message this process logged, and every row of every table of the database.

#include "common/buildinfo.h"
#include "common/redaction.h"
#include "consolesession.h"
#include "orders/orderstore.h"
#include "ordertablemodel.h"
#include "sessioncore.h"
#include "settings/secretstore.h"
#include "settingsdialog.h"
#include "storesettingsbox.h"

#include "clitestenv.h"
#include "secretsearch.h"
#include "storetarget.h"

#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMutex>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pc;
using pc::test::StoreTarget;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
constexpr int kProcessTimeoutMs = 60000;

struct Captured
{
    QString label;
    QByteArray bytes;
};

QMutex g_logMutex;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void recordMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&g_logMutex);
        g_log.append(QString::fromLatin1(context.category ? context.category : "") + u": "_s +
                     message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

class TestDatabaseSecrets final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cliTakesThePasswordFromEachPlace_data();
    void cliTakesThePasswordFromEachPlace();
    void cliWithTheWrongPassword_data();
    void cliWithTheWrongPassword();
    void settingsAndSessionInProcess();
    void noOutputOrCommandLineHoldsIt();
    void noFileHoldsIt();
    void noTableHoldsIt();
    void noLogMessageHoldsIt();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    enum class Source { File, Environment, Settings };
    QProcessEnvironment environmentFor(Source source, const QString &password) const;
    QStringList argumentsFor(Source source, const QString &passwordFile) const;
    Run cli(const QStringList &arguments, const QProcessEnvironment &env, const QString &label);
    void writeOwnerOnly(const QString &path, const QString &text);
    QString cliConfigFolder() const
    {
        return m_cliHome + QStringLiteral("/config/DesignStreaming");
    }
    // The CLI runs' Settings: the team database chosen, `password` kept in the owner-only
    // file (what the dialog does on a machine without a keychain).
    void chooseInSettings(const QString &password);

    QTemporaryDir m_root;
    std::unique_ptr<StoreTarget> m_database;
    QString m_password;
    QString m_wrong;
    QList<test::SecretForms> m_secrets;
    QString m_cliHome;
    QString m_passwordFile;      // --database-password-file of the CLI runs: allowed
    QString m_wrongPasswordFile; // the same with the mistyped password: allowed
    QStringList m_allowed;       // the owner-only files the user chose
    QList<Captured> m_outputs;
    QList<Captured> m_commandLines;
};

void TestDatabaseSecrets::initTestCase()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("Needs the PostgreSQL test server (run through ctest: tst_databasesecrets_postgres)");
    QVERIFY(m_root.isValid());
    m_database = std::make_unique<StoreTarget>();
    QVERIFY(m_database->isValid());
    m_password = StoreTarget::password();
    QVERIFY(m_password.size() >= 16);
    const QString wrongCore = test::randomHex(16);
    m_wrong = u"DBWRONG-"_s + wrongCore;
    m_secrets = {test::formsOf(u"the database password"_s, m_password, m_password),
                 test::formsOf(u"the mistyped password"_s, m_wrong, wrongCore)};

    const QString home = m_root.filePath(u"home-in-process"_s);
    QVERIFY(QDir().mkpath(home));
    qputenv("HOME", QFile::encodeName(home));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home + u"/config"_s));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home + u"/data"_s));
    qputenv("PARTNER_CONSOLE_DATA_DIR", QFile::encodeName(home + u"/console-data"_s));
    qputenv("PGPASSFILE", QFile::encodeName(m_root.filePath(u"no-pgpass"_s)));
    QStandardPaths::setTestModeEnabled(true);
    setApplicationMetadata();
    // The chain the mains build: redaction in front, this recorder before it sees anything.
    installRedactingMessageHandler();
    g_previous = qInstallMessageHandler(recordMessage);

    m_cliHome = m_root.filePath(u"home-cli"_s);
    QVERIFY(QDir().mkpath(m_cliHome + u"/tmp"_s));
    QVERIFY(QDir().mkpath(m_root.filePath(u"keys"_s)));
    m_passwordFile = m_root.filePath(u"keys/database-password"_s);
    m_wrongPasswordFile = m_root.filePath(u"keys/mistyped-password"_s);
    writeOwnerOnly(m_passwordFile, m_password);
    writeOwnerOnly(m_wrongPasswordFile, m_wrong);
    m_allowed = {m_passwordFile, m_wrongPasswordFile};
    QVERIFY(QFile::copy(kTeapot, m_root.filePath(u"teapot.stl"_s)));
}

void TestDatabaseSecrets::cleanupTestCase()
{
    qInstallMessageHandler(g_previous);
    m_database.reset();
}

void TestDatabaseSecrets::writeOwnerOnly(const QString &path, const QString &text)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile::remove(path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    file.write(text.toUtf8() + '\n');
}

void TestDatabaseSecrets::chooseInSettings(const QString &password)
{
    QSettings settings(cliConfigFolder() + u"/partner-console.conf"_s, QSettings::IniFormat);
    settings.setValue(u"store/database_url"_s, m_database->location().displayName());
    settings.sync();
    const QString file = cliConfigFolder() + u"/partner-console/database-password"_s;
    writeOwnerOnly(file, password);
    if (!m_allowed.contains(file))
        m_allowed.append(file);
}

QProcessEnvironment TestDatabaseSecrets::environmentFor(Source source,
                                                        const QString &password) const
{
    QProcessEnvironment env = test::cliTestEnvironment(m_cliHome);
    env.insert(u"TMPDIR"_s, m_cliHome + u"/tmp"_s);
    env.insert(u"QT_LOGGING_RULES"_s, u"pc.*=true"_s);
    env.insert(u"PGPASSFILE"_s, m_root.filePath(u"no-pgpass"_s));
    env.remove(u"PARTNER_CONSOLE_DATABASE"_s);
    env.remove(u"PARTNER_CONSOLE_DATABASE_PASSWORD"_s);
    if (source != Source::Settings)
        env.insert(u"PARTNER_CONSOLE_DATABASE"_s, m_database->location().displayName());
    if (source == Source::Environment)
        env.insert(u"PARTNER_CONSOLE_DATABASE_PASSWORD"_s, password);
    return env;
}

QStringList TestDatabaseSecrets::argumentsFor(Source source, const QString &passwordFile) const
{
    return source == Source::File ? QStringList{u"--database-password-file"_s, passwordFile}
                                  : QStringList();
}

TestDatabaseSecrets::Run TestDatabaseSecrets::cli(const QStringList &arguments,
                                                  const QProcessEnvironment &env,
                                                  const QString &label)
{
    Run result;
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_root.path());
    process.start(kCli, arguments);
    if (!process.waitForStarted(10000))
        return result;
    QElapsedTimer clock;
    clock.start();
    while (process.state() != QProcess::NotRunning && clock.elapsed() < kProcessTimeoutMs) {
        QFile commandLine(u"/proc/%1/cmdline"_s.arg(process.processId()));
        if (commandLine.open(QIODevice::ReadOnly))
            m_commandLines.append({label, commandLine.readAll()});
        QTest::qWait(20);
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    m_outputs.append({label + u" (stdout)"_s, result.out});
    m_outputs.append({label + u" (stderr)"_s, result.err});
    return result;
}

void TestDatabaseSecrets::cliTakesThePasswordFromEachPlace_data()
{
    QTest::addColumn<int>("source");
    QTest::newRow("--database-password-file") << int(Source::File);
    QTest::newRow("PARTNER_CONSOLE_DATABASE_PASSWORD") << int(Source::Environment);
    QTest::newRow("settings") << int(Source::Settings);
}

void TestDatabaseSecrets::cliTakesThePasswordFromEachPlace()
{
    QFETCH(int, source);
    const auto from = Source(source);
    if (from == Source::Settings)
        chooseInSettings(m_password);
    const QProcessEnvironment env = environmentFor(from, m_password);
    const QStringList global = argumentsFor(from, m_passwordFile);
    const QString label = QString::fromLatin1(QTest::currentDataTag());

    const Run shown =
        cli(global + QStringList{u"--json"_s, u"config"_s}, env, label + u" config"_s);
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains("database_password_source"), shown.out.constData());
    const Run upload = cli(global + QStringList{u"upload"_s, m_root.filePath(u"teapot.stl"_s),
                                                u"--email"_s, u"c@example.com"_s, u"--value"_s,
                                                u"3"_s, u"--currency"_s, u"EUR"_s},
                           env, label + u" upload"_s);
    QVERIFY2(upload.exitCode == 0, upload.err.constData());
    for (const QStringList &command :
         {QStringList{u"orders"_s}, QStringList{u"--json"_s, u"orders"_s},
          QStringList{u"orders"_s, u"--csv"_s}, QStringList{u"queue"_s, u"list"_s},
          QStringList{u"watch"_s, u"--for"_s, u"2"_s}}) {
        const Run run = cli(global + command, env, label + u' ' + command.join(u' '));
        QVERIFY2(run.exitCode == 0,
                 qPrintable(command.join(u' ') + u": "_s + QString::fromUtf8(run.err)));
    }
    if (from == Source::Settings)
        QFile::remove(cliConfigFolder() + u"/partner-console.conf"_s);
}

void TestDatabaseSecrets::cliWithTheWrongPassword_data()
{
    cliTakesThePasswordFromEachPlace_data();
}

void TestDatabaseSecrets::cliWithTheWrongPassword()
{
    QFETCH(int, source);
    const auto from = Source(source);
    if (from == Source::Settings)
        chooseInSettings(m_wrong);
    const Run run = cli(argumentsFor(from, m_wrongPasswordFile) + QStringList{u"orders"_s},
                        environmentFor(from, m_wrong),
                        QString::fromLatin1(QTest::currentDataTag()) + u" wrong password"_s);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("password is wrong or missing"), run.err.constData());
    if (from == Source::Settings) {
        chooseInSettings(m_password); // the right one again, the one allowed there
        QFile::remove(cliConfigFolder() + u"/partner-console.conf"_s);
    }
}

void TestDatabaseSecrets::settingsAndSessionInProcess()
{
    // Settings: both passwords tested, then the right one kept in the owner-only file.
    SecretStore keys;
    keys.setKeychainEnabled(false);
    SecretStore passwords(SecretStore::Secret::DatabasePassword);
    passwords.setKeychainEnabled(false);
    ConsoleSettings chosen;
    chosen.databaseUrl = m_database->location().displayName();
    SettingsDialog dialog(chosen, &keys, &passwords);
    auto *field = dialog.findChild<QLineEdit *>(u"databasePassword"_s);
    auto *test = dialog.findChild<QPushButton *>(u"testDatabase"_s);
    QSignalSpy tested(dialog.findChild<StoreSettingsBox *>(u"storeSettings"_s),
                      &StoreSettingsBox::connectionTested);
    field->setText(m_wrong);
    test->click();
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.last().at(0).toBool(), false);
    field->setText(m_password);
    test->click();
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.last().at(0).toBool(), true);
    dialog.findChild<QCheckBox *>(u"databasePasswordFile"_s)->setChecked(true);
    dialog.accept();
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    m_allowed.append(passwords.keyFilePath());
    QCOMPARE(QFile(passwords.keyFilePath()).permissions() &
                 (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                  QFileDevice::WriteOther),
             QFileDevice::Permissions());
    {
        QSettings settings;
        dialog.settings().save(settings);
    }

    // A console session on the team database, with its queue and poller running.
    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:9/api3/"_s);
    ConsoleSession session(endpoint, EnvironmentKind::Sandbox, dialog.settings());
    QString error;
    const std::optional<StoreLocation> location =
        dialog.settings().storeLocation(OrderStore::defaultDataFolder(), &error);
    QVERIFY2(location, qPrintable(error));
    const OpenResult opened = test::openAndWait(session, *location, passwords.loadNow().key);
    QVERIFY2(opened.outcome != OpenResult::Outcome::Failed, qPrintable(opened.message));
    QVERIFY(test::startAndWait(session));
    QTRY_VERIFY(session.orders().rowCount() >= 3); // the CLI runs' uploads
    // And a session refused for the mistyped password, whose message is shown to the user.
    ConsoleSession refused(endpoint, EnvironmentKind::Sandbox, dialog.settings());
    const OpenResult failed = test::openAndWait(refused, *location, m_wrong);
    QCOMPARE(failed.outcome, OpenResult::Outcome::Failed);
    QVERIFY(test::leaksIn(m_secrets, failed.message.toUtf8()).isEmpty());
}

void TestDatabaseSecrets::noOutputOrCommandLineHoldsIt()
{
    QVERIFY(m_outputs.size() >= 40);
    for (const Captured &output : std::as_const(m_outputs))
        QVERIFY2(test::leaksIn(m_secrets, output.bytes).isEmpty(),
                 qPrintable(output.label + u": "_s + test::leaksIn(m_secrets, output.bytes)));
    QVERIFY(!m_commandLines.isEmpty());
    for (const Captured &line : std::as_const(m_commandLines))
        QVERIFY2(test::leaksIn(m_secrets, line.bytes).isEmpty(),
                 qPrintable(line.label + u" command line"_s));
}

void TestDatabaseSecrets::noFileHoldsIt()
{
    const QStringList leaks = test::filesWithLeaks(m_secrets, m_root.path(), m_allowed);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    // The search would have found it: the allowed files hold it.
    QFile allowed(m_passwordFile);
    QVERIFY(allowed.open(QIODevice::ReadOnly));
    QVERIFY(!test::leaksIn(m_secrets, allowed.readAll()).isEmpty());
    // And the settings file names the database (so it was written and searched).
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(settings.readAll().contains(m_database->location().databaseName().toUtf8()));
}

void TestDatabaseSecrets::noTableHoldsIt()
{
    const QString name = u"pc.test.tables"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        const StoreLocation location = m_database->location();
        db.setHostName(location.host());
        db.setPort(location.port());
        db.setUserName(location.userName());
        db.setPassword(m_password);
        db.setDatabaseName(location.databaseName());
        QVERIFY(db.open());
        QSqlQuery tables(db);
        QVERIFY(tables.exec(u"SELECT tablename FROM pg_tables WHERE schemaname = 'public'"_s));
        int searched = 0;
        while (tables.next()) {
            const QString table = tables.value(0).toString();
            QSqlQuery rows(db);
            QVERIFY(rows.exec(u"SELECT t::text FROM %1 t"_s.arg(table)));
            QByteArray all;
            while (rows.next())
                all += rows.value(0).toString().toUtf8() + '\n';
            QVERIFY2(test::leaksIn(m_secrets, all).isEmpty(), qPrintable(table));
            ++searched;
        }
        QVERIFY(searched >= 5);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void TestDatabaseSecrets::noLogMessageHoldsIt()
{
    QStringList log;
    {
        QMutexLocker locker(&g_logMutex);
        log = g_log;
    }
    QVERIFY(log.size() > 5);
    for (const QString &message : std::as_const(log))
        QVERIFY2(test::leaksIn(m_secrets, message.toUtf8()).isEmpty(), qPrintable(message));
}

QTEST_MAIN(TestDatabaseSecrets)
#include "tst_databasesecrets.moc"
