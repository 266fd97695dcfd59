#include "cli/clicontext.h"

#include "common/redaction.h"
#include "common/secretfile.h"
#include "orders/orderstore.h"
#include "sandbox/sandboxserver.h"
#include "settings/consolesettings.h"
#include "settings/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

const QString kApiKeyVariable = u"PARTNER_CONSOLE_API_KEY"_s;
const QString kDatabaseVariable = u"PARTNER_CONSOLE_DATABASE"_s;
const QString kDatabasePasswordVariable = u"PARTNER_CONSOLE_DATABASE_PASSWORD"_s;

} // namespace

GlobalOptions::GlobalOptions()
    : baseUrl(u"base-url"_s,
              CliText::tr("Service base URL (http or https, any host and port), for example "
                          "https://widget.sendshapes.com:3443/api3/. Needs an API key."),
              u"URL"_s)
    , environment(
          u"environment"_s,
          CliText::tr("sandbox (the built-in service on this machine) or production. Default: "
                      "production when an API key is configured, else sandbox."),
          u"NAME"_s)
    , apiKeyFile(
          u"api-key-file"_s,
          CliText::tr("Read the partner API key from this file (first line). Otherwise the "
                      "PARTNER_CONSOLE_API_KEY environment variable is used. Never pass a key "
                      "on the command line."),
          u"PATH"_s)
    , dataDir(u"data-dir"_s,
              CliText::tr(
                  "Folder for the console's data. Otherwise PARTNER_CONSOLE_DATA_DIR, otherwise "
                  "the standard application data folder."),
              u"DIR"_s)
    , database(u"database"_s,
               CliText::tr("Where the orders are kept: a folder (the SQLite file, the default) "
                           "or, in team mode, postgresql://USER@HOST[:PORT]/DATABASE. Otherwise "
                           "PARTNER_CONSOLE_DATABASE, otherwise the console's Settings. Never "
                           "put the password in the URL."),
               u"URL"_s)
    , databasePasswordFile(
          u"database-password-file"_s,
          CliText::tr("Read the PostgreSQL password from this file (first line). Otherwise "
                      "PARTNER_CONSOLE_DATABASE_PASSWORD, otherwise the password kept by the "
                      "console's Settings, otherwise ~/.pgpass."),
          u"PATH"_s)
    , timeout(u"timeout"_s,
              CliText::tr("Abort a request when no data moved for this many seconds (default 60)."),
              u"SECONDS"_s, u"60"_s)
    , maxTime(u"max-time"_s,
              CliText::tr("Stop after this many seconds in all, whatever is still running "
                          "(exit code 5). Unfinished uploads stay in the queue; \"queue run\" "
                          "goes on with them."),
              u"SECONDS"_s)
    , json(u"json"_s,
           CliText::tr("Print results as one JSON object per line; errors as JSON on stderr."))
{}

void GlobalOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({baseUrl, environment, apiKeyFile, dataDir, database, databasePasswordFile,
                       timeout, maxTime, json});
}

CliContext::CliContext(const QCommandLineParser &parser, const GlobalOptions &options)
    : m_parser(parser)
    , m_options(options)
    , m_out(parser.isSet(options.json))
{}

CliContext::~CliContext() = default;

int CliContext::readApiKeyFile(QString *key)
{
    const QString path = m_parser.value(m_options.apiKeyFile);
    const SecretFile file = SecretFile::read(path);
    if (!file.isValid())
        return m_out.invalidInput(
            CliText::tr("The API key file was not used: %1").arg(file.problem));
    *key = file.secret;
    registerSecret(*key);
    m_apiKeySource = u"--api-key-file"_s;
    return ExitSuccess;
}

int CliContext::resolveApiKey(QString *key, bool lookInKeyStore)
{
    if (m_parser.isSet(m_options.apiKeyFile))
        return readApiKeyFile(key);
    *key = qEnvironmentVariable(qPrintable(kApiKeyVariable)).trimmed();
    if (const qsizetype at = SecretFile::controlCharacterAt(*key); at > 0) {
        key->clear();
        return m_out.invalidInput(
            CliText::tr("PARTNER_CONSOLE_API_KEY holds a control character (a NUL, an escape or "
                        "a carriage return, for example) at character %1, so it was not used: "
                        "a key is plain printable text. Set the variable again to the key "
                        "alone.")
                .arg(at));
    }
    if (!key->isEmpty()) {
        registerSecret(*key);
        m_apiKeySource = kApiKeyVariable;
        return ExitSuccess;
    }
    if (!lookInKeyStore)
        return ExitSuccess;
    *key = storedSecret(SecretStore::Secret::ApiKey, u"key file "_s, &m_apiKeySource);
    return ExitSuccess;
}

QString CliContext::storedSecret(SecretStore::Secret secret, const QString &fileLabel,
                                 QString *source)
{
    // The entry the console's Settings write: the system keychain, or the file readable only
    // by the user when they chose it on a machine without a keychain.
    SecretStore store(secret);
    const SecretStore::Loaded stored = store.loadNow();
    // A problem is news only when it cost the secret, and "no keychain here" only to someone
    // who stored it in one.
    if (stored.key.isEmpty() && !stored.problem.isEmpty() &&
        (stored.keychainAvailable || QFile::exists(store.keyFilePath())))
        m_out.note(stored.problem);
    if (!stored.key.isEmpty())
        *source = stored.location == SecretStore::Location::Keychain
                      ? u"keychain"_s
                      : fileLabel + store.keyFilePath();
    return stored.key;
}

int CliContext::startDeadline()
{
    if (!m_parser.isSet(m_options.maxTime))
        return ExitSuccess;
    bool ok = false;
    const QString maxTime = m_parser.value(m_options.maxTime);
    m_maxTimeSeconds = maxTime.trimmed() == maxTime ? maxTime.toInt(&ok) : 0;
    if (!ok || m_maxTimeSeconds < 1 || m_maxTimeSeconds > 7 * 86400)
        return m_out.usageError(
            CliText::tr("--max-time needs a number of seconds from 1 to 604800 (a week)."));
    m_deadline = std::make_unique<QTimer>();
    m_deadline->setSingleShot(true);
    m_deadline->setTimerType(Qt::CoarseTimer);
    QObject::connect(m_deadline.get(), &QTimer::timeout, m_deadline.get(),
                     [this] { m_deadlineReached = true; });
    m_deadline->start(std::chrono::seconds(m_maxTimeSeconds));
    m_deadlineAt = QDeadlineTimer(std::chrono::seconds(m_maxTimeSeconds));
    return ExitSuccess;
}

void CliContext::quitAtDeadline(QEventLoop &loop) const
{
    if (m_deadline)
        QObject::connect(m_deadline.get(), &QTimer::timeout, &loop, &QEventLoop::quit);
}

int CliContext::reportDeadline(bool uploads) const
{
    return m_out.error(ExitTimeLimit, u"max_time"_s,
                       uploads
                           ? CliText::tr("Stopped after --max-time %1 s. Uploads that had not "
                                         "finished stay in the queue with their tokens: "
                                         "\"partner-console-cli queue run\" goes on with "
                                         "them.")
                                 .arg(m_maxTimeSeconds)
                           : CliText::tr("Stopped after --max-time %1 s.").arg(m_maxTimeSeconds));
}

ApiError CliContext::noAnswerBeforeDeadline() const
{
    ApiError error = ApiError::aborted();
    error.message = CliText::tr("No answer before --max-time ran out.");
    return error;
}

int CliContext::connect()
{
    if (m_client)
        return ExitSuccess;

    bool ok = false;
    const int timeoutSeconds = m_parser.value(m_options.timeout).toInt(&ok);
    if (!ok || timeoutSeconds < 1 || timeoutSeconds > 86400)
        return m_out.usageError(
            CliText::tr("--timeout needs a number of seconds from 1 to 86400."));
    m_endpoint.idleTimeout = std::chrono::seconds(timeoutSeconds);

    std::optional<EnvironmentKind> requested;
    if (m_parser.isSet(m_options.environment)) {
        requested = environmentKindFromName(m_parser.value(m_options.environment));
        if (!requested)
            return m_out.usageError(
                CliText::tr("Unknown environment \"%1\": use sandbox or production.")
                    .arg(m_parser.value(m_options.environment)));
    }

    const bool sandboxRequested = requested == EnvironmentKind::Sandbox;
    QString key;
    if (const int code = resolveApiKey(&key, !sandboxRequested); code != ExitSuccess)
        return code;

    if (m_parser.isSet(m_options.baseUrl)) {
        QString error;
        const auto url =
            ServiceEndpoint::normalizeBaseUrl(m_parser.value(m_options.baseUrl), &error);
        if (!url)
            return m_out.usageError(error);
        m_environment = sandboxRequested ? EnvironmentKind::Sandbox : EnvironmentKind::Custom;
        m_endpoint.baseUrl = *url;
    } else if (requested == EnvironmentKind::Production || (!sandboxRequested && !key.isEmpty())) {
        m_environment = EnvironmentKind::Production;
        m_endpoint.baseUrl = ServiceEndpoint::defaultProductionBaseUrl();
    } else {
        m_environment = EnvironmentKind::Sandbox;
    }

    if (m_endpoint.baseUrl.isEmpty()) {
        // The built-in sandbox of the data folder, in this process: it serves this command
        // from the state the window and earlier commands left (SandboxState), simulating
        // prints as the window's Sandbox menu chose.
        QSettings settings;
        const SandboxSimulation simulation = ConsoleSettings::load(settings).sandboxSimulation;
        SandboxConfig config;
        config.stateFolder = sandboxStateFolder();
        config.speed = simulation.speed;
        config.autoPrintSeconds = simulation.autoPrintSeconds;
        config.outcome = simulation.outcome;
        m_sandbox = std::make_unique<SandboxServer>(config);
        if (!m_sandbox->listen(0))
            return m_out.error(ExitServiceError, u"sandbox"_s,
                               CliText::tr("The built-in sandbox could not start: %1")
                                   .arg(m_sandbox->errorString()));
        m_endpoint.baseUrl = m_sandbox->apiBaseUrl();
        m_endpoint.apiKey = m_sandbox->apiKey();
        m_apiKeySource = u"sandbox"_s;
        m_out.note(
            CliText::tr("Using the built-in sandbox at %1 (no partner key configured). Its "
                        "tokens and prints are kept in %2 for the next command and the window.")
                .arg(m_endpoint.baseUrl.toString(), m_sandbox->stateFolder()));
    } else {
        if (key.isEmpty())
            return m_out.usageError(
                CliText::tr("No API key for %1: put it in a file readable only by you and pass "
                            "--api-key-file PATH, or set PARTNER_CONSOLE_API_KEY.")
                    .arg(m_endpoint.baseUrl.toString()));
        m_endpoint.apiKey = key;
    }
    m_client = std::make_unique<ApiClient>(&m_network, m_endpoint);
    return ExitSuccess;
}

QString CliContext::dataDir() const
{
    const QString dir = m_parser.value(m_options.dataDir);
    return dir.isEmpty() ? OrderStore::defaultDataFolder()
                         : QDir::cleanPath(QDir(dir).absolutePath());
}

QString CliContext::sandboxStateFolder() const
{
    return SandboxServer::stateFolderOf(dataDir());
}

int CliContext::storeLocation(StoreLocation *location)
{
    QString text = m_parser.value(m_options.database);
    QString source = u"--database"_s;
    if (text.isEmpty()) {
        text = qEnvironmentVariable(qPrintable(kDatabaseVariable)).trimmed();
        source = kDatabaseVariable;
    }
    if (text.isEmpty()) {
        // The console's Settings on this desktop: a team database chosen there is where this
        // desktop's orders are, for the CLI too.
        QSettings settings;
        text = ConsoleSettings::load(settings).databaseUrl;
        source = u"settings"_s;
    }
    if (text.isEmpty()) {
        *location = StoreLocation::folder(dataDir());
        m_databaseSource = u"data folder"_s;
        return ExitSuccess;
    }
    QString error;
    const std::optional<StoreLocation> parsed = StoreLocation::parse(text, &error);
    if (!parsed) {
        if (source == u"settings"_s)
            return m_out.error(ExitInvalidInput, u"settings"_s,
                               CliText::tr("The team database in the console's Settings is not "
                                           "usable: %1 Correct it in Settings, or name the "
                                           "database with --database.")
                                   .arg(error));
        return m_out.usageError(u"%1: %2"_s.arg(source, error));
    }
    *location = *parsed;
    m_databaseSource = source;
    if (location->isPostgres())
        location->dataFolder = dataDir(); // this console's own files, and its identity
    return ExitSuccess;
}

int CliContext::resolveDatabasePassword(QString *password)
{
    if (m_parser.isSet(m_options.databasePasswordFile)) {
        const QString path = m_parser.value(m_options.databasePasswordFile);
        const SecretFile file = SecretFile::read(path);
        if (!file.isValid())
            return m_out.invalidInput(
                CliText::tr("The database password file was not used: %1").arg(file.problem));
        *password = file.secret;
        registerSecret(*password);
        m_databasePasswordSource = u"--database-password-file"_s;
        return ExitSuccess;
    }
    *password = qEnvironmentVariable(qPrintable(kDatabasePasswordVariable));
    registerSecret(*password);
    if (!password->isEmpty()) {
        m_databasePasswordSource = kDatabasePasswordVariable;
        return ExitSuccess;
    }
    // What the console's Settings stored, under the same rules as the API key.
    *password = storedSecret(SecretStore::Secret::DatabasePassword, u"password file "_s,
                             &m_databasePasswordSource);
    if (!password->isEmpty())
        return ExitSuccess;
    m_databasePasswordSource = u"~/.pgpass"_s; // empty: libpq looks there (PGPASSFILE)
    return ExitSuccess;
}

int CliContext::openStore(OrderStore &store)
{
    StoreLocation location;
    if (const int code = storeLocation(&location); code != ExitSuccess)
        return code;
    QString password;
    if (location.isPostgres()) {
        if (const int code = resolveDatabasePassword(&password); code != ExitSuccess)
            return code;
    }
    const OpenResult opened = store.open(location, password);
    if (opened.outcome == OpenResult::Outcome::Failed)
        return m_out.error(ExitServiceError, u"store"_s, opened.message);
    if (opened.outcome == OpenResult::Outcome::Recovered)
        m_out.note(opened.message);
    if (m_sandbox && m_sandbox->previousServerUrl()) {
        // The sandbox took another port than last time: the stored print page links follow.
        const StoreResult<int> moved = store.rewriteLinkOrigin(
            environmentKey(), *m_sandbox->previousServerUrl(), m_sandbox->serverUrl());
        if (!moved)
            m_out.note(moved.error().message);
    }
    return ExitSuccess;
}

QString CliContext::environmentKey() const
{
    return orderEnvironmentKey(m_environment, m_endpoint.baseUrl);
}

} // namespace pc::cli
