#pragma once

// Private parts of SandboxServer shared by sandboxserver.cpp (the api3 calls and the public
// class) and sandboxpages.cpp (the token page and the sandbox-only endpoints).

#include "sandbox/faultplan.h"
#include "sandbox/httpwire.h"
#include "sandbox/printsimulation.h"
#include "sandbox/sandboxserver.h"
#include "sandbox/sandboxstate.h"
#include "sandbox/tokenrecord.h"
#include "sandbox/uploadbody.h"
#include "sandbox/uploadmonitor.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerRequest>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace pc {

namespace sandbox {

// The part of the sandbox that speaks HTTP: every complete request goes to one handler.
class HttpFrontEnd final : public QAbstractHttpServer
{
    Q_DISABLE_COPY_MOVE(HttpFrontEnd)

public:
    using Handler = std::function<void(const QHttpServerRequest &, QTcpSocket *)>;
    explicit HttpFrontEnd(Handler handler)
        : m_handler(std::move(handler))
    {}

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler(request, socket);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *socket) override
    {
        writeResponse(socket, errorResponse(404, QStringLiteral("Not found"), QString()));
    }

private:
    Handler m_handler;
};

HttpResponse missingParameter(const QString &name);
HttpResponse invalidParameter(const QString &name, const QString &why);
HttpResponse invalidKey();

} // namespace sandbox

using namespace sandbox;

// One request as the handlers need it (the server reuses its request object).
struct Incoming
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QUrl url;
    QString path;
    Params query;
    Params form; // application/x-www-form-urlencoded bodies
    QByteArray contentType;
    QByteArray acceptLanguage; // the browser's Accept-Language, for the pages for people
    QByteArray body;
    // An upload body read as it arrived (UploadMonitor), instead of `body`.
    std::shared_ptr<UploadBody> upload;
    bool closeConnection = false;

    QString param(QStringView name) const
    {
        const QString fromQuery = paramValue(query, name);
        return fromQuery.isEmpty() ? paramValue(form, name) : fromQuery;
    }
};

class SandboxServerPrivate
{
public:
    SandboxServerPrivate(SandboxServer *q, SandboxConfig config);

    void handle(const QHttpServerRequest &request, QTcpSocket *socket);
    // An upload whose body the monitor read into `body`.
    void handleStreamedUpload(const RequestHead &head, const std::shared_ptr<UploadBody> &body,
                              QTcpSocket *socket);
    void serve(const Incoming &in, QTcpSocket *socket);
    // Where uploaded files are kept; empty when there is nowhere.
    QString filesFolder() const;
    HeadDecision decideHead(const RequestHead &head);
    void respond(QTcpSocket *socket, const Incoming &in, HttpResponse response,
                 std::chrono::milliseconds delay = {});

    void handleApi(const Incoming &in, QTcpSocket *socket);
    HttpResponse createToken(const Incoming &in);
    HttpResponse upload(const Incoming &in, bool *stored);
    HttpResponse printStatus(const Incoming &in);
    bool keyMatches(const QString &key) const { return !key.isEmpty() && key == config.apiKey; }

    HttpResponse tokenPage(const Incoming &in) const;
    HttpResponse sandboxTokenStatus(const Incoming &in) const;
    HttpResponse sandboxPrint(const Incoming &in);
    HttpResponse sandboxFaults(const Incoming &in);
    HttpResponse sandboxStats(const Incoming &in) const;

    QJsonObject statusData(const TokenRecord &record) const;
    PrintStatus statusOf(const TokenRecord &record) const
    {
        return record.simulation.statusAt(clock());
    }
    void reportFault(const QString &description);

    // The state folder (SandboxState): what another process saved since, then the prints
    // whose automatic start came due meanwhile. `force` re-reads even an unchanged file.
    void syncFromDisk(bool force = false);
    // Writes the state after a change (no-op without a state folder).
    void persist();
    // Whether the token is known here, re-reading the saved state once when it is not.
    bool knows(const QString &token);
    // Starts the prints whose automatic start time has passed, at that time: a console closed
    // meanwhile finds them as far along as their clock says. True when one started.
    bool settleDuePrints();
    // Starts the print of `it` at `startMs` on the sandbox's clock.
    void beginPrint(TokenRecord &record, const QString &printerModel, qint64 startMs);
    // Where the token links point: this server, or the owner of the shared state folder.
    QUrl linkBaseUrl() const;
    // A listener that hands every request head to decideHead() and speaks TLS on demand.
    std::unique_ptr<UploadMonitor> makeMonitor();
    // A sandbox that does not own its state folder: takes it over, and serves the folder's
    // port too, once the owner has ended.
    void tryTakeOver();
    // The TLS setup of the plan's `tls` mode; nullopt while TLS is off.
    std::optional<QSslConfiguration> tlsConfiguration() const;

    SandboxServer *q;
    SandboxConfig config;
    QTemporaryDir storage;
    std::unique_ptr<SandboxState> state; // null: in memory only, files in `storage`
    std::optional<QUrl> movedFrom;
    QTimer takeOverTimer;
    QHash<QString, TokenRecord> tokens;
    FaultDice dice;
    QElapsedTimer elapsed;
    std::function<qint64()> clock;
    int totalRequests = 0;
    quint16 port = 0;
    QString errorString;
    std::unique_ptr<HttpFrontEnd> http; // last: destroyed first, with every socket
};

} // namespace pc
