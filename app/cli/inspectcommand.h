#pragma once

#include "cli/clicommand.h"

#include <QCommandLineOption>

namespace pc::stl {
struct InspectionReport;
}

namespace pc::cli {

// `inspect FILE|FOLDER...`: checks STL files without any network call: format, counts,
// size, area, volume, mesh problems; optionally writes a thumbnail. Exit 3 when any file is
// not a usable STL.
class InspectCommand final : public CliCommand
{
public:
    InspectCommand();

    QString name() const override;
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) override;
    int run(CliContext &context, const QStringList &arguments) override;

private:
    QCommandLineOption m_thumbnail;
    QCommandLineOption m_thumbnailSize;
    QCommandLineOption m_quick;
};

// The report with the keys of `inspect --json` (topology keys are null for a quick check).
QJsonObject inspectionToJson(const QString &path, const stl::InspectionReport &report);
// The report as a few lines for people.
QString inspectionToText(const QString &path, const stl::InspectionReport &report);

} // namespace pc::cli
