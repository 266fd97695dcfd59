#pragma once

// The fixture shared by the upload-queue suites: a store in a temporary folder (or, in a
// suite's _postgres run, in a fresh PostgreSQL database: storetarget.h), the in-process
// sandbox with a fault plan, an ApiClient on it and the queue under test.

#include "api/apiclient.h"
#include "orders/orderstore.h"
#include "orders/uploadqueue.h"
#include "sandbox/sandboxserver.h"
#include "stl/meshgenerator.h"
#include "storetarget.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

namespace pc::test {

using namespace Qt::StringLiterals;

inline const QString kTeapot = QStringLiteral(PC_TEST_DATA_DIR "/stl/trimesh__teapot.stl");
inline constexpr int kWait = 20000;

// Retries in milliseconds instead of seconds, so fault tests run quickly.
inline RetryPolicy::Settings tinyRetrySettings()
{
    RetryPolicy::Settings s;
    s.baseDelay = std::chrono::milliseconds(10);
    s.maxDelay = std::chrono::milliseconds(50);
    s.networkBaseDelay = std::chrono::milliseconds(10);
    s.networkMaxDelay = std::chrono::milliseconds(50);
    s.maxRetryAfter = std::chrono::milliseconds(50);
    return s;
}

class QueueFixture
{
protected:
    void initFixture()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = std::make_unique<StoreTarget>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<OrderStore>();
        const OpenResult opened = m_dir->open(*m_store);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        m_network = std::make_unique<QNetworkAccessManager>();
    }

    void cleanupFixture()
    {
        m_queue.reset();
        m_api.reset();
        m_network.reset();
        m_sandbox.reset();
        m_store.reset();
        m_dir.reset();
    }

    void startSandbox(const FaultPlan &faults = {}, SandboxConfig config = {}, quint16 port = 0)
    {
        config.apiKey = QStringLiteral("sandbox-test-key-0123456789");
        config.speed = 600;
        config.faults = faults;
        m_sandbox = std::make_unique<SandboxServer>(config);
        QVERIFY2(m_sandbox->listen(port), qPrintable(m_sandbox->errorString()));
        ServiceEndpoint endpoint;
        endpoint.baseUrl = m_sandbox->apiBaseUrl();
        endpoint.apiKey = m_sandbox->apiKey();
        endpoint.idleTimeout = m_idleTimeout;
        endpoint.slowestLineBytesPerSecond = m_slowestLine;
        m_api = std::make_unique<ApiClient>(m_network.get(), endpoint);
    }

    void makeQueue(RetryPolicy::Settings retries = tinyRetrySettings())
    {
        m_queue = std::make_unique<UploadQueue>(m_store.get(), m_api.get(), environment(),
                                                RetryPolicy(retries));
    }

    // The sandbox with `faults` and a queue with `retries` on it.
    void startQueue(const FaultPlan &faults, const SandboxConfig &config = {},
                    RetryPolicy::Settings retries = tinyRetrySettings())
    {
        startSandbox(faults, config);
        makeQueue(retries);
    }

    // The same with the faults written the way FaultPlan::parse() reads them, for example
    // "drop-after-upload=1,budget=1,calls=upload".
    void startQueue(const QString &faultSpec = {}, const SandboxConfig &config = {},
                    RetryPolicy::Settings retries = tinyRetrySettings())
    {
        QString error;
        const std::optional<FaultPlan> plan = FaultPlan::parse(faultSpec, &error);
        QVERIFY2(plan, qPrintable(error));
        startQueue(*plan, config, retries);
    }

    static QString environment()
    {
        return orderEnvironmentKey(EnvironmentKind::Sandbox,
                                   QUrl(QStringLiteral("http://127.0.0.1/api3/")));
    }

    QString copyTeapot(const QString &name) const { return copyFile(kTeapot, name); }

    QString copyFile(const QString &from, const QString &name) const
    {
        const QString path = m_dir->filePath(name);
        QFile::remove(path);
        if (!QFile::copy(from, path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    static OrderFacts facts(const QString &email = QStringLiteral("receiver@example.com"))
    {
        OrderFacts f;
        f.receiverEmail = email;
        f.price = *Decimal::fromString(u"12.50");
        f.currency = QStringLiteral("EUR");
        f.partnerJobId = QStringLiteral("job-1");
        return f;
    }

    // Queues a copy of the teapot named `name`: the item's id, or -1 when the queue refused
    // it. The queue works on it from the next turn of the event loop.
    qint64 queueTeapot(const QString &name = u"teapot.stl"_s,
                       const OrderFacts &orderFacts = facts())
    {
        const StoreResult<qint64> id = m_queue->addFile(copyTeapot(name), orderFacts);
        return id ? *id : -1;
    }

    // A binary STL of about `kiloBytes` KB in the test's folder.
    QString makeStl(const QString &name, int kiloBytes) const
    {
        const int around = qMax(4, kiloBytes); // 2 x 10 triangles of 50 bytes per step
        return writeFile(name, stl::toBinaryStl(stl::makeTorus(around, 10)));
    }

    QString writeFile(const QString &name, const QByteArray &bytes) const
    {
        const QString path = m_dir->filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    QueueItem itemOf(qint64 id) const
    {
        StoreResult<std::optional<QueueItem>> found = m_store->queueItem(id);
        if (!found || !found->has_value())
            return {};
        return **found;
    }

    QString stateOf(qint64 id) const { return queueStateKey(itemOf(id).state); }

    std::chrono::milliseconds m_idleTimeout{10000};
    qint64 m_slowestLine = ServiceEndpoint().slowestLineBytesPerSecond;
    std::unique_ptr<StoreTarget> m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<OrderStore> m_store;
    std::unique_ptr<UploadQueue> m_queue;
};

// Every state an item went through, as stored when itemChanged() said so.
class Transitions final
{
public:
    Transitions(UploadQueue *queue, const std::function<QueueItem(qint64)> &itemOf)
    {
        QObject::connect(queue, &UploadQueue::itemChanged, queue,
                         [this, itemOf](qint64 id) { items.append(itemOf(id)); });
    }
    // Failures that scheduled an automatic retry.
    QList<QueueItem> retries() const
    {
        QList<QueueItem> found;
        for (const QueueItem &item : items) {
            if (item.state == QueueState::Failed && item.nextRetry.isValid())
                found.append(item);
        }
        return found;
    }
    QList<QueueItem> items;
};

} // namespace pc::test
