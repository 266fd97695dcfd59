// What a person does with stored orders: archive them, note something, delete a test order
// (a real one only when confirmed); the status history keeping changes only, and the schema
// migration that compacts the history of older stores. Runs on SQLite and PostgreSQL.
#include "orders/orderstore.h"
#include "orders/storeschema.h"
#include "storetarget.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using pc::Decimal;
using pc::JobStatus;
using pc::OpenResult;
using pc::Order;
using pc::OrderDeletion;
using pc::OrderStore;
using pc::PrintStatus;
using pc::QueueItem;
using pc::StoreError;
using pc::test::StoreTarget;

namespace {

const QString kSandbox = u"sandbox"_s;
const QString kProduction = u"https://widget.sendshapes.com:3443/api3/"_s;

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

PrintStatus printing(double percentage, const QString &printer = u"Prusa MK4"_s)
{
    PrintStatus status;
    status.status = JobStatus::Printing;
    status.statusText = u"PRINTING"_s;
    status.percentage = percentage;
    status.minutesLeft = 100 - percentage;
    status.totalTime = percentage * 10;
    status.printerModel = printer;
    return status;
}

QDateTime at(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

} // namespace

class TestOrderStoreManagement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void archiveAndUnarchive();
    void noteIsBounded();
    void testOrdersDeleteRealOnesNeedConfirmation();
    void historyKeepsChangesOnly();
    void migrationSevenCompactsTheHistory();
    void otherConsolesHearTheChanges();
};

void TestOrderStoreManagement::initTestCase()
{
    qInfo("Store backend: %s", qPrintable(StoreTarget::backendName()));
}

void TestOrderStoreManagement::archiveAndUnarchive()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 id = *store.addOrder(makeOrder(kSandbox, u"arch"_s, 1000));
    QVERIFY(!(*store.order(id))->isArchived());

    QVERIFY(store.setOrderArchived(id, true, at(5000)).ok());
    QCOMPARE((*store.order(id))->archived, at(5000));
    // Archived again: the first time stays.
    QVERIFY(store.setOrderArchived(id, true, at(9000)).ok());
    QCOMPARE((*store.order(id))->archived, at(5000));
    // Still listed (the table hides it), still the same order otherwise.
    QCOMPARE(store.orders(kSandbox)->size(), 1);
    QCOMPARE(store.orders(kSandbox)->first().archived, at(5000));

    QVERIFY(store.setOrderArchived(id, false).ok());
    QVERIFY(!(*store.order(id))->isArchived());
    QCOMPARE(store.setOrderArchived(4242, true).error().kind, StoreError::Kind::NotFound);

    // An order added archived keeps it (an import).
    Order old = makeOrder(kSandbox, u"imported"_s, 2000);
    old.archived = at(7000);
    old.note = u"from the old shop"_s;
    const qint64 imported = *store.addOrder(old);
    QCOMPARE((*store.order(imported))->archived, at(7000));
    QCOMPARE((*store.order(imported))->note, u"from the old shop"_s);
}

void TestOrderStoreManagement::noteIsBounded()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 id = *store.addOrder(makeOrder(kSandbox, u"noted"_s, 1000));
    const pc::StoreStatus saved =
        store.setOrderNote(id, u"  Customer asked for PETG.\nCall back Friday.  "_s);
    QVERIFY2(saved.ok(), qPrintable(saved.error().message + saved.error().detail));
    QCOMPARE((*store.order(id))->note, u"Customer asked for PETG.\nCall back Friday."_s);

    const QString longest(pc::kMaxOrderNoteLength, u'x');
    QVERIFY(store.setOrderNote(id, longest).ok());
    QCOMPARE((*store.order(id))->note, longest);
    const pc::StoreStatus tooLong = store.setOrderNote(id, longest + u'y');
    QCOMPARE(tooLong.error().kind, StoreError::Kind::InvalidInput);
    QVERIFY2(tooLong.error().message.contains(u"1001"_s), qPrintable(tooLong.error().message));
    QCOMPARE((*store.order(id))->note, longest); // unchanged

    QVERIFY(store.setOrderNote(id, {}).ok());
    QVERIFY((*store.order(id))->note.isEmpty());
    QCOMPARE(store.setOrderNote(4242, u"x"_s).error().kind, StoreError::Kind::NotFound);
}

// A sandbox order is a test order and may go; a real one only when a person confirmed that
// the console forgets its token. Its history and poll lease go with it, its queue item stays.
void TestOrderStoreManagement::testOrdersDeleteRealOnesNeedConfirmation()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    QueueItem item;
    item.environment = kSandbox;
    item.sourcePath = u"/designs/test.stl"_s;
    item.fileName = u"test.stl"_s;
    item.sha256 = u"aa"_s;
    item.receiverEmail = u"t@example.com"_s;
    item.currency = u"EUR"_s;
    const qint64 itemId = *store.addQueueItem(item);
    QVERIFY(store.recordToken(itemId, u"testtoken"_s).ok());
    const Order test = *store.createOrderFromItem(itemId, u"http://l/t"_s, u"https://l/t"_s);
    QVERIFY(*store.updateOrderStatus(test.id, printing(10), at(2000)));
    QVERIFY(!store.leasePolling(kSandbox, {u"testtoken"_s}, 60'000)->isEmpty());
    const qint64 real = *store.addOrder(makeOrder(kProduction, u"realtoken"_s, 1000));

    QVERIFY(store.deleteOrder(test.id, OrderDeletion::TestOrderOnly).ok());
    QVERIFY(!store.order(test.id)->has_value());
    QVERIFY(store.statusHistory(test.id)->isEmpty());
    QVERIFY(store.pollLeaseHolders(kSandbox)->isEmpty());
    // Its finished queue item went with it: were it kept, removing it would make its token
    // an order again.
    QVERIFY(!store.queueItem(itemId)->has_value());
    QCOMPARE(store.deleteOrder(test.id, OrderDeletion::TestOrderOnly).error().kind,
             StoreError::Kind::NotFound);

    const pc::StoreStatus refused = store.deleteOrder(real, OrderDeletion::TestOrderOnly);
    QCOMPARE(refused.error().kind, StoreError::Kind::InvalidInput);
    QVERIFY2(refused.error().message.contains(u"Archive"_s), qPrintable(refused.error().message));
    QVERIFY(store.order(real)->has_value());

    QVERIFY(store.deleteOrder(real, OrderDeletion::ConfirmedByPerson).ok());
    QVERIFY(!store.order(real)->has_value());
    QVERIFY(store.orders(kProduction)->isEmpty());
    // The token can be stored again (an import of the service's list, say).
    QVERIFY(store.addOrder(makeOrder(kProduction, u"realtoken"_s, 1000)).ok());
}

// Every answer is stored on the order; the history gets a row only when the state, the
// printer's message or the printer changes.
void TestOrderStoreManagement::historyKeepsChangesOnly()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore store;
    QVERIFY(dir.open(store).ok());
    const qint64 id = *store.addOrder(makeOrder(kSandbox, u"hist"_s, 1000));
    for (int i = 1; i <= 30; ++i)
        QVERIFY(*store.updateOrderStatus(id, printing(i * 3), at(1000 + i * 15'000)));
    QCOMPARE((*store.order(id))->status.percentage.value_or(-1), 90.0);
    QCOMPARE((*store.order(id))->lastChecked, at(1000 + 30 * 15'000));
    QCOMPARE(store.statusHistory(id)->size(), 1);
    QCOMPARE(store.statusHistory(id)->first().time, at(16'000)); // when it was first seen

    QVERIFY(*store.updateOrderStatus(id, printing(95, u"Bambu X1"_s), at(600'000)));
    PrintStatus failed;
    failed.status = JobStatus::Failure;
    failed.statusText = u"FAILURE"_s;
    failed.printerModel = u"Bambu X1"_s;
    QVERIFY(*store.updateOrderStatus(id, failed, at(700'000)));
    failed.message = u"Nozzle clogged"_s;
    QVERIFY(*store.updateOrderStatus(id, failed, at(800'000)));
    QVERIFY(!*store.updateOrderStatus(id, failed, at(900'000)));

    const auto history = *store.statusHistory(id);
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.at(1).status.printerModel, u"Bambu X1"_s);
    QCOMPARE(history.at(2).status.status, JobStatus::Failure);
    QCOMPARE(history.at(3).status.message, u"Nozzle clogged"_s);
    QCOMPARE(history.at(3).time, at(800'000));
}

// A store of schema version 6 with a history of every poll: the migration adds the archive
// and note columns and compacts each run of identical states to its first row.
void TestOrderStoreManagement::migrationSevenCompactsTheHistory()
{
    StoreTarget dir;
    QVERIFY(dir.isValid());
    qint64 id = 0;
    qint64 other = 0;
    {
        OrderStore store;
        QVERIFY(dir.open(store).ok());
        id = *store.addOrder(makeOrder(kSandbox, u"old"_s, 1000));
        other = *store.addOrder(makeOrder(kSandbox, u"other"_s, 1000));
    }
    QVERIFY(dir.undoIdMigration());
    QVERIFY(dir.exec(u"DROP TABLE token_status_asks"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN archived_ms"_s));
    QVERIFY(dir.exec(u"ALTER TABLE orders DROP COLUMN note"_s));
    QVERIFY(dir.exec(u"DELETE FROM schema_version WHERE version >= 7"_s));
    // What versions before 7 wrote: a row per answer that moved the percentage.
    const QStringList rows{
        u"(901, %1, 1000, 'WARMING_UP', NULL, NULL, NULL, '', 'P')"_s.arg(id),
        u"(902, %1, 2000, 'PRINTING', 10, 50, 1, '', 'P')"_s.arg(id),
        u"(903, %1, 3000, 'PRINTING', 20, 40, 2, '', 'P')"_s.arg(id),
        u"(904, %1, 3000, 'PRINTING', 30, 30, 3, '', 'P')"_s.arg(id),
        u"(905, %1, 5000, 'PRINTING', 40, 20, 4, 'paused', 'P')"_s.arg(id),
        u"(906, %1, 6000, 'PRINTING', 50, 10, 5, 'paused', 'P')"_s.arg(id),
        u"(907, %1, 7000, 'SUCCESS', 100, 0, 6, 'paused', 'P')"_s.arg(id),
        u"(908, %1, 1500, 'PRINTING', 10, 50, 1, '', 'P')"_s.arg(other),
        u"(909, %1, 2500, 'PRINTING', 20, 40, 2, '', 'P')"_s.arg(other),
    };
    for (const QString &row : rows) {
        QVERIFY(dir.exec(u"INSERT INTO status_history (id, order_id, recorded_ms, status_text,"
                         " percentage, minutes_left, total_time, message, printer_model)"
                         " VALUES "_s +
                         row));
    }

    OrderStore store;
    const OpenResult opened = dir.open(store);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    QCOMPARE(opened.schemaVersion, pc::storedetail::latestSchemaVersion());
    QCOMPARE(opened.migrationsApplied, 3); // this one and the next two
    QList<qint64> kept;
    for (const auto &entry : *store.statusHistory(id))
        kept.append(entry.id);
    QCOMPARE(kept, (QList<qint64>{901, 902, 905, 907}));
    QCOMPARE(store.statusHistory(other)->size(), 1);
    QCOMPARE(store.statusHistory(other)->first().id, 908);
    const Order order = **store.order(id);
    QVERIFY(!order.isArchived());
    QVERIFY(order.note.isEmpty());
    QVERIFY(store.setOrderNote(id, u"migrated"_s).ok());
}

// Team mode: archiving, a note and a deletion reach the other consoles.
void TestOrderStoreManagement::otherConsolesHearTheChanges()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("a shared store; an SQLite data folder is one console's");
    StoreTarget dir;
    QVERIFY(dir.isValid());
    OrderStore watcher;
    OrderStore writer;
    watcher.setConsoleId(u"watcher"_s);
    writer.setConsoleId(u"writer"_s);
    QVERIFY(dir.open(watcher).ok());
    QVERIFY(dir.open(writer).ok());
    const qint64 id = *writer.addOrder(makeOrder(kSandbox, u"shared"_s, 1000));
    QSignalSpy seen(watcher.changeFeed(), &pc::StoreChangeFeed::orderChanged);
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    seen.clear();

    QVERIFY(writer.setOrderArchived(id, true).ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 1, 10000);
    QVERIFY((*watcher.order(id))->isArchived());
    QVERIFY(writer.setOrderNote(id, u"shared note"_s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 2, 10000);
    QCOMPARE((*watcher.order(id))->note, u"shared note"_s);
    QVERIFY(writer.deleteOrder(id, OrderDeletion::TestOrderOnly).ok());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 3, 10000);
    QCOMPARE(seen.at(2).at(0).toLongLong(), id);
    QVERIFY(!watcher.order(id)->has_value());
}

QTEST_GUILESS_MAIN(TestOrderStoreManagement)
#include "tst_orderstoremanagement.moc"
