#include "cli/inspectcommand.h"

#include "cli/clicontext.h"
#include "cli/stlfilelist.h"
#include "orders/displayformat.h"
#include "stl/stlinspector.h"
#include "stl/thumbnailrenderer.h"

#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonArray triple(const std::array<double, 3> &values)
{
    return {number(values[0]), number(values[1]), number(values[2])};
}

QJsonArray triple(const std::array<float, 3> &values)
{
    return {number(values[0]), number(values[1]), number(values[2])};
}

QString unitsHintName(stl::UnitsHint hint)
{
    switch (hint) {
    case stl::UnitsHint::Plausible:
        return u"millimetres"_s;
    case stl::UnitsHint::MetresOrInches:
        return u"metres_or_inches"_s;
    case stl::UnitsHint::Micrometres:
        return u"micrometres"_s;
    case stl::UnitsHint::Inches:
        return u"inches"_s;
    }
    return {};
}

QString colourName(stl::ColourConvention convention)
{
    switch (convention) {
    case stl::ColourConvention::VisCam:
        return u"viscam"_s;
    case stl::ColourConvention::Magics:
        return u"magics"_s;
    case stl::ColourConvention::None:
        break;
    }
    return {};
}

QString thumbnailPathFor(const QString &option, const QString &file, bool several)
{
    if (!several)
        return option;
    return QDir(option).filePath(QFileInfo(file).completeBaseName() + u".png"_s);
}

} // namespace

InspectCommand::InspectCommand()
    : m_thumbnail(
          u"thumbnail"_s,
          CliText::tr("Write a shaded isometric thumbnail as PNG. With several files PATH is a "
                      "folder and each thumbnail is named after its file."),
          u"PATH"_s)
    , m_thumbnailSize(u"thumbnail-size"_s,
                      CliText::tr("Thumbnail width and height in pixels (default 256)."),
                      u"PIXELS"_s, u"256"_s)
    , m_quick(u"quick"_s, CliText::tr("Only format, triangle count, size and a NaN check: no mesh "
                                      "topology (much faster on large files)."))
{}

QString InspectCommand::name() const
{
    return u"inspect"_s;
}

QString InspectCommand::summary() const
{
    return CliText::tr("Check STL files: format, triangles, size, area, volume and mesh problems.");
}

void InspectCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"FILE"_s, CliText::tr("STL files or folders of STL files."),
                                 u"FILE|FOLDER..."_s);
    parser.addOptions({m_thumbnail, m_thumbnailSize, m_quick});
}

QJsonObject inspectionToJson(const QString &path, const stl::InspectionReport &report)
{
    const QJsonValue null(QJsonValue::Null);
    QJsonObject object{
        {u"file"_s, path},
        {u"format"_s, stl::formatName(report.format)},
        {u"file_size"_s, qint64(report.fileSize)},
        {u"triangles"_s, qint64(report.triangles)},
        {u"warnings"_s, QJsonArray::fromStringList(report.warnings)},
        {u"error"_s, report.ok ? null : QJsonValue(report.error)},
    };
    if (report.bbox.valid) {
        object.insert(u"bbox"_s, QJsonObject{{u"min"_s, triple(report.bbox.min)},
                                             {u"max"_s, triple(report.bbox.max)}});
        object.insert(u"dimensions"_s, triple(report.dimensions));
        object.insert(u"units_hint"_s, unitsHintName(report.unitsHint));
    } else {
        object.insert(u"bbox"_s, null);
        object.insert(u"dimensions"_s, null);
        object.insert(u"units_hint"_s, null);
    }
    object.insert(u"colour"_s,
                  report.colour.convention == stl::ColourConvention::None
                      ? null
                      : QJsonValue(QJsonObject{
                            {u"convention"_s, colourName(report.colour.convention)},
                            {u"coloured_facets"_s, qint64(report.colour.colouredFacets)}}));
    object.insert(u"trailing_bytes"_s, qint64(report.trailingBytes));
    const bool checked = report.ok && report.checked;
    auto count = [&](quint64 value) { return checked ? QJsonValue(qint64(value)) : null; };
    object.insert(u"surface_area"_s, checked ? number(report.surfaceArea()) : null);
    object.insert(u"volume"_s, checked ? number(report.volume()) : null);
    object.insert(u"vertices"_s, count(report.topology.vertices));
    object.insert(u"open_edges"_s, count(report.topology.openEdges));
    object.insert(u"non_manifold_edges"_s, count(report.topology.nonManifoldEdges));
    object.insert(u"inconsistent_edges"_s, count(report.topology.inconsistentEdges));
    object.insert(u"degenerate_facets"_s, count(report.metrics.degenerateFacets));
    object.insert(u"normals_disagreeing"_s, count(report.metrics.normalsDisagreeing));
    object.insert(u"shells"_s, count(report.topology.shells));
    object.insert(u"watertight"_s, checked ? QJsonValue(report.watertight()) : null);
    return object;
}

QString inspectionToText(const QString &path, const stl::InspectionReport &report)
{
    if (!report.ok)
        return CliText::tr("%1: not usable: %2").arg(oneLine(path), report.error);
    const auto &d = report.dimensions;
    QString text = CliText::tr("%1: %2 STL, %3 triangles, %4")
                       .arg(oneLine(path), stl::formatName(report.format))
                       .arg(report.triangles)
                       .arg(formatDimensions(d));
    if (report.checked) {
        text += u'\n' + CliText::tr("  area %1, volume %2, %3 vertices, %4 shell(s), %5")
                            .arg(report.surfaceArea(), 0, 'f', 2)
                            .arg(report.volume(), 0, 'f', 2)
                            .arg(report.topology.vertices)
                            .arg(report.topology.shells)
                            .arg(report.watertight() ? CliText::tr("watertight")
                                                     : CliText::tr("not watertight"));
    }
    for (const QString &warning : report.warnings)
        text += u'\n' + CliText::tr("  warning: %1").arg(warning);
    return text;
}

int InspectCommand::run(CliContext &context, const QStringList &arguments)
{
    const CliOutput &out = context.out();
    const QCommandLineParser &parser = context.parser();
    if (arguments.isEmpty())
        return out.usageError(CliText::tr("inspect needs at least one FILE or FOLDER."));
    bool ok = false;
    const int size = parser.value(m_thumbnailSize).toInt(&ok);
    if (!ok || size < 16 || size > 4096)
        return out.usageError(
            CliText::tr("--thumbnail-size needs a number of pixels from 16 to 4096."));
    const bool quick = parser.isSet(m_quick);
    const QString thumbnailOption = parser.value(m_thumbnail);
    if (quick && !thumbnailOption.isEmpty())
        return out.usageError(
            CliText::tr("--quick does not read the mesh, so it cannot draw a thumbnail."));

    const StlFileList list = StlFileList::collect(arguments, false);
    const QStringList &files = list.files;
    // What cannot be read as a file is unusable, and said so like any other unusable file.
    for (const auto &[path, why] : list.skipped) {
        stl::InspectionReport unread;
        unread.error = why;
        out.result(inspectionToJson(path, unread), inspectionToText(path, unread));
    }
    if (files.isEmpty() && !list.skipped.isEmpty())
        return ExitInvalidInput;
    if (files.isEmpty())
        return out.invalidInput(
            CliText::tr("No STL files found in %1.").arg(arguments.join(u", "_s)));
    const bool several = files.size() > 1;
    if (several && !thumbnailOption.isEmpty() && !QFileInfo(thumbnailOption).isDir() &&
        !QDir().mkpath(thumbnailOption))
        return out.usageError(
            CliText::tr("With several files --thumbnail names a folder; %1 cannot be created.")
                .arg(thumbnailOption));

    int unusable = int(list.skipped.size());
    std::atomic<bool> stopped = false;
    for (const QString &file : files) {
        if (context.deadlineReached())
            break; // the files not reached are not reported: --max-time says so at the end
        stl::InspectOptions options;
        options.quickOnly = quick;
        // A big file takes long to check and never returns to the event loop meanwhile.
        options.cancel = &stopped;
        options.progress = [&context, &stopped](double) {
            if (context.deadlineReached())
                stopped = true;
        };
        QImage thumbnail;
        if (!thumbnailOption.isEmpty()) {
            options.withFacets = [&thumbnail, &context, &stopped,
                                  size](const stl::TriangleView &facets) {
                stl::ThumbnailOptions thumbnailOptions;
                thumbnailOptions.size = QSize(size, size);
                // Drawing does not return to the event loop either: it heeds --max-time too.
                thumbnailOptions.cancel = &stopped;
                thumbnailOptions.progress = [&context, &stopped](double) {
                    if (context.deadlineReached())
                        stopped = true;
                };
                thumbnail = stl::renderThumbnail(facets, thumbnailOptions);
            };
        }
        const stl::InspectionReport report = stl::inspectFile(file, options);
        QJsonObject json = inspectionToJson(file, report);
        QString text = inspectionToText(file, report);
        if (!report.ok)
            ++unusable;
        if (report.ok && !thumbnail.isNull()) {
            const QString path = thumbnailPathFor(thumbnailOption, file, several);
            QImageWriter writer(path, "png");
            if (writer.write(thumbnail)) {
                json.insert(u"thumbnail"_s, path);
                text += u'\n' + CliText::tr("  thumbnail: %1").arg(oneLine(path));
            } else {
                out.error(ExitInvalidInput, u"thumbnail"_s,
                          CliText::tr("The thumbnail %1 could not be written: %2")
                              .arg(oneLine(path), writer.errorString()));
                ++unusable;
            }
        }
        out.result(json, text);
    }
    return unusable == 0 ? ExitSuccess : ExitInvalidInput;
}

} // namespace pc::cli
