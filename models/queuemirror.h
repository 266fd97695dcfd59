#pragma once

#include "orders/orderform.h"
#include "orders/storetypes.h"
#include "orders/uploadqueue.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <map>
#include <optional>

class QTimer;

namespace pc {

class QueueFeeder;

// The upload queue as the window sees it: a copy of the queue's items, held on the thread
// that shows them and changed only once the queue has stored a change. The queue itself may
// live on another thread with the order store (the window keeps the store off its GUI
// thread): nothing here reads the store or waits for the queue. Controls travel to the
// queue's thread, and what they did comes back as values (a control's refusal is said by
// storeError(), as the queue says it).
//
// The signals carry ids like UploadQueue's, but item(), items() and transfer() answer from
// the copy, so a view may read them from any slot.
class QueueMirror final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueMirror)

public:
    // Runs a piece of work with the queue and its feeder on the queue's thread, in the order
    // given.
    using Work = std::function<void(UploadQueue &, QueueFeeder &)>;
    using Dispatch = std::function<void(Work)>;

    // Follows `queue` from now on, which may live on any thread: its items arrive with
    // loaded(). The queue must outlive the mirror or be destroyed on its own thread (the
    // mirror then keeps its last copy).
    explicit QueueMirror(UploadQueue &queue, QObject *parent = nullptr);
    // Follows a queue that its owner hands work to through `dispatch`, and that feeds this
    // mirror through feed(); the queue may not exist yet.
    QueueMirror(QString environment, Dispatch dispatch, QObject *parent = nullptr);
    ~QueueMirror() override;

    // On the queue's thread: a feeder for `mirror` (a child of the queue). Used with the
    // second constructor; the first copy comes with reload().
    static QueueFeeder *feed(UploadQueue &queue, QueueMirror *mirror);
    // Asks the queue's thread for a fresh copy of every item (loaded() follows).
    void reload();

    // Whether the first copy of the queue has arrived.
    bool isLoaded() const { return m_loaded; }
    std::optional<QueueItem> item(qint64 id) const;
    // In queue order.
    QList<QueueItem> items() const;
    std::optional<UploadTransfer> transfer(qint64 id) const;
    // UploadQueue::isHeldByStore() as last reported.
    bool isHeldByStore() const { return m_heldByStore; }
    QString environment() const { return m_environment; }

    // What became of one file handed to addFilesAwaitingDetails(): its new item, or why the
    // store did not take it.
    struct AddedFile
    {
        QString path;
        std::optional<qint64> id;
        QString problem;
    };
    using AddedCallback = std::function<void(const QList<AddedFile> &)>;
    using IdsCallback = std::function<void(const QList<qint64> &)>;

    // The controls of UploadQueue. A callback runs on this mirror's thread once the queue has
    // done the work and the copy holds its outcome; it is dropped when `context` is gone.
    void addFilesAwaitingDetails(const QStringList &paths, QObject *context, AddedCallback done);
    // `done` gets the items whose details were confirmed (UploadQueue::confirmDetails()).
    void confirmDetails(const QList<qint64> &ids, const OrderFacts &facts, QObject *context,
                        IdsCallback done);
    // `done` gets the items whose details changed (UploadQueue::editFacts()).
    void editFacts(const QList<qint64> &ids, const OrderFacts &facts, QObject *context,
                   IdsCallback done);
    void remove(const QList<qint64> &ids);
    void pause(qint64 id);
    void resume(qint64 id);
    void cancel(qint64 id);
    void retry(qint64 id);
    void move(qint64 id, QueueMove how);
    void pauseAll();
    void resumeAll();
    void retryAllFailed();
    void clearFinished();

Q_SIGNALS:
    // The first copy arrived, or a move renumbered items: read items() again.
    void loaded();
    void itemAdded(qint64 id);
    void itemChanged(qint64 id);
    void itemRemoved(qint64 id);
    void uploadProgress(qint64 id, qint64 bytesSent, qint64 bytesTotal);
    void duplicateFound(qint64 id, const QString &otherDescription, bool otherWasSent);
    void storeError(const QString &message);
    void heldByStoreChanged(bool held);

private:
    struct Pending
    {
        QPointer<QObject> context;
        std::function<void(const QVariant &)> done;
    };

    // Runs `work` on the queue's thread with the queue (skipped once the queue is gone).
    void onQueue(std::function<void(UploadQueue &)> work);
    void connectFeeder(QueueFeeder *feeder);
    // confirmDetails() and editFacts(): `apply` for each item; `done` gets those it took.
    void applyFacts(bool (UploadQueue::*apply)(qint64, const OrderFacts &),
                    const QList<qint64> &ids, const OrderFacts &facts, QObject *context,
                    IdsCallback done);
    quint64 remember(QObject *context, std::function<void(const QVariant &)> done);
    void onSnapshot(const QList<QueueItem> &items, bool held);
    void onStored(const QueueItem &item, bool held);
    void onRemoved(qint64 id, bool held);
    void onTransfer(qint64 id, const UploadTransfer &transfer);
    void onReply(quint64 request, const QVariant &result);
    void setHeld(bool held);
    QList<QueueItem>::iterator find(qint64 id);

    QueueFeeder *m_ownFeeder = nullptr; // made by the first constructor, deleted on its thread
    Dispatch m_dispatch;
    QString m_environment;
    QList<QueueItem> m_items; // queue order
    QHash<qint64, UploadTransfer> m_transfers;
    bool m_loaded = false;
    bool m_heldByStore = false;
    quint64 m_nextRequest = 1;
    std::map<quint64, Pending> m_pending;
};

} // namespace pc

namespace pc {

// Lives on the queue's thread: turns the queue's id signals into values read there (where
// reading the store is allowed) and hands them to its mirror by queued signals.
class QueueFeeder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueFeeder)

public:
    explicit QueueFeeder(UploadQueue &queue, QObject *parent = nullptr);

    UploadQueue *queue() const { return m_queue.data(); }
    // The whole queue, read on this thread.
    void sendSnapshot();
    // The outcome of a control, for the mirror's callback.
    void sendReply(quint64 request, const QVariant &result) { Q_EMIT reply(request, result); }

Q_SIGNALS:
    void snapshot(const QList<pc::QueueItem> &items, bool held);
    void stored(const pc::QueueItem &item, bool held);
    void removed(qint64 id, bool held);
    void transfer(qint64 id, const pc::UploadTransfer &transfer);
    void duplicateFound(qint64 id, const QString &otherDescription, bool otherWasSent);
    void storeError(const QString &message, bool held);
    void reply(quint64 request, const QVariant &result);

private:
    void onItem(qint64 id);
    void onRemoved(qint64 id);
    void onProgress(qint64 id);
    void flushTransfers();
    void onStoreError(const QString &message);

    QPointer<UploadQueue> m_queue;
    QHash<qint64, qint64> m_positions;
    QSet<qint64> m_transfersDue;
    QTimer *m_transferTimer;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::QueueItem)
Q_DECLARE_METATYPE(pc::UploadTransfer)
Q_DECLARE_METATYPE(pc::QueueMirror::AddedFile)
