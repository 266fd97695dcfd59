#include "tokenstatepanel.h"

#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kIconSize = 48;

QLabel *makeTextLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

} // namespace

TokenStatePanel::TokenStatePanel(const QIcon &reloadIcon, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"tokenViewPanel"_s);
    // The page's own white, so switching between page and panel does not flash the frame.
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    m_icon = new QLabel(this);
    m_icon->setFixedSize(kIconSize, kIconSize);
    m_icon->setAlignment(Qt::AlignCenter);

    m_title = makeTextLabel(u"tokenViewPanelTitle"_s, this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_text = makeTextLabel(u"tokenViewPanelText"_s, this);
    // Selectable, so a reason can be copied into a support request.
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_text->palette();
    QColor muted = palette.color(QPalette::WindowText);
    muted.setAlphaF(0.7);
    palette.setColor(QPalette::WindowText, muted);
    m_text->setPalette(palette);

    m_reload = new QPushButton(reloadIcon, tr("Reload"), this);
    m_reload->setObjectName(u"tokenViewPanelReload"_s);
    m_reload->setAccessibleName(tr("Reload print page"));
    connect(m_reload, &QPushButton::clicked, this, &TokenStatePanel::reloadRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(10);
    layout->addStretch(1);
    layout->addWidget(m_icon, 0, Qt::AlignHCenter);
    layout->addSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addSpacing(6);
    layout->addWidget(m_reload, 0, Qt::AlignHCenter);
    layout->addStretch(1);
}

void TokenStatePanel::showState(const QString &iconResource, const QString &title,
                                const QString &text, bool offerReload)
{
    m_icon->setPixmap(QIcon(iconResource).pixmap(QSize(kIconSize, kIconSize), devicePixelRatioF()));
    m_title->setText(title);
    m_text->setText(text);
    m_reload->setVisible(offerReload);
}

QString TokenStatePanel::title() const
{
    return m_title->text();
}

QString TokenStatePanel::text() const
{
    return m_text->text();
}

} // namespace pc
