#include "common/eventlooplateness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pc {

namespace {

Q_LOGGING_CATEGORY(lcLateness, "pc.common.lateness", QtInfoMsg)

constexpr char kVariable[] = "PARTNER_CONSOLE_LATENESS_FILE";

double rounded(double ms)
{
    return std::round(ms * 100) / 100;
}

QJsonArray toJson(const QList<EventLoopLateness::LateTick> &ticks)
{
    QJsonArray array;
    for (const EventLoopLateness::LateTick &tick : ticks)
        array.append(QJsonObject{{QStringLiteral("lateness_ms"), rounded(tick.latenessMs)},
                                 {QStringLiteral("at"), tick.at.toString(Qt::ISODateWithMs)}});
    return array;
}

} // namespace

EventLoopLateness::EventLoopLateness(QObject *parent)
    : QObject(parent)
    , m_ticker(new QTimer(this))
    , m_reporter(new QTimer(this))
{
    m_ticker->setTimerType(Qt::PreciseTimer);
    connect(m_ticker, &QTimer::timeout, this, &EventLoopLateness::onTick);
    m_reporter->setInterval(kReportIntervalMs);
    connect(m_reporter, &QTimer::timeout, this, &EventLoopLateness::writeReport);
}

EventLoopLateness::~EventLoopLateness()
{
    stop();
}

const char *EventLoopLateness::environmentVariable()
{
    return kVariable;
}

std::unique_ptr<EventLoopLateness> EventLoopLateness::fromEnvironment()
{
    const QString path = qEnvironmentVariable(kVariable).trimmed();
    if (path.isEmpty())
        return nullptr;
    auto probe = std::make_unique<EventLoopLateness>();
    probe->setReportFile(path);
    probe->start();
    qCInfo(lcLateness).noquote() << "Measuring the event loop's lateness into" << path;
    return probe;
}

void EventLoopLateness::start(int intervalMs)
{
    m_intervalNs = qint64(std::max(1, intervalMs)) * 1'000'000;
    m_started = QDateTime::currentDateTimeUtc();
    m_clock.start();
    m_dueNs = m_intervalNs;
    m_ticker->start(std::max(1, intervalMs));
    if (!m_reportFile.isEmpty())
        m_reporter->start();
}

void EventLoopLateness::stop()
{
    if (!isRunning())
        return;
    m_ticker->stop();
    m_reporter->stop();
    if (!m_reportFile.isEmpty())
        writeReport();
}

bool EventLoopLateness::isRunning() const
{
    return m_ticker->isActive();
}

void EventLoopLateness::onTick()
{
    const qint64 now = m_clock.nsecsElapsed();
    record(std::max<qint64>(0, now - m_dueNs) / 1000);
    // When the tick is due next, as Qt computes it for a repeating precise timer: one
    // interval after this one was due, or after now when that has passed already (a long
    // block shows as one late tick, not as a burst of them).
    m_dueNs += m_intervalNs;
    if (m_dueNs < now)
        m_dueNs = now + m_intervalNs;
}

void EventLoopLateness::record(qint64 latenessUs)
{
    m_latenessUs.push_back(
        qint32(std::min<qint64>(latenessUs, std::numeric_limits<qint32>::max())));
    m_maxUs = std::max(m_maxUs, latenessUs);
    const double ms = double(latenessUs) / 1000;
    if (ms > kOverThresholdMs)
        ++m_overCount;
    if (ms <= kNoticeThresholdMs)
        return;
    const LateTick tick{ms, QDateTime::currentDateTimeUtc()};
    if (m_noticed.size() < kNoticedLimit)
        m_noticed.append(tick);
    else
        ++m_noticedDropped;
    if (m_worst.size() < kWorstCount || ms > m_worst.constLast().latenessMs) {
        const auto at = std::upper_bound(
            m_worst.begin(), m_worst.end(), ms,
            [](double value, const LateTick &other) { return value > other.latenessMs; });
        m_worst.insert(at, tick);
        if (m_worst.size() > kWorstCount)
            m_worst.removeLast();
    }
}

double EventLoopLateness::maxLatenessMs() const
{
    return double(m_maxUs) / 1000;
}

double EventLoopLateness::percentileLatenessMs(double percentile) const
{
    if (m_latenessUs.empty())
        return 0;
    const auto rank = std::size_t(
        std::ceil(std::clamp(percentile, 0.0, 100.0) / 100 * double(m_latenessUs.size())));
    const auto nth = m_latenessUs.begin() + std::ptrdiff_t(std::max<std::size_t>(rank, 1) - 1);
    std::nth_element(m_latenessUs.begin(), nth, m_latenessUs.end());
    return double(*nth) / 1000;
}

qint64 EventLoopLateness::countOver(double thresholdMs) const
{
    if (thresholdMs == kOverThresholdMs)
        return m_overCount;
    return std::count_if(m_latenessUs.begin(), m_latenessUs.end(),
                         [thresholdMs](qint32 us) { return double(us) / 1000 > thresholdMs; });
}

QJsonObject EventLoopLateness::report() const
{
    return {
        {QStringLiteral("interval_ms"), double(m_intervalNs) / 1'000'000},
        {QStringLiteral("started"), m_started.toString(Qt::ISODateWithMs)},
        {QStringLiteral("written"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("ticks"), ticks()},
        {QStringLiteral("max_lateness_ms"), rounded(maxLatenessMs())},
        {QStringLiteral("p99_lateness_ms"), rounded(percentileLatenessMs(99))},
        {QStringLiteral("over_50ms"), m_overCount},
        {QStringLiteral("worst"), toJson(m_worst)},
        {QStringLiteral("over_16ms"), toJson(m_noticed)},
        {QStringLiteral("over_16ms_not_listed"), m_noticedDropped},
    };
}

bool EventLoopLateness::writeReport() const
{
    QSaveFile file(m_reportFile);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(report()).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        qCWarning(lcLateness).noquote()
            << "Cannot write the lateness report" << m_reportFile << ":" << file.errorString();
        return false;
    }
    return true;
}

} // namespace pc
