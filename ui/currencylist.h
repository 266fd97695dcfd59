#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QComboBox;

namespace pc {

// The currency choosers of the window (the order form and Settings) share one look: each
// currency named the same way, the ones used lately first.

inline constexpr int kMaxRecentCurrencies = 5;

// "USD — US Dollar" (the code alone when no name is known).
QString currencyLabel(const QString &code, const QLocale &locale = QLocale());

// Fills `box` with `recent` (known codes only, most recent first, at most
// kMaxRecentCurrencies), a separator, then every ISO 4217 currency in code order; the item
// data is the code. The current choice is kept, and nothing is emitted when the list is
// already the same.
void fillCurrencyList(QComboBox *box, const QStringList &recent);

// The currencies `box` lists first (as filled by fillCurrencyList()).
QStringList recentCurrenciesOf(const QComboBox *box);

} // namespace pc
