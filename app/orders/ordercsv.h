#pragma once

// Orders as CSV (RFC 4180), for `partner-console-cli orders --csv` and the console's
// "Export selection as CSV": one writer, so a spreadsheet built on one output reads the other.
// The columns carry the API's own field names. The partner API key is never part of an Order,
// so it cannot end up in a file.

#include "orders/storetypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace pc {

// The column names, in order: created, file_name, receiver_email, print_value,
// print_value_currency, partner_job_id, token, token_link, ssl_token_link,
// printing_job_status, printing_percentage, minutes_left, total_time, printer_model,
// message, last_checked, and the console's own archived (when a person archived the order)
// and note.
QStringList orderCsvColumns();

// One value per column, as plain text (not quoted): times in ISO 8601, the price exactly as
// stored, numbers with a dot, empty for what is unknown (the status while the customer has
// not pressed Print).
QStringList orderCsvValues(const Order &order);

// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled). A value that
// starts with = + - @, a tab or a CR gets a leading ' so a spreadsheet shows it as text instead
// of running it as a formula (a customer's message or a file name is untrusted text).
QString csvField(const QString &value);

// The header line and one order's line, without a line break.
QString ordersCsvHeader();
QString orderCsvLine(const Order &order);

// A whole file: the header and one line per order, in the given order, in UTF-8 with CRLF
// line breaks (RFC 4180). No byte-order mark, so `orders --csv` and the export agree.
QByteArray ordersToCsv(const QList<Order> &orders);

} // namespace pc
