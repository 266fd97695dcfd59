// Opening the order store and listing 10,000 orders (issue 4: under 200 ms of work).
#include "orders/orderstore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

namespace {

const QString kEnvironment = u"sandbox"_s;

// A data folder holding `count` sandbox orders, made once per size.
QString folderWithOrders(int count)
{
    static QTemporaryDir dir;
    const QString folder = dir.filePath(QString::number(count));
    pc::OrderStore store;
    if (!store.open(folder).ok())
        return {};
    if (store.orders(kEnvironment)->size() == count)
        return folder;
    QList<pc::Order> orders;
    for (int i = 0; i < count; ++i) {
        pc::Order order;
        order.environment = kEnvironment;
        order.token = u"token-%1"_s.arg(i);
        order.tokenLink = u"http://127.0.0.1:4000/t/"_s + order.token;
        order.sslTokenLink = u"https://127.0.0.1:4001/t/"_s + order.token;
        order.fileName = u"design-%1.stl"_s.arg(i);
        order.size = 1'000'000 + i;
        order.sha256 = QString(64, u'a');
        order.receiverEmail = u"customer%1@example.com"_s.arg(i % 100);
        order.price = *pc::Decimal::fromString(u"10.56");
        order.currency = u"EUR"_s;
        order.created = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + i * 1000LL, Qt::UTC);
        order.status.statusText = u"PRINTING"_s;
        order.status.percentage = i % 100;
        orders.append(order);
    }
    if (!store.addOrders(orders).ok())
        return {};
    return folder;
}

void BM_OpenAndListOrders(benchmark::State &state)
{
    const QString folder = folderWithOrders(int(state.range(0)));
    if (folder.isEmpty()) {
        state.SkipWithError("cannot build the store");
        return;
    }
    for (auto _ : state) {
        pc::OrderStore store;
        if (!store.open(folder).ok()) {
            state.SkipWithError("open failed");
            return;
        }
        auto orders = store.orders(kEnvironment);
        benchmark::DoNotOptimize(orders);
        if (!orders || orders->size() != state.range(0)) {
            state.SkipWithError("wrong order count");
            return;
        }
    }
}

} // namespace

BENCHMARK(BM_OpenAndListOrders)->Arg(10'000)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
