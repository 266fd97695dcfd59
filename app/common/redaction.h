#pragma once

#include <QString>
#include <QUrl>

namespace pc {

// The one place secrets are removed from text before it is logged, printed or shown.
//
// redact() replaces the values of secret-looking parameters (`api_key=...`, `"api_key": "..."`,
// `Authorization:` headers, `password=`...) and every occurrence of a registered secret
// (raw or percent-encoded) with `REDACTED`.
QString redact(QString text);
// A URL as display text with its secrets removed.
QString redactUrl(const QUrl &url);

// Registers a secret value (an API key) so redact() removes it wherever it appears.
// Values shorter than 4 characters are ignored (they would mangle ordinary text).
void registerSecret(const QString &secret);
void unregisterSecret(const QString &secret);

// Installs a Qt message handler that passes every log message (qFatal's included) through
// redact() before the previous handler prints it, and a std::terminate handler that prints an
// uncaught exception's what() redacted before it aborts. Call once, early in main().
void installRedactingMessageHandler();

} // namespace pc
