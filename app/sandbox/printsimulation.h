#pragma once

#include "api/printstatus.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace pc::sandbox {

// The simulated print of one token, computed from elapsed time alone so it needs no timer
// and a test can drive it with its own clock:
//
//   WARMING_UP (about 60 s) -> PRINTING (0 -> 100 %, or until the failure point)
//   -> SUCCESS / FAILURE (with the printer owner's comment)
//   -> CONFIRMED_SUCCESS / CONFIRMED_FAILURE (about 120 s later; final)
//
// Times are simulated seconds; `speed` compresses them (60 = one simulated minute per real
// second). The small variations (warm-up length, print duration, failure point, comment)
// are derived from a seed, so one token always behaves the same way.
class PrintSimulation final
{
public:
    struct Plan
    {
        QString printerModel;
        bool succeeds = true;
        double warmUpSeconds = 60;
        double printSeconds = 1800;  // the whole print, had it succeeded
        double failAtFraction = 1.0; // where a failing print stops (0..1)
        double confirmAfterSeconds = 120;
        QString message;
    };

    // Builds the plan of a print: duration from the file size plus a seeded variation.
    static Plan makePlan(quint64 seed, qint64 fileSize, const QString &printerModel, bool succeeds);
    // The printer models the token page offers.
    static QStringList printerModels();

    PrintSimulation() = default;
    PrintSimulation(Plan plan, qint64 startMsecs, double speed);

    bool isStarted() const { return m_started; }
    const Plan &plan() const { return m_plan; }
    // When the print started (on the clock statusAt() is asked with) and its time compression:
    // with the plan, all a saved print needs to go on where its clock says it is.
    qint64 startMsecs() const { return m_startMsecs; }
    double speed() const { return m_speed; }

    // The status at monotonic time `nowMsecs` (same clock as the start time).
    PrintStatus statusAt(qint64 nowMsecs) const;

    // The `data` object of the print-status call: every field present, null while awaiting
    // the customer; `printing_job_status_name` mirrors `printing_job_status`.
    static QJsonObject toWireData(const PrintStatus &status);

private:
    Plan m_plan;
    qint64 m_startMsecs = 0;
    double m_speed = 1.0;
    bool m_started = false;
};

} // namespace pc::sandbox
