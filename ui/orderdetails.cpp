#include "orderdetails.h"

#include "common/datasize.h"
#include "orderdelegates.h"
#include "orders/displayformat.h"
#include "ordertablemodel.h"
#include "statuspresentation.h"

#include "stl/inspectiontask.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QResizeEvent>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kMaxLinkChars = 44;
constexpr int kLinkTailChars = 10;
// Wider than this (in multiples of the height) the facts and the timeline sit side by side.
constexpr double kSideBySideAspect = 1.6;

enum TimelineColumn { TimeColumn, StatusColumn, ProgressColumn, MessageColumn };
enum Page { EmptyPage, DetailsPage };

void setMuted(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    widget->setPalette(palette);
}

QLabel *makeSectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? u"\u2014"_s : text;
}

// The line under the file name: what the status means right now, in a few words.
QString statusDetail(const Order &order)
{
    const PrintStatus &status = order.status;
    QStringList parts;
    switch (status.status) {
    case JobStatus::AwaitingCustomer:
        return OrderDetails::tr("The customer has not pressed Print yet.");
    case JobStatus::WarmingUp:
    case JobStatus::Printing:
        if (status.minutesLeft)
            parts << formatMinutesLeft(status.minutesLeft);
        if (!status.printerModel.isEmpty())
            parts << OrderDetails::tr("on %1").arg(status.printerModel);
        return parts.join(u' ');
    default:
        break;
    }
    if (!status.message.isEmpty())
        //: The printer owner's comment, quoted
        return OrderDetails::tr("\u201c%1\u201d").arg(status.message.simplified());
    if (!status.printerModel.isEmpty())
        return OrderDetails::tr("Printer: %1").arg(status.printerModel);
    return {};
}

// A link as a clickable label. Long links are shortened in the middle for display (the start
// names the service, the end the token); the target, the tooltip and the label's "Copy Link
// Location" keep the whole link.
QString linkHtml(const QString &link)
{
    if (link.isEmpty())
        return u"\u2014"_s;
    QString shown = link;
    if (shown.size() > kMaxLinkChars)
        shown = shown.left(kMaxLinkChars - kLinkTailChars - 1) + u'\u2026' +
                shown.right(kLinkTailChars);
    return u"<a href=\"%1\">%2</a>"_s.arg(link.toHtmlEscaped(), shown.toHtmlEscaped());
}

} // namespace

OrderDetails::OrderDetails(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"orderDetails"_s);
    setAccessibleName(tr("Order details"));

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(createFactsPane());
    m_splitter->addWidget(createTimelinePane());
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(EmptyPage, createEmptyPage());
    m_stack->insertWidget(DetailsPage, m_splitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    clear();
}

OrderDetails::~OrderDetails() = default;

QWidget *OrderDetails::createEmptyPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"detailsEmptyState"_s);
    auto *icon = new QLabel(page);
    icon->setPixmap(
        QIcon(u":/icons/orders-details.svg"_s).pixmap(QSize(48, 48), devicePixelRatioF()));
    auto *text = new QLabel(tr("Select an order to see its file, links and status history."), page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    setMuted(text);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(10);
    layout->addStretch(1);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(text);
    layout->addStretch(2);
    return page;
}

QWidget *OrderDetails::createFactsPane()
{
    auto *content = new QWidget;
    content->setObjectName(u"detailsFacts"_s);

    // Header: the thumbnail (or why there is none), the file name and the status badge.
    m_thumbnailLabel = new QLabel(content);
    m_thumbnailLabel->setObjectName(u"detailsThumbnail"_s);
    m_thumbnailLabel->setFixedSize(kThumbnailSide, kThumbnailSide);
    m_thumbnailLabel->setAlignment(Qt::AlignCenter);
    m_thumbnailLabel->setStyleSheet(u"QLabel#detailsThumbnail { background-color: "
                                    "palette(alternate-base); border: 1px solid palette(mid); "
                                    "border-radius: 6px; }"_s);
    m_fileName = new QLabel(content);
    m_fileName->setObjectName(u"detailsFileName"_s);
    m_fileName->setTextFormat(Qt::PlainText);
    m_fileName->setWordWrap(true);
    m_fileName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_fileName->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_fileName->setFont(big);
    m_badge = new QLabel(content);
    m_badge->setObjectName(u"detailsStatus"_s);
    m_subtitle = new QLabel(content);
    m_subtitle->setObjectName(u"detailsSubtitle"_s);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setWordWrap(true);
    setMuted(m_subtitle);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(6);
    titles->addWidget(m_fileName);
    titles->addWidget(m_badge);
    titles->addWidget(m_subtitle);
    titles->addStretch(1);
    auto *header = new QHBoxLayout;
    header->setSpacing(14);
    header->addWidget(m_thumbnailLabel, 0, Qt::AlignTop);
    header->addLayout(titles, 1);

    // One form for every section, so all values line up in one column.
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(16);
    m_form->setVerticalSpacing(6);
    const auto section = [this, content](const QString &title) {
        auto *label = makeSectionTitle(title, content);
        label->setContentsMargins(0, 10, 0, 2);
        m_form->addRow(label);
    };
    section(tr("Order"));
    addField(m_form, tr("Receiver"), u"detailsReceiver"_s);
    addField(m_form, tr("Price"), u"detailsPrice"_s);
    addField(m_form, tr("Job ID"), u"detailsJobId"_s);
    addField(m_form, tr("Created"), u"detailsCreated"_s);
    addField(m_form, tr("Print started"), u"detailsPrintStarted"_s);
    addField(m_form, tr("Print finished"), u"detailsPrintFinished"_s);
    addField(m_form, tr("Printer"), u"detailsPrinter"_s);
    addField(m_form, tr("Print time"), u"detailsPrintTime"_s);
    addField(m_form, tr("Last checked"), u"detailsLastChecked"_s);
    addField(m_form, tr("Archived"), u"detailsArchived"_s);
    addField(m_form, tr("Note"), u"detailsNote"_s);

    section(tr("Token"));
    addCopyableField(m_form, tr("Token"), u"detailsToken"_s);
    for (QLabel *link : {addField(m_form, tr("Link"), u"detailsTokenLink"_s),
                         addField(m_form, tr("TLS link"), u"detailsSslTokenLink"_s)}) {
        link->setTextFormat(Qt::RichText);
        link->setWordWrap(false); // a link broken over two lines reads as two
        // ...and a long one may not widen the narrow dock: it is cut at the edge (the copy
        // and open buttons of the print page carry it whole).
        link->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        link->setOpenExternalLinks(true);
        link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    }

    section(tr("File"));
    addField(m_form, tr("Size"), u"detailsSize"_s);
    addCopyableField(m_form, tr("SHA-256"), u"detailsSha256"_s);
    m_triangles = addField(m_form, tr("Triangles"), u"detailsTriangles"_s);
    m_dimensions = addField(m_form, tr("Dimensions"), u"detailsDimensions"_s);
    m_fileStateText = new QLabel(content);
    m_fileStateText->setObjectName(u"detailsFileState"_s);
    m_fileStateText->setTextFormat(Qt::PlainText);
    m_fileStateText->setWordWrap(true);
    setMuted(m_fileStateText);
    m_form->addRow(m_fileStateText);

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addLayout(m_form);
    layout->addStretch(1);

    auto *scroll = new QScrollArea;
    scroll->setObjectName(u"detailsScroll"_s);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The details fit the dock's width and wrap; sideways scrolling hid the ends of lines.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return scroll;
}

QWidget *OrderDetails::createTimelinePane()
{
    auto *pane = new QWidget;
    m_timeline = new QTreeWidget(pane);
    m_timeline->setObjectName(u"detailsTimeline"_s);
    m_timeline->setAccessibleName(tr("Status history"));
    m_timeline->setColumnCount(4);
    m_timeline->setHeaderLabels({tr("Time"), tr("Status"), tr("Progress"), tr("Message")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->setUniformRowHeights(true);
    m_timeline->setAlternatingRowColors(true);
    m_timeline->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timeline->setItemDelegateForColumn(StatusColumn, new StatusBadgeDelegate(m_timeline));
    m_timeline->header()->setStretchLastSection(true);
    m_timeline->header()->setSectionsMovable(false);
    const QFontMetrics metrics = fontMetrics();
    m_timeline->setColumnWidth(TimeColumn,
                               metrics.horizontalAdvance(OrderTableModel::formatDateTime(
                                   QDateTime(QDate(2024, 12, 28), QTime(23, 59)))) +
                                   24);
    int statusWidth = 0;
    for (int i = int(JobStatus::AwaitingCustomer); i < int(JobStatus::Unknown); ++i)
        statusWidth = std::max(
            statusWidth, StatusBadgeDelegate::badgeSize(font(), statusLabel(JobStatus(i))).width());
    m_timeline->setColumnWidth(StatusColumn, statusWidth + 16);
    m_timeline->setColumnWidth(ProgressColumn, std::max(metrics.horizontalAdvance(tr("Progress")),
                                                        metrics.horizontalAdvance(u"100 %"_s)) +
                                                   24);

    m_noHistory = new QLabel(tr("No status change has been recorded yet."), pane);
    m_noHistory->setObjectName(u"detailsNoHistory"_s);
    setMuted(m_noHistory);

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(14, 8, 14, 12);
    layout->setSpacing(6);
    layout->addWidget(makeSectionTitle(tr("Status history"), pane));
    layout->addWidget(m_noHistory);
    layout->addWidget(m_timeline, 1);
    return pane;
}

QLabel *OrderDetails::addField(QFormLayout *form, const QString &caption, const QString &objectName)
{
    auto *value = new QLabel;
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setAccessibleName(caption);
    auto *label = new QLabel(caption);
    setMuted(label);
    label->setBuddy(value);
    form->addRow(label, value);
    return value;
}

// Tokens and hashes are long unbroken strings: a frameless read-only line edit shows them on
// one line, scrolls when narrow, and copies the whole value.
QLineEdit *OrderDetails::addCopyableField(QFormLayout *form, const QString &caption,
                                          const QString &objectName)
{
    auto *value = new QLineEdit;
    value->setObjectName(objectName);
    value->setReadOnly(true);
    value->setFrame(false);
    value->setAccessibleName(caption);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 0.95);
    value->setFont(mono);
    QPalette palette = value->palette();
    palette.setColor(QPalette::Base, Qt::transparent);
    value->setPalette(palette);
    value->setTextMargins(0, 0, 0, 0);
    value->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(caption);
    setMuted(label);
    label->setBuddy(value);
    form->addRow(label, value);
    return value;
}

QString OrderDetails::fieldText(const QString &objectName) const
{
    if (const auto *label = findChild<QLabel *>(objectName))
        return label->text();
    if (const auto *edit = findChild<QLineEdit *>(objectName))
        return edit->text();
    return {};
}

std::optional<qint64> OrderDetails::orderId() const
{
    return m_order ? std::optional<qint64>(m_order->id) : std::nullopt;
}

void OrderDetails::clear()
{
    delete m_task;
    m_order.reset();
    m_sourcePath.clear();
    m_thumbnail = QImage();
    m_fileState = FileState::NoSource;
    m_timeline->clear();
    m_stack->setCurrentIndex(EmptyPage);
}

void OrderDetails::showOrder(const Order &order, const QList<StatusHistoryEntry> &history,
                             const QString &sourcePath)
{
    const bool sameFile = m_order && m_order->id == order.id && m_sourcePath == sourcePath;
    m_order = order;
    fillFacts(order);
    fillTimeline(history);
    m_stack->setCurrentIndex(DetailsPage);
    if (sameFile)
        return;
    m_sourcePath = sourcePath;
    startFile(sourcePath, order.size);
}

void OrderDetails::fillFacts(const Order &order)
{
    const QLocale locale;
    const auto set = [this](const QString &name, const QString &text) {
        if (auto *label = findChild<QLabel *>(name))
            label->setText(text);
        else if (auto *edit = findChild<QLineEdit *>(name)) {
            edit->setText(text);
            edit->setCursorPosition(0);
            edit->setToolTip(text); // the whole value, when the field is too narrow for it
        }
    };
    const PrintStatus &status = order.status;
    m_fileName->setText(order.fileName);
    m_subtitle->setText(statusDetail(order));
    set(u"detailsReceiver"_s, orDash(order.receiverEmail));
    set(u"detailsPrice"_s, formatMoney(order.price, order.currency));
    set(u"detailsJobId"_s, orDash(order.partnerJobId));
    set(u"detailsCreated"_s, OrderTableModel::formatDateTime(order.created));
    set(u"detailsPrintStarted"_s, OrderTableModel::formatDateTime(order.printStarted));
    set(u"detailsPrintFinished"_s, OrderTableModel::formatDateTime(order.printFinished));
    set(u"detailsPrinter"_s, orDash(status.printerModel));
    set(u"detailsPrintTime"_s, formatPrintTime(status.totalTime));
    set(u"detailsLastChecked"_s, order.lastChecked.isValid()
                                     ? OrderTableModel::formatDateTime(order.lastChecked)
                                     : tr("not yet"));
    set(u"detailsArchived"_s,
        order.isArchived() ? OrderTableModel::formatDateTime(order.archived) : tr("no"));
    set(u"detailsNote"_s, orDash(order.note));
    set(u"detailsToken"_s, order.token);
    // Links built from the token page address (the upload's answer was lost) say so, so that
    // nobody takes them for the service's own word.
    const QString rebuilt =
        order.linksReconstructed ? u" "_s + tr("(reconstructed)").toHtmlEscaped() : QString();
    const QString rebuiltTip =
        order.linksReconstructed
            ? u"\n"_s + tr("Built from the service's token page address: the answer of the "
                           "upload, which carries the links, was lost.")
            : QString();
    set(u"detailsTokenLink"_s, linkHtml(order.tokenLink) + rebuilt);
    findChild<QLabel *>(u"detailsTokenLink"_s)->setToolTip(order.tokenLink + rebuiltTip);
    set(u"detailsSslTokenLink"_s, linkHtml(order.sslTokenLink) + rebuilt);
    findChild<QLabel *>(u"detailsSslTokenLink"_s)->setToolTip(order.sslTokenLink + rebuiltTip);
    set(u"detailsSize"_s, order.size > 0 ? formatDataSize(order.size, locale) : u"\u2014"_s);
    set(u"detailsSha256"_s, order.sha256);
    updateBadge();
}

void OrderDetails::updateBadge()
{
    if (!m_order)
        return;
    const PrintStatus &status = m_order->status;
    QString label = statusLabel(status.status, status.statusText);
    if (status.percentage && !isFinal(status.status))
        label += u"  "_s + OrderTableModel::formatPercentage(status.percentage);
    if (m_order->unknownToService)
        label = tr("%1 (unknown to the service)").arg(label);
    // The badge is painted like the table's, into a pixmap for this label.
    const QSize size = StatusBadgeDelegate::badgeSize(font(), label);
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(size * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    StatusBadgeDelegate::paintBadge(&painter, QRect(QPoint(0, 0), size), palette(), font(),
                                    statusColor(status.status),
                                    QIcon(statusIconResource(status.status)), label);
    painter.end();
    m_badge->setPixmap(pixmap);
    m_badge->setAccessibleName(label);
    m_badge->setToolTip(status.message.isEmpty() ? label : label + u"\n"_s + status.message);
}

void OrderDetails::fillTimeline(const QList<StatusHistoryEntry> &history)
{
    QList<StatusHistoryEntry> entries = history;
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const StatusHistoryEntry &a, const StatusHistoryEntry &b) { return a.time > b.time; });
    m_timeline->clear();
    QList<QTreeWidgetItem *> items;
    for (const StatusHistoryEntry &entry : entries) {
        const PrintStatus &status = entry.status;
        auto *item = new QTreeWidgetItem;
        item->setText(TimeColumn, OrderTableModel::formatDateTime(entry.time));
        item->setToolTip(TimeColumn,
                         QLocale().toString(entry.time.toLocalTime(), QLocale::LongFormat));
        item->setText(StatusColumn, statusLabel(status.status, status.statusText));
        item->setIcon(StatusColumn, QIcon(statusIconResource(status.status)));
        item->setData(StatusColumn, OrderTableModel::StatusColorRole, statusColor(status.status));
        item->setText(ProgressColumn, OrderTableModel::formatPercentage(status.percentage));
        item->setTextAlignment(ProgressColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(MessageColumn, status.message.simplified());
        if (!status.message.isEmpty())
            item->setToolTip(MessageColumn, status.message);
        items.append(item);
    }
    m_timeline->addTopLevelItems(items);
    m_noHistory->setVisible(items.isEmpty());
    m_timeline->setVisible(!items.isEmpty());
}

void OrderDetails::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const QSize size = event->size();
    const Qt::Orientation wanted =
        size.width() > size.height() * kSideBySideAspect ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() == wanted)
        return;
    m_splitter->setOrientation(wanted);
    // Side by side the timeline gets the larger share (its message column wants room);
    // stacked, the facts do.
    const int length = wanted == Qt::Horizontal ? size.width() : size.height();
    const double facts = wanted == Qt::Horizontal ? 0.45 : 0.6;
    m_splitter->setSizes({int(length * facts), length - int(length * facts)});
}

void OrderDetails::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The badge is a pixmap painted with the palette: repaint it for the new one.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        updateBadge();
}

} // namespace pc
