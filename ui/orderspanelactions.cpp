// OrdersPanel, continued: the order actions (refresh, copy link, open in browser, CSV export),
// when each applies, and the panel's saved state.

#include "orderspanel.h"

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
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Tells saveState() data from anything else in the settings, and its layout version.
constexpr quint32 kStateMagic = 0x4f525053; // "ORPS"
constexpr quint8 kStateVersion = 1;

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

    // Copy, open and export act on the table's selection, so their shortcuts work while the
    // table has the focus (the token widget has its own Ctrl+Shift+C and Ctrl+Shift+O for its
    // page). F5 refreshes from anywhere in the window.
    for (QAction *action : {m_copyLinkAction, m_openAction, m_exportAction})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    m_separator1 = new QAction(this);
    m_separator1->setSeparator(true);
    m_separator2 = new QAction(this);
    m_separator2->setSeparator(true);
}

QList<QAction *> OrdersPanel::orderActions() const
{
    return {m_showTokenAction, m_separator1, m_refreshAction, m_copyLinkAction,
            m_openAction,      m_separator2, m_exportAction};
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
        << qint32(filter());
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
    QHeaderView *header = m_table->horizontalHeader();
    if (!header->restoreState(headerState))
        return false;
    // The Status column and at least one column stay visible whatever the file says.
    header->setSectionHidden(OrderTableModel::Status, false);
    m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    setFilter(filterCode);
    return true;
}

} // namespace pc
