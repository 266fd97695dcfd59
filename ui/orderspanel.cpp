#include "orderspanel.h"

#include "orderdelegates.h"
#include "orderdeletiondialog.h"
#include "orderfilterproxymodel.h"
#include "ordertablemodel.h"
#include "statuspresentation.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

using Column = OrderTableModel::Column;

constexpr int kEmptyIconSize = 64;
constexpr int kStateTextWidth = 520;

enum Page { TablePage, EmptyPage, NoMatchPage };

QLabel *makeText(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}

void setMuted(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    widget->setPalette(palette);
}

// Leaves a state page's picture out where the page is too short for it and its words.
class PictureWhereRoom final : public QObject
{
public:
    PictureWhereRoom(QLabel *picture, QWidget *page)
        : QObject(page)
        , m_picture(picture)
        , m_page(page)
    {}

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize) {
            const QSize size = static_cast<QResizeEvent *>(event)->size();
            const int room = m_picture->sizeHint().height() + 16; // the picture and its spacing
            const int all = m_page->hasHeightForWidth() ? m_page->heightForWidth(size.width())
                                                        : m_page->minimumSizeHint().height();
            const int words = all - (m_picture->isHidden() ? 0 : room);
            m_picture->setVisible(size.height() >= words + room);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QLabel *m_picture;
    QWidget *m_page;
};

// Icon, headline and explanation, centred: the empty and "no match" states.
QWidget *makeStatePage(const QString &icon, QLabel *title, QLabel *text, QWidget *extra,
                       QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *iconLabel = new QLabel(page);
    iconLabel->setPixmap(
        QIcon(icon).pixmap(QSize(kEmptyIconSize, kEmptyIconSize), parent->devicePixelRatioF()));
    iconLabel->setAlignment(Qt::AlignCenter);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    font.setBold(true);
    title->setFont(font);
    setMuted(text);

    // A centred column of limited width: the wrapped texts take its whole width, so their
    // height follows their width (a wrapped label aligned in a layout would keep one line).
    auto *column = new QWidget(page);
    column->setMaximumWidth(kStateTextWidth);
    auto *texts = new QVBoxLayout(column);
    texts->setContentsMargins(0, 0, 0, 0);
    texts->setSpacing(10);
    texts->addWidget(iconLabel);
    texts->addSpacing(6);
    texts->addWidget(title);
    texts->addWidget(text);
    if (extra) {
        texts->addSpacing(6);
        texts->addWidget(extra, 0, Qt::AlignHCenter);
    }
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(24, 8, 24, 8);
    layout->addStretch(1);
    layout->addLayout(row);
    layout->addStretch(2);

    // In a short window the page scrolls rather than laying its lines over one another.
    auto *scroll = new QScrollArea(parent);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(page);
    scroll->viewport()->installEventFilter(new PictureWhereRoom(iconLabel, page));
    return scroll;
}

} // namespace

OrdersPanel::OrdersPanel(OrderTableModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new OrderFilterProxyModel(this))
{
    setObjectName(u"ordersPanel"_s);
    setAccessibleName(tr("Orders"));
    m_proxy->setSourceModel(&m_model);
    m_urlOpener = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    m_fileNameProvider = [this](const QString &suggested) {
        return QFileDialog::getSaveFileName(this, tr("Export Orders as CSV"), suggested,
                                            tr("CSV files (*.csv);;All files (*)"));
    };
    m_errorReporter = [this](const QString &title, const QString &text) {
        QMessageBox::warning(this, title, text);
    };
    m_noteEditor = [this](const Order &order) -> std::optional<QString> {
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(
            this, tr("Note on the Order"),
            tr("A note on %1 (at most %2 characters; empty removes it):")
                .arg(order.fileName)
                .arg(kMaxOrderNoteLength),
            order.note, &ok);
        return ok ? std::optional<QString>(text) : std::nullopt;
    };
    m_deletionConfirmer = [this](const Order &order, bool testOrder,
                                 std::function<void(DeletionChoice)> answer) {
        OrderDeletionDialog::ask(order, testOrder, this,
                                 [answer = std::move(answer)](OrderDeletionDialog::Choice choice) {
                                     switch (choice) {
                                     case OrderDeletionDialog::Choice::Delete:
                                         answer(DeletionChoice::Delete);
                                         return;
                                     case OrderDeletionDialog::Choice::Archive:
                                         answer(DeletionChoice::Archive);
                                         return;
                                     case OrderDeletionDialog::Choice::Cancel:
                                         break;
                                     }
                                     answer(DeletionChoice::Cancel);
                                 });
    };

    createActions();
    QWidget *toolBar = createToolBar();
    setUpTable();

    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(TablePage, m_table);
    m_emptyPage = createEmptyState();
    showEmptyStateText();
    m_stack->insertWidget(EmptyPage, m_emptyPage);
    m_noMatchPage = createNoMatchState();
    m_stack->insertWidget(NoMatchPage, m_noMatchPage);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(toolBar);
    layout->addWidget(m_stack, 1);

    // Row counts and pages follow both the orders and the filter.
    for (QAbstractItemModel *source : {static_cast<QAbstractItemModel *>(&m_model),
                                       static_cast<QAbstractItemModel *>(m_proxy)}) {
        connect(source, &QAbstractItemModel::rowsInserted, this, &OrdersPanel::updateStateAndCount);
        connect(source, &QAbstractItemModel::rowsRemoved, this, &OrdersPanel::updateStateAndCount);
        connect(source, &QAbstractItemModel::modelReset, this, &OrdersPanel::updateStateAndCount);
        connect(source, &QAbstractItemModel::layoutChanged, this,
                &OrdersPanel::updateStateAndCount);
    }
    // A selected row can leave (removed, filtered out) without a selection signal.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &OrdersPanel::onSelectionChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OrdersPanel::onSelectionChanged);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &OrdersPanel::onModelDataChanged);
    updateStateAndCount();
    updateActions();
}

OrdersPanel::~OrdersPanel() = default;

QWidget *OrdersPanel::createToolBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(u"ordersToolBar"_s);

    m_search = new QLineEdit(bar);
    m_search->setObjectName(u"ordersSearch"_s);
    m_search->setPlaceholderText(tr("Search file, receiver, job ID or token"));
    m_search->setAccessibleName(tr("Search orders"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(QIcon(u":/icons/orders-search.svg"_s), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    m_search->setMaximumWidth(fontMetrics().averageCharWidth() * 64);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setSearchText(text);
        updateStateAndCount();
    });
    // Escape empties the search, as in a browser's find bar.
    auto *clear = new QAction(m_search);
    clear->setShortcut(QKeySequence(Qt::Key_Escape));
    clear->setShortcutContext(Qt::WidgetShortcut);
    connect(clear, &QAction::triggered, m_search, &QLineEdit::clear);
    m_search->addAction(clear);

    m_filter = new QComboBox(bar);
    m_filter->setObjectName(u"ordersStatusFilter"_s);
    m_filter->setAccessibleName(tr("Show orders by status"));
    m_filter->addItem(tr("All orders"), int(AllOrders));
    m_filter->addItem(tr("Open (not confirmed yet)"), int(OpenOrders));
    m_filter->addItem(QIcon(statusIconResource(JobStatus::Failure)), tr("Failed prints"),
                      int(FailedOrders));
    m_filter->addItem(tr("Finished (confirmed)"), int(FinishedOrders));
    m_filter->addItem(tr("Need attention (cannot move)"), int(NeedsAttentionOrders));
    m_filter->insertSeparator(m_filter->count());
    for (int i = int(JobStatus::AwaitingCustomer); i <= int(JobStatus::Unknown); ++i) {
        const auto status = JobStatus(i);
        m_filter->addItem(QIcon(statusIconResource(status)), statusLabel(status),
                          filterFor(status));
    }
    // As wide as a short choice: the longest ones (German above all) would make the filter row
    // wider than the table beside the docks at 1024 px; the list opens as wide as it needs.
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_filter->setMinimumContentsLength(18);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &OrdersPanel::onFilterChanged);

    // Alt+W: Alt+S opens the Sandbox menu.
    auto *filterLabel = new QLabel(tr("Sho&w:"), bar);
    filterLabel->setBuddy(m_filter);

    m_showArchivedBox = new QCheckBox(tr("Show ar&chived"), bar);
    m_showArchivedBox->setObjectName(u"ordersShowArchived"_s);
    m_showArchivedBox->setToolTip(tr("Show archived orders in the table too"));
    connect(m_showArchivedBox, &QCheckBox::toggled, this, &OrdersPanel::setShowArchived);

    m_dayFilter = new QToolButton(bar);
    m_dayFilter->setObjectName(u"ordersDayFilter"_s);
    m_dayFilter->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_dayFilter->setToolTip(tr("Show the orders of every day again"));
    m_dayFilter->setVisible(false);
    connect(m_dayFilter, &QToolButton::clicked, this, [this] {
        m_proxy->setFinishedOn(std::nullopt);
        m_dayFilter->setVisible(false);
        updateStateAndCount();
    });

    m_count = new QLabel(bar);
    m_count->setObjectName(u"ordersCount"_s);
    m_count->setTextFormat(Qt::PlainText);
    setMuted(m_count);

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_search, 1);
    layout->addSpacing(4);
    layout->addWidget(filterLabel);
    layout->addWidget(m_filter);
    layout->addWidget(m_dayFilter);
    layout->addSpacing(8);
    layout->addWidget(m_showArchivedBox);
    layout->addStretch(1);
    layout->addSpacing(8);
    layout->addWidget(m_count);
    return bar;
}

void OrdersPanel::setUpTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(u"ordersTable"_s);
    m_table->setAccessibleName(tr("Orders"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setItemDelegateForColumn(Column::Status, new StatusBadgeDelegate(m_table));
    m_table->setItemDelegateForColumn(Column::Progress, new ProgressBarDelegate(m_table));

    QHeaderView *rows = m_table->verticalHeader();
    rows->setVisible(false);
    rows->setSectionResizeMode(QHeaderView::Fixed);
    // Room for the status badge plus a little air, so the table does not feel cramped.
    rows->setDefaultSectionSize(std::max(28, fontMetrics().height() + 14));

    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &OrdersPanel::showColumnMenu);
    applyDefaultColumnWidths();
    // The price already names its currency; the column is there for sorting and exports.
    header->setSectionHidden(Column::Currency, true);

    m_table->setSortingEnabled(true);
    m_table->sortByColumn(Column::Created, Qt::DescendingOrder);

    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions(orderActions());

    // activated: a double-click, or Enter on the current row (single click on platforms that
    // activate items that way).
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (const Order *order = m_proxy->orderAt(index.row()))
            Q_EMIT openTokenView(*order);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OrdersPanel::onSelectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OrdersPanel::onSelectionChanged);
}

void OrdersPanel::applyDefaultColumnWidths()
{
    const QFontMetrics metrics = fontMetrics();
    const int pad = 28; // cell margins and the sort indicator
    const int em = metrics.averageCharWidth();
    const QDateTime sampleTime(QDate(2024, 12, 28), QTime(23, 59));
    const int timeWidth =
        metrics.horizontalAdvance(OrderTableModel::formatDateTime(sampleTime)) + pad;
    int statusWidth = 0;
    for (int i = int(JobStatus::AwaitingCustomer); i < int(JobStatus::Unknown); ++i)
        statusWidth = std::max(
            statusWidth,
            StatusBadgeDelegate::badgeSize(font(), statusLabel(JobStatus(i))).width() + 16);
    const auto widthFor = [&](int column, int content) {
        const QString title = m_model.headerData(column, Qt::Horizontal).toString();
        return std::max(content, metrics.horizontalAdvance(title) + pad);
    };
    int leftWidth = 0;
    for (double minutes : {0.0, 125.0})
        leftWidth = std::max(leftWidth, metrics.horizontalAdvance(formatMinutesLeft(minutes)));
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(Column::Created, widthFor(Column::Created, timeWidth));
    header->resizeSection(Column::File, em * 24);
    header->resizeSection(Column::Receiver, em * 27);
    header->resizeSection(
        Column::Price, widthFor(Column::Price, metrics.horizontalAdvance(u"EUR 1,234.50"_s) + pad));
    header->resizeSection(Column::Status, widthFor(Column::Status, statusWidth));
    header->resizeSection(Column::Progress, widthFor(Column::Progress, em * 19));
    header->resizeSection(Column::MinutesLeft, widthFor(Column::MinutesLeft, leftWidth + pad));
    header->resizeSection(
        Column::PrintTime,
        widthFor(Column::PrintTime, metrics.horizontalAdvance(u"10:00:00"_s) + pad));
    header->resizeSection(Column::Printer, em * 16);
    header->resizeSection(Column::Message, em * 34);
    header->resizeSection(Column::LastChecked, widthFor(Column::LastChecked, timeWidth));
    header->resizeSection(
        Column::JobId, widthFor(Column::JobId, metrics.horizontalAdvance(u"SHOP-10442"_s) + pad));
    header->resizeSection(Column::Currency,
                          widthFor(Column::Currency, metrics.horizontalAdvance(u"EUR"_s) + pad));
    header->resizeSection(Column::Note, em * 24);
}

void OrdersPanel::showColumnMenu(const QPoint &position)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    menu.setTitle(tr("Columns"));
    int visible = 0;
    for (int column = 0; column < m_model.columnCount(); ++column)
        visible += header->isSectionHidden(column) ? 0 : 1;
    for (int column = 0; column < m_model.columnCount(); ++column) {
        QAction *action = menu.addAction(m_model.headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The last visible column stays: a table without columns could not get them back.
        action->setEnabled(column != Column::Status && (visible > 1 || !action->isChecked()));
        connect(action, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.addSeparator();
    QAction *reset = menu.addAction(tr("Reset Column Widths"));
    connect(reset, &QAction::triggered, this, &OrdersPanel::applyDefaultColumnWidths);
    menu.exec(header->mapToGlobal(position));
}

QWidget *OrdersPanel::createEmptyState()
{
    m_emptyTitle = makeText(QString(), u"ordersEmptyTitle"_s, this);
    m_emptyText = makeText(QString(), u"ordersEmptyText"_s, this);
    QWidget *page =
        makeStatePage(u":/icons/orders-empty.svg"_s, m_emptyTitle, m_emptyText, nullptr, this);
    page->setObjectName(u"ordersEmptyState"_s);
    return page;
}

void OrdersPanel::setLoading(const QString &message)
{
    m_loadingMessage = message;
    showEmptyStateText();
}

void OrdersPanel::showEmptyStateText()
{
    if (!m_loadingMessage.isEmpty()) {
        m_emptyTitle->setText(tr("Reading the order history\u2026"));
        m_emptyText->setText(m_loadingMessage);
        m_emptyPage->setAccessibleName(tr("Reading the order history"));
        return;
    }
    m_emptyTitle->setText(tr("Orders appear here once a file is uploaded"));
    m_emptyText->setText(tr("Drop STL files on the upload queue. Each uploaded file becomes "
                            "an order, and its customer's print shows up here as it "
                            "happens."));
    m_emptyPage->setAccessibleName(tr("No orders yet"));
}

QWidget *OrdersPanel::createNoMatchState()
{
    auto *title = makeText(tr("No orders match"), u"ordersNoMatchTitle"_s, this);
    m_noMatchText = makeText(QString(), u"ordersNoMatchText"_s, this);
    auto *showAll = new QPushButton(tr("Show All Orders"), this);
    showAll->setObjectName(u"ordersShowAll"_s);
    connect(showAll, &QPushButton::clicked, this, [this] {
        m_search->clear();
        setFilter(AllOrders);
        m_proxy->setFinishedOn(std::nullopt);
        m_dayFilter->setVisible(false);
        updateStateAndCount();
    });
    QWidget *page =
        makeStatePage(u":/icons/orders-no-match.svg"_s, title, m_noMatchText, showAll, this);
    page->setObjectName(u"ordersNoMatchState"_s);
    return page;
}

void OrdersPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void OrdersPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void OrdersPanel::setFilter(int filter)
{
    const int index = m_filter->findData(filter);
    if (index >= 0)
        m_filter->setCurrentIndex(index);
}

int OrdersPanel::filter() const
{
    return m_filter->currentData().toInt();
}

void OrdersPanel::showStatus(JobStatus status)
{
    // The dashboard counts archived orders too; the table shows what it counted.
    setShowArchived(true);
    m_search->clear();
    m_proxy->setFinishedOn(std::nullopt);
    m_dayFilter->setVisible(false);
    setFilter(filterFor(status));
    updateStateAndCount();
}

void OrdersPanel::showNeedingAttention()
{
    // The dashboard counts archived orders too; the table shows what it counted.
    setShowArchived(true);
    m_search->clear();
    m_proxy->setFinishedOn(std::nullopt);
    m_dayFilter->setVisible(false);
    setFilter(NeedsAttentionOrders);
    updateStateAndCount();
}

void OrdersPanel::showFinishedOn(QDate day)
{
    // The dashboard counts archived orders too; the table shows what it counted.
    setShowArchived(true);
    m_search->clear();
    setFilter(AllOrders);
    m_proxy->setFinishedOn(day);
    //: A filter of the orders table; clicking it shows every day again
    m_dayFilter->setText(
        tr("Finished on %1 \u2715").arg(QLocale().toString(day, QLocale::ShortFormat)));
    m_dayFilter->setVisible(true);
    updateStateAndCount();
}

void OrdersPanel::setShowArchived(bool show)
{
    m_proxy->setShowArchived(show);
    if (m_showArchivedBox->isChecked() != show)
        m_showArchivedBox->setChecked(show);
    if (m_showArchivedAction && m_showArchivedAction->isChecked() != show)
        m_showArchivedAction->setChecked(show);
    updateStateAndCount();
}

bool OrdersPanel::showsArchived() const
{
    return m_proxy->showsArchived();
}

void OrdersPanel::onFilterChanged()
{
    const int code = filter();
    m_proxy->setNeedsAttentionOnly(code == NeedsAttentionOrders);
    switch (code) {
    case AllOrders:
    case NeedsAttentionOrders:
        m_proxy->showAll();
        break;
    case OpenOrders:
        m_proxy->showOpenOnly();
        break;
    case FailedOrders:
        m_proxy->setStatusFilter(QSet<JobStatus>{JobStatus::Failure, JobStatus::ConfirmedFailure});
        break;
    case FinishedOrders:
        m_proxy->showFinalOnly();
        break;
    default:
        m_proxy->setStatusFilter(QSet<JobStatus>{JobStatus(code - FirstStatusFilter)});
        break;
    }
    updateStateAndCount();
}

void OrdersPanel::updateStateAndCount()
{
    const int total = m_model.rowCount();
    const int shown = m_proxy->rowCount();
    const bool filtered = !m_proxy->searchText().trimmed().isEmpty() || filter() != AllOrders ||
                          m_proxy->finishedOn() || shown != total;
    if (total == 0) {
        m_count->clear();
        m_stack->setCurrentIndex(EmptyPage);
        return;
    }
    // "Label: figure" needs no plural forms, so it reads right in every language as it is.
    m_count->setText(filtered ? tr("Shown: %1 of %2").arg(shown).arg(total)
                              : tr("Orders: %1").arg(total));
    if (shown > 0) {
        m_stack->setCurrentIndex(TablePage);
        return;
    }
    const QString search = m_proxy->searchText().trimmed();
    if (search.isEmpty() && filter() == AllOrders && !m_proxy->finishedOn()) {
        m_noMatchText->setText(tr("Every order is archived. Tick \u201cShow archived\u201d to "
                                  "see them."));
        m_stack->setCurrentIndex(NoMatchPage);
        return;
    }
    m_noMatchText->setText(
        search.isEmpty()
            ? tr("No order has the status \u201c%1\u201d.").arg(m_filter->currentText())
            : tr("No order matches \u201c%1\u201d with the status filter "
                 "\u201c%2\u201d.")
                  .arg(search, m_filter->currentText()));
    m_stack->setCurrentIndex(NoMatchPage);
}

QList<Order> OrdersPanel::selectedOrders() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<Order> orders;
    orders.reserve(rows.size());
    for (const QModelIndex &index : rows) {
        if (const Order *order = m_proxy->orderAt(index.row()))
            orders.append(*order);
    }
    return orders;
}

std::optional<Order> OrdersPanel::currentOrder() const
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = selection->currentIndex();
    if (current.isValid() && selection->isRowSelected(current.row(), current.parent())) {
        if (const Order *order = m_proxy->orderAt(current.row()))
            return *order;
    }
    const QModelIndexList rows = selection->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const auto first =
        std::min_element(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
            return a.row() < b.row();
        });
    if (const Order *order = m_proxy->orderAt(first->row()))
        return *order;
    return std::nullopt;
}

bool OrdersPanel::selectOrder(qint64 orderId)
{
    const int sourceRow = m_model.rowOfOrder(orderId);
    if (sourceRow < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model.index(sourceRow, 0));
    if (!index.isValid()) {
        m_search->clear();
        setFilter(AllOrders);
        m_proxy->setFinishedOn(std::nullopt);
        m_dayFilter->setVisible(false);
        if (m_model.orderAt(sourceRow)->isArchived())
            setShowArchived(true);
        index = m_proxy->mapFromSource(m_model.index(sourceRow, 0));
    }
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

void OrdersPanel::onSelectionChanged()
{
    updateActions();
    const std::optional<Order> order = currentOrder();
    const std::optional<qint64> id = order ? std::optional<qint64>(order->id) : std::nullopt;
    if (id == m_currentId)
        return;
    m_currentId = id;
    Q_EMIT currentOrderChanged(order);
}

void OrdersPanel::onModelDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    updateActions();
    if (!m_currentId || m_updatePending)
        return;
    const int row = m_model.rowOfOrder(*m_currentId);
    if (row < topLeft.row() || row > bottomRight.row())
        return;
    // One poll round changes several cells of a row in several signals; the listeners (the
    // details panel reads the history from the store) hear about it once.
    m_updatePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_updatePending = false;
            const Order *order =
                m_currentId ? m_model.orderAt(m_model.rowOfOrder(*m_currentId)) : nullptr;
            if (order)
                Q_EMIT currentOrderUpdated(*order);
        },
        Qt::QueuedConnection);
}

} // namespace pc
