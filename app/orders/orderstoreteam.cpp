// OrderStore: what several consoles on one shared (PostgreSQL) store need: who owns a queue
// item, who polls a token (leases), and what the others changed (LISTEN/NOTIFY).
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/storepostgres.h"
#include "orders/storeschema.h"

#include <QCryptographicHash>
#include <QDir>
#include <QHostInfo>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

namespace {

// The channel every console of a shared store listens on; the payload is "order <id>".
const QString kChannel = u"pc_store"_s;

// A PostgreSQL array literal of `values` ({"a","b"}), bound as one text parameter and cast
// to TEXT[] in the statement: Qt's driver binds no arrays. Every element is quoted, so commas,
// braces and spaces stay inside it; only " and \ need escaping there.
QString postgresTextArray(const QStringList &values)
{
    QString literal = u"{"_s;
    for (qsizetype i = 0; i < values.size(); ++i) {
        QString value = values.at(i);
        value.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        if (i > 0)
            literal += u',';
        literal += u'"' + value + u'"';
    }
    return literal + u'}';
}

QString userName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty())
        name = qEnvironmentVariable("LOGNAME");
    return name.isEmpty() ? u"user"_s : name;
}

} // namespace

QString OrderStore::defaultConsoleId(const QString &dataFolder)
{
    // Readable for the people who see it (who holds the queue, who polls a token), and
    // different for two data folders of one user: each is its own console.
    const QByteArray folderHash =
        QCryptographicHash::hash(QDir::cleanPath(dataFolder).toUtf8(), QCryptographicHash::Sha256)
            .toHex()
            .left(8);
    return u"%1@%2/%3"_s.arg(userName(), QHostInfo::localHostName(),
                             QString::fromLatin1(folderHash));
}

QString OrderStore::ownerClause(QVariantList *values) const
{
    if (!m_location.isPostgres())
        return {};
    values->append(textValue(m_consoleId));
    return u" AND owner = ?"_s;
}

StoreError OrderStore::notifyOrderChanged(qint64 orderId, const QString &action)
{
    if (!m_location.isPostgres())
        return {};
    Statement q(m_db);
    q.prepare(u"SELECT pg_notify(?, ?)"_s);
    q.addBindValue(kChannel);
    q.addBindValue(u"order %1"_s.arg(orderId));
    return exec(q, action);
}

QString OrderStore::notifyOrderSql(const QString &idColumn)
{
    return u"pg_notify('%1', 'order ' || %2)"_s.arg(kChannel, idColumn);
}

StoreResult<bool> OrderStore::updateOrderTellingOthers(qint64 orderId, const QString &assignments,
                                                       const QVariantList &assignmentValues,
                                                       const QString &condition,
                                                       const QVariantList &conditionValues,
                                                       const QString &action)
{
    Statement q(m_db);
    q.prepare(u"WITH upd AS (UPDATE orders SET "_s + assignments + u" WHERE id = ?"_s +
              (condition.isEmpty() ? QString() : u" AND "_s + condition) +
              u" RETURNING id), note AS (SELECT "_s + notifyOrderSql(u"id"_s) +
              u" FROM upd) SELECT EXISTS (SELECT 1 FROM orders WHERE id = ?),"
              " (SELECT COUNT(*) FROM note)"_s);
    for (const QVariant &value : assignmentValues)
        q.addBindValue(value);
    q.addBindValue(orderId);
    for (const QVariant &value : conditionValues)
        q.addBindValue(value);
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    return q.next() && q.value(0).toBool();
}

bool OrderStore::listenForChanges()
{
    if (!m_location.isPostgres())
        return true;
    QSqlDriver *driver = m_db.driver();
    if (!driver->subscribeToNotification(kChannel)) {
        qCWarning(lcOrders) << "Cannot listen for other consoles' changes:"
                            << driver->lastError().text();
        return false;
    }
    // The driver outlives a reconnection (the same QSqlDatabase is opened again), and so does
    // this connection: made once.
    if (!m_link.listening) {
        QObject::connect(
            driver, &QSqlDriver::notification, m_changeFeed.get(),
            [this](const QString &name, QSqlDriver::NotificationSource source,
                   const QVariant &payload) { onNotification(name, int(source), payload); });
        m_link.listening = true;
    }
    return true;
}

void OrderStore::onNotification(const QString &name, int source, const QVariant &payload)
{
    if (name != kChannel || source == int(QSqlDriver::SelfSource))
        return;
    const QString text = payload.toString();
    bool ok = false;
    const qint64 id = text.section(u' ', 1, 1).toLongLong(&ok);
    if (!text.startsWith(u"order "_s) || !ok) {
        qCDebug(lcOrders) << "Ignoring a store notification:" << text;
        return;
    }
    Q_EMIT m_changeFeed->orderChanged(id);
}

StoreResult<QStringList> OrderStore::leasePolling(const QString &environment,
                                                  const QStringList &tokens, qint64 durationMs)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("sharing out the print status checks");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QStringList held;
    Statement q(m_db);
    if (m_location.isPostgres()) {
        // One statement whatever the number of tokens, so one round trip: the poller renews
        // every 20 s on the GUI thread, and one statement per token took most of a second for
        // 10,000 open orders (tests/bench/bench_statuspoller.cpp). This console's leases no
        // longer listed go (dropped) and its listed ones are renewed (renewed); another's that
        // ran out by the database's clock is taken over (expired, takenover) unless a console
        // is taking it right now (SKIP LOCKED: then that one has it), and a free token is taken
        // unless another console inserts it first (fresh: the primary key decides). So each
        // token has one holder without a lock; a console never waits for another's row lock,
        // and consoles inserting the same tokens insert them in one order.
        const QString listed = postgresTextArray(tokens);
        // NOT IN a subquery is hashed; "token <> ALL(array)" would compare every lease with
        // every listed token (10,000 x 10,000: seconds). Hence also "NOT token NOT IN" for
        // "listed": the planner turns "IN" into a join, and on a table it has no statistics
        // for yet it picks a nested loop that scans the list once per lease (seconds again).
        q.prepare(
            u"WITH now AS (SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000"
            " AS BIGINT) AS ms),"
            " listed AS (SELECT DISTINCT unnest(CAST(? AS TEXT[])) AS token),"
            " dropped AS (DELETE FROM poll_leases WHERE environment = ? AND holder = ?"
            " AND token NOT IN (SELECT token FROM listed) RETURNING token),"
            " renewed AS (UPDATE poll_leases SET expires_ms = (SELECT ms FROM now) + ?"
            " WHERE environment = ? AND holder = ? AND NOT token NOT IN (SELECT token FROM listed)"
            " RETURNING token),"
            " expired AS (SELECT token FROM poll_leases WHERE environment = ?"
            " AND holder <> ? AND NOT token NOT IN (SELECT token FROM listed)"
            " AND expires_ms < (SELECT ms FROM now) ORDER BY token FOR UPDATE SKIP LOCKED),"
            " takenover AS (UPDATE poll_leases SET holder = ?,"
            " expires_ms = (SELECT ms FROM now) + ? WHERE environment = ?"
            " AND token IN (SELECT token FROM expired) RETURNING token),"
            " fresh AS (INSERT INTO poll_leases (environment, token, holder, expires_ms)"
            " SELECT CAST(? AS TEXT), listed.token, CAST(? AS TEXT),"
            " (SELECT ms FROM now) + CAST(? AS BIGINT) FROM listed"
            " WHERE NOT EXISTS (SELECT 1 FROM poll_leases other"
            " WHERE other.environment = CAST(? AS TEXT) AND other.token = listed.token)"
            " ORDER BY listed.token ON CONFLICT (environment, token) DO NOTHING"
            " RETURNING token)"
            " SELECT token FROM renewed WHERE (SELECT COUNT(*) FROM dropped) >= 0"
            " UNION ALL SELECT token FROM takenover UNION ALL SELECT token FROM fresh"_s);
        q.addBindValue(listed);
        q.addBindValue(textValue(environment)); // dropped
        q.addBindValue(textValue(m_consoleId));
        q.addBindValue(durationMs); // renewed
        q.addBindValue(textValue(environment));
        q.addBindValue(textValue(m_consoleId));
        q.addBindValue(textValue(environment)); // expired
        q.addBindValue(textValue(m_consoleId));
        q.addBindValue(textValue(m_consoleId)); // takenover
        q.addBindValue(durationMs);
        q.addBindValue(textValue(environment));
        q.addBindValue(textValue(environment)); // fresh
        q.addBindValue(textValue(m_consoleId));
        q.addBindValue(durationMs);
        q.addBindValue(textValue(environment));
        if (StoreError e = exec(q, action); e.isError())
            return e;
        while (q.next())
            held.append(q.value(0).toString());
        q.finish();
    } else {
        WriteTransaction tx(m_db);
        if (StoreError e = tx.begin(action); e.isError())
            return e;
        const qint64 expires = now + durationMs;
        // Mine are re-taken below; the ones no longer listed (finished prints) go.
        q.prepare(u"DELETE FROM poll_leases WHERE environment = ? AND holder = ?"_s);
        q.addBindValue(textValue(environment));
        q.addBindValue(textValue(m_consoleId));
        if (StoreError e = exec(q, action); e.isError())
            return e;
        for (const QString &token : tokens) {
            q.prepare(u"INSERT INTO poll_leases (environment, token, holder, expires_ms)"
                      " VALUES (?, ?, ?, ?) ON CONFLICT (environment, token) DO UPDATE"
                      " SET holder = excluded.holder, expires_ms = excluded.expires_ms"
                      " WHERE poll_leases.expires_ms < ?"_s);
            q.addBindValue(textValue(environment));
            q.addBindValue(textValue(token));
            q.addBindValue(textValue(m_consoleId));
            q.addBindValue(expires);
            q.addBindValue(now);
            if (StoreError e = exec(q, action); e.isError())
                return e;
        }
        q.finish();
        StoreResult<QList<QString>> mine = selectRows(
            m_db, u"SELECT token FROM poll_leases WHERE environment = ? AND holder = ?"_s,
            {textValue(environment), textValue(m_consoleId)}, action,
            [](const QSqlQuery &row) { return row.value(0).toString(); });
        if (!mine)
            return mine.error();
        if (StoreError e = tx.commit(action); e.isError())
            return e;
        held = *mine;
    }
    qCDebug(lcOrders) << "Holding" << held.size() << "of" << tokens.size() << "poll leases in"
                      << QDateTime::currentMSecsSinceEpoch() - now << "ms";
    return held;
}

StoreStatus OrderStore::releasePollLeases()
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("handing the print status checks to other consoles");
    Statement q(m_db);
    q.prepare(u"DELETE FROM poll_leases WHERE holder = ?"_s);
    q.addBindValue(textValue(m_consoleId));
    if (StoreError e = exec(q, action); e.isError())
        return e;
    return Done{};
}

StoreResult<QHash<QString, QString>> OrderStore::pollLeaseHolders(const QString &environment)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("reading who checks which print");
    StoreResult<qint64> now = databaseNowMs(m_db, action);
    if (!now)
        return now.error();
    StoreResult<QList<std::pair<QString, QString>>> rows = selectRows(
        m_db, u"SELECT token, holder FROM poll_leases WHERE environment = ? AND expires_ms >= ?"_s,
        {textValue(environment), *now}, action, [](const QSqlQuery &row) {
            return std::pair(row.value(0).toString(), row.value(1).toString());
        });
    if (!rows)
        return rows.error();
    QHash<QString, QString> holders;
    for (const auto &[token, holder] : *rows)
        holders.insert(token, holder);
    return holders;
}

} // namespace pc
