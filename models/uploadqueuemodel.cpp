#include "uploadqueuemodel.h"

#include "common/datasize.h"
#include "orders/displayformat.h"
#include "ordertablemodel.h"
#include "queuemirror.h"
#include "statuspresentation.h"

#include <QTimer>

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

enum RoleBit : quint32 {
    DisplayBit = 1u << 0,
    ToolTipBit = 1u << 1,
    RawValueBit = 1u << 2,
    TokenBit = 1u << 3,
    QueueStateBit = 1u << 4,
    SourcePathBit = 1u << 5,
};
constexpr quint32 kText = DisplayBit | RawValueBit;

QList<int> rolesOf(quint32 bits)
{
    static constexpr std::array<std::pair<quint32, int>, 6> kRoles{{
        {DisplayBit, Qt::DisplayRole},
        {ToolTipBit, Qt::ToolTipRole},
        {RawValueBit, UploadQueueModel::RawValueRole},
        {TokenBit, UploadQueueModel::TokenRole},
        {QueueStateBit, UploadQueueModel::QueueStateRole},
        {SourcePathBit, UploadQueueModel::SourcePathRole},
    }};
    QList<int> roles;
    for (const auto &[bit, role] : kRoles) {
        if (bits & bit)
            roles.append(role);
    }
    return roles;
}

bool sameDecimal(const Decimal &a, const Decimal &b)
{
    return a.mantissa() == b.mantissa() && a.scale() == b.scale();
}

} // namespace

UploadQueueModel::UploadQueueModel(QueueMirror &queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(&queue)
    , m_progressTimer(new QTimer(this))
{
    m_progressTimer->setSingleShot(true);
    m_progressTimer->setInterval(kDefaultProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &UploadQueueModel::flushProgress);
    connect(&queue, &QueueMirror::loaded, this, &UploadQueueModel::reload);
    connect(&queue, &QueueMirror::itemAdded, this, &UploadQueueModel::onItemAdded);
    connect(&queue, &QueueMirror::itemChanged, this, &UploadQueueModel::onItemChanged);
    connect(&queue, &QueueMirror::itemRemoved, this, &UploadQueueModel::onItemRemoved);
    connect(&queue, &QueueMirror::uploadProgress, this,
            [this](qint64 id) { onUploadProgress(id); });
    m_items = queue.items();
    std::stable_sort(m_items.begin(), m_items.end(), isBeforeInQueue);
    rebuildIndex();
}

UploadQueueModel::~UploadQueueModel() = default;

int UploadQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int UploadQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags UploadQueueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

void UploadQueueModel::setProgressInterval(int milliseconds)
{
    m_progressTimer->setInterval(std::max(0, milliseconds));
}

int UploadQueueModel::progressInterval() const
{
    return m_progressTimer->interval();
}

int UploadQueueModel::rowOfItem(qint64 id) const
{
    return m_rowById.value(id, -1);
}

const QueueItem *UploadQueueModel::itemAt(int row) const
{
    if (row < 0 || row >= m_items.size())
        return nullptr;
    return &m_items.at(row);
}

QString UploadQueueModel::stateLabel(QueueState state, bool retryScheduled)
{
    switch (state) {
    case QueueState::Queued:
        return tr("Queued");
    case QueueState::Validating:
        return tr("Checking the file");
    case QueueState::Ready:
        return tr("Ready");
    case QueueState::CreatingToken:
        return tr("Creating the token");
    case QueueState::Uploading:
        return tr("Uploading");
    case QueueState::Done:
        return tr("Done");
    case QueueState::Failed:
        return retryScheduled ? tr("Waiting to retry") : tr("Failed");
    case QueueState::Cancelled:
        return tr("Cancelled");
    case QueueState::Paused:
        return tr("Paused");
    case QueueState::NeedsAttention:
        return tr("Needs attention");
    case QueueState::AwaitingDetails:
        return tr("Waiting for order details");
    }
    return {};
}

QVariant UploadQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueueItem &item = m_items.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(item, column);
    case Qt::ToolTipRole:
        if (column == File)
            return item.sourcePath;
        if (column == Reason && !item.failureReason.isEmpty())
            return item.failureReason;
        return {};
    case Qt::TextAlignmentRole:
        switch (column) {
        case Price:
        case Progress:
        case Speed:
        case TimeLeft:
        case Attempts:
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        default:
            return {};
        }
    case RawValueRole:
        return rawData(item, column);
    case ItemIdRole:
        return item.id;
    case TokenRole:
        return item.token;
    case QueueStateRole:
        return column == State ? QVariant(int(item.state)) : QVariant();
    case SourcePathRole:
        return column == File ? QVariant(item.sourcePath) : QVariant();
    default:
        return {};
    }
}

std::optional<double> UploadQueueModel::progressPercent(const QueueItem &item) const
{
    if (item.state == QueueState::Done)
        return 100.0;
    if (item.state != QueueState::Uploading)
        return std::nullopt;
    if (const auto transfer = m_queue ? m_queue->transfer(item.id) : std::nullopt;
        transfer && transfer->bytesTotal > 0)
        return std::clamp(100.0 * double(transfer->bytesSent) / double(transfer->bytesTotal), 0.0,
                          100.0);
    // Between two progress reports: what the store last recorded. The body is a little
    // larger than the file, hence the clamp.
    if (item.size > 0)
        return std::clamp(100.0 * double(item.bytesSent) / double(item.size), 0.0, 100.0);
    return 0.0;
}

QVariant UploadQueueModel::displayData(const QueueItem &item, int column) const
{
    const QLocale locale;
    const bool uploading = item.state == QueueState::Uploading;
    const std::optional<UploadTransfer> transfer =
        uploading && m_queue ? m_queue->transfer(item.id) : std::nullopt;
    switch (column) {
    case File:
        return item.fileName;
    case Receiver:
        return item.receiverEmail;
    case Price:
        return formatMoney(item.price, item.currency, locale);
    case State:
        return stateLabel(item.state, item.nextRetry.isValid());
    case Progress: {
        const std::optional<double> percent = progressPercent(item);
        return percent ? OrderTableModel::formatPercentage(percent, locale) : QString();
    }
    case Speed:
        if (!uploading)
            return QString();
        if (!transfer || !transfer->bytesPerSecond)
            return u"\u2014"_s;
        //: An upload speed, e.g. "12.3 MB/s"
        return tr("%1/s").arg(formatDataSize(qint64(*transfer->bytesPerSecond), locale));
    case TimeLeft:
        if (!uploading)
            return QString();
        return formatPrintTime(transfer && transfer->secondsLeft
                                   ? std::optional<double>(double(*transfer->secondsLeft))
                                   : std::nullopt);
    case Attempts:
        return locale.toString(item.attemptCount);
    case NextRetry:
        return item.nextRetry.isValid() ? OrderTableModel::formatDateTime(item.nextRetry, locale)
                                        : QString();
    case Reason:
        return item.failureReason.simplified();
    default:
        return {};
    }
}

QVariant UploadQueueModel::rawData(const QueueItem &item, int column) const
{
    const std::optional<UploadTransfer> transfer =
        item.state == QueueState::Uploading && m_queue ? m_queue->transfer(item.id) : std::nullopt;
    switch (column) {
    case File:
        return item.fileName;
    case Receiver:
        return item.receiverEmail;
    case Price:
        return double(item.price.mantissa()) / std::pow(10.0, item.price.scale());
    case State:
        return int(item.state);
    case Progress:
        if (const std::optional<double> percent = progressPercent(item))
            return *percent;
        return {};
    case Speed:
        return transfer && transfer->bytesPerSecond ? QVariant(*transfer->bytesPerSecond)
                                                    : QVariant();
    case TimeLeft:
        return transfer && transfer->secondsLeft ? QVariant(*transfer->secondsLeft) : QVariant();
    case Attempts:
        return item.attemptCount;
    case NextRetry:
        return item.nextRetry.isValid() ? QVariant(item.nextRetry) : QVariant();
    case Reason:
        return item.failureReason;
    default:
        return {};
    }
}

QVariant UploadQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case File:
        return tr("File");
    case Receiver:
        return tr("Receiver");
    case Price:
        return tr("Price");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Speed:
        return tr("Speed");
    case TimeLeft:
        return tr("Time left");
    case Attempts:
        return tr("Attempts");
    case NextRetry:
        return tr("Next retry");
    case Reason:
        return tr("Reason");
    default:
        return {};
    }
}

QHash<int, QByteArray> UploadQueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RawValueRole, "rawValue");
    names.insert(ItemIdRole, "itemId");
    names.insert(TokenRole, "token");
    names.insert(QueueStateRole, "queueState");
    names.insert(SourcePathRole, "sourcePath");
    return names;
}

// --- following the queue ------------------------------------------------------------------

void UploadQueueModel::onItemAdded(qint64 id)
{
    if (rowOfItem(id) >= 0) {
        onItemChanged(id);
        return;
    }
    if (!m_queue)
        return;
    if (const std::optional<QueueItem> item = m_queue->item(id))
        insertItem(*item);
}

void UploadQueueModel::onItemChanged(qint64 id)
{
    if (!m_queue)
        return;
    const std::optional<QueueItem> item = m_queue->item(id);
    const int row = rowOfItem(id);
    if (!item) {
        if (row >= 0)
            removeRow(row);
        return;
    }
    if (row < 0) {
        insertItem(*item);
        return;
    }
    if (item->position != m_items.at(row).position) {
        // A move also renumbers a neighbour, which sends no signal of its own: read all.
        reload();
        return;
    }
    applyChange(row, *item);
}

void UploadQueueModel::onItemRemoved(qint64 id)
{
    m_progressPending.remove(id);
    if (const int row = rowOfItem(id); row >= 0)
        removeRow(row);
}

void UploadQueueModel::onUploadProgress(qint64 id)
{
    m_progressPending.insert(id);
    if (!m_progressTimer->isActive())
        m_progressTimer->start();
}

void UploadQueueModel::flushProgress()
{
    QList<int> rows;
    rows.reserve(m_progressPending.size());
    for (const qint64 id : std::as_const(m_progressPending)) {
        if (const int row = rowOfItem(id); row >= 0)
            rows.append(row);
    }
    m_progressPending.clear();
    std::sort(rows.begin(), rows.end());
    static const QList<int> kRoles{Qt::DisplayRole, RawValueRole};
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype last = i;
        while (last + 1 < rows.size() && rows.at(last + 1) == rows.at(last) + 1)
            ++last;
        Q_EMIT dataChanged(index(rows.at(i), Progress), index(rows.at(last), TimeLeft), kRoles);
        i = last + 1;
    }
}

void UploadQueueModel::reload()
{
    if (!m_queue)
        return;
    QList<QueueItem> fresh = m_queue->items();
    std::stable_sort(fresh.begin(), fresh.end(), isBeforeInQueue);
    QHash<qint64, qsizetype> freshIndex;
    freshIndex.reserve(fresh.size());
    for (qsizetype i = 0; i < fresh.size(); ++i)
        freshIndex.insert(fresh.at(i).id, i);

    for (int row = int(m_items.size()) - 1; row >= 0; --row) {
        if (!freshIndex.contains(m_items.at(row).id))
            removeRow(row);
    }
    QList<qint64> order;
    order.reserve(m_items.size());
    for (const QueueItem &item : std::as_const(fresh)) {
        if (m_rowById.contains(item.id))
            order.append(item.id);
    }
    reorder(order);
    for (int row = 0; row < m_items.size(); ++row)
        applyChange(row, fresh.at(freshIndex.value(m_items.at(row).id)));
    // What is left is new; inserted in queue order, each lands at its place.
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        if (m_rowById.contains(fresh.at(i).id))
            continue;
        const int row = int(i);
        beginInsertRows({}, row, row);
        m_items.insert(row, fresh.at(i));
        rebuildIndex();
        endInsertRows();
    }
}

void UploadQueueModel::insertItem(const QueueItem &item)
{
    const auto at = std::upper_bound(m_items.cbegin(), m_items.cend(), item, isBeforeInQueue);
    const int row = int(at - m_items.cbegin());
    beginInsertRows({}, row, row);
    m_items.insert(row, item);
    rebuildIndex();
    endInsertRows();
}

void UploadQueueModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rowById.remove(m_items.at(row).id);
    m_items.removeAt(row);
    rebuildIndex();
    endRemoveRows();
}

void UploadQueueModel::reorder(const QList<qint64> &order)
{
    QList<qint64> current;
    current.reserve(m_items.size());
    for (const QueueItem &item : std::as_const(m_items))
        current.append(item.id);
    if (current == order)
        return;

    // The queue's moves (up, down, top, bottom) move one item: announce that as a row move.
    qsizetype first = 0;
    while (current.at(first) == order.at(first))
        ++first;
    for (const qint64 moved : {current.at(first), order.at(first)}) {
        QList<qint64> rest = current;
        QList<qint64> restWanted = order;
        rest.removeOne(moved);
        restWanted.removeOne(moved);
        if (rest != restWanted)
            continue;
        const int from = int(current.indexOf(moved));
        const int to = int(order.indexOf(moved));
        if (beginMoveRows({}, from, from, {}, to > from ? to + 1 : to)) {
            m_items.move(from, to);
            rebuildIndex();
            endMoveRows();
            return;
        }
    }

    // Anything else: a layout change that carries the persistent indexes along.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QHash<qint64, int> newRow;
    for (int row = 0; row < order.size(); ++row)
        newRow.insert(order.at(row), row);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before)
        after.append(this->index(newRow.value(current.at(index.row())), index.column()));
    std::stable_sort(m_items.begin(), m_items.end(), [&](const QueueItem &a, const QueueItem &b) {
        return newRow.value(a.id) < newRow.value(b.id);
    });
    rebuildIndex();
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void UploadQueueModel::applyChange(int row, const QueueItem &item)
{
    const CellChanges cells = diff(m_items.at(row), item);
    m_items[row] = item;
    emitRowChanges(row, cells);
}

UploadQueueModel::CellChanges UploadQueueModel::diff(const QueueItem &before,
                                                     const QueueItem &after)
{
    CellChanges cells{};
    if (before.fileName != after.fileName)
        cells[File] |= kText;
    if (before.sourcePath != after.sourcePath)
        cells[File] |= ToolTipBit | SourcePathBit;
    if (before.receiverEmail != after.receiverEmail)
        cells[Receiver] |= kText;
    if (!sameDecimal(before.price, after.price) || before.currency != after.currency)
        cells[Price] |= kText;
    const bool stateChanged = before.state != after.state;
    if (stateChanged || before.nextRetry.isValid() != after.nextRetry.isValid())
        cells[State] |= kText;
    if (stateChanged)
        cells[State] |= QueueStateBit;
    // Entering or leaving an upload makes the live figures appear or disappear.
    if (stateChanged) {
        cells[Progress] |= kText;
        cells[Speed] |= kText;
        cells[TimeLeft] |= kText;
    } else if (before.bytesSent != after.bytesSent || before.size != after.size) {
        cells[Progress] |= kText;
    }
    if (before.attemptCount != after.attemptCount)
        cells[Attempts] |= kText;
    if (before.nextRetry != after.nextRetry)
        cells[NextRetry] |= kText;
    if (before.failureReason != after.failureReason)
        cells[Reason] |= kText | ToolTipBit;
    if (before.token != after.token) {
        for (quint32 &bits : cells)
            bits |= TokenBit; // served on every column
    }
    return cells;
}

void UploadQueueModel::emitRowChanges(int row, const CellChanges &cells)
{
    for (int left = 0; left < ColumnCount;) {
        int right = left;
        while (right + 1 < ColumnCount && cells[right + 1] == cells[left])
            ++right;
        if (cells[left] != 0)
            Q_EMIT dataChanged(index(row, left), index(row, right), rolesOf(cells[left]));
        left = right + 1;
    }
}

void UploadQueueModel::rebuildIndex()
{
    m_rowById.clear();
    m_rowById.reserve(m_items.size());
    for (int row = 0; row < m_items.size(); ++row)
        m_rowById.insert(m_items.at(row).id, row);
}

} // namespace pc
