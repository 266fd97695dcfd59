#include "orderdelegates.h"

#include "ordertablemodel.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Badge geometry, in device-independent pixels.
constexpr int kBadgeIcon = 16;
constexpr int kBadgePadLeft = 4;
constexpr int kBadgePadRight = 10;
constexpr int kBadgeGap = 6;
constexpr int kBadgeVPad = 3;
constexpr int kCellMargin = 6;
// Progress bar geometry.
constexpr int kBarHeight = 6;
constexpr int kBarGap = 8;
constexpr int kBarMinWidth = 24;

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor blend(const QColor &under, const QColor &over, qreal amount)
{
    const qreal keep = 1.0 - amount;
    return QColor::fromRgbF(float(under.redF() * keep + over.redF() * amount),
                            float(under.greenF() * keep + over.greenF() * amount),
                            float(under.blueF() * keep + over.blueF() * amount));
}

// The item background (selection, hover, focus) as the style draws it, without text or icon:
// `option` comes from initStyleOption(), so background brushes of the model still apply.
void drawCellBackground(QPainter *painter, QStyleOptionViewItem option)
{
    option.text.clear();
    option.icon = QIcon();
    option.features &= ~(QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, widget);
}

} // namespace

// --- StatusBadgeDelegate -------------------------------------------------------------------

StatusBadgeDelegate::StatusBadgeDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_colorRole(OrderTableModel::StatusColorRole)
    , m_iconRole(OrderTableModel::StatusIconRole)
{}

StatusBadgeDelegate::~StatusBadgeDelegate() = default;

QColor StatusBadgeDelegate::tintFor(const QColor &color, const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), color, isDark(palette) ? 0.38 : 0.18);
}

QSize StatusBadgeDelegate::badgeSize(const QFont &font, const QString &label)
{
    const QFontMetricsF metrics(font);
    const int height = std::max(kBadgeIcon, int(std::ceil(metrics.height()))) + 2 * kBadgeVPad;
    // The text's real width is fractional; rounding it down would make elidedText() cut the
    // label of a badge that was sized for it.
    const int text = int(std::ceil(metrics.horizontalAdvance(label))) + 2;
    const int width = kBadgePadLeft + kBadgeIcon + kBadgeGap + text + kBadgePadRight;
    return {width, height};
}

QRect StatusBadgeDelegate::paintBadge(QPainter *painter, const QRect &rect, const QPalette &palette,
                                      const QFont &font, const QColor &color, const QIcon &icon,
                                      const QString &label)
{
    const QSize wanted = badgeSize(font, label);
    const int height = std::min(wanted.height(), rect.height());
    const int width = std::min(wanted.width(), rect.width());
    if (width <= 0 || height <= 0)
        return {};
    const QRect badge(rect.left(), rect.top() + (rect.height() - height) / 2, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor base = color.isValid() ? color : palette.color(QPalette::Mid);
    QPainterPath pill;
    const QRectF pillRect = QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5);
    pill.addRoundedRect(pillRect, pillRect.height() / 2, pillRect.height() / 2);
    painter->fillPath(pill, tintFor(base, palette));
    painter->setPen(QPen(isDark(palette) ? base.lighter(130) : base, 1.0));
    painter->drawPath(pill);

    const QRect iconRect(badge.left() + kBadgePadLeft, badge.top() + (height - kBadgeIcon) / 2,
                         kBadgeIcon, kBadgeIcon);
    if (!icon.isNull())
        icon.paint(painter, iconRect);

    const QRect textRect(iconRect.right() + 1 + kBadgeGap, badge.top(),
                         badge.right() - kBadgePadRight - iconRect.right() - kBadgeGap, height);
    if (textRect.width() > 0) {
        painter->setFont(font);
        painter->setPen(palette.color(QPalette::Text));
        const QString shown =
            QFontMetrics(font).elidedText(label, Qt::ElideRight, textRect.width());
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, shown);
    }
    painter->restore();
    return badge;
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem styled = option;
    initStyleOption(&styled, index);
    drawCellBackground(painter, styled);

    const QString label = index.data(Qt::DisplayRole).toString();
    QIcon icon = qvariant_cast<QIcon>(index.data(Qt::DecorationRole));
    if (icon.isNull()) {
        const QString resource = index.data(m_iconRole).toString();
        if (!resource.isEmpty())
            icon = QIcon(resource);
    }
    const QColor color = qvariant_cast<QColor>(index.data(m_colorRole));
    // The pill is filled from the base colour, so its label keeps the Text colour even in a
    // selected row and stays readable on the highlight.
    const QRect area = option.rect.adjusted(kCellMargin, 2, -kCellMargin, -2);
    paintBadge(painter, area, option.palette, option.font, color, icon, label);
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    const QSize badge = badgeSize(option.font, index.data(Qt::DisplayRole).toString());
    return {badge.width() + 2 * kCellMargin, badge.height() + 6};
}

// --- ProgressBarDelegate -------------------------------------------------------------------

ProgressBarDelegate::ProgressBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

ProgressBarDelegate::~ProgressBarDelegate() = default;

void ProgressBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem styled = option;
    initStyleOption(&styled, index);
    drawCellBackground(painter, styled);

    const QVariant raw = index.data(OrderTableModel::RawValueRole);
    const QString text = index.data(Qt::DisplayRole).toString();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const QColor textColor = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QFontMetrics metrics(option.font);
    const QRect area = option.rect.adjusted(kCellMargin, 0, -kCellMargin, 0);

    painter->save();
    painter->setFont(option.font);
    bool ok = false;
    const double percent = raw.isValid() ? raw.toDouble(&ok) : 0.0;
    if (!ok || !std::isfinite(percent)) {
        // Nothing to draw a bar for: just the dash, muted.
        QColor muted = textColor;
        muted.setAlphaF(0.6f);
        painter->setPen(muted);
        painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, text);
        painter->restore();
        return;
    }

    // The text column is as wide as "100 %" so the bars of every row line up.
    const int textWidth =
        std::max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(u"100 %"_s));
    const int barWidth = area.width() - textWidth - kBarGap;
    painter->setPen(textColor);
    painter->drawText(area, Qt::AlignRight | Qt::AlignVCenter, text);
    if (barWidth >= kBarMinWidth) {
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF track(area.left(), area.center().y() - kBarHeight / 2.0 + 0.5, barWidth,
                           kBarHeight);
        QColor trackColor =
            selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
        trackColor.setAlphaF(0.14f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(trackColor);
        painter->drawRoundedRect(track, kBarHeight / 2.0, kBarHeight / 2.0);

        const double fraction = std::clamp(percent / 100.0, 0.0, 1.0);
        if (fraction > 0.0) {
            QColor fill = qvariant_cast<QColor>(index.siblingAtColumn(OrderTableModel::Status)
                                                    .data(OrderTableModel::StatusColorRole));
            if (!fill.isValid())
                fill = palette.color(QPalette::Highlight);
            // The darker status shades (the confirmed states) would sink into a dark base.
            if (isDark(palette) && fill.lightness() < 110)
                fill = fill.lighter(170);
            if (selected)
                fill = palette.color(QPalette::HighlightedText);
            QRectF done = track;
            done.setWidth(std::max(track.height(), track.width() * fraction));
            painter->setBrush(fill);
            painter->drawRoundedRect(done, kBarHeight / 2.0, kBarHeight / 2.0);
        }
    }
    painter->restore();
}

QSize ProgressBarDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    Q_UNUSED(index);
    const QFontMetrics metrics(option.font);
    return {metrics.horizontalAdvance(u"100 %"_s) + kBarGap + 80 + 2 * kCellMargin,
            metrics.height() + 8};
}

} // namespace pc
