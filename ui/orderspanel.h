#pragma once

#include "orders/storetypes.h"

#include <QDate>
#include <QList>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QToolButton;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace pc {

class OrderFilterProxyModel;
class OrderTableModel;

// The orders table of the main window: every order of the environment with its print status
// as a coloured badge (icon and label), its progress as a bar, a search box and a status
// filter, sorting on the raw values by header click (newest first at the start), and the
// order actions (refresh now, copy token link, open in browser, export as CSV, show the print
// page, send the link to the customer again, archive, note, delete) in a context menu and
// through actions() for the main window's menus. Each action is enabled only while it applies
// to the selection. Archived orders are hidden until "Show archived" is on.
//
// The panel holds no business rules: refreshing asks the owner (refreshRequested), opening
// the token widget too (openTokenView), and so do archiving, notes and deletion (the
// *Requested signals, after the person confirmed what a deletion loses). An empty model shows an
// empty state, a search that hides every row says so with a way back.
class OrdersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrdersPanel)

public:
    // While the order history is being read (the store opens or connects): the empty table
    // says so, with `message`; an empty message ends it.
    void setLoading(const QString &message);

    // Opens a URL outside the console; returns false when nothing could open it.
    using UrlOpener = std::function<bool(const QUrl &url)>;
    // Asks for the file to export to; `suggested` is a full path. Empty: cancelled.
    using FileNameProvider = std::function<QString(const QString &suggested)>;
    // Shows a problem to the user (a modal message box by default).
    using ErrorReporter = std::function<void(const QString &title, const QString &text)>;

    // The entries of the status filter: groups, then one per JobStatus (filterFor()).
    enum Filter {
        AllOrders,
        OpenOrders,     // not confirmed yet: their prints can still change
        FailedOrders,   // the print failed (confirmed or not)
        FinishedOrders, // confirmed: nothing changes any more
        FirstStatusFilter,
        // Orders that cannot move by themselves any more (orderNeedsAttention()); after the
        // status entries, so saved filters keep their meaning.
        NeedsAttentionOrders = 100,
    };

    // Asks for an order's note; nullopt when cancelled.
    using NoteEditor = std::function<std::optional<QString>(const Order &order)>;
    // Asks before a deletion (OrderDeletionDialog by default).
    enum class DeletionChoice { Cancel, Archive, Delete };
    // Asks without blocking and calls `answer` with the choice once it is made.
    using DeletionConfirmer = std::function<void(const Order &order, bool testOrder,
                                                 std::function<void(DeletionChoice)> answer)>;

    explicit OrdersPanel(OrderTableModel &model, QWidget *parent = nullptr);
    ~OrdersPanel() override;

    OrderTableModel &model() const { return m_model; }
    OrderFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *statusFilterBox() const { return m_filter; }

    // Ctrl+F: puts the focus into the search box with its text selected.
    void focusSearch();
    void setSearchText(const QString &text);
    // The status filter: a Filter value, or filterFor(status) for one status.
    void setFilter(int filter);
    int filter() const;
    // From the dashboard: the orders with one status, those that need attention, or the
    // prints finished on one day (the search is cleared, and archived orders are shown: the
    // dashboard counts them too).
    void showStatus(JobStatus status);
    void showNeedingAttention();
    void showFinishedOn(QDate day);
    // Archived orders in the table too (off by default).
    void setShowArchived(bool show);
    bool showsArchived() const;
    static int filterFor(JobStatus status) { return FirstStatusFilter + int(status); }

    // The TLS token link is copied and opened when an order has one and this is set (the
    // environment's service URL is https); otherwise the plain link.
    void setPreferTls(bool preferTls);
    bool preferTls() const { return m_preferTls; }
    // The link the actions use for `order`: see setPreferTls(). Empty when it has none, or
    // only something that is not an http(s) URL.
    QUrl linkFor(const Order &order) const;

    // Test seams; the defaults are QDesktopServices::openUrl, QFileDialog and QMessageBox.
    void setUrlOpener(UrlOpener opener);
    void setFileNameProvider(FileNameProvider provider);
    void setErrorReporter(ErrorReporter reporter);
    void setNoteEditor(NoteEditor editor);
    void setDeletionConfirmer(DeletionConfirmer confirmer);
    // Whether `order` is a test order (of the built-in sandbox), which may be deleted after a
    // plain confirmation.
    static bool isTestOrder(const Order &order);

    // The selected orders, in the order the table shows them.
    QList<Order> selectedOrders() const;
    // The order the selection is about: the current row when it is selected, otherwise the
    // first selected row; nullopt when nothing is selected.
    std::optional<Order> currentOrder() const;
    // Selects the order's row (clearing the filter when it hides the order) and scrolls to it.
    bool selectOrder(qint64 orderId);

    // Column widths, order and visibility, the sort column and order, and the status filter,
    // for QSettings. restoreState() ignores data it does not understand and returns false.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    // Every order action, in menu order (separators included), for the main window's menus.
    QList<QAction *> orderActions() const;
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *showTokenAction() const { return m_showTokenAction; }
    QAction *copyLinkAction() const { return m_copyLinkAction; }
    QAction *openInBrowserAction() const { return m_openAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *copyMessageAction() const { return m_copyMessageAction; }
    QAction *emailAction() const { return m_emailAction; }
    QAction *archiveAction() const { return m_archiveAction; }
    QAction *unarchiveAction() const { return m_unarchiveAction; }
    QAction *noteAction() const { return m_noteAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *showArchivedAction() const { return m_showArchivedAction; }
    QCheckBox *showArchivedBox() const { return m_showArchivedBox; }

    // The actions' work, also callable directly.
    void refreshSelection();
    void copyLink();
    void openInBrowser();
    // Writes the selected orders to a file the user picks. Returns false when nothing was
    // written (cancelled or failed; a failure has been reported).
    bool exportSelection();
    // The current order's link for its customer: a ready message on the clipboard, or a mail
    // opened in the desktop's mail program (copied when none opens).
    void copyCustomerMessage();
    void emailCustomer();
    void archiveSelection();
    void unarchiveSelection();
    void editNote();
    void deleteCurrent();

Q_SIGNALS:
    // F5 / Refresh now: the selected orders that can still change (not confirmed).
    void refreshRequested(const QList<qint64> &orderIds);
    // Double-click, Enter or "Show Print Page" on an order.
    void openTokenView(const pc::Order &order);
    // The selection now points at another order, or at none.
    void currentOrderChanged(const std::optional<pc::Order> &order);
    // The current order stayed selected but its data changed (a poll round).
    void currentOrderUpdated(const pc::Order &order);
    // A short confirmation for the status bar ("Copied the token link").
    void statusMessage(const QString &message);
    // Archive or unarchive these orders; set an order's note; delete an order (the person
    // confirmed what is lost, see OrderDeletionDialog).
    void archiveRequested(const QList<qint64> &orderIds, bool archived);
    void noteRequested(qint64 orderId, const QString &note);
    void deleteRequested(qint64 orderId, pc::OrderDeletion permission);

private:
    QWidget *createToolBar();
    QWidget *createEmptyState();
    void showEmptyStateText();
    QWidget *createNoMatchState();
    void createActions();
    void setUpTable();
    void applyDefaultColumnWidths();
    void showColumnMenu(const QPoint &position);
    void onFilterChanged();
    void onSelectionChanged();
    void onModelDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void updateActions();
    void updateStateAndCount();
    void reportError(const QString &title, const QString &text);
    QString suggestedExportPath() const;
    bool writeCsv(const QString &path, const QList<Order> &orders);

    OrderTableModel &m_model;
    OrderFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_noMatchText = nullptr;
    QLabel *m_emptyTitle = nullptr;
    QLabel *m_emptyText = nullptr;
    QString m_loadingMessage;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyPage = nullptr;
    QWidget *m_noMatchPage = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_showTokenAction = nullptr;
    QAction *m_copyLinkAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_copyMessageAction = nullptr;
    QAction *m_emailAction = nullptr;
    QAction *m_archiveAction = nullptr;
    QAction *m_unarchiveAction = nullptr;
    QAction *m_noteAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_showArchivedAction = nullptr;
    QAction *m_separator1 = nullptr;
    QAction *m_separator2 = nullptr;
    QAction *m_separator3 = nullptr;
    QAction *m_separator4 = nullptr;
    QCheckBox *m_showArchivedBox = nullptr;
    QToolButton *m_dayFilter = nullptr; // "Finished on ...", click to clear
    NoteEditor m_noteEditor;
    DeletionConfirmer m_deletionConfirmer;
    UrlOpener m_urlOpener;
    FileNameProvider m_fileNameProvider;
    ErrorReporter m_errorReporter;
    QString m_lastExportFolder;
    bool m_preferTls = false;
    std::optional<qint64> m_currentId; // the order currentOrderChanged() last announced
    bool m_updatePending = false;      // currentOrderUpdated() is queued
};

} // namespace pc
