#include "storethreadcheck.h"

#include "orderslogging.h"

#include <QThread>

#include <atomic>

namespace pc {

namespace {

std::atomic<bool> g_abort{false};
std::atomic<int> g_violations{0};

} // namespace

void StoreThreadCheck::setReaction(Reaction reaction)
{
    g_abort = reaction == Reaction::Abort;
}

void StoreThreadCheck::check(const QThread *forbidden, const char *what)
{
    if (!forbidden || QThread::currentThread() != forbidden)
        return;
    ++g_violations;
    if (g_abort)
        qFatal("order store work on the thread it must never run on (the GUI thread): %s", what);
    qCCritical(lcOrders, "order store work on the GUI thread (%s): the window waits for it", what);
}

int StoreThreadCheck::violations()
{
    return g_violations.load();
}

} // namespace pc
