// The persistent order store: migrations, connection setup, queue items, tokens, orders
// and their status history, environments, damaged files, unwritable folders, a full disk.
#include "orders/orderstore.h"
#include "orders/storeschema.h"
#include "orders/storethreadcheck.h"
#include "storetarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <array>
#include <latch>
#include <vector>

#include <unistd.h>

using namespace Qt::StringLiterals;
using pc::Decimal;
using pc::DuplicateMatch;
using pc::OpenResult;
using pc::Order;
using pc::OrderStore;
using pc::PrintStatus;
using pc::QueueItem;
using pc::QueueMove;
using pc::QueueState;
using pc::StoreError;
using pc::test::StoreTarget;

namespace {

const QString kSandbox = u"sandbox"_s;
const QString kProduction = u"https://widget.sendshapes.com:3443/api3/"_s;

QueueItem makeItem(const QString &environment, const QString &name, const QString &sha = u"aa11"_s,
                   const QString &email = u"a@example.com"_s)
{
    QueueItem item;
    item.environment = environment;
    item.sourcePath = u"/designs/"_s + name;
    item.fileName = name;
    item.size = 1234;
    item.modified = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
    item.sha256 = sha;
    item.receiverEmail = email;
    item.price = *Decimal::fromString(u"10.56");
    item.currency = u"EUR"_s;
    item.partnerJobId = u"job-1"_s;
    return item;
}

Order makeOrder(const QString &environment, const QString &token, qint64 createdMs)
{
    Order order;
    order.environment = environment;
    order.token = token;
    order.tokenLink = u"http://example.com/t/"_s + token;
    order.sslTokenLink = u"https://example.com/t/"_s + token;
    order.fileName = token + u".stl"_s;
    order.size = 42;
    order.sha256 = u"ff"_s + token;
    order.receiverEmail = u"r@example.com"_s;
    order.price = *Decimal::fromString(u"0.10");
    order.currency = u"USD"_s;
    order.created = QDateTime::fromMSecsSinceEpoch(createdMs, Qt::UTC);
    return order;
}

// The store's own connection (same thread), to look at its PRAGMAs.
QSqlDatabase storeConnection()
{
    const QStringList names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(u"pc.orders."_s))
            return QSqlDatabase::database(name, false);
    }
    return {};
}

QVariant scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

// The SQLite store's files are the subject of some tests; a PostgreSQL server keeps its own.
#define SQLITE_FILES_ONLY()                                                                        \
    do {                                                                                           \
        if (StoreTarget::usesPostgres())                                                           \
            QSKIP("about the SQLite file and its journal; PostgreSQL keeps its own files");        \
    } while (false)

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

// Bytes that are no SQLite file at all.
QByteArray garbage(int size)
{
    QByteArray bytes;
    for (int i = 0; i < size; ++i)
        bytes.append(char((i * 7919) % 251));
    return bytes;
}

// The first open after orders.db or the -wal beside it was damaged: recovered, the user told
// that a file was moved aside, and the first file moved aside is named `prefix`... and holds
// `kept` byte for byte. The caller returns when this failed.
void checkMovedAside(const OpenResult &result, const QString &prefix, const QByteArray &kept)
{
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.outcome, OpenResult::Outcome::Recovered);
    QVERIFY2(result.message.contains(u"moved aside"_s), qPrintable(result.message));
    QVERIFY(!result.movedAside.isEmpty());
    const QString moved = result.movedAside.first();
    QVERIFY2(QFileInfo(moved).fileName().startsWith(prefix), qPrintable(moved));
    QCOMPARE(readAll(moved), kept); // kept, byte for byte
}

// After the recovery the store in `folder` takes an order and opens cleanly next time, with
// `count` orders.
void checkWorksAfterRecovery(OrderStore &store, const QString &folder, qsizetype count)
{
    QVERIFY(store.addOrder(makeOrder(kSandbox, u"after-recovery"_s, 1)).ok());
    store.close();
    QCOMPARE(store.open(folder).outcome, OpenResult::Outcome::Opened);
    QCOMPARE(store.orders(kSandbox)->size(), count);
}

// Opens `store` on the target as the console `consoleId` (team mode: several consoles, one
// store).
OpenResult openAs(const StoreTarget &dir, OrderStore &store, const QString &consoleId)
{
    store.setConsoleId(consoleId);
    return dir.open(store);
}

} // namespace

#define SHARED_STORE_ONLY()                                                                        \
    do {                                                                                           \
        if (!StoreTarget::usesPostgres())                                                          \
            QSKIP("a shared store; an SQLite data folder is one console's");                       \
    } while (false)

class TestOrderStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void migratesFromEmptyAndReopens();
    void newerSchemaIsLeftAlone();
    void connectionSetup();
    void environmentKeys();
    void twoStoresShareAFolder();
    void forbiddenThreadIsSaid();
    void queueItemCrud();
    void queueMoves();
    void queueItemsInStates();
    void recordTokenOnce();
    void duplicates();
    void orderFromItemAndStatusHistory();
    void printStartAndFinishTimes();
    void migrationTwoFillsPrintTimes();
    void migrationFiveMarksReconstructedLinks();
    void migrationNineKeepsEveryIdAndNeverGivesOneAgain();
    void writersAtTheSameTimeKeepRowsRight();
    void environmentsNeverMix();
    void damagedFileIsMovedAside_data();
    void damagedFileIsMovedAside();
    void damagedFileInUseIsLeftAlone();
    void staleWalBesideAHealthyStore_data();
    void staleWalBesideAHealthyStore();
    void unwritableFolderIsAnError();
    void readOnlyDatabaseIsAnError();
    void postgresRefusalsSayWhy_data();
    void postgresRefusalsSayWhy();
    void queueClaimIsExclusive();
    void eachConsoleWorksItsOwnQueue();
    void pollLeasesShareTokensOut();
    void changeFeedTellsTheOtherConsoles();
    void unknownToServiceTellsTheOtherConsoles();
    void diskFullRollsBack();
    void decimalsRoundTrip_data();
    void decimalsRoundTrip();
    void tenThousandOrders();
};

void TestOrderStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestOrderStore::migratesFromEmptyAndReopens()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(u"data/nested"_s); // created on demand
    auto open = [&](OrderStore &store) {
        return StoreTarget::usesPostgres() ? dir.open(store) : store.open(folder);
    };
    {
        OrderStore store;
        const OpenResult result = open(store);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, OpenResult::Outcome::Created);
        QCOMPARE(result.schemaVersion, pc::storedetail::latestSchemaVersion());
        QCOMPARE(result.migrationsApplied, pc::storedetail::latestSchemaVersion());
        QVERIFY(result.movedAside.isEmpty());
        if (StoreTarget::usesPostgres()) {
            QCOMPARE(result.databasePath, dir.location().displayName());
            QVERIFY(!result.databasePath.contains(StoreTarget::password()));
        } else {
            QCOMPARE(result.databasePath, QDir(folder).absoluteFilePath(u"orders.db"_s));
        }
        QVERIFY(store.addQueueItem(makeItem(kSandbox, u"a.stl"_s)).ok());
    }
    OrderStore store;
    const OpenResult again = open(store);
    QVERIFY2(again.ok(), qPrintable(again.message));
    QCOMPARE(again.outcome, OpenResult::Outcome::Opened);
    QCOMPARE(again.schemaVersion, pc::storedetail::latestSchemaVersion());
    QCOMPARE(again.migrationsApplied, 0);
    QVERIFY(again.message.isEmpty());
    QCOMPARE(store.queueItems(kSandbox)->size(), 1);
    QCOMPARE(scalar(storeConnection(), u"SELECT COUNT(*) FROM schema_version"_s).toInt(),
             pc::storedetail::latestSchemaVersion());
}

void TestOrderStore::newerSchemaIsLeftAlone()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
    }
    QVERIFY(dir.exec(u"INSERT INTO schema_version (version, applied_ms) VALUES (99, 0)"_s));
    OrderStore store;
    const OpenResult result = dir.open(store);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, StoreError::Kind::NewerSchema);
    QVERIFY(result.message.contains(u"newer"_s));
    QVERIFY(result.movedAside.isEmpty());
    QVERIFY(!store.isOpen());
    QCOMPARE(store.queueItems(kSandbox).error().kind, StoreError::Kind::CannotOpen);
}

void TestOrderStore::connectionSetup()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    QSqlDatabase db = storeConnection();
    QVERIFY(db.isOpen());
    if (StoreTarget::usesPostgres()) {
        QCOMPARE(scalar(db, u"SHOW lock_timeout"_s).toString(), u"5s"_s);
        QCOMPARE(scalar(db, u"SHOW statement_timeout"_s).toString(), u"1min"_s);
        QCOMPARE(scalar(db, u"SHOW TimeZone"_s).toString(), u"UTC"_s);
        QVERIFY(scalar(db, u"SELECT application_name FROM pg_stat_activity"
                           " WHERE pid = pg_backend_pid()"_s)
                    .toString()
                    .startsWith(u"partner-console on "_s));
        // The password is not kept by the open connection.
        QVERIFY(db.password().isEmpty());
        QSqlQuery q(db);
        QVERIFY(!q.exec(u"INSERT INTO status_history (id, order_id, recorded_ms, status_text,"
                        " message, printer_model) VALUES (1, 999, 0, '', '', '')"_s));
        return;
    }
    QCOMPARE(scalar(db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(db, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(db, u"PRAGMA synchronous"_s).toInt(), 2); // FULL
    QCOMPARE(scalar(db, u"PRAGMA busy_timeout"_s).toInt(), 5000);
    // Foreign keys are enforced, not only declared.
    QSqlQuery q(db);
    QVERIFY(!q.exec(u"INSERT INTO status_history (id, order_id, recorded_ms, status_text,"
                    " message, printer_model) VALUES (1, 999, 0, '', '', '')"_s));
}

void TestOrderStore::environmentKeys()
{
    using pc::EnvironmentKind;
    QCOMPARE(
        pc::orderEnvironmentKey(EnvironmentKind::Sandbox, QUrl(u"http://127.0.0.1:4321/api3/"_s)),
        u"sandbox"_s);
    QCOMPARE(pc::orderEnvironmentKey(EnvironmentKind::Custom,
                                     QUrl(u"https://user:pw@host:3443/api3/?api_key=x"_s)),
             u"https://host:3443/api3/"_s);
    QCOMPARE(pc::orderEnvironmentKey(EnvironmentKind::Production, QUrl()),
             pc::ServiceEndpoint::defaultProductionBaseUrl().toString(QUrl::FullyEncoded));
    for (int i = 0; i <= int(QueueState::NeedsAttention); ++i) {
        const auto state = QueueState(i);
        QCOMPARE(pc::queueStateFromKey(pc::queueStateKey(state)), state);
    }
}

void TestOrderStore::twoStoresShareAFolder()
{
    // Each instance has its own connection (the GUI and a worker, or the GUI and the CLI).
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore first;
    OrderStore second;
    QVERIFY(dir.open(first).ok());
    QCOMPARE(dir.open(second).outcome, OpenResult::Outcome::Opened);
    const qint64 id = *first.addQueueItem(makeItem(kSandbox, u"a"_s));
    QVERIFY(second.recordToken(id, u"tok"_s).ok());
    QCOMPARE((*first.queueItem(id))->token, u"tok"_s);
    QCOMPARE(first.recordToken(id, u"other"_s).error().kind, StoreError::Kind::Conflict);
    second.close();
    QVERIFY(first.queueItems(kSandbox).ok());
}

void TestOrderStore::queueItemCrud()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const auto id = store.addQueueItem(makeItem(kSandbox, u"a.stl"_s));
    QVERIFY2(id.ok(), qPrintable(id.error().message));
    const auto item = store.queueItem(*id);
    QVERIFY(item.ok() && item->has_value());
    const QueueItem &a = **item;
    QCOMPARE(a.fileName, u"a.stl"_s);
    QCOMPARE(a.sourcePath, u"/designs/a.stl"_s);
    QCOMPARE(a.size, 1234);
    QCOMPARE(a.modified, QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC));
    QCOMPARE(a.price.toString(), u"10.56"_s);
    QCOMPARE(a.state, QueueState::Queued);
    QVERIFY(a.token.isEmpty());
    QVERIFY(a.created.isValid());
    QVERIFY(!a.nextRetry.isValid());

    pc::QueueItemProgress progress;
    progress.state = QueueState::Failed;
    progress.attemptCount = 3;
    progress.nextRetry = QDateTime::fromMSecsSinceEpoch(1800000000000, Qt::UTC);
    progress.failureReason = u"HTTP 503"_s;
    progress.bytesSent = 600;
    QVERIFY(store.updateQueueItemProgress(*id, progress).ok());
    QVERIFY(store.updateQueueItemFile(*id, 99, {}, u"bb22"_s).ok());
    const QueueItem b = **store.queueItem(*id);
    QCOMPARE(b.state, QueueState::Failed);
    QCOMPARE(b.attemptCount, 3);
    QCOMPARE(b.nextRetry, progress.nextRetry);
    QCOMPARE(b.failureReason, u"HTTP 503"_s);
    QCOMPARE(b.bytesSent, 600);
    QCOMPARE(b.size, 99);
    QVERIFY(!b.modified.isValid());
    QCOMPARE(b.sha256, u"bb22"_s);

    QVERIFY(store.removeQueueItem(*id).ok());
    QVERIFY(!store.queueItem(*id)->has_value());
    QCOMPARE(store.removeQueueItem(*id).error().kind, StoreError::Kind::NotFound);
    QCOMPARE(store.updateQueueItemProgress(*id, progress).error().kind, StoreError::Kind::NotFound);
    // Ids are never reused.
    QVERIFY(*store.addQueueItem(makeItem(kSandbox, u"b.stl"_s)) > *id);
}

void TestOrderStore::queueItemsInStates()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    // Queue order a b c d e; a production item in between must never show up.
    QList<qint64> ids;
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s}) {
        ids.append(*store.addQueueItem(makeItem(kSandbox, name)));
        QVERIFY(store.addQueueItem(makeItem(kProduction, name)).ok());
    }
    const auto setState = [&](int index, QueueState state) {
        pc::QueueItemProgress progress;
        progress.state = state;
        return store.updateQueueItemProgress(ids.at(index), progress).ok();
    };
    QVERIFY(setState(0, QueueState::Done));
    QVERIFY(setState(1, QueueState::Ready));
    QVERIFY(setState(2, QueueState::Uploading));
    QVERIFY(setState(3, QueueState::Ready));
    QVERIFY(setState(4, QueueState::Ready));
    QVERIFY(store.moveQueueItem(ids.at(4), QueueMove::Top).ok()); // e a b c d

    const auto names = [&](const QList<QueueState> &states, int limit) {
        QStringList list;
        const pc::StoreResult<QList<QueueItem>> items =
            store.queueItemsInStates(kSandbox, states, limit);
        if (!items)
            return QStringList{u"error: "_s + items.error().message};
        for (const QueueItem &item : *items)
            list.append(item.fileName);
        return list;
    };
    QCOMPARE(names({QueueState::Ready}, -1), (QStringList{u"e"_s, u"b"_s, u"d"_s}));
    QCOMPARE(names({QueueState::Ready}, 2), (QStringList{u"e"_s, u"b"_s}));
    QCOMPARE(names({QueueState::Ready, QueueState::Uploading}, -1),
             (QStringList{u"e"_s, u"b"_s, u"c"_s, u"d"_s}));
    QCOMPARE(names({QueueState::Queued}, -1), QStringList());
    QCOMPARE(names({QueueState::Done}, 1), QStringList{u"a"_s});
    QCOMPARE(names({}, -1), QStringList());
    QCOMPARE(names({QueueState::Ready}, 0), QStringList());
    // Every item is read in full, as queueItem() reads it.
    const QueueItem first = store.queueItemsInStates(kSandbox, {QueueState::Ready}, 1)->first();
    QCOMPARE(first.id, ids.at(4));
    QCOMPARE(first.price, *Decimal::fromString(u"10.56"));
    QCOMPARE(first.sha256, u"aa11"_s);
}

void TestOrderStore::queueMoves()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    QList<qint64> ids;
    for (const QString &name : {u"a"_s, u"b"_s, u"c"_s, u"d"_s})
        ids.append(*store.addQueueItem(makeItem(kSandbox, name)));
    QVERIFY(store.addQueueItem(makeItem(kProduction, u"p"_s)).ok());
    auto names = [&] {
        QString s;
        for (const QueueItem &item : *store.queueItems(kSandbox))
            s += item.fileName;
        return s;
    };
    QCOMPARE(names(), u"abcd"_s);
    QVERIFY(store.moveQueueItem(ids[2], QueueMove::Up).ok());
    QCOMPARE(names(), u"acbd"_s);
    QVERIFY(store.moveQueueItem(ids[0], QueueMove::Down).ok());
    QCOMPARE(names(), u"cabd"_s);
    QVERIFY(store.moveQueueItem(ids[3], QueueMove::Top).ok());
    QCOMPARE(names(), u"dcab"_s);
    QVERIFY(store.moveQueueItem(ids[3], QueueMove::Bottom).ok());
    QCOMPARE(names(), u"cabd"_s);
    // At the edges nothing moves.
    QVERIFY(store.moveQueueItem(ids[2], QueueMove::Up).ok());
    QVERIFY(store.moveQueueItem(ids[2], QueueMove::Top).ok());
    QVERIFY(store.moveQueueItem(ids[3], QueueMove::Down).ok());
    QVERIFY(store.moveQueueItem(ids[3], QueueMove::Bottom).ok());
    QCOMPARE(names(), u"cabd"_s);
    QCOMPARE(store.moveQueueItem(12345, QueueMove::Up).error().kind, StoreError::Kind::NotFound);
    QCOMPARE(store.queueItems(kProduction)->size(), 1);
}

void TestOrderStore::recordTokenOnce()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 a = *store.addQueueItem(makeItem(kSandbox, u"a"_s));
    const qint64 b = *store.addQueueItem(makeItem(kSandbox, u"b"_s));
    QVERIFY(store.recordToken(a, u"tok-1"_s).ok());
    QVERIFY(store.recordToken(a, u"tok-1"_s).ok()); // resumed: same token
    const auto second = store.recordToken(a, u"tok-2"_s);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().kind, StoreError::Kind::Conflict);
    QVERIFY(!second.error().message.isEmpty());
    QCOMPARE((*store.queueItem(a))->token, u"tok-1"_s);
    // Another item cannot take the same token; an empty token is refused.
    QCOMPARE(store.recordToken(b, u"tok-1"_s).error().kind, StoreError::Kind::Conflict);
    QCOMPARE(store.recordToken(b, u" "_s).error().kind, StoreError::Kind::InvalidInput);
    QCOMPARE(store.recordToken(999, u"tok-9"_s).error().kind, StoreError::Kind::NotFound);
    QVERIFY((*store.queueItem(b))->token.isEmpty());
    // The same token in another environment is another transaction.
    const qint64 p = *store.addQueueItem(makeItem(kProduction, u"p"_s));
    QVERIFY(store.recordToken(p, u"tok-1"_s).ok());
}

// A store told the thread it must never work on (the window's GUI thread) says so at every
// call made there (the call still runs).
void TestOrderStore::forbiddenThreadIsSaid()
{
    StoreTarget target;
    QVERIFY(target.isValid());
    OrderStore store;
    QVERIFY(target.open(store).ok());
    pc::StoreThreadCheck::setReaction(pc::StoreThreadCheck::Reaction::Log);
    const int before = pc::StoreThreadCheck::violations();
    QVERIFY(store.orders(u"sandbox"_s).ok());
    QCOMPARE(pc::StoreThreadCheck::violations(), before);

    store.setForbiddenThread(QThread::currentThread());
    QTest::ignoreMessage(
        QtCriticalMsg,
        QRegularExpression(u"order store work on the GUI thread \\(a store call\\)"_s));
    QVERIFY(store.orders(u"sandbox"_s).ok()); // said, not refused
    QCOMPARE(pc::StoreThreadCheck::violations(), before + 1);

    store.setForbiddenThread(nullptr);
}

void TestOrderStore::duplicates()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 a = *store.addQueueItem(makeItem(kSandbox, u"a"_s, u"h1"_s, u"x@example.com"_s));
    const qint64 b = *store.addQueueItem(makeItem(kSandbox, u"b"_s, u"h1"_s, u"X@Example.com"_s));
    QVERIFY(store.addQueueItem(makeItem(kSandbox, u"c"_s, u"h1"_s, u"other@example.com"_s)).ok());
    QVERIFY(store.addQueueItem(makeItem(kSandbox, u"d"_s, u"h2"_s, u"x@example.com"_s)).ok());
    QVERIFY(store.addQueueItem(makeItem(kProduction, u"e"_s, u"h1"_s, u"x@example.com"_s)).ok());

    auto found = store.findDuplicates(kSandbox, u"h1"_s, u"x@example.com"_s, b);
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->at(0).source, DuplicateMatch::Source::QueueItem);
    QCOMPARE(found->at(0).id, a);

    // Once `a` became an order it is reported as the order, once.
    QVERIFY(store.recordToken(a, u"tok-a"_s).ok());
    QVERIFY(store.createOrderFromItem(a, u"l"_s, u"s"_s).ok());
    found = store.findDuplicates(kSandbox, u"h1"_s, u"x@example.com"_s, b);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->at(0).source, DuplicateMatch::Source::Order);
    QCOMPARE(found->at(0).token, u"tok-a"_s);
    // Nothing for a new file, and the checked item's own order does not count.
    QVERIFY(store.findDuplicates(kSandbox, u"h9"_s, u"x@example.com"_s)->isEmpty());
    found = store.findDuplicates(kSandbox, u"h1"_s, u"x@example.com"_s, a);
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->at(0).id, b);
}

void TestOrderStore::orderFromItemAndStatusHistory()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 item = *store.addQueueItem(makeItem(kSandbox, u"a.stl"_s));
    QCOMPARE(store.createOrderFromItem(item, u"l"_s, u"s"_s).error().kind,
             StoreError::Kind::InvalidInput); // no token yet
    QVERIFY(store.orders(kSandbox)->isEmpty());
    QVERIFY(store.recordToken(item, u"tok-1"_s).ok());
    const auto created = store.createOrderFromItem(item, u"http://l/tok-1"_s, u"https://l/tok-1"_s);
    QVERIFY2(created.ok(), qPrintable(created.error().message));
    QCOMPARE((*store.queueItem(item))->state, QueueState::Done);
    // Again (a resumed item): the same order, not a second one.
    const auto again = store.createOrderFromItem(item, u"x"_s, u"y"_s);
    QVERIFY(again.ok());
    QCOMPARE(again->id, created->id);
    QCOMPARE(store.orders(kSandbox)->size(), 1);

    const Order order = **store.orderByToken(kSandbox, u"tok-1"_s);
    QCOMPARE(order.id, created->id);
    QCOMPARE(order.queueItemId, std::optional<qint64>(item));
    QCOMPARE(order.tokenLink, u"http://l/tok-1"_s);
    QCOMPARE(order.sslTokenLink, u"https://l/tok-1"_s);
    QCOMPARE(order.fileName, u"a.stl"_s);
    QCOMPARE(order.price.toString(), u"10.56"_s);
    QCOMPARE(order.currency, u"EUR"_s);
    QCOMPARE(order.partnerJobId, u"job-1"_s);
    QVERIFY(order.status.isAwaitingCustomer());
    QVERIFY(!order.lastChecked.isValid());

    const QDateTime t1 = QDateTime::fromMSecsSinceEpoch(1700000001000, Qt::UTC);
    // Still awaiting the customer: nothing changed, no history, but the check is recorded.
    auto changed = store.updateOrderStatus(order.id, PrintStatus{}, t1);
    QVERIFY(changed.ok());
    QVERIFY(!*changed);
    QVERIFY(store.statusHistory(order.id)->isEmpty());
    QCOMPARE((*store.order(order.id))->lastChecked, t1);

    PrintStatus printing;
    printing.status = pc::JobStatus::Printing;
    printing.statusText = u"PRINTING"_s;
    printing.percentage = 12.5;
    printing.minutesLeft = 30;
    printing.totalTime = 100;
    printing.printerModel = u"Prusa MK4"_s;
    const QDateTime t2 = t1.addSecs(60);
    QVERIFY(*store.updateOrderStatus(order.id, printing, t2));
    QVERIFY(!*store.updateOrderStatus(order.id, printing, t2.addSecs(15)));
    PrintStatus odd;
    odd.status = pc::JobStatus::Unknown;
    odd.statusText = u"RECALIBRATING"_s;
    const QDateTime t3 = t2.addSecs(60);
    QVERIFY(*store.updateOrderStatus(order.id, odd, t3));

    const auto history = store.statusHistory(order.id);
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 2);
    QCOMPARE(history->at(0).time, t2);
    QCOMPARE(history->at(0).status, printing);
    QCOMPARE(history->at(1).time, t3);
    QCOMPARE(history->at(1).status.statusText, u"RECALIBRATING"_s);
    QCOMPARE(history->at(1).status.status, pc::JobStatus::Unknown);
    QVERIFY(!history->at(1).status.percentage.has_value());

    const Order latest = **store.order(order.id);
    QCOMPARE(latest.status.statusText, u"RECALIBRATING"_s);
    QCOMPARE(latest.lastChecked, t3);
    QVERIFY(store.setOrderUnknownToService(order.id, true).ok());
    QVERIFY((*store.order(order.id))->unknownToService);
    QCOMPARE(store.updateOrderStatus(4242, odd, t3).error().kind, StoreError::Kind::NotFound);

    // Removing the queue item keeps the order.
    QVERIFY(store.removeQueueItem(item).ok());
    const Order kept = **store.order(order.id);
    QVERIFY(!kept.queueItemId.has_value());
    QCOMPARE(kept.token, u"tok-1"_s);
    // A token already in the list is refused.
    QCOMPARE(store.addOrder(makeOrder(kSandbox, u"tok-1"_s, 1)).error().kind,
             StoreError::Kind::Conflict);
}

void TestOrderStore::environmentsNeverMix()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    QVERIFY(store.addOrder(makeOrder(kSandbox, u"s1"_s, 1000)).ok());
    QVERIFY(store.addOrder(makeOrder(kSandbox, u"s2"_s, 2000)).ok());
    QVERIFY(store.addOrder(makeOrder(kProduction, u"p1"_s, 1500)).ok());
    // The same token in both: two different orders.
    QVERIFY(store.addOrder(makeOrder(kProduction, u"s1"_s, 3000)).ok());

    const auto sandbox = store.orders(kSandbox);
    QCOMPARE(sandbox->size(), 2);
    QCOMPARE(sandbox->at(0).token, u"s1"_s);
    QCOMPARE(sandbox->at(1).token, u"s2"_s);
    for (const Order &o : *sandbox)
        QCOMPARE(o.environment, kSandbox);
    const auto production = store.orders(kProduction);
    QCOMPARE(production->size(), 2);
    QCOMPARE(production->at(0).token, u"p1"_s);
    QVERIFY(!store.orderByToken(kSandbox, u"p1"_s)->has_value());
    QVERIFY(!store.orderByToken(kProduction, u"s2"_s)->has_value());
    QVERIFY(store.orders(u"https://other:1/api3/"_s)->isEmpty());
    QCOMPARE((*store.orderByToken(kProduction, u"s1"_s))->created.toMSecsSinceEpoch(), 3000);
}

void TestOrderStore::damagedFileIsMovedAside_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("garbage") << u"garbage"_s;
    QTest::newRow("truncated") << u"truncated"_s;
    QTest::newRow("zero bytes") << u"empty"_s;
}

void TestOrderStore::damagedFileIsMovedAside()
{
    SQLITE_FILES_ONLY();
    QFETCH(QString, kind);
    StoreTarget dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"orders.db"_s);
    QByteArray bytes;
    if (kind == u"garbage"_s) {
        bytes = garbage(20000);
    } else if (kind == u"truncated"_s) {
        {
            OrderStore store;
            QVERIFY(dir.open(store).ok());
            QList<Order> many;
            for (int i = 0; i < 500; ++i)
                many.append(makeOrder(kSandbox, u"t%1"_s.arg(i), i));
            QVERIFY(store.addOrders(many).ok());
        }
        QVERIFY(!QFileInfo::exists(path + u"-wal"_s)); // checkpointed at close
        const QByteArray whole = readAll(path);
        QVERIFY(whole.size() > 8 * 4096);
        bytes = whole.left(whole.size() / 2);
    }
    QVERIFY(writeAll(path, bytes));
    // A WAL next to a file that is no database at all is kept too. (Next to a damaged
    // database, SQLite itself discards a WAL it cannot use.)
    if (kind == u"garbage"_s)
        QVERIFY(writeAll(path + u"-wal"_s, QByteArray("stale wal")));

    OrderStore store;
    const OpenResult result = store.open(dir.path());
    checkMovedAside(result, u"orders.db.corrupt-"_s, bytes);
    if (QTest::currentTestFailed())
        return;
    const QString moved = result.movedAside.first();
    QCOMPARE(QFileInfo(moved).fileName().size(),
             int(u"orders.db.corrupt-20240101-120000"_s.size()));
    if (kind == u"garbage"_s) {
        QCOMPARE(result.movedAside.size(), 2);
        QCOMPARE(result.movedAside.at(1), moved + u"-wal"_s);
        QCOMPARE(readAll(moved + u"-wal"_s), QByteArray("stale wal"));
    }
    // The fresh store works and stays fine on the next open.
    QVERIFY(store.orders(kSandbox)->isEmpty());
    checkWorksAfterRecovery(store, dir.path(), 1);
}

// Only a store that holds the database alone may move it aside: while another store (here in
// this process, as another console would be) has it open, a file that looks damaged from here
// is reported and left as it is.
void TestOrderStore::damagedFileInUseIsLeftAlone()
{
    SQLITE_FILES_ONLY();
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore first;
    QVERIFY(dir.open(first).ok());
    QVERIFY(first.addOrders({makeOrder(kSandbox, u"kept"_s, 1)}).ok());
    const QString path = dir.filePath(u"orders.db"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QByteArray header = file.read(16);
    QVERIFY(file.seek(0) && file.write("not SQLite at al") == 16);
    file.close();

    OrderStore second;
    const OpenResult result = second.open(dir.path());
    QVERIFY2(!result.ok(), qPrintable(result.message));
    QCOMPARE(result.error.kind, StoreError::Kind::Corrupt);
    QVERIFY2(result.message.contains(u"another console is using it"_s), qPrintable(result.message));
    QVERIFY(result.movedAside.isEmpty());
    QVERIFY(QDir(dir.path()).entryList({u"orders.db.corrupt-*"_s}).isEmpty());
    QVERIFY(!second.isOpen());

    // Put right, the file opens for both, with what the first store wrote.
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.write(header) == 16);
    file.close();
    QVERIFY(second.open(dir.path()).ok());
    QVERIFY(second.orderByToken(kSandbox, u"kept"_s)->has_value());
}

void TestOrderStore::staleWalBesideAHealthyStore_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("garbage") << u"garbage"_s;
    QTest::newRow("another database's") << u"foreign"_s;
    QTest::newRow("an old one of this database") << u"old"_s;
}

// A -wal file that does not belong to the healthy database beside it (garbage, one copied from
// another data folder, or an old one of this database restored from a backup). SQLite checks
// a WAL's frames only against the WAL's own header, so it would apply another database's
// pages (this test saw the orders replaced by the foreign one, and a committed order lost to
// the old WAL). Without the -shm index every open connection and every crash leaves beside it,
// the file is moved aside unapplied and the user told; the store loses nothing.
void TestOrderStore::staleWalBesideAHealthyStore()
{
    SQLITE_FILES_ONLY();
    QFETCH(QString, kind);
    StoreTarget dir;
    QVERIFY(dir.isValid());
    QTemporaryDir other;
    const QString path = dir.filePath(u"orders.db"_s);
    QByteArray wal;
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        QVERIFY(store.addOrder(makeOrder(kSandbox, u"mine-1"_s, 1)).ok());
        if (kind == u"old"_s)
            wal = readAll(path + u"-wal"_s); // its WAL before the checkpoint at close
        QVERIFY(store.addOrder(makeOrder(kSandbox, u"mine-2"_s, 2)).ok());
    }
    QVERIFY(!QFileInfo::exists(path + u"-wal"_s)); // checkpointed at close
    if (kind == u"garbage"_s) {
        wal = garbage(40000);
    } else if (kind == u"foreign"_s) {
        OrderStore foreign;
        QVERIFY(foreign.open(other.path()).ok());
        QVERIFY(foreign.addOrder(makeOrder(kSandbox, u"foreign"_s, 3)).ok());
        wal = readAll(other.filePath(u"orders.db-wal"_s)); // not yet checkpointed
    }
    QVERIFY(wal.size() > 32);
    QVERIFY(writeAll(path + u"-wal"_s, wal));

    OrderStore store;
    const OpenResult result = store.open(dir.path());
    checkMovedAside(result, u"orders.db.stale-wal-"_s, wal);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(result.movedAside.size(), 1);
    QStringList tokens;
    for (const Order &order : *store.orders(kSandbox))
        tokens.append(order.token);
    tokens.sort();
    QCOMPARE(tokens.join(u' '), u"mine-1 mine-2"_s);
    checkWorksAfterRecovery(store, dir.path(), 3);
}

void TestOrderStore::unwritableFolderIsAnError()
{
    if (StoreTarget::usesPostgres())
        QSKIP("a folder; PostgreSQL's counterpart is readOnlyDatabaseIsAnError");
    StoreTarget dir;
    QVERIFY(dir.isValid());
    QString folder;
    if (geteuid() == 0) {
        // chmod does not stop root: use a folder that cannot exist (under a regular file).
        const QString file = dir.filePath(u"plain-file"_s);
        QVERIFY(writeAll(file, "x"));
        folder = file + u"/data"_s;
    } else {
        folder = dir.filePath(u"readonly"_s);
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
    }
    OrderStore store;
    const OpenResult result = store.open(folder);
    if (geteuid() != 0)
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(!result.ok());
    QCOMPARE(result.outcome, OpenResult::Outcome::Failed);
    // A folder that is a file cannot be opened at all; one without write permission (not
    // for root, whom permission bits do not stop) is reported as read-only.
    QCOMPARE(result.error.kind,
             geteuid() == 0 ? StoreError::Kind::CannotOpen : StoreError::Kind::ReadOnly);
    QVERIFY(!result.message.isEmpty());
    QVERIFY(!store.isOpen());
    QCOMPARE(store.addQueueItem(makeItem(kSandbox, u"a"_s)).error().kind,
             StoreError::Kind::CannotOpen);
    QCOMPARE(store.open(QString()).error.kind, StoreError::Kind::CannotOpen);
}

// PostgreSQL's read-only store: a database this user may read but not write.
void TestOrderStore::readOnlyDatabaseIsAnError()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("PostgreSQL only; SQLite's counterpart is unwritableFolderIsAnError");
    StoreTarget dir;
    QVERIFY(dir.isValid());
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        QVERIFY(store.addQueueItem(makeItem(kSandbox, u"kept"_s)).ok());
    }
    QVERIFY(dir.exec(u"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET"
                     " default_transaction_read_only = on', current_database()); END $$"_s));
    OrderStore store;
    const OpenResult result = dir.open(store);
    QCOMPARE(result.error.kind, StoreError::Kind::ReadOnly);
    QVERIFY2(result.message.contains(u"write access"_s), qPrintable(result.message));
    QVERIFY(!store.isOpen());
    QVERIFY(dir.exec(u"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET"
                     " default_transaction_read_only = off', current_database()); END $$"_s));
    QVERIFY(dir.open(store).ok());
    QCOMPARE(store.queueItems(kSandbox)->size(), 1);
}

void TestOrderStore::postgresRefusalsSayWhy_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong password") << u""_s << u"not-the-password"_s << u"password is wrong"_s;
    QTest::newRow("no such database")
        << u"database"_s << QString() << u"does not exist on the server"_s;
    QTest::newRow("no such user") << u"user"_s << QString() << u"password is wrong"_s;
    QTest::newRow("nothing listening") << u"port"_s << QString() << u"cannot be reached"_s;
    QTest::newRow("unknown host") << u"host"_s << QString() << u"not known on the network"_s;
}

// Each way a server refuses a console ends in a message that says which and what to do, and
// never holds the password.
void TestOrderStore::postgresRefusalsSayWhy()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("PostgreSQL only");
    QFETCH(QString, change);
    QFETCH(QString, password);
    QFETCH(QString, expected);
    StoreTarget dir;
    QVERIFY(dir.isValid());
    QUrl url = dir.location().url;
    if (change == u"database"_s)
        url.setPath(u"/no_such_database"_s);
    else if (change == u"user"_s)
        url.setUserName(u"no_such_user"_s);
    else if (change == u"port"_s)
        url.setPort(1); // nothing listens on port 1
    else if (change == u"host"_s)
        url.setHost(u"no-such-host.invalid"_s);
    QString error;
    const std::optional<pc::StoreLocation> location =
        pc::StoreLocation::parse(url.toString(), &error);
    QVERIFY2(location, qPrintable(error));
    OrderStore store;
    const OpenResult result =
        store.open(*location, password.isNull() ? StoreTarget::password() : password);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, StoreError::Kind::CannotOpen);
    QVERIFY2(result.message.contains(expected), qPrintable(result.message));
    for (const QString &secret : {StoreTarget::password(), password}) {
        if (!secret.isEmpty())
            QVERIFY(!result.message.contains(secret) && !result.error.detail.contains(secret));
    }
    QVERIFY(!store.isOpen());
}

// One store at a time works the queue, on either backend; the claim ends with its holder.
void TestOrderStore::queueClaimIsExclusive()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore first;
    OrderStore second;
    QVERIFY(dir.open(first).ok());
    QVERIFY(dir.open(second).ok());
    QVERIFY(first.claimQueue().ok());
    QVERIFY(first.claimQueue().ok()); // again: still one claim
    QVERIFY(first.holdsQueueClaim());
    const pc::StoreStatus refused = second.claimQueue();
    QCOMPARE(refused.error().kind, StoreError::Kind::Locked);
    QVERIFY2(refused.error().message.contains(u"partner-console"_s) ||
                 refused.error().message.contains(u"tst_orderstore"_s),
             qPrintable(refused.error().message));
    QVERIFY(!second.holdsQueueClaim());
    first.releaseQueueClaim();
    QVERIFY(!first.holdsQueueClaim());
    QVERIFY(second.claimQueue().ok());
    QCOMPARE(first.claimQueue().error().kind, StoreError::Kind::Locked);
    second.close(); // closing frees it, as a dying process's connection does
    QVERIFY(first.claimQueue().ok());
}

// In a shared store each console sees and works the queue items it added (their files are
// on its disk); two consoles work their queues at the same time, two processes of one console
// do not.
void TestOrderStore::eachConsoleWorksItsOwnQueue()
{
    SHARED_STORE_ONLY();
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore alice;
    OrderStore bob;
    QVERIFY(openAs(dir, alice, u"alice@desk-1/0001"_s).ok());
    QVERIFY(openAs(dir, bob, u"bob@desk-2/0002"_s).ok());
    const qint64 mine = *alice.addQueueItem(makeItem(kSandbox, u"alice.stl"_s));
    QVERIFY(bob.addQueueItem(makeItem(kSandbox, u"bob.stl"_s)).ok());
    QCOMPARE(alice.queueItems(kSandbox)->size(), 1);
    QCOMPARE(alice.queueItems(kSandbox)->first().id, mine);
    QCOMPARE(bob.queueItems(kSandbox)->first().fileName, u"bob.stl"_s);
    QCOMPARE(alice.queueItemsInStates(kSandbox, {QueueState::Queued})->size(), 1);
    // Duplicates are found across the team: someone else may have sent it already.
    QCOMPARE(bob.findDuplicates(kSandbox, u"aa11"_s, u"a@example.com"_s)->size(), 2);

    QVERIFY(alice.claimQueue().ok());
    QVERIFY(bob.claimQueue().ok());
    OrderStore aliceAgain; // her CLI, or a second window
    aliceAgain.setConsoleId(alice.consoleId());
    QVERIFY(dir.open(aliceAgain).ok());
    const pc::StoreStatus refused = aliceAgain.claimQueue();
    QCOMPARE(refused.error().kind, StoreError::Kind::Locked);
    QVERIFY2(refused.error().message.contains(u"partner-console on"_s),
             qPrintable(refused.error().message));
    alice.close();
    QVERIFY(aliceAgain.claimQueue().ok());
}

// Exactly one console polls a token at a time; a lease that runs out (its console died) or is
// given up (its console closed) passes to another.
void TestOrderStore::pollLeasesShareTokensOut()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore first;
    OrderStore second;
    QVERIFY(openAs(dir, first, u"first"_s).ok());
    QVERIFY(openAs(dir, second, u"second"_s).ok());
    auto sorted = [](QStringList list) {
        list.sort();
        return list;
    };
    QCOMPARE(sorted(*first.leasePolling(kSandbox, {u"t1"_s, u"t2"_s}, 60000)),
             QStringList({u"t1"_s, u"t2"_s}));
    QCOMPARE(*second.leasePolling(kSandbox, {u"t1"_s, u"t2"_s, u"t3"_s}, 60000),
             QStringList({u"t3"_s}));
    QCOMPARE(*second.leasePolling(kProduction, {u"t1"_s}, 60000), QStringList({u"t1"_s}));
    const QHash<QString, QString> holders = *first.pollLeaseHolders(kSandbox);
    QCOMPARE(holders.size(), 3);
    QCOMPARE(holders.value(u"t1"_s), u"first"_s);
    QCOMPARE(holders.value(u"t3"_s), u"second"_s);
    // Renewing keeps what is still listed and lets go of the rest (a finished print).
    QCOMPARE(*first.leasePolling(kSandbox, {u"t1"_s}, 60000), QStringList({u"t1"_s}));
    QCOMPARE(sorted(*second.leasePolling(kSandbox, {u"t1"_s, u"t2"_s, u"t3"_s}, 60000)),
             QStringList({u"t2"_s, u"t3"_s}));
    // A lease that has run out is taken over.
    QCOMPARE(*first.leasePolling(kSandbox, {u"t1"_s}, 1), QStringList({u"t1"_s}));
    QTest::qWait(20);
    QCOMPARE(sorted(*second.leasePolling(kSandbox, {u"t1"_s, u"t2"_s, u"t3"_s}, 60000)),
             QStringList({u"t1"_s, u"t2"_s, u"t3"_s}));
    QVERIFY(first.leasePolling(kSandbox, {u"t1"_s}, 60000)->isEmpty());
    // Given up: at once.
    QVERIFY(second.releasePollLeases().ok());
    QCOMPARE(*first.leasePolling(kSandbox, {u"t1"_s}, 60000), QStringList({u"t1"_s}));
    QCOMPARE(*second.leasePolling(kProduction, {u"t1"_s}, 60000), QStringList({u"t1"_s}));
    // Whatever a token holds (PostgreSQL gets them as one array), listed twice or not at all.
    const QStringList odd{u"q\"uote"_s, u"com,ma"_s, u"back\\slash"_s, u"{brace}"_s,
                          u"sp ace"_s,  u"NULL"_s,   u"t1"_s};
    QCOMPARE(sorted(*first.leasePolling(kSandbox, odd + odd, 60000)), sorted(odd));
    QCOMPARE(sorted(*first.leasePolling(kSandbox, odd.mid(2), 60000)), sorted(odd.mid(2)));
    QCOMPARE(first.pollLeaseHolders(kSandbox)->size(), odd.size() - 2);
    QVERIFY(first.leasePolling(kSandbox, {}, 60000)->isEmpty());
    QVERIFY(first.pollLeaseHolders(kSandbox)->isEmpty());
}

// Another console's new order and status change reach this one by notification; its own
// changes do not come back to it.
void TestOrderStore::changeFeedTellsTheOtherConsoles()
{
    SHARED_STORE_ONLY();
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore watcher;
    OrderStore writer;
    QVERIFY(openAs(dir, watcher, u"watcher"_s).ok());
    QVERIFY(openAs(dir, writer, u"writer"_s).ok());
    QSignalSpy seen(watcher.changeFeed(), &pc::StoreChangeFeed::orderChanged);
    QSignalSpy echoed(writer.changeFeed(), &pc::StoreChangeFeed::orderChanged);

    const qint64 id = *writer.addOrder(makeOrder(kSandbox, u"shared"_s, 1000));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    QCOMPARE(seen.takeFirst().at(0).toLongLong(), id);
    QCOMPARE((*watcher.order(id))->token, u"shared"_s);

    PrintStatus printing;
    printing.status = pc::JobStatus::Printing;
    printing.statusText = u"PRINTING"_s;
    printing.percentage = 40;
    QVERIFY(*writer.updateOrderStatus(id, printing, QDateTime::currentDateTimeUtc()));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    QCOMPARE((*watcher.order(id))->status.percentage.value_or(-1), 40.0);
    // Checked again without a change: nothing to tell.
    QVERIFY(!*writer.updateOrderStatus(id, printing, QDateTime::currentDateTimeUtc()));
    const qint64 second = *writer.addOrder(makeOrder(kSandbox, u"second"_s, 2000));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2, 10000);
    QCOMPARE(seen.at(1).at(0).toLongLong(), second);
    QVERIFY(echoed.isEmpty());
}

// The service no longer knowing a token is news for the other consoles too (they mark the
// order and their pollers slow down for it), and so is its knowing it again; setting the flag
// to what it already is tells nobody.
void TestOrderStore::unknownToServiceTellsTheOtherConsoles()
{
    SHARED_STORE_ONLY();
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore watcher;
    OrderStore writer;
    QVERIFY(openAs(dir, watcher, u"watcher"_s).ok());
    QVERIFY(openAs(dir, writer, u"writer"_s).ok());
    const qint64 id = *writer.addOrder(makeOrder(kSandbox, u"forgotten"_s, 1000));
    const qint64 other = *writer.addOrder(makeOrder(kSandbox, u"other"_s, 2000));
    QSignalSpy seen(watcher.changeFeed(), &pc::StoreChangeFeed::orderChanged);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2, 10000);
    seen.clear();

    QVERIFY(writer.setOrderUnknownToService(id, true).ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    QCOMPARE(seen.at(0).at(0).toLongLong(), id);
    QVERIFY((*watcher.order(id))->unknownToService);
    QVERIFY(writer.setOrderUnknownToService(id, true).ok()); // already so: no news
    QVERIFY(writer.setOrderUnknownToService(id, false).ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2, 10000);
    QCOMPARE(seen.at(1).at(0).toLongLong(), id);
    QVERIFY(!(*watcher.order(id))->unknownToService);

    // A status check with the same status that finds the token known again clears the mark,
    // and says so; a plain check does not.
    QVERIFY(writer.setOrderUnknownToService(id, true).ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 3, 10000);
    const PrintStatus awaiting = (*writer.order(id))->status;
    QVERIFY(!*writer.updateOrderStatus(id, awaiting, QDateTime::currentDateTimeUtc()));
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 4, 10000);
    QVERIFY(!(*watcher.order(id))->unknownToService);
    QVERIFY(!*writer.updateOrderStatus(id, awaiting, QDateTime::currentDateTimeUtc()));
    QVERIFY(writer.setOrderUnknownToService(other, false).ok()); // never was: no news
    QCOMPARE(writer.setOrderUnknownToService(999'999, true).error().kind,
             StoreError::Kind::NotFound);
    QTest::qWait(500); // what would have come by now
    QCOMPARE(seen.size(), 4);
}

void TestOrderStore::diskFullRollsBack()
{
    SQLITE_FILES_ONLY();
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 first = *store.addQueueItem(makeItem(kSandbox, u"first"_s));
    QVERIFY(store.addOrder(makeOrder(kSandbox, u"before"_s, 1)).ok());
    const qint64 pages = *store.pageCountForTesting();
    QVERIFY(pages > 0);
    QCOMPARE(*store.setMaxPageCountForTesting(pages), pages);

    // Rows too large for the pages left: the write must fail as "disk full".
    QueueItem big = makeItem(kSandbox, u"big"_s);
    big.sourcePath = QString(64 * 1024, u'p');
    const auto failed = store.addQueueItem(big);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind, StoreError::Kind::DiskFull);
    QVERIFY(failed.error().message.contains(u"disk is full"_s));
    // A batch of orders fails as a whole.
    QList<Order> batch;
    for (int i = 0; i < 200; ++i) {
        Order o = makeOrder(kSandbox, u"batch%1"_s.arg(i), 10 + i);
        o.fileName = QString(1000, u'f');
        batch.append(o);
    }
    QCOMPARE(store.addOrders(batch).error().kind, StoreError::Kind::DiskFull);

    // Nothing earlier lost, nothing half-written.
    const auto items = store.queueItems(kSandbox);
    QVERIFY(items.ok());
    QCOMPARE(items->size(), 1);
    QCOMPARE(items->at(0).id, first);
    const auto orders = store.orders(kSandbox);
    QCOMPARE(orders->size(), 1);
    QCOMPARE(orders->at(0).token, u"before"_s);

    // Space again: writes work, and the failed id was not burnt into a half row.
    QVERIFY(*store.setMaxPageCountForTesting(1 << 30) > pages);
    const auto later = store.addQueueItem(big);
    QVERIFY2(later.ok(), qPrintable(later.error().message));
    QCOMPARE((*store.queueItem(*later))->sourcePath.size(), 64 * 1024);
    QVERIFY(store.addOrders(batch).ok());
    QCOMPARE(store.orders(kSandbox)->size(), 201);
}

void TestOrderStore::decimalsRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("10.56") << u"10.56"_s;
    QTest::newRow("0.10") << u"0.10"_s;
    QTest::newRow("123456789.123456") << u"123456789.123456"_s;
    QTest::newRow("0") << u"0"_s;
}

void TestOrderStore::decimalsRoundTrip()
{
    QFETCH(QString, text);
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    QueueItem item = makeItem(kSandbox, u"a"_s);
    item.price = *Decimal::fromString(text);
    const qint64 id = *store.addQueueItem(item);
    QCOMPARE((*store.queueItem(id))->price.toString(), text);
    QVERIFY(store.recordToken(id, u"tok"_s).ok());
    const auto order = store.createOrderFromItem(id, u"l"_s, u"s"_s);
    QVERIFY(order.ok());
    store.close();
    QVERIFY(dir.open(store).ok());
    QCOMPARE((*store.order(order->id))->price.toString(), text);
    QCOMPARE((*store.order(order->id))->price, *Decimal::fromString(text));
}

void TestOrderStore::tenThousandOrders()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        QList<Order> many;
        for (int i = 0; i < 10000; ++i) // inserted newest first; listed oldest first
            many.append(makeOrder(kSandbox, u"tok%1"_s.arg(i), 1'000'000 - i));
        QVERIFY(store.addOrders(many).ok());
        QVERIFY(store.addOrder(makeOrder(kProduction, u"prod"_s, 5)).ok());
    }
    OrderStore store;
    QCOMPARE(dir.open(store).outcome, OpenResult::Outcome::Opened);
    const auto orders = store.orders(kSandbox);
    QVERIFY(orders.ok());
    QCOMPARE(orders->size(), 10000);
    QCOMPARE(orders->first().token, u"tok9999"_s);
    QCOMPARE(orders->last().token, u"tok0"_s);
    QCOMPARE(orders->last().price.toString(), u"0.10"_s);
    for (qsizetype i = 1; i < orders->size(); ++i)
        QVERIFY(orders->at(i - 1).created < orders->at(i).created);
}

void TestOrderStore::printStartAndFinishTimes()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 id = *store.addOrder(makeOrder(kSandbox, u"times"_s, 1000));
    const auto at = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); };
    const auto statusOf = [](pc::JobStatus s, double percent) {
        PrintStatus status;
        status.status = s;
        status.statusText = pc::jobStatusToWire(s);
        status.percentage = percent;
        return status;
    };
    QVERIFY(store.updateOrderStatus(id, PrintStatus(), at(2000)).ok());
    QVERIFY(!(*store.order(id))->printStarted.isValid());
    QVERIFY(*store.updateOrderStatus(id, statusOf(pc::JobStatus::WarmingUp, 0), at(3000)));
    QCOMPARE((*store.order(id))->printStarted, at(3000));
    QVERIFY(*store.updateOrderStatus(id, statusOf(pc::JobStatus::Printing, 50), at(4000)));
    QVERIFY(!(*store.order(id))->printFinished.isValid());
    QVERIFY(*store.updateOrderStatus(id, statusOf(pc::JobStatus::Success, 100), at(5000)));
    QVERIFY(*store.updateOrderStatus(id, statusOf(pc::JobStatus::ConfirmedSuccess, 100), at(6000)));
    const Order done = **store.order(id);
    QCOMPARE(done.printStarted, at(3000)); // the first time, never moved later
    QCOMPARE(done.printFinished, at(5000));
    QCOMPARE((*store.orders(kSandbox)).first().printFinished, at(5000));
}

// A store of schema version 1 (before the print times) gets them from its history.
void TestOrderStore::migrationTwoFillsPrintTimes()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    qint64 id = 0;
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        id = *store.addOrder(makeOrder(kSandbox, u"old"_s, 1000));
        PrintStatus printing;
        printing.status = pc::JobStatus::Printing;
        printing.statusText = u"PRINTING"_s;
        QVERIFY(store.updateOrderStatus(id, printing, QDateTime::fromMSecsSinceEpoch(7000)).ok());
        PrintStatus failed;
        failed.status = pc::JobStatus::Failure;
        failed.statusText = u"FAILURE"_s;
        QVERIFY(store.updateOrderStatus(id, failed, QDateTime::fromMSecsSinceEpoch(9000)).ok());
    }
    // Back to version 1 by hand (undoing migrations 3 to 9 too).
    QVERIFY(dir.undoIdMigration());
    QVERIFY(dir.exec(u"DROP TABLE token_status_asks"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN archived_ms"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN note"_s));
    QVERIFY(dir.exec(u"DROP TABLE lost_token_calls"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN links_reconstructed"_s));
    QVERIFY(dir.exec(u"DROP TABLE poll_leases"_s));
    QVERIFY(dir.exec(u"DROP INDEX queue_items_by_owner"_s));
    QVERIFY(dir.exec(u"ALTER TABLE queue_items DROP COLUMN owner"_s));
    QVERIFY(dir.exec(u"DROP INDEX queue_items_by_state"_s));
    QVERIFY(dir.exec(u"DROP INDEX orders_by_finished"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN print_started_ms"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN print_finished_ms"_s));
    QVERIFY(dir.exec(u"DELETE FROM schema_version WHERE version >= 2"_s));

    OrderStore store;
    const OpenResult opened = dir.open(store);
    QVERIFY(opened.ok());
    QCOMPARE(opened.migrationsApplied, pc::storedetail::latestSchemaVersion() - 1);
    const QString indexCount =
        StoreTarget::usesPostgres()
            ? u"SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'queue_items_by_state'"_s
            : u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'queue_items_by_state'"_s;
    QCOMPARE(scalar(storeConnection(), indexCount).toInt(), 1);
    const Order order = **store.order(id);
    QCOMPARE(order.printStarted, QDateTime::fromMSecsSinceEpoch(7000, Qt::UTC));
    QCOMPARE(order.printFinished, QDateTime::fromMSecsSinceEpoch(9000, Qt::UTC));
}

// A store of schema version 4 (before orders could say their links were reconstructed), with
// orders and a queue item holding a token in it, keeps all of them; its orders read as having
// the service's own links, and an order with reconstructed links says so from then on.
void TestOrderStore::migrationFiveMarksReconstructedLinks()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    qint64 orderId = 0;
    qint64 itemId = 0;
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        orderId = *store.addOrder(makeOrder(kSandbox, u"answered"_s, 1000));
        itemId = *store.addQueueItem(makeItem(kSandbox, u"lost-answer.stl"_s));
        QVERIFY(store.recordToken(itemId, u"lostanswer"_s).ok());
    }
    // Back to version 4 by hand (undoing migrations 6 to 9 too).
    QVERIFY(dir.undoIdMigration());
    QVERIFY(dir.exec(u"DROP TABLE token_status_asks"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN archived_ms"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN note"_s));
    QVERIFY(dir.exec(u"DROP TABLE lost_token_calls"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN links_reconstructed"_s));
    QVERIFY(dir.exec(u"DELETE FROM schema_version WHERE version >= 5"_s));

    OrderStore store;
    const OpenResult opened = dir.open(store);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(opened.schemaVersion, pc::storedetail::latestSchemaVersion());
    QCOMPARE(opened.migrationsApplied, pc::storedetail::latestSchemaVersion() - 4);
    const Order answered = **store.order(orderId);
    QCOMPARE(answered.token, u"answered"_s);
    QCOMPARE(answered.tokenLink, u"http://example.com/t/answered"_s);
    QVERIFY(!answered.linksReconstructed);
    QCOMPARE((*store.queueItem(itemId))->token, u"lostanswer"_s);

    const pc::StoreResult<pc::Order> rebuilt =
        store.createOrderFromItem(itemId, u"http://widget.example/?token=lostanswer"_s,
                                  u"http://widget.example/?token=lostanswer"_s, {}, true);
    QVERIFY2(rebuilt.ok(), qPrintable(rebuilt.error().message));
    QVERIFY(rebuilt->linksReconstructed);
    const Order reread = **store.orderByToken(kSandbox, u"lostanswer"_s);
    QVERIFY(reread.linksReconstructed);
    QCOMPARE(reread.tokenLink, u"http://widget.example/?token=lostanswer"_s);
    QCOMPARE((*store.queueItem(itemId))->state, QueueState::Done);
    QVERIFY(!(**store.order(orderId)).linksReconstructed);
}

// A store of schema version 8 (ids from id_sequences) with queue items, one holding a token,
// orders and their history keeps every row under its id; new rows get ids after the highest
// one ever handed out, also when the rows that had the highest were deleted; and a token
// stays the item's only one and the order's only order.
void TestOrderStore::migrationNineKeepsEveryIdAndNeverGivesOneAgain()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    qint64 waitingId = 0;
    qint64 doneId = 0;
    qint64 madeOrderId = 0;
    qint64 addedOrderId = 0;
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        waitingId = *store.addQueueItem(makeItem(kSandbox, u"waiting.stl"_s));
        doneId = *store.addQueueItem(makeItem(kSandbox, u"done.stl"_s));
        QVERIFY(store.recordToken(waitingId, u"waitingtoken"_s).ok());
        QVERIFY(store.recordToken(doneId, u"donetoken"_s).ok());
        madeOrderId =
            store.createOrderFromItem(doneId, u"http://t/done"_s, u"https://t/done"_s)->id;
        addedOrderId = *store.addOrder(makeOrder(kSandbox, u"added"_s, 1000));
        PrintStatus printing;
        printing.status = pc::JobStatus::Printing;
        printing.statusText = u"PRINTING"_s;
        QVERIFY(store.updateOrderStatus(madeOrderId, printing, QDateTime::fromMSecsSinceEpoch(7000))
                    .ok());
    }
    // Version 8 as an older console left it, after it had deleted orders 3 to 7 and history
    // rows 2 to 4, the latest it had made.
    QVERIFY(dir.undoIdMigration({{u"orders"_s, 8}, {u"status_history"_s, 5}}));

    OrderStore store;
    const OpenResult opened = dir.open(store);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(opened.schemaVersion, pc::storedetail::latestSchemaVersion());
    QCOMPARE(opened.migrationsApplied, 1);

    const QList<QueueItem> items = *store.queueItems(kSandbox);
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).id, waitingId);
    QCOMPARE(items.at(0).token, u"waitingtoken"_s);
    QCOMPARE(items.at(1).id, doneId);
    QCOMPARE(items.at(1).state, QueueState::Done);
    const QList<Order> orders = *store.orders(kSandbox);
    QCOMPARE(orders.size(), 2);
    QCOMPARE((**store.order(madeOrderId)).token, u"donetoken"_s);
    QCOMPARE((**store.order(addedOrderId)).token, u"added"_s);
    const QList<pc::StatusHistoryEntry> history = *store.statusHistory(madeOrderId);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).status.statusText, u"PRINTING"_s);

    // New rows: after the highest id ever given, never one of a deleted row.
    const qint64 newItemId = *store.addQueueItem(makeItem(kSandbox, u"new.stl"_s));
    QCOMPARE(newItemId, doneId + 1);
    QCOMPARE((*store.queueItems(kSandbox)).last().id, newItemId);
    const qint64 newOrderId = *store.addOrder(makeOrder(kSandbox, u"new"_s, 2000));
    QCOMPARE(newOrderId, qint64(8));
    PrintStatus done;
    done.status = pc::JobStatus::Success;
    done.statusText = u"SUCCESS"_s;
    QVERIFY(store.updateOrderStatus(madeOrderId, done, QDateTime::fromMSecsSinceEpoch(9000)).ok());
    QCOMPARE((*store.statusHistory(madeOrderId)).last().id, qint64(5));

    // The tokens keep their rules: no second token, no token twice, no second order.
    QCOMPARE(store.recordToken(waitingId, u"other"_s).error().kind, StoreError::Kind::Conflict);
    QCOMPARE(store.recordToken(newItemId, u"waitingtoken"_s).error().kind,
             StoreError::Kind::Conflict);
    QCOMPARE(store.createOrderFromItem(doneId, u"http://t/x"_s, u"https://t/x"_s)->id, madeOrderId);
    QCOMPARE((*store.orders(kSandbox)).size(), 3);

    const QString sequences =
        StoreTarget::usesPostgres()
            ? u"SELECT COUNT(*) FROM pg_tables WHERE tablename = 'id_sequences'"_s
            : u"SELECT next_value FROM id_sequences WHERE name = 'orders'"_s;
    QCOMPARE(scalar(storeConnection(), sequences).toInt(), StoreTarget::usesPostgres() ? 0 : 9);
}

// Consoles writing at the same moment, each on a connection of its own (a thread here), with
// no lock between them: every queue item gets an id of its own, an item gets one token and one
// order whichever console saves them, and each token is polled by one console only.
void TestOrderStore::writersAtTheSameTimeKeepRowsRight()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore setup;
    QVERIFY(dir.open(setup).ok());
    const qint64 shared = *setup.addQueueItem(makeItem(kSandbox, u"shared.stl"_s));
    QStringList tokens;
    for (int i = 0; i < 20; ++i)
        tokens.append(u"poll%1"_s.arg(i));

    constexpr int kConsoles = 3;
    constexpr int kItems = 30;
    struct Outcome
    {
        QList<qint64> ids;
        int tokenRefusals = 0;
        QList<qint64> orderIds;
        QStringList held;
        QString failure;
    };
    std::array<Outcome, kConsoles> outcomes;
    std::latch allWorked(kConsoles);
    std::latch allLeased(kConsoles);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int c = 0; c < kConsoles; ++c) {
        threads.push_back(std::unique_ptr<QThread>(QThread::create([&, c] {
            Outcome &out = outcomes[std::size_t(c)];
            OrderStore store;
            auto lease = [&] {
                const auto leased = store.leasePolling(kSandbox, tokens, 60'000);
                if (!leased)
                    out.failure = leased.error().message;
                else
                    out.held = *leased;
                return leased.ok();
            };
            if (!openAs(dir, store, u"console%1"_s.arg(c)).ok())
                out.failure = u"open failed"_s;
            for (int i = 0; i < kItems && out.failure.isEmpty(); ++i) {
                const auto id =
                    store.addQueueItem(makeItem(kSandbox, u"f%1-%2.stl"_s.arg(c).arg(i)));
                if (!id) {
                    out.failure = id.error().message;
                    break;
                }
                out.ids.append(*id);
                lease();
            }
            if (out.failure.isEmpty()) {
                if (!store.recordToken(shared, u"shared-%1"_s.arg(c)))
                    ++out.tokenRefusals;
                const auto order =
                    store.createOrderFromItem(shared, u"http://t/s"_s, u"https://t/s"_s);
                if (order)
                    out.orderIds.append(order->id);
            }
            // Once more while every console is there (a shared store that closes gives its
            // leases up), and closed only when all have.
            allWorked.arrive_and_wait();
            if (out.failure.isEmpty())
                lease();
            allLeased.arrive_and_wait();
        })));
    }
    for (auto &thread : threads)
        thread->start();
    for (auto &thread : threads)
        QVERIFY(thread->wait(60'000));

    QSet<qint64> ids;
    QSet<QString> held;
    int refusals = 0;
    QSet<qint64> orderIds;
    for (const Outcome &out : outcomes) {
        QVERIFY2(out.failure.isEmpty(), qPrintable(out.failure));
        for (qint64 id : out.ids)
            ids.insert(id);
        for (const QString &token : out.held) {
            QVERIFY2(!held.contains(token), qPrintable(token));
            held.insert(token);
        }
        refusals += out.tokenRefusals;
        for (qint64 id : out.orderIds)
            orderIds.insert(id);
    }
    QCOMPARE(ids.size(), kConsoles * kItems);
    QCOMPARE(held.size(), tokens.size());
    QCOMPARE(refusals, kConsoles - 1);
    QCOMPARE(orderIds.size(), 1);
    QCOMPARE((*setup.orders(kSandbox)).size(), 1);
}

QTEST_GUILESS_MAIN(TestOrderStore)
#include "tst_orderstore.moc"
