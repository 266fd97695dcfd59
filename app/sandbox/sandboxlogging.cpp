#include "sandbox/sandboxlogging.h"

namespace pc {

Q_LOGGING_CATEGORY(lcSandbox, "pc.sandbox", QtInfoMsg)

} // namespace pc
