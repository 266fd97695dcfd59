#include "stl/thumbnailrenderer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace pc::stl {

namespace {

struct Vec3
{
    double x = 0, y = 0, z = 0;
};

Vec3 operator-(Vec3 a, Vec3 b)
{
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}

double dot(Vec3 a, Vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

Vec3 cross(Vec3 a, Vec3 b)
{
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

Vec3 normalized(Vec3 v)
{
    const double length = std::sqrt(dot(v, v));
    return length > 0 ? Vec3{v.x / length, v.y / length, v.z / length} : Vec3{};
}

// The isometric camera: looking from the front-right-top corner, Z up on screen.
struct Camera
{
    Vec3 toCamera = normalized({1, -1, 1});
    Vec3 right = normalized({1, 1, 0});
    Vec3 up = cross(right, Vec3{-toCamera.x, -toCamera.y, -toCamera.z});
    // The light comes from above-left of the viewer, so tops and fronts read differently.
    Vec3 light = normalized({0.3, -0.9, 1.4});
};

// How often a pass says how far it got (a mask): every 65,536 facets, about 3 MB of a binary
// file.
constexpr qsizetype kReleaseEvery = 0xffff;

// Work units (one per facet, one per pixel test) between two looks at the cancel flag: a few
// milliseconds of drawing, however the work is spread over the facets.
constexpr qint64 kCheckEvery = 1 << 14;

bool isFinite(const float *v)
{
    return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]);
}

// A well-mixed 64-bit value from `n` (splitmix64): the same file always gives the same picture.
quint64 scramble(quint64 n)
{
    n += 0x9e3779b97f4a7c15ull;
    n = (n ^ (n >> 30)) * 0xbf58476d1ce4e5b9ull;
    n = (n ^ (n >> 27)) * 0x94d049bb133111ebull;
    return n ^ (n >> 31);
}

// Looks at the cancel flag and reports progress once enough work was done since the last look.
class Checkpoint
{
public:
    explicit Checkpoint(const ThumbnailOptions &options)
        : m_options(options)
    {}

    // False when the drawing is to stop. `share` is the part of the whole work done.
    bool pass(qint64 units, double share)
    {
        m_units += units;
        if (m_units < m_next)
            return true;
        m_next = m_units + kCheckEvery;
        if (m_options.progress)
            m_options.progress(share);
        return !(m_options.cancel && m_options.cancel->load(std::memory_order_relaxed));
    }

private:
    const ThumbnailOptions &m_options;
    qint64 m_units = 0;
    qint64 m_next = 0; // the first call looks
};

} // namespace

QImage renderThumbnail(const TriangleView &facets, const ThumbnailOptions &options)
{
    const int factor = std::clamp(options.supersampling, 1, 4);
    const int width = std::max(1, options.size.width()) * factor;
    const int height = std::max(1, options.size.height()) * factor;
    const Camera camera;
    ThumbnailWork work;
    Checkpoint checkpoint(options);
    const double count = double(std::max<qsizetype>(facets.count, 1));

    QImage canvas(width, height, QImage::Format_ARGB32_Premultiplied);
    canvas.fill(Qt::transparent);

    // Fit the projected mesh into the canvas with a margin.
    double minX = std::numeric_limits<double>::max(), maxX = std::numeric_limits<double>::lowest();
    double minY = minX, maxY = maxX;
    float f[9];
    const auto passedBefore = [&facets](qsizetype t) {
        if (facets.passed && (t & kReleaseEvery) == 0)
            facets.passed(t);
    };
    for (qsizetype t = 0; t < facets.count; ++t) {
        if (!checkpoint.pass(1, 0.2 * double(t) / count))
            return {};
        passedBefore(t);
        facets.facet(t, f);
        if (!isFinite(f) || !isFinite(f + 3) || !isFinite(f + 6))
            continue; // skipped when drawing too
        for (int corner = 0; corner < 3; ++corner) {
            const float *v = f + corner * 3;
            const Vec3 p{v[0], v[1], v[2]};
            const double sx = dot(p, camera.right);
            const double sy = dot(p, camera.up);
            minX = std::min(minX, sx);
            maxX = std::max(maxX, sx);
            minY = std::min(minY, sy);
            maxY = std::max(maxY, sy);
        }
    }
    if (minX > maxX)
        return options.size.isValid() ? canvas.scaled(options.size) : canvas;

    const double margin = 0.06;
    const double spanX = std::max(maxX - minX, 1e-12);
    const double spanY = std::max(maxY - minY, 1e-12);
    const double scale =
        std::min(width * (1 - 2 * margin) / spanX, height * (1 - 2 * margin) / spanY);
    const double offsetX = width / 2.0 - (minX + maxX) / 2.0 * scale;
    const double offsetY = height / 2.0 + (minY + maxY) / 2.0 * scale;

    auto *const pixels = reinterpret_cast<QRgb *>(canvas.bits());
    const qsizetype pixelsPerLine = canvas.bytesPerLine() / qsizetype(sizeof(QRgb));
    std::vector<float> depth(std::size_t(width) * std::size_t(height),
                             -std::numeric_limits<float>::infinity());
    const QRgb base = options.colour.rgb();
    const int baseR = qRed(base), baseG = qGreen(base), baseB = qBlue(base);
    const qint64 budget = qint64(std::max(0, options.pixelBudget)) * width * height;

    for (qsizetype t = 0; t < facets.count; ++t) {
        passedBefore(t);
        facets.facet(t, f);
        if (!isFinite(f) || !isFinite(f + 3) || !isFinite(f + 6)) {
            if (!checkpoint.pass(1, 0.2 + 0.8 * double(t) / count))
                return {};
            continue;
        }
        const Vec3 a{f[0], f[1], f[2]}, b{f[3], f[4], f[5]}, c{f[6], f[7], f[8]};

        // Screen positions (y down) and depth (larger is nearer the camera).
        double sx[3], sy[3], sz[3];
        const Vec3 corners[3] = {a, b, c};
        for (int k = 0; k < 3; ++k) {
            sx[k] = offsetX + dot(corners[k], camera.right) * scale;
            sy[k] = offsetY - dot(corners[k], camera.up) * scale;
            sz[k] = dot(corners[k], camera.toCamera);
        }
        qint64 tests = 0;
        bool sampled = false;
        // The pixels whose centres (i + 0.5) the facet's box covers. On a large mesh most
        // facets are smaller than a pixel and cover none: they cost no shading at all.
        const int x0 = std::max(0, int(std::ceil(std::min({sx[0], sx[1], sx[2]}) - 0.5)));
        const int x1 = std::min(width - 1, int(std::floor(std::max({sx[0], sx[1], sx[2]}) - 0.5)));
        const int y0 = std::max(0, int(std::ceil(std::min({sy[0], sy[1], sy[2]}) - 0.5)));
        const int y1 = std::min(height - 1, int(std::floor(std::max({sy[0], sy[1], sy[2]}) - 0.5)));
        const double area = (sx[1] - sx[0]) * (sy[2] - sy[0]) - (sx[2] - sx[0]) * (sy[1] - sy[0]);
        if (x0 <= x1 && y0 <= y1 && std::abs(area) >= 1e-12) {
            const Vec3 normal = normalized(cross(b - a, c - a));
            // Lit on both sides: a flipped facet is a mesh problem, not an invisible hole.
            const double diffuse = std::abs(dot(normal, camera.light));
            const double facing = std::abs(dot(normal, camera.toCamera));
            const double shade = std::clamp(0.28 + 0.55 * diffuse + 0.17 * facing, 0.0, 1.0);
            const QRgb colour =
                qRgba(int(baseR * shade), int(baseG * shade), int(baseB * shade), 255);
            const double inverseArea = 1.0 / area;
            // Draws pixel (x, y) when its centre lies on the facet and nothing nearer is there.
            const auto cover = [&](int x, int y) {
                const double px = x + 0.5, py = y + 0.5;
                // Barycentric weights; the sign of `area` makes both windings work.
                const double w0 =
                    ((sx[1] - px) * (sy[2] - py) - (sx[2] - px) * (sy[1] - py)) * inverseArea;
                const double w1 =
                    ((sx[2] - px) * (sy[0] - py) - (sx[0] - px) * (sy[2] - py)) * inverseArea;
                const double w2 = 1.0 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0)
                    return;
                const auto z = float(w0 * sz[0] + w1 * sz[1] + w2 * sz[2]);
                float &nearest = depth[std::size_t(y) * std::size_t(width) + std::size_t(x)];
                if (z <= nearest)
                    return;
                nearest = z;
                pixels[std::size_t(y) * std::size_t(pixelsPerLine) + std::size_t(x)] = colour;
            };
            const qint64 box = qint64(x1 - x0 + 1) * (y1 - y0 + 1);
            if (box <= ThumbnailOptions::kSamplesPerFacet || work.pixelTests + box <= budget) {
                tests = box;
                for (int y = y0; y <= y1; ++y)
                    for (int x = x0; x <= x1; ++x)
                        cover(x, y);
            } else {
                // The budget is spent: the pixels under a few points scattered over the facet,
                // other points for each facet, so many large facets still fill their surfaces
                // between them. Each is drawn exactly as in full, or not at all.
                sampled = true;
                tests = ThumbnailOptions::kSamplesPerFacet;
                for (int k = 0; k < ThumbnailOptions::kSamplesPerFacet; ++k) {
                    const quint64 bits =
                        scramble(quint64(t) * ThumbnailOptions::kSamplesPerFacet + quint64(k));
                    double u = double(bits >> 40) / double(1 << 24);
                    double v = double(bits & 0xffffff) / double(1 << 24);
                    if (u + v > 1.0) {
                        u = 1.0 - u;
                        v = 1.0 - v;
                    }
                    const auto x =
                        int(std::floor(sx[0] + u * (sx[1] - sx[0]) + v * (sx[2] - sx[0])));
                    const auto y =
                        int(std::floor(sy[0] + u * (sy[1] - sy[0]) + v * (sy[2] - sy[0])));
                    if (x >= x0 && x <= x1 && y >= y0 && y <= y1)
                        cover(x, y);
                }
            }
        }
        ++(sampled ? work.facetsSampled : work.facetsRasterised);
        work.pixelTests += tests;
        if (!checkpoint.pass(1 + tests, 0.2 + 0.8 * double(t) / count))
            return {};
    }
    if (facets.passed)
        facets.passed(facets.count);
    if (options.work)
        *options.work = work;
    if (factor == 1)
        return canvas;
    return canvas.scaled(options.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace pc::stl
