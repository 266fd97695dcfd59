#pragma once

#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace pc {

// What went wrong with one call to the service, in a form the queue, the poller, the CLI and
// the UI can act on. `message` is a complete sentence for a person (what failed, why, what to
// do) and never contains the API key.
struct ApiError
{
    enum class Kind {
        None,     // no error
        Network,  // offline, DNS failure, connection refused or closed
        Timeout,  // no bytes moved for the idle timeout
        Tls,      // certificate or handshake problem; the request was not sent
        Http,     // the service answered with an HTTP error status
        Service,  // HTTP OK but status.code != "ok"; `serviceDescription` says why
        Protocol, // malformed, unexpected or oversized response body
        File,     // the local file to upload could not be read
        Aborted,  // cancelled by the caller
    };
    enum class NetworkReason {
        None,
        Offline,
        HostNotFound,
        ConnectionRefused,
        ConnectionClosed,
        Other
    };

    Kind kind = Kind::None;
    NetworkReason networkReason = NetworkReason::None;
    int httpStatus = 0;                             // the HTTP status when one was received
    std::optional<std::chrono::seconds> retryAfter; // parsed Retry-After, when sent
    QString serviceDescription;                     // description (+ extended) from the envelope
    QString message;                                // for people; redacted
    // The sentence of `message` that promises another attempt ("The console will try
    // again."), for the queue and the poller, which do; empty when there is none.
    QString retryNote;
    QString detail; // technical detail for logs; redacted

    bool isError() const { return kind != Kind::None; }
    // `message` without retryNote: for a caller that makes one attempt only and says itself
    // what happens next.
    QString messageWithoutRetry() const;
    // Sets `message` to `what` followed by `retry`, and retryNote to `retry`.
    void setMessage(const QString &what, const QString &retry);
    // Worth trying again later: network trouble, timeouts, 408/425/429/5xx.
    bool isTransient() const;
    // The service refused the API key (HTTP 401/403).
    bool isAuthenticationFailure() const;
    // The request went out but its answer never came (a timeout, a connection cut after the
    // request): the service may have done what was asked.
    bool answerMayBeLost() const;

    // Stable lower-case names for JSON output: "network", "timeout", "tls", "http",
    // "service", "protocol", "file", "aborted" ("none" for no error).
    static QString kindName(Kind kind);

    static ApiError network(NetworkReason reason, const QString &detail);
    static ApiError timeout(std::chrono::milliseconds idle);
    // The answer began but did not arrive in full within `limit` (trickled).
    static ApiError slowAnswer(std::chrono::milliseconds limit);
    static ApiError tls(const QString &detail);
    static ApiError http(int status, const QString &reasonPhrase, const QString &serviceDescription,
                         std::optional<std::chrono::seconds> retryAfter);
    static ApiError service(const QString &description, const QString &extendedDescription);
    static ApiError protocol(const QString &what);
    static ApiError file(const QString &path, const QString &why);
    // The local file was refused or changed; `message` is a whole sentence that names it.
    static ApiError fileProblem(const QString &message);
    static ApiError aborted();
};

} // namespace pc

Q_DECLARE_METATYPE(pc::ApiError)
