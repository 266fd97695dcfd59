// QueuePanel's actions: creating them, keeping each enabled exactly when it applies to the
// selection (or the queue), and carrying them out. The layout, drops and messages are in
// queuepanel.cpp.

#include "queuepanel.h"

#include "orderfactsbar.h"
#include "queueviewmodel.h"
#include "uilogging.h"

#include "orders/uploadqueue.h"
#include "queuemirror.h"
#include "uploadqueuemodel.h"

#include <QAction>
#include <QIcon>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSet>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

bool isFinished(QueueState state)
{
    return state == QueueState::Done || state == QueueState::Cancelled;
}

bool canRetry(QueueState state)
{
    return state == QueueState::Failed || state == QueueState::NeedsAttention ||
           state == QueueState::Cancelled;
}

bool canPause(QueueState state)
{
    return !isFinished(state) && state != QueueState::Paused &&
           state != QueueState::AwaitingDetails;
}

// What UploadQueue::pauseAll() pauses: not an item that failed for good or needs the user.
bool pausedByPauseAll(const QueueItem &item)
{
    return !isFinished(item.state) && item.state != QueueState::Paused &&
           item.state != QueueState::NeedsAttention && item.state != QueueState::AwaitingDetails &&
           !(item.state == QueueState::Failed && !item.nextRetry.isValid());
}

} // namespace

QAction *QueuePanel::makeAction(Action which, const QString &text, const QString &icon,
                                const QKeySequence &shortcut, const QString &tip)
{
    auto *action = new QAction(QIcon(icon), text, this);
    action->setShortcut(shortcut);
    // Only while the queue has the focus: Delete in the orders table must not remove rows.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setStatusTip(tip);
    action->setToolTip(shortcut.isEmpty()
                           ? tip
                           : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    // Tool buttons take their accessible name from the icon text: no mnemonic, no ellipsis.
    QString plain = text;
    plain.remove(u'&');
    plain.remove(u'\u2026');
    action->setIconText(plain);
    static constexpr std::array<const char *, std::size_t(Action::Count)> kNames{
        "EditDetails", "Retry",         "Cancel",   "Pause",        "Resume",   "Remove",
        "MoveToTop",   "MoveUp",        "MoveDown", "MoveToBottom", "PauseAll", "ResumeAll",
        "RetryFailed", "ClearFinished", "AddFiles", "AddFolder"};
    action->setObjectName(u"actionQueue"_s + QLatin1StringView(kNames.at(std::size_t(which))));
    m_actions[std::size_t(which)] = action;
    addAction(action); // for the shortcut
    return action;
}

void QueuePanel::createActions()
{
    using A = Action;
    const auto icon = [](const char *name) {
        return u":/icons/queue-%1.svg"_s.arg(QLatin1StringView(name));
    };
    makeAction(A::EditDetails, tr("&Edit Details"), icon("edit"), Qt::CTRL | Qt::Key_E,
               tr("Load the row's details into the order details form to change them"));
    makeAction(A::Retry, tr("&Retry"), icon("retry"), Qt::CTRL | Qt::Key_R,
               tr("Try the selected failed or cancelled uploads again"));
    makeAction(A::Cancel, tr("&Cancel Upload"), icon("cancel"), {},
               tr("Stop the selected uploads; they stay in the queue"));
    makeAction(A::Pause, tr("&Pause"), icon("pause"), {}, tr("Hold the selected rows"));
    makeAction(A::Resume, tr("Resu&me"), icon("resume"), {}, tr("Continue the selected rows"));
    makeAction(A::Remove, tr("Remo&ve from Queue"), icon("remove"), QKeySequence::Delete,
               tr("Take the selected rows out of the queue (files and orders are kept)"));
    makeAction(A::MoveToTop, tr("Move to &Top"), icon("move-top"),
               Qt::CTRL | Qt::SHIFT | Qt::Key_Up, tr("Upload the selected rows first"));
    makeAction(A::MoveUp, tr("Move &Up"), icon("move-up"), Qt::CTRL | Qt::Key_Up,
               tr("Move the selected rows up one place"));
    makeAction(A::MoveDown, tr("Move &Down"), icon("move-down"), Qt::CTRL | Qt::Key_Down,
               tr("Move the selected rows down one place"));
    makeAction(A::MoveToBottom, tr("Move to &Bottom"), icon("move-bottom"),
               Qt::CTRL | Qt::SHIFT | Qt::Key_Down, tr("Upload the selected rows last"));
    makeAction(A::PauseAll, tr("Pause &All"), icon("pause-all"), {},
               tr("Hold every upload that has not finished"));
    makeAction(A::ResumeAll, tr("Re&sume All"), icon("resume-all"), {},
               tr("Continue every paused upload"));
    makeAction(A::RetryFailed, tr("Retry Fa&iled"), icon("retry-failed"),
               Qt::CTRL | Qt::SHIFT | Qt::Key_R, tr("Try every failed upload again"));
    makeAction(A::ClearFinished, tr("C&lear Finished"), icon("clear-finished"), {},
               tr("Take done and cancelled rows out of the queue"));
    makeAction(A::AddFiles, tr("Add &Files\u2026"), icon("add-files"), {},
               tr("Choose STL files to upload"));
    makeAction(A::AddFolder, tr("Add F&older\u2026"), icon("add-folder"), {},
               tr("Choose a folder: every .stl file in it is queued"));
    m_rowSeparator = new QAction(this);
    m_rowSeparator->setSeparator(true);

    connect(action(A::EditDetails), &QAction::triggered, this, &QueuePanel::editDetails);
    connect(action(A::Retry), &QAction::triggered, this,
            [this] { forEachSelected(&QueueMirror::retry); });
    connect(action(A::Cancel), &QAction::triggered, this,
            [this] { forEachSelected(&QueueMirror::cancel); });
    connect(action(A::Pause), &QAction::triggered, this,
            [this] { forEachSelected(&QueueMirror::pause); });
    connect(action(A::Resume), &QAction::triggered, this,
            [this] { forEachSelected(&QueueMirror::resume); });
    connect(action(A::Remove), &QAction::triggered, this, [this] {
        m_queue.remove(selectedItemIds());
        updateActions();
    });
    for (const A move : {A::MoveToTop, A::MoveUp, A::MoveDown, A::MoveToBottom})
        connect(action(move), &QAction::triggered, this, [this, move] { moveSelected(move); });
    connect(action(A::PauseAll), &QAction::triggered, this, [this] { m_queue.pauseAll(); });
    connect(action(A::ResumeAll), &QAction::triggered, this, [this] { m_queue.resumeAll(); });
    connect(action(A::RetryFailed), &QAction::triggered, this,
            [this] { m_queue.retryAllFailed(); });
    connect(action(A::ClearFinished), &QAction::triggered, this,
            [this] { m_queue.clearFinished(); });
    connect(action(A::AddFiles), &QAction::triggered, this, &QueuePanel::addFilesDialog);
    connect(action(A::AddFolder), &QAction::triggered, this, &QueuePanel::addFolderDialog);
}

void QueuePanel::createToolBar()
{
    using A = Action;
    m_toolBar = new QToolBar(tr("Upload queue"), this);
    m_toolBar->setObjectName(u"queueToolBar"_s);
    m_toolBar->setIconSize(QSize(20, 20));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    const auto add = [this](A which, bool withText = false) {
        m_toolBar->addAction(action(which));
        if (QWidget *button = m_toolBar->widgetForAction(action(which))) {
            button->setAccessibleName(action(which)->iconText());
            if (withText) {
                if (auto *tool = qobject_cast<QToolButton *>(button))
                    tool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            }
        }
    };
    add(A::AddFiles, true);
    add(A::AddFolder);
    m_toolBar->addSeparator();
    for (const A row : {A::EditDetails, A::Retry, A::Cancel, A::Pause, A::Resume, A::Remove})
        add(row);
    m_toolBar->addSeparator();
    for (const A move : {A::MoveToTop, A::MoveUp, A::MoveDown, A::MoveToBottom})
        add(move);
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    for (const A queue : {A::PauseAll, A::ResumeAll, A::RetryFailed, A::ClearFinished})
        add(queue, true);
}

QList<QAction *> QueuePanel::rowActions() const
{
    using A = Action;
    return {action(A::EditDetails), action(A::Retry),       action(A::Cancel),
            action(A::Pause),       action(A::Resume),      action(A::Remove),
            m_rowSeparator,         action(A::MoveToTop),   action(A::MoveUp),
            action(A::MoveDown),    action(A::MoveToBottom)};
}

QList<QAction *> QueuePanel::queueActions() const
{
    using A = Action;
    return {action(A::PauseAll), action(A::ResumeAll), action(A::RetryFailed),
            action(A::ClearFinished)};
}

QList<QAction *> QueuePanel::addFileActions() const
{
    return {action(Action::AddFiles), action(Action::AddFolder)};
}

void QueuePanel::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addActions(rowActions());
    menu.addSeparator();
    menu.addActions(queueActions());
    menu.addSeparator();
    menu.addActions(addFileActions());
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

// --- what applies ------------------------------------------------------------------------

QList<int> QueuePanel::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

QList<qint64> QueuePanel::selectedItemIds() const
{
    QList<qint64> ids;
    for (const int row : selectedRows()) {
        if (const QueueItem *item = m_viewModel->itemAt(row))
            ids << item->id;
    }
    return ids;
}

void QueuePanel::updateActions()
{
    using A = Action;
    const QList<int> rows = selectedRows();
    const QSet<int> selected(rows.cbegin(), rows.cend());
    const int last = m_viewModel->rowCount() - 1;
    bool editable = false, retry = false, cancel = false, pause = false, resume = false;
    bool up = false, down = false;
    int editableCount = 0;
    int waitingCount = 0;
    for (const int row : rows) {
        const QueueState state = m_viewModel->itemAt(row)->state;
        editableCount += UploadQueue::canEditFacts(state) ? 1 : 0;
        waitingCount += state == QueueState::AwaitingDetails ? 1 : 0;
        editable = editable || UploadQueue::canEditFacts(state);
        retry = retry || canRetry(state);
        cancel = cancel || !isFinished(state);
        pause = pause || canPause(state);
        resume = resume || state == QueueState::Paused;
        // A selected row with an unselected one just above can move up (and to the top).
        up = up || (row > 0 && !selected.contains(row - 1));
        down = down || (row < last && !selected.contains(row + 1));
    }
    action(A::EditDetails)->setEnabled(editable);
    action(A::Retry)->setEnabled(retry);
    action(A::Cancel)->setEnabled(cancel);
    action(A::Pause)->setEnabled(pause);
    action(A::Resume)->setEnabled(resume);
    action(A::Remove)->setEnabled(!rows.isEmpty());
    action(A::MoveToTop)->setEnabled(up);
    action(A::MoveUp)->setEnabled(up);
    action(A::MoveDown)->setEnabled(down);
    action(A::MoveToBottom)->setEnabled(down);

    bool anyPausable = false, anyPaused = false, anyFailed = false, anyFinished = false;
    for (int row = 0; row <= last; ++row) {
        const QueueItem &item = *m_viewModel->itemAt(row);
        anyPausable = anyPausable || pausedByPauseAll(item);
        anyPaused = anyPaused || item.state == QueueState::Paused;
        anyFailed = anyFailed || item.state == QueueState::Failed;
        anyFinished = anyFinished || isFinished(item.state);
    }
    action(A::PauseAll)->setEnabled(anyPausable);
    action(A::ResumeAll)->setEnabled(anyPaused || m_queue.isHeldByStore());
    action(A::RetryFailed)->setEnabled(anyFailed);
    action(A::ClearFinished)->setEnabled(anyFinished);

    m_factsBar->setSelection(int(rows.size()), editableCount, waitingCount);
}

// --- doing it ----------------------------------------------------------------------------

void QueuePanel::forEachSelected(void (QueueMirror::*operation)(qint64))
{
    // Ids first: each operation may move or remove rows.
    for (const qint64 id : selectedItemIds())
        (m_queue.*operation)(id);
    updateActions();
}

void QueuePanel::editDetails()
{
    for (const int row : selectedRows()) {
        const QueueItem &item = *m_viewModel->itemAt(row);
        if (!UploadQueue::canEditFacts(item.state))
            continue;
        m_factsBar->setFacts({item.receiverEmail, item.price, item.currency, item.partnerJobId});
        m_factsBar->focusDetails();
        return;
    }
}

void QueuePanel::applyToSelected(const OrderFacts &facts)
{
    int locked = 0;
    int waiting = 0;
    QList<qint64> editable;
    for (const qint64 id : selectedItemIds()) {
        const std::optional<QueueItem> item = m_queue.item(id);
        if (!item)
            continue;
        if (item->state == QueueState::AwaitingDetails) {
            // The form may hold details typed for another batch: waiting files get theirs
            // only through Queue, when the form names them.
            ++waiting;
        } else if (!UploadQueue::canEditFacts(item->state)) {
            ++locked;
        } else {
            editable << id;
        }
    }
    const auto report = [this, locked, waiting,
                         asked = int(editable.size())](const QList<qint64> &changedIds) {
        const int changed = int(changedIds.size());
        const int failed = asked - changed;
        qCInfo(lcUi) << "applied details:" << changed << "changed," << locked << "locked," << failed
                     << "failed," << waiting << "waiting for details";
        QStringList text;
        if (waiting > 0)
            text << tr("%n row(s) skipped: they wait for their own order details, which you "
                       "confirm with Queue when the form names them.",
                       nullptr, waiting);
        if (locked > 0)
            text << tr("%n row(s) skipped: they are uploading or done, so they keep the details "
                       "they were sent with.",
                       nullptr, locked);
        if (failed > 0)
            text << tr("%n row(s) could not be changed: the order store did not save the change "
                       "(see the message above). Try again in a moment.",
                       nullptr, failed);
        showEditOutcome(tr("Changed the details of %n row(s).", nullptr, changed), text.join(u' '),
                        locked + failed + waiting > 0);
        updateActions();
    };
    if (editable.isEmpty()) {
        report({});
        return;
    }
    m_queue.editFacts(editable, facts, this, report);
}

void QueuePanel::moveSelected(Action how)
{
    QList<qint64> ids = selectedItemIds();
    const QSet<qint64> selected(ids.cbegin(), ids.cend());
    const auto idAt = [this](int row) {
        const QueueItem *item = m_viewModel->itemAt(row);
        return item ? item->id : qint64(0);
    };
    switch (how) {
    case Action::MoveUp:
    case Action::MoveDown: {
        // A selected block moves as one and keeps its order; one already at the end it moves
        // towards stays. The moves are done in order on the queue's thread, so each is
        // decided here from the rows as they are now: a row moves when an unselected row
        // lies beyond it in that direction.
        const bool up = how == Action::MoveUp;
        QList<int> rows;
        for (const qint64 id : std::as_const(ids)) {
            if (const int row = m_viewModel->rowOfItem(id); row >= 0)
                rows << row;
        }
        std::sort(rows.begin(), rows.end());
        if (!up)
            std::reverse(rows.begin(), rows.end());
        for (const int row : std::as_const(rows)) {
            const int end = up ? 0 : m_viewModel->rowCount() - 1;
            bool free = false;
            for (int other = row; other != end && !free;) {
                other += up ? -1 : 1;
                free = !selected.contains(idAt(other));
            }
            if (free)
                m_queue.move(idAt(row), up ? QueueMove::Up : QueueMove::Down);
        }
        break;
    }
    case Action::MoveToTop:
        // The last selected first: each lands on top, so the first ends up first.
        std::reverse(ids.begin(), ids.end());
        for (const qint64 id : std::as_const(ids))
            m_queue.move(id, QueueMove::Top);
        break;
    case Action::MoveToBottom:
        for (const qint64 id : std::as_const(ids))
            m_queue.move(id, QueueMove::Bottom);
        break;
    default:
        return;
    }
    if (const QModelIndex current = m_view->currentIndex(); current.isValid())
        m_view->scrollTo(current);
    updateActions();
}

void QueuePanel::selectItem(qint64 id)
{
    const int row = m_viewModel->rowOfItem(id);
    if (row < 0)
        return;
    const QModelIndex index = m_viewModel->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

} // namespace pc
