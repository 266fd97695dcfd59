// libFuzzer target: the STL inspector on arbitrary bytes. It must never crash, hang or read
// out of bounds, and what it reports must be self-consistent.
#include "stl/stlinspector.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const bool quick : {true, false}) {
        pc::stl::InspectOptions options;
        options.quickOnly = quick;
        const pc::stl::InspectionReport report = pc::stl::inspect(bytes, options);
        // An accepted file has triangles and a box; a refused one says why.
        if (report.ok && (report.triangles == 0 || !report.bbox.valid))
            std::abort();
        if (!report.ok && report.error.isEmpty())
            std::abort();
        if (report.ok && report.checked && report.topology.watertight() &&
            (report.topology.openEdges != 0 || report.topology.nonManifoldEdges != 0))
            std::abort();
    }
    return 0;
}
