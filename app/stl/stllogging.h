#pragma once

#include <QLoggingCategory>

namespace pc::stl {
Q_DECLARE_LOGGING_CATEGORY(lcStl)
} // namespace pc::stl
