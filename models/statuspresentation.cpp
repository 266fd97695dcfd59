#include "statuspresentation.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Okabe & Ito, "Color Universal Design" (2008), plus darker shades of the same hues for
// the confirmed states.
constexpr QRgb kGrey = 0xffb3b3b3;       // awaiting the customer: light neutral grey
constexpr QRgb kOrange = 0xffe69f00;     // warming up
constexpr QRgb kBlue = 0xff0072b2;       // printing
constexpr QRgb kVermillion = 0xffd55e00; // failure
constexpr QRgb kDarkVermillion = 0xff8f3f00;
constexpr QRgb kBluishGreen = 0xff009e73; // success
constexpr QRgb kDarkBluishGreen = 0xff005f45;
constexpr QRgb kBlack = 0xff000000; // unknown

// Values the service cannot mean: absent, NaN, infinite, negative or beyond any print
// (1e12 seconds is 30,000 years; it also keeps the integer conversion defined).
bool isMissing(std::optional<double> value)
{
    return !value || !std::isfinite(*value) || *value < 0.0 || *value > 1e12;
}

QString missingValue()
{
    return u"\u2014"_s; // em dash
}

} // namespace

QString statusLabel(JobStatus status, const QString &rawText)
{
    return jobStatusText(status, rawText);
}

QColor statusColor(JobStatus status)
{
    switch (status) {
    case JobStatus::AwaitingCustomer:
        return QColor::fromRgb(kGrey);
    case JobStatus::WarmingUp:
        return QColor::fromRgb(kOrange);
    case JobStatus::Printing:
        return QColor::fromRgb(kBlue);
    case JobStatus::Failure:
        return QColor::fromRgb(kVermillion);
    case JobStatus::Success:
        return QColor::fromRgb(kBluishGreen);
    case JobStatus::ConfirmedSuccess:
        return QColor::fromRgb(kDarkBluishGreen);
    case JobStatus::ConfirmedFailure:
        return QColor::fromRgb(kDarkVermillion);
    case JobStatus::Unknown:
        break;
    }
    return QColor::fromRgb(kBlack);
}

QString statusIconResource(JobStatus status)
{
    switch (status) {
    case JobStatus::AwaitingCustomer:
        return u":/icons/status-awaiting-customer.svg"_s;
    case JobStatus::WarmingUp:
        return u":/icons/status-warming-up.svg"_s;
    case JobStatus::Printing:
        return u":/icons/status-printing.svg"_s;
    case JobStatus::Failure:
        return u":/icons/status-failure.svg"_s;
    case JobStatus::Success:
        return u":/icons/status-success.svg"_s;
    case JobStatus::ConfirmedSuccess:
        return u":/icons/status-confirmed-success.svg"_s;
    case JobStatus::ConfirmedFailure:
        return u":/icons/status-confirmed-failure.svg"_s;
    case JobStatus::Unknown:
        break;
    }
    return u":/icons/status-unknown.svg"_s;
}

StatusPresentation presentStatus(JobStatus status, const QString &rawText)
{
    return {statusLabel(status, rawText), statusColor(status), statusIconResource(status)};
}

StatusPresentation presentStatus(const PrintStatus &status)
{
    return presentStatus(status.status, status.statusText);
}

QString formatPrintTime(std::optional<double> seconds)
{
    if (isMissing(seconds))
        return missingValue();
    return formatHms(*seconds);
}

QString formatMinutesLeft(std::optional<double> minutes)
{
    if (isMissing(minutes))
        return missingValue();
    const auto total = static_cast<qint64>(std::ceil(*minutes));
    if (total == 0)
        return QCoreApplication::translate("StatusPresentation", "less than a minute left");
    if (total < 60)
        return QCoreApplication::translate("StatusPresentation", "%1 min left").arg(total);
    return QCoreApplication::translate("StatusPresentation", "%1 h %2 min left")
        .arg(total / 60)
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

} // namespace pc
