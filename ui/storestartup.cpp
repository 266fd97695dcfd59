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

#include <memory>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const char kDatabaseVariable[] = "PARTNER_CONSOLE_DATABASE";

} // namespace

StoreStartup::StoreStartup(ConsoleSession &session, ConsoleSettings settings, SecretStore &keys,
                           SecretStore &databasePasswords, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_settings(std::move(settings))
    , m_keys(keys)
    , m_databasePasswords(databasePasswords)
{}

void StoreStartup::begin()
{
    m_fromEnvironment = !qEnvironmentVariable(kDatabaseVariable).trimmed().isEmpty();
    m_passwordFromEnvironment = StoreLocation::passwordFromEnvironment();
    registerSecret(m_passwordFromEnvironment);
    attempt();
}

void StoreStartup::attempt()
{
    const QString dataFolder = OrderStore::defaultDataFolder();
    QString error;
    const std::optional<StoreLocation> location =
        m_fromEnvironment ? StoreLocation::fromEnvironment(dataFolder, &error)
                          : m_settings.storeLocation(dataFolder, &error);
    if (!location) {
        OpenResult failed;
        failed.outcome = OpenResult::Outcome::Failed;
        failed.message = error;
        // Said once the event loop runs, like a failure the store reports.
        QMetaObject::invokeMethod(
            this, [this, failed] { onOpened(failed); }, Qt::QueuedConnection);
        return;
    }
    // Known at once: the window says where it connects to while it does.
    m_session.setStoreLocation(*location);
    if (location->isPostgres() && m_passwordFromEnvironment.isEmpty()) {
        // The keychain may take its time (a desktop may ask to unlock it): the store opens when
        // it has answered, the window meanwhile says that it is connecting.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection =
            connect(&m_databasePasswords, &SecretStore::loaded, this,
                    [this, location = *location, connection](const SecretStore::Loaded &loaded) {
                        disconnect(*connection);
                        openAt(location, loaded.key); // registered by the store
                    });
        m_databasePasswords.load();
        return;
    }
    openAt(*location, m_passwordFromEnvironment);
}

void StoreStartup::openAt(const StoreLocation &location, const QString &password)
{
    m_session.open(location, password, this,
                   [this](const OpenResult &result) { onOpened(result); });
}

void StoreStartup::onOpened(const OpenResult &result)
{
    const bool team = m_fromEnvironment || !m_settings.databaseUrl.trimmed().isEmpty();
    if (result.outcome != OpenResult::Outcome::Failed || !team) {
        Q_EMIT finished(result);
        return;
    }
    qCWarning(lcUi).noquote() << "The team database could not be opened:" << result.message;
    askAfterFailure(result.message);
}

void StoreStartup::askAfterFailure(const QString &reason)
{
    const bool settingsCanHelp = !m_fromEnvironment;
    auto *box = new QMessageBox(QMessageBox::Critical, applicationName(),
                                tr("The console cannot open the team database."),
                                QMessageBox::NoButton, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"storeOpenFailure"_s);
    box->setInformativeText(
        settingsCanHelp
            ? tr("%1\n\nTry again once the problem is solved, or correct the address or the "
                 "password in Settings.")
                  .arg(reason)
            : tr("%1\n\nThe database is named by %2, which takes precedence over Settings.")
                  .arg(reason, QString::fromLatin1(kDatabaseVariable)));
    QPushButton *retry = box->addButton(tr("Try &again"), QMessageBox::AcceptRole);
    retry->setObjectName(u"retry"_s);
    QPushButton *settings = nullptr;
    if (settingsCanHelp) {
        settings = box->addButton(tr("&Settings\u2026"), QMessageBox::ActionRole);
        settings->setObjectName(u"settings"_s);
    }
    QPushButton *quit = box->addButton(tr("&Quit"), QMessageBox::RejectRole);
    quit->setObjectName(u"quit"_s);
    box->setDefaultButton(retry);
    // Window-modal over the window, which stays painted and says that it is connecting.
    connect(box, &QMessageBox::finished, this, [this, box, retry, settings] {
        QAbstractButton *clicked = box->clickedButton();
        if (clicked == retry)
            attempt();
        else if (settings && clicked == settings)
            openSettings();
        else
            Q_EMIT quitChosen();
    });
    box->open();
}

void StoreStartup::openSettings()
{
    auto *dialog = new SettingsDialog(m_settings, &m_keys, &m_databasePasswords, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result == QDialog::Accepted) {
            m_settings = dialog->settings();
            QSettings file;
            m_settings.save(file);
            m_session.applySettings(m_settings);
            Q_EMIT settingsChanged(m_settings);
        }
        attempt();
    });
    dialog->open();
}

} // namespace pc
