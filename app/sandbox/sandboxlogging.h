#pragma once

#include <QLoggingCategory>

namespace pc {

// The sandbox server's logging category, "pc.sandbox": information and above by default, like
// the other modules' categories, so a command that starts a built-in sandbox prints no debug
// lines unless QT_LOGGING_RULES asks for them.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace pc
