#include "api/responseparser.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pc::ResponseParser {

namespace {

// Strings from the service are shown to people: keep them to a sane length.
constexpr qsizetype kMaxTextLength = 4000;

QString textOf(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isDouble())
        text = QString::number(value.toDouble());
    else if (value.isBool())
        text = value.toBool() ? u"true"_s : u"false"_s;
    return text.left(kMaxTextLength);
}

std::optional<double> numberOf(const QJsonValue &value)
{
    double number = 0;
    if (value.isDouble()) {
        number = value.toDouble();
    } else if (value.isString()) {
        bool ok = false;
        number = value.toString().trimmed().toDouble(&ok); // C locale, not the user's
        if (!ok)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(number))
        return std::nullopt;
    return number;
}

QUrl linkOf(const QJsonValue &value)
{
    const QString text = value.toString().trimmed();
    if (text.isEmpty())
        return {};
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
        return {};
    return url;
}

bool looksLikeHtml(QByteArrayView body)
{
    const QByteArray head = body.first(std::min<qsizetype>(body.size(), 256)).toByteArray();
    const QByteArray lower = head.trimmed().toLower();
    return lower.startsWith("<!doctype html") || lower.startsWith("<html");
}

} // namespace

Envelope parseEnvelope(QByteArrayView body)
{
    Envelope envelope;
    if (body.trimmed().isEmpty()) {
        envelope.error = ApiError::protocol(u"empty response body"_s);
        return envelope;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        envelope.error = ApiError::protocol(
            looksLikeHtml(body) ? u"an HTML page instead of JSON"_s
                                : u"malformed JSON at offset %1: %2"_s.arg(parseError.offset)
                                      .arg(parseError.errorString()));
        return envelope;
    }
    if (!doc.isObject()) {
        envelope.error = ApiError::protocol(u"the JSON body is not an object"_s);
        return envelope;
    }
    const QJsonObject root = doc.object();
    const QJsonValue status = root.value(u"status");
    if (!status.isObject()) {
        envelope.error = ApiError::protocol(u"the response has no status object"_s);
        return envelope;
    }
    const QJsonObject statusObject = status.toObject();
    const QString code = textOf(statusObject.value(u"code")).trimmed();
    if (code.compare(u"ok", Qt::CaseInsensitive) != 0) {
        envelope.error = ApiError::service(textOf(statusObject.value(u"description")),
                                           textOf(statusObject.value(u"extended_description")));
        if (code.isEmpty() && envelope.error.serviceDescription.isEmpty())
            envelope.error = ApiError::protocol(u"the status object has no code"_s);
        return envelope;
    }
    const QJsonValue data = root.value(u"data");
    if (data.isObject()) {
        envelope.data = data.toObject();
        envelope.hasData = true;
    } else if (!data.isUndefined() && !data.isNull()) {
        envelope.error = ApiError::protocol(u"the data field is not an object"_s);
    }
    return envelope;
}

TokenResult parseToken(QByteArrayView body)
{
    TokenResult result;
    const Envelope envelope = parseEnvelope(body);
    if (envelope.error.isError()) {
        result.error = envelope.error;
        return result;
    }
    if (!envelope.hasData) {
        result.error = ApiError::protocol(u"the token response has no data"_s);
        return result;
    }
    const QString token = textOf(envelope.data.value(u"token")).trimmed();
    // Documented as 32 lowercase hex digits; accept any short printable token so a format
    // change on the service does not stop work, but refuse what cannot be a token.
    const bool printable = std::all_of(token.cbegin(), token.cend(), [](QChar c) {
        return c.unicode() > 0x20 && c.unicode() < 0x7f;
    });
    if (token.isEmpty() || token.size() > 256 || !printable) {
        result.error = ApiError::protocol(u"the token response has no usable token"_s);
        return result;
    }
    result.token = token;
    return result;
}

UploadResult parseUpload(QByteArrayView body)
{
    UploadResult result;
    const Envelope envelope = parseEnvelope(body);
    if (envelope.error.isError()) {
        result.error = envelope.error;
        return result;
    }
    if (!envelope.hasData) {
        result.error = ApiError::protocol(u"the upload response has no data"_s);
        return result;
    }
    result.links.tokenLink = linkOf(envelope.data.value(u"token_link"));
    result.links.sslTokenLink = linkOf(envelope.data.value(u"ssl_token_link"));
    if (result.links.tokenLink.isEmpty() && result.links.sslTokenLink.isEmpty())
        result.error = ApiError::protocol(u"the upload response has no token link"_s);
    return result;
}

PrintStatus printStatusFromData(const QJsonObject &data)
{
    PrintStatus status;
    QString wire = textOf(data.value(u"printing_job_status")).trimmed();
    if (wire.isEmpty())
        wire = textOf(data.value(u"printing_job_status_name")).trimmed();
    status.percentage = numberOf(data.value(u"printing_percentage"));
    if (status.percentage)
        status.percentage = std::clamp(*status.percentage, 0.0, 100.0);
    // A negative time, or one longer than any print runs, is no information about this print.
    constexpr double kYearInMinutes = 366.0 * 24 * 60;
    auto duration = [](std::optional<double> value, double max) -> std::optional<double> {
        return value && *value >= 0 && *value <= max ? value : std::nullopt;
    };
    status.minutesLeft = duration(numberOf(data.value(u"minutes_left")), kYearInMinutes);
    status.totalTime = duration(numberOf(data.value(u"total_time")), kYearInMinutes * 60);
    status.message = textOf(data.value(u"message"));
    status.printerModel = textOf(data.value(u"printer_model"));

    const bool anyField = !wire.isEmpty() || status.percentage || status.minutesLeft ||
                          status.totalTime || !status.message.isEmpty() ||
                          !status.printerModel.isEmpty();
    if (!anyField) {
        status.status = JobStatus::AwaitingCustomer;
        return status;
    }
    status.statusText = wire;
    status.status = jobStatusFromWire(wire);
    return status;
}

PrintStatusResult parsePrintStatus(QByteArrayView body)
{
    PrintStatusResult result;
    const Envelope envelope = parseEnvelope(body);
    if (envelope.error.isError()) {
        result.error = envelope.error;
        return result;
    }
    // The status itself must be readable: a list, an object or true/false in its place is a
    // broken answer, not "no status" (which would pass for awaiting the customer, undoing
    // what is known). Other fields of the wrong type are only dropped.
    for (const QStringView field : {u"printing_job_status", u"printing_job_status_name"}) {
        const QJsonValue value = envelope.data.value(field);
        if (value.isArray() || value.isObject() || value.isBool()) {
            result.error = ApiError::protocol(u"%1 is not a text"_s.arg(field));
            return result;
        }
    }
    // No data at all means the customer has not started printing: awaiting customer.
    result.status = printStatusFromData(envelope.data);
    return result;
}

} // namespace pc::ResponseParser
