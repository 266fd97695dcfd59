#pragma once

#include "api/printstatus.h"
#include "api/serviceendpoint.h"
#include "common/decimal.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <utility>
#include <variant>

namespace pc {

// The key that keeps the orders of different services apart in the store. The sandbox is
// one key ("sandbox") whatever loopback port it ran on, because its port changes per run;
// production and custom services are keyed by their normalised base URL
// ("https://widget.sendshapes.com:3443/api3/"), so two custom services never mix either.
QString orderEnvironmentKey(EnvironmentKind kind, const QUrl &baseUrl);

// Where a queue item is in its life (issue 4). Stored as the stable keys of queueStateKey().
enum class QueueState {
    Queued,
    Validating,
    Ready,
    CreatingToken,
    Uploading,
    Done,
    Failed,
    Cancelled,
    Paused,
    NeedsAttention, // the source file changed or vanished after it was queued
    // Queued without order details: nothing is checked, no token asked and no byte sent
    // until a person confirms the details for it (UploadQueue::confirmDetails()).
    AwaitingDetails,
};

// "queued", "validating", "ready", "creating_token", "uploading", "done", "failed",
// "cancelled", "paused", "needs_attention", "awaiting_details".
QString queueStateKey(QueueState state);
std::optional<QueueState> queueStateFromKey(QStringView key);

// One dropped file on its way to becoming one transaction.
struct QueueItem
{
    qint64 id = 0;       // assigned by the store
    qint64 position = 0; // ordering within its environment; assigned by the store
    QString environment; // orderEnvironmentKey()
    QString sourcePath;
    QString fileName;
    qint64 size = 0;
    QDateTime modified; // the source file's mtime when it was validated (UTC)
    QString sha256;     // lowercase hex
    QString receiverEmail;
    Decimal price;
    QString currency; // ISO 4217
    QString partnerJobId;
    QueueState state = QueueState::Queued;
    int attemptCount = 0;
    QDateTime nextRetry; // null when no retry is scheduled
    QString failureReason;
    QString token; // empty until the token call succeeded; then never changes
    qint64 bytesSent = 0;
    QDateTime created;
    QDateTime updated;
};

// Queue order: by position, then (two consoles adding at once may share a position) by id.
bool isBeforeInQueue(const QueueItem &a, const QueueItem &b);

// The fields of a queue item that the queue engine changes as it works on it.
struct QueueItemProgress
{
    QueueState state = QueueState::Queued;
    int attemptCount = 0;
    QDateTime nextRetry;
    QString failureReason;
    qint64 bytesSent = 0;
};

enum class QueueMove { Up, Down, Top, Bottom };

// One transaction with the service: a token and the file uploaded for it.
struct Order
{
    qint64 id = 0;
    std::optional<qint64> queueItemId; // the item it came from, if it still exists
    QString environment;
    QString token;
    QString tokenLink;
    QString sslTokenLink;
    QString fileName;
    qint64 size = 0;
    QString sha256;
    QString receiverEmail;
    Decimal price;
    QString currency;
    QString partnerJobId;
    QDateTime created;
    PrintStatus status; // the latest known print status
    QDateTime lastChecked;
    bool unknownToService = false; // the service no longer knows the token
    // The links were built from the service's documented token-page pattern
    // (ServiceEndpoint::tokenPageUrl()), not taken from the upload's answer: that answer was
    // lost, or the item was removed before it finished. The token is exact either way.
    bool linksReconstructed = false;
    // When the store first saw the print leave "awaiting customer", and when it first saw it
    // end (SUCCESS, FAILURE or a confirmed state); null until then. For "prints per day".
    QDateTime printStarted;
    QDateTime printFinished;
    // When a person archived the order (hidden from the table unless archived orders are
    // shown); null while it is not archived. Archiving changes nothing at the service.
    QDateTime archived;
    // A person's note about the order, at most kMaxOrderNoteLength characters.
    QString note;

    bool isArchived() const { return archived.isValid(); }
};

// The longest note an order keeps (OrderStore::setOrderNote() refuses longer ones).
inline constexpr int kMaxOrderNoteLength = 1000;

// What allows OrderStore::deleteOrder() to remove an order from this console's records. The
// service keeps the token whatever happens here; the console only forgets it.
enum class OrderDeletion {
    // Only an order of the built-in sandbox: a test order, whose token is worth nothing.
    TestOrderOnly,
    // Any order: a person was told that the token, its links and its history leave this
    // console's records while the service keeps them, and confirmed it explicitly.
    ConfirmedByPerson,
};

struct StatusHistoryEntry
{
    qint64 id = 0;
    qint64 orderId = 0;
    QDateTime time;
    PrintStatus status;
};

// Token calls whose answer never arrived (a timeout, a cut connection, a console stopped
// during the call): the service may have made a token for each that this console never
// received. Not used for anything; counted so that the shop can reconcile the service's
// count of tokens with its own orders.
struct LostTokenCalls
{
    int count = 0;
    QDateTime latest;       // when the latest of them was made
    QString latestFileName; // for which file
};

// A queue item or order for the same file (SHA-256) and the same receiver.
struct DuplicateMatch
{
    enum class Source { QueueItem, Order };
    Source source = Source::QueueItem;
    qint64 id = 0;
    QString fileName;
    QString token;
    QDateTime created;
};

struct StoreError
{
    enum class Kind {
        None,
        DiskFull,     // SQLITE_FULL or the test page limit: nothing was written
        ReadOnly,     // the file or folder is not writable
        Locked,       // another process held the database past the busy timeout
        CannotOpen,   // the folder or file cannot be created or opened
        Corrupt,      // the file is damaged (found after open)
        NewerSchema,  // written by a newer version of the console
        NotFound,     // no such queue item or order
        Conflict,     // e.g. a second, different token for one queue item
        InvalidInput, // a value the store refuses (empty token, ...)
        Unavailable,  // PostgreSQL: the connection to the server was lost
        Other,
    };
    Kind kind = Kind::None;
    QString message; // human, translated; says what was kept
    QString detail;  // the driver's text, for logs

    bool isError() const { return kind != Kind::None; }
};

// A value or a StoreError.
template<typename T>
class StoreResult final
{
public:
    StoreResult(T value)
        : m_value(std::move(value))
    {}
    StoreResult(StoreError error)
        : m_value(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    // On a temporary the value is moved out, so `for (x : *store.orders(env))` is safe.
    const T &value() const & { return std::get<T>(m_value); }
    T &value() & { return std::get<T>(m_value); }
    T value() && { return std::get<T>(std::move(m_value)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    T operator*() && { return std::move(*this).value(); }
    const T *operator->() const { return &value(); }
    const StoreError &error() const
    {
        static const StoreError none;
        return ok() ? none : std::get<StoreError>(m_value);
    }

private:
    std::variant<T, StoreError> m_value;
};

struct Done final
{
};
using StoreStatus = StoreResult<Done>;

// What open() found and did, for the UI to tell the user.
struct OpenResult
{
    enum class Outcome {
        Opened,    // an existing store, checked and up to date
        Created,   // no store yet: a new, empty one
        Recovered, // the old file was damaged, moved aside, and a new one created; or a
                   // journal file that was not the database's was moved aside unapplied
        Failed,    // no store: see error
    };
    Outcome outcome = Outcome::Failed;
    QString databasePath;
    QStringList movedAside; // the files renamed out of the way (database, -wal, -shm)
    int schemaVersion = 0;
    int migrationsApplied = 0;
    QString message; // human, translated; empty when there is nothing to tell
    StoreError error;

    bool ok() const { return outcome != Outcome::Failed; }
};

} // namespace pc

Q_DECLARE_METATYPE(pc::Order)
