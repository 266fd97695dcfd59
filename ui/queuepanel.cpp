#include "queuepanel.h"

#include "filethumbnails.h"
#include "orderfactsbar.h"
#include "queuedelegates.h"
#include "queuenotice.h"
#include "queuenoticearea.h"
#include "queueviewmodel.h"
#include "uilogging.h"

#include "orders/uploadqueue.h"
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
#include <QScrollBar>
#include <QStackedWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kThumbnail = FileThumbnails::kThumbnailSize;

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

QueuePanel::QueuePanel(UploadQueue &queue, UploadQueueModel &model, const ConsoleSettings &defaults,
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
    m_emptyState = createEmptyState();
    m_stack->addWidget(m_emptyState);
    createView();
    m_stack->addWidget(m_view);
    // The rows (or the drop target) take the room the details form leaves: the stack would
    // otherwise ask for the drop target's height even while rows are shown, and squeeze the
    // form in a short window (minimumSizeHint() keeps a row in view where there is room).
    m_stack->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    // A row stays in sight whatever the form and the messages above take.
    m_stack->setMinimumHeight(kThumbnail + 8 + m_view->header()->sizeHint().height() +
                              m_view->horizontalScrollBar()->sizeHint().height() +
                              2 * m_view->frameWidth() + 4);

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
    layout->setSpacing(8);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_factsBar);
    m_noticeArea = new QueueNoticeArea(this);
    for (QueueNotice *notice : {m_storeNotice, m_duplicateNotice, m_skippedNotice, m_editNotice})
        m_noticeArea->addNotice(notice);
    layout->addWidget(m_noticeArea);
    layout->addWidget(m_stack, 1);

    connect(m_scanner, &DropScanner::finished, this, &QueuePanel::onPathsSorted);
    connect(m_factsBar, &OrderFactsBar::queueRequested, this, &QueuePanel::confirmCurrentBatch);
    connect(m_factsBar, &OrderFactsBar::forgetRequested, this, &QueuePanel::forgetCurrentBatch);
    connect(m_batches, &WaitingBatches::changed, this, &QueuePanel::showBatches);
    // A waiting item confirmed through "Apply", cancelled or removed leaves its batch.
    connect(&queue, &UploadQueue::itemChanged, this, &QueuePanel::onItemChanged);
    connect(&queue, &UploadQueue::itemRemoved, m_batches, &WaitingBatches::forgetItem);
    connect(m_factsBar, &OrderFactsBar::applyRequested, this, &QueuePanel::applyToSelected);
    connect(&queue, &UploadQueue::duplicateFound, this, &QueuePanel::showDuplicate);
    connect(&queue, &UploadQueue::storeError, this, &QueuePanel::showStoreError);
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
    box->setObjectName(u"queueDropTarget"_s);
    box->setAccessibleName(tr("Drop STL files or folders here"));
    box->setStyleSheet(u"QFrame#queueDropTarget { border: 2px dashed palette(mid); "
                       "border-radius: 12px; background-color: palette(base); }"_s);
    box->setMinimumHeight(220);

    auto *icon = new QLabel(box);
    icon->setPixmap(
        QIcon(u":/icons/empty-queue.svg"_s).pixmap(QSize(72, 72), box->devicePixelRatioF()));
    icon->setFixedSize(72, 72);
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
    layout->setContentsMargins(48, 24, 48, 24);
    layout->setSpacing(10);
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
}

QSize QueuePanel::minimumSizeHint() const
{
    // The details form is what files are confirmed with: in a short window it keeps the
    // height its wrapped lines need at this width, and the rows below it scroll instead.
    QSize hint = QWidget::minimumSizeHint();
    if (m_factsBar->pendingCount() == 0)
        return hint; // nothing to confirm: the window's saved layout decides
    const int form = m_factsBar->hasHeightForWidth() ? m_factsBar->heightForWidth(width())
                                                     : m_factsBar->sizeHint().height();
    const int rows = FileThumbnails::kThumbnailSize + 8 + m_view->header()->height();
    // Messages keep a few lines in sight and scroll the rest (QueueNoticeArea).
    const int notices = m_noticeArea->isHidden() ? 0 : m_noticeArea->minimumSizeHint().height() + 8;
    hint.setHeight(
        std::max(hint.height(), m_toolBar->sizeHint().height() + form + notices + rows + 16));
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
    m_scansRunning = std::max(0, m_scansRunning - 1);
    showSkipped(result.skipped);
    // Never straight to the upload, however complete the form looks: the details in it may
    // have been typed for other files. The files wait, named, until Queue is pressed for them.
    const int waiting = holdForDetails(result.files);
    qCInfo(lcUi) << "arrived:" << waiting << "waiting for details," << result.skipped.size()
                 << "skipped";
    Q_EMIT pathsHandled(waiting, int(result.skipped.size()));
}

int QueuePanel::holdForDetails(const QStringList &files)
{
    QList<qint64> ids;
    QStringList held;
    QList<SkippedFile> notHeld;
    for (const QString &path : files) {
        if (const StoreResult<qint64> added = m_queue.addFileAwaitingDetails(path); added) {
            ids << *added;
            held << path;
        } else {
            notHeld << SkippedFile{path, added.error().message};
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
    int confirmed = 0;
    for (const qint64 id : batch->itemIds) {
        // Each confirmed item leaves the batch through itemChanged; one the store did not
        // take stays in it, still waiting, for another press of Queue.
        if (m_queue.confirmDetails(id, facts))
            ++confirmed;
    }
    qCInfo(lcUi) << "confirmed details for" << confirmed << "of" << batch->itemIds.size()
                 << "waiting files";
    if (confirmed == 0)
        return;
    m_factsBar->rememberConfirmed(facts);
    const std::optional<WaitingBatch> next = m_batches->current();
    if (!next || next->serial != batch->serial)
        m_factsBar->clearDetails(); // the next files start clean, and so does an idle form
    if (next && next->serial != batch->serial)
        m_factsBar->focusDetails(); // ready for the next batch's details
}

void QueuePanel::forgetCurrentBatch()
{
    const std::optional<WaitingBatch> batch = m_batches->current();
    if (!batch)
        return;
    for (const qint64 id : batch->itemIds)
        m_queue.remove(id);
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
}

} // namespace pc
