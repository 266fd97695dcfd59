#pragma once

#include <QtGlobal>

#include <optional>

namespace pc {

// Speed and time left of one running transfer, for the queue's "uploading (bytes, speed,
// time left)". An exponentially weighted average over samples at least kMinSampleMs apart,
// after a warm-up, so the socket buffers filling at the start do not pass for the line's
// speed and the time left does not jump about.
// Pure: the caller passes the time (milliseconds on any monotonic scale), so tests replay it.
class TransferRate final
{
public:
    static constexpr qint64 kMinSampleMs = 250;
    static constexpr qint64 kWarmUpMs = 1000;
    static constexpr double kTimeConstantMs = 3000.0;

    // Starts over at `bytes` (for example 0 for a new attempt).
    void restart(qint64 msecs, qint64 bytes = 0);
    // Reports that `bytes` have been transferred in total at time `msecs`. Reports in the
    // first kWarmUpMs after restart() only set the baseline the speed is measured from.
    void sample(qint64 msecs, qint64 bytes);

    qint64 bytes() const { return m_bytes; }
    // Bytes per second; nullopt until a first interval has been measured.
    std::optional<double> bytesPerSecond() const;
    // Whole seconds until `total` bytes are done at the current speed, rounded up; nullopt
    // while the speed is unknown or zero.
    std::optional<qint64> secondsLeft(qint64 total) const;

private:
    qint64 m_lastMs = 0;
    qint64 m_lastBytes = 0;
    qint64 m_bytes = 0;
    double m_rate = 0;
    bool m_started = false;
    bool m_hasRate = false;
    qint64 m_startMs = 0;
};

} // namespace pc
