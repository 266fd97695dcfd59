#include "desktopnotifier.h"

#include "statuspresentation.h"
#include "uilogging.h"

#include "common/buildinfo.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// The freedesktop.org Desktop Notifications interface (org.freedesktop.Notifications).
const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kInterface = u"org.freedesktop.Notifications"_s;
// The desktop entry and icon name the package installs (packaging/desktop/).
const QString kDesktopId = u"com.sendshapes.PartnerConsole"_s;
constexpr int kTimeoutMs = 8000;

bool deservesNotification(JobStatus status)
{
    return status == JobStatus::Success || status == JobStatus::Failure ||
           status == JobStatus::ConfirmedSuccess || status == JobStatus::ConfirmedFailure;
}

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
    , m_bus(QDBusConnection::sessionBus())
{}

std::optional<DesktopNotification> DesktopNotifier::forStatusChange(const Order &order,
                                                                    const PrintStatus &previous)
{
    const JobStatus status = order.status.status;
    if (!deservesNotification(status) || previous.status == status)
        return std::nullopt;
    DesktopNotification notification;
    notification.title = tr("%1: %2").arg(order.fileName, statusLabel(status));
    notification.text = order.receiverEmail.isEmpty() ? tr("Order %1").arg(order.token)
                                                      : tr("Receiver %1").arg(order.receiverEmail);
    notification.warning = status == JobStatus::Failure || status == JobStatus::ConfirmedFailure;
    return notification;
}

void DesktopNotifier::setTray(QSystemTrayIcon *tray)
{
    m_tray = tray;
}

void DesktopNotifier::setBus(const QDBusConnection &bus)
{
    m_bus = bus;
}

void DesktopNotifier::setEnabled(bool enabled)
{
    m_enabled = enabled;
}

DesktopNotifier::Route DesktopNotifier::show(const DesktopNotification &notification)
{
    Route route = Route::None;
    if (!m_enabled) {
        route = Route::None;
    } else if (m_tray && m_tray->isVisible() && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray->showMessage(notification.title, notification.text,
                            notification.warning ? QSystemTrayIcon::Warning
                                                 : QSystemTrayIcon::Information,
                            kTimeoutMs);
        route = Route::Tray;
    } else if (sendToNotificationService(notification)) {
        route = Route::NotificationService;
    }
    qCDebug(lcUi) << "notification" << notification.title << "via" << route;
    Q_EMIT shown(notification, route);
    return route;
}

bool DesktopNotifier::sendToNotificationService(const DesktopNotification &notification)
{
    // A desktop without the service (a bare X server, a kiosk) gets none; asking the bus is
    // quick and happens only when a print ends.
    if (!m_bus.isConnected() || !m_bus.interface() ||
        !m_bus.interface()->isServiceRegistered(kService))
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kInterface, u"Notify"_s);
    const QVariantMap hints{
        {u"desktop-entry"_s, kDesktopId},
        // 1 = normal: a failure is worth a look, not a notification that never goes away.
        {u"urgency"_s, QVariant::fromValue(uchar(1))},
    };
    call << applicationName() << uint(0) << kDesktopId << notification.title << notification.text
         << QStringList() << hints << kTimeoutMs;
    // Fire and forget: the GUI never waits for the desktop; an absent service is fine.
    return m_bus.send(call);
}

} // namespace pc
