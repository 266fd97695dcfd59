#pragma once

#include "sandbox/sandboxpagetexts.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace pc::sandbox {

// One HTTP/1.1 response as the sandbox writes it on the socket itself (not through
// QHttpServerResponder), so faults can bend it: delay it, truncate it, or never send it.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, e.g. Retry-After
    bool closeConnection = false;                 // "Connection: close", then close
};

// The standard reason phrase of an HTTP status code ("Not Found"); "Unknown" otherwise.
QByteArray reasonPhrase(int status);

// Status line, Content-Type, Content-Length, Connection, Cache-Control: no-store, the extra
// headers, an empty line and the body.
QByteArray serialize(const HttpResponse &response);

// Writes the response on the socket; closes it afterwards when closeConnection is set.
void writeResponse(QTcpSocket *socket, const HttpResponse &response);

// {"status":{"code":"ok"},"data":data}
QJsonObject okEnvelope(const QJsonObject &data);
// {"status":{"code":"error","description":...,"extended_description":...}}
QJsonObject errorEnvelope(const QString &description, const QString &extendedDescription);

HttpResponse jsonResponse(int status, const QJsonObject &object);
HttpResponse errorResponse(int status, const QString &description,
                           const QString &extendedDescription);
HttpResponse htmlResponse(int status, const QString &html);

// A bare HTML error page, like the one a proxy in front of a service answers with.
HttpResponse htmlErrorPage(int status);
// The small 400 x 400 "link not available" page of the token-link address, in `language`.
QString notFoundPage(PageLanguage language, MissingPage reason);
// The same as a 404 response that names its language.
HttpResponse notFoundResponse(PageLanguage language, MissingPage reason);
// The token-link page (resource :/sandbox/token-page.html) for one design in `language`,
// every {{FIELD}} filled in and escaped; a 500 page when the resource is missing.
HttpResponse tokenPageResponse(const QString &fileName, qint64 size, const QString &token,
                               const QStringList &printerModels, PageLanguage language);
// Replaces {{NAME}} template fields in one pass (substituted text is never scanned again);
// unknown fields are left as they are. Values must already be escaped.
QString fillTemplate(const QString &text, const QHash<QString, QString> &values);

// Escapes & < > " ' for HTML text and attribute values.
QString htmlEscaped(QStringView text);

// Decoded name/value pairs of a query string or a form, in their order.
using Params = QList<QPair<QString, QString>>;

// Parses `a=1&b=2` text: percent-decoded as UTF-8. In application/x-www-form-urlencoded
// bodies '+' means a space (plusIsSpace); in query strings it is kept as it is, the way
// QUrlQuery builds them.
Params parseUrlEncoded(QByteArrayView text, bool plusIsSpace);
// The first value of `name`; empty when absent.
QString paramValue(const Params &params, QStringView name);

} // namespace pc::sandbox
