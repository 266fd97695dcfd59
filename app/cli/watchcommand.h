#pragma once

#include "cli/clicommand.h"

#include <QCommandLineOption>

namespace pc::cli {

// `watch [--for SECONDS]`: runs the status poller over the store's open orders and prints one
// line (one JSON object with --json: token, the status fields and previous_status) per
// status change, until every order is final, the time is up or the process is told to stop.
class WatchCommand final : public CliCommand
{
public:
    WatchCommand();

    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    QCommandLineOption m_for;
};

} // namespace pc::cli
