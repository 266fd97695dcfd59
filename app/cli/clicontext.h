#pragma once

#include "api/apiclient.h"
#include "cli/clioutput.h"
#include "settings/secretstore.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <memory>

class QTimer;

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
    QCommandLineOption maxTime;
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

    // --max-time: how long the whole command may take. Arms the deadline (ExitSuccess), or
    // prints a usage error and returns its code.
    int startDeadline();
    bool deadlineReached() const { return m_deadlineReached; }
    // Ends `loop` when the deadline passes (every loop that waits for the service or the
    // queue uses this, so that the command stops then and reports what it has).
    void quitAtDeadline(QEventLoop &loop) const;
    // After a command that the deadline stopped: says so, and what is kept, as the last line;
    // returns ExitTimeLimit.
    int reportDeadline() const;

    // Runs the event loop until the job finishes and returns its result; at the deadline the
    // job is aborted and the result says that no answer came in time.
    template<class Result, class Job>
    Result wait(Job *job)
    {
        Result result;
        QEventLoop loop;
        bool answered = false;
        QObject::connect(job, &Job::finished, &loop, [&](const Result &r) {
            result = r;
            answered = true;
            loop.quit();
        });
        quitAtDeadline(loop);
        loop.exec();
        if (!answered) {
            QObject::disconnect(job, nullptr, &loop, nullptr);
            job->abort();
            result.error = noAnswerBeforeDeadline();
        }
        return result;
    }

private:
    ApiError noAnswerBeforeDeadline() const;
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
    std::unique_ptr<QTimer> m_deadline;
    int m_maxTimeSeconds = 0;
    bool m_deadlineReached = false;
};

} // namespace pc::cli
