// The event-loop lateness probe: a blocked event loop shows as a late tick, and the report
// file says so.
#include "common/eventlooplateness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// Keeps the calling thread busy (no sleep, no event processing) for `ms` milliseconds.
void busyWait(int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (!clock.hasExpired(ms)) {
    }
}

} // namespace

class tst_EventLoopLateness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blockedLoopShowsAsLateTick();
    void reportFileHoldsTheFigures();
    void environmentVariableStartsTheProbe();
    void offWithoutTheVariable();
};

void tst_EventLoopLateness::blockedLoopShowsAsLateTick()
{
    constexpr int kBlockMs = 200;
    pc::EventLoopLateness probe;
    probe.start(10);
    QTRY_VERIFY(probe.ticks() >= 5);

    bool blocked = false;
    QTimer::singleShot(0, this, [&blocked] {
        busyWait(kBlockMs);
        blocked = true;
    });
    QTRY_VERIFY(blocked);
    const qint64 ticksAfterBlock = probe.ticks();
    QTRY_VERIFY(probe.ticks() > ticksAfterBlock);

    // The tick due during the block fired after it: late by at least the block less the
    // one interval that may have passed between the last tick and the start of the block.
    QVERIFY2(probe.maxLatenessMs() >= kBlockMs - 10,
             qPrintable(u"max lateness %1 ms"_s.arg(probe.maxLatenessMs())));
    QVERIFY(probe.countOver(pc::EventLoopLateness::kOverThresholdMs) >= 1);
    const QList<pc::EventLoopLateness::LateTick> worst = probe.worstTicks();
    QVERIFY(!worst.isEmpty());
    QCOMPARE(worst.first().latenessMs, probe.maxLatenessMs());
    QVERIFY(worst.first().at.isValid());
    QVERIFY(probe.percentileLatenessMs(100) == probe.maxLatenessMs());
    probe.stop();
    QVERIFY(!probe.isRunning());
}

void tst_EventLoopLateness::reportFileHoldsTheFigures()
{
    constexpr int kBlockMs = 120;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"lateness.json"_s);
    {
        pc::EventLoopLateness probe;
        probe.setReportFile(path);
        probe.start(10);
        QTRY_VERIFY(probe.ticks() >= 3);
        bool blocked = false;
        QTimer::singleShot(0, this, [&blocked] {
            busyWait(kBlockMs);
            blocked = true;
        });
        QTRY_VERIFY(blocked);
        const qint64 ticksAfterBlock = probe.ticks();
        QTRY_VERIFY(probe.ticks() > ticksAfterBlock);
        probe.stop(); // writes the report
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(report.value(u"ticks"_s).toInteger() >= 4);
    QCOMPARE(report.value(u"interval_ms"_s).toDouble(), 10.0);
    QVERIFY(report.value(u"max_lateness_ms"_s).toDouble() >= kBlockMs - 10);
    QVERIFY(report.value(u"p99_lateness_ms"_s).toDouble() >= 0);
    QVERIFY(report.value(u"over_50ms"_s).toInteger() >= 1);
    const QJsonArray worst = report.value(u"worst"_s).toArray();
    QVERIFY(!worst.isEmpty());
    QVERIFY(worst.size() <= pc::EventLoopLateness::kWorstCount);
    QCOMPARE(worst.first().toObject().value(u"lateness_ms"_s).toDouble(),
             report.value(u"max_lateness_ms"_s).toDouble());
    QVERIFY(
        QDateTime::fromString(worst.first().toObject().value(u"at"_s).toString(), Qt::ISODateWithMs)
            .isValid());
    QVERIFY(!report.value(u"over_16ms"_s).toArray().isEmpty());
}

void tst_EventLoopLateness::environmentVariableStartsTheProbe()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"window-lateness.json"_s);
    qputenv(pc::EventLoopLateness::environmentVariable(), path.toLocal8Bit());
    std::unique_ptr<pc::EventLoopLateness> probe = pc::EventLoopLateness::fromEnvironment();
    qunsetenv(pc::EventLoopLateness::environmentVariable());
    QVERIFY(probe);
    QVERIFY(probe->isRunning());
    QCOMPARE(probe->reportFile(), path);
    QTRY_VERIFY(probe->ticks() >= 2);
    probe.reset(); // stops and writes
    QVERIFY(QFile::exists(path));
}

void tst_EventLoopLateness::offWithoutTheVariable()
{
    qunsetenv(pc::EventLoopLateness::environmentVariable());
    QVERIFY(!pc::EventLoopLateness::fromEnvironment());
}

QTEST_GUILESS_MAIN(tst_EventLoopLateness)
#include "tst_eventlooplateness.moc"
