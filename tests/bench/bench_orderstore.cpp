// Opening the order store and listing 10,000 orders (issue 4: under 200 ms of work).
#include "benchsupport.h"

using namespace Qt::StringLiterals;

namespace {

using pc::bench::folderWithOrders;
using pc::bench::kEnvironment;

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
    return pc::bench::runBenchmarks(argc, argv);
}
