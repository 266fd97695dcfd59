// Several partner-console-cli runs started at the same moment on a data folder that does not
// exist yet (a script started twice, a window and a CLI on first use): whichever creates the
// order database first, the others wait for it and use it; none takes the half-made file for
// a damaged one and moves it aside. Exactly one run works the queue; the others are refused
// with the holder's name. Every file a run reported uploaded has one item, one token, one
// file at the sandbox and one order, and nothing is lost.
//
// The start offsets come from one seeded generator: the seed is printed at the start and named
// in every failure; PC_CRASH_SEED=N replays a run.

#include "crashharness.h"

#include "stl/meshgenerator.h"

#include <QDir>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kKey = u"crowdedstart-sandbox-key-0123456789"_s;
constexpr int kRuns = 4;
constexpr int kRounds = 6;

} // namespace

class TestCrowdedStart final : public QObject, private CrashFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void simultaneousUploadsOnANewFolder_data();
    void simultaneousUploadsOnANewFolder();

private:
    QString makeStl(const QString &name, int variant) const;
};

void TestCrowdedStart::initTestCase()
{
    initCrashFixture();
}

void TestCrowdedStart::init()
{
    initDataFolder();
    startSandbox(kKey, FaultPlan{});
}

void TestCrowdedStart::cleanup()
{
    cleanupCrashFixture();
}

QString TestCrowdedStart::makeStl(const QString &name, int variant) const
{
    const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(12, 10 + variant));
    const QString path = QDir(m_home.path()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestCrowdedStart::simultaneousUploadsOnANewFolder_data()
{
    QTest::addColumn<int>("round");
    for (int i = 1; i <= kRounds; ++i)
        QTest::addRow("round %d", i) << i;
}

void TestCrowdedStart::simultaneousUploadsOnANewFolder()
{
    QFETCH(int, round);
    // Not created yet: the runs create it, and the database in it, all at once.
    const QString folder = QDir(m_data->path()).filePath(u"new/data"_s);
    QProcessEnvironment env = cliTestEnvironment(m_home.path());
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, kKey);

    std::vector<std::unique_ptr<CliProcess>> runs;
    QStringList files;
    for (int i = 0; i < kRuns; ++i) {
        const QString file = makeStl(u"crowded-%1-%2.stl"_s.arg(round).arg(i), round * 10 + i);
        QVERIFY(!file.isEmpty());
        files.append(QFileInfo(file).fileName());
        auto run = std::make_unique<CliProcess>();
        const QStringList arguments{u"--json"_s,
                                    u"--base-url"_s,
                                    m_sandbox->apiBaseUrl().toString(),
                                    u"--data-dir"_s,
                                    folder,
                                    u"upload"_s,
                                    file,
                                    u"--email"_s,
                                    u"crowded@example.com"_s,
                                    u"--value"_s,
                                    u"4.00"_s};
        QVERIFY(run->start(kCli, arguments, env));
        runs.push_back(std::move(run));
        QTest::qWait(int(m_random.bounded(4))); // 0-3 ms apart: the same moment, or nearly
    }

    Expectations expected;
    QStringList outcomes;
    for (int i = 0; i < kRuns; ++i) {
        CliProcess &run = *runs.at(size_t(i));
        const int code = run.waitForExit();
        run.read();
        const QString said = QString::fromUtf8(run.output) + run.errorText;
        outcomes.append(u"run %1 exit %2: %3"_s.arg(i).arg(code).arg(said.trimmed()));
        qInfo().noquote() << outcomes.last(); // whole: a failure message is cut short
        QVERIFY2(!said.contains(u"damaged"_s) && !said.contains(u"moved aside"_s),
                 qPrintable(replay(outcomes.join(u"\n"_s))));
        if (code == 0) {
            expected.files.append(files.at(i));
        } else {
            // Refused because another run works the queue, and said so; nothing queued.
            QVERIFY2(code == 4 && said.contains(u"queue"_s),
                     qPrintable(replay(outcomes.join(u"\n"_s))));
        }
    }
    QVERIFY2(!expected.files.isEmpty(),
             qPrintable(replay(u"no run uploaded anything:\n"_s + outcomes.join(u"\n"_s))));

    const QStringList movedAside =
        QDir(folder).entryList({u"orders.db.corrupt-*"_s, u"orders.db.stale-wal-*"_s});
    QVERIFY2(movedAside.isEmpty(), qPrintable(replay(movedAside.join(u", "_s))));
    const QString broken = checkPromises(readStore(folder), *m_log, *m_sandbox, expected);
    QVERIFY2(broken.isEmpty(), qPrintable(replay(broken + u"\n"_s + outcomes.join(u"\n"_s))));
    QCOMPARE(m_log->tokens.size(), expected.files.size());
}

QTEST_GUILESS_MAIN(TestCrowdedStart)
#include "tst_crowdedstart.moc"
