#pragma once

// The environment the CLI suites start partner-console-cli in: as a user runs it (no key, no
// data folder override, no logging rules from the test runner), with a throw-away home.

#include <QProcessEnvironment>
#include <QString>

namespace pc::test {

inline QProcessEnvironment cliTestEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PARTNER_CONSOLE_API_KEY"));
    env.remove(QStringLiteral("PARTNER_CONSOLE_DATA_DIR"));
    env.remove(QStringLiteral("QT_LOGGING_RULES"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    return env;
}

} // namespace pc::test
