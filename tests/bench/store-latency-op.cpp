// store-latency-op: one order-store operation at a time, for store-latency.sh to measure
// through latency-proxy (round trips, bytes) and here (wall time).
//
//   store-latency-op [--database URL | --data-dir DIR] [--wait] seed N
//   store-latency-op [--database URL | --data-dir DIR] [--wait] update-status
//   store-latency-op [--database URL | --data-dir DIR] [--wait] read-order
//   store-latency-op [--database URL | --data-dir DIR] open
//
// seed N          makes the store hold N printing sandbox orders (token-0 ... ), in one
//                 transaction, unless it holds them already.
// update-status   stores one status answer for token-0 (OrderStore::updateOrderStatus: the
//                 progress moves on, the state stays, as in most answers while printing).
// open            only opens the store (connection, checks, migrations).
// read-order      reads token-0's order once by id (OrderStore::order), as the poller does
//                 after storing an answer.
// The store is opened first (and token-0 looked up); with --wait the program then prints
// "opened" and waits for a line on stdin before the operation, so the script can reset the
// proxy's counters in between, and after printing the result waits for another line before
// the store closes (closing talks to the server too). Prints one JSON line: open_ms, op_ms and what
// the operation returned. The team database's password comes from
// PARTNER_CONSOLE_DATABASE_PASSWORD.
#include "orders/orderstore.h"
#include "orders/storelocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

using namespace Qt::StringLiterals;

namespace {

const QString kEnvironment = u"sandbox"_s;
const QString kToken = u"token-0"_s;

int fail(const QString &message)
{
    std::fprintf(stderr, "store-latency-op: %s\n", qPrintable(message));
    return 1;
}

pc::Order benchOrder(int i)
{
    pc::Order order;
    order.environment = kEnvironment;
    order.token = u"token-%1"_s.arg(i);
    order.tokenLink = u"http://127.0.0.1:4000/?token="_s + order.token;
    order.sslTokenLink = u"https://127.0.0.1:4001/?token="_s + order.token;
    order.fileName = u"design-%1.stl"_s.arg(i);
    order.size = 1'000'000 + i;
    order.sha256 = QString(64, u'a');
    order.receiverEmail = u"customer%1@example.com"_s.arg(i % 100);
    order.price = *pc::Decimal::fromString(u"10.56");
    order.currency = u"EUR"_s;
    order.created = QDateTime::currentDateTimeUtc().addSecs(-3600 + i % 3600);
    order.status.status = pc::JobStatus::Printing;
    order.status.statusText = u"PRINTING"_s;
    order.status.percentage = i % 100;
    return order;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"One order-store operation, timed."_s);
    parser.addHelpOption();
    const QCommandLineOption databaseOption(u"database"_s, u"postgresql://USER@HOST:PORT/DB"_s,
                                            u"URL"_s);
    const QCommandLineOption dataDirOption(u"data-dir"_s, u"SQLite data folder."_s, u"DIR"_s);
    const QCommandLineOption waitOption(u"wait"_s, u"After opening, wait for a line on stdin."_s);
    parser.addOptions({databaseOption, dataDirOption, waitOption});
    parser.addPositionalArgument(u"operation"_s, u"seed N | update-status | read-order | open"_s);
    parser.process(app);
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty() || parser.isSet(databaseOption) == parser.isSet(dataDirOption))
        return fail(u"give --database URL or --data-dir DIR, and an operation (see --help)"_s);

    pc::StoreLocation location;
    if (parser.isSet(databaseOption)) {
        QString error;
        const auto parsed = pc::StoreLocation::parse(parser.value(databaseOption), &error);
        if (!parsed)
            return fail(error);
        location = *parsed;
    } else {
        location = pc::StoreLocation::folder(parser.value(dataDirOption));
    }

    QElapsedTimer clock;
    clock.start();
    pc::OrderStore store;
    const pc::OpenResult opened =
        store.open(location, pc::StoreLocation::passwordFromEnvironment());
    if (!opened.ok())
        return fail(u"cannot open the store: "_s + opened.message + u' ' + opened.error.message);
    const double openMs = double(clock.nsecsElapsed()) / 1e6;

    const QString operation = arguments.first();
    // The order the status operations work on, looked up before the wait: only the
    // operation itself is measured.
    qint64 orderId = 0;
    std::optional<pc::Order> order;
    if (operation == u"update-status" || operation == u"read-order") {
        const auto existing = store.orderByToken(kEnvironment, kToken);
        if (!existing || !existing->has_value())
            return fail(u"no order token-0 in the store: run seed first"_s);
        order = **existing;
        orderId = order->id;
    }

    if (parser.isSet(waitOption)) {
        std::printf("opened\n");
        std::fflush(stdout);
        std::string line;
        std::getline(std::cin, line);
    }

    QJsonObject result{{u"open_ms"_s, openMs}};
    if (operation == u"open") {
        clock.restart();
    } else if (operation == u"seed") {
        const int count = arguments.value(1).toInt();
        if (count <= 0)
            return fail(u"seed needs a number of orders above 0"_s);
        clock.restart();
        const auto existing = store.orderByToken(kEnvironment, kToken);
        if (!existing)
            return fail(existing.error().message);
        if (!existing->has_value()) {
            QList<pc::Order> orders;
            orders.reserve(count);
            for (int i = 0; i < count; ++i)
                orders.append(benchOrder(i));
            if (const auto added = store.addOrders(orders); !added)
                return fail(added.error().message);
            result.insert(u"added"_s, count);
        } else {
            result.insert(u"added"_s, 0);
        }
    } else if (operation == u"update-status" || operation == u"read-order") {
        const qint64 id = orderId;
        clock.restart();
        if (operation == u"update-status") {
            pc::PrintStatus status = order->status;
            status.percentage = std::fmod(status.percentage.value_or(0) + 1, 100);
            status.minutesLeft = 30;
            const auto changed =
                store.updateOrderStatus(id, status, QDateTime::currentDateTimeUtc());
            if (!changed)
                return fail(changed.error().message);
            result.insert(u"changed"_s, *changed);
        } else {
            const auto read = store.order(id);
            if (!read || !read->has_value())
                return fail(u"cannot read the order"_s);
        }
    } else {
        return fail(
            u"unknown operation '%1' (seed N, update-status, read-order, open)"_s.arg(operation));
    }
    result.insert(u"op_ms"_s, double(clock.nsecsElapsed()) / 1e6);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    if (parser.isSet(waitOption)) {
        // Closing the store talks to the server too: not part of the operation.
        std::string line;
        std::getline(std::cin, line);
    }
    return 0;
}
