// StatusPoller in team mode: which tokens this console polls (leases in the shared store), and
// what it learns from the other consoles through the store.
#include "orders/statuspoller.h"

#include "api/apijob.h"
#include "orders/orderslogging.h"
#include "orders/orderstore.h"

#include <QTimer>

namespace pc {

bool StatusPoller::isShared() const
{
    return m_store->isPostgres();
}

void StatusPoller::setLeaseTiming(std::chrono::milliseconds duration,
                                  std::chrono::milliseconds renewal)
{
    m_leaseDuration = duration;
    m_leaseTimer->setInterval(renewal);
}

int StatusPoller::leasedCount() const
{
    int count = 0;
    for (const auto &[id, entry] : m_entries)
        count += entry.leased ? 1 : 0;
    return count;
}

bool StatusPoller::holdsLease(qint64 orderId) const
{
    const auto it = m_entries.find(orderId);
    return it != m_entries.end() && it->second.leased;
}

void StatusPoller::setLeased(Entry &entry, bool leased)
{
    if (entry.leased == leased)
        return;
    entry.leased = leased;
    if (leased) {
        // Taken over: another console may have asked moments ago; its last check (stored by
        // it) counts for the floor like one of ours.
        const StoreResult<std::optional<Order>> order = m_store->order(entry.orderId);
        if (order && order->has_value() && (*order)->lastChecked.isValid()) {
            entry.lastRequest = entry.lastRequest.isValid()
                                    ? std::max(entry.lastRequest, (*order)->lastChecked)
                                    : (*order)->lastChecked;
            entry.last = (*order)->status;
        }
    }
    relist(entry);
}

void StatusPoller::renewLeases()
{
    if (!isShared() || !m_running)
        return;
    QStringList tokens;
    tokens.reserve(qsizetype(m_entries.size()));
    for (const auto &[id, entry] : m_entries)
        tokens.append(entry.token);
    const StoreResult<QStringList> held =
        m_store->leasePolling(m_environment, tokens, m_leaseDuration.count());
    if (!held) {
        // Without a renewal the leases run out and other consoles take over; ours stop asking
        // too, so that no token is asked twice.
        Q_EMIT storeError(held.error().message);
        for (auto &[id, entry] : m_entries)
            setLeased(entry, false);
        rearmTimer();
        return;
    }
    const QSet<QString> mine(held->cbegin(), held->cend());
    for (auto &[id, entry] : m_entries)
        setLeased(entry, mine.contains(entry.token));
    qCDebug(lcOrders) << "poller holds" << mine.size() << "of" << m_entries.size()
                      << "tokens' leases";
    rearmTimer();
}

void StatusPoller::takeFromStore(const Order &order)
{
    if (order.environment != m_environment)
        return;
    const auto it = m_entries.find(order.id);
    if (it == m_entries.end()) {
        if (m_running) {
            follow(order); // a new order of another console: its lease comes with the next round
            checkAllFinal();
        }
        return;
    }
    Entry &entry = it->second;
    if (isFinal(order.status.status) && !entry.job) {
        forget(it);
        checkAllFinal();
        return;
    }
    entry.last = order.status;
    entry.inputs = inputsOf(order);
    if (order.lastChecked.isValid() &&
        (!entry.lastRequest.isValid() || order.lastChecked > entry.lastRequest))
        entry.lastRequest = order.lastChecked;
    relist(entry);
    rearmTimer();
}

} // namespace pc
