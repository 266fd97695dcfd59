// partner-console: the desktop GUI of the Design Streaming partner console.
//
// Chooses the environment (built-in sandbox, production or a custom service URL), starts the
// sandbox server in-process when that is the choice, and shows the main window.

#include "consolesession.h"
#include "environmentinfo.h"
#include "mainwindow.h"
#include "sandboxmenu.h"
#include "singleinstance.h"
#include "storestartup.h"
#include "uilogging.h"

#include "common/buildinfo.h"
#include "common/eventlooplateness.h"
#include "common/processhardening.h"
#include "common/redaction.h"
#include "common/terminationsignals.h"
#include "common/translations.h"
#include "orders/orderstore.h"
#include "sandbox/sandboxserver.h"
#include "settings/consolesettings.h"
#include "settings/secretstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

const char kApiKeyVariable[] = "PARTNER_CONSOLE_API_KEY";

struct Options
{
    std::optional<pc::EnvironmentKind> environment;
    std::optional<QUrl> baseUrl;
    QStringList files; // STL files or folders to queue
    // The built-in sandbox's print simulation for this start (else the Sandbox menu's).
    std::optional<double> sandboxSpeed;
    std::optional<double> sandboxAutoPrint;
    std::optional<pc::PrintOutcome> sandboxOutcome;
};

void printError(const QString &message)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()),
                 qPrintable(pc::redact(message)));
}

// Parses the command line. --help and --version print and exit here; a usage error returns
// nullopt after printing it.
std::optional<Options> parseCommandLine(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "%1: upload the STL designs your shop has sold to "
                                            "Design Streaming and follow each customer's print.\n\n"
                                            "Without an API key (environment variable %2) the "
                                            "console runs on its built-in sandbox, a simulated "
                                            "service on this computer.")
            .arg(pc::applicationName(), QString::fromLatin1(kApiKeyVariable)));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption environmentOption(
        u"environment"_s,
        QCoreApplication::translate("main", "The service to use: 'sandbox' (built in, nothing "
                                            "leaves this computer) or 'production' (needs an "
                                            "API key)."),
        u"sandbox|production"_s);
    const QCommandLineOption baseUrlOption(
        u"base-url"_s,
        QCoreApplication::translate("main", "Use the Design Streaming service at this api3 "
                                            "base URL instead of the production address "
                                            "(needs an API key)."),
        u"url"_s);
    // The names and values of partner-console-cli sandbox's --speed, --auto-print, --outcome.
    const QCommandLineOption speedOption(
        u"sandbox-speed"_s,
        QCoreApplication::translate("main", "Built-in sandbox: time compression of the print "
                                            "simulation (60 = a minute per second). Default: "
                                            "the Sandbox menu's choice, else 1."),
        u"X"_s);
    const QCommandLineOption autoPrintOption(
        u"sandbox-auto-print"_s,
        QCoreApplication::translate("main", "Built-in sandbox: start printing by itself this "
                                            "many seconds after each upload."),
        u"SECONDS"_s);
    const QCommandLineOption outcomeOption(
        u"sandbox-outcome"_s,
        QCoreApplication::translate("main", "Built-in sandbox: random, success or failure for "
                                            "every print."),
        u"OUTCOME"_s);
    parser.addOption(environmentOption);
    parser.addOption(baseUrlOption);
    parser.addOptions({speedOption, autoPrintOption, outcomeOption});
    parser.addPositionalArgument(
        u"files"_s,
        QCoreApplication::translate("main", "STL files or folders to queue. When the console "
                                            "is already running, they go to its queue."),
        u"[FILE...]"_s);
    parser.process(app);

    Options options;
    options.files = parser.positionalArguments();
    if (parser.isSet(environmentOption)) {
        options.environment = pc::environmentKindFromName(parser.value(environmentOption));
        if (!options.environment) {
            printError(QCoreApplication::translate(
                           "main", "unknown environment '%1': use 'sandbox' or 'production'")
                           .arg(parser.value(environmentOption)));
            return std::nullopt;
        }
    }
    bool ok = false;
    if (parser.isSet(speedOption)) {
        options.sandboxSpeed = parser.value(speedOption).toDouble(&ok);
        if (!ok || !pc::SandboxSimulation::isValidSpeed(*options.sandboxSpeed)) {
            printError(QCoreApplication::translate(
                "main", "--sandbox-speed needs a number above 0 (at most 100000)."));
            return std::nullopt;
        }
    }
    if (parser.isSet(autoPrintOption)) {
        options.sandboxAutoPrint = parser.value(autoPrintOption).toDouble(&ok);
        if (!ok || !pc::SandboxSimulation::isValidAutoPrint(*options.sandboxAutoPrint)) {
            printError(QCoreApplication::translate(
                "main", "--sandbox-auto-print needs a number of seconds (0 to 86400)."));
            return std::nullopt;
        }
    }
    if (parser.isSet(outcomeOption)) {
        options.sandboxOutcome = pc::printOutcomeFromName(parser.value(outcomeOption));
        if (!options.sandboxOutcome) {
            printError(QCoreApplication::translate(
                "main", "--sandbox-outcome must be random, success or failure."));
            return std::nullopt;
        }
    }
    if (parser.isSet(baseUrlOption)) {
        QString reason;
        options.baseUrl =
            pc::ServiceEndpoint::normalizeBaseUrl(parser.value(baseUrlOption), &reason);
        if (!options.baseUrl) {
            printError(QCoreApplication::translate("main", "--base-url '%1': %2")
                           .arg(parser.value(baseUrlOption), reason));
            return std::nullopt;
        }
        if (options.environment == pc::EnvironmentKind::Sandbox) {
            printError(QCoreApplication::translate(
                "main", "--base-url names a remote service; it cannot be combined with "
                        "--environment sandbox"));
            return std::nullopt;
        }
    }
    return options;
}

// The environment's kind as log text (logs are not translated).
QString logName(pc::EnvironmentKind kind)
{
    switch (kind) {
    case pc::EnvironmentKind::Sandbox:
        return u"Sandbox"_s;
    case pc::EnvironmentKind::Production:
        return u"Production"_s;
    case pc::EnvironmentKind::Custom:
        break;
    }
    return u"Custom"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything reads the API key: no core file may ever hold it (release builds).
    pc::hardenProcess();
    QApplication app(argc, argv);
    pc::setApplicationMetadata();
    pc::installRedactingMessageHandler();
    // The system's language (LANGUAGE / LC_MESSAGES / LANG): German or English for now.
    pc::installTranslations(app);
    QApplication::setApplicationDisplayName(pc::applicationName());
    QApplication::setWindowIcon(QIcon(u":/icons/partner-console.svg"_s));

    const std::optional<Options> options = parseCommandLine(app);
    if (!options)
        return kExitUsage;

    // One console per data folder: a second start (an STL file opened from the file manager)
    // hands its files to the running console and ends here, before any sandbox or keychain.
    pc::SingleInstance instance(pc::OrderStore::defaultDataFolder());
    switch (instance.start(options->files)) {
    case pc::SingleInstance::Role::HandedOver:
        qCInfo(pc::lcUi).noquote()
            << "Handed" << options->files.size() << "file(s) to the running console";
        return kExitOk;
    case pc::SingleInstance::Role::Failed: {
        printError(instance.errorString());
        QMessageBox box(QMessageBox::Critical, pc::applicationName(), instance.errorString());
        box.exec();
        return kExitFailure;
    }
    case pc::SingleInstance::Role::Primary:
        break;
    }

    // The key: the environment variable (scripts), else what Settings stored (keychain,
    // this session, or the owner-only file). It is registered for redaction and removed from
    // the process environment, so helper processes (WebEngine, a browser) never inherit it.
    QString apiKey = qEnvironmentVariable(kApiKeyVariable).trimmed();
    qunsetenv(kApiKeyVariable);
    pc::SecretStore keys;
    if (apiKey.isEmpty())
        apiKey = keys.loadNow().key;
    if (!apiKey.isEmpty())
        pc::registerSecret(apiKey);

    // The service chosen in Settings applies unless the command line names one.
    QSettings settingsFile;
    const pc::ConsoleSettings settings = pc::ConsoleSettings::load(settingsFile);
    std::optional<pc::EnvironmentKind> requested = options->environment;
    std::optional<QUrl> customUrl = options->baseUrl;
    if (!requested && !customUrl && settingsFile.contains(u"service/environment"_s)) {
        requested = settings.environment == pc::EnvironmentKind::Custom
                        ? std::optional<pc::EnvironmentKind>()
                        : std::optional<pc::EnvironmentKind>(settings.environment);
        if (settings.environment == pc::EnvironmentKind::Custom)
            customUrl = settings.customBaseUrl;
    }
    pc::EnvironmentInfo environment =
        pc::chooseEnvironment({requested, customUrl, /*hasApiKey=*/!apiKey.isEmpty()});

    std::unique_ptr<pc::SandboxServer> sandbox;
    if (environment.kind == pc::EnvironmentKind::Sandbox) {
        // The data folder's sandbox: the tokens, files and prints of earlier runs (and of the
        // CLI), on the port its stored links name when that is free.
        pc::SandboxSimulation simulation = settings.sandboxSimulation;
        simulation.speed = options->sandboxSpeed.value_or(simulation.speed);
        if (options->sandboxAutoPrint)
            simulation.autoPrintSeconds = options->sandboxAutoPrint;
        simulation.outcome = options->sandboxOutcome.value_or(simulation.outcome);
        pc::SandboxConfig config;
        config.stateFolder = pc::SandboxServer::stateFolderOf(pc::OrderStore::defaultDataFolder());
        config.speed = simulation.speed;
        config.autoPrintSeconds = simulation.autoPrintSeconds;
        config.outcome = simulation.outcome;
        sandbox = std::make_unique<pc::SandboxServer>(config);
        if (!sandbox->listen(0)) {
            const QString reason = sandbox->errorString();
            qCCritical(pc::lcUi).noquote() << "The built-in sandbox could not start:" << reason;
            QMessageBox box(QMessageBox::Critical, pc::applicationName(),
                            QCoreApplication::translate(
                                "main", "The built-in sandbox service could not start."));
            box.setInformativeText(
                QCoreApplication::translate(
                    "main", "The console runs a simulated Design Streaming service on this "
                            "computer (address 127.0.0.1) when no API key is set. It could not "
                            "open a local network port: %1\n\nCheck that local network "
                            "connections are allowed, then start the console again.")
                    .arg(pc::redact(reason)));
            box.exec();
            return kExitFailure;
        }
        environment = pc::EnvironmentInfo::sandbox(sandbox->serverUrl(), sandbox->apiBaseUrl(),
                                                   environment.notice);
    }

    // SIGTERM, SIGINT and SIGHUP quit the event loop instead of killing the process, so the
    // sandbox server stops and removes its temporary files.
    pc::TerminationSignals terminationSignals;
    QObject::connect(&terminationSignals, &pc::TerminationSignals::terminationRequested, &app, [] {
        qCInfo(pc::lcUi, "Termination signal received, quitting");
        QCoreApplication::quit();
    });

    pc::ServiceEndpoint endpoint;
    if (sandbox) {
        endpoint.baseUrl = sandbox->apiBaseUrl();
        endpoint.apiKey = sandbox->apiKey();
    } else {
        endpoint.baseUrl = environment.apiBaseUrl;
        endpoint.apiKey = apiKey;
    }
    pc::ConsoleSession session(endpoint, environment.kind, settings);
    // The order history: this computer's, or the shop's team database (README, "Team mode").
    pc::SecretStore databasePasswords(pc::SecretStore::Secret::DatabasePassword);
    pc::ConsoleSettings storeSettings = settings;
    const std::optional<pc::OpenResult> opened =
        pc::openStoreAtStart(session, storeSettings, keys, databasePasswords);
    qunsetenv("PARTNER_CONSOLE_DATABASE_PASSWORD"); // read: helper processes never inherit it
    if (!opened)
        return kExitFailure; // the user chose Quit
    if (opened->outcome == pc::OpenResult::Outcome::Failed) {
        qCCritical(pc::lcUi).noquote() << "The order store could not be opened:" << opened->message;
        QMessageBox box(QMessageBox::Critical, pc::applicationName(),
                        QCoreApplication::translate("main", "The console cannot open its data."));
        box.setInformativeText(opened->message);
        box.exec();
        return kExitFailure;
    }
    if (sandbox && sandbox->previousServerUrl()) {
        // Another port than last time: the stored print page links follow the sandbox.
        const pc::StoreResult<int> moved = session.store().rewriteLinkOrigin(
            session.environmentKey(), *sandbox->previousServerUrl(), sandbox->serverUrl());
        if (!moved)
            qCWarning(pc::lcUi).noquote()
                << "The print page links could not be updated:" << moved.error().message;
    }
    session.start();

    pc::MainWindow window(environment, &session, &keys);
    window.setDatabasePasswordStore(&databasePasswords);
    if (sandbox)
        pc::SandboxMenu::install(&window, sandbox.get());
    window.show();
    if (!options->files.isEmpty()) {
        qCInfo(pc::lcUi).noquote()
            << "Queueing" << options->files.size() << "file(s) from the command line";
        window.addPaths(options->files);
    }
    QObject::connect(&instance, &pc::SingleInstance::activationRequested, &window,
                     [&window](const QStringList &paths) {
                         window.setWindowState(window.windowState() & ~Qt::WindowMinimized);
                         window.show();
                         window.raise();
                         window.activateWindow();
                         if (!paths.isEmpty())
                             window.addPaths(paths);
                     });
    instance.listen();
    if (opened->outcome == pc::OpenResult::Outcome::Recovered) {
        // Said once the window is up: the damaged file was kept, a fresh store is in use.
        QTimer::singleShot(0, &window, [&window, message = opened->message] {
            QMessageBox::warning(&window, pc::applicationName(), message);
        });
    }
    // Logged once the event loop runs, when the window is up and the sandbox answers.
    QTimer::singleShot(0, &window, [&window] {
        const pc::EnvironmentInfo &env = window.environment();
        qCInfo(pc::lcUi).noquote()
            << "Main window shown, environment" << logName(env.kind) << "at" << env.location();
        if (!env.notice.isEmpty())
            qCInfo(pc::lcUi).noquote() << env.notice;
    });

    // How late the window's event loop runs, for measurements only (off unless the variable
    // names a report file). Started here: the start-up before the window shows is measured
    // from outside, as the time to the window.
    const std::unique_ptr<pc::EventLoopLateness> lateness =
        pc::EventLoopLateness::fromEnvironment();

    const int result = QApplication::exec();
    if (lateness)
        lateness->stop();
    return result == 0 ? kExitOk : result;
}
