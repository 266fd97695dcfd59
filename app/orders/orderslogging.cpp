#include "orders/orderslogging.h"

namespace pc {
Q_LOGGING_CATEGORY(lcOrders, "pc.orders", QtInfoMsg)
} // namespace pc
