#pragma once

#include "api/apierror.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace pc::cli {

// Every user-visible string of the CLI is translated in one context.
struct CliText
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Exit codes every command keeps.
enum ExitCode : int {
    ExitSuccess = 0,
    ExitServiceError = 1, // the service or the network failed
    ExitUsageError = 2,   // wrong options or arguments
    ExitInvalidInput = 3, // the input (file, token, value) is not acceptable
    ExitBusy = 4,         // another console works this data folder's queue: try again later
    ExitTimeLimit = 5,    // --max-time ran out first; unfinished uploads stay queued
};

// A file name or path as one line of text output: a line feed or tab inside a name is written
// as an escape, so that one file is always one line a script can read.
QString oneLine(const QString &name);

// Writes results to stdout and errors to stderr, as text for people or, with --json, as one
// JSON object per line. Everything passes through redact() first.
class CliOutput final
{
public:
    explicit CliOutput(bool json)
        : m_json(json)
    {}

    bool isJson() const { return m_json; }

    enum class Redaction { On, Off };

    // One result: `object` under --json, else `text` (may span lines). Redaction::Off is only
    // for values that are meant to be shown, like the sandbox's own throw-away key.
    void result(const QJsonObject &object, const QString &text,
                Redaction redaction = Redaction::On) const;
    // A remark for people on stderr (for example which environment is used); silent
    // under --json so scripts get clean output.
    void note(const QString &text, Redaction redaction = Redaction::On) const;
    // Prints the error and returns `code`, so commands can `return out.error(...)`.
    int error(ExitCode code, const QString &kind, const QString &message) const;
    int usageError(const QString &message) const;
    int invalidInput(const QString &message) const;
    // Maps an API error to its exit code (file problems are invalid input; the rest are
    // service or network errors).
    int apiError(const ApiError &error) const;
    // The same for a command that calls the service once and ends (token, status): it does
    // not promise another attempt, and says what the user can do instead.
    enum class Call { Idempotent, CreatesSomething };
    int singleAttemptApiError(const ApiError &error, Call call) const;

private:
    bool m_json;
};

} // namespace pc::cli
