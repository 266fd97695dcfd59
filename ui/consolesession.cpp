#include "consolesession.h"

#include "api/apiclient.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "uilogging.h"
#include "uploadqueuemodel.h"

#include <QFileInfo>
#include <QNetworkAccessManager>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

PollScheduleSettings scheduleFor(const ConsoleSettings &settings)
{
    PollScheduleSettings schedule;
    schedule.floor = std::chrono::seconds(
        std::max(settings.pollFloorSeconds, ConsoleSettings::kMinPollFloorSeconds));
    schedule.activeMin = std::max(schedule.activeMin, schedule.floor);
    schedule.activeMax = std::max(schedule.activeMax, schedule.activeMin);
    return schedule;
}

} // namespace

ConsoleSession::ConsoleSession(ServiceEndpoint endpoint, EnvironmentKind kind,
                               ConsoleSettings settings, QObject *parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_kind(kind)
    , m_environmentKey(orderEnvironmentKey(kind, m_endpoint.baseUrl))
    , m_settings(std::move(settings))
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_store(std::make_unique<OrderStore>())
    , m_api(std::make_unique<ApiClient>(m_network.get(), m_endpoint))
    , m_queue(std::make_unique<UploadQueue>(m_store.get(), m_api.get(), m_environmentKey))
    , m_poller(std::make_unique<StatusPoller>(m_store.get(), m_api.get(), m_environmentKey,
                                              scheduleFor(m_settings)))
    , m_orders(std::make_unique<OrderTableModel>())
    , m_summary(std::make_unique<OrderSummaryModel>())
{
    m_queue->setMaxParallel(m_settings.parallelUploads);
    m_summary->setSourceModel(m_orders.get());
    m_orders->setHistoryProvider([store = m_store.get()](qint64 orderId) {
        StoreResult<QList<StatusHistoryEntry>> history = store->statusHistory(orderId);
        return history ? *history : QList<StatusHistoryEntry>();
    });
    connect(m_poller.get(), &StatusPoller::ordersUpdated, m_orders.get(),
            &OrderTableModel::updateOrders);
    connect(m_poller.get(), &StatusPoller::statusChanged, this,
            &ConsoleSession::printStatusChanged);
    connect(m_poller.get(), &StatusPoller::storeError, this, &ConsoleSession::reportStoreProblem);
    connect(m_queue.get(), &UploadQueue::storeError, this, &ConsoleSession::reportStoreProblem);
    connect(m_queue.get(), &UploadQueue::itemChanged, this, &ConsoleSession::onQueueItemChanged);
    connect(m_store->changeFeed(), &StoreChangeFeed::orderChanged, this,
            &ConsoleSession::onOrderChangedElsewhere);
    connect(m_store->changeFeed(), &StoreChangeFeed::connectionLost, this,
            &ConsoleSession::onStoreConnectionLost);
    connect(m_store->changeFeed(), &StoreChangeFeed::connectionRestored, this,
            &ConsoleSession::onStoreConnectionRestored);
}

ConsoleSession::~ConsoleSession()
{
    // The views' models go before what they observe.
    m_poller->stop();
    m_queueModel.reset();
    m_summary.reset();
    m_orders.reset();
}

OpenResult ConsoleSession::open(const QString &dataFolder)
{
    return open(
        StoreLocation::folder(dataFolder.isEmpty() ? OrderStore::defaultDataFolder() : dataFolder),
        QString());
}

OpenResult ConsoleSession::open(const StoreLocation &location, const QString &password)
{
    const OpenResult result = m_store->open(location, password);
    qCInfo(lcUi).noquote() << "store:" << result.databasePath << "outcome" << int(result.outcome);
    return result;
}

void ConsoleSession::start()
{
    StoreResult<QList<Order>> orders = m_store->orders(m_environmentKey);
    if (orders)
        m_orders->setOrders(std::move(*orders));
    else
        reportStoreProblem(orders.error().message);
    m_queue->start();
    m_queueModel = std::make_unique<UploadQueueModel>(*m_queue);
    m_poller->start();
}

void ConsoleSession::applySettings(const ConsoleSettings &settings)
{
    m_settings = settings;
    m_queue->setMaxParallel(settings.parallelUploads);
    m_poller->setScheduleSettings(scheduleFor(settings));
}

bool ConsoleSession::prefersTls() const
{
    return m_endpoint.baseUrl.scheme() == u"https";
}

std::optional<Order> ConsoleSession::order(qint64 orderId) const
{
    const int row = m_orders->rowOfOrder(orderId);
    if (row < 0)
        return std::nullopt;
    return *m_orders->orderAt(row);
}

QString ConsoleSession::sourcePathOf(const Order &order)
{
    if (!order.queueItemId)
        return {};
    const StoreResult<std::optional<QueueItem>> item = m_store->queueItem(*order.queueItemId);
    if (!item || !item->has_value())
        return {};
    const QString path = (*item)->sourcePath;
    return QFileInfo::exists(path) ? path : QString();
}

StoreStatus ConsoleSession::setOrdersArchived(const QList<qint64> &orderIds, bool archived)
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
    m_orders->updateOrders(changed); // those done before a failure, too
    return result;
}

StoreStatus ConsoleSession::setOrderNote(qint64 orderId, const QString &note)
{
    StoreStatus result = m_store->setOrderNote(orderId, note);
    if (!result)
        return result;
    const StoreResult<std::optional<Order>> stored = m_store->order(orderId);
    if (stored && stored->has_value())
        m_orders->updateOrders({**stored});
    return result;
}

StoreStatus ConsoleSession::deleteOrder(qint64 orderId, OrderDeletion permission)
{
    const std::optional<Order> deleted = order(orderId);
    StoreStatus result = m_store->deleteOrder(orderId, permission);
    if (result) {
        m_poller->untrack(orderId);
        m_orders->removeOrder(orderId);
        // The store removed the finished queue item that made it, too.
        if (deleted && deleted->queueItemId)
            m_queue->forgetRemovedItem(*deleted->queueItemId);
    }
    return result;
}

// Another console of a shared store added an order or stored a new print status: the table,
// the notifications and the poller follow, as if this console had polled it.
void ConsoleSession::onOrderChangedElsewhere(qint64 orderId)
{
    const StoreResult<std::optional<Order>> stored = m_store->order(orderId);
    if (!stored) {
        reportStoreProblem(stored.error().message);
        return;
    }
    if (!stored->has_value()) {
        // Deleted by another console: it goes here too.
        m_poller->untrack(orderId);
        m_orders->removeOrder(orderId);
        return;
    }
    if ((*stored)->environment != m_environmentKey)
        return;
    const Order &order = **stored;
    const std::optional<Order> shown = this->order(orderId);
    m_orders->updateOrders({order});
    m_poller->takeFromStore(order);
    if (shown && !(shown->status == order.status))
        Q_EMIT printStatusChanged(order, shown->status);
}

void ConsoleSession::reportStoreProblem(const QString &message)
{
    // The calls that fail while the connection is lost all say the same; the outage is said
    // once, by onStoreConnectionLost(). (The store notices a lost connection before the call
    // that found it returns, so its caller's report already lands here.)
    if (m_store->isOpen() && !m_store->isConnected())
        return;
    Q_EMIT storeProblem(message);
}

void ConsoleSession::onStoreConnectionLost(const QString &message)
{
    qCWarning(lcUi).noquote() << "store connection lost:" << message;
    Q_EMIT storeProblem(message);
    Q_EMIT storeConnectionChanged(false, message);
}

// Back after an outage: the notifications of what other consoles stored meanwhile were lost
// with the connection, so the orders are read again, the table and the poller follow as if
// each had been notified, and the poller takes its leases now rather than at its next round.
// The queue carries on by itself (UploadQueue::onStoreReconnected()).
void ConsoleSession::onStoreConnectionRestored()
{
    qCInfo(lcUi) << "store connection restored";
    const StoreResult<QList<Order>> stored = m_store->orders(m_environmentKey);
    if (!stored) {
        // Lost again at once: this runs again when it is back.
        reportStoreProblem(stored.error().message);
        return;
    }
    QList<std::pair<Order, PrintStatus>> transitions;
    for (const Order &order : *stored) {
        const std::optional<Order> shown = this->order(order.id);
        if (shown && !(shown->status == order.status))
            transitions.append({order, shown->status});
    }
    m_orders->updateOrders(*stored);
    for (const Order &order : *stored)
        m_poller->takeFromStore(order);
    m_poller->renewLeases();
    Q_EMIT storeConnectionChanged(true, QString());
    for (const auto &[order, previous] : transitions)
        Q_EMIT printStatusChanged(order, previous);
}

void ConsoleSession::onQueueItemChanged(qint64 id)
{
    const std::optional<QueueItem> item = m_queue->item(id);
    if (!item || item->state != QueueState::Done || item->token.isEmpty())
        return;
    const StoreResult<std::optional<Order>> order =
        m_store->orderByToken(m_environmentKey, item->token);
    if (!order || !order->has_value())
        return;
    if (m_orders->rowOfOrder((*order)->id) < 0) {
        m_orders->updateOrders({**order});
        m_poller->track((*order)->id);
    }
}

} // namespace pc
