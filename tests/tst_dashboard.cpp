// The dashboard (Dashboard) over an OrderSummaryModel fed by a hand-made OrderTableModel: the
// status chart's bars, the success rate and the prints per day follow the orders; an empty
// model (or none) is shown without trouble; the charts take the palette's colours.

#include "dashboard.h"
#include "orders/displayformat.h"
#include "orders/ordercsv.h"
#include "ordersummarymodel.h"
#include "ordertablemodel.h"
#include "statuspresentation.h"

#include <QAbstractAxis>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

const QDate kToday(2024, 3, 14);

Order makeOrder(qint64 id, JobStatus status, int finishedDaysAgo = -1)
{
    Order order;
    order.id = id;
    order.environment = u"sandbox"_s;
    order.token = u"token%1"_s.arg(id);
    order.fileName = u"design-%1.stl"_s.arg(id);
    order.created = QDateTime(kToday.addDays(-20), QTime(9, 0)).addSecs(id);
    order.status.status = status;
    order.status.statusText = jobStatusToWire(status);
    if (finishedDaysAgo >= 0)
        order.printFinished = QDateTime(kToday.addDays(-finishedDaysAgo), QTime(12, 0));
    return order;
}

// The number the status chart shows for `status`: the values of its bar set.
double chartCount(const Dashboard &dashboard, JobStatus status)
{
    const auto series = dashboard.statusChartView()->chart()->series();
    const auto *bars = qobject_cast<QHorizontalStackedBarSeries *>(series.value(0));
    if (!bars)
        return -1;
    const QList<QBarSet *> sets = bars->barSets();
    for (const QBarSet *set : sets) {
        if (set->label() != statusLabel(status))
            continue;
        double sum = 0;
        for (int i = 0; i < set->count(); ++i)
            sum += set->at(i);
        return sum;
    }
    return -1; // not shown
}

QStackedBarSeries *perDaySeries(const Dashboard &dashboard)
{
    return qobject_cast<QStackedBarSeries *>(
        dashboard.perDayChartView()->chart()->series().value(0));
}

QList<qreal> values(const QBarSet *set)
{
    QList<qreal> list;
    for (int i = 0; i < set->count(); ++i)
        list << set->at(i);
    return list;
}

} // namespace

class TestDashboard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void survivesAnEmptyModel();
    void followsTheSummary();
    void unknownStatusBarOnlyWhenNeeded();
    void chartsFollowThePalette();
    void stuckOrdersAreNotPrintingNow();
    void barsAndDaysOpenTheirOrders();
    void periodAndRevenue();
    void exportWritesThePeriodsOrders();
};

void TestDashboard::survivesAnEmptyModel()
{
    // No source at all, then an empty one.
    OrderSummaryModel summary;
    Dashboard dashboard(summary);
    dashboard.setReferenceDate(kToday);
    dashboard.resize(1100, 700);
    QCOMPARE(dashboard.successRateText(), u"\u2014"_s);
    QCOMPARE(dashboard.successRateDetail(), u"No print has finished yet."_s);
    QCOMPARE(dashboard.shownStatuses().size(), 7);
    QCOMPARE(chartCount(dashboard, JobStatus::Printing), 0.0);
    QStackedBarSeries *perDay = perDaySeries(dashboard);
    QVERIFY(perDay);
    QCOMPARE(perDay->barSets().size(), 2);
    QCOMPARE(perDay->barSets().at(0)->count(), Dashboard::kDays);
    QCOMPARE(values(perDay->barSets().at(0)), QList<qreal>(Dashboard::kDays, 0.0));

    OrderTableModel orders;
    summary.setSourceModel(&orders);
    dashboard.refresh();
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QVERIFY(!dashboard.grab().isNull());
    QCOMPARE(dashboard.successRateText(), u"\u2014"_s);
}

void TestDashboard::followsTheSummary()
{
    OrderTableModel orders;
    OrderSummaryModel summary;
    summary.setSourceModel(&orders);
    Dashboard dashboard(summary);
    dashboard.setReferenceDate(kToday);

    orders.setOrders({makeOrder(1, JobStatus::AwaitingCustomer), makeOrder(2, JobStatus::Printing),
                      makeOrder(3, JobStatus::Printing), makeOrder(4, JobStatus::Success, 0),
                      makeOrder(5, JobStatus::ConfirmedSuccess, 2),
                      makeOrder(6, JobStatus::Failure, 2),
                      makeOrder(7, JobStatus::ConfirmedFailure, 30)}); // outside 14 days
    QSignalSpy changed(&summary, &OrderSummaryModel::summaryChanged);
    QVERIFY(changed.wait());

    QCOMPARE(chartCount(dashboard, JobStatus::AwaitingCustomer), 1.0);
    QCOMPARE(chartCount(dashboard, JobStatus::Printing), 2.0);
    QCOMPARE(chartCount(dashboard, JobStatus::Success), 1.0);
    QCOMPARE(chartCount(dashboard, JobStatus::ConfirmedFailure), 1.0);
    QCOMPARE(chartCount(dashboard, JobStatus::WarmingUp), 0.0);
    // Every status has one bar of its own, in its colour, named on the axis with its count.
    auto *axis = qobject_cast<QBarCategoryAxis *>(
        dashboard.statusChartView()->chart()->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    QVERIFY(axis->categories().contains(u"%1 (2)"_s.arg(statusLabel(JobStatus::Printing))));
    QCOMPARE(axis->categories().last(), u"%1 (1)"_s.arg(statusLabel(JobStatus::AwaitingCustomer)));
    const auto *bars = qobject_cast<QHorizontalStackedBarSeries *>(
        dashboard.statusChartView()->chart()->series().value(0));
    const QList<QBarSet *> statusSets = bars->barSets();
    for (QBarSet *set : statusSets) {
        if (set->label() == statusLabel(JobStatus::Printing))
            QCOMPARE(set->color(), statusColor(JobStatus::Printing));
    }

    // Successes 4, 5; failures 6, 7: 2 of 4.
    QCOMPARE(dashboard.successRateText(), u"50 %"_s);
    QCOMPARE(dashboard.successRateDetail(), u"2 succeeded, 2 failed"_s);

    QStackedBarSeries *perDay = perDaySeries(dashboard);
    QList<qreal> successes(Dashboard::kDays, 0.0);
    QList<qreal> failures(Dashboard::kDays, 0.0);
    successes[Dashboard::kDays - 1] = 1; // today
    successes[Dashboard::kDays - 3] = 1; // two days ago
    failures[Dashboard::kDays - 3] = 1;
    QCOMPARE(values(perDay->barSets().at(0)), successes);
    QCOMPARE(values(perDay->barSets().at(1)), failures);
    QCOMPARE(perDay->barSets().at(0)->label(), u"Succeeded"_s);
    QCOMPARE(perDay->barSets().at(1)->label(), u"Failed"_s);
    const auto *days = qobject_cast<QBarCategoryAxis *>(
        dashboard.perDayChartView()->chart()->axes(Qt::Horizontal).value(0));
    QCOMPARE(days->count(), Dashboard::kDays);

    // A poll round: a print finishes today, another fails.
    orders.updateOrders({makeOrder(2, JobStatus::Success, 0), makeOrder(3, JobStatus::Failure, 0)});
    QVERIFY(changed.wait());
    QCOMPARE(chartCount(dashboard, JobStatus::Printing), 0.0);
    QCOMPARE(chartCount(dashboard, JobStatus::Success), 2.0);
    QCOMPARE(chartCount(dashboard, JobStatus::Failure), 2.0);
    QCOMPARE(dashboard.successRateText(), u"50 %"_s);
    QCOMPARE(dashboard.successRateDetail(), u"3 succeeded, 3 failed"_s);
    successes[Dashboard::kDays - 1] = 2;
    failures[Dashboard::kDays - 1] = 1;
    QCOMPARE(values(perDay->barSets().at(0)), successes);
    QCOMPARE(values(perDay->barSets().at(1)), failures);

    orders.updateOrders({makeOrder(8, JobStatus::ConfirmedSuccess, 1)});
    QVERIFY(changed.wait());
    QCOMPARE(dashboard.successRateText(), u"57 %"_s); // 4 of 7

    // Everything gone again.
    orders.setOrders({});
    QVERIFY(changed.wait());
    QCOMPARE(dashboard.successRateText(), u"\u2014"_s);
    QCOMPARE(chartCount(dashboard, JobStatus::Success), 0.0);
    QCOMPARE(values(perDay->barSets().at(0)), QList<qreal>(Dashboard::kDays, 0.0));
}

void TestDashboard::unknownStatusBarOnlyWhenNeeded()
{
    OrderTableModel orders;
    OrderSummaryModel summary;
    summary.setSourceModel(&orders);
    Dashboard dashboard(summary);
    QVERIFY(!dashboard.shownStatuses().contains(JobStatus::Unknown));
    QCOMPARE(chartCount(dashboard, JobStatus::Unknown), -1.0);

    Order odd = makeOrder(1, JobStatus::Unknown);
    odd.status.statusText = u"RECYCLED"_s;
    orders.setOrders({odd});
    summary.recomputeNow();
    QVERIFY(dashboard.shownStatuses().contains(JobStatus::Unknown));
    QCOMPARE(chartCount(dashboard, JobStatus::Unknown), 1.0);
    QCOMPARE(dashboard.shownStatuses().size(), 8);
}

void TestDashboard::chartsFollowThePalette()
{
    OrderSummaryModel summary;
    Dashboard dashboard(summary);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2a));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dashboard.setPalette(dark);
    for (QChartView *view : {dashboard.statusChartView(), dashboard.perDayChartView()}) {
        QCOMPARE(view->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        const QList<QAbstractAxis *> axes = view->chart()->axes();
        QVERIFY(!axes.isEmpty());
        for (const QAbstractAxis *axis : axes)
            QCOMPARE(axis->labelsBrush().color(), dark.color(QPalette::Text));
    }
    dashboard.resize(1000, 650);
    QVERIFY(!dashboard.grab().isNull());
}

void TestDashboard::stuckOrdersAreNotPrintingNow()
{
    OrderTableModel orders;
    QList<Order> list;
    for (qint64 id = 1; id <= 4; ++id) {
        Order order = makeOrder(id, JobStatus::Printing);
        order.tokenLink = u"http://127.0.0.1/?token="_s + order.token;
        list << order;
    }
    list[0].unknownToService = true;
    list[1].tokenLink.clear(); // links lost
    Order waiting = makeOrder(5, JobStatus::AwaitingCustomer);
    waiting.tokenLink = u"http://127.0.0.1/?token=token5"_s;
    list << waiting;
    orders.setOrders(list);
    OrderSummaryModel summary;
    summary.setSourceModel(&orders);
    Dashboard dashboard(summary);
    dashboard.setReferenceDate(kToday);
    const QString totals = dashboard.totalsText();
    QVERIFY2(totals.contains(u"Printing now: 2"_s), qPrintable(totals));
    QVERIFY(totals.contains(u"Need attention: 2"_s));
    QVERIFY(totals.contains(u"Waiting for the customer: 1"_s));
    QSignalSpy attention(&dashboard, &Dashboard::needsAttentionActivated);
    auto *label = dashboard.findChild<QLabel *>(u"successRateTotals"_s);
    QVERIFY(label->text().contains(u"href"_s));
    Q_EMIT label->linkActivated(u"attention"_s);
    QCOMPARE(attention.size(), 1);
}

void TestDashboard::barsAndDaysOpenTheirOrders()
{
    OrderTableModel orders;
    orders.setOrders({makeOrder(1, JobStatus::Success, 0), makeOrder(2, JobStatus::Failure, 2)});
    OrderSummaryModel summary;
    summary.setSourceModel(&orders);
    Dashboard dashboard(summary);
    dashboard.setReferenceDate(kToday);
    dashboard.resize(1100, 700);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QSignalSpy statuses(&dashboard, &Dashboard::statusActivated);
    QSignalSpy days(&dashboard, &Dashboard::dayActivated);

    // A click on a bar (the series' signal, as Qt Charts sends it).
    auto *series = qobject_cast<QHorizontalStackedBarSeries *>(
        dashboard.statusChartView()->chart()->series().value(0));
    const int failureSet = int(dashboard.shownStatuses().indexOf(JobStatus::Failure));
    Q_EMIT series->clicked(0, series->barSets().at(failureSet));
    QCOMPARE(statuses.size(), 1);
    QCOMPARE(statuses.at(0).at(0).value<JobStatus>(), JobStatus::Failure);
    Q_EMIT perDaySeries(dashboard)->clicked(Dashboard::kDays - 3, nullptr);
    QCOMPARE(days.size(), 1);
    QCOMPARE(days.at(0).at(0).toDate(), kToday.addDays(-2));

    // The keyboard goes on from the bar last clicked: arrows move, Enter chooses.
    dashboard.statusChartView()->setFocus();
    QTRY_VERIFY(dashboard.statusChartView()->hasFocus());
    QCOMPARE(dashboard.currentStatusBar(), failureSet);
    QTest::keyClick(dashboard.statusChartView(), Qt::Key_Down);
    QTest::keyClick(dashboard.statusChartView(), Qt::Key_Down);
    QTest::keyClick(dashboard.statusChartView(), Qt::Key_Return);
    QCOMPARE(statuses.size(), 2);
    QCOMPARE(statuses.at(1).at(0).value<JobStatus>(), dashboard.shownStatuses().at(failureSet + 2));
    QTest::keyClick(dashboard.statusChartView(), Qt::Key_Up);
    QTest::keyClick(dashboard.statusChartView(), Qt::Key_Enter);
    QCOMPARE(statuses.at(2).at(0).value<JobStatus>(), dashboard.shownStatuses().at(failureSet + 1));
    dashboard.perDayChartView()->setFocus();
    QTRY_VERIFY(dashboard.perDayChartView()->hasFocus());
    QCOMPARE(dashboard.currentDayBar(), Dashboard::kDays - 3);
    QTest::keyClick(dashboard.perDayChartView(), Qt::Key_Left);
    QTest::keyClick(dashboard.perDayChartView(), Qt::Key_Space);
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.at(1).at(0).toDate(), kToday.addDays(-3));

    // A dashboard never clicked starts on the first status and on today.
    Dashboard fresh(summary);
    fresh.setReferenceDate(kToday);
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    fresh.statusChartView()->setFocus();
    QTRY_COMPARE(fresh.currentStatusBar(), 0);
    fresh.perDayChartView()->setFocus();
    QTRY_COMPARE(fresh.currentDayBar(), Dashboard::kDays - 1);
}

void TestDashboard::periodAndRevenue()
{
    OrderTableModel orders;
    Order today = makeOrder(1, JobStatus::Success, 0);
    today.created = QDateTime(kToday, QTime(8, 0));
    today.price = *Decimal::fromString(u"12.50");
    today.currency = u"EUR"_s;
    Order older = makeOrder(2, JobStatus::Success, 10);
    older.created = QDateTime(kToday.addDays(-12), QTime(8, 0));
    older.price = *Decimal::fromString(u"4");
    older.currency = u"USD"_s;
    Order oldest = makeOrder(3, JobStatus::Failure, 19);
    oldest.price = *Decimal::fromString(u"1.25");
    oldest.currency = u"EUR"_s;
    orders.setOrders({today, older, oldest});
    OrderSummaryModel summary;
    summary.setSourceModel(&orders);
    Dashboard dashboard(summary);
    dashboard.setReferenceDate(kToday);

    QCOMPARE(dashboard.period(), Dashboard::AllTime);
    QCOMPARE(dashboard.shownDays().size(), Dashboard::kDays);
    const QString eur = formatMoney(*Decimal::fromString(u"13.75"), u"EUR"_s);
    const QString usd = formatMoney(*Decimal::fromString(u"4"), u"USD"_s);
    QCOMPARE(dashboard.revenueLines(),
             (QStringList{eur + u" (orders: 2)"_s, usd + u" (orders: 1)"_s}));

    dashboard.setPeriod(Dashboard::Today);
    QCOMPARE(summary.rangeFirst(), kToday);
    QCOMPARE(summary.totalOrders(), 1);
    QCOMPARE(dashboard.shownDays(), QList<QDate>{kToday});
    QCOMPARE(dashboard.revenueLines(),
             QStringList{formatMoney(today.price, u"EUR"_s) + u" (orders: 1)"_s});
    dashboard.setPeriod(Dashboard::Last7Days);
    QCOMPARE(dashboard.shownDays().size(), 7);
    QCOMPARE(summary.totalOrders(), 1);
    dashboard.setPeriod(Dashboard::Last30Days);
    QCOMPARE(dashboard.shownDays().size(), 30);
    QCOMPARE(summary.totalOrders(), 3);
    dashboard.setCustomRange(kToday.addDays(-13), kToday.addDays(-11));
    dashboard.setPeriod(Dashboard::Custom);
    QCOMPARE(summary.totalOrders(), 1);
    QCOMPARE(dashboard.shownDays().size(), 3);
    QCOMPARE(dashboard.shownDays().last(), kToday.addDays(-11));
    QCOMPARE(dashboard.revenueLines(), QStringList{usd + u" (orders: 1)"_s});
    dashboard.setCustomRange(kToday.addDays(-100), kToday.addDays(-90));
    QCOMPARE(dashboard.revenueLines(), QStringList{u"No orders in this period."_s});
}

void TestDashboard::exportWritesThePeriodsOrders()
{
    OrderTableModel orders;
    Order today = makeOrder(1, JobStatus::Success, 0);
    today.created = QDateTime(kToday, QTime(8, 0));
    Order archived = makeOrder(2, JobStatus::Printing);
    archived.created = QDateTime(kToday, QTime(9, 0));
    archived.archived = QDateTime(kToday, QTime(10, 0));
    orders.setOrders({today, archived, makeOrder(3, JobStatus::Failure, 19)});
    OrderSummaryModel summary;
    summary.setSourceModel(&orders);
    Dashboard dashboard(summary);
    dashboard.setReferenceDate(kToday);
    dashboard.setPeriod(Dashboard::Today);
    QTemporaryDir dir;
    QString suggested;
    dashboard.setFileNameProvider([&](const QString &proposal) {
        suggested = proposal;
        return dir.filePath(u"today"_s);
    });
    QStringList errors;
    dashboard.setErrorReporter([&](const QString &, const QString &text) { errors << text; });
    QSignalSpy said(&dashboard, &Dashboard::statusMessage);
    QVERIFY(dashboard.exportOrders());
    QVERIFY2(suggested.endsWith(u"orders-2024-03-14-to-2024-03-14.csv"_s), qPrintable(suggested));
    QFile file(dir.filePath(u"today.csv"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), ordersToCsv({today, archived})); // archived ones too
    QCOMPARE(said.size(), 1);
    QVERIFY(errors.isEmpty());

    // Nothing in the period: said, nothing asked.
    dashboard.setCustomRange(kToday.addDays(-100), kToday.addDays(-90));
    dashboard.setPeriod(Dashboard::Custom);
    suggested.clear();
    QVERIFY(!dashboard.exportOrders());
    QVERIFY(suggested.isEmpty());
    QCOMPARE(errors.size(), 1);
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
