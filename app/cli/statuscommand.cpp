#include "cli/statuscommand.h"

#include "api/responseparser.h"
#include "cli/clicontext.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>

using namespace Qt::StringLiterals;

namespace pc::cli {

namespace {

QString formatNumber(double value)
{
    return QString::number(value, 'f', value == std::floor(value) ? 0 : 1);
}

} // namespace

QString StatusCommand::name() const
{
    return u"status"_s;
}

QString StatusCommand::summary() const
{
    return CliText::tr("Show how the print of one token is going (api_get_partner_print_status).");
}

void StatusCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"TOKEN"_s, CliText::tr("The transaction token."));
}

QJsonObject formatPrintStatusJson(const QString &token, const PrintStatus &status)
{
    QJsonObject object = printStatusToWireJson(status);
    object.insert(u"token"_s, token);
    object.insert(u"awaiting_customer"_s, status.isAwaitingCustomer());
    return object;
}

QString formatPrintStatusText(const QString &token, const PrintStatus &status)
{
    QStringList lines;
    // One line per field, whatever the service put into a value.
    auto add = [&lines](const QString &label, const QString &value) {
        lines.append(u"%1 %2"_s.arg(label + u':', -14).arg(oneLine(value)));
    };
    add(CliText::tr("token"), token);
    // In words, as the window says it; --json keeps the service's own value.
    add(CliText::tr("status"), jobStatusText(status.status, status.statusText));
    if (status.isAwaitingCustomer())
        return lines.join(u'\n');
    if (status.percentage)
        add(CliText::tr("progress"), formatNumber(*status.percentage) + u" %"_s);
    if (status.minutesLeft)
        add(CliText::tr("minutes left"), formatNumber(*status.minutesLeft));
    if (status.totalTime)
        add(CliText::tr("print time"), formatHms(*status.totalTime));
    if (!status.printerModel.isEmpty())
        add(CliText::tr("printer"), status.printerModel);
    if (!status.message.isEmpty())
        add(CliText::tr("message"), status.message);
    return lines.join(u'\n');
}

int StatusCommand::run(CliContext &context, const QStringList &arguments)
{
    if (arguments.size() != 1)
        return context.out().usageError(CliText::tr("status needs exactly one TOKEN."));
    const QString token = arguments.first().trimmed();
    const bool plausible = !token.isEmpty() && token.size() <= 256 &&
                           std::all_of(token.cbegin(), token.cend(), [](QChar c) {
                               return c.unicode() > 0x20 && c.unicode() < 0x7f;
                           });
    if (!plausible)
        return context.out().invalidInput(
            CliText::tr("\"%1\" is not a token: tokens are 32 hexadecimal digits.").arg(token));
    if (const int code = context.connect(); code != ExitSuccess)
        return code;
    const PrintStatusResult result =
        context.wait<PrintStatusResult>(context.client().printStatus(token));
    if (!result.isOk())
        return context.out().singleAttemptApiError(result.error, CliOutput::Call::Idempotent);
    context.out().result(formatPrintStatusJson(token, result.status),
                         formatPrintStatusText(token, result.status));
    return ExitSuccess;
}

} // namespace pc::cli
