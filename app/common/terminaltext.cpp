#include "common/terminaltext.h"

using namespace Qt::StringLiterals;

namespace pc {

namespace {

bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

bool needsEscape(const QString &text, qsizetype i, LineBreaks lineBreaks)
{
    const char16_t c = text.at(i).unicode();
    if (c == u'\n' || c == u'\t')
        return lineBreaks == LineBreaks::Escape || lineBreaks == LineBreaks::Json;
    if (c == u'\r' && lineBreaks == LineBreaks::KeepCrLf)
        return i + 1 >= text.size() || text.at(i + 1) != u'\n';
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || isBidiControl(c);
}

} // namespace

QString terminalSafe(const QString &text, LineBreaks lineBreaks)
{
    qsizetype first = 0;
    while (first < text.size() && !needsEscape(text, first, lineBreaks))
        ++first;
    if (first == text.size())
        return text; // the usual case: nothing to change, no copy
    QString safe = text.left(first);
    safe.reserve(text.size() + 16);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (!needsEscape(text, i, lineBreaks))
            safe.append(QChar(c));
        else if (c <= 0xFF && lineBreaks != LineBreaks::Json)
            safe.append(u"\\x%1"_s.arg(uint(c), 2, 16, QChar(u'0')));
        else
            safe.append(u"\\u%1"_s.arg(uint(c), 4, 16, QChar(u'0')));
    }
    return safe;
}

} // namespace pc
