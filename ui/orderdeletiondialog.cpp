#include "orderdeletiondialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

OrderDeletionDialog::OrderDeletionDialog(const Order &order, bool testOrder, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"orderDeletionDialog"_s);
    setWindowTitle(testOrder ? tr("Delete Test Order") : tr("Delete Order"));
    auto *text = new QLabel(explanation(order, testOrder), this);
    text->setObjectName(u"orderDeletionText"_s);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setMinimumWidth(fontMetrics().averageCharWidth() * 60);

    auto *buttons = new QDialogButtonBox(this);
    m_delete = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
    m_delete->setObjectName(u"orderDeletionDelete"_s);
    // Enter never deletes: the button that keeps the order is the default and has the focus.
    m_delete->setAutoDefault(false);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Delete;
        accept();
    });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    if (testOrder) {
        cancel->setDefault(true);
        cancel->setFocus();
    } else {
        QPushButton *archive =
            buttons->addButton(tr("Archive Instead"), QDialogButtonBox::AcceptRole);
        archive->setObjectName(u"orderDeletionArchive"_s);
        archive->setDefault(true);
        connect(archive, &QPushButton::clicked, this, [this] {
            m_choice = Choice::Archive;
            accept();
        });
        const QString required = requiredText(order);
        auto *prompt = new QLabel(
            tr("To delete it all the same, type the first %1 characters of the token (%2):")
                .arg(required.size())
                .arg(required),
            this);
        prompt->setWordWrap(true);
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(u"orderDeletionConfirmation"_s);
        m_typed->setAccessibleName(tr("The token's first characters"));
        prompt->setBuddy(m_typed);
        m_delete->setEnabled(false);
        connect(m_typed, &QLineEdit::textChanged, this, [this, required](const QString &typed) {
            m_delete->setEnabled(typed.trimmed() == required);
        });
        layout->addWidget(prompt);
        layout->addWidget(m_typed);
    }
    layout->addWidget(buttons);
}

OrderDeletionDialog::~OrderDeletionDialog() = default;

QString OrderDeletionDialog::requiredText(const Order &order)
{
    return order.token.left(kTypedTokenLength);
}

QString OrderDeletionDialog::explanation(const Order &order, bool testOrder)
{
    QStringList lines;
    lines << (testOrder ? tr("Delete the sandbox test order for %1?").arg(order.fileName)
                        : tr("Delete the order for %1 from this console?").arg(order.fileName))
          << QString() << tr("Token: %1").arg(order.token)
          << tr("Receiver: %1").arg(order.receiverEmail);
    if (!order.partnerJobId.isEmpty())
        lines << tr("Job ID: %1").arg(order.partnerJobId);
    lines << QString();
    if (testOrder) {
        lines << tr("The console forgets the token, its links, its print status history and "
                    "its note. The sandbox is only a test service: no customer and no money "
                    "are involved. This cannot be undone.");
    } else {
        lines << tr("This is a real order. The console forgets its token, its links, its print "
                    "status history and its note, and no longer follows its print. The service "
                    "keeps the token: the customer can still print with the link, and the "
                    "console cannot show that print again. This cannot be undone.")
              << QString()
              << tr("Archive the order instead to only hide it from the table; archived orders "
                    "can be shown again at any time.");
    }
    return lines.join(u'\n');
}

OrderDeletionDialog *OrderDeletionDialog::ask(const Order &order, bool testOrder, QWidget *parent,
                                              std::function<void(Choice)> done)
{
    auto *dialog = new OrderDeletionDialog(order, testOrder, parent);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, dialog, [dialog, done = std::move(done)] {
        if (done)
            done(dialog->choice());
    });
    dialog->open();
    return dialog;
}

} // namespace pc
