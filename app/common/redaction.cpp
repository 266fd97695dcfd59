#include "common/redaction.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSet>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const QString kRedacted = u"REDACTED"_s;

struct SecretRegistry
{
    QMutex mutex;
    QSet<QString> secrets;
};

SecretRegistry &registry()
{
    static SecretRegistry instance;
    return instance;
}

// name=value in query strings, form bodies and command lines.
const QRegularExpression &assignmentPattern()
{
    static const QRegularExpression re(
        uR"re(((?:api[_-]?key|apikey|access[_-]?token|password|passwd|secret)=)[^&\s"'#]*)re"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// "name": "value" in JSON.
const QRegularExpression &jsonPattern()
{
    static const QRegularExpression re(
        uR"re(("(?:api[_-]?key|apikey|access[_-]?token|password|secret)"\s*:\s*")(?:[^"\\]|\\.)*")re"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

// HTTP headers that carry credentials.
const QRegularExpression &headerPattern()
{
    static const QRegularExpression re(
        uR"re(((?:authorization|proxy-authorization|x-api-key)\s*:\s*)[^\r\n]*)re"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

QtMessageHandler g_previousHandler = nullptr;

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = redact(message);
    if (g_previousHandler) {
        g_previousHandler(type, context, clean);
        return;
    }
    const QByteArray line = qFormatLogMessage(type, context, clean).toLocal8Bit() + '\n';
    std::fputs(line.constData(), stderr);
}

} // namespace

QString redact(QString text)
{
    {
        SecretRegistry &reg = registry();
        QMutexLocker locker(&reg.mutex);
        for (const QString &secret : std::as_const(reg.secrets)) {
            text.replace(secret, kRedacted);
            const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
            if (encoded != secret)
                text.replace(encoded, kRedacted, Qt::CaseInsensitive);
        }
    }
    text.replace(assignmentPattern(), u"\\1"_s + kRedacted);
    text.replace(jsonPattern(), u"\\1"_s + kRedacted + u'"');
    text.replace(headerPattern(), u"\\1"_s + kRedacted);
    return text;
}

QString redactUrl(const QUrl &url)
{
    // Credentials in the authority are dropped before the text pass handles the query.
    return redact(url.adjusted(QUrl::RemovePassword).toString(QUrl::FullyEncoded));
}

void registerSecret(const QString &secret)
{
    if (secret.size() < 4)
        return;
    SecretRegistry &reg = registry();
    QMutexLocker locker(&reg.mutex);
    reg.secrets.insert(secret);
}

void unregisterSecret(const QString &secret)
{
    SecretRegistry &reg = registry();
    QMutexLocker locker(&reg.mutex);
    reg.secrets.remove(secret);
}

void installRedactingMessageHandler()
{
    static bool installed = false;
    if (installed)
        return;
    installed = true;
    g_previousHandler = qInstallMessageHandler(redactingHandler);
}

} // namespace pc
