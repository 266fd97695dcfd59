#pragma once

#include "orders/storelocation.h"

#include <QString>

namespace pc {

// What "Test connection" for the team database found (Settings): whether the console could
// work with it as it stands, and what to tell the user either way.
struct StoreProbe
{
    bool ok = false;
    QString message;       // for people, translated; never holds the password
    QString serverVersion; // "15.14", when connected
    int schemaVersion = 0; // 0: the database holds no order history yet
    qint64 orders = 0;     // the orders stored (all environments), when there is a history
};

// Connects to a PostgreSQL location with `password` (empty: libpq reads ~/.pgpass), reads
// the server's version, the store's schema version and the number of orders, and checks that
// the user may set the store up in an empty database. Changes nothing. Blocks for at most the
// location's connect_timeout plus a few short queries, so the Settings dialog calls it on a
// worker thread; it uses a connection of its own and may run on any thread.
StoreProbe probeStore(const StoreLocation &location, const QString &password);

} // namespace pc
