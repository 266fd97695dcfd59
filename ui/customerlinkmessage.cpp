#include "customerlinkmessage.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

// Where the order stands, as far as the customer's message is concerned.
enum class PrintStage { AwaitingCustomer, Printing, Printed, Failed, LinkGone, Unknown };

PrintStage printStage(const Order &order)
{
    if (order.unknownToService)
        return PrintStage::LinkGone;
    switch (order.status.status) {
    case JobStatus::AwaitingCustomer:
        return PrintStage::AwaitingCustomer;
    case JobStatus::WarmingUp:
    case JobStatus::Printing:
        return PrintStage::Printing;
    case JobStatus::Success:
    case JobStatus::ConfirmedSuccess:
        return PrintStage::Printed;
    case JobStatus::Failure:
    case JobStatus::ConfirmedFailure:
        return PrintStage::Failed;
    case JobStatus::Unknown:
        break;
    }
    return PrintStage::Unknown;
}

} // namespace

QString CustomerLinkMessage::designName(const Order &order)
{
    const QString jobId = order.partnerJobId.trimmed();
    if (jobId.isEmpty())
        return order.fileName;
    //: How the customer's message names the design: %1 the file name, %2 the job id
    return tr("%1 (job %2)").arg(order.fileName, jobId);
}

QString CustomerLinkMessage::subject(const Order &order)
{
    const QString design = designName(order);
    switch (printStage(order)) {
    case PrintStage::Printing:
        //: The subject of the mail about a print under way; %1 names the design
        return tr("Your print of %1 is under way").arg(design);
    case PrintStage::Printed:
        //: The subject of the mail about a finished print; %1 names the design
        return tr("Your print of %1 is finished").arg(design);
    case PrintStage::Failed:
        //: The subject of the mail about a failed print; %1 names the design
        return tr("Your print of %1 did not succeed").arg(design);
    case PrintStage::AwaitingCustomer:
    case PrintStage::LinkGone:
    case PrintStage::Unknown:
        break;
    }
    //: The subject of the mail that sends the print link; %1 names the design
    return tr("Your print link for %1").arg(design);
}

QString CustomerLinkMessage::body(const Order &order, const QUrl &link)
{
    const QString url = link.toString(QUrl::FullyEncoded);
    const QString design = designName(order);
    QStringList lines;
    lines << tr("Hello,") << QString();
    switch (printStage(order)) {
    case PrintStage::AwaitingCustomer:
        lines << tr("your design %1 is ready to print.").arg(design)
              << tr("Open this link and press Print on the page:");
        break;
    case PrintStage::Printing:
        lines << tr("your design %1 is being printed now.").arg(design)
              << tr("You can follow the print on its page:");
        break;
    case PrintStage::Printed:
        lines << tr("your design %1 has been printed.").arg(design)
              << tr("The print's page, for your records:");
        break;
    case PrintStage::Failed:
        lines << tr("the print of your design %1 did not succeed.").arg(design)
              << tr("Please reply to this message so that we can help. The print's page:");
        break;
    case PrintStage::LinkGone:
        lines << tr("the print link for your design %1 is no longer active.").arg(design)
              << tr("Please reply to this message if you still need it. The link was:");
        break;
    case PrintStage::Unknown:
        lines << tr("here is the link to your design %1:").arg(design);
        break;
    }
    lines << url << QString() << tr("The link is yours alone; please do not pass it on.");
    return lines.join(u'\n');
}

QString CustomerLinkMessage::clipboardText(const Order &order, const QUrl &link)
{
    return tr("To: %1").arg(order.receiverEmail) + u'\n' + tr("Subject: %1").arg(subject(order)) +
           u"\n\n"_s + body(order, link);
}

QUrl CustomerLinkMessage::mailUrl(const Order &order, const QUrl &link)
{
    // Everything but the unreserved characters is encoded, so a "&", "?" or "#" in a file
    // name or job id cannot end the subject or body early.
    const auto encode = [](const QString &text) {
        QString crlf = text;
        crlf.replace(u"\n"_s, u"\r\n"_s);
        return QUrl::toPercentEncoding(crlf);
    };
    const QByteArray encoded =
        "mailto:" + QUrl::toPercentEncoding(order.receiverEmail.trimmed(), "@") +
        "?subject=" + encode(subject(order)) + "&body=" + encode(body(order, link));
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

} // namespace pc
