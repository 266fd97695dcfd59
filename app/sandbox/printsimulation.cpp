#include "sandbox/printsimulation.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pc::sandbox {

namespace {

// splitmix64: a small, well-mixed deterministic sequence from one seed.
class SeededDice
{
public:
    explicit SeededDice(quint64 seed)
        : m_state(seed)
    {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) / double(1ULL << 53); } // [0, 1)
    double between(double low, double high) { return low + (high - low) * uniform(); }

private:
    quint64 m_state;
};

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

const QStringList &successComments()
{
    static const QStringList comments{
        u"Printed fine, clean layers. Nice design!"_s,
        u"Came out great, the customer can pick it up tomorrow."_s,
        u"Perfect first layer, no stringing. Enjoy!"_s,
        u"Done. Removed the supports, looks sharp."_s,
    };
    return comments;
}

const QStringList &failureComments()
{
    static const QStringList comments{
        u"The part came loose from the bed half-way; spaghetti. Sorry!"_s,
        u"Filament ran out and the spool sensor missed it."_s,
        u"Nozzle clogged during the print; layers stopped bonding."_s,
        u"Warping lifted a corner and the nozzle knocked the part over."_s,
    };
    return comments;
}

} // namespace

QStringList PrintSimulation::printerModels()
{
    return {u"Prusa MK4"_s, u"Bambu Lab X1 Carbon"_s, u"Ultimaker S5"_s, u"Creality K1"_s,
            u"Prusa XL"_s};
}

PrintSimulation::Plan PrintSimulation::makePlan(quint64 seed, qint64 fileSize,
                                                const QString &printerModel, bool succeeds)
{
    SeededDice dice(seed);
    Plan plan;
    plan.printerModel = printerModel;
    plan.succeeds = succeeds;
    plan.warmUpSeconds = std::round(dice.between(50, 70));
    // 20 to 40 simulated minutes: bigger files print longer, plus some variation.
    const double sizeMinutes = std::min(15.0, double(std::max<qint64>(fileSize, 0)) / 200'000.0);
    plan.printSeconds = std::round(60.0 * std::min(40.0, 20.0 + sizeMinutes + dice.between(0, 5)));
    plan.failAtFraction = succeeds ? 1.0 : dice.between(0.2, 0.8);
    plan.confirmAfterSeconds = std::round(dice.between(110, 130));
    const QStringList &comments = succeeds ? successComments() : failureComments();
    plan.message = comments.at(qsizetype(dice.next() % quint64(comments.size())));
    return plan;
}

PrintSimulation::PrintSimulation(Plan plan, qint64 startMsecs, double speed)
    : m_plan(std::move(plan))
    , m_startMsecs(startMsecs)
    , m_speed(speed > 0 ? speed : 1.0)
    , m_started(true)
{}

PrintStatus PrintSimulation::statusAt(qint64 nowMsecs) const
{
    PrintStatus status;
    if (!m_started)
        return status; // awaiting the customer

    const double elapsed = std::max(0.0, double(nowMsecs - m_startMsecs) / 1000.0 * m_speed);
    const double printedUntil = m_plan.printSeconds * m_plan.failAtFraction;
    const double doneAt = m_plan.warmUpSeconds + printedUntil;
    status.printerModel = m_plan.printerModel;

    if (elapsed < m_plan.warmUpSeconds) {
        status.status = JobStatus::WarmingUp;
        status.percentage = 0.0;
        status.minutesLeft =
            std::ceil((m_plan.warmUpSeconds - elapsed + m_plan.printSeconds) / 60.0);
        status.totalTime = 0.0;
    } else if (elapsed < doneAt) {
        const double printing = elapsed - m_plan.warmUpSeconds;
        status.status = JobStatus::Printing;
        status.percentage = roundTo(100.0 * printing / m_plan.printSeconds, 1);
        status.minutesLeft = std::ceil((m_plan.printSeconds - printing) / 60.0);
        status.totalTime = std::floor(printing);
    } else {
        const bool confirmed = elapsed >= doneAt + m_plan.confirmAfterSeconds;
        if (m_plan.succeeds)
            status.status = confirmed ? JobStatus::ConfirmedSuccess : JobStatus::Success;
        else
            status.status = confirmed ? JobStatus::ConfirmedFailure : JobStatus::Failure;
        status.percentage = roundTo(100.0 * m_plan.failAtFraction, 1);
        status.minutesLeft = 0.0;
        status.totalTime = std::floor(printedUntil);
        status.message = m_plan.message;
    }
    status.statusText = jobStatusToWire(status.status);
    return status;
}

QJsonObject PrintSimulation::toWireData(const PrintStatus &status)
{
    const auto number = [](const std::optional<double> &value) {
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    };
    const auto text = [](const QString &value) {
        return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    };
    const QJsonValue statusValue =
        status.isAwaitingCustomer() ? QJsonValue(QJsonValue::Null) : QJsonValue(status.statusText);
    return QJsonObject{
        {u"printing_job_status"_s, statusValue},
        {u"printing_job_status_name"_s, statusValue},
        {u"printing_percentage"_s, number(status.percentage)},
        {u"minutes_left"_s, number(status.minutesLeft)},
        {u"message"_s, text(status.message)},
        {u"total_time"_s, number(status.totalTime)},
        {u"printer_model"_s, text(status.printerModel)},
    };
}

} // namespace pc::sandbox
