#pragma once

#include "orders/orderform.h"
#include "uploadqueuemodel.h"

#include <QAbstractProxyModel>
#include <QHash>
#include <QPersistentModelIndex>

namespace pc {

class FileThumbnails;
struct FileFacts;
class QueueMirror;

// The upload queue as the panel shows it: UploadQueueModel's rows with the columns of
// UX.md. It adds what the queue model does not hold (thumbnail, size, triangles and
// dimensions from FileThumbnails; the partner job id) and folds progress, speed, time left
// and the failure reason into the State cell, where the progress delegate paints them.
// Receiver, price and job id can be edited in place while the item allows it.
class QueueViewModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueViewModel)

public:
    enum Column { Name, Size, Triangles, Dimensions, Receiver, Price, JobId, State, ColumnCount };
    Q_ENUM(Column)

    // UploadQueueModel's roles (RawValueRole, ItemIdRole, ...) pass through; these are added.
    enum Role {
        ProgressRole = UploadQueueModel::SourcePathRole + 16, // double percent; State column
        SpeedTextRole,     // QString, State column, while uploading
        TimeLeftTextRole,  // QString, State column, while uploading
        ReasonRole,        // QString, State column: why it failed or waits
        StateIconRole,     // QString resource path, State column
        RetryScheduledRole // bool, State column
    };
    Q_ENUM(Role)

    QueueViewModel(UploadQueueModel &source, QueueMirror &queue, FileThumbnails &thumbnails,
                   QObject *parent = nullptr);
    ~QueueViewModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    const QueueItem *itemAt(int row) const;
    int rowOfItem(qint64 id) const;

    // Resource path of the icon of a queue state (also used by the panel's actions).
    static QString stateIcon(QueueState state, bool retryScheduled);
    // For a design whose size looks like another unit than millimetres: "Probably drawn in
    // inches, not millimetres: it would be 23.4 × 38.6 × 82.3 mm."
    static QString likelyUnitsText(const FileFacts &facts, const QLocale &locale);

Q_SIGNALS:
    // An in-place edit was refused; `message` says what is wrong and what to do.
    void editRejected(const QString &message);

private:
    static int sourceColumn(int proxyColumn);
    static int proxyColumn(int sourceColumn);
    QVariant fileData(const QueueItem &item, int column, int role) const;
    QVariant stateData(const QModelIndex &index, const QueueItem &item, int role) const;
    void emitRow(int row, int firstColumn, int lastColumn, const QList<int> &roles = {});
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);
    void onSourceLayoutAboutToBeChanged();
    void onSourceLayoutChanged();
    void onFactsChanged(const QString &path);
    void requestFacts(int first, int last);

    UploadQueueModel &m_source;
    QueueMirror &m_queue;
    // Cell edits sent to the queue and not stored yet, per item (the latest one's serial).
    QHash<qint64, OrderFacts> m_unstoredEdits;
    QHash<qint64, quint64> m_unstoredEditSerials;
    quint64 m_lastEdit = 0;
    FileThumbnails &m_thumbnails;
    QModelIndexList m_layoutProxy;
    QList<QPersistentModelIndex> m_layoutSource;
};

} // namespace pc
