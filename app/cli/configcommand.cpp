#include "cli/configcommand.h"

#include "cli/clicontext.h"
#include "common/buildinfo.h"
#include "common/redaction.h"
#include "orders/orderstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace pc::cli {

QString ConfigCommand::name() const
{
    return u"config"_s;
}

QString ConfigCommand::summary() const
{
    return CliText::tr(
        "Show the environment, service URL, API key source, data folder and order store in "
        "effect.");
}

void ConfigCommand::addOptions(QCommandLineParser &) {}

int ConfigCommand::run(CliContext &context, const QStringList &arguments)
{
    if (!arguments.isEmpty())
        return context.out().usageError(CliText::tr("config takes no arguments."));
    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    const QString environment = environmentKindName(context.environment());
    const QString baseUrl = redactUrl(context.baseUrl());
    const QString keySource = context.apiKeySource();
    const QString dataDir = context.dataDir();
    StoreLocation location;
    if (const int code = context.storeLocation(&location); code != ExitSuccess)
        return code;
    const QString database =
        location.isPostgres() ? location.displayName()
                              : QDir(location.dataFolder).filePath(OrderStore::databaseFileName());
    QString passwordSource;
    if (location.isPostgres()) {
        QString password; // only where it comes from is shown
        if (const int code = context.resolveDatabasePassword(&password); code != ExitSuccess)
            return code;
        passwordSource = context.databasePasswordSource();
    }
    QString text = u"version:       %1\nenvironment:   %2\nbase URL:      %3\n"
                   u"API key from:  %4\ndata folder:   %5\norder store:   %6 (from %7)"_s.arg(
                       applicationVersion(), environment, baseUrl, keySource, dataDir, database,
                       context.databaseSource());
    if (!passwordSource.isEmpty())
        text += u"\npassword from: %1"_s.arg(passwordSource);
    QJsonObject json{{u"version"_s, applicationVersion()},
                     {u"environment"_s, environment},
                     {u"base_url"_s, baseUrl},
                     {u"api_key_source"_s, keySource},
                     {u"data_dir"_s, dataDir},
                     {u"database"_s, database},
                     {u"database_source"_s, context.databaseSource()}};
    if (!passwordSource.isEmpty())
        json.insert(u"database_password_source"_s, passwordSource);
    context.out().result(json, text);
    return ExitSuccess;
}

} // namespace pc::cli
