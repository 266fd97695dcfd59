#pragma once

#include "droppedfiles.h"
#include "orders/orderform.h"
#include "settings/consolesettings.h"
#include "waitingbatches.h"

#include <QList>
#include <QWidget>

#include <array>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class QToolBar;
class QTreeView;

namespace pc {

class FileThumbnails;
class OrderFactsBar;
class QueueNotice;
class QueueNoticeArea;
class QueueViewModel;
class UploadQueue;
class UploadQueueModel;

// The upload queue of the main window (UX.md, "Upload queue"): a drop target for STL files
// and folders, the order details form, the queue's rows with thumbnail, metrics, order
// details and a live state, and the row and queue actions. It holds no business rules: the
// queue decides what each action may do, the panel only offers the actions that apply.
//
// Dropped files are never lost silently: files that are not STL files are listed as skipped
// with the reason. Every other file, by whatever route it came (drop, Add dialog, command
// line, a second start's hand-over, the sample), is queued waiting for order details, named
// in its row and in the details form, and goes nowhere until a person confirms details for
// its batch.
class QueuePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePanel)

public:
    enum class Action {
        // Rows (the current selection)
        EditDetails,
        Retry,
        Cancel,
        Pause,
        Resume,
        Remove,
        MoveToTop,
        MoveUp,
        MoveDown,
        MoveToBottom,
        // The whole queue
        PauseAll,
        ResumeAll,
        RetryFailed,
        ClearFinished,
        // Adding
        AddFiles,
        AddFolder,
        Count
    };

    // `queue` and `model` (a model of that queue) must outlive the panel. The settings give
    // the order details form its default receiver and currency.
    QueuePanel(UploadQueue &queue, UploadQueueModel &model, const ConsoleSettings &defaults,
               QWidget *parent = nullptr);
    ~QueuePanel() override;

    QAction *action(Action which) const { return m_actions.at(std::size_t(which)); }
    // For the main window's menus, in menu order. rowActions() includes a separator between
    // the state actions and the move actions.
    QList<QAction *> rowActions() const;
    QList<QAction *> queueActions() const;
    QList<QAction *> addFileActions() const; // Add Files..., Add Folder...

    QTreeView *view() const { return m_view; }
    OrderFactsBar *factsBar() const { return m_factsBar; }
    QueueViewModel *viewModel() const { return m_viewModel; }

    // Queue item ids of the selected rows, in queue order.
    QList<qint64> selectedItemIds() const;
    // Skipped files listed since the list was last dismissed.
    QList<SkippedFile> skippedFiles() const { return m_skipped; }
    // Whether dropped paths are still being sorted (folders searched).
    bool isScanning() const;
    // "5 in the upload queue: 1 uploading, 2 waiting, 1 failed, 1 finished" (status bar).
    QString summary() const;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    // Files and folders from a drop, the file dialog, the command line or another instance.
    // Folders are searched off the GUI thread; the files found are one batch that waits in
    // the queue for its order details.
    void addPaths(const QStringList &paths);
    void addFilesDialog();
    void addFolderDialog();
    // New default receiver and currency from the settings.
    void setDefaults(const ConsoleSettings &settings);
    void selectItem(qint64 id);

Q_SIGNALS:
    // After the paths of one addPaths() call were sorted and handled: `waiting` files wait
    // for their details (none is ever sent straight away), `skipped` were refused.
    void pathsHandled(int waiting, int skipped);
    void summaryChanged(const QString &summary);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createEmptyState();
    void createView();
    void createNotices();
    void createActions();
    void createToolBar();
    QAction *makeAction(Action which, const QString &text, const QString &icon,
                        const QKeySequence &shortcut, const QString &tip);
    void showContextMenu(const QPoint &position);
    void showDropHint(bool show);
    void updateEmptyState();
    void keepRowsInSight();
    void updateActions();
    void updateSummary();
    QList<int> selectedRows() const;

    void onPathsSorted(const DroppedFiles &result);
    // The files of one arrival, queued as one batch waiting for details.
    int holdForDetails(const QStringList &files);
    // Queue pressed: the current batch gets the form's details.
    void confirmCurrentBatch(const OrderFacts &facts);
    void forgetCurrentBatch();
    void showBatches();
    // Items from an earlier run that still wait for details, so they are named in the form.
    void restoreWaitingBatches();
    void onItemChanged(qint64 id);
    void showSkipped(const QList<SkippedFile> &skipped);
    void showDuplicate(qint64 id, const QString &other);
    void showStoreError(const QString &message);
    void showEditOutcome(const QString &title, const QString &text, bool warning);

    // Row action handlers (queuepanelactions.cpp).
    void editDetails();
    void applyToSelected(const OrderFacts &facts);
    void forEachSelected(bool (UploadQueue::*operation)(qint64));
    void moveSelected(Action how);

    UploadQueue &m_queue;
    UploadQueueModel &m_model;
    FileThumbnails *m_thumbnails = nullptr;
    QueueViewModel *m_viewModel = nullptr;
    DropScanner *m_scanner = nullptr;
    OrderFactsBar *m_factsBar = nullptr;
    QToolBar *m_toolBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_emptyState = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_dropHint = nullptr;
    QLabel *m_dropIcon = nullptr; // the drop target's picture, left out where it is short
    QueueNoticeArea *m_noticeArea = nullptr;
    QueueNotice *m_storeNotice = nullptr;
    QueueNotice *m_duplicateNotice = nullptr;
    QueueNotice *m_skippedNotice = nullptr;
    QueueNotice *m_editNotice = nullptr;
    QAction *m_rowSeparator = nullptr;
    std::array<QAction *, std::size_t(Action::Count)> m_actions{};
    WaitingBatches *m_batches = nullptr;
    QList<SkippedFile> m_skipped;
    QString m_lastFolder;
    QString m_summary;
    int m_scansRunning = 0;
    int m_rowsHeight = 0;       // the queue's rows in sight, at the least
    int m_rowHeight = 0;        // ... while messages are shown: one row
    int m_dropTargetHeight = 0; // the drop target's words and buttons
};

} // namespace pc
