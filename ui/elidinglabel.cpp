#include "elidinglabel.h"

#include <QPainter>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kLeastChars = 8; // what the label shows at the least: a word and "…"
const QString kEllipsis = u"\u2026"_s;

} // namespace

ElidingLabel::ElidingLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
}

QString ElidingLabel::shownText() const
{
    return elidedAtWord(text(), fontMetrics(), contentsRect().width() - 2 * margin());
}

QSize ElidingLabel::minimumSizeHint() const
{
    const QSize hint = QLabel::minimumSizeHint();
    const int least = fontMetrics().averageCharWidth() * kLeastChars;
    return {std::min(least, sizeHint().width()), hint.height()};
}

void ElidingLabel::paintEvent(QPaintEvent *)
{
    const QString shown = shownText();
    // The whole text is the tooltip where the label cuts it.
    const QString tip = shown == text() ? QString() : text();
    if (toolTip() != tip)
        setToolTip(tip);
    QPainter painter(this);
    const QRect area = contentsRect().adjusted(margin(), margin(), -margin(), -margin());
    style()->drawItemText(&painter, area,
                          int(QStyle::visualAlignment(layoutDirection(), alignment())), palette(),
                          isEnabled(), shown, foregroundRole());
}

QString ElidingLabel::elidedAtWord(const QString &text, const QFontMetrics &metrics, int width)
{
    if (metrics.horizontalAdvance(text) <= width)
        return text;
    const QString cut = metrics.elidedText(text, Qt::ElideRight, width);
    // The characters kept, without the "…" elidedText() ended them with.
    QString kept = cut.endsWith(kEllipsis) ? cut.chopped(1) : cut;
    const bool midWord = kept.size() < text.size() && !text.at(kept.size()).isSpace();
    if (midWord) {
        const qsizetype space = kept.lastIndexOf(u' ');
        if (space > 0)
            kept.truncate(space);
    }
    // No dangling separators before the "…".
    while (!kept.isEmpty() && (kept.back().isSpace() || kept.back() == u',' ||
                               kept.back() == u':' || kept.back() == u';' || kept.back() == u'('))
        kept.chop(1);
    if (kept.isEmpty())
        return cut; // one long word: cut inside it
    return kept + kEllipsis;
}

} // namespace pc
