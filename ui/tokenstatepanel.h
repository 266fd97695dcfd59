#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace pc {

// What the token widget shows in its 400 x 400 area instead of the page: an icon, a headline,
// a sentence in plain words and, when trying again can help, a Reload button.
class TokenStatePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStatePanel)

public:
    explicit TokenStatePanel(const QIcon &reloadIcon, QWidget *parent = nullptr);

    void showState(const QString &iconResource, const QString &title, const QString &text,
                   bool offerReload);
    QString title() const;
    QString text() const;

Q_SIGNALS:
    void reloadRequested();

private:
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_reload = nullptr;
};

} // namespace pc
