#include "queueviewmodel.h"

#include "filethumbnails.h"

#include "orders/uploadqueue.h"
#include "queuemirror.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {
using Source = UploadQueueModel;
} // namespace

QueueViewModel::QueueViewModel(UploadQueueModel &source, QueueMirror &queue,
                               FileThumbnails &thumbnails, QObject *parent)
    : QAbstractProxyModel(parent)
    , m_source(source)
    , m_queue(queue)
    , m_thumbnails(thumbnails)
{
    QAbstractProxyModel::setSourceModel(&source);
    // Rows are one to one, so the row signals pass through as they are.
    connect(&source, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first, int last) { beginInsertRows({}, first, last); });
    connect(&source, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                endInsertRows();
                requestFacts(first, last);
            });
    connect(&source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &, int first, int last) { beginRemoveRows({}, first, last); });
    connect(&source, &QAbstractItemModel::rowsRemoved, this, [this] { endRemoveRows(); });
    connect(&source, &QAbstractItemModel::rowsAboutToBeMoved, this,
            [this](const QModelIndex &, int first, int last, const QModelIndex &, int to) {
                beginMoveRows({}, first, last, {}, to);
            });
    connect(&source, &QAbstractItemModel::rowsMoved, this, [this] { endMoveRows(); });
    connect(&source, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &QueueViewModel::onSourceLayoutAboutToBeChanged);
    connect(&source, &QAbstractItemModel::layoutChanged, this,
            &QueueViewModel::onSourceLayoutChanged);
    connect(&source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
    connect(&source, &QAbstractItemModel::modelReset, this, [this] {
        endResetModel();
        requestFacts(0, rowCount() - 1);
    });
    connect(&source, &QAbstractItemModel::dataChanged, this, &QueueViewModel::onSourceDataChanged);
    // The queue model has no cell for the job id and announces a new file size only in its
    // Progress cell: refresh those after it has taken the change in (it connected first).
    connect(&queue, &QueueMirror::itemChanged, this, [this](qint64 id) {
        if (const int row = rowOfItem(id); row >= 0)
            emitRow(row, Size, JobId);
    });
    connect(&thumbnails, &FileThumbnails::factsChanged, this, &QueueViewModel::onFactsChanged);
    requestFacts(0, rowCount() - 1);
}

QueueViewModel::~QueueViewModel() = default;

// --- structure ---------------------------------------------------------------------------

QModelIndex QueueViewModel::index(int row, int column, const QModelIndex &parent) const
{
    return hasIndex(row, column, parent) ? createIndex(row, column) : QModelIndex();
}

QModelIndex QueueViewModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex QueueViewModel::sibling(int row, int column, const QModelIndex &) const
{
    // The base class goes through the source, which has no cell for the added columns.
    return index(row, column);
}

int QueueViewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_source.rowCount();
}

int QueueViewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool QueueViewModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0;
}

int QueueViewModel::sourceColumn(int proxyColumn)
{
    switch (proxyColumn) {
    case Receiver:
        return Source::Receiver;
    case Price:
        return Source::Price;
    case State:
        return Source::State;
    default:
        return Source::File; // the file's own facts, and the job id, belong to the item
    }
}

int QueueViewModel::proxyColumn(int sourceColumn)
{
    switch (sourceColumn) {
    case Source::File:
        return Name;
    case Source::Receiver:
        return Receiver;
    case Source::Price:
        return Price;
    default:
        return State; // progress, speed, time left, attempts, next retry and reason
    }
}

QModelIndex QueueViewModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid())
        return {};
    return m_source.index(proxyIndex.row(), sourceColumn(proxyIndex.column()));
}

QModelIndex QueueViewModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid())
        return {};
    return index(sourceIndex.row(), proxyColumn(sourceIndex.column()));
}

const QueueItem *QueueViewModel::itemAt(int row) const
{
    return m_source.itemAt(row);
}

int QueueViewModel::rowOfItem(qint64 id) const
{
    return m_source.rowOfItem(id);
}

// --- following the source ----------------------------------------------------------------

void QueueViewModel::emitRow(int row, int firstColumn, int lastColumn, const QList<int> &roles)
{
    Q_EMIT dataChanged(index(row, firstColumn), index(row, lastColumn), roles);
}

void QueueViewModel::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                         const QList<int> &)
{
    int first = ColumnCount;
    int last = -1;
    for (int column = topLeft.column(); column <= bottomRight.column(); ++column) {
        first = std::min(first, proxyColumn(column));
        last = std::max(last, proxyColumn(column));
    }
    if (last < 0)
        return;
    // A progress tick (the live cells only) changes the State cell's figures, never its
    // state: say so, so that listeners can skip what depends on the state.
    const bool figuresOnly =
        topLeft.column() >= Source::Progress && bottomRight.column() <= Source::TimeLeft;
    static const QList<int> kFigures{ProgressRole, SpeedTextRole, TimeLeftTextRole};
    // Otherwise all roles: the cells' own roles are derived from several source roles.
    Q_EMIT dataChanged(index(topLeft.row(), first), index(bottomRight.row(), last),
                       figuresOnly ? kFigures : QList<int>());
}

void QueueViewModel::onSourceLayoutAboutToBeChanged()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_layoutProxy = persistentIndexList();
    m_layoutSource.clear();
    m_layoutSource.reserve(m_layoutProxy.size());
    for (const QModelIndex &proxy : std::as_const(m_layoutProxy))
        m_layoutSource.append(QPersistentModelIndex(m_source.index(proxy.row(), 0)));
}

void QueueViewModel::onSourceLayoutChanged()
{
    QModelIndexList to;
    to.reserve(m_layoutProxy.size());
    for (qsizetype i = 0; i < m_layoutProxy.size(); ++i) {
        const QPersistentModelIndex &moved = m_layoutSource.at(i);
        to.append(moved.isValid() ? index(moved.row(), m_layoutProxy.at(i).column())
                                  : QModelIndex());
    }
    changePersistentIndexList(m_layoutProxy, to);
    m_layoutProxy.clear();
    m_layoutSource.clear();
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void QueueViewModel::onFactsChanged(const QString &path)
{
    for (int row = 0; row < rowCount(); ++row) {
        if (itemAt(row)->sourcePath == path)
            emitRow(row, Name, Dimensions);
    }
}

void QueueViewModel::requestFacts(int first, int last)
{
    for (int row = std::max(0, first); row <= last && row < rowCount(); ++row) {
        const QueueItem *item = itemAt(row);
        m_thumbnails.request(item->sourcePath, item->modified);
    }
}

} // namespace pc
