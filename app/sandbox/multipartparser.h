#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace pc::sandbox {

// One part of a multipart/form-data body. `data` points into the body that was parsed:
// it stays valid only as long as that body does (no copies of uploaded files).
struct MultipartPart
{
    QString name;             // the form field name
    QString fileName;         // decoded file name (file parts only)
    bool hasFileName = false; // the part carried a filename parameter
    QByteArray contentType;   // the part's Content-Type, empty when absent
    qsizetype offset = 0;     // where the data starts in the body
    QByteArrayView data;
};

struct MultipartForm
{
    QList<MultipartPart> parts;

    // The first part named `name`, or nullptr.
    const MultipartPart *part(QStringView name) const;
    // The text of the first non-file part named `name` (UTF-8); empty when absent.
    QString field(QStringView name) const;
};

// The boundary parameter of a `multipart/form-data; boundary=...` Content-Type (quotes
// removed); empty when the type is not multipart/form-data or has no boundary.
QByteArray multipartBoundary(QByteArrayView contentType);

// Decodes a filename as browsers send it (WHATWG, RFC 7578 4.2): raw UTF-8 inside the
// quotes with '"', CR and LF written as %22, %0D, %0A; %25 for '%' is understood too (the
// console's own client sends it), and a backslash-escaped quote from older clients. Other
// percent sequences are kept as they are: browsers send a literal '%' unescaped.
QString decodeBrowserFileName(QByteArrayView raw);

// Reads the headers of one part (without the blank line after them) into `part`: name,
// file name, Content-Type. False, with *error set, when they are not those of a form field.
bool parsePartHeaders(QByteArrayView headers, int partNumber, MultipartPart *part, QString *error);

// The most parts a body may have.
constexpr qsizetype kMaxMultipartParts = 1000;

// Parses a multipart/form-data body. Returns nullopt and sets *error (a sentence fit for
// an error envelope's extended_description) when the body is malformed.
std::optional<MultipartForm> parseMultipart(QByteArrayView body, QByteArrayView boundary,
                                            QString *error);

} // namespace pc::sandbox
