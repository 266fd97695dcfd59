#pragma once

#include <QString>

namespace pc {

// The first line of a file that holds a secret (the API key, the team database's password):
// the `--api-key-file` / `--database-password-file` of the CLI and the owner-only file the
// Settings write. One set of rules for all of them, so that a script and the window agree:
// only a regular file (a FIFO or /dev/zero is refused before anything is read), readable and
// writable by its owner only, at most kMaxLineBytes on the first line, valid UTF-8, not
// blank. Everything else is refused with a message that names the file and says what to do.
struct SecretFile
{
    static constexpr qsizetype kMaxLineBytes = 4096;

    QString secret;  // trimmed; empty when refused
    QString problem; // translated; empty when the secret was read

    bool isValid() const { return problem.isEmpty(); }
    static SecretFile read(const QString &path);
    // Where a secret holds a control character (a NUL, an escape, a carriage return...), from
    // 1; 0 when it holds none. A secret from elsewhere (an environment variable) is held to
    // the same rule as one from a file.
    static qsizetype controlCharacterAt(const QString &secret);
};

} // namespace pc
