// A small program tst_secrets runs as a child: it holds the partner API key the way the console
// does (from PARTNER_CONSOLE_API_KEY, registered for redaction, the redacting handlers
// installed as both mains install them) and then
//   fatal            ends in qFatal() with the key in the message,
//   critical-abort   logs the key with qCritical() and calls abort(),
//   throw            lets an exception whose what() holds the key escape (std::terminate),
//   hardening        calls pc::hardenProcess() (what this build does) and reports,
//   hardening-forced calls pc::applyProcessHardening() (what a release build does) and reports.
// The crash modes harden first, so a core file is never written whatever the build. The
// hardening modes print one JSON line and then wait for a line on stdin, so the test can look
// at /proc/<pid> of the hardened process while it lives.

#include "common/processhardening.h"
#include "common/redaction.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

using namespace Qt::StringLiterals;

namespace {

int report(const pc::ProcessHardening &state)
{
    rlimit limit{};
    getrlimit(RLIMIT_CORE, &limit);
    QFile selfStatus(u"/proc/self/status"_s);
    const bool statusReadable =
        selfStatus.open(QIODevice::ReadOnly) && !selfStatus.readAll().isEmpty();
    const bool fdsListed =
        !QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty();
    // The GUI starts helper programs (QtWebEngineProcess, a browser for a link): a hardened
    // process must still be able to.
    QProcess child;
    child.start(u"/bin/true"_s, {});
    const bool spawned = child.waitForFinished(10000) &&
                         child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
    const QJsonObject json{{u"compiled_in"_s, state.compiledIn},
                           {u"core_dumps_off"_s, state.coreDumpsOff},
                           {u"not_dumpable"_s, state.notDumpable},
                           {u"core_soft"_s, double(limit.rlim_cur)},
                           {u"core_hard"_s, double(limit.rlim_max)},
                           {u"dumpable"_s, prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)},
                           {u"self_status_readable"_s, statusReadable},
                           {u"self_fds_listed"_s, fdsListed},
                           {u"spawns_children"_s, spawned}};
    std::fputs(QJsonDocument(json).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    std::fflush(stdout);
    char line[16];
    // The test looks at /proc/<pid> meanwhile; a line, or the end of stdin, ends the wait.
    return std::fgets(line, sizeof line, stdin) || std::feof(stdin) ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    const QByteArray mode = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    if (mode == "hardening" || mode == "hardening-forced") {
        const pc::ProcessHardening state =
            mode == "hardening" ? pc::hardenProcess() : pc::applyProcessHardening();
        QCoreApplication app(argc, argv);
        return report(state);
    }

    pc::applyProcessHardening(); // never a core file from this test, in any build
    QCoreApplication app(argc, argv);
    pc::installRedactingMessageHandler();
    const QString key = qEnvironmentVariable("PARTNER_CONSOLE_API_KEY");
    if (key.isEmpty())
        return 2;
    pc::registerSecret(key);
    const QString url =
        u"https://widget.sendshapes.com:3443/api3/api_create_partner_token?api_key="_s + key;
    if (mode == "fatal")
        qFatal("the service could not be reached at %s with the key %s", qPrintable(url),
               qPrintable(key));
    if (mode == "critical-abort") {
        qCritical().noquote() << "about to stop; the key was" << key << "for" << url;
        std::abort();
    }
    if (mode == "throw")
        throw std::runtime_error("the service rejected the key " + key.toStdString());
    return 2;
}
