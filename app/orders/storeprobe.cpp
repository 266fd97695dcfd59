#include "orders/storeprobe.h"

#include "orders/orderslogging.h"
#include "orders/storepostgres.h"
#include "orders/storeschema.h"

#include <QAtomicInteger>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

using storedetail::StoreText;

// One connection name per probe: two "Test connection" clicks may overlap on two threads.
QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"pc-store-probe-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

// The first column of the first row, or an invalid QVariant when the query fails.
QVariant scalar(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement) || !query.next())
        return {};
    return query.value(0);
}

StoreProbe probeOpen(QSqlDatabase &db, const StoreLocation &location)
{
    StoreProbe probe;
    if (StoreError e = storedetail::openPostgres(db, location); e.isError()) {
        probe.message = e.message;
        return probe;
    }
    probe.serverVersion = scalar(db, u"SHOW server_version"_s).toString().section(u' ', 0, 0);
    const QString server = StoreText::tr("Connected to PostgreSQL %1 at %2.")
                               .arg(probe.serverVersion, location.host());
    const bool hasHistory =
        scalar(db, u"SELECT to_regclass('schema_version') IS NOT NULL"_s).toBool();
    if (!hasHistory) {
        // An empty database: the first console to start sets it up, which needs CREATE on
        // the schema (PostgreSQL 15 no longer grants it on public to everyone).
        if (!scalar(db, u"SELECT has_schema_privilege(current_schema(), 'CREATE')"_s).toBool()) {
            probe.message =
                server + u' ' +
                StoreText::tr("The database %1 is empty, and the user %2 may not create the "
                              "order history in it. Ask the database administrator to make %2 "
                              "its owner (ALTER DATABASE %1 OWNER TO %2).")
                    .arg(location.databaseName(), location.userName());
            return probe;
        }
        probe.ok = true;
        probe.message = server + u' ' +
                        StoreText::tr("The database %1 is empty; the console sets up the order "
                                      "history in it when it starts in team mode.")
                            .arg(location.databaseName());
        return probe;
    }
    probe.schemaVersion = scalar(db, u"SELECT MAX(version) FROM schema_version"_s).toInt();
    if (probe.schemaVersion > storedetail::latestSchemaVersion()) {
        probe.message = server + u' ' +
                        StoreText::tr("The order history in %1 was set up by a newer version of "
                                      "the console. Update this console before joining the "
                                      "team database.")
                            .arg(location.databaseName());
        return probe;
    }
    const QVariant orders = scalar(db, u"SELECT COUNT(*) FROM orders"_s);
    if (!orders.isValid()) {
        probe.message = server + u' ' +
                        StoreText::tr("The user %1 may not read the order history in %2. Ask the "
                                      "database administrator for access.")
                            .arg(location.userName(), location.databaseName());
        return probe;
    }
    probe.orders = orders.toLongLong();
    probe.ok = true;
    probe.message = server + u' ' +
                    StoreText::tr("The database %1 holds the team's order history: %n order(s).",
                                  nullptr, int(std::min<qint64>(probe.orders, INT_MAX)))
                        .arg(location.databaseName());
    return probe;
}

} // namespace

StoreProbe probeStore(const StoreLocation &location, const QString &password)
{
    if (!location.isPostgres()) {
        StoreProbe probe;
        probe.ok = true;
        probe.message = StoreText::tr("The order history is kept on this computer, in %1.")
                            .arg(location.displayName());
        return probe;
    }
    if (!storedetail::postgresDriverAvailable()) {
        StoreProbe probe;
        probe.message = storedetail::missingPostgresDriverError().message;
        return probe;
    }
    const QString name = nextConnectionName();
    StoreProbe probe;
    {
        QSqlDatabase db = storedetail::addPostgresConnection(name, location, password);
        probe = probeOpen(db, location);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    qCInfo(lcOrders).noquote() << "Probed" << location.displayName() << ':'
                               << (probe.ok ? "usable" : "not usable") << "schema"
                               << probe.schemaVersion;
    return probe;
}

} // namespace pc
