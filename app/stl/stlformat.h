#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <array>
#include <atomic>
#include <cstring>
#include <functional>
#include <vector>

// Plain data types shared by the STL reader, the mesh checks and the inspector. Nothing
// here is a QObject and nothing holds shared mutable state, so every function of app/stl
// may run on any thread.
namespace pc::stl {

enum class Format { Unknown, Binary, Ascii };

// "binary", "ascii" or "unknown" (stable, for JSON and logs; not translated).
QString formatName(Format format);

// Colour attribute conventions of binary STL (attribute word of each facet).
// VisCam/SolidView: bit 15 set = the facet has a colour (5-5-5 RGB, blue in the low bits).
// Materialise Magics: the header holds "COLOR=" + RGBA default colour; bit 15 clear = the
// facet has its own colour (red in the low bits), set = use the default.
enum class ColourConvention { None, VisCam, Magics };

struct ColourInfo final
{
    ColourConvention convention = ColourConvention::None;
    quint64 colouredFacets = 0; // facets carrying their own colour
    bool hasDefaultColour = false;
    std::array<quint8, 4> defaultRgba{}; // Magics header colour, when hasDefaultColour
};

struct BoundingBox final
{
    std::array<float, 3> min{};
    std::array<float, 3> max{};
    bool valid = false;

    void add(const float *p)
    {
        if (!valid) {
            for (int k = 0; k < 3; ++k)
                min[k] = max[k] = p[k];
            valid = true;
            return;
        }
        for (int k = 0; k < 3; ++k) {
            min[k] = p[k] < min[k] ? p[k] : min[k];
            max[k] = p[k] > max[k] ? p[k] : max[k];
        }
    }
    std::array<double, 3> dimensions() const
    {
        if (!valid)
            return {};
        return {double(max[0]) - min[0], double(max[1]) - min[1], double(max[2]) - min[2]};
    }
};

// A compact triangle soup: what the reader produces when asked for a mesh (ASCII files
// always, binary files on request) and what a renderer needs.
struct Mesh final
{
    std::vector<float> positions;    // 9 floats per facet: v0 xyz, v1 xyz, v2 xyz
    std::vector<float> normals;      // 3 floats per facet, as stored in the file
    std::vector<quint16> attributes; // binary files only (empty for ASCII)

    qsizetype facetCount() const { return qsizetype(positions.size() / 9); }
};

// A non-owning view of facets, either over a Mesh or directly over the bytes of a binary
// STL (stride 50, unaligned). Reads go through memcpy, so any alignment is fine.
struct TriangleView final
{
    const char *positions = nullptr; // first float of v0 of facet 0
    qsizetype positionStride = 0;    // bytes from one facet's v0 to the next
    const char *normals = nullptr;   // may be null: no stored normals
    qsizetype normalStride = 0;
    qsizetype count = 0;
    // May be set: a pass that read the facets before n calls it, so a view over a mapped file
    // gives those pages back instead of holding the whole file resident (reading them again
    // later costs page faults from the page cache, not memory).
    std::function<void(qsizetype)> passed;

    static TriangleView fromMesh(const Mesh &mesh)
    {
        return {reinterpret_cast<const char *>(mesh.positions.data()),
                36,
                reinterpret_cast<const char *>(mesh.normals.data()),
                12,
                mesh.facetCount(),
                {}};
    }
    // The 9 position floats of facet i.
    void facet(qsizetype i, float out[9]) const
    {
        std::memcpy(out, positions + i * positionStride, 9 * sizeof(float));
    }
    void normal(qsizetype i, float out[3]) const
    {
        if (normals)
            std::memcpy(out, normals + i * normalStride, 3 * sizeof(float));
        else
            out[0] = out[1] = out[2] = 0.0f;
    }
};

// Cancellation and progress for long work. `cancel` is polled every few ten thousand
// facets; `progress` gets fractions 0..1 (monotonic) and is called on the working thread.
struct WorkControl final
{
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(double)> progress;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void report(double fraction) const
    {
        if (progress)
            progress(fraction);
    }
};

// One phase of a longer job: maps the phase's own 0..1 onto [base, base + span] of the
// whole job. tick() reports progress and returns false once cancellation was requested.
struct Phase final
{
    const WorkControl *control = nullptr;
    double base = 0.0;
    double span = 1.0;

    bool tick(double fraction) const
    {
        if (!control)
            return true;
        control->report(base + span * fraction);
        return !control->cancelled();
    }
};

} // namespace pc::stl
