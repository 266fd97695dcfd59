#pragma once

#include "cli/clicommand.h"

#include <QCommandLineOption>

namespace pc::cli {

// `orders [--json|--csv]`: the orders of the current environment in the data folder's
// store, with their latest print status.
class OrdersCommand final : public CliCommand
{
public:
    OrdersCommand();

    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    QCommandLineOption m_csv;
};

} // namespace pc::cli
