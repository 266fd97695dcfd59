// Managing orders from the orders table (OrdersPanel): archived orders hidden until shown,
// notes, deleting a test order or a real one (the confirmation's words, the typed token), the
// print link for the customer again (the clipboard message, the mailto: URL), the filters the
// dashboard opens, and a saved state from before the new columns.

#include "customerlinkmessage.h"
#include "orderdeletiondialog.h"
#include "orderfilterproxymodel.h"
#include "orderspanel.h"
#include "ordertablemodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDataStream>
#include <QHeaderView>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

using Column = OrderTableModel::Column;
const QString kProduction = u"https://widget.sendshapes.com:3443/api3/"_s;

Order makeOrder(qint64 id, JobStatus status = JobStatus::Printing)
{
    Order order;
    order.id = id;
    order.environment = u"sandbox"_s;
    order.token = u"token%1abcdef"_s.arg(id);
    order.tokenLink = u"http://127.0.0.1:4000/?token="_s + order.token;
    order.sslTokenLink = u"https://127.0.0.1:4001/?token="_s + order.token;
    order.fileName = u"design-%1.stl"_s.arg(id);
    order.receiverEmail = u"customer%1@example.com"_s.arg(id);
    order.price = *Decimal::fromString(u"12.50");
    order.currency = u"EUR"_s;
    order.partnerJobId = u"job-%1"_s.arg(id);
    order.created = QDateTime(QDate(2024, 3, 5), QTime(8, 0), Qt::UTC).addSecs(id * 60);
    order.status.status = status;
    order.status.statusText = jobStatusToWire(status);
    return order;
}

QList<qint64> idsShown(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(OrderTableModel::OrderIdRole).toLongLong();
    return ids;
}

} // namespace

class TestOrdersPanelManagement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void newColumnsAndTheirDefaults();
    void archivedAreHiddenUntilShown();
    void archiveAndUnarchiveAskTheOwner();
    void noteIsAskedAndBounded();
    void testOrderDeletionNamesWhatIsLost();
    void realOrderDeletionNeedsTheTokenTyped();
    void realOrderDeletionCanArchiveInstead();
    void deletionQuestionIsWindowModal_data();
    void deletionQuestionIsWindowModal();
    void customerMessageOnTheClipboard();
    void customerMessageFollowsThePrint_data();
    void customerMessageFollowsThePrint();
    void mailtoUrlIsEncoded();
    void noMailProgramLeavesTheMessageOnTheClipboard();
    void dashboardFilters();
    void stateFromBeforeTheNewColumns();

private:
    void select(qint64 id);

    std::unique_ptr<OrderTableModel> m_model;
    std::unique_ptr<OrdersPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestOrdersPanelManagement::init()
{
    m_model = std::make_unique<OrderTableModel>();
    m_panel = std::make_unique<OrdersPanel>(*m_model);
    m_panel->resize(1300, 500);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_panel->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel->setErrorReporter([](const QString &title, const QString &text) {
        QFAIL(qPrintable(u"unexpected error: "_s + title + u": "_s + text));
    });
}

void TestOrdersPanelManagement::cleanup()
{
    m_tester.reset();
    m_panel.reset();
    m_model.reset();
}

void TestOrdersPanelManagement::select(qint64 id)
{
    const int row = int(idsShown(*m_panel->proxy()).indexOf(id));
    QVERIFY2(row >= 0, qPrintable(u"order %1 not shown"_s.arg(id)));
    m_panel->tableView()->selectionModel()->setCurrentIndex(m_panel->proxy()->index(row, 0),
                                                            QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
}

void TestOrdersPanelManagement::newColumnsAndTheirDefaults()
{
    QHeaderView *header = m_panel->tableView()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(Column::JobId));
    QVERIFY(!header->isSectionHidden(Column::Note));
    QVERIFY(header->isSectionHidden(Column::Currency)); // the price names it already
    QVERIFY(header->sectionSize(Column::JobId) > 40);
    QCOMPARE(m_model->headerData(Column::Currency, Qt::Horizontal).toString(), u"Currency"_s);
}

void TestOrdersPanelManagement::archivedAreHiddenUntilShown()
{
    Order archived = makeOrder(2);
    archived.archived = QDateTime::currentDateTimeUtc();
    m_model->setOrders({makeOrder(1), archived});
    QCOMPARE(idsShown(*m_panel->proxy()), QList<qint64>{1});
    QVERIFY(!m_panel->showArchivedBox()->isChecked());
    m_panel->showArchivedBox()->setChecked(true);
    QVERIFY(m_panel->showArchivedAction()->isChecked());
    QCOMPARE(idsShown(*m_panel->proxy()).size(), 2);
    m_panel->showArchivedAction()->setChecked(false);
    QVERIFY(!m_panel->showArchivedBox()->isChecked());
    QCOMPARE(idsShown(*m_panel->proxy()), QList<qint64>{1});

    // Selecting an archived order (from a notification, say) shows the archive.
    QVERIFY(m_panel->selectOrder(2));
    QVERIFY(m_panel->showsArchived());
    QCOMPARE(m_panel->currentOrder()->id, 2);
}

void TestOrdersPanelManagement::archiveAndUnarchiveAskTheOwner()
{
    Order archived = makeOrder(2);
    archived.archived = QDateTime::currentDateTimeUtc();
    m_model->setOrders({makeOrder(1), archived});
    m_panel->setShowArchived(true);
    QSignalSpy requested(m_panel.get(), &OrdersPanel::archiveRequested);
    select(1);
    QVERIFY(m_panel->archiveAction()->isEnabled());
    QVERIFY(!m_panel->unarchiveAction()->isEnabled());
    m_panel->archiveAction()->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).value<QList<qint64>>(), QList<qint64>{1});
    QCOMPARE(requested.at(0).at(1).toBool(), true);

    select(2);
    QVERIFY(!m_panel->archiveAction()->isEnabled());
    QVERIFY(m_panel->unarchiveAction()->isEnabled());
    m_panel->unarchiveAction()->trigger();
    QCOMPARE(requested.size(), 2);
    QCOMPARE(requested.at(1).at(0).value<QList<qint64>>(), QList<qint64>{2});
    QCOMPARE(requested.at(1).at(1).toBool(), false);
    // Every action is in the context menu and has a shortcut.
    const QList<QAction *> actions = m_panel->tableView()->actions();
    for (QAction *action :
         {m_panel->archiveAction(), m_panel->unarchiveAction(), m_panel->noteAction(),
          m_panel->deleteAction(), m_panel->copyMessageAction(), m_panel->emailAction()}) {
        QVERIFY2(actions.contains(action), qPrintable(action->text()));
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->text()));
    }
}

void TestOrdersPanelManagement::noteIsAskedAndBounded()
{
    Order noted = makeOrder(1);
    noted.note = u"old"_s;
    m_model->setOrders({noted});
    select(1);
    QCOMPARE(m_panel->noteAction()->text(), u"Edit &Note\u2026"_s);
    QString answer = u"  new note  "_s;
    QString shownNote;
    m_panel->setNoteEditor([&](const Order &order) -> std::optional<QString> {
        shownNote = order.note;
        return answer;
    });
    QSignalSpy requested(m_panel.get(), &OrdersPanel::noteRequested);
    m_panel->noteAction()->trigger();
    QCOMPARE(shownNote, u"old"_s);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toLongLong(), 1);
    QCOMPARE(requested.at(0).at(1).toString(), u"new note"_s);

    // Too long: said, not asked for.
    answer = QString(kMaxOrderNoteLength + 1, u'x');
    QStringList errors;
    m_panel->setErrorReporter([&](const QString &, const QString &text) { errors << text; });
    m_panel->noteAction()->trigger();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(u"1001"_s), qPrintable(errors.first()));
    // Cancelled: nothing.
    m_panel->setNoteEditor([](const Order &) { return std::optional<QString>(); });
    m_panel->noteAction()->trigger();
    QCOMPARE(requested.size(), 1);
}

void TestOrdersPanelManagement::testOrderDeletionNamesWhatIsLost()
{
    m_model->setOrders({makeOrder(1)});
    select(1);
    QCOMPARE(m_panel->deleteAction()->text(), u"&Delete Test Order\u2026"_s);
    QCOMPARE(m_panel->deleteAction()->shortcut(), QKeySequence(QKeySequence::Delete));
    bool askedTest = false;
    auto choice = OrdersPanel::DeletionChoice::Cancel;
    m_panel->setDeletionConfirmer([&](const Order &, bool testOrder, auto answer) {
        askedTest = testOrder;
        answer(choice);
    });
    QSignalSpy deleted(m_panel.get(), &OrdersPanel::deleteRequested);
    m_panel->deleteAction()->trigger();
    QVERIFY(askedTest);
    QCOMPARE(deleted.size(), 0); // cancelled
    choice = OrdersPanel::DeletionChoice::Delete;
    m_panel->deleteAction()->trigger();
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted.at(0).at(0).toLongLong(), 1);
    QCOMPARE(deleted.at(0).at(1).value<OrderDeletion>(), OrderDeletion::TestOrderOnly);

    const QString text = OrderDeletionDialog::explanation(makeOrder(1), true);
    QVERIFY2(text.contains(u"Token: token1abcdef"_s), qPrintable(text));
    QVERIFY(text.contains(u"Receiver: customer1@example.com"_s));
    QVERIFY(text.contains(u"Job ID: job-1"_s));
    QVERIFY(text.contains(u"its links, its print status history and its note"_s));
    QVERIFY(text.contains(u"cannot be undone"_s));

    // The dialog itself: Delete at once for a test order, Cancel the default.
    OrderDeletionDialog dialog(makeOrder(1), true);
    QVERIFY(!dialog.confirmationEdit());
    QVERIFY(dialog.deleteButton()->isEnabled());
    QVERIFY(!dialog.deleteButton()->isDefault());
}

void TestOrdersPanelManagement::realOrderDeletionNeedsTheTokenTyped()
{
    Order real = makeOrder(1);
    real.environment = kProduction;
    m_model->setOrders({real});
    select(1);
    QCOMPARE(m_panel->deleteAction()->text(), u"&Delete Order\u2026"_s);
    QVERIFY(!OrdersPanel::isTestOrder(real));

    const QString text = OrderDeletionDialog::explanation(real, false);
    QVERIFY2(text.contains(u"This is a real order"_s), qPrintable(text));
    QVERIFY(text.contains(u"The service keeps the token"_s));
    QVERIFY(text.contains(u"Archive the order instead"_s));
    QVERIFY(text.contains(u"Token: token1abcdef"_s));

    OrderDeletionDialog dialog(real, false);
    QVERIFY(dialog.confirmationEdit());
    QCOMPARE(OrderDeletionDialog::requiredText(real), u"token1ab"_s);
    QVERIFY(!dialog.deleteButton()->isEnabled());
    dialog.confirmationEdit()->setText(u"token1a"_s);
    QVERIFY(!dialog.deleteButton()->isEnabled());
    dialog.confirmationEdit()->setText(u"token1ab"_s);
    QVERIFY(dialog.deleteButton()->isEnabled());
    dialog.deleteButton()->click();
    QCOMPARE(dialog.choice(), OrderDeletionDialog::Choice::Delete);

    m_panel->setDeletionConfirmer(
        [](const Order &, bool, auto answer) { answer(OrdersPanel::DeletionChoice::Delete); });
    QSignalSpy deleted(m_panel.get(), &OrdersPanel::deleteRequested);
    m_panel->deleteAction()->trigger();
    QCOMPARE(deleted.size(), 1);
    QCOMPARE(deleted.at(0).at(1).value<OrderDeletion>(), OrderDeletion::ConfirmedByPerson);
}

void TestOrdersPanelManagement::realOrderDeletionCanArchiveInstead()
{
    Order real = makeOrder(1);
    real.environment = kProduction;
    m_model->setOrders({real});
    select(1);
    OrderDeletionDialog dialog(real, false);
    auto *archive = dialog.findChild<QPushButton *>(u"orderDeletionArchive"_s);
    QVERIFY(archive);
    QVERIFY(archive->isDefault());
    archive->click();
    QCOMPARE(dialog.choice(), OrderDeletionDialog::Choice::Archive);

    m_panel->setDeletionConfirmer(
        [](const Order &, bool, auto answer) { answer(OrdersPanel::DeletionChoice::Archive); });
    QSignalSpy deleted(m_panel.get(), &OrdersPanel::deleteRequested);
    QSignalSpy archived(m_panel.get(), &OrdersPanel::archiveRequested);
    m_panel->deleteAction()->trigger();
    QCOMPARE(deleted.size(), 0);
    QCOMPARE(archived.size(), 1);
    QCOMPARE(archived.at(0).at(0).value<QList<qint64>>(), QList<qint64>{1});
}

void TestOrdersPanelManagement::deletionQuestionIsWindowModal_data()
{
    QTest::addColumn<bool>("testOrder");
    QTest::newRow("test order") << true;
    QTest::newRow("real order") << false;
}

// The question does not block in a nested event loop: the panel asks, goes on, and acts when
// the answer comes. Enter keeps the order (a test order stays, a real one is archived).
void TestOrdersPanelManagement::deletionQuestionIsWindowModal()
{
    QFETCH(bool, testOrder);
    Order order = makeOrder(1);
    if (!testOrder)
        order.environment = kProduction;
    m_model->setOrders({order});
    m_panel->show();
    select(1);
    QSignalSpy deleted(m_panel.get(), &OrdersPanel::deleteRequested);
    QSignalSpy archived(m_panel.get(), &OrdersPanel::archiveRequested);
    m_panel->deleteAction()->trigger(); // returns while the question is open
    auto *dialog = m_panel->findChild<OrderDeletionDialog *>(u"orderDeletionDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QCOMPARE(deleted.size(), 0);
    QCOMPARE(archived.size(), 0);

    QPointer<OrderDeletionDialog> open(dialog);
    QTest::keyClick(dialog, Qt::Key_Return);
    QTRY_VERIFY(!open); // answered and gone
    QCOMPARE(deleted.size(), 0);
    QCOMPARE(archived.size(), testOrder ? 0 : 1);

    // Delete, once chosen, is done after the question closed.
    if (testOrder) {
        m_panel->deleteAction()->trigger();
        dialog = m_panel->findChild<OrderDeletionDialog *>(u"orderDeletionDialog"_s);
        QVERIFY(dialog);
        dialog->deleteButton()->click();
        QTRY_COMPARE(deleted.size(), 1);
        QCOMPARE(deleted.at(0).at(0).toLongLong(), 1);
    }
}

void TestOrdersPanelManagement::customerMessageOnTheClipboard()
{
    m_model->setOrders({makeOrder(1, JobStatus::AwaitingCustomer)});
    m_panel->setPreferTls(true);
    select(1);
    QVERIFY(m_panel->copyMessageAction()->isEnabled());
    QGuiApplication::clipboard()->clear();
    m_panel->copyMessageAction()->trigger();
    const QString text = QGuiApplication::clipboard()->text();
    QCOMPARE(text, u"To: customer1@example.com\n"
                   "Subject: Your print link for design-1.stl (job job-1)\n"
                   "\n"
                   "Hello,\n"
                   "\n"
                   "your design design-1.stl (job job-1) is ready to print.\n"
                   "Open this link and press Print on the page:\n"
                   "https://127.0.0.1:4001/?token=token1abcdef\n"
                   "\n"
                   "The link is yours alone; please do not pass it on."_s);
    // Without a job id the message does without it.
    Order plain = makeOrder(2, JobStatus::AwaitingCustomer);
    plain.partnerJobId.clear();
    QCOMPARE(CustomerLinkMessage::subject(plain), u"Your print link for design-2.stl"_s);
    QVERIFY(!CustomerLinkMessage::body(plain, QUrl(plain.tokenLink)).contains(u"job"_s));
}

void TestOrdersPanelManagement::customerMessageFollowsThePrint_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("unknownToService");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("awaiting") << int(JobStatus::AwaitingCustomer) << false
                              << u"Your print link for design-1.stl (job job-1)"_s
                              << u"your design design-1.stl (job job-1) is ready to print."_s;
    QTest::newRow("warming up") << int(JobStatus::WarmingUp) << false
                                << u"Your print of design-1.stl (job job-1) is under way"_s
                                << u"is being printed now."_s;
    QTest::newRow("printing") << int(JobStatus::Printing) << false
                              << u"Your print of design-1.stl (job job-1) is under way"_s
                              << u"is being printed now."_s;
    QTest::newRow("printed") << int(JobStatus::Success) << false
                             << u"Your print of design-1.stl (job job-1) is finished"_s
                             << u"your design design-1.stl (job job-1) has been printed."_s;
    QTest::newRow("printed, confirmed")
        << int(JobStatus::ConfirmedSuccess) << false
        << u"Your print of design-1.stl (job job-1) is finished"_s << u"has been printed."_s;
    QTest::newRow("failed") << int(JobStatus::Failure) << false
                            << u"Your print of design-1.stl (job job-1) did not succeed"_s
                            << u"the print of your design design-1.stl (job job-1) did not "
                               "succeed."_s;
    QTest::newRow("failed, confirmed")
        << int(JobStatus::ConfirmedFailure) << false
        << u"Your print of design-1.stl (job job-1) did not succeed"_s << u"did not succeed."_s;
    QTest::newRow("link gone") << int(JobStatus::AwaitingCustomer) << true
                               << u"Your print link for design-1.stl (job job-1)"_s
                               << u"is no longer active."_s;
}

void TestOrdersPanelManagement::customerMessageFollowsThePrint()
{
    QFETCH(int, status);
    QFETCH(bool, unknownToService);
    QFETCH(QString, subject);
    QFETCH(QString, sentence);
    Order order = makeOrder(1, JobStatus(status));
    order.unknownToService = unknownToService;
    QCOMPARE(CustomerLinkMessage::subject(order), subject);
    const QString body = CustomerLinkMessage::body(order, QUrl(order.tokenLink));
    QVERIFY2(body.contains(sentence), qPrintable(body));
    QVERIFY2(body.contains(order.tokenLink), qPrintable(body));
    // Only a print nobody started is "ready to print".
    QCOMPARE(body.contains(u"ready to print"_s),
             JobStatus(status) == JobStatus::AwaitingCustomer && !unknownToService);
}

void TestOrdersPanelManagement::mailtoUrlIsEncoded()
{
    m_model->setOrders({makeOrder(1, JobStatus::AwaitingCustomer)});
    QList<QUrl> opened;
    m_panel->setUrlOpener([&](const QUrl &url) {
        opened << url;
        return true;
    });
    select(1);
    QVERIFY(m_panel->emailAction()->isEnabled());
    m_panel->emailAction()->trigger();
    QCOMPARE(opened.size(), 1);
    const QString encoded = opened.first().toString(QUrl::FullyEncoded);
    QVERIFY2(encoded.startsWith(u"mailto:customer1@example.com?subject=Your%20print%20link%20for"
                                "%20design-1.stl%20%28job%20job-1%29&body=Hello%2C%0D%0A%0D%0A"_s),
             qPrintable(encoded));
    QVERIFY(encoded.contains(u"http%3A%2F%2F127.0.0.1%3A4000%2F%3Ftoken%3Dtoken1abcdef"_s));
    QVERIFY(!encoded.contains(u'+'));
    QVERIFY(!encoded.contains(u' '));

    // Characters that would end the subject or body early stay inside them.
    Order tricky = makeOrder(3, JobStatus::AwaitingCustomer);
    tricky.fileName = u"a&b=c #1?.stl"_s;
    tricky.partnerJobId = u"50%+"_s;
    const QUrl mail = CustomerLinkMessage::mailUrl(tricky, QUrl(tricky.tokenLink));
    QVERIFY(mail.isValid());
    QCOMPARE(mail.scheme(), u"mailto"_s);
    QCOMPARE(mail.path(), u"customer3@example.com"_s);
    const QUrlQuery query(mail);
    QCOMPARE(query.queryItemValue(u"subject"_s, QUrl::FullyDecoded),
             u"Your print link for a&b=c #1?.stl (job 50%+)"_s);
    QString body = CustomerLinkMessage::body(tricky, QUrl(tricky.tokenLink));
    body.replace(u"\n"_s, u"\r\n"_s);
    QCOMPARE(query.queryItemValue(u"body"_s, QUrl::FullyDecoded), body);
}

void TestOrdersPanelManagement::noMailProgramLeavesTheMessageOnTheClipboard()
{
    m_model->setOrders({makeOrder(1)});
    m_panel->setUrlOpener([](const QUrl &) { return false; });
    QStringList errors;
    m_panel->setErrorReporter([&](const QString &, const QString &text) { errors << text; });
    select(1);
    QGuiApplication::clipboard()->clear();
    m_panel->emailAction()->trigger();
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().contains(u"clipboard"_s));
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(u"To: customer1@example.com"_s));
}

void TestOrdersPanelManagement::dashboardFilters()
{
    Order stuck = makeOrder(1);
    stuck.unknownToService = true;
    Order done = makeOrder(2, JobStatus::ConfirmedSuccess);
    done.printFinished = QDateTime(QDate(2024, 3, 6), QTime(12, 0));
    m_model->setOrders({stuck, done, makeOrder(3, JobStatus::AwaitingCustomer)});
    m_panel->setSearchText(u"design"_s);
    m_panel->showNeedingAttention();
    QVERIFY(m_panel->searchBox()->text().isEmpty());
    QCOMPARE(m_panel->filter(), int(OrdersPanel::NeedsAttentionOrders));
    QCOMPARE(idsShown(*m_panel->proxy()), QList<qint64>{1});
    QVERIFY(m_panel->showsArchived()); // the dashboard counted them
    m_panel->showStatus(JobStatus::AwaitingCustomer);
    QCOMPARE(idsShown(*m_panel->proxy()), QList<qint64>{3});
    m_panel->showFinishedOn(QDate(2024, 3, 6));
    QCOMPARE(m_panel->filter(), int(OrdersPanel::AllOrders));
    QCOMPARE(idsShown(*m_panel->proxy()), QList<qint64>{2});
    auto *day = m_panel->findChild<QToolButton *>(u"ordersDayFilter"_s);
    QVERIFY(day && !day->isHidden());
    day->click();
    QVERIFY(day->isHidden());
    QCOMPARE(idsShown(*m_panel->proxy()).size(), 3);
    // The "need attention" entry is in the status filter, saved like the others.
    m_panel->setFilter(OrdersPanel::NeedsAttentionOrders);
    OrdersPanel other(*m_model);
    QVERIFY(other.restoreState(m_panel->saveState()));
    QCOMPARE(other.filter(), int(OrdersPanel::NeedsAttentionOrders));
    QCOMPARE(idsShown(*other.proxy()), QList<qint64>{1});
}

// A state saved by a version with eleven columns: restored, and the new columns appear with
// their defaults (the currency hidden).
void TestOrdersPanelManagement::stateFromBeforeTheNewColumns()
{
    m_model->setOrders({makeOrder(1)});
    QStandardItemModel eleven(1, 11);
    QTableView oldTable;
    oldTable.setModel(&eleven);
    oldTable.horizontalHeader()->resizeSection(Column::Receiver, 321);
    oldTable.horizontalHeader()->setSectionHidden(Column::Printer, true);
    QByteArray state;
    {
        QDataStream out(&state, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out << quint32(0x4f525053) << quint8(1) << oldTable.horizontalHeader()->saveState()
            << qint32(OrdersPanel::AllOrders);
    }
    OrdersPanel panel(*m_model);
    QVERIFY(panel.restoreState(state));
    QHeaderView *header = panel.tableView()->horizontalHeader();
    QCOMPARE(header->count(), int(Column::ColumnCount));
    QCOMPARE(header->sectionSize(Column::Receiver), 321);
    QVERIFY(header->isSectionHidden(Column::Printer));
    QVERIFY(!header->isSectionHidden(Column::JobId));
    QVERIFY(!header->isSectionHidden(Column::Note));
    QVERIFY(header->isSectionHidden(Column::Currency));
    QVERIFY(!panel.showsArchived());

    // And the state this version writes keeps the currency column once shown.
    header->setSectionHidden(Column::Currency, false);
    panel.setShowArchived(true);
    OrdersPanel again(*m_model);
    QVERIFY(again.restoreState(panel.saveState()));
    QVERIFY(!again.tableView()->horizontalHeader()->isSectionHidden(Column::Currency));
    QVERIFY(again.showsArchived());
}

QTEST_MAIN(TestOrdersPanelManagement)
#include "tst_orderspanelmanagement.moc"
