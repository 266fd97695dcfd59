#pragma once

#include "api/serviceendpoint.h"
#include "orders/storelocation.h"
#include "sandbox/sandboxoptions.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

class QSettings;

namespace pc {

// The console's settings that are not secret (UX.md, "Settings"), kept with QSettings. The
// API key is never among them: it lives in SecretStore.
struct ConsoleSettings
{
    static constexpr int kMinPollFloorSeconds = 15; // the service's rule: never below
    static constexpr int kMaxPollFloorSeconds = 3600;
    static constexpr int kMaxParallelUploads = 8;

    EnvironmentKind environment = EnvironmentKind::Sandbox;
    QUrl customBaseUrl; // used when environment is Custom
    QString defaultCurrency = QStringLiteral("USD");
    QString defaultReceiverEmail; // empty: none
    int pollFloorSeconds = kMinPollFloorSeconds;
    int parallelUploads = 2;
    bool notifications = true;
    // Team mode: the shared PostgreSQL database (a postgresql:// URL without a password, see
    // StoreLocation); empty for the order history on this computer. Its password is a secret
    // (SecretStore::Secret::DatabasePassword), never here.
    QString databaseUrl;
    // How the built-in sandbox simulates prints (the window's Sandbox menu). Loaded with the
    // rest, but written only by saveSandboxSimulation(): the menu changes it while a copy of
    // these settings is open elsewhere (the Settings dialog), and save() never undoes it.
    SandboxSimulation sandboxSimulation;

    // Missing or damaged values fall back to the defaults (and are clamped into range), so a
    // hand-edited file never stops the console from starting.
    static ConsoleSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    static void saveSandboxSimulation(QSettings &settings, const SandboxSimulation &simulation);

    // For people: what is wrong with these values, one sentence each; empty when all is well.
    QStringList problems() const;
    // The base URL these settings point at (production's default, the custom one, or empty
    // for the built-in sandbox).
    QUrl baseUrl() const;
    // Where the orders are kept by these settings: the SQLite file in `dataFolder`, or the team
    // database (which keeps `dataFolder` as this console's own folder and identity). nullopt
    // with *error when databaseUrl is not a usable postgresql:// address.
    std::optional<StoreLocation> storeLocation(const QString &dataFolder, QString *error) const;

    friend bool operator==(const ConsoleSettings &, const ConsoleSettings &) = default;
};

} // namespace pc
