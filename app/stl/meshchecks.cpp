#include "stl/meshchecks.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

namespace pc::stl {

namespace {

constexpr qsizetype kChunk = 1 << 16;

// Large work arrays ask for transparent huge pages: with millions of facets, 4 KiB page
// faults otherwise cost as much as the work itself.
template<typename T>
struct BigAllocator
{
    using value_type = T;
    static constexpr size_t kHuge = size_t(2) << 20;

    BigAllocator() = default;
    template<typename U>
    BigAllocator(const BigAllocator<U> &) noexcept
    {}
    T *allocate(size_t n)
    {
        const size_t bytes = n * sizeof(T);
        if (bytes < 4 * kHuge)
            return std::allocator<T>().allocate(n);
        void *p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) / kHuge * kHuge);
        if (!p)
            throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
        madvise(p, bytes, MADV_HUGEPAGE);
#endif
        return static_cast<T *>(p);
    }
    void deallocate(T *p, size_t n) noexcept
    {
        if (n * sizeof(T) < 4 * kHuge)
            std::allocator<T>().deallocate(p, n);
        else
            std::free(p);
    }
    friend bool operator==(const BigAllocator &, const BigAllocator &)
    {
        return true;
    }
};

template<typename T>
using BigVector = std::vector<T, BigAllocator<T>>;

struct Cross
{
    double x, y, z;
};

Cross crossOf(const float *v)
{
    const double ax = double(v[3]) - v[0], ay = double(v[4]) - v[1], az = double(v[5]) - v[2];
    const double bx = double(v[6]) - v[0], by = double(v[7]) - v[1], bz = double(v[8]) - v[2];
    return {ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx};
}

// Open-addressing table of distinct positions keyed on their bits (-0.0 folded into 0.0).
// The key lives in the slot, so a lookup costs one cache miss; lookups are batched so
// those misses overlap (prefetch), which matters for millions of vertices.
class VertexWelder final
{
public:
    using Key = std::array<quint32, 3>;

    explicit VertexWelder(qsizetype facets)
    {
        // A closed mesh has about half as many vertices as facets: this keeps its load
        // under 0.7 without growing; open meshes and soups grow the table as they go.
        size_t capacity = 1024;
        while (capacity < size_t(facets))
            capacity *= 2;
        m_slots.assign(capacity, Slot{});
    }

    static Key keyOf(const float *p)
    {
        Key key;
        std::memcpy(key.data(), p, sizeof key);
        for (quint32 &b : key) {
            if (b == 0x80000000u)
                b = 0;
        }
        return key;
    }
    static size_t hash(const Key &k)
    {
        quint64 h = (quint64(k[0]) | (quint64(k[1]) << 32)) * 0x9E3779B97F4A7C15ull;
        h ^= (quint64(k[2]) + (h >> 29)) * 0xC2B2AE3D27D4EB4Full;
        return size_t(h ^ (h >> 32));
    }
    void prefetch(size_t h) const { __builtin_prefetch(&m_slots[h & (m_slots.size() - 1)]); }

    quint32 idOf(const Key &key, size_t h)
    {
        const size_t mask = m_slots.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.id == 0) {
                slot = {key, ++m_count};
                if (m_count * 10 > m_slots.size() * 7)
                    grow();
                return m_count - 1;
            }
            if (slot.key == key)
                return slot.id - 1;
        }
    }
    quint64 count() const { return m_count; }

private:
    struct Slot
    {
        Key key{};
        quint32 id = 0; // 0 = empty, otherwise vertex id + 1
    };
    void grow()
    {
        BigVector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        const size_t mask = m_slots.size() - 1;
        for (const Slot &slot : old) {
            if (slot.id == 0)
                continue;
            size_t i = hash(slot.key) & mask;
            while (m_slots[i].id != 0)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    BigVector<Slot> m_slots;
    quint32 m_count = 0;
};

class DisjointSets final
{
public:
    explicit DisjointSets(qsizetype n)
        : m_parent(size_t(n))
    {
        for (size_t i = 0; i < m_parent.size(); ++i)
            m_parent[i] = quint32(i);
    }
    quint32 find(quint32 x)
    {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(quint32 a, quint32 b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            m_parent[std::max(a, b)] = std::min(a, b);
    }

private:
    BigVector<quint32> m_parent;
};

struct EdgeUse
{
    quint32 other;    // the larger vertex id
    quint32 facetDir; // facet << 1 | 1 when the facet runs from the smaller id to the larger
};

} // namespace

namespace {

class MetricsAccumulator final
{
public:
    explicit MetricsAccumulator(const std::array<double, 3> &origin)
        : m_origin(origin)
    {}

    void add(const float *v, const float *n)
    {
        const Cross c = crossOf(v);
        const double len2 = c.x * c.x + c.y * c.y + c.z * c.z;
        if (len2 == 0.0) {
            ++m_result.degenerateFacets;
            return;
        }
        m_area += std::sqrt(len2);
        // (v1 - v0) x (v2 - v0) . v0 = 6 * the signed tetrahedron (origin, v0, v1, v2)
        m_volume +=
            (v[0] - m_origin[0]) * c.x + (v[1] - m_origin[1]) * c.y + (v[2] - m_origin[2]) * c.z;
        const double dot = n[0] * c.x + n[1] * c.y + n[2] * c.z;
        if (std::isfinite(dot) && dot < 0.0)
            ++m_result.normalsDisagreeing;
    }
    MeshMetrics result() const
    {
        MeshMetrics m = m_result;
        m.surfaceArea = m_area / 2.0;
        m.signedVolume = m_volume / 6.0;
        return m;
    }

private:
    std::array<double, 3> m_origin;
    MeshMetrics m_result;
    double m_area = 0.0;
    double m_volume = 0.0;
};

// One pass over the facets: metrics (when `metrics` is set) and three vertex ids per facet.
std::optional<BigVector<quint32>> weld(const TriangleView &facets, const Phase &phase,
                                       MetricsAccumulator *metrics,
                                       const std::function<void(qsizetype)> &facetsDone,
                                       quint64 &vertexCount)
{
    const qsizetype n = facets.count;
    BigVector<quint32> ids(size_t(n) * 3);
    VertexWelder welder(n);
    constexpr qsizetype batch = 16;
    for (qsizetype start = 0; start < n; start += kChunk) {
        if (!phase.tick(double(start) / double(n)))
            return std::nullopt;
        const qsizetype end = std::min(n, start + kChunk);
        for (qsizetype i = start; i < end; i += batch) {
            const qsizetype count = std::min(batch, end - i);
            VertexWelder::Key keys[batch * 3];
            size_t hashes[batch * 3];
            for (qsizetype b = 0; b < count; ++b) {
                float v[9];
                facets.facet(i + b, v);
                if (metrics) {
                    float normal[3];
                    facets.normal(i + b, normal);
                    metrics->add(v, normal);
                }
                for (int k = 0; k < 3; ++k) {
                    keys[b * 3 + k] = VertexWelder::keyOf(v + 3 * k);
                    hashes[b * 3 + k] = VertexWelder::hash(keys[b * 3 + k]);
                    welder.prefetch(hashes[b * 3 + k]);
                }
            }
            for (qsizetype j = 0; j < count * 3; ++j)
                ids[size_t(i) * 3 + size_t(j)] = welder.idOf(keys[j], hashes[j]);
        }
        if (facetsDone)
            facetsDone(end);
    }
    vertexCount = welder.count();
    return ids;
}

// Edges grouped by their smaller vertex (a counting sort: no global sort), classified,
// and shells joined through manifold edges. Facets with two equal ids take no part.
std::optional<MeshTopology> analyseEdges(BigVector<quint32> &ids, quint64 vertices,
                                         const Phase &phase)
{
    MeshTopology t;
    t.vertices = vertices;
    const size_t n = ids.size() / 3;
    const auto isDegenerate = [&ids](size_t f) {
        const quint32 *p = &ids[f * 3];
        return p[0] == p[1] || p[1] == p[2] || p[0] == p[2];
    };
    const size_t vertexCount = size_t(vertices);
    BigVector<quint32> first(vertexCount + 1, 0);
    size_t uses = 0;
    for (size_t f = 0; f < n; ++f) {
        if (isDegenerate(f))
            continue;
        for (int k = 0; k < 3; ++k)
            ++first[std::min(ids[f * 3 + k], ids[f * 3 + (k + 1) % 3]) + 1];
        uses += 3;
    }
    for (size_t v = 0; v < vertexCount; ++v)
        first[v + 1] += first[v];
    BigVector<EdgeUse> edgeUses(uses);
    {
        BigVector<quint32> cursor(first.begin(), first.end() - 1);
        for (size_t f = 0; f < n; ++f) {
            if (isDegenerate(f))
                continue;
            for (int k = 0; k < 3; ++k) {
                const quint32 a = ids[f * 3 + k], b = ids[f * 3 + (k + 1) % 3];
                edgeUses[cursor[std::min(a, b)]++] = {std::max(a, b),
                                                      quint32(f << 1) | quint32(a < b)};
            }
        }
    }
    if (!phase.tick(0.3))
        return std::nullopt;

    DisjointSets sets{qsizetype(n)};
    for (size_t v = 0; v < vertexCount; ++v) {
        if ((v & 0xffff) == 0 && !phase.tick(0.3 + 0.6 * double(v) / double(vertexCount)))
            return std::nullopt;
        EdgeUse *begin = edgeUses.data() + first[v];
        EdgeUse *end = edgeUses.data() + first[v + 1];
        if (end - begin > 1)
            std::sort(begin, end,
                      [](const EdgeUse &x, const EdgeUse &y) { return x.other < y.other; });
        for (EdgeUse *g = begin; g != end;) {
            EdgeUse *h = g + 1;
            while (h != end && h->other == g->other)
                ++h;
            const auto k = h - g;
            ++t.edges;
            if (k == 1)
                ++t.openEdges;
            else if (k > 2)
                ++t.nonManifoldEdges;
            else if ((g->facetDir & 1) == (h[-1].facetDir & 1))
                ++t.inconsistentEdges;
            if (k == 2) // shells meet only at manifold edges, as admesh counts parts
                sets.unite(g->facetDir >> 1, h[-1].facetDir >> 1);
            g = h;
        }
    }
    edgeUses = {};
    first = {};
    if (!phase.tick(0.9))
        return std::nullopt;
    for (size_t f = 0; f < n; ++f) {
        if (!isDegenerate(f) && sets.find(quint32(f)) == quint32(f))
            ++t.shells;
    }
    return t;
}

} // namespace

std::optional<MeshMetrics> computeMetrics(const TriangleView &facets,
                                          const std::array<double, 3> &origin, const Phase &phase)
{
    MetricsAccumulator metrics(origin);
    for (qsizetype start = 0; start < facets.count; start += kChunk) {
        if (!phase.tick(double(start) / double(facets.count)))
            return std::nullopt;
        const qsizetype end = std::min(facets.count, start + kChunk);
        for (qsizetype i = start; i < end; ++i) {
            float v[9];
            float normal[3];
            facets.facet(i, v);
            facets.normal(i, normal);
            metrics.add(v, normal);
        }
    }
    return metrics.result();
}

std::optional<MeshTopology> computeTopology(const TriangleView &facets, const Phase &phase)
{
    quint64 vertices = 0;
    auto ids =
        weld(facets, Phase{phase.control, phase.base, phase.span * 0.5}, nullptr, {}, vertices);
    if (!ids)
        return std::nullopt;
    return analyseEdges(*ids, vertices,
                        Phase{phase.control, phase.base + phase.span * 0.5, phase.span * 0.5});
}

std::optional<MeshCheckResult> checkMesh(const TriangleView &facets, const BoundingBox &bbox,
                                         const Phase &phase,
                                         const std::function<void(qsizetype)> &facetsDone)
{
    std::array<double, 3> centre{};
    if (bbox.valid) {
        for (int k = 0; k < 3; ++k)
            centre[k] = (double(bbox.min[k]) + bbox.max[k]) / 2.0;
    }
    MetricsAccumulator metrics(centre);
    quint64 vertices = 0;
    auto ids = weld(facets, Phase{phase.control, phase.base, phase.span * 0.5}, &metrics,
                    facetsDone, vertices);
    if (!ids)
        return std::nullopt;
    MeshCheckResult result;
    result.metrics = metrics.result();
    const auto topology = analyseEdges(
        *ids, vertices, Phase{phase.control, phase.base + phase.span * 0.5, phase.span * 0.5});
    if (!topology)
        return std::nullopt;
    result.topology = *topology;
    return result;
}

UnitsHint guessUnits(const BoundingBox &bbox)
{
    if (!bbox.valid)
        return UnitsHint::Plausible;
    const auto d = bbox.dimensions();
    const double largest = std::max({d[0], d[1], d[2]});
    if (largest < 1.0)
        return UnitsHint::MetresOrInches;
    // Nothing a shop sells is a few millimetres across; the same numbers in inches are
    // 25-127 mm, the usual size of a printed part.
    if (largest < 5.0)
        return UnitsHint::Inches;
    if (largest > 10000.0)
        return UnitsHint::Micrometres;
    return UnitsHint::Plausible;
}

double likelyMillimetresPerUnit(UnitsHint hint, double largest)
{
    constexpr double kInch = 25.4;
    switch (hint) {
    case UnitsHint::Plausible:
        break;
    case UnitsHint::Inches:
        return kInch;
    case UnitsHint::MetresOrInches:
        return largest * kInch >= 10.0 ? kInch : 1000.0;
    case UnitsHint::Micrometres:
        return 0.001;
    }
    return 1.0;
}

} // namespace pc::stl
