// The status poller's schedule rules (PollSchedule, pure, replayed with seeds): never below
// the 15-second floor, the pause for each kind of status, and the backoffs.

#include "orders/pollschedule.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace std::chrono_literals;
using namespace pc;
using ms = std::chrono::milliseconds;

namespace {

const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

} // namespace

class TestStatusPollerSchedule final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scheduleNeverBelowFloor();
    void scheduleRules();
    void scheduleBackoffs();
};

void TestStatusPollerSchedule::scheduleNeverBelowFloor()
{
    const PollSchedule schedule;
    const ms floor = schedule.settings().floor;
    QRandomGenerator random(1);
    const QList<JobStatus> open{JobStatus::AwaitingCustomer, JobStatus::WarmingUp,
                                JobStatus::Printing,         JobStatus::Success,
                                JobStatus::Failure,          JobStatus::Unknown};
    for (int i = 0; i < 2000; ++i) {
        for (const JobStatus status : open) {
            PollInputs in;
            in.status = status;
            in.unknownToService = (i % 3) == 0;
            in.created = kStart.addSecs(-(i % 50)); // just created up to a while ago
            in.printFinished = kStart.addSecs(-(i % 7));
            const auto delay = schedule.nextDelay(in, kStart, random);
            QVERIFY(delay);
            QVERIFY2(*delay >= floor, qPrintable(QString::number(delay->count())));
        }
        QVERIFY(schedule.transientDelay(i % 10, random) >= floor);
        QVERIFY(schedule.networkHold(i % 10, random) >= floor);
    }
    // Even settings asking for less get the floor.
    PollScheduleSettings eager;
    eager.activeMin = 1ms;
    eager.activeMax = 2ms;
    eager.awaitingMin = 1ms;
    const PollSchedule hasty(eager);
    PollInputs printing;
    printing.status = JobStatus::Printing;
    QCOMPARE(*hasty.nextDelay(printing, kStart, random), eager.floor);
    PollInputs waiting;
    waiting.created = kStart;
    QCOMPARE(*hasty.nextDelay(waiting, kStart, random), eager.floor);
}

void TestStatusPollerSchedule::scheduleRules()
{
    const PollSchedule schedule;
    const PollScheduleSettings &s = schedule.settings();
    QRandomGenerator random(7);
    PollInputs in;
    // Printing: 15-30 s.
    in.status = JobStatus::WarmingUp;
    for (int i = 0; i < 200; ++i) {
        const ms d = *schedule.nextDelay(in, kStart, random);
        QVERIFY(d >= 15s && d <= 30s);
    }
    // Awaiting the customer: slower the longer it has been waiting, about 10 min at most.
    in.status = JobStatus::AwaitingCustomer;
    in.created = kStart.addSecs(-60);
    const ms fresh = *schedule.nextDelay(in, kStart, random);
    in.created = kStart.addSecs(-3600);
    const ms hourOld = *schedule.nextDelay(in, kStart, random);
    in.created = kStart.addDays(-30);
    const ms monthOld = *schedule.nextDelay(in, kStart, random);
    QVERIFY(fresh <= ms(qint64(s.awaitingMin.count() * (1 + s.jitter))));
    QVERIFY(hourOld > fresh);
    QVERIFY(monthOld >= ms(qint64(s.awaitingMax.count() * (1 - s.jitter))));
    QVERIFY(monthOld <= ms(qint64(s.awaitingMax.count() * (1 + s.jitter))));
    // Done but not confirmed: slowly, slower as time passes.
    in.status = JobStatus::Success;
    in.printFinished = kStart.addSecs(-10);
    const ms justDone = *schedule.nextDelay(in, kStart, random);
    in.printFinished = kStart.addSecs(-7200);
    const ms longDone = *schedule.nextDelay(in, kStart, random);
    QVERIFY(justDone <= ms(qint64(s.settlingMin.count() * (1 + s.jitter))));
    QVERIFY(longDone > justDone);
    // Unknown value, unknown token: kept, polled slowly.
    in.status = JobStatus::Unknown;
    QVERIFY(*schedule.nextDelay(in, kStart, random) >=
            ms(qint64(s.unknownValue.count() * (1 - s.jitter))));
    in.status = JobStatus::Printing;
    in.unknownToService = true;
    QVERIFY(*schedule.nextDelay(in, kStart, random) >=
            ms(qint64(s.unknownToService.count() * (1 - s.jitter))));
    // Confirmed: stop.
    in.unknownToService = false;
    in.status = JobStatus::ConfirmedSuccess;
    QVERIFY(!schedule.nextDelay(in, kStart, random));
    in.status = JobStatus::ConfirmedFailure;
    QVERIFY(!schedule.nextDelay(in, kStart, random));
}

void TestStatusPollerSchedule::scheduleBackoffs()
{
    PollScheduleSettings settings;
    settings.jitter = 0; // exact values
    const PollSchedule schedule(settings);
    QRandomGenerator random(3);
    QCOMPARE(schedule.networkHold(1, random), 15s);
    QCOMPARE(schedule.networkHold(2, random), 30s);
    QCOMPARE(schedule.networkHold(3, random), 60s);
    QCOMPARE(schedule.networkHold(50, random), 300s); // capped
    QCOMPARE(schedule.transientDelay(1, random), 30s);
    QCOMPARE(schedule.transientDelay(2, random), 60s);
    QCOMPARE(schedule.transientDelay(99, random), 600s);
    // With jitter, spread both ways but within it.
    const PollSchedule jittery;
    QSet<qint64> seen;
    for (int i = 0; i < 100; ++i) {
        const ms d = jittery.networkHold(3, random);
        QVERIFY(d >= 48s && d <= 72s);
        seen.insert(d.count());
    }
    QVERIFY(seen.size() > 50);
}

QTEST_GUILESS_MAIN(TestStatusPollerSchedule)
#include "tst_statuspollerschedule.moc"
