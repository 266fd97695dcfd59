#include "common/processhardening.h"

#include <QLoggingCategory>

#include <cerrno>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace pc {

namespace {

Q_LOGGING_CATEGORY(lcHardening, "pc.common.hardening", QtInfoMsg)

constexpr bool kCompiledIn =
#ifdef PC_HARDEN_PROCESS
    true;
#else
    false;
#endif

} // namespace

ProcessHardening currentProcessHardening()
{
    ProcessHardening state;
    state.compiledIn = kCompiledIn;
    rlimit limit{};
    state.coreDumpsOff =
        getrlimit(RLIMIT_CORE, &limit) == 0 && limit.rlim_cur == 0 && limit.rlim_max == 0;
    state.notDumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
    return state;
}

ProcessHardening applyProcessHardening()
{
    const rlimit none{0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0)
        qCWarning(lcHardening) << "could not turn core dumps off:" << qt_error_string(errno);
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        qCWarning(lcHardening) << "could not make the process non-dumpable:"
                               << qt_error_string(errno);
    const ProcessHardening state = currentProcessHardening();
    qCDebug(lcHardening) << "core dumps off:" << state.coreDumpsOff
                         << "non-dumpable:" << state.notDumpable;
    return state;
}

ProcessHardening hardenProcess()
{
    if constexpr (kCompiledIn)
        return applyProcessHardening();
    else
        return currentProcessHardening();
}

} // namespace pc
