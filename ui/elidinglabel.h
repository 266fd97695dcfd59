#pragma once

#include <QLabel>

namespace pc {

// A one-line label that gives way in a narrow window: its text is shown cut at a word with
// "…" when it does not fit, and then the whole text is its tooltip (its only one). It asks for the
// width of its whole text, and takes less without complaint. text() is always the whole text.
class ElidingLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidingLabel)

public:
    explicit ElidingLabel(QWidget *parent = nullptr);

    // The text as it is shown at the label's width.
    QString shownText() const;
    bool isElided() const { return shownText() != text(); }

    QSize minimumSizeHint() const override;

    // `text` cut at a word boundary (or mid-word when its first word is already too long) to
    // fit `width` pixels with `metrics`, ending in "…"; unchanged when it fits.
    static QString elidedAtWord(const QString &text, const QFontMetrics &metrics, int width);

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace pc
