// OrdersPanel, continued: the order actions (refresh, copy link, open in browser, CSV export,
// the link for the customer again, archive, note, delete), when each applies, and the panel's
// saved state.

#include "orderspanel.h"

#include "customerlinkmessage.h"
#include "orderfilterproxymodel.h"
#include "ordertablemodel.h"
#include "uilogging.h"

#include "orders/ordercsv.h"

#include <QAction>
#include <QClipboard>
#include <QDataStream>
#include <QDate>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Tells saveState() data from anything else in the settings, and its layout version.
constexpr quint32 kStateMagic = 0x4f525053; // "ORPS"
constexpr quint8 kStateVersion = 1;
// The table's columns before Job ID, Currency and Note were added.
constexpr qint32 kColumnsBeforeJobId = 11;

QIcon themedIcon(const QString &themeName, const QString &resource)
{
    return QIcon::fromTheme(themeName, QIcon(resource));
}

} // namespace

void OrdersPanel::createActions()
{
    m_refreshAction = new QAction(themedIcon(u"view-refresh"_s, u":/icons/orders-refresh.svg"_s),
                                  tr("&Refresh Status Now"), this);
    m_refreshAction->setObjectName(u"actionRefreshOrders"_s);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setShortcutContext(Qt::WindowShortcut);
    m_refreshAction->setStatusTip(tr("Ask the service for the print status of the selected "
                                     "orders now"));
    connect(m_refreshAction, &QAction::triggered, this, &OrdersPanel::refreshSelection);

    m_showTokenAction =
        new QAction(QIcon(u":/icons/orders-print-page.svg"_s), tr("&Show Print Page"), this);
    m_showTokenAction->setObjectName(u"actionShowPrintPage"_s);
    m_showTokenAction->setStatusTip(tr("Show the selected order's print page in the token "
                                       "widget"));
    connect(m_showTokenAction, &QAction::triggered, this, [this] {
        if (const std::optional<Order> order = currentOrder())
            Q_EMIT openTokenView(*order);
    });

    m_copyLinkAction = new QAction(themedIcon(u"edit-copy"_s, u":/icons/orders-copy-link.svg"_s),
                                   tr("&Copy Token Link"), this);
    m_copyLinkAction->setObjectName(u"actionCopyTokenLink"_s);
    m_copyLinkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyLinkAction->setStatusTip(tr("Copy the token link of the selected orders"));
    connect(m_copyLinkAction, &QAction::triggered, this, &OrdersPanel::copyLink);

    m_openAction =
        new QAction(themedIcon(u"internet-web-browser"_s, u":/icons/orders-open-browser.svg"_s),
                    tr("&Open in Browser"), this);
    m_openAction->setObjectName(u"actionOpenOrderInBrowser"_s);
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openAction->setStatusTip(tr("Open the selected order's token link in your web browser"));
    connect(m_openAction, &QAction::triggered, this, &OrdersPanel::openInBrowser);

    m_exportAction = new QAction(themedIcon(u"document-export"_s, u":/icons/orders-export.svg"_s),
                                 tr("&Export Selection as CSV\u2026"), this);
    m_exportAction->setObjectName(u"actionExportOrdersCsv"_s);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportAction->setStatusTip(tr("Save the selected orders as a CSV file for a spreadsheet"));
    connect(m_exportAction, &QAction::triggered, this, [this] { exportSelection(); });

    m_copyMessageAction = new QAction(themedIcon(u"edit-copy"_s, u":/icons/orders-copy-link.svg"_s),
                                      tr("Copy &Message for the Customer"), this);
    m_copyMessageAction->setObjectName(u"actionCopyCustomerMessage"_s);
    m_copyMessageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_copyMessageAction->setStatusTip(tr("Copy a ready message with the receiver, job ID and "
                                         "print link, to send the link again"));
    connect(m_copyMessageAction, &QAction::triggered, this, &OrdersPanel::copyCustomerMessage);

    m_emailAction = new QAction(themedIcon(u"mail-send"_s, u":/icons/orders-open-browser.svg"_s),
                                tr("E-mail the &Link to the Customer\u2026"), this);
    m_emailAction->setObjectName(u"actionEmailCustomer"_s);
    m_emailAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_emailAction->setStatusTip(tr("Open a mail to the receiver with the print link in your "
                                   "mail program"));
    connect(m_emailAction, &QAction::triggered, this, &OrdersPanel::emailCustomer);

    m_archiveAction = new QAction(tr("&Archive"), this);
    m_archiveAction->setObjectName(u"actionArchiveOrders"_s);
    m_archiveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_archiveAction->setStatusTip(tr("Hide the selected orders from the table; their prints "
                                     "are still followed"));
    connect(m_archiveAction, &QAction::triggered, this, &OrdersPanel::archiveSelection);

    m_unarchiveAction = new QAction(tr("&Unarchive"), this);
    m_unarchiveAction->setObjectName(u"actionUnarchiveOrders"_s);
    m_unarchiveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_unarchiveAction->setStatusTip(tr("Show the selected archived orders in the table again"));
    connect(m_unarchiveAction, &QAction::triggered, this, &OrdersPanel::unarchiveSelection);

    m_noteAction = new QAction(tr("Add &Note\u2026"), this);
    m_noteAction->setObjectName(u"actionOrderNote"_s);
    m_noteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    m_noteAction->setStatusTip(tr("Keep a note on the selected order"));
    connect(m_noteAction, &QAction::triggered, this, &OrdersPanel::editNote);

    m_deleteAction =
        new QAction(themedIcon(u"edit-delete"_s, QString()), tr("&Delete Order\u2026"), this);
    m_deleteAction->setObjectName(u"actionDeleteOrder"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setStatusTip(tr("Remove the selected order from this console's records "
                                    "(asks first; the service keeps the token)"));
    connect(m_deleteAction, &QAction::triggered, this, &OrdersPanel::deleteCurrent);

    m_showArchivedAction = new QAction(tr("Show Archived Orders"), this);
    m_showArchivedAction->setObjectName(u"actionShowArchivedOrders"_s);
    m_showArchivedAction->setCheckable(true);
    connect(m_showArchivedAction, &QAction::toggled, this, &OrdersPanel::setShowArchived);

    // Copy, open, export and the order management act on the table's selection, so their
    // shortcuts work while the table has the focus (the token widget has its own
    // Ctrl+Shift+C and Ctrl+Shift+O for its page). F5 refreshes from anywhere in the window.
    for (QAction *action : {m_copyLinkAction, m_openAction, m_exportAction, m_copyMessageAction,
                            m_emailAction, m_archiveAction, m_unarchiveAction, m_noteAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    // Delete only from the table itself: in the search box the key edits the text.
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);

    m_separator1 = new QAction(this);
    m_separator1->setSeparator(true);
    m_separator2 = new QAction(this);
    m_separator2->setSeparator(true);
    m_separator3 = new QAction(this);
    m_separator3->setSeparator(true);
    m_separator4 = new QAction(this);
    m_separator4->setSeparator(true);
}

QList<QAction *> OrdersPanel::orderActions() const
{
    return {m_showTokenAction, m_separator1,        m_refreshAction,   m_copyLinkAction,
            m_openAction,      m_copyMessageAction, m_emailAction,     m_separator2,
            m_noteAction,      m_archiveAction,     m_unarchiveAction, m_deleteAction,
            m_separator3,      m_exportAction,      m_separator4,      m_showArchivedAction};
}

bool OrdersPanel::isTestOrder(const Order &order)
{
    return order.environment == orderEnvironmentKey(EnvironmentKind::Sandbox, {});
}

void OrdersPanel::setNoteEditor(NoteEditor editor)
{
    m_noteEditor = std::move(editor);
}

void OrdersPanel::setDeletionConfirmer(DeletionConfirmer confirmer)
{
    m_deletionConfirmer = std::move(confirmer);
}

void OrdersPanel::copyCustomerMessage()
{
    const std::optional<Order> order = currentOrder();
    if (!order)
        return;
    const QUrl link = linkFor(*order);
    if (link.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(CustomerLinkMessage::clipboardText(*order, link));
    Q_EMIT statusMessage(tr("Copied a message with the print link for %1 to the clipboard")
                             .arg(order->receiverEmail));
}

void OrdersPanel::emailCustomer()
{
    const std::optional<Order> order = currentOrder();
    if (!order)
        return;
    const QUrl link = linkFor(*order);
    if (link.isEmpty())
        return;
    const QUrl mail = CustomerLinkMessage::mailUrl(*order, link);
    if (m_urlOpener && m_urlOpener(mail)) {
        Q_EMIT statusMessage(
            tr("Opened a mail to %1 in your mail program").arg(order->receiverEmail));
        return;
    }
    // The message still reaches the user: on the clipboard, ready for any mail program.
    QGuiApplication::clipboard()->setText(CustomerLinkMessage::clipboardText(*order, link));
    reportError(tr("Could Not Open a Mail Program"),
                tr("The console could not open a mail program for %1. The message with the "
                   "print link is now on the clipboard: paste it into a new mail.")
                    .arg(order->receiverEmail));
}

void OrdersPanel::archiveSelection()
{
    QList<qint64> ids;
    for (const Order &order : selectedOrders()) {
        if (!order.isArchived())
            ids.append(order.id);
    }
    if (ids.isEmpty())
        return;
    Q_EMIT archiveRequested(ids, true);
}

void OrdersPanel::unarchiveSelection()
{
    QList<qint64> ids;
    for (const Order &order : selectedOrders()) {
        if (order.isArchived())
            ids.append(order.id);
    }
    if (ids.isEmpty())
        return;
    Q_EMIT archiveRequested(ids, false);
}

void OrdersPanel::editNote()
{
    const std::optional<Order> order = currentOrder();
    if (!order || !m_noteEditor)
        return;
    const std::optional<QString> note = m_noteEditor(*order);
    if (!note || note->trimmed() == order->note)
        return;
    if (note->trimmed().size() > kMaxOrderNoteLength) {
        reportError(tr("Note Too Long"),
                    tr("The note has %1 characters; an order keeps at most %2. Shorten it and "
                       "save it again.")
                        .arg(note->trimmed().size())
                        .arg(kMaxOrderNoteLength));
        return;
    }
    Q_EMIT noteRequested(order->id, note->trimmed());
}

void OrdersPanel::deleteCurrent()
{
    const std::optional<Order> order = currentOrder();
    if (!order || !m_deletionConfirmer)
        return;
    const bool test = isTestOrder(*order);
    const qint64 id = order->id;
    const bool archived = order->isArchived();
    // The answer may come after other events: it acts on the order that was asked about.
    m_deletionConfirmer(
        *order, test,
        [panel = QPointer<OrdersPanel>(this), id, test, archived](DeletionChoice choice) {
            if (!panel)
                return;
            switch (choice) {
            case DeletionChoice::Cancel:
                return;
            case DeletionChoice::Archive:
                if (!archived)
                    Q_EMIT panel->archiveRequested({id}, true);
                return;
            case DeletionChoice::Delete:
                Q_EMIT panel->deleteRequested(id, test ? OrderDeletion::TestOrderOnly
                                                       : OrderDeletion::ConfirmedByPerson);
                return;
            }
        });
}

void OrdersPanel::setPreferTls(bool preferTls)
{
    m_preferTls = preferTls;
}

QUrl OrdersPanel::linkFor(const Order &order) const
{
    const QString &plain = order.tokenLink;
    const QString &tls = order.sslTokenLink;
    const QString &chosen = (m_preferTls && !tls.isEmpty()) || plain.isEmpty() ? tls : plain;
    // Only a web link is worth copying or opening; anything else counts as no link.
    const QUrl url(chosen, QUrl::StrictMode);
    const bool web = url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s);
    return web ? url : QUrl();
}

void OrdersPanel::setUrlOpener(UrlOpener opener)
{
    m_urlOpener = std::move(opener);
}

void OrdersPanel::setFileNameProvider(FileNameProvider provider)
{
    m_fileNameProvider = std::move(provider);
}

void OrdersPanel::setErrorReporter(ErrorReporter reporter)
{
    m_errorReporter = std::move(reporter);
}

void OrdersPanel::reportError(const QString &title, const QString &text)
{
    qCInfo(lcUi).noquote() << title << text;
    if (m_errorReporter)
        m_errorReporter(title, text);
}

void OrdersPanel::updateActions()
{
    const QList<Order> orders = selectedOrders();
    bool anyOpen = false;
    bool anyLink = false;
    for (const Order &order : orders) {
        anyOpen = anyOpen || !isFinal(order.status.status);
        anyLink = anyLink || !linkFor(order).isEmpty();
    }
    m_refreshAction->setEnabled(anyOpen);
    m_showTokenAction->setEnabled(!orders.isEmpty());
    m_copyLinkAction->setEnabled(anyLink);
    // One browser tab per click: opening many at once is rarely what anyone wants.
    m_openAction->setEnabled(orders.size() == 1 && anyLink);
    m_exportAction->setEnabled(!orders.isEmpty());
    bool anyArchived = false;
    bool anyShown = false;
    for (const Order &order : orders) {
        anyArchived = anyArchived || order.isArchived();
        anyShown = anyShown || !order.isArchived();
    }
    const std::optional<Order> current = currentOrder();
    const bool currentLink = current && !linkFor(*current).isEmpty();
    m_copyMessageAction->setEnabled(currentLink);
    m_emailAction->setEnabled(currentLink && !current->receiverEmail.trimmed().isEmpty());
    m_archiveAction->setEnabled(anyShown);
    m_unarchiveAction->setEnabled(anyArchived);
    m_noteAction->setEnabled(current.has_value());
    m_noteAction->setText(current && !current->note.isEmpty() ? tr("Edit &Note\u2026")
                                                              : tr("Add &Note\u2026"));
    m_deleteAction->setEnabled(current.has_value());
    m_deleteAction->setText(current && isTestOrder(*current) ? tr("&Delete Test Order\u2026")
                                                             : tr("&Delete Order\u2026"));
}

void OrdersPanel::refreshSelection()
{
    QList<qint64> ids;
    for (const Order &order : selectedOrders()) {
        // A confirmed print never changes again, so the service is not asked about it.
        if (!isFinal(order.status.status))
            ids.append(order.id);
    }
    if (ids.isEmpty())
        return;
    Q_EMIT refreshRequested(ids);
    Q_EMIT statusMessage(ids.size() == 1 ? tr("Checking the print status now\u2026")
                                         : tr("Checking the print status of the selected "
                                              "orders now\u2026"));
}

void OrdersPanel::copyLink()
{
    QStringList links;
    for (const Order &order : selectedOrders()) {
        const QUrl link = linkFor(order);
        if (!link.isEmpty())
            links.append(link.toString(QUrl::FullyEncoded));
    }
    if (links.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(links.join(u'\n'));
    Q_EMIT statusMessage(links.size() == 1 ? tr("Copied the token link to the clipboard")
                                           : tr("Copied the token links of the selected orders "
                                                "to the clipboard, one per line"));
}

void OrdersPanel::openInBrowser()
{
    const std::optional<Order> order = currentOrder();
    if (!order)
        return;
    const QUrl link = linkFor(*order);
    if (link.isEmpty())
        return;
    if (m_urlOpener && m_urlOpener(link)) {
        Q_EMIT statusMessage(
            tr("Opened the token link of %1 in your browser").arg(order->fileName));
        return;
    }
    // The link still reaches the user: it is on the clipboard, ready for a browser.
    QGuiApplication::clipboard()->setText(link.toString(QUrl::FullyEncoded));
    reportError(tr("Could Not Open the Browser"),
                tr("The console could not start a web browser for the token link of %1. "
                   "The link is now on the clipboard: paste it into your browser's address "
                   "bar.")
                    .arg(order->fileName));
}

QString OrdersPanel::suggestedExportPath() const
{
    QString folder = m_lastExportFolder;
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString name = tr("orders-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    return QDir(folder).filePath(name);
}

bool OrdersPanel::exportSelection()
{
    const QList<Order> orders = selectedOrders();
    if (orders.isEmpty() || !m_fileNameProvider)
        return false;
    QString path = m_fileNameProvider(suggestedExportPath());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".csv"_s;
    if (!writeCsv(path, orders))
        return false;
    m_lastExportFolder = QFileInfo(path).absolutePath();
    Q_EMIT statusMessage(
        tr("Exported the selected orders to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool OrdersPanel::writeCsv(const QString &path, const QList<Order> &orders)
{
    // QSaveFile: a failed export never leaves half a file in place of an earlier one.
    QSaveFile file(path);
    const QByteArray csv = ordersToCsv(orders);
    const bool ok =
        file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size() && file.commit();
    if (ok)
        return true;
    const QString where = QDir::toNativeSeparators(path);
    const QFileInfo folder(QFileInfo(path).absolutePath());
    QString why;
    if (!folder.exists())
        why = tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(folder.filePath()));
    else if (!folder.isWritable())
        why = tr("You may not write to the folder %1.")
                  .arg(QDir::toNativeSeparators(folder.filePath()));
    else
        why = tr("The system said: %1.").arg(file.errorString());
    reportError(tr("Export Failed"),
                tr("The orders could not be saved as %1. %2 Choose another folder, or free "
                   "some disk space, and export again.")
                    .arg(where, why));
    return false;
}

QByteArray OrdersPanel::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kStateMagic << kStateVersion << m_table->horizontalHeader()->saveState()
        << qint32(filter()) << showsArchived() << qint32(m_model.columnCount());
    return state;
}

bool OrdersPanel::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint8 version = 0;
    QByteArray headerState;
    qint32 filterCode = AllOrders;
    in >> magic >> version >> headerState >> filterCode;
    if (in.status() != QDataStream::Ok || magic != kStateMagic || version != kStateVersion)
        return false;
    // Added later at the end of the state: whether archived orders are shown.
    // Added later at the end of the state: whether archived orders are shown, and how many
    // columns the table had (before Job ID, Currency and Note: eleven).
    bool showArchived = false;
    qint32 columns = kColumnsBeforeJobId;
    if (!in.atEnd())
        in >> showArchived >> columns;
    QHeaderView *header = m_table->horizontalHeader();
    if (!header->restoreState(headerState))
        return false;
    // Columns the saved table did not have yet get their defaults.
    if (columns < OrderTableModel::ColumnCount) {
        const QFontMetrics metrics = fontMetrics();
        for (int column = std::max<int>(columns, 0); column < OrderTableModel::ColumnCount;
             ++column) {
            header->setSectionHidden(column, column == OrderTableModel::Currency);
            if (header->sectionSize(column) <= 0)
                header->resizeSection(column, metrics.averageCharWidth() * 14);
        }
    }
    setShowArchived(in.status() == QDataStream::Ok && showArchived);
    // The Status column and at least one column stay visible whatever the file says.
    header->setSectionHidden(OrderTableModel::Status, false);
    m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    setFilter(filterCode);
    return true;
}

} // namespace pc
