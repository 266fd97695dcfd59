#pragma once

#include <QList>
#include <QLocale>
#include <QString>

class QCoreApplication;
class QTranslator;

namespace pc {

// The console's translations: partner_console_<lang>.qm compiled into the core library (as
// :/i18n/) plus Qt's own strings (standard buttons, file dialog, command line help) from
// the system's Qt translations folder. English is the source language; its file carries only
// the plural forms ("1 file", "2 files").
struct InstalledTranslations
{
    QString language;                 // the language whose translation was installed ("de", "en")
    bool qtStrings = false;           // Qt's own translation for that language was found too
    QList<QTranslator *> translators; // installed on the application, owned by it
};

// Installs the translators that suit `locale` (by default the system's UI languages) on
// `app`. Falls back to English when the console has no translation for any of the locale's
// languages. Call once, before any window or help text is built.
InstalledTranslations installTranslations(QCoreApplication &app, const QLocale &locale = {});

// Removes and deletes what installTranslations() installed (tests switch languages).
void removeTranslations(QCoreApplication &app, InstalledTranslations &installed);

// The languages the console ships a translation for, e.g. {"de", "en"}.
QStringList availableTranslations();

} // namespace pc
