#pragma once

#include "api/apijob.h"
#include "api/serviceendpoint.h"
#include "common/decimal.h"

#include <QObject>

class QNetworkAccessManager;
class QNetworkRequest;

namespace pc {

// The order facts of one upload (API.md, api_upload_partner_stl).
struct UploadRequest
{
    QString token;
    QString filePath; // streamed from disk, never read into memory
    QString fileName; // name the service sees; empty = the file's own name
    QString receiverEmail;
    Decimal printValue;                       // exact; sent as a plain decimal string with a dot
    QString currency = QStringLiteral("USD"); // ISO 4217
    QString partnerJobId;                     // optional
};

// What inspection saw of the file to upload. When given, exactly these bytes are sent or the
// upload fails (UploadBodyDevice); by default the file is taken as it is when the upload
// starts, and only held to that size.
struct ExpectedContent
{
    qint64 size = -1;
    QByteArray sha256; // 32 raw bytes, or empty
};

// The single place that decides how a price travels on the wire (API.md, "Money").
QString printValueToWire(const Decimal &value);

// The Design Streaming api3 client. The QNetworkAccessManager is the owner's (one per
// thread, never a global); each call returns a job that emits finished(result) once and
// deletes itself.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    static constexpr QStringView kCreateToken = u"api_create_partner_token";
    static constexpr QStringView kUpload = u"api_upload_partner_stl";
    static constexpr QStringView kPrintStatus = u"api_get_partner_print_status";

    ApiClient(QNetworkAccessManager *network, const ServiceEndpoint &endpoint,
              QObject *parent = nullptr);

    const ServiceEndpoint &endpoint() const { return m_endpoint; }
    void setEndpoint(const ServiceEndpoint &endpoint);

    // How long a token call waits for its answer at the least, whatever the endpoint's idle
    // timeout says.
    static constexpr std::chrono::milliseconds kTokenAnswerPatience{60'000};
    CreateTokenJob *createToken();
    UploadJob *upload(const UploadRequest &request, const ExpectedContent &expected = {});
    PrintStatusJob *printStatus(const QString &token);

private:
    QNetworkRequest makeRequest(const QUrl &url) const;

    QNetworkAccessManager *m_network;
    ServiceEndpoint m_endpoint;
};

} // namespace pc
