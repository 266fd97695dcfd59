#pragma once

#include <QLoggingCategory>

namespace pc {

// Logging category of the widgets and the GUI entry point: "pc.ui" (info and above by default).
Q_DECLARE_LOGGING_CATEGORY(lcUi)

} // namespace pc
