#pragma once

#include "api/serviceendpoint.h"
#include "orders/pollschedule.h"
#include "orders/storelocation.h"
#include "orders/storetypes.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace pc {

class ApiClient;
class OrderStore;
class StatusPoller;
class UploadQueue;

// What the status poller is doing, as the window's status bar says it.
struct PollingState
{
    bool networkDown = false;
    QDateTime networkHoldUntil; // when the next check goes out while the network is down
    int tracked = 0;            // open orders followed
    int inFlight = 0;           // questions under way
    QDateTime nextCheck;        // invalid when nothing is due

    friend bool operator==(const PollingState &, const PollingState &) = default;
};

// The working parts of one console, wired together: the order store, one network manager and
// API client for the chosen service, the upload queue and the status poller. No widgets and no
// item models: it lives on whichever thread creates it, and everything that touches the store
// runs there. The window runs it on a thread of its own (WindowSession), so that neither the
// database nor the disk ever holds up painting and input; what the window shows comes out of
// it as values (orders, statuses, polling state) through queued signals.
//
// The wiring: a queue item that is done puts its new order into ordersUpdated() and hands it
// to the poller; every poll answer the poller stored follows as ordersUpdated(). The poller
// never asks about one order more often than the settings' floor (at least 15 s).
//
// A shared store whose server connection is lost connects again by itself; the core says so
// once (storeConnectionChanged()), and when the store is back reads the orders again - what
// the other consoles stored meanwhile was not notified - and lets the poller renew its leases
// at once. The queue carries on by itself.
class ConsoleCore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleCore)

public:
    ConsoleCore(ServiceEndpoint endpoint, QString environmentKey, int parallelUploads,
                PollScheduleSettings schedule, QObject *parent = nullptr);
    ~ConsoleCore() override;

    // Opens the store (connecting to a shared one, setting up, migrating): what the user must
    // be told, or the error that stops the console.
    OpenResult open(const StoreLocation &location, const QString &password);
    // Loads the orders (ordersLoaded()), resumes the queue and starts polling.
    void start();
    // Stops polling and lets go of the store's leases and claim, before the core is destroyed.
    void stop();

    void setParallelUploads(int count);
    void setSchedule(const PollScheduleSettings &schedule);

    QString environmentKey() const { return m_environmentKey; }
    OrderStore &store() { return *m_store; }
    UploadQueue &queue() { return *m_queue; }
    StatusPoller &poller() { return *m_poller; }

    // What a person does with orders: stored first, then announced (ordersUpdated(),
    // orderRemoved()). A failure comes back with the store's words and announces only what
    // was done before it.
    StoreStatus setOrdersArchived(const QList<qint64> &orderIds, bool archived);
    StoreStatus setOrderNote(qint64 orderId, const QString &note);
    StoreStatus deleteOrder(qint64 orderId, OrderDeletion permission);

    // The order's recorded status changes and its source file when that still exists (for the
    // details pane).
    struct OrderRecord
    {
        QList<StatusHistoryEntry> history;
        QString sourcePath;
    };
    StoreResult<OrderRecord> orderRecord(qint64 orderId);

    // The poller's figures now.
    PollingState pollingState() const;

Q_SIGNALS:
    // Every order of the environment, once the store is read at start.
    void ordersLoaded(const QList<pc::Order> &orders);
    // Orders added or changed (a poll answer, an upload that finished, another console).
    void ordersUpdated(const QList<pc::Order> &orders);
    void orderRemoved(qint64 orderId);
    // A print status transition (for notifications), after it was stored.
    void printStatusChanged(const pc::Order &order, const pc::PrintStatus &previous);
    // Something could not be read or saved. While a shared store's connection is lost it is
    // said once, not for every call that fails meanwhile.
    void storeProblem(const QString &message);
    // A shared store lost its connection to the database server (false, with words for the
    // user) or has it back (true, empty message). Never emitted for an SQLite store.
    void storeConnectionChanged(bool connected, const QString &message);
    // The poller's figures changed (checked after each of its events and every second).
    void pollingStateChanged(const pc::PollingState &state);

private:
    void reportStoreProblem(const QString &message);
    void onStoreConnectionLost(const QString &message);
    void onStoreConnectionRestored();
    void onQueueItemChanged(qint64 id);
    void onOrderChangedElsewhere(qint64 orderId);
    void onOrdersPolled(const QList<Order> &orders);
    void announcePollingState();
    void remember(const QList<Order> &orders);

    ServiceEndpoint m_endpoint;
    QString m_environmentKey;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<OrderStore> m_store;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<UploadQueue> m_queue;
    std::unique_ptr<StatusPoller> m_poller;
    // The last status announced per order, to tell a transition from a repeat.
    QHash<qint64, PrintStatus> m_known;
    PollingState m_pollingState;
    QTimer *m_pollingTicker = nullptr;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::PollingState)
