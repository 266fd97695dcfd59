// The live order table (OrderTableModel) and its search / status / sort proxy
// (OrderFilterProxyModel): formatting, raw values, precise dataChanged, insertions,
// removal, tooltips.

#include "common/datasize.h"
#include "orderfilterproxymodel.h"
#include "ordertablemodel.h"
#include "statuspresentation.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QIcon>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

using Column = OrderTableModel::Column;

// One dataChanged signal, as a rectangle with its (sorted) roles.
struct Change
{
    int top = 0;
    int left = 0;
    int bottom = 0;
    int right = 0;
    QList<int> roles;

    friend bool operator==(const Change &, const Change &) = default;
    friend bool operator<(const Change &a, const Change &b)
    {
        return std::tie(a.top, a.left, a.bottom, a.right) <
               std::tie(b.top, b.left, b.bottom, b.right);
    }
};

char *toString(const Change &c)
{
    QStringList roles;
    for (int role : c.roles)
        roles << QString::number(role);
    return qstrdup(u"(%1,%2)-(%3,%4) roles [%5]"_s.arg(c.top)
                       .arg(c.left)
                       .arg(c.bottom)
                       .arg(c.right)
                       .arg(roles.join(u','))
                       .toUtf8()
                       .constData());
}

QList<Change> changesOf(const QSignalSpy &spy)
{
    QList<Change> changes;
    for (const QList<QVariant> &args : spy) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QList<int> roles = args.at(2).value<QList<int>>();
        std::sort(roles.begin(), roles.end());
        changes.append(
            {topLeft.row(), topLeft.column(), bottomRight.row(), bottomRight.column(), roles});
    }
    std::sort(changes.begin(), changes.end());
    return changes;
}

QList<int> sorted(QList<int> roles)
{
    std::sort(roles.begin(), roles.end());
    return roles;
}

const QList<int> kText = sorted({Qt::DisplayRole, OrderTableModel::RawValueRole});

QDateTime utc(int hour, int minute = 0, int day = 5)
{
    return QDateTime(QDate(2024, 3, day), QTime(hour, minute), Qt::UTC);
}

Decimal money(QStringView text)
{
    return *Decimal::fromString(text);
}

Order makeOrder(qint64 id, JobStatus status = JobStatus::Printing)
{
    Order order;
    order.id = id;
    order.environment = u"sandbox"_s;
    order.token = u"token%1abcdef"_s.arg(id);
    order.tokenLink = u"http://127.0.0.1:4000/?token="_s + order.token;
    order.sslTokenLink = u"https://127.0.0.1:4001/?token="_s + order.token;
    order.fileName = u"design-%1.stl"_s.arg(id);
    order.size = 1000 + id;
    order.receiverEmail = u"customer%1@example.com"_s.arg(id);
    order.price = money(u"12.50");
    order.currency = u"EUR"_s;
    order.partnerJobId = u"job-%1"_s.arg(id);
    order.created = utc(8).addSecs(id * 60);
    order.status.status = status;
    order.status.statusText = jobStatusToWire(status);
    if (status == JobStatus::Printing) {
        order.status.percentage = 10;
        order.status.minutesLeft = 30;
        order.status.totalTime = 120;
        order.status.printerModel = u"Prusa MK4"_s;
    }
    order.lastChecked = utc(9);
    return order;
}

QList<Order> makeOrders(int count, JobStatus status = JobStatus::Printing)
{
    QList<Order> orders;
    for (int i = 1; i <= count; ++i)
        orders.append(makeOrder(i, status));
    return orders;
}

QList<qint64> idsOf(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(OrderTableModel::OrderIdRole).toLongLong();
    return ids;
}

QString display(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestOrderTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void headers();
    void formatsEveryColumn();
    void missingValuesShowADash();
    void rawValues();
    void statusRoles();
    void unknownStatusShownAsIs();
    void unknownToServiceIsShown();
    void tooltipAsksTheHistoryProvider();
    void sortsOnRawValues_data();
    void sortsOnRawValues();
    void typedSortAgreesWithRawValues();
    void searchesFileReceiverJobIdAndToken();
    void statusFilter();
    void filterFollowsUpdates();
    void sortFollowsUpdates();
    void updateAnnouncesOnlyChangedCells();
    void updateCoalescesAdjacentRowsAndColumns();
    void unchangedUpdateIsSilent();
    void updateAppendsNewOrdersInOneBlock();
    void setOrdersResetsAndDeduplicates();
    void removeOrder();
    void jobIdCurrencyAndNoteColumns();
    void archivedOrdersAreHiddenUntilShown();
    void archiveAndNoteAnnounceTheirRoles();
    void needsAttentionAndDayFilters();
};

void TestOrderTableModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // A zone with a half-hour offset and no daylight saving: local time is visibly not UTC.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
}

void TestOrderTableModel::headers()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const QStringList expected{u"Created"_s,  u"File"_s,     u"Receiver"_s,     u"Price"_s,
                               u"Status"_s,   u"Progress"_s, u"Time left"_s,    u"Print time"_s,
                               u"Printer"_s,  u"Message"_s,  u"Last checked"_s, u"Job ID"_s,
                               u"Currency"_s, u"Note"_s};
    QCOMPARE(model.columnCount(), int(expected.size()));
    for (int column = 0; column < model.columnCount(); ++column)
        QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), expected.at(column));
}

void TestOrderTableModel::formatsEveryColumn()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Order order = makeOrder(7);
    order.created = utc(14, 7);
    order.price = money(u"1234.5");
    order.status.percentage = 45.7;
    order.status.minutesLeft = 65;
    order.status.totalTime = 3725;
    order.status.message = u"Nice\nprint"_s;
    order.lastChecked = utc(23, 45); // the next day in Kolkata (UTC+5:30)
    model.setOrders({order});

    QCOMPARE(display(model, 0, Column::Created), u"3/5/24 7:37 PM"_s);
    QCOMPARE(display(model, 0, Column::File), u"design-7.stl"_s);
    QCOMPARE(display(model, 0, Column::Receiver), u"customer7@example.com"_s);
    QCOMPARE(display(model, 0, Column::Price), u"EUR\u00a01,234.50"_s);
    QCOMPARE(display(model, 0, Column::Status), u"Printing"_s);
    QCOMPARE(display(model, 0, Column::Progress), u"45 %"_s); // rounded down
    QCOMPARE(display(model, 0, Column::MinutesLeft), u"1 h 05 min left"_s);
    QCOMPARE(display(model, 0, Column::PrintTime), u"1:02:05"_s);
    QCOMPARE(display(model, 0, Column::Printer), u"Prusa MK4"_s);
    QCOMPARE(display(model, 0, Column::Message), u"Nice print"_s);
    QCOMPARE(model.index(0, Column::Message).data(Qt::ToolTipRole).toString(), u"Nice\nprint"_s);
    QCOMPARE(display(model, 0, Column::LastChecked), u"3/6/24 5:15 AM"_s);
    QCOMPARE(model.index(0, Column::Price).data(Qt::TextAlignmentRole).toInt(),
             (Qt::AlignRight | Qt::AlignVCenter).toInt());
    const QString fileTip = model.index(0, Column::File).data(Qt::ToolTipRole).toString();
    QVERIFY2(fileTip.contains(u"design-7.stl"_s) && fileTip.contains(u"1.0 kB"_s),
             qPrintable(fileTip));

    // The size reads as it does in the upload queue and the CLI: one formatter for all.
    order.size = 13084;
    model.setOrders({order});
    const QString sizeTip = model.index(0, Column::File).data(Qt::ToolTipRole).toString();
    QVERIFY2(sizeTip.contains(u"13.1 kB"_s), qPrintable(sizeTip));
    QCOMPARE(pc::formatDataSize(13084, QLocale(QLocale::English, QLocale::UnitedStates)),
             u"13.1 kB"_s);
}

void TestOrderTableModel::missingValuesShowADash()
{
    OrderTableModel model;
    Order order = makeOrder(1, JobStatus::AwaitingCustomer);
    order.lastChecked = {};
    model.setOrders({order});
    const QString dash = u"\u2014"_s;
    QCOMPARE(display(model, 0, Column::Status), u"Waiting for customer"_s);
    for (const int column :
         {Column::Progress, Column::MinutesLeft, Column::PrintTime, Column::LastChecked})
        QCOMPARE(display(model, 0, column), dash);
    QCOMPARE(display(model, 0, Column::Printer), QString());
    for (const int column :
         {Column::Progress, Column::MinutesLeft, Column::PrintTime, Column::LastChecked})
        QVERIFY(!model.index(0, column).data(OrderTableModel::RawValueRole).isValid());
}

void TestOrderTableModel::rawValues()
{
    OrderTableModel model;
    Order order = makeOrder(3);
    order.price = money(u"19.99");
    order.status.message = u"ok"_s;
    model.setOrders({order});
    auto raw = [&](int column) {
        return model.index(0, column).data(OrderTableModel::RawValueRole);
    };
    QCOMPARE(raw(Column::Created).toDateTime(), order.created);
    QCOMPARE(raw(Column::File).toString(), order.fileName);
    QCOMPARE(raw(Column::Receiver).toString(), order.receiverEmail);
    QCOMPARE(raw(Column::Price).toDouble(), 19.99);
    QCOMPARE(raw(Column::Status).toInt(), int(JobStatus::Printing));
    QCOMPARE(raw(Column::Progress).toDouble(), 10.0);
    QCOMPARE(raw(Column::MinutesLeft).toDouble(), 30.0);
    QCOMPARE(raw(Column::PrintTime).toDouble(), 120.0);
    QCOMPARE(raw(Column::Printer).toString(), u"Prusa MK4"_s);
    QCOMPARE(raw(Column::Message).toString(), u"ok"_s);
    QCOMPARE(raw(Column::LastChecked).toDateTime(), order.lastChecked);
    const QModelIndex price = model.index(0, Column::Price);
    QCOMPARE(price.data(OrderTableModel::PriceRole).value<Decimal>(), money(u"19.99"));
    QCOMPARE(price.data(OrderTableModel::CurrencyRole).toString(), u"EUR"_s);
    for (int column = 0; column < model.columnCount(); ++column) {
        const QModelIndex index = model.index(0, column);
        QCOMPARE(index.data(OrderTableModel::OrderIdRole).toLongLong(), 3);
        QCOMPARE(index.data(OrderTableModel::TokenRole).toString(), order.token);
        QCOMPARE(index.data(OrderTableModel::TokenLinkRole).toString(), order.tokenLink);
        QCOMPARE(index.data(OrderTableModel::SslTokenLinkRole).toString(), order.sslTokenLink);
    }
    QCOMPARE(model.rowOfOrder(3), 0);
    QCOMPARE(model.rowOfOrder(4), -1);
    QCOMPARE(model.orderAt(0)->token, order.token);
    QVERIFY(!model.orderAt(1));
    QVERIFY(!model.orderAt(-1));
}

void TestOrderTableModel::statusRoles()
{
    OrderTableModel model;
    Order done = makeOrder(2, JobStatus::ConfirmedSuccess);
    done.printStarted = utc(10);
    done.printFinished = utc(11);
    model.setOrders({makeOrder(1), done});
    const QModelIndex printing = model.index(0, Column::Status);
    QCOMPARE(printing.data(Qt::DecorationRole).userType(), QMetaType::QIcon);
    QCOMPARE(printing.data(OrderTableModel::StatusIconRole).toString(),
             statusIconResource(JobStatus::Printing));
    QCOMPARE(printing.data(OrderTableModel::StatusColorRole).value<QColor>(),
             statusColor(JobStatus::Printing));
    QCOMPARE(printing.data(OrderTableModel::JobStatusRole).toInt(), int(JobStatus::Printing));
    QVERIFY(!printing.data(OrderTableModel::PrintFinishedRole).isValid());
    const QModelIndex confirmed = model.index(1, Column::Status);
    QCOMPARE(confirmed.data().toString(), u"Success confirmed"_s);
    QCOMPARE(confirmed.data(OrderTableModel::StatusIconRole).toString(),
             u":/icons/status-confirmed-success.svg"_s);
    QCOMPARE(confirmed.data(OrderTableModel::PrintStartedRole).toDateTime(), utc(10));
    QCOMPARE(confirmed.data(OrderTableModel::PrintFinishedRole).toDateTime(), utc(11));
    // Only the status column carries an icon.
    QVERIFY(!model.index(0, Column::File).data(Qt::DecorationRole).isValid());
    QVERIFY(!model.index(0, Column::File).data(OrderTableModel::JobStatusRole).isValid());
}

void TestOrderTableModel::unknownStatusShownAsIs()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Order order = makeOrder(1);
    order.status.status = JobStatus::Unknown;
    order.status.statusText = u"PAUSED_BY_OWNER"_s;
    model.setOrders({order});
    QCOMPARE(display(model, 0, Column::Status), u"PAUSED_BY_OWNER"_s);
    QCOMPARE(model.index(0, Column::Status).data(OrderTableModel::StatusIconRole).toString(),
             u":/icons/status-unknown.svg"_s);

    // Another unknown value: the text changes although the status (Unknown) does not.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    order.status.statusText = u"QUEUED_AT_PRINTER"_s;
    model.updateOrders({order});
    QCOMPARE(display(model, 0, Column::Status), u"QUEUED_AT_PRINTER"_s);
    const QList<Change> expected{
        {0, Column::Status, 0, Column::Status, sorted({Qt::DisplayRole, Qt::ToolTipRole})}};
    QCOMPARE(changesOf(changed), expected);
}

void TestOrderTableModel::unknownToServiceIsShown()
{
    OrderTableModel model;
    Order order = makeOrder(1);
    model.setOrders({order});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    order.unknownToService = true;
    model.updateOrders({order});
    const QModelIndex status = model.index(0, Column::Status);
    QCOMPARE(status.data().toString(), u"Printing (unknown to the service)"_s);
    QVERIFY(status.data(Qt::ToolTipRole).toString().contains(u"no longer knows this token"_s));
    QVERIFY(status.data(OrderTableModel::UnknownToServiceRole).toBool());
    const QList<Change> expected{
        {0, Column::Status, 0, Column::Status,
         sorted({Qt::DisplayRole, Qt::ToolTipRole, OrderTableModel::UnknownToServiceRole})}};
    QCOMPARE(changesOf(changed), expected);
}

void TestOrderTableModel::tooltipAsksTheHistoryProvider()
{
    OrderTableModel model;
    model.setOrders(makeOrders(2));
    const QModelIndex status = model.index(1, Column::Status);
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), u"Printing"_s); // no requester yet

    QList<qint64> asked;
    auto entry = [](int minute, JobStatus s, std::optional<double> percent = {}) {
        StatusHistoryEntry e;
        e.orderId = 2;
        e.time = utc(10, minute);
        e.status.status = s;
        e.status.percentage = percent;
        return e;
    };
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHistoryRequester([&](qint64 orderId) { asked << orderId; });
    QVERIFY(asked.isEmpty()); // asked on demand only
    // The first look asks (later, from the event loop, never inside data()) and shows the
    // status alone meanwhile; asking again while waiting does not ask twice.
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), u"Printing"_s);
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), u"Printing"_s);
    QVERIFY(asked.isEmpty());
    QTRY_COMPARE(asked, QList<qint64>{2});
    QCoreApplication::processEvents();
    QCOMPARE(asked.size(), 1);

    // Out of order on purpose: the tooltip lists them by time.
    model.setHistory(2, {entry(20, JobStatus::Printing, 45), entry(0, JobStatus::AwaitingCustomer),
                         entry(10, JobStatus::WarmingUp)});
    const QList<Change> tooltips{{1, Column::Status, 1, Column::Status, {Qt::ToolTipRole}}};
    QCOMPARE(changesOf(changed), tooltips);
    QCOMPARE(status.data(Qt::ToolTipRole).toString(), u"Printing\nHistory:\n"
                                                      "3/5/24 3:30 PM  Waiting for customer\n"
                                                      "3/5/24 3:40 PM  Warming up\n"
                                                      "3/5/24 3:50 PM  Printing (45 %)"_s);
    QVERIFY(!model.index(1, Column::Price).data(Qt::ToolTipRole).isValid());
    QCoreApplication::processEvents();
    QCOMPARE(asked.size(), 1); // kept, not asked again

    // A new status may have added an entry: the history is asked for again.
    QList<Order> orders = model.orders();
    orders[1].status.percentage = 60;
    orders[1].status.status = JobStatus::Printing;
    orders[1].status.message = u"layer 40"_s;
    model.updateOrders({orders[1]});
    QCOMPARE(status.data(Qt::ToolTipRole).toString().count(u'\n'), 0);
    QTRY_COMPARE(asked.size(), 2);

    // A long history: the newest entries, and how many were left out.
    QList<StatusHistoryEntry> many;
    for (int minute = 0; minute < 20; ++minute)
        many << entry(minute, JobStatus::Printing, minute);
    model.setHistory(2, many);
    const QStringList lines = status.data(Qt::ToolTipRole).toString().split(u'\n');
    QCOMPARE(lines.size(), 2 + 1 + 12);
    QCOMPARE(lines.at(2), u"8 earlier change(s)"_s);
    QCOMPARE(lines.at(3), u"3/5/24 3:38 PM  Printing (8 %)"_s);
    QCOMPARE(lines.last(), u"3/5/24 3:49 PM  Printing (19 %)"_s);
}

void TestOrderTableModel::sortsOnRawValues_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QList<qint64>>("ascending");
    QTest::newRow("created") << int(Column::Created) << QList<qint64>{4, 2, 1, 3};
    QTest::newRow("file, ignoring case") << int(Column::File) << QList<qint64>{2, 4, 1, 3};
    QTest::newRow("receiver") << int(Column::Receiver) << QList<qint64>{2, 3, 4, 1};
    QTest::newRow("price") << int(Column::Price) << QList<qint64>{2, 1, 4, 3};
    QTest::newRow("status in life order") << int(Column::Status) << QList<qint64>{3, 4, 1, 2};
    QTest::newRow("progress, unknown last") << int(Column::Progress) << QList<qint64>{4, 1, 2, 3};
    QTest::newRow("minutes left") << int(Column::MinutesLeft) << QList<qint64>{2, 1, 4, 3};
    QTest::newRow("print time") << int(Column::PrintTime) << QList<qint64>{4, 1, 2, 3};
    QTest::newRow("printer") << int(Column::Printer) << QList<qint64>{3, 2, 1, 4};
    QTest::newRow("message, stable ties") << int(Column::Message) << QList<qint64>{1, 3, 2, 4};
    QTest::newRow("last checked") << int(Column::LastChecked) << QList<qint64>{2, 4, 1, 3};
}

// Four orders whose every column sorts differently.
static QList<Order> sortFixture()
{
    Order a = makeOrder(1);
    a.created = utc(10);
    a.fileName = u"b.stl"_s;
    a.receiverEmail = u"Zed@example.com"_s;
    a.price = money(u"12.50");
    a.status.percentage = 50;
    a.status.minutesLeft = 30;
    a.status.totalTime = 600;
    a.status.printerModel = u"Prusa"_s;
    a.lastChecked = utc(10, 5);

    Order b = makeOrder(2, JobStatus::Success);
    b.created = utc(9);
    b.fileName = u"A.stl"_s;
    b.receiverEmail = u"anna@example.com"_s;
    b.price = money(u"9.99");
    b.status.percentage = 100;
    b.status.minutesLeft = 0;
    b.status.totalTime = 3600;
    b.status.printerModel = u"Bambu"_s;
    b.status.message = u"great"_s;
    b.lastChecked = utc(10, 1);

    Order c = makeOrder(3, JobStatus::AwaitingCustomer);
    c.created = utc(11);
    c.fileName = u"c.stl"_s;
    c.receiverEmail = u"bob@example.com"_s;
    c.price = money(u"100");
    c.lastChecked = {};

    Order d = makeOrder(4, JobStatus::WarmingUp);
    d.created = utc(8);
    d.fileName = u"a2.stl"_s;
    d.receiverEmail = u"carl@example.com"_s;
    d.price = money(u"12.51");
    d.currency = u"USD"_s;
    d.status.percentage = 5;
    d.status.minutesLeft = 120;
    d.status.totalTime = 60;
    d.status.printerModel = u"prusa mk4"_s;
    d.status.message = u"Nozzle clogged"_s;
    d.lastChecked = utc(10, 3);
    return {a, b, c, d};
}

void TestOrderTableModel::sortsOnRawValues()
{
    QFETCH(int, column);
    QFETCH(QList<qint64>, ascending);
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders(sortFixture());
    QCOMPARE(proxy.sortRole(), int(OrderTableModel::RawValueRole));
    proxy.sort(column, Qt::AscendingOrder);
    QCOMPARE(idsOf(proxy), ascending);
    QCOMPARE(proxy.orderAt(0)->id, ascending.first());
    proxy.sort(column, Qt::DescendingOrder);
    const QList<qint64> descending = idsOf(proxy);
    // Descending is ascending reversed, except that ties keep their source order.
    if (column != Column::Message) {
        QList<qint64> reversed = ascending;
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(descending, reversed);
    } else {
        QCOMPARE(descending, (QList<qint64>{4, 2, 1, 3}));
    }
}

// Sorting the orders directly gives what sorting their raw values would give.
void TestOrderTableModel::typedSortAgreesWithRawValues()
{
    OrderTableModel model;
    model.setOrders(sortFixture());
    OrderFilterProxyModel typed;
    typed.setSourceModel(&model);
    QSortFilterProxyModel generic;
    generic.setSourceModel(&model);
    generic.setSortRole(OrderTableModel::RawValueRole);
    generic.setSortCaseSensitivity(Qt::CaseInsensitive);
    for (int column = 0; column < OrderTableModel::ColumnCount; ++column) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            typed.sort(column, order);
            generic.sort(column, order);
            QVERIFY2(idsOf(typed) == idsOf(generic),
                     qPrintable(u"column %1 order %2"_s.arg(column).arg(int(order))));
        }
    }
}

void TestOrderTableModel::searchesFileReceiverJobIdAndToken()
{
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Order teapot = makeOrder(1);
    teapot.fileName = u"Teapot.stl"_s;
    teapot.receiverEmail = u"anna@example.com"_s;
    teapot.partnerJobId = u"SHOP-77"_s;
    teapot.token = u"9b1f0c2e4d6a48b0"_s;
    Order cube = makeOrder(2);
    cube.fileName = u"cube.stl"_s;
    cube.receiverEmail = u"bob@example.com"_s;
    cube.partnerJobId = u"SHOP-78"_s;
    cube.token = u"77aa00"_s;
    cube.status.printerModel = u"Teapot printer"_s; // not searched
    model.setOrders({teapot, cube});

    const QList<std::pair<QString, QList<qint64>>> cases{
        {u""_s, {1, 2}},
        {u"   "_s, {1, 2}},
        {u"TEAPOT"_s, {1}},
        {u"Anna@"_s, {1}},
        {u"shop-78"_s, {2}},
        {u"9B1F0C"_s, {1}},
        {u"77"_s, {1, 2}},          // a job id in one, the token in the other
        {u"teapot anna"_s, {1}},    // every word must match
        {u"teapot\u00a0bob"_s, {}}, // a no-break space separates words too
        {u"printer"_s, {}},
        {u"example.com"_s, {1, 2}},
    };
    for (const auto &[text, expected] : cases) {
        proxy.setSearchText(text);
        QCOMPARE(proxy.searchText(), text);
        QVERIFY2(idsOf(proxy) == expected, qPrintable(text));
    }
}

void TestOrderTableModel::statusFilter()
{
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders({makeOrder(1, JobStatus::AwaitingCustomer), makeOrder(2, JobStatus::Printing),
                     makeOrder(3, JobStatus::Success), makeOrder(4, JobStatus::ConfirmedSuccess),
                     makeOrder(5, JobStatus::ConfirmedFailure), makeOrder(6, JobStatus::Unknown)});
    proxy.showOpenOnly();
    QCOMPARE(idsOf(proxy), (QList<qint64>{1, 2, 3, 6}));
    proxy.showFinalOnly();
    QCOMPARE(idsOf(proxy), (QList<qint64>{4, 5}));
    proxy.setStatusFilter(QSet<JobStatus>{JobStatus::Printing, JobStatus::ConfirmedFailure});
    QCOMPARE(idsOf(proxy), (QList<qint64>{2, 5}));
    proxy.setStatusFilter(QSet<JobStatus>{});
    QCOMPARE(proxy.rowCount(), 0);
    proxy.showAll();
    QCOMPARE(proxy.rowCount(), 6);
    QVERIFY(!proxy.statusFilter().has_value());

    // Search and status filter together.
    proxy.showOpenOnly();
    proxy.setSearchText(u"customer2"_s);
    QCOMPARE(idsOf(proxy), QList<qint64>{2});
    proxy.setSearchText(u"customer4"_s);
    QCOMPARE(proxy.rowCount(), 0);
}

void TestOrderTableModel::filterFollowsUpdates()
{
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders(makeOrders(3));
    proxy.showOpenOnly();
    proxy.sort(Column::Status, Qt::AscendingOrder);
    QCOMPARE(proxy.rowCount(), 3);

    QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
    Order confirmed = *model.orderAt(1);
    confirmed.status.status = JobStatus::ConfirmedSuccess;
    model.updateOrders({confirmed});
    QCOMPARE(removed.size(), 1);
    QCOMPARE(idsOf(proxy), (QList<qint64>{1, 3}));

    // A new open order appears, in sorted place.
    Order waiting = makeOrder(9, JobStatus::AwaitingCustomer);
    model.updateOrders({waiting});
    QCOMPARE(idsOf(proxy), (QList<qint64>{9, 1, 3}));
}

// Orders whose status changed move to their sorted place; the others keep theirs.
void TestOrderTableModel::sortFollowsUpdates()
{
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<Order> orders;
    for (int i = 1; i <= 300; ++i)
        orders << makeOrder(i, i % 3 == 0   ? JobStatus::AwaitingCustomer
                               : i % 3 == 1 ? JobStatus::Printing
                                            : JobStatus::ConfirmedSuccess);
    model.setOrders(orders);
    proxy.sort(Column::Status, Qt::DescendingOrder);
    QCOMPARE(proxy.rowCount(), 300);
    QSignalSpy relayouts(&proxy, &QAbstractItemModel::layoutChanged);
    QList<Order> round;
    for (int i = 0; i < 300; i += 31) {
        Order o = orders.at(i);
        o.status.status = JobStatus::Success;
        round << o;
    }
    model.updateOrders(round);
    QVERIFY(!relayouts.isEmpty());
    // Sorted by status, ties in source order, exactly as a fresh sort gives.
    OrderFilterProxyModel fresh;
    fresh.setSourceModel(&model);
    fresh.sort(Column::Status, Qt::DescendingOrder);
    QCOMPARE(idsOf(proxy), idsOf(fresh));
    QCOMPARE(proxy.orderAt(0)->status.status, JobStatus::ConfirmedSuccess);
    QCOMPARE(proxy.orderAt(100)->status.status, JobStatus::Success);
}

// A poll round: two neighbouring orders progressed, another one finished.
void TestOrderTableModel::updateAnnouncesOnlyChangedCells()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders(makeOrders(5));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    QList<Order> round;
    for (const int row : {1, 2}) {
        Order o = *model.orderAt(row);
        o.status.percentage = 20;
        o.status.minutesLeft = 25;
        o.lastChecked = utc(9, 1);
        round << o;
    }
    Order finished = *model.orderAt(4);
    finished.status.status = JobStatus::Success;
    finished.status.statusText = u"SUCCESS"_s;
    finished.status.percentage = 100;
    finished.printFinished = utc(9, 1);
    finished.lastChecked = utc(9, 1);
    round << finished;
    round << *model.orderAt(3); // polled, nothing new
    model.updateOrders(round);

    QCOMPARE(inserted.size(), 0);
    QCOMPARE(reset.size(), 0);
    const QList<int> statusRoles =
        sorted({Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole, OrderTableModel::RawValueRole,
                OrderTableModel::JobStatusRole, OrderTableModel::StatusColorRole,
                OrderTableModel::StatusIconRole, OrderTableModel::PrintFinishedRole});
    const QList<Change> expected{
        {1, Column::Progress, 2, Column::MinutesLeft, kText},
        {1, Column::LastChecked, 2, Column::LastChecked, kText},
        {4, Column::Status, 4, Column::Status, statusRoles},
        {4, Column::Progress, 4, Column::Progress, kText},
        {4, Column::LastChecked, 4, Column::LastChecked, kText},
    };
    QCOMPARE(changesOf(changed), expected);
    QCOMPARE(display(model, 4, Column::Status), u"Print succeeded"_s);
    QCOMPARE(display(model, 1, Column::Progress), u"20 %"_s);
    QCOMPARE(model.orderAt(4)->printFinished, utc(9, 1));
}

void TestOrderTableModel::updateCoalescesAdjacentRowsAndColumns()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders(makeOrders(100));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<Order> round;
    // Rows 10-19: progress, minutes left and print time (three neighbouring columns).
    for (int row = 10; row < 20; ++row) {
        Order o = *model.orderAt(row);
        o.status.percentage = 11;
        o.status.minutesLeft = 29;
        o.status.totalTime = 180;
        round << o;
    }
    // Rows 30 and 32: the same change, but not neighbours. Given in reverse order.
    for (const int row : {32, 30}) {
        Order o = *model.orderAt(row);
        o.status.percentage = 12;
        round << o;
    }
    // Row 20 changed a different column: it does not join the block above it.
    Order printer = *model.orderAt(20);
    printer.status.printerModel = u"Bambu X1"_s;
    round << printer;
    model.updateOrders(round);
    const QList<Change> expected{
        {10, Column::Progress, 19, Column::PrintTime, kText},
        {20, Column::Printer, 20, Column::Printer, kText},
        {30, Column::Progress, 30, Column::Progress, kText},
        {32, Column::Progress, 32, Column::Progress, kText},
    };
    QCOMPARE(changesOf(changed), expected);

    // A token link is served on every column, so it is announced on the whole row.
    changed.clear();
    Order relinked = *model.orderAt(5);
    relinked.sslTokenLink = u"https://example.com/t"_s;
    model.updateOrders({relinked});
    QCOMPARE(
        changesOf(changed),
        (QList<Change>{
            {5, 0, 5, OrderTableModel::ColumnCount - 1, {OrderTableModel::SslTokenLinkRole}}}));
}

void TestOrderTableModel::unchangedUpdateIsSilent()
{
    OrderTableModel model;
    const QList<Order> orders = makeOrders(10);
    model.setOrders(orders);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.updateOrders(orders);
    model.updateOrders({});
    QCOMPARE(changed.size(), 0);
    QCOMPARE(inserted.size(), 0);
    // The same amount written differently (12.5 vs 12.50) is shown differently: announced.
    Order rescaled = orders.at(0);
    rescaled.price = money(u"12.500");
    model.updateOrders({rescaled});
    QCOMPARE(changesOf(changed),
             (QList<Change>{{0, Column::Price, 0, Column::Price,
                             sorted({Qt::DisplayRole, OrderTableModel::RawValueRole,
                                     OrderTableModel::PriceRole})}}));
}

void TestOrderTableModel::updateAppendsNewOrdersInOneBlock()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders(makeOrders(3));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Order changedOrder = *model.orderAt(0);
    changedOrder.status.message = u"hello"_s;
    Order newer = makeOrder(12);
    newer.fileName = u"first version"_s;
    Order newest = makeOrder(12);
    newest.fileName = u"second version"_s; // the same new order twice: the last one counts
    model.updateOrders({makeOrder(10), changedOrder, makeOrder(11), newer, newest});
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 5);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(idsOf(model), (QList<qint64>{1, 2, 3, 10, 11, 12}));
    QCOMPARE(model.rowOfOrder(11), 4);
    QCOMPARE(model.orderAt(5)->fileName, u"second version"_s);
    QCOMPARE(changesOf(changed), (QList<Change>{{0, Column::Message, 0, Column::Message,
                                                 sorted({Qt::DisplayRole, Qt::ToolTipRole,
                                                         OrderTableModel::RawValueRole})}}));
}

void TestOrderTableModel::setOrdersResetsAndDeduplicates()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    Order again = makeOrder(2);
    again.fileName = u"newer.stl"_s;
    model.setOrders({makeOrder(1), makeOrder(2), makeOrder(3), again});
    QCOMPARE(reset.size(), 1);
    QCOMPARE(idsOf(model), (QList<qint64>{1, 2, 3}));
    QCOMPARE(model.orderAt(1)->fileName, u"newer.stl"_s);
    QCOMPARE(model.rowOfOrder(3), 2);
    model.setOrders({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOfOrder(1), -1);
}

void TestOrderTableModel::removeOrder()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders(makeOrders(4));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.removeOrder(2);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(idsOf(model), (QList<qint64>{1, 3, 4}));
    QCOMPARE(model.rowOfOrder(4), 2);
    QCOMPARE(model.rowOfOrder(2), -1);
    model.removeOrder(42); // not there: nothing happens
    QCOMPARE(removed.size(), 1);
    // The index stays right for later updates.
    Order fourth = *model.orderAt(2);
    fourth.status.percentage = 77;
    model.updateOrders({fourth});
    QCOMPARE(display(model, 2, Column::Progress), u"77 %"_s);
}

void TestOrderTableModel::jobIdCurrencyAndNoteColumns()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Order order = makeOrder(3);
    order.currency = u"USD"_s;
    order.note = u"Call   back\nFriday"_s;
    model.setOrders({order});
    QCOMPARE(display(model, 0, OrderTableModel::JobId), u"job-3"_s);
    QCOMPARE(display(model, 0, OrderTableModel::Currency), u"USD"_s);
    QCOMPARE(display(model, 0, OrderTableModel::Note), u"Call back Friday"_s); // one line
    QCOMPARE(model.index(0, OrderTableModel::Note).data(Qt::ToolTipRole).toString(),
             u"Call   back\nFriday"_s);
    QVERIFY(model.index(0, OrderTableModel::File)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"Note: Call   back"_s));
    QCOMPARE(model.index(0, OrderTableModel::JobId).data(OrderTableModel::RawValueRole).toString(),
             u"job-3"_s);
    QCOMPARE(model.index(0, OrderTableModel::Status).data(OrderTableModel::NoteRole).toString(),
             order.note);

    // Sorted on the new columns like on any other.
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    Order other = makeOrder(4);
    other.currency = u"CHF"_s;
    model.updateOrders({other});
    proxy.sort(OrderTableModel::Currency, Qt::AscendingOrder);
    QCOMPARE(idsOf(proxy), (QList<qint64>{4, 3}));
    proxy.sort(OrderTableModel::JobId, Qt::DescendingOrder);
    QCOMPARE(idsOf(proxy), (QList<qint64>{4, 3}));
}

void TestOrderTableModel::archivedOrdersAreHiddenUntilShown()
{
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Order archived = makeOrder(2);
    archived.archived = utc(10);
    archived.note = u"test print for the fair"_s;
    model.setOrders({makeOrder(1), archived, makeOrder(3)});
    QVERIFY(!proxy.showsArchived());
    QCOMPARE(idsOf(proxy), (QList<qint64>{1, 3}));
    proxy.setShowArchived(true);
    QCOMPARE(idsOf(proxy), (QList<qint64>{1, 2, 3}));
    QVERIFY(model.index(1, OrderTableModel::File).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!model.index(0, OrderTableModel::File).data(Qt::FontRole).isValid());
    QCOMPARE(
        model.index(1, OrderTableModel::Price).data(OrderTableModel::ArchivedRole).toDateTime(),
        utc(10));
    QVERIFY(model.index(1, OrderTableModel::File)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"Archived on"_s));
    // The note is searched too.
    proxy.setSearchText(u"fair"_s);
    QCOMPARE(idsOf(proxy), QList<qint64>{2});
    proxy.setShowArchived(false);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setSearchText({});

    // Archived by an update: the row leaves the view; unarchived: it comes back.
    Order first = makeOrder(1);
    first.archived = utc(11);
    model.updateOrders({first});
    QCOMPARE(idsOf(proxy), QList<qint64>{3});
    first.archived = {};
    model.updateOrders({first});
    QCOMPARE(idsOf(proxy), (QList<qint64>{1, 3}));
}

void TestOrderTableModel::archiveAndNoteAnnounceTheirRoles()
{
    OrderTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setOrders({makeOrder(1)});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Order order = makeOrder(1);
    order.archived = utc(12);
    model.updateOrders({order});
    QVERIFY(!changed.isEmpty());
    QSet<int> roles;
    for (const auto &signal : std::as_const(changed)) {
        for (int role : signal.at(2).value<QList<int>>())
            roles.insert(role);
    }
    QVERIFY(roles.contains(OrderTableModel::ArchivedRole));
    QVERIFY(roles.contains(Qt::FontRole));
    changed.clear();
    order.note = u"n"_s;
    model.updateOrders({order});
    QVERIFY(!changed.isEmpty());
    bool noteCell = false;
    for (const auto &signal : std::as_const(changed)) {
        const QModelIndex from = signal.at(0).toModelIndex();
        const QModelIndex to = signal.at(1).toModelIndex();
        noteCell = noteCell || (from.column() <= OrderTableModel::Note &&
                                to.column() >= OrderTableModel::Note &&
                                signal.at(2).value<QList<int>>().contains(Qt::DisplayRole));
    }
    QVERIFY(noteCell);
}

void TestOrderTableModel::needsAttentionAndDayFilters()
{
    OrderTableModel model;
    OrderFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    Order unknown = makeOrder(1);
    unknown.unknownToService = true;
    Order noLinks = makeOrder(2, JobStatus::AwaitingCustomer);
    noLinks.tokenLink.clear();
    noLinks.sslTokenLink.clear();
    Order odd = makeOrder(3, JobStatus::Unknown);
    Order fine = makeOrder(4);
    Order confirmed = makeOrder(5, JobStatus::ConfirmedSuccess);
    confirmed.unknownToService = true; // confirmed: nothing left to move
    confirmed.printFinished = QDateTime(QDate(2024, 3, 9), QTime(12, 0)); // local noon
    model.setOrders({unknown, noLinks, odd, fine, confirmed});
    proxy.setNeedsAttentionOnly(true);
    QCOMPARE(idsOf(proxy), (QList<qint64>{1, 2, 3}));
    proxy.setNeedsAttentionOnly(false);
    proxy.setFinishedOn(QDate(2024, 3, 9));
    QCOMPARE(idsOf(proxy), QList<qint64>{5});
    proxy.setFinishedOn(QDate(2024, 3, 10));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFinishedOn(std::nullopt);
    QCOMPARE(proxy.rowCount(), 5);
}

QTEST_MAIN(TestOrderTableModel)
#include "tst_ordertablemodel.moc"
