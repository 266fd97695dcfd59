#pragma once

#include "orders/sharedfilelock.h"
#include "orders/storelocation.h"
#include "orders/storetypes.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>

class QLockFile;
class QThread;
class QTimer;

namespace pc {

namespace storedetail {
class DataFolderScope;
}

// What other consoles changed in a shared (PostgreSQL) store, as PostgreSQL notifies it
// (LISTEN/NOTIFY), and the state of the store's connection to its server: emitted on the
// store's thread, from its event loop (never from inside a store call, so a slot may call the
// store at once). Nothing is emitted for this console's own changes, nor for an SQLite store
// (one console per data folder works it).
class StoreChangeFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreChangeFeed)

public:
    using QObject::QObject;

Q_SIGNALS:
    // An order was added or its print status changed; read it again with order(id).
    void orderChanged(qint64 orderId);

    // The connection to the server is lost (the server restarted, the network dropped, the
    // backend was terminated); once per outage, `message` says so for the user. Until
    // connectionRestored() every call fails at once with Kind::Unavailable while the store
    // connects again by itself (see OrderStore::isConnected()).
    void connectionLost(const QString &message);
    // Connected again: listening again, and holding the queue claim again if it held it
    // before (else queueClaimLost() came first). Whatever other consoles changed meanwhile
    // was not notified: read again what is shown.
    void connectionRestored();
    // The queue claim this store held could not be taken again when it reconnected: another
    // process took it during the outage. holdsQueueClaim() is false from now on; `message`
    // names the holder.
    void queueClaimLost(const QString &message);
};

// The persistent queue and order store: one SQLite file (orders.db) in a data folder, or a
// PostgreSQL database that several consoles share (team mode, see StoreLocation), used
// through Qt SQL with the same schema, migrations and queries. Every write is one
// transaction: it either happens entirely or not at all, and a failure (disk full,
// read-only, locked, the server gone) comes back as a StoreError while the data saved
// earlier stays as it was.
//
// Threads: Qt SQL connections belong to the thread that opened them. Use a store only from
// the thread that called open(); another thread opens its own OrderStore on the same
// folder (each instance has its own connection; WAL lets readers and one writer share it).
//
// Environments: every query takes an environment key (orderEnvironmentKey()); the orders
// of the sandbox and of each real service never mix.
class OrderStore final
{
public:
    OrderStore();
    ~OrderStore();
    OrderStore(const OrderStore &) = delete;
    OrderStore &operator=(const OrderStore &) = delete;

    static QString databaseFileName(); // "orders.db"
    // PARTNER_CONSOLE_DATA_DIR when set, else the application data folder
    // (~/.local/share/DesignStreaming/partner-console); absolute and clean.
    static QString defaultDataFolder();

    // Opens (creating when needed) `dataFolder`/orders.db: connection setup, integrity
    // check, migrations. A damaged, truncated or empty file is renamed to
    // orders.db.corrupt-YYYYMMDD-HHMMSS (with its -wal and -shm) and a new store created;
    // the result says so in words for the user. A folder or file this process cannot write
    // fails with Kind::ReadOnly and a message naming the folder, before anything is changed:
    // a store that opens is one that can save.
    OpenResult open(const QString &dataFolder);
    // The same for any location. A PostgreSQL database is connected to with `password` (when
    // empty, libpq looks in ~/.pgpass), set up and migrated; nothing is moved aside there: a
    // server that refuses or cannot be reached fails with Kind::CannotOpen and a message
    // that says which and what to do, never with the password.
    OpenResult open(const StoreLocation &location, const QString &password = {});
    void close();
    // Between a successful open() and close(). A shared store stays open while its connection
    // to the server is lost (see isConnected()).
    bool isOpen() const;
    // Whether the store can reach its database as far as it knows. A PostgreSQL store whose
    // connection was lost says false until it has connected again: meanwhile every call fails
    // at once with Kind::Unavailable (no wait for the server per call), and the store tries
    // again by itself - at once, then after 1, 2 and 5 seconds, then every 10 seconds, and at
    // a call when the next attempt is due - and says so through changeFeed(). A statement
    // that failed is never repeated: whether a write whose COMMIT was cut off was saved is
    // unknown, and the caller decides. While the connection is lost the queue claim counts as
    // held; it is taken again on reconnection (or queueClaimLost()).
    bool isConnected() const;
    const StoreLocation &location() const { return m_location; }
    // A thread this store's work must never run on (the window's GUI thread, for the store the
    // console's own thread works); every call and open checks it (StoreThreadCheck).
    void setForbiddenThread(const QThread *thread) { m_forbiddenThread = thread; }
    bool isPostgres() const { return m_location.isPostgres(); }
    // The SQLite file, or the PostgreSQL URL (without a password): for messages.
    QString databasePath() const { return m_path; }
    // The SQLite store's folder; empty for PostgreSQL.
    QString dataFolder() const;

    // --- The queue claim ---------------------------------------------------------------
    // One console at a time works the upload queue of a store: two would create tokens for,
    // and send, the same items. The claim is an exclusive lock file (queue.lock next to
    // orders.db), or on PostgreSQL an advisory lock of this store's connection, held until
    // releaseQueueClaim() or close(); the system (the server) frees it when the holder dies,
    // however it dies. Claiming again while holding it is fine. While another process (or
    // another store in this one) holds it: Kind::Locked, with a message naming that process.
    // Reading and adding queue items needs no claim.
    StoreStatus claimQueue();
    void releaseQueueClaim();
    bool holdsQueueClaim() const { return m_queueClaim != nullptr || m_postgresQueueClaim; }
    static QString queueLockFileName(); // "queue.lock"

    // --- Queue items -------------------------------------------------------------------
    // Adds `item` at the end of its environment's queue; id, position, created and updated
    // are assigned here. Returns the new id.
    StoreResult<qint64> addQueueItem(const QueueItem &item);
    StoreResult<std::optional<QueueItem>> queueItem(qint64 id);
    // The queue of one environment in queue order.
    StoreResult<QList<QueueItem>> queueItems(const QString &environment);
    // The environment's items in any of `states`, in queue order, at most `limit` of them (all
    // when negative). The queue engine asks this after every state change, so it stays cheap
    // however long the queue is (index queue_items_by_state).
    StoreResult<QList<QueueItem>>
    queueItemsInStates(const QString &environment, const QList<QueueState> &states, int limit = -1);
    StoreStatus updateQueueItemProgress(qint64 id, const QueueItemProgress &progress);
    // After re-validation: the file's current size, mtime and hash.
    StoreStatus updateQueueItemFile(qint64 id, qint64 size, const QDateTime &modified,
                                    const QString &sha256);
    // New order facts for an item that has not been uploaded yet (the queue checks that).
    StoreStatus updateQueueItemFacts(qint64 id, const QString &receiverEmail, const Decimal &price,
                                     const QString &currency, const QString &partnerJobId);
    // Records the item's token, committed before the upload starts. The same token again
    // is fine (a resumed item); a different one is refused with Kind::Conflict, as is a
    // token another item of the environment already holds.
    StoreStatus recordToken(qint64 id, const QString &token);
    StoreStatus moveQueueItem(qint64 id, QueueMove move);
    // Removes the item; an order made from it stays (its queue item id becomes empty).
    StoreStatus removeQueueItem(qint64 id);

    // Queue items and orders of `environment` for the same file and receiver, oldest first.
    // `excludeItemId` leaves out the item being checked.
    StoreResult<QList<DuplicateMatch>> findDuplicates(const QString &environment,
                                                      const QString &sha256,
                                                      const QString &receiverEmail,
                                                      qint64 excludeItemId = 0);

    // --- Orders ------------------------------------------------------------------------
    // The order for a finished upload of item `itemId` (which must hold a token), and the
    // item set to Done, in one transaction. Calling it again for the same item returns the
    // existing order: a resumed item never makes two. `linksReconstructed` marks links built
    // from the token-page pattern because the upload's answer was lost (Order).
    StoreResult<Order> createOrderFromItem(qint64 itemId, const QString &tokenLink,
                                           const QString &sslTokenLink,
                                           const QDateTime &created = {},
                                           bool linksReconstructed = false);
    // An order not made by the queue (import, the CLI's token command); `order.id` is
    // assigned here. Refused with Kind::Conflict when the token is already stored.
    StoreResult<qint64> addOrder(const Order &order);
    // Several orders in one transaction (all or none); their ids in the same order.
    StoreResult<QList<qint64>> addOrders(const QList<Order> &orders);
    StoreResult<std::optional<Order>> order(qint64 id);
    StoreResult<std::optional<Order>> orderByToken(const QString &environment,
                                                   const QString &token);
    // The orders of one environment, oldest first.
    StoreResult<QList<Order>> orders(const QString &environment);
    // Stores the latest status and the time it was checked. When the status differs from
    // the stored one, it is updated, in one transaction with a history row when what a person
    // sees changed (the state, the printer's message or the printer; not the progress
    // figures, which move with every answer); returns whether it changed.
    StoreResult<bool> updateOrderStatus(qint64 orderId, const PrintStatus &status,
                                        const QDateTime &checked);
    StoreStatus setOrderUnknownToService(qint64 orderId, bool unknown);
    // The service was asked about the order at `asked` but gave no status to store (a bad
    // answer, a refusal): kept as its last check, so a console started again honours the
    // shortest time between two questions about one token all the same.
    StoreStatus recordStatusRequest(qint64 orderId, const QDateTime &asked);
    // Every recorded change of the order's state, oldest first.
    StoreResult<QList<StatusHistoryEntry>> statusHistory(qint64 orderId);

    // --- Token calls whose answer was lost (LostTokenCalls) ----------------------------
    StoreStatus recordLostTokenCall(const QString &environment, qint64 itemId,
                                    const QString &fileName, const QString &reason,
                                    const QDateTime &called);
    StoreResult<LostTokenCalls> lostTokenCalls(const QString &environment);

    // --- When the queue last asked the service about a token (token_status_asks) ----------
    // Never moved back: another process may have asked later.
    StoreStatus recordTokenStatusAsk(const QString &environment, const QString &token,
                                     const QDateTime &asked);
    // Null when this store never recorded a question about the token.
    StoreResult<QDateTime> lastTokenStatusAsk(const QString &environment, const QString &token);

    // --- Print page links (orderstorelinks.cpp) ----------------------------------------
    // Points the links of the environment's orders that start with `oldOrigin` (a server
    // address: scheme, host, port) at `newOrigin`, the rest of each link kept: the built-in
    // sandbox moved to another port. Returns how many orders changed.
    StoreResult<int> rewriteLinkOrigin(const QString &environment, const QUrl &oldOrigin,
                                       const QUrl &newOrigin);

    // --- Order management: archive, note, delete -----------------------------------------
    // Each change is one transaction, and in a shared store the other consoles hear of it
    // (StoreChangeFeed::orderChanged; a deleted order then reads as absent).
    //
    // Archives the order at `when` (now when invalid), or takes it out of the archive. The
    // service is not told: an archived order is followed and polled as before, only hidden
    // from the table until archived orders are shown. Archiving an archived order keeps its
    // first archive time.
    StoreStatus setOrderArchived(qint64 orderId, bool archived, const QDateTime &when = {});
    // Replaces the order's note (an empty one removes it). Surrounding blanks are dropped; a
    // note longer than kMaxOrderNoteLength characters is refused with Kind::InvalidInput.
    StoreStatus setOrderNote(qint64 orderId, const QString &note);
    // Removes the order, its status history and its poll lease from this store. The service
    // keeps the token and its print page; a queue item the order came from stays (it holds
    // the token too) until it is removed from the queue. With OrderDeletion::TestOrderOnly an
    // order of any environment but the sandbox is refused with Kind::InvalidInput, and the
    // message suggests archiving it instead.
    StoreStatus deleteOrder(qint64 orderId, OrderDeletion permission);

    // --- Team mode (a shared PostgreSQL store) -----------------------------------------
    // This console's identity: the owner of the queue items it adds (in a shared store each
    // console sees and works only its own queue: the files are on its disk) and the holder of
    // the poll leases it takes. open() sets defaultConsoleId(the location's data folder).
    static QString defaultConsoleId(const QString &dataFolder);
    void setConsoleId(const QString &id) { m_consoleId = id; }
    QString consoleId() const { return m_consoleId; }

    // Poll leases: exactly one console polls a token at a time. Takes or renews this
    // console's lease on each of `tokens` that no other console holds (or whose holder's
    // lease has run out: a console that died), for `durationMs` by the database's clock, and
    // drops this console's leases on the environment's tokens not listed. Returns the tokens
    // this console now holds. One transaction.
    StoreResult<QStringList> leasePolling(const QString &environment, const QStringList &tokens,
                                          qint64 durationMs);
    // Gives up every lease of this console (at close, so that others take over at once).
    StoreStatus releasePollLeases();
    // token -> holder of the environment's unexpired leases (for tests and diagnostics).
    StoreResult<QHash<QString, QString>> pollLeaseHolders(const QString &environment);

    // Changes other consoles made (PostgreSQL only; never null).
    StoreChangeFeed *changeFeed() const { return m_changeFeed.get(); }

    // --- Test hooks --------------------------------------------------------------------
    // PostgreSQL: the process id of this store's server backend (pg_backend_pid()), so that a
    // test can terminate exactly this connection.
    StoreResult<qint64> backendPidForTesting();
    // PRAGMA max_page_count for this connection (simulates a full disk); returns the limit
    // now in force, which SQLite never sets below the current page count.
    StoreResult<qint64> setMaxPageCountForTesting(qint64 pages);
    StoreResult<qint64> pageCountForTesting();

private:
    // Held by every public call that reads or writes (orderstoreconnection.cpp): it refuses
    // the call while the store is closed or a shared store's connection is lost (reconnecting
    // first when the back-off allows), and afterwards notices a connection the call found
    // gone. Only the outermost call of a nested pair does either.
    class Call final
    {
    public:
        explicit Call(OrderStore &store)
            : m_store(store)
            , m_error(store.beginCall())
        {}
        ~Call() { m_store.endCall(); }
        Call(const Call &) = delete;
        Call &operator=(const Call &) = delete;
        bool failed() const { return m_error.isError(); }
        const StoreError &error() const { return m_error; }

    private:
        OrderStore &m_store;
        StoreError m_error;
    };

    // The state of a shared store's connection (orderstoreconnection.cpp).
    struct Link
    {
        bool open = false;      // open() succeeded and close() was not called
        bool lost = false;      // the connection is gone: calls fail at once until it is back
        int failedAttempts = 0; // in this outage (and the one before, when it flaps)
        QDeadlineTimer nextAttempt;
        QElapsedTimer connectedAgain; // since the last reconnection
        QString message;              // what the calls say meanwhile
        QString password;             // to connect again; only in memory, never logged
        bool listening = false;
    };

    StoreError beginCall();
    void endCall();
    // Notices a connection the driver reports broken (after a failed statement, or when the
    // server closed it under an idle console).
    void checkConnection();
    void onConnectionLost();
    void reconnect();
    void armLinkTimer();
    void onLinkTimer();
    StoreError queueHeldElsewhere();

    // SQLite: how long open() waits for another console that creates or repairs the database,
    // and for one that keeps open a database that looks damaged from here.
    static constexpr int kOpenWaitMs = 30'000;
    static constexpr int kExclusiveAttemptMs = 250;
    static constexpr int kDamagedInUseWaitMs = 2'000;
    // Why the database file cannot be opened as it is (missing, empty, not SQLite, a foreign
    // journal beside it); empty when it can.
    QString fileProblem() const;
    // Creates the database, or moves a damaged one aside and creates a new one; only while
    // this store holds m_useLock alone.
    OpenResult createOrRepairFile();
    OpenResult useLockFailure(const QString &problem);
    void closeFile();
    bool hasStaleWal() const;
    OpenResult openFile(bool *corrupt);
    OpenResult openReadOnlyOnFullDisk(const StoreError &full);
    OpenResult openPostgres(const QString &password);
    StoreStatus claimPostgresQueue();
    StoreError readOnlyError(const QString &detail) const;
    // Moves a -wal file that no connection of this database left aside (see open()); the
    // new name, or empty when there was none.
    QString moveStaleWalAside();
    QStringList moveAside(QString *error);
    StoreError notOpen() const;
    // Inserts the order (its id from the database); returns the id.
    StoreResult<qint64> insertOrder(const Order &order, const QString &action);
    StoreResult<Order> createOrderFromItemPostgres(qint64 itemId, const Order &facts);
    StoreResult<bool> updateOrderStatusPostgres(qint64 orderId, const PrintStatus &status,
                                                qint64 checkedMs);
    // In a shared store: tells the other consoles, at this transaction's commit.
    StoreError notifyOrderChanged(qint64 orderId, const QString &action);
    // The same inside a statement: pg_notify(...) for the order whose id is `idColumn`.
    static QString notifyOrderSql(const QString &idColumn);
    // PostgreSQL, one statement: SET `assignments` on the order where `condition` holds (always
    // when empty), telling the other consoles when it changed. False when there is no such
    // order.
    StoreResult<bool> updateOrderTellingOthers(qint64 orderId, const QString &assignments,
                                               const QVariantList &assignmentValues,
                                               const QString &condition,
                                               const QVariantList &conditionValues,
                                               const QString &action);
    // LISTEN on this connection; false (and said in the log) when that failed.
    bool listenForChanges();
    void onNotification(const QString &name, int source, const QVariant &payload);
    // " AND owner = ?" and its value in a shared store (each console works its own queue).
    QString ownerClause(QVariantList *values) const;

    QString m_connectionName;
    StoreLocation m_location;
    QString m_path;
    QSqlDatabase m_db;
    std::unique_ptr<QLockFile> m_queueClaim;
    // SQLite: held shared while the database is open, alone while it is created or repaired.
    std::unique_ptr<SharedFileLock> m_useLock;
    // While a call runs on an SQLite store: its folder, named when the disk under it is full.
    std::unique_ptr<storedetail::DataFolderScope> m_folderScope;
    bool m_postgresQueueClaim = false;
    QString m_consoleId;
    std::unique_ptr<StoreChangeFeed> m_changeFeed;
    Link m_link;
    int m_callDepth = 0;
    QTimer *m_linkTimer = nullptr; // a child of m_changeFeed: reconnects, and watches meanwhile
    const QThread *m_forbiddenThread = nullptr;
};

} // namespace pc
