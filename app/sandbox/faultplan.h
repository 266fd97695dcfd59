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

    std::chrono::milliseconds latency{0};     // added before every api3 answer
    double serverErrorRate = 0;               // answer with HTTP `serverErrorStatus`
    int serverErrorStatus = 503;              // 500, 502, 503 or 504
    double tooManyRequestsRate = 0;           // answer 429 with Retry-After: `retryAfter`
    QString retryAfter = QStringLiteral("2"); // seconds or an HTTP date, sent as is
    double dropUploadRate = 0;                // close the connection part-way through the body
    double dropUploadAtFraction = 0.5;        // ...after this fraction of the body arrived
    double dropAfterUploadRate = 0;           // store the file, then close without answering
    double malformedJsonRate = 0;             // answer 200 with a truncated JSON body
    double errorEnvelopeRate = 0;             // answer 200 with {"status":{"code":"error",...}}
    double stallRate = 0;                     // accept the request and never answer
    qint64 uploadBytesPerSecond = 0;          // read upload bodies at most this fast (0 = off)
    int budget = -1;
    int calls = AllCalls; // which api3 calls the faults apply to
    quint32 seed = 0;     // 0 = random seed

    bool isActive() const;

    // Parses comma- or space-separated `name=value` items, for example
    // "latency=300,http5xx=0.2,status=502" or "drop-upload=1,at=0.1,budget=1,calls=upload".
    // Names: latency (ms), http5xx, status, 429, retry-after, drop-upload, at,
    // drop-after-upload, malformed, error-envelope, stall, upload-rate (KB/s), budget,
    // calls (token|upload|status joined by '+'), seed. The upload rate is a condition rather
    // than a fault: it applies to every upload body and spends no budget. Returns nullopt and sets
    // *error when invalid.
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
    TooManyRequests, // HTTP 429 with Retry-After
    ErrorEnvelope,   // HTTP 200 {"status":{"code":"error",...}}
    MalformedJson,   // HTTP 200 with the answer's JSON cut short
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

private:
    bool applies(FaultPlan::Call call) const;
    bool roll(double rate);

    FaultPlan m_plan;
    QRandomGenerator m_generator;
    int m_remaining = -1;
};

} // namespace pc::sandbox
