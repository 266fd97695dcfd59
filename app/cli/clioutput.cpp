#include "cli/clioutput.h"

#include "common/redaction.h"
#include "common/terminaltext.h"

#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace pc::cli {

QString oneLine(const QString &name)
{
    return terminalSafe(name, LineBreaks::Escape);
}

namespace {

void writeLine(FILE *stream, const QString &text,
               CliOutput::Redaction redaction = CliOutput::Redaction::On)
{
    // JSON is escaped already; text for people may carry what the service or a file name
    // said, which must not steer the terminal.
    const QString shown = terminalSafe(redaction == CliOutput::Redaction::On ? redact(text) : text);
    const QByteArray bytes = shown.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream); // a script (or a test) reads line by line while the command runs
}

QString compactJson(const QJsonObject &object)
{
    // Qt's writer leaves DEL, C1 and bidi controls raw inside strings; escaped as \u here
    // they neither steer the terminal nor break the JSON (as writeLine's \x escapes would).
    return terminalSafe(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)),
                        LineBreaks::Json);
}

} // namespace

void CliOutput::result(const QJsonObject &object, const QString &text, Redaction redaction) const
{
    writeLine(stdout, m_json ? compactJson(object) : text, redaction);
}

void CliOutput::note(const QString &text, Redaction redaction) const
{
    if (!m_json)
        writeLine(stderr, text, redaction);
}

int CliOutput::error(ExitCode code, const QString &kind, const QString &message) const
{
    if (m_json) {
        writeLine(stderr,
                  compactJson(QJsonObject{
                      {u"error"_s, QJsonObject{{u"kind"_s, kind}, {u"message"_s, message}}}}));
    } else {
        writeLine(stderr, u"partner-console-cli: "_s + message);
    }
    return code;
}

int CliOutput::usageError(const QString &message) const
{
    return error(ExitUsageError, u"usage"_s, message + u" (see partner-console-cli --help)"_s);
}

int CliOutput::invalidInput(const QString &message) const
{
    return error(ExitInvalidInput, u"invalid_input"_s, message);
}

int CliOutput::singleAttemptApiError(const ApiError &error, Call call) const
{
    ApiError once = error;
    once.message = error.messageWithoutRetry();
    once.retryNote.clear();
    if (error.isTransient()) {
        // A call whose answer was lost may still have happened at the service.
        if (call == Call::CreatesSomething && error.answerMayBeLost())
            once.message += u' ' + CliText::tr("The service may have created a token that never "
                                               "reached this computer; it is not used.");
        once.message += u' ' + CliText::tr("Nothing was tried again: run the command again "
                                           "later.");
    }
    return apiError(once);
}

int CliOutput::apiError(const ApiError &error) const
{
    const ExitCode code = error.kind == ApiError::Kind::File ? ExitInvalidInput : ExitServiceError;
    return this->error(code, ApiError::kindName(error.kind), error.message);
}

} // namespace pc::cli
