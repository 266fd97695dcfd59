// Desktop notifications of finished and confirmed prints: which status changes deserve one,
// and that one really reaches the desktop's notification service (a stand-in for
// org.freedesktop.Notifications on a private session bus started by the test), from the
// notifier and from the main window when a print ends; nothing when turned off in Settings.

#include "consolesession.h"
#include "desktopnotifier.h"
#include "environmentinfo.h"
#include "mainwindow.h"

#include "common/buildinfo.h"
#include "sandbox/sandboxserver.h"
#include "settings/consolesettings.h"
#include "settings/secretstore.h"
#include "workwindowfixture.h"

#include <QAbstractButton>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using pc::DesktopNotifier;
using pc::JobStatus;

namespace {

// What the desktop would have been asked to show.
struct Received
{
    QString appName;
    QString icon;
    QString summary;
    QString body;
    QVariantMap hints;
    int timeout = 0;
};

} // namespace

// Plays the desktop's notification daemon on the private bus.
class FakeNotificationService final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    QList<Received> received;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &icon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(replacesId);
        Q_UNUSED(actions);
        received.append({appName, icon, summary, body, hints, timeout});
        return uint(received.size());
    }
};

class TestNotifications final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void whichChangesDeserveOne_data();
    void whichChangesDeserveOne();
    void reachesTheNotificationService();
    void turnedOffShowsNothing();
    void noServiceNoNotification();
    void mainWindowAnnouncesAFinishedPrint();

private:
    QProcess m_daemon;
    QString m_address;
    FakeNotificationService m_service;
    std::optional<QDBusConnection> m_client;
    std::optional<QDBusConnection> m_serviceBus;
};

void TestNotifications::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    pc::setApplicationMetadata();
    // A private session bus: the developer's desktop never sees these, and CI has none.
    m_daemon.start(u"dbus-daemon"_s, {u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
    QVERIFY2(m_daemon.waitForStarted(), "dbus-daemon (package dbus-daemon) is not installed");
    QTRY_VERIFY(m_daemon.canReadLine());
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());

    m_serviceBus = QDBusConnection::connectToBus(m_address, u"service"_s);
    QVERIFY(m_serviceBus->isConnected());
    QVERIFY(m_serviceBus->registerObject(u"/org/freedesktop/Notifications"_s, &m_service,
                                         QDBusConnection::ExportAllSlots));
    QVERIFY(m_serviceBus->registerService(u"org.freedesktop.Notifications"_s));
    m_client = QDBusConnection::connectToBus(m_address, u"client"_s);
    QVERIFY(m_client->isConnected());
}

void TestNotifications::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(u"client"_s);
    QDBusConnection::disconnectFromBus(u"service"_s);
    m_daemon.terminate();
    m_daemon.waitForFinished();
}

void TestNotifications::init()
{
    m_service.received.clear();
}

void TestNotifications::whichChangesDeserveOne_data()
{
    QTest::addColumn<JobStatus>("previous");
    QTest::addColumn<JobStatus>("now");
    QTest::addColumn<bool>("deserves");
    QTest::addColumn<bool>("warning");
    QTest::newRow("print succeeded") << JobStatus::Printing << JobStatus::Success << true << false;
    QTest::newRow("print failed") << JobStatus::Printing << JobStatus::Failure << true << true;
    QTest::newRow("customer confirmed success")
        << JobStatus::Success << JobStatus::ConfirmedSuccess << true << false;
    QTest::newRow("customer reported failure")
        << JobStatus::Success << JobStatus::ConfirmedFailure << true << true;
    QTest::newRow("started printing")
        << JobStatus::WarmingUp << JobStatus::Printing << false << false;
    QTest::newRow("warming up") << JobStatus::AwaitingCustomer << JobStatus::WarmingUp << false
                                << false;
    QTest::newRow("same status again")
        << JobStatus::Success << JobStatus::Success << false << false;
    QTest::newRow("unknown status") << JobStatus::Printing << JobStatus::Unknown << false << false;
}

void TestNotifications::whichChangesDeserveOne()
{
    QFETCH(JobStatus, previous);
    QFETCH(JobStatus, now);
    QFETCH(bool, deserves);
    QFETCH(bool, warning);
    pc::Order order;
    order.fileName = u"bracket.stl"_s;
    order.receiverEmail = u"customer@example.com"_s;
    order.status.status = now;
    pc::PrintStatus before;
    before.status = previous;
    const auto notification = DesktopNotifier::forStatusChange(order, before);
    QCOMPARE(notification.has_value(), deserves);
    if (notification) {
        QVERIFY(notification->title.startsWith(u"bracket.stl: "_s));
        QVERIFY(notification->text.contains(u"customer@example.com"_s));
        QCOMPARE(notification->warning, warning);
    }
}

void TestNotifications::reachesTheNotificationService()
{
    DesktopNotifier notifier;
    notifier.setBus(*m_client);
    const pc::DesktopNotification notification{u"ring.stl: Print failed"_s,
                                               u"Receiver a@example.com"_s, true};
    QCOMPARE(notifier.show(notification), DesktopNotifier::Route::NotificationService);
    QTRY_COMPARE(m_service.received.size(), 1);
    const Received &got = m_service.received.first();
    QCOMPARE(got.summary, notification.title);
    QCOMPARE(got.body, notification.text);
    QCOMPARE(got.appName, pc::applicationName());
    QCOMPARE(got.hints.value(u"desktop-entry"_s).toString(), u"com.sendshapes.PartnerConsole"_s);
    QVERIFY(got.timeout > 0); // goes away by itself
}

void TestNotifications::turnedOffShowsNothing()
{
    DesktopNotifier notifier;
    notifier.setBus(*m_client);
    notifier.setEnabled(false);
    QCOMPARE(notifier.show({u"off"_s, u"off"_s, false}), DesktopNotifier::Route::None);
    notifier.setEnabled(true);
    QCOMPARE(notifier.show({u"on"_s, u"on"_s, false}), DesktopNotifier::Route::NotificationService);
    // Messages on one connection arrive in order: once "on" is there, "off" never will be.
    QTRY_COMPARE(m_service.received.size(), 1);
    QCOMPARE(m_service.received.first().summary, u"on"_s);
}

void TestNotifications::noServiceNoNotification()
{
    QDBusConnection lonely = QDBusConnection::connectToBus(QString(), u"nowhere"_s);
    DesktopNotifier notifier;
    notifier.setBus(lonely); // not connected: like a machine without a session bus
    QCOMPARE(notifier.show({u"t"_s, u"x"_s, false}), DesktopNotifier::Route::None);
    QDBusConnection::disconnectFromBus(u"nowhere"_s);
}

// The window notifies when the session announces a finished print, and respects Settings.
void TestNotifications::mainWindowAnnouncesAFinishedPrint()
{
    pc::ConsoleSettings settings;
    settings.notifications = true;
    pc::test::WorkWindowRig rig;
    QVERIFY2(rig.start(settings), qPrintable(rig.problem()));
    pc::ConsoleSession &session = *rig.session;
    pc::MainWindow window(rig.environment(), &session, &rig.keys);
    QVERIFY(window.notifier());
    window.notifier()->setBus(*m_client);

    pc::Order order;
    order.fileName = u"vase.stl"_s;
    order.receiverEmail = u"v@example.com"_s;
    order.status.status = JobStatus::ConfirmedSuccess;
    pc::PrintStatus previous;
    previous.status = JobStatus::Success;
    Q_EMIT session.printStatusChanged(order, previous);
    QTRY_COMPARE(m_service.received.size(), 1);
    QVERIFY(m_service.received.first().summary.startsWith(u"vase.stl: "_s));

    // Progress is not worth a notification.
    order.status.status = JobStatus::Printing;
    previous.status = JobStatus::WarmingUp;
    Q_EMIT session.printStatusChanged(order, previous);

    // Turned off in Settings: the status bar still says it, the desktop does not.
    settings.notifications = false;
    session.applySettings(settings);
    order.status.status = JobStatus::Failure;
    previous.status = JobStatus::Printing;
    Q_EMIT session.printStatusChanged(order, previous);
    const auto *sign = window.statusBar()->findChild<QAbstractButton *>(u"printEndSign"_s);
    QVERIFY2(sign && sign->text().contains(u"vase.stl: "_s), qPrintable(sign->text()));
    // On again: the next one arrives, and nothing arrived in between.
    settings.notifications = true;
    session.applySettings(settings);
    order.fileName = u"cup.stl"_s;
    Q_EMIT session.printStatusChanged(order, previous);
    QTRY_COMPARE(m_service.received.size(), 2);
    QVERIFY(m_service.received.at(1).summary.startsWith(u"cup.stl: "_s));
}

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
