// Team mode, in one process: two consoles (two stores with their own console ids, two
// pollers) on one shared PostgreSQL store and one sandbox. Exactly one of them asks about a
// token at a time; the other follows through the store's change feed, and takes over when the
// first gives up its leases or lets them run out. Runs only as tst_teampolling_postgres.

#include "pollerfixture.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;

class TestTeamPolling final : public QObject, private PollerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void oneConsolePollsEachToken();
    void releasedLeasesAreTakenOverAtOnce();
    void expiredLeasesAreTakenOver();

private:
    // The second console: its own store (connection, console id) and poller on the same
    // database and sandbox, on the same fake clock.
    void startSecondConsole();
    void roundOf(StatusPoller &poller);

    std::unique_ptr<OrderStore> m_otherStore;
    std::unique_ptr<StatusPoller> m_other;
    QList<qint64> m_ids;
};

void TestTeamPolling::init()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("team mode needs the PostgreSQL test server (tst_teampolling_postgres)");
    initPoller();
    SandboxConfig config;
    config.autoPrintSeconds = 0; // prints start at once: statuses change while polled
    startSandbox({}, config);
    m_store->setConsoleId(u"first@desk-1/0001"_s);
    for (int i = 0; i < 3; ++i)
        m_ids.append(makeOrder(u"team%1.stl"_s.arg(i)));
    QVERIFY(!m_ids.contains(0));
    makePoller();
    m_poller->start();
    startSecondConsole();
}

void TestTeamPolling::cleanup()
{
    m_other.reset();
    m_otherStore.reset();
    m_ids.clear();
    cleanupPoller();
}

void TestTeamPolling::startSecondConsole()
{
    m_otherStore = std::make_unique<OrderStore>();
    m_otherStore->setConsoleId(u"second@desk-2/0002"_s);
    QVERIFY(m_dir->open(*m_otherStore).ok());
    m_other = std::make_unique<StatusPoller>(m_otherStore.get(), m_api.get(), environment());
    m_other->setClock([this] { return m_clock; });
    m_other->setRandomSeed(7);
    m_other->setTimerEnabled(false);
    QObject::connect(m_otherStore->changeFeed(), &StoreChangeFeed::orderChanged, m_other.get(),
                     [this](qint64 orderId) {
                         if (const auto order = m_otherStore->order(orderId);
                             order && order->has_value())
                             m_other->takeFromStore(**order);
                     });
    m_other->start();
}

void TestTeamPolling::roundOf(StatusPoller &poller)
{
    poller.processDue();
    QTRY_COMPARE_WITH_TIMEOUT(poller.inFlightCount(), 0, kWait);
    QCoreApplication::processEvents(); // notifications to the other console
}

void TestTeamPolling::oneConsolePollsEachToken()
{
    QVERIFY(m_poller->isShared() && m_other->isShared());
    QCOMPARE(m_poller->leasedCount(), 3);
    QCOMPARE(m_other->leasedCount(), 0);
    QCOMPARE(m_other->trackedCount(), 3); // it follows them all, asking about none
    const QHash<QString, QString> holders = *m_otherStore->pollLeaseHolders(environment());
    QCOMPARE(holders.size(), 3);
    for (const QString &holder : holders)
        QCOMPARE(holder, m_store->consoleId());

    QSignalSpy learned(m_otherStore->changeFeed(), &StoreChangeFeed::orderChanged);
    for (int minute = 0; minute < 4; ++minute) {
        for (int step = 0; step < 4; ++step) {
            m_clock = m_clock.addSecs(15);
            roundOf(*m_poller);
            roundOf(*m_other);
        }
        m_poller->renewLeases();
        m_other->renewLeases();
    }
    QVERIFY(m_poller->requestCount() >= 3);
    QCOMPARE(m_other->requestCount(), 0);
    QCOMPARE(m_other->leasedCount(), 0);
    // What the first learned reached the second through the store, not the service.
    QTRY_VERIFY_WITH_TIMEOUT(!learned.isEmpty(), kWait);
    for (const qint64 id : m_ids) {
        const Order mine = **m_store->order(id);
        QCOMPARE((**m_otherStore->order(id)).status, mine.status);
    }
}

void TestTeamPolling::releasedLeasesAreTakenOverAtOnce()
{
    m_clock = m_clock.addSecs(15);
    roundOf(*m_poller);
    const int firstRequests = m_poller->requestCount();
    QVERIFY(firstRequests >= 3);
    const QDateTime lastAsked = m_clock;

    m_poller->stop();
    m_poller.reset();
    m_store->close(); // gives its leases up
    m_other->renewLeases();
    QCOMPARE(m_other->leasedCount(), 3);
    // The floor counts the first console's last check: nothing goes out before 15 s after it.
    m_clock = lastAsked.addSecs(14);
    roundOf(*m_other);
    QCOMPARE(m_other->requestCount(), 0);
    m_clock = lastAsked.addSecs(16);
    roundOf(*m_other);
    QCOMPARE(m_other->requestCount(), 3);
}

void TestTeamPolling::expiredLeasesAreTakenOver()
{
    // The first console "dies": its short leases are not renewed and run out on the
    // database's clock; the second takes them over at its next renewal.
    m_poller->setLeaseTiming(300ms, 1h); // and nothing renews them by itself
    m_poller->renewLeases();
    QCOMPARE(m_poller->leasedCount(), 3);
    m_other->renewLeases();
    QCOMPARE(m_other->leasedCount(), 0);
    QTest::qWait(400);
    m_other->renewLeases();
    QCOMPARE(m_other->leasedCount(), 3);
    // And the first, back to life, finds them taken: it asks about none.
    m_poller->renewLeases();
    QCOMPARE(m_poller->leasedCount(), 0);
    m_clock = m_clock.addSecs(60);
    roundOf(*m_poller);
    QCOMPARE(m_poller->requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestTeamPolling)
#include "tst_teampolling.moc"
