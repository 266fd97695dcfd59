#pragma once

#include <QByteArray>
#include <QString>

namespace pc {

// The Content-Disposition value of a multipart/form-data file part, with the file name
// encoded as browsers do and RFC 7578 section 4.2 asks: raw UTF-8 inside the quotes, with
// '"', CR and LF percent-encoded (and '%' itself, so the name survives a round trip).
// Only the last path component is sent; control characters are dropped; an empty name
// becomes "design.stl".
QByteArray formDataFileDisposition(const QByteArray &fieldName, const QString &fileName);

// The inverse, for the sandbox: decodes a quoted filename value as produced above.
QString decodeFormDataFileName(QByteArrayView quotedValue);

} // namespace pc
