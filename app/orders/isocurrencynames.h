#pragma once

#include <QLocale>
#include <QString>

namespace pc {

// The name of an ISO 4217 currency in `language`, from the system's iso-codes data (Debian
// package iso-codes: /usr/share/iso-codes/json/iso_4217.json and the iso_4217 gettext
// catalogues). Qt's locale data names a currency only in the languages of the countries
// that use it, so a German user would otherwise read "US Dollar". Empty when the data or the
// translation is not installed. Thread-safe; each catalogue is read once.
QString isoCurrencyName(const QString &code, QLocale::Language language);

} // namespace pc
