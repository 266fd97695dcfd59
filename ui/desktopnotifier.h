#pragma once

#include "orders/storetypes.h"

#include <QDBusConnection>
#include <QObject>
#include <QPointer>

#include <optional>

class QSystemTrayIcon;

namespace pc {

// One desktop notification: what a finished or confirmed print says.
struct DesktopNotification
{
    QString title;        // "bracket.stl: Print succeeded"
    QString text;         // "Receiver customer@example.com"
    bool warning = false; // a failure: shown with the warning icon / higher urgency
};

// Shows print notifications on the desktop. Through the tray icon when the desktop shows one
// (KDE, XFCE, ...); otherwise straight through the freedesktop notification service on the
// session bus, so desktops without a tray (GNOME) still get them. Nothing when turned off.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    enum class Route { None, Tray, NotificationService };
    Q_ENUM(Route)

    explicit DesktopNotifier(QObject *parent = nullptr);

    // The notification a status change deserves: a print that succeeded or failed, and a
    // customer's confirmation. Nothing for progress, for a status that did not change, or for
    // a status this console does not know.
    static std::optional<DesktopNotification> forStatusChange(const Order &order,
                                                              const PrintStatus &previous);

    void setTray(QSystemTrayIcon *tray);
    // The bus of the notification service; the user's session bus by default.
    void setBus(const QDBusConnection &bus);
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    // Shows `notification` and says how (None when turned off or no way is available).
    Route show(const DesktopNotification &notification);

Q_SIGNALS:
    void shown(const pc::DesktopNotification &notification, pc::DesktopNotifier::Route route);

private:
    bool sendToNotificationService(const DesktopNotification &notification);

    QPointer<QSystemTrayIcon> m_tray;
    QDBusConnection m_bus;
    bool m_enabled = true;
};

} // namespace pc
