#include "sandbox/sandboxpagetexts.h"

#include "sandbox/httpwire.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

#include <optional>

using namespace Qt::StringLiterals;

namespace pc::sandbox {

namespace {

// One text in both languages.
struct Text
{
    QString english;
    QString german;

    const QString &in(PageLanguage language) const
    {
        return language == PageLanguage::German ? german : english;
    }
};

// Fields of the print page's HTML.
const QList<QPair<QString, Text>> &pageTexts()
{
    static const QList<QPair<QString, Text>> texts{
        {u"T_DESIGN_META"_s,
         {u"STL design · %1 · streamed to your printer"_s,
          u"STL-Design · %1 · an Ihren Drucker gestreamt"_s}},
        {u"T_PRINTER"_s, {u"Printer"_s, u"Drucker"_s}},
        {u"T_PRINT"_s, {u"Print"_s, u"Drucken"_s}},
        {u"T_STARTING"_s, {u"Starting…"_s, u"Wird gestartet…"_s}},
        {u"T_FOOTER"_s,
         {u"The file is streamed to the printer and never downloaded."_s,
          u"Die Datei wird zum Drucker gestreamt und nie heruntergeladen."_s}},
    };
    return texts;
}

// Texts the page's script shows: the print states and its messages.
const QList<QPair<QString, Text>> &scriptTexts()
{
    static const QList<QPair<QString, Text>> texts{
        {u"WARMING_UP"_s, {u"Warming up"_s, u"Heizt auf"_s}},
        {u"PRINTING"_s, {u"Printing"_s, u"Druckt"_s}},
        {u"SUCCESS"_s, {u"Printed"_s, u"Gedruckt"_s}},
        {u"FAILURE"_s, {u"Print failed"_s, u"Druck fehlgeschlagen"_s}},
        {u"CONFIRMED_SUCCESS"_s, {u"Printed · confirmed"_s, u"Gedruckt · bestätigt"_s}},
        {u"CONFIRMED_FAILURE"_s,
         {u"Print failed · confirmed"_s, u"Druck fehlgeschlagen · bestätigt"_s}},
        {u"minutesLeft"_s, {u"%1 min left"_s, u"noch %1 min"_s}},
        {u"connectionLost"_s,
         {u"Connection lost, retrying…"_s, u"Verbindung unterbrochen, neuer Versuch…"_s}},
        {u"notStarted"_s,
         {u"Could not start the print."_s, u"Der Druck konnte nicht gestartet werden."_s}},
        {u"unreachable"_s,
         {u"Could not reach the printer service."_s, u"Der Druckdienst ist nicht erreichbar."_s}},
        {u"decimalPoint"_s, {u"."_s, u","_s}},
    };
    return texts;
}

} // namespace

PageLanguage pageLanguage(QByteArrayView acceptLanguage)
{
    PageLanguage best = PageLanguage::English;
    double bestWeight = 0.0;
    for (const QByteArray &entry : acceptLanguage.toByteArray().split(',')) {
        const QList<QByteArray> parts = entry.split(';');
        const QByteArray tag = parts.first().trimmed().toLower();
        double weight = 1.0;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed();
            if (parameter.startsWith("q=")) {
                bool ok = false;
                weight = parameter.mid(2).toDouble(&ok);
                if (!ok)
                    weight = 0.0;
            }
        }
        std::optional<PageLanguage> language;
        if (tag == "de" || tag.startsWith("de-"))
            language = PageLanguage::German;
        else if (tag == "en" || tag.startsWith("en-"))
            language = PageLanguage::English;
        if (language && weight > bestWeight) {
            best = *language;
            bestWeight = weight;
        }
    }
    return best;
}

QString pageLanguageTag(PageLanguage language)
{
    return language == PageLanguage::German ? u"de"_s : u"en"_s;
}

QLocale pageLocale(PageLanguage language)
{
    return language == PageLanguage::German ? QLocale(QLocale::German, QLocale::Germany)
                                            : QLocale(QLocale::English, QLocale::UnitedStates);
}

QHash<QString, QString> tokenPageTexts(PageLanguage language)
{
    QHash<QString, QString> fields;
    for (const auto &[name, text] : pageTexts())
        fields.insert(name, htmlEscaped(text.in(language)));
    QJsonObject script;
    for (const auto &[name, text] : scriptTexts())
        script.insert(name, text.in(language));
    // "</" would end the script element early; "<\/" means the same in JSON.
    QString json = QString::fromUtf8(QJsonDocument(script).toJson(QJsonDocument::Compact));
    json.replace(u"</"_s, u"<\\/"_s);
    fields.insert(u"SCRIPT_TEXTS"_s, json);
    fields.insert(u"LANG"_s, pageLanguageTag(language));
    return fields;
}

QString missingPageTitle(PageLanguage language)
{
    return Text{u"Link not found"_s, u"Link nicht gefunden"_s}.in(language);
}

QString missingPageHeading(PageLanguage language)
{
    return Text{u"This print link is not available"_s, u"Dieser Drucklink ist nicht verfügbar"_s}
        .in(language);
}

QString missingPageReason(PageLanguage language, MissingPage reason)
{
    switch (reason) {
    case MissingPage::NoToken:
        return Text{u"The link has no token."_s, u"Der Link enthält kein Token."_s}.in(language);
    case MissingPage::NoDesign:
        return Text{u"No design was shared with this link."_s,
                    u"Mit diesem Link wurde kein Design geteilt."_s}
            .in(language);
    case MissingPage::NoSuchAddress:
        return Text{u"There is nothing at this address."_s,
                    u"Unter dieser Adresse gibt es nichts."_s}
            .in(language);
    case MissingPage::PageMissing:
        break;
    }
    return Text{u"The sandbox page is missing from the build."_s,
                u"Die Seite der Sandbox fehlt in diesem Build."_s}
        .in(language);
}

} // namespace pc::sandbox
