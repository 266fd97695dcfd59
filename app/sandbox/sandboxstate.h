#pragma once

#include "orders/sharedfilelock.h"
#include "sandbox/tokenrecord.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <memory>

namespace pc::sandbox {

// The sandbox's memory on disk, in a folder of its own (the console's data folder/sandbox):
//
//   state.json   tokens, upload facts, prints (plan, start and speed), the port of the last
//                run and the sandbox's API key; mode 600, written whole with QSaveFile
//   files/       the uploaded designs, TOKEN.stl
//   state.lock   taken alone for every read-merge-write of state.json
//   owner.lock   held alone, for its whole life, by the one sandbox that owns the folder
//
// JSON rather than SQLite: a few thousand small records, read whole at start, rewritten only
// when a token is created, a file stored or a print started; a file a person can read when
// the sandbox behaves oddly, and nothing to migrate.
//
// Several processes on one folder (the window, and a CLI command run meanwhile) each run a
// sandbox of their own on the same state. Every write takes state.lock, re-reads the file
// when another process changed it, merges and writes the result; a sandbox re-reads the file
// when it changed before answering a request, and always before calling a token unknown. Two
// copies of one record merge by how far they got (created, uploaded, printing): records only
// move forward, so the one further along wins, the saved one on a tie. The owner (the first to
// take owner.lock) serves the port the stored links name; the others serve a port of their
// own for their process, hand out links to the owner's, and take the folder and its port over
// when the owner ends (the kernel frees owner.lock however a process ends).
//
// Bounded: a state file over kMaxStateBytes or that does not parse is moved aside
// (state.json.damaged-YYYYMMDD-HHMMSS) with a log line and the sandbox starts empty; past
// kMaxTokens records the oldest are dropped with their files.
class SandboxState final
{
public:
    static constexpr qint64 kMaxStateBytes = qint64(32) << 20;
    static constexpr int kMaxTokens = 5000;

    explicit SandboxState(const QString &folder);
    ~SandboxState();
    SandboxState(const SandboxState &) = delete;
    SandboxState &operator=(const SandboxState &) = delete;

    QString folder() const { return m_folder; }
    QString stateFilePath() const;
    // Where the design uploaded for `token` is kept.
    QString filePathFor(const QString &token) const;

    // Creates the folders (owner-only). False with errorString() when it cannot.
    bool prepare();
    QString errorString() const { return m_error; }

    // Takes owner.lock when no other sandbox holds it; true while this one owns the folder.
    bool claimOwnership();
    bool isOwner() const;
    void releaseOwnership();

    // Reads state.json when it changed since the last read (always with `force`) and merges
    // it into `tokens`. True when a record was added or moved forward.
    bool reload(QHash<QString, TokenRecord> &tokens, bool force = false);
    // Merges what others saved into `tokens`, then writes `tokens` (bounded). False (logged)
    // when the file cannot be written: the sandbox goes on from memory.
    bool save(QHash<QString, TokenRecord> &tokens);

    // The port of the owner's last run (0: none yet) and the sandbox's own API key (empty:
    // none yet). The owner records its port; the first sandbox records the key.
    quint16 rememberedPort() const { return m_port; }
    void setPort(quint16 port) { m_port = port; }
    QString apiKey() const { return m_apiKey; }
    void setApiKey(const QString &key) { m_apiKey = key; }

private:
    enum class ReadResult { Unchanged, Read, Missing, Damaged };
    ReadResult readFile(QHash<QString, TokenRecord> &tokens, bool force, bool *changed);
    void moveAside(const QString &reason);

    QString m_folder;
    QString m_error;
    SharedFileLock m_stateLock;
    std::unique_ptr<SharedFileLock> m_ownerLock;
    quint16 m_port = 0;
    QString m_apiKey;
    // The file's identity when last read or written, to notice another writer: each write
    // renames a new file into place, so its inode changes.
    struct Stamp
    {
        quint64 inode = 0;
        qint64 modifiedNs = -1;
        qint64 size = -1;
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };
    static Stamp stampOf(const QString &path);
    Stamp m_stamp;
};

} // namespace pc::sandbox
