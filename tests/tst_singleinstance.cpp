// One console per user and data folder: a later start hands its files to the running console
// (which gets them as absolute paths), different data folders do not interfere, a console
// that died leaves nothing in the way, one that hangs is reported, and the socket is the
// user's alone. The second start runs in its own thread, as it would be its own process.

#include "singleinstance.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using pc::SingleInstance;

Q_DECLARE_METATYPE(SingleInstance::Role)

namespace {

// Starts a second console for `folder` on another thread while this one keeps serving
// events; returns its role.
SingleInstance::Role secondStart(const QString &folder, const QStringList &paths,
                                 int timeoutMs = 5000)
{
    std::atomic<int> role{-1};
    std::thread other([&] {
        SingleInstance second(folder);
        role = int(second.start(paths, timeoutMs));
    });
    while (role < 0)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    other.join();
    return SingleInstance::Role(int(role));
}

} // namespace

class TestSingleInstance final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void secondStartHandsItsFilesOver();
    void secondStartWithoutFilesShowsTheConsole();
    void dataFoldersAreSeparate();
    void deadConsoleLeavesNothingInTheWay();
    void hangingConsoleIsReported();
    void socketIsTheUsersAlone();

private:
    QTemporaryDir m_runtime;
    QTemporaryDir m_data;
};

void TestSingleInstance::init()
{
    // A runtime folder of our own, as XDG_RUNTIME_DIR would be.
    QVERIFY(m_runtime.isValid());
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    QFile::setPermissions(m_runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void TestSingleInstance::cleanup()
{
    qunsetenv("XDG_RUNTIME_DIR");
}

void TestSingleInstance::secondStartHandsItsFilesOver()
{
    SingleInstance first(m_data.path());
    QCOMPARE(first.start({}), SingleInstance::Role::Primary);
    QVERIFY(first.listen());
    QSignalSpy asked(&first, &SingleInstance::activationRequested);

    const QString relative = u"bracket.stl"_s;
    const QString absolute = u"/srv/designs/ring.stl"_s;
    QCOMPARE(secondStart(m_data.path(), {relative, absolute}), SingleInstance::Role::HandedOver);
    QTRY_COMPARE(asked.size(), 1);
    const QStringList paths = asked.first().first().toStringList();
    QCOMPARE(paths, (QStringList{QDir::current().absoluteFilePath(relative), absolute}));

    // And again: the console keeps listening.
    QCOMPARE(secondStart(m_data.path(), {absolute}), SingleInstance::Role::HandedOver);
    QTRY_COMPARE(asked.size(), 2);
}

void TestSingleInstance::secondStartWithoutFilesShowsTheConsole()
{
    SingleInstance first(m_data.path());
    QCOMPARE(first.start({}), SingleInstance::Role::Primary);
    QVERIFY(first.listen());
    QSignalSpy asked(&first, &SingleInstance::activationRequested);
    QCOMPARE(secondStart(m_data.path(), {}), SingleInstance::Role::HandedOver);
    QTRY_COMPARE(asked.size(), 1);
    QVERIFY(asked.first().first().toStringList().isEmpty());
}

void TestSingleInstance::dataFoldersAreSeparate()
{
    QTemporaryDir other;
    SingleInstance first(m_data.path());
    SingleInstance second(other.path());
    QCOMPARE(first.start({}), SingleInstance::Role::Primary);
    QCOMPARE(second.start({}), SingleInstance::Role::Primary);
    QVERIFY(first.lockPath() != second.lockPath());
    QVERIFY(first.listen());
    QVERIFY(second.listen());
}

// A console killed with SIGKILL leaves its lock (naming a process that is gone) and its
// socket file; the next start becomes the console.
void TestSingleInstance::deadConsoleLeavesNothingInTheWay()
{
    QProcess gone;
    gone.start(u"true"_s);
    QVERIFY(gone.waitForFinished());
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
    SingleInstance probe(m_data.path());
    {
        QFile lock(probe.lockPath());
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(deadPid) + '\n' +
                   QCoreApplication::applicationName().toUtf8() + '\n' +
                   QSysInfo::machineHostName().toUtf8() + '\n');
        QFile socket(probe.socketPath());
        QVERIFY(socket.open(QIODevice::WriteOnly)); // a leftover file, nobody listening
    }
    SingleInstance next(m_data.path());
    QCOMPARE(next.start({}), SingleInstance::Role::Primary);
    QVERIFY2(next.listen(), qPrintable(next.errorString()));
    QSignalSpy asked(&next, &SingleInstance::activationRequested);
    QCOMPARE(secondStart(m_data.path(), {}), SingleInstance::Role::HandedOver);
    QTRY_COMPARE(asked.size(), 1);
}

// The console holds its lock but never answers (hung, or still starting after the wait): the
// new start says so instead of opening a second console on the same data.
void TestSingleInstance::hangingConsoleIsReported()
{
    SingleInstance first(m_data.path());
    QCOMPARE(first.start({}), SingleInstance::Role::Primary); // no listen()
    SingleInstance second(m_data.path());
    QCOMPARE(second.start({u"a.stl"_s}, 500), SingleInstance::Role::Failed);
    QVERIFY(second.errorString().contains(u"did not answer"_s));
}

void TestSingleInstance::socketIsTheUsersAlone()
{
    SingleInstance first(m_data.path());
    QCOMPARE(first.start({}), SingleInstance::Role::Primary);
    QVERIFY(first.listen());
    QVERIFY(first.socketPath().startsWith(m_runtime.path()));
    const QFile::Permissions permissions = QFileInfo(first.socketPath()).permissions();
    QVERIFY2(!(permissions &
               (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther)),
             qPrintable(QString::number(int(permissions), 16)));
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
