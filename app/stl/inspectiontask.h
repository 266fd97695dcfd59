#pragma once

#include "stl/stlinspector.h"

#include <QImage>
#include <QObject>
#include <QSize>
#include <QThreadPool>

#include <memory>

namespace pc::stl {

struct InspectionTaskShared;

// Runs inspectFile() (and, on request, the thumbnail from the same read) on a worker thread
// and reports back on the thread that owns the task: the way the GUI and the queue inspect
// files without blocking. Progress is throttled to whole percents. cancel() stops the work
// soon; destroying the task cancels it and drops its signals, so it can be deleted any time.
class InspectionTask final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InspectionTask)

public:
    struct Request
    {
        QString path;
        bool quickOnly = false;
        QSize thumbnailSize; // empty: no thumbnail
    };

    explicit InspectionTask(Request request, QObject *parent = nullptr);
    ~InspectionTask() override;

    const Request &request() const { return m_request; }
    void start(QThreadPool *pool = QThreadPool::globalInstance());
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(double fraction);
    // Once per start(). A cancelled inspection finishes with report.cancelled set.
    void finished(const pc::stl::InspectionReport &report, const QImage &thumbnail);

private:
    Request m_request;
    std::shared_ptr<InspectionTaskShared> m_shared;
    bool m_running = false;
};

} // namespace pc::stl
