#include "queuemirror.h"

#include <QMetaObject>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace pc {

namespace {

// How often a running upload's figures cross to the mirror at most: the queue reports every
// few kilobytes, the window repaints a few times a second.
constexpr int kTransferIntervalMs = 100;

} // namespace

QueueFeeder::QueueFeeder(UploadQueue &queue, QObject *parent)
    : QObject(parent)
    , m_queue(&queue)
    , m_transferTimer(new QTimer(this))
{
    m_transferTimer->setInterval(kTransferIntervalMs);
    m_transferTimer->setSingleShot(true);
    connect(m_transferTimer, &QTimer::timeout, this, &QueueFeeder::flushTransfers);
    connect(&queue, &UploadQueue::itemAdded, this, &QueueFeeder::onItem);
    connect(&queue, &UploadQueue::itemChanged, this, &QueueFeeder::onItem);
    connect(&queue, &UploadQueue::itemRemoved, this, &QueueFeeder::onRemoved);
    connect(&queue, &UploadQueue::uploadProgress, this, &QueueFeeder::onProgress);
    connect(&queue, &UploadQueue::duplicateFound, this, &QueueFeeder::duplicateFound);
    connect(&queue, &UploadQueue::storeError, this, &QueueFeeder::onStoreError);
}

void QueueFeeder::sendSnapshot()
{
    if (!m_queue)
        return;
    const QList<QueueItem> items = m_queue->items();
    m_positions.clear();
    for (const QueueItem &item : items)
        m_positions.insert(item.id, item.position);
    Q_EMIT snapshot(items, m_queue->isHeldByStore());
}

void QueueFeeder::onItem(qint64 id)
{
    if (!m_queue)
        return;
    const std::optional<QueueItem> item = m_queue->item(id);
    if (!item) {
        onRemoved(id);
        return;
    }
    const auto known = m_positions.constFind(id);
    if (known != m_positions.cend() && *known != item->position) {
        // A move renumbers a neighbour too, which sends no signal of its own.
        sendSnapshot();
        return;
    }
    m_positions.insert(id, item->position);
    Q_EMIT stored(*item, m_queue->isHeldByStore());
}

void QueueFeeder::onRemoved(qint64 id)
{
    m_positions.remove(id);
    m_transfersDue.remove(id);
    Q_EMIT removed(id, m_queue && m_queue->isHeldByStore());
}

void QueueFeeder::onProgress(qint64 id)
{
    m_transfersDue.insert(id);
    if (!m_transferTimer->isActive())
        m_transferTimer->start();
}

void QueueFeeder::flushTransfers()
{
    if (!m_queue)
        return;
    for (const qint64 id : std::as_const(m_transfersDue)) {
        if (const std::optional<UploadTransfer> now = m_queue->transfer(id))
            Q_EMIT transfer(id, *now);
    }
    m_transfersDue.clear();
}

void QueueFeeder::onStoreError(const QString &message)
{
    Q_EMIT storeError(message, m_queue && m_queue->isHeldByStore());
}

QueueMirror::QueueMirror(UploadQueue &queue, QObject *parent)
    : QueueMirror(queue.environment(), {}, parent)
{
    m_ownFeeder = new QueueFeeder(queue);
    m_ownFeeder->moveToThread(queue.thread());
    m_dispatch = [feeder = m_ownFeeder](Work work) {
        QMetaObject::invokeMethod(
            feeder,
            [feeder, work = std::move(work)] {
                if (UploadQueue *queue = feeder->queue())
                    work(*queue, *feeder);
            },
            Qt::QueuedConnection);
    };
    connectFeeder(m_ownFeeder);
    reload();
}

QueueMirror::QueueMirror(QString environment, Dispatch dispatch, QObject *parent)
    : QObject(parent)
    , m_dispatch(std::move(dispatch))
    , m_environment(std::move(environment))
{
    qRegisterMetaType<QueueItem>();
    qRegisterMetaType<QList<QueueItem>>();
    qRegisterMetaType<UploadTransfer>();
}

QueueMirror::~QueueMirror()
{
    if (m_ownFeeder) {
        // Disconnected first, so nothing it still sends reaches this half-destroyed mirror;
        // it is deleted on its own thread, after the work already posted to it.
        m_ownFeeder->disconnect(this);
        m_ownFeeder->deleteLater();
    }
}

QueueFeeder *QueueMirror::feed(UploadQueue &queue, QueueMirror *mirror)
{
    auto *feeder = new QueueFeeder(queue, &queue);
    mirror->connectFeeder(feeder);
    return feeder;
}

void QueueMirror::connectFeeder(QueueFeeder *feeder)
{
    connect(feeder, &QueueFeeder::snapshot, this, &QueueMirror::onSnapshot);
    connect(feeder, &QueueFeeder::stored, this, &QueueMirror::onStored);
    connect(feeder, &QueueFeeder::removed, this, &QueueMirror::onRemoved);
    connect(feeder, &QueueFeeder::transfer, this, &QueueMirror::onTransfer);
    connect(feeder, &QueueFeeder::duplicateFound, this, &QueueMirror::duplicateFound);
    connect(feeder, &QueueFeeder::storeError, this, [this](const QString &message, bool held) {
        setHeld(held);
        Q_EMIT storeError(message);
    });
    connect(feeder, &QueueFeeder::reply, this, &QueueMirror::onReply);
}

void QueueMirror::reload()
{
    m_dispatch([](UploadQueue &, QueueFeeder &feeder) { feeder.sendSnapshot(); });
}

std::optional<QueueItem> QueueMirror::item(qint64 id) const
{
    const auto it = std::find_if(m_items.cbegin(), m_items.cend(),
                                 [id](const QueueItem &item) { return item.id == id; });
    if (it == m_items.cend())
        return std::nullopt;
    return *it;
}

QList<QueueItem> QueueMirror::items() const
{
    return m_items;
}

std::optional<UploadTransfer> QueueMirror::transfer(qint64 id) const
{
    const auto it = m_transfers.constFind(id);
    if (it == m_transfers.cend())
        return std::nullopt;
    const std::optional<QueueItem> current = item(id);
    if (!current || current->state != QueueState::Uploading)
        return std::nullopt;
    return *it;
}

// --- controls -----------------------------------------------------------------------------

void QueueMirror::onQueue(std::function<void(UploadQueue &)> work)
{
    m_dispatch([work = std::move(work)](UploadQueue &queue, QueueFeeder &) { work(queue); });
}

quint64 QueueMirror::remember(QObject *context, std::function<void(const QVariant &)> done)
{
    const quint64 request = m_nextRequest++;
    m_pending.emplace(request, Pending{context, std::move(done)});
    return request;
}

void QueueMirror::addFilesAwaitingDetails(const QStringList &paths, QObject *context,
                                          AddedCallback done)
{
    const quint64 request = remember(context, [done = std::move(done)](const QVariant &result) {
        done(result.value<QList<AddedFile>>());
    });
    m_dispatch([paths, request](UploadQueue &queue, QueueFeeder &feeder) {
        QList<AddedFile> added;
        added.reserve(paths.size());
        for (const QString &path : paths) {
            const StoreResult<qint64> id = queue.addFileAwaitingDetails(path);
            added.append(id ? AddedFile{path, *id, QString()}
                            : AddedFile{path, std::nullopt, id.error().message});
        }
        feeder.sendReply(request, QVariant::fromValue(added));
    });
}

void QueueMirror::confirmDetails(const QList<qint64> &ids, const OrderFacts &facts,
                                 QObject *context, IdsCallback done)
{
    applyFacts(&UploadQueue::confirmDetails, ids, facts, context, std::move(done));
}

void QueueMirror::editFacts(const QList<qint64> &ids, const OrderFacts &facts, QObject *context,
                            IdsCallback done)
{
    applyFacts(&UploadQueue::editFacts, ids, facts, context, std::move(done));
}

void QueueMirror::applyFacts(bool (UploadQueue::*apply)(qint64, const OrderFacts &),
                             const QList<qint64> &ids, const OrderFacts &facts, QObject *context,
                             IdsCallback done)
{
    const quint64 request = remember(context, [done = std::move(done)](const QVariant &result) {
        done(result.value<QList<qint64>>());
    });
    m_dispatch([apply, ids, facts, request](UploadQueue &queue, QueueFeeder &feeder) {
        QList<qint64> applied;
        for (const qint64 id : ids) {
            if ((queue.*apply)(id, facts))
                applied.append(id);
        }
        feeder.sendReply(request, QVariant::fromValue(applied));
    });
}

void QueueMirror::remove(const QList<qint64> &ids)
{
    onQueue([ids](UploadQueue &queue) {
        for (const qint64 id : ids)
            queue.remove(id);
    });
}

void QueueMirror::pause(qint64 id)
{
    onQueue([id](UploadQueue &queue) { queue.pause(id); });
}

void QueueMirror::resume(qint64 id)
{
    onQueue([id](UploadQueue &queue) { queue.resume(id); });
}

void QueueMirror::cancel(qint64 id)
{
    onQueue([id](UploadQueue &queue) { queue.cancel(id); });
}

void QueueMirror::retry(qint64 id)
{
    onQueue([id](UploadQueue &queue) { queue.retry(id); });
}

void QueueMirror::move(qint64 id, QueueMove how)
{
    onQueue([id, how](UploadQueue &queue) { queue.move(id, how); });
}

void QueueMirror::pauseAll()
{
    onQueue([](UploadQueue &queue) { queue.pauseAll(); });
}

void QueueMirror::resumeAll()
{
    onQueue([](UploadQueue &queue) { queue.resumeAll(); });
}

void QueueMirror::retryAllFailed()
{
    onQueue([](UploadQueue &queue) { queue.retryAllFailed(); });
}

void QueueMirror::clearFinished()
{
    onQueue([](UploadQueue &queue) { queue.clearFinished(); });
}

// --- following the queue ------------------------------------------------------------------

QList<QueueItem>::iterator QueueMirror::find(qint64 id)
{
    return std::find_if(m_items.begin(), m_items.end(),
                        [id](const QueueItem &item) { return item.id == id; });
}

void QueueMirror::onSnapshot(const QList<QueueItem> &items, bool held)
{
    QList<QueueItem> sorted = items;
    std::stable_sort(sorted.begin(), sorted.end(), isBeforeInQueue);
    QSet<qint64> fresh;
    for (const QueueItem &item : std::as_const(sorted))
        fresh.insert(item.id);
    QList<qint64> gone;
    for (const QueueItem &item : std::as_const(m_items)) {
        if (!fresh.contains(item.id))
            gone.append(item.id);
    }
    m_items = std::move(sorted);
    for (const qint64 id : std::as_const(gone))
        m_transfers.remove(id);
    m_loaded = true;
    for (const qint64 id : std::as_const(gone))
        Q_EMIT itemRemoved(id);
    Q_EMIT loaded();
    setHeld(held);
}

void QueueMirror::onStored(const QueueItem &stored, bool held)
{
    const auto it = find(stored.id);
    if (it == m_items.end()) {
        const auto at = std::upper_bound(m_items.begin(), m_items.end(), stored, isBeforeInQueue);
        m_items.insert(at, stored);
        Q_EMIT itemAdded(stored.id);
    } else {
        *it = stored;
        if (stored.state != QueueState::Uploading)
            m_transfers.remove(stored.id);
        Q_EMIT itemChanged(stored.id);
    }
    setHeld(held);
}

void QueueMirror::onRemoved(qint64 id, bool held)
{
    const auto it = find(id);
    if (it != m_items.end()) {
        m_items.erase(it);
        m_transfers.remove(id);
        Q_EMIT itemRemoved(id);
    }
    setHeld(held);
}

void QueueMirror::onTransfer(qint64 id, const UploadTransfer &transfer)
{
    if (find(id) == m_items.end())
        return;
    m_transfers.insert(id, transfer);
    Q_EMIT uploadProgress(id, transfer.bytesSent, transfer.bytesTotal);
}

void QueueMirror::onReply(quint64 request, const QVariant &result)
{
    const auto it = m_pending.find(request);
    if (it == m_pending.end())
        return;
    Pending pending = std::move(it->second);
    m_pending.erase(it);
    if (pending.context)
        pending.done(result);
}

void QueueMirror::setHeld(bool held)
{
    if (held == m_heldByStore)
        return;
    m_heldByStore = held;
    Q_EMIT heldByStoreChanged(held);
}

} // namespace pc
