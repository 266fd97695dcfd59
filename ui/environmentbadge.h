#pragma once

#include "environmentinfo.h"

#include <QColor>
#include <QFrame>

class QLabel;

namespace pc {

// A pill that names the active environment: icon + word on a colour. The word and the icon
// carry the meaning, the colour only repeats it (blue = Sandbox, orange = Production,
// purple = Custom service, from the Okabe-Ito palette; text contrast at least 4.5:1).
class EnvironmentBadge final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentBadge)

public:
    enum class Size { Large, Compact };

    explicit EnvironmentBadge(const EnvironmentInfo &environment, Size size = Size::Large,
                              QWidget *parent = nullptr);

    QString text() const;

    // The badge colours and icon of an environment kind.
    static QColor backgroundColor(EnvironmentKind kind);
    static QColor textColor(EnvironmentKind kind);
    static QString iconResource(EnvironmentKind kind);

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace pc
