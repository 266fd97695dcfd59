#include "common/secretfile.h"

#include "common/regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringDecoder>

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
    result.secret = text.trimmed();
    if (result.secret.isEmpty())
        result.problem = Text::tr("The first line of %1 is blank. Put the secret on the first "
                                  "line, with nothing before it.")
                             .arg(path);
    return result;
}

} // namespace pc
