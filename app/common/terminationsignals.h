#pragma once

#include <QObject>

class QSocketNotifier;

namespace pc {

// Turns SIGINT, SIGTERM and SIGHUP into a Qt signal on the event loop (self-pipe), so a process can
// shut down cleanly: the sandbox removes its temporary folder, the store closes, etc.
class TerminationSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminationSignals)

public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace pc
