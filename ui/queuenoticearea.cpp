#include "queuenoticearea.h"

#include "queuenotice.h"

#include <QEvent>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kMostLines = 12; // taller than this, the messages scroll
constexpr int kLeastLines = 3; // what a short window still shows of them

} // namespace

QueueNoticeArea::QueueNoticeArea(QWidget *parent)
    : QScrollArea(parent)
{
    setObjectName(u"queueNoticeArea"_s);
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *content = new QWidget(this);
    content->setObjectName(u"queueNotices"_s);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    setWidget(content);
    hide();
}

void QueueNoticeArea::addNotice(QueueNotice *notice)
{
    widget()->layout()->addWidget(notice);
    notice->installEventFilter(this);
    m_notices << notice;
    follow();
}

bool QueueNoticeArea::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShowToParent || event->type() == QEvent::HideToParent ||
        event->type() == QEvent::LayoutRequest)
        follow();
    return QScrollArea::eventFilter(watched, event);
}

void QueueNoticeArea::follow()
{
    bool any = false;
    for (const QueueNotice *notice : std::as_const(m_notices))
        any = any || !notice->isHidden();
    setVisible(any);
    updateGeometry();
}

int QueueNoticeArea::contentHeight() const
{
    const QWidget *content = widget();
    const int width = viewport()->width() > 0 ? viewport()->width() : content->sizeHint().width();
    return content->hasHeightForWidth() ? content->heightForWidth(width)
                                        : content->sizeHint().height();
}

QSize QueueNoticeArea::sizeHint() const
{
    const int most = fontMetrics().lineSpacing() * kMostLines;
    return {widget()->sizeHint().width(), std::min(contentHeight(), most)};
}

QSize QueueNoticeArea::minimumSizeHint() const
{
    const int least = fontMetrics().lineSpacing() * kLeastLines;
    return {0, std::min(contentHeight(), least)};
}

} // namespace pc
