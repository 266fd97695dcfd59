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

bool isFinite(const float *v)
{
    return std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]);
}

} // namespace

QImage renderThumbnail(const TriangleView &facets, const ThumbnailOptions &options)
{
    const int factor = std::clamp(options.supersampling, 1, 4);
    const int width = std::max(1, options.size.width()) * factor;
    const int height = std::max(1, options.size.height()) * factor;
    const Camera camera;

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

    std::vector<float> depth(std::size_t(width) * std::size_t(height),
                             -std::numeric_limits<float>::infinity());
    const QRgb base = options.colour.rgb();
    const int baseR = qRed(base), baseG = qGreen(base), baseB = qBlue(base);

    for (qsizetype t = 0; t < facets.count; ++t) {
        if ((t & 0xffff) == 0 && options.cancel && options.cancel->load(std::memory_order_relaxed))
            return {};
        passedBefore(t);
        facets.facet(t, f);
        if (!isFinite(f) || !isFinite(f + 3) || !isFinite(f + 6))
            continue;
        const Vec3 a{f[0], f[1], f[2]}, b{f[3], f[4], f[5]}, c{f[6], f[7], f[8]};

        // Screen positions (y down) and depth (larger is nearer the camera).
        double sx[3], sy[3], sz[3];
        const Vec3 corners[3] = {a, b, c};
        for (int k = 0; k < 3; ++k) {
            sx[k] = offsetX + dot(corners[k], camera.right) * scale;
            sy[k] = offsetY - dot(corners[k], camera.up) * scale;
            sz[k] = dot(corners[k], camera.toCamera);
        }
        // The pixels whose centres (i + 0.5) the facet's box covers. On a large mesh most
        // facets are smaller than a pixel and cover none: they cost no shading at all.
        const int x0 = std::max(0, int(std::ceil(std::min({sx[0], sx[1], sx[2]}) - 0.5)));
        const int x1 = std::min(width - 1, int(std::floor(std::max({sx[0], sx[1], sx[2]}) - 0.5)));
        if (x0 > x1)
            continue;
        const int y0 = std::max(0, int(std::ceil(std::min({sy[0], sy[1], sy[2]}) - 0.5)));
        const int y1 = std::min(height - 1, int(std::floor(std::max({sy[0], sy[1], sy[2]}) - 0.5)));
        if (y0 > y1)
            continue;
        const double area = (sx[1] - sx[0]) * (sy[2] - sy[0]) - (sx[2] - sx[0]) * (sy[1] - sy[0]);
        if (std::abs(area) < 1e-12)
            continue;
        // A file of many facets that each cover the whole picture costs a full pass per facet:
        // a cancel (a newer selection, a removed row) is heard before each such facet too.
        if (options.cancel && qint64(x1 - x0 + 1) * (y1 - y0 + 1) > 4096 &&
            options.cancel->load(std::memory_order_relaxed))
            return {};

        const Vec3 normal = normalized(cross(b - a, c - a));
        // Lit on both sides: a flipped facet is a mesh problem, not an invisible hole.
        const double diffuse = std::abs(dot(normal, camera.light));
        const double facing = std::abs(dot(normal, camera.toCamera));
        const double shade = std::clamp(0.28 + 0.55 * diffuse + 0.17 * facing, 0.0, 1.0);
        const QRgb colour = qRgba(int(baseR * shade), int(baseG * shade), int(baseB * shade), 255);
        const double inverseArea = 1.0 / area;
        for (int y = y0; y <= y1; ++y) {
            const double py = y + 0.5;
            auto *line = reinterpret_cast<QRgb *>(canvas.scanLine(y));
            float *depthLine = depth.data() + std::size_t(y) * std::size_t(width);
            for (int x = x0; x <= x1; ++x) {
                const double px = x + 0.5;
                // Barycentric weights; the sign of `area` makes both windings work.
                const double w0 =
                    ((sx[1] - px) * (sy[2] - py) - (sx[2] - px) * (sy[1] - py)) * inverseArea;
                const double w1 =
                    ((sx[2] - px) * (sy[0] - py) - (sx[0] - px) * (sy[2] - py)) * inverseArea;
                const double w2 = 1.0 - w0 - w1;
                if (w0 < 0 || w1 < 0 || w2 < 0)
                    continue;
                const auto z = float(w0 * sz[0] + w1 * sz[1] + w2 * sz[2]);
                if (z <= depthLine[x])
                    continue;
                depthLine[x] = z;
                line[x] = colour;
            }
        }
    }
    if (facets.passed)
        facets.passed(facets.count);
    if (factor == 1)
        return canvas;
    return canvas.scaled(options.size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace pc::stl
