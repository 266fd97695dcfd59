#include "environmentinfo.h"

#include "common/redaction.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace pc {

EnvironmentInfo EnvironmentInfo::sandbox(const QUrl &serverUrl, const QUrl &apiBaseUrl,
                                         const QString &notice)
{
    return {EnvironmentKind::Sandbox, serverUrl, apiBaseUrl, notice};
}

EnvironmentInfo EnvironmentInfo::remote(const QUrl &apiBaseUrl)
{
    const EnvironmentKind kind = apiBaseUrl == ServiceEndpoint::defaultProductionBaseUrl()
                                     ? EnvironmentKind::Production
                                     : EnvironmentKind::Custom;
    return {kind, apiBaseUrl, apiBaseUrl, {}};
}

QString EnvironmentInfo::kindLabel() const
{
    switch (kind) {
    case EnvironmentKind::Sandbox:
        return QCoreApplication::translate("EnvironmentInfo", "Sandbox");
    case EnvironmentKind::Production:
        return QCoreApplication::translate("EnvironmentInfo", "Production");
    case EnvironmentKind::Custom:
        break;
    }
    return QCoreApplication::translate("EnvironmentInfo", "Custom service");
}

QString EnvironmentInfo::location() const
{
    switch (kind) {
    case EnvironmentKind::Sandbox:
    case EnvironmentKind::Custom:
        return redactUrl(serviceUrl);
    case EnvironmentKind::Production:
        break;
    }
    const int defaultPort = serviceUrl.scheme() == u"http"_s ? 80 : 443;
    const int port = serviceUrl.port(defaultPort);
    return port == defaultPort ? serviceUrl.host() : u"%1:%2"_s.arg(serviceUrl.host()).arg(port);
}

QString EnvironmentInfo::summary() const
{
    //: %1 is the environment (Sandbox, Production...), %2 its address
    return QCoreApplication::translate("EnvironmentInfo", "%1 at %2").arg(kindLabel(), location());
}

EnvironmentInfo chooseEnvironment(const EnvironmentRequest &request)
{
    const bool remoteAsked = request.requested == EnvironmentKind::Production ||
                             (!request.requested && request.customBaseUrl.has_value()) ||
                             (!request.requested && request.hasApiKey);
    if (!remoteAsked)
        return EnvironmentInfo::sandbox({}, {});

    const QUrl apiBaseUrl =
        request.customBaseUrl.value_or(ServiceEndpoint::defaultProductionBaseUrl());
    if (request.hasApiKey)
        return EnvironmentInfo::remote(apiBaseUrl);

    const EnvironmentInfo wanted = EnvironmentInfo::remote(apiBaseUrl);
    return EnvironmentInfo::sandbox(
        {}, {},
        //: %1 is the requested environment's address
        QCoreApplication::translate(
            "EnvironmentInfo",
            "You asked for the Design Streaming service at %1, but no API key is set, so the "
            "console runs on the built-in sandbox instead. To connect your partner account, "
            "start the console with your API key in the PARTNER_CONSOLE_API_KEY environment "
            "variable.")
            .arg(wanted.location()));
}

} // namespace pc
