#pragma once

// The fixture shared by the status poller suites (tst_statuspoller*): the queue fixture's
// store and sandbox, orders made there by the queue, and a poller on a fake clock whose
// rounds are run one at a time.

#include "orders/statuspoller.h"
#include "queuefixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <memory>

namespace pc::test {

inline const QDateTime kPollStart = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);

class PollerFixture : protected QueueFixture
{
protected:
    void initPoller()
    {
        initFixture();
        m_clock = kPollStart;
        m_sandboxMs = 0;
    }

    void cleanupPoller()
    {
        m_poller.reset(); // before the store it uses (a queued announcement may be pending)
        cleanupFixture();
    }

    // An order with a real sandbox token and file, made by the queue; 0 when that failed.
    qint64 makeOrder(const QString &name)
    {
        if (!m_queue)
            makeQueue();
        const StoreResult<qint64> id = m_queue->addFile(copyTeapot(name), facts());
        if (!id)
            return 0;
        if (!QTest::qWaitFor([&] { return itemOf(*id).state == QueueState::Done; }, kWait))
            return 0;
        const auto order = m_store->orderByToken(environment(), itemOf(*id).token);
        return order && order->has_value() ? (*order)->id : 0;
    }

    void makePoller(PollScheduleSettings settings = {})
    {
        m_poller =
            std::make_unique<StatusPoller>(m_store.get(), m_api.get(), environment(), settings);
        m_poller->setClock([this] { return m_clock; });
        m_poller->setRandomSeed(42);
        m_poller->setTimerEnabled(false);
    }

    // Runs one round: processDue() at the fake time, then waits for the answers.
    void round()
    {
        m_poller->processDue();
        // Woken by each event rather than polled, so a test can run hundreds of rounds.
        QDeadlineTimer deadline(kWait);
        while (m_poller->inFlightCount() > 0 && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        QCOMPARE(m_poller->inFlightCount(), 0);
    }

    // Orders for the sandbox, then the poller started (its first round not yet run).
    QList<qint64> startWithOrders(int count)
    {
        QList<qint64> ids;
        for (int i = 0; i < count; ++i)
            ids.append(makeOrder(u"o%1.stl"_s.arg(i)));
        makePoller();
        m_poller->start();
        return ids;
    }

    // One order for the sandbox, then the poller started: the order's id, 0 when it could not
    // be made.
    qint64 startWithOneOrder() { return startWithOrders(1).constFirst(); }

    // While a network hold lasts nothing goes out, whatever is due or refreshed: a round a
    // millisecond before `holdUntil`, after Refresh all, sends no request.
    void checkNothingSentBefore(const QDateTime &holdUntil)
    {
        const int requests = m_poller->requestCount();
        m_poller->refreshAll();
        m_clock = holdUntil.addMSecs(-1);
        round();
        QCOMPARE(m_poller->requestCount(), requests);
    }

    QDateTime m_clock = kPollStart;
    qint64 m_sandboxMs = 0;
    std::unique_ptr<StatusPoller> m_poller;
};

} // namespace pc::test
