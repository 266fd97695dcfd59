// Settings: the non-secret values round-trip through QSettings (damaged values fall back),
// the dialog shows and returns them, blocks what is invalid, tests the connection against
// the sandbox in plain words, and keeps the key out of the settings file. The team database
// (an address and a password kept like the key) is chosen here too; testing it against a
// real server is in tst_storesettings.

#include "currencylist.h"
#include "orders/orderform.h"
#include "sandbox/sandboxserver.h"
#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

const QString kSentinel = u"SETTINGS-SENTINEL-KEY-42"_s;

template<typename T>
T *child(QWidget &parent, const QString &name)
{
    return parent.findChild<T *>(name);
}

} // namespace

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void settingsRoundTrip();
    void damagedValuesFallBack();
    void currencyDefaultsToTheRegions();
    void dialogShowsAndReturnsValues();
    void invalidValuesBlockOk();
    void testConnectionInPlainWords();
    void keyWithoutKeychainGoesToOwnerOnlyFile();
    void teamDatabaseAddressIsChecked();
    void teamModeInTheDialog();
    void databasePasswordFollowsTheKeysRules();

private:
    std::unique_ptr<SecretStore> makeKeys();
    std::unique_ptr<SecretStore> makePasswords();
    QTemporaryDir m_dir;
};

void TestSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestSettingsDialog::init()
{
    auto keys = makeKeys();
    QSignalSpy forgotten(keys.get(), &SecretStore::forgotten);
    keys->forget();
    QVERIFY(!forgotten.isEmpty() || forgotten.wait());
    auto passwords = makePasswords();
    QSignalSpy passwordForgotten(passwords.get(), &SecretStore::forgotten);
    passwords->forget();
    QVERIFY(!passwordForgotten.isEmpty() || passwordForgotten.wait());
}

std::unique_ptr<SecretStore> TestSettingsDialog::makeKeys()
{
    auto keys = std::make_unique<SecretStore>();
    keys->setKeychainEnabled(false); // CI has no keychain; this makes it explicit
    keys->setKeyFilePath(m_dir.filePath(u"config/api-key"_s));
    return keys;
}

std::unique_ptr<SecretStore> TestSettingsDialog::makePasswords()
{
    auto passwords = std::make_unique<SecretStore>(SecretStore::Secret::DatabasePassword);
    passwords->setKeychainEnabled(false);
    passwords->setKeyFilePath(m_dir.filePath(u"config/database-password"_s));
    return passwords;
}

void TestSettingsDialog::settingsRoundTrip()
{
    ConsoleSettings s;
    s.environment = EnvironmentKind::Custom;
    s.customBaseUrl = QUrl(u"https://staging.example.com:3443/api3/"_s);
    s.defaultCurrency = u"EUR"_s;
    s.defaultReceiverEmail = u"orders@shop.example"_s;
    s.pollFloorSeconds = 45;
    s.parallelUploads = 3;
    s.notifications = false;
    s.databaseUrl = u"postgresql://shop@db.example.com:5433/orders?sslmode=require"_s;
    const QString path = m_dir.filePath(u"roundtrip.ini"_s);
    {
        QSettings file(path, QSettings::IniFormat);
        s.save(file);
    }
    QSettings file(path, QSettings::IniFormat);
    QCOMPARE(ConsoleSettings::load(file), s);
    QVERIFY(s.problems().isEmpty());
    QCOMPARE(s.baseUrl(), s.customBaseUrl);
}

// Until someone picks a default currency, it is the one of the user's region.
void TestSettingsDialog::currencyDefaultsToTheRegions()
{
    const QString path = m_dir.filePath(u"fresh.ini"_s);
    const QLocale before;
    for (const auto &[locale, currency] :
         {std::pair{u"de_DE"_s, u"EUR"_s}, std::pair{u"de_CH"_s, u"CHF"_s},
          std::pair{u"en_GB"_s, u"GBP"_s}}) {
        QLocale::setDefault(QLocale(locale));
        QSettings fresh(path, QSettings::IniFormat);
        QCOMPARE(ConsoleSettings::load(fresh).defaultCurrency, currency);
    }
    QLocale::setDefault(QLocale(u"de_DE"_s));
    {
        QSettings chosen(path, QSettings::IniFormat);
        chosen.setValue(u"uploads/default_currency"_s, u"JPY"_s);
    }
    QSettings chosen(path, QSettings::IniFormat);
    QCOMPARE(ConsoleSettings::load(chosen).defaultCurrency, u"JPY"_s); // a choice stays
    QLocale::setDefault(before);
}

void TestSettingsDialog::damagedValuesFallBack()
{
    const QString path = m_dir.filePath(u"damaged.ini"_s);
    {
        QSettings file(path, QSettings::IniFormat);
        file.setValue(u"service/environment"_s, u"custom"_s); // but no usable URL
        file.setValue(u"service/custom_base_url"_s, u"ftp://nowhere"_s);
        file.setValue(u"service/poll_floor_seconds"_s, 3);
        file.setValue(u"uploads/parallel"_s, 99);
        file.setValue(u"uploads/default_currency"_s, u"XYZ"_s);
        file.setValue(u"uploads/default_receiver_email"_s, u"not an address"_s);
    }
    QSettings file(path, QSettings::IniFormat);
    const ConsoleSettings loaded = ConsoleSettings::load(file);
    QCOMPARE(loaded.environment, EnvironmentKind::Sandbox);
    QCOMPARE(loaded.pollFloorSeconds, 15); // never below the service's rule
    QCOMPARE(loaded.parallelUploads, ConsoleSettings::kMaxParallelUploads);
    QCOMPARE(loaded.defaultCurrency, u"USD"_s); // the tests run in the C locale
    QVERIFY(loaded.defaultReceiverEmail.isEmpty());
    QVERIFY(loaded.problems().isEmpty());
    ConsoleSettings wrong;
    wrong.pollFloorSeconds = 5;
    wrong.defaultCurrency = u"ABC"_s;
    QCOMPARE(wrong.problems().size(), 2);
}

void TestSettingsDialog::dialogShowsAndReturnsValues()
{
    ConsoleSettings s;
    s.environment = EnvironmentKind::Production;
    s.defaultCurrency = u"CHF"_s;
    s.defaultReceiverEmail = u"a@b.example"_s;
    s.pollFloorSeconds = 20;
    s.parallelUploads = 4;
    auto keys = makeKeys();
    SettingsDialog dialog(s, keys.get());
    // Production without a key is not acceptable, everything else is shown as given.
    child<QLineEdit>(dialog, u"apiKey"_s)->setText(u"k"_s);
    QCOMPARE(dialog.settings(), s);
    QVERIFY(!child<QLineEdit>(dialog, u"customUrl"_s)->isEnabled());

    auto *environment = child<QComboBox>(dialog, u"environment"_s);
    environment->setCurrentIndex(environment->findData(int(EnvironmentKind::Custom)));
    QVERIFY(child<QLineEdit>(dialog, u"customUrl"_s)->isEnabled());
    child<QLineEdit>(dialog, u"customUrl"_s)->setText(u"http://127.0.0.1:9/api3"_s);
    auto *currency = child<QComboBox>(dialog, u"currency"_s);
    currency->setCurrentIndex(currency->findData(u"JPY"_s));
    child<QSpinBox>(dialog, u"pollFloor"_s)->setValue(1); // clamped by the widget
    child<QSpinBox>(dialog, u"parallel"_s)->setValue(6);
    child<QCheckBox>(dialog, u"notifications"_s)->setChecked(false);
    const ConsoleSettings changed = dialog.settings();
    QCOMPARE(changed.environment, EnvironmentKind::Custom);
    QCOMPARE(changed.customBaseUrl, QUrl(u"http://127.0.0.1:9/api3/"_s));
    QCOMPARE(changed.defaultCurrency, u"JPY"_s);
    QCOMPARE(changed.pollFloorSeconds, 15);
    QCOMPARE(changed.parallelUploads, 6);
    QCOMPARE(changed.notifications, false);

    // The currencies of recent orders come first, above a separator; each currency reads as
    // it does in the order form, and the choice stays.
    QCOMPARE(currency->itemText(currency->findData(u"USD"_s)), u"USD \u2014 US Dollar"_s);
    QCOMPARE(currency->itemText(currency->findData(u"USD"_s)), currencyLabel(u"USD"_s));
    dialog.setRecentCurrencies({u"CHF"_s, u"eur"_s, u"ABC"_s, u"CHF"_s});
    QCOMPARE(currency->itemData(0).toString(), u"CHF"_s);
    QCOMPARE(currency->itemData(1).toString(), u"EUR"_s);
    QVERIFY(currency->itemText(2).isEmpty()); // the separator
    QCOMPARE(currency->itemData(3).toString(), pc::isoCurrencyCodes().constFirst());
    QCOMPARE(currency->count(), int(pc::isoCurrencyCodes().size()) + 3);
    QCOMPARE(recentCurrenciesOf(currency), (QStringList{u"CHF"_s, u"EUR"_s}));
    QCOMPARE(dialog.settings().defaultCurrency, u"JPY"_s);
    currency->setCurrentIndex(0);
    QCOMPARE(dialog.settings().defaultCurrency, u"CHF"_s);
}

void TestSettingsDialog::invalidValuesBlockOk()
{
    auto keys = makeKeys();
    SettingsDialog dialog(ConsoleSettings(), keys.get());
    auto *ok = child<QDialogButtonBox>(dialog, QString())->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled()); // the sandbox needs nothing
    auto *environment = child<QComboBox>(dialog, u"environment"_s);
    environment->setCurrentIndex(environment->findData(int(EnvironmentKind::Production)));
    QVERIFY(!ok->isEnabled()); // no key
    auto *problems = child<QLabel>(dialog, u"settingsProblems"_s);
    QVERIFY(problems->text().contains(u"API key"_s));
    child<QLineEdit>(dialog, u"apiKey"_s)->setText(u"some-key"_s);
    QVERIFY(ok->isEnabled());
    child<QLineEdit>(dialog, u"email"_s)->setText(u"not-an-address"_s);
    QVERIFY(!ok->isEnabled());
    child<QLineEdit>(dialog, u"email"_s)->clear();
    environment->setCurrentIndex(environment->findData(int(EnvironmentKind::Custom)));
    child<QLineEdit>(dialog, u"customUrl"_s)->setText(u"ftp://example.com/"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(problems->text().contains(u"URL"_s));
}

void TestSettingsDialog::testConnectionInPlainWords()
{
    SandboxConfig config;
    config.apiKey = u"right-key"_s;
    SandboxServer sandbox(config);
    QVERIFY(sandbox.listen(0));
    auto keys = makeKeys();
    ConsoleSettings s;
    s.environment = EnvironmentKind::Custom;
    s.customBaseUrl = sandbox.apiBaseUrl();
    SettingsDialog dialog(s, keys.get());
    QSignalSpy tested(&dialog, &SettingsDialog::connectionTested);
    auto *test = child<QPushButton>(dialog, u"testConnection"_s);
    QVERIFY(!test->isEnabled()); // nothing to test without a key
    child<QLineEdit>(dialog, u"apiKey"_s)->setText(u"right-key"_s);
    QVERIFY(test->isEnabled());
    test->click();
    QVERIFY(tested.wait());
    QCOMPARE(tested.last().at(0).toBool(), true);
    QVERIFY(tested.last().at(1).toString().contains(u"accepted"_s));
    QCOMPARE(sandbox.totalRequestCount(), 1);
    QVERIFY(!sandbox.hasToken(u"00000000000000000000000000000000"_s)); // nothing was created

    child<QLineEdit>(dialog, u"apiKey"_s)->setText(u"wrong-key"_s);
    test->click();
    QVERIFY(tested.wait());
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY(tested.last().at(1).toString().contains(u"rejected the API key"_s));
    QVERIFY(child<QLabel>(dialog, u"testResult"_s)->text().contains(u"Check it"_s));

    // A malformed address is named as such, with an example, before anything is sent; the
    // result goes as soon as the address is edited.
    auto *address = child<QLineEdit>(dialog, u"customUrl"_s);
    auto *result = child<QLabel>(dialog, u"testResult"_s);
    const int requests = sandbox.totalRequestCount();
    address->setText(u"localhost/api3/"_s);
    QVERIFY(result->text().isEmpty());
    child<QLineEdit>(dialog, u"apiKey"_s)->setText(u"right-key"_s);
    QVERIFY(test->isEnabled());
    test->click();
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY2(result->text().contains(u"must start with http://"_s) &&
                 result->text().contains(u"like https://"_s),
             qPrintable(result->text()));
    QVERIFY2(!result->text().contains(u"Protocol"_s), qPrintable(result->text()));
    QCOMPARE(sandbox.totalRequestCount(), requests);
    address->setText(sandbox.apiBaseUrl().toString());
    QVERIFY(result->text().isEmpty());
    test->click();
    QVERIFY(tested.wait());
    QCOMPARE(tested.last().at(0).toBool(), true);
}

void TestSettingsDialog::keyWithoutKeychainGoesToOwnerOnlyFile()
{
    auto keys = makeKeys();
    ConsoleSettings s;
    s.environment = EnvironmentKind::Production;
    SettingsDialog dialog(s, keys.get());
    auto *keyFile = child<QCheckBox>(dialog, u"keyFile"_s);
    QVERIFY(!keyFile->isHidden()); // no keychain: the explicit choice is offered
    QVERIFY(child<QLabel>(dialog, u"keyStatus"_s)->text().contains(u"no system keychain"_s));
    child<QLineEdit>(dialog, u"apiKey"_s)->setText(kSentinel);
    QCOMPARE(child<QLineEdit>(dialog, u"apiKey"_s)->echoMode(), QLineEdit::Password);
    keyFile->setChecked(true);
    dialog.accept();
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.keyChanged());
    QFile file(keys->keyFilePath());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());

    // The settings file the console writes never holds the key.
    const QString path = m_dir.filePath(u"console.ini"_s);
    {
        QSettings settingsFile(path, QSettings::IniFormat);
        dialog.settings().save(settingsFile);
    }
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(!written.readAll().contains(kSentinel.toUtf8()));

    // Reopened, the dialog finds the key where it was put.
    SettingsDialog again(dialog.settings(), keys.get());
    QTRY_COMPARE(child<QLineEdit>(again, u"apiKey"_s)->text(), kSentinel);
    QVERIFY(child<QCheckBox>(again, u"keyFile"_s)->isChecked());
}

void TestSettingsDialog::teamDatabaseAddressIsChecked()
{
    ConsoleSettings s;
    QString error;
    std::optional<StoreLocation> location = s.storeLocation(m_dir.path(), &error);
    QVERIFY(location);
    QVERIFY(!location->isPostgres()); // the default: this computer
    QCOMPARE(location->dataFolder, m_dir.path());

    s.databaseUrl = u" postgresql://shop@db.example.com/orders "_s;
    location = s.storeLocation(m_dir.path(), &error);
    QVERIFY(location);
    QVERIFY(location->isPostgres());
    QCOMPARE(location->databaseName(), u"orders"_s);
    QCOMPARE(location->dataFolder, m_dir.path()); // this console's own folder and identity
    QVERIFY(s.problems().isEmpty());

    // What the team mode cannot use is a problem, in words; a password is never repeated.
    const QList<std::pair<QString, QString>> wrong{
        {u"postgresql://shop:Hunter2@db/orders"_s, u"holds a password"_s},
        {u"postgresql://db.example.com/orders"_s, u"names no user"_s},
        {u"postgresql://shop@db.example.com/"_s, u"names no database"_s},
        {u"sqlite:/var/lib/orders"_s, u"PostgreSQL database"_s},
        {u"mysql://shop@db/orders"_s, u"postgresql://"_s},
    };
    for (const auto &[url, words] : wrong) {
        s.databaseUrl = url;
        QVERIFY2(!s.storeLocation(m_dir.path(), &error), qPrintable(url));
        QCOMPARE(s.problems().size(), 1);
        QVERIFY2(s.problems().first().contains(words), qPrintable(s.problems().first()));
        QVERIFY(!s.problems().first().contains(u"Hunter2"_s));
    }

    // A damaged address in the file stays as written: the start says what is wrong rather
    // than silently using this computer's history instead of the team's.
    const QString path = m_dir.filePath(u"damaged-store.ini"_s);
    {
        QSettings file(path, QSettings::IniFormat);
        file.setValue(u"store/database_url"_s, u"postgresql://db/orders"_s);
    }
    QSettings file(path, QSettings::IniFormat);
    QCOMPARE(ConsoleSettings::load(file).databaseUrl, u"postgresql://db/orders"_s);
}

void TestSettingsDialog::teamModeInTheDialog()
{
    auto keys = makeKeys();
    auto passwords = makePasswords();
    SettingsDialog dialog(ConsoleSettings(), keys.get(), passwords.get());
    auto *ok = child<QDialogButtonBox>(dialog, QString())->button(QDialogButtonBox::Ok);
    auto *local = child<QRadioButton>(dialog, u"storeLocal"_s);
    auto *team = child<QRadioButton>(dialog, u"storeTeam"_s);
    auto *url = child<QLineEdit>(dialog, u"databaseUrl"_s);
    auto *test = child<QPushButton>(dialog, u"testDatabase"_s);
    QVERIFY(local->isChecked()); // SQLite on this computer stays the default
    QVERIFY(!url->isEnabled());
    QVERIFY(!test->isEnabled());
    QVERIFY(child<QLineEdit>(dialog, u"databasePassword"_s)->echoMode() == QLineEdit::Password);

    team->setChecked(true);
    QVERIFY(url->isEnabled());
    QVERIFY(!test->isEnabled()); // no address yet
    url->setText(u"postgresql://shop:pw@db.example.com/orders"_s);
    QVERIFY(!ok->isEnabled());
    auto *problems = child<QLabel>(dialog, u"settingsProblems"_s);
    QVERIFY(problems->text().contains(u"holds a password"_s));
    url->setText(u"postgresql://shop@db.example.com/orders"_s);
    QVERIFY(ok->isEnabled());
    QVERIFY(test->isEnabled());
    QCOMPARE(dialog.settings().databaseUrl, u"postgresql://shop@db.example.com/orders"_s);

    // Back to this computer: the address typed is kept in the field, not in the settings.
    local->setChecked(true);
    QVERIFY(dialog.settings().databaseUrl.isEmpty());
    QVERIFY(ok->isEnabled());
    team->setChecked(true);
    QCOMPARE(dialog.settings().databaseUrl, u"postgresql://shop@db.example.com/orders"_s);

    // Reopened with a team database, the dialog shows it chosen.
    SettingsDialog again(dialog.settings(), keys.get(), passwords.get());
    QVERIFY(child<QRadioButton>(again, u"storeTeam"_s)->isChecked());
    QCOMPARE(child<QLineEdit>(again, u"databaseUrl"_s)->text(),
             u"postgresql://shop@db.example.com/orders"_s);
}

void TestSettingsDialog::databasePasswordFollowsTheKeysRules()
{
    const QString password = u"DB-SENTINEL-PASSWORD-7"_s;
    auto keys = makeKeys();
    auto passwords = makePasswords();
    ConsoleSettings s;
    s.databaseUrl = u"postgresql://shop@db.example.com/orders"_s;
    SettingsDialog dialog(s, keys.get(), passwords.get());
    auto *passwordFile = child<QCheckBox>(dialog, u"databasePasswordFile"_s);
    QVERIFY(!passwordFile->isHidden()); // no keychain: the explicit choice is offered
    QTRY_VERIFY(child<QLabel>(dialog, u"databasePasswordStatus"_s)
                    ->text()
                    .contains(u"no system keychain"_s));
    child<QLineEdit>(dialog, u"databasePassword"_s)->setText(password);
    passwordFile->setChecked(true);
    dialog.accept();
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.databasePasswordChanged());
    QVERIFY(!dialog.keyChanged()); // the API key was left alone
    QVERIFY(!QFile::exists(keys->keyFilePath()));
    QFile file(passwords->keyFilePath());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()).trimmed(), password);

    // The settings file holds the address, never the password.
    const QString path = m_dir.filePath(u"team.ini"_s);
    {
        QSettings settingsFile(path, QSettings::IniFormat);
        dialog.settings().save(settingsFile);
    }
    QFile written(path);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray text = written.readAll();
    QVERIFY(text.contains("db.example.com"));
    QVERIFY(!text.contains(password.toUtf8()));

    // Reopened, the password is found where it was put; emptied, it is removed everywhere
    // (the server's own rules, ~/.pgpass, apply again).
    SettingsDialog again(dialog.settings(), keys.get(), passwords.get());
    auto *field = child<QLineEdit>(again, u"databasePassword"_s);
    QTRY_COMPARE(field->text(), password);
    field->clear();
    again.accept();
    QTRY_COMPARE(again.result(), int(QDialog::Accepted));
    QVERIFY(again.databasePasswordChanged());
    QVERIFY(!QFile::exists(passwords->keyFilePath()));
    QVERIFY(passwords->loadNow().key.isEmpty());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
