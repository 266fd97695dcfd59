#pragma once

#include "api/serviceendpoint.h"
#include "orders/storelocation.h"
#include "orders/storetypes.h"
#include "session/consolecore.h"
#include "settings/consolesettings.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

namespace pc {

namespace test {
struct SessionCore;
}

class OrderSummaryModel;
class OrderTableModel;
class QueueMirror;
class QueueFeeder;
class UploadQueueModel;

// One running console as the window sees it. The working parts (store, API client, upload
// queue, status poller: ConsoleCore) run on a thread of their own, which opens and owns the
// store's connection; this object lives on the GUI thread and holds what the window shows
// (the order table, the queue's copy, the polling figures), changed when the core has
// committed a change. Nothing here waits for the core: requests go to its thread, results
// come back as values, to a callback or a signal.
//
// It holds no widgets, so tests drive a whole console without a screen.
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)

public:
    ConsoleSession(ServiceEndpoint endpoint, EnvironmentKind kind, ConsoleSettings settings,
                   QObject *parent = nullptr);
    // Stops the core and waits for its thread to finish its last store work (at the end of
    // the console, once the window is gone).
    ~ConsoleSession() override;

    using OpenCallback = std::function<void(const OpenResult &)>;
    // Opens the store at `location` on the core's thread; `done` gets what the user must be
    // told (a damaged store moved aside), or the error that stops the console. For a shared
    // (PostgreSQL) store the console follows what the other consoles store as they store it.
    void open(const StoreLocation &location, const QString &password, QObject *context,
              OpenCallback done);
    // The same for the SQLite store in `dataFolder` (empty: the default).
    void open(const QString &dataFolder, QObject *context, OpenCallback done);
    // After a successful open: loads the orders, resumes the queue and starts polling; the
    // queue's copy and the models fill from here on (they exist, empty, from the start).
    void start();
    bool isStarted() const { return m_started; }
    // The orders have arrived once (the table shows them).
    bool ordersLoaded() const { return m_ordersLoaded; }

    // New settings from the Settings dialog that apply without a restart.
    void applySettings(const ConsoleSettings &settings);

    const ServiceEndpoint &endpoint() const { return m_endpoint; }
    EnvironmentKind environmentKind() const { return m_kind; }
    QString environmentKey() const { return m_environmentKey; }
    const ConsoleSettings &settings() const { return m_settings; }
    // Whether the token links should use their TLS form (the service is reached over TLS).
    bool prefersTls() const;

    // Where the store is, once known: set by open(), or before it when opening must wait
    // (for a password from the keychain), so that the window can say where it connects to.
    void setStoreLocation(const StoreLocation &location) { m_location = location; }
    // The store that open() opened, as it was opened.
    const StoreLocation &storeLocation() const { return m_location; }
    bool isTeamStore() const { return m_location.isPostgres(); }
    // The SQLite file or the PostgreSQL address, for messages.
    QString databasePath() const { return m_databasePath; }
    QString consoleId() const { return m_consoleId; }
    // Whether the store reaches its database, as last reported (always true for SQLite).
    bool isStoreConnected() const { return m_storeConnected; }

    QueueMirror &queue() { return *m_queue; }
    OrderTableModel &orders() { return *m_orders; }
    UploadQueueModel &queueModel() { return *m_queueModel; }
    OrderSummaryModel &summary() { return *m_summary; }
    const PollingState &pollingState() const { return m_pollingState; }

    // The order with that id as the table holds it; nullopt when unknown.
    std::optional<Order> order(qint64 orderId) const;

    using StatusCallback = std::function<void(const StoreStatus &)>;
    // What a person does with orders: stored first on the core's thread, then shown (the
    // table follows). A failure comes back with the store's words and changes nothing shown.
    void setOrdersArchived(const QList<qint64> &orderIds, bool archived, QObject *context,
                           StatusCallback done);
    void setOrderNote(qint64 orderId, const QString &note, QObject *context, StatusCallback done);
    void deleteOrder(qint64 orderId, OrderDeletion permission, QObject *context,
                     StatusCallback done);
    // The order's history and its source file, when still on disk (the details pane).
    void orderRecord(qint64 orderId, QObject *context,
                     std::function<void(const StoreResult<ConsoleCore::OrderRecord> &)> done);
    // Asks the service about these orders as soon as the floor allows; `done` gets the latest
    // time one of them will be asked (invalid when none is followed).
    void refreshNow(const QList<qint64> &orderIds, QObject *context,
                    std::function<void(const QDateTime &)> done);
    // Points the environment's stored links from one server address to another (the built-in
    // sandbox moved to another port); `done` gets how many orders changed.
    void rewriteLinkOrigin(const QUrl &oldOrigin, const QUrl &newOrigin, QObject *context,
                           std::function<void(const StoreResult<int> &)> done);

Q_SIGNALS:
    // A print status transition (for notifications), after it was stored and shown.
    void printStatusChanged(const pc::Order &order, const pc::PrintStatus &previous);
    // Something could not be read or saved. While a shared store's connection is lost it is
    // said once, not for every call that fails meanwhile.
    void storeProblem(const QString &message);
    // A shared store lost its connection to the database server (false, with words for the
    // user) or has it back (true, empty message). Never emitted for an SQLite store.
    void storeConnectionChanged(bool connected, const QString &message);
    void pollingStateChanged(const pc::PollingState &state);
    // The orders were read from the store and the table holds them.
    void ordersArrived();

private:
    friend struct test::SessionCore; // tests reach the core through it (tests/sessioncore.h)

    // Runs `work` with the core on its thread; `done` gets its result on this thread, unless
    // `context` is gone by then.
    template<typename Result>
    void onCore(std::function<Result(ConsoleCore &)> work, QObject *context,
                std::function<void(const Result &)> done);
    void onOrdersLoaded(const QList<Order> &orders);
    void onStoreConnectionChanged(bool connected, const QString &message);

    ServiceEndpoint m_endpoint;
    EnvironmentKind m_kind;
    QString m_environmentKey;
    ConsoleSettings m_settings;
    QThread m_thread;
    // Lives on m_thread and owns the core there; every request is posted to it, in order.
    QObject *m_anchor;
    ConsoleCore *m_core = nullptr;       // created, used and deleted on m_thread only
    QueueFeeder *m_coreFeeder = nullptr; // the same; feeds m_queue
    StoreLocation m_location;
    QString m_databasePath;
    QString m_consoleId;
    bool m_storeConnected = true;
    bool m_started = false;
    bool m_ordersLoaded = false;
    PollingState m_pollingState;
    std::unique_ptr<OrderTableModel> m_orders;
    std::unique_ptr<OrderSummaryModel> m_summary;
    std::unique_ptr<QueueMirror> m_queue;
    std::unique_ptr<UploadQueueModel> m_queueModel;
};

} // namespace pc
