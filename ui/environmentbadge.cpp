#include "environmentbadge.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace pc {

EnvironmentBadge::EnvironmentBadge(const EnvironmentInfo &environment, Size size, QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(environment.kindLabel(), this))
{
    setObjectName(u"environmentBadge"_s);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    const bool large = size == Size::Large;
    const int iconSize = large ? 18 : 14;
    const int height = large ? 30 : 20;
    const QColor background = backgroundColor(environment.kind);
    const QColor foreground = textColor(environment.kind);

    m_icon->setPixmap(QIcon(iconResource(environment.kind))
                          .pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    m_icon->setAccessibleName(tr("Environment icon"));
    m_text->setObjectName(u"environmentBadgeText"_s);

    QFont font = m_text->font();
    font.setBold(true);
    if (large)
        font.setPointSizeF(font.pointSizeF() * 1.1);
    m_text->setFont(font);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(large ? 12 : 8, 0, large ? 14 : 9, 0);
    layout->setSpacing(large ? 7 : 5);
    layout->addWidget(m_icon);
    layout->addWidget(m_text);
    setFixedHeight(height);

    setStyleSheet(u"QFrame#environmentBadge { background-color: %1; border-radius: %2px; }"
                  "QFrame#environmentBadge QLabel { color: %3; background: transparent; }"_s
                      .arg(background.name())
                      .arg(height / 2)
                      .arg(foreground.name()));

    setAccessibleName(tr("Environment: %1").arg(environment.kindLabel()));
    setAccessibleDescription(environment.summary());
    setToolTip(environment.summary());
}

QString EnvironmentBadge::text() const
{
    return m_text->text();
}

QColor EnvironmentBadge::backgroundColor(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Sandbox:
        return QColor::fromRgb(0x0072b2); // blue
    case EnvironmentKind::Production:
        return QColor::fromRgb(0xe69f00); // orange
    case EnvironmentKind::Custom:
        break;
    }
    return QColor::fromRgb(0xcc79a7); // reddish purple
}

QColor EnvironmentBadge::textColor(EnvironmentKind kind)
{
    return kind == EnvironmentKind::Sandbox ? QColor(Qt::white) : QColor::fromRgb(0x1a1a1a);
}

QString EnvironmentBadge::iconResource(EnvironmentKind kind)
{
    switch (kind) {
    case EnvironmentKind::Sandbox:
        return u":/icons/env-sandbox.svg"_s;
    case EnvironmentKind::Production:
        return u":/icons/env-production.svg"_s;
    case EnvironmentKind::Custom:
        break;
    }
    return u":/icons/env-custom.svg"_s;
}

} // namespace pc
