#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QTimer;

namespace pc {

// How late the event loop of the thread it lives on runs: a precise timer ticks every
// interval, and each tick records how long after it was due it fired. A thread that blocks
// (a slow database call, a long computation) shows as late ticks. Off unless started; the
// window starts one when PARTNER_CONSOLE_LATENESS_FILE names a report file (see
// fromEnvironment()). The report is a small JSON object written every few seconds and at
// stop(): ticks, the largest lateness, the 99th percentile, how many ticks were over 50 ms,
// the worst ten and every tick over one frame (16 ms) with their wall-clock times.
class EventLoopLateness final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLoopLateness)

public:
    // A tick that fired late: by how much, and when it fired (wall clock, UTC).
    struct LateTick
    {
        double latenessMs = 0;
        QDateTime at;
    };

    static constexpr int kDefaultIntervalMs = 10;
    static constexpr int kReportIntervalMs = 5000;
    static constexpr double kOverThresholdMs = 50;
    static constexpr double kNoticeThresholdMs = 16;
    static constexpr int kWorstCount = 10;
    static constexpr int kNoticedLimit = 5000;

    explicit EventLoopLateness(QObject *parent = nullptr);
    ~EventLoopLateness() override;

    // The environment variable naming the report file.
    static const char *environmentVariable();
    // A probe writing to the file the environment variable names, already started; null
    // when the variable is unset or empty.
    static std::unique_ptr<EventLoopLateness> fromEnvironment();

    // Writes the report to `path` every kReportIntervalMs while running and at stop().
    void setReportFile(const QString &path) { m_reportFile = path; }
    QString reportFile() const { return m_reportFile; }

    void start(int intervalMs = kDefaultIntervalMs);
    // Stops ticking and writes the report (when a file is set).
    void stop();
    bool isRunning() const;

    qint64 ticks() const { return qint64(m_latenessUs.size()); }
    double maxLatenessMs() const;
    double percentileLatenessMs(double percentile) const;
    qint64 countOver(double thresholdMs) const;
    // The worst kWorstCount ticks, worst first.
    QList<LateTick> worstTicks() const { return m_worst; }

    QJsonObject report() const;
    // Writes report() to the report file whole (never a half-written file); false when that
    // failed (logged).
    bool writeReport() const;

private:
    void onTick();
    void record(qint64 latenessUs);

    QTimer *m_ticker = nullptr;
    QTimer *m_reporter = nullptr;
    QElapsedTimer m_clock;
    qint64 m_intervalNs = 0;
    qint64 m_dueNs = 0;
    QDateTime m_started;
    QString m_reportFile;
    // Every tick's lateness in microseconds, in no particular order (percentiles reorder it).
    mutable std::vector<qint32> m_latenessUs;
    qint64 m_maxUs = 0;
    qint64 m_overCount = 0;
    QList<LateTick> m_worst;
    QList<LateTick> m_noticed;
    qint64 m_noticedDropped = 0;
};

} // namespace pc
