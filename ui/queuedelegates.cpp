#include "queuedelegates.h"

#include "ordertablemodel.h"
#include "priceconfirmation.h"
#include "queueviewmodel.h"

#include "orders/orderform.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QIcon>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QStyleOptionProgressBar>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kHorizontalMargin = 6;
constexpr int kIconSize = 16;
constexpr int kIconGap = 6;
constexpr int kLineGap = 2;
constexpr int kMinimumWidth = 220;
constexpr int kBarResolution = 1000; // per mille: smooth on a wide column

// Secondary text: the text colour softened towards the background, still well above
// 4.5:1 on the usual palettes (a plain alpha would fall below it on light themes).
QColor secondaryText(const QStyleOptionViewItem &option)
{
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor base =
        option.palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
    const auto mix = [](int a, int b) { return int(std::lround(a * 0.72 + b * 0.28)); };
    return QColor(mix(text.red(), base.red()), mix(text.green(), base.green()),
                  mix(text.blue(), base.blue()));
}

QColor primaryText(const QStyleOptionViewItem &option)
{
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    return option.palette.color(
        group, option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
}

QString secondLine(const QModelIndex &index)
{
    const auto state = QueueState(index.data(UploadQueueModel::QueueStateRole).toInt());
    if (state == QueueState::Uploading)
        return QueueStateDelegate::transferLine(index);
    return index.data(QueueViewModel::ReasonRole).toString();
}

} // namespace

QueueStateDelegate::QueueStateDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QString QueueStateDelegate::transferLine(const QModelIndex &index)
{
    const QString speed = index.data(QueueViewModel::SpeedTextRole).toString();
    const QString left = index.data(QueueViewModel::TimeLeftTextRole).toString();
    const QString unknown = u"\u2014"_s;
    if (speed.isEmpty() || speed == unknown)
        return tr("Measuring the speed\u2026");
    if (left.isEmpty() || left == unknown)
        return speed;
    //: Upload figures: %1 is the speed ("1.2 MB/s"), %2 the time left ("0:00:12")
    return tr("%1 \u00b7 %2 left").arg(speed, left);
}

void QueueStateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // Background, selection and focus frame as the style draws them; the content is ours.
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~QStyleOptionViewItem::HasDecoration;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QString second = secondLine(index);
    const int lineHeight = opt.fontMetrics.height();
    const int firstHeight = std::max(lineHeight + 4, kIconSize + 2);
    const int total = second.isEmpty() ? firstHeight : firstHeight + kLineGap + lineHeight;
    const QRect area = opt.rect.adjusted(kHorizontalMargin, 0, -kHorizontalMargin, 0);
    const int top = area.top() + std::max(0, (area.height() - total) / 2);
    const QRect first(area.left(), top, area.width(), firstHeight);

    painter->save();
    const auto state = QueueState(index.data(UploadQueueModel::QueueStateRole).toInt());
    if (state == QueueState::Uploading)
        paintProgress(painter, opt, first, index);
    else
        paintStateLine(painter, opt, first, index);

    if (!second.isEmpty()) {
        // Aligned with the label or bar, not with the icon.
        const int indent = kIconSize + kIconGap;
        const QRect line(area.left() + indent, first.bottom() + 1 + kLineGap, area.width() - indent,
                         lineHeight);
        painter->setPen(secondaryText(opt));
        painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                          opt.fontMetrics.elidedText(second, Qt::ElideRight, line.width()));
    }
    painter->restore();
}

void QueueStateDelegate::paintStateLine(QPainter *painter, const QStyleOptionViewItem &option,
                                        const QRect &line, const QModelIndex &index) const
{
    const QRect iconRect(line.left(), line.top() + (line.height() - kIconSize) / 2, kIconSize,
                         kIconSize);
    QIcon(index.data(QueueViewModel::StateIconRole).toString()).paint(painter, iconRect);

    const QRect textRect = line.adjusted(kIconSize + kIconGap, 0, 0, 0);
    QFont font = option.font;
    const auto state = QueueState(index.data(UploadQueueModel::QueueStateRole).toInt());
    // The states that want the user's eye are set in bold, in addition to their icon.
    font.setBold(state == QueueState::Failed || state == QueueState::NeedsAttention);
    painter->setFont(font);
    painter->setPen(primaryText(option));
    const QFontMetrics metrics(font);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                         textRect.width()));
    painter->setFont(option.font);
}

void QueueStateDelegate::paintProgress(QPainter *painter, const QStyleOptionViewItem &option,
                                       const QRect &line, const QModelIndex &index) const
{
    const QRect iconRect(line.left(), line.top() + (line.height() - kIconSize) / 2, kIconSize,
                         kIconSize);
    QIcon(index.data(QueueViewModel::StateIconRole).toString()).paint(painter, iconRect);

    const QVariant percent = index.data(QueueViewModel::ProgressRole);
    QStyleOptionProgressBar bar;
    if (option.widget)
        bar.initFrom(option.widget);
    bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.rect = line.adjusted(kIconSize + kIconGap, 0, 0, 0);
    bar.minimum = 0;
    bar.maximum = kBarResolution;
    bar.progress =
        percent.isValid() ? int(std::lround(percent.toDouble() * kBarResolution / 100.0)) : 0;
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.text = OrderTableModel::formatPercentage(
        percent.isValid() ? std::optional<double>(percent.toDouble()) : std::nullopt);
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

QSize QueueStateDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const int lineHeight = opt.fontMetrics.height();
    const int firstHeight = std::max(lineHeight + 4, kIconSize + 2);
    QFont bold = opt.font;
    bold.setBold(true);
    const int labelWidth =
        QFontMetrics(bold).horizontalAdvance(index.data(Qt::DisplayRole).toString());
    const int width = 2 * kHorizontalMargin + kIconSize + kIconGap + labelWidth;
    return {std::max(width, kMinimumWidth), firstHeight + kLineGap + lineHeight + 8};
}

// --- QueueCellDelegate --------------------------------------------------------------------

QueueCellDelegate::QueueCellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void QueueCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();

    // The style draws the cell (background, selection, focus, icon); the text is ours.
    QStyleOptionViewItem cell = opt;
    cell.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    if (opt.text.isEmpty())
        return;

    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                           .adjusted(kPadding, 0, -kPadding, 0);
    QPalette::ColorGroup group = QPalette::Normal;
    if (!(opt.state & QStyle::State_Enabled))
        group = QPalette::Disabled;
    else if (!(opt.state & QStyle::State_Active))
        group = QPalette::Inactive;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(
        group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(text, int(opt.displayAlignment),
                      opt.fontMetrics.elidedText(opt.text, opt.textElideMode, text.width()));
    painter->restore();
}

QSize QueueCellDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    return QStyledItemDelegate::sizeHint(option, index) + QSize(2 * kPadding, 0);
}

void QueueCellDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                             const QModelIndex &index) const
{
    // The editor covers the whole cell, so the text does not jump when editing starts.
    QStyledItemDelegate::updateEditorGeometry(editor, option, index);
    editor->setGeometry(option.rect);
}

// --- QueuePriceDelegate -------------------------------------------------------------------

QueuePriceDelegate::QueuePriceDelegate(QObject *parent)
    : QueueCellDelegate(parent)
{}

void QueuePriceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                      const QModelIndex &index) const
{
    const auto *queue = qobject_cast<const QueueViewModel *>(model);
    const auto *line = qobject_cast<const QLineEdit *>(editor);
    const QueueItem *item = queue && line ? queue->itemAt(index.row()) : nullptr;
    if (!item) {
        QueueCellDelegate::setModelData(editor, model, index);
        return;
    }
    const QString text = line->text();
    const FieldCheck<Decimal> price = checkPrice(text, QLocale(), item->currency);
    if (!price.ok() || *price.value == item->price) {
        QueueCellDelegate::setModelData(editor, model, index);
        return;
    }
    const OrderFacts facts{item->receiverEmail, *price.value, item->currency, item->partnerJobId};
    // The editor closes now; the answer may come later, for the same cell if it still exists.
    const QPersistentModelIndex cell(index);
    const QPointer<QAbstractItemModel> target(model);
    QWidget *viewport = editor->parentWidget();
    const QPointer<QAbstractItemView> view(
        viewport ? qobject_cast<QAbstractItemView *>(viewport->parentWidget()) : nullptr);
    askAboutPrice(
        editor->window(), facts,
        [target, cell, text] {
            if (target && cell.isValid())
                target->setData(cell, text, Qt::EditRole);
        },
        [view, cell] {
            if (!view || !cell.isValid())
                return;
            view->setCurrentIndex(cell);
            view->edit(cell);
        });
}

} // namespace pc
