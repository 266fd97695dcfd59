// libFuzzer target: the parsers of header and field values.
//  - Retry-After: delay-seconds and the three HTTP date forms, and the retry delay the queue
//    makes of it (RetryPolicy), the reason phrase in the error message;
//  - the multipart/form-data file name: the client's Content-Disposition for any file name,
//    read back by the client's decoder and by the sandbox's multipart parser, and both
//    decoders, the Content-Type boundary and the multipart parser on raw bytes;
//  - the service URL a person types (normalizeBaseUrl), the resource URLs built on it and
//    their redaction;
//  - the wire names of the environment and of the print status.
// Any byte sequence must give a clean result or a clean error, and the results must agree
// with what the headers promise.
#include "api/apierror.h"
#include "api/multipartfilename.h"
#include "api/printstatus.h"
#include "api/retryafter.h"
#include "api/serviceendpoint.h"
#include "common/redaction.h"
#include "fuzzsupport.h"
#include "orders/retrypolicy.h"
#include "sandbox/multipartparser.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

const QString kKey = u"fuzz-Key+0123456789/abcdef=="_s;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_headers: %s\n", what);
    std::abort();
}

void check(bool condition, const char *what)
{
    if (!condition)
        fail(what);
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmedBlanks(QByteArrayView v)
{
    while (!v.isEmpty() && isBlank(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isBlank(v.back()))
        v.chop(1);
    return v;
}

std::chrono::seconds expectedDelayUntil(const QDateTime &now, const QDateTime &when)
{
    const qint64 msecs = std::max<qint64>(0, now.msecsTo(when));
    return std::min(std::chrono::seconds((msecs + 999) / 1000), pc::kMaxRetryAfter);
}

void checkRetryAfter(QByteArrayView bytes)
{
    static const QDateTime now(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    const std::optional<std::chrono::seconds> delay = pc::parseRetryAfter(bytes, now);
    check(!delay || (delay->count() >= 0 && *delay <= pc::kMaxRetryAfter),
          "Retry-After delay out of range");

    const QByteArrayView text = trimmedBlanks(bytes);
    const bool digits = !text.isEmpty() && std::all_of(text.begin(), text.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
        // Saturating, so any length of digits is compared without overflow.
        qint64 value = 0;
        for (const char c : text)
            value = std::min<qint64>(value * 10 + (c - '0'), pc::kMaxRetryAfter.count());
        check(delay && delay->count() == value, "Retry-After seconds misread");
    }

    const QDateTime date = pc::parseHttpDate(bytes);
    if (date.isValid()) {
        check(!digits, "a number read as an HTTP date");
        check(date.timeSpec() == Qt::UTC, "an HTTP date that is not UTC");
        check(date.date().year() >= 1 && date.date().year() <= 9999,
              "an HTTP date outside years 1-9999");
        check(delay && *delay == expectedDelayUntil(now, date), "Retry-After date misread");
        // The same moment written as an IMF-fixdate reads back the same.
        const QByteArray fixdate =
            QLocale::c().toString(date, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
        check(pc::parseHttpDate(fixdate) == date, "an HTTP date does not survive IMF-fixdate");
    } else {
        check(!delay || digits, "Retry-After value that is neither seconds nor a date");
    }

    // What the queue does with it: waits at least the backoff, at most the cap.
    const pc::RetryPolicy policy;
    const auto &settings = policy.settings();
    const QString reason = QString::fromUtf8(bytes);
    for (const int status : {429, 503}) {
        const pc::ApiError error = pc::ApiError::http(status, reason, reason, delay);
        check(!error.message.isEmpty(), "HTTP error without a message");
        check(!error.message.contains(kKey) && !error.detail.contains(kKey),
              "the API key in an HTTP error");
        QRandomGenerator random(1);
        const pc::RetryDecision decision = policy.decide(error, 0, 0, random);
        check(decision.action == pc::RetryDecision::Action::RetryLater, "a 429/503 not retried");
        check(decision.delay.count() >= 0 &&
                  decision.delay <= std::max(settings.maxRetryAfter, settings.maxDelay),
              "retry delay out of range");
        if (delay) {
            const auto asked =
                *delay >= std::chrono::duration_cast<std::chrono::seconds>(settings.maxRetryAfter)
                    ? settings.maxRetryAfter
                    : std::chrono::milliseconds(*delay);
            check(decision.delay >= asked, "retried before Retry-After");
        }
    }
}

// The name the client sends for a file name (multipartfilename.h): its last path component
// without control characters, "design.stl" when nothing is left.
QString expectedSentName(const QString &fileName)
{
    const qsizetype slash = std::max(fileName.lastIndexOf(u'/'), fileName.lastIndexOf(u'\\'));
    QString name = slash >= 0 ? fileName.mid(slash + 1) : fileName;
    name.removeIf([](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
    return name.trimmed().isEmpty() ? u"design.stl"_s : name;
}

void checkFileName(QByteArrayView bytes)
{
    // Raw values as a server or client may send them: decoded without a crash.
    const QString clientDecoded = pc::decodeFormDataFileName(bytes);
    const QString sandboxDecoded = pc::sandbox::decodeBrowserFileName(bytes);
    check(clientDecoded.size() <= bytes.size() && sandboxDecoded.size() <= bytes.size(),
          "a decoded file name longer than its value");

    // Any file name (valid UTF-16) is sent so that both decoders get it back.
    const QString fileName = QString::fromUtf8(bytes);
    const QString expected = expectedSentName(fileName);
    const QByteArray disposition = pc::formDataFileDisposition("stl_file", fileName);
    check(disposition.startsWith(R"(form-data; name="stl_file"; filename=")") &&
              disposition.endsWith('"'),
          "malformed Content-Disposition");
    check(disposition.count('"') == 4, "an unencoded quote in the file name");
    check(!disposition.contains('\r') && !disposition.contains('\n') && !disposition.contains('\0'),
          "a control character in the Content-Disposition");
    const QByteArrayView quoted =
        QByteArrayView(disposition).sliced(disposition.indexOf("filename=") + 9);
    check(pc::decodeFormDataFileName(quoted) == expected, "the client's file name round trip");
    check(pc::sandbox::decodeBrowserFileName(quoted.sliced(1, quoted.size() - 2)) == expected,
          "the sandbox's file name round trip");

    // The whole part as QHttpMultiPart writes it, through the sandbox's parser.
    const QByteArray contentType = "multipart/form-data; boundary=\"boundary_.oOo._fuzz\"";
    const QByteArray boundary = pc::sandbox::multipartBoundary(contentType);
    check(boundary == "boundary_.oOo._fuzz", "the boundary of a well-formed Content-Type");
    const QByteArray file = "solid fuzz\nendsolid fuzz\n";
    const QByteArray body = "--" + boundary + "\r\nContent-Type: model/stl\r\n" +
                            "Content-Disposition: " + disposition + "\r\n\r\n" + file + "\r\n--" +
                            boundary + "--\r\n";
    QString error;
    const std::optional<pc::sandbox::MultipartForm> form =
        pc::sandbox::parseMultipart(body, boundary, &error);
    check(form.has_value(), "the sandbox refuses the client's upload body");
    const pc::sandbox::MultipartPart *part = form->part(u"stl_file");
    check(form->parts.size() == 1 && part && part->hasFileName && part->fileName == expected &&
              part->data == file && part->contentType == "model/stl",
          "the sandbox reads the client's part differently");
}

// First line: a Content-Type; the rest: a multipart body.
void checkMultipart(QByteArrayView bytes)
{
    const qsizetype newline = bytes.indexOf('\n');
    const QByteArrayView contentType = newline < 0 ? bytes : bytes.first(newline);
    const QByteArrayView body = newline < 0 ? QByteArrayView() : bytes.sliced(newline + 1);
    const QByteArray boundary = pc::sandbox::multipartBoundary(contentType);
    check(boundary.isEmpty() || contentType.contains(boundary),
          "a boundary that is not in the Content-Type");
    if (boundary.isEmpty())
        return;
    QString error;
    const std::optional<pc::sandbox::MultipartForm> form =
        pc::sandbox::parseMultipart(body, boundary, &error);
    if (!form) {
        check(!error.isEmpty(), "a multipart body refused without a reason");
        return;
    }
    check(form->parts.size() <= 1000, "more multipart parts than the limit");
    const QByteArray delimiter = "\r\n--" + boundary;
    for (const pc::sandbox::MultipartPart &part : form->parts) {
        check(part.offset >= 0 && part.offset + part.data.size() <= body.size() &&
                  part.data.data() == body.data() + part.offset,
              "a part's data outside the body");
        check(!part.data.contains(delimiter), "a part's data holds the boundary");
    }
}

void checkBaseUrl(QByteArrayView bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QString error;
    const std::optional<QUrl> url = pc::ServiceEndpoint::normalizeBaseUrl(text, &error);
    if (!url) {
        check(!error.isEmpty(), "a service URL refused without a reason");
        return;
    }
    check(url->isValid() && (url->scheme() == u"http" || url->scheme() == u"https") &&
              !url->host().isEmpty() && url->userInfo().isEmpty() && !url->hasQuery() &&
              !url->hasFragment() && url->path().endsWith(u'/'),
          "an accepted service URL breaks the rules");
    // Normalising only completes the path: a trailing '/', or /api3/ for none at all.
    const QUrl typed(text.trimmed(), QUrl::TolerantMode);
    const QString typedPath = typed.path(QUrl::FullyEncoded);
    const QString path = url->path(QUrl::FullyEncoded);
    check(path == typedPath || path == typedPath + u'/' ||
              ((typedPath.isEmpty() || typedPath == u"/") && path == u"/api3/"),
          "normalising changed the path typed");
    // Settings and the store keep the URL as text and normalise it again when read back.
    const std::optional<QUrl> again = pc::ServiceEndpoint::normalizeBaseUrl(url->toString());
    check(again && *again == *url, "a normalised service URL does not read back the same");

    pc::ServiceEndpoint endpoint;
    endpoint.baseUrl = *url;
    endpoint.apiKey = kKey;
    const QUrl resource = endpoint.resourceUrl(u"api_get_partner_print_status",
                                               {{u"token"_s, QString::fromUtf8(bytes)}});
    check(resource.isValid() && resource.scheme() == url->scheme() &&
              resource.host() == url->host() && resource.port() == url->port(),
          "a resource URL leaves the service");
    check(QUrlQuery(resource).queryItemValue(u"api_key"_s, QUrl::FullyDecoded) == kKey,
          "the API key does not reach the service intact");
    check(!pc::redactUrl(resource).contains(kKey), "the API key in a redacted URL");
}

void checkWireNames(QByteArrayView bytes)
{
    const QString text = QString::fromUtf8(bytes);
    if (const auto kind = pc::environmentKindFromName(text)) {
        check(pc::environmentKindFromName(pc::environmentKindName(*kind)) == kind,
              "an environment name does not read back");
    }
    const pc::JobStatus status = pc::jobStatusFromWire(text);
    if (status != pc::JobStatus::Unknown) {
        check(status != pc::JobStatus::AwaitingCustomer, "a wire value read as no status");
        check(pc::jobStatusFromWire(pc::jobStatusToWire(status)) == status,
              "a print status does not read back");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    pc::fuzz::registerKeyOnce(kKey);

    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkRetryAfter(bytes);
    checkFileName(bytes);
    checkMultipart(bytes);
    checkBaseUrl(bytes);
    checkWireNames(bytes);
    return 0;
}
