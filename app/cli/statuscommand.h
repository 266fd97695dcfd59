#pragma once

#include "api/printstatus.h"
#include "cli/clicommand.h"

namespace pc::cli {

// `status TOKEN`: one api_get_partner_print_status call.
class StatusCommand final : public CliCommand
{
public:
    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;
};

// The status as people read it, one "label: value" per line.
QString formatPrintStatusText(const QString &token, const PrintStatus &status);
// The status as scripts read it: the API's field names plus token and awaiting_customer.
QJsonObject formatPrintStatusJson(const QString &token, const PrintStatus &status);

} // namespace pc::cli
