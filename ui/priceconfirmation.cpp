#include "priceconfirmation.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(PriceConfirmation)
};

} // namespace

QMessageBox *askAboutPrice(QWidget *parent, const OrderFacts &facts, std::function<void()> proceed,
                           std::function<void()> changePrice)
{
    const QString question = priceConfirmationQuestion(facts.price, facts.currency);
    if (question.isEmpty()) {
        proceed();
        return nullptr;
    }
    auto *box = new QMessageBox(QMessageBox::Question, Text::tr("Check the price"), question,
                                QMessageBox::NoButton, parent);
    box->setObjectName(u"priceConfirmation"_s);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *keep = box->addButton(Text::tr("&Keep this price"), QMessageBox::AcceptRole);
    keep->setObjectName(u"keepPrice"_s);
    QPushButton *change = box->addButton(Text::tr("&Change the price"), QMessageBox::RejectRole);
    change->setObjectName(u"changePrice"_s);
    // A slip is the likelier case: Enter changes the price, never sends it.
    box->setDefaultButton(change);
    box->setEscapeButton(change);
    QObject::connect(box, &QMessageBox::buttonClicked, box,
                     [keep, proceed = std::move(proceed),
                      changePrice = std::move(changePrice)](QAbstractButton *clicked) {
                         if (clicked == keep)
                             proceed();
                         else
                             changePrice();
                     });
    QObject::connect(box, &QDialog::finished, box, &QObject::deleteLater);
    box->open();
    return box;
}

} // namespace pc
