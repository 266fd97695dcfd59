// The console under load (issue 7): 5,000 queued files and 10,000 open orders against the
// in-process sandbox. Nothing is lost (every file ends as one order with one token, and the
// store, the queue and the sandbox agree), the polling rate limit holds for every token
// (counted by the sandbox on the shared test clock), and memory stays bounded (resident set
// from /proc/self/status, against generous bounds). No timing is asserted; the figures are
// printed for the record.
//
// How it stays within about a minute on two cores:
//  - the files are tiny binary STLs (12 facets, 684 bytes), all 5,000 queued at once and
//    uploaded 8 at a time through the real queue, store and client (the queue reads only the
//    next ready items per step: when it re-read the whole queue, this part took 6 minutes);
//  - the data folder is on tmpfs when there is one: the store commits every state change with
//    synchronous=FULL, and on this machine's disk those ~40,000 fsyncs alone take minutes;
//  - the poller and the sandbox share a fake clock moved in 1 s steps, each step drained
//    before the next, so 3 minutes of polling run as fast as loopback HTTP allows while the
//    sandbox sees exactly the intervals a real clock would give.

#include "api/apiclient.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "sandbox/sandboxserver.h"
#include "stl/meshgenerator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;

namespace {

int sizeFrom(const char *variable, int fallback)
{
    const int value = qEnvironmentVariableIntValue(variable);
    return value > 0 ? value : fallback;
}

// The size of the run; PC_LOAD_FILES and PC_LOAD_EARLIER_ORDERS change it for experiments.
const int kFiles = sizeFrom("PC_LOAD_FILES", 5000);                  // queued files, each uploaded
const int kEarlierOrders = sizeFrom("PC_LOAD_EARLIER_ORDERS", 5000); // an earlier session's
const int kOrders = kFiles + kEarlierOrders;
// Files added to the queue at once: all of them, as a member of staff dropping a folder of
// 5,000 designs would (PC_LOAD_BATCH smaller: in batches, clearing the finished ones between).
const int kBatch = sizeFrom("PC_LOAD_BATCH", kFiles);
constexpr int kParallel = 8;            // the Settings dialog's maximum
constexpr int kPollSeconds = 3 * 60;    // simulated polling time
constexpr int kPrintEvery = 10;         // every 10th uploaded design gets printed meanwhile
constexpr int kRefreshed = 300;         // orders whose Refresh staff keep pressing...
constexpr int kRefreshEverySeconds = 4; // ...every 4 s
constexpr qint64 kFloorMs = 15'000;     // API.md: never one token more than once per 15 s
const std::chrono::milliseconds kQueueTimeout = 120s * ((kBatch + 999) / 1000); // per batch
constexpr std::chrono::milliseconds kStepTimeout = 240s; // the first round asks 10,000
const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

// Memory bounds, in KiB of resident set (VmRSS / VmHWM), for this whole process (the sandbox
// included). What it holds on purpose is small: 10,000 orders of about 1.5 KiB in the store's
// result lists and the poller's entries (~15 MiB), the sandbox's 10,000 token records, SQLite's
// page cache (2 MiB by default) and Qt's buffers for at most 8 uploads and 4 status requests in
// flight; the run measures about 45 MiB of growth. 256 MiB is several times that, so allocator
// and platform differences never trip it, while a leak of 10 KiB per request (about 30,000
// token, upload and status requests are made) or 25 KiB per order does.
constexpr qint64 kMaxGrowthKiB = 256 * 1024;
// Polling is steady state: its second half (about 90 simulated seconds, 2,000 requests after the
// first round) must not grow the resident set by more than this, allocator noise included.
constexpr qint64 kMaxPollingDriftKiB = 32 * 1024;

struct Memory
{
    qint64 rssKiB = 0;
    qint64 peakKiB = 0;
};

// VmRSS and VmHWM of this process (Linux).
Memory memoryNow()
{
    Memory memory;
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return memory;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const auto value = [&line] {
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        };
        if (line.startsWith("VmRSS:"))
            memory.rssKiB = value();
        else if (line.startsWith("VmHWM:"))
            memory.peakKiB = value();
    }
    return memory;
}

// Runs the event loop until `done` or the timeout. Unlike QTest::qWaitFor(), which sleeps 10 ms
// between passes, it never leaves the loop idle while there is work: the queue and the poller
// run at the pace a real event loop gives them.
bool spinUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    QTimer wake; // WaitForMoreEvents returns at the latest on this timer
    wake.start(100);
    const QDeadlineTimer deadline(timeout);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return done();
}

QString mib(qint64 kib)
{
    return QString::number(double(kib) / 1024.0, 'f', 1) + u" MiB"_s;
}

QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// The suite's own chatter would be 100,000 debug lines: the pc.* categories stay at warning.
void quietFilter(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category); // Qt's rules (qt.* debug off) and QT_LOGGING_RULES
    if (QByteArrayView(category->categoryName()).startsWith("pc.")) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

class TestLoad final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void sandboxMeasuresStatusIntervals();
    void fiveThousandFilesBecomeOrders();
    void tenThousandOrdersPolledWithinTheFloor();
    void memoryStaysBounded();

private:
    // Advances the shared clock by one step and drains everything that became due.
    bool pollStep(std::chrono::milliseconds step);
    qint64 sandboxMs() const { return kStart.msecsTo(m_clock); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_clock = kStart;
    Memory m_start;
    Memory m_afterQueue;
    Memory m_afterFirstPolling;
    Memory m_afterPolling;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<OrderStore> m_store;
    std::unique_ptr<UploadQueue> m_queue;
    std::unique_ptr<StatusPoller> m_poller;
    QStringList m_files;
    QStringList m_uploadedTokens;
    QString m_environment;
};

void TestLoad::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    g_previousFilter = QLoggingCategory::installFilter(quietFilter);
    // Every state change is a committed SQLite transaction with synchronous=FULL: on this
    // machine's virtual disk each fsync takes 5-10 ms, and 5,000 items make about 40,000 of
    // them (over 5 minutes of waiting on the disk alone). This suite is about memory, loss and
    // the polling rule, not the disk, so the data lives on tmpfs when there is one (fsync is
    // free there; every transaction still commits). The store's durability has its own tests.
    const QString shm = u"/dev/shm"_s;
    const bool tmpfs = QFileInfo(shm).isDir() && QFileInfo(shm).isWritable();
    m_dir =
        std::make_unique<QTemporaryDir>((tmpfs ? shm : QDir::tempPath()) + u"/tst_load-XXXXXX"_s);
    qInfo().noquote() << "data folder:" << m_dir->path() << (tmpfs ? "(tmpfs)" : "(disk)");
    QVERIFY(m_dir->isValid());
    // Temporary files of the sandbox (the uploads) go under the test's folder too.
    qputenv("TMPDIR", QFile::encodeName(m_dir->path()));
    QVERIFY(QDir(m_dir->path()).mkpath(u"files"_s));
    QVERIFY(QDir(m_dir->path()).mkpath(u"data"_s));

    // Small, distinct binary STLs (684 bytes): a box whose size depends on the index, so no
    // two files share a hash and none is taken for a duplicate.
    for (int i = 0; i < kFiles; ++i) {
        const float edge = 10.0f + float(i) / 100.0f;
        const QByteArray header = "load test part " + QByteArray::number(i);
        const QByteArray stl =
            stl::toBinaryStl(stl::makeBox({0, 0, 0}, {edge, edge, 5.0f}), header);
        const QString number = QString::number(i).rightJustified(5, u'0');
        const QString path = m_dir->filePath(u"files/part-"_s + number + u".stl"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(stl), stl.size());
        m_files.append(path);
    }

    SandboxConfig config;
    config.apiKey = u"load-test-sandbox-key"_s;
    config.speed = 60; // a print of an hour or two takes one or two minutes of the clock
    config.outcome = PrintOutcome::Success;
    m_sandbox = std::make_unique<SandboxServer>(config);
    m_sandbox->setClockForTesting([this] { return sandboxMs(); });
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
    m_network = std::make_unique<QNetworkAccessManager>();
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_sandbox->apiBaseUrl();
    endpoint.apiKey = m_sandbox->apiKey();
    m_api = std::make_unique<ApiClient>(m_network.get(), endpoint);
    m_store = std::make_unique<OrderStore>();
    QVERIFY(m_store->open(m_dir->filePath(u"data"_s)).ok());
    m_environment = orderEnvironmentKey(EnvironmentKind::Sandbox, m_sandbox->apiBaseUrl());
    m_start = memoryNow();
    qInfo().noquote() << "start:" << mib(m_start.rssKiB) << "resident," << mib(m_start.peakKiB)
                      << "peak";
}

void TestLoad::cleanupTestCase()
{
    m_poller.reset();
    m_queue.reset();
    m_api.reset();
    m_network.reset();
    m_sandbox.reset();
    m_store.reset();
    m_dir.reset(); // tmpfs is memory: give it back at once
}

// The sandbox's own bookkeeping the rate check relies on: per token, how often its status was
// asked and the shortest interval between two asks, on the sandbox's clock; also in
// /sandbox/stats for tests in other processes.
void TestLoad::sandboxMeasuresStatusIntervals()
{
    SandboxServer sandbox;
    qint64 now = 0;
    sandbox.setClockForTesting([&now] { return now; });
    QVERIFY(sandbox.listen(0));
    QNetworkAccessManager network;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = sandbox.apiBaseUrl();
    endpoint.apiKey = sandbox.apiKey();
    ApiClient api(&network, endpoint);
    const auto ask = [&api](const QString &token) {
        PrintStatusJob *job = api.printStatus(token);
        QSignalSpy done(job, &PrintStatusJob::finished);
        return done.wait(10000);
    };
    CreateTokenJob *job = api.createToken();
    QSignalSpy created(job, &CreateTokenJob::finished);
    QVERIFY(created.wait(10000));
    const QString token = created.first().first().value<TokenResult>().token;
    QVERIFY(!token.isEmpty());

    QVERIFY(ask(token));
    QCOMPARE(sandbox.statusRequestCount(token), 1);
    QVERIFY(!sandbox.shortestStatusInterval(token)); // one ask has no interval yet
    now = 20'000;
    QVERIFY(ask(token));
    QCOMPARE(sandbox.shortestStatusInterval(token), std::optional(20'000ms));
    now = 27'000;
    QVERIFY(ask(token));
    QCOMPARE(sandbox.shortestStatusInterval(token), std::optional(7'000ms));
    now = 60'000;
    QVERIFY(ask(token));
    QCOMPARE(sandbox.statusRequestCount(token), 4);
    QCOMPARE(sandbox.shortestStatusInterval(token), std::optional(7'000ms)); // the shortest stays
    QCOMPARE(sandbox.statusRequestCount(u"0123456789abcdef0123456789abcdef"_s), 0);

    QUrl statsUrl = sandbox.serverUrl().resolved(QUrl(u"/sandbox/stats"_s));
    statsUrl.setQuery(u"api_key="_s +
                      QString::fromLatin1(QUrl::toPercentEncoding(sandbox.apiKey())));
    QNetworkReply *reply = network.get(QNetworkRequest(statsUrl));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    const QJsonObject stats = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    QCOMPARE(stats.value(u"status_requests"_s).toInt(), 4);
    QCOMPARE(stats.value(u"shortest_status_gap_ms"_s).toInteger(), 7000);
    const QJsonObject entry = stats.value(u"transactions"_s).toArray().first().toObject();
    QCOMPARE(entry.value(u"token"_s).toString(), token);
    QCOMPARE(entry.value(u"status_requests"_s).toInt(), 4);
    QCOMPARE(entry.value(u"shortest_status_gap_ms"_s).toInteger(), 7000);
}

void TestLoad::fiveThousandFilesBecomeOrders()
{
    QElapsedTimer elapsed;
    elapsed.start();

    // The queue: the files in batches (by default one of all 5,000), 8 uploads at a time; after
    // each the finished items are cleared, as the queue panel's "Clear finished" does (the
    // orders stay). The queue's clock stands two days back, so its orders are old by the time
    // polling starts.
    m_clock = kStart.addDays(-2);
    m_queue = std::make_unique<UploadQueue>(m_store.get(), m_api.get(), m_environment);
    m_queue->setClock([this] { return m_clock; });
    m_queue->setMaxParallel(kParallel);
    m_queue->start();
    QSignalSpy duplicates(m_queue.get(), &UploadQueue::duplicateFound);
    QSignalSpy storeErrors(m_queue.get(), &UploadQueue::storeError);
    bool idle = false;
    connect(m_queue.get(), &UploadQueue::idle, this, [&idle] { idle = true; });
    OrderFacts facts;
    facts.receiverEmail = u"shop-customer@example.com"_s;
    facts.price = *Decimal::fromString(u"12.50");
    facts.currency = u"EUR"_s;
    QSet<QString> tokens;
    QStringList batchTimes;
    for (int first = 0; first < kFiles; first += kBatch) {
        QElapsedTimer batchClock;
        batchClock.start();
        QSet<qint64> ids;
        idle = false;
        for (int i = first; i < std::min(kFiles, first + kBatch); ++i) {
            const StoreResult<qint64> id = m_queue->addFile(m_files.at(i), facts);
            QVERIFY(id.ok());
            ids.insert(*id);
        }
        QVERIFY2(spinUntil([&] { return idle && m_queue->isIdle(); }, kQueueTimeout),
                 qPrintable(u"the batch from file %1 did not finish in time"_s.arg(first)));
        // Nothing lost: every item done with its own token, and the service has its file.
        const StoreResult<QList<QueueItem>> items = m_store->queueItems(m_environment);
        QVERIFY(items.ok());
        QCOMPARE(items->size(), ids.size());
        for (const QueueItem &item : *items) {
            QVERIFY2(item.state == QueueState::Done,
                     qPrintable(item.fileName + u": "_s + queueStateKey(item.state) + u' ' +
                                item.failureReason));
            QVERIFY(ids.contains(item.id));
            QVERIFY(!item.token.isEmpty());
            QVERIFY(!tokens.contains(item.token));
            tokens.insert(item.token);
            QCOMPARE(m_sandbox->uploadCount(item.token), 1);
            m_uploadedTokens.append(item.token);
        }
        m_queue->clearFinished();
        QCOMPARE(m_queue->items().size(), 0);
        batchTimes.append(QString::number(batchClock.elapsed()));
    }
    const qint64 queueMs = elapsed.restart();
    m_afterQueue = memoryNow();
    QCOMPARE(duplicates.size(), 0);
    QCOMPARE(storeErrors.size(), 0);
    QCOMPARE(tokens.size(), kFiles);

    // An earlier session's orders: real tokens at the sandbox (no customer opened the page
    // yet), stored in one transaction as an import would.
    QList<Order> earlier;
    int inFlight = 0;
    int failed = 0;
    for (int i = 0; i < kEarlierOrders; ++i) {
        CreateTokenJob *job = m_api->createToken();
        ++inFlight;
        connect(job, &CreateTokenJob::finished, this, [&, i](const TokenResult &result) {
            --inFlight;
            if (!result.isOk()) {
                ++failed;
                return;
            }
            Order order;
            order.environment = m_environment;
            order.token = result.token;
            order.tokenLink = m_sandbox->serverUrl().toString() + u"?token="_s + result.token;
            order.sslTokenLink = order.tokenLink;
            order.fileName = u"earlier-%1.stl"_s.arg(i);
            order.size = 684;
            order.receiverEmail = u"customer%1@example.com"_s.arg(i);
            order.price = *Decimal::fromString(u"9.90");
            order.currency = u"EUR"_s;
            order.created = kStart.addDays(-1).addSecs(-i);
            earlier.append(order);
        });
        if (inFlight >= kParallel)
            QVERIFY(spinUntil([&] { return inFlight < kParallel; }, 10s));
    }
    QVERIFY(spinUntil([&] { return inFlight == 0; }, 10s));
    QCOMPARE(failed, 0);
    QVERIFY(m_store->addOrders(earlier).ok());
    const qint64 seedMs = elapsed.elapsed();

    // The store holds each file's order once, with the token the queue recorded.
    const StoreResult<QList<Order>> orders = m_store->orders(m_environment);
    QVERIFY(orders.ok());
    QCOMPARE(orders->size(), kOrders);
    QSet<QString> orderTokens;
    int fromQueue = 0;
    for (const Order &order : *orders) {
        orderTokens.insert(order.token);
        QVERIFY(m_sandbox->hasToken(order.token));
        if (order.fileName.startsWith(u"part-"_s)) {
            ++fromQueue;
            QVERIFY(tokens.contains(order.token));
            QCOMPARE(order.size, 684);
        }
    }
    QCOMPARE(orderTokens.size(), kOrders);
    QCOMPARE(fromQueue, kFiles);
    // The service saw one token call and one upload per file, one token call per earlier
    // order, and nothing else.
    QCOMPARE(m_sandbox->totalRequestCount(), 2 * kFiles + kEarlierOrders);

    qInfo().noquote() << "queue:" << kFiles << "files in batches of" << kBatch << "uploaded in"
                      << queueMs << "ms with" << kParallel
                      << "in parallel; per batch (ms):" << batchTimes.join(u' ');
    qInfo().noquote() << "earlier orders:" << kEarlierOrders << "tokens and one insert in" << seedMs
                      << "ms";
    qInfo().noquote() << "after the queue:" << mib(m_afterQueue.rssKiB) << "resident,"
                      << mib(m_afterQueue.peakKiB) << "peak";
}

bool TestLoad::pollStep(std::chrono::milliseconds step)
{
    m_clock = m_clock.addMSecs(step.count());
    m_poller->processDue();
    return spinUntil([this] { return m_poller->inFlightCount() == 0; }, kStepTimeout);
}

void TestLoad::tenThousandOrdersPolledWithinTheFloor()
{
    if (m_uploadedTokens.size() != kFiles)
        QSKIP("needs the orders of fiveThousandFilesBecomeOrders");
    QElapsedTimer elapsed;
    elapsed.start();
    m_clock = kStart;
    m_poller = std::make_unique<StatusPoller>(m_store.get(), m_api.get(), m_environment);
    m_poller->setClock([this] { return m_clock; });
    m_poller->setRandomSeed(7);
    m_poller->setTimerEnabled(false);
    QSignalSpy storeErrors(m_poller.get(), &StatusPoller::storeError);
    QSignalSpy networkDown(m_poller.get(), &StatusPoller::networkDown);
    m_poller->start(); // a console starting with 10,000 open orders
    QCOMPARE(m_poller->trackedCount(), kOrders);

    // Some customers print meanwhile: those tokens are asked every 15-30 s, the fastest rhythm
    // of the schedule. Staff keep pressing Refresh on others: those are asked as soon as the
    // floor allows, and not sooner.
    for (int i = 0; i < m_uploadedTokens.size(); i += kPrintEvery)
        QVERIFY(m_sandbox->startPrint(m_uploadedTokens.at(i)));
    const StoreResult<QList<Order>> all = m_store->orders(m_environment);
    QVERIFY(all.ok());
    QList<qint64> refreshed;
    for (qsizetype i = 1; i < all->size() && refreshed.size() < kRefreshed; i += 17)
        refreshed.append(all->at(i).id);

    qint64 firstRoundMs = 0;
    for (int second = 1; second <= kPollSeconds; ++second) {
        if (second % kRefreshEverySeconds == 0) {
            for (const qint64 id : std::as_const(refreshed))
                m_poller->refreshNow(id);
        }
        QVERIFY2(pollStep(1s), qPrintable(u"requests still open at %1 s"_s.arg(second)));
        if (second == 1)
            firstRoundMs = elapsed.elapsed();
        if (second == kPollSeconds / 2)
            m_afterFirstPolling = memoryNow();
    }
    m_afterPolling = memoryNow();
    const qint64 pollMs = elapsed.elapsed();
    QCOMPARE(storeErrors.size(), 0);
    QCOMPARE(networkDown.size(), 0);

    // The rule, counted where it matters, at the service: no token asked twice within 15 s.
    const StoreResult<QList<Order>> orders = m_store->orders(m_environment);
    QVERIFY(orders.ok());
    QCOMPARE(orders->size(), kOrders);
    qint64 requests = 0;
    qint64 shortest = -1;
    int neverAsked = 0;
    int confirmed = 0;
    int atTheFloor = 0;
    for (const Order &order : *orders) {
        const int asked = m_sandbox->statusRequestCount(order.token);
        requests += asked;
        neverAsked += asked == 0 ? 1 : 0;
        confirmed += order.status.status == JobStatus::ConfirmedSuccess ? 1 : 0;
        if (const auto interval = m_sandbox->shortestStatusInterval(order.token)) {
            QVERIFY2(
                interval->count() >= kFloorMs,
                qPrintable(
                    u"token %1 asked again after %2 ms"_s.arg(order.token).arg(interval->count())));
            shortest =
                shortest < 0 ? interval->count() : std::min<qint64>(shortest, interval->count());
            atTheFloor += interval->count() == kFloorMs ? 1 : 0;
        }
        QVERIFY(order.lastChecked.isValid()); // every order asked, its answer stored
    }
    QCOMPARE(neverAsked, 0);
    QCOMPARE(requests, qint64(m_poller->requestCount()));
    // The refreshed ones ran into the floor itself: the check above is not vacuous.
    QVERIFY(atTheFloor >= kRefreshed / 2);
    // The printing ones ran to a confirmed success and left the poller; the rest are followed.
    QVERIFY(confirmed > 0);
    QCOMPARE(m_poller->trackedCount(), kOrders - confirmed);

    qInfo().noquote() << "polling:" << kPollSeconds << "simulated s," << requests
                      << "status requests in" << pollMs
                      << "ms (the first round, every order once:" << firstRoundMs
                      << "ms); shortest interval of one token" << shortest << "ms," << atTheFloor
                      << "tokens at exactly the floor;" << confirmed << "prints confirmed";
    qInfo().noquote() << "polling memory: half-way" << mib(m_afterFirstPolling.rssKiB) << ", end"
                      << mib(m_afterPolling.rssKiB) << ", peak" << mib(m_afterPolling.peakKiB);
}

void TestLoad::memoryStaysBounded()
{
#if defined(__SANITIZE_ADDRESS__)
    // The asan preset: redzones, the quarantine of freed blocks and the shadow memory add
    // several hundred MiB to the resident set, so these bounds say nothing there.
    QSKIP("resident-set bounds do not apply under AddressSanitizer");
#endif
    if (m_afterPolling.rssKiB == 0)
        QSKIP("needs the figures of the load run");
    const Memory now = memoryNow();
    qInfo().noquote() << "growth of the peak:" << mib(now.peakKiB - m_start.rssKiB)
                      << "; drift over the second half of polling:"
                      << mib(m_afterPolling.rssKiB - m_afterFirstPolling.rssKiB);
    QVERIFY2(now.peakKiB - m_start.rssKiB <= kMaxGrowthKiB,
             qPrintable(u"peak %1 above the start"_s.arg(mib(now.peakKiB - m_start.rssKiB))));
    QVERIFY2(m_afterPolling.rssKiB - m_afterFirstPolling.rssKiB <= kMaxPollingDriftKiB,
             qPrintable(u"polling grew the resident set by %1"_s.arg(
                 mib(m_afterPolling.rssKiB - m_afterFirstPolling.rssKiB))));
}

QTEST_MAIN(TestLoad)
#include "tst_load.moc"
