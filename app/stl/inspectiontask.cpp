#include "stl/inspectiontask.h"

#include "stl/thumbnailrenderer.h"

#include <QMetaObject>
#include <QMutex>

#include <atomic>
#include <cmath>

namespace pc::stl {

// What the worker and the task share. The worker posts to `receiver` only under the mutex,
// and the task clears it under the same mutex when it goes away, so no call ever reaches a
// destroyed task.
struct InspectionTaskShared
{
    std::atomic<bool> cancel{false};
    QMutex mutex;
    InspectionTask *receiver = nullptr;

    // Runs function(task) on the task's thread, unless the task is gone by then.
    template<class Function>
    void post(Function function)
    {
        QMutexLocker locker(&mutex);
        if (receiver)
            QMetaObject::invokeMethod(
                receiver, [task = receiver, function = std::move(function)] { function(task); },
                Qt::QueuedConnection);
    }
};

InspectionTask::InspectionTask(Request request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
{}

InspectionTask::~InspectionTask()
{
    if (m_shared) {
        m_shared->cancel = true;
        QMutexLocker locker(&m_shared->mutex);
        m_shared->receiver = nullptr;
    }
}

void InspectionTask::start(QThreadPool *pool)
{
    if (m_running)
        return;
    m_running = true;
    // A fresh shared state per run: a cancelled earlier run cannot cancel this one.
    if (m_shared) {
        QMutexLocker locker(&m_shared->mutex);
        m_shared->receiver = nullptr;
    }
    m_shared = std::make_shared<InspectionTaskShared>();
    m_shared->receiver = this;

    pool->start([shared = m_shared, request = m_request] {
        InspectOptions options;
        options.quickOnly = request.quickOnly;
        options.cancel = &shared->cancel;
        int lastPercent = -1;
        options.progress = [&shared, &lastPercent](double fraction) {
            const int percent = int(std::floor(fraction * 100.0));
            if (percent <= lastPercent)
                return;
            lastPercent = percent;
            shared->post([fraction](InspectionTask *task) { Q_EMIT task->progress(fraction); });
        };
        QImage thumbnail;
        if (!request.quickOnly && !request.thumbnailSize.isEmpty()) {
            options.withFacets = [&](const TriangleView &facets) {
                ThumbnailOptions thumbnailOptions;
                thumbnailOptions.size = request.thumbnailSize;
                thumbnailOptions.cancel = &shared->cancel;
                thumbnail = renderThumbnail(facets, thumbnailOptions);
            };
        }
        InspectionReport report = inspectFile(request.path, options);
        shared->post(
            [report = std::move(report), thumbnail = std::move(thumbnail)](InspectionTask *task) {
                task->m_running = false;
                Q_EMIT task->finished(report, thumbnail);
            });
    });
}

void InspectionTask::cancel()
{
    if (m_shared)
        m_shared->cancel = true;
}

} // namespace pc::stl
