#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace pc {

// Faults the sandbox injects on the api3 calls, so tests and demos can script the cases of
// RELIABILITY.md. Everything is off by default. Rates are probabilities in [0, 1]
// (1 = every matching request); `budget` caps how many faults are injected in total
// (-1 = unlimited), so "drop the next upload once" is `drop-upload=1,budget=1`.
struct FaultPlan
{
    enum Call { TokenCall = 0x1, UploadCall = 0x2, StatusCall = 0x4, AllCalls = 0x7 };
    // What a `malformed` answer looks like (HTTP 200 each time).
    enum class BadBody {
        Truncated,  // the real answer's JSON cut short
        Html,       // an HTML page instead of JSON (a captive portal or a proxy's page)
        Empty,      // no body at all
        WrongTypes, // the real answer with every value in `data` wrapped in an array
        Nulls,      // the real answer with every value, status code included, set to null
        Huge,       // the real answer padded to 10 MB (Content-Length says so)
    };
    // The certificate the sandbox speaks TLS with (sandboxtls.h); TLS is off by default.
    enum class Tls { Off, SelfSigned, WrongHost };

    std::chrono::milliseconds latency{0};     // added before every api3 answer
    double serverErrorRate = 0;               // answer with HTTP `serverErrorStatus`
    int serverErrorStatus = 503;              // 500, 502, 503 or 504
    bool retryAfterOn503 = false;             // a 503 carries Retry-After: `retryAfter` too
    double clientErrorRate = 0;               // answer with HTTP `clientErrorStatus`
    int clientErrorStatus = 400;              // 400, 401, 403 or 413
    double tooManyRequestsRate = 0;           // answer 429 with Retry-After: `retryAfter`
    QString retryAfter = QStringLiteral("2"); // seconds or an HTTP date, sent as is
    double dropUploadRate = 0;                // close the connection part-way through the body
    double dropUploadAtFraction = 0.5;        // ...after this fraction of the body arrived
    double stallUploadRate = 0;               // stop reading the body part-way (at the same
                                              // fraction) and never answer
    double dropAfterUploadRate = 0;           // process the upload, then close without answering
    double malformedJsonRate = 0;             // answer 200 with a body as `malformedAs` says
    BadBody malformedAs = BadBody::Truncated;
    double errorEnvelopeRate = 0;    // answer 200 with {"status":{"code":"error",...}}
    double stallRate = 0;            // accept the request and never answer
    qint64 uploadBytesPerSecond = 0; // read upload bodies at most this fast (0 = off)
    QString statusValue;             // status calls report this printing_job_status (a value
                                     // the console may not know); empty = the simulated one
    Tls tls = Tls::Off;              // speak TLS on every connection with this certificate
    int budget = -1;
    int calls = AllCalls; // which api3 calls the faults apply to
    quint32 seed = 0;     // 0 = random seed

    bool isActive() const;

    // Parses comma- or space-separated `name=value` items, for example
    // "latency=300,http5xx=0.2,status=502" or "drop-upload=1,at=0.1,budget=1,calls=upload".
    // Names: latency (ms), http5xx, status, retry-after-503, http4xx, status4xx, 429,
    // retry-after, drop-upload, at, stall-upload, drop-after-upload, malformed, malformed-as,
    // error-envelope, stall, upload-rate (KB/s), status-value, tls, budget, calls
    // (token|upload|status joined by '+'), seed. The upload rate, the status value and TLS
    // are conditions rather than faults: they apply to every matching request or connection
    // and spend no budget. Returns nullopt and sets *error when invalid.
    static std::optional<FaultPlan> parse(const QString &spec, QString *error);
    // The inverse of parse(): only the items that differ from the defaults.
    QString toSpec() const;
    // One line per item, in words, for the CLI's and the log's benefit.
    static QString syntaxHelp();
};

} // namespace pc

namespace pc::sandbox {

// The kinds of fault the sandbox answers an api3 request with (at most one per request,
// plus the plan's latency).
enum class FaultKind {
    None,
    Stall,           // never answer
    ServerError,     // HTTP 5xx
    ClientError,     // HTTP 400 / 401 / 403 / 413 with the error envelope
    TooManyRequests, // HTTP 429 with Retry-After
    ErrorEnvelope,   // HTTP 200 {"status":{"code":"error",...}}
    MalformedJson,   // HTTP 200 with the answer bent as the plan's `malformedAs` says
    DropAfterUpload, // store the upload, then close the connection without answering
};

struct FaultDecision
{
    FaultKind kind = FaultKind::None;
    std::chrono::milliseconds latency{0};

    bool isFault() const { return kind != FaultKind::None || latency.count() > 0; }
    // In words, for the log and SandboxServer::faultInjected().
    QString describe(const FaultPlan &plan) const;
};

// Rolls the dice of a FaultPlan: one generator seeded from the plan (or at random) and the
// remaining budget. Every request that gets any fault (latency included) spends one unit.
class FaultDice final
{
public:
    FaultDice();

    // Replaces the plan, reseeds the generator and restores the budget.
    void setPlan(const FaultPlan &plan);
    const FaultPlan &plan() const { return m_plan; }
    int remainingBudget() const { return m_remaining; }

    // The fault for one api3 request of the given call.
    FaultDecision decide(FaultPlan::Call call);
    // For an upload whose head just arrived: how many body bytes to let through before the
    // connection is dropped, or nullopt to let it be.
    std::optional<qint64> decideUploadDrop(qint64 contentLength);
    // The same for a stall: how many body bytes to read before reading stops for good.
    std::optional<qint64> decideUploadStall(qint64 contentLength);

private:
    bool applies(FaultPlan::Call call) const;
    bool roll(double rate);

    FaultPlan m_plan;
    QRandomGenerator m_generator;
    int m_remaining = -1;
};

} // namespace pc::sandbox
