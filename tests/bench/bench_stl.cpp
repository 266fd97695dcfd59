// Google Benchmark: STL inspection and thumbnails on generated closed tori (1 M and 5 M
// facets, binary), and thumbnails of stacked copies of one large triangle (every facet covers
// the whole picture), written once to a temporary folder. Run it from a release build:
//   build/release/tests/bench/bench_stl --benchmark_counters_tabular=true
#include "stl/meshgenerator.h"
#include "stl/stlinspector.h"
#include "stl/thumbnailrenderer.h"

#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cmath>
#include <map>

namespace {

QTemporaryDir &folder()
{
    static QTemporaryDir dir;
    return dir;
}

// The path of a binary torus with about `facets` facets, generated on first use.
QString torusFile(qint64 facets)
{
    static std::map<qint64, QString> files;
    auto it = files.find(facets);
    if (it != files.end())
        return it->second;
    const int tube = int(std::sqrt(double(facets) / 4.0));
    const int around = int(facets / (2 * qint64(tube)));
    pc::stl::Mesh mesh = pc::stl::makeTorus(around, tube);
    pc::stl::setNormalsFromWinding(mesh);
    const QString path = folder().filePath(QStringLiteral("torus-%1.stl").arg(facets));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pc::stl::toBinaryStl(mesh)) < 0)
        std::abort();
    return files.emplace(facets, path).first->second;
}

// The path of a binary file of `facets` copies of one 50 mm triangle, generated on first use.
QString stackedFile(qint64 facets)
{
    static std::map<qint64, QString> files;
    auto it = files.find(facets);
    if (it != files.end())
        return it->second;
    const QString path = folder().filePath(QStringLiteral("stacked-%1.stl").arg(facets));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(pc::stl::toBinaryStl(pc::stl::makeStackedTriangles(facets))) < 0)
        std::abort();
    return files.emplace(facets, path).first->second;
}

void inspect(benchmark::State &state, bool quick)
{
    const QString path = torusFile(state.range(0));
    const qint64 size = QFile(path).size();
    pc::stl::InspectOptions options;
    options.quickOnly = quick;
    for (auto _ : state) {
        const auto report = pc::stl::inspectFile(path, options);
        if (!report.ok)
            state.SkipWithError("inspection failed");
        benchmark::DoNotOptimize(report.triangles);
    }
    state.SetBytesProcessed(state.iterations() * size);
    state.counters["facets"] = double(state.range(0));
}

void BM_QuickPath(benchmark::State &state)
{
    inspect(state, true);
}

void BM_FullInspection(benchmark::State &state)
{
    inspect(state, false);
}

void thumbnail(benchmark::State &state, const QString &path)
{
    pc::stl::MappedFile file;
    QString error;
    if (!file.open(path, &error))
        std::abort();
    const auto parsed = pc::stl::parse(file.bytes());
    const pc::stl::TriangleView view = pc::stl::binaryView(file.bytes(), parsed);
    for (auto _ : state) {
        const QImage image = pc::stl::renderThumbnail(view);
        benchmark::DoNotOptimize(image.constBits());
    }
    state.counters["facets"] = double(state.range(0));
}

void BM_Thumbnail256(benchmark::State &state)
{
    thumbnail(state, torusFile(state.range(0)));
}

void BM_ThumbnailStacked256(benchmark::State &state)
{
    thumbnail(state, stackedFile(state.range(0)));
}

} // namespace

BENCHMARK(BM_QuickPath)->Arg(1'000'000)->Arg(5'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullInspection)->Arg(1'000'000)->Arg(5'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Thumbnail256)->Arg(1'000'000)->Arg(5'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ThumbnailStacked256)
    ->Arg(6'000)
    ->Arg(60'000)
    ->Arg(600'000)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
