// The orders table panel (OrdersPanel) over a hand-made OrderTableModel: model changes, search
// and status filter, sorting, actions and when they apply, clipboard, CSV export, signals,
// saved state; and the details panel (OrderDetails): fields, timeline, the file's metrics.

#include "orderdetails.h"
#include "orderfilterproxymodel.h"
#include "orderspanel.h"
#include "ordertablemodel.h"
#include "statuspresentation.h"

#include "orders/ordercsv.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

using Column = OrderTableModel::Column;

QDateTime utc(int hour, int minute = 0)
{
    return QDateTime(QDate(2024, 3, 5), QTime(hour, minute), Qt::UTC);
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
    order.sha256 = QString(64, u'a');
    order.receiverEmail = u"customer%1@example.com"_s.arg(id);
    order.price = *Decimal::fromString(u"12.50");
    order.currency = u"EUR"_s;
    order.partnerJobId = u"job-%1"_s.arg(id);
    order.created = utc(8).addSecs(id * 60);
    order.status.status = status;
    order.status.statusText = jobStatusToWire(status);
    if (status == JobStatus::Printing) {
        order.status.percentage = 40;
        order.status.minutesLeft = 30;
        order.status.totalTime = 120;
        order.status.printerModel = u"Prusa MK4"_s;
    }
    order.lastChecked = utc(9);
    return order;
}

QList<qint64> idsShown(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(OrderTableModel::OrderIdRole).toLongLong();
    return ids;
}

int rowOf(const QAbstractItemModel &model, qint64 id)
{
    return int(idsShown(model).indexOf(id));
}

QString currentPage(const OrdersPanel &panel)
{
    return panel.findChild<QStackedWidget *>()->currentWidget()->objectName();
}

} // namespace

class TestOrdersPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void emptyStateUntilTheFirstOrder();
    void tableFollowsTheModel();
    void searchAndStatusFilter();
    void sortsByHeaderClick();
    void actionsApplyOnlyToTheirSelection();
    void copyLinkPrefersTlsWhenAsked();
    void openInBrowserUsesTheOpener();
    void csvFieldQuotesAndGuards();
    void exportWritesTheSelectionAsCsv();
    void exportReportsFailuresInPlainWords();
    void doubleClickAndEnterOpenTheTokenView();
    void refreshCarriesTheOpenSelectedIds();
    void currentOrderSignals();
    void stateRoundTrips();
    void focusSearchSelectsTheText();
    void detailsShowFieldsAndHistory();
    void detailsReadTheSourceFile();

private:
    void select(const QList<qint64> &ids);

    std::unique_ptr<OrderTableModel> m_model;
    std::unique_ptr<OrdersPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestOrdersPanel::init()
{
    m_model = std::make_unique<OrderTableModel>();
    m_panel = std::make_unique<OrdersPanel>(*m_model);
    m_panel->resize(1300, 500);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_panel->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestOrdersPanel::cleanup()
{
    m_tester.reset();
    m_panel.reset();
    m_model.reset();
}

void TestOrdersPanel::select(const QList<qint64> &ids)
{
    QTableView *table = m_panel->tableView();
    table->clearSelection();
    for (qint64 id : ids) {
        const int row = rowOf(*m_panel->proxy(), id);
        QVERIFY2(row >= 0, qPrintable(u"order %1 not shown"_s.arg(id)));
        table->selectionModel()->setCurrentIndex(m_panel->proxy()->index(row, 0),
                                                 QItemSelectionModel::Select |
                                                     QItemSelectionModel::Rows);
    }
}

void TestOrdersPanel::emptyStateUntilTheFirstOrder()
{
    QCOMPARE(currentPage(*m_panel), u"ordersEmptyState"_s);
    const auto *title = m_panel->findChild<QLabel *>(u"ordersEmptyTitle"_s);
    QVERIFY(title);
    QCOMPARE(title->text(), u"Orders appear here once a file is uploaded"_s);
    m_model->updateOrders({makeOrder(1)});
    QCOMPARE(currentPage(*m_panel), u"ordersTable"_s);
    QCOMPARE(m_panel->findChild<QLabel *>(u"ordersCount"_s)->text(), u"Orders: 1"_s);
    m_model->removeOrder(1);
    QCOMPARE(currentPage(*m_panel), u"ordersEmptyState"_s);
}

void TestOrdersPanel::tableFollowsTheModel()
{
    m_model->setOrders({makeOrder(1), makeOrder(2), makeOrder(3, JobStatus::AwaitingCustomer)});
    const QAbstractItemModel &proxy = *m_panel->proxy();
    QCOMPARE(proxy.rowCount(), 3);
    // Newest first by default.
    QCOMPARE(idsShown(proxy), (QList<qint64>{3, 2, 1}));

    Order changed = makeOrder(2, JobStatus::Success);
    changed.status.percentage = 100;
    m_model->updateOrders({changed});
    const QModelIndex status = proxy.index(rowOf(proxy, 2), Column::Status);
    QCOMPARE(status.data().toString(), statusLabel(JobStatus::Success));
    QCOMPARE(status.data(OrderTableModel::StatusColorRole).value<QColor>(),
             statusColor(JobStatus::Success));
    QCOMPARE(proxy.index(rowOf(proxy, 2), Column::Progress).data().toString(), u"100 %"_s);

    // A new order appears, on top since it is the newest.
    m_model->updateOrders({makeOrder(4, JobStatus::Failure)});
    QCOMPARE(idsShown(proxy), (QList<qint64>{4, 3, 2, 1}));
    QCOMPARE(m_panel->findChild<QLabel *>(u"ordersCount"_s)->text(), u"Orders: 4"_s);

    // The delegates paint every row without trouble.
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    const QImage shot = m_panel->tableView()->viewport()->grab().toImage();
    QVERIFY(!shot.isNull());
}

void TestOrdersPanel::searchAndStatusFilter()
{
    Order anna = makeOrder(1);
    anna.fileName = u"teapot.stl"_s;
    anna.receiverEmail = u"anna@example.com"_s;
    m_model->setOrders({anna, makeOrder(2, JobStatus::Failure),
                        makeOrder(3, JobStatus::ConfirmedSuccess),
                        makeOrder(4, JobStatus::ConfirmedFailure)});
    const QAbstractItemModel &proxy = *m_panel->proxy();

    m_panel->setSearchText(u"teapot anna"_s);
    QCOMPARE(idsShown(proxy), (QList<qint64>{1}));
    QCOMPARE(m_panel->findChild<QLabel *>(u"ordersCount"_s)->text(), u"Shown: 1 of 4"_s);
    m_panel->searchBox()->clear();
    QCOMPARE(proxy.rowCount(), 4);

    m_panel->setFilter(OrdersPanel::FailedOrders);
    QCOMPARE(idsShown(proxy), (QList<qint64>{4, 2}));
    m_panel->setFilter(OrdersPanel::OpenOrders);
    QCOMPARE(idsShown(proxy), (QList<qint64>{2, 1}));
    m_panel->setFilter(OrdersPanel::FinishedOrders);
    QCOMPARE(idsShown(proxy), (QList<qint64>{4, 3}));
    m_panel->setFilter(OrdersPanel::filterFor(JobStatus::Printing));
    QCOMPARE(idsShown(proxy), (QList<qint64>{1}));
    QCOMPARE(m_panel->statusFilterBox()->currentText(), statusLabel(JobStatus::Printing));

    // Nothing left: the panel says so and offers the way back.
    m_panel->setSearchText(u"nothing-like-this"_s);
    QCOMPARE(proxy.rowCount(), 0);
    QCOMPARE(currentPage(*m_panel), u"ordersNoMatchState"_s);
    QVERIFY(m_panel->findChild<QLabel *>(u"ordersNoMatchText"_s)
                ->text()
                .contains(u"nothing-like-this"_s));
    m_panel->findChild<QPushButton *>(u"ordersShowAll"_s)->click();
    QCOMPARE(proxy.rowCount(), 4);
    QCOMPARE(m_panel->filter(), int(OrdersPanel::AllOrders));
    QCOMPARE(currentPage(*m_panel), u"ordersTable"_s);
}

void TestOrdersPanel::sortsByHeaderClick()
{
    QList<Order> orders;
    for (const auto &[id, name] : {std::pair{1, u"b.stl"_s}, {2, u"c.stl"_s}, {3, u"a.stl"_s}}) {
        Order order = makeOrder(id);
        order.fileName = name;
        orders << order;
    }
    m_model->setOrders(orders);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QHeaderView *header = m_panel->tableView()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(Column::Created));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

    const QPoint fileHeader(header->sectionViewportPosition(Column::File) + 10,
                            header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, fileHeader);
    QCOMPARE(header->sortIndicatorSection(), int(Column::File));
    const QList<qint64> first = idsShown(*m_panel->proxy());
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, fileHeader);
    const QList<qint64> second = idsShown(*m_panel->proxy());
    // One click sorts one way, the next the other way.
    QVERIFY(first == (QList<qint64>{3, 1, 2}) || first == (QList<qint64>{2, 1, 3}));
    QCOMPARE(second, (QList<qint64>{first.rbegin(), first.rend()}));
}

void TestOrdersPanel::actionsApplyOnlyToTheirSelection()
{
    Order noLink = makeOrder(2);
    noLink.tokenLink.clear();
    noLink.sslTokenLink.clear();
    m_model->setOrders({makeOrder(1), noLink, makeOrder(3, JobStatus::ConfirmedSuccess)});
    const auto enabled = [this] {
        return QList<bool>{
            m_panel->refreshAction()->isEnabled(), m_panel->copyLinkAction()->isEnabled(),
            m_panel->openInBrowserAction()->isEnabled(), m_panel->exportAction()->isEnabled(),
            m_panel->showTokenAction()->isEnabled()};
    };
    // Refresh, Copy, Open, Export, Show.
    QCOMPARE(enabled(), (QList<bool>{false, false, false, false, false}));
    select({1});
    QCOMPARE(enabled(), (QList<bool>{true, true, true, true, true}));
    select({2});
    QCOMPARE(enabled(), (QList<bool>{true, false, false, true, true}));
    select({3});
    QCOMPARE(enabled(), (QList<bool>{false, true, true, true, true}));
    // Several orders: no browser tab per order, the rest applies.
    select({1, 3});
    QCOMPARE(enabled(), (QList<bool>{true, true, false, true, true}));
    m_panel->tableView()->clearSelection();
    QCOMPARE(enabled(), (QList<bool>{false, false, false, false, false}));

    // Only a web link counts as a link.
    Order odd = makeOrder(4);
    odd.tokenLink = u"file:///etc/passwd"_s;
    odd.sslTokenLink = u"javascript:alert(1)"_s;
    m_model->updateOrders({odd});
    select({4});
    QCOMPARE(enabled(), (QList<bool>{true, false, false, true, true}));

    // A poll round that confirms the selected print turns Refresh off.
    select({1});
    m_model->updateOrders({makeOrder(1, JobStatus::ConfirmedFailure)});
    QVERIFY(!m_panel->refreshAction()->isEnabled());

    // The context menu holds every action.
    const QList<QAction *> menu = m_panel->tableView()->actions();
    for (QAction *action : {m_panel->refreshAction(), m_panel->copyLinkAction(),
                            m_panel->openInBrowserAction(), m_panel->exportAction()})
        QVERIFY(menu.contains(action));
    QCOMPARE(m_panel->refreshAction()->shortcut(), QKeySequence(Qt::Key_F5));
}

void TestOrdersPanel::copyLinkPrefersTlsWhenAsked()
{
    Order plainOnly = makeOrder(2);
    plainOnly.sslTokenLink.clear();
    m_model->setOrders({makeOrder(1), plainOnly});
    QClipboard *clipboard = QGuiApplication::clipboard();
    QSignalSpy messages(m_panel.get(), &OrdersPanel::statusMessage);

    select({1});
    m_panel->copyLinkAction()->trigger();
    QCOMPARE(clipboard->text(), makeOrder(1).tokenLink);
    QCOMPARE(messages.size(), 1);

    m_panel->setPreferTls(true);
    m_panel->copyLinkAction()->trigger();
    QCOMPARE(clipboard->text(), makeOrder(1).sslTokenLink);

    select({2});
    m_panel->copyLinkAction()->trigger();
    QCOMPARE(clipboard->text(), plainOnly.tokenLink);
}

void TestOrdersPanel::openInBrowserUsesTheOpener()
{
    m_model->setOrders({makeOrder(1)});
    QList<QUrl> opened;
    bool works = true;
    m_panel->setUrlOpener([&](const QUrl &url) {
        opened << url;
        return works;
    });
    QStringList errors;
    m_panel->setErrorReporter([&](const QString &, const QString &text) { errors << text; });
    m_panel->setPreferTls(true);
    select({1});
    m_panel->openInBrowserAction()->trigger();
    QCOMPARE(opened, (QList<QUrl>{QUrl(makeOrder(1).sslTokenLink)}));
    QVERIFY(errors.isEmpty());

    // No browser: the user is told, and the link waits on the clipboard.
    works = false;
    QGuiApplication::clipboard()->clear();
    m_panel->openInBrowserAction()->trigger();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().contains(u"clipboard"_s));
    QCOMPARE(QGuiApplication::clipboard()->text(), makeOrder(1).sslTokenLink);
}

void TestOrdersPanel::csvFieldQuotesAndGuards()
{
    QCOMPARE(csvField(u"plain"_s), u"plain"_s);
    QCOMPARE(csvField(QString()), QString());
    QCOMPARE(csvField(u"a,b"_s), u"\"a,b\""_s);
    QCOMPARE(csvField(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
    QCOMPARE(csvField(u"two\r\nlines"_s), u"\"two\r\nlines\""_s);
    // Whatever a spreadsheet would run as a formula is shown as text.
    for (const QString &formula : {u"=1+1"_s, u"+1"_s, u"-1"_s, u"@SUM(A1)"_s, u"\tx"_s})
        QCOMPARE(csvField(formula), u"'"_s + formula);
    // A lone carriage return or an escape sequence would steer a terminal showing the file.
    QCOMPARE(csvField(u"\rx"_s), u"\\x0dx"_s);
    QCOMPARE(csvField(u"ok\x1b[2Jgone"_s), u"ok\\x1b[2Jgone"_s);
    QCOMPARE(orderCsvColumns().size(), orderCsvValues(makeOrder(1)).size());
    QVERIFY(ordersCsvHeader().startsWith(u"created,file_name,receiver_email,print_value"_s));
    QCOMPARE(ordersToCsv({}), ordersCsvHeader().toUtf8() + "\r\n");
}

void TestOrdersPanel::exportWritesTheSelectionAsCsv()
{
    Order tricky = makeOrder(1, JobStatus::Failure);
    tricky.fileName = u"Teapot, \"large\".stl"_s;
    tricky.status.message = u"=HYPERLINK(\"x\")\nsecond line"_s;
    tricky.status.printerModel = u"Prusa MK4"_s;
    tricky.status.percentage = 12.5;
    tricky.lastChecked = QDateTime();
    Order plain = makeOrder(2, JobStatus::AwaitingCustomer);
    m_model->setOrders({tricky, plain, makeOrder(3)});

    QTemporaryDir dir;
    QString suggested;
    m_panel->setFileNameProvider([&](const QString &proposal) {
        suggested = proposal;
        return dir.filePath(u"picked"_s); // no suffix: .csv is added
    });
    select({1, 2});
    QVERIFY(m_panel->exportSelection());
    QVERIFY(suggested.endsWith(u".csv"_s));

    QFile file(dir.filePath(u"picked.csv"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray expected =
        "created,file_name,receiver_email,print_value,print_value_currency,partner_job_id,"
        "token,token_link,ssl_token_link,printing_job_status,printing_percentage,minutes_left,"
        "total_time,printer_model,message,last_checked,archived,note\r\n"
        // Order 2 first: the table shows the newest first.
        "2024-03-05T08:02:00Z,design-2.stl,customer2@example.com,12.50,EUR,job-2,"
        "token2abcdef,http://127.0.0.1:4000/?token=token2abcdef,"
        "https://127.0.0.1:4001/?token=token2abcdef,,,,,,,2024-03-05T09:00:00Z,,\r\n"
        "2024-03-05T08:01:00Z,\"Teapot, \"\"large\"\".stl\",customer1@example.com,12.50,EUR,"
        "job-1,token1abcdef,http://127.0.0.1:4000/?token=token1abcdef,"
        "https://127.0.0.1:4001/?token=token1abcdef,FAILURE,12.5,,,Prusa MK4,"
        "\"'=HYPERLINK(\"\"x\"\")\nsecond line\",,,\r\n";
    QCOMPARE(file.readAll(), expected);

    // Cancelled: nothing written.
    m_panel->setFileNameProvider([](const QString &) { return QString(); });
    QVERIFY(!m_panel->exportSelection());
}

void TestOrdersPanel::exportReportsFailuresInPlainWords()
{
    m_model->setOrders({makeOrder(1)});
    QTemporaryDir dir;
    const QString missing = dir.filePath(u"no-such-folder/orders.csv"_s);
    m_panel->setFileNameProvider([&](const QString &) { return missing; });
    QStringList errors;
    m_panel->setErrorReporter(
        [&](const QString &title, const QString &text) { errors << title << text; });
    select({1});
    QVERIFY(!m_panel->exportSelection());
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0), u"Export Failed"_s);
    QVERIFY2(errors.at(1).contains(u"does not exist"_s), qPrintable(errors.at(1)));
    QVERIFY(errors.at(1).contains(u"Choose another folder"_s));
    QVERIFY(!QFile::exists(missing));
}

void TestOrdersPanel::doubleClickAndEnterOpenTheTokenView()
{
    m_model->setOrders({makeOrder(1), makeOrder(2)});
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QSignalSpy spy(m_panel.get(), &OrdersPanel::openTokenView);
    QTableView *table = m_panel->tableView();
    const QModelIndex index = m_panel->proxy()->index(rowOf(*m_panel->proxy(), 1), Column::File);
    const QPoint centre = table->visualRect(index).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, centre);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<Order>().id, 1);

    select({2});
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(1).at(0).value<Order>().id, 2);

    m_panel->showTokenAction()->trigger();
    QCOMPARE(spy.size(), 3);
    QCOMPARE(spy.at(2).at(0).value<Order>().id, 2);
}

void TestOrdersPanel::refreshCarriesTheOpenSelectedIds()
{
    m_model->setOrders({makeOrder(1), makeOrder(2, JobStatus::ConfirmedSuccess),
                        makeOrder(3, JobStatus::AwaitingCustomer), makeOrder(4)});
    QSignalSpy spy(m_panel.get(), &OrdersPanel::refreshRequested);
    select({1, 2, 3});
    m_panel->refreshAction()->trigger();
    QCOMPARE(spy.size(), 1);
    // In table order (newest first); the confirmed order is not asked about again.
    QCOMPARE(spy.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{3, 1}));
}

void TestOrdersPanel::currentOrderSignals()
{
    m_model->setOrders({makeOrder(1), makeOrder(2)});
    QSignalSpy changed(m_panel.get(), &OrdersPanel::currentOrderChanged);
    QSignalSpy updated(m_panel.get(), &OrdersPanel::currentOrderUpdated);
    select({1});
    QCOMPARE(changed.size(), 1);
    auto order = changed.at(0).at(0).value<std::optional<Order>>();
    QVERIFY(order);
    QCOMPARE(order->id, 1);

    // A poll round changes the selected order: an update, not a new selection.
    m_model->updateOrders({makeOrder(1, JobStatus::Success), makeOrder(2, JobStatus::Failure)});
    QTRY_COMPARE(updated.size(), 1);
    QTest::qWait(20); // and only once
    QCOMPARE(updated.size(), 1);
    QCOMPARE(updated.at(0).at(0).value<Order>().status.status, JobStatus::Success);
    QCOMPARE(changed.size(), 1);

    // Filtered out: nothing is selected any more.
    m_panel->setSearchText(u"design-2"_s);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!changed.at(1).at(0).value<std::optional<Order>>());

    QVERIFY(m_panel->selectOrder(1)); // clears the search that hides it
    QCOMPARE(m_panel->searchBox()->text(), QString());
    QCOMPARE(m_panel->currentOrder()->id, 1);
    QVERIFY(!m_panel->selectOrder(99));
}

void TestOrdersPanel::stateRoundTrips()
{
    m_model->setOrders({makeOrder(1), makeOrder(2)});
    QHeaderView *header = m_panel->tableView()->horizontalHeader();
    header->resizeSection(Column::Receiver, 321);
    header->setSectionHidden(Column::Printer, true);
    m_panel->tableView()->sortByColumn(Column::File, Qt::AscendingOrder);
    m_panel->setFilter(OrdersPanel::OpenOrders);
    const QByteArray state = m_panel->saveState();

    OrdersPanel other(*m_model);
    QVERIFY(other.restoreState(state));
    QHeaderView *restored = other.tableView()->horizontalHeader();
    QCOMPARE(restored->sectionSize(Column::Receiver), 321);
    QVERIFY(restored->isSectionHidden(Column::Printer));
    QCOMPARE(restored->sortIndicatorSection(), int(Column::File));
    QCOMPARE(restored->sortIndicatorOrder(), Qt::AscendingOrder);
    QCOMPARE(other.filter(), int(OrdersPanel::OpenOrders));
    QCOMPARE(idsShown(*other.proxy()), (QList<qint64>{1, 2}));

    QVERIFY(!other.restoreState("garbage"));
    QVERIFY(!other.restoreState({}));
}

void TestOrdersPanel::focusSearchSelectsTheText()
{
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_panel->tableView()->setFocus();
    m_panel->setSearchText(u"teapot"_s);
    m_panel->focusSearch();
    // The window's focus child; hasFocus() would also need an active window, which a display
    // without a window manager never gives.
    QCOMPARE(m_panel->focusWidget(), m_panel->searchBox());
    QCOMPARE(m_panel->searchBox()->selectedText(), u"teapot"_s);
}

void TestOrdersPanel::detailsShowFieldsAndHistory()
{
    OrderDetails details;
    QVERIFY(!details.orderId());
    Order order = makeOrder(7, JobStatus::Success);
    order.sha256 = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;
    QList<StatusHistoryEntry> history;
    for (const auto &[minute, status] : {std::pair{10, JobStatus::WarmingUp},
                                         {5, JobStatus::AwaitingCustomer},
                                         {40, JobStatus::Success},
                                         {20, JobStatus::Printing}}) {
        StatusHistoryEntry entry;
        entry.orderId = 7;
        entry.time = utc(10, minute);
        entry.status.status = status;
        entry.status.statusText = jobStatusToWire(status);
        if (status == JobStatus::Printing)
            entry.status.percentage = 35;
        if (status == JobStatus::Success)
            entry.status.message = u"Looks great"_s;
        history << entry;
    }
    details.showOrder(order, history);
    QCOMPARE(details.orderId(), std::optional<qint64>(7));
    QCOMPARE(details.fieldText(u"detailsFileName"_s), u"design-7.stl"_s);
    QCOMPARE(details.fieldText(u"detailsSha256"_s), order.sha256);
    QCOMPARE(details.fieldText(u"detailsToken"_s), order.token);
    QCOMPARE(details.fieldText(u"detailsReceiver"_s), order.receiverEmail);
    QCOMPARE(details.fieldText(u"detailsJobId"_s), u"job-7"_s);
    QVERIFY(
        details.fieldText(u"detailsTokenLink"_s).contains(u"href=\"%1\""_s.arg(order.tokenLink)));
    QCOMPARE(details.fileState(), OrderDetails::FileState::NoSource);

    // Newest first, with the status label, progress and message.
    QTreeWidget *timeline = details.timeline();
    QCOMPARE(timeline->topLevelItemCount(), 4);
    QCOMPARE(timeline->topLevelItem(0)->text(1), statusLabel(JobStatus::Success));
    QCOMPARE(timeline->topLevelItem(0)->text(3), u"Looks great"_s);
    QCOMPARE(timeline->topLevelItem(1)->text(1), statusLabel(JobStatus::Printing));
    QCOMPARE(timeline->topLevelItem(1)->text(2), u"35 %"_s);
    QCOMPARE(timeline->topLevelItem(3)->text(1), statusLabel(JobStatus::AwaitingCustomer));
    QVERIFY(!timeline->topLevelItem(0)->icon(1).isNull());

    details.showOrder(order, {});
    QCOMPARE(timeline->topLevelItemCount(), 0);
    QVERIFY(!details.findChild<QLabel *>(u"detailsNoHistory"_s)->isHidden());

    details.resize(900, 300);
    QVERIFY(!details.grab().isNull());
    details.clear();
    QVERIFY(!details.orderId());
}

void TestOrdersPanel::detailsReadTheSourceFile()
{
    const QString cube = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__20mm-xyz-cube.stl");
    Order order = makeOrder(3);
    order.size = QFileInfo(cube).size();
    OrderDetails details;
    QSignalSpy states(&details, &OrderDetails::fileStateChanged);
    details.showOrder(order, {}, cube);
    QVERIFY(states.wait(10000));
    QCOMPARE(details.fileState(), OrderDetails::FileState::Inspected);
    QCOMPARE(details.fieldText(u"detailsTriangles"_s), QLocale().toString(260));
    QCOMPARE(details.fieldText(u"detailsDimensions"_s), u"20.0 \u00d7 20.0 \u00d7 20.0 mm"_s);
    QVERIFY(!details.thumbnail().isNull());

    // Shown again after a poll round: the file is not read again.
    states.clear();
    details.showOrder(order, {}, cube);
    QCOMPARE(details.fileState(), OrderDetails::FileState::Inspected);
    QCOMPARE(states.size(), 0);

    Order other = makeOrder(4);
    details.showOrder(other, {}, u"/no/such/file.stl"_s);
    QCOMPARE(details.fileState(), OrderDetails::FileState::Missing);
    other.size = 5;
    details.showOrder(other, {}, cube);
    QCOMPARE(details.fileState(), OrderDetails::FileState::Changed);
}

QTEST_MAIN(TestOrdersPanel)
#include "tst_orderspanel.moc"
