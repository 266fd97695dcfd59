#include "cli/clicommand.h"
#include "common/buildinfo.h"
#include "common/processhardening.h"
#include "common/redaction.h"
#include "common/translations.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    // Before anything reads the API key: no core file may ever hold it (release builds).
    pc::hardenProcess();
    QCoreApplication app(argc, argv);
    pc::setApplicationMetadata();
    pc::installRedactingMessageHandler();
    // Messages and help in the system's language; JSON output and exit codes never change.
    pc::installTranslations(app);
    // Scripts read the commands' own output; the modules' progress logs stay quiet unless
    // QT_LOGGING_RULES (which takes precedence) asks for them.
    QLoggingCategory::setFilterRules(QStringLiteral("pc.*.info=false"));
    return pc::cli::runCli(QCoreApplication::arguments());
}
