#include "consolecore.h"

#include "api/apiclient.h"
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace pc {

ConsoleCore::ConsoleCore(ServiceEndpoint endpoint, QString environmentKey, int parallelUploads,
                         PollScheduleSettings schedule, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_environmentKey(std::move(environmentKey))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_store(std::make_unique<OrderStore>())
    , m_api(std::make_unique<ApiClient>(m_network.get(), m_endpoint))
    , m_queue(std::make_unique<UploadQueue>(m_store.get(), m_api.get(), m_environmentKey))
    , m_poller(
          std::make_unique<StatusPoller>(m_store.get(), m_api.get(), m_environmentKey, schedule))
    , m_pollingTicker(new QTimer(this))
{
    qRegisterMetaType<Order>();
    qRegisterMetaType<QList<Order>>();
    qRegisterMetaType<PrintStatus>();
    qRegisterMetaType<PollingState>();
    m_queue->setMaxParallel(parallelUploads);
    connect(m_poller.get(), &StatusPoller::ordersUpdated, this, &ConsoleCore::onOrdersPolled);
    connect(m_poller.get(), &StatusPoller::statusChanged, this, &ConsoleCore::printStatusChanged);
    connect(m_poller.get(), &StatusPoller::storeError, this, &ConsoleCore::reportStoreProblem);
    for (const auto signal : {&StatusPoller::allFinal, &StatusPoller::networkRestored})
        connect(m_poller.get(), signal, this, &ConsoleCore::announcePollingState);
    connect(m_poller.get(), &StatusPoller::networkDown, this, &ConsoleCore::announcePollingState);
    connect(m_queue.get(), &UploadQueue::storeError, this, &ConsoleCore::reportStoreProblem);
    connect(m_queue.get(), &UploadQueue::itemChanged, this, &ConsoleCore::onQueueItemChanged);
    connect(m_store->changeFeed(), &StoreChangeFeed::orderChanged, this,
            &ConsoleCore::onOrderChangedElsewhere);
    connect(m_store->changeFeed(), &StoreChangeFeed::connectionLost, this,
            &ConsoleCore::onStoreConnectionLost);
    connect(m_store->changeFeed(), &StoreChangeFeed::connectionRestored, this,
            &ConsoleCore::onStoreConnectionRestored);
    m_pollingTicker->setInterval(1000);
    connect(m_pollingTicker, &QTimer::timeout, this, &ConsoleCore::announcePollingState);
}

ConsoleCore::~ConsoleCore()
{
    stop();
}

OpenResult ConsoleCore::open(const StoreLocation &location, const QString &password)
{
    const OpenResult result = m_store->open(location, password);
    qCInfo(lcOrders).noquote() << "store:" << result.databasePath << "outcome"
                               << int(result.outcome);
    return result;
}

void ConsoleCore::start()
{
    StoreResult<QList<Order>> orders = m_store->orders(m_environmentKey);
    if (orders) {
        remember(*orders);
        Q_EMIT ordersLoaded(*orders);
    } else {
        reportStoreProblem(orders.error().message);
    }
    m_queue->start();
    m_poller->start();
    m_pollingTicker->start();
    announcePollingState();
}

void ConsoleCore::stop()
{
    m_pollingTicker->stop();
    m_poller->stop();
}

void ConsoleCore::setParallelUploads(int count)
{
    m_queue->setMaxParallel(count);
}

void ConsoleCore::setSchedule(const PollScheduleSettings &schedule)
{
    m_poller->setScheduleSettings(schedule);
    announcePollingState();
}

PollingState ConsoleCore::pollingState() const
{
    PollingState state;
    state.networkDown = m_poller->isNetworkDown();
    state.networkHoldUntil = m_poller->networkHoldUntil();
    state.tracked = m_poller->trackedCount();
    state.inFlight = m_poller->inFlightCount();
    state.nextCheck = m_poller->nextCheck();
    return state;
}

void ConsoleCore::announcePollingState()
{
    const PollingState state = pollingState();
    if (state == m_pollingState)
        return;
    m_pollingState = state;
    Q_EMIT pollingStateChanged(state);
}

void ConsoleCore::remember(const QList<Order> &orders)
{
    for (const Order &order : orders)
        m_known.insert(order.id, order.status);
}

void ConsoleCore::onOrdersPolled(const QList<Order> &orders)
{
    remember(orders);
    Q_EMIT ordersUpdated(orders);
    announcePollingState();
}

StoreResult<ConsoleCore::OrderRecord> ConsoleCore::orderRecord(qint64 orderId)
{
    StoreResult<QList<StatusHistoryEntry>> history = m_store->statusHistory(orderId);
    if (!history)
        return history.error();
    OrderRecord record;
    record.history = std::move(*history);
    const StoreResult<std::optional<Order>> order = m_store->order(orderId);
    if (order && order->has_value() && (*order)->queueItemId) {
        const StoreResult<std::optional<QueueItem>> item =
            m_store->queueItem(*(*order)->queueItemId);
        if (item && item->has_value() && QFileInfo::exists((*item)->sourcePath))
            record.sourcePath = (*item)->sourcePath;
    }
    return record;
}

StoreStatus ConsoleCore::setOrdersArchived(const QList<qint64> &orderIds, bool archived)
{
    QList<Order> changed;
    StoreStatus result = Done{};
    for (const qint64 id : orderIds) {
        result = m_store->setOrderArchived(id, archived);
        if (!result)
            break;
        const StoreResult<std::optional<Order>> stored = m_store->order(id);
        if (stored && stored->has_value())
            changed.append(**stored);
    }
    if (!changed.isEmpty())
        Q_EMIT ordersUpdated(changed); // those done before a failure, too
    return result;
}

StoreStatus ConsoleCore::setOrderNote(qint64 orderId, const QString &note)
{
    StoreStatus result = m_store->setOrderNote(orderId, note);
    if (!result)
        return result;
    const StoreResult<std::optional<Order>> stored = m_store->order(orderId);
    if (stored && stored->has_value())
        Q_EMIT ordersUpdated({**stored});
    return result;
}

StoreStatus ConsoleCore::deleteOrder(qint64 orderId, OrderDeletion permission)
{
    const StoreResult<std::optional<Order>> deleted = m_store->order(orderId);
    StoreStatus result = m_store->deleteOrder(orderId, permission);
    if (result) {
        m_poller->untrack(orderId);
        m_known.remove(orderId);
        // The store removed the finished queue item that made it, too.
        if (deleted && deleted->has_value() && (*deleted)->queueItemId)
            m_queue->forgetRemovedItem(*(*deleted)->queueItemId);
        Q_EMIT orderRemoved(orderId);
        announcePollingState();
    }
    return result;
}

// Another console of a shared store added an order or stored a new print status: the table,
// the notifications and the poller follow, as if this console had polled it.
void ConsoleCore::onOrderChangedElsewhere(qint64 orderId)
{
    const StoreResult<std::optional<Order>> stored = m_store->order(orderId);
    if (!stored) {
        reportStoreProblem(stored.error().message);
        return;
    }
    if (!stored->has_value()) {
        // Deleted by another console: it goes here too.
        m_poller->untrack(orderId);
        m_known.remove(orderId);
        Q_EMIT orderRemoved(orderId);
        return;
    }
    if ((*stored)->environment != m_environmentKey)
        return;
    const Order &order = **stored;
    const auto known = m_known.constFind(orderId);
    const std::optional<PrintStatus> previous =
        known == m_known.cend() ? std::nullopt : std::optional<PrintStatus>(*known);
    m_known.insert(orderId, order.status);
    Q_EMIT ordersUpdated({order});
    m_poller->takeFromStore(order);
    if (previous && !(*previous == order.status))
        Q_EMIT printStatusChanged(order, *previous);
    announcePollingState();
}

void ConsoleCore::reportStoreProblem(const QString &message)
{
    // The calls that fail while the connection is lost all say the same; the outage is said
    // once, by onStoreConnectionLost(). (The store notices a lost connection before the call
    // that found it returns, so its caller's report already lands here.)
    if (m_store->isOpen() && !m_store->isConnected())
        return;
    Q_EMIT storeProblem(message);
}

void ConsoleCore::onStoreConnectionLost(const QString &message)
{
    qCWarning(lcOrders).noquote() << "store connection lost:" << message;
    Q_EMIT storeProblem(message);
    Q_EMIT storeConnectionChanged(false, message);
}

// Back after an outage: the notifications of what other consoles stored meanwhile were lost
// with the connection, so the orders are read again, and the table and the poller follow as if
// each had been notified, and the poller takes its leases now rather than at its next round.
// The queue carries on by itself (UploadQueue::onStoreReconnected()).
void ConsoleCore::onStoreConnectionRestored()
{
    qCInfo(lcOrders) << "store connection restored";
    const StoreResult<QList<Order>> stored = m_store->orders(m_environmentKey);
    if (!stored) {
        // Lost again at once: this runs again when it is back.
        reportStoreProblem(stored.error().message);
        return;
    }
    QList<std::pair<Order, PrintStatus>> transitions;
    for (const Order &order : *stored) {
        const auto known = m_known.constFind(order.id);
        if (known != m_known.cend() && !(*known == order.status))
            transitions.append({order, *known});
    }
    remember(*stored);
    Q_EMIT ordersUpdated(*stored);
    for (const Order &order : *stored)
        m_poller->takeFromStore(order);
    m_poller->renewLeases();
    Q_EMIT storeConnectionChanged(true, QString());
    for (const auto &[order, previous] : transitions)
        Q_EMIT printStatusChanged(order, previous);
    announcePollingState();
}

void ConsoleCore::onQueueItemChanged(qint64 id)
{
    const std::optional<QueueItem> item = m_queue->item(id);
    if (!item || item->state != QueueState::Done || item->token.isEmpty())
        return;
    const StoreResult<std::optional<Order>> order =
        m_store->orderByToken(m_environmentKey, item->token);
    if (!order || !order->has_value())
        return;
    if (!m_known.contains((*order)->id)) {
        remember({**order});
        Q_EMIT ordersUpdated({**order});
        m_poller->track((*order)->id);
        announcePollingState();
    }
}

} // namespace pc
