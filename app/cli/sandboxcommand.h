#pragma once

#include "cli/clicommand.h"

#include <QCommandLineOption>

namespace pc::cli {

// `sandbox`: runs the built-in sandbox service in the foreground until Ctrl+C / SIGTERM.
// The first line printed is its base URL and API key (a JSON object with base_url and
// api_key under --json); then one line per event (token created, file uploaded, print
// started, fault injected). The key is a random one made for the run, or the first line of
// the global --api-key-file: then it is not printed (api_key_file names the file instead),
// and it never appears on a command line.
class SandboxCommand final : public CliCommand
{
public:
    SandboxCommand();

    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    QCommandLineOption m_port;
    QCommandLineOption m_speed;
    QCommandLineOption m_autoPrint;
    QCommandLineOption m_outcome;
    QCommandLineOption m_fault;
};

} // namespace pc::cli
