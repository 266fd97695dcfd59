#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

#include <optional>

namespace pc {

// Files that arrived together (one drop, one Add dialog, one hand-over from a second start,
// one sample) and wait in the queue for order details. They are confirmed together, with
// details typed for them alone: a batch that arrives while the user is typing for another
// waits behind it for its own confirmation, so details typed for one customer's files never
// go to another's.
struct WaitingBatch
{
    quint64 serial = 0;    // unique per batch for this window's life, never reused
    QList<qint64> itemIds; // queue items in AwaitingDetails, in the order they arrived
    QStringList paths;     // their files, same order
};

// The batches waiting for order details, oldest first. The oldest is the one the details
// form is for; the others wait their turn.
class WaitingBatches final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaitingBatches)

public:
    explicit WaitingBatches(QObject *parent = nullptr);
    ~WaitingBatches() override;

    // A new batch behind the others; its serial. Empty input adds nothing (0).
    quint64 add(const QList<qint64> &itemIds, const QStringList &paths);
    // The batch the details form is for; nullopt when nothing waits.
    std::optional<WaitingBatch> current() const;
    // The batches behind the current one.
    QList<WaitingBatch> later() const;
    int count() const { return int(m_batches.size()); }
    int fileCount() const;
    // An item that no longer waits (confirmed, removed, cancelled): it leaves its batch, and
    // a batch left empty goes.
    void forgetItem(qint64 id);

Q_SIGNALS:
    void changed();

private:
    QList<WaitingBatch> m_batches;
    quint64 m_nextSerial = 1;
};

} // namespace pc
