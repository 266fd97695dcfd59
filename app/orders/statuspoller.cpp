#include "orders/statuspoller.h"

#include "api/apiclient.h"
#include "api/apijob.h"
#include "orders/orderslogging.h"
#include "orders/orderstore.h"

#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace pc {

PollInputs StatusPoller::inputsOf(const Order &order)
{
    PollInputs inputs;
    inputs.status = order.status.status;
    inputs.unknownToService = order.unknownToService;
    inputs.created = order.created;
    inputs.printFinished = order.printFinished;
    return inputs;
}

namespace {

// The longest a service's Retry-After holds every status call: whatever it asks for, the
// console looks again after this.
constexpr std::chrono::milliseconds kLongestServiceHold{5 * 60'000};

// Faults that concern every token alike: holding all requests is the only sensible answer.
bool affectsEveryToken(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::Tls:
        return true;
    case ApiError::Kind::Http:
        return error.isAuthenticationFailure() ||
               (error.retryAfter && (error.httpStatus == 429 || error.httpStatus == 503));
    default:
        return false;
    }
}

constexpr qint64 kMaxTimerMs = 3600 * 1000;

} // namespace

StatusPoller::StatusPoller(OrderStore *store, ApiClient *api, QString environment,
                           PollScheduleSettings settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
    , m_environment(std::move(environment))
    , m_schedule(settings)
    , m_random(QRandomGenerator::global()->generate())
    , m_timer(new QTimer(this))
    , m_leaseTimer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &StatusPoller::processDue);
    m_leaseTimer->setInterval(kLeaseRenewal);
    connect(m_leaseTimer, &QTimer::timeout, this, &StatusPoller::renewLeases);
}

StatusPoller::~StatusPoller()
{
    stop();
}

void StatusPoller::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

void StatusPoller::setRandomSeed(quint32 seed)
{
    m_random.seed(seed);
}

void StatusPoller::setTimerEnabled(bool enabled)
{
    m_timerEnabled = enabled;
    if (!enabled)
        m_timer->stop();
    else
        rearmTimer();
}

void StatusPoller::setScheduleSettings(const PollScheduleSettings &settings)
{
    m_schedule = PollSchedule(settings);
    // A new floor moves when every waiting token may be asked again.
    for (auto &[id, entry] : m_entries)
        relist(entry);
    rearmTimer();
}

void StatusPoller::start()
{
    m_running = true;
    const StoreResult<QList<Order>> orders = m_store->orders(m_environment);
    if (!orders) {
        Q_EMIT storeError(orders.error().message);
        // A shared store that cannot be read now (its server is away) is read again when it
        // is back (takeFromStore()); the leases of those orders are renewed from then on.
        if (isShared())
            m_leaseTimer->start();
        return;
    }
    for (const Order &order : *orders)
        follow(order);
    qCInfo(lcOrders) << "poller following" << m_entries.size() << "open orders";
    if (isShared()) {
        renewLeases();
        m_leaseTimer->start();
    }
    rearmTimer();
    checkAllFinal();
}

void StatusPoller::stop()
{
    m_running = false;
    m_timer->stop();
    m_leaseTimer->stop();
    for (auto &[id, entry] : m_entries) {
        if (PrintStatusJob *job = entry.job.data()) {
            entry.job.clear();
            job->disconnect(this);
            job->abort();
            relist(entry);
        }
    }
    m_inFlight = 0;
}

void StatusPoller::follow(const Order &order)
{
    if (isFinal(order.status.status) || order.token.isEmpty())
        return;
    Entry &entry = m_entries[order.id];
    entry.orderId = order.id;
    entry.token = order.token;
    entry.inputs = inputsOf(order);
    entry.last = order.status;
    entry.lastRequest = order.lastChecked;
    // Due now, spread a little so a start with many orders does not ask in lockstep, but never
    // before the floor since the last check (also one made by an earlier process).
    QDateTime due = now().addMSecs(qint64(m_random.bounded(1000)));
    if (order.lastChecked.isValid())
        due = std::max(due, order.lastChecked.addMSecs(m_schedule.settings().floor.count()));
    entry.due = due;
    // In a shared store a new token waits for the next lease round unless renewed below.
    entry.leased = !isShared();
    relist(entry);
}

void StatusPoller::untrack(qint64 orderId)
{
    const auto it = m_entries.find(orderId);
    if (it == m_entries.end())
        return;
    forget(it);
    rearmTimer();
}

void StatusPoller::track(qint64 orderId)
{
    const StoreResult<std::optional<Order>> order = m_store->order(orderId);
    if (!order) {
        Q_EMIT storeError(order.error().message);
        return;
    }
    if (!order->has_value() || (*order)->environment != m_environment)
        return;
    if (m_entries.count(orderId) == 0) {
        follow(**order);
        if (isShared() && m_running)
            renewLeases(); // an order this console just made: poll it without waiting
    }
    rearmTimer();
}

QDateTime StatusPoller::refreshNow(qint64 orderId)
{
    const auto it = m_entries.find(orderId);
    if (it == m_entries.end())
        return {};
    Entry &entry = it->second;
    if (entry.job)
        return entry.due; // a request is on its way
    QDateTime due = now();
    if (entry.lastRequest.isValid())
        due = std::max(due, entry.lastRequest.addMSecs(m_schedule.settings().floor.count()));
    entry.due = std::min(entry.due, due);
    relist(entry);
    rearmTimer();
    return entry.due;
}

void StatusPoller::refreshAll()
{
    for (const auto &[id, entry] : m_entries)
        refreshNow(id);
}

QDateTime StatusPoller::nextDue(qint64 orderId) const
{
    const auto it = m_entries.find(orderId);
    return it == m_entries.end() ? QDateTime() : it->second.due;
}

void StatusPoller::processDue()
{
    if (!m_running)
        return;
    const QDateTime current = now();
    if (m_holdUntil.isValid() && current < m_holdUntil) {
        rearmTimer();
        return;
    }
    // The most overdue first, so nothing starves when more are due than may be in flight; the
    // floor holds whatever scheduled a token (readyAtMs).
    const qint64 currentMs = current.toMSecsSinceEpoch();
    for (int room = m_schedule.settings().maxInFlight - m_inFlight;
         room > 0 && !m_waiting.empty() && m_waiting.begin()->first <= currentMs; --room) {
        const auto it = m_entries.find(m_waiting.begin()->second);
        if (it == m_entries.end()) {
            m_waiting.erase(m_waiting.begin()); // cannot happen: forget() unlists
            continue;
        }
        send(it->second);
    }
    rearmTimer();
}

void StatusPoller::send(Entry &entry)
{
    unlist(entry);
    entry.lastRequest = now();
    ++m_inFlight;
    ++m_requests;
    PrintStatusJob *job = m_api->printStatus(entry.token);
    entry.job = job;
    const qint64 orderId = entry.orderId;
    connect(job, &PrintStatusJob::finished, this,
            [this, orderId](const PrintStatusResult &result) { onFinished(orderId, result); });
}

void StatusPoller::onFinished(qint64 orderId, const PrintStatusResult &result)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    const auto it = m_entries.find(orderId);
    if (it == m_entries.end())
        return;
    Entry &entry = it->second;
    entry.job.clear();

    if (result.error.isError() && affectsEveryToken(result.error)) {
        onNetworkFailure(entry, result.error);
        processDue();
        return;
    }
    // The service answered (even if only about this token): the network is back.
    if (m_networkFailures > 0) {
        m_networkFailures = 0;
        m_holdUntil = {};
        qCInfo(lcOrders) << "status calls work again";
        Q_EMIT networkRestored();
    }
    if (result.error.isError()) {
        onTokenFailure(entry, result.error);
        processDue();
        return;
    }
    entry.failures = 0;
    const QDateTime checked = now();
    const StoreResult<bool> changed = m_store->updateOrderStatus(orderId, result.status, checked);
    if (!changed && changed.error().kind == StoreError::Kind::NotFound) {
        forget(it); // the order was deleted meanwhile: nothing left to follow
        processDue();
        return;
    }
    if (!changed) {
        // Not stored means not announced: ask again later, the status is still there.
        Q_EMIT storeError(changed.error().message);
        schedule(entry, m_schedule.transientDelay(1, m_random));
        processDue();
        return;
    }
    const StoreResult<std::optional<Order>> stored = m_store->order(orderId);
    if (!stored || !stored->has_value()) {
        if (!stored)
            Q_EMIT storeError(stored.error().message);
        forget(it);
        processDue();
        return;
    }
    const Order &order = **stored;
    const PrintStatus previous = entry.last;
    entry.last = order.status;
    entry.inputs = inputsOf(order);
    announce(order);
    if (*changed) {
        qCDebug(lcOrders) << "order" << orderId << "now" << order.status.statusText;
        Q_EMIT statusChanged(order, previous);
    }
    const std::optional<std::chrono::milliseconds> next =
        m_schedule.nextDelay(entry.inputs, checked, m_random);
    if (!next) {
        forget(it); // final: nothing will change any more
        checkAllFinal();
    } else {
        schedule(entry, *next);
    }
    processDue();
}

void StatusPoller::onNetworkFailure(Entry &entry, const ApiError &error)
{
    ++m_networkFailures;
    std::chrono::milliseconds hold = m_schedule.networkHold(m_networkFailures, m_random);
    if (error.kind == ApiError::Kind::Http && error.retryAfter) {
        // The service asked every client to slow down: as long as it said (capped).
        hold = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*error.retryAfter),
                          m_schedule.settings().floor, kLongestServiceHold);
    } else if (error.isAuthenticationFailure()) {
        hold = m_schedule.settings().networkMax; // a key problem will not heal by itself soon
    }
    m_holdUntil = now().addMSecs(hold.count());
    schedule(entry, hold);
    qCInfo(lcOrders) << "status calls on hold for" << hold.count() << "ms:" << error.detail;
    if (m_networkFailures == 1)
        Q_EMIT networkDown(error.message);
}

void StatusPoller::onTokenFailure(Entry &entry, const ApiError &error)
{
    ++entry.failures;
    // The service was asked: a console started again must wait out the floor for this token.
    if (entry.lastRequest.isValid()) {
        if (StoreStatus recorded = m_store->recordStatusRequest(entry.orderId, entry.lastRequest);
            !recorded)
            Q_EMIT storeError(recorded.error().message);
    }
    if (error.kind == ApiError::Kind::Service) {
        // The service refuses this token (for example it no longer knows it): marked, kept,
        // and asked again now and then - never dropped.
        if (!entry.inputs.unknownToService) {
            if (StoreStatus marked = m_store->setOrderUnknownToService(entry.orderId, true);
                !marked) {
                Q_EMIT storeError(marked.error().message);
            } else {
                entry.inputs.unknownToService = true;
                const StoreResult<std::optional<Order>> order = m_store->order(entry.orderId);
                if (order && order->has_value()) {
                    announce(**order);
                    Q_EMIT statusUnusable(**order, error.messageWithoutRetry(), true);
                }
            }
        }
        schedule(entry, m_schedule.jittered(m_schedule.settings().unknownToService, m_random));
        qCInfo(lcOrders) << "order" << entry.orderId << "not known to the service:" << error.detail;
        return;
    }
    schedule(entry, m_schedule.transientDelay(entry.failures, m_random));
    qCInfo(lcOrders) << "status of order" << entry.orderId << "failed:" << error.detail;
    if (entry.failures == 1) {
        if (const StoreResult<std::optional<Order>> order = m_store->order(entry.orderId);
            order && order->has_value())
            Q_EMIT statusUnusable(**order, error.messageWithoutRetry(), false);
    }
}

void StatusPoller::schedule(Entry &entry, std::chrono::milliseconds delay)
{
    const qint64 floorMs = m_schedule.settings().floor.count();
    QDateTime due = now().addMSecs(std::max<qint64>(delay.count(), 0));
    if (entry.lastRequest.isValid())
        due = std::max(due, entry.lastRequest.addMSecs(floorMs));
    entry.due = due;
    relist(entry);
}

qint64 StatusPoller::readyAtMs(const Entry &entry) const
{
    qint64 at = entry.due.isValid() ? entry.due.toMSecsSinceEpoch() : 0;
    if (entry.lastRequest.isValid())
        at = std::max(at, entry.lastRequest.toMSecsSinceEpoch() +
                              qint64(m_schedule.settings().floor.count()));
    return at;
}

void StatusPoller::unlist(Entry &entry)
{
    if (entry.waitingKey == kNotWaiting)
        return;
    m_waiting.erase({entry.waitingKey, entry.orderId});
    entry.waitingKey = kNotWaiting;
}

void StatusPoller::relist(Entry &entry)
{
    unlist(entry);
    if (entry.job || !entry.leased)
        return; // back in the list when its answer has been handled, or its lease taken
    entry.waitingKey = readyAtMs(entry);
    m_waiting.emplace(entry.waitingKey, entry.orderId);
}

void StatusPoller::forget(std::unordered_map<qint64, Entry>::iterator it)
{
    unlist(it->second);
    m_entries.erase(it);
}

void StatusPoller::announce(const Order &order)
{
    // The order as just stored; a later answer in the same pass replaces it.
    const auto same = [&order](const Order &pending) { return pending.id == order.id; };
    const auto it = std::find_if(m_toAnnounce.begin(), m_toAnnounce.end(), same);
    if (it != m_toAnnounce.end())
        *it = order;
    else
        m_toAnnounce.append(order);
    if (m_flushQueued)
        return;
    m_flushQueued = true;
    QMetaObject::invokeMethod(this, &StatusPoller::flushAnnouncements, Qt::QueuedConnection);
}

void StatusPoller::flushAnnouncements()
{
    m_flushQueued = false;
    const QList<Order> orders = std::exchange(m_toAnnounce, {});
    if (!orders.isEmpty())
        Q_EMIT ordersUpdated(orders);
}

QDateTime StatusPoller::nextCheck() const
{
    if (m_waiting.empty())
        return {};
    QDateTime earliest = QDateTime::fromMSecsSinceEpoch(m_waiting.begin()->first, Qt::UTC);
    if (earliest.isValid() && m_holdUntil.isValid() && earliest < m_holdUntil)
        earliest = m_holdUntil;
    return earliest;
}

void StatusPoller::rearmTimer()
{
    if (!m_timerEnabled || !m_running) {
        m_timer->stop();
        return;
    }
    const QDateTime earliest = nextCheck();
    if (!earliest.isValid()) {
        m_timer->stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(now().msecsTo(earliest), 0, kMaxTimerMs);
    if (m_inFlight >= m_schedule.settings().maxInFlight)
        return; // the next answer calls processDue()
    m_timer->start(int(wait));
}

void StatusPoller::checkAllFinal()
{
    if (m_running && m_entries.empty())
        Q_EMIT allFinal();
}

} // namespace pc
