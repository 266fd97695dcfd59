#include "settingsdialog.h"

#include "api/apiclient.h"
#include "api/apijob.h"
#include "api/serviceendpoint.h"
#include "currencylist.h"
#include "orders/orderform.h"
#include "storesettingsbox.h"
#include "uilogging.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// A token no transaction has: asking its status proves the key without creating anything.
const QString kProbeToken = u"00000000000000000000000000000000"_s;

} // namespace

SettingsDialog::SettingsDialog(const ConsoleSettings &current, SecretStore *keys,
                               SecretStore *databasePasswords, QWidget *parent)
    : QDialog(parent)
    , m_initial(current)
    , m_keys(keys)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);
    if (!databasePasswords) {
        m_ownDatabasePasswords =
            std::make_unique<SecretStore>(SecretStore::Secret::DatabasePassword);
        databasePasswords = m_ownDatabasePasswords.get();
    }
    m_store = new StoreSettingsBox(current.databaseUrl, databasePasswords, this);
    buildUi();
    showSettings(current);
    connect(m_keys, &SecretStore::loaded, this, &SettingsDialog::onKeyLoaded);
    m_keys->load();
    updateState();
    fitTexts();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::buildUi()
{
    auto *service = new QGroupBox(tr("Service"), this);
    auto *serviceForm = new QFormLayout(service);
    m_environment = new QComboBox(service);
    m_environment->setObjectName(u"environment"_s);
    m_environment->addItem(tr("Built-in sandbox (nothing leaves this computer)"),
                           int(EnvironmentKind::Sandbox));
    m_environment->addItem(tr("Design Streaming (production)"), int(EnvironmentKind::Production));
    m_environment->addItem(tr("Another address"), int(EnvironmentKind::Custom));
    m_environment->setAccessibleName(tr("Service"));
    serviceForm->addRow(tr("&Service:"), m_environment);
    m_customUrl = new QLineEdit(service);
    m_customUrl->setObjectName(u"customUrl"_s);
    m_customUrl->setPlaceholderText(u"https://widget.sendshapes.com:3443/api3/"_s);
    m_customUrl->setAccessibleName(tr("Service address"));
    serviceForm->addRow(tr("&Address:"), m_customUrl);

    auto *keyRow = new QHBoxLayout;
    m_apiKey = new QLineEdit(service);
    m_apiKey->setObjectName(u"apiKey"_s);
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setPlaceholderText(tr("Your partner API key"));
    m_showKey = new QPushButton(tr("Show"), service);
    m_showKey->setCheckable(true);
    m_showKey->setAccessibleName(tr("Show the API key"));
    keyRow->addWidget(m_apiKey, 1);
    keyRow->addWidget(m_showKey);
    // A label of its own: a row whose field is a layout gets no buddy, and the & would show.
    auto *keyLabel = new QLabel(tr("API &key:"), service);
    keyLabel->setBuddy(m_apiKey);
    serviceForm->addRow(keyLabel, keyRow);
    m_keyStatus = new QLabel(service);
    m_keyStatus->setObjectName(u"keyStatus"_s);
    m_keyStatus->setWordWrap(true);
    serviceForm->addRow(QString(), m_keyStatus);
    m_keyFile = new QCheckBox(tr("Keep the key in a file only I can read"), service);
    m_keyFile->setObjectName(u"keyFile"_s);
    m_keyFile->setToolTip(tr("This computer has no system keychain. Without this, the key is "
                             "forgotten when the console closes."));
    m_keyFile->setVisible(false);
    serviceForm->addRow(QString(), m_keyFile);
    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("&Test connection"), service);
    m_test->setObjectName(u"testConnection"_s);
    m_testResult = new QLabel(service);
    m_testResult->setObjectName(u"testResult"_s);
    m_testResult->setWordWrap(true);
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);
    serviceForm->addRow(QString(), testRow);

    auto *uploads = new QGroupBox(tr("Uploads and orders"), this);
    auto *uploadForm = new QFormLayout(uploads);
    m_currency = new QComboBox(uploads);
    m_currency->setObjectName(u"currency"_s);
    fillCurrencyList(m_currency, {});
    m_currency->setAccessibleName(tr("Default currency"));
    uploadForm->addRow(tr("Default &currency:"), m_currency);
    m_email = new QLineEdit(uploads);
    m_email->setObjectName(u"email"_s);
    m_email->setPlaceholderText(tr("none"));
    m_email->setAccessibleName(tr("Default receiver e-mail"));
    uploadForm->addRow(tr("Default &receiver:"), m_email);
    m_parallel = new QSpinBox(uploads);
    m_parallel->setObjectName(u"parallel"_s);
    m_parallel->setRange(1, ConsoleSettings::kMaxParallelUploads);
    m_parallel->setAccessibleName(tr("Parallel uploads"));
    uploadForm->addRow(tr("&Parallel uploads:"), m_parallel);
    m_pollFloor = new QSpinBox(uploads);
    m_pollFloor->setObjectName(u"pollFloor"_s);
    m_pollFloor->setRange(ConsoleSettings::kMinPollFloorSeconds,
                          ConsoleSettings::kMaxPollFloorSeconds);
    m_pollFloor->setSuffix(tr(" s"));
    m_pollFloor->setToolTip(tr("The service is never asked about one order more often than "
                               "this; it cannot be set below %1 seconds.")
                                .arg(ConsoleSettings::kMinPollFloorSeconds));
    m_pollFloor->setAccessibleName(tr("Shortest time between two status checks of an order"));
    uploadForm->addRow(tr("Check each order at most every:"), m_pollFloor);
    m_notifications = new QCheckBox(tr("Desktop notifications when a print ends"), uploads);
    m_notifications->setObjectName(u"notifications"_s);
    uploadForm->addRow(QString(), m_notifications);

    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setObjectName(u"settingsProblems"_s);
    m_problems->setStyleSheet(u"color: palette(bright-text); background: #b3261e; "
                              "padding: 6px; border-radius: 4px;"_s);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    // The groups scroll on a screen too short for them; what is wrong and the buttons stay
    // in sight below them.
    auto *content = new QWidget;
    content->setObjectName(u"settingsContent"_s);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(service);
    contentLayout->addWidget(m_store);
    contentLayout->addWidget(uploads);
    contentLayout->addStretch(1);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"settingsScroll"_s);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(content);
    m_scroll->setMinimumHeight(fontMetrics().lineSpacing() * 8);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    setMinimumWidth(600); // the wrapped explanations stay at two lines or so

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    // A result belongs to the service and key it was tested with: editing either drops it.
    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        m_testResult->clear();
        updateState();
    });
    connect(m_customUrl, &QLineEdit::textChanged, this, [this] {
        m_testResult->clear();
        updateState();
    });
    connect(m_email, &QLineEdit::textChanged, this, &SettingsDialog::updateState);
    connect(m_apiKey, &QLineEdit::textChanged, this, [this] {
        m_testResult->clear();
        updateState();
    });
    connect(m_showKey, &QPushButton::toggled, this, [this](bool shown) {
        m_apiKey->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showKey->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_store, &StoreSettingsBox::changed, this, &SettingsDialog::updateState);
    connect(m_store, &StoreSettingsBox::textsChanged, this, &SettingsDialog::fitTexts);
}

void SettingsDialog::fitTexts()
{
    // Statuses and problems arrive after the dialog took its size (the keychain answers
    // later): grow so that no wrapped sentence is cut off, as far as the screen allows; the
    // groups scroll beyond that.
    QTimer::singleShot(0, this, [this] {
        QWidget *content = m_scroll->widget();
        const int viewportWidth = std::max(m_scroll->viewport()->width(), minimumWidth() - 40);
        const int contentHeight = content->hasHeightForWidth()
                                      ? content->heightForWidth(viewportWidth)
                                      : content->sizeHint().height();
        const int others = std::max(0, sizeHint().height() - m_scroll->sizeHint().height());
        const QScreen *screen = this->screen();
        // The window frame and title bar come on top of the dialog's own height.
        const int room = screen ? screen->availableGeometry().height() - 48 : 10000;
        const int needed = std::min(room, others + contentHeight + 4);
        if (needed > height())
            resize(width(), needed);
        // Grown past the screen's lower edge: up, so that the buttons stay in sight.
        if (screen && isVisible()) {
            const QRect free = screen->availableGeometry();
            const int bottom = frameGeometry().bottom();
            if (bottom > free.bottom())
                move(x(), std::max(free.top(), y() - (bottom - free.bottom())));
        }
    });
}

void SettingsDialog::showSettings(const ConsoleSettings &settings)
{
    m_environment->setCurrentIndex(m_environment->findData(int(settings.environment)));
    m_customUrl->setText(settings.customBaseUrl.toString());
    m_currency->setCurrentIndex(std::max(0, m_currency->findData(settings.defaultCurrency)));
    m_email->setText(settings.defaultReceiverEmail);
    m_parallel->setValue(settings.parallelUploads);
    m_pollFloor->setValue(settings.pollFloorSeconds);
    m_notifications->setChecked(settings.notifications);
}

ConsoleSettings SettingsDialog::settings() const
{
    ConsoleSettings s;
    s.environment = EnvironmentKind(m_environment->currentData().toInt());
    QString ignored;
    s.customBaseUrl = ServiceEndpoint::normalizeBaseUrl(m_customUrl->text(), &ignored)
                          .value_or(QUrl(m_customUrl->text().trimmed()));
    s.defaultCurrency = m_currency->currentData().toString();
    s.defaultReceiverEmail = m_email->text().trimmed();
    s.parallelUploads = m_parallel->value();
    s.pollFloorSeconds = m_pollFloor->value();
    s.notifications = m_notifications->isChecked();
    s.databaseUrl = m_store->databaseUrl();
    return s;
}

void SettingsDialog::setRecentCurrencies(const QStringList &currencies)
{
    fillCurrencyList(m_currency, currencies);
}

void SettingsDialog::setSandboxEndpoint(const QUrl &baseUrl, const QString &apiKey)
{
    m_sandboxUrl = baseUrl;
    m_sandboxKey = apiKey;
    updateState();
}

void SettingsDialog::onKeyLoaded(const SecretStore::Loaded &loaded)
{
    m_loadedKey = loaded.key;
    m_keychainAvailable = loaded.keychainAvailable;
    if (m_apiKey->text().isEmpty())
        m_apiKey->setText(loaded.key);
    QString where;
    switch (loaded.location) {
    case SecretStore::Location::Keychain:
        where = tr("The key is kept in the system keychain.");
        break;
    case SecretStore::Location::File:
        where = tr("The key is kept in a file only you can read.");
        break;
    case SecretStore::Location::Session:
        where = tr("The key is kept until the console closes.");
        break;
    case SecretStore::Location::None:
        where = tr("No key is stored: the console runs on its built-in sandbox.");
        break;
    }
    if (!loaded.keychainAvailable)
        where += u' ' + tr("This computer has no system keychain.");
    if (!loaded.problem.isEmpty() && loaded.keychainAvailable)
        where += u' ' + loaded.problem;
    m_keyStatus->setText(where);
    fitTexts();
    m_keyFile->setVisible(!loaded.keychainAvailable);
    m_keyFile->setChecked(loaded.location == SecretStore::Location::File);
    updateState();
}

void SettingsDialog::updateState()
{
    const ConsoleSettings current = settings();
    const bool custom = current.environment == EnvironmentKind::Custom;
    m_customUrl->setEnabled(custom);
    QStringList problems = current.problems();
    const bool remote = current.environment != EnvironmentKind::Sandbox;
    if (remote && m_apiKey->text().trimmed().isEmpty())
        problems.append(tr("Enter your partner API key to use the Design Streaming service."));
    m_problems->setText(problems.join(u'\n'));
    if (m_problems->isHidden() != problems.isEmpty()) {
        m_problems->setVisible(!problems.isEmpty());
        fitTexts(); // the problem takes room the wrapped texts must not lose
    }
    m_test->setEnabled(
        !m_saving && (remote ? !m_apiKey->text().trimmed().isEmpty() && !current.baseUrl().isEmpty()
                             : m_sandboxUrl.isValid()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty() && !m_saving);
}

void SettingsDialog::testConnection()
{
    const ConsoleSettings current = settings();
    ServiceEndpoint endpoint;
    if (current.environment == EnvironmentKind::Sandbox) {
        endpoint.baseUrl = m_sandboxUrl;
        endpoint.apiKey = m_sandboxKey;
    } else {
        endpoint.baseUrl = current.baseUrl();
        endpoint.apiKey = m_apiKey->text().trimmed();
    }
    if (current.environment == EnvironmentKind::Custom) {
        // An address that is no http(s) URL would only get the network's own words back
        // ("Protocol \"\" is unknown"): say what is wrong with it and what one looks like.
        QString reason;
        if (!ServiceEndpoint::normalizeBaseUrl(m_customUrl->text(), &reason)) {
            //: %1 says what is wrong with the address, %2 is an example of a right one
            const QString message =
                tr("Not tested: %1 Enter an address like %2")
                    .arg(reason, ServiceEndpoint::defaultProductionBaseUrl().toString());
            m_testResult->setText(message);
            fitTexts();
            Q_EMIT connectionTested(false, message);
            return;
        }
    }
    endpoint.idleTimeout = std::chrono::seconds(20);
    auto *client = new ApiClient(m_network.get(), endpoint);
    m_test->setEnabled(false);
    m_testResult->setText(tr("Asking the service\u2026"));
    PrintStatusJob *job = client->printStatus(kProbeToken);
    connect(job, &PrintStatusJob::finished, this, [this, client](const PrintStatusResult &result) {
        client->deleteLater(); // its job is still emitting
        bool ok = false;
        QString message;
        if (!result.error.isError() || result.error.kind == ApiError::Kind::Service) {
            // An answer about the made-up token means the key was accepted.
            ok = true;
            message = tr("Connected: the service accepted the key.");
        } else if (result.error.isAuthenticationFailure()) {
            message = tr("The service rejected the API key. Check it (copy it again from your "
                         "partner account) and try once more.");
        } else {
            message = tr("The test did not get through: %1").arg(result.error.message);
        }
        qCInfo(lcUi) << "connection test:" << (ok ? "ok" : "failed");
        m_testResult->setText(message);
        fitTexts();
        updateState();
        Q_EMIT connectionTested(ok, message);
    });
}

bool SettingsDialog::databasePasswordChanged() const
{
    return m_store->passwordChanged();
}

void SettingsDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_store->setBusy(saving);
    updateState();
}

void SettingsDialog::accept()
{
    if (m_saving)
        return;
    // The API key first, then the database password; the dialog closes once both are kept.
    // Whatever fails leaves the dialog open with everything the user typed.
    saveKey([this] {
        if (!m_store->passwordNeedsSaving()) {
            QDialog::accept();
            return;
        }
        setSaving(true);
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection =
            connect(m_store, &StoreSettingsBox::passwordSaved, this, [this, connection](bool ok) {
                disconnect(*connection);
                setSaving(false);
                if (ok)
                    QDialog::accept();
            });
        m_store->savePassword();
    });
}

void SettingsDialog::saveKey(std::function<void()> next)
{
    const QString key = m_apiKey->text().trimmed();
    const bool fileWanted = !m_keyFile->isHidden() && m_keyFile->isChecked();
    // Saved already (a retry after the password could not be kept): not again.
    if (key.isEmpty() || (key == m_loadedKey && (m_keyFile->isHidden() || m_keyChanged))) {
        next();
        return;
    }
    setSaving(true);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_keys, &SecretStore::saved, this,
                          [this, connection, key, next](const SecretStore::Saved &saved) {
                              disconnect(*connection);
                              setSaving(false);
                              m_keyStatus->setText(saved.message);
                              fitTexts();
                              if (!saved.ok)
                                  return; // stays open: nothing the user typed is lost
                              m_keyChanged = true;
                              m_loadedKey = key;
                              next();
                          });
    m_keys->save(key, fileWanted);
}

} // namespace pc
