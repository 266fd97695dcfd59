#include "orders/ordercsv.h"

#include "common/terminaltext.h"

using namespace Qt::StringLiterals;

namespace pc {

namespace {

QString numberText(const std::optional<double> &value)
{
    return value ? QString::number(*value) : QString();
}

QString joinFields(const QStringList &values)
{
    QStringList fields;
    fields.reserve(values.size());
    for (const QString &value : values)
        fields.append(csvField(value));
    return fields.join(u',');
}

} // namespace

QStringList orderCsvColumns()
{
    return {u"created"_s,
            u"file_name"_s,
            u"receiver_email"_s,
            u"print_value"_s,
            u"print_value_currency"_s,
            u"partner_job_id"_s,
            u"token"_s,
            u"token_link"_s,
            u"ssl_token_link"_s,
            u"printing_job_status"_s,
            u"printing_percentage"_s,
            u"minutes_left"_s,
            u"total_time"_s,
            u"printer_model"_s,
            u"message"_s,
            u"last_checked"_s,
            u"archived"_s,
            u"note"_s};
}

QStringList orderCsvValues(const Order &order)
{
    const PrintStatus &s = order.status;
    return {order.created.toString(Qt::ISODate),
            order.fileName,
            order.receiverEmail,
            order.price.toString(),
            order.currency,
            order.partnerJobId,
            order.token,
            order.tokenLink,
            order.sslTokenLink,
            s.isAwaitingCustomer() ? QString() : s.statusText,
            numberText(s.percentage),
            numberText(s.minutesLeft),
            numberText(s.totalTime),
            s.printerModel,
            s.message,
            order.lastChecked.toString(Qt::ISODate),
            order.archived.toString(Qt::ISODate),
            order.note};
}

QString csvField(const QString &value)
{
    // A control character in a cell would steer the terminal of whoever reads the file there.
    QString text = terminalSafe(value, LineBreaks::KeepCrLf);
    // OWASP's list of characters that make a spreadsheet cell a formula.
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') ||
        text.contains(u'\r')) {
        text.replace(u"\""_s, u"\"\""_s);
        text = u'"' + text + u'"';
    }
    return text;
}

QString ordersCsvHeader()
{
    return joinFields(orderCsvColumns());
}

QString orderCsvLine(const Order &order)
{
    return joinFields(orderCsvValues(order));
}

QByteArray ordersToCsv(const QList<Order> &orders)
{
    QString text = ordersCsvHeader() + u"\r\n"_s;
    for (const Order &order : orders)
        text += orderCsvLine(order) + u"\r\n"_s;
    return text.toUtf8();
}

} // namespace pc
