// MainWindow's work surface: queue, orders, dashboard, docks, status bar, tray, settings.
#include "mainwindow.h"

#include "common/buildinfo.h"
#include "consolesession.h"
#include "currencylist.h"
#include "dashboard.h"
#include "desktopnotifier.h"
#include "elidinglabel.h"
#include "environmentbadge.h"
#include "orderdetails.h"
#include "orderfactsbar.h"
#include "orders/orderstore.h"
#include "orders/statuspoller.h"
#include "orders/uploadqueue.h"
#include "orderspanel.h"
#include "ordertablemodel.h"
#include "queuepanel.h"
#include "settingsdialog.h"
#include "statuspresentation.h"
#include "tokenpage.h"
#include "tokenview.h"
#include "uilogging.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// The sample designs shipped with the console (resources/samples), so a new user sees the
// whole flow in a minute.
const QStringList kSamples{u":/samples/calibration-cube.stl"_s, u":/samples/sample-ring.stl"_s};

// The print page's dock title: the width its float and close buttons leave it, and what it
// shows at the least (a longer order name is cut at its end).
constexpr int kDockTitleButtons = 56;
constexpr int kDockTitleLeastChars = 16;
constexpr int kDockTabPadding = 32; // a dock tab's frame and margins around its title

QString layoutGroup()
{
    return u"window"_s;
}

} // namespace

void MainWindow::createWorkArea()
{
    ConsoleSession &session = *m_session;
    auto *central = new QWidget(this);
    central->setObjectName(u"centralWidget"_s);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(8);
    layout->addWidget(createServiceBar());
    if (!m_environment.notice.isEmpty())
        layout->addWidget(createNoticeBanner());

    m_queuePanel = new QueuePanel(session.queue(), session.queueModel(), session.settings(), this);
    m_queuePanel->setObjectName(u"queuePanel"_s);
    m_ordersPanel = new OrdersPanel(session.orders(), this);
    m_ordersPanel->setObjectName(u"ordersPanel"_s);
    m_ordersPanel->setPreferTls(session.prefersTls());
    // The receiver field completes from the order history (offered, never filled in).
    OrderTableModel &orders = session.orders();
    const auto offerReceivers = [this, &orders] {
        QList<const Order *> recent;
        for (int row = 0; row < orders.rowCount(); ++row) {
            if (const Order *order = orders.orderAt(row))
                recent << order;
        }
        std::sort(recent.begin(), recent.end(),
                  [](const Order *a, const Order *b) { return a->created > b->created; });
        QStringList receivers;
        QStringList currencies;
        for (const Order *order : std::as_const(recent)) {
            receivers << order->receiverEmail;
            if (!currencies.contains(order->currency) && currencies.size() < kMaxRecentCurrencies)
                currencies << order->currency;
        }
        m_queuePanel->factsBar()->setRecentReceivers(receivers);
        // The currency choices put these first (from the orders in memory, no query).
        m_recentCurrencies = currencies;
        m_queuePanel->factsBar()->setRecentCurrencies(currencies);
    };
    connect(&orders, &QAbstractItemModel::modelReset, this, offerReceivers);
    connect(&orders, &QAbstractItemModel::rowsInserted, this, offerReceivers);
    offerReceivers();
    m_dashboard = new Dashboard(session.summary(), this);
    m_dashboard->setObjectName(u"dashboard"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"workTabs"_s);
    m_tabs->setDocumentMode(true);
    // No mnemonics on the tabs: Alt+O belongs to the Orders menu. View > Orders (Ctrl+2)
    // and View > Dashboard (Ctrl+3) reach them.
    //: Tab title
    m_tabs->addTab(m_ordersPanel, QIcon(u":/icons/orders-details.svg"_s), tr("Orders", "tab"));
    // The charts keep a readable size; a short window scrolls rather than squashing them.
    m_dashboard->setMinimumHeight(560);
    auto *dashboardScroll = new QScrollArea(this);
    dashboardScroll->setObjectName(u"dashboardScroll"_s);
    dashboardScroll->setWidgetResizable(true);
    dashboardScroll->setFrameShape(QFrame::NoFrame);
    dashboardScroll->setWidget(m_dashboard);
    //: Tab title
    m_tabs->addTab(dashboardScroll, QIcon(u":/icons/status-printing.svg"_s),
                   tr("Dashboard", "tab"));

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(u"workSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_queuePanel);
    m_splitter->addWidget(m_tabs);
    // The queue's form and messages need their lines, the orders their rows.
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    // Until the user moves it: three fifths for the queue, two for the orders (each keeps
    // its least height, see below).
    m_splitter->setSizes({600, 400});
    // In a short window the order details form, with the files it names, keeps the height it
    // needs (QueuePanel::minimumSizeHint()); the orders below give way down to a few rows,
    // which scroll, instead of squeezing the fields files are confirmed with.
    // Three order rows stay in sight under the tab bar, the filters and the header; one
    // where the queue's form, with its messages, needs the rest of a short window.
    QTableView *table = m_ordersPanel->tableView();
    const auto *filters = m_ordersPanel->findChild<QLineEdit *>();
    const int around = (filters ? filters->sizeHint().height() : 0) +
                       2 * (m_ordersPanel->layout() ? m_ordersPanel->layout()->spacing() : 8);
    m_ordersLeastHeight = m_tabs->tabBar()->sizeHint().height() + std::max(0, around) +
                          table->horizontalHeader()->sizeHint().height() +
                          table->horizontalScrollBar()->sizeHint().height() +
                          2 * table->frameWidth() + 4;
    m_ordersRowHeight = table->verticalHeader()->defaultSectionSize();
    m_tabs->setMinimumHeight(m_ordersLeastHeight + 3 * m_ordersRowHeight);
    m_splitter->installEventFilter(this);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    createDocks();
    createWorkMenus();
    createStatusBar();
    createTray();
    connectSession();
    settleKeyboard();
    fitToScreen();
    // How a print is going, right after which file it is: in sight without scrolling
    // sideways in a narrow window (a layout the user saved puts the columns back their way).
    QHeaderView *columns = m_ordersPanel->tableView()->horizontalHeader();
    for (const int column : {int(OrderTableModel::Status), int(OrderTableModel::Progress)})
        columns->moveSection(columns->visualIndex(column),
                             columns->visualIndex(column == OrderTableModel::Status
                                                      ? OrderTableModel::File
                                                      : OrderTableModel::Status) +
                                 1);
    restoreLayout();
}

void MainWindow::fitToScreen()
{
    // 1400 x 900 where the screen has the room, never more than the screen's free area.
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect free = screen ? screen->availableGeometry() : QRect(0, 0, 1400, 900);
    // The window frame and title bar are not part of the size given to resize().
    const QSize room = free.size() - QSize(16, 48);
    resize(QSize(1400, 900).boundedTo(room));
    // Narrow screens: the print page's dock gives the tables room; it scrolls, and can be
    // widened, closed or moved aside.
    if (room.width() < 1280)
        resizeDocks({m_detailsDock}, {std::max(300, room.width() * 3 / 10)}, Qt::Horizontal);
}

QWidget *MainWindow::createServiceBar()
{
    auto *bar = new QFrame;
    bar->setObjectName(u"environmentCard"_s);
    bar->setAccessibleName(tr("Connected service"));
    bar->setStyleSheet(u"QFrame#environmentCard { background-color: palette(base); "
                       "border: 1px solid palette(mid); border-radius: 6px; }"_s);
    auto *badge = new EnvironmentBadge(m_environment, EnvironmentBadge::Size::Compact, bar);
    QString text;
    switch (m_environment.kind) {
    case EnvironmentKind::Sandbox:
        text = tr("Built-in sandbox at %1: nothing you upload leaves this computer; customers "
                  "and prints are simulated.")
                   .arg(m_environment.location());
        break;
    case EnvironmentKind::Production:
        text = tr("Design Streaming at %1: uploads reach real customers.")
                   .arg(m_environment.location());
        break;
    case EnvironmentKind::Custom:
        text = tr("The service at %1.").arg(m_environment.location());
        break;
    }
    // One line: in a short window the rows below need the height more than this sentence,
    // which is cut at a word there and said whole in its tooltip.
    auto *label = new ElidingLabel(bar);
    label->setText(text);
    label->setObjectName(u"environmentHeading"_s);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(10, 6, 10, 6);
    row->setSpacing(10);
    row->addWidget(badge);
    row->addWidget(label, 1);
    if (m_environment.isLocal()) {
        auto *connectButton = new QPushButton(tr("Connect your partner account\u2026"), bar);
        connectButton->setObjectName(u"connectAccount"_s);
        connectButton->setAccessibleName(tr("Connect your partner account"));
        connectButton->setToolTip(tr("Enter your partner API key to work with real orders"));
        connect(connectButton, &QPushButton::clicked, this, &MainWindow::showSettings);
        row->addWidget(connectButton);
    }
    return bar;
}

void MainWindow::createDocks()
{
    m_details = new OrderDetails(this);
    m_details->setObjectName(u"orderDetails"_s);
    m_detailsDock = new QDockWidget(tr("Details"), this);
    m_detailsDock->setObjectName(u"detailsDock"_s);
    m_detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);

    // The print page is a web engine: made when first shown, not at start.
    m_tokenDock = new QDockWidget(tr("Print page"), this);
    m_tokenDock->setObjectName(u"tokenDock"_s);
    // The page keeps its 400 x 400 px; in a narrow window the dock scrolls it rather than
    // taking the room the tables need.
    auto *scroll = new QScrollArea(m_tokenDock);
    scroll->setObjectName(u"tokenScroll"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    scroll->setMinimumWidth(160);
    auto *waiting = new QLabel(tr("Select an order to show its print page here."), scroll);
    waiting->setObjectName(u"tokenPlaceholder"_s);
    waiting->setAlignment(Qt::AlignCenter);
    waiting->setWordWrap(true);
    waiting->setMargin(12);
    m_tokenPlaceholder = waiting;
    scroll->setWidget(waiting);
    // Above the page: the order's whole name where the dock's title is cut, and, where the
    // dock is narrower than the page, that the page scrolls (it is never squashed).
    auto *content = new QWidget(m_tokenDock);
    content->setObjectName(u"tokenDockContent"_s);
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    m_tokenOrderName = new QLabel(content);
    m_tokenOrderName->setObjectName(u"tokenOrderName"_s);
    m_tokenOrderName->setWordWrap(true);
    m_tokenOrderName->setTextFormat(Qt::PlainText);
    m_tokenOrderName->setMargin(4);
    m_tokenOrderName->hide();
    m_tokenScrollNote = new QLabel(
        tr("The print page is %1 px wide: scroll sideways to see all of it, or widen this panel.")
            .arg(TokenView::kPageSide),
        content);
    m_tokenScrollNote->setObjectName(u"tokenScrollNote"_s);
    m_tokenScrollNote->setWordWrap(true);
    m_tokenScrollNote->setMargin(4);
    QPalette muted = m_tokenScrollNote->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_tokenScrollNote->setPalette(muted);
    m_tokenScrollNote->hide();
    column->addWidget(m_tokenOrderName);
    column->addWidget(m_tokenScrollNote);
    column->addWidget(scroll, 1);
    m_tokenDock->setWidget(content);
    scroll->viewport()->installEventFilter(this);
    m_tokenDock->installEventFilter(this); // its title follows its width
    connect(m_tokenDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        // An order selected while the page was out of sight is shown when it comes in sight.
        if (visible && m_pageOrder && !m_pageShown)
            showOrderPage(*m_pageOrder);
    });
    addDockWidget(Qt::RightDockWidgetArea, m_tokenDock);
    tabifyDockWidget(m_detailsDock, m_tokenDock);
    m_detailsDock->raise();
}

TokenView *MainWindow::tokenView()
{
    if (!m_tokenView) {
        auto *scroll = m_tokenDock->findChild<QScrollArea *>(u"tokenScroll"_s);
        m_tokenView = new TokenView(scroll);
        m_tokenView->setObjectName(u"tokenView"_s);
        scroll->setWidgetResizable(false);
        scroll->setWidget(m_tokenView); // deletes the placeholder
        m_tokenPlaceholder = nullptr;
        updateTokenScrollNote();
        connect(m_tokenView, &TokenView::blocked, this,
                [this](const QUrl &, TokenPage::Block, const QString &reason) {
                    statusBar()->showMessage(reason, 8000);
                });
    }
    return m_tokenView;
}

void MainWindow::showOrderPage(const Order &order)
{
    m_pageOrder = order;
    m_pageShown = true;
    nameTokenDock(order);
    TokenView *view = tokenView();
    if (order.tokenLink.isEmpty() && order.sslTokenLink.isEmpty())
        view->showMessage(tr("The service did not return a link for this order."));
    else
        view->showOrder(QUrl(order.tokenLink), QUrl(order.sslTokenLink),
                        m_session && m_session->prefersTls());
    m_tokenDock->show();
    m_tokenDock->raise();
}

void MainWindow::followSelection(const std::optional<Order> &order)
{
    if (!order)
        return; // the page shown stays, and its dock still names it
    if (m_pageOrder && m_pageOrder->id == order->id)
        return;
    m_pageOrder = order;
    m_pageShown = false;
    nameTokenDock(order);
    // The page is loaded when it can be seen: a web page behind the Details tab would
    // only cost memory.
    if (m_tokenDock->isVisible() && !m_tokenDock->visibleRegion().isEmpty()) {
        m_pageShown = true;
        TokenView *view = tokenView();
        if (order->tokenLink.isEmpty() && order->sslTokenLink.isEmpty())
            view->showMessage(tr("The service did not return a link for this order."));
        else
            view->showOrder(QUrl(order->tokenLink), QUrl(order->sslTokenLink),
                            m_session && m_session->prefersTls());
    }
}

void MainWindow::forgetPageOrder()
{
    m_pageOrder.reset();
    nameTokenDock(std::nullopt);
    if (m_tokenView && m_pageShown)
        m_tokenView->showMessage(tr("The order this page belonged to was deleted."));
    m_pageShown = false;
}

void MainWindow::nameTokenDock(const std::optional<Order> &order)
{
    if (!order) {
        m_tokenDockTitle.clear();
        m_tokenDock->setWindowTitle(tr("Print page"));
        m_tokenOrderName->hide();
        return;
    }
    const QString job = order->partnerJobId.isEmpty() ? order->fileName : order->partnerJobId;
    //: Title of the print page's dock: %1 is the partner job ID (or the file name), %2 the
    //: receiver's e-mail
    m_tokenDockTitle = tr("Print page: %1, %2").arg(job, order->receiverEmail);
    fitTokenDockTitle();
}

void MainWindow::fitTokenDockTitle()
{
    if (m_tokenDockTitle.isEmpty())
        return;
    // A dock is as wide as its title at the least: a name longer than the dock is wide is cut
    // at its end rather than widening the dock, and said whole above the page.
    const QFontMetrics metrics = m_tokenDock->fontMetrics();
    // Tabbed with other docks, the tabs share the width: theirs stay whole.
    int others = 0;
    for (const QDockWidget *dock : tabifiedDockWidgets(m_tokenDock))
        others += metrics.horizontalAdvance(dock->windowTitle()) + kDockTabPadding;
    const int room = std::max(m_tokenDock->width() - kDockTitleButtons - others,
                              metrics.averageCharWidth() * kDockTitleLeastChars);
    const QString shown = metrics.elidedText(m_tokenDockTitle, Qt::ElideRight, room);
    if (m_tokenDock->windowTitle() != shown)
        m_tokenDock->setWindowTitle(shown);
    m_tokenOrderName->setText(m_tokenDockTitle);
    m_tokenOrderName->setVisible(shown != m_tokenDockTitle);
}

void MainWindow::updateTokenScrollNote()
{
    const auto *scroll = m_tokenDock->findChild<QScrollArea *>(u"tokenScroll"_s);
    m_tokenScrollNote->setVisible(m_tokenView && scroll &&
                                  scroll->viewport()->width() < m_tokenView->width());
}

void MainWindow::shareSplitter()
{
    // The orders give way, down to one row, to the queue's least height (its form, with the
    // lines a mistake or a message adds) rather than both being cut off.
    const int room =
        m_splitter->height() - m_splitter->handleWidth() - m_queuePanel->minimumSizeHint().height();
    const int rows =
        std::clamp((room - m_ordersLeastHeight) / std::max(1, m_ordersRowHeight), 1, 3);
    const int least = m_ordersLeastHeight + rows * m_ordersRowHeight;
    if (m_tabs->minimumHeight() != least)
        m_tabs->setMinimumHeight(least);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_splitter &&
        (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        shareSplitter();
    if (event->type() == QEvent::Resize && m_tokenDock && watched == m_tokenDock)
        fitTokenDockTitle();
    if (event->type() == QEvent::Resize && m_tokenDock) {
        const auto *scroll = m_tokenDock->findChild<QScrollArea *>(u"tokenScroll"_s);
        if (scroll && watched == scroll->viewport())
            updateTokenScrollNote();
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::createWorkMenus()
{
    m_settingsAction =
        new QAction(QIcon::fromTheme(u"preferences-system"_s), tr("&Settings\u2026"), this);
    m_settingsAction->setObjectName(u"actionSettings"_s);
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    m_sampleAction =
        new QAction(QIcon(u":/icons/queue-file.svg"_s), tr("Queue a sa&mple design"), this);
    m_sampleAction->setObjectName(u"actionQueueSample"_s);
    m_sampleAction->setStatusTip(tr("Queue a small sample STL to see the whole flow"));
    connect(m_sampleAction, &QAction::triggered, this, &MainWindow::queueSampleDesign);
    m_findAction = new QAction(tr("&Find Orders"), this);
    m_findAction->setObjectName(u"actionFind"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_ordersPanel);
        m_ordersPanel->focusSearch();
    });

    // Ctrl+O adds files from anywhere in the window (the panel's own shortcuts stay local).
    QAction *addFiles = m_queuePanel->action(QueuePanel::Action::AddFiles);
    addFiles->setShortcut(QKeySequence::Open);
    addFiles->setShortcutContext(Qt::WindowShortcut);

    QMenu *help = menuBar()->findChild<QMenu *>(u"menuHelp"_s);
    QMenu *file = menuBar()->findChild<QMenu *>(u"menuFile"_s);
    file->insertActions(m_quitAction, m_queuePanel->addFileActions());
    file->insertAction(m_quitAction, m_sampleAction);
    file->insertSeparator(m_quitAction);
    file->insertAction(m_quitAction, m_settingsAction);
    file->insertSeparator(m_quitAction);

    auto *queue = new QMenu(tr("&Queue"), menuBar());
    queue->setObjectName(u"menuQueue"_s);
    queue->addActions(m_queuePanel->rowActions());
    queue->addSeparator();
    queue->addActions(m_queuePanel->queueActions());
    menuBar()->insertMenu(help->menuAction(), queue);

    auto *orders = new QMenu(tr("&Orders"), menuBar());
    orders->setObjectName(u"menuOrders"_s);
    orders->addAction(m_findAction);
    orders->addSeparator();
    orders->addActions(m_ordersPanel->orderActions());
    menuBar()->insertMenu(help->menuAction(), orders);

    auto *view = new QMenu(tr("&View"), menuBar());
    view->setObjectName(u"menuView"_s);
    createPaneActions(view);
    view->addAction(m_detailsDock->toggleViewAction());
    view->addAction(m_tokenDock->toggleViewAction());
    menuBar()->insertMenu(help->menuAction(), view);
}

void MainWindow::createTray()
{
    m_notifier = new DesktopNotifier(this);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // notifications go to the desktop's notification service, if there is one
    m_tray = new QSystemTrayIcon(windowIcon(), this);
    m_tray->setObjectName(u"trayIcon"_s);
    m_tray->setToolTip(applicationName());
    auto *menu = new QMenu(this);
    menu->addAction(tr("Show the console"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addAction(m_quitAction);
    m_tray->setContextMenu(menu);
    m_tray->show();
    m_notifier->setTray(m_tray);
}

void MainWindow::connectSession()
{
    ConsoleSession &session = *m_session;
    // The order the print page shows was deleted (here or by another console): the dock lets
    // go of it instead of naming an order that is gone.
    connect(&session.orders(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                if (!m_pageOrder)
                    return;
                for (int row = first; row <= last; ++row) {
                    const Order *order = m_session->orders().orderAt(row);
                    if (order && order->id == m_pageOrder->id) {
                        forgetPageOrder();
                        return;
                    }
                }
            });
    connect(m_ordersPanel, &OrdersPanel::openTokenView, this, &MainWindow::showOrderPage);
    connect(m_ordersPanel, &OrdersPanel::currentOrderChanged, this, &MainWindow::showDetailsFor);
    connect(m_ordersPanel, &OrdersPanel::currentOrderChanged, this, &MainWindow::followSelection);
    connect(m_ordersPanel, &OrdersPanel::currentOrderChanged, this, &MainWindow::clearPrintEnds);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_ordersPanel)
            clearPrintEnds();
    });
    connect(m_ordersPanel, &OrdersPanel::currentOrderUpdated, this,
            [this](const Order &order) { showDetailsFor(order); });
    connect(m_ordersPanel, &OrdersPanel::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_ordersPanel, &OrdersPanel::refreshRequested, this, [this](const QList<qint64> &ids) {
        m_session->refreshNow(ids, this, [this](const QDateTime &latest) {
            if (!latest.isValid())
                return;
            statusBar()->showMessage(
                tr("Checking again %1.")
                    .arg(latest <= QDateTime::currentDateTimeUtc()
                             ? tr("now")
                             : tr("at %1").arg(QLocale().toString(latest.toLocalTime().time(),
                                                                  QLocale::ShortFormat))),
                5000);
        });
    });
    // Archive, note and delete: stored by the session; the status bar says what was done, a
    // refusal comes in the store's words.
    const auto report = [this](const StoreStatus &status, const QString &done,
                               const QString &title) {
        if (status) {
            statusBar()->showMessage(done, 5000);
            return;
        }
        QMessageBox::warning(this, title, status.error().message);
    };
    connect(m_ordersPanel, &OrdersPanel::archiveRequested, this,
            [this, report](const QList<qint64> &ids, bool archived) {
                const int count = int(ids.size());
                const QString done =
                    !archived ? tr("Took %n order(s) out of the archive", nullptr, count)
                    : m_ordersPanel->showsArchived()
                        ? tr("Archived %n order(s)", nullptr, count)
                        : tr("Archived %n order(s); \u201cShow archived\u201d shows them again",
                             nullptr, count);
                const QString title =
                    archived ? tr("Could Not Archive") : tr("Could Not Unarchive");
                m_session->setOrdersArchived(ids, archived, this,
                                             [report, done, title](const StoreStatus &status) {
                                                 report(status, done, title);
                                             });
            });
    connect(m_ordersPanel, &OrdersPanel::noteRequested, this,
            [this, report](qint64 id, const QString &note) {
                const QString done = note.isEmpty() ? tr("Removed the note") : tr("Saved the note");
                m_session->setOrderNote(id, note, this, [report, done](const StoreStatus &status) {
                    report(status, done, tr("Could Not Save the Note"));
                });
            });
    connect(m_ordersPanel, &OrdersPanel::deleteRequested, this,
            [this, report](qint64 id, OrderDeletion permission) {
                const std::optional<Order> order = m_session->order(id);
                const QString name = order ? order->fileName : QString::number(id);
                const QString done = tr("Deleted the order for %1 from this console").arg(name);
                m_session->deleteOrder(id, permission, this,
                                       [report, done](const StoreStatus &status) {
                                           report(status, done, tr("Could Not Delete"));
                                       });
            });
    connect(m_dashboard, &Dashboard::statusActivated, this, [this](JobStatus status) {
        m_tabs->setCurrentWidget(m_ordersPanel);
        m_ordersPanel->showStatus(status);
        m_ordersPanel->tableView()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_dashboard, &Dashboard::needsAttentionActivated, this, [this] {
        m_tabs->setCurrentWidget(m_ordersPanel);
        m_ordersPanel->showNeedingAttention();
        m_ordersPanel->tableView()->setFocus(Qt::OtherFocusReason);
    });
    connect(m_dashboard, &Dashboard::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_dashboard, &Dashboard::dayActivated, this, [this](QDate day) {
        m_tabs->setCurrentWidget(m_ordersPanel);
        m_ordersPanel->showFinishedOn(day);
        m_ordersPanel->tableView()->setFocus(Qt::OtherFocusReason);
    });
    const auto showSummary = [this](const QString &summary) {
        m_queueStatus->setText(summary); // the whole of it in the tooltip where it is cut
    };
    connect(m_queuePanel, &QueuePanel::summaryChanged, this, showSummary);
    showSummary(m_queuePanel->summary());
    connect(&session, &ConsoleSession::printStatusChanged, this, &MainWindow::notify);
    connect(&session, &ConsoleSession::storeProblem, this, [this](const QString &message) {
        // A lost team database is said by the permanent label (its tooltip has the words);
        // the crowded status bar would cut this message off beside it.
        if (m_storeStatus && !m_session->isStoreConnected())
            return;
        statusBar()->showMessage(message, 15000);
    });
    connect(&session, &ConsoleSession::pollingStateChanged, this, &MainWindow::updatePollingStatus);
    if (!session.ordersLoaded()) {
        // The store opens on the session's thread while the window is up: say what it waits
        // for until the orders are there.
        const StoreLocation &location = session.storeLocation();
        m_ordersPanel->setLoading(session.isTeamStore()
                                      ? tr("Connecting to the team database %1 on %2.")
                                            .arg(location.databaseName(), location.host())
                                      : tr("Opening the order store in %1.")
                                            .arg(QDir::toNativeSeparators(location.dataFolder)));
        connect(&session, &ConsoleSession::ordersArrived, this, [this] {
            m_ordersPanel->setLoading(QString());
            updatePollingStatus();
        });
    }
    auto *ticker = new QTimer(this);
    ticker->setInterval(1000);
    connect(ticker, &QTimer::timeout, this, &MainWindow::updatePollingStatus);
    ticker->start();
    updatePollingStatus();
}

void MainWindow::updatePollingStatus()
{
    const PollingState &poller = m_session->pollingState();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString text;
    if (!m_session->ordersLoaded()) {
        text = tr("Reading the order history\u2026");
    } else if (poller.networkDown) {
        text = tr("Offline: checking again in %1 s")
                   .arg(std::max<qint64>(0, now.secsTo(poller.networkHoldUntil)));
    } else if (poller.tracked == 0) {
        text = tr("No open orders to follow");
    } else if (poller.inFlight > 0) {
        text = tr("Checking print status\u2026");
    } else {
        const QDateTime next = poller.nextCheck;
        const int count = poller.tracked;
        text = next.isValid() ? tr("Following %n open order(s); next check in %1 s", nullptr, count)
                                    .arg(std::max<qint64>(0, now.secsTo(next)))
                              : tr("Following %n open order(s)", nullptr, count);
    }
    m_pollingStatus->setText(text);
}

void MainWindow::showDetailsFor(const std::optional<Order> &order)
{
    if (!order) {
        m_details->clear();
        return;
    }
    // What the table holds shows at once for a newly selected order; its history and file
    // follow from the store (an order already shown keeps them until then).
    if (m_details->orderId() != order->id)
        m_details->showOrder(*order, {}, QString());
    m_session->orderRecord(
        order->id, m_details,
        [this, shown = *order](const StoreResult<ConsoleCore::OrderRecord> &record) {
            const std::optional<Order> now = m_session->order(shown.id);
            if (!record || m_details->orderId() != shown.id)
                return;
            m_details->showOrder(now ? *now : shown, record->history, record->sourcePath);
        });
}

void MainWindow::notify(const Order &order, const PrintStatus &previous)
{
    const auto notification = DesktopNotifier::forStatusChange(order, previous);
    if (!notification)
        return;
    // The status bar's sign says it, once: no passing message repeats it beside the sign.
    markPrintEnded(order.id, *notification);
    m_notifier->setEnabled(m_session->settings().notifications);
    m_notifier->show(*notification);
}

void MainWindow::markPrintEnded(qint64 orderId, const DesktopNotification &notification)
{
    // Said in the window too, whether or not the desktop shows notifications, until the
    // orders are looked at: the status bar's sign and the Orders tab. One print is one end:
    // its confirmation replaces what was said of it rather than adding another.
    m_unseenEnds.removeIf([orderId](const UnseenEnd &end) { return end.orderId == orderId; });
    m_unseenEnds.prepend({orderId, notification.title, notification.warning});
    const int count = int(m_unseenEnds.size());
    const QString &title = notification.title;
    //: Status bar sign of prints that ended: %1 is the latest ("bracket.stl: Print failed")
    m_printEndSign->setText(count == 1
                                ? tr("\u2691 %1").arg(title)
                                : tr("\u2691 %1 (and %n more)", nullptr, count - 1).arg(title));
    m_printEndSign->setToolTip(
        tr("Prints that ended:\n%1\nClick, or press %2, to see the "
           "orders.")
            .arg(unseenPrintEnds().join(u'\n'),
                 m_paneActions.at(1)->shortcut().toString(QKeySequence::NativeText)));
    m_printEndSign->show();
    const int tab = m_tabs->indexOf(m_ordersPanel);
    //: Tab title with the count of prints that ended since the orders were last looked at
    m_tabs->setTabText(tab, tr("Orders (%n new)", "tab", count));
    // The warning sign only when a print failed; good ends get the success sign.
    const bool anyFailed = std::any_of(m_unseenEnds.cbegin(), m_unseenEnds.cend(),
                                       [](const UnseenEnd &end) { return end.failed; });
    m_tabs->setTabIcon(tab, QIcon(anyFailed ? u":/icons/notice.svg"_s
                                            : u":/icons/status-confirmed-success.svg"_s));
}

QStringList MainWindow::unseenPrintEnds() const
{
    QStringList titles;
    for (const UnseenEnd &end : m_unseenEnds)
        titles << end.title;
    return titles;
}

void MainWindow::clearPrintEnds()
{
    if (m_unseenEnds.isEmpty())
        return;
    m_unseenEnds.clear();
    m_printEndSign->hide();
    const int tab = m_tabs->indexOf(m_ordersPanel);
    m_tabs->setTabText(tab, tr("Orders", "tab"));
    m_tabs->setTabIcon(tab, QIcon(u":/icons/orders-details.svg"_s));
}

void MainWindow::queueSampleDesign()
{
    // Resource files have no path the queue could re-check: copy them to the data folder the
    // console works in (--data-dir or PARTNER_CONSOLE_DATA_DIR when given), next to orders.db.
    QString dataFolder = m_session->storeLocation().dataFolder;
    if (dataFolder.isEmpty())
        dataFolder = OrderStore::defaultDataFolder();
    const QString folder = QDir(dataFolder).filePath(u"samples"_s);
    QDir().mkpath(folder);
    QStringList paths;
    for (const QString &sample : kSamples) {
        const QString target = QDir(folder).filePath(QFileInfo(sample).fileName());
        if (!QFile::exists(target) && QFile::copy(sample, target))
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
        if (QFile::exists(target)) {
            paths.append(target);
            break; // one is enough to see the flow
        }
    }
    if (paths.isEmpty()) {
        statusBar()->showMessage(tr("The sample design could not be copied to %1.").arg(folder),
                                 10000);
        return;
    }
    m_queuePanel->addPaths(paths);
}

void MainWindow::addPaths(const QStringList &paths)
{
    if (m_queuePanel)
        m_queuePanel->addPaths(paths);
}

void MainWindow::showSettings()
{
    if (!m_session || !m_keys)
        return;
    auto *dialog = new SettingsDialog(m_session->settings(), m_keys, m_databasePasswords, this);
    dialog->setRecentCurrencies(m_recentCurrencies);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_session->environmentKind() == EnvironmentKind::Sandbox)
        dialog->setSandboxEndpoint(m_session->endpoint().baseUrl, m_session->endpoint().apiKey);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ConsoleSettings chosen = dialog->settings();
        const bool serviceChanged = chosen.environment != m_session->settings().environment ||
                                    chosen.baseUrl() != m_session->settings().baseUrl() ||
                                    dialog->keyChanged();
        const bool storeChanged = chosen.databaseUrl != m_session->settings().databaseUrl ||
                                  dialog->databasePasswordChanged();
        QSettings settings;
        chosen.save(settings);
        m_session->applySettings(chosen);
        m_queuePanel->setDefaults(chosen);
        QStringList changes;
        if (serviceChanged)
            changes.append(tr("The console connects to the chosen service the next time it "
                              "starts. Uploads in progress carry on with the current one until "
                              "then."));
        if (storeChanged)
            changes.append(chosen.databaseUrl.isEmpty()
                               ? tr("The console keeps its order history on this computer from "
                                    "the next time it starts. Until then it works on the "
                                    "current one.")
                               : tr("The console works on the shared team database the next "
                                    "time it starts. Until then it works on the current order "
                                    "history."));
        if (!changes.isEmpty())
            QMessageBox::information(this, tr("Settings saved"), changes.join(u"\n\n"_s));
    });
    dialog->open();
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(layoutGroup());
    restoreGeometry(settings.value(u"geometry"_s).toByteArray());
    restoreState(settings.value(u"state"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"splitter"_s).toByteArray());
    m_ordersPanel->restoreState(settings.value(u"orders"_s).toByteArray());
    m_tabs->setCurrentIndex(settings.value(u"tab"_s, 0).toInt());
    settings.endGroup();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(layoutGroup());
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState());
    settings.setValue(u"splitter"_s, m_splitter->saveState());
    settings.setValue(u"orders"_s, m_ordersPanel->saveState());
    settings.setValue(u"tab"_s, m_tabs->currentIndex());
    settings.endGroup();
}

} // namespace pc
