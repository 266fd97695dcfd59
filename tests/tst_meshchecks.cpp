// Mesh metrics and topology: generated meshes for every rule, the corpus against admesh,
// cancellation and progress.
#include "corpusmanifest.h"
#include "stl/meshchecks.h"
#include "stl/meshgenerator.h"
#include "stl/stlinspector.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>
#include <thread>

using namespace Qt::StringLiterals;
using namespace pc::stl;

namespace {

Mesh cube(float size = 10.0f, float at = 0.0f)
{
    return makeBox({at, at, at}, {at + size, at + size, at + size});
}

InspectionReport check(const Mesh &mesh)
{
    const InspectionReport binary = inspect(toBinaryStl(mesh));
    const InspectionReport ascii = inspect(toAsciiStl(mesh));
    // Both formats of the same mesh must give the same figures.
    if (binary.ok != ascii.ok || binary.topology.openEdges != ascii.topology.openEdges ||
        binary.topology.shells != ascii.topology.shells ||
        binary.metrics.signedVolume != ascii.metrics.signedVolume ||
        binary.metrics.normalsDisagreeing != ascii.metrics.normalsDisagreeing)
        QTest::qFail("binary and ASCII results differ", __FILE__, __LINE__);
    return binary;
}

void flipFacet(Mesh &mesh, qsizetype f)
{
    for (int k = 0; k < 3; ++k)
        std::swap(mesh.positions[size_t(f) * 9 + 3 + k], mesh.positions[size_t(f) * 9 + 6 + k]);
}

bool hasWarning(const InspectionReport &r, const QString &text)
{
    for (const QString &w : r.warnings) {
        if (w.contains(text))
            return true;
    }
    return false;
}

struct AdmeshRow
{
    QString file;
    quint64 parts = 0;
    double volume = 0.0;
};

// Rows where admesh loaded the file and changed nothing: no disconnected facets, no edges
// fixed, no facets removed, added or reversed. There our open and inconsistent edges, shells
// and volume must agree with admesh's.
QList<AdmeshRow> cleanAdmeshRows(const QString &dir)
{
    QList<AdmeshRow> rows;
    for (const CorpusRow &row : readCorpusManifest(dir)) {
        if (row["expect"] != "ok" || row["admesh_loads"] != "yes")
            continue;
        bool repaired = false;
        for (const char *column : {"admesh_disconnected_facets_orig", "edges_fixed",
                                   "facets_removed", "facets_added", "facets_reversed"})
            repaired = repaired || row[column] != "0";
        if (!repaired)
            rows.append({row.path, row["parts"].toULongLong(), row["volume"].toDouble()});
    }
    return rows;
}

void compareWithAdmesh(const QList<AdmeshRow> &rows)
{
    for (const AdmeshRow &row : rows) {
        const InspectionReport r = inspectFile(row.file);
        const QByteArray name = row.file.toUtf8();
        QVERIFY2(r.ok, name.constData());
        // admesh found every edge paired (it does not count non-manifold edges).
        QVERIFY2(r.topology.openEdges == 0, name.constData());
        QVERIFY2(r.topology.inconsistentEdges == 0, name.constData());
        QVERIFY2(r.topology.shells == row.parts, name.constData());
        const double tolerance = 1e-4 * std::max(1.0, row.volume) + 1e-6;
        QVERIFY2(
            std::abs(r.volume() - row.volume) <= tolerance,
            qPrintable(u"%1: %2 vs admesh %3"_s.arg(row.file).arg(r.volume()).arg(row.volume)));
    }
}

} // namespace

class TestMeshChecks final : public QObject
{
    Q_OBJECT

private slots:
    void closedCube();
    void cubeWithHole();
    void cubesSharingAnEdge();
    void flippedFacet();
    void insideOutCube();
    void degenerateFacets();
    void wrongStoredNormal();
    void twoSeparateCubes();
    void negativeZeroIsWelded();
    void torus();
    void unitsHint();
    void quickPathSkipsTopology();

    void corpusCopiesAgreeWithAdmesh();
    void sharedCorpusAgreesWithAdmesh();
    void corpusProblemCounts();

    void cancelFromProgress_data();
    void cancelFromProgress();
    void progressReachesOne();
    void concurrentInspections();
    void largeMeshFromFile();
};

void TestMeshChecks::closedCube()
{
    const InspectionReport r = check(cube());
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.checked);
    QCOMPARE(r.triangles, 12u);
    QCOMPARE(r.topology.vertices, 8u);
    QCOMPARE(r.topology.edges, 18u);
    QCOMPARE(r.topology.openEdges, 0u);
    QCOMPARE(r.topology.nonManifoldEdges, 0u);
    QCOMPARE(r.topology.inconsistentEdges, 0u);
    QCOMPARE(r.topology.shells, 1u);
    QCOMPARE(r.metrics.degenerateFacets, 0u);
    QCOMPARE(r.metrics.normalsDisagreeing, 0u);
    QVERIFY(r.watertight());
    QCOMPARE(r.metrics.signedVolume, 1000.0);
    QCOMPARE(r.surfaceArea(), 600.0);
    QCOMPARE(r.dimensions, (std::array<double, 3>{10, 10, 10}));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));

    // The building blocks give the same figures on a view of a Mesh.
    const Mesh mesh = cube();
    const auto topology = computeTopology(TriangleView::fromMesh(mesh));
    QVERIFY(topology);
    QCOMPARE(topology->vertices, 8u);
    QCOMPARE(topology->edges, 18u);
    QVERIFY(topology->watertight());
    const auto metrics = computeMetrics(TriangleView::fromMesh(mesh), {0, 0, 0});
    QVERIFY(metrics);
    QCOMPARE(metrics->signedVolume, 1000.0);
    QCOMPARE(metrics->surfaceArea, 600.0);
}

void TestMeshChecks::cubeWithHole()
{
    Mesh mesh = cube();
    mesh.positions.resize(11 * 9);
    mesh.normals.resize(11 * 3);
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.topology.openEdges, 3u);
    QVERIFY(!r.watertight());
    QCOMPARE(r.topology.shells, 1u);
    QVERIFY(hasWarning(r, u"3 open edge"_s));
}

void TestMeshChecks::cubesSharingAnEdge()
{
    Mesh mesh = makeBox({0, 0, 0}, {1, 1, 1});
    appendMesh(mesh, makeBox({1, 1, 0}, {2, 2, 1})); // touches along x = y = 1
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.topology.nonManifoldEdges, 1u);
    QCOMPARE(r.topology.openEdges, 0u);
    QCOMPARE(r.topology.vertices, 14u);
    QCOMPARE(r.topology.shells, 2u);
    QVERIFY(!r.watertight());
    QVERIFY(hasWarning(r, u"1 non-manifold edge"_s));
}

void TestMeshChecks::flippedFacet()
{
    Mesh mesh = cube();
    flipFacet(mesh, 4);
    setNormalsFromWinding(mesh);
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.topology.inconsistentEdges, 3u);
    QCOMPARE(r.topology.openEdges, 0u);
    QVERIFY(r.watertight());
    QVERIFY(r.metrics.signedVolume < 1000.0);
    QCOMPARE(r.metrics.normalsDisagreeing, 0u);
    QVERIFY(hasWarning(r, u"3 edge(s) where neighbouring facets disagree"_s));
}

void TestMeshChecks::insideOutCube()
{
    Mesh mesh = cube();
    for (qsizetype f = 0; f < mesh.facetCount(); ++f)
        flipFacet(mesh, f);
    setNormalsFromWinding(mesh);
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.metrics.signedVolume, -1000.0);
    QCOMPARE(r.volume(), 1000.0);
    QCOMPARE(r.topology.inconsistentEdges, 0u);
    QVERIFY(hasWarning(r, u"negative volume"_s));
}

void TestMeshChecks::degenerateFacets()
{
    Mesh mesh = cube();
    // A facet with a repeated vertex and a zero-area facet of three collinear vertices.
    mesh.positions.insert(mesh.positions.end(), {0, 0, 0, 10, 0, 0, 0, 0, 0});
    mesh.positions.insert(mesh.positions.end(), {0, 0, 0, 5, 0, 0, 10, 0, 0});
    mesh.normals.insert(mesh.normals.end(), 6, 0.0f);
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.metrics.degenerateFacets, 2u);
    QCOMPARE(r.metrics.signedVolume, 1000.0);
    QVERIFY(hasWarning(r, u"2 degenerate facet"_s));
}

void TestMeshChecks::wrongStoredNormal()
{
    Mesh mesh = cube();
    for (int k = 0; k < 3; ++k)
        mesh.normals[3 * 5 + k] = -mesh.normals[3 * 5 + k];
    mesh.normals[0] = mesh.normals[1] = mesh.normals[2] = 0.0f; // zero: ignored
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.metrics.normalsDisagreeing, 1u);
    QVERIFY(r.watertight());
    QVERIFY(hasWarning(r, u"1 stored normal"_s));
}

void TestMeshChecks::twoSeparateCubes()
{
    Mesh mesh = cube();
    appendMesh(mesh, cube(10, 20));
    const InspectionReport r = check(mesh);
    QVERIFY(r.ok);
    QCOMPARE(r.topology.shells, 2u);
    QCOMPARE(r.topology.vertices, 16u);
    QVERIFY(r.watertight());
    QCOMPARE(r.volume(), 2000.0);
    QCOMPARE(r.dimensions, (std::array<double, 3>{30, 30, 30}));
}

void TestMeshChecks::negativeZeroIsWelded()
{
    Mesh mesh = cube();
    int changed = 0;
    for (size_t i = 0; i < mesh.positions.size(); i += 4) {
        if (mesh.positions[i] == 0.0f) {
            mesh.positions[i] = -0.0f;
            ++changed;
        }
    }
    QVERIFY(changed > 0);
    const InspectionReport r = check(mesh);
    QCOMPARE(r.topology.vertices, 8u);
    QVERIFY(r.watertight());
    QCOMPARE(r.topology.inconsistentEdges, 0u);
}

void TestMeshChecks::torus()
{
    const int around = 64, tube = 32;
    const InspectionReport r = check(makeTorus(around, tube, 40.0f, 15.0f));
    QVERIFY(r.ok);
    QCOMPARE(r.triangles, quint64(2 * around * tube));
    QCOMPARE(r.topology.vertices, quint64(around * tube));
    QCOMPARE(r.topology.edges, quint64(3 * around * tube));
    QCOMPARE(r.topology.shells, 1u);
    QVERIFY(r.watertight());
    QCOMPARE(r.topology.inconsistentEdges, 0u);
    const double exact = 2.0 * std::numbers::pi * std::numbers::pi * 40.0 * 15.0 * 15.0;
    QVERIFY2(r.metrics.signedVolume > 0.98 * exact && r.metrics.signedVolume < exact,
             qPrintable(QString::number(r.metrics.signedVolume)));
}

void TestMeshChecks::unitsHint()
{
    const InspectionReport small = check(cube(0.5f));
    QCOMPARE(small.unitsHint, UnitsHint::MetresOrInches);
    QVERIFY(hasWarning(small, u"metres or inches"_s));
    const InspectionReport big = check(cube(20000.0f));
    QCOMPARE(big.unitsHint, UnitsHint::Micrometres);
    QVERIFY(hasWarning(big, u"micrometres"_s));
    QCOMPARE(check(cube(100.0f)).unitsHint, UnitsHint::Plausible);
    // A few units across: inches, the usual slip of a CAD export.
    const InspectionReport inches = check(cube(3.24f));
    QCOMPARE(inches.unitsHint, UnitsHint::Inches);
    QVERIFY(hasWarning(inches, u"inches"_s));
    QCOMPARE(check(cube(5.0f)).unitsHint, UnitsHint::Plausible);
    QCOMPARE(pc::stl::likelyMillimetresPerUnit(UnitsHint::Inches, 3.24), 25.4);
    QCOMPARE(pc::stl::likelyMillimetresPerUnit(UnitsHint::MetresOrInches, 0.92), 25.4);
    QCOMPARE(pc::stl::likelyMillimetresPerUnit(UnitsHint::MetresOrInches, 0.2), 1000.0);
    QCOMPARE(pc::stl::likelyMillimetresPerUnit(UnitsHint::Micrometres, 20000.0), 0.001);
    QCOMPARE(pc::stl::likelyMillimetresPerUnit(UnitsHint::Plausible, 100.0), 1.0);
}

void TestMeshChecks::quickPathSkipsTopology()
{
    Mesh mesh = cube();
    mesh.positions.resize(11 * 9);
    mesh.normals.resize(11 * 3);
    InspectOptions options;
    options.quickOnly = true;
    const InspectionReport r = inspect(toBinaryStl(mesh), options);
    QVERIFY(r.ok);
    QVERIFY(!r.checked);
    QVERIFY(!r.watertight());
    QCOMPARE(r.topology.openEdges, 0u); // not computed
    QVERIFY(r.warnings.isEmpty());
    QCOMPARE(r.triangles, 11u);
}

void TestMeshChecks::corpusCopiesAgreeWithAdmesh()
{
    const QList<AdmeshRow> rows = cleanAdmeshRows(QStringLiteral(PC_TEST_DATA_DIR) + u"/stl"_s);
    QVERIFY(rows.size() >= 10);
    compareWithAdmesh(rows);
}

void TestMeshChecks::sharedCorpusAgreesWithAdmesh()
{
    // Empty list (nothing to compare) when ../shared/stl-corpus is absent.
    const QList<AdmeshRow> rows = cleanAdmeshRows(QStringLiteral(PC_SHARED_CORPUS_DIR));
    compareWithAdmesh(rows);
    qInfo("%lld clean shared corpus files compared", qlonglong(rows.size()));
}

void TestMeshChecks::corpusProblemCounts()
{
    // Counts from the corpus notes (an exact-vertex-match check, like ours).
    const QString dir = QStringLiteral(PC_TEST_DATA_DIR) + u"/stl/"_s;
    const InspectionReport wuson = inspectFile(dir + u"assimp__Wuson.stl"_s);
    QCOMPARE(wuson.topology.openEdges, 412u);
    QCOMPARE(wuson.colour.convention, ColourConvention::None); // 0x2020 words
    QCOMPARE(inspectFile(dir + u"trimesh__teapot.stl"_s).topology.openEdges, 64u);
    QCOMPARE(inspectFile(dir + u"assimp__sphereWithHole.stl"_s).topology.openEdges, 9u);
    const InspectionReport max = inspectFile(dir + u"assimp__3DSMaxExport.STL"_s);
    QCOMPARE(max.topology.nonManifoldEdges, 16u);
    QCOMPARE(max.topology.openEdges, 0u);
    const InspectionReport soup = inspectFile(dir + u"trimesh__soup.stl"_s);
    QCOMPARE(soup.topology.openEdges, 300u);
    QCOMPARE(soup.topology.shells, 100u);
    QCOMPARE(inspectFile(dir + u"assimp__Spider_binary.stl"_s).metrics.degenerateFacets, 56u);
    QCOMPARE(inspectFile(dir + u"trimesh__featuretype.STL"_s).topology.openEdges, 576u);
    const InspectionReport colour = inspectFile(dir + u"trimesh__20mm-xyz-cube.stl"_s);
    QCOMPARE(colour.colour.convention, ColourConvention::Magics);
    QCOMPARE(colour.colour.colouredFacets, 260u);
    QCOMPARE(colour.colour.defaultRgba, (std::array<quint8, 4>{0xa0, 0xa0, 0xa0, 0xff}));
    const InspectionReport donut = inspectFile(dir + u"numpy-stl__binary_HalfDonut.stl"_s);
    QCOMPARE(donut.trailingBytes, 1u);
    QVERIFY(hasWarning(donut, u"1 byte"_s));
}

void TestMeshChecks::cancelFromProgress_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("quick");
    QTest::addColumn<double>("cancelAt");
    const Mesh mesh = makeTorus(400, 300); // 240 000 facets: several progress steps
    const QByteArray binary = toBinaryStl(mesh);
    const QByteArray ascii = toAsciiStl(mesh);
    QTest::addRow("binary, parsing") << binary << true << 0.1;
    QTest::addRow("binary, topology") << binary << false << 0.5;
    QTest::addRow("ascii, parsing") << ascii << false << 0.1;
    QTest::addRow("ascii, topology") << ascii << false << 0.8;
}

void TestMeshChecks::cancelFromProgress()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, quick);
    QFETCH(double, cancelAt);
    std::atomic<bool> cancel = false;
    int callsAfterCancel = 0;
    InspectOptions options;
    options.quickOnly = quick;
    options.cancel = &cancel;
    options.progress = [&](double f) {
        if (cancel)
            ++callsAfterCancel;
        if (f >= cancelAt)
            cancel = true;
    };
    const InspectionReport r = inspect(bytes, options);
    QVERIFY(cancel);
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QVERIFY2(r.error.contains(u"cancelled"_s), qPrintable(r.error));
    QVERIFY(callsAfterCancel <= 1);
}

void TestMeshChecks::progressReachesOne()
{
    const QByteArray bytes = toBinaryStl(makeTorus(400, 300));
    for (bool quick : {true, false}) {
        QList<double> seen;
        InspectOptions options;
        options.quickOnly = quick;
        options.progress = [&seen](double f) { seen.append(f); };
        const InspectionReport r = inspect(bytes, options);
        QVERIFY(r.ok);
        QVERIFY(seen.size() >= 3);
        QCOMPARE(seen.last(), 1.0);
        for (qsizetype i = 1; i < seen.size(); ++i)
            QVERIFY2(seen[i] >= seen[i - 1], qPrintable(QString::number(i)));
        QVERIFY(seen.first() >= 0.0);
    }
}

void TestMeshChecks::concurrentInspections()
{
    const QByteArray bytes = toBinaryStl(makeTorus(200, 100));
    InspectionReport a, b;
    std::thread first([&] { a = inspect(bytes); });
    std::thread second([&] { b = inspect(toAsciiStl(makeTorus(200, 100))); });
    first.join();
    second.join();
    QVERIFY(a.ok && b.ok);
    QCOMPARE(a.topology.edges, b.topology.edges);
    QCOMPARE(a.metrics.signedVolume, b.metrics.signedVolume);
    QVERIFY(a.watertight() && b.watertight());
}

void TestMeshChecks::largeMeshFromFile()
{
    // 800 000 facets: the work arrays take the huge-page allocation path, and inspectFile
    // drops the mapped pages as it goes; the figures must not change.
    const Mesh mesh = makeTorus(800, 500);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const bool ascii : {false, true}) {
        const QByteArray bytes = ascii ? toAsciiStl(mesh) : toBinaryStl(mesh);
        QFile file(dir.filePath(ascii ? u"large-ascii.stl"_s : u"large.stl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
        file.close();
        const InspectionReport fromFile = inspectFile(file.fileName());
        const InspectionReport fromMemory = inspect(bytes);
        QVERIFY2(fromFile.ok, qPrintable(fromFile.error));
        QCOMPARE(fromFile.triangles, 800000u);
        QCOMPARE(fromFile.topology.vertices, 400000u);
        QCOMPARE(fromFile.topology.edges, 1200000u);
        QVERIFY(fromFile.watertight());
        QCOMPARE(fromFile.topology.shells, 1u);
        QCOMPARE(fromFile.topology.inconsistentEdges, 0u);
        QCOMPARE(fromFile.metrics.signedVolume, fromMemory.metrics.signedVolume);
        QCOMPARE(fromFile.topology.edges, fromMemory.topology.edges);
        InspectOptions quick;
        quick.quickOnly = true;
        const InspectionReport fast = inspectFile(file.fileName(), quick);
        QVERIFY(fast.ok);
        QCOMPARE(fast.bbox.min, fromFile.bbox.min);
        QCOMPARE(fast.bbox.max, fromFile.bbox.max);
    }
}

QTEST_GUILESS_MAIN(TestMeshChecks)
#include "tst_meshchecks.moc"
