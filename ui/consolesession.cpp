#include "consolesession.h"

#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "queuemirror.h"
#include "uilogging.h"
#include "uploadqueuemodel.h"

#include <QMetaObject>

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
    , m_anchor(new QObject)
    , m_orders(std::make_unique<OrderTableModel>())
    , m_summary(std::make_unique<OrderSummaryModel>())
    , m_queue(std::make_unique<QueueMirror>(m_environmentKey,
                                            [this](QueueMirror::Work work) {
                                                QMetaObject::invokeMethod(
                                                    m_anchor,
                                                    [this, work = std::move(work)] {
                                                        if (m_core && m_coreFeeder)
                                                            work(m_core->queue(), *m_coreFeeder);
                                                    },
                                                    Qt::QueuedConnection);
                                            }))
    , m_queueModel(std::make_unique<UploadQueueModel>(*m_queue))
{
    qRegisterMetaType<PollingState>();
    m_summary->setSourceModel(m_orders.get());
    m_orders->setHistoryRequester([this](qint64 orderId) {
        onCore<StoreResult<QList<StatusHistoryEntry>>>(
            [orderId](ConsoleCore &core) { return core.store().statusHistory(orderId); },
            m_orders.get(),
            [this, orderId](const StoreResult<QList<StatusHistoryEntry>> &history) {
                if (history)
                    m_orders->setHistory(orderId, *history);
            });
    });
    m_thread.setObjectName(u"ConsoleCore"_s);
    m_anchor->moveToThread(&m_thread);
    m_thread.start();
    // The core is made on its thread, so that its network manager, store, queue and poller
    // (and every timer they make) belong to it.
    QMetaObject::invokeMethod(
        m_anchor,
        [this, endpoint = m_endpoint, key = m_environmentKey, parallel = m_settings.parallelUploads,
         schedule = scheduleFor(m_settings)] {
            m_core = new ConsoleCore(endpoint, key, parallel, schedule, m_anchor);
            m_coreFeeder = QueueMirror::feed(m_core->queue(), m_queue.get());
            connect(m_core, &ConsoleCore::ordersLoaded, this, &ConsoleSession::onOrdersLoaded);
            connect(m_core, &ConsoleCore::ordersUpdated, m_orders.get(),
                    &OrderTableModel::updateOrders);
            connect(m_core, &ConsoleCore::orderRemoved, m_orders.get(),
                    &OrderTableModel::removeOrder);
            connect(m_core, &ConsoleCore::printStatusChanged, this,
                    &ConsoleSession::printStatusChanged);
            connect(m_core, &ConsoleCore::storeProblem, this, &ConsoleSession::storeProblem);
            connect(m_core, &ConsoleCore::storeConnectionChanged, this,
                    &ConsoleSession::onStoreConnectionChanged);
            connect(m_core, &ConsoleCore::pollingStateChanged, this,
                    [this](const PollingState &state) {
                        m_pollingState = state;
                        Q_EMIT pollingStateChanged(state);
                    });
        },
        Qt::QueuedConnection);
}

ConsoleSession::~ConsoleSession()
{
    // The views' models go before what they observe.
    m_queueModel.reset();
    m_queue.reset();
    m_summary.reset();
    m_orders.reset();
    // The core's last store work (leases and the queue claim let go) runs on its thread;
    // the console ends only after it, so nothing is cut off half written.
    QMetaObject::invokeMethod(
        m_anchor,
        [this] {
            m_coreFeeder = nullptr; // a child of the queue
            delete m_core;
            m_core = nullptr;
            m_anchor->deleteLater(); // when the thread's loop has ended
            m_thread.quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

template<typename Result>
void ConsoleSession::onCore(std::function<Result(ConsoleCore &)> work, QObject *context,
                            std::function<void(const Result &)> done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        m_anchor,
        [this, work = std::move(work), guard, done = std::move(done)] {
            Result result = work(*m_core);
            QMetaObject::invokeMethod(
                this,
                [guard, done, result = std::move(result)] {
                    if (guard && done)
                        done(result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ConsoleSession::open(const QString &dataFolder, QObject *context, OpenCallback done)
{
    open(StoreLocation::folder(dataFolder.isEmpty() ? OrderStore::defaultDataFolder() : dataFolder),
         QString(), context, std::move(done));
}

void ConsoleSession::open(const StoreLocation &location, const QString &password, QObject *context,
                          OpenCallback done)
{
    m_location = location;
    struct Opened
    {
        OpenResult result;
        QString databasePath;
        QString consoleId;
    };
    onCore<Opened>(
        [location, password](ConsoleCore &core) {
            Opened opened;
            opened.result = core.open(location, password);
            opened.databasePath = core.store().databasePath();
            opened.consoleId = core.store().consoleId();
            return opened;
        },
        this,
        [this, context = QPointer<QObject>(context), done = std::move(done)](const Opened &opened) {
            m_databasePath = opened.databasePath;
            m_consoleId = opened.consoleId;
            m_storeConnected = true;
            if (context && done)
                done(opened.result);
        });
}

void ConsoleSession::start()
{
    if (m_started)
        return;
    m_started = true;
    QMetaObject::invokeMethod(
        m_anchor, [this] { m_core->start(); }, Qt::QueuedConnection);
    m_queue->reload();
}

void ConsoleSession::onOrdersLoaded(const QList<Order> &orders)
{
    m_orders->setOrders(orders);
    m_ordersLoaded = true;
    Q_EMIT ordersArrived();
}

void ConsoleSession::onStoreConnectionChanged(bool connected, const QString &message)
{
    m_storeConnected = connected;
    Q_EMIT storeConnectionChanged(connected, message);
}

void ConsoleSession::applySettings(const ConsoleSettings &settings)
{
    m_settings = settings;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, parallel = settings.parallelUploads, schedule = scheduleFor(settings)] {
            m_core->setParallelUploads(parallel);
            m_core->setSchedule(schedule);
        },
        Qt::QueuedConnection);
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

void ConsoleSession::setOrdersArchived(const QList<qint64> &orderIds, bool archived,
                                       QObject *context, StatusCallback done)
{
    onCore<StoreStatus>(
        [orderIds, archived](ConsoleCore &core) {
            return core.setOrdersArchived(orderIds, archived);
        },
        context, std::move(done));
}

void ConsoleSession::setOrderNote(qint64 orderId, const QString &note, QObject *context,
                                  StatusCallback done)
{
    onCore<StoreStatus>(
        [orderId, note](ConsoleCore &core) { return core.setOrderNote(orderId, note); }, context,
        std::move(done));
}

void ConsoleSession::deleteOrder(qint64 orderId, OrderDeletion permission, QObject *context,
                                 StatusCallback done)
{
    onCore<StoreStatus>(
        [orderId, permission](ConsoleCore &core) { return core.deleteOrder(orderId, permission); },
        context, std::move(done));
}

void ConsoleSession::orderRecord(
    qint64 orderId, QObject *context,
    std::function<void(const StoreResult<ConsoleCore::OrderRecord> &)> done)
{
    onCore<StoreResult<ConsoleCore::OrderRecord>>(
        [orderId](ConsoleCore &core) { return core.orderRecord(orderId); }, context,
        std::move(done));
}

void ConsoleSession::refreshNow(const QList<qint64> &orderIds, QObject *context,
                                std::function<void(const QDateTime &)> done)
{
    onCore<QDateTime>(
        [orderIds](ConsoleCore &core) {
            QDateTime latest;
            for (const qint64 id : orderIds)
                latest = std::max(latest, core.poller().refreshNow(id));
            return latest;
        },
        context, std::move(done));
}

void ConsoleSession::rewriteLinkOrigin(const QUrl &oldOrigin, const QUrl &newOrigin,
                                       QObject *context,
                                       std::function<void(const StoreResult<int> &)> done)
{
    onCore<StoreResult<int>>(
        [key = m_environmentKey, oldOrigin, newOrigin](ConsoleCore &core) {
            return core.store().rewriteLinkOrigin(key, oldOrigin, newOrigin);
        },
        context, std::move(done));
}

} // namespace pc
