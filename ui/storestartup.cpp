#include "storestartup.h"

#include "common/buildinfo.h"
#include "common/redaction.h"
#include "consolesession.h"
#include "orders/orderstore.h"
#include "settings/secretstore.h"
#include "settingsdialog.h"
#include "uilogging.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const char kDatabaseVariable[] = "PARTNER_CONSOLE_DATABASE";

struct StartText
{
    Q_DECLARE_TR_FUNCTIONS(StoreStartup)
};

enum class Choice { Retry, Settings, Quit };

Choice askAfterFailure(const QString &reason, bool settingsCanHelp)
{
    QMessageBox box(QMessageBox::Critical, applicationName(),
                    StartText::tr("The console cannot open the team database."));
    box.setObjectName(u"storeOpenFailure"_s);
    box.setInformativeText(
        settingsCanHelp
            ? StartText::tr("%1\n\nTry again once the problem is solved, or correct the "
                            "address or the password in Settings.")
                  .arg(reason)
            : StartText::tr("%1\n\nThe database is named by %2, which takes precedence over "
                            "Settings.")
                  .arg(reason, QString::fromLatin1(kDatabaseVariable)));
    QPushButton *retry = box.addButton(StartText::tr("Try &again"), QMessageBox::AcceptRole);
    retry->setObjectName(u"retry"_s);
    QPushButton *settings = nullptr;
    if (settingsCanHelp) {
        settings = box.addButton(StartText::tr("&Settings\u2026"), QMessageBox::ActionRole);
        settings->setObjectName(u"settings"_s);
    }
    QPushButton *quit = box.addButton(StartText::tr("&Quit"), QMessageBox::RejectRole);
    quit->setObjectName(u"quit"_s);
    box.setDefaultButton(retry);
    box.exec();
    if (box.clickedButton() == retry)
        return Choice::Retry;
    if (settings && box.clickedButton() == settings)
        return Choice::Settings;
    return Choice::Quit;
}

} // namespace

std::optional<OpenResult> openStoreAtStart(ConsoleSession &session, ConsoleSettings &settings,
                                           SecretStore &keys, SecretStore &databasePasswords)
{
    const QString dataFolder = OrderStore::defaultDataFolder();
    const bool fromEnvironment = !qEnvironmentVariable(kDatabaseVariable).trimmed().isEmpty();
    const QString passwordFromEnvironment = StoreLocation::passwordFromEnvironment();
    registerSecret(passwordFromEnvironment);
    for (;;) {
        QString error;
        const std::optional<StoreLocation> location =
            fromEnvironment ? StoreLocation::fromEnvironment(dataFolder, &error)
                            : settings.storeLocation(dataFolder, &error);
        OpenResult opened;
        if (location) {
            QString password = passwordFromEnvironment;
            if (location->isPostgres() && password.isEmpty())
                password = databasePasswords.loadNow().key; // registered by the store
            opened = session.open(*location, password);
        } else {
            opened.outcome = OpenResult::Outcome::Failed;
            opened.message = error;
        }
        const bool team = fromEnvironment || !settings.databaseUrl.trimmed().isEmpty();
        if (opened.outcome != OpenResult::Outcome::Failed || !team)
            return opened;

        qCWarning(lcUi).noquote() << "The team database could not be opened:" << opened.message;
        switch (askAfterFailure(opened.message, !fromEnvironment)) {
        case Choice::Retry:
            break;
        case Choice::Settings: {
            SettingsDialog dialog(settings, &keys, &databasePasswords);
            if (dialog.exec() == QDialog::Accepted) {
                settings = dialog.settings();
                QSettings file;
                settings.save(file);
                session.applySettings(settings);
            }
            break;
        }
        case Choice::Quit:
            return std::nullopt;
        }
    }
}

} // namespace pc
