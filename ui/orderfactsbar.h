#pragma once

#include "orders/orderform.h"
#include "settings/consolesettings.h"

#include <QFrame>
#include <QStringList>

#include <array>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

namespace pc {

// The order details every queued file carries: receiver e-mail, price, currency and the
// partner job id, checked with the rules of orderform.h as the user types. Each field shows
// its own message (what is wrong and what to do) once the user has left it, tried to queue,
// or when files are waiting.
//
// Files dropped while the details are incomplete wait here ("3 files waiting for order
// details") until the user completes the form and presses "Queue 3 files"; they are never
// dropped silently. "Apply to N selected rows" hands the details to the panel for the rows
// selected in the queue.
class OrderFactsBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderFactsBar)

public:
    explicit OrderFactsBar(const ConsoleSettings &defaults, QWidget *parent = nullptr);
    ~OrderFactsBar() override;

    // New defaults from the settings: they fill the receiver and currency unless the user
    // already typed or chose something else.
    void setDefaults(const ConsoleSettings &defaults);

    // The form as it stands, checked.
    OrderFormResult validate() const;
    // Shows every field's problem and focuses the first bad field; true when valid.
    bool showProblems();
    // Fills the form with an item's details ("Edit details").
    void setFacts(const OrderFacts &facts);
    // Puts the keyboard focus into the first field.
    void focusDetails();

    // Files that wait for valid details. Adding keeps the order and skips repeats.
    void addPending(const QStringList &paths);
    QStringList pendingFiles() const { return m_pending; }
    QStringList takePending();
    int pendingCount() const { return int(m_pending.size()); }

    // How many queue rows are selected, and how many of them can still be edited.
    void setSelection(int selected, int editable);

    // The button that queues the waiting files, for the panel's default action.
    QPushButton *queueButton() const { return m_queueButton; }

Q_SIGNALS:
    // "Queue N files" was pressed and the details are valid.
    void queueRequested(const pc::OrderFacts &facts);
    // "Apply to selected rows" was pressed and the details are valid.
    void applyRequested(const pc::OrderFacts &facts);
    void pendingChanged(int count);

private:
    struct FieldMessage
    {
        QWidget *box = nullptr;
        QLabel *icon = nullptr;
        QLabel *text = nullptr;
    };

    void createField(QGridLayout *grid, int column, const QString &caption, QWidget *editor,
                     FieldMessage *message);
    void fillCurrencies();
    void setCurrency(const QString &code);
    QString currentCurrency() const;
    void markTouched(OrderField field);
    void updateMessages();
    void updateButtons();
    void showMessage(FieldMessage &message, const QString &text, bool error);
    void onQueueClicked();
    void onApplyClicked();
    void onForgetClicked();

    ConsoleSettings m_defaults;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_price = nullptr;
    QComboBox *m_currency = nullptr;
    QLineEdit *m_jobId = nullptr;
    std::array<FieldMessage, 4> m_messages; // indexed by OrderField
    std::array<bool, 4> m_touched{};
    bool m_emailEdited = false;
    bool m_currencyChosen = false;
    QWidget *m_pendingRow = nullptr;
    QLabel *m_pendingText = nullptr;
    QPushButton *m_forgetButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_queueButton = nullptr;
    QStringList m_pending;
    int m_selected = 0;
    int m_editable = 0;
};

} // namespace pc
