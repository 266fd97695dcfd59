#pragma once

#include "api/apierror.h"
#include "api/responseparser.h"
#include "api/serviceendpoint.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QNetworkReply;

namespace pc {

// One request to the service. Owns its QNetworkReply, aborts it when no byte moves for the
// endpoint's idle timeout, caps the response body, and turns the outcome into an ApiError or
// a body for the subclass to parse. A job finishes exactly once and then deletes itself
// (deleteLater), so connect to the subclass's finished() right after creating it.
class ApiJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiJob)

public:
    ~ApiJob() override;

    // Cancels the request; the job finishes with ApiError::Kind::Aborted.
    void abort();
    bool isFinished() const { return m_finished; }
    // The request URL with the API key removed, for logs and messages.
    QString redactedUrl() const { return m_redactedUrl; }

Q_SIGNALS:
    // Bytes of the request body sent so far (uploads).
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);

protected:
    ApiJob(const ServiceEndpoint &endpoint, QObject *parent);

    // Takes ownership of the reply and starts watching it.
    void start(QNetworkReply *reply, const QUrl &url);
    // Finishes without a request (for example an unreadable file), on the next event loop pass.
    void failLater(const ApiError &error);

    // Exactly one of these is called, once: a 2xx body to parse, or an error.
    virtual void handleBody(const QByteArray &body) = 0;
    virtual void handleError(const ApiError &error) = 0;

private:
    void onReadyRead();
    void onMetaDataChanged();
    void onFinished();
    void onIdleTimeout();
    void onAnswerTimeout();
    void onUploadProgress(qint64 sent, qint64 total);
    void finishWith(const ApiError &error);
    void finishWithBody(const QByteArray &body);
    void complete();

    ServiceEndpoint m_endpoint;
    QPointer<QNetworkReply> m_reply;
    QTimer m_idleTimer;
    QTimer m_answerTimer; // from the answer's first byte to its last
    bool m_uploadReported = false;
    qint64 m_bodyBytesSent = 0; // the most upload progress reported
    QByteArray m_body;
    QString m_redactedUrl;
    QStringList m_tlsErrors;
    bool m_timedOut = false;
    bool m_answerTooSlow = false;
    bool m_oversized = false;
    bool m_aborted = false;
    bool m_finished = false;
};

class CreateTokenJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTokenJob)
    friend class ApiClient;

Q_SIGNALS:
    void finished(const pc::TokenResult &result);

private:
    using ApiJob::ApiJob;
    void handleBody(const QByteArray &body) override;
    void handleError(const ApiError &error) override;
};

class UploadBodyDevice;

class UploadJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadJob)
    friend class ApiClient;

Q_SIGNALS:
    void finished(const pc::UploadResult &result);

private:
    using ApiJob::ApiJob;
    void handleBody(const QByteArray &body) override;
    void handleError(const ApiError &error) override;
    // The file changed while it was sent: that, not what the network made of the cut-off
    // body, is the upload's outcome.
    std::optional<ApiError> bodyProblem() const;

    QPointer<UploadBodyDevice> m_body; // owned by the request's multipart
};

class PrintStatusJob final : public ApiJob
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrintStatusJob)
    friend class ApiClient;

Q_SIGNALS:
    void finished(const pc::PrintStatusResult &result);

private:
    using ApiJob::ApiJob;
    void handleBody(const QByteArray &body) override;
    void handleError(const ApiError &error) override;
};

// Maps a finished reply's transport outcome to an ApiError (no HTTP status involved).
ApiError errorFromNetworkError(int networkError, const QString &errorString);

} // namespace pc
