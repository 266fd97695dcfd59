// The upload queue engine against the in-process sandbox, with its faults switched on.

#include "queuefixture.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

class TestUploadQueue final : public QObject, private QueueFixture
{
    Q_OBJECT

private:
    void checkReconstructedOrder(const QString &token);
    // An item left needing attention by an earlier run: it holds a token the service made,
    // and no order. `sent`: its whole body had gone out (then the next start verifies before
    // sending again); `printing`: the service holds the file and the customer prints.
    struct HeldToken
    {
        qint64 id = 0;
        QString token;
    };
    HeldToken leaveItemHoldingToken(bool sent, bool printing);

private Q_SLOTS:
    void initTestCase();
    void init() { initFixture(); }
    void cleanup() { cleanupFixture(); }

    void happyPath();
    void badFileNeverReachesNetwork();
    void parallelLimitRespected();
    void serverErrorRetriedWithSameToken();
    void wrongApiKeyFailsWithoutRetry();
    void droppedUploadRetriedWithSameToken_data();
    void droppedUploadRetriedWithSameToken();
    void resetAfterBodyArrivedNeverResends();
    void fileChangedAfterQueueing();
    void resumeAfterCrashKeepsToken();
    void resumeAfterDeliveredBodyDoesNotResend();
    void removeKeepsTokenAsOrder();
    void progressIsWrittenWithTheStateItEndsIn();
    void earlierDeadEndBecomesOrder();
    void retryRightAfterStartAsksOnce();
    void askedByAnotherProcessWaitsOutTheFloor();
    void cancelDuringUpload();
    void pauseAndResume();
    void duplicateWarning();
    void editFactsBeforeUpload();
    void itemWithoutConfirmedDetailsNeverStarts();
    void claimTakenBeforeStartIsNoError();
};

void TestUploadQueue::initTestCase()
{
    QVERIFY(QFile::exists(kTeapot));
}

void TestUploadQueue::happyPath()
{
    startQueue();
    QSignalSpy idleSpy(m_queue.get(), &UploadQueue::idle);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = queueTeapot();
    QVERIFY(id >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const QueueItem done = itemOf(id);
    QVERIFY(!done.token.isEmpty());
    QCOMPARE(done.size, QFileInfo(kTeapot).size());
    QCOMPARE(done.sha256.size(), 64);
    QCOMPARE(m_sandbox->uploadCount(done.token), 1);
    QCOMPARE(tokens.size(), 1);
    const auto order = m_store->orderByToken(m_queue->environment(), done.token);
    QVERIFY(order.ok() && order->has_value());
    QVERIFY(!(*order)->tokenLink.isEmpty());
    QCOMPARE((*order)->receiverEmail, u"receiver@example.com"_s);
    QCOMPARE((*order)->queueItemId, std::optional<qint64>(id));
    QTRY_VERIFY_WITH_TIMEOUT(idleSpy.size() >= 1, kWait);
    QVERIFY(m_queue->isIdle());
}

void TestUploadQueue::badFileNeverReachesNetwork()
{
    startQueue();
    const QString empty = m_dir->filePath(u"empty.stl"_s);
    QFile(empty).open(QIODevice::WriteOnly);
    const QString png = m_dir->filePath(u"picture.stl"_s);
    {
        QFile f(png);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes("\x89PNG\r\n\x1a\n", 8);
        bytes.append(QByteArray(200, 'x'));
        f.write(bytes);
    }
    const qint64 a = *m_queue->addFile(empty, facts());
    const qint64 b = *m_queue->addFile(png, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(a), u"failed"_s, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(b), u"failed"_s, kWait);
    QVERIFY(!itemOf(a).failureReason.isEmpty());
    QVERIFY(!itemOf(b).failureReason.isEmpty());
    QVERIFY(itemOf(a).token.isEmpty());
    QTest::qWait(100);
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
}

void TestUploadQueue::parallelLimitRespected()
{
    startQueue(u"latency=300,calls=upload"_s);
    int maxBusy = 0;
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [&] {
        int busy = 0;
        for (const QueueItem &i : m_queue->items())
            busy += (i.state == QueueState::CreatingToken || i.state == QueueState::Uploading);
        maxBusy = qMax(maxBusy, busy);
    });
    QList<qint64> ids;
    for (int n = 0; n < 4; ++n)
        ids << queueTeapot(u"teapot%1.stl"_s.arg(n), facts(u"r%1@example.com"_s.arg(n)));
    for (qint64 id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(maxBusy, 2);
    QSet<QString> tokens;
    for (qint64 id : ids)
        tokens.insert(itemOf(id).token);
    QCOMPARE(tokens.size(), 4);
}

void TestUploadQueue::serverErrorRetriedWithSameToken()
{
    startQueue(u"http5xx=1,status=503,budget=2,calls=upload"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    int maxAttempts = 0;
    QString reason;
    connect(m_queue.get(), &UploadQueue::itemChanged, this, [&](qint64 id) {
        const QueueItem i = itemOf(id);
        if (i.attemptCount > maxAttempts) {
            maxAttempts = i.attemptCount;
            reason = i.failureReason;
            QVERIFY(i.nextRetry.isValid());
        }
    });
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(maxAttempts, 2);
    QVERIFY(!reason.isEmpty());
    QCOMPARE(itemOf(id).attemptCount, 2);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(tokens.first().first().toString(), itemOf(id).token);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
}

void TestUploadQueue::wrongApiKeyFailsWithoutRetry()
{
    startSandbox();
    ServiceEndpoint endpoint = m_api->endpoint();
    endpoint.apiKey = u"wrong-key-000000000000000"_s;
    m_api->setEndpoint(endpoint);
    makeQueue();
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY(!failed.nextRetry.isValid());
    QVERIFY2(failed.failureReason.contains(u"API key"_s, Qt::CaseInsensitive),
             qPrintable(failed.failureReason));
    QVERIFY(failed.token.isEmpty());
    const int requests = m_sandbox->totalRequestCount();
    QTest::qWait(300);
    QCOMPARE(m_sandbox->totalRequestCount(), requests);
    QCOMPARE(stateOf(id), u"failed"_s);
}

void TestUploadQueue::droppedUploadRetriedWithSameToken_data()
{
    QTest::addColumn<int>("budget");
    QTest::addColumn<double>("at");
    // One drop is usually healed by QNetworkAccessManager's own single re-send of the POST;
    // two in a row fail the job, so the queue itself verifies the token and re-sends.
    QTest::newRow("once, 50%") << 1 << 0.5;
    QTest::newRow("twice, 10%") << 2 << 0.1;
    QTest::newRow("twice, 99%") << 2 << 0.99;
}

void TestUploadQueue::droppedUploadRetriedWithSameToken()
{
    QFETCH(int, budget);
    QFETCH(double, at);
    startQueue(u"drop-upload=1,at=%1,budget=%2,calls=upload"_s.arg(at).arg(budget));
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploaded(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
    // Whenever the queue itself re-sent after a reset (the network stack may heal one or
    // more drops by itself, depending on timing), it asked the status call first.
    if (itemOf(id).attemptCount > 0)
        QVERIFY(m_sandbox->statusRequestCount(itemOf(id).token) >= 1);
}

void TestUploadQueue::resetAfterBodyArrivedNeverResends()
{
    // The service stores the file, then the connection closes without an answer. Whether
    // QNetworkAccessManager re-sends by itself or the queue retries after asking the status
    // call, the service refuses a second file for the token, and that refusal proves the
    // first one arrived: the item is done, its order holds the token with links built from
    // the token page address (marked so), and the poller follows it like any other.
    startQueue(u"drop-after-upload=1,budget=1,calls=upload"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy uploaded(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = queueTeapot();
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(id) == u"done"_s || stateOf(id) == u"needs_attention"_s,
                             kWait);
    QCOMPARE(stateOf(id), u"done"_s);
    const QString token = itemOf(id).token;
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(uploaded.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    checkReconstructedOrder(token);
}

void TestUploadQueue::checkReconstructedOrder(const QString &token)
{
    const auto order = m_store->orderByToken(environment(), token);
    QVERIFY(order.ok());
    QVERIFY2(order->has_value(), "no order for the token");
    const Order &kept = **order;
    QVERIFY(kept.linksReconstructed);
    const QString expected = m_sandbox->serverUrl().toString() + u"?token="_s + token;
    QCOMPARE(kept.tokenLink, expected);
    QCOMPARE(kept.sslTokenLink, expected);
    // The link is the page the service serves for the token.
    QVERIFY(m_sandbox->hasToken(token));
    // Followed: an open order of the environment, which is what the poller works through.
    QVERIFY(!isFinal(kept.status.status));
    const auto open = m_store->orders(environment());
    QVERIFY(open.ok());
    QVERIFY(std::any_of(open->cbegin(), open->cend(),
                        [&](const Order &o) { return o.token == token; }));
}

void TestUploadQueue::fileChangedAfterQueueing()
{
    startQueue();
    m_queue->setMaxParallel(0);
    const QString path = copyTeapot(u"teapot.stl"_s);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write(QByteArray(100, '\0'));
    }
    m_queue->setMaxParallel(2);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"needs_attention"_s, kWait);
    QVERIFY(!itemOf(id).failureReason.isEmpty());
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 0);
    // Deleted is the same.
    const QString other = copyTeapot(u"other.stl"_s);
    m_queue->setMaxParallel(0);
    const qint64 id2 = *m_queue->addFile(other, facts(u"x@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id2), u"ready"_s, kWait);
    QVERIFY(QFile::remove(other));
    m_queue->setMaxParallel(2);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id2), u"needs_attention"_s, kWait);
}

void TestUploadQueue::resumeAfterCrashKeepsToken()
{
    startQueue();
    m_queue->setMaxParallel(0);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);

    // What a killed process leaves: a token committed, the item caught uploading.
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    CreateTokenJob *job = m_api->createToken();
    QSignalSpy tokenDone(job, &CreateTokenJob::finished);
    QVERIFY(tokenDone.wait(kWait));
    const QString token = tokenDone.first().first().value<TokenResult>().token;
    QVERIFY(!token.isEmpty());
    QVERIFY(m_store->recordToken(id, token).ok());
    QueueItemProgress progress;
    progress.state = QueueState::Uploading;
    progress.bytesSent = 1000;
    QVERIFY(m_store->updateQueueItemProgress(id, progress).ok());
    m_queue.reset();

    makeQueue();
    m_queue->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(itemOf(id).token, token);
    QCOMPARE(tokens.size(), 1); // only the test's own
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    QVERIFY(m_sandbox->statusRequestCount(token) >= 1); // verified before re-sending
}

void TestUploadQueue::resumeAfterDeliveredBodyDoesNotResend()
{
    startQueue();
    m_queue->setMaxParallel(0);
    const QString path = copyTeapot(u"teapot.stl"_s);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);

    // The body arrived, then the process died before the answer was handled.
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    CreateTokenJob *job = m_api->createToken();
    QSignalSpy tokenDone(job, &CreateTokenJob::finished);
    QVERIFY(tokenDone.wait(kWait));
    const QString token = tokenDone.first().first().value<TokenResult>().token;
    QVERIFY(m_store->recordToken(id, token).ok());
    UploadRequest request;
    request.token = token;
    request.filePath = path;
    request.receiverEmail = u"receiver@example.com"_s;
    request.printValue = *Decimal::fromString(u"12.50");
    UploadJob *up = m_api->upload(request);
    QSignalSpy upDone(up, &UploadJob::finished);
    QVERIFY(upDone.wait(kWait));
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    QueueItemProgress progress;
    progress.state = QueueState::Uploading;
    QVERIFY(m_store->updateQueueItemProgress(id, progress).ok());
    m_queue.reset();

    makeQueue();
    m_queue->start();
    // The answer with the links died with the process; the refused re-send proves the file
    // is there: done, with an order that holds the token and reconstructed links.
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(id) == u"done"_s || stateOf(id) == u"needs_attention"_s,
                             kWait);
    QCOMPARE(stateOf(id), u"done"_s);
    QCOMPARE(itemOf(id).token, token);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    checkReconstructedOrder(token);
}

void TestUploadQueue::progressIsWrittenWithTheStateItEndsIn()
{
    // Progress moves in memory while the body goes out (each write would be a round trip to a
    // team database); the store learns how far the upload came with the state it ends in, so
    // the next start knows the body may have arrived.
    startQueue(u"drop-upload=1,at=0.5,calls=upload"_s);
    const qint64 id = queueTeapot();
    qint64 shown = 0; // the furthest: the network stack may start the body again by itself
    qint64 storedMeanwhile = 0;
    connect(m_queue.get(), &UploadQueue::uploadProgress, this, [&](qint64 item, qint64 sent) {
        if (item != id)
            return;
        shown = std::max(shown, sent);
        storedMeanwhile = std::max(storedMeanwhile, itemOf(id).bytesSent);
    });
    QTRY_VERIFY_WITH_TIMEOUT(!itemOf(id).token.isEmpty() && stateOf(id) == u"failed"_s, kWait);
    QCOMPARE(storedMeanwhile, 0);
    QVERIFY(shown > 0);
    // Written with the end state: some of the body went out, so a restart asks the service
    // before sending it again. (How much the reply had counted by then depends on when the
    // cut reached it; a slow run sees less than the last report, never none.)
    QVERIFY(itemOf(id).bytesSent > 0);
    QVERIFY(itemOf(id).bytesSent <= shown);
}

void TestUploadQueue::removeKeepsTokenAsOrder()
{
    // An item that holds a token but no order (its upload was cut off, its answer lost) is
    // removed: the token and its customer stay, as an order with reconstructed links.
    startQueue(u"drop-upload=1,at=0.5,calls=upload"_s);
    const qint64 id = queueTeapot();
    QTRY_VERIFY_WITH_TIMEOUT(!itemOf(id).token.isEmpty() && stateOf(id) == u"failed"_s, kWait);
    const QString token = itemOf(id).token;
    QVERIFY(m_queue->holdsUnrecordedToken(id));
    QVERIFY(m_queue->remove(id));
    QVERIFY(!m_queue->item(id));
    const auto order = m_store->orderByToken(environment(), token);
    QVERIFY(order.ok() && order->has_value());
    QVERIFY((*order)->linksReconstructed);
    QCOMPARE((*order)->receiverEmail, facts().receiverEmail);
    QCOMPARE((*order)->tokenLink, m_sandbox->serverUrl().toString() + u"?token="_s + token);

    // A finished item's order is there already: removing it touches no order.
    m_sandbox->setFaultPlan({});
    const qint64 done = queueTeapot(u"second.stl"_s, facts(u"second@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(done), u"done"_s, kWait);
    QVERIFY(!m_queue->holdsUnrecordedToken(done));
    const auto before = m_store->orders(environment());
    QVERIFY(m_queue->remove(done));
    QCOMPARE(m_store->orders(environment())->size(), before->size());
}

TestUploadQueue::HeldToken TestUploadQueue::leaveItemHoldingToken(bool sent, bool printing)
{
    HeldToken held;
    startQueue();
    m_queue->setMaxParallel(0);
    const QString path = copyTeapot(u"teapot.stl"_s);
    held.id = *m_queue->addFile(path, facts());
    if (!QTest::qWaitFor([&] { return stateOf(held.id) == u"ready"_s; }, kWait))
        return {};
    CreateTokenJob *job = m_api->createToken();
    QSignalSpy tokenDone(job, &CreateTokenJob::finished);
    if (!tokenDone.wait(kWait))
        return {};
    held.token = tokenDone.first().first().value<TokenResult>().token;
    if (!m_store->recordToken(held.id, held.token).ok())
        return {};
    if (printing) {
        UploadRequest request;
        request.token = held.token;
        request.filePath = path;
        request.receiverEmail = facts().receiverEmail;
        request.printValue = *Decimal::fromString(u"12.50");
        UploadJob *up = m_api->upload(request);
        QSignalSpy upDone(up, &UploadJob::finished);
        if (!upDone.wait(kWait) || !m_sandbox->startPrint(held.token))
            return {};
    }
    QueueItemProgress progress;
    progress.state = QueueState::NeedsAttention;
    progress.failureReason = u"the upload's answer was lost"_s;
    if (sent)
        progress.bytesSent = QFileInfo(path).size();
    if (!m_store->updateQueueItemProgress(held.id, progress).ok())
        return {};
    m_queue.reset();
    return held;
}

void TestUploadQueue::earlierDeadEndBecomesOrder()
{
    // What earlier versions left: an item needing attention with a token, no order, while
    // the service holds its file and the customer prints. The next start records the order.
    const HeldToken held = leaveItemHoldingToken(false, true);
    QVERIFY(!held.token.isEmpty());
    makeQueue();
    m_queue->start();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(held.id), u"done"_s, kWait);
    QCOMPARE(m_sandbox->uploadRequestCount(held.token), 1); // nothing was sent
    checkReconstructedOrder(held.token);
}

// A retry right after a start: the start asked the service about the item's token a moment
// ago, and the retry takes that answer instead of asking again within the service's 15 s.
void TestUploadQueue::retryRightAfterStartAsksOnce()
{
    const HeldToken held = leaveItemHoldingToken(true, false);
    QVERIFY(!held.token.isEmpty());
    makeQueue();
    m_queue->start(); // asks about the token: awaiting customer, the item keeps waiting
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->statusRequestCount(held.token), 1, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    QCOMPARE(stateOf(held.id), u"needs_attention"_s);
    QVERIFY(m_queue->retry(held.id));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(held.id), u"done"_s, kWait);
    QCOMPARE(m_sandbox->statusRequestCount(held.token), 1);
    QCOMPARE(m_sandbox->uploadCount(held.token), 1);
}

// Another process asked the service about the token moments ago (the store says when): this
// queue waits out the rest of the service's 15 s before it asks again, then goes on.
void TestUploadQueue::askedByAnotherProcessWaitsOutTheFloor()
{
    const HeldToken held = leaveItemHoldingToken(true, false);
    QVERIFY(!held.token.isEmpty());
    // The other process's question, 11 s ago.
    const QDateTime asked = QDateTime::currentDateTimeUtc().addSecs(-11);
    QVERIFY(m_store->recordTokenStatusAsk(environment(), held.token, asked).ok());
    QVERIFY(m_store->recordTokenStatusAsk(environment(), held.token, asked.addSecs(-30)).ok());
    QCOMPARE(*m_store->lastTokenStatusAsk(environment(), held.token), asked); // never back

    makeQueue();
    m_queue->start();
    QTest::qWait(1500);
    QCOMPARE(m_sandbox->statusRequestCount(held.token), 0); // not yet: 15 s have not passed
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->statusRequestCount(held.token), 1, 15000);
    QVERIFY(*m_store->lastTokenStatusAsk(environment(), held.token) > asked);
}

void TestUploadQueue::cancelDuringUpload()
{
    startQueue(u"latency=3000,calls=upload"_s);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"uploading"_s, kWait);
    QVERIFY(m_queue->cancel(id));
    QCOMPARE(stateOf(id), u"cancelled"_s);
    QTest::qWait(3500);
    QCOMPARE(stateOf(id), u"cancelled"_s);
    QCOMPARE(tokens.size(), 1);
    QVERIFY(m_queue->isIdle());
}

void TestUploadQueue::pauseAndResume()
{
    startQueue();
    m_queue->setMaxParallel(0);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);
    QVERIFY(m_queue->pause(id));
    QCOMPARE(stateOf(id), u"paused"_s);
    m_queue->setMaxParallel(2);
    QTest::qWait(300);
    QCOMPARE(stateOf(id), u"paused"_s);
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
    QVERIFY(m_queue->resume(id));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);

    // Pause all / resume all.
    m_queue->setMaxParallel(0);
    const qint64 id2 = queueTeapot(u"second.stl"_s, facts(u"b@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id2), u"ready"_s, kWait);
    m_queue->pauseAll();
    QCOMPARE(stateOf(id2), u"paused"_s);
    QCOMPARE(stateOf(id), u"done"_s);
    m_queue->setMaxParallel(2);
    m_queue->resumeAll();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id2), u"done"_s, kWait);

    m_queue->clearFinished();
    QVERIFY(m_queue->items().isEmpty());
}

void TestUploadQueue::duplicateWarning()
{
    startQueue();
    QSignalSpy duplicates(m_queue.get(), &UploadQueue::duplicateFound);
    const QString path = copyTeapot(u"teapot.stl"_s);
    const qint64 first = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), u"done"_s, kWait);
    QCOMPARE(duplicates.size(), 0);
    const qint64 other = *m_queue->addFile(path, facts(u"someone.else@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(other), u"done"_s, kWait);
    QCOMPARE(duplicates.size(), 0);
    m_queue->setMaxParallel(0);
    const qint64 second = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(duplicates.size(), 1, kWait);
    QCOMPARE(duplicates.first().first().toLongLong(), second);
    QVERIFY(!duplicates.first().at(1).toString().isEmpty());
    QCOMPARE(stateOf(second), u"ready"_s); // a warning, not a refusal
}

// The order facts of a queued item can be changed until it uploads; the upload carries the
// new ones, and a new receiver is checked for duplicates again.
void TestUploadQueue::editFactsBeforeUpload()
{
    startQueue();
    const qint64 first = queueTeapot(u"one.stl"_s, facts(u"a@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), u"done"_s, kWait);
    QVERIFY(!m_queue->editFacts(first, facts(u"b@example.com"_s))); // uploaded: too late

    m_queue->setMaxParallel(0);
    const qint64 second = queueTeapot(u"two.stl"_s, facts(u"c@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(second), u"ready"_s, kWait);
    QSignalSpy duplicates(m_queue.get(), &UploadQueue::duplicateFound);
    OrderFacts changed = facts(u"a@example.com"_s); // the receiver of the first upload
    changed.price = *Decimal::fromString(u"99.95");
    changed.currency = u"CHF"_s;
    changed.partnerJobId = u"JOB-NEW"_s;
    QVERIFY(m_queue->editFacts(second, changed));
    QCOMPARE(duplicates.size(), 1);
    QVERIFY(duplicates.first().at(1).toString().contains(u"order"_s));
    const QueueItem edited = itemOf(second);
    QCOMPARE(edited.receiverEmail, u"a@example.com"_s);
    QCOMPARE(edited.price.toString(), u"99.95"_s);
    QCOMPARE(edited.currency, u"CHF"_s);
    QCOMPARE(edited.partnerJobId, u"JOB-NEW"_s);
    m_queue->setMaxParallel(2);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(second), u"done"_s, kWait);
    const auto order = m_store->orderByToken(m_queue->environment(), itemOf(second).token);
    QCOMPARE((*order)->currency, u"CHF"_s);
    QCOMPARE((*order)->partnerJobId, u"JOB-NEW"_s);
}

// A file waiting for its order details is neither checked, tokened nor sent, whichever
// control or stored state asks for it, until details are confirmed for it; then it goes the
// normal way with those details.
void TestUploadQueue::itemWithoutConfirmedDetailsNeverStarts()
{
    startQueue();
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    const StoreResult<qint64> added = m_queue->addFileAwaitingDetails(copyTeapot(u"wait.stl"_s));
    QVERIFY(added);
    const qint64 waiting = *added;
    QCOMPARE(stateOf(waiting), u"awaiting_details"_s);
    QVERIFY(!UploadQueue::hasConfirmedDetails(itemOf(waiting)));

    // Details without a confirmation are refused at the door.
    QVERIFY(!m_queue->addFile(copyTeapot(u"no-details.stl"_s), OrderFacts()));

    // A confirmed item queued behind it is done while the waiting one has not moved.
    const qint64 marker = queueTeapot(u"marker.stl"_s);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(marker), u"done"_s, kWait);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(stateOf(waiting), u"awaiting_details"_s);
    QVERIFY(itemOf(waiting).token.isEmpty());

    // No control moves it on, and no edit gives it details in passing.
    QVERIFY(!m_queue->resume(waiting));
    QVERIFY(!m_queue->retry(waiting));
    QVERIFY(!m_queue->pause(waiting));
    QVERIFY(!m_queue->editFacts(waiting, facts()));
    m_queue->resumeAll();
    m_queue->retryAllFailed();
    QCOMPARE(stateOf(waiting), u"awaiting_details"_s);
    QVERIFY(itemOf(waiting).receiverEmail.isEmpty());
    // Cancelled and retried, it waits again.
    QVERIFY(m_queue->cancel(waiting));
    QVERIFY(m_queue->retry(waiting));
    QCOMPARE(stateOf(waiting), u"awaiting_details"_s);

    // Even a stored "ready" (as a faulty route might write it) does not start it: the queue
    // itself checks for confirmed details before the token call.
    QueueItemProgress forced;
    forced.state = QueueState::Ready;
    QVERIFY(m_store->updateQueueItemProgress(waiting, forced));
    const qint64 second = queueTeapot(u"second.stl"_s, facts(u"other@example.com"_s));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(second), u"done"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    QCOMPARE(tokens.size(), 2);
    QVERIFY(itemOf(waiting).token.isEmpty());
    QCOMPARE(stateOf(waiting), u"awaiting_details"_s);

    // Incomplete details are no confirmation; complete ones send it with them.
    OrderFacts incomplete = facts(u"not-an-address"_s);
    QVERIFY(!m_queue->confirmDetails(waiting, incomplete));
    QCOMPARE(stateOf(waiting), u"awaiting_details"_s);
    QVERIFY(m_queue->confirmDetails(waiting, facts(u"buyer@example.com"_s)));
    QVERIFY(!m_queue->confirmDetails(waiting, facts())); // once only
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(waiting), u"done"_s, kWait);
    QCOMPARE(tokens.size(), 3);
    const auto order = m_store->orderByToken(m_queue->environment(), itemOf(waiting).token);
    QVERIFY(order.ok() && order->has_value());
    QCOMPARE((*order)->receiverEmail, u"buyer@example.com"_s);
}

// A queue made while another console still held the claim, started once that console has
// finished: it works the queue, and the refusal it met while being made is not reported
// afterwards (a CLI run would end with it as its error).
void TestUploadQueue::claimTakenBeforeStartIsNoError()
{
    if (StoreTarget::usesPostgres())
        QSKIP("a data folder's queue.lock; a shared store's claims are per console "
              "(tst_orderstore's queueClaimIsExclusive)");
    startSandbox();
    auto other = std::make_unique<OrderStore>();
    QVERIFY(m_dir->open(*other).ok());
    QVERIFY(other->claimQueue().ok());
    makeQueue();
    QSignalSpy errors(m_queue.get(), &UploadQueue::storeError);
    m_queue->setMaxParallel(2); // as the CLI does first: the queue looks for work, unclaimed
    other.reset();              // the other console ends
    QVERIFY(m_queue->start());
    QTest::qWait(0);
    QCoreApplication::processEvents();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
}

QTEST_GUILESS_MAIN(TestUploadQueue)
#include "tst_uploadqueue.moc"
