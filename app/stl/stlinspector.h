#pragma once

#include "stl/meshchecks.h"
#include "stl/stlreader.h"

#include <QByteArrayView>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cmath>

namespace pc::stl {

struct InspectOptions final
{
    bool quickOnly = false; // format, count, bounding box, NaN/Inf check; no topology
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(double)> progress; // 0..1, called on the inspecting thread
    // Called once with the facets of a usable file (not with quickOnly), before the checks
    // release them: draw a thumbnail here and the file is read only once.
    std::function<void(const TriangleView &)> withFacets;
};

// Everything the queue, the details view and `inspect --json` need about one file.
struct InspectionReport final
{
    bool ok = false;        // a usable STL (warnings allowed)
    bool cancelled = false; // stopped by the cancel flag (ok is false, error says so)
    QString error;          // translated reason when !ok
    QStringList warnings;   // translated, with counts

    Format format = Format::Unknown;
    quint64 fileSize = 0;
    quint64 triangles = 0;
    BoundingBox bbox;
    std::array<double, 3> dimensions{};
    ColourInfo colour;
    quint64 trailingBytes = 0;
    bool missingEndsolid = false;
    UnitsHint unitsHint = UnitsHint::Plausible;

    bool checked = false; // metrics and topology below were computed (not quickOnly)
    MeshMetrics metrics;
    MeshTopology topology;

    double surfaceArea() const { return metrics.surfaceArea; }
    double volume() const { return std::abs(metrics.signedVolume); }
    bool watertight() const { return checked && triangles > 0 && topology.watertight(); }
};

// Inspects an STL held in memory (any byte sequence; never crashes). Thread-safe: no
// shared state, no QObject; run it on a worker thread.
InspectionReport inspect(QByteArrayView bytes, const InspectOptions &options = {});

// The same for a file, memory-mapped.
InspectionReport inspectFile(const QString &path, const InspectOptions &options = {});

} // namespace pc::stl

Q_DECLARE_METATYPE(pc::stl::InspectionReport)
