#pragma once

#include "api/serviceendpoint.h"
#include "orders/storelocation.h"
#include "orders/storetypes.h"
#include "settings/consolesettings.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace pc {

class ApiClient;
class OrderStore;
class OrderSummaryModel;
class OrderTableModel;
class StatusPoller;
class UploadQueue;
class UploadQueueModel;

// Everything one running console works with, wired together: the store in the data folder,
// one network manager and API client for the chosen service, the upload queue, the status
// poller and the models the windows show. It holds no widgets, so tests drive a whole
// console without a screen.
//
// The wiring: a queue item that is done puts its new order into the order table and hands
// it to the poller; every poll answer the poller stored updates the table; the summary
// follows the table. The poller never asks about one order more often than the settings'
// floor (at least 15 s).
//
// A shared store whose server connection is lost connects again by itself (OrderStore::
// isConnected()); the session says so once (storeProblem(), storeConnectionChanged()), and when
// the store is back reads the orders again - what the other consoles stored meanwhile was not
// notified - and lets the poller renew its leases at once. The queue carries on by itself.
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)

public:
    ConsoleSession(ServiceEndpoint endpoint, EnvironmentKind kind, ConsoleSettings settings,
                   QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Opens the store in `dataFolder` (empty: the default). Returns what the user must be
    // told (a damaged store moved aside), or the error that stops the console.
    OpenResult open(const QString &dataFolder = {});
    // The same for any store; for a shared (PostgreSQL) one the console follows what the
    // other consoles store (new orders, status changes) as they store it.
    OpenResult open(const StoreLocation &location, const QString &password);
    // Loads the orders, resumes the queue and starts polling.
    void start();

    // New settings from the Settings dialog that apply without a restart.
    void applySettings(const ConsoleSettings &settings);

    const ServiceEndpoint &endpoint() const { return m_endpoint; }
    EnvironmentKind environmentKind() const { return m_kind; }
    QString environmentKey() const { return m_environmentKey; }
    const ConsoleSettings &settings() const { return m_settings; }
    // Whether the token links should use their TLS form (the service is reached over TLS).
    bool prefersTls() const;

    OrderStore &store() { return *m_store; }
    UploadQueue &queue() { return *m_queue; }
    StatusPoller &poller() { return *m_poller; }
    OrderTableModel &orders() { return *m_orders; }
    UploadQueueModel &queueModel() { return *m_queueModel; }
    OrderSummaryModel &summary() { return *m_summary; }

    // The order with that id as the table holds it; nullopt when unknown.
    std::optional<Order> order(qint64 orderId) const;
    // The source file of an order, when its queue item (and the file) still exist.
    QString sourcePathOf(const Order &order);

    // What a person does with orders: stored first, then shown (the table follows). A failure
    // comes back with the store's words and changes nothing shown.
    StoreStatus setOrdersArchived(const QList<qint64> &orderIds, bool archived);
    StoreStatus setOrderNote(qint64 orderId, const QString &note);
    StoreStatus deleteOrder(qint64 orderId, OrderDeletion permission);

Q_SIGNALS:
    // A print status transition (for notifications), after it was stored and shown.
    void printStatusChanged(const pc::Order &order, const pc::PrintStatus &previous);
    // Something could not be read or saved. While a shared store's connection is lost it is
    // said once, not for every call that fails meanwhile.
    void storeProblem(const QString &message);
    // A shared store lost its connection to the database server (false, with words for the
    // user) or has it back (true, empty message). Never emitted for an SQLite store.
    void storeConnectionChanged(bool connected, const QString &message);

private:
    void reportStoreProblem(const QString &message);
    void onStoreConnectionLost(const QString &message);
    void onStoreConnectionRestored();
    void onQueueItemChanged(qint64 id);
    void onOrderChangedElsewhere(qint64 orderId);

    ServiceEndpoint m_endpoint;
    EnvironmentKind m_kind;
    QString m_environmentKey;
    ConsoleSettings m_settings;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<OrderStore> m_store;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<UploadQueue> m_queue;
    std::unique_ptr<StatusPoller> m_poller;
    std::unique_ptr<OrderTableModel> m_orders;
    std::unique_ptr<UploadQueueModel> m_queueModel;
    std::unique_ptr<OrderSummaryModel> m_summary;
};

} // namespace pc
