// SIGKILL the CLI in the middle of an upload - while it validates the file, while it creates
// the token, and at several points of a slowed-down upload - then run the queue again with the
// same data folder: the item ends with exactly one token and the service (the in-process
// sandbox) received the file exactly once.

#include "clitestenv.h"
#include "sandbox/sandboxserver.h"
#include "stl/meshgenerator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kKey = QStringLiteral("crash-test-sandbox-key");
constexpr qint64 kUploadRate = 16'000'000; // bytes per second on the sandbox's line
constexpr int kTokenLatencyMs = 2000;      // the token call takes this long
constexpr int kProcessTimeoutMs = 60000;

} // namespace

class TestCrashRecovery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void killedProcessResumesWithOneToken_data();
    void killedProcessResumesWithOneToken();

private:
    QProcessEnvironment environment() const;
    QStringList common() const;
    // Runs the CLI to its end without blocking the event loop (the sandbox lives in it).
    std::pair<int, QList<QJsonObject>> runToEnd(const QStringList &arguments);
    QJsonObject onlyQueueItem();

    QTemporaryDir m_home;
    QString m_file;
    qint64 m_fileSize = 0;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<SandboxServer> m_sandbox;
};

void TestCrashRecovery::initTestCase()
{
    QVERIFY(m_home.isValid());
    // A 40 MB binary STL: long enough to hash that the kill lands while validating, and
    // 2.5 s on the sandbox's slowed line.
    const QByteArray stl = stl::toBinaryStl(stl::makeTorus(40'000, 10));
    m_file = m_home.filePath(u"large part.stl"_s);
    QFile file(m_file);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(stl), stl.size());
    m_fileSize = stl.size();
}

void TestCrashRecovery::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    SandboxConfig config;
    config.apiKey = kKey;
    config.faults.latency = std::chrono::milliseconds(kTokenLatencyMs);
    config.faults.calls = FaultPlan::TokenCall; // the upload rate applies to every upload
    config.faults.uploadBytesPerSecond = kUploadRate;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
}

void TestCrashRecovery::cleanup()
{
    m_sandbox.reset();
    m_data.reset();
}

QProcessEnvironment TestCrashRecovery::environment() const
{
    QProcessEnvironment env = test::cliTestEnvironment(m_home.path());
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, kKey); // never on a command line
    return env;
}

QStringList TestCrashRecovery::common() const
{
    return {u"--json"_s, u"--base-url"_s, m_sandbox->apiBaseUrl().toString(), u"--data-dir"_s,
            m_data->path()};
}

std::pair<int, QList<QJsonObject>> TestCrashRecovery::runToEnd(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(kCli, common() + arguments);
    if (!process.waitForStarted())
        return {-1, {}};
    QElapsedTimer clock;
    clock.start();
    while (process.state() != QProcess::NotRunning && clock.elapsed() < kProcessTimeoutMs)
        QTest::qWait(20);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        qWarning() << "CLI did not finish:" << arguments;
        return {-1, {}};
    }
    QList<QJsonObject> lines;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    if (process.exitCode() != 0)
        qWarning().noquote() << process.readAllStandardError();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2, lines};
}

QJsonObject TestCrashRecovery::onlyQueueItem()
{
    const auto [code, lines] = runToEnd({u"queue"_s, u"list"_s});
    if (code != 0 || lines.size() != 1)
        return {};
    return lines.first();
}

void TestCrashRecovery::killedProcessResumesWithOneToken_data()
{
    // The state event the kill waits for, then how long into that state it strikes.
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("delayMs");
    QTest::newRow("validating") << u"validating"_s << 0;
    QTest::newRow("creating token") << u"creating_token"_s << kTokenLatencyMs / 2;
    const int uploadMs = int(m_fileSize * 1000 / kUploadRate);
    QTest::newRow("uploading, start") << u"uploading"_s << uploadMs / 10;
    QTest::newRow("uploading, half-way") << u"uploading"_s << uploadMs / 2;
    QTest::newRow("uploading, near the end") << u"uploading"_s << uploadMs * 9 / 10;
}

void TestCrashRecovery::killedProcessResumesWithOneToken()
{
    QFETCH(QString, state);
    QFETCH(int, delayMs);
    QSignalSpy tokens(m_sandbox.get(), &SandboxServer::tokenCreated);
    QSignalSpy files(m_sandbox.get(), &SandboxServer::fileUploaded);

    // 1. Start the upload and kill it once it is in the chosen state.
    QProcess upload;
    upload.setProcessEnvironment(environment());
    upload.start(kCli, common() + QStringList{u"upload"_s, m_file, u"--email"_s,
                                              u"crash@example.com"_s, u"--value"_s, u"9.90"_s});
    QVERIFY(upload.waitForStarted());
    bool reached = false;
    QByteArray pending;
    QElapsedTimer clock;
    clock.start();
    while (!reached && upload.state() != QProcess::NotRunning &&
           clock.elapsed() < kProcessTimeoutMs) {
        if (!upload.waitForReadyRead(0))
            QTest::qWait(1);
        pending += upload.readAllStandardOutput();
        qsizetype end = 0;
        while (!reached && (end = pending.indexOf('\n')) >= 0) {
            const QJsonObject event = QJsonDocument::fromJson(pending.left(end)).object();
            pending.remove(0, end + 1);
            reached = event.value(u"event"_s) == u"state"_s &&
                      event.value(u"state"_s).toString() == state;
        }
    }
    QVERIFY2(reached, qPrintable(u"never saw state %1"_s.arg(state)));
    if (delayMs > 0)
        QTest::qWait(delayMs);
    QCOMPARE(upload.state(), QProcess::Running); // the kill lands on a process at work
    upload.kill();                               // SIGKILL: no cleanup of any kind
    QVERIFY(upload.waitForFinished(5000));
    QCOMPARE(upload.exitStatus(), QProcess::CrashExit);

    // 2. What the killed process left in its store: the item, in the state it was killed in.
    const QJsonObject left = onlyQueueItem();
    QCOMPARE(left.value(u"state"_s).toString(), state);
    const QString tokenBefore = left.value(u"token"_s).toString();
    if (state == u"uploading")
        QVERIFY(!tokenBefore.isEmpty()); // committed before the first byte was sent
    // Nothing reached the service before the upload began. Killed late in it, the kernel may
    // still deliver the whole body the process had written (see 3.): then the file is there
    // for the item's token, and the resumed item must not send it again.
    if (state == u"uploading") {
        QVERIFY2(files.size() <= 1, qPrintable(u"%1 files"_s.arg(files.size())));
        if (!files.isEmpty())
            QCOMPARE(files.first().at(0).toString(), tokenBefore);
    } else {
        QCOMPARE(files.size(), 0);
    }

    // 3. Run the queue again with the same data folder: it resumes the item. Killed late in
    // the upload, the kernel still delivers what the process had written - the whole body -
    // and only the answer with the links is lost: the resumed item learns that the service
    // holds the file (a print under way, or its re-send refused for the used token) and is
    // done, its order's links built from the token page address.
    const auto [code, lines] = runToEnd({u"queue"_s, u"run"_s});
    QVERIFY(!lines.isEmpty());
    const QJsonObject result = lines.last();
    QCOMPARE(result.value(u"event"_s).toString(), u"result"_s);
    const QString outcome = result.value(u"state"_s).toString();
    const QString token = result.value(u"token"_s).toString();
    QVERIFY(!token.isEmpty());
    QCOMPARE(outcome, u"done"_s);
    QCOMPARE(code, 0);
    QVERIFY(result.value(u"token_link"_s).toString().contains(token));
    if (result.value(u"links_reconstructed"_s).toBool())
        QVERIFY(state == u"uploading");
    if (!tokenBefore.isEmpty())
        QCOMPARE(token, tokenBefore); // resumed with its token, never a second one

    // Exactly one file, for the item's token, whole.
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.first().at(0).toString(), token);
    QCOMPARE(files.first().at(2).toLongLong(), m_fileSize);
    QCOMPARE(m_sandbox->uploadCount(token), 1);
    // A token call killed in flight may leave a token the service made but the item never
    // recorded (it has no file and costs nothing); every other case makes exactly one.
    const int allowed = state == u"creating_token" ? 2 : 1;
    QVERIFY2(tokens.size() >= 1 && tokens.size() <= allowed,
             qPrintable(u"%1 tokens"_s.arg(tokens.size())));
    int itemTokens = 0;
    for (const QList<QVariant> &created : std::as_const(tokens))
        itemTokens += created.at(0).toString() == token ? 1 : 0;
    QCOMPARE(itemTokens, 1);

    // The store agrees.
    const QJsonObject finalItem = onlyQueueItem();
    QCOMPARE(finalItem.value(u"state"_s).toString(), outcome);
    QCOMPARE(finalItem.value(u"token"_s).toString(), token);
    const auto [ordersCode, orders] = runToEnd({u"orders"_s});
    QCOMPARE(ordersCode, 0);
    if (outcome == u"done") {
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().value(u"token"_s).toString(), token);
    }
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
