// SIGKILL of the real partner-console window process while it creates a token or uploads,
// then a restart - of the window, or `partner-console-cli queue run` - on the same data
// folder: nothing lost, no item with two tokens, the interrupted upload resumes with its
// token, and the service holds one file per token. And a window started while the CLI works
// the same folder: it waits, says who works it, and takes over when the CLI dies.
//
// The window is driven without clicks: the files are put in the data folder's queue first
// (as a console killed before it got to them leaves them), and the window works its queue
// as soon as it starts. Kill timings are random from a seed that is printed at the start
// and named in every failure; PC_CRASH_SEED=N replays a run.

#include "crashharness.h"

#include "orders/orderstore.h"
#include "stl/meshgenerator.h"

#include <QDir>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

const QString kGui = QStringLiteral(PC_GUI_PATH);
const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kKey = u"guicrash-sandbox-key-0123456789"_s;
constexpr int kTokenMs = 800;         // the token call takes this long
constexpr qint64 kRate = 300'000;     // bytes per second on the sandbox's line
constexpr qint64 kBuffered = 256'000; // what socket buffers take at once, ahead of the line
constexpr int kFiles = 2;
constexpr int kFinishMs = 60'000;

} // namespace

class TestGuiCrash final : public QObject, private CrashFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void killedWindowResumes_data();
    void killedWindowResumes();
    void windowWaitsForCliThenTakesOver();

private:
    QProcessEnvironment environment() const;
    std::unique_ptr<CliProcess> startWindow(const QString &loggingRules = {});
    // Waits until the store shows an item in `state`; that item's file name, or empty.
    QString waitForState(const QString &state, const CliProcess &window);
    bool allSettled() const;
    QStringList queueRun() const;
};

void TestGuiCrash::initTestCase()
{
    QVERIFY2(QFileInfo(kGui).isExecutable(), qPrintable(kGui));
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "tst_guicrash needs an X display (run it through CTest or with-display.sh)");
    initCrashFixture();
}

void TestGuiCrash::init()
{
    initDataFolder();
    FaultPlan faults;
    faults.latency = std::chrono::milliseconds(kTokenMs);
    faults.calls = FaultPlan::TokenCall;
    faults.uploadBytesPerSecond = kRate;
    startSandbox(kKey, faults);

    // The files, queued in the data folder for the service the window will use.
    const QString environmentKey =
        orderEnvironmentKey(EnvironmentKind::Custom, m_sandbox->apiBaseUrl());
    OrderStore store;
    QVERIFY(store.open(m_data->path()).ok());
    for (int i = 0; i < kFiles; ++i) {
        const QString name = u"window-%1-%2.stl"_s.arg(QString::fromLatin1(QTest::currentDataTag()))
                                 .arg(i)
                                 .replace(u' ', u'-')
                                 .remove(u',');
        const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(600 + i, 10));
        const QString path = QDir(m_home.path()).filePath(name);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        QueueItem item;
        item.environment = environmentKey;
        item.sourcePath = path;
        item.fileName = name;
        item.receiverEmail = u"window@example.com"_s;
        item.price = *Decimal::fromString(u"6.00");
        item.currency = u"EUR"_s;
        item.state = QueueState::Queued;
        QVERIFY(store.addQueueItem(item).ok());
    }
}

void TestGuiCrash::cleanup()
{
    cleanupCrashFixture();
}

// partner-console-cli's arguments for working the window's data folder and service.
QStringList TestGuiCrash::queueRun() const
{
    return {u"--json"_s,     u"--base-url"_s, m_sandbox->apiBaseUrl().toString(),
            u"--data-dir"_s, m_data->path(),  u"queue"_s,
            u"run"_s};
}

QProcessEnvironment TestGuiCrash::environment() const
{
    QProcessEnvironment env = cliTestEnvironment(m_home.path());
    const QDir home(m_home.path());
    for (const char *sub : {"config", "data", "cache", "state", "runtime"})
        home.mkpath(QString::fromLatin1(sub));
    QFile::setPermissions(home.filePath(u"runtime"_s),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    env.insert(u"XDG_STATE_HOME"_s, home.filePath(u"state"_s));
    env.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"runtime"_s));
    env.insert(u"PARTNER_CONSOLE_DATA_DIR"_s, m_data->path());
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, kKey); // never on a command line
    return env;
}

std::unique_ptr<CliProcess> TestGuiCrash::startWindow(const QString &loggingRules)
{
    auto window = std::make_unique<CliProcess>();
    window->process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = environment();
    if (!loggingRules.isEmpty())
        env.insert(u"QT_LOGGING_RULES"_s, loggingRules);
    if (!window->start(kGui, {u"--base-url"_s, m_sandbox->apiBaseUrl().toString()}, env))
        return {};
    return window;
}

QString TestGuiCrash::waitForState(const QString &state, const CliProcess &window)
{
    QDeadlineTimer deadline(kFinishMs);
    while (!deadline.hasExpired() && window.process.state() == QProcess::Running) {
        for (const StoreSnapshot::Item &item : readStore(m_data->path()).items) {
            if (item.state == state)
                return item.fileName;
        }
        QTest::qWait(20);
    }
    return {};
}

bool TestGuiCrash::allSettled() const
{
    const StoreSnapshot store = readStore(m_data->path());
    if (store.items.size() != kFiles)
        return false;
    for (const StoreSnapshot::Item &item : store.items) {
        if (item.state != u"done" && item.state != u"needs_attention")
            return false;
    }
    return true;
}

void TestGuiCrash::killedWindowResumes_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("restartWindow"); // else partner-console-cli queue run
    QTest::newRow("uploading, window again") << u"uploading"_s << true;
    QTest::newRow("uploading, cli") << u"uploading"_s << false;
    QTest::newRow("creating token, window again") << u"creating_token"_s << true;
}

void TestGuiCrash::killedWindowResumes()
{
    QFETCH(QString, state);
    QFETCH(bool, restartWindow);

    std::unique_ptr<CliProcess> window = startWindow();
    QVERIFY(window);
    const QString file = waitForState(state, *window);
    window->read();
    QVERIFY2(!file.isEmpty(), qPrintable(replay(u"the window never reached %1: %2"_s.arg(
                                  state, QString::fromUtf8(window->output)))));
    const int windowMs = state == u"creating_token"
                             ? kTokenMs * 7 / 10
                             : int((600 * 20 * 50 - kBuffered) * 1000 / kRate) * 7 / 10;
    const int delayMs = int(m_random.bounded(windowMs));
    const QString killPoint = u"kill %1 ms after %2 showed %3"_s.arg(delayMs).arg(file, state);
    QTest::qWait(delayMs);
    QVERIFY2(window->kill(), qPrintable(replay(killPoint + u": the window had quit"_s)));

    const StoreSnapshot left = readStore(m_data->path());
    QVERIFY2(left.problem.isEmpty() && left.integrity == u"ok",
             qPrintable(replay(killPoint + u": "_s + left.problem + left.integrity)));
    const Expectations expected = expectationsAfterKill(left);
    for (const QString &uploading : expected.mayNeedAttention)
        QVERIFY2(expected.tokensBefore.count(uploading) != 0,
                 qPrintable(replay(killPoint + u": uploading without a stored token"_s)));
    QCOMPARE(expected.files.size(), kFiles);
    qInfo().noquote() << killPoint << "left" << describeItems(left);

    QString broken;
    if (restartWindow) {
        std::unique_ptr<CliProcess> again = startWindow();
        QVERIFY(again);
        QTRY_VERIFY2_WITH_TIMEOUT(allSettled(), qPrintable(replay(killPoint + u": not finished"_s)),
                                  kFinishMs);
        again->process.terminate(); // SIGTERM: the window quits cleanly
        QCOMPARE(again->waitForExit(15'000), 0);
        broken = brokenPromises(expected);
    } else {
        broken = runAgainAndCheck(kCli, queueRun(), environment(), expected);
    }
    QVERIFY2(broken.isEmpty(), qPrintable(replay(killPoint + u": "_s + broken)));
}

void TestGuiCrash::windowWaitsForCliThenTakesOver()
{
    // The CLI works the folder's queue; a window started meanwhile on the same folder says
    // who does and starts nothing. When the CLI dies mid-upload, the window takes the queue
    // over by itself and finishes it with the tokens the CLI recorded.
    CliProcess cli;
    QVERIFY(cli.start(kCli, queueRun(), environment()));
    QVERIFY2(
        cli.waitForLine([](const QJsonObject &l) { return isStateEvent(l, u"uploading"_s); }) >= 0,
        qPrintable(cli.errorText));
    std::unique_ptr<CliProcess> window = startWindow(u"pc.orders.info=true"_s);
    QVERIFY(window);
    const QString said =
        u"Another console (partner-console-cli, process %1)"_s.arg(cli.process.processId());
    QTRY_VERIFY2_WITH_TIMEOUT((window->read(), QString::fromUtf8(window->output).contains(said)),
                              qPrintable(QString::fromUtf8(window->output)), kFinishMs);
    QVERIFY(cli.kill());

    const StoreSnapshot left = readStore(m_data->path());
    const Expectations expected = expectationsAfterKill(left);
    qInfo().noquote() << "CLI killed; left" << describeItems(left);
    QTRY_VERIFY2_WITH_TIMEOUT(allSettled(), qPrintable(QString::fromUtf8(window->output)),
                              kFinishMs);
    window->process.terminate();
    QCOMPARE(window->waitForExit(15'000), 0);
    const QString broken = brokenPromises(expected);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
}

QTEST_GUILESS_MAIN(TestGuiCrash)
#include "tst_guicrash.moc"
