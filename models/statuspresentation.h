#pragma once

#include "api/printstatus.h"

#include <QColor>
#include <QString>

#include <optional>

namespace pc {

// How a print status looks in every view (order table, timeline, dashboard, tray):
// a short human label, a colour and an icon. Colour is never the only signal — each
// status also has its own label and icon shape — and the colours come from the
// Okabe-Ito palette, which stays distinguishable with the common colour-vision
// deficiencies. The two confirmed states use a darker shade of their provisional state's
// hue, so "confirmed" reads as "the same, but settled".
struct StatusPresentation
{
    QString label;        // translated, e.g. "Printing"; an Unknown status shows its raw text
    QColor color;         // badge / chart colour
    QString iconResource; // Qt resource path of an SVG, e.g. ":/icons/status-printing.svg"
};

// The human label of a status, translated in the context "StatusPresentation".
// For JobStatus::Unknown the raw text the service sent is returned as is (trimmed only);
// when that is empty too, a generic "Unknown status" label.
QString statusLabel(JobStatus status, const QString &rawText = {});
QColor statusColor(JobStatus status);
// Resource path of the status icon. The icons are compiled into the ui library
// (resources/icons), so they resolve in any program that links it.
QString statusIconResource(JobStatus status);

StatusPresentation presentStatus(JobStatus status, const QString &rawText = {});
StatusPresentation presentStatus(const PrintStatus &status);

// A print time as h:mm:ss, rounded to the nearest second: 0 -> "0:00:00",
// 3725 -> "1:02:05", 93784 -> "26:03:04" (hours are not wrapped at a day).
// Missing, negative or not-a-number values give an em dash ("—").
QString formatPrintTime(std::optional<double> seconds);

// The time a print still needs, for the "minutes left" column: "12 min left",
// "1 h 05 min left", "less than a minute left". Minutes are rounded up, since a print
// with 0.3 minutes left is not done. Missing, negative or not-a-number values give "—".
QString formatMinutesLeft(std::optional<double> minutes);

} // namespace pc
