#pragma once

#include "sandbox/httpwire.h"

#include <QByteArray>
#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <optional>

namespace pc::sandbox {

// The longest request head (request line and headers) the sandbox reads.
constexpr qsizetype kMaxRequestHeadBytes = 64 * 1024;

// The head of one request as the monitor saw it arrive, before the HTTP server parses it.
struct RequestHead
{
    QByteArray method;
    QByteArray target;         // as sent: path and query
    QByteArray path;           // the target without its query
    qint64 contentLength = -1; // -1: no Content-Length header
    bool chunked = false;      // Transfer-Encoding: chunked (the body cannot be followed)
    bool expectsContinue = false;
    QByteArray contentType;       // the Content-Type header, empty when absent
    bool closeConnection = false; // Connection: close
    // A head no request may have: the decider refuses it and the connection is closed.
    enum class Problem {
        None,
        TooLarge,         // no end of the head within kMaxRequestHeadBytes
        BadContentLength, // negative, not a number, or past what a 64-bit length holds
    };
    Problem problem = Problem::None;
};

// What to do with a request whose head just arrived.
struct HeadDecision
{
    enum class Action {
        Accept,  // let the HTTP server have it
        Reject,  // answer `response` now, swallow the body, then close
        DropAt,  // abort the connection once `dropAfterBodyBytes` of the body arrived
        StallAt, // stop reading once `stallAfterBodyBytes` arrived; never answer
    };
    Action action = Action::Accept;
    HttpResponse response;
    qint64 dropAfterBodyBytes = 0;
    qint64 stallAfterBodyBytes = 0;
    qint64 bodyBytesPerSecond = 0; // Accept / DropAt: read the body at most this fast (0 = off)
    // Set both to read the body here instead of in the HTTP server, which would hold all of
    // it in memory: each slice goes to `bodySlice` as it arrives, then `bodyComplete` gets the
    // socket to answer on. The connection goes back to the HTTP server for the next request.
    // Drops, stalls and the rate apply as for any body.
    std::function<void(QByteArrayView)> bodySlice;
    std::function<void(QTcpSocket *)> bodyComplete;
};

// The TCP listener under the sandbox's QAbstractHttpServer. It creates every socket itself
// and connects its own readyRead slot first, so it sees each chunk of a request before the
// HTTP server reads it (Qt 6.4's server reads everything on each readyRead and only hands
// over complete requests). That is where bodies too large are refused from their
// Content-Length, where a connection is cut part-way through an upload body, and where a
// body is read slowly to play a slow line (the socket's read buffer is capped and the HTTP
// server is handed one slice per tick; TCP flow control then slows the sender), or stops
// being read at all (a stalled line). With a TLS setup each connection is a QSslSocket in
// server mode; what the monitor and the HTTP server read is then the decrypted stream.
// A body the decider asks for (HeadDecision::bodySlice) is read here, slice by slice, and
// the HTTP server never sees that request: it gets the connection back afterwards as if it
// were new.
class UploadMonitor final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadMonitor)

public:
    using Decider = std::function<HeadDecision(const RequestHead &)>;
    // Asked for every new connection: the TLS setup to speak, or nullopt for plain HTTP.
    using TlsSelector = std::function<std::optional<QSslConfiguration>()>;

    explicit UploadMonitor(QObject *parent = nullptr);
    ~UploadMonitor() override;

    // Called for every request head; without one every request is accepted.
    void setDecider(Decider decider);
    void setTlsSelector(TlsSelector selector);

    // Parses a request head (request line and headers, without the blank line).
    static std::optional<RequestHead> parseHead(QByteArrayView head);

Q_SIGNALS:
    // A connection was aborted part-way through a request body (a DropAt decision).
    void connectionDropped(const QByteArray &path, qint64 bodyBytesReceived, qint64 contentLength);
    // A request was refused from its head (a Reject decision).
    void requestRejected(const QByteArray &path, int status);
    // Reading a request body stopped for good (a StallAt decision).
    void connectionStalled(const QByteArray &path, qint64 bodyBytesReceived, qint64 contentLength);
    // A TLS handshake failed (the client refused the certificate, or spoke plain HTTP).
    void tlsHandshakeFailed(const QString &reason);

protected:
    void incomingConnection(qintptr handle) override;

private:
    friend class ConnectionWatcher;
    HeadDecision decide(const RequestHead &head) const;
    // Hands a connection whose request the monitor read itself back to the HTTP server.
    void handBack(QTcpSocket *socket);

    Decider m_decider;
    TlsSelector m_tls;
};

} // namespace pc::sandbox
