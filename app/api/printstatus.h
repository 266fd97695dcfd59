#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace pc {

// The print states the service reports (API.md, "Print status"). AwaitingCustomer is the
// state before the customer presses Print (no status data); Unknown keeps a value the
// service sent that this version does not know, so it can be shown as it is.
enum class JobStatus {
    AwaitingCustomer,
    WarmingUp,
    Printing,
    Failure,
    Success,
    ConfirmedSuccess,
    ConfirmedFailure,
    Unknown,
};

// Maps a wire value (`WARMING_UP`, ...) to a JobStatus; Unknown when not recognised.
// Surrounding blanks and letter case are tolerated.
JobStatus jobStatusFromWire(QStringView wire);
// The canonical wire value; empty for AwaitingCustomer and Unknown.
QString jobStatusToWire(JobStatus status);
// Only the confirmed states are final: nothing changes after them.
bool isFinal(JobStatus status);
// A status in words, as every view and the CLI's text output say it ("Waiting for customer",
// "Printing", "Success confirmed"), translated in the context "StatusPresentation". For
// Unknown the raw text the service sent is returned as is (trimmed only); when that is empty
// too, "Unknown status".
QString jobStatusText(JobStatus status, const QString &rawText = {});

struct PrintStatus
{
    JobStatus status = JobStatus::AwaitingCustomer;
    // The value as the service sent it (kept for Unknown); empty while awaiting the customer.
    QString statusText;
    std::optional<double> percentage;  // 0..100
    std::optional<double> minutesLeft; // minutes
    std::optional<double> totalTime;   // seconds, updated while printing
    QString message;                   // printer owner's comment after completion
    QString printerModel;

    bool isAwaitingCustomer() const { return status == JobStatus::AwaitingCustomer; }
    friend bool operator==(const PrintStatus &, const PrintStatus &) = default;
};

// A print time in seconds as h:mm:ss ("1:30:00"); hours do not wrap at a day. Negative
// values count as 0.
QString formatHms(double seconds);

// The API's own field names with JSON null for what is unknown: printing_job_status,
// printing_percentage, minutes_left, message, total_time, printer_model.
QJsonObject printStatusToWireJson(const PrintStatus &status);

} // namespace pc

Q_DECLARE_METATYPE(pc::PrintStatus)
