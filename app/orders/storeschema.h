#pragma once

// Internal to app/orders/: the schema, its migrations, the SQLite connection setup and the
// transaction and error helpers the store is written with. Everything SQLite-specific (the
// PRAGMAs, BEGIN IMMEDIATE, result codes) is in storeschema.cpp; the schema and the queries
// are plain SQL that a PostgreSQL store can share.

#include "orders/storetypes.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include <optional>
#include <type_traits>

namespace pc::storedetail {

// The store's messages share one translation context, whichever file writes them.
struct StoreText
{
    Q_DECLARE_TR_FUNCTIONS(OrderStore)
};

// The highest schema version this build knows.
int latestSchemaVersion();

// Connection setup, run once per connection before anything else: busy timeout, WAL
// journal, synchronous=FULL, foreign keys. The only PRAGMAs outside the test hooks.
StoreError configureConnection(QSqlDatabase &db);

// Whether the connection can write: a write inside a transaction that is rolled back, so
// nothing changes. Kind::ReadOnly when SQLite opened the file read-only (it does so silently
// when the file or its folder cannot be written).
StoreError checkWritable(QSqlDatabase &db);

// PRAGMA quick_check. An empty string when the file is sound, otherwise what was found.
// A failing query (a file that is no database at all) is reported through *error.
QString quickCheckProblem(QSqlDatabase &db, StoreError *error);

// Brings the schema up to latestSchemaVersion(), one transaction per migration. Returns
// the number of migrations applied; *version receives the version now recorded.
StoreResult<int> migrate(QSqlDatabase &db, int *version);

// The database's clock in epoch milliseconds: the server's for PostgreSQL (the consoles of a
// shared store agree on it whatever their own clocks say), this machine's for SQLite.
StoreResult<qint64> databaseNowMs(QSqlDatabase &db, const QString &action);

// Test hooks for "disk full": PRAGMA max_page_count and PRAGMA page_count.
StoreResult<qint64> setMaxPageCount(QSqlDatabase &db, qint64 pages);
StoreResult<qint64> pageCount(QSqlDatabase &db);

// Maps a Qt SQL error to a typed StoreError with a human message about `action`
// ("saving the queue item", ...). Earlier data is never affected by a failed write, and
// the message says so. Inside a DataFolderScope, a disk error on a disk that has no room left
// is said to be a full disk, naming the folder.
StoreError errorFromSql(const QSqlError &error, const QString &action);

// The data folder of the SQLite store this thread is working in, while one of its calls runs:
// errorFromSql() names it when the disk under it is full. Scopes nest.
class DataFolderScope final
{
public:
    explicit DataFolderScope(const QString &folder);
    ~DataFolderScope();
    DataFolderScope(const DataFolderScope &) = delete;
    DataFolderScope &operator=(const DataFolderScope &) = delete;
    static QString current();

private:
    QString m_previous;
};
// Whether the disk that holds `folder` has no room left for the store to write.
bool diskIsFull(const QString &folder);
// What to tell the user when it is: the folder, what failed and what to do.
StoreError diskFullError(const QString &folder, const QString &action, const QString &detail);
// SQLITE_CORRUPT or SQLITE_NOTADB: the file should be moved aside.
bool isCorruption(const QSqlError &error);
StoreError makeError(StoreError::Kind kind, const QString &message, const QString &detail = {});

// Runs a prepared (or plain, when `sql` is not empty) statement; a StoreError on failure.
StoreError exec(QSqlQuery &query, const QString &action);
StoreError exec(QSqlQuery &query, const QString &sql, const QString &action);

// One SQL statement with positional values (?), sent the cheapest way for its backend. SQLite
// prepares and binds it (nothing goes over a network). PostgreSQL gets it as one plain
// statement, the values written into it by Qt's driver (QSqlDriver::formatValue, exactly as the
// driver writes them into the EXECUTE of a prepared statement): one round trip per statement,
// where QPSQL's prepare() costs a PREPARE before and a DEALLOCATE after each use. Forward-only.
class Statement final
{
public:
    explicit Statement(const QSqlDatabase &db);
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // The statement for the next exec(); its values follow with addBindValue(), in order.
    void prepare(const QString &sql);
    void addBindValue(const QVariant &value) { m_values.append(value); }
    // Runs the prepared statement, or `sql` as it is.
    bool exec();
    bool exec(const QString &sql);

    bool next() { return m_query.next(); }
    QVariant value(int index) const { return m_query.value(index); }
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    QSqlError lastError() const { return m_query.lastError(); }
    void finish() { m_query.finish(); }
    const QSqlQuery &query() const { return m_query; }

    // `sql` with its ? replaced by `values` as the driver writes them; empty when the count
    // of placeholders and values differ.
    static QString inlineValues(const QSqlDriver *driver, const QString &sql,
                                const QVariantList &values);

private:
    QSqlQuery m_query;
    QString m_sql;
    QVariantList m_values;
    bool m_postgres = false;
};

StoreError exec(Statement &statement, const QString &action);
StoreError exec(Statement &statement, const QString &sql, const QString &action);

inline StoreError itemNotFound(qint64 id)
{
    return makeError(StoreError::Kind::NotFound,
                     StoreText::tr("Queue item %1 does not exist.").arg(id));
}

// Runs one UPDATE or DELETE that must touch exactly one row, in its own write transaction;
// `notFound` when no row matched (and nothing is changed).
StoreError writeOneRow(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                       const QString &action, const StoreError &notFound);

// Runs a SELECT with positional values and reads every row with `read(query)`.
template<class Read>
auto selectRows(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                const QString &action, Read read)
    -> StoreResult<QList<std::invoke_result_t<Read, const QSqlQuery &>>>
{
    Statement query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (StoreError error = exec(query, action); error.isError())
        return error;
    QList<std::invoke_result_t<Read, const QSqlQuery &>> rows;
    while (query.next())
        rows.append(read(query.query()));
    return rows;
}

// The same for at most one row: nullopt when there is none.
template<class Read>
auto selectRow(QSqlDatabase &db, const QString &sql, const QVariantList &values,
               const QString &action, Read read)
    -> StoreResult<std::optional<std::invoke_result_t<Read, const QSqlQuery &>>>
{
    using Row = std::invoke_result_t<Read, const QSqlQuery &>;
    Statement query(db);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (StoreError error = exec(query, action); error.isError())
        return error;
    if (!query.next())
        return std::optional<Row>();
    return std::optional<Row>(read(query.query()));
}

// A write transaction that rolls back when it goes out of scope uncommitted, and rolls back
// when COMMIT fails. SQLite: it takes the database's write lock at once (BEGIN IMMEDIATE: no
// lock upgrade, so no deadlock between the GUI and the CLI). PostgreSQL: it locks the rows it
// writes (Lock::Rows); Lock::AllWriters also takes the lock that every console's AllWriters
// transactions share, for writes that read and then rewrite many rows.
class WriteTransaction final
{
public:
    enum class Lock { Rows, AllWriters };
    explicit WriteTransaction(QSqlDatabase &db, Lock lock = Lock::Rows);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    StoreError begin(const QString &action);
    StoreError commit(const QString &action);
    void rollback();

private:
    QSqlDatabase &m_db;
    Lock m_lock;
    bool m_active = false;
};

// The expression that gives a new row of `table` (queue_items, orders, status_history) its id
// inside the INSERT: the identity's sequence in PostgreSQL, id_sequences in SQLite (whose
// trigger moves it on).
QString newIdSql(const QSqlDatabase &db, const QString &table);

// Text for a NOT NULL column: Qt binds a null QString as SQL NULL, so it becomes ''.
QVariant textValue(const QString &text);
// Epoch milliseconds (UTC) or NULL, and back.
QVariant timeValue(const QDateTime &time);
QDateTime timeFromValue(const QVariant &value);
// An optional double or NULL, and back.
QVariant numberValue(const std::optional<double> &value);
std::optional<double> numberFromValue(const QVariant &value);

} // namespace pc::storedetail
