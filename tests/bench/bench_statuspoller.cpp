// The status poller's own work with many open orders (issue 7, load): what one answer costs
// it (picking the next due token and re-arming its timer) and what "Refresh all" costs, with
// 1,000 and 10,000 open orders. No request is answered: they wait on a closed port while the
// benchmark runs without an event loop, so only the poller's scheduling is measured.
#include "api/apiclient.h"
#include "api/serviceendpoint.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kEnvironment = u"sandbox"_s;
const QDateTime kCreated = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

// A data folder holding `count` open sandbox orders, made once per size.
QString folderWithOpenOrders(int count)
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
        order.tokenLink = u"http://127.0.0.1:9/t/"_s + order.token;
        order.sslTokenLink = u"https://127.0.0.1:9/t/"_s + order.token;
        order.fileName = u"design-%1.stl"_s.arg(i);
        order.size = 1'000'000 + i;
        order.sha256 = QString(64, u'a');
        order.receiverEmail = u"customer%1@example.com"_s.arg(i % 100);
        order.price = *pc::Decimal::fromString(u"10.56");
        order.currency = u"EUR"_s;
        order.created = kCreated.addSecs(i);
        order.status.statusText = u"PRINTING"_s;
        order.status.status = pc::JobStatus::Printing;
        order.status.percentage = i % 100;
        orders.append(order);
    }
    if (!store.addOrders(orders).ok())
        return {};
    return folder;
}

struct Rig
{
    pc::OrderStore store;
    QNetworkAccessManager network;
    std::unique_ptr<pc::ApiClient> api;
    std::unique_ptr<pc::StatusPoller> poller;
    QDateTime clock = kCreated.addDays(1);

    bool start(int count)
    {
        const QString folder = folderWithOpenOrders(count);
        if (folder.isEmpty() || !store.open(folder).ok())
            return false;
        pc::ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(u"http://127.0.0.1:9/"_s);
        endpoint.apiKey = u"benchmark-key"_s;
        api = std::make_unique<pc::ApiClient>(&network, endpoint);
        poller = std::make_unique<pc::StatusPoller>(&store, api.get(), kEnvironment);
        poller->setClock([this] { return clock; });
        poller->setRandomSeed(7);
        poller->start();
        // Every order is due: the first call fills the in-flight slots.
        clock = clock.addSecs(60);
        poller->processDue();
        return poller->trackedCount() == count && poller->inFlightCount() > 0;
    }
};

// What the poller does after each answer: look for the next due token, send if there is
// room, re-arm the timer. Here every order is due and the slots are full, the situation of
// the first round after a start with many open orders.
void BM_PollerNextDue(benchmark::State &state)
{
    Rig rig;
    if (!rig.start(int(state.range(0)))) {
        state.SkipWithError("cannot build the poller");
        return;
    }
    for (auto _ : state) {
        rig.poller->processDue();
        benchmark::DoNotOptimize(rig.poller->nextCheck());
    }
}

// The orders view's "Refresh all": every token as soon as its floor allows.
void BM_PollerRefreshAll(benchmark::State &state)
{
    Rig rig;
    if (!rig.start(int(state.range(0)))) {
        state.SkipWithError("cannot build the poller");
        return;
    }
    for (auto _ : state)
        rig.poller->refreshAll();
}

} // namespace

BENCHMARK(BM_PollerNextDue)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PollerRefreshAll)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

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
