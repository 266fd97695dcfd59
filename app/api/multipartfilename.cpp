#include "api/multipartfilename.h"

#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace pc {

QByteArray formDataFileDisposition(const QByteArray &fieldName, const QString &fileName)
{
    QString name = fileName;
    // Both separators: a Windows path typed or dropped on Linux must not leak its folders.
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.mid(slash + 1);
    name.removeIf([](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
    if (name.trimmed().isEmpty())
        name = u"design.stl"_s;

    QByteArray encoded;
    const QByteArray utf8 = name.toUtf8();
    encoded.reserve(utf8.size() + 8);
    for (const char c : utf8) {
        switch (c) {
        case '"':
            encoded += "%22";
            break;
        case '%':
            encoded += "%25";
            break;
        default:
            encoded += c;
        }
    }
    return "form-data; name=\"" + fieldName + "\"; filename=\"" + encoded + '"';
}

QString decodeFormDataFileName(QByteArrayView quotedValue)
{
    QByteArrayView value = quotedValue.trimmed();
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.sliced(1, value.size() - 2);
    QByteArray unescaped;
    unescaped.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        // Older clients escape quotes with a backslash instead.
        if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == '"') {
            unescaped += '"';
            ++i;
        } else {
            unescaped += value[i];
        }
    }
    return QString::fromUtf8(QByteArray::fromPercentEncoding(unescaped));
}

} // namespace pc
