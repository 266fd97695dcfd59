// MainWindow's keyboard: a shortcut for every pane (listed in the View menu), F6 cycling
// through them, tables that Tab leaves in one stop, and a focus frame that can be seen.
#include "mainwindow.h"

#include "orderdetails.h"
#include "orderfactsbar.h"
#include "orderspanel.h"
#include "queuepanel.h"
#include "tokenview.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenu>
#include <QScrollArea>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QWebEngineView>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

enum Pane { QueuePane, OrdersPane, DashboardPane, DetailsPane, PrintPagePane, PaneCount };

// The first control inside `container` that Tab would reach, or the container itself.
void focusFirstIn(QWidget *container)
{
    for (QWidget *widget = container->nextInFocusChain(); widget && widget != container;
         widget = widget->nextInFocusChain()) {
        if (container->isAncestorOf(widget) && widget->isVisible() && widget->isEnabled() &&
            (widget->focusPolicy() & Qt::TabFocus)) {
            widget->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    container->setFocus(Qt::ShortcutFocusReason);
}

} // namespace

void MainWindow::createPaneActions(QMenu *view)
{
    struct PaneEntry
    {
        QString text;
        QString objectName;
        QString tip;
    };
    const PaneEntry entries[PaneCount] = {
        {tr("Upload &Queue"), u"actionGoToQueue"_s,
         tr("Go to the upload queue and its order details form")},
        {tr("&Orders"), u"actionGoToOrders"_s, tr("Go to the orders table")},
        {tr("&Dashboard"), u"actionGoToDashboard"_s, tr("Go to the dashboard")},
        {tr("Order D&etails"), u"actionGoToDetails"_s, tr("Go to the selected order's details")},
        {tr("&Print Page"), u"actionGoToPrintPage"_s, tr("Go to the selected order's print page")},
    };
    for (int pane = 0; pane < PaneCount; ++pane) {
        auto *action = new QAction(entries[pane].text, this);
        action->setObjectName(entries[pane].objectName);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + pane)));
        action->setShortcutContext(Qt::WindowShortcut);
        action->setStatusTip(entries[pane].tip);
        connect(action, &QAction::triggered, this, [this, pane] { focusPane(pane); });
        view->addAction(action);
        addAction(action); // also while the menu bar is hidden
        m_paneActions << action;
    }
    view->addSeparator();
    auto *next = new QAction(tr("&Next Pane"), this);
    next->setObjectName(u"actionNextPane"_s);
    next->setShortcut(QKeySequence(Qt::Key_F6));
    next->setShortcutContext(Qt::WindowShortcut);
    connect(next, &QAction::triggered, this, [this] { cyclePane(1); });
    auto *previous = new QAction(tr("Pre&vious Pane"), this);
    previous->setObjectName(u"actionPreviousPane"_s);
    previous->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    previous->setShortcutContext(Qt::WindowShortcut);
    connect(previous, &QAction::triggered, this, [this] { cyclePane(-1); });
    for (QAction *action : {next, previous}) {
        view->addAction(action);
        addAction(action);
        m_paneActions << action;
    }
    view->addSeparator();

    // The tabs name their shortcuts; their titles carry no mnemonic, which would take Alt+O
    // from the Orders menu.
    m_tabs->setTabToolTip(
        0, tr("Orders (%1)")
               .arg(m_paneActions.at(OrdersPane)->shortcut().toString(QKeySequence::NativeText)));
    m_tabs->setTabToolTip(
        1,
        tr("Dashboard (%1)")
            .arg(m_paneActions.at(DashboardPane)->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::settleKeyboard()
{
    // Tab leaves a table in one stop; the arrow keys move inside it.
    const QList<QAbstractItemView *> views = findChildren<QAbstractItemView *>();
    for (QAbstractItemView *view : views)
        view->setTabKeyNavigation(false);

    // A frame in the platform's highlight colour shows which table or list has the focus;
    // the frame is as wide either way, so nothing moves when the focus comes or goes.
    setStyleSheet(u"QTableView, QTreeView, QListView { border: 1px solid palette(mid); "
                  "padding: 1px; }"
                  "QTableView:focus, QTreeView:focus, QListView:focus { "
                  "border: 2px solid palette(highlight); padding: 0px; }"_s);
}

int MainWindow::currentPane() const
{
    const QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return -1;
    if (m_queuePanel->isAncestorOf(focus))
        return QueuePane;
    if (m_ordersPanel->isAncestorOf(focus))
        return OrdersPane;
    if (m_tabs->isAncestorOf(focus))
        return m_tabs->currentWidget() == m_ordersPanel ? OrdersPane : DashboardPane;
    if (m_detailsDock->isAncestorOf(focus))
        return DetailsPane;
    if (m_tokenDock->isAncestorOf(focus))
        return PrintPagePane;
    return -1;
}

void MainWindow::cyclePane(int step)
{
    const int current = currentPane();
    const int from = current < 0 ? (step > 0 ? -1 : 0) : current;
    focusPane((from + step + PaneCount) % PaneCount);
}

void MainWindow::focusPane(int pane)
{
    switch (Pane(pane)) {
    case QueuePane:
        if (m_queuePanel->factsBar()->pendingCount() > 0)
            m_queuePanel->factsBar()->focusDetails();
        else if (m_queuePanel->view()->isVisible())
            m_queuePanel->view()->setFocus(Qt::ShortcutFocusReason);
        else
            focusFirstIn(m_queuePanel);
        break;
    case OrdersPane:
        m_tabs->setCurrentWidget(m_ordersPanel);
        clearPrintEnds();
        if (m_ordersPanel->tableView()->isVisible())
            m_ordersPanel->tableView()->setFocus(Qt::ShortcutFocusReason);
        else
            m_ordersPanel->focusSearch();
        break;
    case DashboardPane:
        m_tabs->setCurrentIndex(1);
        m_tabs->currentWidget()->setFocus(Qt::ShortcutFocusReason);
        break;
    case DetailsPane:
        m_detailsDock->show();
        m_detailsDock->raise();
        focusFirstIn(m_detailsDock);
        break;
    case PrintPagePane:
        m_tokenDock->show();
        m_tokenDock->raise();
        if (m_pageOrder && !m_pageShown)
            showOrderPage(*m_pageOrder);
        if (m_tokenView)
            m_tokenView->webView()->setFocus(Qt::ShortcutFocusReason);
        else
            focusFirstIn(m_tokenDock);
        break;
    case PaneCount:
        break;
    }
}

} // namespace pc
