#pragma once

#include <QStyledItemDelegate>

class QIcon;

namespace pc {

// Paints a print status as a badge: a rounded pill tinted with the status colour, holding the
// status icon and label. The label and the icon's shape carry the meaning; the colour only
// adds to it, so the badge reads the same with any colour vision.
//
// Reads Qt::DisplayRole (label), Qt::DecorationRole (icon; else the resource path in
// iconRole()) and colorRole() (QColor). The defaults are OrderTableModel's roles; any model
// giving those roles can use it (the details timeline does).
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    explicit StatusBadgeDelegate(QObject *parent = nullptr);
    ~StatusBadgeDelegate() override;

    int colorRole() const { return m_colorRole; }
    void setColorRole(int role) { m_colorRole = role; }
    int iconRole() const { return m_iconRole; }
    void setIconRole(int role) { m_iconRole = role; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The badge itself, also for widgets outside item views (the details header). `rect` is
    // the space available; the badge is left-aligned and vertically centred in it, and its
    // label elided when it does not fit. Returns the rectangle painted.
    static QRect paintBadge(QPainter *painter, const QRect &rect, const QPalette &palette,
                            const QFont &font, const QColor &color, const QIcon &icon,
                            const QString &label);
    static QSize badgeSize(const QFont &font, const QString &label);
    // The pill's fill: the status colour over the palette's base, stronger on dark palettes
    // so the tint stays visible there.
    static QColor tintFor(const QColor &color, const QPalette &palette);

private:
    int m_colorRole;
    int m_iconRole;
};

// Paints a print's progress as a slim bar in the status colour with the percentage beside it
// ("45 %", or a dash while unknown).
//
// Reads the cell's RawValueRole (percent as a double, invalid when unknown) and DisplayRole
// (the formatted text), and the colour from the same row's Status column (StatusColorRole).
class ProgressBarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressBarDelegate)

public:
    explicit ProgressBarDelegate(QObject *parent = nullptr);
    ~ProgressBarDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace pc
