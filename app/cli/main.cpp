#include "cli/clicommand.h"
#include "common/buildinfo.h"
#include "common/redaction.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    pc::setApplicationMetadata();
    pc::installRedactingMessageHandler();
    return pc::cli::runCli(QCoreApplication::arguments());
}
