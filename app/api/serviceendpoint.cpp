#include "api/serviceendpoint.h"

#include <QCoreApplication>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace pc {

std::optional<EnvironmentKind> environmentKindFromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    if (trimmed.compare(u"sandbox", Qt::CaseInsensitive) == 0)
        return EnvironmentKind::Sandbox;
    if (trimmed.compare(u"production", Qt::CaseInsensitive) == 0)
        return EnvironmentKind::Production;
    return std::nullopt;
}

QString environmentKindName(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Sandbox:
        return u"sandbox"_s;
    case EnvironmentKind::Production:
        return u"production"_s;
    case EnvironmentKind::Custom:
        break;
    }
    return u"custom"_s;
}

QUrl ServiceEndpoint::resourceUrl(QStringView resource, const Parameters &parameters) const
{
    QUrl url = baseUrl.resolved(QUrl(resource.toString()));
    // QUrlQuery leaves '+' alone (servers read it as a space), so values are handed to it
    // already percent-encoded; it keeps valid %XX sequences as they are.
    auto encoded = [](const QString &value) {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    QUrlQuery query;
    // api_key goes first, as in every example of the API reference.
    query.addQueryItem(u"api_key"_s, encoded(apiKey));
    for (const auto &[name, value] : parameters)
        query.addQueryItem(encoded(name), encoded(value));
    url.setQuery(query);
    return url;
}

QUrl ServiceEndpoint::tokenPageUrl(const QString &token) const
{
    QUrl page;
    page.setScheme(baseUrl.scheme());
    page.setHost(baseUrl.host());
    page.setPort(baseUrl.port());
    page.setPath(u"/"_s);
    QUrlQuery query;
    query.addQueryItem(u"token"_s, QString::fromLatin1(QUrl::toPercentEncoding(token)));
    page.setQuery(query);
    return page;
}

QUrl ServiceEndpoint::defaultProductionBaseUrl()
{
    return QUrl(u"https://widget.sendshapes.com:3443/api3/"_s);
}

std::optional<QUrl> ServiceEndpoint::normalizeBaseUrl(const QString &text, QString *error)
{
    auto fail = [error](const char *why) -> std::optional<QUrl> {
        if (error)
            *error = QCoreApplication::translate("ServiceEndpoint", why);
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(QT_TRANSLATE_NOOP("ServiceEndpoint", "The service URL is empty."));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl::toString(), the form settings and the store keep, shows percent-encoded
        // characters decoded ("/api%20v3/" as "/api v3/"), which strict parsing refuses: that
        // exact text of a valid URL is read as the URL it came from.
        const QUrl decoded(trimmed, QUrl::TolerantMode);
        if (decoded.isValid() && decoded.toString() == trimmed)
            url = decoded;
    }
    if (!url.isValid())
        return fail(QT_TRANSLATE_NOOP("ServiceEndpoint", "The service URL is not a valid URL."));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return fail(QT_TRANSLATE_NOOP("ServiceEndpoint",
                                      "The service URL must start with http:// or https://."));
    if (url.host().isEmpty())
        return fail(QT_TRANSLATE_NOOP("ServiceEndpoint", "The service URL has no host name."));
    if (!url.userInfo().isEmpty())
        return fail(QT_TRANSLATE_NOOP("ServiceEndpoint",
                                      "The service URL must not contain a user name or password."));
    if (url.hasQuery() || url.hasFragment())
        return fail(QT_TRANSLATE_NOOP(
            "ServiceEndpoint",
            "The service URL must not contain a query (?...) or fragment (#...)."));
    url.setScheme(scheme);
    // Encoded both ways: the decoded path would turn "%2F" into a '/' of its own.
    QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty() || path == u"/")
        path = u"/api3/"_s;
    else if (!path.endsWith(u'/'))
        path += u'/';
    url.setPath(path, QUrl::TolerantMode);
    return url;
}

} // namespace pc
