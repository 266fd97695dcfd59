#pragma once

#include "cli/clicommand.h"

namespace pc::cli {

// `config`: shows the effective environment, service URL, where the API key comes from
// (never the key) and the data folder, so IT staff can check a desktop's setup.
class ConfigCommand final : public CliCommand
{
public:
    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace pc::cli
