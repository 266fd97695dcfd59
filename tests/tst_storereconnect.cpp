// A shared (PostgreSQL) store whose connection to the server is lost connects again by itself:
// at the next call or, idle, in the background; calls fail at once meanwhile, with one attempt
// per back-off step; it listens and holds its queue claim again, or says that another process
// took the claim, and then the queue stops. The connection is lost by terminating exactly this
// store's backend on the shared test server (pg_terminate_backend), which the suites running
// beside this one never notice. Runs only as tst_storereconnect_postgres.

#include "queuefixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

// Counts the store's "Connecting again ... failed" lines: one per attempt that failed.
QAtomicInteger<int> g_failedAttempts;
QtMessageHandler g_previousHandler = nullptr;

void countingHandler(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (text.startsWith(u"Connecting again to"_s))
        ++g_failedAttempts;
    g_previousHandler(type, context, text);
}

Order colleaguesOrder(const QString &environment, const QString &token)
{
    Order order;
    order.environment = environment;
    order.token = token;
    order.tokenLink = u"http://127.0.0.1/t/"_s + token;
    order.sslTokenLink = u"https://127.0.0.1/t/"_s + token;
    order.fileName = u"bracket.stl"_s;
    order.size = 42;
    order.sha256 = u"ff00"_s;
    order.receiverEmail = u"customer@example.com"_s;
    order.price = *Decimal::fromString(u"12.50");
    order.currency = u"EUR"_s;
    order.created = QDateTime::currentDateTimeUtc();
    return order;
}

} // namespace

class TestStoreReconnect final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void theNextCallConnectsAgain();
    void anIdleStoreComesBackByItself();
    void callsFailAtOnceWhileTheServerRefuses();
    void aClaimTakenMeanwhileStopsTheQueue();

private:
    // Ends the store's server backend and waits, without running the event loop (the store
    // must not notice early), until the server has let it go.
    void terminate(OrderStore &store);
    std::unique_ptr<OrderStore> openStore(const QString &consoleId);
};

void TestStoreReconnect::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(countingHandler);
}

void TestStoreReconnect::init()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("needs the PostgreSQL test server (tst_storereconnect_postgres)");
    initFixture();
    m_store->setConsoleId(u"first@desk-1/0001"_s);
    g_failedAttempts = 0;
}

void TestStoreReconnect::cleanup()
{
    if (m_dir)
        m_dir->serverValue(
            u"ALTER DATABASE %1 ALLOW_CONNECTIONS true"_s.arg(m_dir->databaseName()));
    cleanupFixture();
}

std::unique_ptr<OrderStore> TestStoreReconnect::openStore(const QString &consoleId)
{
    auto store = std::make_unique<OrderStore>();
    store->setConsoleId(consoleId);
    const OpenResult opened = m_dir->open(*store);
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.message));
    return opened.ok() ? std::move(store) : nullptr;
}

void TestStoreReconnect::terminate(OrderStore &store)
{
    const StoreResult<qint64> pid = store.backendPidForTesting();
    QVERIFY(pid && *pid > 0);
    QVERIFY(m_dir->serverValue(u"SELECT pg_terminate_backend(%1)"_s.arg(*pid)).toBool());
    QElapsedTimer waited;
    waited.start();
    while (m_dir->serverValue(u"SELECT COUNT(*) FROM pg_stat_activity WHERE pid = %1"_s.arg(*pid))
               .toInt() > 0) {
        QVERIFY2(waited.elapsed() < kWait, "the backend did not end");
        QThread::msleep(20);
    }
}

void TestStoreReconnect::theNextCallConnectsAgain()
{
    QVERIFY(m_store->claimQueue().ok());
    const std::unique_ptr<OrderStore> other = openStore(u"second@desk-2/0002"_s);
    QVERIFY(other);
    QSignalSpy lost(m_store->changeFeed(), &StoreChangeFeed::connectionLost);
    QSignalSpy restored(m_store->changeFeed(), &StoreChangeFeed::connectionRestored);
    QSignalSpy changed(m_store->changeFeed(), &StoreChangeFeed::orderChanged);
    const qint64 before = *m_store->backendPidForTesting();
    terminate(*m_store);
    QVERIFY(!QTest::currentTestFailed());

    // The first call finds the connection gone; it is not repeated (a write's outcome would
    // be unknown), it fails as Unavailable.
    const StoreResult<QList<QueueItem>> first = m_store->queueItems(environment());
    QVERIFY(!first);
    QCOMPARE(first.error().kind, StoreError::Kind::Unavailable);
    QVERIFY(m_store->isOpen());
    QVERIFY(!m_store->isConnected());
    // The next one connects again first: the server is there.
    const StoreResult<QList<QueueItem>> second = m_store->queueItems(environment());
    QVERIFY2(second.ok(), qPrintable(second.error().detail));
    QVERIFY(m_store->isConnected());
    QCOMPARE(g_failedAttempts.loadRelaxed(), 0);
    QTRY_COMPARE(lost.size(), 1);
    QTRY_COMPARE(restored.size(), 1);
    QVERIFY(!lost.first().at(0).toString().isEmpty());
    QVERIFY(*m_store->backendPidForTesting() != before);

    // The queue claim is the store's again, held by its new connection: another process of
    // the same console cannot take it.
    QVERIFY(m_store->holdsQueueClaim());
    const std::unique_ptr<OrderStore> sameConsole = openStore(m_store->consoleId());
    QVERIFY(sameConsole);
    const StoreStatus claimed = sameConsole->claimQueue();
    QVERIFY(!claimed);
    QCOMPARE(claimed.error().kind, StoreError::Kind::Locked);

    // Listening again: another console's new order reaches it.
    const StoreResult<qint64> id =
        other->addOrder(colleaguesOrder(environment(), u"after-terminate"_s));
    QVERIFY(id);
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{*id}), kWait);
    QCOMPARE(lost.size(), 1);

    // Lost again right after it came back: no attempt at once this time (a server that drops
    // every new connection is not hammered in a loop), but a second later.
    terminate(*m_store);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(!m_store->queueItems(environment()));
    const StoreResult<QList<QueueItem>> third = m_store->queueItems(environment());
    QVERIFY(!third);
    QCOMPARE(third.error().kind, StoreError::Kind::Unavailable);
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 2, kWait);
    QCOMPARE(lost.size(), 2);
    QVERIFY(m_store->queueItems(environment()).ok());
}

void TestStoreReconnect::anIdleStoreComesBackByItself()
{
    // Nothing calls the store: the server's goodbye on the socket is noticed in the
    // background, and the store connects again without being asked.
    const std::unique_ptr<OrderStore> other = openStore(u"second@desk-2/0002"_s);
    QVERIFY(other);
    QSignalSpy lost(m_store->changeFeed(), &StoreChangeFeed::connectionLost);
    QSignalSpy restored(m_store->changeFeed(), &StoreChangeFeed::connectionRestored);
    QSignalSpy changed(m_store->changeFeed(), &StoreChangeFeed::orderChanged);
    terminate(*m_store);
    QVERIFY(!QTest::currentTestFailed());
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, kWait);
    QCOMPARE(lost.size(), 1);
    QVERIFY(m_store->isConnected());

    const StoreResult<qint64> id = other->addOrder(colleaguesOrder(environment(), u"idle"_s));
    QVERIFY(id);
    QTRY_VERIFY_WITH_TIMEOUT(changed.contains(QVariantList{*id}), kWait);
}

void TestStoreReconnect::callsFailAtOnceWhileTheServerRefuses()
{
    QSignalSpy lost(m_store->changeFeed(), &StoreChangeFeed::connectionLost);
    QSignalSpy restored(m_store->changeFeed(), &StoreChangeFeed::connectionRestored);
    // The database takes no new connections, as while a server restarts.
    const QString database = m_dir->databaseName();
    m_dir->serverValue(u"ALTER DATABASE %1 ALLOW_CONNECTIONS false"_s.arg(database));
    QCOMPARE(m_dir->serverValue(
                 u"SELECT datallowconn FROM pg_database WHERE datname = '%1'"_s.arg(database)),
             QVariant(false));
    terminate(*m_store);
    QVERIFY(!QTest::currentTestFailed());

    // Many calls at once: each fails as Unavailable, and only one attempt to connect is made
    // (the first is due at once, the next a second later).
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 50; ++i) {
        const StoreResult<QList<QueueItem>> items = m_store->queueItems(environment());
        QVERIFY(!items);
        QCOMPARE(items.error().kind, StoreError::Kind::Unavailable);
    }
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(g_failedAttempts.loadRelaxed(), 1);

    // In the background it tries again after 1 s and 2 s more; lost is said once.
    QTest::qWait(3500);
    QCOMPARE(g_failedAttempts.loadRelaxed(), 3);
    QCOMPARE(lost.size(), 1);
    QCOMPARE(restored.size(), 0);
    QVERIFY(!m_store->isConnected());

    m_dir->serverValue(u"ALTER DATABASE %1 ALLOW_CONNECTIONS true"_s.arg(database));
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, kWait); // the next attempt, 5 s later
    QCOMPARE(lost.size(), 1);
    QVERIFY(m_store->queueItems(environment()).ok());
}

void TestStoreReconnect::aClaimTakenMeanwhileStopsTheQueue()
{
    // A slow upload is running when the connection goes; another process of this console (a
    // second window waiting for the queue) takes the claim the connection took with it.
    FaultPlan slow;
    slow.uploadBytesPerSecond = 20'000;
    startQueue(slow);
    QVERIFY(m_queue->start());
    QVERIFY(m_queue->hasClaim());
    const std::unique_ptr<OrderStore> sameConsole = openStore(m_store->consoleId());
    QVERIFY(sameConsole);
    const StoreResult<qint64> id = m_queue->addFile(makeStl(u"big.stl"_s, 200), facts());
    QVERIFY(id);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*id), u"uploading"_s, kWait);
    QTRY_VERIFY(m_queue->transfer(*id).has_value());
    const QString token = itemOf(*id).token;
    QVERIFY(!token.isEmpty());

    QSignalSpy claimLost(m_store->changeFeed(), &StoreChangeFeed::queueClaimLost);
    QSignalSpy restored(m_store->changeFeed(), &StoreChangeFeed::connectionRestored);
    QSignalSpy problems(m_queue.get(), &UploadQueue::storeError);
    terminate(*m_store);
    QVERIFY(!QTest::currentTestFailed());
    QElapsedTimer waited;
    waited.start();
    while (!sameConsole->claimQueue().ok()) {
        QVERIFY2(waited.elapsed() < kWait, "the claim was not freed with the connection");
        QThread::msleep(20);
    }

    // The store connects again, cannot take the claim back, and says so; the queue stops its
    // upload at once and waits for the claim.
    QTRY_COMPARE_WITH_TIMEOUT(claimLost.size(), 1, kWait);
    QTRY_COMPARE(restored.size(), 1);
    QVERIFY(!m_store->holdsQueueClaim());
    QVERIFY(!m_queue->hasClaim());
    QVERIFY(!m_queue->transfer(*id).has_value());
    QTRY_VERIFY(m_queue->isIdle());
    QVERIFY(claimLost.first().at(0).toString().contains(u"Another console"_s));
    // The queue says why it stopped, as to a second window.
    QVERIFY(!m_queue->claimProblem().isEmpty());
    QTRY_COMPARE(problems.value(problems.size() - 1).value(0).toString(), m_queue->claimProblem());
    const StoreStatus again = m_store->claimQueue();
    QVERIFY(!again);
    QCOMPARE(again.error().kind, StoreError::Kind::Locked);

    // Once the other has gone, the queue claims it again by itself and resumes the item with
    // its token. (The sandbox may still store the body the stopped upload had already put in
    // the socket's buffers; then the resumed item is refused as already uploaded and needs
    // attention - either way one token, one file.)
    sameConsole->releaseQueueClaim();
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->hasClaim(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(*id) == u"done"_s || stateOf(*id) == u"needs_attention"_s,
                             60'000);
    QCOMPARE(itemOf(*id).token, token);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
}

QTEST_MAIN(TestStoreReconnect)
#include "tst_storereconnect.moc"
