#include "currencylist.h"

#include "orders/orderform.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSignalBlocker>

namespace pc {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CurrencyList)
};

// Set on the entries above the separator, so the recent part of a list can be read back.
constexpr int kRecentRole = Qt::UserRole + 1;

QStringList usableRecent(const QStringList &recent)
{
    QStringList codes;
    for (const QString &text : recent) {
        const std::optional<QString> code = knownCurrency(text);
        if (code && !codes.contains(*code))
            codes << *code;
        if (codes.size() == kMaxRecentCurrencies)
            break;
    }
    return codes;
}

} // namespace

QString currencyLabel(const QString &code, const QLocale &locale)
{
    const QString name = currencyDisplayName(code, locale);
    //: A currency in a currency list: %1 is the ISO code, %2 its name
    return name == code ? code : Text::tr("%1 \u2014 %2").arg(code, name);
}

QStringList recentCurrenciesOf(const QComboBox *box)
{
    QStringList codes;
    for (int i = 0; i < box->count() && box->itemData(i, kRecentRole).toBool(); ++i)
        codes << box->itemData(i).toString();
    return codes;
}

void fillCurrencyList(QComboBox *box, const QStringList &recent)
{
    const QStringList first = usableRecent(recent);
    if (box->count() > 0 && recentCurrenciesOf(box) == first)
        return;
    const QString current = box->currentData().toString();
    const QSignalBlocker quiet(box); // the choice stays what it was: nothing to report
    box->clear();
    const QLocale locale;
    for (const QString &code : first) {
        box->addItem(currencyLabel(code, locale), code);
        box->setItemData(box->count() - 1, true, kRecentRole);
    }
    if (!first.isEmpty())
        box->insertSeparator(box->count());
    for (const QString &code : isoCurrencyCodes())
        box->addItem(currencyLabel(code, locale), code);
    // The first match is the recent entry: the one at the top becomes the selected one.
    if (!current.isEmpty())
        box->setCurrentIndex(box->findData(current));
}

} // namespace pc
