#include "sandbox/multipartparser.h"

using namespace Qt::StringLiterals;

namespace pc::sandbox {

namespace {

constexpr qsizetype kMaxParts = kMaxMultipartParts;

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

struct HeaderParameter
{
    QByteArray name; // lower case
    QByteArray value;
    bool quoted = false;
};

// Splits `form-data; name="a"; filename="b"` into its first token and its parameters.
// Quoted values are returned raw (escapes untouched). False on an unterminated quote.
bool splitParameters(QByteArrayView header, QByteArrayView *first, QList<HeaderParameter> *params)
{
    qsizetype i = header.indexOf(';');
    *first = (i < 0 ? header : header.first(i)).trimmed();
    if (i < 0)
        return true;
    const qsizetype n = header.size();
    while (i < n) {
        while (i < n && (header[i] == ';' || header[i] == ' ' || header[i] == '\t'))
            ++i;
        if (i >= n)
            break;
        const qsizetype nameStart = i;
        while (i < n && header[i] != '=' && header[i] != ';')
            ++i;
        HeaderParameter param;
        param.name = header.sliced(nameStart, i - nameStart).trimmed().toByteArray().toLower();
        if (i < n && header[i] == '=') {
            ++i;
            while (i < n && (header[i] == ' ' || header[i] == '\t'))
                ++i;
            if (i < n && header[i] == '"') {
                const qsizetype valueStart = ++i;
                while (i < n && header[i] != '"') {
                    if (header[i] == '\\' && i + 1 < n &&
                        (header[i + 1] == '"' || header[i + 1] == '\\'))
                        ++i;
                    ++i;
                }
                if (i >= n)
                    return false;
                param.value = header.sliced(valueStart, i - valueStart).toByteArray();
                param.quoted = true;
                ++i; // the closing quote
            } else {
                const qsizetype valueStart = i;
                while (i < n && header[i] != ';')
                    ++i;
                param.value = header.sliced(valueStart, i - valueStart).trimmed().toByteArray();
            }
        }
        if (!param.name.isEmpty())
            params->append(param);
    }
    return true;
}

// RFC 5987 `charset'language'percent-encoded` (filename*=UTF-8''Gr%C3%B6%C3%9Fe.stl).
QString decodeExtendedValue(QByteArrayView value)
{
    const qsizetype firstQuote = value.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0)
        return {};
    const QByteArrayView charset = value.first(firstQuote);
    const QByteArray decoded =
        QByteArray::fromPercentEncoding(value.sliced(secondQuote + 1).toByteArray());
    return equalsIgnoringCase(charset, "utf-8") ? QString::fromUtf8(decoded)
                                                : QString::fromLatin1(decoded);
}

} // namespace

const MultipartPart *MultipartForm::part(QStringView name) const
{
    for (const MultipartPart &candidate : parts) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

QString MultipartForm::field(QStringView name) const
{
    for (const MultipartPart &candidate : parts) {
        if (candidate.name == name && !candidate.hasFileName)
            return QString::fromUtf8(candidate.data);
    }
    return {};
}

QByteArray multipartBoundary(QByteArrayView contentType)
{
    QByteArrayView type;
    QList<HeaderParameter> params;
    if (!splitParameters(contentType, &type, &params) ||
        !equalsIgnoringCase(type, "multipart/form-data"))
        return {};
    for (const HeaderParameter &param : std::as_const(params)) {
        if (param.name == "boundary")
            return param.value;
    }
    return {};
}

QString decodeBrowserFileName(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\\' && i + 1 < raw.size() && (raw[i + 1] == '"' || raw[i + 1] == '\\')) {
            out += raw[++i];
            continue;
        }
        if (c == '%' && i + 2 < raw.size()) {
            const int hi = hexValue(raw[i + 1]);
            const int lo = hexValue(raw[i + 2]);
            const int byte = hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
            if (byte == 0x22 || byte == 0x0d || byte == 0x0a || byte == 0x25) {
                out += char(byte);
                i += 2;
                continue;
            }
        }
        out += c;
    }
    return QString::fromUtf8(out);
}

bool parsePartHeaders(QByteArrayView headers, int partNumber, MultipartPart *part, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    bool hasDisposition = false;
    bool hasName = false;
    QString extendedFileName;
    for (qsizetype lineStart = 0; lineStart < headers.size();) {
        qsizetype lineEnd = headers.indexOf("\r\n", lineStart);
        if (lineEnd < 0)
            lineEnd = headers.size();
        const QByteArrayView line = headers.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArrayView name = line.first(colon).trimmed();
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (equalsIgnoringCase(name, "content-type")) {
            part->contentType = value.toByteArray();
        } else if (equalsIgnoringCase(name, "content-disposition")) {
            QByteArrayView type;
            QList<HeaderParameter> params;
            if (!splitParameters(value, &type, &params))
                return fail(u"The Content-Disposition of part %1 has an unterminated quote."_s.arg(
                    partNumber));
            if (!equalsIgnoringCase(type, "form-data"))
                return fail(u"Part %1 is not form-data."_s.arg(partNumber));
            hasDisposition = true;
            for (const HeaderParameter &param : std::as_const(params)) {
                if (param.name == "name") {
                    part->name = decodeBrowserFileName(param.value);
                    hasName = true;
                } else if (param.name == "filename") {
                    part->fileName = decodeBrowserFileName(param.value);
                    part->hasFileName = true;
                } else if (param.name == "filename*") {
                    extendedFileName = decodeExtendedValue(param.value);
                }
            }
        }
    }
    if (!hasDisposition)
        return fail(u"Part %1 has no Content-Disposition header."_s.arg(partNumber));
    if (!hasName)
        return fail(u"Part %1 has no field name."_s.arg(partNumber));
    if (!extendedFileName.isEmpty()) {
        part->fileName = extendedFileName;
        part->hasFileName = true;
    }
    return true;
}

std::optional<MultipartForm> parseMultipart(QByteArrayView body, QByteArrayView boundary,
                                            QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<MultipartForm> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (boundary.isEmpty())
        return fail(u"The Content-Type has no multipart boundary."_s);
    if (boundary.size() > 200)
        return fail(u"The multipart boundary is longer than 200 characters."_s);

    const QByteArray delimiter = "--" + boundary.toByteArray();
    const QByteArray crlfDelimiter = "\r\n" + delimiter;

    qsizetype pos = 0;
    if (!body.startsWith(delimiter)) {
        pos = body.indexOf(crlfDelimiter);
        if (pos < 0)
            return fail(u"The body does not contain the boundary given in its Content-Type."_s);
        pos += 2;
    }

    MultipartForm form;
    for (;;) {
        pos += delimiter.size();
        if (body.sliced(pos).startsWith("--"))
            break; // the close delimiter; the epilogue is ignored
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t'))
            ++pos;
        if (!body.sliced(pos).startsWith("\r\n"))
            return fail(
                u"A boundary line is not followed by CRLF (part %1)."_s.arg(form.parts.size() + 1));
        pos += 2;
        if (form.parts.size() >= kMaxParts)
            return fail(u"The body has more than %1 parts."_s.arg(kMaxParts));

        const int partNumber = int(form.parts.size()) + 1;
        QByteArrayView headers;
        qsizetype dataStart = 0;
        if (body.sliced(pos).startsWith("\r\n")) {
            dataStart = pos + 2;
        } else {
            const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos);
            if (headerEnd < 0)
                return fail(
                    u"The headers of part %1 never end (truncated body?)."_s.arg(partNumber));
            headers = body.sliced(pos, headerEnd - pos);
            dataStart = headerEnd + 4;
        }
        const qsizetype next = body.indexOf(crlfDelimiter, dataStart);
        if (next < 0)
            return fail(
                u"Part %1 is not closed by a boundary (truncated body?)."_s.arg(partNumber));

        MultipartPart part;
        part.offset = dataStart;
        part.data = body.sliced(dataStart, next - dataStart);
        QString headerError;
        if (!parsePartHeaders(headers, partNumber, &part, &headerError))
            return fail(headerError);
        form.parts.append(part);
        pos = next + 2;
    }
    return form;
}

} // namespace pc::sandbox
