#include "api/apierror.h"

#include "common/redaction.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Text::tr() for this file's functions; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)
};

// The service's own words, which are English whatever the console's language, set apart as a
// quotation inside the console's translated sentence (German: „...“).
QString quoted(const QString &serviceText)
{
    //: Quotation marks around a message the service wrote (in English) inside a sentence.
    return Text::tr("\u201c%1\u201d").arg(serviceText);
}

} // namespace

void ApiError::setMessage(const QString &what, const QString &retry)
{
    message = what + u' ' + retry;
    retryNote = retry;
}

QString ApiError::messageWithoutRetry() const
{
    if (retryNote.isEmpty())
        return message;
    QString text = message;
    text.remove(u' ' + retryNote);
    text.remove(retryNote);
    return text.trimmed();
}

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
        return true;
    case Kind::Http:
        return httpStatus == 408 || httpStatus == 425 || httpStatus == 429 ||
               (httpStatus >= 500 && httpStatus <= 599);
    default:
        return false;
    }
}

bool ApiError::answerMayBeLost() const
{
    return kind == Kind::Timeout || networkReason == NetworkReason::ConnectionClosed;
}

bool ApiError::isAuthenticationFailure() const
{
    return kind == Kind::Http && (httpStatus == 401 || httpStatus == 403);
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::Network:
        return u"network"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Tls:
        return u"tls"_s;
    case Kind::Http:
        return u"http"_s;
    case Kind::Service:
        return u"service"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    case Kind::File:
        return u"file"_s;
    case Kind::Aborted:
        return u"aborted"_s;
    }
    return u"unknown"_s;
}

ApiError ApiError::network(NetworkReason reason, const QString &detail)
{
    ApiError e;
    e.kind = Kind::Network;
    e.networkReason = reason;
    e.detail = redact(detail);
    const QString retry = Text::tr("The console will try again.");
    switch (reason) {
    case NetworkReason::HostNotFound:
        e.setMessage(Text::tr("The service's host name could not be resolved (DNS). Check the "
                              "network connection and the service URL."),
                     retry);
        break;
    case NetworkReason::ConnectionRefused:
        e.setMessage(Text::tr("The service refused the connection. It may be down or the URL's "
                              "port may be wrong."),
                     retry);
        break;
    case NetworkReason::ConnectionClosed:
        e.setMessage(Text::tr("The connection to the service was closed before it answered."),
                     retry);
        break;
    case NetworkReason::Offline:
        e.setMessage(Text::tr("This computer appears to be offline."),
                     Text::tr("Waiting for the network."));
        break;
    case NetworkReason::None:
    case NetworkReason::Other:
        e.setMessage(Text::tr("The service could not be reached because of a network problem."),
                     retry);
        break;
    }
    return e;
}

ApiError ApiError::timeout(std::chrono::milliseconds idle)
{
    ApiError e;
    e.kind = Kind::Timeout;
    const auto seconds = std::max<qint64>(1, (idle.count() + 999) / 1000);
    e.setMessage(Text::tr("The service stopped responding: no data moved for %n second(s).",
                          nullptr, int(seconds)),
                 Text::tr("The console will try again."));
    e.detail = u"idle timeout after %1 ms"_s.arg(idle.count());
    return e;
}

ApiError ApiError::slowAnswer(std::chrono::milliseconds limit)
{
    ApiError e;
    e.kind = Kind::Timeout;
    const auto seconds = std::max<qint64>(1, (limit.count() + 999) / 1000);
    e.setMessage(Text::tr("The service's answer did not arrive in full within %n second(s).",
                          nullptr, int(seconds)),
                 Text::tr("The console will try again."));
    e.detail = u"answer incomplete after %1 ms"_s.arg(limit.count());
    return e;
}

ApiError ApiError::tls(const QString &detail)
{
    ApiError e;
    e.kind = Kind::Tls;
    e.detail = redact(detail);
    e.message = Text::tr("The secure connection to the service was refused because its certificate "
                         "could not be verified. Nothing was sent. Check the service URL, or ask "
                         "your IT staff about a proxy that intercepts TLS.");
    return e;
}

ApiError ApiError::http(int status, const QString &reasonPhrase, const QString &serviceDescription,
                        std::optional<std::chrono::seconds> retryAfter)
{
    ApiError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.retryAfter = retryAfter;
    e.serviceDescription = redact(serviceDescription);
    e.detail = redact(u"HTTP %1 %2"_s.arg(status).arg(reasonPhrase).trimmed());
    if (status == 401 || status == 403) {
        e.message = Text::tr("The service rejected the API key. Check the key in Settings.");
    } else if (status == 413) {
        e.message = Text::tr("The file is too large for the service.");
    } else if (status == 429) {
        e.setMessage(Text::tr("The service asked the console to slow down (HTTP 429)."),
                     Text::tr("The console will try again later."));
    } else if (status >= 500) {
        e.setMessage(Text::tr("The service had a problem (HTTP %1).").arg(status),
                     Text::tr("The console will try again."));
    } else if (status >= 300 && status < 400) {
        e.message =
            Text::tr("The service answered with an unexpected redirect (HTTP %1); it was not "
                     "followed. Check the service URL.")
                .arg(status);
    } else {
        e.message = Text::tr("The service refused the request (HTTP %1).").arg(status);
    }
    if (!e.serviceDescription.isEmpty())
        e.message += u' ' + Text::tr("The service said: %1").arg(quoted(e.serviceDescription));
    return e;
}

ApiError ApiError::service(const QString &description, const QString &extendedDescription)
{
    ApiError e;
    e.kind = Kind::Service;
    QString text = description.trimmed();
    const QString extended = extendedDescription.trimmed();
    if (!extended.isEmpty() && extended != text)
        text = text.isEmpty() ? extended : text + u" (" + extended + u')';
    e.serviceDescription = redact(text);
    e.message =
        e.serviceDescription.isEmpty()
            ? Text::tr("The service reported an error without a description.")
            : Text::tr("The service reported an error: %1").arg(quoted(e.serviceDescription));
    return e;
}

ApiError ApiError::protocol(const QString &what)
{
    ApiError e;
    e.kind = Kind::Protocol;
    e.detail = redact(what);
    e.message =
        Text::tr("The service sent an answer the console does not understand: %1.").arg(e.detail);
    return e;
}

ApiError ApiError::file(const QString &path, const QString &why)
{
    ApiError e;
    e.kind = Kind::File;
    e.detail = why;
    e.message = Text::tr("The file %1 could not be read: %2. Check that it still exists and is "
                         "readable.")
                    .arg(path, why);
    return e;
}

ApiError ApiError::fileProblem(const QString &message)
{
    ApiError e;
    e.kind = Kind::File;
    e.detail = message;
    e.message = message;
    return e;
}

ApiError ApiError::aborted()
{
    ApiError e;
    e.kind = Kind::Aborted;
    e.message = Text::tr("The request was cancelled.");
    return e;
}

} // namespace pc
