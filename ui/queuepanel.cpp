#include "queuepanel.h"

#include "filethumbnails.h"
#include "orderfactsbar.h"
#include "queuedelegates.h"
#include "queuenotice.h"
#include "queuenoticearea.h"
#include "queueviewmodel.h"
#include "uilogging.h"

#include "orders/uploadqueue.h"
#include "queuemirror.h"
#include "uploadqueuemodel.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kThumbnail = FileThumbnails::kThumbnailSize;
constexpr int kRowsInSight = 3; // queue rows a short window still shows
// A window this tall keeps the three rows in sight under messages too.
constexpr int kRoomyWindowHeight = 800;

QLabel *makeText(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}

bool carriesFiles(const QMimeData *mime)
{
    return mime && mime->hasUrls();
}

} // namespace

QueuePanel::QueuePanel(QueueMirror &queue, UploadQueueModel &model, const ConsoleSettings &defaults,
                       QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_model(model)
    , m_thumbnails(new FileThumbnails(this))
    , m_scanner(new DropScanner(this))
    , m_batches(new WaitingBatches(this))
{
    setObjectName(u"queuePanel"_s);
    setAccessibleName(tr("Upload queue"));
    setAcceptDrops(true);

    m_viewModel = new QueueViewModel(model, queue, *m_thumbnails, this);
    m_factsBar = new OrderFactsBar(defaults, this);

    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(u"queueStack"_s);
    // In a short window the drop target scrolls rather than laying its icon over its words.
    auto *emptyScroll = new QScrollArea(m_stack);
    emptyScroll->setObjectName(u"queueDropTarget"_s);
    emptyScroll->setFrameShape(QFrame::NoFrame);
    emptyScroll->setWidgetResizable(true);
    emptyScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    emptyScroll->setWidget(createEmptyState());
    m_emptyState = emptyScroll;
    emptyScroll->viewport()->installEventFilter(this);
    m_stack->addWidget(m_emptyState);
    createView();
    m_stack->addWidget(m_view);
    // The rows (or the drop target) take the room the details form leaves: the stack would
    // otherwise ask for the drop target's height even while rows are shown, and squeeze the
    // form in a short window (minimumSizeHint() keeps a row in view where there is room).
    m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    // A few rows stay in sight whatever the form and the messages above take; the drop target
    // keeps its words and buttons (its picture goes first).
    const int aroundRows = m_view->header()->sizeHint().height() +
                           m_view->horizontalScrollBar()->sizeHint().height() +
                           2 * m_view->frameWidth() + 4;
    m_rowsHeight = kRowsInSight * (kThumbnail + 4) + aroundRows;
    m_rowHeight = kThumbnail + 4 + aroundRows;
    {
        QWidget *zone = static_cast<QScrollArea *>(m_emptyState)->widget();
        m_dropTargetHeight = zone->layout()->minimumSize().height() -
                             m_dropIcon->sizeHint().height() - zone->layout()->spacing();
    }
    m_stack->setMinimumHeight(m_rowsHeight);

    // Over the stack while something is dragged over the panel: where it will land.
    m_dropHint = new QLabel(tr("Drop to add to the upload queue"), this);
    m_dropHint->setObjectName(u"queueDropHint"_s);
    m_dropHint->setAlignment(Qt::AlignCenter);
    m_dropHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_dropHint->setStyleSheet(u"QLabel#queueDropHint { border: 2px dashed #0072b2; "
                              "border-radius: 10px; background-color: rgba(0, 114, 178, 36); "
                              "color: #003a5c; font-weight: bold; font-size: 13pt; }"_s);
    m_dropHint->hide();

    createNotices();
    createActions();
    createToolBar();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_factsBar);
    m_noticeArea = new QueueNoticeArea(this);
    for (QueueNotice *notice : {m_storeNotice, m_duplicateNotice, m_skippedNotice, m_editNotice})
        m_noticeArea->addNotice(notice);
    layout->addWidget(m_noticeArea);
    m_noticeArea->installEventFilter(this); // messages shown take room from the rows
    layout->addWidget(m_stack, 1);

    connect(m_scanner, &DropScanner::finished, this, &QueuePanel::onPathsSorted);
    connect(m_factsBar, &OrderFactsBar::queueRequested, this, &QueuePanel::confirmCurrentBatch);
    connect(m_factsBar, &OrderFactsBar::forgetRequested, this, &QueuePanel::forgetCurrentBatch);
    connect(m_batches, &WaitingBatches::changed, this, &QueuePanel::showBatches);
    // A waiting item confirmed through "Apply", cancelled or removed leaves its batch.
    connect(&queue, &QueueMirror::itemChanged, this, &QueuePanel::onItemChanged);
    connect(&queue, &QueueMirror::itemRemoved, m_batches, &WaitingBatches::forgetItem);
    connect(m_factsBar, &OrderFactsBar::applyRequested, this, &QueuePanel::applyToSelected);
    connect(&queue, &QueueMirror::duplicateFound, this, &QueuePanel::showDuplicate);
    connect(&queue, &QueueMirror::storeError, this, &QueuePanel::showStoreError);
    connect(m_viewModel, &QueueViewModel::editRejected, this, [this](const QString &message) {
        showEditOutcome(tr("The change was not made"), message, true);
    });

    // Actions and the empty state follow the rows and the selection.
    const auto refresh = [this] {
        updateEmptyState();
        updateActions();
        updateSummary();
    };
    connect(m_viewModel, &QAbstractItemModel::rowsInserted, this, refresh);
    connect(m_viewModel, &QAbstractItemModel::rowsRemoved, this, refresh);
    connect(m_viewModel, &QAbstractItemModel::rowsMoved, this, refresh);
    connect(m_viewModel, &QAbstractItemModel::layoutChanged, this, refresh);
    connect(m_viewModel, &QAbstractItemModel::modelReset, this, refresh);
    connect(m_viewModel, &QAbstractItemModel::dataChanged, this,
            [this, refresh](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                            const QList<int> &roles) {
                // What applies depends on the states only; progress ticks (several a second
                // per upload) name their figure roles and are skipped.
                const bool touchesState = topLeft.column() <= QueueViewModel::State &&
                                          bottomRight.column() >= QueueViewModel::State;
                if (touchesState && (roles.isEmpty() || roles.contains(Qt::DisplayRole)))
                    refresh();
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QueuePanel::updateActions);

    restoreWaitingBatches();
    refresh();
}

QueuePanel::~QueuePanel() = default;

// --- construction ------------------------------------------------------------------------

QWidget *QueuePanel::createEmptyState()
{
    auto *box = new QFrame;
    box->setObjectName(u"queueDropZone"_s);
    box->setAccessibleName(tr("Drop STL files or folders here"));
    box->setStyleSheet(u"QFrame#queueDropZone { border: 2px dashed palette(mid); "
                       "border-radius: 12px; background-color: palette(base); }"_s);
    auto *icon = new QLabel(box);
    icon->setPixmap(
        QIcon(u":/icons/empty-queue.svg"_s).pixmap(QSize(72, 72), box->devicePixelRatioF()));
    icon->setFixedSize(72, 72);
    icon->setObjectName(u"queueDropIcon"_s);
    m_dropIcon = icon;
    icon->setAccessibleName(tr("Empty upload queue"));

    auto *title = makeText(tr("Drop STL files or folders here"), box);
    title->setObjectName(u"queueDropTitle"_s);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    title->setFont(titleFont);

    auto *text = makeText(tr("Folders are searched for .stl files, subfolders included. Each "
                             "file becomes one order once you confirm its details above; other "
                             "files are listed as skipped."),
                          box);
    text->setObjectName(u"queueDropText"_s);
    QPalette muted = text->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    text->setPalette(muted);

    auto *addFiles =
        new QPushButton(QIcon(u":/icons/queue-add-files.svg"_s), tr("Add files\u2026"), box);
    addFiles->setObjectName(u"emptyAddFiles"_s);
    addFiles->setToolTip(tr("Choose STL files to upload (Ctrl+O)"));
    connect(addFiles, &QPushButton::clicked, this, &QueuePanel::addFilesDialog);
    auto *addFolder =
        new QPushButton(QIcon(u":/icons/queue-add-folder.svg"_s), tr("Add a folder\u2026"), box);
    addFolder->setObjectName(u"emptyAddFolder"_s);
    addFolder->setToolTip(tr("Choose a folder: every .stl file in it is queued"));
    connect(addFolder, &QPushButton::clicked, this, &QueuePanel::addFolderDialog);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(10);
    buttons->addStretch(1);
    buttons->addWidget(addFiles);
    buttons->addWidget(addFolder);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(48, 16, 48, 16);
    layout->setSpacing(8);
    layout->addStretch(1);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addSpacing(4);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    layout->addStretch(1);
    return box;
}

void QueuePanel::createView()
{
    m_view = new QTreeView;
    m_view->setObjectName(u"queueView"_s);
    m_view->setAccessibleName(tr("Upload queue"));
    m_view->setModel(m_viewModel);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setIconSize(QSize(kThumbnail, kThumbnail));
    m_view->setSortingEnabled(false); // the order is the upload order
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Drops go to the panel, which sorts files from folders.
    m_view->setAcceptDrops(false);
    m_view->viewport()->setAcceptDrops(false);
    m_view->setDragDropMode(QAbstractItemView::NoDragDrop);
    m_view->setItemDelegate(new QueueCellDelegate(m_view));
    m_view->setItemDelegateForColumn(QueueViewModel::State, new QueueStateDelegate(m_view));
    m_view->setItemDelegateForColumn(QueueViewModel::Price, new QueuePriceDelegate(m_view));
    m_view->setTextElideMode(Qt::ElideMiddle); // keeps the ".stl" and the e-mail's domain

    QHeaderView *header = m_view->header();
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(48);
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto widthFor = [&metrics](const QString &sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    header->resizeSection(QueueViewModel::Name,
                          kThumbnail + widthFor(u"spiral-vase-large.stl"_s) + 8);
    header->resizeSection(QueueViewModel::Size, widthFor(u"888.8 kB"_s));
    header->resizeSection(QueueViewModel::Triangles, widthFor(u"8,888,888"_s));
    header->resizeSection(QueueViewModel::Dimensions,
                          widthFor(u"188.88 \u00d7 188.88 \u00d7 88.88 mm"_s));
    header->resizeSection(QueueViewModel::Receiver, widthFor(u"customer.name@example.com"_s));
    header->resizeSection(QueueViewModel::Price, widthFor(u"EUR\u00a0188.88"_s));
    header->resizeSection(QueueViewModel::JobId, widthFor(u"JOB-2024-0001"_s));
    // Room for a failure's reason on its line (German ones are longer).
    header->resizeSection(QueueViewModel::State, std::max(260, metrics.averageCharWidth() * 50));
    // What is happening to a file (progress, a failure's reason) right after its name: in
    // sight without scrolling sideways, whatever the window's width. The figures follow.
    header->moveSection(header->visualIndex(QueueViewModel::State), 1);

    connect(m_view, &QTreeView::customContextMenuRequested, this, &QueuePanel::showContextMenu);
}

// --- drag and drop -----------------------------------------------------------------------

void QueuePanel::dragEnterEvent(QDragEnterEvent *event)
{
    // Always a copy: a "move" would let the file manager delete what was dropped.
    if (!carriesFiles(event->mimeData()) || !(event->possibleActions() & Qt::CopyAction))
        return;
    event->setDropAction(Qt::CopyAction);
    event->accept();
    showDropHint(true);
}

void QueuePanel::dragMoveEvent(QDragMoveEvent *event)
{
    if (!carriesFiles(event->mimeData()) || !(event->possibleActions() & Qt::CopyAction))
        return;
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void QueuePanel::dragLeaveEvent(QDragLeaveEvent *event)
{
    showDropHint(false);
    QWidget::dragLeaveEvent(event);
}

void QueuePanel::dropEvent(QDropEvent *event)
{
    showDropHint(false);
    if (!carriesFiles(event->mimeData()) || !(event->possibleActions() & Qt::CopyAction))
        return;
    event->setDropAction(Qt::CopyAction);
    event->accept();
    QList<SkippedFile> skipped;
    const QStringList paths = localPathsOf(event->mimeData(), &skipped);
    showSkipped(skipped);
    if (!paths.isEmpty())
        addPaths(paths);
}

void QueuePanel::showDropHint(bool show)
{
    if (show) {
        m_dropHint->setGeometry(m_stack->geometry());
        m_dropHint->raise();
    }
    m_dropHint->setVisible(show);
}

void QueuePanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_dropHint->isVisible())
        m_dropHint->setGeometry(m_stack->geometry());
    // The form wraps to more lines when narrower: the splitter must leave room for them.
    if (event->size().width() != event->oldSize().width())
        updateGeometry();
    keepRowsInSight(); // the window's height decides what messages may take
}

bool QueuePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_noticeArea &&
        (event->type() == QEvent::ShowToParent || event->type() == QEvent::HideToParent))
        keepRowsInSight();
    // A short drop target drops its picture before it would scroll its words and buttons.
    if (event->type() == QEvent::Resize && m_emptyState &&
        watched == static_cast<QScrollArea *>(m_emptyState)->viewport()) {
        QWidget *zone = static_cast<QScrollArea *>(m_emptyState)->widget();
        const int iconRoom = m_dropIcon->height() + 2 * zone->layout()->spacing() + 4;
        const int withoutIcon =
            zone->layout()->minimumSize().height() - (m_dropIcon->isHidden() ? 0 : iconRoom);
        m_dropIcon->setVisible(static_cast<QResizeEvent *>(event)->size().height() >=
                               withoutIcon + iconRoom);
    }
    return QWidget::eventFilter(watched, event);
}

QSize QueuePanel::minimumSizeHint() const
{
    // The details form is what files are confirmed with: in a short window it keeps the
    // height its wrapped lines need at this width, with the rows (or the drop target's words
    // and buttons) below it, whatever height the window's saved layout gave the queue.
    QSize hint = QWidget::minimumSizeHint();
    if (!isVisible())
        return hint; // no width yet to wrap lines at
    const int form = m_factsBar->hasHeightForWidth() ? m_factsBar->heightForWidth(width())
                                                     : m_factsBar->sizeHint().height();
    int rows = m_stack->minimumHeight();
    if (m_stack->currentWidget() == m_emptyState) {
        const QWidget *zone = static_cast<QScrollArea *>(m_emptyState)->widget();
        int words = zone->hasHeightForWidth() ? zone->heightForWidth(width())
                                              : zone->minimumSizeHint().height();
        if (!m_dropIcon->isHidden())
            words -= m_dropIcon->height() + zone->layout()->spacing();
        rows = std::max(rows, words);
    }
    // Messages keep a few lines in sight and scroll the rest (QueueNoticeArea).
    const int notices = m_noticeArea->isHidden() ? 0 : m_noticeArea->minimumSizeHint().height() + 6;
    hint.setHeight(
        std::max(hint.height(), m_toolBar->sizeHint().height() + form + notices + rows + 12));
    return hint;
}

// --- adding files ------------------------------------------------------------------------

void QueuePanel::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    ++m_scansRunning;
    m_scanner->scan(paths);
}

bool QueuePanel::isScanning() const
{
    return m_scansRunning > 0;
}

void QueuePanel::addFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add STL Files"), m_lastFolder.isEmpty() ? QDir::homePath() : m_lastFolder,
        tr("STL files (*.stl *.STL *.Stl);;All files (*)"));
    if (files.isEmpty())
        return;
    m_lastFolder = QFileInfo(files.first()).absolutePath();
    addPaths(files);
}

void QueuePanel::addFolderDialog()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Add a Folder of STL Files"),
                                          m_lastFolder.isEmpty() ? QDir::homePath() : m_lastFolder);
    if (folder.isEmpty())
        return;
    m_lastFolder = folder;
    addPaths({folder});
}

void QueuePanel::onPathsSorted(const DroppedFiles &result)
{
    showSkipped(result.skipped);
    // Never straight to the upload, however complete the form looks: the details in it may
    // have been typed for other files. The files wait, named, until Queue is pressed for them.
    const int skipped = int(result.skipped.size());
    if (result.files.isEmpty()) {
        m_scansRunning = std::max(0, m_scansRunning - 1);
        qCInfo(lcUi) << "arrived: 0 waiting for details," << skipped << "skipped";
        Q_EMIT pathsHandled(0, skipped);
        return;
    }
    m_queue.addFilesAwaitingDetails(
        result.files, this, [this, skipped](const QList<QueueMirror::AddedFile> &added) {
            m_scansRunning = std::max(0, m_scansRunning - 1);
            const int waiting = holdForDetails(added);
            qCInfo(lcUi) << "arrived:" << waiting << "waiting for details," << skipped << "skipped";
            Q_EMIT pathsHandled(waiting, skipped);
        });
}

int QueuePanel::holdForDetails(const QList<QueueMirror::AddedFile> &added)
{
    QList<qint64> ids;
    QStringList held;
    QList<SkippedFile> notHeld;
    for (const QueueMirror::AddedFile &file : added) {
        if (file.id) {
            ids << *file.id;
            held << file.path;
        } else {
            notHeld << SkippedFile{file.path, file.problem};
        }
    }
    showSkipped(notHeld);
    const quint64 serial = m_batches->add(ids, held);
    // Only a batch the form is now for takes the keyboard: one that arrives while the user
    // types for another must not move the cursor or select what is being typed.
    const std::optional<WaitingBatch> current = m_batches->current();
    if (serial != 0 && current && current->serial == serial) {
        if (const int row = m_viewModel->rowOfItem(ids.first()); row >= 0)
            m_view->scrollTo(m_viewModel->index(row, 0));
        m_factsBar->focusDetails();
    }
    return int(ids.size());
}

void QueuePanel::confirmCurrentBatch(const OrderFacts &facts)
{
    const std::optional<WaitingBatch> batch = m_batches->current();
    if (!batch)
        return;
    // The batch leaves the form at once: it is on its way to the queue, and the form must not
    // go on offering it (with the details just used) while the queue stores them. One the
    // store did not take comes back as a batch of its own, still waiting, for another Queue.
    for (const qint64 id : batch->itemIds)
        m_batches->forgetItem(id);
    m_factsBar->rememberConfirmed(facts);
    m_factsBar->clearDetails(); // the next files start clean, and so does an idle form
    if (m_batches->current())
        m_factsBar->focusDetails(); // ready for the next batch's details
    m_queue.confirmDetails(
        batch->itemIds, facts, this, [this, batch = *batch](const QList<qint64> &confirmed) {
            qCInfo(lcUi) << "confirmed details for" << confirmed.size() << "of"
                         << batch.itemIds.size() << "waiting files";
            QList<qint64> ids;
            QStringList paths;
            for (qsizetype i = 0; i < batch.itemIds.size(); ++i) {
                const qint64 id = batch.itemIds.at(i);
                const std::optional<QueueItem> item = m_queue.item(id);
                if (!confirmed.contains(id) && item && item->state == QueueState::AwaitingDetails) {
                    ids << id;
                    paths << batch.paths.value(i);
                }
            }
            if (!ids.isEmpty())
                m_batches->add(ids, paths);
        });
}

void QueuePanel::forgetCurrentBatch()
{
    const std::optional<WaitingBatch> batch = m_batches->current();
    if (!batch)
        return;
    m_queue.remove(batch->itemIds);
    m_factsBar->clearDetails();
}

void QueuePanel::showBatches()
{
    m_factsBar->showBatches(m_batches->current(), m_batches->later());
    updateGeometry(); // the form grows or shrinks with what it names
}

void QueuePanel::restoreWaitingBatches()
{
    // Which files arrived together is not stored: each waiting file from an earlier run is a
    // batch of its own, so details are never confirmed for files of different arrivals at once.
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const QueueItem *item = m_model.itemAt(row);
        if (item && item->state == QueueState::AwaitingDetails)
            m_batches->add({item->id}, {item->sourcePath});
    }
}

void QueuePanel::onItemChanged(qint64 id)
{
    const std::optional<QueueItem> item = m_queue.item(id);
    if (!item || item->state != QueueState::AwaitingDetails)
        m_batches->forgetItem(id);
}

void QueuePanel::setDefaults(const ConsoleSettings &settings)
{
    m_factsBar->setDefaults(settings);
}

// --- state -------------------------------------------------------------------------------

void QueuePanel::updateEmptyState()
{
    const bool empty = m_viewModel->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? m_emptyState : static_cast<QWidget *>(m_view));
    keepRowsInSight();
}

void QueuePanel::keepRowsInSight()
{
    // Three rows in sight; while messages are shown in a short window (each can be closed)
    // they take the room of all but one, which scroll, rather than pushing the queue out.
    const bool empty = m_stack->currentWidget() == m_emptyState;
    const bool roomy = window()->height() >= kRoomyWindowHeight;
    const int least = empty                               ? m_dropTargetHeight
                      : m_noticeArea->isHidden() || roomy ? m_rowsHeight
                                                          : m_rowHeight;
    if (m_stack->minimumHeight() != least) {
        m_stack->setMinimumHeight(least);
        updateGeometry();
    }
}

} // namespace pc
