// Where the API key is kept: the keychain when there is one; without, this session only or,
// when the user opts in, a file readable by them alone - and nowhere else.

#include "settings/apikeystore.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pc::ApiKeyStore;

namespace {

const QString kSentinel = u"SENTINEL-key-6f1d2c9a-DO-NOT-LEAK"_s;

ApiKeyStore::Saved saveAndWait(ApiKeyStore &store, const QString &key, bool fileFallback)
{
    QSignalSpy spy(&store, &ApiKeyStore::saved);
    store.save(key, fileFallback);
    if (spy.isEmpty() && !spy.wait(10000))
        return {};
    return spy.first().first().value<ApiKeyStore::Saved>();
}

bool forgetAndWait(ApiKeyStore &store)
{
    QSignalSpy spy(&store, &ApiKeyStore::forgotten);
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

class TestApiKeyStore final : public QObject
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
    void forgetRemovesEverything();

private:
    std::unique_ptr<ApiKeyStore> makeStore() const;
    QTemporaryDir m_config;
};

void TestApiKeyStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_config.isValid());
}

void TestApiKeyStore::init()
{
    ApiKeyStore store; // the session key is per process: start every test without one
    store.setKeychainEnabled(false);
    store.setKeyFilePath(m_config.filePath(u"api-key"_s));
    QVERIFY(forgetAndWait(store));
}

void TestApiKeyStore::cleanup()
{
    init();
}

std::unique_ptr<ApiKeyStore> TestApiKeyStore::makeStore() const
{
    auto store = std::make_unique<ApiKeyStore>();
    store->setKeychainEnabled(false);
    store->setKeyFilePath(m_config.filePath(u"folder/api-key"_s));
    return store;
}

// Whatever this machine has (CI has no Secret Service), asking never hangs and says whether
// a keychain answered.
void TestApiKeyStore::realKeychainAnswersQuickly()
{
    ApiKeyStore store;
    store.setKeyFilePath(m_config.filePath(u"unused"_s));
    const ApiKeyStore::Loaded loaded = store.loadNow();
    if (!loaded.keychainAvailable) {
        QVERIFY(loaded.key.isEmpty());
        QCOMPARE(loaded.location, ApiKeyStore::Location::None);
        QVERIFY(loaded.problem.contains(u"keychain"_s));
    } else {
        QVERIFY(loaded.location == ApiKeyStore::Location::Keychain ||
                loaded.location == ApiKeyStore::Location::None);
    }
}

void TestApiKeyStore::withoutKeychainTheKeyStaysInTheSession()
{
    auto store = makeStore();
    QCOMPARE(store->loadNow().location, ApiKeyStore::Location::None);
    const ApiKeyStore::Saved saved = saveAndWait(*store, u"  "_s + kSentinel + u"\n"_s, false);
    QVERIFY(saved.ok);
    QCOMPARE(saved.location, ApiKeyStore::Location::Session);
    QVERIFY(!saved.keychainAvailable);
    QVERIFY(saved.message.contains(u"until the console closes"_s));
    // Another store object of this process finds it, trimmed; nothing reached the disk.
    auto again = makeStore();
    const ApiKeyStore::Loaded loaded = again->loadNow();
    QCOMPARE(loaded.key, kSentinel);
    QCOMPARE(loaded.location, ApiKeyStore::Location::Session);
    QVERIFY(!QFile::exists(again->keyFilePath()));
    QCOMPARE(filesContaining(m_config.path(), kSentinel.toUtf8()), QStringList());
}

void TestApiKeyStore::fileOptInIsOwnerOnly()
{
    auto store = makeStore();
    const ApiKeyStore::Saved saved = saveAndWait(*store, kSentinel, true);
    QVERIFY2(saved.ok, qPrintable(saved.message));
    QCOMPARE(saved.location, ApiKeyStore::Location::File);
    QVERIFY(saved.message.contains(store->keyFilePath()));
    QFile file(store->keyFilePath());
    QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), kSentinel.toUtf8() + '\n');
    QVERIFY(!QFile::exists(store->keyFilePath() + u".new"_s));
    const ApiKeyStore::Loaded loaded = makeStore()->loadNow();
    QCOMPARE(loaded.key, kSentinel);
    QCOMPARE(loaded.location, ApiKeyStore::Location::File);
    QVERIFY(loaded.problem.isEmpty());

    // Saving again replaces it, still owner-only.
    QVERIFY(saveAndWait(*store, u"second-key"_s, true).ok);
    QCOMPARE(makeStore()->loadNow().key, u"second-key"_s);
    QCOMPARE(QFile(store->keyFilePath()).permissions() & QFileDevice::ReadOther,
             QFileDevice::Permissions());
}

void TestApiKeyStore::widenedFileIsRefused()
{
    auto store = makeStore();
    QVERIFY(saveAndWait(*store, kSentinel, true).ok);
    QVERIFY(QFile::setPermissions(store->keyFilePath(), QFileDevice::ReadOwner |
                                                            QFileDevice::WriteOwner |
                                                            QFileDevice::ReadOther));
    const ApiKeyStore::Loaded loaded = makeStore()->loadNow();
    QVERIFY(loaded.key.isEmpty());
    QCOMPARE(loaded.location, ApiKeyStore::Location::None);
    QVERIFY(loaded.problem.contains(u"other users"_s));
    QVERIFY(loaded.problem.contains(u"chmod 600"_s));
}

void TestApiKeyStore::forgetRemovesEverything()
{
    auto store = makeStore();
    QVERIFY(saveAndWait(*store, kSentinel, true).ok);
    QVERIFY(saveAndWait(*store, u"session-key"_s, false).ok);
    QVERIFY(forgetAndWait(*store));
    QVERIFY(!QFile::exists(store->keyFilePath()));
    const ApiKeyStore::Loaded loaded = makeStore()->loadNow();
    QVERIFY(loaded.key.isEmpty());
    QCOMPARE(loaded.location, ApiKeyStore::Location::None);
}

QTEST_GUILESS_MAIN(TestApiKeyStore)
#include "tst_apikeystore.moc"
