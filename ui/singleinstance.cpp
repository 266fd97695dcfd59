#include "singleinstance.h"

#include "uilogging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Messages are one JSON object per line: {"paths": [...]} from a new start, "ok" back.
const QByteArray kAccepted = "ok\n";
constexpr qint64 kMaxMessageBytes = 1 << 20; // a million bytes of paths is plenty

QString runtimeFolder()
{
    // XDG_RUNTIME_DIR is per user and 0700; without it, the temp folder (the name then
    // carries the user id, and the socket is owner-only anyway).
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    return folder;
}

} // namespace

SingleInstance::SingleInstance(const QString &dataFolder, QObject *parent)
    : QObject(parent)
{
    const QByteArray folder = QFileInfo(dataFolder).absoluteFilePath().toUtf8();
    m_key = u"partner-console-%1-%2"_s.arg(::getuid())
                .arg(QString::fromLatin1(
                    QCryptographicHash::hash(folder, QCryptographicHash::Sha256).toHex().left(16)));
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close(); // removes the socket file
}

QString SingleInstance::lockPath() const
{
    return QDir(runtimeFolder()).filePath(m_key + u".lock"_s);
}

QString SingleInstance::socketPath() const
{
    return QDir(runtimeFolder()).filePath(m_key + u".socket"_s);
}

SingleInstance::Role SingleInstance::start(const QStringList &paths, int timeoutMs)
{
    m_lock = std::make_unique<QLockFile>(lockPath());
    // The lock says who is the console; QLockFile takes over a lock whose process died.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return Role::Primary;
    if (handOver(paths, timeoutMs))
        return Role::HandedOver;
    if (m_error.isEmpty())
        m_error = tr("Another Partner Console is running for this data folder but did not "
                     "answer. Close it (or end its process), then start the console again.");
    return Role::Failed;
}

bool SingleInstance::handOver(const QStringList &paths, int timeoutMs)
{
    QJsonArray absolute;
    for (const QString &path : paths)
        absolute.append(QFileInfo(path).absoluteFilePath());
    const QByteArray message =
        QJsonDocument(QJsonObject{{u"paths"_s, absolute}}).toJson(QJsonDocument::Compact) + '\n';

    // The running console may still be starting (it listens once its window is up).
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QLocalSocket socket;
        socket.connectToServer(socketPath());
        if (socket.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime())))) {
            socket.write(message);
            while (socket.bytesToWrite() > 0 &&
                   socket.waitForBytesWritten(int(std::max<qint64>(1, deadline.remainingTime())))) {
            }
            while (!socket.canReadLine() &&
                   socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            }
            if (socket.readLine() == kAccepted)
                return true;
            m_error = tr("The running Partner Console did not accept the files.");
            return false;
        }
        QThread::msleep(100);
    }
    return false;
}

bool SingleInstance::listen()
{
    if (m_server)
        return true;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the lock, so a socket file left here belongs to a console that died.
    QLocalServer::removeServer(socketPath());
    if (!m_server->listen(socketPath())) {
        m_error = m_server->errorString();
        qCWarning(lcUi) << "second starts cannot reach this console:" << m_error;
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > kMaxMessageBytes)
                    socket->abort();
                return;
            }
            const QJsonObject request = QJsonDocument::fromJson(socket->readLine()).object();
            QStringList paths;
            const QJsonArray list = request.value(u"paths"_s).toArray();
            for (const QJsonValue &path : list) {
                if (path.isString() && !path.toString().isEmpty())
                    paths << path.toString();
            }
            socket->write(kAccepted);
            socket->flush();
            qCInfo(lcUi).noquote() << "Another start handed over" << paths.size() << "file(s)";
            Q_EMIT activationRequested(paths);
        });
    }
}

} // namespace pc
