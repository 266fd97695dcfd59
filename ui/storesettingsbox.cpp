#include "storesettingsbox.h"

#include "settings/consolesettings.h"
#include "uilogging.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const char kDatabaseVariable[] = "PARTNER_CONSOLE_DATABASE";

} // namespace

StoreSettingsBox::StoreSettingsBox(const QString &databaseUrl, SecretStore *passwords,
                                   QWidget *parent)
    : QGroupBox(tr("Order history"), parent)
    , m_passwords(passwords)
{
    setObjectName(u"storeSettings"_s);
    buildUi();
    m_url->setText(databaseUrl.trimmed());
    (databaseUrl.trimmed().isEmpty() ? m_local : m_team)->setChecked(true);
    connect(m_passwords, &SecretStore::loaded, this, &StoreSettingsBox::onPasswordLoaded);
    m_passwords->load();
    updateState();
}

StoreSettingsBox::~StoreSettingsBox() = default;

void StoreSettingsBox::buildUi()
{
    auto *form = new QFormLayout(this);
    m_local = new QRadioButton(tr("&This computer only"), this);
    m_local->setObjectName(u"storeLocal"_s);
    m_team = new QRadioButton(tr("Shared &database for the whole shop (team mode)"), this);
    m_team->setObjectName(u"storeTeam"_s);
    form->addRow(m_local);
    form->addRow(m_team);

    m_url = new QLineEdit(this);
    m_url->setObjectName(u"databaseUrl"_s);
    m_url->setPlaceholderText(u"postgresql://shop@db.example.com/partner_console"_s);
    m_url->setAccessibleName(tr("Team database address"));
    m_url->setToolTip(tr("The shared PostgreSQL database: postgresql://USER@HOST[:PORT]/DATABASE, "
                         "optionally with ?sslmode=require. Without the password: it goes "
                         "in the field below."));
    form->addRow(tr("Database &address:"), m_url);

    auto *passwordRow = new QHBoxLayout;
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"databasePassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Team database password"));
    m_password->setPlaceholderText(tr("none: use ~/.pgpass"));
    m_showPassword = new QPushButton(tr("Show"), this);
    m_showPassword->setCheckable(true);
    m_showPassword->setAccessibleName(tr("Show the database password"));
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_showPassword);
    auto *passwordLabel = new QLabel(tr("Pass&word:"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(passwordLabel, passwordRow);
    m_passwordStatus = new QLabel(this);
    m_passwordStatus->setObjectName(u"databasePasswordStatus"_s);
    m_passwordStatus->setWordWrap(true);
    form->addRow(QString(), m_passwordStatus);
    m_passwordFile = new QCheckBox(tr("Keep the password in a file only I can read"), this);
    m_passwordFile->setObjectName(u"databasePasswordFile"_s);
    m_passwordFile->setToolTip(tr("This computer has no system keychain. Without this, the "
                                  "password is forgotten when the console closes."));
    m_passwordFile->setVisible(false);
    form->addRow(QString(), m_passwordFile);

    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test data&base"), this);
    m_test->setObjectName(u"testDatabase"_s);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(u"databaseTestResult"_s);
    m_testResult->setWordWrap(true);
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    form->addRow(QString(), testRow);

    auto *hint = new QLabel(tr("All consoles on one database see the same orders, and each "
                               "order is checked with the service by one of them at a time. "
                               "A change takes effect when the console starts again."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false); // the palette's muted text
    form->addRow(hint);

    m_override = new QLabel(this);
    m_override->setObjectName(u"databaseOverride"_s);
    m_override->setWordWrap(true);
    const QString fromEnvironment = qEnvironmentVariable(kDatabaseVariable).trimmed();
    m_override->setText(tr("%1 is set for this console and is used instead of this choice.")
                            .arg(QString::fromLatin1(kDatabaseVariable)));
    m_override->setVisible(!fromEnvironment.isEmpty());
    form->addRow(m_override);

    connect(m_local, &QRadioButton::toggled, this, &StoreSettingsBox::updateState);
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        m_testResult->clear();
        updateState();
    });
    connect(m_password, &QLineEdit::textChanged, this, [this] {
        m_testResult->clear();
        updateState();
    });
    connect(m_showPassword, &QPushButton::toggled, this, [this](bool shown) {
        m_password->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showPassword->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_test, &QPushButton::clicked, this, &StoreSettingsBox::testConnection);
}

bool StoreSettingsBox::teamMode() const
{
    return m_team->isChecked();
}

QString StoreSettingsBox::databaseUrl() const
{
    return teamMode() ? m_url->text().trimmed() : QString();
}

void StoreSettingsBox::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}

void StoreSettingsBox::updateState()
{
    const bool team = teamMode();
    for (QWidget *widget :
         {static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_password),
          static_cast<QWidget *>(m_showPassword), static_cast<QWidget *>(m_passwordFile)})
        widget->setEnabled(team && !m_busy);
    m_local->setEnabled(!m_busy);
    m_team->setEnabled(!m_busy);
    m_test->setEnabled(team && !m_busy && !m_probe && !m_url->text().trimmed().isEmpty());
    Q_EMIT changed();
}

void StoreSettingsBox::onPasswordLoaded(const SecretStore::Loaded &loaded)
{
    m_loadedPassword = loaded.key;
    if (m_password->text().isEmpty())
        m_password->setText(loaded.key);
    QString where;
    switch (loaded.location) {
    case SecretStore::Location::Keychain:
        where = tr("The password is kept in the system keychain.");
        break;
    case SecretStore::Location::File:
        where = tr("The password is kept in a file only you can read.");
        break;
    case SecretStore::Location::Session:
        where = tr("The password is kept until the console closes.");
        break;
    case SecretStore::Location::None:
        where = tr("No password is stored: the database server's own rules apply (~/.pgpass, "
                   "or a server that needs none).");
        break;
    }
    if (!loaded.keychainAvailable)
        where += u' ' + tr("This computer has no system keychain.");
    if (!loaded.problem.isEmpty() && loaded.keychainAvailable)
        where += u' ' + loaded.problem;
    m_passwordStatus->setText(where);
    Q_EMIT textsChanged();
    m_passwordFile->setVisible(!loaded.keychainAvailable);
    m_loadedInFile = loaded.location == SecretStore::Location::File;
    m_passwordFile->setChecked(m_loadedInFile);
    updateState();
}

bool StoreSettingsBox::passwordNeedsSaving() const
{
    if (!teamMode())
        return false; // back to this computer: a stored password may serve again later
    const bool fileWanted = !m_passwordFile->isHidden() && m_passwordFile->isChecked();
    return m_password->text() != m_loadedPassword ||
           (!m_password->text().isEmpty() && !m_passwordFile->isHidden() &&
            fileWanted != m_loadedInFile);
}

void StoreSettingsBox::savePassword()
{
    if (!passwordNeedsSaving()) {
        Q_EMIT passwordSaved(true, QString());
        return;
    }
    const QString password = m_password->text();
    if (password.isEmpty()) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection =
            connect(m_passwords, &SecretStore::forgotten, this,
                    [this, connection](bool ok, const QString &message) {
                        disconnect(*connection);
                        if (ok) {
                            m_loadedPassword.clear();
                            m_passwordChanged = true;
                            m_passwordStatus->setText(tr("The stored password was removed."));
                        } else {
                            m_passwordStatus->setText(message);
                        }
                        Q_EMIT textsChanged();
                        Q_EMIT passwordSaved(ok, message);
                    });
        m_passwords->forget();
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_passwords, &SecretStore::saved, this,
                          [this, connection, password](const SecretStore::Saved &saved) {
                              disconnect(*connection);
                              m_passwordStatus->setText(saved.message);
                              if (saved.ok) {
                                  m_loadedPassword = password;
                                  m_passwordChanged = true;
                              }
                              Q_EMIT textsChanged();
                              Q_EMIT passwordSaved(saved.ok, saved.message);
                          });
    m_passwords->save(password, !m_passwordFile->isHidden() && m_passwordFile->isChecked());
}

void StoreSettingsBox::testConnection()
{
    ConsoleSettings wanted;
    wanted.databaseUrl = m_url->text();
    QString error;
    const std::optional<StoreLocation> location = wanted.storeLocation({}, &error);
    if (!location) {
        showProbe(StoreProbe{false, error, {}, 0, 0});
        return;
    }
    const QString password = m_password->text();
    auto result = std::make_shared<StoreProbe>();
    QThread *thread = QThread::create(
        [result, location = *location, password] { *result = probeStore(location, password); });
    m_probe = thread;
    connect(thread, &QThread::finished, this, [this, result] {
        m_probe.clear();
        showProbe(*result);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // Closing the dialog does not wait for the server; quitting the console does, so the
    // probe's connection is closed before Qt SQL goes away.
    connect(qApp, &QCoreApplication::aboutToQuit, thread, [thread] { thread->wait(); });
    m_testResult->setText(tr("Connecting to %1\u2026").arg(location->host()));
    thread->start();
    updateState();
}

void StoreSettingsBox::showProbe(const StoreProbe &probe)
{
    qCInfo(lcUi) << "database test:" << (probe.ok ? "usable" : "not usable");
    m_testResult->setText(probe.message);
    updateState();
    Q_EMIT textsChanged();
    Q_EMIT connectionTested(probe.ok, probe.message);
}

} // namespace pc
