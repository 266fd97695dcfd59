#pragma once

#include "orders/storetypes.h"

#include <QDialog>

#include <functional>

class QLineEdit;
class QPushButton;

namespace pc {

// Asks before an order leaves this console's records, naming the file, the token, the
// receiver and what is lost. A sandbox test order is deleted after Delete; a real order's
// dialog offers Archive instead (the default) and enables Delete only once the first
// characters of the token are typed, since the service keeps that token and the console
// would no longer follow its print.
class OrderDeletionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderDeletionDialog)

public:
    enum class Choice { Cancel, Archive, Delete };

    // How many leading characters of the token a real order's deletion asks for.
    static constexpr int kTypedTokenLength = 8;

    OrderDeletionDialog(const Order &order, bool testOrder, QWidget *parent = nullptr);
    ~OrderDeletionDialog() override;

    // The text the dialog shows: what is deleted and what is lost.
    static QString explanation(const Order &order, bool testOrder);
    // What a real order's deletion asks to be typed (the token's first characters).
    static QString requiredText(const Order &order);

    Choice choice() const { return m_choice; }
    QLineEdit *confirmationEdit() const { return m_typed; }
    QPushButton *deleteButton() const { return m_delete; }

    // Opens the question window-modal on `parent` and returns at once, without a nested event
    // loop; `done` runs with the choice once the person answered (Cancel when the dialog is
    // closed or Escape or Enter is pressed on a test order's question). The dialog deletes
    // itself afterwards.
    static OrderDeletionDialog *ask(const Order &order, bool testOrder, QWidget *parent,
                                    std::function<void(Choice)> done);

private:
    Choice m_choice = Choice::Cancel;
    QLineEdit *m_typed = nullptr;
    QPushButton *m_delete = nullptr;
};

} // namespace pc
