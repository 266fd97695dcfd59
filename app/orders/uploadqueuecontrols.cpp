// The upload queue's controls (pause, resume, cancel, retry, remove, ordering) and its idle
// tracking; the processing itself is in uploadqueue.cpp.

#include "api/apiclient.h"
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"
#include "stl/inspectiontask.h"

#include <QCoreApplication>
#include <QTimer>

namespace pc {

namespace {

// Text::tr() for this file's free functions too; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(UploadQueue)
};

bool isFinishedState(QueueState state)
{
    return state == QueueState::Done || state == QueueState::Cancelled;
}

} // namespace

bool UploadQueue::isIdle() const
{
    for (const auto &[id, runtime] : m_runtime) {
        if (runtime.busy || runtime.retryTimer || runtime.task)
            return false;
    }
    // Refused the queue: nothing here can move until the other console has gone.
    if (m_maxParallel == 0 || m_storeHeld || (!hasClaim() && !m_claimProblem.isEmpty()))
        return true;
    const StoreResult<QList<QueueItem>> waiting = m_store->queueItemsInStates(
        m_environment, {QueueState::Ready, QueueState::Validating, QueueState::Queued}, 1);
    return !waiting || waiting->isEmpty();
}

void UploadQueue::checkIdle()
{
    const bool nowIdle = isIdle();
    if (nowIdle && !m_wasIdle) {
        m_wasIdle = true;
        Q_EMIT idle();
    } else if (!nowIdle) {
        m_wasIdle = false;
    }
}

// --- Controls -------------------------------------------------------------------------------

bool UploadQueue::canEditFacts(QueueState state)
{
    // A waiting item gets its details through confirmDetails(), never by an edit that
    // would hand it to the work without a person confirming them.
    return state != QueueState::Uploading && state != QueueState::CreatingToken &&
           state != QueueState::Done && state != QueueState::AwaitingDetails;
}

bool UploadQueue::editFacts(qint64 id, const OrderFacts &facts)
{
    if (!mayControl())
        return false;
    std::optional<QueueItem> current = item(id);
    if (!current || !canEditFacts(current->state))
        return false;
    const QString currency =
        facts.currency.isEmpty() ? kDefaultCurrency.toString() : facts.currency;
    if (StoreStatus written = m_store->updateQueueItemFacts(id, facts.receiverEmail, facts.price,
                                                            currency, facts.partnerJobId);
        !written) {
        reportStoreError(written.error());
        return false;
    }
    Q_EMIT itemChanged(id);
    if (!current->sha256.isEmpty() && facts.receiverEmail != current->receiverEmail) {
        // A new receiver may make it a duplicate (or stop it being one).
        StoreResult<QList<DuplicateMatch>> dups =
            m_store->findDuplicates(m_environment, current->sha256, facts.receiverEmail, id);
        if (dups && !dups->isEmpty())
            Q_EMIT duplicateFound(id, describeDuplicate(dups->first()),
                                  dups->first().source == DuplicateMatch::Source::Order);
    }
    return true;
}

bool UploadQueue::pause(qint64 id)
{
    if (!mayControl())
        return false;
    std::optional<QueueItem> current = item(id);
    if (!current || isFinishedState(current->state) || current->state == QueueState::Paused ||
        current->state == QueueState::AwaitingDetails)
        return false;
    if (current->state == QueueState::Uploading && !current->token.isEmpty())
        rt(id).verifyBeforeResend = true; // the aborted body may have arrived
    stopRuntime(id);
    const bool ok = setState(id, QueueState::Paused, [](QueueItem &i) { i.nextRetry = {}; });
    pump();
    return ok;
}

bool UploadQueue::resume(qint64 id)
{
    if (!mayControl())
        return false;
    std::optional<QueueItem> current = item(id);
    if (!current || current->state != QueueState::Paused)
        return false;
    if (current->sha256.isEmpty()) {
        validate(id);
        return true;
    }
    const bool ok = setState(id, QueueState::Ready);
    pump();
    return ok;
}

void UploadQueue::pauseAll()
{
    if (!mayControl())
        return;
    for (const QueueItem &i : items()) {
        if (!isFinishedState(i.state) && i.state != QueueState::NeedsAttention &&
            !(i.state == QueueState::Failed && !i.nextRetry.isValid()))
            pause(i.id);
    }
}

void UploadQueue::resumeAll()
{
    if (!mayControl())
        return;
    releaseStoreHold();
    for (const QueueItem &i : items()) {
        if (i.state == QueueState::Paused)
            resume(i.id);
    }
    pump();
}

bool UploadQueue::cancel(qint64 id)
{
    if (!mayControl())
        return false;
    std::optional<QueueItem> current = item(id);
    if (!current || isFinishedState(current->state))
        return false;
    if (current->state == QueueState::Uploading && !current->token.isEmpty())
        rt(id).verifyBeforeResend = true;
    stopRuntime(id);
    const bool ok = setState(id, QueueState::Cancelled, [](QueueItem &i) {
        i.nextRetry = {};
        i.failureReason = Text::tr("Cancelled.");
    });
    pump();
    return ok;
}

bool UploadQueue::retry(qint64 id)
{
    if (!mayControl())
        return false;
    std::optional<QueueItem> current = item(id);
    if (!current)
        return false;
    if (current->state != QueueState::Failed && current->state != QueueState::NeedsAttention &&
        current->state != QueueState::Cancelled)
        return false;
    releaseStoreHold();
    stopRuntime(id);
    rt(id).networkWaits = 0;
    // A file that needs attention (or never validated) is checked again first.
    if (!hasConfirmedDetails(*current)) {
        // Cancelled while it waited for details: it waits again, it is not sent.
        return setState(id, QueueState::AwaitingDetails, [](QueueItem &i) {
            i.failureReason.clear();
            i.nextRetry = {};
        });
    }
    if (current->state == QueueState::NeedsAttention || current->sha256.isEmpty()) {
        setState(id, QueueState::Queued, [](QueueItem &i) { i.attemptCount = 0; });
        validate(id);
        return true;
    }
    const bool ok = setState(id, QueueState::Ready, [](QueueItem &i) {
        i.attemptCount = 0;
        i.nextRetry = {};
        i.failureReason.clear();
    });
    pump();
    return ok;
}

void UploadQueue::retryAllFailed()
{
    if (!mayControl())
        return;
    releaseStoreHold();
    for (const QueueItem &i : items()) {
        if (i.state == QueueState::Failed)
            retry(i.id);
    }
}

bool UploadQueue::holdsUnrecordedToken(qint64 id) const
{
    const std::optional<QueueItem> current = item(id);
    if (!current || current->token.isEmpty())
        return false;
    const StoreResult<std::optional<Order>> order =
        m_store->orderByToken(current->environment, current->token);
    // When the store cannot say, the token counts as unrecorded: keeping it is the safe side.
    return !order || !order->has_value();
}

void UploadQueue::forgetRemovedItem(qint64 id)
{
    if (item(id))
        return; // still stored: not removed after all
    stopRuntime(id);
    m_runtime.erase(id);
    Q_EMIT itemRemoved(id);
}

bool UploadQueue::remove(qint64 id)
{
    if (!mayControl())
        return false;
    stopRuntime(id);
    // The token may be the only record of a transaction the service holds a file for and a
    // customer paid for: its print page is reachable only through it, and the service cannot
    // list a partner's tokens. So an item that holds a token no order has yet becomes an order
    // first (links built from the token-page pattern, marked as such), which the poller then
    // follows; only the queue entry goes. Were that order not saved, the item stays.
    if (holdsUnrecordedToken(id)) {
        const std::optional<QueueItem> current = item(id);
        const QString link = m_api->endpoint().tokenPageUrl(current->token).toString();
        StoreResult<Order> kept =
            m_store->createOrderFromItem(id, link, link, now(), /*linksReconstructed=*/true);
        if (!kept) {
            reportStoreError(kept.error());
            return false;
        }
        qCInfo(lcOrders) << "item" << id << "removed; its token is kept as order" << kept->id;
        Q_EMIT itemChanged(id);
    }
    if (StoreStatus removed = m_store->removeQueueItem(id); !removed) {
        reportStoreError(removed.error());
        return false;
    }
    m_runtime.erase(id);
    Q_EMIT itemRemoved(id);
    pump();
    return true;
}

void UploadQueue::clearFinished()
{
    if (!mayControl())
        return;
    for (const QueueItem &i : items()) {
        if (isFinishedState(i.state))
            remove(i.id);
    }
}

bool UploadQueue::move(qint64 id, QueueMove how)
{
    if (StoreStatus moved = m_store->moveQueueItem(id, how); !moved) {
        reportStoreError(moved.error());
        return false;
    }
    Q_EMIT itemChanged(id);
    return true;
}

} // namespace pc
