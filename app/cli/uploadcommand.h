#pragma once

#include "cli/clicommand.h"

#include <QCommandLineOption>

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
};

} // namespace pc::cli
