#include "cli/clicommand.h"

#include "cli/clicontext.h"
#include "cli/configcommand.h"
#include "cli/inspectcommand.h"
#include "cli/orderscommand.h"
#include "cli/queuecommand.h"
#include "cli/sandboxcommand.h"
#include "cli/statuscommand.h"
#include "cli/tokencommand.h"
#include "cli/uploadcommand.h"
#include "cli/watchcommand.h"
#include "common/buildinfo.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

void printText(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

// The options every start understands before a command is named (the overview lists them;
// not QCommandLineParser's own --help-all, which this program does not offer).
QCommandLineOption helpOption()
{
    return QCommandLineOption({u"h"_s, u"help"_s}, CliText::tr("Show this help."));
}

QCommandLineOption versionOption()
{
    return QCommandLineOption({u"v"_s, u"version"_s}, CliText::tr("Show the version."));
}

QString overviewText(const GlobalOptions &globals,
                     const std::vector<std::unique_ptr<CliCommand>> &commands)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliText::tr("Scripting interface of the Design Streaming partner console: create tokens, "
                    "upload STL designs, follow prints, run the built-in sandbox service."));
    globals.addTo(parser);
    parser.addOptions({helpOption(), versionOption()});
    parser.addPositionalArgument(u"command"_s, CliText::tr("One of the commands below."),
                                 u"COMMAND [options]"_s);
    QString text = parser.helpText();
    text += u'\n' + CliText::tr("Commands:") + u'\n';
    for (const auto &command : commands)
        text += u"  %1  %2\n"_s.arg(command->name(), -10).arg(command->summary());
    text += u'\n' +
            CliText::tr("Run \"partner-console-cli COMMAND --help\" for a command's options.\n"
                        "Exit codes: 0 success, 1 service or network error, 2 usage error, "
                        "3 invalid input.") +
            u'\n';
    return text;
}

} // namespace

std::vector<std::unique_ptr<CliCommand>> makeCommands()
{
    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<SandboxCommand>());
    commands.push_back(std::make_unique<TokenCommand>());
    commands.push_back(std::make_unique<StatusCommand>());
    commands.push_back(std::make_unique<InspectCommand>());
    commands.push_back(std::make_unique<UploadCommand>());
    commands.push_back(std::make_unique<QueueCommand>());
    commands.push_back(std::make_unique<OrdersCommand>());
    commands.push_back(std::make_unique<WatchCommand>());
    commands.push_back(std::make_unique<ConfigCommand>());
    return commands;
}

int runCli(const QStringList &arguments)
{
    const GlobalOptions globals;
    const auto commands = makeCommands();

    // First pass: find the command; its own options are not known yet, so unknown options
    // are not errors here.
    QCommandLineParser first;
    globals.addTo(first);
    const QCommandLineOption help = helpOption();
    const QCommandLineOption version = versionOption();
    first.addOptions({help, version});
    first.parse(arguments);
    const CliOutput out(first.isSet(globals.json));

    const QStringList positional = first.positionalArguments();
    if (positional.isEmpty()) {
        if (first.isSet(version)) {
            out.result(QJsonObject{{u"name"_s, u"partner-console-cli"_s},
                                   {u"version"_s, applicationVersion()}},
                       u"partner-console-cli "_s + applicationVersion());
            return ExitSuccess;
        }
        if (first.isSet(help)) {
            printText(stdout, overviewText(globals, commands));
            return ExitSuccess;
        }
        printText(stderr, overviewText(globals, commands));
        return out.usageError(CliText::tr("No command given."));
    }

    const QString name = positional.first();
    CliCommand *command = nullptr;
    for (const auto &candidate : commands) {
        if (candidate->name() == name)
            command = candidate.get();
    }
    if (!command) {
        if (name == u"help") {
            printText(stdout, overviewText(globals, commands));
            return ExitSuccess;
        }
        return out.usageError(CliText::tr("Unknown command \"%1\".").arg(name));
    }

    // Second pass: the command's options with the global ones.
    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary());
    parser.addPositionalArgument(name, command->summary(), name);
    globals.addTo(parser);
    parser.addOptions({help});
    command->addOptions(parser);
    if (!parser.parse(arguments))
        return out.usageError(parser.errorText());
    if (parser.isSet(help)) {
        printText(stdout, parser.helpText());
        return ExitSuccess;
    }

    CliContext context(parser, globals);
    if (const int code = context.startDeadline(); code != ExitSuccess)
        return code;
    const int code = command->run(context, parser.positionalArguments().mid(1));
    return context.deadlineReached() ? context.reportDeadline() : code;
}

} // namespace pc::cli
