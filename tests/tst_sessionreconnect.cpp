// A whole console on a shared store across restarts of its database server: it notices that
// the connection is gone, says so once, connects again by itself, shows the orders another
// console stored while it was not listening, and goes on polling. The server is a private one
// (tests/postgres/pg-cluster.sh in a temporary folder), never the CTest fixture that the other
// suites share. Runs only as tst_sessionreconnect_postgres.

#include "api/apiclient.h"
#include "api/apijob.h"
#include "consolesession.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "ordertablemodel.h"
#include "sandbox/sandboxserver.h"
#include "sessioncore.h"
#include "storetarget.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

constexpr int kWait = 20000;
const QString kClusterScript = QStringLiteral(PC_PG_CLUSTER_SCRIPT);

// A PostgreSQL server of the test's own, stopped and removed again however the test ends.
class PrivateCluster final
{
public:
    PrivateCluster() = default;
    ~PrivateCluster()
    {
        if (m_started)
            run({u"stop"_s, folder()});
    }
    PrivateCluster(const PrivateCluster &) = delete;
    PrivateCluster &operator=(const PrivateCluster &) = delete;

    bool start()
    {
        m_started = m_dir.isValid() && run({u"start"_s, folder()});
        return m_started;
    }
    // Stops the server and starts it again on the same port with the same data, after
    // `secondsAway`. Without `process` it waits (the event loop does not run meanwhile);
    // with one it only starts the script there.
    bool restart(int secondsAway, QProcess *process = nullptr)
    {
        const QStringList arguments{u"restart"_s, folder(), QString::number(secondsAway)};
        if (!process)
            return run(arguments);
        process->setProcessChannelMode(QProcess::ForwardedChannels);
        process->start(kClusterScript, arguments);
        return process->waitForStarted();
    }

    StoreLocation location() const
    {
        QString error;
        return StoreLocation::parse(read(u"url"_s), &error).value_or(StoreLocation());
    }
    QString password() const { return read(u"password"_s); }

private:
    QString folder() const { return m_dir.filePath(u"cluster"_s); }
    QString read(const QString &name) const
    {
        QFile file(folder() + u'/' + name);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed()
                                              : QString();
    }
    static bool run(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.start(kClusterScript, arguments);
        return process.waitForFinished(120'000) && process.exitStatus() == QProcess::NormalExit &&
               process.exitCode() == 0;
    }

    QTemporaryDir m_dir;
    bool m_started = false;
};

ServiceEndpoint endpointOf(const SandboxServer &sandbox)
{
    ServiceEndpoint endpoint;
    endpoint.baseUrl = sandbox.apiBaseUrl();
    endpoint.apiKey = sandbox.apiKey();
    return endpoint;
}

// A real token of the sandbox, as another console would have made it; empty on failure.
QString newToken(const SandboxServer &sandbox)
{
    QNetworkAccessManager network;
    ApiClient api(&network, endpointOf(sandbox));
    CreateTokenJob *job = api.createToken();
    QString token;
    bool done = false;
    QObject::connect(job, &CreateTokenJob::finished, job, [&](const TokenResult &result) {
        token = result.token;
        done = true;
    });
    return QTest::qWaitFor([&] { return done; }, kWait) ? token : QString();
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

class TestSessionReconnect final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_cluster.reset(); }

    void aRestartedServerIsFollowedAgain();

private:
    std::unique_ptr<PrivateCluster> m_cluster;
};

void TestSessionReconnect::initTestCase()
{
    if (!test::StoreTarget::usesPostgres())
        QSKIP("needs PostgreSQL (tst_sessionreconnect_postgres)");
    QStandardPaths::setTestModeEnabled(true);
    m_cluster = std::make_unique<PrivateCluster>();
    QVERIFY2(m_cluster->start(), "the private PostgreSQL server did not start");
}

void TestSessionReconnect::aRestartedServerIsFollowedAgain()
{
    SandboxServer sandbox;
    QVERIFY(sandbox.listen(0));
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    const OpenResult opened =
        test::openAndWait(session, m_cluster->location(), m_cluster->password());
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    // The poller's clock is read and moved on the core's thread only.
    QDateTime clock = QDateTime::currentDateTimeUtc();
    test::onCore(session, [&clock](ConsoleCore &core) {
        core.poller().setClock([&clock] { return clock; });
        core.poller().setTimerEnabled(false);
    });
    QVERIFY(test::startAndWait(session));
    const auto onCore = [&session](auto work) { return test::onCore(session, work); };
    QAbstractItemModelTester tester(&session.orders());
    QSignalSpy connection(&session, &ConsoleSession::storeConnectionChanged);
    QSignalSpy problems(&session, &ConsoleSession::storeProblem);
    QVERIFY(onCore([](ConsoleCore &core) { return core.queue().hasClaim(); }));

    OrderStore other;
    other.setConsoleId(u"colleague@desk-9/0009"_s);
    QVERIFY(other.open(m_cluster->location(), m_cluster->password()).ok());
    const QString firstToken = newToken(sandbox);
    const QString secondToken = newToken(sandbox);
    QVERIFY(!firstToken.isEmpty() && !secondToken.isEmpty());
    const StoreResult<qint64> first =
        other.addOrder(colleaguesOrder(session.environmentKey(), firstToken));
    QVERIFY(first);
    QTRY_VERIFY_WITH_TIMEOUT(session.order(*first).has_value(), kWait);
    QVERIFY(onCore([&](ConsoleCore &core) {
        core.poller().renewLeases();
        return core.poller().holdsLease(*first);
    }));

    // The server is away for longer than it takes the idle console to notice: it says so
    // once, tries again meanwhile, and is back by itself once the server is.
    QProcess away;
    QVERIFY(m_cluster->restart(7, &away));
    QTRY_COMPARE_WITH_TIMEOUT(connection.size(), 1, kWait);
    QCOMPARE(connection.at(0).at(0).toBool(), false);
    QVERIFY(!connection.at(0).at(1).toString().isEmpty());
    QVERIFY(!session.isStoreConnected());
    QTRY_COMPARE_WITH_TIMEOUT(connection.size(), 2, 40'000);
    QCOMPARE(connection.at(1).at(0).toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(away.state(), QProcess::NotRunning, kWait);
    QCOMPARE(away.exitCode(), 0);
    QCOMPARE(problems.size(), 1); // the outage, once
    QCOMPARE(problems.first().at(0), connection.first().at(1));
    QVERIFY(session.isStoreConnected());
    QVERIFY(onCore([&](ConsoleCore &core) {
        return core.store().isConnected() && core.store().holdsQueueClaim() &&
               core.queue().hasClaim() && core.poller().holdsLease(*first);
    }));

    // A quick restart while the console's event loop does not run: a colleague stores an order
    // whose notification this console, not listening then, never gets. It appears all the
    // same: read again on reconnection.
    QVERIFY(m_cluster->restart(0));
    OrderStore late;
    late.setConsoleId(u"colleague@desk-9/0009"_s);
    QVERIFY(late.open(m_cluster->location(), m_cluster->password()).ok());
    const StoreResult<qint64> second =
        late.addOrder(colleaguesOrder(session.environmentKey(), secondToken));
    QVERIFY2(second, qPrintable(second.error().detail));
    QTRY_COMPARE_WITH_TIMEOUT(connection.size(), 4, kWait);
    QCOMPARE(connection.at(2).at(0).toBool(), false);
    QCOMPARE(connection.at(3).at(0).toBool(), true);
    QTRY_VERIFY(session.order(*second).has_value());
    QVERIFY(onCore([&](ConsoleCore &core) {
        return core.poller().isTracked(*second) && core.poller().holdsLease(*second);
    }));
    QCOMPARE(problems.size(), 2);

    // Polling goes on: both tokens are asked about, and the answers stored.
    const int requests = onCore([&](ConsoleCore &core) {
        const int before = core.poller().requestCount();
        clock = clock.addSecs(3600);
        core.poller().processDue();
        return before;
    });
    QTRY_COMPARE_WITH_TIMEOUT(
        onCore([](ConsoleCore &core) { return core.poller().inFlightCount(); }), 0, kWait);
    QCOMPARE(onCore([](ConsoleCore &core) { return core.poller().requestCount(); }), requests + 2);
    const StoreResult<std::optional<Order>> stored = late.order(*second);
    QVERIFY(stored && stored->has_value());
    QVERIFY((*stored)->lastChecked.isValid());
}

QTEST_MAIN(TestSessionReconnect)
#include "tst_sessionreconnect.moc"
