#include "queuenotice.h"

#include "queuedelegates.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kIconSize = 20;
constexpr int kDetailRowsShown = 5;

} // namespace

QueueNotice::QueueNotice(Kind kind, const QString &objectName, QWidget *parent)
    : QFrame(parent)
    , m_kind(kind)
{
    setObjectName(objectName);

    m_icon = new QLabel(this);
    m_icon->setFixedSize(kIconSize, kIconSize);
    m_title = new QLabel(this);
    m_title->setObjectName(u"noticeTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setObjectName(u"noticeText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->hide();

    m_details = new QTreeWidget(this);
    m_details->setObjectName(u"noticeDetails"_s);
    m_details->setRootIsDecorated(false);
    m_details->setUniformRowHeights(true);
    m_details->setColumnCount(2);
    m_details->setSelectionMode(QAbstractItemView::SingleSelection);
    m_details->setItemDelegate(new QueueCellDelegate(m_details));
    m_details->setTextElideMode(Qt::ElideMiddle);
    m_details->header()->setStretchLastSection(true);
    m_details->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_details->hide();

    auto *close = new QToolButton(this);
    close->setObjectName(u"noticeDismiss"_s);
    close->setIcon(QIcon(u":/icons/queue-dismiss.svg"_s));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    close->setAccessibleName(tr("Dismiss this message"));
    connect(close, &QToolButton::clicked, this, &QueueNotice::dismiss);

    m_buttons = new QHBoxLayout;
    m_buttons->setSpacing(8);
    m_buttons->addStretch(1);

    auto *body = new QVBoxLayout;
    body->setSpacing(4);
    body->addWidget(m_title);
    body->addWidget(m_text);
    body->addWidget(m_details);
    body->addLayout(m_buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 6, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addLayout(body, 1);
    layout->addWidget(close, 0, Qt::AlignTop);

    applyKind();
    hide();
}

void QueueNotice::setKind(Kind kind)
{
    m_kind = kind;
    applyKind();
}

void QueueNotice::applyKind()
{
    QString icon;
    QString background;
    QString border;
    switch (m_kind) {
    case Kind::Info:
        icon = u":/icons/queue-info.svg"_s;
        background = u"#e8f2fa"_s;
        border = u"#0072b2"_s;
        break;
    case Kind::Warning:
        icon = u":/icons/notice.svg"_s;
        background = u"#fdf3dc"_s;
        border = u"#e69f00"_s;
        break;
    case Kind::Error:
        icon = u":/icons/status-failure.svg"_s;
        background = u"#fbe9e2"_s;
        border = u"#d55e00"_s;
        break;
    }
    m_icon->setPixmap(QIcon(icon).pixmap(QSize(kIconSize, kIconSize), devicePixelRatioF()));
    m_icon->setAccessibleName(m_kind == Kind::Error     ? tr("Error")
                              : m_kind == Kind::Warning ? tr("Warning")
                                                        : tr("Information"));
    // Fixed light tints with dark text, so the message reads the same in any theme.
    setStyleSheet(u"QFrame#%1 { background-color: %2; border: 1px solid %3; "
                  "border-radius: 8px; }"
                  "QFrame#%1 > QLabel { color: #1a1a1a; background: transparent; }"_s.arg(
                      objectName(), background, border));
}

void QueueNotice::setTitle(const QString &title)
{
    m_title->setText(title);
    setAccessibleName(title);
}

void QueueNotice::setText(const QString &text)
{
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

QString QueueNotice::title() const
{
    return m_title->text();
}

QString QueueNotice::text() const
{
    return m_text->text();
}

void QueueNotice::setDetailHeaders(const QString &first, const QString &second)
{
    m_details->setHeaderLabels({first, second});
}

QTreeWidgetItem *QueueNotice::addDetail(const QString &first, const QString &second,
                                        const QString &toolTip)
{
    auto *item = new QTreeWidgetItem(m_details, {first, second});
    if (!toolTip.isEmpty()) {
        item->setToolTip(0, toolTip);
        item->setToolTip(1, second);
    }
    m_details->show();
    // A few lines at once; a scroll bar for more, so a big drop does not push the queue away.
    const int rowHeight = m_details->sizeHintForRow(0) > 0 ? m_details->sizeHintForRow(0) : 20;
    const int rows = std::min(m_details->topLevelItemCount(), kDetailRowsShown);
    m_details->setFixedHeight(m_details->header()->sizeHint().height() + rows * rowHeight +
                              2 * m_details->frameWidth() + 2);
    return item;
}

int QueueNotice::detailCount() const
{
    return m_details->topLevelItemCount();
}

QPushButton *QueueNotice::addButton(const QString &text)
{
    auto *button = new QPushButton(text, this);
    m_buttons->addWidget(button);
    return button;
}

void QueueNotice::dismiss()
{
    hide();
    m_details->clear();
    m_details->hide();
    Q_EMIT dismissed();
}

} // namespace pc
