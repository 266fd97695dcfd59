#include "sandbox/httpwire.h"
#include "common/datasize.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QLocale>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace pc::sandbox {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

QByteArray serialize(const HttpResponse &response)
{
    QByteArray out;
    out.reserve(256 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
           "\r\n";
    out += "Server: PartnerConsole-Sandbox\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += response.closeConnection ? QByteArrayView("Connection: close\r\n")
                                    : QByteArrayView("Connection: keep-alive\r\n");
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += response.body;
    return out;
}

void writeResponse(QTcpSocket *socket, const HttpResponse &response)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(serialize(response));
    if (response.closeConnection)
        socket->disconnectFromHost(); // flushes what was written first
}

QJsonObject okEnvelope(const QJsonObject &data)
{
    return QJsonObject{{u"status"_s, QJsonObject{{u"code"_s, u"ok"_s}}}, {u"data"_s, data}};
}

QJsonObject errorEnvelope(const QString &description, const QString &extendedDescription)
{
    return QJsonObject{
        {u"status"_s, QJsonObject{{u"code"_s, u"error"_s},
                                  {u"description"_s, description},
                                  {u"extended_description"_s, extendedDescription}}}};
}

HttpResponse jsonResponse(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("application/json");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse errorResponse(int status, const QString &description,
                           const QString &extendedDescription)
{
    return jsonResponse(status, errorEnvelope(description, extendedDescription));
}

HttpResponse htmlResponse(int status, const QString &html)
{
    HttpResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    response.body = html.toUtf8();
    response.headers.append({QByteArrayLiteral("X-Content-Type-Options"), "nosniff"});
    return response;
}

QString htmlEscaped(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;";
            break;
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        case u'\'':
            out += u"&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

Params parseUrlEncoded(QByteArrayView text, bool plusIsSpace)
{
    Params params;
    const QList<QByteArray> items = text.toByteArray().split('&');
    for (QByteArray item : items) {
        if (item.isEmpty())
            continue;
        if (plusIsSpace)
            item.replace('+', ' ');
        const qsizetype eq = item.indexOf('=');
        const QByteArray name = eq < 0 ? item : item.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : item.mid(eq + 1);
        params.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                       QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return params;
}

QString paramValue(const Params &params, QStringView name)
{
    for (const auto &[key, value] : params) {
        if (key == name)
            return value;
    }
    return {};
}

HttpResponse htmlErrorPage(int status)
{
    const QString title =
        QString::number(status) + u' ' + QString::fromLatin1(reasonPhrase(status));
    HttpResponse response = htmlResponse(
        status, u"<html><head><title>%1</title></head><body><center><h1>%1</h1></center>"
                "<hr><center>PartnerConsole-Sandbox</center></body></html>\n"_s.arg(title));
    return response;
}

QString fillTemplate(const QString &text, const QHash<QString, QString> &values)
{
    QString out;
    out.reserve(text.size() + 1024);
    qsizetype pos = 0;
    for (;;) {
        const qsizetype open = text.indexOf(u"{{", pos);
        const qsizetype close = open < 0 ? -1 : text.indexOf(u"}}", open + 2);
        if (close < 0) {
            out += QStringView(text).sliced(pos);
            return out;
        }
        const QString name = text.sliced(open + 2, close - open - 2);
        out += QStringView(text).sliced(pos, open - pos);
        const auto it = values.constFind(name);
        out += it != values.cend() ? *it : text.sliced(open, close + 2 - open);
        pos = close + 2;
    }
}

namespace {

// The page names its language, and caches keep one copy per language asked for.
HttpResponse inLanguage(HttpResponse response, PageLanguage language)
{
    response.headers.append(
        qMakePair(QByteArray("Content-Language"), pageLanguageTag(language).toLatin1()));
    response.headers.append(qMakePair(QByteArray("Vary"), QByteArray("Accept-Language")));
    return response;
}

} // namespace

QString notFoundPage(PageLanguage language, MissingPage reason)
{
    return u"<!DOCTYPE html><html lang=\"%1\"><head><meta charset=\"utf-8\">"
           "<title>%2</title><style>html,body{margin:0;width:400px;height:400px;"
           "font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;"
           "background:#f5f7fa}main{box-sizing:border-box;height:400px;display:flex;"
           "flex-direction:column;align-items:center;justify-content:center;padding:32px;"
           "text-align:center}.code{font-size:44px;font-weight:700;color:#9aa5b1}"
           "h1{font-size:18px;margin:8px 0}p{margin:0;color:#52606d}</style></head><body><main>"
           "<div class=\"code\">404</div><h1>%3</h1><p>%4</p>"
           "</main></body></html>\n"_s.arg(pageLanguageTag(language),
                                           htmlEscaped(missingPageTitle(language)),
                                           htmlEscaped(missingPageHeading(language)),
                                           htmlEscaped(missingPageReason(language, reason)));
}

HttpResponse notFoundResponse(PageLanguage language, MissingPage reason)
{
    return inLanguage(htmlResponse(404, notFoundPage(language, reason)), language);
}

HttpResponse tokenPageResponse(const QString &fileName, qint64 size, const QString &token,
                               const QStringList &printerModels, PageLanguage language)
{
    static const QString pageTemplate = [] {
        QFile file(u":/sandbox/token-page.html"_s);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }();
    if (pageTemplate.isEmpty())
        return inLanguage(htmlResponse(500, notFoundPage(language, MissingPage::PageMissing)),
                          language);

    QString options;
    for (const QString &model : printerModels)
        options += u"<option>"_s + htmlEscaped(model) + u"</option>"_s;
    QHash<QString, QString> values = tokenPageTexts(language);
    values.insert(u"DESIGN_NAME"_s, htmlEscaped(fileName));
    values.insert(u"TOKEN"_s, htmlEscaped(token));
    values.insert(u"PRINTER_OPTIONS"_s, options);
    // The file size goes into a text that is filled in itself: fill that text first.
    values[u"T_DESIGN_META"_s] = values.value(u"T_DESIGN_META"_s)
                                     .arg(htmlEscaped(formatDataSize(size, pageLocale(language))));
    return inLanguage(htmlResponse(200, fillTemplate(pageTemplate, values)), language);
}

} // namespace pc::sandbox
