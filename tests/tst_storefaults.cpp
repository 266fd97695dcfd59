// Store faults of RELIABILITY.md ("Local state") that tst_orderstore and tst_queueinput leave
// out: a read-only data folder (through the store API and through partner-console-cli), and
// a second console on the same data folder - two CLI processes, and a console in this process
// next to a CLI child - which must refuse or take turns, never upload an item twice.

#include "crashharness.h"

#include "api/apiclient.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"
#include "stl/meshgenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <grp.h>
#include <pwd.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace pc;
using namespace pc::test;

namespace {

const QString kCli = QStringLiteral(PC_CLI_PATH);
const QString kKey = u"storefaults-sandbox-key-0123456789"_s;
constexpr qint64 kUploadRate = 200'000; // bytes per second on the sandbox's line
constexpr int kFileKiloBytes = 160;     // about 0.8 s per file on that line

// A small file system of its own (tmpfs) under `folder`, to fill up for real: SQLite meets a
// full disk where it grows its journal and index, not only as SQLITE_FULL. Needs root (or
// CAP_SYS_ADMIN), as CI has; unmounted when it goes.
class SmallDisk final
{
public:
    SmallDisk(const QString &folder, int megaBytes)
        : m_folder(folder)
    {
        const QByteArray options = "size=" + QByteArray::number(megaBytes) + "m";
        if (::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs", 0,
                    options.constData()) != 0)
            m_problem = u"cannot mount a tmpfs to fill (%1); needs root"_s.arg(
                QString::fromLocal8Bit(strerror(errno)));
    }
    ~SmallDisk()
    {
        if (m_problem.isEmpty())
            ::umount2(QFile::encodeName(m_folder).constData(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;
    QString problem() const { return m_problem; }

    // Writes a filler file until the disk is full.
    bool fill()
    {
        QFile filler(QDir(m_folder).filePath(u"filler"_s));
        if (!filler.open(QIODevice::WriteOnly))
            return false;
        const QByteArray block(64 * 1024, 'x');
        while (filler.write(block) == block.size()) {
        }
        filler.close(); // the last write failed: no room left
        return true;
    }
    bool free() { return QFile::remove(QDir(m_folder).filePath(u"filler"_s)); }

private:
    QString m_folder;
    QString m_problem;
};

// Root ignores permission bits, and CI runs the suites as root. There the test becomes the
// user nobody for a while - real and effective ids, so access(2), SQLite and every child
// process see nobody - keeping root as the saved id to come back to. Elsewhere the test's own
// user is unprivileged already.
class AsUnprivileged final
{
public:
    AsUnprivileged()
    {
        if (::geteuid() != 0)
            return;
        m_wasRoot = true;
        const passwd *nobody = ::getpwnam("nobody");
        const uid_t uid = nobody ? nobody->pw_uid : 65534;
        const gid_t gid = nobody ? nobody->pw_gid : 65534;
        m_groups.resize(::getgroups(0, nullptr));
        if (::getgroups(int(m_groups.size()), m_groups.data()) < 0 ||
            ::setgroups(0, nullptr) != 0 || ::setresgid(gid, gid, 0) != 0) {
            m_problem = u"cannot change groups: %1"_s.arg(QString::fromLocal8Bit(strerror(errno)));
            restore();
            return;
        }
        if (::setresuid(uid, uid, 0) != 0) {
            m_problem = u"setresuid(nobody) failed: %1 (no CAP_SETUID?)"_s.arg(
                QString::fromLocal8Bit(strerror(errno)));
            restore();
            return;
        }
    }
    ~AsUnprivileged() { restore(); }
    AsUnprivileged(const AsUnprivileged &) = delete;
    AsUnprivileged &operator=(const AsUnprivileged &) = delete;

    // Empty when permission bits bind this process now - proven on `readOnlyFolder` (mode
    // 0555), which must refuse a new file - else why they do not, for the skip message: only
    // a root without CAP_SETUID (or with odd capabilities) cannot run these rows.
    QString whyNot(const QString &readOnlyFolder) const
    {
        const QString cannot =
            u"running as root, and permission bits do not bind root; becoming the user nobody "
            "for this row failed: %1. The read-only rows need an unprivileged user or "
            "CAP_SETUID."_s;
        if (!m_problem.isEmpty())
            return cannot.arg(m_problem);
        if (readOnlyFolder.isEmpty())
            return {};
        QFile probe(QDir(readOnlyFolder).filePath(u"probe"_s));
        if (probe.open(QIODevice::WriteOnly)) {
            probe.remove();
            return cannot.arg(u"a file could still be created in a folder with mode 0555"_s);
        }
        return {};
    }

private:
    void restore()
    {
        if (!m_wasRoot)
            return;
        // The rest of the suite runs as root again; going on as someone else would only
        // produce misleading failures.
        if (::setresuid(0, 0, 0) != 0 || ::setresgid(0, 0, 0) != 0)
            qFatal("cannot become root again");
        if (!m_groups.empty() && ::setgroups(m_groups.size(), m_groups.data()) != 0)
            qFatal("cannot restore root's groups");
        m_groups.clear();
        m_wasRoot = false;
    }

    std::vector<gid_t> m_groups;
    bool m_wasRoot = false;
    QString m_problem;
};

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

QStringList filesIn(const QString &folder)
{
    QStringList names = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    names.sort();
    return names;
}

constexpr QFile::Permissions kAll = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                    QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                    QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
constexpr QFile::Permissions kReadOnlyFolder = QFile::ReadOwner | QFile::ExeOwner |
                                               QFile::ReadGroup | QFile::ExeGroup |
                                               QFile::ReadOther | QFile::ExeOther;
constexpr QFile::Permissions kWritableFile = QFile::ReadOwner | QFile::WriteOwner |
                                             QFile::ReadGroup | QFile::WriteGroup |
                                             QFile::ReadOther | QFile::WriteOther;
constexpr QFile::Permissions kReadOnlyFile = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;

} // namespace

class TestStoreFaults final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void readOnlyFolderRefusedByStore_data();
    void readOnlyFolderRefusedByStore();
    void readOnlyFolderRefusedByCli_data();
    void readOnlyFolderRefusedByCli();
    void fullDiskStillReadsAndSaysWhere();

    void secondCliIsRefusedWhileOneUploads();
    void simultaneousQueueRunsUploadEachItemOnce_data();
    void simultaneousQueueRunsUploadEachItemOnce();
    void consoleInThisProcessTakesOverFromKilledCli();

private:
    QString environmentKey() const;
    QProcessEnvironment cliEnvironment() const;
    QStringList common() const;
    QString makeStl(const QString &name, int variant) const;
    // A store in `folder` holding one queue item and one order, closed again.
    void fillStore(const QString &folder);
    // Puts `files` in the folder's queue as a killed console would have left them: queued.
    void queueUnprocessed(const QStringList &files);

    QTemporaryDir m_home;
    std::unique_ptr<QTemporaryDir> m_data;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<SandboxLog> m_log;
};

void TestStoreFaults::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Readable for nobody too (the read-only rows run as nobody when the suite runs as root).
    QVERIFY(QFile::setPermissions(m_home.path(), kAll));
}

void TestStoreFaults::init()
{
    m_data = std::make_unique<QTemporaryDir>();
    QVERIFY(m_data->isValid());
    QVERIFY(QFile::setPermissions(m_data->path(), kAll));
    SandboxConfig config;
    config.apiKey = kKey;
    config.faults.latency = std::chrono::milliseconds(200);
    config.faults.calls = FaultPlan::TokenCall;
    config.faults.uploadBytesPerSecond = kUploadRate;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
    m_log = std::make_unique<SandboxLog>(m_sandbox.get());
}

void TestStoreFaults::cleanup()
{
    m_log.reset();
    m_sandbox.reset();
    if (m_data)
        QFile::setPermissions(m_data->path(), kAll);
    m_data.reset();
}

QString TestStoreFaults::environmentKey() const
{
    // What the CLI uses for --base-url without --environment.
    return orderEnvironmentKey(EnvironmentKind::Custom, m_sandbox->apiBaseUrl());
}

QProcessEnvironment TestStoreFaults::cliEnvironment() const
{
    QProcessEnvironment env = cliTestEnvironment(m_home.path());
    env.insert(u"PARTNER_CONSOLE_API_KEY"_s, kKey); // never on a command line
    return env;
}

QStringList TestStoreFaults::common() const
{
    return {u"--json"_s, u"--base-url"_s, m_sandbox->apiBaseUrl().toString(), u"--data-dir"_s,
            m_data->path()};
}

QString TestStoreFaults::makeStl(const QString &name, int variant) const
{
    // 2 x 10 triangles of 50 bytes per step around; every variant has its own bytes.
    const QByteArray bytes = stl::toBinaryStl(stl::makeTorus(kFileKiloBytes + variant, 10));
    const QString path = QDir(m_home.path()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    file.close();
    QFile::setPermissions(path, kWritableFile);
    return path;
}

void TestStoreFaults::fillStore(const QString &folder)
{
    OrderStore store;
    QVERIFY(store.open(folder).ok());
    QueueItem item;
    item.environment = environmentKey();
    item.sourcePath = makeStl(u"kept.stl"_s, 0);
    item.fileName = u"kept.stl"_s;
    item.receiverEmail = u"kept@example.com"_s;
    item.price = *Decimal::fromString(u"4.20");
    item.currency = u"EUR"_s;
    item.state = QueueState::Paused;
    QVERIFY(store.addQueueItem(item).ok());
    Order order;
    order.environment = environmentKey();
    order.token = u"kept-token"_s;
    order.tokenLink = u"http://example.com/?token=kept-token"_s;
    order.sslTokenLink = order.tokenLink;
    order.fileName = u"earlier.stl"_s;
    order.receiverEmail = u"kept@example.com"_s;
    order.price = *Decimal::fromString(u"1.00");
    order.currency = u"USD"_s;
    order.created = QDateTime::currentDateTimeUtc();
    QVERIFY(store.addOrder(order).ok());
    store.close();
}

void TestStoreFaults::queueUnprocessed(const QStringList &files)
{
    OrderStore store;
    QVERIFY(store.open(m_data->path()).ok());
    for (const QString &path : files) {
        QueueItem item;
        item.environment = environmentKey();
        item.sourcePath = path;
        item.fileName = QFileInfo(path).fileName();
        item.receiverEmail = u"race@example.com"_s;
        item.price = *Decimal::fromString(u"2.50");
        item.currency = u"USD"_s;
        item.state = QueueState::Queued;
        QVERIFY(store.addQueueItem(item).ok());
    }
}

// --- Read-only data folder ------------------------------------------------------------------

void TestStoreFaults::readOnlyFolderRefusedByStore_data()
{
    QTest::addColumn<bool>("withDatabase");
    QTest::addColumn<bool>("folderReadOnly");
    QTest::addColumn<bool>("fileReadOnly");
    QTest::newRow("folder read-only") << true << true << false;
    QTest::newRow("database file read-only") << true << false << true;
    QTest::newRow("both read-only") << true << true << true;
    QTest::newRow("folder read-only, no database yet") << false << true << false;
}

void TestStoreFaults::readOnlyFolderRefusedByStore()
{
    QFETCH(bool, withDatabase);
    QFETCH(bool, folderReadOnly);
    QFETCH(bool, fileReadOnly);
    const QString folder = QDir(m_data->path()).filePath(u"data"_s);
    QVERIFY(QDir().mkpath(folder));
    if (withDatabase)
        fillStore(folder);
    const QString database = QDir(folder).filePath(OrderStore::databaseFileName());
    // Writable for anyone but for the row's read-only part, so the rule under test is the
    // only thing in the way, whoever the test runs as.
    QVERIFY(QFile::setPermissions(folder, folderReadOnly ? kReadOnlyFolder : kAll));
    if (withDatabase)
        QVERIFY(QFile::setPermissions(database, fileReadOnly ? kReadOnlyFile : kWritableFile));
    const QByteArray before = sha256Of(database);
    const QStringList filesBefore = filesIn(folder);

    OpenResult opened;
    bool claimRefused = false;
    {
        AsUnprivileged unprivileged;
        if (const QString why = unprivileged.whyNot(folderReadOnly ? folder : QString());
            !why.isEmpty())
            QSKIP(qPrintable(why));
        OrderStore store;
        opened = store.open(folder);
        QVERIFY(!store.isOpen());
        claimRefused = !store.claimQueue().ok();
        QCOMPARE(store.addQueueItem(QueueItem()).error().kind, StoreError::Kind::CannotOpen);
    }
    QVERIFY(claimRefused);
    // Refused at open, in words that name the folder and say what to do.
    QCOMPARE(opened.outcome, OpenResult::Outcome::Failed);
    QCOMPARE(opened.error.kind, StoreError::Kind::ReadOnly);
    QVERIFY2(opened.message.contains(QDir::toNativeSeparators(folder)), qPrintable(opened.message));
    QVERIFY2(opened.message.contains(u"read-only"_s) && opened.message.contains(u"writable"_s) &&
                 opened.message.contains(u"--data-dir"_s),
             qPrintable(opened.message));
    QVERIFY(opened.movedAside.isEmpty());
    // Nothing touched: not a byte of the database, no file added (no -wal, -shm or lock).
    QCOMPARE(sha256Of(database), before);
    QCOMPARE(filesIn(folder), filesBefore);

    // Writable again: everything saved before is there.
    QVERIFY(QFile::setPermissions(folder, kAll));
    if (withDatabase)
        QVERIFY(QFile::setPermissions(database, kWritableFile));
    OrderStore store;
    const OpenResult again = store.open(folder);
    QVERIFY2(again.ok(), qPrintable(again.message));
    if (withDatabase) {
        QCOMPARE(again.outcome, OpenResult::Outcome::Opened);
        const QList<QueueItem> items = *store.queueItems(environmentKey());
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.first().fileName, u"kept.stl"_s);
        QCOMPARE(items.first().state, QueueState::Paused);
        const QList<Order> orders = *store.orders(environmentKey());
        QCOMPARE(orders.size(), 1);
        QCOMPARE(orders.first().token, u"kept-token"_s);
    } else {
        QCOMPARE(again.outcome, OpenResult::Outcome::Created);
    }
}

// A full disk: the queue and the orders can still be read (by the store and by `queue list`),
// every write says the disk is full and where, and once space is freed all works as before.
void TestStoreFaults::fullDiskStillReadsAndSaysWhere()
{
    const QString disk = QDir(m_data->path()).filePath(u"disk"_s);
    QVERIFY(QDir().mkpath(disk));
    SmallDisk small(disk, 4);
    if (!small.problem().isEmpty())
        QSKIP(qPrintable(small.problem()));
    const QString folder = QDir(disk).filePath(u"data"_s);
    QVERIFY(QDir().mkpath(folder));
    fillStore(folder);
    QVERIFY(small.fill());

    {
        OrderStore store;
        const OpenResult opened = store.open(folder);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QVERIFY2(opened.message.contains(u"is full"_s) && opened.message.contains(folder),
                 qPrintable(opened.message));
        QCOMPARE(store.queueItems(environmentKey())->size(), 1);
        QCOMPARE(store.orders(environmentKey())->first().token, u"kept-token"_s);
        const StoreStatus write = store.updateQueueItemFacts(
            store.queueItems(environmentKey())->first().id, u"new@example.com"_s,
            *Decimal::fromString(u"5.00"), u"EUR"_s, {});
        QCOMPARE(write.error().kind, StoreError::Kind::DiskFull);
        QVERIFY2(write.error().message.contains(folder) &&
                     write.error().message.contains(u"Free some space"_s),
                 qPrintable(write.error().message));
    }
    // The CLI lists the queue and the orders on it.
    for (const QStringList &command :
         {QStringList{u"queue"_s, u"list"_s}, QStringList{u"orders"_s}}) {
        CliProcess list;
        QStringList arguments = common();
        arguments[arguments.indexOf(u"--data-dir"_s) + 1] = folder;
        QVERIFY(list.start(kCli, arguments + command, cliEnvironment()));
        QCOMPARE(list.waitForExit(), 0);
        list.read();
        QVERIFY2(!list.output.isEmpty(), qPrintable(list.errorText));
    }

    QVERIFY(small.free());
    OrderStore store;
    const OpenResult again = store.open(folder);
    QVERIFY2(again.ok() && again.message.isEmpty(), qPrintable(again.message));
    QVERIFY(store
                .updateQueueItemFacts(store.queueItems(environmentKey())->first().id,
                                      u"new@example.com"_s, *Decimal::fromString(u"5.00"), u"EUR"_s,
                                      {})
                .ok());
}

void TestStoreFaults::readOnlyFolderRefusedByCli_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("upload") << QStringList{u"upload"_s,         u"new.stl"_s, u"--email"_s,
                                           u"ro@example.com"_s, u"--value"_s, u"3.00"_s};
    QTest::newRow("queue run") << QStringList{u"queue"_s, u"run"_s};
    QTest::newRow("queue list") << QStringList{u"queue"_s, u"list"_s};
}

void TestStoreFaults::readOnlyFolderRefusedByCli()
{
    QFETCH(QStringList, command);
    const QString folder = m_data->path();
    fillStore(folder);
    const QString file = makeStl(u"new.stl"_s, 7);
    QVERIFY(!file.isEmpty());
    for (QString &argument : command) {
        if (argument == u"new.stl")
            argument = file;
    }
    const QString database = QDir(folder).filePath(OrderStore::databaseFileName());
    QVERIFY(QFile::setPermissions(database, kWritableFile));
    QVERIFY(QFile::setPermissions(folder, kReadOnlyFolder));
    const QByteArray before = sha256Of(database);
    const QStringList filesBefore = filesIn(folder);

    CliProcess cli;
    int code = -1;
    {
        AsUnprivileged unprivileged; // the child process inherits it
        if (const QString why = unprivileged.whyNot(folder); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY(cli.start(kCli, common() + command, cliEnvironment()));
        code = cli.waitForExit();
    }
    // A clear refusal: the store's exit code and a message naming the folder, no crash.
    QCOMPARE(code, 1);
    const QJsonObject error = cli.error();
    QCOMPARE(error.value(u"kind"_s).toString(), u"store"_s);
    const QString message = error.value(u"message"_s).toString();
    QVERIFY2(message.contains(folder) && message.contains(u"read-only"_s) &&
                 message.contains(u"writable"_s),
             qPrintable(cli.errorText));
    // Nothing reached the service, nothing in the folder changed.
    QCOMPARE(m_sandbox->totalRequestCount(), 0);
    QVERIFY(m_log->tokens.isEmpty());
    QCOMPARE(sha256Of(database), before);
    QCOMPARE(filesIn(folder), filesBefore);

    // Writable again: the queue and the orders are as they were.
    QVERIFY(QFile::setPermissions(folder, kAll));
    CliProcess list;
    QVERIFY(list.start(kCli, common() + QStringList{u"queue"_s, u"list"_s}, cliEnvironment()));
    QCOMPARE(list.waitForExit(), 0);
    QCOMPARE(list.lines.size(), 1);
    QCOMPARE(list.lines.first().value(u"state"_s).toString(), u"paused"_s);
    CliProcess orders;
    QVERIFY(orders.start(kCli, common() + QStringList{u"orders"_s}, cliEnvironment()));
    QCOMPARE(orders.waitForExit(), 0);
    QCOMPARE(orders.lines.size(), 1);
    QCOMPARE(orders.lines.first().value(u"token"_s).toString(), u"kept-token"_s);
}

// --- A second console -----------------------------------------------------------------------

void TestStoreFaults::secondCliIsRefusedWhileOneUploads()
{
    QStringList files;
    QStringList names;
    // Four files one after the other on a slow line (about 16 s at most) while five other
    // commands are tried, each a process start of its own: under CI load that takes seconds.
    // The line is made fast again once they have been refused.
    FaultPlan slow = m_sandbox->faultPlan();
    slow.uploadBytesPerSecond = kUploadRate / 5;
    m_sandbox->setFaultPlan(slow);
    for (int i = 0; i < 4; ++i) {
        names.append(u"part-%1.stl"_s.arg(i));
        files.append(makeStl(names.last(), i));
    }
    CliProcess first;
    QVERIFY(first.start(kCli,
                        common() +
                            QStringList{u"upload"_s, u"--parallel"_s, u"1"_s, u"--email"_s,
                                        u"one@example.com"_s, u"--value"_s, u"5.00"_s} +
                            files,
                        cliEnvironment()));
    QVERIFY2(first.waitForLine(
                 [](const QJsonObject &l) { return isStateEvent(l, u"uploading"_s); }) >= 0,
             qPrintable(first.errorText));
    const QString holder = QString::number(first.process.processId());

    // While it uploads, every command that would work the queue is refused, naming it.
    const QString extra = makeStl(u"late.stl"_s, 9);
    const QList<QStringList> refused{
        {u"queue"_s, u"run"_s},
        {u"upload"_s, extra, u"--email"_s, u"two@example.com"_s, u"--value"_s, u"1.00"_s},
        {u"queue"_s, u"cancel"_s, u"1"_s},
        {u"queue"_s, u"retry"_s, u"1"_s},
        {u"queue"_s, u"remove"_s, u"1"_s},
    };
    for (const QStringList &command : refused) {
        CliProcess second;
        QVERIFY(second.start(kCli, common() + command, cliEnvironment()));
        QCOMPARE(second.waitForExit(), 4); // busy: try again later
        const QJsonObject error = second.error();
        QCOMPARE(error.value(u"kind"_s).toString(), u"store"_s);
        const QString message = error.value(u"message"_s).toString();
        QVERIFY2(message.contains(u"Another console (partner-console-cli, process "_s + holder) &&
                     message.contains(m_data->path()),
                 qPrintable(command.join(u' ') + u": "_s + second.errorText));
        QVERIFY2(first.process.state() == QProcess::Running,
                 "the first console finished before the second was tried: widen the window");
    }
    // Reading is fine meanwhile.
    CliProcess list;
    QVERIFY(list.start(kCli, common() + QStringList{u"queue"_s, u"list"_s}, cliEnvironment()));
    QCOMPARE(list.waitForExit(), 0);
    QCOMPARE(list.lines.size(), 4);
    FaultPlan fast = slow;
    fast.uploadBytesPerSecond = 0;
    m_sandbox->setFaultPlan(fast); // the uploads still to come run at full speed

    QCOMPARE(first.waitForExit(), 0);
    const StoreSnapshot store = readStore(m_data->path());
    Expectations expected;
    expected.files = names; // late.stl was never queued
    const QString broken = checkPromises(store, *m_log, *m_sandbox, expected);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
    // One token call and one upload per file: the refused consoles sent nothing.
    QCOMPARE(m_sandbox->totalRequestCount(), 8);
    QCOMPARE(m_log->tokens.size(), 4);
    QVERIFY(!QFile::exists(QDir(m_data->path()).filePath(OrderStore::queueLockFileName())));
}

void TestStoreFaults::simultaneousQueueRunsUploadEachItemOnce_data()
{
    QTest::addColumn<int>("round");
    for (int round = 1; round <= 3; ++round)
        QTest::addRow("round %d", round) << round;
}

void TestStoreFaults::simultaneousQueueRunsUploadEachItemOnce()
{
    QStringList files;
    QStringList names;
    for (int i = 0; i < 3; ++i) {
        names.append(u"race-%1.stl"_s.arg(i));
        files.append(makeStl(names.last(), 20 + i));
    }
    queueUnprocessed(files);

    // Two consoles started at the same moment on the same folder: one works the queue, the
    // other says who does.
    CliProcess a;
    CliProcess b;
    QVERIFY(a.start(kCli, common() + QStringList{u"queue"_s, u"run"_s}, cliEnvironment()));
    QVERIFY(b.start(kCli, common() + QStringList{u"queue"_s, u"run"_s}, cliEnvironment()));
    const int codeA = a.waitForExit();
    const int codeB = b.waitForExit();
    QVERIFY2((codeA == 0 && codeB == 4) || (codeA == 4 && codeB == 0),
             qPrintable(u"exit codes %1 and %2: %3 %4"_s.arg(codeA).arg(codeB).arg(a.errorText,
                                                                                   b.errorText)));
    const CliProcess &refused = codeA == 4 ? a : b;
    QVERIFY2(refused.error().value(u"message"_s).toString().contains(u"Another console"_s),
             qPrintable(refused.errorText));

    const StoreSnapshot store = readStore(m_data->path());
    Expectations expected;
    expected.files = names;
    const QString broken = checkPromises(store, *m_log, *m_sandbox, expected);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
    QCOMPARE(m_sandbox->totalRequestCount(), 6);
}

void TestStoreFaults::consoleInThisProcessTakesOverFromKilledCli()
{
    QStringList files;
    QStringList names;
    for (int i = 0; i < 2; ++i) {
        names.append(u"handover-%1.stl"_s.arg(i));
        files.append(makeStl(names.last(), 40 + i));
    }
    CliProcess cli;
    QVERIFY(cli.start(kCli,
                      common() +
                          QStringList{u"upload"_s, u"--parallel"_s, u"1"_s, u"--email"_s,
                                      u"handover@example.com"_s, u"--value"_s, u"7.00"_s} +
                          files,
                      cliEnvironment()));
    const qsizetype uploading =
        cli.waitForLine([](const QJsonObject &l) { return isStateEvent(l, u"uploading"_s); });
    QVERIFY2(uploading >= 0, qPrintable(cli.errorText));
    const QString killedFile =
        QFileInfo(cli.lines.at(uploading).value(u"file"_s).toString()).fileName();
    const QString killedToken = cli.lines.at(uploading).value(u"token"_s).toString();
    QVERIFY(!killedToken.isEmpty());

    // A console in this process - the GUI's store and queue - on the same folder meanwhile.
    QNetworkAccessManager network;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_sandbox->apiBaseUrl();
    endpoint.apiKey = kKey;
    ApiClient api(&network, endpoint);
    auto store = std::make_unique<OrderStore>();
    QVERIFY(store->open(m_data->path()).ok());
    auto queue = std::make_unique<UploadQueue>(store.get(), &api, environmentKey());
    QSignalSpy problems(queue.get(), &UploadQueue::storeError);
    QVERIFY(!queue->start());
    QVERIFY(!queue->hasClaim());
    QTRY_COMPARE(problems.size(), 1); // from the event loop, for a window built after start()
    const QString said = problems.first().first().toString();
    QVERIFY2(said.contains(u"Another console (partner-console-cli, process %1"_s.arg(
                 cli.process.processId())),
             qPrintable(said));
    QCOMPARE(queue->claimProblem(), said);
    QVERIFY(queue->isIdle());
    // Its controls refuse instead of changing items the CLI works on.
    const qint64 firstId = store->queueItems(environmentKey())->first().id;
    QVERIFY(!queue->cancel(firstId));
    QVERIFY(!queue->remove(firstId));
    QVERIFY(store->queueItem(firstId)->has_value());
    QCOMPARE(problems.size(), 3); // each refused control says why
    QCOMPARE(problems.last().first().toString(), said);

    // The CLI dies mid-upload; the console here takes the queue over by itself and resumes
    // the interrupted item with its token.
    QTest::qWait(300);
    QVERIFY(cli.kill());
    QTRY_VERIFY_WITH_TIMEOUT(queue->hasClaim(), UploadQueue::kClaimRetryMs * 3);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QueueItem &item : queue->items()) {
                if (item.state != QueueState::Done && item.state != QueueState::NeedsAttention)
                    return false;
            }
            return true;
        }(),
        30'000);
    QCOMPARE(problems.size(), 3); // the retries said nothing more

    Expectations expected;
    expected.files = names;
    expected.tokensBefore[killedFile] = killedToken;
    expected.mayNeedAttention.insert(killedFile);
    const QString broken = checkPromises(readStore(m_data->path()), *m_log, *m_sandbox, expected);
    QVERIFY2(broken.isEmpty(), qPrintable(broken));

    // Now this process holds the queue: a CLI is refused, naming it...
    CliProcess late;
    QVERIFY(late.start(kCli, common() + QStringList{u"queue"_s, u"run"_s}, cliEnvironment()));
    QCOMPARE(late.waitForExit(), 4);
    QVERIFY2(late.error()
                 .value(u"message"_s)
                 .toString()
                 .contains(u"process %1"_s.arg(QCoreApplication::applicationPid())),
             qPrintable(late.errorText));
    // ...until the console here closes its store.
    queue.reset();
    store.reset();
    CliProcess after;
    QVERIFY(after.start(kCli, common() + QStringList{u"queue"_s, u"run"_s}, cliEnvironment()));
    QCOMPARE(after.waitForExit(), 0);
}

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_storefaults.moc"
