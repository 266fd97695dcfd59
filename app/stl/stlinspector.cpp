#include "stl/stlinspector.h"

#include "stl/stllogging.h"

#include <QCoreApplication>

#include <cmath>

namespace pc::stl {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(StlInspector)
};

int countArg(quint64 n)
{
    return int(std::min<quint64>(n, 0x7fffffff));
}

void addMeshWarnings(InspectionReport &r)
{
    const MeshTopology &t = r.topology;
    const MeshMetrics &m = r.metrics;
    if (t.openEdges > 0)
        r.warnings << Text::tr("%n open edge(s): the mesh has holes and is not watertight.",
                               nullptr, countArg(t.openEdges));
    if (t.nonManifoldEdges > 0)
        r.warnings << Text::tr("%n non-manifold edge(s) (shared by more than two facets).", nullptr,
                               countArg(t.nonManifoldEdges));
    if (t.inconsistentEdges > 0)
        r.warnings << Text::tr("%n edge(s) where neighbouring facets disagree on orientation "
                               "(flipped facets).",
                               nullptr, countArg(t.inconsistentEdges));
    if (m.degenerateFacets > 0)
        r.warnings << Text::tr("%n degenerate facet(s) (zero area).", nullptr,
                               countArg(m.degenerateFacets));
    if (m.normalsDisagreeing > 0)
        r.warnings << Text::tr("%n stored normal(s) point against the facet's winding.", nullptr,
                               countArg(m.normalsDisagreeing));
    if (t.watertight() && m.signedVolume < 0.0)
        r.warnings << Text::tr("The closed mesh is oriented inside out (negative volume): its "
                               "facets face inward.");
}

void addUnitsWarning(InspectionReport &r)
{
    const double largest = std::max({r.dimensions[0], r.dimensions[1], r.dimensions[2]});
    switch (r.unitsHint) {
    case UnitsHint::MetresOrInches:
        r.warnings << Text::tr("The object is only %1 units across: the file is probably in metres "
                               "or inches, not millimetres.")
                          .arg(largest, 0, 'g', 3);
        break;
    case UnitsHint::Micrometres:
        r.warnings << Text::tr("The object is %1 units across: the file is probably in "
                               "micrometres, not millimetres.")
                          .arg(largest, 0, 'g', 3);
        break;
    case UnitsHint::Inches:
        r.warnings << Text::tr("The object is only %1 units across: the file is probably in "
                               "inches, not millimetres.")
                          .arg(largest, 0, 'g', 3);
        break;
    case UnitsHint::Plausible:
        break;
    }
}

// `file` (may be null) is where `bytes` came from; its pages are dropped once read.
InspectionReport inspectImpl(QByteArrayView bytes, const InspectOptions &options, MappedFile *file,
                             const QString *quickFile = nullptr)
{
    const WorkControl control{options.cancel, options.progress};
    const double parseSpan = options.quickOnly ? 1.0 : 0.3;
    const WorkControl parseControl{options.cancel, [&options, parseSpan](double f) {
                                       if (options.progress)
                                           options.progress(f * parseSpan);
                                   }};
    ParseOptions parseOptions;
    parseOptions.quickOnly = options.quickOnly;
    if (file)
        parseOptions.consumed = [file](qsizetype offset) { file->releaseBefore(offset); };
    ParseResult parsed = quickFile ? readFile(*quickFile, parseOptions, parseControl)
                                   : parse(bytes, parseOptions, parseControl);
    if (file && parsed.format == Format::Ascii)
        file->releaseBefore(bytes.size());

    InspectionReport r;
    r.ok = parsed.ok;
    r.cancelled = parsed.cancelled;
    r.error = parsed.error;
    r.warnings = parsed.warnings;
    r.format = parsed.format;
    r.fileSize = parsed.fileSize;
    r.triangles = parsed.ok ? parsed.triangles : 0;
    r.bbox = parsed.bbox;
    r.dimensions = parsed.bbox.dimensions();
    r.colour = parsed.colour;
    r.trailingBytes = parsed.trailingBytes;
    r.missingEndsolid = parsed.missingEndsolid;
    if (!r.ok) {
        qCDebug(lcStl) << "refused:" << r.error;
        return r;
    }
    r.unitsHint = guessUnits(r.bbox);
    if (!options.quickOnly) {
        TriangleView view = parsed.format == Format::Binary ? binaryView(bytes, parsed)
                                                            : TriangleView::fromMesh(parsed.mesh);
        if (options.withFacets) {
            // The thumbnail reads every facet twice: without giving the pages back as it goes,
            // the whole mapped file would stay resident on top of what the checks allocate.
            if (file && parsed.format == Format::Binary)
                view.passed = [file](qsizetype n) { file->releaseBefore(84 + 50 * n); };
            options.withFacets(view);
            view.passed = {};
        }
        std::function<void(qsizetype)> facetsDone;
        if (file && parsed.format == Format::Binary) {
            facetsDone = [file](qsizetype n) { file->releaseBefore(84 + 50 * n); };
        } else if (parsed.format == Format::Ascii) {
            // The mesh is not read again once every facet was welded: free it before the
            // edge analysis allocates its arrays.
            facetsDone = [&parsed](qsizetype n) {
                if (n == parsed.mesh.facetCount())
                    parsed.mesh = {};
            };
        }
        const auto checks = checkMesh(view, parsed.bbox, Phase{&control, 0.3, 0.7}, facetsDone);
        if (!checks) {
            r.ok = false;
            r.cancelled = true;
            r.error = Text::tr("The inspection was cancelled.");
            return r;
        }
        r.checked = true;
        r.metrics = checks->metrics;
        r.topology = checks->topology;
        addMeshWarnings(r);
    }
    addUnitsWarning(r);
    control.report(1.0);
    return r;
}

} // namespace

InspectionReport inspect(QByteArrayView bytes, const InspectOptions &options)
{
    return inspectImpl(bytes, options, nullptr);
}

InspectionReport inspectFile(const QString &path, const InspectOptions &options)
{
    if (options.quickOnly) // block reads, no mapping
        return inspectImpl({}, options, nullptr, &path);
    MappedFile file;
    QString error;
    if (!file.open(path, &error)) {
        InspectionReport r;
        r.error = error;
        return r;
    }
    InspectionReport report = inspectImpl(file.bytes(), options, &file);
    if (file.wasCutShort()) {
        report = InspectionReport();
        report.error = fileCutShortMessage(path);
    }
    return report;
}

} // namespace pc::stl
