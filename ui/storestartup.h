#pragma once

#include "orders/storetypes.h"
#include "settings/consolesettings.h"

#include <optional>

namespace pc {

class ConsoleSession;
class SecretStore;

// Opens the console's order store at start: PARTNER_CONSOLE_DATABASE when set (scripts and
// managed desktops), else the choice in Settings, this computer's SQLite file by default.
// The team database's password: PARTNER_CONSOLE_DATABASE_PASSWORD, else what Settings stored
// (keychain or the owner-only file), else PostgreSQL's own ~/.pgpass. Both are registered
// for redaction.
//
// When the team database chosen in Settings cannot be opened (server down, password wrong,
// an address that does not parse), the user is asked, with the reason: Try again, open
// Settings to correct it (the dialog saves and the store is opened again), or Quit. The
// result is nullopt when they quit; otherwise what the store said (Failed only for a failure
// Settings cannot mend, which the caller reports).
std::optional<OpenResult> openStoreAtStart(ConsoleSession &session, ConsoleSettings &settings,
                                           SecretStore &keys, SecretStore &databasePasswords);

} // namespace pc
