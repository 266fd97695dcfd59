#include "api/printstatus.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <algorithm>
#include <array>
#include <cmath>

namespace pc {

namespace {

struct WireName
{
    JobStatus status;
    QStringView wire;
};

constexpr std::array<WireName, 6> kWireNames{{
    {JobStatus::WarmingUp, u"WARMING_UP"},
    {JobStatus::Printing, u"PRINTING"},
    {JobStatus::Failure, u"FAILURE"},
    {JobStatus::Success, u"SUCCESS"},
    {JobStatus::ConfirmedSuccess, u"CONFIRMED_SUCCESS"},
    {JobStatus::ConfirmedFailure, u"CONFIRMED_FAILURE"},
}};

} // namespace

JobStatus jobStatusFromWire(QStringView wire)
{
    const QStringView trimmed = wire.trimmed();
    for (const WireName &entry : kWireNames) {
        if (trimmed.compare(entry.wire, Qt::CaseInsensitive) == 0)
            return entry.status;
    }
    return JobStatus::Unknown;
}

QString jobStatusToWire(JobStatus status)
{
    for (const WireName &entry : kWireNames) {
        if (entry.status == status)
            return entry.wire.toString();
    }
    return {};
}

bool isFinal(JobStatus status)
{
    return status == JobStatus::ConfirmedSuccess || status == JobStatus::ConfirmedFailure;
}

QString jobStatusText(JobStatus status, const QString &rawText)
{
    switch (status) {
    case JobStatus::AwaitingCustomer:
        return QCoreApplication::translate("StatusPresentation", "Waiting for customer");
    case JobStatus::WarmingUp:
        return QCoreApplication::translate("StatusPresentation", "Warming up");
    case JobStatus::Printing:
        return QCoreApplication::translate("StatusPresentation", "Printing");
    case JobStatus::Failure:
        return QCoreApplication::translate("StatusPresentation", "Print failed");
    case JobStatus::Success:
        return QCoreApplication::translate("StatusPresentation", "Print succeeded");
    case JobStatus::ConfirmedSuccess:
        return QCoreApplication::translate("StatusPresentation", "Success confirmed");
    case JobStatus::ConfirmedFailure:
        return QCoreApplication::translate("StatusPresentation", "Failure confirmed");
    case JobStatus::Unknown:
        break;
    }
    const QString raw = rawText.trimmed();
    if (!raw.isEmpty())
        return raw;
    return QCoreApplication::translate("StatusPresentation", "Unknown status");
}

QString formatHms(double seconds)
{
    // Bounded before it becomes an integer: 1e20 s would overflow it.
    constexpr double kLongest = 1e9;
    const double bounded = std::isfinite(seconds) ? std::clamp(seconds, 0.0, kLongest) : 0.0;
    const auto total = static_cast<qint64>(std::llround(bounded));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg((total % 3600) / 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QJsonObject printStatusToWireJson(const PrintStatus &status)
{
    auto number = [](const std::optional<double> &value) {
        return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    };
    auto text = [](const QString &value) {
        return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    };
    return QJsonObject{
        {QStringLiteral("printing_job_status"), text(status.statusText)},
        {QStringLiteral("printing_percentage"), number(status.percentage)},
        {QStringLiteral("minutes_left"), number(status.minutesLeft)},
        {QStringLiteral("message"), text(status.message)},
        {QStringLiteral("total_time"), number(status.totalTime)},
        {QStringLiteral("printer_model"), text(status.printerModel)},
    };
}

} // namespace pc
