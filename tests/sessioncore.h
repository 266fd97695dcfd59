#pragma once

// A test's way into a ConsoleSession's core, which runs on a thread of its own: call() runs a
// piece of work with the core there and lets the test's event loop run until it is done (the
// product never waits for the core; a test may), and openAndWait() / startAndWait() bring a
// session to where the window would have it.
//
//     QVERIFY(pc::test::openAndWait(session, folder).ok());
//     pc::test::startAndWait(session);
//     const bool tracked = pc::test::SessionCore::call(
//         session, [id](pc::ConsoleCore &core) { return core.poller().isTracked(id); });

#include "consolesession.h"
#include "queuemirror.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QTest>

#include <optional>
#include <type_traits>

namespace pc::test {

struct SessionCore
{
    template<typename Work>
    static auto call(ConsoleSession &session, Work work)
    {
        using Result = std::invoke_result_t<Work, ConsoleCore &>;
        QEventLoop loop;
        if constexpr (std::is_void_v<Result>) {
            QMetaObject::invokeMethod(
                session.m_anchor,
                [&] {
                    work(*session.m_core);
                    QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
                },
                Qt::QueuedConnection);
            loop.exec();
        } else {
            std::optional<Result> result;
            QMetaObject::invokeMethod(
                session.m_anchor,
                [&] {
                    result.emplace(work(*session.m_core));
                    QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
                },
                Qt::QueuedConnection);
            loop.exec();
            return std::move(*result);
        }
    }
};

// Runs `work` with the session's core on its thread and waits for it.
template<typename Work>
auto onCore(ConsoleSession &session, Work work)
{
    return SessionCore::call(session, std::move(work));
}

inline OpenResult openAndWait(ConsoleSession &session, const StoreLocation &location,
                              const QString &password = QString())
{
    std::optional<OpenResult> opened;
    QEventLoop loop;
    session.open(location, password, &loop, [&](const OpenResult &result) {
        opened = result;
        loop.quit();
    });
    loop.exec();
    return *opened;
}

inline OpenResult openAndWait(ConsoleSession &session, const QString &dataFolder = QString())
{
    std::optional<OpenResult> opened;
    QEventLoop loop;
    session.open(dataFolder, &loop, [&](const OpenResult &result) {
        opened = result;
        loop.quit();
    });
    loop.exec();
    return *opened;
}

// Starts the session and waits until the table holds the stored orders and the queue's copy
// holds its items, as the window shows them once it has read the store.
inline bool startAndWait(ConsoleSession &session, int timeoutMs = 20000)
{
    session.start();
    return QTest::qWaitFor([&] { return session.ordersLoaded() && session.queue().isLoaded(); },
                           timeoutMs);
}

// Waits for an asynchronous session call that reports a StoreStatus, e.g.
//     waitForStatus([&](auto done) { session.setOrderNote(id, note, &context, done); })
template<typename Call>
StoreStatus waitForStatus(Call call)
{
    std::optional<StoreStatus> status;
    QEventLoop loop;
    call([&](const StoreStatus &result) {
        status = result;
        loop.quit();
    });
    if (!status)
        loop.exec();
    return *status;
}

} // namespace pc::test
