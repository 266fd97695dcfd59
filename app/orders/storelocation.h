#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace pc {

// Where the order store lives: an SQLite file (orders.db) in a data folder, the default, or a
// PostgreSQL database that several consoles share (team mode).
//
// A PostgreSQL location is a URL without a password:
//   postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=require&connect_timeout=10]
// The password is never part of a location (it would reach settings files, logs and process
// lists): it comes from a password file, PARTNER_CONSOLE_DATABASE_PASSWORD or PostgreSQL's
// own ~/.pgpass, like the API key.
struct StoreLocation
{
    enum class Kind { SqliteFolder, Postgres };

    Kind kind = Kind::SqliteFolder;
    QString dataFolder; // SQLite: the folder holding orders.db
    QUrl url;           // PostgreSQL: the database, without a password

    static StoreLocation folder(const QString &dataFolder);

    // Parses what a user typed for --database, PARTNER_CONSOLE_DATABASE or the Settings
    // dialog: a postgresql:// (or postgres://) URL, or sqlite:FOLDER, or a plain folder path.
    // nullopt with *error set (human, translated) when it is none of those, when a URL holds
    // a password or lacks a user, host or database, or names an option the console does not
    // pass on.
    static std::optional<StoreLocation> parse(const QString &text, QString *error);
    // PARTNER_CONSOLE_DATABASE when set (parsed as above; a PostgreSQL location keeps
    // `dataFolder` as this console's own folder), else the SQLite file in `dataFolder`.
    static std::optional<StoreLocation> fromEnvironment(const QString &dataFolder, QString *error);
    // PARTNER_CONSOLE_DATABASE_PASSWORD (empty when unset: libpq then reads ~/.pgpass).
    static QString passwordFromEnvironment();

    bool isPostgres() const { return kind == Kind::Postgres; }
    // The PostgreSQL connection settings (URL query items the console passes to libpq).
    QString host() const { return url.host(); }
    int port() const { return url.port(5432); }
    QString databaseName() const;
    QString userName() const { return url.userName(); }
    // "key=value;key=value" for QSqlDatabase::setConnectOptions: sslmode and connect_timeout
    // from the URL (connect_timeout 10 s unless given), TCP keepalives and application_name.
    QString connectOptions(const QString &applicationName) const;

    // For messages and logs: the URL (never with a password) or the folder.
    QString displayName() const;

    friend bool operator==(const StoreLocation &, const StoreLocation &) = default;
};

} // namespace pc
