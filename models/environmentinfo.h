#pragma once

#include "api/serviceendpoint.h"

#include <QString>
#include <QStringView>
#include <QUrl>

#include <optional>

namespace pc {

// The active environment as the windows show it. Never holds the API key.
struct EnvironmentInfo
{
    EnvironmentKind kind = EnvironmentKind::Sandbox;
    // Where the service lives: the sandbox's root (http://127.0.0.1:PORT/) or the remote
    // service's api3 base URL.
    QUrl serviceUrl;
    QUrl apiBaseUrl;
    // Why the console runs in this environment when that is not what was asked for
    // (translated); empty when it is.
    QString notice;

    static EnvironmentInfo sandbox(const QUrl &serverUrl, const QUrl &apiBaseUrl,
                                   const QString &notice = {});
    static EnvironmentInfo remote(const QUrl &apiBaseUrl);

    bool isLocal() const { return kind == EnvironmentKind::Sandbox; }
    // "Sandbox", "Production" or "Custom service" (translated).
    QString kindLabel() const;
    // What identifies the service to a person: the sandbox's URL, the production host
    // (with its port when not the scheme's default) or a custom service's full URL.
    // Secrets in a URL are redacted.
    QString location() const;
    // kindLabel() + " at " + location(), e.g. "Sandbox at http://127.0.0.1:40123/".
    QString summary() const;
};

// What the command line and the environment asked for, before any server starts.
struct EnvironmentRequest
{
    std::optional<EnvironmentKind> requested; // --environment; nullopt when not given
    std::optional<QUrl> customBaseUrl;        // --base-url (normalised)
    bool hasApiKey = false;                   // PARTNER_CONSOLE_API_KEY is set
};

// Chooses the environment:
// - nothing asked and no API key: Sandbox (the first start);
// - nothing asked and an API key: Production, or Custom with --base-url;
// - Production or --base-url asked without an API key: Sandbox, with a notice explaining
//   why and how to connect the partner account;
// - Sandbox asked: Sandbox.
// For Sandbox the URLs are empty; fill them in once the sandbox server listens.
EnvironmentInfo chooseEnvironment(const EnvironmentRequest &request);

} // namespace pc
