// The status poller's own work with many open orders (issue 7, load): what one answer costs
// it (picking the next due token and re-arming its timer) and what "Refresh all" costs, with
// 1,000 and 10,000 open orders. No request is answered: they wait on a closed port while the
// benchmark runs without an event loop, so only the poller's scheduling is measured.
#include "benchsupport.h"

#include "api/apiclient.h"
#include "api/serviceendpoint.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"

#include <QNetworkAccessManager>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using pc::bench::kEnvironment;

struct Rig
{
    pc::OrderStore store;
    QNetworkAccessManager network;
    std::unique_ptr<pc::ApiClient> api;
    std::unique_ptr<pc::StatusPoller> poller;
    QDateTime clock = pc::bench::kFirstCreated.addDays(1);

    bool start(int count)
    {
        const QString folder = pc::bench::folderWithOrders(count);
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
    return pc::bench::runBenchmarks(argc, argv);
}
