// The STL reader: format decision, refusals, ASCII variants, colour, the corpus files.
#include "corpusmanifest.h"
#include "specialfiles.h"
#include "stl/meshgenerator.h"
#include "stl/stlinspector.h"
#include "stl/stlreader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;
using namespace pc::stl;

namespace {

struct ManifestRow
{
    QString file;
    QString license;
    QString format;
    bool expectOk = false;
    quint64 triangles = 0;
};

QList<ManifestRow> readManifest(const QString &dir)
{
    QList<ManifestRow> rows;
    for (const CorpusRow &row : readCorpusManifest(dir))
        rows.append({QString::fromUtf8(row["file"]), QString::fromUtf8(row["license"]),
                     QString::fromUtf8(row["format"]), row["expect"] == "ok",
                     row["triangles"].toULongLong()});
    return rows;
}

Mesh cube()
{
    return makeBox({0, 0, 0}, {10, 10, 10});
}

QByteArray withCount(QByteArray bytes, quint32 count)
{
    qToLittleEndian<quint32>(count, bytes.data() + 80);
    return bytes;
}

void setFloat(QByteArray &bytes, qsizetype at, float value)
{
    std::memcpy(bytes.data() + at, &value, 4);
}

const char *const kAsciiFacet = "facet normal 0 0 1\n outer loop\n  vertex 0 0 0\n"
                                "  vertex 1 0 0\n  vertex 0 1 0\n endloop\nendfacet\n";

} // namespace

class TestStlReader final : public QObject
{
    Q_OBJECT

private slots:
    void corpusCopiesMatchManifest_data();
    void corpusCopiesMatchManifest();
    void sharedCorpusMatchesManifest();

    void binaryRoundTrip();
    void binaryWithSolidHeader();
    void truncatedBinaryStatesBothNumbers();
    void trailingBytesAreAWarning();
    void hugeCountRefusedWithoutAllocating();
    void nanAndInfInBinary_data();
    void nanAndInfInBinary();
    void nonFiniteNormalIsAWarning();
    void quickPathBuildsNoMesh();

    void asciiVariants_data();
    void asciiVariants();
    void asciiRoundTripIsExact();
    void missingEndsolidIsAWarning();
    void asciiRejects_data();
    void asciiRejects();

    void refusals_data();
    void refusals();

    void visCamColour();
    void magicsColour();
    void blenderAttributesAreNotColour();

    void quickFilePath();
    void onlyRegularFilesAreRead();
    void fileCutShortWhileReadIsAnError_data();
    void fileCutShortWhileReadIsAnError();
    void neverCrashesOnMutations();
};

void TestStlReader::corpusCopiesMatchManifest_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("expectOk");
    QTest::addColumn<quint64>("triangles");
    const QString dir = QStringLiteral(PC_TEST_DATA_DIR) + u"/stl"_s;
    const QList<ManifestRow> rows = readManifest(dir);
    QVERIFY(rows.size() >= 29);
    for (const ManifestRow &row : rows) {
        QVERIFY(row.license == u"MIT"_s || row.license == u"BSD-3-Clause"_s);
        QTest::addRow("%s", qPrintable(row.file))
            << dir + u'/' + row.file << row.expectOk << row.triangles;
    }
}

void TestStlReader::corpusCopiesMatchManifest()
{
    QFETCH(QString, file);
    QFETCH(bool, expectOk);
    QFETCH(quint64, triangles);
    const InspectionReport full = inspectFile(file);
    QVERIFY2(full.ok == expectOk, qPrintable(full.error));
    InspectOptions quick;
    quick.quickOnly = true;
    const InspectionReport fast = inspectFile(file, quick);
    QCOMPARE(fast.ok, expectOk);
    if (expectOk) {
        QCOMPARE(full.triangles, triangles);
        QCOMPARE(fast.triangles, triangles);
        QVERIFY(full.checked);
        QVERIFY(!fast.checked);
        QCOMPARE(fast.bbox.min, full.bbox.min);
        QCOMPARE(fast.bbox.max, full.bbox.max);
    } else {
        QVERIFY(!full.error.isEmpty());
        QCOMPARE(full.triangles, 0u);
    }
}

void TestStlReader::sharedCorpusMatchesManifest()
{
    // Includes the GPL files, which stay in ../shared/stl-corpus. When that folder is
    // absent (CI), the list is empty and there is nothing to compare.
    const QString dir = QStringLiteral(PC_SHARED_CORPUS_DIR);
    const QList<ManifestRow> rows = readManifest(dir);
    for (const ManifestRow &row : rows) {
        const InspectionReport r = inspectFile(dir + u'/' + row.file);
        QVERIFY2(r.ok == row.expectOk, qPrintable(row.file + u": "_s + r.error));
        if (row.expectOk)
            QVERIFY2(r.triangles == row.triangles, qPrintable(row.file));
    }
    qInfo("%lld shared corpus files checked", qlonglong(rows.size()));
}

void TestStlReader::binaryRoundTrip()
{
    Mesh mesh = cube();
    const QByteArray bytes = toBinaryStl(mesh);
    ParseOptions options;
    options.buildMesh = true;
    const ParseResult r = parse(bytes, options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, Format::Binary);
    QCOMPARE(r.triangles, 12u);
    QCOMPARE(r.mesh.positions, mesh.positions);
    QCOMPARE(r.mesh.normals, mesh.normals);
    QCOMPARE(r.bbox.min, (std::array<float, 3>{0, 0, 0}));
    QCOMPARE(r.bbox.max, (std::array<float, 3>{10, 10, 10}));
    QVERIFY(r.warnings.isEmpty());
    QCOMPARE(r.colour.convention, ColourConvention::None);

    const TriangleView view = binaryView(bytes, r);
    QCOMPARE(view.count, 12);
    float v[9];
    view.facet(11, v);
    QVERIFY(std::memcmp(v, &mesh.positions[99], sizeof v) == 0);
}

void TestStlReader::binaryWithSolidHeader()
{
    const QByteArray bytes = toBinaryStl(cube(), "solid cube exported by a careless tool\n");
    const ParseResult r = parse(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, Format::Binary);
    QCOMPARE(r.triangles, 12u);
}

void TestStlReader::truncatedBinaryStatesBothNumbers()
{
    const QByteArray bytes = toBinaryStl(cube()).first(84 + 50 * 5 + 43);
    for (const QByteArray &variant : {bytes, toBinaryStl(cube(), "solid x").first(377)}) {
        const ParseResult r = parse(variant);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"684"_s) && r.error.contains(u"377"_s), qPrintable(r.error));
        QVERIFY2(r.error.contains(u"truncated"_s), qPrintable(r.error));
    }
}

void TestStlReader::trailingBytesAreAWarning()
{
    const QByteArray bytes = toBinaryStl(cube(), "solid padded") + QByteArray(7, 'x');
    const ParseResult r = parse(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, Format::Binary);
    QCOMPARE(r.triangles, 12u);
    QCOMPARE(r.trailingBytes, 7u);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().contains(u'7'), qPrintable(r.warnings.first()));
}

void TestStlReader::hugeCountRefusedWithoutAllocating()
{
    const QByteArray base = toBinaryStl(cube());
    for (quint32 count : {0x80000000u, 0xffffffffu, 0x7fffffffu, 13u}) {
        ParseOptions options;
        options.buildMesh = true;
        const ParseResult r = parse(withCount(base, count), options);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QString::number(count)), qPrintable(r.error));
        QVERIFY2(r.error.contains(QString::number(base.size())), qPrintable(r.error));
        // Refused from the header alone: nothing was reserved for the claimed triangles.
        QVERIFY(r.mesh.positions.capacity() == 0);
    }
}

void TestStlReader::nanAndInfInBinary_data()
{
    QTest::addColumn<float>("value");
    QTest::addRow("nan") << std::numeric_limits<float>::quiet_NaN();
    QTest::addRow("inf") << std::numeric_limits<float>::infinity();
    QTest::addRow("-inf") << -std::numeric_limits<float>::infinity();
}

void TestStlReader::nanAndInfInBinary()
{
    QFETCH(float, value);
    QByteArray bytes = toBinaryStl(cube());
    setFloat(bytes, 84 + 50 * 6 + 12 + 4 * 7, value); // facet 7 (1-based), v2.y
    const ParseResult r = parse(bytes);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"Triangle 7 of 12"_s), qPrintable(r.error));
    InspectOptions quick;
    quick.quickOnly = true;
    QVERIFY(!inspect(bytes, quick).ok);
}

void TestStlReader::nonFiniteNormalIsAWarning()
{
    QByteArray bytes = toBinaryStl(cube());
    setFloat(bytes, 84, std::numeric_limits<float>::quiet_NaN());
    const ParseResult r = parse(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.nonFiniteNormals, 1u);
    QCOMPARE(r.warnings.size(), 1);
}

void TestStlReader::quickPathBuildsNoMesh()
{
    ParseOptions options;
    options.quickOnly = true;
    options.buildMesh = true;
    for (const QByteArray &bytes : {toBinaryStl(cube()), toAsciiStl(cube())}) {
        const ParseResult r = parse(bytes, options);
        QVERIFY(r.ok);
        QCOMPARE(r.triangles, 12u);
        QVERIFY(r.mesh.positions.empty());
        QCOMPARE(r.bbox.max, (std::array<float, 3>{10, 10, 10}));
    }
}

void TestStlReader::asciiVariants_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<quint64>("triangles");
    const QByteArray facet(kAsciiFacet);
    QByteArray crlf = "solid crlf\n" + facet + facet + "endsolid crlf\n";
    crlf.replace("\n", "\r\n");
    QTest::addRow("crlf") << crlf << quint64(2);
    QTest::addRow("bom") << "\xef\xbb\xbfsolid bom\n" + facet + "endsolid bom\n" << quint64(1);
    QByteArray tabs = "solid\ttabs\n" + facet + "endsolid\n";
    tabs.replace(' ', '\t');
    QTest::addRow("tabs") << tabs << quint64(1);
    QTest::addRow("upper case") << "SOLID UP\n" + facet.toUpper() + "ENDSOLID UP\n" << quint64(1);
    QTest::addRow("mixed case") << "Solid m\nFacet Normal 0 0 1\nOuter LOOP\nVertex 0 0 0\n"
                                   "VERTEX 1 0 0\nvertex 0 1 0\nEndLoop\nENDFACET\nEndSolid m\n"_ba
                                << quint64(1);
    QTest::addRow("several solids")
        << "solid a\n" + facet + "endsolid a\nsolid b\n" + facet + facet + "endsolid b\n"
        << quint64(3);
    QTest::addRow("empty solid") << "solid a\n" + facet + "endsolid a\nsolid empty\nendsolid\n"
                                 << quint64(1);
    QTest::addRow("no final newline") << "solid a\n" + facet + "endsolid a" << quint64(1);
    QTest::addRow("exponents and digits")
        << "solid e\nfacet normal 0 0 1e+000\nouter loop\nvertex 3.274081e-033 -1.5E+002 "
           "+2.5\nvertex 896.12345678901234 824.00000000000001 0\nvertex 1e-45 1 0\nendloop\n"
           "endfacet\nendsolid\n"_ba
        << quint64(1);
    QTest::addRow("blank lines and spaces")
        << "  \n\n solid   spaced name  \n\n" + facet + "   \n endsolid  \n\n\n"
        << quint64(1);
    QTest::addRow("utf-8 name") << "solid \xe6\x9c\x88\xe7\x90\x83\n" + facet + "endsolid\n"
                                << quint64(1);
}

void TestStlReader::asciiVariants()
{
    QFETCH(QByteArray, bytes);
    QFETCH(quint64, triangles);
    const ParseResult r = parse(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.format, Format::Ascii);
    QCOMPARE(r.triangles, triangles);
    QCOMPARE(r.mesh.facetCount(), qsizetype(triangles));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
}

void TestStlReader::asciiRoundTripIsExact()
{
    const Mesh mesh = makeTorus(24, 12);
    const ParseResult r = parse(toAsciiStl(mesh));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.triangles, quint64(24 * 12 * 2));
    QVERIFY(r.mesh.positions == mesh.positions);
    QCOMPARE(r.header, "generated"_ba);
}

void TestStlReader::missingEndsolidIsAWarning()
{
    const QByteArray bytes = "solid open\n"_ba + kAsciiFacet;
    const ParseResult r = parse(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.missingEndsolid);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().contains(u"endsolid"_s));
}

void TestStlReader::asciiRejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected"); // must appear in the error
    const QByteArray head = "solid bad\nfacet normal 0 0 1\n outer loop\n  vertex 0 0 0\n";
    const QByteArray tail = "  vertex 0 1 0\n endloop\nendfacet\nendsolid\n";
    QTest::addRow("nan") << head + "  vertex 1 nan 0\n" + tail << u"Line 5"_s;
    QTest::addRow("inf") << head + "  vertex 1 0 -inf\n" + tail << u"Line 5"_s;
    QTest::addRow("infinity") << head + "  vertex 1 0 Infinity\n" + tail << u"Line 5"_s;
    QTest::addRow("word") << head + "  vertex 0 0 blah\n" + tail << u"\"blah\""_s;
    QTest::addRow("two coordinates") << head + "  vertex 1 0\n" + tail << u"Line 6"_s;
    QTest::addRow("trailing junk in number") << head + "  vertex 1 0 0x\n" + tail << u"Line 5"_s;
    QTest::addRow("out of range") << head + "  vertex 1 0 1e39\n" + tail << u"range"_s;
    QTest::addRow("control byte") << head + "  vertex 1 \x10 0\n" + tail << u"\\x10"_s;
    QTest::addRow("nul byte") << head + "  vertex 1 0"_ba + '\0' + " 0\n" + tail << u"Line 5"_s;
    QTest::addRow("garbage line") << head + "  vertex 1 0 0\n" +
                                         QByteArray(tail).replace("endloop", "hello")
                                  << u"Line 7"_s;
    QTest::addRow("four vertices")
        << head + "  vertex 1 0 0\n  vertex 1 1 0\n" + tail << u"more than 3 vertices"_s;
    QTest::addRow("junk after endfacet") << "solid a\n"_ba + kAsciiFacet + "junk\nendsolid\n"
                                         << u"Line 9"_s;
    QTest::addRow("no solid keyword") << "solidx\n"_ba + kAsciiFacet << u"Line 1"_s;
    QTest::addRow("cut in a facet") << head << u"end of the file"_s;
    QTest::addRow("long line") << head + "  vertex " + QByteArray(1 << 20, '1') + " 0 0\n" + tail
                               << u"range"_s;
}

void TestStlReader::asciiRejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const ParseResult r = parse(bytes);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    QVERIFY(r.mesh.positions.empty());
}

void TestStlReader::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::addRow("empty") << QByteArray() << u"empty"_s;
    QTest::addRow("short binary") << QByteArray(60, '\0') << u"60 bytes"_s;
    QTest::addRow("short text") << "hello"_ba << u"5 bytes"_s;
    QTest::addRow("png") << "\x89PNG\r\n\x1a\n"_ba + QByteArray(200, '\0') << u"PNG image"_s;
    QTest::addRow("zip") << "PK\x03\x04"_ba + QByteArray(200, '\1') << u"ZIP archive"_s;
    QTest::addRow("pdf") << "%PDF-1.7\n"_ba + QByteArray(200, 'x') << u"PDF document"_s;
    QTest::addRow("jpeg") << "\xff\xd8\xff\xe0"_ba + QByteArray(200, '\0') << u"JPEG image"_s;
    QTest::addRow("gif") << "GIF89a"_ba + QByteArray(20, '\0') << u"GIF image"_s;
    QTest::addRow("text") << QByteArray("This is a README file, not a model.\n").repeated(10)
                          << u"text file"_s;
    QTest::addRow("empty ascii") << "solid empty\nendsolid empty\n"_ba << u"no triangles"_s;
    QTest::addRow("empty binary") << toBinaryStl(Mesh{}) << u"no triangles"_s;
}

void TestStlReader::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const InspectionReport r = inspect(bytes);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(expected), qPrintable(r.error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u"case.stl"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    const InspectionReport fromFile = inspectFile(file.fileName());
    QCOMPARE(fromFile.error, r.error);
}

void TestStlReader::visCamColour()
{
    Mesh mesh = cube();
    mesh.attributes.assign(12, 0);
    for (int i = 0; i < 5; ++i)
        mesh.attributes[size_t(i)] = 0x8000 | (31 << 10); // red, valid
    const ParseResult r = parse(toBinaryStl(mesh));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.colour.convention, ColourConvention::VisCam);
    QCOMPARE(r.colour.colouredFacets, 5u);
    QVERIFY(!r.colour.hasDefaultColour);
    QVERIFY(r.warnings.isEmpty());
}

void TestStlReader::magicsColour()
{
    Mesh mesh = cube();
    mesh.attributes.assign(12, 0x8000); // "use the default colour"
    mesh.attributes[3] = 0x4e73;        // a facet colour of its own
    const ParseResult r = parse(toBinaryStl(mesh, "STLB ATF COLOR=\xa0\xb0\xc0\xff rest"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.colour.convention, ColourConvention::Magics);
    QCOMPARE(r.colour.colouredFacets, 1u);
    QVERIFY(r.colour.hasDefaultColour);
    QCOMPARE(r.colour.defaultRgba, (std::array<quint8, 4>{0xa0, 0xb0, 0xc0, 0xff}));
}

void TestStlReader::blenderAttributesAreNotColour()
{
    Mesh mesh = cube();
    mesh.attributes.assign(12, 0x2020);
    const ParseResult r = parse(toBinaryStl(mesh));
    QVERIFY(r.ok);
    QCOMPARE(r.colour.convention, ColourConvention::None);
    QCOMPARE(r.colour.colouredFacets, 0u);
}

void TestStlReader::quickFilePath()
{
    // inspectFile(quickOnly) streams exact-size binary files in blocks: same answers.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&dir](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName();
    };
    InspectOptions quick;
    quick.quickOnly = true;
    const Mesh mesh = makeTorus(400, 250); // 200 000 facets: several blocks
    const QString good = write(u"good.stl"_s, toBinaryStl(mesh));
    const InspectionReport r = inspectFile(good, quick);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.triangles, 200000u);
    QCOMPARE(r.bbox.min, inspect(toBinaryStl(mesh)).bbox.min);

    QByteArray bad = toBinaryStl(mesh);
    setFloat(bad, 84 + 50 * 150000 + 20, std::numeric_limits<float>::quiet_NaN());
    const InspectionReport nan = inspectFile(write(u"nan.stl"_s, bad), quick);
    QVERIFY(!nan.ok);
    QVERIFY2(nan.error.contains(u"Triangle 150001 of 200000"_s), qPrintable(nan.error));

    std::atomic<bool> cancel = false;
    quick.cancel = &cancel;
    quick.progress = [&cancel](double f) {
        if (f > 0.2)
            cancel = true;
    };
    const InspectionReport cancelled = inspectFile(good, quick);
    QVERIFY(cancelled.cancelled);
    QVERIFY(!cancelled.ok);

    const InspectionReport missing = inspectFile(dir.filePath(u"missing.stl"_s));
    QVERIFY(!missing.ok);
    QVERIFY2(missing.error.contains(u"missing.stl"_s), qPrintable(missing.error));
}

// A FIFO named like an STL is refused at once, on both paths, instead of blocking until some
// writer comes; a link to a device is refused instead of read (an endless one such as
// /dev/zero would be read until memory runs out: the CLI suite checks that one under a limit).
void TestStlReader::onlyRegularFilesAreRead()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(u"pipe.stl"_s);
    QVERIFY(pc::test::makeFifo(fifo));
    const pc::test::FifoWriter writer(fifo, std::chrono::milliseconds(5000));
    QElapsedTimer elapsed;
    elapsed.start();
    for (const bool quickOnly : {false, true}) {
        InspectOptions options;
        options.quickOnly = quickOnly;
        const InspectionReport r = inspectFile(fifo, options);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"named pipe"_s) && r.error.contains(fifo), qPrintable(r.error));
    }
    QVERIFY2(elapsed.elapsed() < 5000, "a reader waited for the FIFO's writer");

    const QString device = dir.filePath(u"null.stl"_s);
    QVERIFY(QFile::link(u"/dev/null"_s, device));
    const InspectionReport r = inspectFile(device);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"device"_s), qPrintable(r.error));
}

void TestStlReader::fileCutShortWhileReadIsAnError_data()
{
    QTest::addColumn<bool>("ascii");
    QTest::newRow("binary") << false;
    QTest::newRow("ascii") << true;
}

// The file is truncated while the full inspection reads its mapping (a program rewriting
// it): the pages past the new end are gone. The inspection ends with an error that says the
// file changed, instead of the process dying of SIGBUS.
void TestStlReader::fileCutShortWhileReadIsAnError()
{
    QFETCH(bool, ascii);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Mesh mesh = makeTorus(400, 250); // 200 000 facets: many pages
    const QString path = dir.filePath(u"model.stl"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ascii ? toAsciiStl(mesh) : toBinaryStl(mesh));
    }
    bool truncated = false;
    InspectOptions options;
    options.progress = [&](double fraction) {
        if (truncated || fraction < 0.05)
            return;
        truncated = true;
        QVERIFY(QFile::resize(path, 1000));
    };
    const InspectionReport r = inspectFile(path, options);
    QVERIFY(truncated);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(u"became shorter"_s) && r.error.contains(path), qPrintable(r.error));
}

void TestStlReader::neverCrashesOnMutations()
{
    // Every prefix of a small binary and ASCII file, and a few thousand deterministic
    // byte flips: no crash, and every refusal has a reason.
    const QByteArray binary = toBinaryStl(makeBox({0, 0, 0}, {1, 2, 3}), "solid x");
    const QByteArray ascii = toAsciiStl(makeBox({0, 0, 0}, {1, 2, 3}));
    for (const QByteArray &source : {binary, ascii}) {
        for (qsizetype n = 0; n <= source.size(); ++n) {
            const InspectionReport r = inspect(source.first(n));
            QVERIFY(r.ok || !r.error.isEmpty());
        }
        quint32 seed = 12345;
        for (int round = 0; round < 3000; ++round) {
            QByteArray copy = source;
            for (int k = 0; k < 4; ++k) {
                seed = seed * 1664525u + 1013904223u;
                copy[qsizetype(seed % quint32(copy.size()))] = char(seed >> 24);
            }
            const InspectionReport r = inspect(copy);
            QVERIFY(r.ok || !r.error.isEmpty());
        }
    }
}

QTEST_GUILESS_MAIN(TestStlReader)
#include "tst_stlreader.moc"
