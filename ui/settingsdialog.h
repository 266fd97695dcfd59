#pragma once

#include "settings/consolesettings.h"
#include "settings/secretstore.h"

#include <QDialog>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QScrollArea;
class QLineEdit;
class QNetworkAccessManager;
class QPushButton;
class QSpinBox;

namespace pc {

class StoreSettingsBox;

// Settings as UX.md describes them: the service (built-in sandbox, production or a custom
// URL), the API key (masked, kept by SecretStore, with "Test connection"), where the order
// history lives (this computer or the shop's shared database, StoreSettingsBox), default
// currency and receiver, the polling floor (never below 15 s per token) and parallel uploads.
// Without a system keychain the dialog says so and offers, as an explicit choice, a file
// readable only by the user; otherwise the key lasts for this session.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // `databasePasswords` keeps the team database's password; null: the default entry.
    SettingsDialog(const ConsoleSettings &current, SecretStore *keys,
                   SecretStore *databasePasswords = nullptr, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The values as entered (valid once accepted).
    ConsoleSettings settings() const;
    // Whether the key was changed and saved by this dialog.
    bool keyChanged() const { return m_keyChanged; }
    // Whether the team database's password was changed (or removed) by this dialog.
    bool databasePasswordChanged() const;
    // Currencies of recent orders, most recent first: listed first in the default currency.
    void setRecentCurrencies(const QStringList &currencies);

    // For tests: where "Test connection" goes when the environment is the built-in sandbox
    // (its address is only known to the running console).
    void setSandboxEndpoint(const QUrl &baseUrl, const QString &apiKey);

    void accept() override;

Q_SIGNALS:
    void connectionTested(bool ok, const QString &message);

private:
    void buildUi();
    void showSettings(const ConsoleSettings &settings);
    void updateState();
    void onKeyLoaded(const SecretStore::Loaded &loaded);
    void testConnection();
    void saveKey(std::function<void()> next);
    void fitTexts();
    void setSaving(bool saving);

    ConsoleSettings m_initial;
    SecretStore *m_keys;
    std::unique_ptr<SecretStore> m_ownDatabasePasswords;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QUrl m_sandboxUrl;
    QString m_sandboxKey;
    QString m_loadedKey;
    bool m_keychainAvailable = true;
    bool m_keyChanged = false;
    bool m_saving = false;

    QComboBox *m_environment = nullptr;
    QLineEdit *m_customUrl = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QPushButton *m_showKey = nullptr;
    QLabel *m_keyStatus = nullptr;
    QCheckBox *m_keyFile = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QComboBox *m_currency = nullptr;
    QLineEdit *m_email = nullptr;
    QSpinBox *m_pollFloor = nullptr;
    QSpinBox *m_parallel = nullptr;
    QCheckBox *m_notifications = nullptr;
    StoreSettingsBox *m_store = nullptr;
    QLabel *m_problems = nullptr;
    QScrollArea *m_scroll = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace pc
