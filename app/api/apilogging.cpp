#include "api/apilogging.h"

namespace pc {
Q_LOGGING_CATEGORY(lcApi, "pc.api", QtInfoMsg)
} // namespace pc
