#include "common/redaction.h"

#include "common/terminaltext.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSet>

#include <cstdio>
#include <cstdlib>
#include <exception>

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
    const QString clean = terminalSafe(redact(message));
    if (g_previousHandler) {
        g_previousHandler(type, context, clean);
        return;
    }
    const QByteArray line = qFormatLogMessage(type, context, clean).toLocal8Bit() + '\n';
    std::fputs(line.constData(), stderr);
}

// libstdc++'s default terminate handler prints an uncaught exception's what() as it is, past
// the message handler; this one redacts it first. Like the default one it allocates, which is
// fine: std::terminate runs on the thread that threw, not in a signal handler.
[[noreturn]] void redactingTerminate()
{
    QByteArray line = "terminate called without an active exception\n";
    if (const std::exception_ptr current = std::current_exception()) {
        try {
            std::rethrow_exception(current);
        } catch (const std::exception &e) {
            line = "terminate called after throwing an exception: " +
                   redact(QString::fromLocal8Bit(e.what())).toLocal8Bit() + '\n';
        } catch (...) {
            line = "terminate called after throwing an exception that is not a std::exception\n";
        }
    }
    std::fputs(line.constData(), stderr);
    std::fflush(stderr);
    std::abort();
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
    std::set_terminate(redactingTerminate);
}

} // namespace pc
