// OrderStore: orders, their status history and duplicate detection.
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/storeschema.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

namespace {

const QString kOrderColumns =
    u"id, queue_item_id, environment, token, token_link, ssl_token_link, file_name, file_size,"
    " sha256, receiver_email, price, currency, partner_job_id, created_ms, status_text,"
    " percentage, minutes_left, total_time, message, printer_model, last_checked_ms,"
    " unknown_to_service, print_started_ms, print_finished_ms, links_reconstructed, archived_ms,"
    " note"_s;

const QString kHistoryColumns =
    u"id, order_id, recorded_ms, status_text, percentage, minutes_left, total_time, message,"
    " printer_model"_s;

// The text kept for a status: what the service sent, or the wire name of a known state.
QString storedStatusText(const PrintStatus &status)
{
    return status.statusText.isEmpty() ? jobStatusToWire(status.status) : status.statusText;
}

// Reads the six status columns starting at `first`.
PrintStatus readStatus(const QSqlQuery &q, int first)
{
    PrintStatus status;
    status.statusText = q.value(first).toString();
    status.status = status.statusText.isEmpty() ? JobStatus::AwaitingCustomer
                                                : jobStatusFromWire(status.statusText);
    status.percentage = numberFromValue(q.value(first + 1));
    status.minutesLeft = numberFromValue(q.value(first + 2));
    status.totalTime = numberFromValue(q.value(first + 3));
    status.message = q.value(first + 4).toString();
    status.printerModel = q.value(first + 5).toString();
    return status;
}

void bindStatus(Statement &q, const PrintStatus &status)
{
    q.addBindValue(textValue(storedStatusText(status)));
    q.addBindValue(numberValue(status.percentage));
    q.addBindValue(numberValue(status.minutesLeft));
    q.addBindValue(numberValue(status.totalTime));
    q.addBindValue(textValue(status.message));
    q.addBindValue(textValue(status.printerModel));
}

// Whether a person would see a new state in the history: the status itself, the printer's
// message or the printer. Progress, minutes left and print time move with every answer and
// are kept on the order row only.
bool sameMilestone(const PrintStatus &stored, const PrintStatus &incoming)
{
    return stored.statusText == storedStatusText(incoming) && stored.message == incoming.message &&
           stored.printerModel == incoming.printerModel;
}

bool sameStatus(const PrintStatus &stored, const PrintStatus &incoming)
{
    return stored.statusText == storedStatusText(incoming) &&
           stored.percentage == incoming.percentage && stored.minutesLeft == incoming.minutesLeft &&
           stored.totalTime == incoming.totalTime && stored.message == incoming.message &&
           stored.printerModel == incoming.printerModel;
}

Order readOrder(const QSqlQuery &q)
{
    Order order;
    order.id = q.value(0).toLongLong();
    if (!q.value(1).isNull())
        order.queueItemId = q.value(1).toLongLong();
    order.environment = q.value(2).toString();
    order.token = q.value(3).toString();
    order.tokenLink = q.value(4).toString();
    order.sslTokenLink = q.value(5).toString();
    order.fileName = q.value(6).toString();
    order.size = q.value(7).toLongLong();
    order.sha256 = q.value(8).toString();
    order.receiverEmail = q.value(9).toString();
    order.price = Decimal::fromString(q.value(10).toString()).value_or(Decimal());
    order.currency = q.value(11).toString();
    order.partnerJobId = q.value(12).toString();
    order.created = timeFromValue(q.value(13));
    order.status = readStatus(q, 14);
    order.lastChecked = timeFromValue(q.value(20));
    order.unknownToService = q.value(21).toInt() != 0;
    order.printStarted = timeFromValue(q.value(22));
    order.printFinished = timeFromValue(q.value(23));
    order.linksReconstructed = q.value(24).toInt() != 0;
    order.archived = timeFromValue(q.value(25));
    order.note = q.value(26).toString();
    return order;
}

StoreError notFound(qint64 orderId)
{
    return makeError(StoreError::Kind::NotFound,
                     StoreText::tr("Order %1 does not exist.").arg(orderId));
}

} // namespace

StoreResult<qint64> OrderStore::insertOrder(const Order &order, const QString &action)
{
    if (order.token.trimmed().isEmpty())
        return makeError(StoreError::Kind::InvalidInput, StoreText::tr("An order needs a token."));
    Statement q(m_db);
    const QString insert =
        u"INSERT INTO orders (" + kOrderColumns + u") VALUES ("_s + newIdSql(m_db, u"orders"_s) +
        u", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"_s;
    // PostgreSQL: the other consoles are told in the same statement.
    q.prepare(m_location.isPostgres() ? u"WITH made AS ("_s + insert + u"), note AS (SELECT "_s +
                                            notifyOrderSql(u"id"_s) +
                                            u" FROM made) SELECT id, (SELECT COUNT(*) FROM note)"
                                            " FROM made"_s
                                      : insert);
    q.addBindValue(order.queueItemId ? QVariant(*order.queueItemId)
                                     : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(textValue(order.environment));
    q.addBindValue(textValue(order.token));
    q.addBindValue(textValue(order.tokenLink));
    q.addBindValue(textValue(order.sslTokenLink));
    q.addBindValue(textValue(order.fileName));
    q.addBindValue(order.size);
    q.addBindValue(textValue(order.sha256));
    q.addBindValue(textValue(order.receiverEmail));
    q.addBindValue(order.price.toString());
    q.addBindValue(textValue(order.currency));
    q.addBindValue(textValue(order.partnerJobId));
    q.addBindValue(order.created.isValid() ? order.created.toMSecsSinceEpoch()
                                           : QDateTime::currentMSecsSinceEpoch());
    bindStatus(q, order.status);
    q.addBindValue(timeValue(order.lastChecked));
    q.addBindValue(order.unknownToService ? 1 : 0);
    q.addBindValue(timeValue(order.printStarted));
    q.addBindValue(timeValue(order.printFinished));
    q.addBindValue(order.linksReconstructed ? 1 : 0);
    q.addBindValue(timeValue(order.archived));
    q.addBindValue(textValue(order.note.left(kMaxOrderNoteLength)));
    StoreError e = exec(q, action);
    if (e.kind == StoreError::Kind::Conflict)
        e.message = StoreText::tr("The token %1 is already in the order list.").arg(order.token);
    if (e.isError())
        return e;
    if (!q.next())
        return makeError(StoreError::Kind::Other,
                         StoreText::tr("The order database gave the new order no id."));
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

StoreResult<Order> OrderStore::createOrderFromItem(qint64 itemId, const QString &tokenLink,
                                                   const QString &sslTokenLink,
                                                   const QDateTime &created,
                                                   bool linksReconstructed)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the order");
    // What the order takes from the call; the rest comes from the item.
    Order facts;
    facts.tokenLink = tokenLink;
    facts.sslTokenLink = sslTokenLink;
    facts.linksReconstructed = linksReconstructed;
    facts.created = (created.isValid() ? created : QDateTime::currentDateTimeUtc()).toUTC();
    if (m_location.isPostgres())
        return createOrderFromItemPostgres(itemId, facts);
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    StoreResult<std::optional<QueueItem>> found = queueItem(itemId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return itemNotFound(itemId);
    const QueueItem &item = **found;
    if (item.token.isEmpty())
        return makeError(StoreError::Kind::InvalidInput,
                         StoreText::tr("Queue item %1 has no token yet.").arg(itemId));

    StoreResult<std::optional<Order>> existing = orderByToken(item.environment, item.token);
    if (!existing)
        return existing.error();

    Order order = facts;
    if (existing->has_value()) {
        order = **existing; // a resumed item: its order is already there
    } else {
        order.queueItemId = item.id;
        order.environment = item.environment;
        order.token = item.token;
        order.fileName = item.fileName;
        order.size = item.size;
        order.sha256 = item.sha256;
        order.receiverEmail = item.receiverEmail;
        order.price = item.price;
        order.currency = item.currency;
        order.partnerJobId = item.partnerJobId;
        StoreResult<qint64> id = insertOrder(order, action);
        if (!id)
            return id.error();
        order.id = *id;
    }
    Statement q(m_db);
    q.prepare(u"UPDATE queue_items SET state = ?, failure_reason = ?, next_retry_ms = ?,"
              " bytes_sent = file_size, updated_ms = ? WHERE id = ?"_s);
    q.addBindValue(queueStateKey(QueueState::Done));
    q.addBindValue(textValue(QString()));
    q.addBindValue(QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(itemId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    return order;
}

// One statement, so one round trip: the order inserted unless its token already has one
// (the unique (environment, token) decides, whoever else inserts it at the same moment), the
// item set to Done, and the other consoles told of a new order.
StoreResult<Order> OrderStore::createOrderFromItemPostgres(qint64 itemId, const Order &facts)
{
    const QString action = StoreText::tr("saving the order");
    Statement q(m_db);
    q.prepare(u"WITH item AS (SELECT id, environment, token, file_name, file_size, sha256,"
              " receiver_email, price, currency, partner_job_id FROM queue_items WHERE id = ?),"
              " made AS (INSERT INTO orders (id, queue_item_id, environment, token, token_link,"
              " ssl_token_link, file_name, file_size, sha256, receiver_email, price, currency,"
              " partner_job_id, created_ms, status_text, percentage, minutes_left, total_time,"
              " message, printer_model, last_checked_ms, unknown_to_service, links_reconstructed,"
              " note) SELECT "_s +
              newIdSql(m_db, u"orders"_s) +
              u", id, environment, token, ?, ?, file_name, file_size, sha256, receiver_email,"
              " price, currency, partner_job_id, ?, ?, NULL, NULL, NULL, '', '', NULL, 0, ?, ''"
              " FROM item WHERE token IS NOT NULL"
              " ON CONFLICT (environment, token) DO NOTHING RETURNING id),"
              " done AS (UPDATE queue_items SET state = ?, failure_reason = '',"
              " next_retry_ms = NULL, bytes_sent = file_size, updated_ms = ?"
              " WHERE id = ? AND token IS NOT NULL RETURNING id),"
              " note AS (SELECT "_s +
              notifyOrderSql(u"id"_s) +
              u" FROM made)"
              " SELECT item.environment, item.token, item.file_name, item.file_size, item.sha256,"
              " item.receiver_email, item.price, item.currency, item.partner_job_id,"
              " (SELECT id FROM made), (SELECT COUNT(*) FROM done), (SELECT COUNT(*) FROM note)"
              " FROM item"_s);
    q.addBindValue(itemId);
    q.addBindValue(textValue(facts.tokenLink));
    q.addBindValue(textValue(facts.sslTokenLink));
    q.addBindValue(facts.created.toMSecsSinceEpoch());
    q.addBindValue(textValue(storedStatusText(PrintStatus())));
    q.addBindValue(facts.linksReconstructed ? 1 : 0);
    q.addBindValue(queueStateKey(QueueState::Done));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(itemId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return itemNotFound(itemId);
    if (q.value(1).isNull() || q.value(1).toString().isEmpty())
        return makeError(StoreError::Kind::InvalidInput,
                         StoreText::tr("Queue item %1 has no token yet.").arg(itemId));
    Order order = facts;
    order.queueItemId = itemId;
    order.environment = q.value(0).toString();
    order.token = q.value(1).toString();
    order.fileName = q.value(2).toString();
    order.size = q.value(3).toLongLong();
    order.sha256 = q.value(4).toString();
    order.receiverEmail = q.value(5).toString();
    order.price = Decimal::fromString(q.value(6).toString()).value_or(Decimal());
    order.currency = q.value(7).toString();
    order.partnerJobId = q.value(8).toString();
    const bool made = !q.value(9).isNull();
    order.id = q.value(9).toLongLong();
    q.finish();
    if (made)
        return order;
    // A resumed item: its order was already there.
    StoreResult<std::optional<Order>> existing = orderByToken(order.environment, order.token);
    if (!existing)
        return existing.error();
    if (!existing->has_value()) // deleted in between by another console
        return makeError(StoreError::Kind::Conflict,
                         StoreText::tr("The order of queue item %1 was deleted while it was "
                                       "saved. Try again.")
                             .arg(itemId));
    return **existing;
}

StoreResult<qint64> OrderStore::addOrder(const Order &order)
{
    StoreResult<QList<qint64>> ids = addOrders({order});
    if (!ids)
        return ids.error();
    return ids->value(0);
}

StoreResult<QList<qint64>> OrderStore::addOrders(const QList<Order> &orders)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the order");
    // One order on PostgreSQL: one statement, its own transaction.
    const bool oneStatement = m_location.isPostgres() && orders.size() == 1;
    WriteTransaction tx(m_db);
    if (!oneStatement) {
        if (StoreError e = tx.begin(action); e.isError())
            return e;
    }
    QList<qint64> ids;
    ids.reserve(orders.size());
    for (const Order &order : orders) {
        // insertOrder() tells the other consoles of a shared store itself.
        StoreResult<qint64> id = insertOrder(order, action);
        if (!id)
            return id.error();
        ids.append(*id);
    }
    if (oneStatement)
        return ids;
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    return ids;
}

StoreResult<std::optional<Order>> OrderStore::order(qint64 id)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return selectRow(m_db, u"SELECT " + kOrderColumns + u" FROM orders WHERE id = ?"_s, {id},
                     StoreText::tr("reading the order"), readOrder);
}

StoreResult<std::optional<Order>> OrderStore::orderByToken(const QString &environment,
                                                           const QString &token)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return selectRow(
        m_db, u"SELECT " + kOrderColumns + u" FROM orders WHERE environment = ? AND token = ?"_s,
        {textValue(environment), token}, StoreText::tr("reading the order"), readOrder);
}

StoreResult<QList<Order>> OrderStore::orders(const QString &environment)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return selectRows(m_db,
                      u"SELECT " + kOrderColumns +
                          u" FROM orders WHERE environment = ? ORDER BY created_ms, id"_s,
                      {textValue(environment)}, StoreText::tr("reading the orders"), readOrder);
}

StoreResult<bool> OrderStore::updateOrderStatus(qint64 orderId, const PrintStatus &status,
                                                const QDateTime &checked)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the print status");
    const qint64 checkedMs =
        (checked.isValid() ? checked : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    if (m_location.isPostgres())
        return updateOrderStatusPostgres(orderId, status, checkedMs);
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    Statement q(m_db);
    q.prepare(u"SELECT status_text, percentage, minutes_left, total_time, message,"
              " printer_model, unknown_to_service FROM orders WHERE id = ?"_s);
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return notFound(orderId);
    const PrintStatus stored = readStatus(q.query(), 0);
    const bool changed = !sameStatus(stored, status);
    const bool milestone = !sameMilestone(stored, status);
    const bool wasUnknown = q.value(6).toInt() != 0;
    q.finish();

    if (changed) {
        // COALESCE keeps the first time a print was seen started / finished.
        const bool started = status.status != JobStatus::AwaitingCustomer;
        const bool finished = status.status == JobStatus::Success ||
                              status.status == JobStatus::Failure || isFinal(status.status);
        q.prepare(u"UPDATE orders SET status_text = ?, percentage = ?, minutes_left = ?,"
                  " total_time = ?, message = ?, printer_model = ?, last_checked_ms = ?,"
                  " unknown_to_service = 0, print_started_ms = COALESCE(print_started_ms, ?),"
                  " print_finished_ms = COALESCE(print_finished_ms, ?) WHERE id = ?"_s);
        bindStatus(q, status);
        q.addBindValue(checkedMs);
        q.addBindValue(started ? QVariant(checkedMs) : QVariant(QMetaType::fromType<qint64>()));
        q.addBindValue(finished ? QVariant(checkedMs) : QVariant(QMetaType::fromType<qint64>()));
        q.addBindValue(orderId);
        if (StoreError e = exec(q, action); e.isError())
            return e;
        if (milestone) {
            q.prepare(u"INSERT INTO status_history (" + kHistoryColumns + u") VALUES ("_s +
                      newIdSql(m_db, u"status_history"_s) + u", ?, ?, ?, ?, ?, ?, ?, ?)"_s);
            q.addBindValue(orderId);
            q.addBindValue(checkedMs);
            bindStatus(q, status);
            if (StoreError e = exec(q, action); e.isError())
                return e;
        }
        if (StoreError e = notifyOrderChanged(orderId, action); e.isError())
            return e;
    } else {
        q.prepare(u"UPDATE orders SET last_checked_ms = ?, unknown_to_service = 0"
                  " WHERE id = ?"_s);
        q.addBindValue(checkedMs);
        q.addBindValue(orderId);
        if (StoreError e = exec(q, action); e.isError())
            return e;
        // The service knows the token again: the others drop their mark too. A plain check
        // that changed nothing tells nobody.
        if (wasUnknown) {
            if (StoreError e = notifyOrderChanged(orderId, action); e.isError())
                return e;
        }
    }
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    if (changed)
        qCDebug(lcOrders) << "Order" << orderId << "status now" << storedStatusText(status);
    return changed;
}

// One statement, so one round trip and no BEGIN / COMMIT: the order row locked and compared
// with the answer (old), the answer stored (upd), a history row when what a person sees
// changed (hist), and the other consoles told when anything they show changed (note).
StoreResult<bool> OrderStore::updateOrderStatusPostgres(qint64 orderId, const PrintStatus &status,
                                                        qint64 checkedMs)
{
    const QString action = StoreText::tr("saving the print status");
    const bool started = status.status != JobStatus::AwaitingCustomer;
    const bool finished = status.status == JobStatus::Success ||
                          status.status == JobStatus::Failure || isFinal(status.status);
    const QVariant noTime(QMetaType::fromType<qint64>());
    const QVariantList milestoneValues{textValue(storedStatusText(status)),
                                       textValue(status.message), textValue(status.printerModel)};
    QVariantList values{textValue(storedStatusText(status)), numberValue(status.percentage),
                        numberValue(status.minutesLeft),     numberValue(status.totalTime),
                        textValue(status.message),           textValue(status.printerModel)};
    values += milestoneValues;
    values += QVariantList{orderId};
    values += QVariantList{textValue(storedStatusText(status)),
                           numberValue(status.percentage),
                           numberValue(status.minutesLeft),
                           numberValue(status.totalTime),
                           textValue(status.message),
                           textValue(status.printerModel),
                           checkedMs,
                           started ? QVariant(checkedMs) : noTime,
                           finished ? QVariant(checkedMs) : noTime,
                           checkedMs};
    Statement q(m_db);
    q.prepare(u"WITH old AS (SELECT id, unknown_to_service AS was_unknown,"
              " (status_text IS DISTINCT FROM ? OR percentage IS DISTINCT FROM"
              " CAST(? AS DOUBLE PRECISION) OR minutes_left IS DISTINCT FROM"
              " CAST(? AS DOUBLE PRECISION) OR total_time IS DISTINCT FROM"
              " CAST(? AS DOUBLE PRECISION) OR message IS DISTINCT FROM ?"
              " OR printer_model IS DISTINCT FROM ?) AS changed,"
              " (status_text IS DISTINCT FROM ? OR message IS DISTINCT FROM ?"
              " OR printer_model IS DISTINCT FROM ?) AS milestone"
              " FROM orders WHERE id = ? FOR UPDATE),"
              " upd AS (UPDATE orders o SET status_text = ?,"
              " percentage = CAST(? AS DOUBLE PRECISION),"
              " minutes_left = CAST(? AS DOUBLE PRECISION),"
              " total_time = CAST(? AS DOUBLE PRECISION), message = ?, printer_model = ?,"
              " last_checked_ms = ?, unknown_to_service = 0,"
              " print_started_ms = COALESCE(o.print_started_ms,"
              " CASE WHEN old.changed THEN CAST(? AS BIGINT) END),"
              " print_finished_ms = COALESCE(o.print_finished_ms,"
              " CASE WHEN old.changed THEN CAST(? AS BIGINT) END)"
              " FROM old WHERE o.id = old.id RETURNING o.id, o.status_text, o.percentage,"
              " o.minutes_left, o.total_time, o.message, o.printer_model, old.changed,"
              " old.milestone, old.was_unknown),"
              " hist AS (INSERT INTO status_history (id, order_id, recorded_ms, status_text,"
              " percentage, minutes_left, total_time, message, printer_model) SELECT "_s +
              newIdSql(m_db, u"status_history"_s) +
              u", id, ?, status_text, percentage, minutes_left, total_time, message,"
              " printer_model FROM upd WHERE changed AND milestone),"
              " note AS (SELECT "_s +
              notifyOrderSql(u"id"_s) +
              u" FROM upd WHERE changed OR was_unknown <> 0)"
              " SELECT changed, (SELECT COUNT(*) FROM note) FROM upd"_s);
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return notFound(orderId);
    const bool changed = q.value(0).toBool();
    q.finish();
    if (changed)
        qCDebug(lcOrders) << "Order" << orderId << "status now" << storedStatusText(status);
    return changed;
}

StoreStatus OrderStore::setOrderUnknownToService(qint64 orderId, bool unknown)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the order");
    if (m_location.isPostgres()) {
        // Nothing changes when the mark is already so, and the others then learn nothing.
        StoreResult<bool> exists =
            updateOrderTellingOthers(orderId, u"unknown_to_service = ?"_s, {unknown ? 1 : 0},
                                     u"unknown_to_service <> ?"_s, {unknown ? 1 : 0}, action);
        if (!exists)
            return exists.error();
        if (!*exists)
            return notFound(orderId);
        return Done{};
    }
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    Statement q(m_db);
    q.prepare(u"SELECT unknown_to_service FROM orders WHERE id = ?"_s);
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    if (!q.next())
        return notFound(orderId);
    const bool was = q.value(0).toInt() != 0;
    q.finish();
    if (was == unknown)
        return Done{}; // nothing changes, and the other consoles have nothing to learn
    q.prepare(u"UPDATE orders SET unknown_to_service = ? WHERE id = ?"_s);
    q.addBindValue(unknown ? 1 : 0);
    q.addBindValue(orderId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    // The other consoles show the mark and their pollers slow down for it, as this one's does.
    if (StoreError e = notifyOrderChanged(orderId, action); e.isError())
        return e;
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    return Done{};
}

StoreStatus OrderStore::recordStatusRequest(qint64 orderId, const QDateTime &asked)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("saving the order");
    Statement q(m_db);
    // Never moved back: another console may have asked later.
    q.prepare(u"UPDATE orders SET last_checked_ms = ? WHERE id = ?"
              " AND (last_checked_ms IS NULL OR last_checked_ms < ?)"_s);
    q.addBindValue(asked.toMSecsSinceEpoch());
    q.addBindValue(orderId);
    q.addBindValue(asked.toMSecsSinceEpoch());
    if (StoreError e = exec(q, action); e.isError())
        return e;
    return Done{};
}

StoreResult<QList<StatusHistoryEntry>> OrderStore::statusHistory(qint64 orderId)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    return selectRows(m_db,
                      u"SELECT " + kHistoryColumns +
                          u" FROM status_history WHERE order_id = ? ORDER BY recorded_ms, id"_s,
                      {orderId}, StoreText::tr("reading the status history"),
                      [](const QSqlQuery &q) {
                          StatusHistoryEntry entry;
                          entry.id = q.value(0).toLongLong();
                          entry.orderId = q.value(1).toLongLong();
                          entry.time = timeFromValue(q.value(2));
                          entry.status = readStatus(q, 3);
                          return entry;
                      });
}

StoreResult<QList<DuplicateMatch>> OrderStore::findDuplicates(const QString &environment,
                                                              const QString &sha256,
                                                              const QString &receiverEmail,
                                                              qint64 excludeItemId)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    const QString action = StoreText::tr("looking for duplicates");
    QList<DuplicateMatch> matches;
    Statement q(m_db);
    // Items whose order exists are reported through their order.
    q.prepare(u"SELECT id, file_name, token, created_ms FROM queue_items"
              " WHERE environment = ? AND sha256 = ? AND LOWER(receiver_email) = LOWER(?)"
              " AND id <> ? AND state <> ? AND id NOT IN (SELECT queue_item_id FROM orders"
              " WHERE queue_item_id IS NOT NULL) ORDER BY created_ms, id"_s);
    q.addBindValue(textValue(environment));
    q.addBindValue(textValue(sha256));
    q.addBindValue(textValue(receiverEmail));
    q.addBindValue(excludeItemId);
    q.addBindValue(queueStateKey(QueueState::Cancelled));
    if (StoreError e = exec(q, action); e.isError())
        return e;
    while (q.next()) {
        matches.append({DuplicateMatch::Source::QueueItem, q.value(0).toLongLong(),
                        q.value(1).toString(), q.value(2).toString(), timeFromValue(q.value(3))});
    }
    q.finish();
    q.prepare(u"SELECT id, file_name, token, created_ms FROM orders"
              " WHERE environment = ? AND sha256 = ? AND LOWER(receiver_email) = LOWER(?)"
              " AND (queue_item_id IS NULL OR queue_item_id <> ?) ORDER BY created_ms, id"_s);
    q.addBindValue(textValue(environment));
    q.addBindValue(textValue(sha256));
    q.addBindValue(textValue(receiverEmail));
    q.addBindValue(excludeItemId);
    if (StoreError e = exec(q, action); e.isError())
        return e;
    while (q.next()) {
        matches.append({DuplicateMatch::Source::Order, q.value(0).toLongLong(),
                        q.value(1).toString(), q.value(2).toString(), timeFromValue(q.value(3))});
    }
    return matches;
}

} // namespace pc
