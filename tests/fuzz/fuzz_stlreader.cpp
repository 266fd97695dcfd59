// libFuzzer target: the STL inspector on arbitrary bytes. It must never crash, hang or read
// out of bounds, and what it reports must be self-consistent: the quick and the full
// inspection agree, a binary file's size adds up, and the mesh figures fit together.
#include "stl/stlinspector.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_stlreader: %s\n", what);
        std::abort();
    }
}

bool finiteBox(const pc::stl::BoundingBox &box)
{
    for (int k = 0; k < 3; ++k) {
        if (!std::isfinite(box.min[k]) || !std::isfinite(box.max[k]) || box.min[k] > box.max[k])
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    pc::stl::InspectOptions quickOptions;
    quickOptions.quickOnly = true;
    const pc::stl::InspectionReport quick = pc::stl::inspect(bytes, quickOptions);
    const pc::stl::InspectionReport full = pc::stl::inspect(bytes);

    for (const pc::stl::InspectionReport *report : {&quick, &full}) {
        // An accepted file has triangles and a finite box; a refused one says why.
        check(!report->cancelled, "cancelled without a cancel flag");
        check(!report->ok ||
                  (report->triangles > 0 && report->bbox.valid && finiteBox(report->bbox)),
              "an accepted file without triangles or a finite box");
        check(report->ok || !report->error.isEmpty(), "a refusal without a reason");
        check(report->fileSize == size, "the file size misreported");
        if (report->ok && report->format == pc::stl::Format::Binary)
            check(pc::stl::binarySizeFor(report->triangles) + report->trailingBytes == size,
                  "a binary file whose facets and trailing bytes do not add up to its size");
    }
    check(quick.ok == full.ok && quick.format == full.format && quick.triangles == full.triangles,
          "the quick and the full inspection disagree");
    check(!quick.checked, "the quick inspection computed the mesh checks");
    if (full.ok) {
        check(full.checked, "an accepted file without mesh checks");
        check(quick.bbox.min == full.bbox.min && quick.bbox.max == full.bbox.max,
              "the quick and the full inspection disagree on the box");
        const pc::stl::MeshTopology &t = full.topology;
        check(!t.watertight() || (t.openEdges == 0 && t.nonManifoldEdges == 0),
              "watertight with open or non-manifold edges");
        check(t.vertices <= 3 * full.triangles && t.edges <= 3 * full.triangles &&
                  t.openEdges + t.nonManifoldEdges <= t.edges && t.shells <= full.triangles,
              "mesh counts larger than the facets allow");
        check(full.metrics.degenerateFacets <= full.triangles &&
                  full.metrics.normalsDisagreeing <= full.triangles,
              "more degenerate or flipped facets than facets");
    }
    return 0;
}
