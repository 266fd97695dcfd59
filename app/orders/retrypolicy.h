#pragma once

#include "api/apierror.h"

#include <QString>

#include <chrono>

class QRandomGenerator;

namespace pc {

// What the queue does after a failed call (RELIABILITY.md, "Network and service").
struct RetryDecision
{
    enum class Action {
        RetryLater,     // a transient fault: try again after `delay`
        WaitForNetwork, // offline, DNS, refused: check again after `delay`; no attempt used up
        Fail,           // no automatic retry; the user may retry by hand
        NeedsAttention, // the source file changed or vanished: re-validate first
        Cancelled,      // the user cancelled
    };

    Action action = Action::Fail;
    std::chrono::milliseconds delay{0};
    bool countsAsAttempt = false; // whether this failure uses up one of the bounded attempts
    QString reason;               // for people: what failed and what happens next

    bool retriesAutomatically() const
    {
        return action == Action::RetryLater || action == Action::WaitForNetwork;
    }
};

// Decides retries: jittered exponential backoff for transient faults with a bounded number of
// attempts, Retry-After honoured (capped) for 429/503, no retry for 400/401/403/413 or a TLS
// failure, and "waiting for network" that never burns attempts while offline. Pure: the
// caller passes the counts and the random source, so tests can replay every path.
class RetryPolicy final
{
public:
    struct Settings
    {
        int maxAttempts = 5; // failed attempts before "Failed - retry"
        std::chrono::milliseconds baseDelay{2'000};
        std::chrono::milliseconds maxDelay{5 * 60'000};
        // The longest a service's Retry-After makes the queue wait before one attempt.
        std::chrono::milliseconds maxRetryAfter{5 * 60'000};
        std::chrono::milliseconds networkBaseDelay{5'000};
        std::chrono::milliseconds networkMaxDelay{60'000};
    };

    RetryPolicy() = default;
    explicit RetryPolicy(const Settings &settings)
        : m_settings(settings)
    {}

    const Settings &settings() const { return m_settings; }

    // `failedAttempts`: failures that counted so far (before this one); `networkWaits`: how
    // often in a row the item already waited for the network.
    RetryDecision decide(const ApiError &error, int failedAttempts, int networkWaits,
                         QRandomGenerator &random) const;

    // Exponential backoff for the n-th retry (n >= 0) with "equal jitter": half the step is
    // fixed, half random, so retries of many items spread out but never come too early.
    std::chrono::milliseconds backoff(int retry, std::chrono::milliseconds base,
                                      std::chrono::milliseconds cap,
                                      QRandomGenerator &random) const;

private:
    Settings m_settings;
};

} // namespace pc
