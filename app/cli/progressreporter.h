#pragma once

#include "orders/storetypes.h"

#include <QElapsedTimer>
#include <QObject>

#include <map>

namespace pc {
class UploadQueue;
}

namespace pc::cli {

class CliOutput;

// Tells the person or script running `upload` / `queue run` how the queue is doing.
//  - --json: one object per state change of an item ({"event":"state",...}) and, at most once
//    a second per item, one per upload progress step ({"event":"progress",...} with bytes,
//    speed and time left), on stdout before the final results.
//  - text: one line per state change on stderr and, when stderr is a terminal, one progress
//    line that is rewritten in place (all running uploads together: bytes, speed, time left).
class ProgressReporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressReporter)

public:
    // Reports on every item of the queue that changes (the command runs the whole queue of
    // its environment).
    ProgressReporter(const CliOutput &out, UploadQueue &queue, QObject *parent = nullptr);
    ~ProgressReporter() override;

    // Removes the progress line, if one is shown (before the final results are printed).
    void finish();

private:
    struct Seen
    {
        QueueState state = QueueState::Queued;
        int attempts = -1;
        qint64 lastProgressMs = -1;
    };

    void onItemChanged(qint64 id);
    void onUploadProgress(qint64 id);
    void drawProgressLine();
    void clearProgressLine();

    const CliOutput &m_out;
    UploadQueue &m_queue;
    std::map<qint64, Seen> m_seen;
    bool m_terminal = false;
    bool m_lineShown = false;
    qint64 m_lastDrawMs = -1;
    QElapsedTimer m_clock;
};

} // namespace pc::cli
