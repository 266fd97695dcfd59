#include "stl/mappedregionguard.h"

#include <array>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <mutex>
#include <sys/mman.h>
#include <unistd.h>

namespace pc::stl {

namespace {

// Read by the signal handler: lock-free atomics only.
struct Region
{
    std::atomic<bool> used{false};
    std::atomic<std::uintptr_t> begin{0};
    std::atomic<std::uintptr_t> end{0};
    std::atomic<bool> cutShort{false};
};

std::array<Region, MappedRegionGuard::kMaxRegions> g_regions;
std::uintptr_t g_pageSize = 4096;
struct sigaction g_previous = {};

void onSigbus(int signal, siginfo_t *info, void *context)
{
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (Region &region : g_regions) {
        const std::uintptr_t begin = region.begin.load();
        if (begin == 0 || address < begin || address >= region.end.load())
            continue;
        // Zeros where the file's page was: the reader goes on, the owner learns the file
        // was cut short. mmap() is a plain system call on Linux, safe here.
        void *page = reinterpret_cast<void *>(address & ~(g_pageSize - 1));
        if (::mmap(page, g_pageSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
            MAP_FAILED) {
            region.cutShort.store(true);
            return;
        }
        break;
    }
    // Not ours: whatever was there before this handler decides.
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) {
            g_previous.sa_sigaction(signal, info, context);
            return;
        }
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(signal);
        return;
    }
    ::signal(SIGBUS, SIG_DFL);
    if (info->si_code <= 0) // sent by a process, not a fault that happens again on return
        ::raise(SIGBUS);
}

void installHandlerOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_pageSize = std::uintptr_t(::sysconf(_SC_PAGESIZE));
        struct sigaction action = {};
        action.sa_sigaction = &onSigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGBUS, &action, &g_previous);
    });
}

} // namespace

MappedRegionGuard::MappedRegionGuard(const void *begin, qsizetype size)
{
    if (!begin || size <= 0)
        return;
    installHandlerOnce();
    for (int i = 0; i < kMaxRegions; ++i) {
        bool expected = false;
        if (!g_regions[i].used.compare_exchange_strong(expected, true))
            continue;
        const auto start = reinterpret_cast<std::uintptr_t>(begin);
        g_regions[i].cutShort.store(false);
        g_regions[i].end.store(start + std::uintptr_t(size));
        g_regions[i].begin.store(start);
        m_slot = i;
        return;
    }
}

MappedRegionGuard::~MappedRegionGuard()
{
    if (m_slot < 0)
        return;
    g_regions[m_slot].begin.store(0);
    g_regions[m_slot].end.store(0);
    g_regions[m_slot].used.store(false);
}

bool MappedRegionGuard::wasCutShort() const
{
    return m_slot >= 0 && g_regions[m_slot].cutShort.load();
}

} // namespace pc::stl
