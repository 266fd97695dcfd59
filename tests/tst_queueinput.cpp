// RELIABILITY.md's local-state rows that concern the queue (a full disk, a source file changed
// after queueing) and the input rows that end at the queue: bad files never reach the
// service, mesh warnings still upload, the form's facts and awkward file names arrive intact.

#include "queuefixture.h"
#include "specialfiles.h"
#include "stl/stlinspector.h"

#include <QLocale>
#include <QSignalSpy>
#include <QtEndian>

#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace pc;
using namespace pc::test;

class TestQueueInput final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { initFixture(); }
    void cleanup() { cleanupFixture(); }

    void diskFullDuringQueueWork();
    void sourceChangedAfterQueueing_data();
    void sourceChangedAfterQueueing();
    void badFilesNeverReachTheService_data();
    void badFilesNeverReachTheService();
    void meshWarningsStillUpload();
    void formFactsReachTheService();
    void awkwardFileNamesArriveIntact_data();
    void awkwardFileNamesArriveIntact();
    void specialFilesFailWithoutWaiting();
    void fileChangedWhileUploading_data();
    void fileChangedWhileUploading();
};

// The disk fills up while the queue works: the write that does not fit rolls back, the user
// is told, nothing written earlier is lost, and once there is room a retry finishes the item
// without a second file at the service.
void TestQueueInput::diskFullDuringQueueWork()
{
    startQueue();
    m_queue->setMaxParallel(0);
    QSignalSpy storeErrors(m_queue.get(), &UploadQueue::storeError);
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = queueTeapot();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);

    // Fill the database to its (simulated) limit with small rows of another environment.
    const QString other = u"https://other.example/api3/"_s;
    const qint64 pages = *m_store->pageCountForTesting();
    QCOMPARE(*m_store->setMaxPageCountForTesting(pages), pages);
    int fillerItems = 0;
    int fillerOrders = 0;
    for (bool full = false; !full; ++fillerItems) {
        QVERIFY(fillerItems < 100'000);
        QueueItem filler;
        filler.environment = other;
        filler.sourcePath = QString::number(fillerItems);
        const StoreResult<qint64> added = m_store->addQueueItem(filler);
        full = !added && added.error().kind == StoreError::Kind::DiskFull;
        QVERIFY(added || full);
    }
    for (bool full = false; !full; ++fillerOrders) {
        QVERIFY(fillerOrders < 100'000);
        Order filler;
        filler.environment = other;
        filler.token = QString::number(fillerOrders);
        filler.created = QDateTime::currentDateTimeUtc();
        const StoreResult<qint64> added = m_store->addOrder(filler);
        full = !added && added.error().kind == StoreError::Kind::DiskFull;
        QVERIFY(added || full);
    }
    --fillerItems; // the last attempt of each loop failed
    --fillerOrders;

    // A file dropped now is refused with the reason, and nothing else changes.
    const StoreResult<qint64> refused = m_queue->addFile(copyTeapot(u"second.stl"_s), facts());
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(u"disk is full"_s));
    QVERIFY(m_queue->isHeldByStore());

    // The queue holds instead of starting work it could not record.
    m_queue->setMaxParallel(2);
    QTest::qWait(300);
    QCOMPARE(stateOf(id), u"ready"_s);
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
    QVERIFY(m_queue->isIdle());

    // Asked to go on while the disk is still full: whatever write does not fit is refused,
    // the user is told, and the queue holds again.
    storeErrors.clear();
    m_queue->resumeAll();
    QTRY_VERIFY_WITH_TIMEOUT(!storeErrors.isEmpty() && m_queue->isIdle(), kWait);
    QVERIFY2(storeErrors.first().first().toString().contains(u"disk is full"_s),
             qPrintable(storeErrors.first().first().toString()));
    QVERIFY(m_queue->isHeldByStore());
    QVERIFY(uploads.size() <= 1);
    if (uploads.size() == 1) {
        // The file arrived but its order could not be written: the queue still knows it is
        // uploaded, with its links, so nobody is told "not uploaded" about it.
        const std::optional<ArrivedLinks> arrived = m_queue->unsavedLinks(id);
        QVERIFY2(arrived, qPrintable(itemOf(id).failureReason));
        QVERIFY(arrived->tokenLink.contains(uploads.first().first().toString()));
        QVERIFY(!arrived->reconstructed);
    }
    QCOMPARE(m_store->orders(other)->size(), fillerOrders);
    QCOMPARE(m_store->queueItems(other)->size(), fillerItems);
    QCOMPARE(m_store->queueItems(environment())->size(), 1);

    // Room again: Retry finishes the item; the service never gets the file twice.
    QVERIFY(*m_store->setMaxPageCountForTesting(1 << 30) > pages);
    m_queue->retryAllFailed();
    m_queue->resumeAll();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QVERIFY(!m_queue->isHeldByStore());
    const QString token = itemOf(id).token;
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    QCOMPARE(uploads.size(), 1);
    const auto order = m_store->orderByToken(environment(), token);
    QVERIFY(order && order->has_value());
    QVERIFY(!(*order)->tokenLink.isEmpty());
    QCOMPARE(m_store->orders(environment())->size(), 1);
    QCOMPARE(m_store->orders(other)->size(), fillerOrders);
}

void TestQueueInput::sourceChangedAfterQueueing_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<bool>("caught");
    QTest::newRow("size") << u"append"_s << true;
    QTest::newRow("content, same size and time") << u"rewrite"_s << true;
    QTest::newRow("deleted") << u"delete"_s << true;
    // Touched but unchanged: the time alone decides nothing, the file uploads.
    QTest::newRow("time only") << u"touch"_s << false;
}

// The source file changes after it was queued: caught right before the upload (size, then
// hash), the item asks to be validated again, nothing is sent for it.
void TestQueueInput::sourceChangedAfterQueueing()
{
    QFETCH(QString, change);
    QFETCH(bool, caught);
    startQueue();
    m_queue->setMaxParallel(0);
    const QString path = copyTeapot(u"teapot.stl"_s);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"ready"_s, kWait);
    {
        QFile file(path);
        const QDateTime modified = QFileInfo(path).lastModified();
        if (change == u"append") {
            QVERIFY(file.open(QIODevice::Append));
            file.write(QByteArray(100, '\0'));
        } else if (change == u"rewrite") {
            QVERIFY(file.open(QIODevice::ReadWrite));
            QByteArray bytes = file.readAll();
            bytes[bytes.size() - 3] = char(bytes[bytes.size() - 3] ^ 0x5a); // one attribute byte
            file.seek(0);
            file.write(bytes);
            file.close();
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
        } else if (change == u"delete") {
            QVERIFY(file.remove());
        } else {
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(modified.addSecs(3600), QFileDevice::FileModificationTime));
        }
    }
    m_queue->setMaxParallel(2);
    if (!caught) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"needs_attention"_s, kWait);
    QVERIFY(!itemOf(id).failureReason.isEmpty());
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 0);
    QCOMPARE(m_sandbox->uploadRequestCount(itemOf(id).token), 0);
}

void TestQueueInput::badFilesNeverReachTheService_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    const QByteArray cube = stl::toBinaryStl(stl::makeBox({0, 0, 0}, {10, 10, 10}));
    QByteArray hugeCount = cube;
    qToLittleEndian<quint32>(0x80000000u, hugeCount.data() + 80);
    QByteArray nan = cube;
    const float notANumber = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(nan.data() + 84 + 12, &notANumber, 4);
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("83 bytes") << QByteArray(83, '\0') << u"83 bytes"_s;
    QTest::newRow("png") << "\x89PNG\r\n\x1a\n"_ba + QByteArray(300, '\0') << u"PNG image"_s;
    QTest::newRow("zip") << "PK\x03\x04"_ba + QByteArray(300, '\1') << u"ZIP archive"_s;
    QTest::newRow("text") << QByteArray("Notes, not a model.\n").repeated(10) << u"text file"_s;
    QTest::newRow("truncated") << cube.first(500) << u"truncated"_s;
    QTest::newRow("count >= 2^31") << hugeCount << u"2147483648"_s;
    QTest::newRow("nan") << nan << u"Triangle 1 of 12"_s;
    QTest::newRow("garbage ascii")
        << "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 zero\n"_ba
        << u"Line 5"_s;
}

// A file the inspector refuses ends Failed with the inspector's reason before any call to
// the service, token call included.
void TestQueueInput::badFilesNeverReachTheService()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    startQueue();
    const QString path = writeFile(u"bad.stl"_s, bytes);
    QVERIFY(!path.isEmpty());
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    const QueueItem failed = itemOf(id);
    QVERIFY2(failed.failureReason.contains(reason), qPrintable(failed.failureReason));
    QVERIFY(!failed.nextRetry.isValid());
    QVERIFY(failed.token.isEmpty());
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
}

// Open and non-manifold edges, degenerate and flipped facets are warnings: with the full
// inspection the file still validates and uploads.
void TestQueueInput::meshWarningsStillUpload()
{
    startQueue();
    m_queue->setQuickInspection(false);
    stl::Mesh mesh = stl::makeBox({0, 0, 0}, {1, 1, 1});
    stl::appendMesh(mesh, stl::makeBox({1, 1, 0}, {2, 2, 1})); // a non-manifold edge
    mesh.positions.resize(mesh.positions.size() - 9);          // a hole
    mesh.normals.resize(mesh.normals.size() - 3);
    mesh.positions.insert(mesh.positions.end(), {0, 0, 0, 1, 0, 0, 0, 0, 0}); // degenerate
    mesh.normals.insert(mesh.normals.end(), 3, 0.0f);
    for (int k = 0; k < 3; ++k) // a flipped facet
        std::swap(mesh.positions[size_t(3 + k)], mesh.positions[size_t(6 + k)]);
    const QByteArray bytes = stl::toBinaryStl(mesh);
    const stl::InspectionReport report = stl::inspect(bytes);
    QVERIFY(report.ok);
    QVERIFY2(report.warnings.size() >= 4, qPrintable(report.warnings.join(u'\n')));
    const qint64 id = *m_queue->addFile(writeFile(u"rough.stl"_s, bytes), facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(m_sandbox->uploadCount(itemOf(id).token), 1);
}

// What the order form accepted is what the service receives: a locale comma understood as
// the decimal mark, the e-mail's domain lower-cased, the currency upper-cased. What the form
// refuses never becomes an upload.
void TestQueueInput::formFactsReachTheService()
{
    startQueue();
    const QLocale german(QLocale::German, QLocale::Germany);
    const OrderFormResult refused =
        validateOrderFacts(u"kunde@shop", u"-10,50", u"EURO", QString(), german);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.errors.size(), 3);

    const OrderFormResult form =
        validateOrderFacts(u" Kunde@Shop.DE ", u"1.234,56", u"eur", u"Auftrag 7", german);
    QVERIFY(form.ok());
    const qint64 id = queueTeapot(u"teapot.stl"_s, *form.facts);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const std::optional<StoredUpload> stored = m_sandbox->storedUpload(itemOf(id).token);
    QVERIFY(stored);
    QCOMPARE(stored->receiverEmail, u"Kunde@shop.de"_s);
    QCOMPARE(stored->printValue, u"1234.56"_s);
    QCOMPARE(stored->currency, u"EUR"_s);
    QCOMPARE(stored->partnerJobId, u"Auftrag 7"_s);
    QCOMPARE(m_sandbox->totalRequestCount(), 2);
}

void TestQueueInput::awkwardFileNamesArriveIntact_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("non-ASCII") << u"Größe „Vase“ 测试 — final.stl"_s;
    // 250 UTF-8 bytes: near the file system's limit of a name.
    QTest::newRow("very long") << QString(246, u'x') + u".stl"_s;
    QTest::newRow("space-filled") << u"   my   part   v2   .stl"_s;
    QTest::newRow("quotes and percent") << u"\"quoted\" 100% 'part'.stl"_s;
}

// A file name that is not plain ASCII, very long or full of spaces reaches the service as it
// is, through the multipart body's encoded file name.
void TestQueueInput::awkwardFileNamesArriveIntact()
{
    QFETCH(QString, name);
    startQueue();
    const QString path = copyTeapot(name);
    QVERIFY2(!path.isEmpty(), qPrintable(name));
    QSignalSpy uploads(m_sandbox.get(), &SandboxServer::fileUploaded);
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    QCOMPARE(uploads.size(), 1);
    QCOMPARE(uploads.first().at(1).toString(), name);
    QCOMPARE(m_sandbox->storedUpload(itemOf(id).token)->fileName, name);
    const auto order = m_store->orderByToken(environment(), itemOf(id).token);
    QVERIFY(order && order->has_value());
    QCOMPARE((*order)->fileName, name);
}

// A FIFO named like an STL (dropped on the queue, or found in a folder) fails with a reason at
// once instead of holding a worker until a writer comes; so does one that an earlier run left
// in "validating" (it had hung there), when the next queue resumes it.
void TestQueueInput::specialFilesFailWithoutWaiting()
{
    const QString fifo = m_dir->filePath(u"pipe.stl"_s);
    QVERIFY(makeFifo(fifo));
    // Wakes a reader that wrongly blocks on the FIFO, after the wait below gave up.
    const FifoWriter writer(fifo, std::chrono::milliseconds(kWait + 2000));

    QueueItem left;
    left.environment = environment();
    left.sourcePath = fifo;
    left.fileName = u"pipe.stl"_s;
    left.receiverEmail = facts().receiverEmail;
    left.price = facts().price;
    left.currency = facts().currency;
    left.state = QueueState::Queued;
    const StoreResult<qint64> earlier = m_store->addQueueItem(left);
    QVERIFY(earlier);
    QueueItemProgress validating;
    validating.state = QueueState::Validating;
    QVERIFY(m_store->updateQueueItemProgress(*earlier, validating));

    startQueue();
    QVERIFY(m_queue->start());
    const qint64 dropped = *m_queue->addFile(fifo, facts());
    for (const qint64 id : {*earlier, dropped}) {
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"failed"_s, kWait);
        const QString reason = itemOf(id).failureReason;
        QVERIFY2(reason.contains(u"named pipe"_s) && reason.contains(fifo), qPrintable(reason));
        QVERIFY(itemOf(id).token.isEmpty());
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_queue->isIdle(), kWait);
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
}

void TestQueueInput::fileChangedWhileUploading_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("truncated") << u"truncate"_s;
    QTest::newRow("rewritten, same size and time") << u"rewrite"_s;
}

// The source file changes while its body is going out (a slow line gives the time): the
// upload stops with a reason that says so, the item needs attention, and the service holds no
// file for the token. Neither a crash in the network layer nor a "done" for other bytes.
void TestQueueInput::fileChangedWhileUploading()
{
    QFETCH(QString, change);
    startQueue(u"upload-rate=4000"_s); // 4 MB/s: about four seconds for the file below
    const QString path = makeStl(u"large.stl"_s, 16'000);
    QVERIFY(!path.isEmpty());
    const qint64 size = QFileInfo(path).size();
    bool changed = false;
    connect(m_queue.get(), &UploadQueue::uploadProgress, this, [&](qint64, qint64 sent) {
        if (changed || sent <= 0)
            return;
        changed = true;
        QFile file(path);
        const QDateTime modified = QFileInfo(path).lastModified();
        if (change == u"truncate") {
            QVERIFY(file.resize(size / 4));
            return;
        }
        // One byte near the end, which has not gone out yet; size and time stay the same.
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(size - 3));
        const char old = file.read(1).at(0);
        QVERIFY(file.seek(size - 3));
        QCOMPARE(file.write(QByteArray(1, char(old ^ 0x5a))), 1);
        file.close();
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(modified, QFileDevice::FileModificationTime));
    });
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(id) == u"needs_attention"_s || stateOf(id) == u"done"_s ||
                                 stateOf(id) == u"failed"_s,
                             kWait);
    QVERIFY(changed);
    const QueueItem item = itemOf(id);
    QCOMPARE(stateOf(id), u"needs_attention"_s);
    QVERIFY2(item.failureReason.contains(u"while it was being uploaded"_s) &&
                 item.failureReason.contains(path),
             qPrintable(item.failureReason));
    QCOMPARE(m_sandbox->uploadCount(item.token), 0);
}

QTEST_GUILESS_MAIN(TestQueueInput)
#include "tst_queueinput.moc"
