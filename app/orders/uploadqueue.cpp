#include "orders/uploadqueue.h"

#include "api/apiclient.h"
#include "orders/filefingerprint.h"
#include "orders/orderslogging.h"
#include "orders/orderstore.h"
#include "stl/inspectiontask.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutex>
#include <QRandomGenerator>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Text::tr() for this file's free functions too; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(UploadQueue)
};

// The service's answer to an upload for a token that already holds a file ("Token already
// used" / "A design was already uploaded for the token ...").
bool saysAlreadyUploaded(const ApiError &error)
{
    return error.kind == ApiError::Kind::Service &&
           error.serviceDescription.contains(u"already"_s, Qt::CaseInsensitive);
}

FileFingerprint fingerprintOf(const QueueItem &item)
{
    FileFingerprint fp;
    fp.size = item.size;
    fp.modified = item.modified;
    fp.sha256 = QByteArray::fromHex(item.sha256.toLatin1());
    return fp;
}

} // namespace

// Lets worker threads post results back only while the queue exists: the destructor clears
// `queue` under the mutex, so no event is posted to a dying object.
struct UploadQueue::Guard
{
    QMutex mutex;
    UploadQueue *queue = nullptr;
    std::atomic<bool> cancel{false};
};

UploadQueue::UploadQueue(OrderStore *store, ApiClient *api, QString environment, RetryPolicy policy,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
    , m_environment(std::move(environment))
    , m_policy(policy)
    , m_guard(std::make_shared<Guard>())
{
    m_guard->queue = this;
    m_monotonic.start();
    // A shared store that lost its server connection: the calls failed meanwhile (the queue
    // held its work, see reportStoreError()); it carries on once the store is back.
    connect(m_store->changeFeed(), &StoreChangeFeed::connectionRestored, this,
            &UploadQueue::onStoreReconnected);
    connect(m_store->changeFeed(), &StoreChangeFeed::queueClaimLost, this,
            &UploadQueue::onQueueClaimLost);
}

UploadQueue::~UploadQueue()
{
    if (Guard *guard = m_guard.get()) { // never null; the test keeps GCC 12 -O2 quiet
        QMutexLocker locker(&guard->mutex);
        guard->queue = nullptr;
        guard->cancel.store(true);
    }
    // Running jobs are left to finish on their own (their connections die with us); the
    // store keeps the items' states, so the next queue resumes them.
    for (auto &[id, runtime] : m_runtime) {
        if (runtime.task)
            runtime.task->cancel();
    }
}

void UploadQueue::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
}

void UploadQueue::setMaxParallel(int count)
{
    m_maxParallel = qMax(0, count);
    pump();
}

void UploadQueue::runInPool(
    std::function<std::function<void()>(const std::atomic<bool> *cancel)> work)
{
    QThreadPool::globalInstance()->start([guard = m_guard, work = std::move(work)] {
        std::function<void()> done = work(&guard->cancel);
        QMutexLocker locker(&guard->mutex);
        if (guard->queue)
            QMetaObject::invokeMethod(guard->queue, std::move(done), Qt::QueuedConnection);
    });
}

QString UploadQueue::describeDuplicate(const DuplicateMatch &match)
{
    return match.source == DuplicateMatch::Source::Order
               ? Text::tr("order %1 (%2, token %3)").arg(match.id).arg(match.fileName, match.token)
               : Text::tr("queue item %1 (%2)").arg(match.id).arg(match.fileName);
}

void UploadQueue::reportStoreError(const StoreError &error)
{
    qCWarning(lcOrders) << "store error:" << error.message << error.detail;
    // A state that could not be written leaves its item behind in a working state with no
    // work attached: the next pump() looks at the whole queue once.
    m_sweepDue = true;
    if (!m_storeHeld) {
        // Starting more work would only fail the same way and could lose track of a token:
        // hold until the user acts or a while has passed.
        m_storeHeld = true;
        if (!m_storeRetryTimer) {
            m_storeRetryTimer = new QTimer(this);
            m_storeRetryTimer->setSingleShot(true);
            m_storeRetryTimer->setInterval(kStoreRetryMs);
            connect(m_storeRetryTimer, &QTimer::timeout, this, [this] {
                releaseStoreHold();
                pump();
            });
        }
        m_storeRetryTimer->start();
    }
    Q_EMIT storeError(error.message);
}

void UploadQueue::onStoreReconnected()
{
    if (!m_started || !hasClaim())
        return; // not working the queue: retryClaim() resumes it when the claim comes
    qCInfo(lcOrders) << "The order store is connected again; the queue carries on";
    releaseStoreHold();
    m_sweepDue = true; // states that could not be written left items half-way
    // A retry whose time came during the outage could not be written, and its timer is gone.
    const QDateTime current = now();
    for (const QueueItem &stored : items()) {
        const auto it = m_runtime.find(stored.id);
        const bool waiting = it != m_runtime.end() && it->second.retryTimer;
        if (stored.state == QueueState::Failed && stored.nextRetry.isValid() && !waiting)
            scheduleRetry(stored.id, std::max(stored.nextRetry, current));
    }
    pump();
}

void UploadQueue::onQueueClaimLost(const QString &message)
{
    // Another process of this console took the queue while the store was disconnected, and
    // works it now. This queue stops at once, as if it had been closed here: that process
    // resumes the items from their stored states (verifying before it re-sends a file), and
    // this one waits for the claim like a second window (ensureClaimed() says so).
    qCWarning(lcOrders).noquote() << "The upload queue claim was lost; the queue stops:" << message;
    for (auto &[id, runtime] : m_runtime)
        stopRuntime(id);
    ensureClaimed();
    checkIdle();
}

void UploadQueue::releaseStoreHold()
{
    m_storeHeld = false;
    if (m_storeRetryTimer)
        m_storeRetryTimer->stop();
}

std::optional<QueueItem> UploadQueue::item(qint64 id) const
{
    StoreResult<std::optional<QueueItem>> found = m_store->queueItem(id);
    if (!found)
        return std::nullopt;
    return *found;
}

std::optional<ArrivedLinks> UploadQueue::unsavedLinks(qint64 id) const
{
    const auto it = m_runtime.find(id);
    if (it == m_runtime.end())
        return std::nullopt;
    return it->second.unsavedLinks;
}

std::optional<UploadTransfer> UploadQueue::transfer(qint64 id) const
{
    const auto it = m_runtime.find(id);
    if (it == m_runtime.end() || !it->second.uploading || !it->second.job)
        return std::nullopt;
    const Runtime &runtime = it->second;
    UploadTransfer transfer;
    transfer.bytesSent = runtime.rate.bytes();
    transfer.bytesTotal = runtime.bytesTotal;
    transfer.bytesPerSecond = runtime.rate.bytesPerSecond();
    transfer.secondsLeft = runtime.rate.secondsLeft(runtime.bytesTotal);
    return transfer;
}

QList<QueueItem> UploadQueue::items() const
{
    StoreResult<QList<QueueItem>> all = m_store->queueItems(m_environment);
    return all ? *all : QList<QueueItem>();
}

bool UploadQueue::setState(qint64 id, QueueState state,
                           const std::function<void(QueueItem &)> &edit)
{
    std::optional<QueueItem> current = item(id);
    if (!current)
        return false;
    QueueItem changed = *current;
    changed.state = state;
    // How far an upload came is written with the state it ends in (a failed upload may have
    // delivered its body: the next start asks the service before sending it again).
    if (const auto runtime = m_runtime.find(id);
        runtime != m_runtime.end() && runtime->second.unsavedBytesSent > changed.bytesSent)
        changed.bytesSent = runtime->second.unsavedBytesSent;
    if (edit)
        edit(changed);
    // The one gate every route into the work passes: an item leaves "waiting for details",
    // or is checked, tokened or uploaded, only with details a person confirmed for it.
    const bool leavesWaiting = current->state == QueueState::AwaitingDetails &&
                               state != QueueState::AwaitingDetails &&
                               state != QueueState::Cancelled;
    const bool works = state == QueueState::Queued || state == QueueState::Validating ||
                       state == QueueState::Ready || state == QueueState::CreatingToken ||
                       state == QueueState::Uploading || state == QueueState::Done;
    if ((leavesWaiting || works) && !hasConfirmedDetails(changed)) {
        qCWarning(lcOrders) << "item" << id << "has no confirmed order details: not"
                            << queueStateKey(state);
        return false;
    }
    QueueItemProgress progress;
    progress.state = changed.state;
    progress.attemptCount = changed.attemptCount;
    progress.nextRetry = changed.nextRetry;
    progress.failureReason = changed.failureReason;
    progress.bytesSent = changed.bytesSent;
    if (StoreStatus written = m_store->updateQueueItemProgress(id, progress); !written) {
        reportStoreError(written.error());
        return false;
    }
    if (const auto written = m_runtime.find(id); written != m_runtime.end())
        written->second.unsavedBytesSent = -1;
    qCDebug(lcOrders) << "item" << id << queueStateKey(changed.state) << changed.failureReason;
    Q_EMIT itemChanged(id);
    return true;
}

void UploadQueue::stopRuntime(qint64 id)
{
    auto it = m_runtime.find(id);
    if (it == m_runtime.end())
        return;
    Runtime &runtime = it->second;
    ++runtime.generation;
    runtime.busy = false;
    runtime.validating = false;
    runtime.uploading = false;
    if (runtime.retryTimer) {
        runtime.retryTimer->stop();
        runtime.retryTimer->deleteLater();
        runtime.retryTimer = nullptr;
    }
    if (runtime.task) {
        runtime.task->cancel();
        runtime.task->deleteLater();
    }
    if (ApiJob *job = runtime.job.data()) {
        runtime.job.clear();
        if (qobject_cast<CreateTokenJob *>(job))
            recordLostTokenCall(id, u"the token call was cancelled"_s);
        // A token call aborted here may still have created a token at the service; it is
        // never recorded, so the item can still only ever hold one token.
        job->abort();
    }
}

// --- Loading and adding ---------------------------------------------------------------------

bool UploadQueue::hasClaim() const
{
    return m_store->holdsQueueClaim();
}

bool UploadQueue::ensureClaimed()
{
    if (m_store->holdsQueueClaim())
        return true;
    // Before the store is open (the session sets the queue up first) there is nothing to
    // claim yet, and nothing to tell anyone.
    if (!m_store->isOpen())
        return false;
    const StoreStatus claimed = m_store->claimQueue();
    m_claimHeldElsewhere = !claimed && claimed.error().kind == StoreError::Kind::Locked;
    if (claimed) {
        m_claimProblem.clear();
        m_sweepDue = true; // another console may have left items half-way

        if (m_claimTimer)
            m_claimTimer->stop();
        return true;
    }
    const QString message = claimed.error().message;
    if (message != m_claimProblem) {
        // Said once per holder, not at every retry; from the event loop, so that a window
        // built right after start() hears it too.
        m_claimProblem = message;
        qCInfo(lcOrders).noquote() << message;
        // Not said if the claim came meanwhile (start() right after construction): the
        // holder had finished, and nothing is wrong any more.
        QMetaObject::invokeMethod(
            this,
            [this, message] {
                if (!hasClaim() && m_claimProblem == message)
                    Q_EMIT storeError(message);
            },
            Qt::QueuedConnection);
    }
    if (!m_claimTimer) {
        m_claimTimer = new QTimer(this);
        m_claimTimer->setInterval(kClaimRetryMs);
        connect(m_claimTimer, &QTimer::timeout, this, &UploadQueue::retryClaim);
    }
    if (!m_claimTimer->isActive())
        m_claimTimer->start();
    return false;
}

bool UploadQueue::mayControl()
{
    const QString said = m_claimProblem;
    if (ensureClaimed())
        return true;
    if (m_claimProblem == said)
        Q_EMIT storeError(m_claimProblem); // a refused click deserves an answer every time
    return false;
}

void UploadQueue::retryClaim()
{
    if (!ensureClaimed())
        return;
    qCInfo(lcOrders) << "The other console has gone; this one works the queue now";
    // Views were filled from what the store held when this queue started; the other console
    // has changed it since.
    for (const QueueItem &stored : items())
        Q_EMIT itemChanged(stored.id);
    if (m_started)
        resumeStored();
    else
        pump();
}

bool UploadQueue::start()
{
    m_started = true;
    if (!ensureClaimed()) {
        checkIdle();
        return false;
    }
    resumeStored();
    return true;
}

void UploadQueue::resumeStored()
{
    const QDateTime current = now();
    for (const QueueItem &stored : items()) {
        // Why an earlier attempt ended is not stored. One that had begun sending the body may
        // have delivered it, so, as within one run, the token's status is asked before the
        // file is sent again, whatever state the item waits in.
        if (!stored.token.isEmpty() && stored.bytesSent > 0 && stored.state != QueueState::Done)
            rt(stored.id).verifyBeforeResend = true;
        switch (stored.state) {
        case QueueState::Queued:
        case QueueState::Validating:
            validate(stored.id);
            break;
        case QueueState::CreatingToken:
            if (stored.token.isEmpty())
                recordLostTokenCall(stored.id, u"the console stopped during the token call"_s);
            [[fallthrough]];
        case QueueState::Uploading:
            // Killed mid-way: back to Ready with the recorded token (if any). An upload that
            // was running may have reached the service, so it is verified before re-sending.
            rt(stored.id).verifyBeforeResend =
                !stored.token.isEmpty() && stored.state == QueueState::Uploading;
            setState(stored.id, QueueState::Ready);
            break;
        case QueueState::Failed:
            if (stored.nextRetry.isValid())
                scheduleRetry(stored.id, stored.nextRetry < current ? current : stored.nextRetry);
            break;
        case QueueState::NeedsAttention:
            // Earlier versions stopped here when the service already held the file (a print
            // under way, or a refused re-send): a token with no order, whose print nobody
            // followed. The print-status call tells the clear cases without sending anything.
            if (!stored.token.isEmpty() && holdsUnrecordedToken(stored.id))
                confirmArrival(stored.id);
            break;
        default:
            break;
        }
    }
    pump();
    checkIdle();
}

bool UploadQueue::hasConfirmedDetails(const QueueItem &item)
{
    // Only confirmDetails() writes details to a waiting item, and it leaves the state
    // itself; details that would not pass the form are no confirmation either.
    return item.state != QueueState::AwaitingDetails && checkEmail(item.receiverEmail).ok() &&
           isKnownCurrency(item.currency) && !item.price.isNegative();
}

StoreResult<qint64> UploadQueue::addFileAwaitingDetails(const QString &path)
{
    const QFileInfo info(path);
    QueueItem newItem;
    newItem.environment = m_environment;
    newItem.sourcePath = info.absoluteFilePath();
    newItem.fileName = info.fileName();
    newItem.currency = kDefaultCurrency.toString();
    newItem.state = QueueState::AwaitingDetails;
    StoreResult<qint64> added = m_store->addQueueItem(newItem);
    if (!added) {
        reportStoreError(added.error());
        return added;
    }
    releaseStoreHold(); // the store takes writes again
    qCInfo(lcOrders) << "item" << *added << "waits for order details";
    Q_EMIT itemAdded(*added);
    return added;
}

bool UploadQueue::confirmDetails(qint64 id, const OrderFacts &facts)
{
    if (!mayControl())
        return false;
    std::optional<QueueItem> current = item(id);
    if (!current || current->state != QueueState::AwaitingDetails)
        return false;
    QueueItem confirmed = *current;
    confirmed.state = QueueState::Queued;
    confirmed.receiverEmail = facts.receiverEmail;
    confirmed.price = facts.price;
    confirmed.currency = facts.currency.isEmpty() ? kDefaultCurrency.toString() : facts.currency;
    confirmed.partnerJobId = facts.partnerJobId;
    if (!hasConfirmedDetails(confirmed))
        return false;
    if (StoreStatus written =
            m_store->updateQueueItemFacts(id, confirmed.receiverEmail, confirmed.price,
                                          confirmed.currency, confirmed.partnerJobId);
        !written) {
        reportStoreError(written.error());
        return false;
    }
    if (!setState(id, QueueState::Queued))
        return false;
    qCInfo(lcOrders) << "item" << id << "order details confirmed";
    validate(id);
    return true;
}

StoreResult<qint64> UploadQueue::addFile(const QString &path, const OrderFacts &facts)
{
    QueueItem probe;
    probe.state = QueueState::Queued;
    probe.receiverEmail = facts.receiverEmail;
    probe.price = facts.price;
    probe.currency = facts.currency.isEmpty() ? kDefaultCurrency.toString() : facts.currency;
    if (!hasConfirmedDetails(probe)) {
        StoreError refused;
        refused.kind = StoreError::Kind::InvalidInput;
        refused.message = Text::tr("The file was not queued: its order details are incomplete.");
        return refused;
    }
    const QFileInfo info(path);
    QueueItem newItem;
    newItem.environment = m_environment;
    newItem.sourcePath = info.absoluteFilePath();
    newItem.fileName = info.fileName();
    newItem.receiverEmail = facts.receiverEmail;
    newItem.price = facts.price;
    newItem.currency = facts.currency.isEmpty() ? kDefaultCurrency.toString() : facts.currency;
    newItem.partnerJobId = facts.partnerJobId;
    newItem.state = QueueState::Queued;
    StoreResult<qint64> added = m_store->addQueueItem(newItem);
    if (added)
        releaseStoreHold(); // the store takes writes again
    if (!added) {
        reportStoreError(added.error());
        return added;
    }
    const qint64 id = *added;
    Q_EMIT itemAdded(id);
    if (ensureClaimed())
        validate(id);
    return id;
}

void UploadQueue::validate(qint64 id)
{
    std::optional<QueueItem> current = item(id);
    if (!current)
        return;
    stopRuntime(id);
    if (!setState(id, QueueState::Validating,
                  [](QueueItem &i) { i.nextRetry = {}, i.failureReason.clear(); }))
        return;
    m_wasIdle = false;
    Runtime &runtime = rt(id);
    runtime.validating = true;
    const quint64 generation = runtime.generation;
    const QString path = current->sourcePath;
    auto *task = new stl::InspectionTask({path, m_quickInspection, {}}, this);
    runtime.task = task;
    connect(task, &stl::InspectionTask::finished, this,
            [this, id, generation, path, task](const stl::InspectionReport &report) {
                task->deleteLater();
                // Not running any more: isIdle() must not wait for the deferred deletion.
                if (rt(id).task == task)
                    rt(id).task = nullptr;
                if (rt(id).generation != generation)
                    return;
                if (!report.ok) {
                    rt(id).validating = false;
                    // A bad file never reaches the network.
                    setState(id, QueueState::Failed, [&](QueueItem &i) {
                        i.failureReason = report.error;
                        i.nextRetry = {};
                    });
                    checkIdle();
                    return;
                }
                finishValidation(id, generation, path);
            });
    task->start();
}

void UploadQueue::finishValidation(qint64 id, quint64 generation, const QString &path)
{
    runInPool([this, id, generation, path](const std::atomic<bool> *cancel) {
        auto error = std::make_shared<QString>();
        auto fp = std::make_shared<std::optional<FileFingerprint>>(
            fingerprintFile(path, cancel, error.get()));
        return std::function<void()>([this, id, generation, error, fp] {
            if (rt(id).generation != generation)
                return;
            rt(id).validating = false;
            if (!fp->has_value()) {
                setState(id, QueueState::Failed, [&](QueueItem &i) {
                    i.failureReason = *error;
                    i.nextRetry = {};
                });
                checkIdle();
                return;
            }
            const FileFingerprint &print = **fp;
            if (StoreStatus s =
                    m_store->updateQueueItemFile(id, print.size, print.modified, print.sha256Hex());
                !s) {
                reportStoreError(s.error());
                setState(id, QueueState::Failed,
                         [&](QueueItem &i) { i.failureReason = s.error().message; });
                checkIdle();
                return;
            }
            std::optional<QueueItem> current = item(id);
            if (!current)
                return;
            if (!setState(id, QueueState::Ready))
                return;
            StoreResult<QList<DuplicateMatch>> dups =
                m_store->findDuplicates(m_environment, current->sha256, current->receiverEmail, id);
            if (dups && !dups->isEmpty()) {
                const QString what = describeDuplicate(dups->first());
                qCInfo(lcOrders) << "item" << id << "duplicates" << what;
                Q_EMIT duplicateFound(id, what,
                                      dups->first().source == DuplicateMatch::Source::Order);
            }
            pump();
        });
    });
}

// --- Processing -----------------------------------------------------------------------------

int UploadQueue::busyCount() const
{
    int count = 0;
    for (const auto &[id, runtime] : m_runtime)
        count += runtime.busy ? 1 : 0;
    return count;
}

void UploadQueue::pump()
{
    int running = busyCount();
    if (running >= m_maxParallel || m_storeHeld || !ensureClaimed()) {
        checkIdle();
        return;
    }
    // Normally only the first ready items are candidates (at most `running` of them are busy
    // re-checking or saving, the others can start): one indexed read per state change however
    // long the queue is. After a store failure or a new claim, every item in a working state.
    const bool sweep = std::exchange(m_sweepDue, false);
    const StoreResult<QList<QueueItem>> candidates =
        sweep ? m_store->queueItemsInStates(
                    m_environment, {QueueState::Ready, QueueState::Queued, QueueState::Validating,
                                    QueueState::CreatingToken, QueueState::Uploading})
              : m_store->queueItemsInStates(m_environment, {QueueState::Ready},
                                            m_maxParallel + running);
    if (!candidates) {
        m_sweepDue = m_sweepDue || sweep;
        checkIdle();
        return;
    }
    for (const QueueItem &candidate : *candidates) {
        if (running >= m_maxParallel || m_storeHeld)
            break;
        Runtime &runtime = rt(candidate.id);
        if (runtime.busy || runtime.validating || runtime.task)
            continue;
        switch (candidate.state) {
        case QueueState::Ready:
            break;
        case QueueState::Queued:
        case QueueState::Validating:
            // Left behind by a store write that failed (the store was held meanwhile).
            validate(candidate.id);
            continue;
        case QueueState::CreatingToken:
        case QueueState::Uploading:
            // Likewise: its last state could not be written. Like a resume after a crash, an
            // upload that may have reached the service is verified before it is re-sent.
            if (candidate.state == QueueState::Uploading && !candidate.token.isEmpty() &&
                !runtime.unsavedLinks)
                runtime.verifyBeforeResend = true;
            break;
        default:
            continue;
        }
        startItem(candidate);
        ++running;
    }
    checkIdle();
}

void UploadQueue::startItem(const QueueItem &ready)
{
    const qint64 id = ready.id;
    if (!hasConfirmedDetails(ready)) {
        // However it got here, it goes back to waiting for a person instead of to the service.
        qCWarning(lcOrders) << "item" << id << "not started: no confirmed order details";
        setState(id, QueueState::AwaitingDetails, [](QueueItem &i) { i.nextRetry = {}; });
        return;
    }
    Runtime &runtime = rt(id);
    runtime.busy = true;
    m_wasIdle = false;
    if (runtime.unsavedLinks && !ready.token.isEmpty()) {
        // The file reached the service; only its order is left to save.
        const ArrivedLinks links = *runtime.unsavedLinks;
        saveOrder(id, links);
        return;
    }
    if (!ready.token.isEmpty()) {
        // Never a second token call for an item that holds one.
        recheckThenUpload(id);
        return;
    }
    if (!setState(id, QueueState::CreatingToken)) {
        runtime.busy = false;
        return;
    }
    const quint64 generation = runtime.generation;
    CreateTokenJob *job = m_api->createToken();
    runtime.job = job;
    connect(job, &CreateTokenJob::finished, this,
            [this, id, generation](const TokenResult &result) {
                onToken(id, generation, result.token, result.error);
            });
}

void UploadQueue::onToken(qint64 id, quint64 generation, const QString &token,
                          const ApiError &error)
{
    Runtime &runtime = rt(id);
    if (runtime.generation != generation)
        return;
    runtime.job.clear();
    if (error.isError()) {
        // No answer, or one that could not be read (the service made a token all the same).
        if (error.answerMayBeLost() || error.kind == ApiError::Kind::Protocol)
            recordLostTokenCall(id, error.detail.isEmpty() ? error.message : error.detail);
        handleFailure(id, error, false);
        return;
    }
    // The token is committed before anything is uploaded for it.
    if (StoreStatus recorded = m_store->recordToken(id, token); !recorded) {
        reportStoreError(recorded.error());
        runtime.busy = false;
        setState(id, QueueState::Failed, [&](QueueItem &i) {
            i.failureReason =
                Text::tr("The token could not be saved: %1").arg(recorded.error().message);
            i.nextRetry = {};
        });
        pump();
        return;
    }
    qCInfo(lcOrders) << "item" << id << "token recorded";
    recheckThenUpload(id);
}

void UploadQueue::recordLostTokenCall(qint64 id, const QString &reason)
{
    const std::optional<QueueItem> current = item(id);
    const QString fileName = current ? current->fileName : QString();
    qCWarning(lcOrders).noquote() << "item" << id
                                  << "token call without an answer; the service may hold an "
                                     "unused token:"
                                  << reason;
    if (StoreStatus recorded =
            m_store->recordLostTokenCall(m_environment, id, fileName, reason, now());
        !recorded)
        qCWarning(lcOrders).noquote()
            << "the lost token call was not counted:" << recorded.error().message;
}

void UploadQueue::recheckThenUpload(qint64 id)
{
    std::optional<QueueItem> current = item(id);
    if (!current)
        return;
    const quint64 generation = rt(id).generation;
    const QString path = current->sourcePath;
    const FileFingerprint expected = fingerprintOf(*current);
    runInPool([this, id, generation, path, expected](const std::atomic<bool> *cancel) {
        auto message = std::make_shared<QString>();
        const FileCheck check = recheckFile(path, expected, cancel, message.get());
        return std::function<void()>([this, id, generation, check, message] {
            Runtime &runtime = rt(id);
            if (runtime.generation != generation)
                return;
            if (check != FileCheck::Unchanged) {
                runtime.busy = false;
                setState(id, QueueState::NeedsAttention, [&](QueueItem &i) {
                    i.failureReason = message->isEmpty()
                                          ? Text::tr("The file changed or vanished after it was "
                                                     "queued; check it and queue it again.")
                                          : *message;
                    i.nextRetry = {};
                });
                pump();
                return;
            }
            if (runtime.verifyBeforeResend)
                verifyThenUpload(id);
            else
                upload(id);
        });
    });
}

// "Reset after the body was sent" (RELIABILITY.md). When an earlier attempt of an item with
// a token may have delivered its body (the connection closed or timed out mid-way or after
// the body, an answer cut short, the process died while uploading), the item asks the
// print-status call before re-sending:
//  - the service does not know the token (an error that is not transient): Failed. The
//    item never gets a second token automatically; the user decides.
//  - a transient error: the usual retry rules.
//  - a status past "awaiting customer" (printing, done...): the file certainly arrived. The
//    item becomes Done with an order whose links are built from the documented token-page
//    pattern (the token is all the print-status call needs), so the order is followed like
//    any other; nothing is sent.
//  - "awaiting customer": ambiguous (the service says so for a token without a file as
//    well), so the file is sent with the same token. If the earlier body did arrive, the
//    service refuses it with "already uploaded" for that token, which onUploaded() takes as
//    proof of arrival: Done, order with reconstructed links - never a second token, never a
//    second file at the service.
// The same rule covers QNetworkAccessManager's own silent re-send of a POST on a dropped
// keep-alive connection.
void UploadQueue::verifyThenUpload(qint64 id)
{
    std::optional<QueueItem> current = item(id);
    if (!current)
        return;
    askStatus(id, current->token, [this, id](Runtime &r, const PrintStatusResult &result) {
        if (result.error.isError()) {
            if (result.error.isTransient() || result.error.kind == ApiError::Kind::Network) {
                handleFailure(id, result.error, true);
                return;
            }
            r.busy = false;
            setState(id, QueueState::Failed, [&](QueueItem &i) {
                i.failureReason =
                    Text::tr("The service could not confirm the item's token before the "
                             "upload was sent again: %1")
                        .arg(result.error.message);
                i.nextRetry = {};
            });
            pump();
            return;
        }
        if (!result.status.isAwaitingCustomer()) {
            qCInfo(lcOrders).noquote()
                << "item" << id << "already printing (" << result.status.statusText
                << "): its file arrived earlier; order saved without sending it again";
            saveReconstructedOrder(id);
            return;
        }
        upload(id);
    });
}

void UploadQueue::askStatus(
    qint64 id, const QString &token,
    const std::function<void(Runtime &, const PrintStatusResult &)> &onAnswer)
{
    const quint64 generation = rt(id).generation;
    auto deliver = [this, id, generation, onAnswer](const PrintStatusResult &result) {
        Runtime &r = rt(id);
        if (r.generation != generation)
            return; // the item was cancelled, removed or restarted meanwhile
        onAnswer(r, result);
    };
    StatusProbe &probe = m_statusProbes[token];
    if (probe.job || probe.scheduled) {
        probe.waiting.push_back(deliver); // asked a moment ago: that answer will do
        return;
    }
    const qint64 sinceAsked = m_monotonic.elapsed() - probe.askedAtMs;
    if (probe.answer && !probe.answer->error.isError() && sinceAsked < kStatusAnswerFreshMs) {
        qCInfo(lcOrders) << "item" << id << "takes the print status asked" << sinceAsked
                         << "ms ago";
        QMetaObject::invokeMethod(
            this, [deliver, answer = *probe.answer] { deliver(answer); }, Qt::QueuedConnection);
        return;
    }
    probe.answer.reset();
    probe.waiting = {deliver};
    // Another process (or this console before a restart) may have asked moments ago: the
    // service's rule holds across them, so the question waits out the rest of its 15 s.
    const StoreResult<QDateTime> asked = m_store->lastTokenStatusAsk(m_environment, token);
    const qint64 wait = asked && asked->isValid()
                            ? kStatusAnswerFreshMs - asked->msecsTo(QDateTime::currentDateTimeUtc())
                            : 0;
    if (wait > 0 && wait <= kStatusAnswerFreshMs) {
        qCInfo(lcOrders) << "item" << id << "asks about its token in" << wait
                         << "ms: it was asked about moments ago";
        probe.scheduled = true;
        QTimer::singleShot(wait, this, [this, token] { sendStatusProbe(token); });
        return;
    }
    sendStatusProbe(token);
}

void UploadQueue::sendStatusProbe(const QString &token)
{
    StatusProbe &probe = m_statusProbes[token];
    probe.scheduled = false;
    if (StoreStatus recorded =
            m_store->recordTokenStatusAsk(m_environment, token, QDateTime::currentDateTimeUtc());
        !recorded)
        qCWarning(lcOrders).noquote()
            << "when the token was asked about is not kept:" << recorded.error().message;
    // Not the item's job: a retry or cancel of the item leaves the question to finish, so
    // that its answer serves whoever asks next instead of a second question.
    PrintStatusJob *job = m_api->printStatus(token);
    probe.job = job;
    probe.askedAtMs = m_monotonic.elapsed();
    connect(job, &PrintStatusJob::finished, this, [this, token](const PrintStatusResult &result) {
        StatusProbe &answered = m_statusProbes[token];
        answered.job.clear();
        answered.answer = result;
        const auto waiting = std::exchange(answered.waiting, {});
        for (const auto &deliverTo : waiting)
            deliverTo(result);
    });
}

void UploadQueue::confirmArrival(qint64 id)
{
    std::optional<QueueItem> current = item(id);
    if (!current)
        return;
    rt(id).busy = true;
    m_wasIdle = false;
    askStatus(id, current->token, [this, id](Runtime &r, const PrintStatusResult &result) {
        if (!result.error.isError() && !result.status.isAwaitingCustomer()) {
            qCInfo(lcOrders) << "item" << id << "is printing at the service: its order is saved";
            saveReconstructedOrder(id);
            return;
        }
        // Not provable without sending: the item keeps waiting for the user.
        r.busy = false;
        checkIdle();
    });
}

void UploadQueue::upload(qint64 id)
{
    std::optional<QueueItem> current = item(id);
    if (!current)
        return;
    Runtime &runtime = rt(id);
    if (!setState(id, QueueState::Uploading, [](QueueItem &i) {
            i.bytesSent = 0;
            i.nextRetry = {};
        })) {
        runtime.busy = false;
        return;
    }
    runtime.unsavedBytesSent = 0;
    runtime.uploading = true;
    runtime.bytesTotal = current->size;
    runtime.rate.restart(nowMs());
    UploadRequest request;
    request.token = current->token;
    request.filePath = current->sourcePath;
    request.fileName = current->fileName;
    request.receiverEmail = current->receiverEmail;
    request.printValue = current->price;
    request.currency = current->currency;
    request.partnerJobId = current->partnerJobId;
    const quint64 generation = runtime.generation;
    // What was inspected is what is sent: a file changed since (even after the re-check
    // before this step, while it is being sent) fails the upload instead of reaching the
    // service.
    UploadJob *job = m_api->upload(request, {current->size, fingerprintOf(*current).sha256});
    runtime.job = job;
    connect(job, &UploadJob::uploadProgress, this,
            [this, id, generation](qint64 sent, qint64 total) {
                if (rt(id).generation == generation)
                    onUploadProgress(id, sent, total);
            });
    connect(job, &UploadJob::finished, this, [this, id, generation](const UploadResult &result) {
        onUploaded(id, generation, result);
    });
}

void UploadQueue::onUploadProgress(qint64 id, qint64 sent, qint64 total)
{
    Runtime &runtime = rt(id);
    // A report that comes after the upload ended (the reply may still count bytes it had
    // queued) would move a figure already written with the state the upload ended in.
    if (!runtime.uploading)
        return;
    if (total > 0)
        runtime.bytesTotal = total;
    runtime.rate.sample(nowMs(), sent);
    // In memory only: the item stays Uploading in the store, which is all a restart needs (an
    // item found Uploading is asked about at the service before anything is sent again); the
    // figure is written with the state the upload ends in.
    // The furthest it came: the network stack may start the body again by itself.
    runtime.unsavedBytesSent = std::max(runtime.unsavedBytesSent, sent);
    Q_EMIT uploadProgress(id, sent, total);
}

void UploadQueue::onUploaded(qint64 id, quint64 generation, const UploadResult &result)
{
    Runtime &runtime = rt(id);
    if (runtime.generation != generation)
        return;
    runtime.job.clear();
    runtime.uploading = false;
    if (result.error.isError()) {
        if (saysAlreadyUploaded(result.error)) {
            // The service holds a file for this item's token, and only this item ever had
            // that token: an earlier attempt arrived and only its answer was lost. The
            // refused body was not stored a second time.
            qCInfo(lcOrders) << "item" << id
                             << "refused as already uploaded: an earlier attempt arrived";
            saveReconstructedOrder(id);
            return;
        }
        const bool mayHaveArrived =
            result.error.kind == ApiError::Kind::Timeout ||
            (result.error.kind == ApiError::Kind::Network &&
             result.error.networkReason == ApiError::NetworkReason::ConnectionClosed);
        handleFailure(id, result.error, mayHaveArrived);
        return;
    }
    saveOrder(id, result.links.tokenLink.toString(), result.links.sslTokenLink.toString());
}

void UploadQueue::saveReconstructedOrder(qint64 id)
{
    std::optional<QueueItem> current = item(id);
    if (!current || current->token.isEmpty()) {
        rt(id).busy = false;
        pump();
        return;
    }
    const QString link = m_api->endpoint().tokenPageUrl(current->token).toString();
    saveOrder(id, {link, link, true});
}

void UploadQueue::saveOrder(qint64 id, const QString &tokenLink, const QString &sslTokenLink)
{
    saveOrder(id, {tokenLink, sslTokenLink, false});
}

void UploadQueue::saveOrder(qint64 id, const ArrivedLinks &links)
{
    Runtime &runtime = rt(id);
    StoreResult<Order> order = m_store->createOrderFromItem(id, links.tokenLink, links.sslTokenLink,
                                                            now(), links.reconstructed);
    runtime.busy = false;
    runtime.networkWaits = 0;
    if (!order) {
        reportStoreError(order.error());
        runtime.unsavedLinks = links;
        runtime.verifyBeforeResend = true; // should the links be lost with the process
        setState(id, QueueState::Failed, [&](QueueItem &i) {
            i.failureReason =
                Text::tr("The upload succeeded but the order could not be saved: %1; make room and "
                         "retry to save it (the file is not sent again).")
                    .arg(order.error().message);
            i.nextRetry = {};
        });
    } else {
        runtime.unsavedLinks.reset();
        runtime.verifyBeforeResend = false;
        qCInfo(lcOrders) << "item" << id << "done, order" << order->id;
        Q_EMIT itemChanged(id);
    }
    pump();
}

void UploadQueue::handleFailure(qint64 id, const ApiError &error, bool bodyMayHaveArrived)
{
    std::optional<QueueItem> current = item(id);
    Runtime &runtime = rt(id);
    runtime.busy = false;
    runtime.job.clear();
    if (!current)
        return;
    if (bodyMayHaveArrived && !current->token.isEmpty())
        runtime.verifyBeforeResend = true;
    const RetryDecision decision = m_policy.decide(
        error, current->attemptCount, runtime.networkWaits, *QRandomGenerator::global());
    qCInfo(lcOrders) << "item" << id << "failed:" << error.detail << "->" << decision.reason;
    const int attempts = current->attemptCount + (decision.countsAsAttempt ? 1 : 0);
    using Action = RetryDecision::Action;
    switch (decision.action) {
    case Action::RetryLater:
    case Action::WaitForNetwork: {
        if (decision.action == Action::WaitForNetwork)
            ++runtime.networkWaits;
        else
            runtime.networkWaits = 0;
        const QDateTime when = now().addMSecs(decision.delay.count());
        if (setState(id, QueueState::Failed, [&](QueueItem &i) {
                i.attemptCount = attempts;
                i.nextRetry = when;
                i.failureReason = decision.reason;
            }))
            scheduleRetry(id, when);
        break;
    }
    case Action::Fail:
        setState(id, QueueState::Failed, [&](QueueItem &i) {
            i.attemptCount = qMax(attempts, current->attemptCount + 1);
            i.nextRetry = {};
            i.failureReason = decision.reason;
        });
        break;
    case Action::NeedsAttention:
        setState(id, QueueState::NeedsAttention, [&](QueueItem &i) {
            i.nextRetry = {};
            i.failureReason = decision.reason;
        });
        break;
    case Action::Cancelled:
        setState(id, QueueState::Cancelled, [&](QueueItem &i) { i.nextRetry = {}; });
        break;
    }
    pump();
}

void UploadQueue::scheduleRetry(qint64 id, const QDateTime &when)
{
    Runtime &runtime = rt(id);
    if (!runtime.retryTimer) {
        runtime.retryTimer = new QTimer(this);
        runtime.retryTimer->setSingleShot(true);
        connect(runtime.retryTimer, &QTimer::timeout, this, [this, id] {
            Runtime &r = rt(id);
            if (r.retryTimer) {
                r.retryTimer->deleteLater();
                r.retryTimer = nullptr;
            }
            std::optional<QueueItem> current = item(id);
            if (current && current->state == QueueState::Failed && current->nextRetry.isValid())
                setState(id, QueueState::Ready, [](QueueItem &i) { i.nextRetry = {}; });
            pump();
        });
    }
    runtime.retryTimer->start(
        int(qBound<qint64>(0, now().msecsTo(when), qint64(24) * 3600 * 1000)));
}

} // namespace pc
