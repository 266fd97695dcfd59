#pragma once

#include "environmentinfo.h"

#include "orders/storetypes.h"

#include <QMainWindow>
#include <QPointer>

class QAbstractButton;
class QAction;
class QMenu;
class QDockWidget;
class QLabel;
class QMessageBox;
class QSplitter;
class QSystemTrayIcon;
class QTabWidget;

namespace pc {

class SecretStore;
class ConsoleSession;
class Dashboard;
class DesktopNotifier;
class ElidingLabel;
struct DesktopNotification;
class OrderDetails;
class OrdersPanel;
class QueuePanel;
class TokenView;

// The console's main window (UX.md). With a ConsoleSession it is the work surface: the upload
// queue on top, the orders table and the dashboard below, the print page (token view) and
// the order details in docks, polling and queue state in the status bar, notifications on the
// desktop, and the layout remembered. Without a session (a preview, and the environment tests)
// it shows what the console is and which service it is connected to.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(EnvironmentInfo environment, ConsoleSession *session = nullptr,
                        SecretStore *keys = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    const EnvironmentInfo &environment() const { return m_environment; }
    // Where Settings keeps the team database's password (null: its default entry).
    void setDatabasePasswordStore(SecretStore *passwords) { m_databasePasswords = passwords; }

    // The About box, built but not shown (Help > About shows it modally).
    QMessageBox *createAboutBox();

    QueuePanel *queuePanel() const { return m_queuePanel; }
    OrdersPanel *ordersPanel() const { return m_ordersPanel; }
    OrderDetails *orderDetails() const { return m_details; }
    Dashboard *dashboard() const { return m_dashboard; }
    // The print page: created when first needed (a web engine is heavy, and needs a display).
    TokenView *tokenView();
    QDockWidget *tokenDock() const { return m_tokenDock; }
    // Desktop notifications of finished and confirmed prints (work surface only).
    DesktopNotifier *notifier() const { return m_notifier; }

public Q_SLOTS:
    // Files from the command line or another instance.
    void addPaths(const QStringList &paths);
    void showSettings();
    void showOrderPage(const pc::Order &order);

    // The question Quit asks while uploads run or files wait for their details; null when
    // nothing would be interrupted. Built, not shown (closing the window opens it).
    QMessageBox *createQuitQuestion();
    // Prints that ended since the user last looked at the orders.
    QStringList unseenPrintEnds() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenus();
    QWidget *createHeader();
    QWidget *createEnvironmentCard();
    QWidget *createNoticeBanner();
    QWidget *createEmptyState();
    void createStatusBar();
    void showAbout();
    // Team mode: the status bar's word on the shared database and the connection to it.
    void showStoreConnection(bool connected, const QString &message);

    // The work surface (mainwindowwork.cpp).
    void createWorkArea();
    QWidget *createServiceBar();
    void createDocks();
    void createWorkMenus();
    void createTray();
    void connectSession();
    void updatePollingStatus();
    void showDetailsFor(const std::optional<Order> &order);
    void notify(const Order &order, const PrintStatus &previous);
    void queueSampleDesign();
    void fitToScreen();
    void restoreLayout();
    // Keyboard and focus (mainwindowkeyboard.cpp): pane shortcuts, tables Tab leaves, a
    // visible focus frame.
    void createPaneActions(QMenu *view);
    void settleKeyboard();
    void focusPane(int pane);
    void cyclePane(int step);
    int currentPane() const;
    // The print page follows the selected order; its dock names the order.
    void followSelection(const std::optional<Order> &order);
    void nameTokenDock(const std::optional<Order> &order);
    // The order the print page shows is gone: the dock no longer names it.
    void forgetPageOrder();
    void fitTokenDockTitle();
    // The orders' least height: what the queue part leaves of the splitter, 1 to 3 rows.
    void shareSplitter();
    // Says, above the page, that it scrolls while the dock is narrower than the page.
    void updateTokenScrollNote();
    // A print that ended, said in the window until the orders are looked at.
    void markPrintEnded(qint64 orderId, const DesktopNotification &notification);
    void clearPrintEnds();
    void saveLayout() const;

    EnvironmentInfo m_environment;
    ConsoleSession *m_session = nullptr;
    SecretStore *m_keys = nullptr;
    SecretStore *m_databasePasswords = nullptr;
    QStringList m_recentCurrencies; // of the orders in memory, most recent first
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_sampleAction = nullptr;
    QAction *m_findAction = nullptr;
    QList<QAction *> m_paneActions;
    QueuePanel *m_queuePanel = nullptr;
    OrdersPanel *m_ordersPanel = nullptr;
    OrderDetails *m_details = nullptr;
    Dashboard *m_dashboard = nullptr;
    TokenView *m_tokenView = nullptr;
    QDockWidget *m_tokenDock = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QWidget *m_tokenPlaceholder = nullptr;
    QLabel *m_tokenOrderName = nullptr;
    QString m_tokenDockTitle; // whole, before it is cut to the dock's width
    QLabel *m_tokenScrollNote = nullptr;
    // The order the print page shows, or is to show once its dock is in sight.
    std::optional<Order> m_pageOrder;
    bool m_pageShown = false;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    int m_ordersLeastHeight = 0; // the orders tab without rows
    int m_ordersRowHeight = 0;
    ElidingLabel *m_pollingStatus = nullptr;
    ElidingLabel *m_queueStatus = nullptr;
    QLabel *m_storeStatus = nullptr;
    QAbstractButton *m_printEndSign = nullptr;
    struct UnseenEnd
    {
        qint64 orderId = 0;
        QString title;
        bool failed = false;
    };
    QList<UnseenEnd> m_unseenEnds; // latest first
    bool m_quitChosen = false;     // Quit was chosen (menu, shortcut, tray)
    bool m_quitConfirmed = false;  // ... and the quit question answered with Quit Now
    QPointer<QMessageBox> m_quitQuestion;
    QSystemTrayIcon *m_tray = nullptr;
    DesktopNotifier *m_notifier = nullptr;
};

} // namespace pc
