#include "sandbox/uploadmonitor.h"

#include "sandbox/sandboxlogging.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

namespace pc::sandbox {

namespace {

constexpr qsizetype kMaxHeadBytes = kMaxRequestHeadBytes;
constexpr int kDiscardTimeoutMs = 5000;
constexpr int kThrottleTickMs = 50;
// A body read here: at most this much waits in the socket and is read at once.
constexpr qint64 kStreamBufferBytes = 256 * 1024;
constexpr qint64 kStreamSliceBytes = 64 * 1024;

} // namespace

// Follows the requests of one connection: the head of each request (peeked, never read)
// and then the number of body bytes that arrived, reset for every request (keep-alive).
class ConnectionWatcher final : public QObject
{
    Q_DISABLE_COPY_MOVE(ConnectionWatcher)

public:
    ConnectionWatcher(QTcpSocket *socket, UploadMonitor *monitor)
        : QObject(socket)
        , m_socket(socket)
        , m_monitor(monitor)
    {}

    void onReadyRead();

private:
    void startThrottle(qint64 bytesPerSecond);
    void stopThrottle();
    void onThrottleTick();

    // Body: the HTTP server reads it (the monitor counts); Stream: the monitor reads it.
    enum class State { Head, Body, Stream, Discard, Off };

    // Feeds bytes that belong to request heads; returns false when the socket is gone.
    bool consumeHeadBytes(const QByteArray &bytes);
    void drop();
    void stall();
    void reject(const HttpResponse &response, qint64 bodyBytesSoFar);
    void onDiscardReadyRead();
    // Takes the request whose head (`headBytes` long) ends in m_head away from the server.
    void takeOver(const HeadDecision &decision, qsizetype headBytes);
    void pumpBody();
    void deliver(QByteArrayView bytes);
    void completeBody();
    void endStream();

    QTcpSocket *m_socket;
    QPointer<UploadMonitor> m_monitor;
    State m_state = State::Head;
    QByteArray m_head;
    RequestHead m_current;
    qint64 m_bodyReceived = 0;
    qint64 m_dropAt = -1;
    qint64 m_stallAt = -1;
    qint64 m_discardLeft = 0;
    QTimer *m_throttleTimer = nullptr; // set while a body is read slowly
    qint64 m_throttleSlice = 0;
    qint64 m_headBytes = 0;         // of the current request
    bool m_chunkHadRequest = false; // the chunk being read held (part of) an earlier request
    std::function<void(QByteArrayView)> m_bodySlice;
    std::function<void(QTcpSocket *)> m_bodyComplete;
    qint64 m_allowance = 0; // Stream with a rate: bytes that may be read now
    QByteArray m_slice;
};

void ConnectionWatcher::onReadyRead()
{
    const qint64 arrived = m_socket->bytesAvailable();
    if (arrived <= 0)
        return;
    switch (m_state) {
    case State::Off:
    case State::Discard:
        return;
    case State::Head:
        m_chunkHadRequest = false;
        consumeHeadBytes(m_socket->peek(arrived));
        return;
    case State::Stream:
        pumpBody();
        return;
    case State::Body:
        break;
    }

    const qint64 expected = m_current.contentLength;
    m_bodyReceived += arrived;
    if (m_dropAt >= 0 && m_bodyReceived >= m_dropAt) {
        drop();
        return;
    }
    if (m_stallAt >= 0 && m_bodyReceived >= m_stallAt) {
        stall();
        return;
    }
    if (m_bodyReceived >= expected) {
        stopThrottle();
        // The request is complete; anything after it is the start of the next one.
        const qint64 extra = m_bodyReceived - expected;
        m_state = State::Head;
        m_head.clear();
        if (extra > 0) {
            m_chunkHadRequest = true;
            const QByteArray all = m_socket->peek(arrived);
            consumeHeadBytes(all.right(extra));
        }
    }
}

bool ConnectionWatcher::consumeHeadBytes(const QByteArray &bytes)
{
    m_head += bytes;
    for (;;) {
        // Blank lines between requests are allowed (RFC 9112 2.2).
        while (m_head.startsWith("\r\n"))
            m_head.remove(0, 2);
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_head.size() > kMaxHeadBytes) {
                // Refused here: handed on, the HTTP server would keep all of it in memory.
                m_current =
                    UploadMonitor::parseHead(
                        m_head.first(m_head.indexOf("\r\n") < 0 ? 0 : m_head.indexOf("\r\n")))
                        .value_or(RequestHead{});
                m_current.problem = RequestHead::Problem::TooLarge;
                m_current.contentLength = -1;
                const HeadDecision decision =
                    m_monitor ? m_monitor->decide(m_current) : HeadDecision{};
                if (decision.action == HeadDecision::Action::Reject) {
                    reject(decision.response, 0);
                    return false;
                }
                m_state = State::Off;
                m_head.clear();
            }
            return true;
        }
        const std::optional<RequestHead> head = UploadMonitor::parseHead(m_head.first(end));
        const qint64 bodyBytes = m_head.size() - (end + 4);
        if (head && head->problem != RequestHead::Problem::None) {
            m_current = *head;
            const HeadDecision decision = m_monitor ? m_monitor->decide(m_current) : HeadDecision{};
            if (decision.action == HeadDecision::Action::Reject) {
                reject(decision.response, 0);
                return false;
            }
        }
        if (!head || head->chunked || head->problem != RequestHead::Problem::None) {
            m_state = State::Off; // the server answers or closes it itself
            m_head.clear();
            return true;
        }
        m_current = *head;
        m_headBytes = end + 4;
        const HeadDecision decision = m_monitor ? m_monitor->decide(m_current) : HeadDecision{};
        if (decision.action == HeadDecision::Action::Reject) {
            reject(decision.response, bodyBytes);
            return false;
        }
        m_dropAt = decision.action == HeadDecision::Action::DropAt
                       ? std::clamp<qint64>(decision.dropAfterBodyBytes, 0,
                                            std::max<qint64>(m_current.contentLength, 0))
                       : -1;
        m_stallAt = decision.action == HeadDecision::Action::StallAt
                        ? std::clamp<qint64>(decision.stallAfterBodyBytes, 0,
                                             std::max<qint64>(m_current.contentLength, 0))
                        : -1;
        const qint64 expected = std::max<qint64>(m_current.contentLength, 0);
        if (m_dropAt >= 0 && std::min(bodyBytes, expected) >= m_dropAt) {
            m_bodyReceived = std::min(bodyBytes, expected);
            drop();
            return false;
        }
        if (m_stallAt >= 0 && std::min(bodyBytes, expected) >= m_stallAt) {
            m_bodyReceived = std::min(bodyBytes, expected);
            stall();
            return false;
        }
        if (m_current.expectsContinue && bodyBytes == 0 && expected > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        // Only when nothing before this request is left for the HTTP server to read.
        if (decision.bodySlice && decision.bodyComplete && !m_chunkHadRequest) {
            takeOver(decision, end + 4);
            return false;
        }
        if (bodyBytes < expected && decision.bodyBytesPerSecond > 0)
            startThrottle(decision.bodyBytesPerSecond);
        if (bodyBytes < expected) {
            m_state = State::Body;
            m_bodyReceived = bodyBytes;
            m_head.clear();
            return true;
        }
        // The whole request is here; the rest (if any) is the next request's head.
        m_head.remove(0, end + 4 + expected);
        m_state = State::Head;
        m_chunkHadRequest = true;
    }
}

// Qt 6.4's HTTP server reads a request inside a read transaction that it commits only once
// the request is complete, so the socket's buffer holds the whole request so far. The
// throttle caps that buffer a slice above what has arrived and raises the cap one slice per
// tick; with the buffer full Qt stops reading, the kernel's window closes and the client
// slows down. The estimate of the buffer (head plus body so far) only errs high, which lets
// the body through faster, never stalls it.
void ConnectionWatcher::startThrottle(qint64 bytesPerSecond)
{
    m_throttleSlice = std::max<qint64>(1024, bytesPerSecond * kThrottleTickMs / 1000);
    if (!m_throttleTimer) {
        m_throttleTimer = new QTimer(this);
        m_throttleTimer->setInterval(kThrottleTickMs);
        connect(m_throttleTimer, &QTimer::timeout, this, &ConnectionWatcher::onThrottleTick);
    }
    m_throttleTimer->start();
    onThrottleTick();
}

void ConnectionWatcher::stopThrottle()
{
    if (!m_throttleTimer)
        return;
    m_throttleTimer->stop();
    m_throttleTimer->deleteLater();
    m_throttleTimer = nullptr;
    m_socket->setReadBufferSize(0);
}

void ConnectionWatcher::onThrottleTick()
{
    if (m_state == State::Stream) {
        m_allowance = std::min(m_allowance + m_throttleSlice, 2 * m_throttleSlice);
        pumpBody();
        return;
    }
    m_socket->setReadBufferSize(m_headBytes + m_bodyReceived + m_throttleSlice);
}

// The HTTP server reads a request whole into memory, several times over (its read
// transaction, a copy, the body). So the body of a request the decider asks for is read
// here instead: the HTTP server's reader is disconnected from the socket before it sees the
// head, and the body goes to the decider's receiver slice by slice, with the socket's read
// buffer capped. The server's parser may have seen the start of this head in an earlier
// chunk; it is dropped with its reader, and the server adopts the connection afresh once
// the body is read (handBack), so the next request meets a clean parser.
void ConnectionWatcher::takeOver(const HeadDecision &decision, qsizetype headBytes)
{
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionWatcher::onReadyRead);
    // The server's transaction holds what it read of earlier chunks; what is left unread is
    // this chunk, which ends with m_head.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    const qint64 expected = m_current.contentLength;
    const qint64 inChunk = std::min<qint64>(m_head.size() - headBytes, expected);
    const qint64 beyond = m_head.size() - headBytes - inChunk; // the next request's start
    m_socket->skip(std::max<qint64>(0, m_socket->bytesAvailable() - beyond));
    const QByteArray first = m_head.sliced(headBytes, inChunk);
    m_head.clear();

    m_bodySlice = decision.bodySlice;
    m_bodyComplete = decision.bodyComplete;
    m_state = State::Stream;
    m_bodyReceived = 0;
    m_slice.resize(kStreamSliceBytes);
    if (decision.bodyBytesPerSecond > 0 && inChunk < expected) {
        m_throttleSlice =
            std::max<qint64>(1024, decision.bodyBytesPerSecond * kThrottleTickMs / 1000);
        m_allowance = 0;
        m_socket->setReadBufferSize(2 * m_throttleSlice);
        if (!m_throttleTimer) {
            m_throttleTimer = new QTimer(this);
            m_throttleTimer->setInterval(kThrottleTickMs);
            connect(m_throttleTimer, &QTimer::timeout, this, &ConnectionWatcher::onThrottleTick);
        }
        m_throttleTimer->start();
    } else {
        m_socket->setReadBufferSize(kStreamBufferBytes);
    }
    qCDebug(lcSandbox).nospace() << "reading the body of " << m_current.method.constData() << ' '
                                 << m_current.path.constData() << " (" << expected
                                 << " bytes) in the sandbox";
    const QPointer<QTcpSocket> guard(m_socket);
    if (!first.isEmpty() || expected == 0)
        deliver(first);
    if (guard && m_state == State::Stream)
        pumpBody();
}

void ConnectionWatcher::pumpBody()
{
    const qint64 expected = m_current.contentLength;
    while (m_state == State::Stream && m_bodyReceived < expected) {
        qint64 want = std::min(expected - m_bodyReceived, kStreamSliceBytes);
        if (m_dropAt >= 0)
            want = std::min(want, m_dropAt - m_bodyReceived);
        if (m_stallAt >= 0)
            want = std::min(want, m_stallAt - m_bodyReceived);
        if (m_throttleTimer)
            want = std::min(want, m_allowance);
        if (want <= 0)
            return;
        // Asking for more than is buffered also lets the socket read on (its buffer is capped).
        const qint64 got = m_socket->read(m_slice.data(), want);
        if (got <= 0)
            return;
        if (m_throttleTimer)
            m_allowance -= got;
        deliver(QByteArrayView(m_slice.constData(), got));
    }
}

void ConnectionWatcher::deliver(QByteArrayView bytes)
{
    m_bodyReceived += bytes.size();
    if (m_bodySlice && !bytes.isEmpty())
        m_bodySlice(bytes);
    if (m_dropAt >= 0 && m_bodyReceived >= m_dropAt)
        drop();
    else if (m_stallAt >= 0 && m_bodyReceived >= m_stallAt)
        stall();
    else if (m_bodyReceived >= m_current.contentLength)
        completeBody();
}

void ConnectionWatcher::endStream()
{
    if (m_throttleTimer) {
        m_throttleTimer->stop();
        m_throttleTimer->deleteLater();
        m_throttleTimer = nullptr;
    }
    m_bodySlice = nullptr;
    m_bodyComplete = nullptr;
    m_slice = QByteArray();
}

void ConnectionWatcher::completeBody()
{
    const std::function<void(QTcpSocket *)> complete = m_bodyComplete;
    endStream();
    m_socket->setReadBufferSize(0);
    m_state = State::Head;
    m_head.clear();
    m_dropAt = -1;
    m_stallAt = -1;
    const QPointer<QTcpSocket> socket(m_socket);
    // The server reads the next request, with a parser of its own; this watcher's reader
    // stays connected first.
    if (m_monitor)
        m_monitor->handBack(m_socket);
    if (complete)
        complete(m_socket);
    // Bytes of the next request that arrived with this body raise no readyRead of their own.
    if (socket && socket->state() == QAbstractSocket::ConnectedState &&
        socket->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(
            socket,
            [socket] {
                if (socket)
                    Q_EMIT socket->readyRead();
            },
            Qt::QueuedConnection);
    }
}

void ConnectionWatcher::drop()
{
    stopThrottle();
    endStream();
    qCInfo(lcSandbox).nospace() << "fault: dropping the connection after " << m_bodyReceived
                                << " of " << m_current.contentLength << " body bytes of "
                                << m_current.path.constData();
    m_state = State::Off;
    // Nobody else may read this chunk: the HTTP server must never see a complete body.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    const QByteArray path = m_current.path;
    const qint64 received = m_bodyReceived;
    const qint64 length = m_current.contentLength;
    QPointer<UploadMonitor> monitor = m_monitor;
    m_socket->abort();
    if (monitor)
        Q_EMIT monitor->connectionDropped(path, received, length);
}

// A line that stops moving: nothing more is read from this connection (the read buffer is
// capped at what it holds and the kernel's buffer shrunk, so the window closes and the sender
// blocks) and nobody answers. The HTTP server never sees the rest of the request; the
// connection lives until the client gives up.
void ConnectionWatcher::stall()
{
    stopThrottle();
    endStream();
    qCInfo(lcSandbox).nospace() << "fault: the upload stalls after " << m_bodyReceived << " of "
                                << m_current.contentLength << " body bytes of "
                                << m_current.path.constData();
    m_state = State::Off;
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    m_socket->setReadBufferSize(std::max<qint64>(1, m_socket->bytesAvailable()));
    // The kernel's buffer, grown while the body was read at full speed, would otherwise take
    // megabytes more: shrunk (which also ends its automatic growth), the window closes soon.
    m_socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 1);
    if (m_monitor)
        Q_EMIT m_monitor->connectionStalled(m_current.path, m_bodyReceived,
                                            m_current.contentLength);
}

void ConnectionWatcher::reject(const HttpResponse &response, qint64 bodyBytesSoFar)
{
    qCInfo(lcSandbox).nospace() << "refusing " << m_current.method.constData() << ' '
                                << m_current.path.constData() << " with HTTP " << response.status
                                << " (Content-Length " << m_current.contentLength << ')';
    // Take the socket away from the HTTP server: it must not parse what follows.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_state = State::Discard;
    m_socket->skip(m_socket->bytesAvailable());
    // A client that waits for "100 Continue" will not send the body at all.
    m_discardLeft = m_current.expectsContinue && bodyBytesSoFar == 0
                        ? 0
                        : std::max<qint64>(m_current.contentLength, 0) - bodyBytesSoFar;
    m_head.clear();

    HttpResponse answer = response;
    answer.closeConnection = true;
    m_socket->write(serialize(answer));
    if (m_monitor)
        Q_EMIT m_monitor->requestRejected(m_current.path, response.status);

    // Swallow the body the client may still be sending, so closing does not reset the
    // connection before the client read the answer; close once it is all here or after a
    // few seconds.
    connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionWatcher::onDiscardReadyRead);
    QTimer::singleShot(kDiscardTimeoutMs, this, [this] { m_socket->disconnectFromHost(); });
    if (m_discardLeft <= 0)
        m_socket->disconnectFromHost();
}

void ConnectionWatcher::onDiscardReadyRead()
{
    const qint64 arrived = m_socket->bytesAvailable();
    m_socket->skip(arrived);
    m_discardLeft -= arrived;
    if (m_discardLeft <= 0)
        m_socket->disconnectFromHost();
}

UploadMonitor::UploadMonitor(QObject *parent)
    : QTcpServer(parent)
{}

UploadMonitor::~UploadMonitor() = default;

void UploadMonitor::setDecider(Decider decider)
{
    m_decider = std::move(decider);
}

void UploadMonitor::setTlsSelector(TlsSelector selector)
{
    m_tls = std::move(selector);
}

HeadDecision UploadMonitor::decide(const RequestHead &head) const
{
    return m_decider ? m_decider(head) : HeadDecision{};
}

void UploadMonitor::handBack(QTcpSocket *socket)
{
    addPendingConnection(socket); // the HTTP server adopts every pending connection at once
}

std::optional<RequestHead> UploadMonitor::parseHead(QByteArrayView head)
{
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView requestLine = lineEnd < 0 ? head : head.first(lineEnd);
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace <= firstSpace + 1)
        return std::nullopt;

    RequestHead result;
    result.method = requestLine.first(firstSpace).toByteArray();
    result.target = requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1).toByteArray();
    const qsizetype query = result.target.indexOf('?');
    result.path = query < 0 ? result.target : result.target.left(query);

    qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
    while (pos < head.size()) {
        qsizetype end = head.indexOf("\r\n", pos);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(pos, end - pos);
        pos = end + 2;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            result.contentLength = value.toLongLong(&ok);
            if (!ok || result.contentLength < 0) {
                result.contentLength = -1;
                result.problem = RequestHead::Problem::BadContentLength;
            }
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            result.chunked = value.toByteArray().toLower().contains("chunked");
        } else if (name.compare("content-type", Qt::CaseInsensitive) == 0) {
            result.contentType = value.toByteArray();
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            result.closeConnection = value.compare("close", Qt::CaseInsensitive) == 0;
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            result.expectsContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        }
    }
    return result;
}

void UploadMonitor::incomingConnection(qintptr handle)
{
    const std::optional<QSslConfiguration> tls = m_tls ? m_tls() : std::nullopt;
    QTcpSocket *socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        qCWarning(lcSandbox) << "cannot adopt an incoming connection:" << socket->errorString();
        delete socket;
        return;
    }
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(socket);
        ssl->setSslConfiguration(*tls);
        auto reported = std::make_shared<bool>(false);
        connect(ssl, &QSslSocket::errorOccurred, this, [this, ssl, reported] {
            // Once per connection, and not for the ordinary end of an encrypted one.
            if (ssl->isEncrypted() || std::exchange(*reported, true))
                return;
            qCInfo(lcSandbox).noquote() << "TLS handshake failed:" << ssl->errorString();
            Q_EMIT tlsHandshakeFailed(ssl->errorString());
        });
        ssl->startServerEncryption();
    }
    // Connected before the HTTP server connects its own reader (it does so when it takes
    // the socket from the pending list), so this slot runs first on every readyRead.
    auto *watcher = new ConnectionWatcher(socket, this);
    connect(socket, &QTcpSocket::readyRead, watcher, &ConnectionWatcher::onReadyRead);
    addPendingConnection(socket);
}

} // namespace pc::sandbox
