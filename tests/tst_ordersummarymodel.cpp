// The dashboard's figures (OrderSummaryModel): orders per status, prints per day, success
// rate, recomputed once per event-loop pass from an OrderTableModel.

#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "statuspresentation.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

Order makeOrder(qint64 id, JobStatus status, const QDateTime &finished = {})
{
    Order order;
    order.id = id;
    order.token = u"token-%1"_s.arg(id);
    order.fileName = u"design-%1.stl"_s.arg(id);
    order.currency = u"EUR"_s;
    order.created = QDateTime(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC);
    order.status.status = status;
    order.status.statusText = jobStatusToWire(status);
    order.printFinished = finished;
    return order;
}

QDateTime utc(int day, int hour)
{
    return QDateTime(QDate(2024, 3, day), QTime(hour, 0), Qt::UTC);
}

int countCell(const OrderSummaryModel &summary, JobStatus status)
{
    const QModelIndex cell =
        summary.index(OrderSummaryModel::rowOfStatus(status), OrderSummaryModel::Count);
    // Display and raw value must agree.
    const int raw = cell.data(OrderSummaryModel::RawValueRole).toInt();
    if (cell.data().toString() != QString::number(raw))
        return -1;
    return raw;
}

} // namespace

class TestOrderSummaryModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void rowsAreTheStatuses();
    void countsPerStatus();
    void successRate();
    void printsPerDayByLocalDate();
    void recomputesOncePerEventLoopPass();
    void progressAloneDoesNotRecompute();
    void announcesOnlyChangedCounts();
    void followsResetRemovalAndDestruction();
    void printingNowLeavesOutStuckOrders();
    void revenuePerCurrencyNeverMixes();
    void dateRangeCountsItsOrdersOnly();

private:
    std::unique_ptr<OrderTableModel> m_orders;
    std::unique_ptr<OrderSummaryModel> m_summary;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestOrderSummaryModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // UTC+5:30: a print finished at 20:00 UTC on the 5th finished on the 6th, locally.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
}

void TestOrderSummaryModel::init()
{
    m_orders = std::make_unique<OrderTableModel>();
    m_summary = std::make_unique<OrderSummaryModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_summary.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestOrderSummaryModel::cleanup()
{
    m_tester.reset();
    m_summary.reset();
    m_orders.reset();
}

void TestOrderSummaryModel::rowsAreTheStatuses()
{
    QCOMPARE(m_summary->rowCount(), 8);
    QCOMPARE(m_summary->columnCount(), 2);
    QCOMPARE(m_summary->headerData(OrderSummaryModel::Status, Qt::Horizontal).toString(),
             u"Status"_s);
    QCOMPARE(m_summary->headerData(OrderSummaryModel::Count, Qt::Horizontal).toString(),
             u"Orders"_s);
    for (int row = 0; row < m_summary->rowCount(); ++row) {
        const JobStatus status = OrderSummaryModel::statusOfRow(row);
        QCOMPARE(OrderSummaryModel::rowOfStatus(status), row);
        const QModelIndex label = m_summary->index(row, OrderSummaryModel::Status);
        QCOMPARE(label.data().toString(), statusLabel(status));
        QCOMPARE(label.data(OrderSummaryModel::JobStatusRole).toInt(), int(status));
        QCOMPARE(label.data(OrderSummaryModel::ColorRole).value<QColor>(), statusColor(status));
        QCOMPARE(label.data(Qt::DecorationRole).value<QColor>(), statusColor(status));
        QCOMPARE(label.data(OrderSummaryModel::StatusIconRole).toString(),
                 statusIconResource(status));
        QCOMPARE(countCell(*m_summary, status), 0);
    }
    QCOMPARE(m_summary->index(2, 0).data().toString(), u"Printing"_s);
    QCOMPARE(m_summary->index(7, 0).data().toString(), u"Unknown status"_s);
}

void TestOrderSummaryModel::countsPerStatus()
{
    m_orders->setOrders({makeOrder(1, JobStatus::Printing), makeOrder(2, JobStatus::Printing),
                         makeOrder(3, JobStatus::AwaitingCustomer),
                         makeOrder(4, JobStatus::ConfirmedFailure),
                         makeOrder(5, JobStatus::Unknown)});
    m_summary->setSourceModel(m_orders.get()); // computed at once
    QCOMPARE(m_summary->sourceModel(), m_orders.get());
    QCOMPARE(countCell(*m_summary, JobStatus::Printing), 2);
    QCOMPARE(countCell(*m_summary, JobStatus::AwaitingCustomer), 1);
    QCOMPARE(countCell(*m_summary, JobStatus::ConfirmedFailure), 1);
    QCOMPARE(countCell(*m_summary, JobStatus::Unknown), 1);
    QCOMPARE(countCell(*m_summary, JobStatus::Success), 0);
    QCOMPARE(m_summary->count(JobStatus::Printing), 2);
    QCOMPARE(m_summary->totalOrders(), 5);
}

void TestOrderSummaryModel::successRate()
{
    m_summary->setSourceModel(m_orders.get());
    QCOMPARE(m_summary->successRate(), std::nullopt); // nothing finished yet
    m_orders->setOrders({makeOrder(1, JobStatus::Printing), makeOrder(2, JobStatus::Success)});
    m_summary->recomputeNow();
    QCOMPARE(m_summary->successRate(), std::optional<double>(1.0));
    m_orders->setOrders(
        {makeOrder(1, JobStatus::Success), makeOrder(2, JobStatus::ConfirmedSuccess),
         makeOrder(3, JobStatus::ConfirmedSuccess), makeOrder(4, JobStatus::Failure),
         makeOrder(5, JobStatus::Printing), makeOrder(6, JobStatus::Unknown)});
    m_summary->recomputeNow();
    QCOMPARE(m_summary->successes(), 3);
    QCOMPARE(m_summary->failures(), 1);
    QCOMPARE(m_summary->successRate(), std::optional<double>(0.75));
}

void TestOrderSummaryModel::printsPerDayByLocalDate()
{
    m_orders->setOrders({
        makeOrder(1, JobStatus::Success, utc(4, 10)),
        makeOrder(2, JobStatus::ConfirmedSuccess, utc(4, 12)),
        makeOrder(3, JobStatus::Failure, utc(4, 13)),
        makeOrder(4, JobStatus::ConfirmedFailure, utc(5, 20)), // the 6th in Kolkata
        makeOrder(5, JobStatus::Success, utc(6, 1)),
        makeOrder(6, JobStatus::Success, utc(1, 10)), // before the window
        makeOrder(7, JobStatus::Printing, utc(6, 2)), // not finished: not counted
        makeOrder(8, JobStatus::Success),             // no finish time known
    });
    m_summary->setSourceModel(m_orders.get());
    const QList<DaySummary> days = m_summary->printsPerDay(4, QDate(2024, 3, 6));
    const QList<DaySummary> expected{
        {QDate(2024, 3, 3), 0, 0},
        {QDate(2024, 3, 4), 2, 1},
        {QDate(2024, 3, 5), 0, 0},
        {QDate(2024, 3, 6), 1, 1},
    };
    QCOMPARE(days.size(), expected.size());
    for (qsizetype i = 0; i < days.size(); ++i) {
        QCOMPARE(days.at(i).day, expected.at(i).day);
        QCOMPARE(days.at(i).successes, expected.at(i).successes);
        QCOMPARE(days.at(i).failures, expected.at(i).failures);
    }
    QVERIFY(m_summary->printsPerDay(0).isEmpty());
    const QList<DaySummary> today = m_summary->printsPerDay(1);
    QCOMPARE(today.size(), 1);
    QCOMPARE(today.first().day, QDate::currentDate());
}

void TestOrderSummaryModel::recomputesOncePerEventLoopPass()
{
    m_orders->setOrders({makeOrder(1, JobStatus::Printing), makeOrder(2, JobStatus::Printing),
                         makeOrder(3, JobStatus::Printing)});
    m_summary->setSourceModel(m_orders.get());
    QSignalSpy summaryChanged(m_summary.get(), &OrderSummaryModel::summaryChanged);

    // Several source changes in one pass: a poll round, a new order, a removal.
    Order first = *m_orders->orderAt(0);
    first.status.status = JobStatus::Success;
    first.printFinished = QDateTime::currentDateTimeUtc();
    m_orders->updateOrders({first});
    Order second = *m_orders->orderAt(1);
    second.status.status = JobStatus::Failure;
    second.printFinished = QDateTime::currentDateTimeUtc();
    m_orders->updateOrders({second});
    m_orders->updateOrders({makeOrder(4, JobStatus::AwaitingCustomer)});
    m_orders->removeOrder(3);
    QCOMPARE(summaryChanged.size(), 0); // not yet: after the pass
    QCOMPARE(m_summary->count(JobStatus::Printing), 3);

    QVERIFY(summaryChanged.wait(1000));
    QTest::qWait(20);
    QCOMPARE(summaryChanged.size(), 1);
    QCOMPARE(m_summary->count(JobStatus::Printing), 0);
    QCOMPARE(m_summary->count(JobStatus::Success), 1);
    QCOMPARE(m_summary->count(JobStatus::Failure), 1);
    QCOMPARE(m_summary->count(JobStatus::AwaitingCustomer), 1);
    QCOMPARE(m_summary->totalOrders(), 3);
    QCOMPARE(m_summary->successRate(), std::optional<double>(0.5));
    const DaySummary today = m_summary->printsPerDay(1).first();
    QCOMPARE(today.successes, 1);
    QCOMPARE(today.failures, 1);
}

void TestOrderSummaryModel::progressAloneDoesNotRecompute()
{
    m_orders->setOrders({makeOrder(1, JobStatus::Printing)});
    m_summary->setSourceModel(m_orders.get());
    QSignalSpy summaryChanged(m_summary.get(), &OrderSummaryModel::summaryChanged);
    QSignalSpy countsChanged(m_summary.get(), &QAbstractItemModel::dataChanged);
    Order progressed = *m_orders->orderAt(0);
    progressed.status.percentage = 50;
    progressed.status.minutesLeft = 12;
    progressed.lastChecked = QDateTime::currentDateTimeUtc();
    m_orders->updateOrders({progressed});
    QTest::qWait(20);
    QCOMPARE(summaryChanged.size(), 0);
    QCOMPARE(countsChanged.size(), 0);

    // A finish time arriving on its own is recomputed (prints per day depend on it).
    progressed.status.status = JobStatus::Success;
    m_orders->updateOrders({progressed});
    QVERIFY(summaryChanged.wait(1000));
    QCOMPARE(m_summary->printsPerDay(1).first().successes, 0);
    progressed.printFinished = QDateTime::currentDateTimeUtc();
    m_orders->updateOrders({progressed});
    QVERIFY(summaryChanged.wait(1000));
    QCOMPARE(summaryChanged.size(), 2);
    QCOMPARE(m_summary->printsPerDay(1).first().successes, 1);
}

void TestOrderSummaryModel::announcesOnlyChangedCounts()
{
    m_orders->setOrders({makeOrder(1, JobStatus::Printing), makeOrder(2, JobStatus::Printing),
                         makeOrder(3, JobStatus::Printing)});
    m_summary->setSourceModel(m_orders.get());
    QSignalSpy countsChanged(m_summary.get(), &QAbstractItemModel::dataChanged);
    auto rangesOf = [&] {
        QList<std::pair<int, int>> ranges;
        for (const QList<QVariant> &args : std::as_const(countsChanged)) {
            const auto top = args.at(0).value<QModelIndex>();
            const auto bottom = args.at(1).value<QModelIndex>();
            if (top.column() != OrderSummaryModel::Count ||
                bottom.column() != OrderSummaryModel::Count)
                return QList<std::pair<int, int>>{{-1, -1}};
            ranges.append({top.row(), bottom.row()});
        }
        return ranges;
    };

    // Printing -> Failure: neighbouring rows (2 and 3), one signal.
    Order failed = *m_orders->orderAt(0);
    failed.status.status = JobStatus::Failure;
    m_orders->updateOrders({failed});
    m_summary->recomputeNow();
    QCOMPARE(rangesOf(), (QList<std::pair<int, int>>{{2, 3}}));

    // Printing -> Success: rows 2 and 4 are apart, two signals; Failure (3) is untouched.
    countsChanged.clear();
    Order succeeded = *m_orders->orderAt(1);
    succeeded.status.status = JobStatus::Success;
    m_orders->updateOrders({succeeded});
    m_summary->recomputeNow();
    QCOMPARE(rangesOf(), (QList<std::pair<int, int>>{{2, 2}, {4, 4}}));
    const QList<int> roles = countsChanged.first().at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(OrderSummaryModel::RawValueRole));
}

void TestOrderSummaryModel::followsResetRemovalAndDestruction()
{
    m_summary->setSourceModel(m_orders.get());
    QSignalSpy summaryChanged(m_summary.get(), &OrderSummaryModel::summaryChanged);
    m_orders->setOrders({makeOrder(1, JobStatus::Success), makeOrder(2, JobStatus::Failure)});
    QVERIFY(summaryChanged.wait(1000));
    QCOMPARE(m_summary->totalOrders(), 2);
    m_orders->removeOrder(2);
    QVERIFY(summaryChanged.wait(1000));
    QCOMPARE(m_summary->failures(), 0);
    QCOMPARE(m_summary->successRate(), std::optional<double>(1.0));

    // A second source replaces the first; the first one's signals are no longer followed.
    OrderTableModel other;
    other.setOrders({makeOrder(7, JobStatus::WarmingUp)});
    m_summary->setSourceModel(&other);
    QCOMPARE(m_summary->count(JobStatus::WarmingUp), 1);
    QCOMPARE(m_summary->count(JobStatus::Success), 0);
    summaryChanged.clear();
    m_orders->setOrders({});
    QTest::qWait(20);
    QCOMPARE(summaryChanged.size(), 0);

    m_summary->setSourceModel(m_orders.get());
    m_orders->setOrders({makeOrder(1, JobStatus::Printing)});
    m_orders.reset(); // the source goes away: nothing left to count
    QTRY_COMPARE(m_summary->totalOrders(), 0);
    QCOMPARE(m_summary->count(JobStatus::Printing), 0);
    QVERIFY(!m_summary->sourceModel());
}

namespace {

Order linked(Order order)
{
    order.tokenLink = u"http://127.0.0.1:4000/?token="_s + order.token;
    return order;
}

} // namespace

void TestOrderSummaryModel::printingNowLeavesOutStuckOrders()
{
    Order unknown = linked(makeOrder(1, JobStatus::Printing));
    unknown.unknownToService = true;
    Order noLinks = makeOrder(2, JobStatus::Printing); // no link at all
    Order odd = linked(makeOrder(3, JobStatus::Unknown));
    Order waitingStuck = linked(makeOrder(4, JobStatus::AwaitingCustomer));
    waitingStuck.unknownToService = true;
    Order confirmed = linked(makeOrder(5, JobStatus::ConfirmedFailure, utc(2, 9)));
    confirmed.unknownToService = true; // confirmed: nothing to attend to
    m_orders->setOrders({unknown, noLinks, odd, waitingStuck, confirmed,
                         linked(makeOrder(6, JobStatus::Printing)),
                         linked(makeOrder(7, JobStatus::WarmingUp)),
                         linked(makeOrder(8, JobStatus::AwaitingCustomer))});
    m_summary->setSourceModel(m_orders.get());
    QCOMPARE(m_summary->printingNow(), 2);      // 6 and 7
    QCOMPARE(m_summary->needingAttention(), 4); // 1, 2, 3 and 4
    QCOMPARE(m_summary->awaitingCustomer(), 1); // 8
    QVERIFY(orderNeedsAttention(unknown));
    QVERIFY(!orderNeedsAttention(confirmed));
    // The status table still counts every order by its status.
    QCOMPARE(countCell(*m_summary, JobStatus::Printing), 3);

    // The service knows the token again: it is printing, not stuck.
    QSignalSpy changed(m_summary.get(), &OrderSummaryModel::summaryChanged);
    unknown.unknownToService = false;
    m_orders->updateOrders({unknown});
    QVERIFY(changed.wait());
    QCOMPARE(m_summary->printingNow(), 3);
    QCOMPARE(m_summary->needingAttention(), 3);
}

void TestOrderSummaryModel::revenuePerCurrencyNeverMixes()
{
    QList<Order> orders;
    const QList<std::pair<QString, QString>> prices{
        {u"EUR"_s, u"10.50"_s}, {u"EUR"_s, u"0.25"_s}, {u"USD"_s, u"3"_s}, {u"CHF"_s, u"1.005"_s}};
    qint64 id = 0;
    for (const auto &[currency, price] : prices) {
        Order order = linked(makeOrder(++id, JobStatus::Success, utc(2, 9)));
        order.currency = currency;
        order.price = *Decimal::fromString(price);
        orders << order;
    }
    m_orders->setOrders(orders);
    m_summary->setSourceModel(m_orders.get());
    const QList<CurrencyRevenue> revenue = m_summary->revenue();
    QCOMPARE(revenue.size(), 3);
    QCOMPARE(revenue.at(0).currency, u"CHF"_s);
    QCOMPARE(revenue.at(0).total.toString(), u"1.005"_s);
    QCOMPARE(revenue.at(1).currency, u"EUR"_s);
    QCOMPARE(revenue.at(1).total.toString(), u"10.75"_s); // exact, no double on the way
    QCOMPARE(revenue.at(1).orders, 2);
    QCOMPARE(revenue.at(2).currency, u"USD"_s);
    QCOMPARE(revenue.at(2).total.toString(), u"3"_s);
}

void TestOrderSummaryModel::dateRangeCountsItsOrdersOnly()
{
    Order early = linked(makeOrder(1, JobStatus::Success, utc(3, 9)));
    early.created = utc(1, 9);
    early.price = *Decimal::fromString(u"5");
    Order late = linked(makeOrder(2, JobStatus::Failure, utc(11, 9)));
    late.created = utc(10, 9);
    late.price = *Decimal::fromString(u"7");
    Order printing = linked(makeOrder(3, JobStatus::Printing));
    printing.created = utc(1, 10);
    m_orders->setOrders({early, late, printing});
    m_summary->setSourceModel(m_orders.get());
    QCOMPARE(m_summary->totalOrders(), 3);

    QSignalSpy changed(m_summary.get(), &OrderSummaryModel::summaryChanged);
    m_summary->setDateRange(QDate(2024, 3, 5), QDate(2024, 3, 12));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_summary->totalOrders(), 1);
    QCOMPARE(m_summary->successes(), 0);
    QCOMPARE(m_summary->failures(), 1);
    QCOMPARE(countCell(*m_summary, JobStatus::Success), 0);
    QCOMPARE(m_summary->revenue().size(), 1);
    QCOMPARE(m_summary->revenue().first().total.toString(), u"7"_s);
    QCOMPARE(m_summary->ordersInRange().size(), 1);
    QCOMPARE(m_summary->ordersInRange().first().id, 2);
    // What happens now ignores the range.
    QCOMPARE(m_summary->printingNow(), 1);
    // Open ends.
    m_summary->setDateRange(QDate(), QDate(2024, 3, 2));
    QCOMPARE(m_summary->totalOrders(), 2);
    m_summary->setDateRange(QDate(), QDate());
    QCOMPARE(m_summary->totalOrders(), 3);
}

QTEST_MAIN(TestOrderSummaryModel)
#include "tst_ordersummarymodel.moc"
