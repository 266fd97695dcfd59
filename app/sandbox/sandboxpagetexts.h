#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QLocale>
#include <QString>

namespace pc::sandbox {

// The languages the sandbox's pages for people (the print page, "link not available") speak.
// The sandbox answers every browser in the language it asks for, whatever language the
// console runs in, so the texts are a small table of their own rather than the console's
// translations.
enum class PageLanguage { English, German };

// The language of the `Accept-Language` header ("de-DE,de;q=0.9,en;q=0.8") the pages best
// serve: the supported language with the highest weight, the earlier one on a tie; English
// when the header names neither.
PageLanguage pageLanguage(QByteArrayView acceptLanguage);

// "en", "de": for the page's lang attribute and the Content-Language header.
QString pageLanguageTag(PageLanguage language);
// Number formats of the language (the file size on the print page).
QLocale pageLocale(PageLanguage language);

// The print page's texts as template fields, already HTML-escaped ({{T_PRINT}}, ...), plus
// {{LANG}} and {{SCRIPT_TEXTS}}: the texts the page's script shows, as a JSON object safe
// inside a <script> element.
QHash<QString, QString> tokenPageTexts(PageLanguage language);

// The texts of the "link not available" page.
enum class MissingPage { NoToken, NoDesign, NoSuchAddress, PageMissing };
QString missingPageTitle(PageLanguage language);
QString missingPageHeading(PageLanguage language);
QString missingPageReason(PageLanguage language, MissingPage reason);

} // namespace pc::sandbox
