#include "orders/storelocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QStringList>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

struct LocationText
{
    Q_DECLARE_TR_FUNCTIONS(StoreLocation)
};

// libpq's sslmode values.
const QStringList kSslModes{u"disable"_s, u"allow"_s,     u"prefer"_s,
                            u"require"_s, u"verify-ca"_s, u"verify-full"_s};

QString withoutSecrets(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemovePassword);
}

// "user:password@" in the authority, even an empty or unparsable password.
bool hasPasswordPart(const QString &url)
{
    const QString authority = url.section(u"://"_s, 1).section(u'/', 0, 0);
    const qsizetype at = authority.lastIndexOf(u'@');
    return at >= 0 && authority.left(at).contains(u':');
}

} // namespace

StoreLocation StoreLocation::folder(const QString &dataFolder)
{
    StoreLocation location;
    location.kind = Kind::SqliteFolder;
    location.dataFolder =
        dataFolder.isEmpty() ? QString() : QDir::cleanPath(QDir(dataFolder).absolutePath());
    return location;
}

std::optional<StoreLocation> StoreLocation::parse(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *error = LocationText::tr("No database given. Give a folder for the SQLite file, or "
                                  "a URL such as postgresql://user@host/database.");
        return std::nullopt;
    }
    if (trimmed.startsWith(u"sqlite:"_s, Qt::CaseInsensitive)) {
        QString path = trimmed.mid(7);
        if (path.startsWith(u"//"_s))
            path = QUrl(trimmed).toLocalFile();
        if (path.isEmpty()) {
            *error = LocationText::tr("The database %1 names no folder: write sqlite:FOLDER.")
                         .arg(trimmed);
            return std::nullopt;
        }
        return folder(path);
    }
    const bool postgres = trimmed.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) ||
                          trimmed.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
    if (!postgres) {
        if (trimmed.contains(u"://"_s)) {
            *error = LocationText::tr("The database %1 is neither a folder nor a PostgreSQL URL. "
                                      "Team mode needs postgresql://user@host/database.")
                         .arg(trimmed.section(u"://"_s, 0, 0) + u"://…"_s);
            return std::nullopt;
        }
        return folder(trimmed);
    }

    const QUrl url(trimmed, QUrl::StrictMode);
    // Said before anything else, and without repeating the URL: it holds the password.
    if (!url.password().isEmpty() || hasPasswordPart(trimmed)) {
        *error = LocationText::tr(
            "The database URL holds a password. A password in a URL ends up in settings "
            "files, logs and process lists: remove it from the URL and enter it in Settings "
            "(Order history), or give it in a password file (--database-password-file), in "
            "PARTNER_CONSOLE_DATABASE_PASSWORD or in ~/.pgpass.");
        return std::nullopt;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        *error =
            LocationText::tr("The database URL %1 is not valid: write "
                             "postgresql://user@host[:port]/database.")
                .arg(withoutSecrets(url).isEmpty() ? u"postgresql://…"_s : withoutSecrets(url));
        return std::nullopt;
    }
    StoreLocation location;
    location.kind = Kind::Postgres;
    location.url = url;
    location.url.setScheme(u"postgresql"_s);
    if (location.userName().isEmpty()) {
        *error = LocationText::tr("The database URL %1 names no user: write "
                                  "postgresql://user@%2/database.")
                     .arg(location.displayName(), url.host());
        return std::nullopt;
    }
    if (location.databaseName().isEmpty()) {
        *error = LocationText::tr("The database URL %1 names no database: write "
                                  "postgresql://%2@%3/database.")
                     .arg(location.displayName(), location.userName(), url.host());
        return std::nullopt;
    }
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"sslmode"_s) {
            if (!kSslModes.contains(value)) {
                *error = LocationText::tr("The database URL's sslmode %1 is not one of %2.")
                             .arg(value, kSslModes.join(u", "_s));
                return std::nullopt;
            }
        } else if (key == u"connect_timeout"_s) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > 600) {
                *error = LocationText::tr("The database URL's connect_timeout %1 is not a "
                                          "number of seconds from 1 to 600.")
                             .arg(value);
                return std::nullopt;
            }
        } else {
            *error = LocationText::tr("The database URL's option %1 is not supported; the "
                                      "console passes on sslmode and connect_timeout.")
                         .arg(key);
            return std::nullopt;
        }
    }
    return location;
}

std::optional<StoreLocation> StoreLocation::fromEnvironment(const QString &dataFolder,
                                                            QString *error)
{
    const QString text = qEnvironmentVariable("PARTNER_CONSOLE_DATABASE").trimmed();
    if (text.isEmpty())
        return folder(dataFolder);
    std::optional<StoreLocation> location = parse(text, error);
    if (!location) {
        *error = u"PARTNER_CONSOLE_DATABASE: "_s + *error;
        return std::nullopt;
    }
    if (location->isPostgres())
        location->dataFolder = folder(dataFolder).dataFolder;
    return location;
}

QString StoreLocation::passwordFromEnvironment()
{
    return qEnvironmentVariable("PARTNER_CONSOLE_DATABASE_PASSWORD");
}

QString StoreLocation::databaseName() const
{
    QString path = url.path(QUrl::FullyDecoded);
    while (path.startsWith(u'/'))
        path.remove(0, 1);
    return path;
}

QString StoreLocation::connectOptions(const QString &applicationName) const
{
    const QUrlQuery query(url);
    QStringList options;
    options.append(u"connect_timeout="_s + (query.hasQueryItem(u"connect_timeout"_s)
                                                ? query.queryItemValue(u"connect_timeout"_s)
                                                : u"10"_s));
    if (query.hasQueryItem(u"sslmode"_s))
        options.append(u"sslmode="_s + query.queryItemValue(u"sslmode"_s));
    // TCP keepalives after 30 s of silence: a connection the network dropped without a word
    // (no reset from the server) is found dead within about a minute, and the store connects
    // again, instead of after the system's default of two hours.
    options.append(u"keepalives=1;keepalives_idle=30;keepalives_interval=10;keepalives_count=3"_s);
    // libpq's conninfo quoting: the value in single quotes, \ and ' escaped. QPSQL splits
    // the options at ';', so that character cannot appear.
    QString name = applicationName.left(63);
    name.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s).replace(u';', u' ');
    options.append(u"application_name='"_s + name + u'\'');
    return options.join(u';');
}

QString StoreLocation::displayName() const
{
    if (kind == Kind::Postgres)
        return withoutSecrets(url);
    return QDir::toNativeSeparators(dataFolder);
}

} // namespace pc
