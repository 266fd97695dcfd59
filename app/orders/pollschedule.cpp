#include "orders/pollschedule.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace pc {

namespace {

using ms = std::chrono::milliseconds;

// A quarter of the time that has passed since `since`, within [low, high]: the longer
// nothing happens, the less often it is worth asking.
ms quarterOfWait(const QDateTime &since, const QDateTime &now, ms low, ms high)
{
    const qint64 waited = since.isValid() ? std::max<qint64>(0, since.msecsTo(now)) : 0;
    return std::clamp(ms(waited / 4), low, high);
}

ms doubling(int failures, ms low, ms high)
{
    const int steps = std::clamp(failures - 1, 0, 20);
    const double value = double(low.count()) * std::pow(2.0, steps);
    return ms(qint64(std::min(value, double(high.count()))));
}

} // namespace

ms PollSchedule::jittered(ms delay, QRandomGenerator &random) const
{
    const double spread = std::clamp(m_settings.jitter, 0.0, 0.9);
    const double factor = 1.0 + spread * (2.0 * random.generateDouble() - 1.0);
    return std::max(ms(qint64(double(delay.count()) * factor)), m_settings.floor);
}

std::optional<ms> PollSchedule::nextDelay(const PollInputs &inputs, const QDateTime &now,
                                          QRandomGenerator &random) const
{
    const PollScheduleSettings &s = m_settings;
    if (isFinal(inputs.status))
        return std::nullopt;
    if (inputs.unknownToService)
        return jittered(s.unknownToService, random);
    switch (inputs.status) {
    case JobStatus::WarmingUp:
    case JobStatus::Printing: {
        // Uniform in [min, max]: the jitter is the range itself.
        const qint64 span = std::max<qint64>(0, (s.activeMax - s.activeMin).count());
        const ms delay = s.activeMin + ms(qint64(random.generateDouble() * double(span)));
        return std::max(delay, s.floor);
    }
    case JobStatus::AwaitingCustomer:
        return jittered(quarterOfWait(inputs.created, now, s.awaitingMin, s.awaitingMax), random);
    case JobStatus::Success:
    case JobStatus::Failure:
        return jittered(quarterOfWait(inputs.printFinished.isValid() ? inputs.printFinished : now,
                                      now, s.settlingMin, s.settlingMax),
                        random);
    case JobStatus::Unknown:
        return jittered(s.unknownValue, random);
    case JobStatus::ConfirmedSuccess:
    case JobStatus::ConfirmedFailure:
        break;
    }
    return std::nullopt;
}

ms PollSchedule::transientDelay(int failures, QRandomGenerator &random) const
{
    return jittered(doubling(failures, m_settings.transientMin, m_settings.transientMax), random);
}

ms PollSchedule::networkHold(int failures, QRandomGenerator &random) const
{
    return jittered(doubling(failures, m_settings.networkMin, m_settings.networkMax), random);
}

} // namespace pc
