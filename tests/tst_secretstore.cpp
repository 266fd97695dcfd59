// Where the API key is kept: the keychain when there is one; without, this session only or,
// when the user opts in, a file readable by them alone - and nowhere else.

#include "settings/secretstore.h"
#include "specialfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::StringLiterals;
using pc::SecretStore;

namespace {

const QString kSentinel = u"SENTINEL-key-6f1d2c9a-DO-NOT-LEAK"_s;

SecretStore::Saved saveAndWait(SecretStore &store, const QString &key, bool fileFallback)
{
    QSignalSpy spy(&store, &SecretStore::saved);
    store.save(key, fileFallback);
    if (spy.isEmpty() && !spy.wait(10000))
        return {};
    return spy.first().first().value<SecretStore::Saved>();
}

bool forgetAndWait(SecretStore &store)
{
    QSignalSpy spy(&store, &SecretStore::forgotten);
    store.forget();
    if (spy.isEmpty() && !spy.wait(10000))
        return false;
    return spy.first().first().toBool();
}

// Every file under `folder` that contains `needle`.
QStringList filesContaining(const QString &folder, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

} // namespace

class TestSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void realKeychainAnswersQuickly();
    void withoutKeychainTheKeyStaysInTheSession();
    void fileOptInIsOwnerOnly();
    void widenedFileIsRefused();
    void onlyAPlainOwnerOnlyFileIsRead_data();
    void onlyAPlainOwnerOnlyFileIsRead();
    void forgetRemovesEverything();

private:
    std::unique_ptr<SecretStore> makeStore() const;
    QTemporaryDir m_config;
};

void TestSecretStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_config.isValid());
}

void TestSecretStore::init()
{
    SecretStore store; // the session key is per process: start every test without one
    store.setKeychainEnabled(false);
    store.setKeyFilePath(m_config.filePath(u"api-key"_s));
    QVERIFY(forgetAndWait(store));
}

void TestSecretStore::cleanup()
{
    init();
}

std::unique_ptr<SecretStore> TestSecretStore::makeStore() const
{
    auto store = std::make_unique<SecretStore>();
    store->setKeychainEnabled(false);
    store->setKeyFilePath(m_config.filePath(u"folder/api-key"_s));
    return store;
}

// Whatever this machine has (CI has no Secret Service), asking never hangs and says whether
// a keychain answered.
void TestSecretStore::realKeychainAnswersQuickly()
{
    SecretStore store;
    store.setKeyFilePath(m_config.filePath(u"unused"_s));
    const SecretStore::Loaded loaded = store.loadNow();
    if (!loaded.keychainAvailable) {
        QVERIFY(loaded.key.isEmpty());
        QCOMPARE(loaded.location, SecretStore::Location::None);
        QVERIFY(loaded.problem.contains(u"keychain"_s));
    } else {
        QVERIFY(loaded.location == SecretStore::Location::Keychain ||
                loaded.location == SecretStore::Location::None);
    }
}

void TestSecretStore::withoutKeychainTheKeyStaysInTheSession()
{
    auto store = makeStore();
    QCOMPARE(store->loadNow().location, SecretStore::Location::None);
    const SecretStore::Saved saved = saveAndWait(*store, u"  "_s + kSentinel + u"\n"_s, false);
    QVERIFY(saved.ok);
    QCOMPARE(saved.location, SecretStore::Location::Session);
    QVERIFY(!saved.keychainAvailable);
    QVERIFY(saved.message.contains(u"until the console closes"_s));
    // Another store object of this process finds it, trimmed; nothing reached the disk.
    auto again = makeStore();
    const SecretStore::Loaded loaded = again->loadNow();
    QCOMPARE(loaded.key, kSentinel);
    QCOMPARE(loaded.location, SecretStore::Location::Session);
    QVERIFY(!QFile::exists(again->keyFilePath()));
    QCOMPARE(filesContaining(m_config.path(), kSentinel.toUtf8()), QStringList());
}

void TestSecretStore::fileOptInIsOwnerOnly()
{
    auto store = makeStore();
    const SecretStore::Saved saved = saveAndWait(*store, kSentinel, true);
    QVERIFY2(saved.ok, qPrintable(saved.message));
    QCOMPARE(saved.location, SecretStore::Location::File);
    QVERIFY(saved.message.contains(store->keyFilePath()));
    QFile file(store->keyFilePath());
    QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kSentinel.toUtf8() + '\n');
    QVERIFY(!QFile::exists(store->keyFilePath() + u".new"_s));
    const SecretStore::Loaded loaded = makeStore()->loadNow();
    QCOMPARE(loaded.key, kSentinel);
    QCOMPARE(loaded.location, SecretStore::Location::File);
    QVERIFY(loaded.problem.isEmpty());

    // Saving again replaces it, still owner-only.
    QVERIFY(saveAndWait(*store, u"second-key"_s, true).ok);
    QCOMPARE(makeStore()->loadNow().key, u"second-key"_s);
    QCOMPARE(QFile(store->keyFilePath()).permissions() & QFileDevice::ReadOther,
             QFileDevice::Permissions());
}

void TestSecretStore::widenedFileIsRefused()
{
    auto store = makeStore();
    QVERIFY(saveAndWait(*store, kSentinel, true).ok);
    QVERIFY(QFile::setPermissions(store->keyFilePath(), QFileDevice::ReadOwner |
                                                            QFileDevice::WriteOwner |
                                                            QFileDevice::ReadOther));
    const SecretStore::Loaded loaded = makeStore()->loadNow();
    QVERIFY(loaded.key.isEmpty());
    QCOMPARE(loaded.location, SecretStore::Location::None);
    QVERIFY(loaded.problem.contains(u"other users"_s));
    QVERIFY(loaded.problem.contains(u"chmod 600"_s));
}

void TestSecretStore::onlyAPlainOwnerOnlyFileIsRead_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("FIFO") << u"fifo"_s << u"named pipe"_s;
    QTest::newRow("link to /dev/zero") << u"zero"_s << u"device"_s;
    QTest::newRow("not UTF-8") << u"latin1"_s << u"UTF-8"_s;
    QTest::newRow("first line over 4 KiB") << u"long"_s << u"longer than"_s;
}

// The opt-in file follows the same rules as the CLI's --api-key-file: a FIFO neither blocks
// the load nor is read, a device is not taken for a key, and a first line that is not UTF-8
// text or is too long to be a key is refused with the reason instead of being mangled or cut.
void TestSecretStore::onlyAPlainOwnerOnlyFileIsRead()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    auto store = makeStore();
    const QString path = store->keyFilePath();
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile::remove(path);
    std::optional<pc::test::FifoWriter> writer;
    if (kind == u"fifo") {
        QVERIFY(pc::test::makeFifo(path));
        writer.emplace(path, std::chrono::milliseconds(5000)); // wakes a reader that blocked
    } else if (kind == u"zero") {
        QVERIFY(QFile::link(u"/dev/zero"_s, path));
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write(kind == u"latin1"_s ? "caf\xe9-key\n"_ba : QByteArray(5000, 'k') + '\n');
    }
    QElapsedTimer elapsed;
    elapsed.start();
    const SecretStore::Loaded loaded = store->loadNow();
    QVERIFY2(elapsed.elapsed() < 5000, "the load waited for the FIFO's writer");
    QVERIFY(loaded.key.isEmpty());
    QCOMPARE(loaded.location, SecretStore::Location::None);
    QVERIFY2(loaded.problem.contains(reason) && loaded.problem.contains(path),
             qPrintable(loaded.problem));
    QVERIFY(!loaded.problem.contains(u"chmod 600 /dev"_s));
    writer.reset();
    QFile::remove(path);
}

void TestSecretStore::forgetRemovesEverything()
{
    auto store = makeStore();
    QVERIFY(saveAndWait(*store, kSentinel, true).ok);
    QVERIFY(saveAndWait(*store, u"session-key"_s, false).ok);
    QVERIFY(forgetAndWait(*store));
    QVERIFY(!QFile::exists(store->keyFilePath()));
    const SecretStore::Loaded loaded = makeStore()->loadNow();
    QVERIFY(loaded.key.isEmpty());
    QCOMPARE(loaded.location, SecretStore::Location::None);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
