#include "orders/storepostgres.h"
#include "orders/orderslogging.h"
#include "orders/storelocation.h"
#include "orders/storeschema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostInfo>
#include <QSqlDriver>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace pc::storedetail {

namespace {

// Advisory lock keys (two int4 halves): the store's write lock is (kLockTag, kWriteLock), a
// console's queue claim (kQueueTag, a hash of its id).
constexpr int kLockTag = 0x50434f52;  // "PCOR"
constexpr int kQueueTag = 0x50435155; // "PCQU"
constexpr int kWriteLock = 1;

// A stable, positive int4 for a console id (pg_locks shows it as objid).
int queueClaimKey(const QString &consoleId)
{
    const QByteArray hash =
        QCryptographicHash::hash(consoleId.toUtf8(), QCryptographicHash::Sha256);
    const quint32 value = (quint32(quint8(hash[0])) << 24) | (quint32(quint8(hash[1])) << 16) |
                          (quint32(quint8(hash[2])) << 8) | quint32(quint8(hash[3]));
    return int(value & 0x7fffffff);
}

// The libpq message without the "QPSQL: Unable to connect" prefix Qt adds.
QString driverText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return text;
}

} // namespace

Backend backendOf(const QSqlDriver *driver)
{
    return driver && driver->dbmsType() == QSqlDriver::PostgreSQL ? Backend::Postgres
                                                                  : Backend::Sqlite;
}

Backend backendOf(const QSqlDatabase &db)
{
    return backendOf(db.driver());
}

QString postgresDriverName()
{
    return u"QPSQL"_s;
}

bool postgresDriverAvailable()
{
    return QSqlDatabase::isDriverAvailable(postgresDriverName());
}

QString postgresApplicationName()
{
    return u"partner-console on %1 (pid %2)"_s.arg(QHostInfo::localHostName())
        .arg(QCoreApplication::applicationPid());
}

StoreError openPostgres(QSqlDatabase &db, const StoreLocation &location)
{
    if (db.open())
        return {};
    const QString detail = driverText(db.lastError());
    const QString where = location.displayName();
    auto has = [&](const char *words) { return detail.contains(QLatin1StringView(words)); };
    QString message;
    if (has("password authentication failed") || has("no password supplied") ||
        has("authentication failed")) {
        message =
            StoreText::tr("The database server at %1 refused the user %2: the password is wrong or "
                          "missing. Enter it in Settings (Order history), or give it in a password "
                          "file (--database-password-file), in PARTNER_CONSOLE_DATABASE_PASSWORD "
                          "or in ~/.pgpass.")
                .arg(location.host(), location.userName());
    } else if (has("does not exist") && has("database")) {
        message = StoreText::tr("The database %1 does not exist on the server. Ask the "
                                "database administrator to create it (createdb -O %2 %1).")
                      .arg(location.databaseName(), location.userName());
    } else if (has("role") && has("does not exist")) {
        message = StoreText::tr("The database server at %1 knows no user %2. Check the user "
                                "name in the database URL.")
                      .arg(location.host(), location.userName());
    } else if (has("no pg_hba.conf entry")) {
        message = StoreText::tr("The database server at %1 does not let this computer connect "
                                "as %2 (pg_hba.conf). Ask the database administrator to allow "
                                "it.")
                      .arg(location.host(), location.userName());
    } else if (has("could not translate host name")) {
        message = StoreText::tr("The database server %1 is not known on the network. Check "
                                "the host name in the database URL.")
                      .arg(location.host());
    } else if (has("SSL")) {
        message = StoreText::tr("A secure connection to the database server at %1 could not "
                                "be made. Check the URL's sslmode and the server's "
                                "certificate.")
                      .arg(location.host());
    } else {
        message = StoreText::tr("The database server at %1, port %2 cannot be reached. Check "
                                "that it is running and that this computer may connect to it.")
                      .arg(location.host())
                      .arg(location.port());
    }
    qCWarning(lcOrders).noquote() << "Cannot open" << where << ':' << detail;
    return makeError(StoreError::Kind::CannotOpen, message, detail);
}

StoreError configurePostgresConnection(QSqlDatabase &db)
{
    // lock_timeout: a write waits for another console's write as long as SQLite's busy
    // timeout lets it (then Kind::Locked); statement_timeout: nothing hangs the window.
    const QStringList setup{
        u"SET TIME ZONE 'UTC'"_s,
        u"SET lock_timeout = '5s'"_s,
        u"SET statement_timeout = '60s'"_s,
        u"SET client_min_messages = warning"_s,
    };
    QSqlQuery query(db);
    for (const QString &statement : setup) {
        if (StoreError e = exec(query, statement, StoreText::tr("setting up the database"));
            e.isError())
            return e;
    }
    return {};
}

QString postgresWriteLockStatement()
{
    return u"SELECT pg_advisory_xact_lock(%1, %2)"_s.arg(kLockTag).arg(kWriteLock);
}

StoreResult<bool> tryPostgresQueueClaim(QSqlDatabase &db, const QString &consoleId)
{
    const int key = queueClaimKey(consoleId);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Taken at most once per connection: a second pg_try_advisory_lock would stack.
    if (StoreError e = exec(query,
                            u"SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND"
                            " pid = pg_backend_pid() AND classid = %1 AND objid = %2"
                            " AND granted"_s.arg(kQueueTag)
                                .arg(key),
                            StoreText::tr("claiming the upload queue"));
        e.isError())
        return e;
    if (query.next() && query.value(0).toLongLong() > 0)
        return true;
    query.finish();
    if (StoreError e = exec(query, u"SELECT pg_try_advisory_lock(%1, %2)"_s.arg(kQueueTag).arg(key),
                            StoreText::tr("claiming the upload queue"));
        e.isError())
        return e;
    return query.next() && query.value(0).toBool();
}

void releasePostgresQueueClaim(QSqlDatabase &db, const QString &consoleId)
{
    QSqlQuery query(db);
    if (!query.exec(
            u"SELECT pg_advisory_unlock(%1, %2)"_s.arg(kQueueTag).arg(queueClaimKey(consoleId))))
        qCDebug(lcOrders) << "Releasing the queue claim:" << query.lastError().text();
}

QString postgresQueueClaimHolder(QSqlDatabase &db, const QString &consoleId)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql = u"SELECT a.application_name, a.client_addr FROM pg_locks l"
                        " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                        " AND l.classid = %1 AND l.objid = %2 AND l.granted"_s.arg(kQueueTag)
                            .arg(queueClaimKey(consoleId));
    if (!query.exec(sql) || !query.next())
        return {};
    const QString name = query.value(0).toString();
    const QString address = query.value(1).toString();
    if (name.isEmpty())
        return address;
    return address.isEmpty() ? name : u"%1, %2"_s.arg(name, address);
}

StoreError postgresErrorFromSql(const QSqlError &error, const QString &action)
{
    const QString detail = error.text();
    const QString code = error.nativeErrorCode();
    const QString kept = StoreText::tr("Nothing saved earlier was lost.");
    if (code == u"53100"_s) // disk_full
        return makeError(StoreError::Kind::DiskFull,
                         StoreText::tr("The database server's disk is full: %1 failed and was "
                                       "undone. %2 Ask the database administrator to free space.")
                             .arg(action, kept),
                         detail);
    if (code == u"25006"_s ||
        code == u"42501"_s) // read_only_sql_transaction, insufficient_privilege
        return makeError(StoreError::Kind::ReadOnly,
                         StoreText::tr("The database does not let this user write: %1 failed and "
                                       "was undone. %2 Ask the database administrator for write "
                                       "access.")
                             .arg(action, kept),
                         detail);
    if (code == u"55P03"_s || code == u"40P01"_s || code == u"40001"_s ||
        code == u"57014"_s) // lock timeout, deadlock, serialization, statement timeout
        return makeError(StoreError::Kind::Locked,
                         StoreText::tr("The database is busy with another console's change: %1 "
                                       "failed. %2 Try again in a moment.")
                             .arg(action, kept),
                         detail);
    if (code.startsWith(u"23"_s)) // integrity constraint violation
        return makeError(StoreError::Kind::Conflict,
                         StoreText::tr("%1 failed: the change contradicts data already saved. %2")
                             .arg(action, kept),
                         detail);
    if (code.startsWith(u"08"_s) || code.startsWith(u"57P"_s) ||
        error.type() == QSqlError::ConnectionError ||
        (code.isEmpty() && (detail.contains(u"connection"_s, Qt::CaseInsensitive) ||
                            detail.contains(u"server closed"_s, Qt::CaseInsensitive))))
        return makeError(StoreError::Kind::Unavailable,
                         StoreText::tr("The connection to the database server was lost: %1 "
                                       "failed. %2 The console connects again by itself.")
                             .arg(action, kept),
                         detail);
    return makeError(
        StoreError::Kind::Other,
        StoreText::tr("The order database reported an error: %1 failed. %2").arg(action, kept),
        detail);
}

QSqlDatabase addPostgresConnection(const QString &connectionName, const StoreLocation &location,
                                   const QString &password)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(postgresDriverName(), connectionName);
    db.setHostName(location.host());
    db.setPort(location.port());
    db.setDatabaseName(location.databaseName());
    db.setUserName(location.userName());
    if (!password.isEmpty())
        db.setPassword(password);
    db.setConnectOptions(location.connectOptions(postgresApplicationName()));
    return db;
}

StoreError missingPostgresDriverError()
{
    return makeError(StoreError::Kind::CannotOpen,
                     StoreText::tr("This installation cannot use a PostgreSQL database: Qt's "
                                   "PostgreSQL driver is missing. Install the package "
                                   "libqt6sql6-psql."));
}

} // namespace pc::storedetail
