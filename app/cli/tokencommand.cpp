#include "cli/tokencommand.h"

#include "cli/clicontext.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace pc::cli {

QString TokenCommand::name() const
{
    return u"token"_s;
}

QString TokenCommand::summary() const
{
    return CliText::tr("Create a transaction token (api_create_partner_token).");
}

void TokenCommand::addOptions(QCommandLineParser &) {}

int TokenCommand::run(CliContext &context, const QStringList &arguments)
{
    if (!arguments.isEmpty())
        return context.out().usageError(CliText::tr("token takes no arguments."));
    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    const TokenResult result = context.wait<TokenResult>(context.client().createToken());
    if (!result.isOk())
        return context.out().singleAttemptApiError(result.error, CliOutput::Call::CreatesSomething);
    context.out().result(QJsonObject{{u"token"_s, result.token}}, result.token);
    return ExitSuccess;
}

} // namespace pc::cli
