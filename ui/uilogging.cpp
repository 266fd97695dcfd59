#include "uilogging.h"

namespace pc {

Q_LOGGING_CATEGORY(lcUi, "pc.ui", QtInfoMsg)

} // namespace pc
