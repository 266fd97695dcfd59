// OrderStore: rewriting the origin of stored token links.

#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/storeschema.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace pc::storedetail;

namespace pc {

StoreResult<int> OrderStore::rewriteLinkOrigin(const QString &environment, const QUrl &oldOrigin,
                                               const QUrl &newOrigin)
{
    const Call call(*this);
    if (call.failed())
        return call.error();
    // Origins only ("http://127.0.0.1:41235/"): the token query after them stays as it is.
    const QString from = oldOrigin.resolved(QUrl(u"/"_s)).toString();
    const QString to = newOrigin.resolved(QUrl(u"/"_s)).toString();
    if (from == to || from.isEmpty() || to.isEmpty())
        return 0;
    const QString action = StoreText::tr("updating the print page links");
    WriteTransaction tx(m_db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    int rewritten = 0;
    for (const QString &column : {u"token_link"_s, u"ssl_token_link"_s}) {
        Statement q(m_db);
        q.prepare(u"UPDATE orders SET %1 = ? || substr(%1, ?) WHERE environment = ?"
                  " AND substr(%1, 1, ?) = ?"_s.arg(column));
        q.addBindValue(to);
        q.addBindValue(int(from.size()) + 1);
        q.addBindValue(textValue(environment));
        q.addBindValue(int(from.size()));
        q.addBindValue(from);
        if (StoreError e = exec(q, action); e.isError())
            return e;
        rewritten = std::max(rewritten, q.numRowsAffected());
    }
    if (StoreError e = tx.commit(action); e.isError())
        return e;
    if (rewritten > 0)
        qCInfo(lcOrders).noquote()
            << "Print page links of" << rewritten << "order(s) moved from" << from << "to" << to;
    return rewritten;
}

} // namespace pc
