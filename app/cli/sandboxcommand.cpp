#include "cli/sandboxcommand.h"

#include "cli/clicontext.h"
#include "common/terminationsignals.h"
#include "orders/orderstore.h"
#include "sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace pc::cli {

SandboxCommand::SandboxCommand()
    : m_port(u"port"_s, CliText::tr("Port on 127.0.0.1 (default: a free one)."), u"N"_s, u"0"_s)
    // The --sandbox-* spellings are those of the window's options (partner-console --help).
    , m_speed(QStringList{u"speed"_s, u"sandbox-speed"_s},
              CliText::tr("Time compression of the print simulation (60 = a minute per "
                          "second). Default 1."),
              u"X"_s, u"1"_s)
    , m_autoPrint(QStringList{u"auto-print"_s, u"sandbox-auto-print"_s},
                  CliText::tr("Start printing by itself this many seconds after each upload."),
                  u"SECONDS"_s)
    , m_outcome(QStringList{u"outcome"_s, u"sandbox-outcome"_s},
                CliText::tr("random (default), success or failure for every print."), u"OUTCOME"_s,
                u"random"_s)
    , m_fault(u"fault"_s,
              CliText::tr("Inject faults; repeatable. SPEC is name=value items, for example "
                          "\"http5xx=0.2,status=502\" or \"drop-upload=1,at=0.5,budget=1\".") +
                  u'\n' + FaultPlan::syntaxHelp(),
              u"SPEC"_s)
{}

QString SandboxCommand::name() const
{
    return u"sandbox"_s;
}

QString SandboxCommand::summary() const
{
    return CliText::tr("Run the built-in sandbox service on loopback until interrupted.");
}

void SandboxCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_port, m_speed, m_autoPrint, m_outcome, m_fault});
}

int SandboxCommand::run(CliContext &context, const QStringList &arguments)
{
    const CliOutput &out = context.out();
    const QCommandLineParser &parser = context.parser();
    if (!arguments.isEmpty())
        return out.usageError(CliText::tr("sandbox takes no arguments."));

    bool ok = false;
    const uint port = parser.value(m_port).toUInt(&ok);
    if (!ok || port > 65535)
        return out.usageError(CliText::tr("--port needs a number from 0 to 65535."));

    SandboxConfig config;
    // The sandbox's own key: random, or from --api-key-file when scripts want a fixed one (a
    // key on the command line would show in every process list).
    if (context.hasApiKeyFile()) {
        if (const int code = context.readApiKeyFile(&config.apiKey); code != ExitSuccess)
            return code;
    }
    config.speed = parser.value(m_speed).toDouble(&ok);
    if (!ok || !SandboxSimulation::isValidSpeed(config.speed))
        return out.usageError(CliText::tr("--speed needs a number above 0 (at most 100000)."));
    if (parser.isSet(m_autoPrint)) {
        const double seconds = parser.value(m_autoPrint).toDouble(&ok);
        if (!ok || seconds < 0)
            return out.usageError(
                CliText::tr("--auto-print needs a number of seconds (0 or more)."));
        config.autoPrintSeconds = seconds;
    }
    const std::optional<PrintOutcome> outcome = printOutcomeFromName(parser.value(m_outcome));
    if (!outcome)
        return out.usageError(CliText::tr("--outcome must be random, success or failure."));
    config.outcome = *outcome;
    // The data folder's sandbox: the tokens, files and prints of the window's and of earlier
    // runs, and its port when free (and no --port says otherwise).
    config.stateFolder = context.sandboxStateFolder();
    const QStringList faultSpecs = parser.values(m_fault);
    if (!faultSpecs.isEmpty()) {
        QString error;
        const auto plan = FaultPlan::parse(faultSpecs.join(u','), &error);
        if (!plan)
            return out.usageError(CliText::tr("Invalid --fault: %1").arg(error));
        config.faults = *plan;
    }

    SandboxServer server(config);
    if (!server.listen(quint16(port)))
        return out.error(ExitServiceError, u"sandbox"_s,
                         CliText::tr("The sandbox could not listen on 127.0.0.1:%1: %2")
                             .arg(port)
                             .arg(server.errorString()));

    if (const std::optional<QUrl> previous = server.previousServerUrl()) {
        // Another port than the folder's sandbox had last time: the print page links stored in
        // the data folder's orders follow it (a team database is left alone: its sandbox
        // orders are every desktop's).
        StoreLocation location;
        if (context.storeLocation(&location) == ExitSuccess && !location.isPostgres()) {
            OrderStore store;
            if (store.open(location).outcome != OpenResult::Outcome::Failed)
                store.rewriteLinkOrigin(orderEnvironmentKey(EnvironmentKind::Sandbox, {}),
                                        *previous, server.serverUrl());
        }
    }

    const QString baseUrl = server.apiBaseUrl().toString();
    const QString stopNote =
        server.stateFolder().isEmpty()
            ? CliText::tr("Press Ctrl+C to stop; uploaded files are deleted on exit.")
            : CliText::tr("Press Ctrl+C to stop; tokens and uploaded files are kept in %1 for "
                          "the next run.")
                  .arg(server.stateFolder());
    QJsonObject listening{{u"base_url"_s, baseUrl},
                          {u"server_url"_s, server.serverUrl().toString()},
                          {u"faults"_s, server.faultPlan().toSpec()}};
    if (context.hasApiKeyFile()) {
        // The caller's file: its key is not repeated (the file may hold a key worth keeping).
        const QString keyFile = parser.value(u"api-key-file"_s);
        listening.insert(u"api_key_file"_s, keyFile);
        out.result(
            listening,
            CliText::tr("Sandbox listening on %1 with the API key in %2").arg(baseUrl, keyFile));
        out.note(CliText::tr("Use it with: partner-console-cli --base-url %1 --api-key-file %2 "
                             "token")
                     .arg(baseUrl, keyFile) +
                 u'\n' + stopNote);
    } else {
        listening.insert(u"api_key"_s, server.apiKey());
        out.result(
            listening,
            CliText::tr("Sandbox listening on %1 with API key %2").arg(baseUrl, server.apiKey()),
            // A throw-away made for this run, printed so scripts can use it.
            CliOutput::Redaction::Off);
        out.note(
            CliText::tr("Use it with: PARTNER_CONSOLE_API_KEY=%1 partner-console-cli --base-url "
                        "%2 token")
                    .arg(server.apiKey(), baseUrl) +
                u'\n' + stopNote,
            CliOutput::Redaction::Off);
    }

    QObject::connect(&server, &SandboxServer::tokenCreated, &server, [&out](const QString &token) {
        out.result(QJsonObject{{u"event"_s, u"token_created"_s}, {u"token"_s, token}},
                   CliText::tr("token created: %1").arg(token));
    });
    QObject::connect(&server, &SandboxServer::fileUploaded, &server,
                     [&out](const QString &token, const QString &fileName, qint64 size) {
                         out.result(QJsonObject{{u"event"_s, u"file_uploaded"_s},
                                                {u"token"_s, token},
                                                {u"file_name"_s, fileName},
                                                {u"size"_s, size}},
                                    CliText::tr("file uploaded: %1 (%2 bytes) for %3")
                                        .arg(oneLine(fileName))
                                        .arg(size)
                                        .arg(token));
                     });
    QObject::connect(&server, &SandboxServer::printStarted, &server, [&out](const QString &token) {
        out.result(QJsonObject{{u"event"_s, u"print_started"_s}, {u"token"_s, token}},
                   CliText::tr("print started: %1").arg(token));
    });
    QObject::connect(
        &server, &SandboxServer::faultInjected, &server, [&out](const QString &description) {
            out.result(QJsonObject{{u"event"_s, u"fault_injected"_s}, {u"fault"_s, description}},
                       CliText::tr("fault injected: %1").arg(description));
        });

    QEventLoop loop;
    TerminationSignals signalWatcher;
    QObject::connect(&signalWatcher, &TerminationSignals::terminationRequested, &loop,
                     &QEventLoop::quit);
    loop.exec();
    out.note(CliText::tr("Sandbox stopped."));
    return ExitSuccess;
}

} // namespace pc::cli
