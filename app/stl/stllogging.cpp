#include "stl/stllogging.h"

namespace pc::stl {
Q_LOGGING_CATEGORY(lcStl, "pc.stl", QtInfoMsg)
} // namespace pc::stl
