#include "orders/storeschema.h"
#include "common/datasize.h"
#include "orders/orderslogging.h"
#include "orders/storepostgres.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QSqlDriver>
#include <QSqlField>
#include <QStorageInfo>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace pc::storedetail {

namespace {

// SQLite primary result codes (sqlite3.h); Qt reports them as QSqlError::nativeErrorCode().
enum SqliteCode {
    kSqliteBusy = 5,
    kSqliteLocked = 6,
    kSqliteReadOnly = 8,
    kSqliteIoErr = 10,
    kSqliteCorrupt = 11,
    kSqliteFull = 13,
    kSqliteCantOpen = 14,
    kSqliteConstraint = 19,
    kSqliteNotADb = 26,
};

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1; // the primary code of an extended one
}

// The migrations, in order: migrations()[i] brings the schema to version i + 1. Never edit
// a migration that has shipped; add a new one. Plain SQL: ids came from id_sequences (not
// from AUTOINCREMENT or SERIAL) until version 9 put them into the INSERT (idSequenceMigration()),
// times are epoch milliseconds, money is decimal text.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list{
        {
            u"CREATE TABLE id_sequences ("
            " name VARCHAR(64) NOT NULL PRIMARY KEY,"
            " next_value BIGINT NOT NULL)"_s,
            u"INSERT INTO id_sequences (name, next_value) VALUES ('queue_items', 1)"_s,
            u"INSERT INTO id_sequences (name, next_value) VALUES ('orders', 1)"_s,
            u"INSERT INTO id_sequences (name, next_value) VALUES ('status_history', 1)"_s,
            u"CREATE TABLE queue_items ("
            " id INTEGER NOT NULL PRIMARY KEY,"
            " environment TEXT NOT NULL,"
            " position BIGINT NOT NULL,"
            " source_path TEXT NOT NULL,"
            " file_name TEXT NOT NULL,"
            " file_size BIGINT NOT NULL,"
            " file_mtime_ms BIGINT,"
            " sha256 TEXT NOT NULL,"
            " receiver_email TEXT NOT NULL,"
            " price TEXT NOT NULL,"
            " currency TEXT NOT NULL,"
            " partner_job_id TEXT NOT NULL,"
            " state TEXT NOT NULL,"
            " attempt_count INTEGER NOT NULL,"
            " next_retry_ms BIGINT,"
            " failure_reason TEXT NOT NULL,"
            " token TEXT,"
            " bytes_sent BIGINT NOT NULL,"
            " created_ms BIGINT NOT NULL,"
            " updated_ms BIGINT NOT NULL,"
            " UNIQUE (environment, token))"_s,
            u"CREATE INDEX queue_items_by_position ON queue_items (environment, position)"_s,
            u"CREATE INDEX queue_items_by_file ON queue_items (environment, sha256, receiver_email)"_s,
            u"CREATE TABLE orders ("
            " id INTEGER NOT NULL PRIMARY KEY,"
            " queue_item_id INTEGER REFERENCES queue_items (id) ON DELETE SET NULL,"
            " environment TEXT NOT NULL,"
            " token TEXT NOT NULL,"
            " token_link TEXT NOT NULL,"
            " ssl_token_link TEXT NOT NULL,"
            " file_name TEXT NOT NULL,"
            " file_size BIGINT NOT NULL,"
            " sha256 TEXT NOT NULL,"
            " receiver_email TEXT NOT NULL,"
            " price TEXT NOT NULL,"
            " currency TEXT NOT NULL,"
            " partner_job_id TEXT NOT NULL,"
            " created_ms BIGINT NOT NULL,"
            " status_text TEXT NOT NULL,"
            " percentage DOUBLE PRECISION,"
            " minutes_left DOUBLE PRECISION,"
            " total_time DOUBLE PRECISION,"
            " message TEXT NOT NULL,"
            " printer_model TEXT NOT NULL,"
            " last_checked_ms BIGINT,"
            " unknown_to_service INTEGER NOT NULL,"
            " UNIQUE (environment, token))"_s,
            u"CREATE INDEX orders_by_created ON orders (environment, created_ms)"_s,
            u"CREATE INDEX orders_by_file ON orders (environment, sha256, receiver_email)"_s,
            u"CREATE INDEX orders_by_queue_item ON orders (queue_item_id)"_s,
            u"CREATE TABLE status_history ("
            " id INTEGER NOT NULL PRIMARY KEY,"
            " order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
            " recorded_ms BIGINT NOT NULL,"
            " status_text TEXT NOT NULL,"
            " percentage DOUBLE PRECISION,"
            " minutes_left DOUBLE PRECISION,"
            " total_time DOUBLE PRECISION,"
            " message TEXT NOT NULL,"
            " printer_model TEXT NOT NULL)"_s,
            u"CREATE INDEX status_history_by_order ON status_history (order_id, recorded_ms)"_s,
        },
        {
            // Issue 5: when a print was first seen started and finished, for prints per day.
            u"ALTER TABLE orders ADD COLUMN print_started_ms BIGINT"_s,
            u"ALTER TABLE orders ADD COLUMN print_finished_ms BIGINT"_s,
            u"UPDATE orders SET print_started_ms = (SELECT MIN(h.recorded_ms) FROM status_history h"
            " WHERE h.order_id = orders.id AND h.status_text <> '')"_s,
            u"UPDATE orders SET print_finished_ms = (SELECT MIN(h.recorded_ms) FROM status_history "
            u"h"
            " WHERE h.order_id = orders.id AND h.status_text IN ('SUCCESS', 'FAILURE',"
            " 'CONFIRMED_SUCCESS', 'CONFIRMED_FAILURE'))"_s,
            u"CREATE INDEX orders_by_finished ON orders (environment, print_finished_ms)"_s,
        },
        {
            // Issue 7: the queue engine looks for the next ready item after every state change;
            // with thousands of items queued that must not read the whole queue.
            u"CREATE INDEX queue_items_by_state ON queue_items (environment, state, position)"_s,
        },
        {
            // Issue 9, team mode: several consoles on one PostgreSQL store. Each works the
            // queue items it added (their files are on its disk), and exactly one polls a
            // given token at a time, under a lease that expires when its console dies.
            u"ALTER TABLE queue_items ADD COLUMN owner TEXT NOT NULL DEFAULT ''"_s,
            u"CREATE INDEX queue_items_by_owner ON queue_items (environment, owner, state,"
            " position)"_s,
            u"CREATE TABLE poll_leases ("
            " environment TEXT NOT NULL,"
            " token TEXT NOT NULL,"
            " holder TEXT NOT NULL,"
            " expires_ms BIGINT NOT NULL,"
            " PRIMARY KEY (environment, token))"_s,
            u"CREATE INDEX poll_leases_by_holder ON poll_leases (holder, environment)"_s,
        },
        {
            // An order whose upload answer was lost (the service refused the re-send because
            // it held the file, or a print already ran) or whose queue item was removed keeps
            // its token; its links are then built from the documented token-page pattern,
            // and the order says so.
            u"ALTER TABLE orders ADD COLUMN links_reconstructed INTEGER NOT NULL DEFAULT 0"_s,
        },
        {
            // Token calls whose answer was lost: the service may hold a token for each that
            // no order records. Kept after their queue items are gone, for the count.
            u"CREATE TABLE lost_token_calls ("
            " environment TEXT NOT NULL,"
            " called_ms BIGINT NOT NULL,"
            " queue_item_id BIGINT NOT NULL,"
            " file_name TEXT NOT NULL,"
            " reason TEXT NOT NULL)"_s,
        },
        {
            // Orders a person manages: archived ones (hidden from the table, still polled)
            // and a short note.
            u"ALTER TABLE orders ADD COLUMN archived_ms BIGINT"_s,
            u"ALTER TABLE orders ADD COLUMN note TEXT NOT NULL DEFAULT ''"_s,
            // The status history now keeps a row only when what a person sees changes (the
            // state, the printer's message, the printer); earlier versions kept one for every
            // answer that moved the percentage, dozens of identical "Printing" rows per
            // print. Those runs are compacted to their first row (the time the state was
            // first seen), so old and new orders read alike; the order row keeps the latest
            // figures either way.
            u"DELETE FROM status_history WHERE id IN (SELECT id FROM (SELECT id, status_text,"
            " message, printer_model,"
            " LAG(status_text) OVER w AS previous_status,"
            " LAG(message) OVER w AS previous_message,"
            " LAG(printer_model) OVER w AS previous_printer"
            " FROM status_history WINDOW w AS (PARTITION BY order_id ORDER BY recorded_ms, id))"
            " AS runs WHERE status_text = previous_status AND message = previous_message"
            " AND printer_model = previous_printer)"_s,
        },
        {
            // When the upload queue last asked the service about a token that has no order
            // yet: a queue in another process (or started again) honours the service's
            // shortest time between two questions about one token too.
            u"CREATE TABLE token_status_asks ("
            " environment TEXT NOT NULL,"
            " token TEXT NOT NULL,"
            " asked_ms BIGINT NOT NULL,"
            " PRIMARY KEY (environment, token))"_s,
        },
        {
            // Ids come with the INSERT itself (see idSequenceMigration()): a write no longer
            // reads and bumps a shared row first.
        },
    };
    return list;
}

const QStringList kIdTables{u"queue_items"_s, u"orders"_s, u"status_history"_s};

// The version that moves ids into the INSERT: PostgreSQL gets identity columns, SQLite
// triggers that keep id_sequences current.
constexpr int kIdentityVersion = 9;

// PostgreSQL: each id column becomes an identity whose sequence continues after both the
// highest id stored and the next value id_sequences would have handed out (ids of deleted
// rows are never given again), and id_sequences goes: nothing reads it any more, and a
// console of an older version refuses this schema (NewerSchema) before it could.
//
// SQLite: an INTEGER PRIMARY KEY without AUTOINCREMENT would give the id of a deleted last
// row again, and AUTOINCREMENT needs the tables rebuilt, which the foreign keys' ON DELETE
// actions make unsafe in a migration. So id_sequences stays: an INSERT takes its id from it
// in the same statement, and a trigger moves it on.
QStringList idSequenceMigration(Backend backend)
{
    QStringList statements;
    for (const QString &table : kIdTables) {
        const QString next =
            u"GREATEST((SELECT MAX(id) FROM %1) + 1,"
            " (SELECT next_value FROM id_sequences WHERE name = '%1'), 1)"_s.arg(table);
        if (backend == Backend::Postgres) {
            statements << u"ALTER TABLE %1 ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY"_s
                              .arg(table)
                       << u"SELECT setval(pg_get_serial_sequence('%1', 'id'), %2, false)"_s.arg(
                              table, next);
        } else {
            statements << u"UPDATE id_sequences SET next_value = MAX(COALESCE((SELECT MAX(id)"
                          " FROM %1), 0) + 1, next_value) WHERE name = '%1'"_s.arg(table)
                       << u"CREATE TRIGGER %1_next_id AFTER INSERT ON %1 BEGIN"
                          " UPDATE id_sequences SET next_value = NEW.id + 1"
                          " WHERE name = '%1' AND next_value <= NEW.id; END"_s.arg(table);
        }
    }
    if (backend == Backend::Postgres)
        statements << u"DROP TABLE id_sequences"_s;
    return statements;
}

QStringList migrationStatements(int target, Backend backend)
{
    if (target == kIdentityVersion)
        return idSequenceMigration(backend);
    return migrations().at(target - 1);
}

StoreResult<int> recordedVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (StoreError e = exec(query, u"SELECT MAX(version) FROM schema_version"_s,
                            StoreText::tr("reading the schema version"));
        e.isError())
        return e;
    const int version = query.next() ? query.value(0).toInt() : 0;
    query.finish();
    return version;
}

StoreResult<QString> pragmaValue(QSqlDatabase &db, const QString &pragma)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (StoreError e = exec(query, pragma, StoreText::tr("setting up the database")); e.isError())
        return e;
    QString value = query.next() ? query.value(0).toString() : QString();
    query.finish();
    return value;
}

} // namespace

int latestSchemaVersion()
{
    return int(migrations().size());
}

StoreError makeError(StoreError::Kind kind, const QString &message, const QString &detail)
{
    return StoreError{kind, message, detail};
}

bool isCorruption(const QSqlError &error)
{
    const int code = sqliteCode(error);
    return code == kSqliteCorrupt || code == kSqliteNotADb;
}

namespace {

thread_local QString t_dataFolder;
// Below this, SQLite cannot grow the database, its journal or its index: the disk is full
// for the store's purposes even where a few blocks are left.
constexpr qint64 kFullBelowBytes = 1024 * 1024;

} // namespace

DataFolderScope::DataFolderScope(const QString &folder)
    : m_previous(std::exchange(t_dataFolder, folder))
{}

DataFolderScope::~DataFolderScope()
{
    t_dataFolder = m_previous;
}

QString DataFolderScope::current()
{
    return t_dataFolder;
}

bool diskIsFull(const QString &folder)
{
    QStorageInfo disk(folder);
    disk.refresh();
    return disk.isValid() && disk.isReady() && disk.bytesAvailable() < kFullBelowBytes;
}

StoreError diskFullError(const QString &folder, const QString &action, const QString &detail)
{
    const QStorageInfo disk(folder);
    return makeError(
        StoreError::Kind::DiskFull,
        StoreText::tr("The disk that holds %1 is full (%2 free): %3 failed and was undone. Nothing "
                      "saved earlier was lost. Free some space on that disk (%4) and try again.")
            .arg(QDir::toNativeSeparators(folder), formatDataSize(disk.bytesAvailable()), action,
                 disk.rootPath()),
        detail);
}

StoreError errorFromSql(const QSqlError &error, const QString &action)
{
    const QString detail = error.text();
    const QString kept = StoreText::tr("Nothing saved earlier was lost.");
    const int code = sqliteCode(error);
    const QString folder = DataFolderScope::current();
    // SQLite reports a full disk as SQLITE_FULL only where it noticed; growing its journal or
    // index on a full disk is an I/O error, and a connection that fell back to reading is
    // read-only.
    if ((code == kSqliteFull || code == kSqliteIoErr || code == kSqliteReadOnly) &&
        !folder.isEmpty() && diskIsFull(folder))
        return diskFullError(folder, action, detail);
    switch (code) {
    case kSqliteFull:
        return makeError(
            StoreError::Kind::DiskFull,
            StoreText::tr("The disk is full: %1 failed and was undone. %2 Free some disk "
                          "space and try again.")
                .arg(action, kept),
            detail);
    case kSqliteReadOnly:
        return makeError(
            StoreError::Kind::ReadOnly,
            StoreText::tr("The order database is read-only: %1 failed and was undone. %2")
                .arg(action, kept),
            detail);
    case kSqliteBusy:
    case kSqliteLocked:
        return makeError(
            StoreError::Kind::Locked,
            StoreText::tr("The order database is in use by another program: %1 failed. "
                          "%2 Try again in a moment.")
                .arg(action, kept),
            detail);
    case kSqliteCantOpen:
        return makeError(
            StoreError::Kind::CannotOpen,
            StoreText::tr("The order database cannot be opened: %1 failed.").arg(action), detail);
    case kSqliteCorrupt:
    case kSqliteNotADb:
        return makeError(
            StoreError::Kind::Corrupt,
            StoreText::tr("The order database is damaged: %1 failed. Restart the console "
                          "to set the damaged file aside.")
                .arg(action),
            detail);
    case kSqliteConstraint:
        return makeError(StoreError::Kind::Conflict,
                         StoreText::tr("%1 failed: the change contradicts data already saved. %2")
                             .arg(action, kept),
                         detail);
    case kSqliteIoErr:
        return makeError(StoreError::Kind::Other,
                         StoreText::tr("The disk reported an error: %1 failed and was undone. %2")
                             .arg(action, kept),
                         detail);
    default:
        return makeError(
            StoreError::Kind::Other,
            StoreText::tr("The order database reported an error: %1 failed. %2").arg(action, kept),
            detail);
    }
}

namespace {

StoreError errorOfQuery(const QSqlQuery &query, const QString &action)
{
    return backendOf(query.driver()) == Backend::Postgres
               ? postgresErrorFromSql(query.lastError(), action)
               : errorFromSql(query.lastError(), action);
}

} // namespace

StoreError exec(QSqlQuery &query, const QString &action)
{
    if (query.exec())
        return {};
    StoreError error = errorOfQuery(query, action);
    qCWarning(lcOrders).noquote() << "SQL failed while" << action << ':' << error.detail;
    return error;
}

StoreError exec(QSqlQuery &query, const QString &sql, const QString &action)
{
    if (query.exec(sql))
        return {};
    StoreError error = errorOfQuery(query, action);
    qCWarning(lcOrders).noquote() << "SQL failed while" << action << ':' << error.detail;
    return error;
}

Statement::Statement(const QSqlDatabase &db)
    : m_query(db)
    , m_postgres(backendOf(db) == Backend::Postgres)
{
    m_query.setForwardOnly(true);
}

void Statement::prepare(const QString &sql)
{
    m_query.finish();
    m_sql = sql;
    m_values.clear();
    if (!m_postgres)
        m_query.prepare(sql);
}

bool Statement::exec()
{
    if (!m_postgres) {
        for (const QVariant &value : std::as_const(m_values))
            m_query.addBindValue(value);
        m_values.clear();
        return m_query.exec();
    }
    const QString sql = inlineValues(m_query.driver(), m_sql, m_values);
    m_values.clear();
    if (sql.isEmpty()) {
        qCWarning(lcOrders).noquote()
            << "A statement's values do not match its placeholders:" << m_sql;
        return false;
    }
    return m_query.exec(sql);
}

bool Statement::exec(const QString &sql)
{
    m_values.clear();
    return m_query.exec(sql);
}

QString Statement::inlineValues(const QSqlDriver *driver, const QString &sql,
                                const QVariantList &values)
{
    QString text;
    text.reserve(sql.size() + 16 * values.size());
    qsizetype next = 0;
    bool inLiteral = false;
    for (const QChar c : sql) {
        if (c == u'\'')
            inLiteral = !inLiteral; // '' inside a literal leaves and enters again: the same
        if (c != u'?' || inLiteral) {
            text.append(c);
            continue;
        }
        if (next >= values.size())
            return {};
        const QVariant &value = values.at(next++);
        QSqlField field(QString(), value.metaType());
        if (value.isNull())
            field.clear();
        else
            field.setValue(value);
        text.append(driver->formatValue(field));
    }
    return next == values.size() ? text : QString();
}

StoreError exec(Statement &statement, const QString &action)
{
    if (statement.exec())
        return {};
    StoreError error = errorOfQuery(statement.query(), action);
    qCWarning(lcOrders).noquote() << "SQL failed while" << action << ':' << error.detail;
    return error;
}

StoreError exec(Statement &statement, const QString &sql, const QString &action)
{
    if (statement.exec(sql))
        return {};
    StoreError error = errorOfQuery(statement.query(), action);
    qCWarning(lcOrders).noquote() << "SQL failed while" << action << ':' << error.detail;
    return error;
}

StoreError configureConnection(QSqlDatabase &db)
{
    if (backendOf(db) == Backend::Postgres)
        return configurePostgresConnection(db);
    // synchronous=FULL: every commit is on the disk before the call returns. NORMAL in WAL
    // mode survives a process crash but may lose the last commits on a power cut, and the
    // last commit can be the token written before an upload: losing it would let the item
    // get a second token. Commits are few (a handful per upload, one per status change),
    // so the fsync costs nothing that matters.
    const QStringList setup{
        u"PRAGMA busy_timeout = 5000"_s,
        u"PRAGMA journal_mode = WAL"_s,
        u"PRAGMA synchronous = FULL"_s,
        u"PRAGMA foreign_keys = ON"_s,
    };
    for (const QString &pragma : setup) {
        StoreResult<QString> value = pragmaValue(db, pragma);
        if (!value)
            return value.error();
        if (pragma.contains(u"journal_mode"_s) && value->compare(u"wal"_s, Qt::CaseInsensitive))
            qCWarning(lcOrders) << "WAL journal not available; journal mode is" << *value;
    }
    return {};
}

StoreError checkWritable(QSqlDatabase &db)
{
    const QString action = StoreText::tr("checking that the database can be written");
    WriteTransaction tx(db);
    if (StoreError e = tx.begin(action); e.isError())
        return e;
    // BEGIN IMMEDIATE succeeds on a read-only file; only a statement that writes finds out.
    QSqlQuery query(db);
    return exec(query,
                u"UPDATE schema_version SET applied_ms = applied_ms"
                " WHERE version = (SELECT MAX(version) FROM schema_version)"_s,
                action); // rolled back when tx goes out of scope
}

QString quickCheckProblem(QSqlDatabase &db, StoreError *error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (StoreError e = exec(query, u"PRAGMA quick_check"_s, StoreText::tr("checking the database"));
        e.isError()) {
        *error = e;
        return e.detail;
    }
    QStringList problems;
    while (query.next()) {
        const QString row = query.value(0).toString();
        if (row != u"ok"_s)
            problems.append(row);
    }
    return problems.join(u"; "_s);
}

StoreResult<int> migrate(QSqlDatabase &db, int *version)
{
    *version = 0;
    const QString action = StoreText::tr("updating the database schema");
    if (!db.tables().contains(u"schema_version"_s)) {
        // Two consoles creating the table at once would collide in the catalog.
        WriteTransaction tx(db, WriteTransaction::Lock::AllWriters);
        if (StoreError e = tx.begin(action); e.isError())
            return e;
        QSqlQuery query(db);
        if (StoreError e = exec(query,
                                u"CREATE TABLE IF NOT EXISTS schema_version ("
                                " version INTEGER NOT NULL PRIMARY KEY,"
                                " applied_ms BIGINT NOT NULL)"_s,
                                action);
            e.isError())
            return e;
        if (StoreError e = tx.commit(action); e.isError())
            return e;
    }

    StoreResult<int> current = recordedVersion(db);
    if (!current)
        return current.error();
    if (*current > latestSchemaVersion()) {
        *version = *current;
        return makeError(
            StoreError::Kind::NewerSchema,
            StoreText::tr("The order database was written by a newer version of the console "
                          "(schema %1; this version knows %2). Update the console; the "
                          "database was left as it is.")
                .arg(*current)
                .arg(latestSchemaVersion()));
    }

    int applied = 0;
    for (int target = *current + 1; target <= latestSchemaVersion(); ++target) {
        WriteTransaction tx(db, WriteTransaction::Lock::AllWriters);
        if (StoreError e = tx.begin(action); e.isError())
            return e;
        // Another process may have migrated between our read and our lock.
        StoreResult<int> now = recordedVersion(db);
        if (!now)
            return now.error();
        if (*now >= target)
            continue;
        QSqlQuery query(db);
        for (const QString &statement : migrationStatements(target, backendOf(db))) {
            if (StoreError e = exec(query, statement, action); e.isError())
                return e;
        }
        query.prepare(u"INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)"_s);
        query.addBindValue(target);
        query.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (StoreError e = exec(query, action); e.isError())
            return e;
        if (StoreError e = tx.commit(action); e.isError())
            return e;
        qCInfo(lcOrders) << "Applied schema migration" << target;
        ++applied;
    }
    StoreResult<int> after = recordedVersion(db);
    if (!after)
        return after.error();
    *version = *after;
    return applied;
}

StoreResult<qint64> databaseNowMs(QSqlDatabase &db, const QString &action)
{
    if (backendOf(db) != Backend::Postgres)
        return QDateTime::currentMSecsSinceEpoch();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (StoreError e =
            exec(query, u"SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"_s,
                 action);
        e.isError())
        return e;
    if (!query.next())
        return makeError(StoreError::Kind::Other, action);
    return query.value(0).toLongLong();
}

namespace {

StoreError sqliteOnly()
{
    return makeError(StoreError::Kind::InvalidInput,
                     u"This test hook exists for SQLite stores only."_s);
}

} // namespace

StoreResult<qint64> setMaxPageCount(QSqlDatabase &db, qint64 pages)
{
    if (backendOf(db) != Backend::Sqlite)
        return sqliteOnly();
    StoreResult<QString> value = pragmaValue(db, u"PRAGMA max_page_count = %1"_s.arg(pages));
    if (!value)
        return value.error();
    return value->toLongLong();
}

StoreResult<qint64> pageCount(QSqlDatabase &db)
{
    if (backendOf(db) != Backend::Sqlite)
        return sqliteOnly();
    StoreResult<QString> value = pragmaValue(db, u"PRAGMA page_count"_s);
    if (!value)
        return value.error();
    return value->toLongLong();
}

WriteTransaction::WriteTransaction(QSqlDatabase &db, Lock lock)
    : m_db(db)
    , m_lock(lock)
{}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

StoreError WriteTransaction::begin(const QString &action)
{
    QSqlQuery query(m_db);
    if (backendOf(m_db) == Backend::Postgres) {
        // Rows are kept right by constraints, row locks and conditional writes; only what
        // reads and then rewrites many rows (the schema, the queue order) takes the one lock
        // every console's such writes share (waiting up to the lock timeout).
        if (StoreError e = exec(query, u"BEGIN"_s, action); e.isError())
            return e;
        m_active = true;
        if (m_lock == Lock::Rows)
            return {};
        if (StoreError e = exec(query, postgresWriteLockStatement(), action); e.isError()) {
            rollback();
            return e;
        }
        return {};
    }
    // IMMEDIATE: the write lock is taken now (waiting up to the busy timeout), never half-way.
    if (StoreError e = exec(query, u"BEGIN IMMEDIATE"_s, action); e.isError())
        return e;
    m_active = true;
    return {};
}

StoreError WriteTransaction::commit(const QString &action)
{
    QSqlQuery query(m_db);
    if (StoreError e = exec(query, u"COMMIT"_s, action); e.isError()) {
        rollback();
        return e;
    }
    m_active = false;
    return {};
}

void WriteTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery query(m_db);
    // After SQLITE_FULL SQLite may already have rolled back; then this fails harmlessly.
    if (!query.exec(u"ROLLBACK"_s))
        qCDebug(lcOrders) << "ROLLBACK:" << query.lastError().text();
}

QString newIdSql(const QSqlDatabase &db, const QString &table)
{
    if (backendOf(db) == Backend::Postgres)
        return u"nextval(pg_get_serial_sequence('%1', 'id'))"_s.arg(table);
    return u"(SELECT next_value FROM id_sequences WHERE name = '%1')"_s.arg(table);
}

QVariant textValue(const QString &text)
{
    return text.isNull() ? QVariant(QStringLiteral("")) : QVariant(text);
}

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeFromValue(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QVariant numberValue(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<double>());
}

std::optional<double> numberFromValue(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toDouble();
}

StoreError writeOneRow(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                       const QString &action, const StoreError &notFound)
{
    // PostgreSQL: one statement is its own transaction, and one round trip.
    WriteTransaction tx(db);
    if (backendOf(db) == Backend::Sqlite) {
        if (StoreError e = tx.begin(action); e.isError())
            return e;
    }
    Statement query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (StoreError e = exec(query, action); e.isError())
        return e;
    if (query.numRowsAffected() != 1)
        return notFound;
    return backendOf(db) == Backend::Sqlite ? tx.commit(action) : StoreError();
}

} // namespace pc::storedetail
