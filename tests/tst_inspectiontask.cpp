// Inspection on a worker thread: results and thumbnails arrive on the owner's thread,
// progress climbs, cancellation and early destruction are safe; and every row of
// RELIABILITY.md's "Input" table for STL files, through the task the queue and the GUI use.
#include "stl/inspectiontask.h"
#include "stl/meshgenerator.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtEndian>

#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;
using pc::stl::InspectionReport;
using pc::stl::InspectionTask;

namespace {

pc::stl::Mesh cube()
{
    return pc::stl::makeBox({0, 0, 0}, {10, 10, 10});
}

QByteArray withCount(QByteArray bytes, quint32 count)
{
    qToLittleEndian<quint32>(count, bytes.data() + 80);
    return bytes;
}

QByteArray withFloat(QByteArray bytes, qsizetype at, float value)
{
    std::memcpy(bytes.data() + at, &value, 4);
    return bytes;
}

} // namespace

class TestInspectionTask final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resultAndThumbnailOnOwnerThread();
    void progressClimbsToTheEnd();
    void cancelStopsALargeFile();
    void deletingARunningTaskIsSafe();
    void refusedFileFinishesWithError();
    void inputRows_data();
    void inputRows();

private:
    QTemporaryDir m_dir;
    QString m_large;
};

void TestInspectionTask::initTestCase()
{
    // About 2 M facets: long enough to cancel part-way on any machine.
    pc::stl::Mesh torus = pc::stl::makeTorus(2000, 500);
    m_large = m_dir.filePath(u"large.stl"_s);
    QFile file(m_large);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(pc::stl::toBinaryStl(torus)) > 0);
}

void TestInspectionTask::resultAndThumbnailOnOwnerThread()
{
    InspectionTask task(
        {QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"), false, QSize(96, 96)});
    QThread *owner = QThread::currentThread();
    QThread *deliveredOn = nullptr;
    connect(&task, &InspectionTask::finished, this,
            [&deliveredOn] { deliveredOn = QThread::currentThread(); });
    QSignalSpy finished(&task, &InspectionTask::finished);
    task.start();
    QVERIFY(task.isRunning());
    QVERIFY(finished.wait(20000));
    QCOMPARE(deliveredOn, owner);
    QVERIFY(!task.isRunning());
    const auto report = finished.first().at(0).value<InspectionReport>();
    QVERIFY2(report.ok, qPrintable(report.error));
    QCOMPARE(report.triangles, quint64(894));
    QVERIFY(report.checked);
    const auto thumbnail = finished.first().at(1).value<QImage>();
    QCOMPARE(thumbnail.size(), QSize(96, 96));
}

void TestInspectionTask::progressClimbsToTheEnd()
{
    InspectionTask task({m_large, false, {}});
    QSignalSpy progress(&task, &InspectionTask::progress);
    QSignalSpy finished(&task, &InspectionTask::finished);
    task.start();
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().at(0).value<InspectionReport>().ok);
    QVERIFY(progress.size() >= 3);
    QVERIFY(progress.size() <= 101); // throttled to whole percents
    double last = -1;
    for (const auto &signal : std::as_const(progress)) {
        QVERIFY(signal.first().toDouble() > last);
        last = signal.first().toDouble();
    }
    QCOMPARE(last, 1.0);
}

void TestInspectionTask::cancelStopsALargeFile()
{
    InspectionTask task({m_large, false, QSize(256, 256)});
    QSignalSpy finished(&task, &InspectionTask::finished);
    // Cancel as soon as the first progress arrives: the work is under way.
    connect(&task, &InspectionTask::progress, &task, &InspectionTask::cancel);
    task.start();
    QVERIFY(finished.wait(60000));
    const auto report = finished.first().at(0).value<InspectionReport>();
    QVERIFY(report.cancelled);
    QVERIFY(!report.ok);
    QVERIFY(!report.error.isEmpty());
}

void TestInspectionTask::deletingARunningTaskIsSafe()
{
    QThreadPool pool;
    for (int i = 0; i < 5; ++i) {
        auto *task = new InspectionTask({m_large, false, QSize(64, 64)});
        task->start(&pool);
        QTest::qWait(i * 5); // from immediately to a little into the work
        delete task;
    }
    // The workers notice the cancel and end; what they post for the deleted tasks is
    // dropped (a use-after-free here is what the asan preset would catch).
    QVERIFY(pool.waitForDone(60000));
    QCoreApplication::processEvents();
    InspectionTask after({QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl"), true, {}});
    QSignalSpy finished(&after, &InspectionTask::finished);
    after.start(&pool);
    QVERIFY(finished.wait(10000));
}

void TestInspectionTask::refusedFileFinishesWithError()
{
    InspectionTask task({m_dir.filePath(u"missing.stl"_s), false, QSize(64, 64)});
    QSignalSpy finished(&task, &InspectionTask::finished);
    task.start();
    QVERIFY(finished.wait(10000));
    const auto report = finished.first().at(0).value<InspectionReport>();
    QVERIFY(!report.ok);
    QVERIFY(!report.error.isEmpty());
    QVERIFY(finished.first().at(1).value<QImage>().isNull());
}

void TestInspectionTask::inputRows_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("accepted");
    // Every fragment must appear in the error (refused) or in the warnings (accepted; the
    // warnings of mesh checks only come from the full inspection).
    QTest::addColumn<QStringList>("fragments");

    using namespace pc::stl;
    const QByteArray binary = toBinaryStl(cube());
    // Empty file, < 84 bytes, not an STL at all: rejected with the reason.
    QTest::newRow("empty") << QByteArray() << false << QStringList{u"empty"_s};
    QTest::newRow("83 bytes") << QByteArray(83, '\0') << false << QStringList{u"83 bytes"_s};
    QTest::newRow("png") << "\x89PNG\r\n\x1a\n"_ba + QByteArray(300, '\0') << false
                         << QStringList{u"PNG image"_s, u"not an STL"_s};
    QTest::newRow("zip") << "PK\x03\x04"_ba + QByteArray(300, '\1') << false
                         << QStringList{u"ZIP archive"_s, u"not an STL"_s};
    QTest::newRow("text") << QByteArray("Just some notes about the part.\n").repeated(8) << false
                          << QStringList{u"text file"_s};
    // Binary shorter than 84 + 50 x count: truncated, with both numbers.
    QTest::newRow("truncated binary")
        << binary.first(500) << false << QStringList{u"truncated"_s, u"684"_s, u"500"_s};
    // Bytes after the last triangle: accepted, the warning names them.
    QTest::newRow("trailing bytes") << binary + QByteArray(13, 'x') << true
                                    << QStringList{u"13 byte"_s, u"after the last triangle"_s};
    // A binary header that begins with "solid": read as binary by the size rule.
    QTest::newRow("solid header") << toBinaryStl(cube(), "solid cube from a careless exporter")
                                  << true << QStringList{};
    // A count that needs more than the file holds, or >= 2^31: refused without allocating.
    QTest::newRow("count beyond the file")
        << withCount(binary, 1'000'000) << false
        << QStringList{u"1000000"_s, u"50000084"_s, QString::number(binary.size())};
    QTest::newRow("count 2^31") << withCount(binary, 0x80000000u) << false
                                << QStringList{u"2147483648"_s, QString::number(binary.size())};
    QTest::newRow("count 2^32-1") << withCount(binary, 0xffffffffu) << false
                                  << QStringList{u"4294967295"_s};
    // NaN / Inf coordinates and garbage: rejected, naming the triangle or the line.
    QTest::newRow("nan binary") << withFloat(binary, 84 + 50 * 6 + 12 + 4 * 7,
                                             std::numeric_limits<float>::quiet_NaN())
                                << false << QStringList{u"Triangle 7 of 12"_s, u"NaN"_s};
    QTest::newRow("inf binary") << withFloat(binary, 84 + 12,
                                             -std::numeric_limits<float>::infinity())
                                << false << QStringList{u"Triangle 1 of 12"_s};
    const QByteArray head = "solid bad\nfacet normal 0 0 1\n outer loop\n  vertex 0 0 0\n";
    const QByteArray tail = "  vertex 0 1 0\n endloop\nendfacet\nendsolid\n";
    QTest::newRow("nan ascii") << head + "  vertex 1 nan 0\n" + tail << false
                               << QStringList{u"Line 5"_s};
    QTest::newRow("inf ascii") << head + "  vertex 1 0 inf\n" + tail << false
                               << QStringList{u"Line 5"_s};
    QTest::newRow("garbage ascii")
        << head + "  vertex 1 0 0\n  hello there\n" + tail << false << QStringList{u"Line 6"_s};
    // Harmless variants of a closed cube: accepted (a missing endsolid with a warning).
    const QByteArray ascii = toAsciiStl(cube(), "cube");
    QVERIFY(ascii.endsWith("endsolid cube\n"));
    QTest::newRow("missing endsolid") << ascii.chopped(14) << true << QStringList{u"endsolid"_s};
    QTest::newRow("bom") << "\xef\xbb\xbf"_ba + ascii << true << QStringList{};
    QTest::newRow("crlf") << QByteArray(ascii).replace("\n", "\r\n") << true << QStringList{};
    QTest::newRow("upper case") << ascii.toUpper() << true << QStringList{};
    // Open edges, non-manifold edges, degenerate facets, flipped normals: warnings with the
    // counts, not refusals.
    Mesh holed = cube();
    holed.positions.resize(11 * 9);
    holed.normals.resize(11 * 3);
    QTest::newRow("open edges") << toBinaryStl(holed) << true << QStringList{u"3 open edge"_s};
    Mesh touching = makeBox({0, 0, 0}, {1, 1, 1});
    appendMesh(touching, makeBox({1, 1, 0}, {2, 2, 1}));
    QTest::newRow("non-manifold edge")
        << toBinaryStl(touching) << true << QStringList{u"1 non-manifold edge"_s};
    Mesh degenerate = cube();
    degenerate.positions.insert(degenerate.positions.end(), {0, 0, 0, 10, 0, 0, 0, 0, 0});
    degenerate.normals.insert(degenerate.normals.end(), 3, 0.0f);
    QTest::newRow("degenerate facet")
        << toBinaryStl(degenerate) << true << QStringList{u"1 degenerate facet"_s};
    Mesh flipped = cube();
    for (int k = 0; k < 3; ++k)
        std::swap(flipped.positions[4 * 9 + 3 + k], flipped.positions[4 * 9 + 6 + k]);
    QTest::newRow("flipped facet") << toBinaryStl(flipped) << true
                                   << QStringList{u"3 edge(s) where neighbouring facets disagree"_s,
                                                  u"1 stored normal(s) point against"_s};
}

// Each row through InspectionTask, both ways the console runs it: the queue's quick check and
// the details view's full one. A refusal is the same either way and says why; an accepted
// file stays accepted (uploadable) whatever the mesh checks find.
void TestInspectionTask::inputRows()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, accepted);
    QFETCH(QStringList, fragments);
    const QString path = m_dir.filePath(u"input.stl"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    InspectionReport reports[2];
    for (const bool quick : {true, false}) {
        InspectionTask task({path, quick, quick ? QSize() : QSize(64, 64)});
        QSignalSpy finished(&task, &InspectionTask::finished);
        task.start();
        QVERIFY(finished.wait(20000));
        reports[quick ? 0 : 1] = finished.first().at(0).value<InspectionReport>();
        const QImage thumbnail = finished.first().at(1).value<QImage>();
        QCOMPARE(thumbnail.isNull(), quick || !accepted);
    }
    const InspectionReport &quick = reports[0];
    const InspectionReport &full = reports[1];
    QCOMPARE(quick.ok, accepted);
    QCOMPARE(full.ok, accepted);
    if (!accepted) {
        QCOMPARE(quick.error, full.error);
        QCOMPARE(full.triangles, 0u);
        for (const QString &fragment : fragments)
            QVERIFY2(full.error.contains(fragment), qPrintable(full.error));
        return;
    }
    QVERIFY2(full.error.isEmpty(), qPrintable(full.error));
    QVERIFY(full.checked);
    QVERIFY(full.triangles > 0);
    QCOMPARE(quick.triangles, full.triangles);
    const QString warnings = full.warnings.join(u'\n');
    for (const QString &fragment : fragments)
        QVERIFY2(warnings.contains(fragment), qPrintable(warnings));
    if (fragments.isEmpty())
        QVERIFY2(full.warnings.isEmpty(), qPrintable(warnings));
}

QTEST_GUILESS_MAIN(TestInspectionTask)
#include "tst_inspectiontask.moc"
