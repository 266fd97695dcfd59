#include "settings/consolesettings.h"

#include "orders/orderform.h"

#include <QCoreApplication>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ConsoleSettings)
};

int boundedInt(const QSettings &settings, const QString &key, int fallback, int low, int high)
{
    bool ok = false;
    const int value = settings.value(key).toInt(&ok);
    return ok ? std::clamp(value, low, high) : fallback;
}

} // namespace

ConsoleSettings ConsoleSettings::load(QSettings &settings)
{
    ConsoleSettings loaded;
    settings.beginGroup(u"service"_s);
    const QString environment = settings.value(u"environment"_s).toString();
    loaded.environment =
        environment.compare(u"custom", Qt::CaseInsensitive) == 0
            ? EnvironmentKind::Custom
            : environmentKindFromName(environment).value_or(EnvironmentKind::Sandbox);
    QString ignored;
    if (const auto url = ServiceEndpoint::normalizeBaseUrl(
            settings.value(u"custom_base_url"_s).toString(), &ignored))
        loaded.customBaseUrl = *url;
    if (loaded.environment == EnvironmentKind::Custom && loaded.customBaseUrl.isEmpty())
        loaded.environment = EnvironmentKind::Sandbox;
    loaded.pollFloorSeconds = boundedInt(settings, u"poll_floor_seconds"_s, kMinPollFloorSeconds,
                                         kMinPollFloorSeconds, kMaxPollFloorSeconds);
    settings.endGroup();

    settings.beginGroup(u"uploads"_s);
    // Nothing chosen yet: the currency of the user's own region (EUR in Germany).
    loaded.defaultCurrency = knownCurrency(settings.value(u"default_currency"_s).toString())
                                 .value_or(defaultCurrencyForLocale(QLocale()));
    const FieldCheck<QString> email =
        checkEmail(settings.value(u"default_receiver_email"_s).toString());
    loaded.defaultReceiverEmail = email.value.value_or(QString());
    loaded.parallelUploads = boundedInt(settings, u"parallel"_s, 2, 1, kMaxParallelUploads);
    settings.endGroup();

    loaded.notifications = settings.value(u"ui/notifications"_s, true).toBool();
    // Kept as written even when it does not parse: falling back to this computer's store
    // would hide the team's orders without a word; problems() and the start say what is wrong.
    loaded.databaseUrl = settings.value(u"store/database_url"_s).toString().trimmed();

    settings.beginGroup(u"sandbox"_s);
    bool ok = false;
    const double speed = settings.value(u"speed"_s).toDouble(&ok);
    if (ok && SandboxSimulation::isValidSpeed(speed))
        loaded.sandboxSimulation.speed = speed;
    const double autoPrint = settings.value(u"auto_print_seconds"_s).toDouble(&ok);
    if (ok && SandboxSimulation::isValidAutoPrint(autoPrint))
        loaded.sandboxSimulation.autoPrintSeconds = autoPrint; // absent or negative: off
    loaded.sandboxSimulation.outcome = printOutcomeFromName(settings.value(u"outcome"_s).toString())
                                           .value_or(PrintOutcome::Random);
    settings.endGroup();
    return loaded;
}

void ConsoleSettings::saveSandboxSimulation(QSettings &settings,
                                            const SandboxSimulation &simulation)
{
    settings.beginGroup(u"sandbox"_s);
    settings.setValue(u"speed"_s, simulation.speed);
    settings.setValue(u"auto_print_seconds"_s, simulation.autoPrintSeconds.value_or(-1.0));
    settings.setValue(u"outcome"_s, printOutcomeName(simulation.outcome));
    settings.endGroup();
}

void ConsoleSettings::save(QSettings &settings) const
{
    settings.beginGroup(u"service"_s);
    settings.setValue(u"environment"_s, environmentKindName(environment));
    settings.setValue(u"custom_base_url"_s, customBaseUrl.toString());
    settings.setValue(u"poll_floor_seconds"_s,
                      std::clamp(pollFloorSeconds, kMinPollFloorSeconds, kMaxPollFloorSeconds));
    settings.endGroup();
    settings.beginGroup(u"uploads"_s);
    settings.setValue(u"default_currency"_s, defaultCurrency);
    settings.setValue(u"default_receiver_email"_s, defaultReceiverEmail);
    settings.setValue(u"parallel"_s, std::clamp(parallelUploads, 1, kMaxParallelUploads));
    settings.endGroup();
    settings.setValue(u"ui/notifications"_s, notifications);
    settings.setValue(u"store/database_url"_s, databaseUrl.trimmed());
}

QStringList ConsoleSettings::problems() const
{
    QStringList list;
    if (environment == EnvironmentKind::Custom) {
        QString reason;
        if (!ServiceEndpoint::normalizeBaseUrl(customBaseUrl.toString(), &reason))
            list.append(Text::tr("The service URL is not usable: %1").arg(reason));
    }
    if (!isKnownCurrency(defaultCurrency))
        list.append(Text::tr("%1 is not an ISO 4217 currency code.").arg(defaultCurrency));
    if (!defaultReceiverEmail.isEmpty() && !checkEmail(defaultReceiverEmail).ok())
        list.append(checkEmail(defaultReceiverEmail).error);
    if (pollFloorSeconds < kMinPollFloorSeconds)
        list.append(Text::tr("The service must not be asked about one order more often than every "
                             "%1 seconds.")
                        .arg(kMinPollFloorSeconds));
    if (parallelUploads < 1 || parallelUploads > kMaxParallelUploads)
        list.append(
            Text::tr("Parallel uploads must be between 1 and %1.").arg(kMaxParallelUploads));
    if (QString error; !databaseUrl.trimmed().isEmpty() && !storeLocation({}, &error))
        list.append(error);
    return list;
}

std::optional<StoreLocation> ConsoleSettings::storeLocation(const QString &dataFolder,
                                                            QString *error) const
{
    const QString text = databaseUrl.trimmed();
    if (text.isEmpty())
        return StoreLocation::folder(dataFolder);
    QString reason;
    std::optional<StoreLocation> location = StoreLocation::parse(text, &reason);
    if (location && !location->isPostgres()) {
        location.reset();
        reason = Text::tr("Enter the address of a PostgreSQL database, for example "
                          "postgresql://shop@db.example.com/partner_console.");
    }
    if (!location) {
        *error = Text::tr("The team database address is not usable: %1").arg(reason);
        return std::nullopt;
    }
    location->dataFolder = dataFolder;
    return location;
}

QUrl ConsoleSettings::baseUrl() const
{
    switch (environment) {
    case EnvironmentKind::Sandbox:
        return {};
    case EnvironmentKind::Production:
        return ServiceEndpoint::defaultProductionBaseUrl();
    case EnvironmentKind::Custom:
        break;
    }
    return customBaseUrl;
}

} // namespace pc
