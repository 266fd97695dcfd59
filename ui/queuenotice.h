#pragma once

#include <QFrame>

class QLabel;
class QHBoxLayout;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace pc {

// A dismissable message inside the queue panel (never a modal box): skipped files,
// possible duplicates, a store that could not save, the outcome of an edit. An icon and a
// title say what kind of message it is; the tinted background only repeats it. An optional
// two-column list holds one line per file.
class QueueNotice final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueNotice)

public:
    enum class Kind { Info, Warning, Error };

    QueueNotice(Kind kind, const QString &objectName, QWidget *parent = nullptr);

    void setKind(Kind kind);
    void setTitle(const QString &title);
    void setText(const QString &text);
    QString title() const;
    QString text() const;

    // The list under the text: column captions, then one line per entry.
    void setDetailHeaders(const QString &first, const QString &second);
    QTreeWidgetItem *addDetail(const QString &first, const QString &second,
                               const QString &toolTip = {});
    int detailCount() const;
    QTreeWidget *details() const { return m_details; }

    QPushButton *addButton(const QString &text);

    // Hides the notice and empties its list (the close button does this too).
    void dismiss();

Q_SIGNALS:
    void dismissed();

private:
    void applyKind();

    Kind m_kind;
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QTreeWidget *m_details = nullptr;
    QHBoxLayout *m_buttons = nullptr;
};

} // namespace pc
