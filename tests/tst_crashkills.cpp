// SIGKILL of partner-console-cli at random moments, each kill point several times
// (tst_crashrecovery has the fixed points): in the middle of a burst of store writes (many
// small files going through validation, token, upload and order at once), while the token
// call is out, during an upload, and while `watch` writes the print statuses it polled. After
// each kill the work is run again on the same data folder; then nothing is lost, no item has
// two tokens, interrupted uploads resume with their token, every token holds one file, and
// each order's status agrees with its history.
//
// The timings come from one seeded generator: the seed is printed at the start and named in
// every failure; PC_CRASH_SEED=N replays a run.

#include "crashharness.h"

#include "stl/meshgenerator.h"

#include <QDeadlineTimer>
#include <QDir>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kKey = u"crashkills-sandbox-key-0123456789"_s;
constexpr int kRepeats = 3;

} // namespace

class TestCrashKills final : public QObject, private CrashFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void killDuringStoreWriteBurst_data();
    void killDuringStoreWriteBurst();
    void killDuringTokenOrUpload_data();
    void killDuringTokenOrUpload();
    void killWhileWatching_data();
    void killWhileWatching();
    void killWhenResendIsRefused_data();
    void killWhenResendIsRefused();

private:
    QProcessEnvironment environment() const;
    QStringList common() const;
    // A binary STL of about `kiloBytes` KB with bytes of its own (`variant`).
    QString makeStl(const QString &folder, const QString &name, int kiloBytes, int variant) const;
    // `queue run` on the folder a kill left, to its end; then the promises: empty when all hold.
    QString queueRunAgain(const Expectations &expected) const;
};

void TestCrashKills::initTestCase()
{
    initCrashFixture();
}

void TestCrashKills::init()
{
    initDataFolder();
}

void TestCrashKills::cleanup()
{
    cleanupCrashFixture();
}

QProcessEnvironment TestCrashKills::environment() const
{
    QProcessEnvironment env = cliTestEnvironment(m_home.path());
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, kKey); // never on a command line
    return env;
}

QStringList TestCrashKills::common() const
{
    return {u"--json"_s, u"--base-url"_s, m_sandbox->apiBaseUrl().toString(), u"--data-dir"_s,
            m_data->path()};
}

QString TestCrashKills::makeStl(const QString &folder, const QString &name, int kiloBytes,
                                int variant) const
{
    // 2 x `tube` triangles of 50 bytes per step around.
    const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(qMax(4, kiloBytes), 10 + variant));
    const QString path = QDir(folder).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

QString TestCrashKills::queueRunAgain(const Expectations &expected) const
{
    return runAgainAndCheck(kCli, common() + QStringList{u"queue"_s, u"run"_s}, environment(),
                            expected);
}

// --- A burst of store writes ----------------------------------------------------------------

void TestCrashKills::killDuringStoreWriteBurst_data()
{
    QTest::addColumn<int>("repeat");
    for (int i = 1; i <= kRepeats + 1; ++i)
        QTest::addRow("burst %d", i) << i;
}

void TestCrashKills::killDuringStoreWriteBurst()
{
    // A fast service: the run is one burst of commits (item, validation, token, progress,
    // order) for twelve small files, two at a time.
    startSandbox(kKey, FaultPlan());
    const QString folder =
        QDir(m_home.path())
            .filePath(u"burst-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
    QVERIFY(QDir().mkpath(folder));
    constexpr int kFiles = 12;
    for (int i = 0; i < kFiles; ++i)
        QVERIFY(!makeStl(folder, u"small-%1.stl"_s.arg(i, 2, 10, QChar(u'0')), 20, i).isEmpty());

    // Each file announces about six states; the kill comes after a random one of them, a
    // random few milliseconds later - somewhere in the middle of the writes.
    const int afterLine = 1 + int(m_random.bounded(kFiles * 5));
    const int extraMs = int(m_random.bounded(15));
    CliProcess run;
    QVERIFY(run.start(kCli,
                      common() + QStringList{u"upload"_s, folder, u"--email"_s,
                                             u"burst@example.com"_s, u"--value"_s, u"1.00"_s},
                      environment()));
    int seen = 0;
    const qsizetype at = run.waitForLine(
        [&](const QJsonObject &line) { return isStateEvent(line) && ++seen >= afterLine; });
    const QString killPoint = u"kill after state line %1 + %2 ms"_s.arg(afterLine).arg(extraMs);
    if (at < 0) {
        // The whole burst ran before the chosen line: still a valid run, nothing killed.
        QCOMPARE(run.waitForExit(), 0);
        qInfo().noquote() << replay(killPoint + u": the run ended first"_s);
    } else {
        QTest::qWait(extraMs);
        run.kill();
    }

    // Every item the killed run announced was written before it was announced.
    const StoreSnapshot left = readStore(m_data->path());
    QVERIFY2(left.problem.isEmpty(), qPrintable(replay(left.problem)));
    QCOMPARE(left.integrity, u"ok"_s);
    for (const QJsonObject &line : std::as_const(run.lines)) {
        const QString file = QFileInfo(line.value(u"file"_s).toString()).fileName();
        QVERIFY2(
            file.isEmpty() || left.itemNamed(file),
            qPrintable(replay(killPoint + u": %1 was announced but is not stored"_s.arg(file))));
    }
    qInfo().noquote() << killPoint << "left" << describeItems(left);
    const QString broken = queueRunAgain(expectationsAfterKill(left));
    QVERIFY2(broken.isEmpty(), qPrintable(replay(killPoint + u": "_s + broken)));
}

// --- The token call and the upload ----------------------------------------------------------

void TestCrashKills::killDuringTokenOrUpload_data()
{
    QTest::addColumn<QString>("state");
    for (int i = 1; i <= kRepeats; ++i) {
        QTest::addRow("creating token %d", i) << u"creating_token"_s;
        QTest::addRow("uploading %d", i) << u"uploading"_s;
    }
}

void TestCrashKills::killDuringTokenOrUpload()
{
    QFETCH(QString, state);
    // Wide windows from a slow service instead of big files: the token call takes 600 ms,
    // the upload of 600 KB or more about 1.2 s or more.
    constexpr int kTokenMs = 600;
    constexpr qint64 kRate = 300'000;
    FaultPlan faults;
    faults.latency = std::chrono::milliseconds(kTokenMs);
    faults.calls = FaultPlan::TokenCall;
    faults.uploadBytesPerSecond = kRate;
    startSandbox(kKey, faults);
    const QString file =
        makeStl(m_home.path(), u"part %1.stl"_s.arg(QString::fromLatin1(QTest::currentDataTag())),
                600, int(m_random.bounded(5)));
    QVERIFY(!file.isEmpty());
    // The socket buffers on both ends take the first ~200 KB of a body at once; the rest
    // moves at the line's rate. The kill stays inside that time, clear of its end.
    constexpr qint64 kBuffered = 256'000;
    const int windowMs = state == u"creating_token"
                             ? kTokenMs * 9 / 10
                             : int((QFileInfo(file).size() - kBuffered) * 1000 / kRate) * 8 / 10;
    const int delayMs = int(m_random.bounded(windowMs));
    const QString killPoint = u"kill %1 ms into %2"_s.arg(delayMs).arg(state);

    CliProcess run;
    QVERIFY(run.start(kCli,
                      common() + QStringList{u"upload"_s, file, u"--email"_s, u"kill@example.com"_s,
                                             u"--value"_s, u"3.30"_s},
                      environment()));
    QVERIFY2(run.waitForLine([&](const QJsonObject &l) { return isStateEvent(l, state); }) >= 0,
             qPrintable(replay(u"never saw %1: %2"_s.arg(state, run.errorText))));
    QTest::qWait(delayMs);
    QVERIFY2(run.kill(), qPrintable(replay(killPoint + u": the run had ended"_s)));

    const StoreSnapshot left = readStore(m_data->path());
    QVERIFY2(left.problem.isEmpty() && left.integrity == u"ok", qPrintable(replay(left.problem)));
    QCOMPARE(left.items.size(), 1);
    if (left.items.first().state == u"uploading")
        QVERIFY2(!left.items.first().token.isEmpty(),
                 qPrintable(replay(killPoint + u": uploading without a stored token"_s)));
    qInfo().noquote() << killPoint << "left" << describeItems(left);
    const QString broken = queueRunAgain(expectationsAfterKill(left));
    QVERIFY2(broken.isEmpty(), qPrintable(replay(killPoint + u": "_s + broken)));
    // A token call killed in flight may leave one token the item never recorded (no file,
    // no cost); otherwise the service made exactly one.
    const int allowed = state == u"creating_token" ? 2 : 1;
    QVERIFY2(m_log->tokens.size() >= 1 && m_log->tokens.size() <= allowed,
             qPrintable(replay(killPoint + u": %1 tokens"_s.arg(m_log->tokens.size()))));
}

// --- Polling --------------------------------------------------------------------------------

void TestCrashKills::killWhileWatching_data()
{
    QTest::addColumn<int>("repeat");
    for (int i = 1; i <= kRepeats; ++i)
        QTest::addRow("watch %d", i) << i;
}

void TestCrashKills::killWhileWatching()
{
    // Status answers take 150 ms and four go out at once: the first round over eight orders
    // writes a new status (and a history row) for each of them over about half a second.
    FaultPlan faults;
    faults.latency = std::chrono::milliseconds(150);
    faults.calls = FaultPlan::StatusCall;
    startSandbox(kKey, faults);
    const QString folder =
        QDir(m_home.path())
            .filePath(u"watch-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
    QVERIFY(QDir().mkpath(folder));
    constexpr int kOrders = 8;
    for (int i = 0; i < kOrders; ++i)
        QVERIFY(!makeStl(folder, u"printed-%1.stl"_s.arg(i), 10, i).isEmpty());
    CliProcess upload;
    QVERIFY(upload.start(kCli,
                         common() + QStringList{u"upload"_s, folder, u"--email"_s,
                                                u"watch@example.com"_s, u"--value"_s, u"2.00"_s},
                         environment()));
    QCOMPARE(upload.waitForExit(), 0);
    const StoreSnapshot uploaded = readStore(m_data->path());
    QCOMPARE(uploaded.orders.size(), kOrders);
    for (const StoreSnapshot::OrderRow &order : uploaded.orders)
        QVERIFY(m_sandbox->startPrint(order.token)); // the customers press Print

    const int afterLine = 1 + int(m_random.bounded(kOrders - 1));
    const int extraMs = int(m_random.bounded(60));
    const QString killPoint = u"kill after status line %1 + %2 ms"_s.arg(afterLine).arg(extraMs);
    CliProcess watch;
    QVERIFY(watch.start(kCli, common() + QStringList{u"watch"_s}, environment()));
    int seen = 0;
    QVERIFY2(watch.waitForLine([&](const QJsonObject &line) {
        return line.contains(u"order_id"_s) && ++seen >= afterLine;
    }) >= 0,
             qPrintable(replay(killPoint + u": no status line: "_s + watch.errorText)));
    QTest::qWait(extraMs);
    QVERIFY2(watch.kill(), qPrintable(replay(killPoint + u": watch had ended"_s)));

    // Every order is there, each with the status its history ends with.
    Expectations expected;
    for (const StoreSnapshot::Item &item : uploaded.items) {
        expected.files.append(item.fileName);
        expected.tokensBefore[item.fileName] = item.token;
    }
    const StoreSnapshot left = readStore(m_data->path());
    QString broken = checkPromises(left, *m_log, *m_sandbox, expected);
    QVERIFY2(broken.isEmpty(), qPrintable(replay(killPoint + u": "_s + broken)));
    broken = checkStatusHistory(left);
    QVERIFY2(broken.isEmpty(), qPrintable(replay(killPoint + u": "_s + broken)));
    int changed = 0;
    for (const StoreSnapshot::OrderRow &order : left.orders)
        changed += order.status.startsWith(u' ') ? 0 : 1; // a status text was stored
    QVERIFY2(changed >= afterLine,
             qPrintable(replay(killPoint +
                               u": %1 statuses stored, %2 shown"_s.arg(changed).arg(afterLine))));

    // Watching again picks every order up where the killed run left it.
    CliProcess again;
    QVERIFY(
        again.start(kCli, common() + QStringList{u"watch"_s, u"--for"_s, u"1"_s}, environment()));
    QCOMPARE(again.waitForExit(), 0);
    const StoreSnapshot after = readStore(m_data->path());
    QCOMPARE(after.orders.size(), kOrders);
    broken = checkPromises(after, *m_log, *m_sandbox, expected) + checkStatusHistory(after);
    QVERIFY2(broken.isEmpty(),
             qPrintable(replay(killPoint + u", after watching again: "_s + broken)));
}

// --- A service that refuses a second upload to a token ---------------------------------------

void TestCrashKills::killWhenResendIsRefused_data()
{
    QTest::addColumn<bool>("answerLost"); // the service drops the first upload's answer
    for (int i = 1; i <= 4; ++i) {
        QTest::addRow("answer lost %d", i) << true;
        QTest::addRow("killed uploading %d", i) << false;
    }
}

// The sandbox refuses a second upload to a token, as the service does. Either the first
// upload's answer is lost after the body was stored (the connection closes without one) and
// the run is killed a random moment after the file arrived, or the run is killed at a random
// moment of a slow upload (early, or late enough for the kernel to deliver the whole body).
// After `queue run` every file has one token, one file at the service, and one order with that
// token - none left needing attention while the service holds its file, whose links come from
// the answer or, when that was lost, from the token page address (marked so) - and `watch`
// follows every one of those orders.
void TestCrashKills::killWhenResendIsRefused()
{
    QFETCH(bool, answerLost);
    constexpr qint64 kRate = 400'000;
    FaultPlan faults;
    faults.calls = FaultPlan::UploadCall;
    if (answerLost) {
        faults.dropAfterUploadRate = 1;
        faults.budget = 1 + int(m_random.bounded(2));
    } else {
        faults.uploadBytesPerSecond = kRate;
    }
    startSandbox(kKey, faults);
    const QString folder =
        QDir(m_home.path())
            .filePath(u"refused-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
    QVERIFY(QDir().mkpath(folder));
    constexpr int kFiles = 2;
    for (int i = 0; i < kFiles; ++i)
        QVERIFY(!makeStl(folder, u"design-%1.stl"_s.arg(i), answerLost ? 200 : 500,
                         int(m_random.bounded(5)) + i)
                     .isEmpty());

    // The lost answer is noticed and handled within a few tens of milliseconds; a 500 KB body
    // takes about a second at the line's rate, the kernel's buffers included.
    const int delayMs = answerLost ? int(m_random.bounded(60)) : int(m_random.bounded(1500));
    const QString killPoint = answerLost ? u"kill %1 ms after the first file arrived"_s.arg(delayMs)
                                         : u"kill %1 ms into uploading"_s.arg(delayMs);
    CliProcess run;
    QVERIFY(run.start(kCli,
                      common() + QStringList{u"upload"_s, folder, u"--email"_s,
                                             u"refused@example.com"_s, u"--value"_s, u"5.00"_s},
                      environment()));
    if (answerLost) {
        QDeadlineTimer deadline(kCliTimeoutMs);
        while (m_log->files.isEmpty() && run.process.state() == QProcess::Running &&
               !deadline.hasExpired()) {
            run.read();
            QTest::qWait(1);
        }
        QVERIFY2(!m_log->files.isEmpty(),
                 qPrintable(replay(u"no file arrived: "_s + run.errorText)));
    } else {
        QVERIFY2(run.waitForLine(
                     [](const QJsonObject &l) { return isStateEvent(l, u"uploading"_s); }) >= 0,
                 qPrintable(replay(u"never saw uploading: "_s + run.errorText)));
    }
    QTest::qWait(delayMs);
    if (!run.kill())
        qInfo().noquote() << replay(killPoint + u": the run had ended"_s);

    const StoreSnapshot left = readStore(m_data->path());
    QVERIFY2(left.problem.isEmpty() && left.integrity == u"ok", qPrintable(replay(left.problem)));
    qInfo().noquote() << killPoint << "left" << describeItems(left);
    Expectations expected = expectationsAfterKill(left);
    expected.mayNeedAttention.clear(); // the service holds the file: never a dead end
    const QString broken = queueRunAgain(expected);
    QVERIFY2(broken.isEmpty(), qPrintable(replay(killPoint + u": "_s + broken)));

    const StoreSnapshot after = readStore(m_data->path());
    QCOMPARE(after.orders.size(), kFiles);
    int refused = 0;
    for (const StoreSnapshot::OrderRow &order : after.orders) {
        QCOMPARE(m_sandbox->uploadCount(order.token), 1);
        refused += m_sandbox->uploadRequestCount(order.token) - 1;
        const QString pageLink = m_sandbox->serverUrl().toString() + u"?token="_s + order.token;
        QVERIFY2(order.tokenLink == pageLink,
                 qPrintable(replay(
                     killPoint + u": order %1 links to %2"_s.arg(order.id).arg(order.tokenLink))));
    }
    qInfo().noquote() << killPoint << ":" << refused << "refused re-sends";

    // Followed: watch asks the service about every order, reconstructed links or not.
    std::map<QString, int> asked;
    for (const StoreSnapshot::OrderRow &order : after.orders)
        asked[order.token] = m_sandbox->statusRequestCount(order.token);
    // A token asked about moments ago (the queue's own check before a re-send) is not asked
    // again before 15 s have passed, by the service's rule: a longer watch then, for those.
    for (const int seconds : {1, 16}) {
        bool all = true;
        for (const StoreSnapshot::OrderRow &order : after.orders)
            all = all && m_sandbox->statusRequestCount(order.token) > asked[order.token];
        if (all)
            break;
        CliProcess watch;
        QVERIFY(watch.start(
            kCli, common() + QStringList{u"watch"_s, u"--for"_s, QString::number(seconds)},
            environment()));
        QCOMPARE(watch.waitForExit(), 0);
    }
    for (const StoreSnapshot::OrderRow &order : after.orders)
        QVERIFY2(m_sandbox->statusRequestCount(order.token) > asked[order.token],
                 qPrintable(replay(killPoint + u": order %1 was not followed"_s.arg(order.id))));
}

QTEST_GUILESS_MAIN(TestCrashKills)
#include "tst_crashkills.moc"
