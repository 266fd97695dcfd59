#include "cli/orderscommand.h"

#include "cli/clicontext.h"
#include "orders/displayformat.h"
#include "orders/ordercsv.h"
#include "orders/orderstore.h"

#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

QJsonValue orNull(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

} // namespace

OrdersCommand::OrdersCommand()
    : m_csv(u"csv"_s, CliText::tr("Print CSV (one header line, then one line per order)."))
{}

QString OrdersCommand::name() const
{
    return u"orders"_s;
}

QString OrdersCommand::summary() const
{
    return CliText::tr("List the orders of this environment with their latest print status.");
}

void OrdersCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(m_csv);
}

int OrdersCommand::run(CliContext &context, const QStringList &arguments)
{
    const CliOutput &out = context.out();
    if (!arguments.isEmpty())
        return out.usageError(CliText::tr("orders takes no arguments."));
    if (context.parser().isSet(m_csv) && out.isJson())
        return out.usageError(CliText::tr("Choose either --json or --csv."));
    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    OrderStore store;
    if (const int code = context.openStore(store); code != ExitSuccess)
        return code;
    const QString environment = context.environmentKey();
    const StoreResult<QList<Order>> orders = store.orders(environment);
    if (!orders)
        return out.error(ExitServiceError, u"store"_s, orders.error().message);

    const bool csv = context.parser().isSet(m_csv);
    // The CSV columns are the API's field names, so --json uses them as its keys too.
    const QStringList columns = orderCsvColumns();
    if (csv)
        out.result({}, ordersCsvHeader(), CliOutput::Redaction::On);
    if (orders->isEmpty() && !csv && !out.isJson())
        out.note(CliText::tr("No orders yet in %1 for %2.").arg(store.databasePath(), environment));
    for (const Order &order : *orders) {
        const PrintStatus &s = order.status;
        if (csv) {
            out.result({}, orderCsvLine(order));
            continue;
        }
        const QStringList values = orderCsvValues(order);
        QJsonObject json;
        for (qsizetype i = 0; i < columns.size(); ++i)
            json.insert(columns[i],
                        values[i].isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(values[i]));
        json.insert(u"printing_percentage"_s, orNull(s.percentage));
        json.insert(u"minutes_left"_s, orNull(s.minutesLeft));
        json.insert(u"total_time"_s, orNull(s.totalTime));
        json.insert(u"awaiting_customer"_s, s.isAwaitingCustomer());
        // Links built from the token page address because the upload's answer was lost: the
        // token is exact, the link is the service's documented pattern, not its word.
        json.insert(u"links_reconstructed"_s, order.linksReconstructed);
        // The price as the window writes it, with its currency.
        QString line = CliText::tr("%1  %2  %3  %4  %5  %6")
                           .arg(values[0], oneLine(order.fileName), order.receiverEmail,
                                formatMoney(order.price, order.currency),
                                jobStatusText(s.status, s.statusText), order.token);
        if (order.linksReconstructed)
            line += u"  "_s + CliText::tr("(links reconstructed)");
        out.result(json, line);
    }
    return ExitSuccess;
}

} // namespace pc::cli
