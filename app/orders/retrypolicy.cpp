#include "orders/retrypolicy.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <algorithm>

namespace pc {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(RetryPolicy)
};

QString inWords(std::chrono::milliseconds delay)
{
    const qint64 seconds = std::max(qint64(1), qint64((delay.count() + 999) / 1000));
    if (seconds < 120)
        return Text::tr("%n second(s)", nullptr, int(seconds));
    const int minutes = int((seconds + 59) / 60);
    return Text::tr("%n minute(s)", nullptr, minutes);
}

} // namespace

std::chrono::milliseconds RetryPolicy::backoff(int retry, std::chrono::milliseconds base,
                                               std::chrono::milliseconds cap,
                                               QRandomGenerator &random) const
{
    // base * 2^retry, without overflowing for large retry counts.
    qint64 step = base.count();
    for (int i = 0; i < retry && step < cap.count(); ++i)
        step *= 2;
    step = std::min(step, qint64(cap.count()));
    const qint64 half = step / 2;
    const qint64 jitter = half > 0 ? qint64(random.bounded(quint64(half) + 1)) : 0;
    return std::chrono::milliseconds(step - half + jitter);
}

RetryDecision RetryPolicy::decide(const ApiError &error, int failedAttempts, int networkWaits,
                                  QRandomGenerator &random) const
{
    RetryDecision decision;
    using Kind = ApiError::Kind;
    switch (error.kind) {
    case Kind::None:
        decision.action = RetryDecision::Action::RetryLater;
        decision.reason = Text::tr("Nothing failed.");
        return decision;
    case Kind::Aborted:
        decision.action = RetryDecision::Action::Cancelled;
        decision.reason = error.message;
        return decision;
    case Kind::File:
        decision.action = RetryDecision::Action::NeedsAttention;
        decision.reason = error.message;
        return decision;
    case Kind::Tls:
    case Kind::Service:
        // A TLS failure will not heal by itself, and the service said why it refused: show
        // it and leave the retry to the user.
        decision.action = RetryDecision::Action::Fail;
        decision.reason = error.message;
        return decision;
    case Kind::Network:
        if (error.networkReason != ApiError::NetworkReason::ConnectionClosed) {
            // Offline, DNS, refused: the service is out of reach, nothing was processed.
            decision.action = RetryDecision::Action::WaitForNetwork;
            decision.delay = backoff(networkWaits, m_settings.networkBaseDelay,
                                     m_settings.networkMaxDelay, random);
            decision.reason = Text::tr("Waiting for the network: %1 Checking again in %2.")
                                  .arg(error.message, inWords(decision.delay));
            return decision;
        }
        break; // a connection lost part-way is a transient fault like a timeout
    case Kind::Http:
        if (!error.isTransient()) {
            decision.action = RetryDecision::Action::Fail;
            decision.reason = error.message;
            return decision;
        }
        break;
    case Kind::Timeout:
    case Kind::Protocol:
        break;
    }

    // Transient: bounded attempts with backoff.
    decision.countsAsAttempt = true;
    const int attempt = failedAttempts + 1;
    if (attempt >= m_settings.maxAttempts) {
        decision.action = RetryDecision::Action::Fail;
        decision.reason = Text::tr("%1 Gave up after %2 attempts; use Retry to try again.")
                              .arg(error.messageWithoutRetry())
                              .arg(attempt);
        return decision;
    }
    decision.action = RetryDecision::Action::RetryLater;
    decision.delay = backoff(failedAttempts, m_settings.baseDelay, m_settings.maxDelay, random);
    if (error.retryAfter && (error.httpStatus == 429 || error.httpStatus == 503)) {
        // The service's own wish, honoured but capped; never sooner than our backoff.
        const auto asked = std::chrono::duration_cast<std::chrono::milliseconds>(*error.retryAfter);
        decision.delay = std::max(decision.delay, std::min(asked, m_settings.maxRetryAfter));
    }
    decision.reason = Text::tr("%1 Trying again in %2 (attempt %3 of %4).")
                          .arg(error.messageWithoutRetry(), inWords(decision.delay))
                          .arg(attempt + 1)
                          .arg(m_settings.maxAttempts);
    return decision;
}

} // namespace pc
