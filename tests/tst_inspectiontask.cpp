// Inspection on a worker thread: results and thumbnails arrive on the owner's thread,
// progress climbs, cancellation and early destruction are safe.
#include "stl/inspectiontask.h"
#include "stl/meshgenerator.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using pc::stl::InspectionReport;
using pc::stl::InspectionTask;

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

QTEST_GUILESS_MAIN(TestInspectionTask)
#include "tst_inspectiontask.moc"
