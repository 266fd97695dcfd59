#pragma once

#include <QLockFile>
#include <QObject>
#include <QStringList>

#include <memory>

class QLocalServer;

namespace pc {

// One console per user and data folder. The first start holds a lock and listens on a local
// socket only its user can reach; a later start (a double-clicked STL file, "partner-console
// FILE.stl", a second click on the launcher) hands its files to it and exits, and the running
// console shows itself and queues them.
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    enum class Role {
        Primary,    // this process is the console: call listen()
        HandedOver, // a running console took the files: exit
        Failed,     // a console holds the lock but did not answer: see errorString()
    };

    // `dataFolder` tells consoles apart: two data folders may each have their own console.
    explicit SingleInstance(const QString &dataFolder, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Becomes the console, or hands `paths` (made absolute) to the running one. Waits up to
    // `timeoutMs` for a console that is still starting up.
    Role start(const QStringList &paths, int timeoutMs = 5000);
    // Accepts later starts (Primary only). False with errorString() if the socket failed.
    bool listen();
    QString errorString() const { return m_error; }

    // Where the lock and the socket live (the user's runtime folder).
    QString lockPath() const;
    QString socketPath() const;

Q_SIGNALS:
    // Another start asked for the console; `paths` may be empty (just show the window).
    void activationRequested(const QStringList &paths);

private:
    bool handOver(const QStringList &paths, int timeoutMs);
    void onNewConnection();

    QString m_key;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
    QString m_error;
};

} // namespace pc
