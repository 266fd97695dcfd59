// The order table at scale (issue 5): 10,000 orders loaded into the model and sorted through
// the proxy (target under 200 ms), a poll round that changes 1,000 of them (target under
// 20 ms of GUI-thread time), and the memory an order costs in the model.
//
//   bench_ordermodel --benchmark_counters_tabular=true
#include "orderfilterproxymodel.h"
#include "ordersummarymodel.h"
#include "ordertablemodel.h"

#include "benchsupport.h"
#include "orders/orderstore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>
#include <malloc.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kOrders = 10'000;
constexpr int kChangedPerRound = 1'000;

// A string with its own heap block, as one read from the store has (a literal would be
// static data and make an order look cheaper than it is).
QString owned(const QString &text)
{
    return QString(text.constData(), text.size());
}

pc::Order makeOrder(int i)
{
    pc::Order order;
    order.id = i + 1;
    order.queueItemId = i + 1;
    order.environment = owned(u"sandbox"_s);
    order.token = u"%1"_s.arg(quint64(0x9b1f0c2e4d6a48b0ULL) + quint64(i), 32, 16, QChar(u'0'));
    order.tokenLink = u"http://127.0.0.1:41235/?token="_s + order.token;
    order.sslTokenLink = u"https://127.0.0.1:41236/?token="_s + order.token;
    order.fileName = u"customer-design-%1.stl"_s.arg(i);
    order.size = 1'000'000 + i;
    order.sha256 = u"%1"_s.arg(i, 64, 16, QChar(u'a'));
    order.receiverEmail = u"customer%1@example.com"_s.arg(i % 700);
    order.price =
        *pc::Decimal::fromString(u"%1.%2"_s.arg(5 + i % 50).arg(i % 100, 2, 10, QChar(u'0')));
    order.currency = owned(i % 5 == 0 ? u"USD"_s : u"EUR"_s);
    order.partnerJobId = u"SHOP-%1"_s.arg(100'000 + i);
    order.created = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + i * 37'000LL, Qt::UTC);
    order.lastChecked = order.created.addSecs(600);
    // A realistic mix: most orders done, some printing, some waiting for the customer.
    switch (i % 10) {
    case 0:
    case 1:
        order.status.status = pc::JobStatus::AwaitingCustomer;
        break;
    case 2:
    case 3:
        order.status.status = pc::JobStatus::Printing;
        order.status.statusText = owned(u"PRINTING"_s);
        order.status.percentage = i % 100;
        order.status.minutesLeft = 90 - i % 90;
        order.status.totalTime = 60.0 * (i % 120);
        order.status.printerModel = owned(u"Prusa MK4"_s);
        order.printStarted = order.created.addSecs(3600);
        break;
    default:
        order.status.status = pc::JobStatus::ConfirmedSuccess;
        order.status.statusText = owned(u"CONFIRMED_SUCCESS"_s);
        order.status.percentage = 100;
        order.status.totalTime = 5400;
        order.status.printerModel = owned(u"Bambu Lab X1"_s);
        order.printStarted = order.created.addSecs(3600);
        order.printFinished = order.created.addSecs(9000);
        break;
    }
    return order;
}

QList<pc::Order> makeOrders(int count)
{
    QList<pc::Order> orders;
    orders.reserve(count);
    for (int i = 0; i < count; ++i)
        orders.append(makeOrder(i));
    return orders;
}

// The answers of one poll round: every tenth order progressed (percentage, time left, print
// time, last checked); one in ten of those also changed status. `flip` alternates the values
// so that every round changes what the previous one left.
QList<pc::Order> pollRound(const QList<pc::Order> &orders, bool flip)
{
    QList<pc::Order> round;
    round.reserve(kChangedPerRound);
    const int step = int(orders.size()) / kChangedPerRound;
    for (int n = 0; n < kChangedPerRound; ++n) {
        pc::Order order = orders.at(n * step);
        order.status.percentage = (flip ? 40 : 41) + n % 50;
        order.status.minutesLeft = (flip ? 30 : 29) + n % 20;
        order.status.totalTime = (flip ? 600 : 660) + n;
        order.lastChecked = order.created.addSecs(flip ? 1200 : 1800);
        if (n % 10 == 0) {
            order.status.status = flip ? pc::JobStatus::Success : pc::JobStatus::Printing;
            order.printFinished = flip ? order.created.addSecs(7200) : QDateTime();
        }
        round.append(order);
    }
    return round;
}

const QList<pc::Order> &sharedOrders()
{
    static const QList<pc::Order> orders = makeOrders(kOrders);
    return orders;
}

// Forces the proxy to build its mapping (filter and sort), as a view's first paint does.
void touch(const pc::OrderFilterProxyModel &proxy)
{
    benchmark::DoNotOptimize(proxy.rowCount());
    benchmark::DoNotOptimize(proxy.index(0, 0).data());
}

std::size_t heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

// (a) Loading: setOrders() with 10,000 orders, then the proxy's filter and sort.
void BM_LoadAndSort(benchmark::State &state)
{
    const int column = int(state.range(0));
    const QList<pc::Order> &orders = sharedOrders();
    pc::OrderTableModel model;
    pc::OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(column, Qt::DescendingOrder);
    for (auto _ : state) {
        model.setOrders(orders);
        touch(proxy);
    }
    if (proxy.rowCount() != kOrders)
        state.SkipWithError("wrong row count");
    state.SetLabel(model.headerData(column, Qt::Horizontal).toString().toStdString() +
                   ", descending");
}

// (a') The whole load as the console does it at start: open the store, read 10,000 orders,
// setOrders() and the proxy's sort.
void BM_LoadFromStore(benchmark::State &state)
{
    static QTemporaryDir dir;
    static bool filled = false;
    const QString folder = dir.filePath(u"store"_s);
    if (!filled) {
        QList<pc::Order> rows = sharedOrders();
        for (pc::Order &order : rows)
            order.queueItemId.reset(); // no queue items in this store
        pc::OrderStore store;
        const pc::OpenResult opened = store.open(folder);
        const auto added =
            opened.ok() ? store.addOrders(rows) : pc::StoreResult<QList<qint64>>(opened.error);
        if (!added) {
            state.SkipWithError(qPrintable(u"cannot fill the store: "_s + added.error().message));
            return;
        }
        filled = true;
    }
    const QString environment = sharedOrders().first().environment;
    pc::OrderTableModel model;
    pc::OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(pc::OrderTableModel::Created, Qt::DescendingOrder);
    for (auto _ : state) {
        pc::OrderStore store;
        if (!store.open(folder).ok()) {
            state.SkipWithError("cannot open the store");
            return;
        }
        auto orders = store.orders(environment);
        if (!orders) {
            state.SkipWithError("cannot read the orders");
            return;
        }
        model.setOrders(std::move(*orders));
        touch(proxy);
    }
    if (proxy.rowCount() != kOrders)
        state.SkipWithError("wrong row count");
}

// (b) A poll round: updateOrders() with 1,000 changed orders of 10,000 while a proxy sorts
// (and, for the open-only variant, filters) the table and a summary model follows it.
void BM_PollRound(benchmark::State &state)
{
    const int column = int(state.range(0));
    const bool openOnly = state.range(1) != 0;
    pc::OrderTableModel model;
    pc::OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    pc::OrderSummaryModel summary;
    summary.setSourceModel(&model);
    if (openOnly)
        proxy.showOpenOnly();
    proxy.sort(column, Qt::DescendingOrder);
    model.setOrders(makeOrders(kOrders));
    touch(proxy);
    const std::array rounds{pollRound(model.orders(), true), pollRound(model.orders(), false)};
    model.updateOrders(rounds[1]); // from here on, every timed round changes all its orders
    // What a round announces: the model's dataChanged signals.
    int changes = 0;
    QObject counter;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &counter, [&] { ++changes; });
    std::size_t n = 0;
    for (auto _ : state)
        model.updateOrders(rounds[n++ % 2]);
    state.counters["signals_per_round"] = double(changes) / double(n);
    // The proxy followed: still in order after all those rounds.
    for (int row = 1; row < proxy.rowCount(); ++row) {
        if (pc::OrderFilterProxyModel::compareOrders(*proxy.orderAt(row - 1), *proxy.orderAt(row),
                                                     column) < 0) {
            state.SkipWithError("the proxy is out of order");
            break;
        }
    }
    state.SetLabel(model.headerData(column, Qt::Horizontal).toString().toStdString() +
                   (openOnly ? ", open only" : ", all"));
}

// The summary's recompute that follows a round (once per event-loop pass).
void BM_SummaryRecompute(benchmark::State &state)
{
    pc::OrderTableModel model;
    model.setOrders(makeOrders(kOrders));
    pc::OrderSummaryModel summary;
    summary.setSourceModel(&model);
    const std::array rounds{pollRound(model.orders(), true), pollRound(model.orders(), false)};
    std::size_t n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        model.updateOrders(rounds[n++ % 2]);
        state.ResumeTiming();
        summary.recomputeNow();
    }
}

// (c) Memory: the heap the model's orders take (Order values, their strings, the id index),
// and what a sorting proxy adds, per order.
void BM_MemoryPerOrder(benchmark::State &state)
{
    for (auto _ : state) {
        const std::size_t before = heapInUse();
        auto model = std::make_unique<pc::OrderTableModel>();
        model->setOrders(makeOrders(kOrders));
        const std::size_t withModel = heapInUse();
        auto proxy = std::make_unique<pc::OrderFilterProxyModel>();
        proxy->setSourceModel(model.get());
        proxy->sort(pc::OrderTableModel::Created, Qt::DescendingOrder);
        touch(*proxy);
        const std::size_t withProxy = heapInUse();
        state.counters["model_bytes_per_order"] = double(withModel - before) / kOrders;
        state.counters["proxy_bytes_per_order"] = double(withProxy - withModel) / kOrders;
        state.counters["sizeof_Order"] = double(sizeof(pc::Order));
    }
}

} // namespace

BENCHMARK(BM_LoadAndSort)
    ->Arg(pc::OrderTableModel::Created)
    ->Arg(pc::OrderTableModel::File)
    ->Arg(pc::OrderTableModel::Status)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFromStore)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PollRound)
    ->Args({pc::OrderTableModel::Created, 0})
    ->Args({pc::OrderTableModel::Created, 1})
    ->Args({pc::OrderTableModel::Status, 0})
    ->Args({pc::OrderTableModel::Progress, 0})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SummaryRecompute)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MemoryPerOrder)->Iterations(1)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    return pc::bench::runBenchmarks(argc, argv);
}
