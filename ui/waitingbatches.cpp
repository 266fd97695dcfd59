#include "waitingbatches.h"

namespace pc {

WaitingBatches::WaitingBatches(QObject *parent)
    : QObject(parent)
{}

WaitingBatches::~WaitingBatches() = default;

quint64 WaitingBatches::add(const QList<qint64> &itemIds, const QStringList &paths)
{
    if (itemIds.isEmpty())
        return 0;
    WaitingBatch batch;
    batch.serial = m_nextSerial++;
    batch.itemIds = itemIds;
    batch.paths = paths;
    m_batches.append(batch);
    Q_EMIT changed();
    return batch.serial;
}

std::optional<WaitingBatch> WaitingBatches::current() const
{
    if (m_batches.isEmpty())
        return std::nullopt;
    return m_batches.first();
}

QList<WaitingBatch> WaitingBatches::later() const
{
    return m_batches.mid(1);
}

int WaitingBatches::fileCount() const
{
    int count = 0;
    for (const WaitingBatch &batch : m_batches)
        count += int(batch.itemIds.size());
    return count;
}

void WaitingBatches::forgetItem(qint64 id)
{
    for (auto batch = m_batches.begin(); batch != m_batches.end(); ++batch) {
        const qsizetype at = batch->itemIds.indexOf(id);
        if (at < 0)
            continue;
        batch->itemIds.removeAt(at);
        if (at < batch->paths.size())
            batch->paths.removeAt(at);
        if (batch->itemIds.isEmpty())
            m_batches.erase(batch);
        Q_EMIT changed();
        return;
    }
}

} // namespace pc
