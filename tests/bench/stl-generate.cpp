// Writes a closed, outward-wound torus as STL for benchmarks and large-file tests:
//   stl-generate OUTPUT.stl TRIANGLES [--ascii]
// The facet count is rounded to the torus grid (2 x around x tube).
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
        std::fprintf(stderr, "usage: stl-generate OUTPUT.stl TRIANGLES [--ascii]\n");
        return 2;
    }
    const bool ascii = args.contains(QStringLiteral("--ascii"));
    // Twice as many steps around the ring as around the tube keeps the facets well shaped.
    const int tube = std::max(2, int(std::sqrt(double(wanted) / 4.0)));
    const int around = std::max(2, int(wanted / (2 * qint64(tube))));
    pc::stl::Mesh mesh = pc::stl::makeTorus(around, tube);
    pc::stl::setNormalsFromWinding(mesh);
    const QByteArray bytes =
        ascii ? pc::stl::toAsciiStl(mesh, "torus") : pc::stl::toBinaryStl(mesh, "binary torus");
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
