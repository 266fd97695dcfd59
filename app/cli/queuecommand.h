#pragma once

#include "cli/clicommand.h"

namespace pc::cli {

// `queue [list | run | retry ID | cancel ID | remove ID]`: the upload queue of the data
// folder for the current environment.
class QueueCommand final : public CliCommand
{
public:
    QueueCommand();
    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    QCommandLineOption m_force;
};

} // namespace pc::cli
