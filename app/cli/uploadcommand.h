#pragma once

#include "cli/clicommand.h"

#include "orders/storetypes.h"

#include <QCommandLineOption>

#include <set>

namespace pc {
class OrderStore;
class UploadQueue;
} // namespace pc

namespace pc::cli {

// `upload FILE|FOLDER... --email E --value V [--currency C] [--job-id ID]`: puts the files
// through the upload queue and the order store of the data folder and processes them, with
// what an earlier, interrupted run left unfinished. One result per file at the end.
class UploadCommand final : public CliCommand
{
public:
    UploadCommand();

    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    QCommandLineOption m_email;
    QCommandLineOption m_value;
    QCommandLineOption m_currency;
    QCommandLineOption m_jobId;
    QCommandLineOption m_parallel;
    QCommandLineOption m_confirmPrice;
};

class CliOutput;

// Whether the item stays as it is until someone acts (done, failed with no retry due,
// cancelled, paused, needs attention, waiting for details): a run does not wait for it.
bool isFinalQueueItem(const QueueItem &item);

// Runs the started queue until it is idle (or --max-time ends the run), then prints one result
// per item of `ids` (token and links, or the reason it was not uploaded). Returns `code`, or
// the exit code of the first item that was not uploaded.
int runQueueAndReport(const CliContext &context, OrderStore &store, UploadQueue &queue,
                      const QString &environment, const std::set<qint64> &ids, int code);

} // namespace pc::cli
