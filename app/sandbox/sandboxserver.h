#pragma once

#include "api/printstatus.h"
#include "sandbox/faultplan.h"
#include "sandbox/sandboxoptions.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace pc {

class SandboxServerPrivate;

// What the sandbox stored for a token's upload (introspection for tests).
struct StoredUpload
{
    QString fileName; // as decoded from the multipart file name
    qint64 size = 0;
    QString receiverEmail;
    QString printValue; // as sent: a plain decimal
    QString currency;
    QString partnerJobId;
};

struct SandboxConfig
{
    QString apiKey;                         // empty: a random key is generated
    double speed = 1.0;                     // >1 compresses simulated time (60 = 1 min in 1 s)
    std::optional<double> autoPrintSeconds; // start printing by itself this many real
                                            // seconds after the upload
    PrintOutcome outcome = PrintOutcome::Random;
    FaultPlan faults;
    qint64 maxUploadBytes = qint64(1) << 30; // bigger uploads get HTTP 413
    // Where the sandbox keeps its tokens, files and prints across runs (SandboxState); empty:
    // in memory, files in a temporary folder removed on destruction.
    QString stateFolder;
};

// A faithful stand-in for the Design Streaming api3 service (API.md), on loopback only.
// Built on Qt HttpServer. Serves the three api3 calls, the 400 x 400 token-link page
// (`/?token=...`), print simulation per token and scriptable fault injection.
// Without a state folder its state is in memory and uploaded files live in a temporary
// folder removed on destruction. With one (SandboxConfig::stateFolder, the console's data
// folder/sandbox) it remembers its tokens, files, prints, API key and port across runs and
// shares them with the other processes on the same folder (see SandboxState); its clock is
// then wall time, so a print goes on while no console runs.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    explicit SandboxServer(SandboxConfig config = {}, QObject *parent = nullptr);
    // The state folder of the console's data folder: `dataFolder`/sandbox.
    static QString stateFolderOf(const QString &dataFolder);
    ~SandboxServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one - with a state folder, the port of the
    // last run when it is free (see previousServerUrl()). False (see errorString()) on failure.
    bool listen(quint16 port = 0);
    // With a state folder: the address of the last run when this one had to take another
    // port, so the links stored for its tokens must be rewritten; nullopt otherwise.
    std::optional<QUrl> previousServerUrl() const;
    // The state folder in use (empty: in memory), and whether this sandbox owns it: serves
    // the port its links name (another process on the folder got there first otherwise).
    QString stateFolder() const;
    bool ownsStateFolder() const;
    bool isListening() const;
    QString errorString() const;

    quint16 port() const;
    // http://127.0.0.1:PORT/ (https:// while the fault plan speaks TLS)
    QUrl serverUrl() const;
    QUrl apiBaseUrl() const; // serverUrl() + api3/
    QString apiKey() const;
    const SandboxConfig &config() const;

    void setFaultPlan(const FaultPlan &plan);
    FaultPlan faultPlan() const;
    void setOutcome(PrintOutcome outcome);
    // For prints that start from now on: their time compression, and whether (after how many
    // seconds) they start by themselves after an upload.
    void setSpeed(double speed);
    void setAutoPrintSeconds(std::optional<double> seconds);

    // What the token page's Print button does. False for an unknown token, a token without
    // an uploaded file, or a print already started.
    bool startPrint(const QString &token, const QString &printerModel = {});

    // Introspection for tests and the load checks of later issues.
    bool hasToken(const QString &token) const;
    int uploadCount(const QString &token) const; // files stored for the token (0 or 1)
    int statusRequestCount(const QString &token) const;
    // Upload requests for the token (named in the query) whose whole body arrived, counted
    // before any fault answered them; a body cut off part-way is not one.
    int uploadRequestCount(const QString &token) const;
    // The facts and file name stored with the token's upload; nullopt before it has one.
    std::optional<StoredUpload> storedUpload(const QString &token) const;
    // The shortest time between two status requests for the token, on the sandbox's clock
    // (setClockForTesting); nullopt before its second request. The service's rule: 15 s.
    std::optional<std::chrono::milliseconds> shortestStatusInterval(const QString &token) const;
    int totalRequestCount() const; // api3 requests of any kind
    std::optional<PrintStatus> currentStatus(const QString &token) const;
    // Where the file uploaded for the token is stored (inside the server's temporary
    // folder, removed on destruction); empty when there is none.
    QString storedFilePath(const QString &token) const;

    // The monotonic clock (milliseconds) the print simulation runs on; tests pass their own
    // to step through a print without waiting. Set it before printing starts. The default is
    // wall time (milliseconds since 1970) that never steps back while the server lives; the
    // saved prints are on this clock, so a test that restarts a server on a state folder
    // gives the new one the same clock.
    void setClockForTesting(std::function<qint64()> monotonicMsecs);

Q_SIGNALS:
    void tokenCreated(const QString &token);
    void fileUploaded(const QString &token, const QString &fileName, qint64 size);
    void printStarted(const QString &token);
    void faultInjected(const QString &description);

private:
    std::unique_ptr<SandboxServerPrivate> d;
};

} // namespace pc
