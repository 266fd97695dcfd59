// The built-in sandbox on a state folder: tokens, upload facts, files and prints survive a
// restart (the print going on with the clock meanwhile), the port of the last run is taken
// again or the stored links follow a new one, a damaged state file is moved aside, two
// sandboxes on one folder answer for each other's tokens, and a console session started
// again on the same data folder finds its orders known, moving on and their links alive.

#include "consolesession.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "ordertablemodel.h"
#include "sandbox/sandboxserver.h"
#include "sandboxclient.h"
#include "sandboxmenu.h"
#include "sessioncore.h"
#include "settings/consolesettings.h"

#include <QDir>
#include <QFile>
#include <QMainWindow>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

constexpr int kWait = 15000;
const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");

ServiceEndpoint endpointOf(const SandboxServer &sandbox)
{
    ServiceEndpoint endpoint;
    endpoint.baseUrl = sandbox.apiBaseUrl();
    endpoint.apiKey = sandbox.apiKey();
    return endpoint;
}

int httpStatusOf(const QUrl &url)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(kWait))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

class TestSandboxPersistence final : public QObject, private SandboxClient
{
    Q_OBJECT

private Q_SLOTS:
    void withoutStateFolderNothingIsKept();
    void tokensUploadsAndPrintsSurviveRestart();
    void keyIsKeptWithTheState();
    void portOfTheLastRunIsTakenAgain();
    void takenPortMovesTheLinks();
    void printStartingByItselfWhileClosedHasStarted();
    void damagedStateIsMovedAside();
    void twoSandboxesOnOneFolderShareTokens();
    void rewriteLinkOriginTouchesOnlyThatOrigin();
    void sessionFindsItsOrdersAfterRestart();
    void sandboxMenuAppliesAndKeepsChoices();

private:
    SandboxConfig configIn(const QTemporaryDir &dir) const
    {
        SandboxConfig config;
        config.stateFolder = dir.filePath(u"sandbox"_s);
        return config;
    }
};

void TestSandboxPersistence::withoutStateFolderNothingIsKept()
{
    auto server = start();
    QVERIFY(server->isListening());
    QVERIFY(server->stateFolder().isEmpty());
    QVERIFY(!server->ownsStateFolder());
    const QString token = uploadedToken(*server);
    QVERIFY(!token.isEmpty());
    const QString file = server->storedFilePath(token);
    QVERIFY(QFile::exists(file));
    QVERIFY(file.startsWith(QDir::tempPath()));
    QVERIFY(!server->previousServerUrl());
    server.reset();
    QVERIFY(!QFile::exists(file)); // the temporary folder goes with the server
}

void TestSandboxPersistence::tokensUploadsAndPrintsSurviveRestart()
{
    QTemporaryDir dir;
    qint64 now = 1'000'000'000;
    const auto clock = [&now] { return now; };

    SandboxConfig config = configIn(dir);
    config.outcome = PrintOutcome::Success;
    auto first = start(config);
    first->setClockForTesting(clock);
    QVERIFY(first->ownsStateFolder());
    const QString token = uploadedToken(*first);
    QVERIFY(!token.isEmpty());
    const QString created = createToken(*first); // a token without a file yet
    QVERIFY(!created.isEmpty());
    const StoredUpload facts = *first->storedUpload(token);
    QFile stored(first->storedFilePath(token));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    const QByteArray content = stored.readAll();
    stored.close();
    QVERIFY(first->startPrint(token, u"Prusa XL"_s));
    now += 5 * 60 * 1000; // warmed up, printing
    const PrintStatus before = *first->currentStatus(token);
    QCOMPARE(before.status, JobStatus::Printing);
    first.reset();

    now += 10 * 60 * 1000; // the console was closed for ten minutes
    auto second = start(configIn(dir));
    second->setClockForTesting(clock);
    QVERIFY(second->hasToken(token));
    QVERIFY(second->hasToken(created));
    QCOMPARE(second->uploadCount(created), 0);
    const std::optional<StoredUpload> again = second->storedUpload(token);
    QVERIFY(again);
    QCOMPARE(again->fileName, facts.fileName);
    QCOMPARE(again->size, facts.size);
    QCOMPARE(again->receiverEmail, facts.receiverEmail);
    QCOMPARE(again->printValue, facts.printValue);
    QCOMPARE(again->currency, facts.currency);
    QCOMPARE(again->partnerJobId, facts.partnerJobId);
    QFile kept(second->storedFilePath(token));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), content);

    // The print went on while no sandbox ran, on the same plan.
    const PrintStatus after = *second->currentStatus(token);
    QCOMPARE(after.printerModel, u"Prusa XL"_s);
    QVERIFY(after.status == JobStatus::Printing || isFinal(after.status) ||
            after.status == JobStatus::Success);
    QVERIFY2(
        after.percentage.value_or(0) > before.percentage.value_or(0),
        qPrintable(
            u"%1 -> %2"_s.arg(before.percentage.value_or(-1)).arg(after.percentage.value_or(-1))));
    // And it answers over HTTP, as the console asks.
    const Exchange reply = status(*second, token);
    QCOMPARE(reply.code(), u"ok"_s);
    QCOMPARE(reply.data().value(u"printing_job_status"_s).toString(), after.statusText);
    // A print already started is not started again.
    QVERIFY(!second->startPrint(token));
    // The token created before the restart takes its upload now.
    QCOMPARE(upload(*second, created).code(), u"ok"_s);
}

void TestSandboxPersistence::keyIsKeptWithTheState()
{
    QTemporaryDir dir;
    QString key;
    {
        SandboxServer first(configIn(dir));
        QVERIFY(first.listen());
        key = first.apiKey();
        QVERIFY(!key.isEmpty());
    }
    SandboxServer second(configIn(dir));
    QVERIFY(second.listen());
    QCOMPARE(second.apiKey(), key);
    // Only its owner may read it.
    const QFileDevice::Permissions permissions =
        QFile::permissions(dir.filePath(u"sandbox/state.json"_s));
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(!(permissions & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    // A key given by the caller is used, and not written over the kept one.
    SandboxConfig given = configIn(dir);
    given.apiKey = u"the-callers-own-key"_s;
    {
        SandboxServer third(given);
        QCOMPARE(third.apiKey(), u"the-callers-own-key"_s);
    }
    QFile state(dir.filePath(u"sandbox/state.json"_s));
    QVERIFY(state.open(QIODevice::ReadOnly));
    QVERIFY(!state.readAll().contains("the-callers-own-key"));
}

void TestSandboxPersistence::portOfTheLastRunIsTakenAgain()
{
    QTemporaryDir dir;
    quint16 port = 0;
    {
        auto first = start(configIn(dir));
        port = first->port();
        QVERIFY(port != 0);
        QVERIFY(!first->previousServerUrl()); // nothing to move on the first run
    }
    auto second = start(configIn(dir));
    QCOMPARE(second->port(), port);
    QVERIFY(!second->previousServerUrl());
}

void TestSandboxPersistence::takenPortMovesTheLinks()
{
    QTemporaryDir dir;
    QString token;
    quint16 port = 0;
    {
        auto first = start(configIn(dir));
        port = first->port();
        token = uploadedToken(*first);
        QVERIFY(!token.isEmpty());
    }
    QTcpServer squatter; // another program took the port meanwhile
    QVERIFY(squatter.listen(QHostAddress::LocalHost, port));
    auto second = start(configIn(dir));
    QVERIFY(second->isListening());
    QVERIFY(second->port() != port);
    QVERIFY(second->previousServerUrl());
    QCOMPARE(second->previousServerUrl()->port(), int(port));
    QCOMPARE(second->previousServerUrl()->host(), u"127.0.0.1"_s);
    QVERIFY(second->hasToken(token));
    squatter.close();

    // The new port is the one remembered now.
    const quint16 moved = second->port();
    second.reset();
    auto third = start(configIn(dir));
    QCOMPARE(third->port(), moved);
}

void TestSandboxPersistence::printStartingByItselfWhileClosedHasStarted()
{
    QTemporaryDir dir;
    qint64 now = 2'000'000'000;
    const auto clock = [&now] { return now; };
    SandboxConfig config = configIn(dir);
    config.autoPrintSeconds = 3600; // far beyond this test: only the saved start time counts
    config.outcome = PrintOutcome::Success;
    QString token;
    {
        auto first = start(config);
        first->setClockForTesting(clock);
        token = uploadedToken(*first);
        QVERIFY(!token.isEmpty());
        QVERIFY(first->currentStatus(token)->isAwaitingCustomer());
    }
    now += 3600 * 1000 + 5 * 60 * 1000; // started by itself five minutes ago, while closed
    auto second = start(configIn(dir));
    second->setClockForTesting(clock);
    const PrintStatus status = *second->currentStatus(token);
    QVERIFY(!status.isAwaitingCustomer());
    QCOMPARE(status.status, JobStatus::Printing);
}

void TestSandboxPersistence::damagedStateIsMovedAside()
{
    QTemporaryDir dir;
    QString token;
    {
        auto first = start(configIn(dir));
        token = uploadedToken(*first);
        QVERIFY(!token.isEmpty());
    }
    const QString path = dir.filePath(u"sandbox/state.json"_s);
    {
        QFile state(path);
        QVERIFY(state.open(QIODevice::WriteOnly | QIODevice::Truncate));
        state.write("{\"version\": 1, \"tokens\": [{\"token\": \"0123");
    }
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"state.json is damaged .*moved it aside to "
                                            ".*state.json.damaged-.* the sandbox starts empty"_s));
    auto second = start(configIn(dir));
    QVERIFY(second->isListening());
    QVERIFY(!second->hasToken(token)); // starts empty
    const QStringList aside =
        QDir(dir.filePath(u"sandbox"_s)).entryList({u"state.json.damaged-*"_s}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    // And works: a new token is kept again.
    const QString fresh = uploadedToken(*second);
    QVERIFY(!fresh.isEmpty());
    second.reset();
    auto third = start(configIn(dir));
    QVERIFY(third->hasToken(fresh));
}

void TestSandboxPersistence::twoSandboxesOnOneFolderShareTokens()
{
    QTemporaryDir dir;
    auto window = start(configIn(dir));  // the window's: owns the folder
    auto command = start(configIn(dir)); // a CLI command's meanwhile
    QVERIFY(window->ownsStateFolder());
    QVERIFY(!command->ownsStateFolder());
    QVERIFY(command->port() != window->port());

    const QString token = createToken(*command);
    QVERIFY(!token.isEmpty());
    const Exchange uploaded = upload(*command, token);
    QCOMPARE(uploaded.code(), u"ok"_s);
    // Its link names the owner's port: the one that outlives the command.
    const QUrl link(uploaded.data().value(u"token_link"_s).toString());
    QCOMPARE(link.port(), int(window->port()));

    // The window's sandbox answers for it, and its page is there.
    QCOMPARE(status(*window, token).code(), u"ok"_s);
    QCOMPARE(httpStatusOf(link), 200);
    // A print started from the window's page shows in the command's sandbox.
    QVERIFY(window->startPrint(token));
    QVERIFY(!command->currentStatus(token)->isAwaitingCustomer());
    QVERIFY(!command->startPrint(token));
    // Tokens of both survive both.
    const QString mine = uploadedToken(*window);
    QVERIFY(!mine.isEmpty());

    // The window ends first: the command's sandbox takes the folder over, and with it the
    // port its links name.
    const quint16 folderPort = window->port();
    window.reset();
    QTRY_VERIFY_WITH_TIMEOUT(command->ownsStateFolder(), kWait);
    QCOMPARE(httpStatusOf(link), 200);
    QCOMPARE(QUrl(upload(*command, createToken(*command)).data().value(u"token_link"_s).toString())
                 .port(),
             int(folderPort));
    command.reset();
    auto later = start(configIn(dir));
    QVERIFY(later->hasToken(token));
    QVERIFY(later->hasToken(mine));
}

void TestSandboxPersistence::rewriteLinkOriginTouchesOnlyThatOrigin()
{
    QTemporaryDir dir;
    OrderStore store;
    QVERIFY(store.open(dir.path()).ok());
    const auto add = [&store](const QString &environment, const QString &token,
                              const QString &origin) {
        Order order;
        order.environment = environment;
        order.token = token;
        order.tokenLink = origin + u"?token="_s + token;
        order.sslTokenLink = order.tokenLink;
        order.fileName = u"a.stl"_s;
        order.receiverEmail = u"a@example.com"_s;
        order.price = *Decimal::fromString(u"1.00");
        order.currency = u"EUR"_s;
        order.created = QDateTime::currentDateTimeUtc();
        return *store.addOrder(order);
    };
    const qint64 moved = add(u"sandbox"_s, u"t1"_s, u"http://127.0.0.1:41000/"_s);
    const qint64 otherPort = add(u"sandbox"_s, u"t2"_s, u"http://127.0.0.1:4100/"_s);
    const qint64 otherEnvironment =
        add(u"https://example.com/api3/"_s, u"t3"_s, u"http://127.0.0.1:41000/"_s);
    const StoreResult<int> rewritten = store.rewriteLinkOrigin(
        u"sandbox"_s, QUrl(u"http://127.0.0.1:41000/"_s), QUrl(u"http://127.0.0.1:42000/api3/"_s));
    QVERIFY(rewritten.ok());
    QCOMPARE(*rewritten, 1);
    QCOMPARE((*store.order(moved))->tokenLink, u"http://127.0.0.1:42000/?token=t1"_s);
    QCOMPARE((*store.order(moved))->sslTokenLink, u"http://127.0.0.1:42000/?token=t1"_s);
    QCOMPARE((*store.order(otherPort))->tokenLink, u"http://127.0.0.1:4100/?token=t2"_s);
    QCOMPARE((*store.order(otherEnvironment))->tokenLink, u"http://127.0.0.1:41000/?token=t3"_s);
}

void TestSandboxPersistence::sessionFindsItsOrdersAfterRestart()
{
    QTemporaryDir data;
    const QString sandboxFolder = SandboxServer::stateFolderOf(data.path());
    qint64 now = 3'000'000'000;
    const auto clock = [&now] { return now; };
    SandboxConfig config;
    config.stateFolder = sandboxFolder;
    config.outcome = PrintOutcome::Success;
    const QString file = data.filePath(u"teapot.stl"_s);
    QVERIFY(QFile::copy(kTeapot, file));

    Order order;
    quint16 firstPort = 0;
    PrintStatus before;
    {
        SandboxServer sandbox(config);
        sandbox.setClockForTesting(clock);
        QVERIFY(sandbox.listen(0));
        firstPort = sandbox.port();
        ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
        QVERIFY(test::openAndWait(session, data.path()).ok());
        QVERIFY(test::startAndWait(session));
        OrderFacts facts;
        facts.receiverEmail = u"customer@example.com"_s;
        facts.price = *Decimal::fromString(u"19.90");
        facts.currency = u"EUR"_s;
        QVERIFY(test::onCore(session, [&](ConsoleCore &core) {
                    return core.queue().addFile(file, facts);
                }).ok());
        QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);
        order = *session.orders().orderAt(0);
        QCOMPARE(QUrl(order.tokenLink).port(), int(firstPort));
        QVERIFY(sandbox.startPrint(order.token));
        now += 3 * 60 * 1000;
        before = *sandbox.currentStatus(order.token);
        QCOMPARE(before.status, JobStatus::Printing);
    } // everything torn down: the console was quit

    now += 5 * 60 * 1000;
    QTcpServer squatter; // and its port went to another program meanwhile
    QVERIFY(squatter.listen(QHostAddress::LocalHost, firstPort));
    SandboxServer sandbox(config);
    sandbox.setClockForTesting(clock);
    QVERIFY(sandbox.listen(0));
    QVERIFY(sandbox.port() != firstPort);
    QVERIFY(sandbox.previousServerUrl());
    ConsoleSession session(endpointOf(sandbox), EnvironmentKind::Sandbox, ConsoleSettings());
    QVERIFY(test::openAndWait(session, data.path()).ok());
    // What main() does before starting the session.
    std::optional<StoreResult<int>> moved;
    session.rewriteLinkOrigin(*sandbox.previousServerUrl(), sandbox.serverUrl(), &session,
                              [&moved](const StoreResult<int> &result) { moved = result; });
    QTRY_VERIFY(moved.has_value());
    QVERIFY(moved->ok());
    QDateTime pollClock = QDateTime::currentDateTimeUtc();
    test::onCore(session, [&pollClock](ConsoleCore &core) {
        core.poller().setClock([&pollClock] { return pollClock; });
        core.poller().setTimerEnabled(false);
    });
    QVERIFY(test::startAndWait(session));
    QTRY_COMPARE_WITH_TIMEOUT(session.orders().rowCount(), 1, kWait);

    // The service still knows the order, and its print moved on.
    QVERIFY(sandbox.hasToken(order.token));
    QVERIFY(test::onCore(session, [&](ConsoleCore &core) {
        const bool tracked = core.poller().isTracked(order.id);
        pollClock = std::max(pollClock, core.poller().nextDue(order.id));
        core.poller().processDue();
        return tracked;
    }));
    QTRY_COMPARE_WITH_TIMEOUT(
        test::onCore(session, [](ConsoleCore &core) { return core.poller().inFlightCount(); }), 0,
        kWait);
    QTRY_VERIFY_WITH_TIMEOUT(session.order(order.id)->status.percentage.value_or(0) >
                                 before.percentage.value_or(0),
                             kWait);
    QVERIFY(!session.order(order.id)->unknownToService);

    // The stored links name the new server, and its print page answers.
    const Order stored =
        *test::onCore(session, [&](ConsoleCore &core) { return *core.store().order(order.id); });
    QCOMPARE(QUrl(stored.tokenLink).port(), int(sandbox.port()));
    QCOMPARE(QUrl(stored.sslTokenLink).port(), int(sandbox.port()));
    QCOMPARE(httpStatusOf(QUrl(stored.tokenLink)), 200);
}

void TestSandboxPersistence::sandboxMenuAppliesAndKeepsChoices()
{
    QTemporaryDir config;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, config.path());
    QTemporaryDir dir;
    SandboxConfig sandboxConfig = configIn(dir);
    sandboxConfig.speed = 5; // from the command line: not one of the menu's own
    auto server = start(sandboxConfig);

    QMainWindow window;
    QMenu *help = window.menuBar()->addMenu(u"Help"_s);
    help->setObjectName(u"menuHelp"_s);
    SandboxMenu *menu = SandboxMenu::install(&window, server.get());
    // Before Help, as menus go.
    const QList<QAction *> bar = window.menuBar()->actions();
    QCOMPARE(bar.indexOf(menu->menuAction()) + 1, bar.indexOf(help->menuAction()));

    const auto choices = [menu](const char *name) {
        return menu->findChild<QMenu *>(QString::fromLatin1(name))->actions();
    };
    const auto checked = [&](const char *name) {
        for (QAction *action : choices(name)) {
            if (action->isChecked())
                return action->data();
        }
        return QVariant();
    };
    QCOMPARE(checked("menuSandboxSpeed").toDouble(), 5.0); // the speed in effect is shown
    QCOMPARE(checked("menuSandboxAutoPrint").toDouble(), -1.0);
    QCOMPARE(checked("menuSandboxOutcome").toInt(), int(PrintOutcome::Random));

    const auto pick = [&](const char *name, const QVariant &value) {
        for (QAction *action : choices(name)) {
            if (action->data() == value)
                action->trigger();
        }
    };
    pick("menuSandboxSpeed", 60.0);
    pick("menuSandboxAutoPrint", 30.0);
    pick("menuSandboxOutcome", int(PrintOutcome::Failure));
    QCOMPARE(server->config().speed, 60.0);
    QCOMPARE(server->config().autoPrintSeconds, std::optional<double>(30.0));
    QCOMPARE(server->config().outcome, PrintOutcome::Failure);

    QSettings settings;
    const SandboxSimulation kept = ConsoleSettings::load(settings).sandboxSimulation;
    QCOMPARE(kept.speed, 60.0);
    QCOMPARE(kept.autoPrintSeconds, std::optional<double>(30.0));
    QCOMPARE(kept.outcome, PrintOutcome::Failure);
    // ConsoleSettings::save() (the Settings dialog) leaves the menu's choices alone.
    ConsoleSettings().save(settings);
    QCOMPARE(ConsoleSettings::load(settings).sandboxSimulation, kept);

    // Off again.
    pick("menuSandboxAutoPrint", -1.0);
    QVERIFY(!server->config().autoPrintSeconds);
    QVERIFY(!ConsoleSettings::load(settings).sandboxSimulation.autoPrintSeconds);
}

QTEST_MAIN(TestSandboxPersistence)
#include "tst_sandboxpersistence.moc"
