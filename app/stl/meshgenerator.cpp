#include "stl/meshgenerator.h"

#include <QtEndian>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <numbers>

namespace pc::stl {

namespace {

void addTriangle(Mesh &mesh, const std::array<float, 3> &a, const std::array<float, 3> &b,
                 const std::array<float, 3> &c)
{
    for (const auto *p : {&a, &b, &c})
        mesh.positions.insert(mesh.positions.end(), p->begin(), p->end());
    mesh.normals.insert(mesh.normals.end(), {0.0f, 0.0f, 0.0f});
}

void appendFloat(QByteArray &out, float f)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, f);
    out.append(buffer, result.ptr - buffer);
}

} // namespace

Mesh makeBox(const std::array<float, 3> &min, const std::array<float, 3> &max)
{
    std::array<std::array<float, 3>, 8> c;
    for (int i = 0; i < 8; ++i)
        c[i] = {(i & 1) ? max[0] : min[0], (i & 2) ? max[1] : min[1], (i & 4) ? max[2] : min[2]};
    static constexpr int quads[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4},
                                        {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
    Mesh mesh;
    for (const auto &q : quads) {
        addTriangle(mesh, c[q[0]], c[q[1]], c[q[2]]);
        addTriangle(mesh, c[q[0]], c[q[2]], c[q[3]]);
    }
    setNormalsFromWinding(mesh);
    return mesh;
}

Mesh makeStackedTriangles(qsizetype count, float size)
{
    Mesh mesh;
    const std::array<float, 9> corners{0, 0, 0, size, 0, 0, 0, size, size};
    mesh.positions.reserve(std::size_t(std::max<qsizetype>(count, 0)) * 9);
    for (qsizetype i = 0; i < count; ++i)
        mesh.positions.insert(mesh.positions.end(), corners.begin(), corners.end());
    setNormalsFromWinding(mesh);
    return mesh;
}

Mesh makeTorus(int around, int tube, float majorRadius, float minorRadius)
{
    std::vector<std::array<float, 3>> grid(size_t(around) * size_t(tube));
    for (int i = 0; i < around; ++i) {
        const double u = 2.0 * std::numbers::pi * i / around;
        for (int j = 0; j < tube; ++j) {
            const double v = 2.0 * std::numbers::pi * j / tube;
            const double ring = majorRadius + minorRadius * std::cos(v);
            grid[size_t(i) * tube + j] = {float(ring * std::cos(u)), float(ring * std::sin(u)),
                                          float(minorRadius * std::sin(v))};
        }
    }
    const auto at = [&](int i, int j) -> const std::array<float, 3> & {
        return grid[size_t(i % around) * tube + size_t(j % tube)];
    };
    Mesh mesh;
    mesh.positions.reserve(size_t(around) * tube * 18);
    mesh.normals.reserve(size_t(around) * tube * 6);
    for (int i = 0; i < around; ++i) {
        for (int j = 0; j < tube; ++j) {
            addTriangle(mesh, at(i, j), at(i + 1, j), at(i + 1, j + 1));
            addTriangle(mesh, at(i, j), at(i + 1, j + 1), at(i, j + 1));
        }
    }
    setNormalsFromWinding(mesh);
    return mesh;
}

void appendMesh(Mesh &mesh, const Mesh &other)
{
    mesh.positions.insert(mesh.positions.end(), other.positions.begin(), other.positions.end());
    mesh.normals.insert(mesh.normals.end(), other.normals.begin(), other.normals.end());
    if (mesh.attributes.size() + other.attributes.size() > 0) {
        mesh.attributes.resize(size_t(mesh.facetCount() - other.facetCount()), 0);
        mesh.attributes.insert(mesh.attributes.end(), other.attributes.begin(),
                               other.attributes.end());
        mesh.attributes.resize(size_t(mesh.facetCount()), 0);
    }
}

void setNormalsFromWinding(Mesh &mesh)
{
    mesh.normals.resize(size_t(mesh.facetCount()) * 3);
    for (qsizetype f = 0; f < mesh.facetCount(); ++f) {
        const float *v = &mesh.positions[size_t(f) * 9];
        const double ax = v[3] - v[0], ay = v[4] - v[1], az = v[5] - v[2];
        const double bx = v[6] - v[0], by = v[7] - v[1], bz = v[8] - v[2];
        const double n[3] = {ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx};
        const double len = std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (int k = 0; k < 3; ++k)
            mesh.normals[size_t(f) * 3 + k] = len > 0.0 ? float(n[k] / len) : 0.0f;
    }
}

QByteArray toBinaryStl(const Mesh &mesh, QByteArrayView header)
{
    const qsizetype count = mesh.facetCount();
    QByteArray out(84 + 50 * count, '\0');
    char *p = out.data();
    std::memset(p, ' ', 80);
    std::memcpy(p, header.data(), size_t(std::min<qsizetype>(header.size(), 80)));
    qToLittleEndian<quint32>(quint32(count), p + 80);
    const bool withAttributes = qsizetype(mesh.attributes.size()) == count;
    const bool withNormals = qsizetype(mesh.normals.size()) == count * 3;
    for (qsizetype f = 0; f < count; ++f) {
        char *facet = p + 84 + 50 * f;
        if (withNormals)
            std::memcpy(facet, &mesh.normals[size_t(f) * 3], 12);
        std::memcpy(facet + 12, &mesh.positions[size_t(f) * 9], 36);
        const quint16 attribute = withAttributes ? mesh.attributes[size_t(f)] : 0;
        qToLittleEndian<quint16>(attribute, facet + 48);
    }
    return out;
}

QByteArray toAsciiStl(const Mesh &mesh, QByteArrayView name)
{
    QByteArray out;
    out.reserve(64 + mesh.facetCount() * 260);
    out.append("solid ").append(name).append('\n');
    const bool withNormals = qsizetype(mesh.normals.size()) == mesh.facetCount() * 3;
    for (qsizetype f = 0; f < mesh.facetCount(); ++f) {
        out.append("  facet normal");
        for (int k = 0; k < 3; ++k) {
            out.append(' ');
            appendFloat(out, withNormals ? mesh.normals[size_t(f) * 3 + k] : 0.0f);
        }
        out.append("\n    outer loop\n");
        for (int v = 0; v < 3; ++v) {
            out.append("      vertex");
            for (int k = 0; k < 3; ++k) {
                out.append(' ');
                appendFloat(out, mesh.positions[size_t(f) * 9 + v * 3 + k]);
            }
            out.append('\n');
        }
        out.append("    endloop\n  endfacet\n");
    }
    out.append("endsolid ").append(name).append('\n');
    return out;
}

} // namespace pc::stl
