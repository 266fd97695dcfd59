#pragma once

#include <QLoggingCategory>

namespace pc {
Q_DECLARE_LOGGING_CATEGORY(lcOrders)
} // namespace pc
