#pragma once

#include <QStyledItemDelegate>

namespace pc {

// Paints the State cell of the upload queue in two lines. While uploading: a progress bar
// (QStyleOptionProgressBar, so it looks native in every style) with the percentage, and
// below it the speed and the time left. Otherwise: the state's icon and label, and below
// them the reason when the item failed or waits for a retry. The icon and the words carry
// the meaning; colour only repeats it.
class QueueStateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueStateDelegate)

public:
    explicit QueueStateDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The second line of an uploading row: "1.2 MB/s · 0:00:12 left" (for tests and
    // accessibility too).
    static QString transferLine(const QModelIndex &index);

private:
    void paintProgress(QPainter *painter, const QStyleOptionViewItem &option, const QRect &line,
                       const QModelIndex &index) const;
    void paintStateLine(QPainter *painter, const QStyleOptionViewItem &option, const QRect &line,
                        const QModelIndex &index) const;
};

// The other cells of the queue (and of the panel's file lists): the style's own cell, with
// more room between the text and the cell's edges, so a right-aligned number never runs
// into the left-aligned text of the next column.
class QueueCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueCellDelegate)

public:
    static constexpr int kPadding = 6;

    explicit QueueCellDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;
};

// The queue's Price cells: a cell like the others whose in-place edit gets the same second
// look as the order form when the new price is nothing or far above what one design sells
// for (askAboutPrice(), window-modal, never a nested event loop). Keep sets the price; Change
// opens the cell's editor again. Other prices, unchanged ones and refused text go to the
// model at once, which says what is wrong with refused text.
class QueuePriceDelegate final : public QueueCellDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePriceDelegate)

public:
    explicit QueuePriceDelegate(QObject *parent = nullptr);

    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;
};

} // namespace pc
