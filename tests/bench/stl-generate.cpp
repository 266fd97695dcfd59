// Writes a closed, outward-wound torus as STL for benchmarks and large-file tests:
//   stl-generate OUTPUT.stl TRIANGLES [--ascii] [--stacked]
// The facet count is rounded to the torus grid (2 x around x tube). --stacked writes that many
// copies of one 50 mm triangle instead: every facet covers the whole thumbnail.
#include "stl/meshgenerator.h"

#include <QCoreApplication>
#include <QFile>

#include <cmath>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    bool ok = false;
    const qint64 wanted = args.size() >= 3 ? args.at(2).toLongLong(&ok) : 0;
    if (!ok || wanted < 8 || wanted > 200'000'000) {
        std::fprintf(stderr, "usage: stl-generate OUTPUT.stl TRIANGLES [--ascii] [--stacked]\n");
        return 2;
    }
    const bool ascii = args.contains(QStringLiteral("--ascii"));
    const bool stacked = args.contains(QStringLiteral("--stacked"));
    pc::stl::Mesh mesh;
    if (stacked) {
        mesh = pc::stl::makeStackedTriangles(wanted);
    } else {
        // Twice as many steps around the ring as around the tube keeps the facets well shaped.
        const int tube = std::max(2, int(std::sqrt(double(wanted) / 4.0)));
        const int around = std::max(2, int(wanted / (2 * qint64(tube))));
        mesh = pc::stl::makeTorus(around, tube);
        pc::stl::setNormalsFromWinding(mesh);
    }
    const QByteArrayView name = stacked ? "stacked" : "torus";
    const QByteArray bytes =
        ascii ? pc::stl::toAsciiStl(mesh, name)
              : pc::stl::toBinaryStl(mesh, stacked ? "binary stacked triangles" : "binary torus");
    QFile out(args.at(1));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(bytes) != bytes.size()) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(args.at(1)),
                     qPrintable(out.errorString()));
        return 1;
    }
    std::printf("%s: %lld facets, %s, %lld bytes\n", qPrintable(args.at(1)),
                qint64(mesh.facetCount()), ascii ? "ASCII" : "binary", qint64(bytes.size()));
    return 0;
}
