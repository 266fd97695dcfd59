// The sandbox server: a loopback stand-in for the Design Streaming api3 service (API.md).
//
// HTTP status choices (the real service's codes are not documented; these are ours):
//  - a wrong or missing api_key: HTTP 401 with the error envelope, description
//    "Invalid API key" (the console maps 401 to "API key rejected", RELIABILITY.md);
//  - a missing parameter, an unknown token, a second upload to the same token, or a
//    parameter with an unusable value: HTTP 200 with the error envelope
//    ({"status":{"code":"error",...}}), the way the real service reports its errors;
//  - a body that is not multipart/form-data or is malformed: HTTP 400 with the envelope;
//  - a body larger than SandboxConfig::maxUploadBytes: HTTP 413 with the envelope, refused
//    from its Content-Length before the body arrives (UploadMonitor), then closed;
//  - an unknown /api3/ resource: 404; an upload that is not a POST: 405 (with the envelope);
//  - the file could not be stored: 500.
//
// Faults (FaultPlan, off by default) are decided before anything else, like a proxy in
// front of the service. A stall, a 5xx, a 4xx, a 429 and an injected error envelope answer
// without processing the request; a malformed answer processes it and then bends the answer
// (cut short, an HTML page, empty, values of the wrong type, nulls, 10 MB);
// drop-after-upload processes the upload (storing the file when it is acceptable) and then
// closes the connection without an answer; drop-upload closes the connection part-way
// through the body, and stall-upload stops reading it there, so nothing is stored.
//
// TLS is off by default: ssl_token_link is then the same http:// link as token_link. With
// the plan's `tls` mode every connection speaks TLS with one of the test certificates of
// sandboxtls.h, and both links are https.
//
// Qt 6.4's QAbstractHttpServer is subclassed and the answers are written on the socket by
// hand (httpwire), which lets a fault delay, truncate or withhold any of them. Upload bodies
// never reach it (it would hold each one in memory several times over): the UploadMonitor
// reads them as they arrive into an UploadBody, which writes the file part straight to disk.
// Only a chunked body, which the monitor cannot follow, still goes through the server.

#include "sandbox/sandboxserver_p.h"

#include "common/redaction.h"
#include "sandbox/multipartparser.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/sandboxtls.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace pc {

namespace sandbox {

HttpResponse missingParameter(const QString &name)
{
    return errorResponse(200, u"Missing parameter"_s, u"The parameter %1 is required."_s.arg(name));
}

HttpResponse invalidParameter(const QString &name, const QString &why)
{
    return errorResponse(200, u"Invalid parameter"_s, name + u": "_s + why);
}

HttpResponse invalidKey()
{
    return errorResponse(401, u"Invalid API key"_s,
                         u"The api_key parameter is missing or not a valid partner key."_s);
}

} // namespace sandbox

namespace {

constexpr QStringView kTokenPath = u"/api3/api_create_partner_token";
constexpr QStringView kUploadPath = u"/api3/api_upload_partner_stl";
constexpr QStringView kStatusPath = u"/api3/api_get_partner_print_status";

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &byte : raw)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

constexpr qsizetype kHugeBodyBytes = qsizetype(10) << 20;

// Every value in `value` (recursively) replaced by null.
QJsonValue nulled(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            *it = nulled(*it);
        return object;
    }
    return QJsonValue(QJsonValue::Null);
}

// A malformed answer made from the real one: the same request was processed, then a broken
// proxy or service bent what went back.
HttpResponse malformedAnswer(HttpResponse response, FaultPlan::BadBody kind)
{
    response.status = 200;
    response.contentType = QByteArrayLiteral("application/json");
    QJsonObject root = QJsonDocument::fromJson(response.body).object();
    switch (kind) {
    case FaultPlan::BadBody::Truncated:
        response.body.truncate(std::max<qsizetype>(1, response.body.size() / 2));
        break;
    case FaultPlan::BadBody::Html:
        response = htmlResponse(200, u"<!DOCTYPE html><html><head><title>Sign in to the "
                                     "network</title></head><body><p>Please accept the terms "
                                     "of use to continue.</p></body></html>"_s);
        break;
    case FaultPlan::BadBody::Empty:
        response.body.clear();
        break;
    case FaultPlan::BadBody::WrongTypes: {
        // Scalars become arrays: {"token":["0f3a..."]}.
        QJsonObject data = root.value(u"data"_s).toObject();
        for (auto it = data.begin(); it != data.end(); ++it)
            *it = QJsonArray{*it};
        root.insert(u"data"_s, data);
        response.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
        break;
    }
    case FaultPlan::BadBody::Nulls:
        response.body = QJsonDocument(nulled(root).toObject()).toJson(QJsonDocument::Compact);
        break;
    case FaultPlan::BadBody::Huge:
        // Still valid JSON: the answer followed by blanks, 10 MB in all.
        response.body.append(
            QByteArray(std::max<qsizetype>(0, kHugeBodyBytes - response.body.size()), ' '));
        break;
    }
    return response;
}

// A stable 64-bit seed from a token (its first 16 hex digits).
quint64 seedOf(const QString &token)
{
    bool ok = false;
    const quint64 seed = token.left(16).toULongLong(&ok, 16);
    return ok ? seed : quint64(qHash(token));
}

} // namespace

SandboxServerPrivate::SandboxServerPrivate(SandboxServer *q, SandboxConfig config)
    : q(q)
    , config(std::move(config))
    , storage(QDir::tempPath() + u"/partner-console-sandbox-XXXXXX"_s)
{
    dice.setPlan(this->config.faults);
    elapsed.start();
    // Wall time that never steps back while the server lives: saved prints stay comparable
    // across runs, and a clock set back meanwhile does not rewind a running print.
    const qint64 anchor = QDateTime::currentMSecsSinceEpoch();
    clock = [this, anchor] { return anchor + elapsed.elapsed(); };

    if (!this->config.stateFolder.isEmpty()) {
        state = std::make_unique<SandboxState>(this->config.stateFolder);
        if (state->prepare()) {
            state->reload(tokens, true);
            qCInfo(lcSandbox).noquote()
                << "sandbox state in" << state->folder() << "with" << tokens.size() << "token(s)";
        } else {
            qCWarning(lcSandbox).noquote()
                << "The sandbox cannot keep its state:" << state->errorString()
                << "- it runs in memory";
            state.reset();
        }
    }
    if (this->config.apiKey.isEmpty()) {
        // One key per state folder, kept with the state (mode 600), so that every process on
        // the folder and every run accept the same one; a random one in memory otherwise.
        this->config.apiKey = state && !state->apiKey().isEmpty()
                                  ? state->apiKey()
                                  : u"sandbox-"_s + randomHex(12) + u"=="_s;
        if (state && state->apiKey().isEmpty()) {
            state->setApiKey(this->config.apiKey);
            state->save(tokens);
        }
    }
}

void SandboxServerPrivate::syncFromDisk(bool force)
{
    if (state)
        state->reload(tokens, force);
    if (settleDuePrints())
        persist();
}

void SandboxServerPrivate::persist()
{
    if (state)
        state->save(tokens);
}

bool SandboxServerPrivate::knows(const QString &token)
{
    if (tokens.contains(token))
        return true;
    if (!state)
        return false;
    syncFromDisk(true);
    return tokens.contains(token);
}

bool SandboxServerPrivate::settleDuePrints()
{
    if (!state)
        return false; // in memory, the timer set at the upload starts it
    bool started = false;
    const qint64 now = clock();
    for (TokenRecord &record : tokens) {
        if (record.uploaded && !record.simulation.isStarted() && record.autoPrintAtMs >= 0 &&
            record.autoPrintAtMs <= now) {
            beginPrint(record, QString(), record.autoPrintAtMs);
            started = true;
        }
    }
    return started;
}

void SandboxServerPrivate::beginPrint(TokenRecord &record, const QString &printerModel,
                                      qint64 startMs)
{
    const quint64 seed = seedOf(record.token);
    const QStringList models = PrintSimulation::printerModels();
    const QString model = printerModel.trimmed().isEmpty()
                              ? models.at(qsizetype((seed >> 32) % quint64(models.size())))
                              : printerModel.trimmed();
    bool succeeds = true;
    switch (config.outcome) {
    case PrintOutcome::Success:
        break;
    case PrintOutcome::Failure:
        succeeds = false;
        break;
    case PrintOutcome::Random:
        succeeds = (seed >> 40) % 100 < 85;
        break;
    }
    record.simulation = PrintSimulation(
        PrintSimulation::makePlan(seed, record.size, model, succeeds), startMs, config.speed);
    qCDebug(lcSandbox).noquote() << "print started for token" << record.token << "on" << model;
    Q_EMIT q->printStarted(record.token);
}

QUrl SandboxServerPrivate::linkBaseUrl() const
{
    QUrl url = q->serverUrl();
    // The folder's port: this server's own when it owns the folder, else the owner's, the one
    // that outlives this process (and that this one serves too should it take over).
    if (state && state->rememberedPort() != 0)
        url.setPort(state->rememberedPort());
    return url;
}

std::unique_ptr<UploadMonitor> SandboxServerPrivate::makeMonitor()
{
    auto monitor = std::make_unique<UploadMonitor>();
    monitor->setDecider([this](const RequestHead &head) { return decideHead(head); });
    monitor->setTlsSelector([this] { return tlsConfiguration(); });
    return monitor;
}

void SandboxServerPrivate::tryTakeOver()
{
    if (!state || !http)
        return;
    syncFromDisk(); // the port the owner recorded (read while this one is not the owner)
    if (!state->claimOwnership())
        return;
    takeOverTimer.stop();
    const quint16 folderPort = state->rememberedPort();
    if (folderPort != 0 && folderPort != port) {
        std::unique_ptr<UploadMonitor> monitor = makeMonitor();
        if (monitor->listen(QHostAddress::LocalHost, folderPort)) {
            http->bind(monitor.release()); // served besides this server's own port
            qCInfo(lcSandbox).noquote() << "the sandbox that served port" << folderPort
                                        << "of the folder ended; this one serves it now";
            return;
        }
        qCWarning(lcSandbox).noquote()
            << "the sandbox that served port" << folderPort << "of the folder ended and the port"
            << "is taken:" << monitor->errorString() << "- links to it stay unanswered until the"
            << "console is started again; new links name port" << port;
    }
    state->setPort(port);
    persist();
}

void SandboxServerPrivate::respond(QTcpSocket *socket, const Incoming &in, HttpResponse response,
                                   std::chrono::milliseconds delay)
{
    response.closeConnection = response.closeConnection || in.closeConnection;
    if (delay.count() <= 0) {
        writeResponse(socket, response);
        return;
    }
    const QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(delay, Qt::PreciseTimer, socket, [guard, response] {
        if (guard)
            writeResponse(guard, response);
    });
}

void SandboxServerPrivate::reportFault(const QString &description)
{
    qCInfo(lcSandbox).noquote() << "fault injected:" << description;
    Q_EMIT q->faultInjected(description);
}

HeadDecision SandboxServerPrivate::decideHead(const RequestHead &head)
{
    HeadDecision decision;
    const bool isApi = head.path.startsWith("/api3/");
    if (head.problem == RequestHead::Problem::TooLarge) {
        decision.action = HeadDecision::Action::Reject;
        decision.response = errorResponse(431, u"Request Header Fields Too Large"_s,
                                          u"The request's head has no end within %1 bytes."_s.arg(
                                              QString::number(kMaxRequestHeadBytes)));
        return decision;
    }
    if (head.problem == RequestHead::Problem::BadContentLength) {
        decision.action = HeadDecision::Action::Reject;
        decision.response =
            errorResponse(400, u"Bad Content-Length"_s,
                          u"Content-Length must be a whole number of bytes from 0 to %1."_s.arg(
                              QString::number(std::numeric_limits<qint64>::max())));
        return decision;
    }
    if (head.contentLength > config.maxUploadBytes) {
        if (isApi)
            ++totalRequests;
        decision.action = HeadDecision::Action::Reject;
        decision.response = errorResponse(
            413, u"File too large"_s,
            u"The request body has %1 bytes; the service accepts at most %2."_s.arg(
                QString::number(head.contentLength), QString::number(config.maxUploadBytes)));
        return decision;
    }
    if (head.method == "POST" && head.path == kUploadPath.toLatin1() && head.contentLength > 0) {
        decision.bodyBytesPerSecond = dice.plan().uploadBytesPerSecond;
        if (const std::optional<qint64> at = dice.decideUploadDrop(head.contentLength)) {
            ++totalRequests;
            decision.action = HeadDecision::Action::DropAt;
            decision.dropAfterBodyBytes = *at;
            reportFault(u"drop upload after %1 of %2 body bytes"_s.arg(
                QString::number(*at), QString::number(head.contentLength)));
        } else if (const std::optional<qint64> stallAt =
                       dice.decideUploadStall(head.contentLength)) {
            ++totalRequests;
            decision.action = HeadDecision::Action::StallAt;
            decision.stallAfterBodyBytes = *stallAt;
            reportFault(u"stall upload after %1 of %2 body bytes"_s.arg(
                QString::number(*stallAt), QString::number(head.contentLength)));
        }
        // Read here as it arrives, the file part straight to disk: the HTTP server would
        // hold the whole body in memory several times over.
        auto body = std::make_shared<UploadBody>(head.contentType, filesFolder());
        decision.bodySlice = [body](QByteArrayView bytes) { body->append(bytes); };
        decision.bodyComplete = [this, head, body](QTcpSocket *socket) {
            handleStreamedUpload(head, body, socket);
        };
    }
    return decision;
}

void SandboxServerPrivate::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Incoming in;
    in.method = request.method();
    in.url = request.url();
    in.path = in.url.path();
    in.query = parseUrlEncoded(in.url.query(QUrl::FullyEncoded).toLatin1(), false);
    in.contentType = request.value(QByteArrayLiteral("content-type"));
    in.acceptLanguage = request.value(QByteArrayLiteral("accept-language"));
    in.body = request.body();
    in.closeConnection =
        request.value(QByteArrayLiteral("connection")).compare("close", Qt::CaseInsensitive) == 0;
    if (in.contentType.toLower().startsWith("application/x-www-form-urlencoded"))
        in.form = parseUrlEncoded(in.body, true);
    serve(in, socket);
}

void SandboxServerPrivate::handleStreamedUpload(const RequestHead &head,
                                                const std::shared_ptr<UploadBody> &body,
                                                QTcpSocket *socket)
{
    body->finish();
    Incoming in;
    in.method = head.method == "POST" ? QHttpServerRequest::Method::Post
                                      : QHttpServerRequest::Method::Unknown;
    const qsizetype query = head.target.indexOf('?');
    in.url.setPath(QString::fromUtf8(head.path), QUrl::TolerantMode);
    if (query >= 0)
        in.url.setQuery(QString::fromUtf8(head.target.sliced(query + 1)), QUrl::TolerantMode);
    in.path = in.url.path();
    in.query = parseUrlEncoded(in.url.query(QUrl::FullyEncoded).toLatin1(), false);
    in.contentType = head.contentType;
    in.closeConnection = head.closeConnection;
    in.upload = body;
    if (body->isFormUrlEncoded())
        in.form = parseUrlEncoded(body->formUrlEncoded(), true);
    serve(in, socket);
}

QString SandboxServerPrivate::filesFolder() const
{
    if (state)
        return QFileInfo(state->filePathFor(u"upload"_s)).absolutePath();
    return storage.isValid() ? storage.path() : QString();
}

void SandboxServerPrivate::serve(const Incoming &in, QTcpSocket *socket)
{
    // A chunked body escapes the Content-Length check of the upload monitor.
    if ((in.upload ? in.upload->size() : in.body.size()) > config.maxUploadBytes) {
        HttpResponse response = errorResponse(
            413, u"File too large"_s,
            u"The service accepts at most %1 bytes."_s.arg(QString::number(config.maxUploadBytes)));
        response.closeConnection = true;
        respond(socket, in, response);
        return;
    }

    syncFromDisk();
    if (in.path.startsWith(u"/api3/")) {
        handleApi(in, socket);
        return;
    }
    qCDebug(lcSandbox).noquote() << "sandbox request:" << in.path;
    if (in.path == u"/")
        respond(socket, in, tokenPage(in));
    else if (in.path == u"/sandbox/token-status")
        respond(socket, in, sandboxTokenStatus(in));
    else if (in.path == u"/sandbox/print")
        respond(socket, in, sandboxPrint(in));
    else if (in.path == u"/sandbox/faults")
        respond(socket, in, sandboxFaults(in));
    else if (in.path == u"/sandbox/stats")
        respond(socket, in, sandboxStats(in));
    else
        respond(socket, in,
                notFoundResponse(pageLanguage(in.acceptLanguage), MissingPage::NoSuchAddress));
}

void SandboxServerPrivate::handleApi(const Incoming &in, QTcpSocket *socket)
{
    ++totalRequests;
    if (lcSandbox().isDebugEnabled()) {
        QUrl target; // path and query only: the Host header carries no port
        target.setPath(in.path);
        target.setQuery(in.url.query(QUrl::FullyEncoded), QUrl::StrictMode);
        qCDebug(lcSandbox).noquote() << "api3 request:" << redactUrl(target);
    }

    FaultPlan::Call call = FaultPlan::TokenCall;
    QString callName;
    const QString path = in.path.endsWith(u'/') ? in.path.chopped(1) : in.path;
    if (path == kTokenPath) {
        call = FaultPlan::TokenCall;
        callName = u"token"_s;
    } else if (path == kUploadPath) {
        call = FaultPlan::UploadCall;
        callName = u"upload"_s;
        const auto it = tokens.find(in.param(u"token"));
        if (it != tokens.end())
            ++it->uploadRequests; // the whole body arrived; counted before any fault
    } else if (path == kStatusPath) {
        call = FaultPlan::StatusCall;
        callName = u"status"_s;
        const auto it = tokens.find(in.param(u"token"));
        if (it != tokens.end()) {
            // Counted as the request arrives, before any fault: the rule is about asking.
            ++it->statusRequests;
            const qint64 at = clock();
            if (it->lastStatusRequestMs >= 0) {
                const qint64 gap = at - it->lastStatusRequestMs;
                if (it->shortestStatusGapMs < 0 || gap < it->shortestStatusGapMs)
                    it->shortestStatusGapMs = gap;
            }
            it->lastStatusRequestMs = at;
        }
    } else {
        respond(socket, in,
                errorResponse(404, u"Unknown API call"_s,
                              u"There is no api3 resource %1."_s.arg(in.path)));
        return;
    }

    const FaultDecision fault = dice.decide(call);
    if (fault.isFault())
        reportFault(fault.describe(dice.plan()) + u" on the "_s + callName + u" call"_s);
    switch (fault.kind) {
    case FaultKind::Stall:
        return; // the socket stays open and unanswered
    case FaultKind::ServerError: {
        HttpResponse response = htmlErrorPage(dice.plan().serverErrorStatus);
        if (dice.plan().serverErrorStatus == 503 && dice.plan().retryAfterOn503)
            response.headers.append(
                {QByteArrayLiteral("Retry-After"), dice.plan().retryAfter.toUtf8()});
        respond(socket, in, response, fault.latency);
        return;
    }
    case FaultKind::ClientError: {
        const int status = dice.plan().clientErrorStatus;
        const QString description = status == 401   ? u"Invalid API key"_s
                                    : status == 403 ? u"Forbidden"_s
                                    : status == 413 ? u"File too large"_s
                                                    : u"Bad request"_s;
        respond(socket, in, errorResponse(status, description, u"Injected fault"_s), fault.latency);
        return;
    }
    case FaultKind::TooManyRequests: {
        HttpResponse response = errorResponse(429, u"Too many requests"_s,
                                              u"Injected fault: slow down and retry later."_s);
        response.headers.append(
            {QByteArrayLiteral("Retry-After"), dice.plan().retryAfter.toUtf8()});
        respond(socket, in, response, fault.latency);
        return;
    }
    case FaultKind::ErrorEnvelope:
        respond(socket, in, errorResponse(200, u"System error"_s, u"Injected fault"_s),
                fault.latency);
        return;
    default:
        break;
    }

    bool stored = false;
    HttpResponse response = call == FaultPlan::TokenCall    ? createToken(in)
                            : call == FaultPlan::UploadCall ? upload(in, &stored)
                                                            : printStatus(in);
    if (fault.kind == FaultKind::MalformedJson)
        response = malformedAnswer(response, dice.plan().malformedAs);
    if (fault.kind == FaultKind::DropAfterUpload) {
        // Processed (the file stored if it was acceptable); the client never hears about it.
        qCInfo(lcSandbox) << "dropping the connection after the upload was"
                          << (stored ? "stored" : "refused");
        socket->abort();
        return;
    }
    respond(socket, in, response, fault.latency);
}

HttpResponse SandboxServerPrivate::createToken(const Incoming &in)
{
    if (!keyMatches(in.param(u"api_key")))
        return invalidKey();
    QString token;
    do {
        token = randomHex(16);
    } while (tokens.contains(token));
    TokenRecord record;
    record.token = token;
    record.createdAt = QDateTime::currentDateTimeUtc();
    tokens.insert(token, record);
    persist();
    qCDebug(lcSandbox).noquote() << "token created:" << token;
    Q_EMIT q->tokenCreated(token);
    return jsonResponse(200, okEnvelope({{u"token"_s, token}}));
}

HttpResponse SandboxServerPrivate::upload(const Incoming &in, bool *stored)
{
    if (in.method != QHttpServerRequest::Method::Post)
        return errorResponse(405, u"Method not allowed"_s,
                             u"The upload must be a POST with a multipart/form-data body."_s);
    std::shared_ptr<UploadBody> body = in.upload;
    if (!body) { // a chunked body, which the HTTP server read
        body = std::make_shared<UploadBody>(in.contentType, filesFolder());
        body->append(in.body);
        body->finish();
    }
    const std::optional<MultipartForm> &form = body->form();
    const QString parseError = body->errorString();
    const auto param = [&](QStringView name) {
        const QString value = in.param(name);
        return value.isEmpty() && form ? form->field(name) : value;
    };

    if (!keyMatches(param(u"api_key")))
        return invalidKey();
    if (!form)
        return errorResponse(400, u"Malformed multipart body"_s, parseError);

    const QString token = param(u"token").trimmed();
    if (token.isEmpty())
        return missingParameter(u"token"_s);
    knows(token);
    const auto it = tokens.find(token);
    if (it == tokens.end())
        return errorResponse(200, u"Unknown token"_s,
                             u"No transaction has the token %1."_s.arg(token));
    if (it->uploaded)
        return errorResponse(200, u"Token already used"_s,
                             u"A design was already uploaded for the token %1."_s.arg(token));

    const QString email = param(u"receiver_email").trimmed();
    const QString printValue = param(u"print_value").trimmed();
    QString currency = param(u"print_value_currency").trimmed();
    const MultipartPart *file = form->part(u"stl_file");
    if (email.isEmpty())
        return missingParameter(u"receiver_email"_s);
    if (!file)
        return missingParameter(u"stl_file"_s);
    if (printValue.isEmpty())
        return missingParameter(u"print_value"_s);
    if (currency.isEmpty())
        currency = u"USD"_s;

    static const QRegularExpression emailPattern(uR"(^[^@\s]+@[^@\s]+$)"_s);
    static const QRegularExpression decimalPattern(uR"(^\d{1,12}(\.\d{1,6})?$)"_s);
    static const QRegularExpression currencyPattern(uR"(^[A-Z]{3}$)"_s);
    if (!emailPattern.match(email).hasMatch())
        return invalidParameter(u"receiver_email"_s, u"not an email address"_s);
    if (!decimalPattern.match(printValue).hasMatch())
        return invalidParameter(u"print_value"_s, u"not a plain decimal number such as 10.56"_s);
    if (!currencyPattern.match(currency).hasMatch())
        return invalidParameter(u"print_value_currency"_s, u"not an ISO 4217 code such as USD"_s);
    if (body->fileSize() == 0)
        return invalidParameter(u"stl_file"_s, u"the file is empty"_s);

    const QString path = state ? state->filePathFor(token) : storage.filePath(token + u".stl"_s);
    QString storeError;
    if ((!state && !storage.isValid()) || !body->storeFile(path, &storeError)) {
        qCWarning(lcSandbox).noquote() << "cannot store an upload:" << storeError;
        return errorResponse(500, u"System error"_s, u"The file could not be stored."_s);
    }

    it->uploaded = true;
    it->fileName = file->fileName.isEmpty() ? u"design.stl"_s : file->fileName;
    it->size = body->fileSize();
    it->filePath = path;
    it->receiverEmail = email;
    it->printValue = printValue;
    it->currency = currency;
    it->partnerJobId = param(u"partner_job_id").trimmed();
    it->uploadedAt = QDateTime::currentDateTimeUtc();
    *stored = true;
    qCDebug(lcSandbox).noquote() << "stored" << it->size << "bytes for token" << token;

    if (config.autoPrintSeconds) {
        const auto delay = std::chrono::milliseconds(qint64(*config.autoPrintSeconds * 1000.0));
        // Saved too: a process that ends first leaves the start to the next one (settled).
        it->autoPrintAtMs = clock() + delay.count();
        QTimer::singleShot(delay, q, [this, token] { q->startPrint(token); });
    }
    persist();
    Q_EMIT q->fileUploaded(token, it->fileName, it->size);

    // One link for both: plain http, or https while the plan speaks TLS.
    const QString link = linkBaseUrl().toString() + u"?token="_s + token;
    return jsonResponse(200, okEnvelope({{u"token_link"_s, link}, {u"ssl_token_link"_s, link}}));
}

HttpResponse SandboxServerPrivate::printStatus(const Incoming &in)
{
    if (!keyMatches(in.param(u"api_key")))
        return invalidKey();
    const QString token = in.param(u"token").trimmed();
    if (token.isEmpty())
        return missingParameter(u"token"_s);
    knows(token);
    const auto it = tokens.constFind(token);
    if (it == tokens.cend())
        return errorResponse(200, u"Unknown token"_s,
                             u"No transaction has the token %1."_s.arg(token));
    QJsonObject data = PrintSimulation::toWireData(statusOf(*it));
    if (const QString &value = dice.plan().statusValue; !value.isEmpty()) {
        data.insert(u"printing_job_status"_s, value);
        data.insert(u"printing_job_status_name"_s, value);
    }
    return jsonResponse(200, okEnvelope(data));
}

std::optional<QSslConfiguration> SandboxServerPrivate::tlsConfiguration() const
{
    const FaultPlan::Tls mode = dice.plan().tls;
    if (mode == FaultPlan::Tls::Off)
        return std::nullopt;
    const QByteArray pem = mode == FaultPlan::Tls::WrongHost
                               ? QByteArray(kWrongHostCertificatePem)
                               : QByteArray(kSelfSignedCertificatePem);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(pem, QSsl::Pem));
    tls.setPrivateKey(QSslKey(QByteArray(kTlsPrivateKeyPem), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

QJsonObject SandboxServerPrivate::statusData(const TokenRecord &record) const
{
    const PrintStatus status = statusOf(record);
    QJsonObject data = PrintSimulation::toWireData(status);
    data.insert(u"print_started"_s, record.simulation.isStarted());
    data.insert(u"final"_s, isFinal(status.status));
    if (record.uploaded) {
        data.insert(u"upload"_s,
                    QJsonObject{{u"file_name"_s, record.fileName},
                                {u"size"_s, double(record.size)},
                                {u"receiver_email"_s, record.receiverEmail},
                                {u"print_value"_s, record.printValue},
                                {u"print_value_currency"_s, record.currency},
                                {u"partner_job_id"_s, record.partnerJobId},
                                {u"uploaded_at"_s, record.uploadedAt.toString(Qt::ISODate)}});
    }
    return data;
}

SandboxServer::SandboxServer(SandboxConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<SandboxServerPrivate>(this, std::move(config)))
{}

QString SandboxServer::stateFolderOf(const QString &dataFolder)
{
    return QDir(dataFolder).filePath(u"sandbox"_s);
}

SandboxServer::~SandboxServer()
{
    d->http.reset(); // close every connection while the rest of the state still exists
}

bool SandboxServer::listen(quint16 port)
{
    if (d->http) {
        d->errorString = u"The sandbox is already listening on port %1."_s.arg(d->port);
        return false;
    }
    std::unique_ptr<UploadMonitor> monitor = d->makeMonitor();
    // With a state folder, the owner takes the port of the last run again: the links stored
    // for its tokens name it.
    const bool owner = d->state && d->state->claimOwnership();
    const quint16 remembered = owner ? d->state->rememberedPort() : 0;
    const bool rebinding = port == 0 && remembered != 0;
    if (!monitor->listen(QHostAddress::LocalHost, rebinding ? remembered : port)) {
        if (rebinding) {
            qCInfo(lcSandbox).noquote()
                << "the sandbox's port of the last run," << remembered
                << "is taken:" << monitor->errorString() << "- taking another one";
        }
        if (!rebinding || !monitor->listen(QHostAddress::LocalHost, 0)) {
            d->errorString = u"Cannot listen on 127.0.0.1:%1: %2"_s.arg(QString::number(port),
                                                                        monitor->errorString());
            qCWarning(lcSandbox).noquote() << d->errorString;
            if (owner)
                d->state->releaseOwnership(); // another sandbox of the folder may serve it
            return false;
        }
    }
    d->port = monitor->serverPort();
    if (owner && remembered != d->port) {
        if (remembered != 0) {
            QUrl previous = serverUrl();
            previous.setPort(remembered);
            d->movedFrom = previous;
        }
        d->state->setPort(d->port);
        d->state->save(d->tokens);
    }
    d->errorString.clear();
    d->http =
        std::make_unique<HttpFrontEnd>([this](const QHttpServerRequest &request,
                                              QTcpSocket *socket) { d->handle(request, socket); });
    d->http->bind(monitor.release()); // the HTTP server adopts it
    qCInfo(lcSandbox).noquote() << "sandbox listening on" << serverUrl().toString();
    if (d->state && !owner) {
        // Another sandbox serves the folder's port. Should it end first, this one takes the
        // port over, so the links it handed out meanwhile keep working.
        d->takeOverTimer.setInterval(std::chrono::seconds(2));
        QObject::connect(&d->takeOverTimer, &QTimer::timeout, this, [this] { d->tryTakeOver(); });
        d->takeOverTimer.start();
    }
    if (d->state) {
        // Prints that came due while no sandbox ran start at their time; the others at theirs.
        d->syncFromDisk();
        const qint64 now = d->clock();
        for (const TokenRecord &record : std::as_const(d->tokens)) {
            if (record.uploaded && !record.simulation.isStarted() && record.autoPrintAtMs > now)
                QTimer::singleShot(std::chrono::milliseconds(record.autoPrintAtMs - now), this,
                                   [this, token = record.token] { startPrint(token); });
        }
    }
    return true;
}

std::optional<QUrl> SandboxServer::previousServerUrl() const
{
    return d->movedFrom;
}

QString SandboxServer::stateFolder() const
{
    return d->state ? d->state->folder() : QString();
}

bool SandboxServer::ownsStateFolder() const
{
    return d->state && d->state->isOwner();
}

bool SandboxServer::isListening() const
{
    return d->http != nullptr;
}

QString SandboxServer::errorString() const
{
    return d->errorString;
}

quint16 SandboxServer::port() const
{
    return d->port;
}

QUrl SandboxServer::serverUrl() const
{
    QUrl url;
    url.setScheme(d->dice.plan().tls == FaultPlan::Tls::Off ? u"http"_s : u"https"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(d->port);
    url.setPath(u"/"_s);
    return url;
}

QUrl SandboxServer::apiBaseUrl() const
{
    QUrl url = serverUrl();
    url.setPath(u"/api3/"_s);
    return url;
}

QString SandboxServer::apiKey() const
{
    return d->config.apiKey;
}

const SandboxConfig &SandboxServer::config() const
{
    return d->config;
}

void SandboxServer::setFaultPlan(const FaultPlan &plan)
{
    d->dice.setPlan(plan);
    d->config.faults = plan;
    qCInfo(lcSandbox).noquote() << "fault plan:" << (plan.isActive() ? plan.toSpec() : u"off"_s);
}

FaultPlan SandboxServer::faultPlan() const
{
    return d->dice.plan();
}

void SandboxServer::setOutcome(PrintOutcome outcome)
{
    d->config.outcome = outcome;
}

void SandboxServer::setSpeed(double speed)
{
    if (speed > 0)
        d->config.speed = speed;
}

void SandboxServer::setAutoPrintSeconds(std::optional<double> seconds)
{
    d->config.autoPrintSeconds = seconds && *seconds >= 0 ? seconds : std::nullopt;
}

bool SandboxServer::startPrint(const QString &token, const QString &printerModel)
{
    d->knows(token);
    const auto it = d->tokens.find(token);
    if (it == d->tokens.end() || !it->uploaded || it->simulation.isStarted())
        return false;
    d->beginPrint(*it, printerModel, d->clock());
    d->persist();
    return true;
}

bool SandboxServer::hasToken(const QString &token) const
{
    return d->tokens.contains(token);
}

int SandboxServer::uploadCount(const QString &token) const
{
    const auto it = d->tokens.constFind(token);
    return it != d->tokens.cend() && it->uploaded ? 1 : 0;
}

int SandboxServer::statusRequestCount(const QString &token) const
{
    const auto it = d->tokens.constFind(token);
    return it != d->tokens.cend() ? it->statusRequests : 0;
}

int SandboxServer::uploadRequestCount(const QString &token) const
{
    const auto it = d->tokens.constFind(token);
    return it != d->tokens.cend() ? it->uploadRequests : 0;
}

std::optional<StoredUpload> SandboxServer::storedUpload(const QString &token) const
{
    const auto it = d->tokens.constFind(token);
    if (it == d->tokens.cend() || !it->uploaded)
        return std::nullopt;
    return StoredUpload{it->fileName,   it->size,     it->receiverEmail,
                        it->printValue, it->currency, it->partnerJobId};
}

std::optional<std::chrono::milliseconds>
SandboxServer::shortestStatusInterval(const QString &token) const
{
    const auto it = d->tokens.constFind(token);
    if (it == d->tokens.cend() || it->shortestStatusGapMs < 0)
        return std::nullopt;
    return std::chrono::milliseconds(it->shortestStatusGapMs);
}

int SandboxServer::totalRequestCount() const
{
    return d->totalRequests;
}

std::optional<PrintStatus> SandboxServer::currentStatus(const QString &token) const
{
    d->syncFromDisk();
    const auto it = d->tokens.constFind(token);
    if (it == d->tokens.cend())
        return std::nullopt;
    return d->statusOf(*it);
}

QString SandboxServer::storedFilePath(const QString &token) const
{
    const auto it = d->tokens.constFind(token);
    return it != d->tokens.cend() ? it->filePath : QString();
}

void SandboxServer::setClockForTesting(std::function<qint64()> monotonicMsecs)
{
    if (monotonicMsecs)
        d->clock = std::move(monotonicMsecs);
}

} // namespace pc
