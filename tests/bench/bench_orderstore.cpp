// Opening the order store and listing 10,000 orders (issue 4: under 200 ms of work), and the
// poll-lease renewal every console of a team runs every 20 s on its GUI thread (issue 9), on
// SQLite and, when PARTNER_CONSOLE_BENCH_DATABASE names a PostgreSQL database (a URL without
// password; the password in PARTNER_CONSOLE_DATABASE_PASSWORD), on PostgreSQL.
#include "benchsupport.h"

#include "orders/storelocation.h"

#include <QTemporaryDir>

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

// One renewal of this console's leases on `count` open orders, as StatusPoller::renewLeases
// makes it: the first iteration takes them, every later one renews them all.
void leaseRenewal(benchmark::State &state, pc::OrderStore &store)
{
    QStringList tokens;
    for (int i = 0; i < state.range(0); ++i)
        tokens.append(u"%1"_s.arg(i, 32, 16, QLatin1Char('0')));
    store.setConsoleId(u"bench@host/00000000"_s);
    for (auto _ : state) {
        const pc::StoreResult<QStringList> held = store.leasePolling(kEnvironment, tokens, 60'000);
        if (!held || held->size() != tokens.size()) {
            state.SkipWithError(held ? "not every lease was taken"
                                     : qPrintable(held.error().message));
            return;
        }
    }
    store.releasePollLeases();
}

void BM_LeaseRenewalSqlite(benchmark::State &state)
{
    QTemporaryDir folder;
    pc::OrderStore store;
    if (!folder.isValid() || !store.open(folder.path()).ok()) {
        state.SkipWithError("cannot open the store");
        return;
    }
    leaseRenewal(state, store);
}

void BM_LeaseRenewalPostgres(benchmark::State &state)
{
    const QString url = qEnvironmentVariable("PARTNER_CONSOLE_BENCH_DATABASE");
    if (url.isEmpty()) {
        state.SkipWithError("set PARTNER_CONSOLE_BENCH_DATABASE to a PostgreSQL database URL");
        return;
    }
    QString error;
    const std::optional<pc::StoreLocation> location = pc::StoreLocation::parse(url, &error);
    pc::OrderStore store;
    if (!location || !store.open(*location, pc::StoreLocation::passwordFromEnvironment()).ok()) {
        state.SkipWithError("cannot open the PostgreSQL store");
        return;
    }
    leaseRenewal(state, store);
}

} // namespace

BENCHMARK(BM_OpenAndListOrders)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LeaseRenewalSqlite)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LeaseRenewalPostgres)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    return pc::bench::runBenchmarks(argc, argv);
}
