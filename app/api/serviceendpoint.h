#pragma once

#include <QList>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>
#include <utility>

namespace pc {

// Which Design Streaming service the console talks to.
enum class EnvironmentKind {
    Sandbox,    // the built-in sandbox server on this machine's loopback; nothing leaves it
    Production, // the Design Streaming service at its default address
    Custom,     // a Design Streaming service at an address the user gave (--base-url)
};

// "sandbox" / "production" (case-insensitive, as on the command line); nullopt otherwise.
std::optional<EnvironmentKind> environmentKindFromName(QStringView name);
// "sandbox", "production" or "custom": stable names for JSON output and logs.
QString environmentKindName(EnvironmentKind kind);

// Where the console talks to and with which key. The base URL is configurable (http or https,
// any host and port); resource URLs are built from it with QUrlQuery, never by string
// concatenation.
struct ServiceEndpoint
{
    QUrl baseUrl;   // ends with '/', for example https://widget.sendshapes.com:3443/api3/
    QString apiKey; // never logged; see redaction.h
    std::chrono::milliseconds idleTimeout{60'000}; // abort when no byte moves for this long
    // Once the answer has begun, all of it must arrive within this: a server that trickles
    // a byte now and then keeps the idle timer going, not the call.
    std::chrono::milliseconds answerTimeout{60'000};
    qint64 maxResponseBytes = qint64(1) << 20; // response bodies are capped before parsing
    // The slowest upload line waited for: once a body is handed to the socket, the answer may
    // take as long as the kernel's buffers need to drain at this speed (see ApiJob).
    qint64 slowestLineBytesPerSecond = 64'000;

    using Parameters = QList<std::pair<QString, QString>>;

    // The URL of an api3 resource with `api_key` and the given parameters in its query. Values
    // are fully percent-encoded ('+', '&', '=' included), so any key or e-mail survives.
    QUrl resourceUrl(QStringView resource, const Parameters &parameters = {}) const;

    // The token page the service links an upload to, built the way the service builds it:
    // the widget address (the base URL's scheme, host and port, path "/") with ?token=.
    // Only for a token whose upload answer was lost: the links the answer carries win.
    QUrl tokenPageUrl(const QString &token) const;

    // The production service (TLS, the partner docs' port).
    static QUrl defaultProductionBaseUrl();

    // Turns what a person typed ("https://host:3443", "http://host:3000/api3") into a base
    // URL ending in '/' (an empty path becomes /api3/). nullopt and *error when it is not an
    // absolute http(s) URL with a host.
    static std::optional<QUrl> normalizeBaseUrl(const QString &text, QString *error = nullptr);
};

} // namespace pc
