#include "api/apijob.h"

#include "api/apilogging.h"
#include "api/retryafter.h"
#include "api/uploadbodydevice.h"
#include "common/redaction.h"

#include <QDateTime>
#include <QNetworkReply>
#include <QSslError>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// More than the kernel's socket buffers of both ends can hold on Linux by default
// (tcp_wmem 4 MiB + tcp_rmem 6 MiB).
constexpr qint64 kSocketBufferAllowance = qint64(12) << 20;

} // namespace

ApiError errorFromNetworkError(int networkError, const QString &errorString)
{
    using NR = ApiError::NetworkReason;
    switch (QNetworkReply::NetworkError(networkError)) {
    case QNetworkReply::ConnectionRefusedError:
        return ApiError::network(NR::ConnectionRefused, errorString);
    case QNetworkReply::RemoteHostClosedError:
    // Closed before an answer, and the body was not sent again (UploadBodyDevice).
    case QNetworkReply::ContentReSendError:
        return ApiError::network(NR::ConnectionClosed, errorString);
    case QNetworkReply::HostNotFoundError:
        return ApiError::network(NR::HostNotFound, errorString);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return ApiError::network(NR::Offline, errorString);
    case QNetworkReply::TimeoutError:
        return ApiError::timeout(std::chrono::milliseconds(0));
    case QNetworkReply::SslHandshakeFailedError:
        return ApiError::tls(errorString);
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::ProtocolFailure:
        return ApiError::protocol(errorString);
    case QNetworkReply::OperationCanceledError:
        return ApiError::aborted();
    default:
        return ApiError::network(NR::Other, errorString);
    }
}

ApiJob::ApiJob(const ServiceEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(m_endpoint.idleTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &ApiJob::onIdleTimeout);
    m_answerTimer.setSingleShot(true);
    m_answerTimer.setInterval(m_endpoint.answerTimeout);
    connect(&m_answerTimer, &QTimer::timeout, this, &ApiJob::onAnswerTimeout);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::start(QNetworkReply *reply, const QUrl &url)
{
    m_reply = reply;
    m_redactedUrl = redactUrl(url);
    qCDebug(lcApi) << "request" << m_redactedUrl;
    connect(reply, &QNetworkReply::readyRead, this, &ApiJob::onReadyRead);
    connect(reply, &QNetworkReply::metaDataChanged, this, &ApiJob::onMetaDataChanged);
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onFinished);
    connect(reply, &QNetworkReply::uploadProgress, this, &ApiJob::onUploadProgress);
    connect(reply, &QNetworkReply::downloadProgress, this, [this] {
        m_idleTimer.start();
        if (!m_answerTimer.isActive() && !m_finished)
            m_answerTimer.start();
    });
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: the handshake fails and the request (and the key) is not sent.
        for (const QSslError &error : errors)
            m_tlsErrors.append(error.errorString());
    });
    m_idleTimer.start();
}

// Upload progress counts bytes handed to the socket, and the kernel's buffers on both ends
// can hold megabytes (a small file entirely). Once the whole body is handed over, a slow line
// may need a long time to drain them with no progress to report, so the wait for the answer
// is stretched by the time those bytes take at the slowest line the endpoint allows for: a
// slow but moving upload does not time out, a stalled one still does.
void ApiJob::onUploadProgress(qint64 sent, qint64 total)
{
    if (sent == 0 && total == 0 && m_uploadReported)
        return; // QNetworkReply's report as it finishes, not a step of the body
    m_uploadReported = true;
    m_bodyBytesSent = std::max(m_bodyBytesSent, sent);
    std::chrono::milliseconds interval = m_endpoint.idleTimeout;
    if (total > 0 && sent >= total && m_endpoint.slowestLineBytesPerSecond > 0) {
        const qint64 buffered = std::min(sent, kSocketBufferAllowance);
        interval +=
            std::chrono::milliseconds(buffered * 1000 / m_endpoint.slowestLineBytesPerSecond);
    }
    m_idleTimer.setInterval(interval);
    m_idleTimer.start();
    Q_EMIT uploadProgress(sent, total);
}

void ApiJob::failLater(const ApiError &error)
{
    QTimer::singleShot(0, this, [this, error] { finishWith(error); });
}

void ApiJob::abort()
{
    if (m_finished)
        return;
    m_aborted = true;
    if (m_reply)
        m_reply->abort();
    else
        finishWith(ApiError::aborted());
}

void ApiJob::onReadyRead()
{
    m_idleTimer.start();
    const qint64 room = m_endpoint.maxResponseBytes + 1 - m_body.size();
    m_body += m_reply->read(std::max<qint64>(room, 0));
    if (m_body.size() > m_endpoint.maxResponseBytes) {
        m_oversized = true;
        m_reply->abort();
    }
}

void ApiJob::onMetaDataChanged()
{
    if (!m_answerTimer.isActive() && !m_finished)
        m_answerTimer.start();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_endpoint.maxResponseBytes) {
        m_oversized = true;
        m_reply->abort();
    }
}

void ApiJob::onIdleTimeout()
{
    if (!m_reply || m_finished)
        return;
    qCInfo(lcApi) << "no data moved for" << m_idleTimer.interval() << "ms, aborting"
                  << m_redactedUrl;
    m_timedOut = true;
    m_reply->abort();
}

void ApiJob::onAnswerTimeout()
{
    if (!m_reply || m_finished)
        return;
    qCInfo(lcApi) << "the answer did not complete within" << m_answerTimer.interval()
                  << "ms, aborting" << m_redactedUrl;
    m_answerTooSlow = true;
    m_reply->abort();
}

void ApiJob::onFinished()
{
    m_idleTimer.stop();
    m_answerTimer.stop();
    QNetworkReply *reply = m_reply;
    if (!reply || m_finished)
        return;
    if (reply->bytesAvailable() > 0 && !m_oversized)
        onReadyRead();

    if (m_oversized) {
        finishWith(ApiError::protocol(
            u"the response is larger than %1 KiB"_s.arg(m_endpoint.maxResponseBytes / 1024)));
        return;
    }
    if (m_timedOut) {
        finishWith(ApiError::timeout(m_endpoint.idleTimeout));
        return;
    }
    if (m_answerTooSlow) {
        finishWith(ApiError::slowAnswer(m_endpoint.answerTimeout));
        return;
    }
    if (m_aborted) {
        finishWith(ApiError::aborted());
        return;
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttribute.isValid()) {
        const int status = statusAttribute.toInt();
        // An answer cut off before its Content-Length is a broken connection, not a short
        // (or empty) body to parse.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const bool cutOff = (length.isValid() && m_body.size() < length.toLongLong()) ||
                            reply->error() == QNetworkReply::RemoteHostClosedError;
        if (cutOff && status >= 200 && status < 300) {
            finishWith(ApiError::network(
                ApiError::NetworkReason::ConnectionClosed,
                u"the answer ended after %1 of %2 bytes (HTTP %3)"_s.arg(m_body.size())
                    .arg(length.isValid() ? length.toString() : u"?"_s)
                    .arg(status)));
            return;
        }
        if (status >= 200 && status < 300) {
            finishWithBody(m_body);
            return;
        }
        const QString reason =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        std::optional<std::chrono::seconds> retryAfter;
        if (reply->hasRawHeader("Retry-After"))
            retryAfter =
                parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        // An error page may still carry the service's envelope with a description.
        const ResponseParser::Envelope envelope = ResponseParser::parseEnvelope(m_body);
        finishWith(ApiError::http(status, reason, envelope.error.serviceDescription, retryAfter));
        return;
    }

    if (reply->error() == QNetworkReply::SslHandshakeFailedError || !m_tlsErrors.isEmpty()) {
        const QString detail =
            m_tlsErrors.isEmpty() ? reply->errorString() : m_tlsErrors.join(u"; "_s);
        finishWith(ApiError::tls(detail));
        return;
    }
    ApiError error = errorFromNetworkError(reply->error(), reply->errorString());
    if (error.kind == ApiError::Kind::Network &&
        error.networkReason == ApiError::NetworkReason::Other && m_bodyBytesSent > 0) {
        // A connection reset while the body was going out surfaces as an unknown network
        // error. The service was reached, and may even have the whole body: a lost connection
        // (retried with a bounded count, verified before re-sending), not an unreachable
        // service to wait for.
        error = ApiError::network(ApiError::NetworkReason::ConnectionClosed, reply->errorString());
    }
    finishWith(error);
}

void ApiJob::finishWith(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    qCInfo(lcApi).noquote() << "request failed:" << ApiError::kindName(error.kind) << error.detail
                            << m_redactedUrl;
    handleError(error);
    complete();
}

void ApiJob::finishWithBody(const QByteArray &body)
{
    if (m_finished)
        return;
    m_finished = true;
    handleBody(body);
    complete();
}

void ApiJob::complete()
{
    m_idleTimer.stop();
    m_answerTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    deleteLater();
}

void CreateTokenJob::handleBody(const QByteArray &body)
{
    Q_EMIT finished(ResponseParser::parseToken(body));
}

void CreateTokenJob::handleError(const ApiError &error)
{
    Q_EMIT finished(TokenResult{error, {}});
}

std::optional<ApiError> UploadJob::bodyProblem() const
{
    if (!m_body || m_body->problem().isEmpty())
        return std::nullopt;
    return ApiError::fileProblem(m_body->problem());
}

void UploadJob::handleBody(const QByteArray &body)
{
    // Checked after the answer too: a body that was not the inspected file is never a success.
    if (const std::optional<ApiError> problem = bodyProblem()) {
        Q_EMIT finished(UploadResult{*problem, {}});
        return;
    }
    Q_EMIT finished(ResponseParser::parseUpload(body));
}

void UploadJob::handleError(const ApiError &error)
{
    Q_EMIT finished(UploadResult{bodyProblem().value_or(error), {}});
}

void PrintStatusJob::handleBody(const QByteArray &body)
{
    Q_EMIT finished(ResponseParser::parsePrintStatus(body));
}

void PrintStatusJob::handleError(const ApiError &error)
{
    Q_EMIT finished(PrintStatusResult{error, {}});
}

} // namespace pc
