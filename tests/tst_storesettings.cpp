// Team mode in Settings against a real PostgreSQL server (the CTest fixture's throw-away
// cluster): "Test database" says in words what it found (a refused password, an empty
// database, the team's history, a history from a newer console), and a team database that
// cannot be opened at start asks the user (Try again, Settings, Quit) instead of ending the
// console, and opens once Settings hold the right password.

#include "consolesession.h"
#include "environmentinfo.h"
#include "mainwindow.h"
#include "orders/orderstore.h"
#include "orders/storeprobe.h"
#include "sessioncore.h"
#include "settings/secretstore.h"
#include "storesettingsbox.h"
#include "storestartup.h"
#include "storetarget.h"

#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace Qt::StringLiterals;
using namespace pc;
using pc::test::StoreTarget;

namespace {

Order makeOrder(const QString &token)
{
    Order order;
    order.environment = u"sandbox"_s;
    order.token = token;
    order.tokenLink = u"http://example.com/t/"_s + token;
    order.sslTokenLink = u"https://example.com/t/"_s + token;
    order.fileName = token + u".stl"_s;
    order.size = 42;
    order.sha256 = u"ff"_s + token;
    order.receiverEmail = u"r@example.com"_s;
    order.price = *Decimal::fromString(u"0.10");
    order.currency = u"USD"_s;
    order.created = QDateTime::currentDateTimeUtc();
    return order;
}

// Runs `step` on each modal window that comes up, one after the other, while the code under
// test sits in exec(); each step returns whether it handled the window.
class ModalDriver final : public QObject
{
public:
    explicit ModalDriver(QList<std::function<bool(QWidget *)>> steps)
        : m_steps(std::move(steps))
    {
        m_elapsed.start();
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (modal && m_elapsed.hasExpired(20000)) {
                // A window no step expected: closed, so the test fails instead of hanging.
                if (auto *dialog = qobject_cast<QDialog *>(modal))
                    dialog->reject();
                return;
            }
            if (!modal || m_steps.isEmpty() || modal == m_last)
                return;
            if (m_steps.first()(modal)) {
                m_last = modal;
                m_steps.removeFirst();
                ++m_handled;
            }
        });
        m_timer.start(50);
    }
    int handled() const { return m_handled; }

private:
    QList<std::function<bool(QWidget *)>> m_steps;
    QTimer m_timer;
    QElapsedTimer m_elapsed;
    QPointer<QWidget> m_last;
    int m_handled = 0;
};

bool clickIn(QWidget *window, const QString &windowName, const QString &button)
{
    if (window->objectName() != windowName)
        return false;
    auto *target = window->findChild<QPushButton *>(button);
    if (!target)
        return false;
    QTimer::singleShot(0, target, &QPushButton::click);
    return true;
}

// Runs the start-up's store opening until it ends: what the store said, or nullopt when the
// user chose Quit.
std::optional<OpenResult> runStoreStartup(ConsoleSession &session, const ConsoleSettings &settings,
                                          SecretStore &keys, SecretStore &passwords)
{
    StoreStartup startup(session, settings, keys, passwords);
    std::optional<OpenResult> opened;
    bool ended = false;
    QObject::connect(&startup, &StoreStartup::finished, &startup, [&](const OpenResult &result) {
        opened = result;
        ended = true;
    });
    QObject::connect(&startup, &StoreStartup::quitChosen, &startup, [&] { ended = true; });
    startup.begin();
    if (!QTest::qWaitFor([&] { return ended; }, 60000))
        qWarning("the store start-up did not end");
    return opened;
}

} // namespace

class TestStoreSettings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void probeSaysWhatItFound();
    void testButtonAsksTheServer();
    void startAsksInsteadOfEnding();
    void quitAtStartEndsCleanly();
    void windowSaysWhenTheDatabaseIsAway();

private:
    std::unique_ptr<SecretStore> makePasswords();
    std::unique_ptr<SecretStore> makeKeys();
    // A console whose store is not open yet, set to use `databaseUrl`.
    static std::unique_ptr<ConsoleSession> makeSession(const QString &databaseUrl);
    QTemporaryDir m_dir;
};

void TestStoreSettings::initTestCase()
{
    if (!StoreTarget::usesPostgres())
        QSKIP("Needs the PostgreSQL test server (run through ctest: tst_storesettings_postgres)");
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    qputenv("PARTNER_CONSOLE_DATA_DIR", m_dir.filePath(u"data"_s).toUtf8());
    qunsetenv("PARTNER_CONSOLE_DATABASE");
    qunsetenv("PARTNER_CONSOLE_DATABASE_PASSWORD");
    qputenv("PGPASSFILE", m_dir.filePath(u"no-pgpass"_s).toUtf8()); // no password from there
}

std::unique_ptr<SecretStore> TestStoreSettings::makePasswords()
{
    auto passwords = std::make_unique<SecretStore>(SecretStore::Secret::DatabasePassword);
    passwords->setKeychainEnabled(false);
    passwords->setKeyFilePath(m_dir.filePath(u"config/database-password"_s));
    return passwords;
}

std::unique_ptr<SecretStore> TestStoreSettings::makeKeys()
{
    auto keys = std::make_unique<SecretStore>();
    keys->setKeychainEnabled(false);
    keys->setKeyFilePath(m_dir.filePath(u"config/api-key"_s));
    return keys;
}

std::unique_ptr<ConsoleSession> TestStoreSettings::makeSession(const QString &databaseUrl)
{
    ConsoleSettings settings;
    settings.databaseUrl = databaseUrl;
    ServiceEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:9/api3/"_s); // never asked: nothing polls
    return std::make_unique<ConsoleSession>(endpoint, EnvironmentKind::Sandbox, settings);
}

void TestStoreSettings::probeSaysWhatItFound()
{
    StoreTarget target;
    QVERIFY(target.isValid());
    const StoreLocation location = target.location();

    StoreProbe probe = probeStore(location, u"NotThePassword-93"_s);
    QVERIFY(!probe.ok);
    QVERIFY2(probe.message.contains(u"password is wrong or missing"_s), qPrintable(probe.message));
    QVERIFY(!probe.message.contains(u"NotThePassword-93"_s)); // never repeated

    probe = probeStore(location, StoreTarget::password());
    QVERIFY2(probe.ok, qPrintable(probe.message));
    QVERIFY2(probe.message.contains(u"is empty"_s), qPrintable(probe.message));
    QVERIFY(probe.message.contains(u"Connected to PostgreSQL "_s + probe.serverVersion));
    QCOMPARE(probe.schemaVersion, 0);

    {
        OrderStore store;
        QVERIFY(target.open(store).outcome != OpenResult::Outcome::Failed);
        QVERIFY(store.addOrders({makeOrder(u"tok-a"_s), makeOrder(u"tok-b"_s)}));
    }
    probe = probeStore(location, StoreTarget::password());
    QVERIFY2(probe.ok, qPrintable(probe.message));
    QVERIFY(probe.schemaVersion > 0);
    QCOMPARE(probe.orders, 2);
    QVERIFY2(probe.message.contains(u"2 order"_s), qPrintable(probe.message));

    // A history set up by a newer console is not joined.
    QVERIFY(target.exec(u"INSERT INTO schema_version (version, applied_ms) VALUES (999, 0)"_s));
    probe = probeStore(location, StoreTarget::password());
    QVERIFY(!probe.ok);
    QVERIFY2(probe.message.contains(u"newer version"_s), qPrintable(probe.message));

    StoreLocation nowhere = location;
    nowhere.url.setPort(1); // nothing listens there
    probe = probeStore(nowhere, StoreTarget::password());
    QVERIFY(!probe.ok);
    QVERIFY2(probe.message.contains(u"cannot be reached"_s), qPrintable(probe.message));
}

void TestStoreSettings::testButtonAsksTheServer()
{
    StoreTarget target;
    QVERIFY(target.isValid());
    auto passwords = makePasswords();
    StoreSettingsBox box(target.location().displayName(), passwords.get());
    QSignalSpy tested(&box, &StoreSettingsBox::connectionTested);
    auto *test = box.findChild<QPushButton *>(u"testDatabase"_s);
    auto *result = box.findChild<QLabel *>(u"databaseTestResult"_s);
    QVERIFY(test->isEnabled());

    box.findChild<QLineEdit *>(u"databasePassword"_s)->setText(u"not-it"_s);
    test->click();
    QVERIFY(!test->isEnabled()); // one test at a time; the window stays responsive meanwhile
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.last().at(0).toBool(), false);
    QVERIFY2(result->text().contains(u"password is wrong"_s), qPrintable(result->text()));
    QVERIFY(test->isEnabled());

    box.findChild<QLineEdit *>(u"databasePassword"_s)->setText(StoreTarget::password());
    QVERIFY(result->text().isEmpty()); // an old answer is not left next to new input
    test->click();
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.last().at(0).toBool(), true);
    QVERIFY2(result->text().contains(u"Connected to PostgreSQL"_s), qPrintable(result->text()));
}

void TestStoreSettings::startAsksInsteadOfEnding()
{
    StoreTarget target;
    QVERIFY(target.isValid());
    auto keys = makeKeys();
    auto passwords = makePasswords();
    QSignalSpy forgotten(passwords.get(), &SecretStore::forgotten);
    passwords->forget(); // none stored: the server refuses the connection
    QVERIFY(!forgotten.isEmpty() || forgotten.wait());
    const std::unique_ptr<ConsoleSession> session = makeSession(target.location().displayName());
    ConsoleSettings settings = session->settings();

    QString failureText;
    // 1. The failure is explained and Settings offered; 2. the password goes into Settings,
    // which save it; 3. the store opens with it.
    ModalDriver driver({
        [&](QWidget *window) {
            if (!clickIn(window, u"storeOpenFailure"_s, u"settings"_s))
                return false;
            failureText = static_cast<QMessageBox *>(window)->informativeText();
            return true;
        },
        [&](QWidget *window) {
            if (window->objectName() != u"settingsDialog"_s)
                return false;
            window->findChild<QLineEdit *>(u"databasePassword"_s)->setText(StoreTarget::password());
            QTimer::singleShot(0, window, [window] { static_cast<QDialog *>(window)->accept(); });
            return true;
        },
    });
    const std::optional<OpenResult> opened = runStoreStartup(*session, settings, *keys, *passwords);
    QVERIFY(opened);
    QVERIFY2(opened->outcome != OpenResult::Outcome::Failed, qPrintable(opened->message));
    QCOMPARE(driver.handled(), 2);
    QVERIFY2(failureText.contains(u"password is wrong or missing"_s), qPrintable(failureText));
    QVERIFY(session->isTeamStore());
    QCOMPARE(session->storeLocation().databaseName(), target.location().databaseName());
    QCOMPARE(passwords->loadNow().key, StoreTarget::password()); // kept for the next start
    QCOMPARE(session->settings().databaseUrl, settings.databaseUrl);
}

void TestStoreSettings::quitAtStartEndsCleanly()
{
    auto keys = makeKeys();
    auto passwords = makePasswords();
    // Nothing listens on port 1.
    const std::unique_ptr<ConsoleSession> session =
        makeSession(u"postgresql://shop@127.0.0.1:1/orders"_s);
    ConsoleSettings settings = session->settings();

    QString failureText;
    ModalDriver driver({
        [&](QWidget *window) {
            if (!clickIn(window, u"storeOpenFailure"_s, u"retry"_s))
                return false;
            failureText = static_cast<QMessageBox *>(window)->informativeText();
            return true;
        },
        [&](QWidget *window) { return clickIn(window, u"storeOpenFailure"_s, u"quit"_s); },
    });
    const std::optional<OpenResult> opened = runStoreStartup(*session, settings, *keys, *passwords);
    QVERIFY(!opened); // the user quit
    QCOMPARE(driver.handled(), 2);
    QVERIFY2(failureText.contains(u"cannot be reached"_s), qPrintable(failureText));
    QVERIFY(!test::onCore(*session, [](ConsoleCore &core) { return core.store().isOpen(); }));
}

// The status bar names the team database, says when the connection to it is lost (the words
// in the label, the reason in its tooltip) and goes back once the store has reconnected.
void TestStoreSettings::windowSaysWhenTheDatabaseIsAway()
{
    StoreTarget target;
    QVERIFY(target.isValid());
    const std::unique_ptr<ConsoleSession> session = makeSession(target.location().displayName());
    QVERIFY(test::openAndWait(*session, target.location(), StoreTarget::password()).ok());
    QVERIFY(test::startAndWait(*session));
    MainWindow window(EnvironmentInfo::sandbox(QUrl(u"http://127.0.0.1:9/"_s),
                                               QUrl(u"http://127.0.0.1:9/api3/"_s), QString()),
                      session.get());
    auto *label = window.findChild<QLabel *>(u"storeStatus"_s);
    QVERIFY(label);
    const QString connected = label->text();
    QVERIFY2(connected.contains(target.location().databaseName()), qPrintable(connected));
    QVERIFY(label->toolTip().contains(session->consoleId()));

    // What the label says while the connection is away, read as the window hears of it (the
    // window connected first, so it has changed the label by then).
    QStringList whileAway;
    connect(session.get(), &ConsoleSession::storeConnectionChanged, label, [&](bool isConnected) {
        if (!isConnected)
            whileAway << label->text() << label->toolTip();
    });
    const StoreResult<qint64> pid = test::onCore(
        *session, [](ConsoleCore &core) { return core.store().backendPidForTesting(); });
    QVERIFY(pid);
    QVERIFY(target.serverValue(u"SELECT pg_terminate_backend(%1)"_s.arg(*pid)).toBool());
    // The core's own thread notices (its connection watch, or the next call that finds it
    // gone); the window says so.
    test::onCore(*session, [](ConsoleCore &core) { core.store().orders(u"sandbox"_s); });
    QTRY_VERIFY_WITH_TIMEOUT(!whileAway.isEmpty(), 20000);
    QVERIFY2(whileAway.at(0).contains(u"unreachable"_s), qPrintable(whileAway.at(0)));
    QVERIFY(!whileAway.at(1).isEmpty());
    // The server is there: the store connects again by itself, the label says so.
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), connected, 20000);
}

QTEST_MAIN(TestStoreSettings)
#include "tst_storesettings.moc"
