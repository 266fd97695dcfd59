// OrderStore: what the queue keeps about tokens outside its items: token calls whose answer
// was lost, and when it last asked the service about a token.
#include "orders/orderstore.h"
#include "orders/storeschema.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

StoreStatus OrderStore::recordLostTokenCall(const QString &environment, qint64 itemId,
                                            const QString &fileName, const QString &reason,
                                            const QDateTime &called)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    Statement q(m_db);
    q.prepare(u"INSERT INTO lost_token_calls (environment, called_ms, queue_item_id, file_name,"
              " reason) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(environment);
    q.addBindValue(called.toMSecsSinceEpoch());
    q.addBindValue(itemId);
    q.addBindValue(fileName);
    q.addBindValue(reason);
    if (StoreError e = exec(q, StoreText::tr("saving a lost token call")); e.isError())
        return e;
    return Done{};
}

StoreResult<LostTokenCalls> OrderStore::lostTokenCalls(const QString &environment)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    Statement q(m_db);
    q.prepare(u"SELECT called_ms, file_name, (SELECT COUNT(*) FROM lost_token_calls"
              " WHERE environment = ?) FROM lost_token_calls WHERE environment = ?"
              " ORDER BY called_ms DESC LIMIT 1"_s);
    q.addBindValue(environment);
    q.addBindValue(environment);
    if (StoreError e = exec(q, StoreText::tr("reading the lost token calls")); e.isError())
        return e;
    LostTokenCalls lost;
    if (q.next()) {
        lost.latest = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
        lost.latestFileName = q.value(1).toString();
        lost.count = q.value(2).toInt();
    }
    return lost;
}

StoreStatus OrderStore::recordTokenStatusAsk(const QString &environment, const QString &token,
                                             const QDateTime &asked)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    Statement q(m_db);
    // SQLite and PostgreSQL alike: insert, or move the time forward only.
    q.prepare(u"INSERT INTO token_status_asks (environment, token, asked_ms) VALUES (?, ?, ?)"
              " ON CONFLICT (environment, token) DO UPDATE SET asked_ms = excluded.asked_ms"
              " WHERE token_status_asks.asked_ms < excluded.asked_ms"_s);
    q.addBindValue(environment);
    q.addBindValue(token);
    q.addBindValue(asked.toMSecsSinceEpoch());
    if (StoreError e = exec(q, StoreText::tr("saving when the service was asked")); e.isError())
        return e;
    return Done{};
}

StoreResult<QDateTime> OrderStore::lastTokenStatusAsk(const QString &environment,
                                                      const QString &token)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    Statement q(m_db);
    q.prepare(u"SELECT asked_ms FROM token_status_asks WHERE environment = ? AND token = ?"_s);
    q.addBindValue(environment);
    q.addBindValue(token);
    if (StoreError e = exec(q, StoreText::tr("reading when the service was asked")); e.isError())
        return e;
    if (!q.next())
        return QDateTime();
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

} // namespace pc
