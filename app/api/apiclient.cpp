#include "api/apiclient.h"

#include "api/multipartfilename.h"
#include "api/uploadbodydevice.h"
#include "common/buildinfo.h"
#include "common/redaction.h"

#include <QFileInfo>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace pc {

QString printValueToWire(const Decimal &value)
{
    return value.toString();
}

ApiClient::ApiClient(QNetworkAccessManager *network, const ServiceEndpoint &endpoint,
                     QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    Q_ASSERT(m_network);
    setEndpoint(endpoint);
}

void ApiClient::setEndpoint(const ServiceEndpoint &endpoint)
{
    m_endpoint = endpoint;
    registerSecret(m_endpoint.apiKey);
}

QNetworkRequest ApiClient::makeRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    // A redirect could carry the key in the query to another host: never follow one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    return request;
}

CreateTokenJob *ApiClient::createToken()
{
    // A token call given up on may still make a token at the service, which nothing then
    // uses: however short the caller's idle timeout, a slow answer is waited for.
    ServiceEndpoint patient = m_endpoint;
    patient.idleTimeout = std::max(patient.idleTimeout, kTokenAnswerPatience);
    patient.answerTimeout = std::max(patient.answerTimeout, kTokenAnswerPatience);
    auto *job = new CreateTokenJob(patient, this);
    const QUrl url = m_endpoint.resourceUrl(kCreateToken);
    job->start(m_network->get(makeRequest(url)), url);
    return job;
}

PrintStatusJob *ApiClient::printStatus(const QString &token)
{
    auto *job = new PrintStatusJob(m_endpoint, this);
    const QUrl url = m_endpoint.resourceUrl(kPrintStatus, {{u"token"_s, token}});
    job->start(m_network->get(makeRequest(url)), url);
    return job;
}

UploadJob *ApiClient::upload(const UploadRequest &request, const ExpectedContent &expected)
{
    auto *job = new UploadJob(m_endpoint, this);

    auto body =
        std::make_unique<UploadBodyDevice>(request.filePath, expected.size, expected.sha256);
    if (!body->open(QIODevice::ReadOnly)) {
        job->failLater(ApiError::fileProblem(body->errorString()));
        return job;
    }

    // The scalar fields travel as query parameters, as the reference documents them.
    ServiceEndpoint::Parameters parameters{
        {u"token"_s, request.token},
        {u"receiver_email"_s, request.receiverEmail},
        {u"print_value"_s, printValueToWire(request.printValue)},
        {u"print_value_currency"_s,
         request.currency.isEmpty() ? u"USD"_s : request.currency.toUpper()},
    };
    if (!request.partnerJobId.isEmpty())
        parameters.append({u"partner_job_id"_s, request.partnerJobId});
    const QUrl url = m_endpoint.resourceUrl(kUpload, parameters);

    auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart filePart;
    const QString fileName =
        request.fileName.isEmpty() ? QFileInfo(request.filePath).fileName() : request.fileName;
    filePart.setRawHeader("Content-Disposition", formDataFileDisposition("stl_file", fileName));
    filePart.setRawHeader("Content-Type", "application/octet-stream");
    // The body device streams the file from disk while the request is sent, holding it to
    // the size and content that were inspected.
    filePart.setBodyDevice(body.get());
    job->m_body = body.get();
    body.release()->setParent(multipart);
    multipart->append(filePart);

    QNetworkReply *reply = m_network->post(makeRequest(url), multipart);
    multipart->setParent(reply);
    job->start(reply, url);
    return job;
}

} // namespace pc
