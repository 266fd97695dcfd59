#pragma once

// Where a test's order store lives: a temporary folder for SQLite, or, when the suite runs
// against PostgreSQL (PARTNER_CONSOLE_TEST_POSTGRES names the folder tests/postgres/pg-
// cluster.sh wrote, see tests/CMakeLists.txt), a fresh database on that throw-away server
// that is dropped again at the end. The same suite runs on both backends this way.
#include "orders/orderstore.h"
#include "orders/storelocation.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>

namespace pc::test {

class StoreTarget final
{
public:
    StoreTarget()
    {
        if (!usesPostgres())
            return;
        static QAtomicInteger<int> counter;
        m_database =
            QStringLiteral("pc_t_%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter);
        m_ready = adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_database));
    }
    ~StoreTarget()
    {
        if (usesPostgres() && m_ready)
            adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database));
    }
    StoreTarget(const StoreTarget &) = delete;
    StoreTarget &operator=(const StoreTarget &) = delete;

    // The folder of the PostgreSQL test server's url and password files; empty for SQLite.
    static QString postgresFolder()
    {
        return qEnvironmentVariable("PARTNER_CONSOLE_TEST_POSTGRES");
    }
    static bool usesPostgres() { return !postgresFolder().isEmpty(); }
    static QString backendName()
    {
        return usesPostgres() ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    }

    bool isValid() const { return m_dir.isValid() && (!usesPostgres() || m_ready); }
    // A temporary folder in both cases (for files a test needs; the SQLite store's folder).
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    StoreLocation location() const
    {
        if (!usesPostgres())
            return StoreLocation::folder(m_dir.path());
        QString error;
        QUrl url = serverUrl();
        url.setPath(u'/' + m_database);
        return StoreLocation::parse(url.toString(), &error).value_or(StoreLocation());
    }
    static QString password() { return readFile(QStringLiteral("password")); }

    OpenResult open(OrderStore &store) const
    {
        return usesPostgres() ? store.open(location(), password()) : store.open(m_dir.path());
    }

    // Runs `sql` on a connection of its own to the store (the SQLite file or the database).
    bool exec(const QString &sql) const
    {
        const QString name = QStringLiteral("pc.test.raw");
        bool ok = false;
        {
            QSqlDatabase db = connect(name, usesPostgres() ? m_database : QString());
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    qWarning("StoreTarget::exec: %s", qPrintable(q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    // Back to schema version 8 by hand: ids handed out from id_sequences, whose rows say the
    // next id of each table (`nextIds`, else one after the highest stored).
    bool undoIdMigration(const QHash<QString, qint64> &nextIds = {}) const
    {
        const QStringList tables{QStringLiteral("queue_items"), QStringLiteral("orders"),
                                 QStringLiteral("status_history")};
        bool ok = true;
        if (usesPostgres()) {
            ok = exec(QStringLiteral("CREATE TABLE id_sequences (name VARCHAR(64) NOT NULL"
                                     " PRIMARY KEY, next_value BIGINT NOT NULL)"));
            for (const QString &table : tables)
                ok =
                    ok &&
                    exec(QStringLiteral("ALTER TABLE %1 ALTER COLUMN id DROP IDENTITY").arg(table));
        } else {
            for (const QString &table : tables) {
                ok = ok && exec(QStringLiteral("DROP TRIGGER %1_next_id").arg(table));
                ok = ok &&
                     exec(QStringLiteral("DELETE FROM id_sequences WHERE name = '%1'").arg(table));
            }
        }
        for (const QString &table : tables) {
            const QString next =
                nextIds.contains(table)
                    ? QString::number(nextIds.value(table))
                    : QStringLiteral("(SELECT COALESCE(MAX(id), 0) + 1 FROM %1)").arg(table);
            ok = ok && exec(QStringLiteral("INSERT INTO id_sequences (name, next_value)"
                                           " VALUES ('%1', %2)")
                                .arg(table, next));
        }
        return ok && exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 9"));
    }

    // PostgreSQL: the store's database, and the first value `sql` returns on a connection of
    // its own to the server's own database (not the store's, which may refuse connections in
    // a test): for what concerns the server as a whole (pg_stat_activity,
    // pg_terminate_backend(), ALTER DATABASE). An invalid QVariant when it failed.
    QString databaseName() const { return m_database; }
    QVariant serverValue(const QString &sql) const
    {
        const QString name = QStringLiteral("pc.test.server");
        QVariant value;
        {
            QSqlDatabase db = connect(name, serverUrl().path().mid(1));
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql) && q.next())
                    value = q.value(0);
                else if (q.lastError().isValid())
                    qWarning("StoreTarget::serverValue: %s", qPrintable(q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }

private:
    static QString readFile(const QString &name)
    {
        QFile file(postgresFolder() + u'/' + name);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed()
                                              : QString();
    }
    static QUrl serverUrl() { return QUrl(readFile(QStringLiteral("url"))); }

    // A connection to the SQLite file, or to `database` on the test server.
    QSqlDatabase connect(const QString &name, const QString &database) const
    {
        if (!usesPostgres()) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_dir.filePath(OrderStore::databaseFileName()));
            return db;
        }
        const QUrl url = serverUrl();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(password());
        db.setDatabaseName(database);
        // A test may make the store's database read-only; this connection can still undo it.
        db.setConnectOptions(QStringLiteral("options='-c default_transaction_read_only=off'"));
        return db;
    }

    // CREATE and DROP DATABASE, from the server's own database.
    bool adminExec(const QString &sql) const
    {
        const QString name = QStringLiteral("pc.test.admin");
        bool ok = false;
        {
            QSqlDatabase db = connect(name, serverUrl().path().mid(1));
            if (db.open()) {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    qWarning("StoreTarget: %s", qPrintable(q.lastError().text()));
            } else {
                qWarning("StoreTarget: the PostgreSQL test server cannot be reached: %s",
                         qPrintable(db.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    QTemporaryDir m_dir;
    QString m_database;
    bool m_ready = false;
};

} // namespace pc::test
