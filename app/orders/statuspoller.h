#pragma once

#include "api/apierror.h"
#include "orders/pollschedule.h"
#include "orders/storetypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>

#include <functional>
#include <set>
#include <unordered_map>
#include <utility>

class QTimer;

namespace pc {

class ApiClient;
class OrderStore;
class PrintStatusJob;
struct PrintStatusResult;

// Keeps the print status of every order that is not final up to date, without hammering the
// service (issue 5): one schedule per token (PollSchedule: never more than once every
// 15 seconds, faster while printing, backing off while nothing happens, stopped at a
// confirmed state), at most N requests in flight, and one global hold that backs off while
// the network is down and recovers by itself.
//
// Every answer is written to the store (latest fields + a history row when it changed)
// before it is announced. A GUI-thread object; the clock is a seam, and with the timer
// switched off tests drive the schedule by calling processDue() after moving their clock.
class StatusPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusPoller)

public:
    StatusPoller(OrderStore *store, ApiClient *api, QString environment,
                 PollScheduleSettings settings = {}, QObject *parent = nullptr);
    ~StatusPoller() override;

    // Test seams: the clock, the random source of the jitter, and whether a timer calls
    // processDue() by itself (on by default).
    void setClock(std::function<QDateTime()> now);
    void setRandomSeed(quint32 seed);
    void setTimerEnabled(bool enabled);
    // New schedule settings (the Settings dialog's floor); they apply from the next answer.
    void setScheduleSettings(const PollScheduleSettings &settings);

    // Loads the environment's orders that are not final and schedules them. A token checked
    // recently (by an earlier process) waits out its floor first.
    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Follows an order created meanwhile (for example by the upload queue).
    void track(qint64 orderId);
    // Stops following an order that was deleted from the store; an answer already on its way
    // is dropped.
    void untrack(qint64 orderId);
    // A manual refresh: as soon as the token's 15-second floor allows. Returns the time it
    // is due, or an invalid time when the order is not followed (final or unknown).
    QDateTime refreshNow(qint64 orderId);
    void refreshAll();

    // Sends the requests that are due, up to the in-flight limit. The timer calls it.
    void processDue();

    int trackedCount() const { return int(m_entries.size()); }
    int inFlightCount() const { return m_inFlight; }
    int requestCount() const { return m_requests; } // requests sent since construction
    bool isTracked(qint64 orderId) const { return m_entries.count(orderId) != 0; }
    QDateTime nextDue(qint64 orderId) const;
    // When the next request will go out (the floor and a network hold included); invalid
    // when nothing waits.
    QDateTime nextCheck() const;
    // While the network is down: when the next attempt is allowed (invalid otherwise).
    QDateTime networkHoldUntil() const { return m_holdUntil; }
    bool isNetworkDown() const { return m_networkFailures > 0; }

    // --- Team mode: a shared (PostgreSQL) store --------------------------------------------
    // Several consoles follow the same orders, and exactly one of them asks the service about a
    // token at a time: this poller sends requests only for tokens whose poll lease its store
    // holds (OrderStore::leasePolling), renews them every kLeaseRenewal for kLeaseDuration, and
    // takes over the tokens of a console whose leases ran out. The other consoles' answers
    // arrive through the store's change feed: takeFromStore(). With an SQLite store every
    // token is this poller's.
    static constexpr std::chrono::milliseconds kLeaseDuration{60'000};
    static constexpr std::chrono::milliseconds kLeaseRenewal{20'000};
    bool isShared() const;
    // Test seam: shorter leases (the database's clock runs in real time).
    void setLeaseTiming(std::chrono::milliseconds duration, std::chrono::milliseconds renewal);
    // Takes and renews the leases now (the lease timer calls it; tests too).
    void renewLeases();
    int leasedCount() const;
    bool holdsLease(qint64 orderId) const;
    // Another console stored something about this order (as the caller just read it from the
    // store): its status, when it last asked, or a new order to follow.
    void takeFromStore(const Order &order);

Q_SIGNALS:
    // Orders whose stored state changed (status, last checked, unknown to the service), as
    // stored; coalesced: one signal per event-loop pass however many answers arrived.
    void ordersUpdated(const QList<pc::Order> &orders);
    // A print status transition, after it was stored.
    void statusChanged(const pc::Order &order, const pc::PrintStatus &previous);
    // Every followed order is final; nothing is left to poll.
    void allFinal();
    void networkDown(const QString &message);
    void networkRestored();
    // The service answered about one token, but not with a status that could be used (an
    // error page, a body that is not the documented JSON, or a refusal of the token): said
    // once per streak, not at every retry. `unknownToService` when it refused the token.
    void statusUnusable(const pc::Order &order, const QString &message, bool unknownToService);
    void storeError(const QString &message);

private:
    struct Entry
    {
        qint64 orderId = 0;
        QString token;
        PollInputs inputs;
        PrintStatus last;
        QDateTime due;
        QDateTime lastRequest;
        int failures = 0; // failed calls in a row for this token
        QPointer<PrintStatusJob> job;
        qint64 waitingKey = kNotWaiting; // its key in m_waiting, while it is there
        bool leased = true;              // shared store: this console polls it
    };
    static constexpr qint64 kNotWaiting = -1;

    static PollInputs inputsOf(const Order &order);
    QDateTime now() const { return m_now ? m_now() : QDateTime::currentDateTimeUtc(); }
    void follow(const Order &order);
    void send(Entry &entry);
    void onFinished(qint64 orderId, const PrintStatusResult &result);
    void onNetworkFailure(Entry &entry, const ApiError &error);
    void onTokenFailure(Entry &entry, const ApiError &error);
    void schedule(Entry &entry, std::chrono::milliseconds delay);
    // When the entry's next request may go out: its due time, but never before the floor
    // since its last request (in ms since the epoch).
    qint64 readyAtMs(const Entry &entry) const;
    // Keeps m_waiting in step: after any change of an entry's due time, last request or job.
    void relist(Entry &entry);
    void unlist(Entry &entry);
    void forget(std::unordered_map<qint64, Entry>::iterator it);
    void announce(const Order &order);
    void flushAnnouncements();
    void rearmTimer();
    void checkAllFinal();
    // Entries whose token another console polls are not in m_waiting.
    void setLeased(Entry &entry, bool leased);

    OrderStore *m_store;
    ApiClient *m_api;
    QString m_environment;
    PollSchedule m_schedule;
    std::function<QDateTime()> m_now;
    QRandomGenerator m_random;
    QTimer *m_timer;
    QTimer *m_leaseTimer;
    std::chrono::milliseconds m_leaseDuration = kLeaseDuration;
    bool m_timerEnabled = true;
    bool m_running = false;
    std::unordered_map<qint64, Entry> m_entries;
    // Every entry without a request in flight, by (readyAtMs, order id): the first is the next
    // to send, so an answer costs O(log n) however many orders are open (issue 7's load test:
    // 10,000 open orders), not a scan and sort of all of them.
    std::set<std::pair<qint64, qint64>> m_waiting;
    int m_inFlight = 0;
    int m_requests = 0;
    int m_networkFailures = 0;
    QDateTime m_holdUntil;
    QList<Order> m_toAnnounce; // stored, not yet announced (one per order)
    bool m_flushQueued = false;
};

} // namespace pc
