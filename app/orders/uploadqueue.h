#pragma once

#include "api/responseparser.h"
#include "orders/orderform.h"
#include "orders/retrypolicy.h"
#include "orders/storetypes.h"
#include "orders/transferrate.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace pc {

class ApiClient;
class ApiJob;
class PrintStatusJob;
class OrderStore;
struct UploadResult;
struct ApiError;
namespace stl {
class InspectionTask;
}

// The upload queue engine: turns each queued file into exactly one transaction.
// A GUI-thread object without widgets; the store is the single source of truth, every state
// change is written to it before itemChanged() is emitted.
//
// Life of an item: Queued -> Validating (STL inspection + SHA-256 off the GUI thread) ->
// Ready -> CreatingToken (the token is committed to the store before any upload; an item
// that already holds a token never asks for another) -> file re-check -> Uploading -> Done
// (order created in the same store transaction). Failures go through the RetryPolicy:
// RetryLater / WaitForNetwork are stored as Failed with a next retry time and re-queued by
// a timer; Fail stays Failed; a changed or vanished file becomes NeedsAttention.
// The live figures of one running upload.
struct UploadTransfer
{
    qint64 bytesSent = 0;
    qint64 bytesTotal = 0;                // the multipart body, a little more than the file
    std::optional<double> bytesPerSecond; // unknown during the first moments
    std::optional<qint64> secondsLeft;    // unknown while the speed is unknown or zero
};

// The links of a file the service holds: from the upload's answer, or built from the
// token-page pattern when that answer was lost (ServiceEndpoint::tokenPageUrl()).
struct ArrivedLinks
{
    QString tokenLink;
    QString sslTokenLink;
    bool reconstructed = false;
};

class UploadQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadQueue)

public:
    UploadQueue(OrderStore *store, ApiClient *api, QString environment,
                RetryPolicy policy = RetryPolicy(), QObject *parent = nullptr);
    ~UploadQueue() override;

    // Test seam: the clock used for next-retry times and progress throttling.
    void setClock(std::function<QDateTime()> now);
    // How many items may create tokens / upload at once (default 2). 0 holds processing.
    void setMaxParallel(int count);
    int maxParallel() const { return m_maxParallel; }
    // Quick inspection (format and size rules only) or the full mesh checks.
    void setQuickInspection(bool quick) { m_quickInspection = quick; }

    // The store removed item `id` along with its order (OrderStore::deleteOrder()): it is
    // dropped here and from the views, without the token keeping remove() does.
    void forgetRemovedItem(qint64 id);

    // Loads the environment's items and resumes what a previous process left unfinished.
    // The queue first claims the data folder's queue (OrderStore::claimQueue()): false when
    // another console works it. Then this queue starts nothing, says so once through
    // storeError() (claimProblem() keeps the words), tries again every kClaimRetryMs and
    // resumes by itself once the other console has gone.
    bool start();
    // Whether this queue may work the data folder's items (it claims on its first work).
    bool hasClaim() const;
    // Why not, while another console holds the queue; empty otherwise.
    QString claimProblem() const { return m_claimProblem; }
    // Whether that is because another console works the queue right now (a script may try
    // again later), rather than because the store itself failed.
    bool claimHeldElsewhere() const { return m_claimHeldElsewhere; }
    static constexpr int kClaimRetryMs = 2'000;

    // Queues a file whose order details a person has already confirmed for it (the CLI's
    // command line, or confirmDetails() below); the id of the new item, or the store's error.
    // Details that do not pass the form's checks are refused (InvalidInput). While another
    // console holds the queue the item is stored as queued and validated by whoever works it.
    StoreResult<qint64> addFile(const QString &path, const OrderFacts &facts);
    // Queues a file that waits for its order details (AwaitingDetails): it is not checked,
    // no token is asked for it and nothing is sent until confirmDetails() gives it details.
    StoreResult<qint64> addFileAwaitingDetails(const QString &path);
    // A person confirmed `facts` for this waiting item: they become its details and it goes
    // the normal way. False (and nothing changes) for an item that is not waiting for
    // details or for details that do not pass the form's checks.
    bool confirmDetails(qint64 id, const OrderFacts &facts);
    // Whether the item's details were confirmed and are complete. The queue never asks a
    // token for, checks or uploads an item without them, whichever control asks it to.
    static bool hasConfirmedDetails(const QueueItem &item);

    // The controls below refuse (false, and storeError() says why) while another console
    // holds the queue: that console would never learn of the change, and would overwrite it.
    // Moving an item is allowed: the order is only a preference.

    // New receiver, price, currency or job id for an item that is not uploading or done
    // (the facts travel with the upload). Re-checks duplicates; false when not allowed.
    bool editFacts(qint64 id, const OrderFacts &facts);
    static bool canEditFacts(QueueState state);

    bool pause(qint64 id);
    bool resume(qint64 id);
    void pauseAll();
    void resumeAll();
    bool cancel(qint64 id);
    bool retry(qint64 id); // Failed / NeedsAttention / Cancelled -> again, attempts reset
    void retryAllFailed();
    // Removes the item. One that holds a token no order has yet is first kept as an order
    // with reconstructed links (see the definition for why); false when that fails.
    bool remove(qint64 id);
    // The item holds a token that no order records yet: removing it turns it into an order.
    bool holdsUnrecordedToken(qint64 id) const;
    void clearFinished(); // removes Done and Cancelled items
    bool move(qint64 id, QueueMove move);
    bool moveUp(qint64 id) { return move(id, QueueMove::Up); }
    bool moveDown(qint64 id) { return move(id, QueueMove::Down); }
    bool moveToTop(qint64 id) { return move(id, QueueMove::Top); }
    bool moveToBottom(qint64 id) { return move(id, QueueMove::Bottom); }

    std::optional<QueueItem> item(qint64 id) const;
    // The links of an item whose file reached the service but whose order could not be saved
    // yet (a full disk): the file is uploaded even though the item is not Done.
    std::optional<ArrivedLinks> unsavedLinks(qint64 id) const;
    // Bytes, speed and time left of the item's upload while it is running; nullopt otherwise.
    std::optional<UploadTransfer> transfer(qint64 id) const;
    QList<QueueItem> items() const;
    QString environment() const { return m_environment; }
    // Nothing validating, running, ready to run or waiting for a retry.
    bool isIdle() const;
    // After a failed store write (disk full, read-only folder, a shared store's lost
    // connection) the queue starts no new work until the user retries or resumes, or
    // kStoreRetryMs have passed, or a shared store is connected again. When another process
    // took the queue claim during such an outage, the queue stops its work at once and waits
    // for the claim (claimProblem()).
    bool isHeldByStore() const { return m_storeHeld; }
    static constexpr int kStoreRetryMs = 30'000;

Q_SIGNALS:
    void itemAdded(qint64 id);
    void itemChanged(qint64 id);
    void itemRemoved(qint64 id);
    void uploadProgress(qint64 id, qint64 bytesSent, qint64 bytesTotal);
    // The same file for the same receiver is already an order (`otherWasSent`) or another
    // queue item that has not gone yet.
    void duplicateFound(qint64 id, const QString &otherDescription, bool otherWasSent);
    void storeError(const QString &message);
    void idle();

private:
    struct Runtime
    {
        quint64 generation = 0; // bumped to orphan the callbacks of an abandoned step
        QPointer<ApiJob> job;
        QPointer<stl::InspectionTask> task;
        QTimer *retryTimer = nullptr;
        bool busy = false;       // creating a token, re-checking, verifying or uploading
        bool validating = false; // from validate() until its outcome is written
        int networkWaits = 0;
        bool verifyBeforeResend = false;
        // Bytes the running upload has sent, kept here and written with the item's next state
        // change (not at every progress tick: each write is a round trip to a team database);
        // -1 when no upload's progress is waiting to be written.
        qint64 unsavedBytesSent = -1;
        // Links of an upload that succeeded but whose order could not be saved (disk full):
        // a retry saves them without sending anything. Kept across retries, not restarts.
        std::optional<ArrivedLinks> unsavedLinks;
        bool uploading = false;
        qint64 bytesTotal = 0;
        TransferRate rate;
    };
    struct Guard;

    QDateTime now() const { return m_now ? m_now() : QDateTime::currentDateTimeUtc(); }
    // Milliseconds for speed measurement: monotonic, or the test clock when one is set.
    qint64 nowMs() const { return m_now ? m_now().toMSecsSinceEpoch() : m_monotonic.elapsed(); }
    Runtime &rt(qint64 id) { return m_runtime[id]; }
    void stopRuntime(qint64 id);
    bool setState(qint64 id, QueueState state, const std::function<void(QueueItem &)> &edit = {});
    void reportStoreError(const StoreError &error);
    static QString describeDuplicate(const DuplicateMatch &match);
    void releaseStoreHold();
    // A shared store's connection is back (StoreChangeFeed::connectionRestored()).
    void onStoreReconnected();
    // ... but another process holds the queue claim now (StoreChangeFeed::queueClaimLost()).
    void onQueueClaimLost(const QString &message);
    // Claims the data folder's queue unless this queue holds it already; false (and the
    // retry timer running) while another console holds it.
    bool ensureClaimed();
    // ensureClaimed() for a user's control; a refusal is always said.
    bool mayControl();
    void retryClaim();
    void resumeStored();

    void validate(qint64 id);
    void finishValidation(qint64 id, quint64 generation, const QString &path);
    void pump();
    void startItem(const QueueItem &item);
    void onToken(qint64 id, quint64 generation, const QString &token, const ApiError &error);
    // The item's token call went out and no answer came back: the service may hold a token
    // for it that nothing records. Counted in the store (LostTokenCalls).
    void recordLostTokenCall(qint64 id, const QString &reason);
    void recheckThenUpload(qint64 id);
    void verifyThenUpload(qint64 id);
    // For an item left needing attention with a token no order has: asks the print-status
    // call and, when a print is under way, saves its order; otherwise leaves it as it is.
    void confirmArrival(qint64 id);
    // Asks the service for the item's print status; `onAnswer` runs unless the item was
    // cancelled, removed or restarted meanwhile.
    void askStatus(qint64 id, const QString &token,
                   const std::function<void(Runtime &, const PrintStatusResult &)> &onAnswer);
    void sendStatusProbe(const QString &token);
    void upload(qint64 id);
    void onUploadProgress(qint64 id, qint64 sent, qint64 total);
    void onUploaded(qint64 id, quint64 generation, const UploadResult &result);
    void saveOrder(qint64 id, const QString &tokenLink, const QString &sslTokenLink);
    void saveOrder(qint64 id, const ArrivedLinks &links);
    // The file is known to be at the service but its links were lost with the answer.
    void saveReconstructedOrder(qint64 id);
    void handleFailure(qint64 id, const ApiError &error, bool bodyMayHaveArrived);
    void scheduleRetry(qint64 id, const QDateTime &when);
    void checkIdle();
    int busyCount() const;
    // Runs `work` on the global thread pool; the continuation it returns runs on the GUI
    // thread, unless the queue was destroyed meanwhile.
    void runInPool(std::function<std::function<void()>(const std::atomic<bool> *cancel)> work);

    OrderStore *m_store;
    ApiClient *m_api;
    QString m_environment;
    RetryPolicy m_policy;
    std::function<QDateTime()> m_now;
    QElapsedTimer m_monotonic;
    int m_maxParallel = 2;
    bool m_quickInspection = true;
    bool m_wasIdle = true;
    bool m_storeHeld = false;
    bool m_sweepDue = true; // pump() looks at every item in a working state once
    QTimer *m_storeRetryTimer = nullptr;
    bool m_started = false;
    QString m_claimProblem;
    bool m_claimHeldElsewhere = false;
    QTimer *m_claimTimer = nullptr;
    std::map<qint64, Runtime> m_runtime;
    // The last print-status question per token, kept apart from the items' runtimes so that a
    // retry or restart of an item does not ask again what was asked a moment ago: the service
    // allows one question per token every 15 s, and its answer is as good until then.
    struct StatusProbe
    {
        QPointer<PrintStatusJob> job;
        bool scheduled = false; // waiting out the 15 s since another process asked
        qint64 askedAtMs = 0;   // m_monotonic
        std::optional<PrintStatusResult> answer;
        std::vector<std::function<void(const PrintStatusResult &)>> waiting;
    };
    static constexpr qint64 kStatusAnswerFreshMs = 15'000;
    std::map<QString, StatusProbe> m_statusProbes;
    std::shared_ptr<Guard> m_guard;
};

} // namespace pc
