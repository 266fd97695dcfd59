#pragma once

#include "cli/clicommand.h"

namespace pc::cli {

// `token`: one api_create_partner_token call; prints the new token.
class TokenCommand final : public CliCommand
{
public:
    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;
};

} // namespace pc::cli
