#pragma once

#include "api/printstatus.h"

#include <QDateTime>

#include <chrono>
#include <optional>

class QRandomGenerator;

namespace pc {

// How often the print status of one token is asked (issue 5). All rules are pure functions
// of the order's state and the time, so a restart picks up the same rhythm and tests replay
// them without sleeping.
struct PollScheduleSettings
{
    using ms = std::chrono::milliseconds;
    ms floor{15'000};     // never more often than this per token (API.md), whatever asks
    ms activeMin{15'000}; // WARMING_UP / PRINTING: every 15-30 s
    ms activeMax{30'000};
    ms awaitingMin{30'000};       // awaiting the customer: a quarter of the time waited so far,
    ms awaitingMax{600'000};      // between these bounds
    ms settlingMin{60'000};       // SUCCESS / FAILURE until confirmed: a quarter of the time
    ms settlingMax{600'000};      // since the print ended, between these bounds
    ms unknownValue{60'000};      // a status value this version does not know
    ms unknownToService{600'000}; // a token the service says it does not know
    ms transientMin{30'000};      // a failed call for this token (5xx, bad answer): backoff
    ms transientMax{600'000};
    ms networkMin{15'000};  // the network is down (offline, DNS, refused, timeouts):
    ms networkMax{300'000}; // a global hold that doubles from min to max
    double jitter = 0.2;    // each delay is spread by +-20 %, never below `floor`
    int maxInFlight = 4;    // requests at once
};

struct PollInputs
{
    JobStatus status = JobStatus::AwaitingCustomer;
    bool unknownToService = false;
    QDateTime created;       // the order's creation (how long the customer has been waited for)
    QDateTime printFinished; // when SUCCESS / FAILURE was first seen (null until then)
};

class PollSchedule final
{
public:
    PollSchedule() = default;
    explicit PollSchedule(const PollScheduleSettings &settings)
        : m_settings(settings)
    {}

    const PollScheduleSettings &settings() const { return m_settings; }

    // The delay until the next poll after one that returned `inputs` at `now`, jittered and
    // never below the floor; nullopt once the status is final (polling stops).
    std::optional<std::chrono::milliseconds>
    nextDelay(const PollInputs &inputs, const QDateTime &now, QRandomGenerator &random) const;
    // After `failures` failed calls in a row for one token (not network-wide trouble).
    std::chrono::milliseconds transientDelay(int failures, QRandomGenerator &random) const;
    // The global hold after `failures` network failures in a row.
    std::chrono::milliseconds networkHold(int failures, QRandomGenerator &random) const;
    // `delay` spread by the jitter and raised to the floor.
    std::chrono::milliseconds jittered(std::chrono::milliseconds delay,
                                       QRandomGenerator &random) const;

private:
    PollScheduleSettings m_settings;
};

} // namespace pc
