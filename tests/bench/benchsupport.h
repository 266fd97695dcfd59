#pragma once

// Shared by the benchmarks: a data folder holding many orders, and main().

#include "orders/orderstore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

namespace pc::bench {

inline const QString kEnvironment = QStringLiteral("sandbox");
inline const QDateTime kFirstCreated = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

// A data folder holding `count` sandbox orders, all printing (so none is final), made once
// per size and process; empty when the store cannot be written.
inline QString folderWithOrders(int count)
{
    using namespace Qt::StringLiterals;
    static QTemporaryDir dir;
    const QString folder = dir.filePath(QString::number(count));
    OrderStore store;
    if (!store.open(folder).ok())
        return {};
    if (store.orders(kEnvironment)->size() == count)
        return folder;
    QList<Order> orders;
    for (int i = 0; i < count; ++i) {
        Order order;
        order.environment = kEnvironment;
        order.token = u"token-%1"_s.arg(i);
        order.tokenLink = u"http://127.0.0.1:4000/t/"_s + order.token;
        order.sslTokenLink = u"https://127.0.0.1:4001/t/"_s + order.token;
        order.fileName = u"design-%1.stl"_s.arg(i);
        order.size = 1'000'000 + i;
        order.sha256 = QString(64, u'a');
        order.receiverEmail = u"customer%1@example.com"_s.arg(i % 100);
        order.price = *Decimal::fromString(u"10.56");
        order.currency = u"EUR"_s;
        order.created = kFirstCreated.addSecs(i);
        order.status.status = JobStatus::Printing;
        order.status.statusText = u"PRINTING"_s;
        order.status.percentage = i % 100;
        orders.append(order);
    }
    if (!store.addOrders(orders).ok())
        return {};
    return folder;
}

// main() of a benchmark program: a QCoreApplication (the store and the network need one),
// then Google Benchmark with the command line's flags.
template<class Application = QCoreApplication>
int runBenchmarks(int argc, char **argv)
{
    Application app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

} // namespace pc::bench
