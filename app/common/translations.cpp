#include "common/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

Q_LOGGING_CATEGORY(lcTranslations, "pc.translations", QtInfoMsg)

const QString kResourceFolder = u":/i18n"_s;
const QString kFilePrefix = u"partner_console"_s;

} // namespace

void removeTranslations(QCoreApplication &app, InstalledTranslations &installed)
{
    for (QTranslator *translator : std::as_const(installed.translators)) {
        app.removeTranslator(translator);
        delete translator;
    }
    installed = {};
}

QStringList availableTranslations()
{
    QStringList languages;
    const QStringList files =
        QDir(kResourceFolder).entryList({kFilePrefix + u"_*.qm"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        languages << file.mid(kFilePrefix.size() + 1).chopped(3);
    return languages;
}

InstalledTranslations installTranslations(QCoreApplication &app, const QLocale &locale)
{
    InstalledTranslations installed;
    auto *console = new QTranslator(&app);
    // QTranslator::load(QLocale, ...) walks the locale's UI languages (de-AT, de, ...).
    if (!console->load(locale, kFilePrefix, u"_"_s, kResourceFolder) &&
        !console->load(kFilePrefix + u"_en"_s, kResourceFolder)) {
        qCWarning(lcTranslations) << "no translation could be loaded from" << kResourceFolder;
        delete console;
        return installed;
    }
    app.installTranslator(console);
    installed.translators << console;
    installed.language = console->language().section(u'_', 0, 0);
    if (installed.language.isEmpty())
        installed.language = u"en"_s;

    if (installed.language != u"en"_s) {
        // Qt's strings (OK / Cancel, the file dialog, --help's own options) in the same
        // language; Debian ships them in qt6-translations-l10n.
        auto *qt = new QTranslator(&app);
        if (qt->load(QLocale(installed.language), u"qtbase"_s, u"_"_s,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            app.installTranslator(qt);
            installed.translators << qt;
            installed.qtStrings = true;
        } else {
            qCInfo(lcTranslations) << "Qt's own translation for" << installed.language
                                   << "is not installed; standard buttons stay in English";
            delete qt;
        }
    }
    qCDebug(lcTranslations) << "language" << installed.language << "Qt strings"
                            << installed.qtStrings;
    return installed;
}

} // namespace pc
