#pragma once

#include "stl/stlformat.h"

#include <array>
#include <functional>
#include <optional>

namespace pc::stl {

// Geometry measured facet by facet (doubles throughout).
struct MeshMetrics final
{
    double surfaceArea = 0.0;
    double signedVolume = 0.0;      // sum of signed tetrahedra; negative = facing inward
    quint64 degenerateFacets = 0;   // two equal vertices, or zero area (collinear)
    quint64 normalsDisagreeing = 0; // stored normal > 90 degrees off the winding (non-zero)
};

// Topology as admesh reports it, with vertices welded exactly (bitwise-equal coordinates,
// -0.0 == 0.0). Facets with two equal vertices take no part in the edges and shells.
struct MeshTopology final
{
    quint64 vertices = 0;          // distinct positions
    quint64 edges = 0;             // distinct (min, max) vertex pairs
    quint64 openEdges = 0;         // used by exactly one facet
    quint64 nonManifoldEdges = 0;  // used by more than two facets
    quint64 inconsistentEdges = 0; // two facets traversing it the same way
    quint64 shells = 0;            // groups of facets joined through manifold edges

    bool watertight() const { return openEdges == 0 && nonManifoldEdges == 0; }
};

struct MeshCheckResult final
{
    MeshMetrics metrics;
    MeshTopology topology;
};

// Area, volume (tetrahedra to `origin`; pick the bounding-box centre for precision),
// degenerate facets and normals. Nullopt when cancelled.
std::optional<MeshMetrics> computeMetrics(const TriangleView &facets,
                                          const std::array<double, 3> &origin,
                                          const Phase &phase = {});

// Welding, edges, shells. Memory: about 40 to 60 bytes per facet at the peak. Nullopt when
// cancelled.
std::optional<MeshTopology> computeTopology(const TriangleView &facets, const Phase &phase = {});

// Both in one pass over the facets, reporting progress over [phase.base, phase.base +
// phase.span]. `facetsDone(n)` is called once facets [0, n) will not be read again (the
// inspector uses it to drop mapped file pages early and keep the peak memory low).
std::optional<MeshCheckResult> checkMesh(const TriangleView &facets, const BoundingBox &bbox,
                                         const Phase &phase = {},
                                         const std::function<void(qsizetype)> &facetsDone = {});

enum class UnitsHint {
    Plausible,      // looks like millimetres
    MetresOrInches, // largest dimension below 1 unit
    Micrometres,    // largest dimension above 10 000 units
    Inches,         // largest dimension from 1 to 5 units: a part of an inch or a few
};
UnitsHint guessUnits(const BoundingBox &bbox);

// The unit a file with this hint and largest dimension was most likely drawn in, as
// millimetres per unit: 25.4 (inches), 1000 (metres), 0.001 (micrometres); 1 when plausible.
// Below one unit, inches unless that would still be under 10 mm, then metres.
double likelyMillimetresPerUnit(UnitsHint hint, double largest);

} // namespace pc::stl
