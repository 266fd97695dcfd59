#pragma once

#include "orders/storeprobe.h"
#include "settings/secretstore.h"

#include <QGroupBox>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QThread;

namespace pc {

// The Settings dialog's "Order history" part (team mode, README "Team mode"): this computer's
// own store, or a PostgreSQL database the shop's consoles share, given as a URL without a
// password. The password is a secret like the API key: masked, kept by a SecretStore
// (DatabasePassword) in the system keychain, never in the settings file. "Test connection"
// connects on a worker thread and says in words whether the console can work with the
// database (server, access, an empty or an existing order history).
class StoreSettingsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreSettingsBox)

public:
    StoreSettingsBox(const QString &databaseUrl, SecretStore *passwords, QWidget *parent = nullptr);
    ~StoreSettingsBox() override;

    bool teamMode() const;
    // The URL as entered, trimmed; empty when the order history stays on this computer.
    QString databaseUrl() const;
    // Whether accepting the dialog has to store (or remove) the password.
    bool passwordNeedsSaving() const;
    // Stores the entered password (or forgets it, when the field was emptied): emits
    // passwordSaved() once done, at once when there was nothing to store.
    void savePassword();
    // Whether savePassword() changed the stored password.
    bool passwordChanged() const { return m_passwordChanged; }
    // While the dialog saves: nothing can be tested or changed.
    void setBusy(bool busy);

Q_SIGNALS:
    void changed();
    // A status or test answer changed its text (the dialog may need to grow).
    void textsChanged();
    void passwordSaved(bool ok, const QString &message);
    void connectionTested(bool ok, const QString &message);

private:
    void buildUi();
    void updateState();
    void onPasswordLoaded(const SecretStore::Loaded &loaded);
    void testConnection();
    void showProbe(const StoreProbe &probe);

    SecretStore *m_passwords;
    QString m_loadedPassword;
    bool m_loadedInFile = false;
    bool m_passwordChanged = false;
    bool m_busy = false;
    QPointer<QThread> m_probe;

    QRadioButton *m_local = nullptr;
    QRadioButton *m_team = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_showPassword = nullptr;
    QLabel *m_passwordStatus = nullptr;
    QCheckBox *m_passwordFile = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_override = nullptr;
};

} // namespace pc
