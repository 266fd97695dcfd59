// The status poller's own work with many open orders (issue 7, load): what one answer costs
// it (picking the next due token and re-arming its timer) and what "Refresh all" costs, with
// 1,000 and 10,000 open orders. No request is answered: they wait on a closed port while the
// benchmark runs without an event loop, so only the poller's scheduling is measured.
//
// Team mode: what one lease renewal costs on the GUI thread (every 20 s) with 10,000 open
// orders on PostgreSQL - the store's leasePolling() and the poller's whole renewLeases() - next
// to the same renewal as one statement per token (how leasePolling() worked before), on the
// same server in the same run. They need the PostgreSQL test server: PARTNER_CONSOLE_TEST_
// POSTGRES names the folder tests/postgres/pg-cluster.sh start DIR wrote; without it they are
// skipped with that message.
#include "benchsupport.h"

#include "../storetarget.h"

#include "api/apiclient.h"
#include "api/serviceendpoint.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"

#include <QNetworkAccessManager>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

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

// --- Team mode: lease renewal on PostgreSQL -------------------------------------------------

const char *const kNoServer =
    "no PostgreSQL test server: run tests/postgres/pg-cluster.sh start DIR and set "
    "PARTNER_CONSOLE_TEST_POSTGRES=DIR";

// A fresh database on the test server holding `count` open orders, a store on it, and a
// poller that follows them (its requests go to a closed port and are never answered).
struct TeamRig
{
    std::unique_ptr<pc::test::StoreTarget> target;
    pc::OrderStore store;
    QNetworkAccessManager network;
    std::unique_ptr<pc::ApiClient> api;
    std::unique_ptr<pc::StatusPoller> poller;
    QStringList tokens;

    QString start(int count)
    {
        if (!pc::test::StoreTarget::usesPostgres())
            return QString::fromLatin1(kNoServer);
        target = std::make_unique<pc::test::StoreTarget>();
        if (!target->isValid() || !target->open(store).ok())
            return u"the PostgreSQL test server cannot be reached"_s;
        store.setConsoleId(u"bench@desk-1/0001"_s);
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
            order.created = pc::bench::kFirstCreated.addSecs(i);
            order.status.status = pc::JobStatus::Printing;
            order.status.statusText = u"PRINTING"_s;
            orders.append(order);
            tokens.append(order.token);
        }
        if (!store.addOrders(orders).ok())
            return u"cannot store the orders"_s;
        pc::ServiceEndpoint endpoint;
        endpoint.baseUrl = QUrl(u"http://127.0.0.1:9/"_s);
        endpoint.apiKey = u"benchmark-key"_s;
        api = std::make_unique<pc::ApiClient>(&network, endpoint);
        poller = std::make_unique<pc::StatusPoller>(&store, api.get(), kEnvironment);
        poller->setTimerEnabled(false);
        poller->start(); // takes the leases once
        if (poller->leasedCount() != count)
            return u"the poller did not take the leases"_s;
        return {};
    }
};

// OrderStore::leasePolling() with every token this console's already: the steady state of a
// renewal every 20 s.
void BM_LeaseRenewal(benchmark::State &state)
{
    TeamRig rig;
    if (const QString problem = rig.start(int(state.range(0))); !problem.isEmpty()) {
        state.SkipWithError(qPrintable(problem));
        return;
    }
    for (auto _ : state) {
        const pc::StoreResult<QStringList> held =
            rig.store.leasePolling(kEnvironment, rig.tokens, 60'000);
        if (!held || held->size() != rig.tokens.size()) {
            state.SkipWithError("the renewal failed");
            return;
        }
    }
}

// The poller's whole renewal as the lease timer runs it on the GUI thread.
void BM_PollerRenewLeases(benchmark::State &state)
{
    TeamRig rig;
    if (const QString problem = rig.start(int(state.range(0))); !problem.isEmpty()) {
        state.SkipWithError(qPrintable(problem));
        return;
    }
    for (auto _ : state)
        rig.poller->renewLeases();
    if (rig.poller->leasedCount() != int(state.range(0)))
        state.SkipWithError("the renewal lost leases");
}

// The same renewal as one INSERT per token, in one transaction under the store's write lock:
// what leasePolling() did before it sent the tokens as one array. On a connection of its own
// to the same database, for the comparison in the same run.
void BM_LeaseRenewalPerToken(benchmark::State &state)
{
    TeamRig rig;
    if (const QString problem = rig.start(int(state.range(0))); !problem.isEmpty()) {
        state.SkipWithError(qPrintable(problem));
        return;
    }
    const pc::StoreLocation location = rig.target->location();
    const QString name = u"bench.pertoken"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(location.host());
        db.setPort(location.port());
        db.setDatabaseName(location.databaseName());
        db.setUserName(location.userName());
        db.setPassword(pc::test::StoreTarget::password());
        if (!db.open()) {
            state.SkipWithError(qPrintable(db.lastError().text()));
            return;
        }
        const QString holder = rig.store.consoleId();
        auto run = [&](QSqlQuery &q) {
            if (!q.exec())
                state.SkipWithError(qPrintable(q.lastError().text()));
        };
        for (auto _ : state) {
            QSqlQuery q(db);
            q.exec(u"BEGIN"_s);
            q.exec(u"SELECT pg_advisory_xact_lock(%1, 1)"_s.arg(0x50434f52)); // the write lock
            q.exec(u"SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"_s);
            q.next();
            const qint64 now = q.value(0).toLongLong();
            q.prepare(u"DELETE FROM poll_leases WHERE environment = ? AND holder = ?"_s);
            q.addBindValue(kEnvironment);
            q.addBindValue(holder);
            run(q);
            q.prepare(u"INSERT INTO poll_leases (environment, token, holder, expires_ms)"
                      " VALUES (?, ?, ?, ?) ON CONFLICT (environment, token) DO UPDATE"
                      " SET holder = excluded.holder, expires_ms = excluded.expires_ms"
                      " WHERE poll_leases.expires_ms < ?"_s);
            for (const QString &token : std::as_const(rig.tokens)) {
                q.addBindValue(kEnvironment);
                q.addBindValue(token);
                q.addBindValue(holder);
                q.addBindValue(now + 60'000);
                q.addBindValue(now);
                run(q);
            }
            q.prepare(u"SELECT token FROM poll_leases WHERE environment = ? AND holder = ?"_s);
            q.addBindValue(kEnvironment);
            q.addBindValue(holder);
            run(q);
            int held = 0;
            while (q.next())
                ++held;
            q.exec(u"COMMIT"_s);
            if (held != rig.tokens.size())
                state.SkipWithError("the per-token renewal lost leases");
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

BENCHMARK(BM_PollerNextDue)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PollerRefreshAll)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LeaseRenewalPerToken)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LeaseRenewal)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PollerRenewLeases)->Arg(10'000)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    return pc::bench::runBenchmarks(argc, argv);
}
