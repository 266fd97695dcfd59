#include "common/secretfile.h"

#include "common/regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

#include <algorithm>

namespace pc {

namespace {

// Text::tr() for this file's function; lupdate takes the context from the macro.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(SecretFile)
};

} // namespace

SecretFile SecretFile::read(const QString &path)
{
    SecretFile result;
    QFile file;
    if (!openRegularFile(file, path, &result.problem))
        return result;
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteGroup | QFileDevice::WriteOther)) {
        // Others may have read the secret, or put their own in: refuse rather than use it.
        result.problem = Text::tr("%1 can be read or changed by other users, so it was not "
                                  "used. Restrict it with: chmod 600 %1")
                             .arg(path);
        return result;
    }
    // One byte more than a line may hold, to tell a line of exactly the limit from a longer one.
    const QByteArray head = file.read(kMaxLineBytes + 1);
    if (head.isEmpty()) {
        result.problem = Text::tr("%1 is empty. Put the secret on its first line.").arg(path);
        return result;
    }
    const qsizetype end = head.indexOf('\n');
    if (end < 0 && head.size() > kMaxLineBytes) {
        result.problem = Text::tr("The first line of %1 is longer than %2 bytes, too long for a "
                                  "key or a password; it was not used. Check that this is the "
                                  "right file.")
                             .arg(path)
                             .arg(kMaxLineBytes);
        return result;
    }
    const QByteArray line = end < 0 ? head : head.left(end);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(line);
    if (utf8.hasError()) {
        result.problem = Text::tr("The first line of %1 is not valid UTF-8 text, so it was not "
                                  "used. Write the secret into the file again as plain text.")
                             .arg(path);
        return result;
    }
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.problem = Text::tr("The first line of %1 is blank. Put the secret on the first "
                                  "line, with nothing before it.")
                             .arg(path);
        return result;
    }
    // A NUL, an escape or a carriage return inside a secret is a file written by a tool
    // that went wrong (or a terminal sequence meant for someone's screen), never a key: sent
    // on, it would fail at the service with a misleading "wrong key".
    if (const qsizetype at = controlCharacterAt(trimmed); at > 0) {
        result.problem = Text::tr("The first line of %1 holds a control character (a NUL, an "
                                  "escape or a carriage return, for example) at character %2, "
                                  "so it was not used: a key or a password is plain printable "
                                  "text. Write the secret into the file again as plain text.")
                             .arg(path)
                             .arg(at);
        return result;
    }
    result.secret = trimmed;
    return result;
}

qsizetype SecretFile::controlCharacterAt(const QString &secret)
{
    const auto control = std::find_if(secret.cbegin(), secret.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
    return control == secret.cend() ? 0 : control - secret.cbegin() + 1;
}

} // namespace pc
