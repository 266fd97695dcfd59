#pragma once

#include "orders/storelocation.h"
#include "orders/storetypes.h"
#include "settings/consolesettings.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QWidget;

namespace pc {

class ConsoleSession;
class SecretStore;

// Opens the console's order store at start, without holding up the window: the session opens
// it on its own thread while the window is already on screen and says that it is opening.
// The store is PARTNER_CONSOLE_DATABASE when set (scripts and managed desktops), else the
// choice in Settings, this computer's SQLite file by default. The team database's password:
// PARTNER_CONSOLE_DATABASE_PASSWORD, else what Settings stored (keychain or the owner-only
// file), else PostgreSQL's own ~/.pgpass. Both are registered for redaction.
//
// When the team database chosen in Settings cannot be opened (server down, password wrong, an
// address that does not parse), the user is asked, with the reason, in a question over the
// window: Try again, open Settings to correct it (the dialog saves and the store is opened
// again), or Quit.
class StoreStartup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreStartup)

public:
    StoreStartup(ConsoleSession &session, ConsoleSettings settings, SecretStore &keys,
                 SecretStore &databasePasswords, QObject *parent = nullptr);

    // Decides where the store is and starts opening it: the session knows the location from
    // here on (the window may ask it whether it is a team store).
    void begin();
    // Where questions about a failed open appear (the main window, once it exists).
    void setWindow(QWidget *window) { m_window = window; }

Q_SIGNALS:
    // What the store said (Failed only for a failure Settings cannot mend, which the caller
    // reports), once the user is not asked any more.
    void finished(const pc::OpenResult &result);
    // The user chose Quit after a failure.
    void quitChosen();
    // Settings were changed and saved while correcting the database (the session has them).
    void settingsChanged(const pc::ConsoleSettings &settings);

private:
    void attempt();
    void openAt(const StoreLocation &location, const QString &password);
    void onOpened(const OpenResult &result);
    void askAfterFailure(const QString &reason);
    void openSettings();

    ConsoleSession &m_session;
    ConsoleSettings m_settings;
    SecretStore &m_keys;
    SecretStore &m_databasePasswords;
    QPointer<QWidget> m_window;
    bool m_fromEnvironment = false;
    QString m_passwordFromEnvironment;
};

} // namespace pc
