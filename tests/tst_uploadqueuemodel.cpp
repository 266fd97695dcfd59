// UploadQueueModel following a real upload queue against the in-process sandbox: rows
// inserted, changed, moved and removed as the queue works, and the live progress cells.

#include "queuefixture.h"
#include "queuemirror.h"
#include "stl/meshgenerator.h"
#include "uploadqueuemodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

using Column = UploadQueueModel::Column;

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

QList<qint64> modelIds(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(UploadQueueModel::ItemIdRole).toLongLong();
    return ids;
}

} // namespace

class TestUploadQueueModel final : public QObject, private QueueFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { initFixture(); }
    void cleanup();

    void headersAndLabels();
    void showsQueuedItems();
    void followsTheQueueToDone();
    void progressCellsFollowAnUpload();
    void progressIsThrottledAndCoalesced();
    void movesAndRemovals();
    void reloadCatchesUp();

private:
    QList<qint64> queueIds() const;
    QString makeStl(const QString &name, int kiloBytes) const;
    void makeModel();

    std::unique_ptr<QueueMirror> m_mirror;
    std::unique_ptr<UploadQueueModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestUploadQueueModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(QFile::exists(kTeapot));
}

void TestUploadQueueModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_mirror.reset();
    cleanupFixture();
}

QList<qint64> TestUploadQueueModel::queueIds() const
{
    QList<qint64> ids;
    for (const QueueItem &item : m_queue->items())
        ids << item.id;
    return ids;
}

QString TestUploadQueueModel::makeStl(const QString &name, int kiloBytes) const
{
    const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(qMax(4, kiloBytes), 10));
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestUploadQueueModel::makeModel()
{
    m_mirror = std::make_unique<QueueMirror>(*m_queue);
    QTRY_VERIFY(m_mirror->isLoaded());
    m_model = std::make_unique<UploadQueueModel>(*m_mirror);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
}

void TestUploadQueueModel::headersAndLabels()
{
    startSandbox();
    makeQueue();
    makeModel();
    const QStringList expected{u"File"_s,       u"Receiver"_s, u"Price"_s,     u"State"_s,
                               u"Progress"_s,   u"Speed"_s,    u"Time left"_s, u"Attempts"_s,
                               u"Next retry"_s, u"Reason"_s};
    QCOMPARE(m_model->columnCount(), int(expected.size()));
    for (int column = 0; column < expected.size(); ++column)
        QCOMPARE(m_model->headerData(column, Qt::Horizontal).toString(), expected.at(column));
    QCOMPARE(UploadQueueModel::stateLabel(QueueState::Validating), u"Checking the file"_s);
    QCOMPARE(UploadQueueModel::stateLabel(QueueState::Failed), u"Failed"_s);
    QCOMPARE(UploadQueueModel::stateLabel(QueueState::Failed, true), u"Waiting to retry"_s);
    QCOMPARE(UploadQueueModel::stateLabel(QueueState::NeedsAttention), u"Needs attention"_s);
}

// Items queued before the model exists are there from the start; later ones are inserted.
void TestUploadQueueModel::showsQueuedItems()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0); // checked, then held: nothing is uploaded
    const qint64 first = *m_queue->addFile(copyTeapot(u"first.stl"_s), facts());
    makeModel();
    QCOMPARE(modelIds(*m_model), QList<qint64>{first});
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    const qint64 second =
        *m_queue->addFile(copyTeapot(u"second.stl"_s), facts(u"anna@example.com"_s));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(modelIds(*m_model), (QList<qint64>{first, second}));
    QCOMPARE(m_model->rowOfItem(second), 1);
    QCOMPARE(m_model->itemAt(1)->receiverEmail, u"anna@example.com"_s);

    QTRY_COMPARE_WITH_TIMEOUT(cell(*m_model, 1, Column::State), u"Ready"_s, kWait);
    QCOMPARE(cell(*m_model, 1, Column::File), u"second.stl"_s);
    QCOMPARE(cell(*m_model, 1, Column::Receiver), u"anna@example.com"_s);
    QCOMPARE(cell(*m_model, 1, Column::Price), u"EUR\u00a012.50"_s);
    QCOMPARE(cell(*m_model, 1, Column::Progress), QString());
    QCOMPARE(cell(*m_model, 1, Column::Speed), QString());
    QCOMPARE(cell(*m_model, 1, Column::Attempts), u"0"_s);
    QCOMPARE(cell(*m_model, 1, Column::Reason), QString());
    const QModelIndex state = m_model->index(1, Column::State);
    QCOMPARE(state.data(UploadQueueModel::QueueStateRole).toInt(), int(QueueState::Ready));
    QCOMPARE(state.data(UploadQueueModel::RawValueRole).toInt(), int(QueueState::Ready));
    QCOMPARE(m_model->index(1, Column::Price).data(UploadQueueModel::RawValueRole).toDouble(),
             12.5);
    QCOMPARE(m_model->index(1, Column::File).data(Qt::ToolTipRole).toString(),
             m_dir->filePath(u"second.stl"_s));
    QVERIFY(!m_model->index(1, Column::Progress).data(UploadQueueModel::RawValueRole).isValid());
}

void TestUploadQueueModel::followsTheQueueToDone()
{
    startSandbox();
    makeQueue();
    makeModel();
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    // Every state the State cell showed, per row, as announced.
    QHash<qint64, QStringList> shown;
    connect(
        m_model.get(), &QAbstractItemModel::dataChanged, this,
        [&](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
            QCOMPARE(topLeft.row(), bottomRight.row()); // one item changes at a time
            QVERIFY(!roles.isEmpty());
            if (topLeft.column() <= Column::State && bottomRight.column() >= Column::State &&
                roles.contains(Qt::DisplayRole)) {
                const qint64 id = topLeft.data(UploadQueueModel::ItemIdRole).toLongLong();
                shown[id] << cell(*m_model, topLeft.row(), Column::State);
            }
        });
    const qint64 a = *m_queue->addFile(copyTeapot(u"a.stl"_s), facts());
    const qint64 b = *m_queue->addFile(copyTeapot(u"b.stl"_s), facts(u"b@example.com"_s));
    QCOMPARE(inserted.size(), 2);
    for (int row = 0; row < 2; ++row)
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_model, row, Column::State), u"Done"_s, kWait);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(modelIds(*m_model), (QList<qint64>{a, b}));
    for (const qint64 id : {a, b}) {
        const QStringList states = shown.value(id);
        QVERIFY2(states.contains(u"Uploading"_s), qPrintable(states.join(u", ")));
        QCOMPARE(states.last(), u"Done"_s);
        const int row = m_model->rowOfItem(id);
        QCOMPARE(cell(*m_model, row, Column::Progress), u"100 %"_s);
        QCOMPARE(cell(*m_model, row, Column::Speed), QString());
        QCOMPARE(cell(*m_model, row, Column::TimeLeft), QString());
        const QString token =
            m_model->index(row, Column::Reason).data(UploadQueueModel::TokenRole).toString();
        QCOMPARE(token, itemOf(id).token);
        QVERIFY(!token.isEmpty());
    }
}

// On a slow line the Progress, Speed and TimeLeft cells are announced while the upload
// runs, throttled, and nothing else is announced with them.
void TestUploadQueueModel::progressCellsFollowAnUpload()
{
    FaultPlan plan;
    plan.uploadBytesPerSecond = 4'000'000;
    startSandbox(plan);
    makeQueue();
    makeModel();
    const int interval = 100;
    m_model->setProgressInterval(interval);
    QCOMPARE(m_model->progressInterval(), interval);
    const QString path = makeStl(u"large.stl"_s, 16000);
    QVERIFY(!path.isEmpty());

    int flushes = 0;
    QList<double> percents;
    QStringList speeds;
    QStringList timesLeft;
    connect(
        m_model.get(), &QAbstractItemModel::dataChanged, this,
        [&](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
            if (topLeft.column() != Column::Progress || bottomRight.column() != Column::TimeLeft)
                return;
            if (roles != QList<int>{Qt::DisplayRole, UploadQueueModel::RawValueRole})
                return;
            // Progress reports, plus the few state changes (which also change these cells).
            ++flushes;
            const int row = topLeft.row();
            const QVariant raw =
                m_model->index(row, Column::Progress).data(UploadQueueModel::RawValueRole);
            if (raw.isValid())
                percents << raw.toDouble();
            speeds << cell(*m_model, row, Column::Speed);
            timesLeft << cell(*m_model, row, Column::TimeLeft);
        });
    QElapsedTimer elapsed;
    elapsed.start();
    const qint64 id = *m_queue->addFile(path, facts());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), u"done"_s, kWait);
    const qint64 ms = elapsed.elapsed();

    QVERIFY2(flushes >= 3, qPrintable(QString::number(flushes)));
    QVERIFY2(flushes <= ms / interval + 6, qPrintable(u"%1 in %2 ms"_s.arg(flushes).arg(ms)));
    QVERIFY(std::is_sorted(percents.cbegin(), percents.cend()));
    QVERIFY(!percents.isEmpty() && percents.last() > 0.0 && percents.last() <= 100.0);
    const QRegularExpression speed(u"^[0-9.]+ (bytes|kB|MB)/s$"_s);
    QVERIFY2(std::any_of(speeds.cbegin(), speeds.cend(),
                         [&](const QString &s) { return speed.match(s).hasMatch(); }),
             qPrintable(speeds.join(u" | ")));
    const QRegularExpression hms(u"^[0-9]+:[0-5][0-9]:[0-5][0-9]$"_s);
    QVERIFY2(std::any_of(timesLeft.cbegin(), timesLeft.cend(),
                         [&](const QString &s) { return hms.match(s).hasMatch(); }),
             qPrintable(timesLeft.join(u" | ")));
    QTRY_COMPARE(cell(*m_model, 0, Column::Progress), u"100 %"_s);
    QCOMPARE(cell(*m_model, 0, Column::Speed), QString());
}

// Many progress reports in one interval: one announcement per run of neighbouring rows,
// after the interval, for the three live cells only.
void TestUploadQueueModel::progressIsThrottledAndCoalesced()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    QList<qint64> ids;
    for (int n = 0; n < 3; ++n)
        ids << *m_queue->addFile(copyTeapot(u"p%1.stl"_s.arg(n)), facts());
    makeModel();
    for (int row = 0; row < 3; ++row)
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_model, row, Column::State), u"Ready"_s, kWait);
    m_model->setProgressInterval(30);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    auto rangesOf = [&] {
        QList<QList<int>> ranges;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const auto topLeft = args.at(0).value<QModelIndex>();
            const auto bottomRight = args.at(1).value<QModelIndex>();
            ranges.append(QList<int>{topLeft.row(), topLeft.column(), bottomRight.row(),
                                     bottomRight.column()});
            if (args.at(2).value<QList<int>>() !=
                QList<int>{Qt::DisplayRole, UploadQueueModel::RawValueRole})
                ranges.append(QList<int>{-1});
        }
        return ranges;
    };

    for (int n = 0; n < 50; ++n) {
        Q_EMIT m_mirror->uploadProgress(ids.at(1), n, 100);
        Q_EMIT m_mirror->uploadProgress(ids.at(0), n, 100);
    }
    QCOMPARE(changed.size(), 0); // not before the interval
    QVERIFY(changed.wait(1000));
    QTest::qWait(60);
    QCOMPARE(rangesOf(), (QList<QList<int>>{{0, Column::Progress, 1, Column::TimeLeft}}));

    changed.clear();
    Q_EMIT m_mirror->uploadProgress(ids.at(2), 1, 100);
    Q_EMIT m_mirror->uploadProgress(ids.at(0), 1, 100);
    Q_EMIT m_mirror->uploadProgress(424242, 1, 100); // not in the queue: ignored
    QVERIFY(changed.wait(1000));
    QTest::qWait(60);
    QCOMPARE(rangesOf(), (QList<QList<int>>{{0, Column::Progress, 0, Column::TimeLeft},
                                            {2, Column::Progress, 2, Column::TimeLeft}}));
}

void TestUploadQueueModel::movesAndRemovals()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    QList<qint64> ids;
    for (int n = 0; n < 4; ++n)
        ids << *m_queue->addFile(copyTeapot(u"item%1.stl"_s.arg(n)), facts());
    makeModel();
    for (int row = 0; row < 4; ++row)
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_model, row, Column::State), u"Ready"_s, kWait);
    const qint64 a = ids.at(0), b = ids.at(1), c = ids.at(2), d = ids.at(3);
    QCOMPARE(modelIds(*m_model), (QList<qint64>{a, b, c, d}));
    const QPersistentModelIndex followC = m_model->index(2, Column::File);

    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    struct Step
    {
        qint64 id;
        QueueMove how;
        QList<qint64> expected;
    };
    const QList<Step> steps{
        {d, QueueMove::Top, {d, a, b, c}},
        {b, QueueMove::Up, {d, b, a, c}},
        {d, QueueMove::Down, {b, d, a, c}},
        {b, QueueMove::Bottom, {d, a, c, b}},
    };
    int count = 0;
    for (const Step &step : steps) {
        QVERIFY(m_queue->move(step.id, step.how));
        ++count;
        QCOMPARE(moved.size(), count);
        QCOMPARE(modelIds(*m_model), step.expected);
        QCOMPARE(queueIds(), step.expected);
        QCOMPARE(m_model->rowOfItem(step.id), int(step.expected.indexOf(step.id)));
        QCOMPARE(followC.data(UploadQueueModel::ItemIdRole).toLongLong(), c);
    }
    QCOMPARE(layout.size(), 0);
    // Already first: the queue reports a change, nothing moves.
    QVERIFY(m_queue->move(d, QueueMove::Up));
    QCOMPARE(moved.size(), count);

    QVERIFY(m_queue->remove(a));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(modelIds(*m_model), (QList<qint64>{d, c, b}));
    QCOMPARE(m_model->rowOfItem(a), -1);
    QVERIFY(!m_model->itemAt(3));
    QCOMPARE(followC.row(), 1);

    m_queue->cancel(c);
    QTRY_COMPARE(cell(*m_model, 1, Column::State), u"Cancelled"_s);
    QCOMPARE(cell(*m_model, 1, Column::Reason), u"Cancelled."_s);
    m_queue->clearFinished();
    QCOMPARE(modelIds(*m_model), (QList<qint64>{d, b}));
}

// Changes the queue did not announce (another process, the store directly) are picked up
// by reload(): removed, moved and new items, with row moves rather than a reset.
void TestUploadQueueModel::reloadCatchesUp()
{
    startSandbox();
    makeQueue();
    m_queue->setMaxParallel(0);
    QList<qint64> ids;
    for (int n = 0; n < 3; ++n)
        ids << *m_queue->addFile(copyTeapot(u"r%1.stl"_s.arg(n)), facts());
    makeModel();
    for (int row = 0; row < 3; ++row)
        QTRY_COMPARE_WITH_TIMEOUT(cell(*m_model, row, Column::State), u"Ready"_s, kWait);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);

    QVERIFY(m_store->moveQueueItem(ids.at(2), QueueMove::Top).ok());
    QVERIFY(m_store->removeQueueItem(ids.at(1)).ok());
    QueueItem extra;
    extra.environment = environment();
    extra.sourcePath = copyTeapot(u"extra.stl"_s);
    extra.fileName = u"extra.stl"_s;
    extra.receiverEmail = u"x@example.com"_s;
    extra.currency = u"USD"_s;
    const StoreResult<qint64> added = m_store->addQueueItem(extra);
    QVERIFY(added.ok());
    QCOMPARE(modelIds(*m_model), ids); // nothing was announced

    // The queue's copy is read again on the queue's thread; the model follows when it comes.
    m_mirror->reload();
    QTRY_COMPARE(modelIds(*m_model), (QList<qint64>{ids.at(2), ids.at(0), *added}));
    QCOMPARE(modelIds(*m_model), queueIds());
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(cell(*m_model, 2, Column::State), u"Queued"_s);
    QCOMPARE(cell(*m_model, 2, Column::Price), u"$0.00"_s);
}

QTEST_MAIN(TestUploadQueueModel)
#include "tst_uploadqueuemodel.moc"
