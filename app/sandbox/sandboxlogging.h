#pragma once

#include <QLoggingCategory>

namespace pc {

// The sandbox server's logging category, "pc.sandbox".
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)

} // namespace pc
