#include "storethreadcheck.h"

#include "orderslogging.h"

#include <QThread>

#include <atomic>

namespace pc {

namespace {

std::atomic<QThread *> g_forbidden{nullptr};
std::atomic<bool> g_abort{false};
std::atomic<int> g_violations{0};

} // namespace

void StoreThreadCheck::forbid(QThread *thread, Reaction reaction)
{
    g_abort = reaction == Reaction::Abort;
    g_violations = 0;
    g_forbidden = thread;
}

void StoreThreadCheck::check(const char *what)
{
    QThread *const forbidden = g_forbidden.load();
    if (!forbidden || QThread::currentThread() != forbidden)
        return;
    ++g_violations;
    if (g_abort)
        qFatal("order store work on a forbidden thread (the GUI thread): %s", what);
    qCCritical(lcOrders, "order store work on the GUI thread (%s): the window waits for it", what);
}

int StoreThreadCheck::violations()
{
    return g_violations.load();
}

} // namespace pc
