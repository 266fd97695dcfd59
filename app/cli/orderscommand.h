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

// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; a leading = + - @
// gets a ' so spreadsheets do not run it as a formula.
QString csvField(const QString &value);

} // namespace pc::cli
