#include "orders/transferrate.h"

#include <cmath>

namespace pc {

void TransferRate::restart(qint64 msecs, qint64 bytes)
{
    m_lastMs = msecs;
    m_lastBytes = bytes;
    m_bytes = bytes;
    m_rate = 0;
    m_startMs = msecs;
    m_started = true;
    m_hasRate = false;
}

void TransferRate::sample(qint64 msecs, qint64 bytes)
{
    if (!m_started)
        restart(msecs, bytes);
    m_bytes = bytes;
    if (msecs - m_startMs < kWarmUpMs) {
        // The socket buffers fill at memory speed first, megabytes in a few milliseconds:
        // that is not the line's speed, so the measurement starts after the warm-up.
        m_lastMs = msecs;
        m_lastBytes = bytes;
        return;
    }
    const qint64 elapsed = msecs - m_lastMs;
    if (elapsed < kMinSampleMs)
        return; // keep accumulating: the interval is too short to say anything
    const double instant = double(qMax<qint64>(0, bytes - m_lastBytes)) * 1000.0 / double(elapsed);
    if (!m_hasRate) {
        m_rate = instant;
        m_hasRate = true;
    } else {
        // The weight of the new interval grows with its length, so irregular sampling still
        // averages over about kTimeConstantMs.
        const double weight = 1.0 - std::exp(-double(elapsed) / kTimeConstantMs);
        m_rate += weight * (instant - m_rate);
    }
    m_lastMs = msecs;
    m_lastBytes = bytes;
}

std::optional<double> TransferRate::bytesPerSecond() const
{
    if (!m_hasRate)
        return std::nullopt;
    return m_rate;
}

std::optional<qint64> TransferRate::secondsLeft(qint64 total) const
{
    if (!m_hasRate || m_rate < 1.0)
        return std::nullopt;
    const qint64 remaining = qMax<qint64>(0, total - m_bytes);
    return qint64(std::ceil(double(remaining) / m_rate));
}

} // namespace pc
