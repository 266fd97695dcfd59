#pragma once

#include <QScrollArea>

namespace pc {

class QueueNotice;

// The queue panel's messages, stacked: as tall as they need up to a few lines' worth, then
// they scroll, so that several at once never squeeze the order details form above them or
// push the queue's rows out of a short window. Hidden while no message shows.
class QueueNoticeArea final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueNoticeArea)

public:
    explicit QueueNoticeArea(QWidget *parent = nullptr);

    // Takes `notice` into the stack, below the others.
    void addNotice(QueueNotice *notice);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int contentHeight() const;
    void follow();

    QList<QueueNotice *> m_notices;
};

} // namespace pc
