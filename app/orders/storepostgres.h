#pragma once

// Internal to app/orders/: what differs when the store is a PostgreSQL database (team mode)
// rather than an SQLite file. The schema, the migrations and the queries are shared
// (storeschema.h); here are the connection setup, the writers' lock, the queue claim and the
// mapping of PostgreSQL's SQLSTATE codes to StoreErrors.

#include "orders/storetypes.h"

#include <QSqlDatabase>
#include <QSqlError>

class QSqlDriver;

namespace pc {
struct StoreLocation;
}

namespace pc::storedetail {

enum class Backend { Sqlite, Postgres };

Backend backendOf(const QSqlDriver *driver);
Backend backendOf(const QSqlDatabase &db);

// The Qt SQL driver for PostgreSQL, "QPSQL"; whether this Qt has it (Debian package
// libqt6sql6-psql).
QString postgresDriverName();
bool postgresDriverAvailable();

// The application_name a console's connections carry, so that another console (and a
// database administrator) can tell who holds the queue: "partner-console on HOST (pid N)".
QString postgresApplicationName();

// Opens `db` (already given host, port, user, database and options): a StoreError saying in
// words what failed (server unreachable, wrong user or password, no such database, ...),
// never with the password.
StoreError openPostgres(QSqlDatabase &db, const StoreLocation &location);

// Per connection: UTC, a lock timeout like SQLite's busy timeout, no statement runs forever.
StoreError configurePostgresConnection(QSqlDatabase &db);

// The transaction-scoped advisory lock that the writes which read and then rewrite many rows
// (schema migrations, reordering the queue) take first, so that two consoles never interleave
// them. Every other write keeps its rows right by itself: ids from identity columns, unique
// constraints with ON CONFLICT, conditional UPDATEs and row locks.
QString postgresWriteLockStatement();

// The queue claim in team mode: each console works its own queue (its files are on its
// disk), so the claim is per console id: a session-scoped advisory lock keyed by the id, held
// by the connection of the console process working that queue (a second window or the CLI of
// the same console waits); the server frees it when that connection ends, however the
// process ends. Returns true when taken (or already held by this connection).
StoreResult<bool> tryPostgresQueueClaim(QSqlDatabase &db, const QString &consoleId);
void releasePostgresQueueClaim(QSqlDatabase &db, const QString &consoleId);
// Who holds the claim: the application_name of the connection holding it, or empty.
QString postgresQueueClaimHolder(QSqlDatabase &db, const QString &consoleId);

StoreError postgresErrorFromSql(const QSqlError &error, const QString &action);

// A QPSQL connection named `connectionName` for `location` (host, port, user, database,
// connect options with application_name), not yet opened. `password` empty: libpq reads
// ~/.pgpass.
QSqlDatabase addPostgresConnection(const QString &connectionName, const StoreLocation &location,
                                   const QString &password);
// Kind::CannotOpen saying that Qt's PostgreSQL driver is not installed and how to get it.
StoreError missingPostgresDriverError();

} // namespace pc::storedetail
