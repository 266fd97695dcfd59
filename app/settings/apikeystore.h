#pragma once

#include <QObject>
#include <QString>

namespace pc {

// Where the partner API key lives (RELIABILITY.md, "Secrets"): the system keychain through
// QtKeychain, one entry that the console and the CLI share. Without a keychain service (a
// bare Linux box) the key stays in this process only, unless the user explicitly opts in to
// a file readable by them alone (0600). QtKeychain's own plaintext fallback is never used.
//
// The keychain calls are asynchronous (a desktop may ask the user to unlock it); loadNow()
// waits for the CLI.
class ApiKeyStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyStore)

public:
    enum class Location { None, Keychain, File, Session };
    Q_ENUM(Location)

    struct Loaded
    {
        QString key; // empty when none is stored
        Location location = Location::None;
        bool keychainAvailable = true;
        QString problem; // for people: why the keychain or the file could not be read
    };
    struct Saved
    {
        bool ok = false;
        Location location = Location::None;
        bool keychainAvailable = true;
        QString message; // for people: where the key went, or why it could not be stored
    };

    explicit ApiKeyStore(QObject *parent = nullptr);
    ~ApiKeyStore() override;

    static QString keychainService(); // "DesignStreaming partner-console"
    static QString keychainKey();     // "api-key"
    // The opt-in file: <config folder>/api-key. Tests point it elsewhere.
    QString keyFilePath() const { return m_filePath; }
    void setKeyFilePath(const QString &path) { m_filePath = path; }
    // Tests (and machines known to have no keychain) skip the keychain, as if none answered.
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }

    // Looks in the keychain, then this session, then the opt-in file; emits loaded().
    void load();
    // Stores the key in the keychain. Without one: this session only, or the 0600 file when
    // `fileFallback` is true. Emits saved().
    void save(const QString &key, bool fileFallback);
    // Removes the key from every place; emits forgotten().
    void forget();

    // load() for callers without an event loop of their own (the CLI).
    Loaded loadNow();

Q_SIGNALS:
    void loaded(const pc::ApiKeyStore::Loaded &result);
    void saved(const pc::ApiKeyStore::Saved &result);
    void forgotten(bool ok, const QString &message);

private:
    Loaded loadFromFallbacks(Loaded result) const;
    bool writeFile(const QString &key, QString *error) const;

    QString m_filePath;
    bool m_keychainEnabled = true;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::ApiKeyStore::Loaded)
Q_DECLARE_METATYPE(pc::ApiKeyStore::Saved)
