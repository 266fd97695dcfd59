#pragma once

#include <QObject>
#include <QString>

namespace pc {

// Where a secret lives (RELIABILITY.md, "Secrets"): the partner API key, or the password of the
// shared team database. Each is one entry in the system keychain through QtKeychain, shared by
// the console and the CLI. Without a keychain service (a bare Linux box) the secret stays in
// this process only, unless the user explicitly opts in to a file readable by them alone
// (0600). QtKeychain's own plaintext fallback is never used. The two secrets follow the same
// rules and never share an entry, a file or a session slot.
//
// The keychain calls are asynchronous (a desktop may ask the user to unlock it); loadNow()
// waits for the CLI.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Secret { ApiKey, DatabasePassword };
    Q_ENUM(Secret)
    enum class Location { None, Keychain, File, Session };
    Q_ENUM(Location)

    struct Loaded
    {
        QString key; // the API key or the password; empty when none is stored
        Location location = Location::None;
        bool keychainAvailable = true;
        QString problem; // for people: why the keychain or the file could not be read
    };
    struct Saved
    {
        bool ok = false;
        Location location = Location::None;
        bool keychainAvailable = true;
        QString message; // for people: where it went, or why it could not be stored
    };

    explicit SecretStore(Secret secret = Secret::ApiKey, QObject *parent = nullptr);
    ~SecretStore() override;

    Secret secret() const { return m_secret; }
    static QString keychainService(); // "DesignStreaming partner-console"
    // The keychain entry and the opt-in file's name: "api-key" or "database-password".
    static QString keychainKey(Secret secret);
    // The opt-in file: <config folder>/api-key or database-password. Tests point it elsewhere.
    QString keyFilePath() const { return m_filePath; }
    void setKeyFilePath(const QString &path) { m_filePath = path; }
    // Tests (and machines known to have no keychain) skip the keychain, as if none answered.
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }

    // Looks in the keychain, then this session, then the opt-in file; emits loaded().
    void load();
    // Stores the secret in the keychain. Without one: this session only, or the 0600 file when
    // `fileFallback` is true. Emits saved().
    void save(const QString &key, bool fileFallback);
    // Removes the secret from every place; emits forgotten().
    void forget();

    // load() for callers without an event loop of their own (the CLI).
    Loaded loadNow();

Q_SIGNALS:
    void loaded(const pc::SecretStore::Loaded &result);
    void saved(const pc::SecretStore::Saved &result);
    void forgotten(bool ok, const QString &message);

private:
    Loaded loadFromFallbacks(Loaded result) const;
    bool writeFile(const QString &key, QString *error) const;
    QString &sessionValue() const;
    // The translated sentence for the API key or for the database password.
    QString pick(const QString &apiKeyText, const QString &passwordText) const;

    Secret m_secret;
    QString m_filePath;
    bool m_keychainEnabled = true;
};

} // namespace pc

Q_DECLARE_METATYPE(pc::SecretStore::Loaded)
Q_DECLARE_METATYPE(pc::SecretStore::Saved)
