// How many statements (round trips) each order store call sends to a PostgreSQL server: runs
// each call once on a fresh database and writes a marker between the calls, on a connection
// of its own. store-round-trips.sh reads the server's statement log and counts.
//
//   store-round-trips URL PASSWORD-FILE     prints "store pid N" and the markers it wrote
#include "orders/orderstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: store-round-trips URL PASSWORD-FILE\n");
        return 2;
    }
    QFile passwordFile(args.at(2));
    if (!passwordFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the password file\n");
        return 2;
    }
    const QString password = QString::fromUtf8(passwordFile.readAll()).trimmed();
    QString error;
    const std::optional<pc::StoreLocation> location = pc::StoreLocation::parse(args.at(1), &error);
    if (!location) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    QSqlDatabase marks = QSqlDatabase::addDatabase(u"QPSQL"_s, u"marks"_s);
    marks.setHostName(location->host());
    marks.setPort(location->port());
    marks.setDatabaseName(location->databaseName());
    marks.setUserName(location->userName());
    marks.setPassword(password);
    if (!marks.open()) {
        std::fprintf(stderr, "cannot connect: %s\n", qPrintable(marks.lastError().text()));
        return 1;
    }
    QTextStream out(stdout);
    auto mark = [&](const QString &name) {
        QSqlQuery q(marks);
        q.exec(u"SELECT 'pc-mark %1'"_s.arg(name));
        out << name << Qt::endl;
    };

    pc::OrderStore store;
    const pc::OpenResult opened = store.open(*location, password);
    if (!opened.ok()) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(opened.message));
        return 1;
    }
    out << "store pid " << *store.backendPidForTesting() << Qt::endl;
    const QString environment = u"sandbox"_s;
    pc::QueueItem item;
    item.environment = environment;
    item.sourcePath = u"/designs/a.stl"_s;
    item.fileName = u"a.stl"_s;
    item.size = 1000;
    item.sha256 = u"aa"_s;
    item.receiverEmail = u"r@example.com"_s;
    item.currency = u"EUR"_s;

    mark(u"addQueueItem"_s);
    const qint64 itemId = *store.addQueueItem(item);
    mark(u"recordToken"_s);
    (void)store.recordToken(itemId, u"token-1"_s);
    mark(u"updateQueueItemProgress"_s);
    pc::QueueItemProgress progress;
    progress.state = pc::QueueState::Uploading;
    progress.bytesSent = 500;
    (void)store.updateQueueItemProgress(itemId, progress);
    mark(u"createOrderFromItem"_s);
    const qint64 orderId = store.createOrderFromItem(itemId, u"http://t/1"_s, u"https://t/1"_s)->id;
    mark(u"createOrderFromItem-again"_s);
    (void)store.createOrderFromItem(itemId, u"http://t/1"_s, u"https://t/1"_s);
    mark(u"updateOrderStatus-new-state"_s);
    pc::PrintStatus status;
    status.status = pc::JobStatus::Printing;
    status.statusText = u"PRINTING"_s;
    status.percentage = 10;
    (void)store.updateOrderStatus(orderId, status, QDateTime::currentDateTimeUtc());
    mark(u"updateOrderStatus-progress"_s);
    status.percentage = 20;
    (void)store.updateOrderStatus(orderId, status, QDateTime::currentDateTimeUtc());
    mark(u"updateOrderStatus-same"_s);
    (void)store.updateOrderStatus(orderId, status, QDateTime::currentDateTimeUtc());
    mark(u"recordStatusRequest"_s);
    (void)store.recordStatusRequest(orderId, QDateTime::currentDateTimeUtc());
    mark(u"leasePolling-3-tokens"_s);
    (void)store.leasePolling(environment, {u"token-1"_s, u"token-2"_s, u"token-3"_s}, 60'000);
    mark(u"leasePolling-renew"_s);
    (void)store.leasePolling(environment, {u"token-1"_s, u"token-2"_s, u"token-3"_s}, 60'000);
    mark(u"order"_s);
    (void)store.order(orderId);
    mark(u"addOrder"_s);
    pc::Order order;
    order.environment = environment;
    order.token = u"token-9"_s;
    (void)store.addOrder(order);
    mark(u"setOrderArchived"_s);
    (void)store.setOrderArchived(orderId, true);
    mark(u"end"_s);
    return 0;
}
