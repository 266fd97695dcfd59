#pragma once

#include "orders/orderform.h"
#include "settings/consolesettings.h"
#include "waitingbatches.h"

#include <QFrame>
#include <QPointer>
#include <QStringList>

#include <array>
#include <optional>

class QComboBox;
class QCompleter;
class QStringListModel;
class QGridLayout;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QWidget;

namespace pc {

class ElidingLabel;

// The order details every queued file carries: receiver e-mail, price, currency and the
// partner job id, checked with the rules of orderform.h as the user types. Each field shows
// its own message (what is wrong and what to do) once the user has left it, tried to queue,
// or when files are waiting.
//
// Files never take details by themselves: each batch of files waits in the queue until a
// person presses "Queue N files" with the form naming those files ("For 3 files: a.stl,
// b.stl, c.stl"). The form starts clean for each batch and is cleared after Queue, so the
// last customer's details never reach the next customer's files unseen; reusing them is a
// button that fills the fields where they can be read. "Apply to N selected rows" hands the
// details to the panel for the rows selected in the queue.
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

    // The batch the form is for and those behind it (empty: nothing waits). A batch that
    // becomes the form's starts with a clean form, unless the user typed details while no
    // file waited (a draft for the files they were about to add).
    void showBatches(const std::optional<WaitingBatch> &current, const QList<WaitingBatch> &later);
    // The current batch's files (paths), and how many.
    QStringList pendingFiles() const { return m_current ? m_current->paths : QStringList(); }
    int pendingCount() const { return int(pendingFiles().size()); }
    // Empties the form (the defaults from the settings stay): after a batch was queued or
    // forgotten, and for each new batch.
    void clearDetails();
    // Details a person confirmed: "Use the last details" offers them, and the receiver is
    // completed from now on.
    void rememberConfirmed(const OrderFacts &facts);
    // Receivers of recent orders, most recent first, for completing the e-mail field.
    void setRecentReceivers(const QStringList &receivers);
    QStringList recentReceivers() const { return m_recentReceivers; }
    // Currencies of recent orders, most recent first: listed first in the currency choice.
    void setRecentCurrencies(const QStringList &currencies);

    // How many queue rows are selected, how many of them can still be edited, and how many
    // wait for their own details (Apply leaves those to Queue).
    void setSelection(int selected, int editable, int waiting = 0);

    // The button that queues the waiting files, for the panel's default action.
    QPushButton *queueButton() const { return m_queueButton; }

Q_SIGNALS:
    // "Queue N files" was pressed for the current batch and the details are valid.
    void queueRequested(const pc::OrderFacts &facts);
    // "Don't queue them" was pressed for the current batch.
    void forgetRequested();
    // "Apply to selected rows" was pressed and the details are valid.
    void applyRequested(const pc::OrderFacts &facts);

protected:
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

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
    bool askingAboutPrice() const;
    void onQueueClicked();
    void onApplyClicked();
    void onReuseClicked();
    void updateBatchText();
    void updateCompletion();
    void keepWrappedHeight();

    ConsoleSettings m_defaults;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_price = nullptr;
    QComboBox *m_currency = nullptr;
    QLineEdit *m_jobId = nullptr;
    std::array<FieldMessage, 4> m_messages; // indexed by OrderField
    std::array<bool, 4> m_touched{};
    // Typed into since the form was last cleared: leaving a field one never typed into (Tab
    // through the form, Enter that queued and cleared it) is no reason to call it wrong.
    std::array<bool, 4> m_typedInto{};
    bool m_emailEdited = false;
    bool m_currencyChosen = false;
    QWidget *m_pendingRow = nullptr;
    ElidingLabel *m_pendingText = nullptr;
    QPushButton *m_forgetButton = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_queueButton = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_batchText = nullptr;
    QLabel *m_laterText = nullptr;
    QPushButton *m_reuseButton = nullptr;
    QCompleter *m_completer = nullptr;
    QPointer<QMessageBox> m_priceQuestion; // open while a price of 0 or a huge one is asked about
    QStringListModel *m_receiverModel = nullptr;
    std::optional<WaitingBatch> m_current;
    QList<WaitingBatch> m_later;
    std::optional<OrderFacts> m_lastConfirmed;
    QStringList m_sessionReceivers;  // confirmed in this window, most recent first
    QStringList m_orderReceivers;    // from the order history, most recent first
    QStringList m_recentReceivers;   // both, without repeats: what the completer offers
    QStringList m_sessionCurrencies; // confirmed in this window, most recent first
    QStringList m_orderCurrencies;   // from the order history, most recent first
    // Typed by the user since the form was last cleared or filled from a row.
    bool m_draftTyped = false;
    int m_selected = 0;
    int m_editable = 0;
    int m_waitingSelected = 0;
};

} // namespace pc
