#pragma once

#include "orders/storetypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>

#include <array>

class QTimer;

namespace pc {

class QueueMirror;

// The upload queue as a table: one row per queue item, in queue order, following the
// queue's signals. Added, removed and moved items insert, remove and move rows; a state
// change re-reads that one item and announces only the cells that changed. Upload progress
// (bytes, speed, time left) comes live from QueueMirror::transfer() and is announced at
// most once per progress interval per row, for the Progress, Speed and TimeLeft cells only.
class UploadQueueModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadQueueModel)

public:
    enum Column {
        File,
        Receiver,
        Price,
        State,
        Progress,
        Speed,
        TimeLeft,
        Attempts,
        NextRetry,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        // QString (File, Receiver, Reason), double (Price amount; Progress in percent, Speed
        // in bytes per second; invalid when unknown), qint64 seconds (TimeLeft), int
        // (State: the QueueState value; Attempts), QDateTime (NextRetry, invalid when none).
        RawValueRole = Qt::UserRole + 1,
        ItemIdRole,     // qint64, every column
        TokenRole,      // QString, every column; empty until the token exists
        QueueStateRole, // int (pc::QueueState), State column
        SourcePathRole, // QString, File column
    };
    Q_ENUM(Role)

    static constexpr int kDefaultProgressIntervalMs = 250;

    explicit UploadQueueModel(QueueMirror &queue, QObject *parent = nullptr);
    ~UploadQueueModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // How often a running upload's cells are announced at most (milliseconds).
    void setProgressInterval(int milliseconds);
    int progressInterval() const;

    // Reads the whole queue again and brings the rows in line with it (rows removed,
    // moved, changed and inserted as needed). The constructor does this once.
    void reload();

    int rowOfItem(qint64 id) const; // -1 when absent
    const QueueItem *itemAt(int row) const;

    // "Queued", "Checking the file", "Uploading", "Waiting to retry", ... (translated).
    static QString stateLabel(QueueState state, bool retryScheduled = false);

private:
    using CellChanges = std::array<quint32, ColumnCount>;

    void onItemAdded(qint64 id);
    void onItemChanged(qint64 id);
    void onItemRemoved(qint64 id);
    void onUploadProgress(qint64 id);
    void flushProgress();
    void insertItem(const QueueItem &item);
    void removeRow(int row);
    // Puts the rows in `order` (the same ids), with one row move when that is all it takes.
    void reorder(const QList<qint64> &order);
    void applyChange(int row, const QueueItem &item);
    static CellChanges diff(const QueueItem &before, const QueueItem &after);
    void emitRowChanges(int row, const CellChanges &cells);
    void rebuildIndex();

    QVariant displayData(const QueueItem &item, int column) const;
    QVariant rawData(const QueueItem &item, int column) const;
    std::optional<double> progressPercent(const QueueItem &item) const;

    QPointer<QueueMirror> m_queue;
    QList<QueueItem> m_items;
    QHash<qint64, int> m_rowById;
    QSet<qint64> m_progressPending;
    QTimer *m_progressTimer;
};

} // namespace pc
