#include "orders/isocurrencynames.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const QString kIsoCodesJson = u"/usr/share/iso-codes/json/iso_4217.json"_s;
const QString kCatalogue = u"/usr/share/locale/%1/LC_MESSAGES/iso_4217.mo"_s;

// code -> English name as iso-codes writes it (the catalogues' msgids).
QHash<QString, QString> readEnglishNames()
{
    QHash<QString, QString> names;
    QFile file(kIsoCodesJson);
    if (!file.open(QIODevice::ReadOnly))
        return names;
    const QJsonArray list = QJsonDocument::fromJson(file.readAll()).object()[u"4217"_s].toArray();
    for (const QJsonValue &entry : list) {
        const QJsonObject currency = entry.toObject();
        names.insert(currency[u"alpha_3"_s].toString(), currency[u"name"_s].toString());
    }
    return names;
}

// A GNU gettext .mo file: msgid -> msgstr. Anything malformed gives an empty catalogue.
QHash<QString, QString> readCatalogue(const QString &path)
{
    QHash<QString, QString> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > (4 << 20))
        return messages;
    const QByteArray data = file.readAll();
    auto word = [&data](qsizetype at, bool bigEndian) -> std::optional<quint32> {
        if (at < 0 || at + 4 > data.size())
            return std::nullopt;
        return bigEndian ? qFromBigEndian<quint32>(data.constData() + at)
                         : qFromLittleEndian<quint32>(data.constData() + at);
    };
    const auto magic = word(0, false);
    if (!magic || (*magic != 0x950412deu && *magic != 0xde120495u))
        return messages;
    const bool big = *magic == 0xde120495u;
    const auto count = word(8, big), originals = word(12, big), translations = word(16, big);
    if (!count || !originals || !translations)
        return messages;
    auto text = [&](quint32 table, quint32 index) -> std::optional<QString> {
        const auto length = word(qsizetype(table) + 8 * qsizetype(index), big);
        const auto offset = word(qsizetype(table) + 8 * qsizetype(index) + 4, big);
        if (!length || !offset || qsizetype(*offset) + qsizetype(*length) > data.size())
            return std::nullopt;
        return QString::fromUtf8(data.constData() + *offset, qsizetype(*length));
    };
    for (quint32 i = 0; i < *count; ++i) {
        const auto original = text(*originals, i), translation = text(*translations, i);
        if (!original || !translation)
            return {};
        if (!original->isEmpty() && !translation->isEmpty())
            messages.insert(*original, *translation);
    }
    return messages;
}

} // namespace

QString isoCurrencyName(const QString &code, QLocale::Language language)
{
    static QMutex mutex;
    static const QHash<QString, QString> english = readEnglishNames();
    static QHash<QLocale::Language, QHash<QString, QString>> catalogues;

    const QString englishName = english.value(code);
    if (englishName.isEmpty())
        return {};
    if (language == QLocale::English || language == QLocale::C)
        return englishName;
    const QMutexLocker lock(&mutex);
    auto found = catalogues.find(language);
    if (found == catalogues.end()) {
        // The catalogue folder is named by language code ("de", "pt_BR" is not needed here).
        const QString name = QLocale::languageToCode(language, QLocale::ISO639Part1);
        found = catalogues.insert(language, name.isEmpty() ? QHash<QString, QString>()
                                                           : readCatalogue(kCatalogue.arg(name)));
    }
    return found->value(englishName);
}

} // namespace pc
