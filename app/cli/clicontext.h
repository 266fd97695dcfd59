#pragma once

#include "api/apiclient.h"
#include "cli/clioutput.h"
#include "settings/secretstore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <memory>

namespace pc {
class OrderStore;
class SandboxServer;
struct StoreLocation;
} // namespace pc

namespace pc::cli {

// Options every command accepts.
struct GlobalOptions
{
    GlobalOptions();
    void addTo(QCommandLineParser &parser) const;

    QCommandLineOption baseUrl;
    QCommandLineOption environment;
    QCommandLineOption apiKeyFile;
    QCommandLineOption dataDir;
    QCommandLineOption database;
    QCommandLineOption databasePasswordFile;
    QCommandLineOption timeout;
    QCommandLineOption json;
};

// What a command needs from the command line: output, the service client (created on
// demand: connect()), the data folder. Starting a built-in sandbox when no key is configured
// happens here, so every command behaves the same way.
class CliContext final
{
    Q_DISABLE_COPY_MOVE(CliContext)

public:
    CliContext(const QCommandLineParser &parser, const GlobalOptions &options);
    ~CliContext();

    const CliOutput &out() const { return m_out; }
    const QCommandLineParser &parser() const { return m_parser; }

    // Resolves the environment, the base URL and the API key, starting the built-in sandbox
    // when that is the environment. Returns ExitSuccess, or prints the problem and returns
    // its exit code.
    int connect();
    ApiClient &client() { return *m_client; }
    EnvironmentKind environment() const { return m_environment; }
    QUrl baseUrl() const { return m_endpoint.baseUrl; }
    // Where the key came from ("--api-key-file", "PARTNER_CONSOLE_API_KEY", "sandbox",
    // or empty): never the key itself.
    QString apiKeySource() const { return m_apiKeySource; }
    // Whether --api-key-file was given, and its key: ExitSuccess, or the problem printed
    // (unreadable or empty file) and its exit code. Warns when others may read the file.
    bool hasApiKeyFile() const { return m_parser.isSet(m_options.apiKeyFile); }
    int readApiKeyFile(QString *key);

    // --data-dir, else PARTNER_CONSOLE_DATA_DIR, else the standard application data folder.
    QString dataDir() const;
    // Where the built-in sandbox of that folder keeps its tokens, files and prints.
    QString sandboxStateFolder() const;
    // Where the orders are: --database, else PARTNER_CONSOLE_DATABASE (a folder or a
    // postgresql:// URL without a password), else the team database chosen in the console's
    // Settings, else the SQLite file in dataDir(). ExitSuccess, or the problem printed and its
    // exit code.
    int storeLocation(StoreLocation *location);
    // Which of those storeLocation() used: "--database", "PARTNER_CONSOLE_DATABASE",
    // "settings" or "data folder".
    QString databaseSource() const { return m_databaseSource; }
    // The team database's password: --database-password-file, else
    // PARTNER_CONSOLE_DATABASE_PASSWORD, else what Settings stored (keychain or owner-only
    // file), else empty (libpq reads ~/.pgpass). Registered for redaction.
    int resolveDatabasePassword(QString *password);
    QString databasePasswordSource() const { return m_databasePasswordSource; }
    // Opens that store (saying so when a damaged one was moved aside); for PostgreSQL with
    // the password above. ExitSuccess, or the exit code after the error was printed.
    int openStore(OrderStore &store);
    // The store's key for the service connect() chose (orders of services never mix).
    QString environmentKey() const;

    // Runs the event loop until the job finishes and returns its result.
    template<class Result, class Job>
    Result wait(Job *job)
    {
        Result result;
        QEventLoop loop;
        QObject::connect(job, &Job::finished, &loop, [&](const Result &r) {
            result = r;
            loop.quit();
        });
        loop.exec();
        return result;
    }

private:
    int resolveApiKey(QString *key, bool lookInKeyStore);
    // What the console's Settings kept for `secret` (empty: nothing usable, a problem noted);
    // *source becomes "keychain" or `fileLabel` and the file's path.
    QString storedSecret(SecretStore::Secret secret, const QString &fileLabel, QString *source);

    const QCommandLineParser &m_parser;
    const GlobalOptions &m_options;
    CliOutput m_out;
    EnvironmentKind m_environment = EnvironmentKind::Sandbox;
    ServiceEndpoint m_endpoint;
    QString m_apiKeySource;
    QString m_databaseSource;
    QString m_databasePasswordSource;
    QNetworkAccessManager m_network;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<ApiClient> m_client;
};

} // namespace pc::cli
