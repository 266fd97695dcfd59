// OrderStore: a shared (PostgreSQL) store's connection to its server. A lost connection (the
// server restarted, the network dropped, the backend was terminated) is noticed after the call
// that found it, or while the store is idle; calls then fail at once with Kind::Unavailable
// while the store connects again by itself, with a back-off, and reports both moments through
// its change feed.
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/storepostgres.h"
#include "orders/storeschema.h"
#include "orders/storethreadcheck.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

namespace {

// The wait after the first, second, third ... failed attempt; the last one repeats. The first
// attempt is made at once: a terminated backend or a dropped idle connection is back at the
// next call, and a restarting server is asked again a second later.
constexpr std::array<int, 4> kBackoffMs{1'000, 2'000, 5'000, 10'000};

// A connection lost within this time after it was made again does not earn an attempt at
// once: the back-off goes on where it was, so a server that accepts connections and drops
// them again is not hammered in a loop.
constexpr int kStableMs = 10'000;

int backoffMs(int failedAttempts)
{
    return kBackoffMs.at(std::min<std::size_t>(std::size_t(failedAttempts), kBackoffMs.size() - 1));
}

// How often a connected store looks whether the server closed its connection while it was
// idle. Nothing goes over the network for that: the driver reads the socket whenever data
// arrives (it listens for notifications), so a closed connection shows in its status; without
// this look an idle console would miss the other consoles' changes until its next call.
constexpr int kWatchMs = 5'000;

} // namespace

bool OrderStore::isConnected() const
{
    if (!isOpen())
        return false;
    return !m_location.isPostgres() || (!m_link.lost && m_db.isOpen());
}

StoreError OrderStore::beginCall()
{
    StoreThreadCheck::check(m_forbiddenThread, "a store call");
    if (++m_callDepth == 1 && !m_location.isPostgres())
        m_folderScope = std::make_unique<storedetail::DataFolderScope>(dataFolder());
    if (!isOpen())
        return notOpen();
    // A nested call runs inside one that already checked, with its statements still alive:
    // the connection is never replaced under them.
    if (!m_location.isPostgres() || m_callDepth > 1)
        return {};
    checkConnection();
    // At most one attempt per back-off step, however many calls come: the others fail at once
    // instead of each waiting for the server (up to connect_timeout) on the GUI thread.
    if (m_link.lost && m_link.nextAttempt.hasExpired())
        reconnect();
    if (!m_link.lost)
        return {};
    return makeError(StoreError::Kind::Unavailable, m_link.message, u"not connected"_s);
}

void OrderStore::endCall()
{
    // After the outermost call its queries are gone, so the connection may be closed here.
    if (--m_callDepth == 0) {
        m_folderScope.reset();
        checkConnection();
    }
}

void OrderStore::checkConnection()
{
    // QPSQL's isOpen() is libpq's connection status: bad once a statement or the notification
    // watch found the server gone. A statement that failed for another reason leaves it good.
    if (m_location.isPostgres() && m_link.open && !m_link.lost && !m_db.isOpen())
        onConnectionLost();
}

void OrderStore::onConnectionLost()
{
    m_link.lost = true;
    const bool flapping =
        m_link.connectedAgain.isValid() && !m_link.connectedAgain.hasExpired(kStableMs);
    if (!flapping)
        m_link.failedAttempts = 0;
    m_link.nextAttempt = QDeadlineTimer(flapping ? backoffMs(m_link.failedAttempts++) : 0);
    m_link.message = StoreText::tr("The connection to the order database %1 was lost. The "
                                   "console connects again by itself; nothing saved earlier "
                                   "was lost.")
                         .arg(m_path);
    qCWarning(lcOrders).noquote() << "Lost the connection to" << m_path
                                  << "- connecting again by itself";
    // Closed now: libpq has already closed the socket, and the driver's watch on it goes too.
    // The server freed this connection's queue claim and LISTEN with it.
    m_db.close();
    // From the event loop: the call that noticed is still on its way back to its caller.
    const QString message = m_link.message;
    QMetaObject::invokeMethod(
        m_changeFeed.get(),
        [this, message] {
            if (m_link.open)
                Q_EMIT m_changeFeed->connectionLost(message);
        },
        Qt::QueuedConnection);
    armLinkTimer();
}

void OrderStore::reconnect()
{
    m_db.close();
    m_db.setPassword(m_link.password);
    const bool opened = m_db.open();
    m_db.setPassword(QString());
    QString problem;
    if (!opened)
        problem = m_db.lastError().text().isEmpty() ? u"cannot connect"_s : m_db.lastError().text();
    else if (StoreError e = configureConnection(m_db); e.isError())
        problem = e.detail;
    else if (!listenForChanges())
        problem = u"LISTEN failed"_s;
    QString claimLost;
    if (problem.isEmpty() && m_postgresQueueClaim) {
        // The claim was this connection's advisory lock, so it went with it. Another process
        // may have taken it meanwhile (a second window or the CLI of this console, waiting
        // for it); then this store must stop working the queue, not share it.
        const StoreResult<bool> taken = tryPostgresQueueClaim(m_db, m_consoleId);
        if (!taken) {
            problem = taken.error().detail;
        } else if (!*taken) {
            m_postgresQueueClaim = false;
            claimLost = queueHeldElsewhere().message;
        }
    }
    if (!problem.isEmpty()) {
        m_db.close();
        const int wait = backoffMs(m_link.failedAttempts++);
        m_link.nextAttempt = QDeadlineTimer(wait);
        qCInfo(lcOrders).noquote()
            << "Connecting again to" << m_path << "failed (attempt" << m_link.failedAttempts
            << "), next in" << wait << "ms:" << problem.trimmed();
        armLinkTimer();
        return;
    }
    m_link.lost = false;
    m_link.connectedAgain.start();
    qCInfo(lcOrders).noquote() << "Connected again to" << m_path;
    if (!claimLost.isEmpty()) {
        qCWarning(lcOrders).noquote()
            << "The upload queue claim was taken by another process while the connection "
               "was lost:"
            << claimLost;
        QMetaObject::invokeMethod(
            m_changeFeed.get(),
            [this, claimLost] {
                if (m_link.open)
                    Q_EMIT m_changeFeed->queueClaimLost(claimLost);
            },
            Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        m_changeFeed.get(),
        [this] {
            if (m_link.open)
                Q_EMIT m_changeFeed->connectionRestored();
        },
        Qt::QueuedConnection);
    armLinkTimer();
}

void OrderStore::armLinkTimer()
{
    // A timer works on its own thread only; a store used from another thread reconnects at
    // its calls.
    if (!m_linkTimer || m_linkTimer->thread() != QThread::currentThread())
        return;
    if (!m_link.open || !m_location.isPostgres()) {
        m_linkTimer->stop();
        return;
    }
    m_linkTimer->start(m_link.lost ? int(std::max<qint64>(0, m_link.nextAttempt.remainingTime()))
                                   : kWatchMs);
}

void OrderStore::onLinkTimer()
{
    if (m_link.open && m_callDepth == 0) {
        if (!m_link.lost)
            checkConnection();
        else if (m_link.nextAttempt.hasExpired())
            reconnect();
    }
    armLinkTimer();
}

StoreResult<qint64> OrderStore::backendPidForTesting()
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    if (!m_location.isPostgres())
        return makeError(StoreError::Kind::InvalidInput, u"not a PostgreSQL store"_s);
    const StoreResult<std::optional<qint64>> pid =
        selectRow(m_db, u"SELECT pg_backend_pid()"_s, {}, u"reading the backend's pid"_s,
                  [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!pid)
        return pid.error();
    return pid->value_or(0);
}

} // namespace pc
