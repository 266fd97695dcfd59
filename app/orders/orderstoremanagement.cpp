// OrderStore: what a person does with an order - archive it, note something, delete it.
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/storeschema.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

namespace {

StoreError orderNotFound(qint64 orderId)
{
    return makeError(StoreError::Kind::NotFound,
                     StoreText::tr("Order %1 does not exist.").arg(orderId));
}

} // namespace

StoreStatus OrderStore::setOrderArchived(qint64 orderId, bool archived, const QDateTime &when)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = archived ? StoreText::tr("archiving the order")
                                    : StoreText::tr("taking the order out of the archive");
    const qint64 whenMs =
        (when.isValid() ? when : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    if (m_location.isPostgres()) {
        // COALESCE keeps the first archive time when the order is archived again.
        StoreResult<bool> exists =
            archived
                ? updateOrderTellingOthers(orderId, u"archived_ms = COALESCE(archived_ms, ?)"_s,
                                           {whenMs}, {}, {}, action)
                : updateOrderTellingOthers(orderId, u"archived_ms = NULL"_s, {}, {}, {}, action);
        if (!exists)
            return exists.error();
        if (!*exists)
            return orderNotFound(orderId);
        qCInfo(lcOrders) << "order" << orderId
                         << (archived ? "archived" : "taken out of the archive");
        return Done{};
    }
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    Statement q(m_db);
    // COALESCE keeps the first archive time when the order is archived again.
    q.prepare(archived ? u"UPDATE orders SET archived_ms = COALESCE(archived_ms, ?) WHERE id = ?"_s
                       : u"UPDATE orders SET archived_ms = NULL WHERE id = ?"_s);
    if (archived)
        q.addBindValue(whenMs);
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (q.numRowsAffected() != 1)
        return orderNotFound(orderId);
    if (StoreError e = notifyOrderChanged(orderId, action); e.isError())
        return e;
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    qCInfo(lcOrders) << "order" << orderId << (archived ? "archived" : "taken out of the archive");
    return Done{};
}

StoreStatus OrderStore::setOrderNote(qint64 orderId, const QString &note)
{
    const QString text = note.trimmed();
    if (text.size() > kMaxOrderNoteLength) {
        return makeError(StoreError::Kind::InvalidInput,
                         StoreText::tr("The note has %1 characters; an order keeps at most %2. "
                                       "Shorten it and save it again.")
                             .arg(text.size())
                             .arg(kMaxOrderNoteLength));
    }
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the order's note");
    if (m_location.isPostgres()) {
        StoreResult<bool> exists =
            updateOrderTellingOthers(orderId, u"note = ?"_s, {textValue(text)}, {}, {}, action);
        if (!exists)
            return exists.error();
        if (!*exists)
            return orderNotFound(orderId);
        return Done{};
    }
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    Statement q(m_db);
    q.prepare(u"UPDATE orders SET note = ? WHERE id = ?"_s);
    q.addBindValue(textValue(text));
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (q.numRowsAffected() != 1)
        return orderNotFound(orderId);
    if (StoreError e = notifyOrderChanged(orderId, action); e.isError())
        return e;
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::deleteOrder(qint64 orderId, OrderDeletion permission)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("deleting the order");
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    Statement q(m_db);
    q.prepare(u"SELECT environment, token FROM orders WHERE id = ?"_s);
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return orderNotFound(orderId);
    const QString environment = q.value(0).toString();
    const QString token = q.value(1).toString();
    q.finish();
    const bool testOrder = environment == orderEnvironmentKey(EnvironmentKind::Sandbox, {});
    if (!testOrder && permission != OrderDeletion::ConfirmedByPerson) {
        return makeError(
            StoreError::Kind::InvalidInput,
            StoreText::tr("Order %1 is not a sandbox test order: its token is a real transaction "
                          "with the service at %2. Archive it to hide it, or confirm that this "
                          "console should forget its token.")
                .arg(orderId)
                .arg(environment));
    }
    // The finished queue item that made the order goes with it: its token is what the order
    // held, and an item holding a token no order records is kept as an order when it is
    // removed (the queue never loses a token), which would bring the deleted order back.
    const QStringList statements{
        u"DELETE FROM queue_items WHERE state = ? AND id = (SELECT queue_item_id FROM orders"
        " WHERE id = ?)"_s,
        u"DELETE FROM status_history WHERE order_id = ?"_s,
        u"DELETE FROM poll_leases WHERE environment = ? AND token = ?"_s,
        u"DELETE FROM orders WHERE id = ?"_s,
    };
    for (const QString &statement : statements) {
        q.prepare(statement);
        if (statement.contains(u"poll_leases"_s)) {
            q.addBindValue(textValue(environment));
            q.addBindValue(textValue(token));
        } else if (statement.contains(u"queue_items"_s)) {
            q.addBindValue(queueStateKey(QueueState::Done));
            q.addBindValue(orderId);
        } else {
            q.addBindValue(orderId);
        }
        if (StoreError e = exec(q, action); e.isError())
            return e;
    }
    if (StoreError e = notifyOrderChanged(orderId, action); e.isError())
        return e;
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    // Never silent: the log says which order left the records (the token is not logged).
    qCInfo(lcOrders).noquote() << "order" << orderId << "of" << environment
                               << (testOrder ? "deleted (test order)"
                                             : "deleted after the person confirmed it");
    return Done{};
}

} // namespace pc
