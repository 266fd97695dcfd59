#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace pc::cli {

class CliContext;

// One `partner-console-cli COMMAND`. Commands declare their own options and positional
// arguments; the global options are added by the dispatcher.
class CliCommand
{
public:
    virtual ~CliCommand() = default;

    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    virtual void addOptions(QCommandLineParser &parser) = 0;
    // `arguments` are the positional arguments after the command name.
    virtual int run(CliContext &context, const QStringList &arguments) = 0;
};

std::vector<std::unique_ptr<CliCommand>> makeCommands();

// Parses the command line, runs the command and returns the process exit code.
int runCli(const QStringList &arguments);

} // namespace pc::cli
