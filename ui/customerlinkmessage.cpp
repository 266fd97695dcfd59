#include "customerlinkmessage.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace pc {

QString CustomerLinkMessage::subject(const Order &order)
{
    if (order.partnerJobId.trimmed().isEmpty())
        //: The subject of the mail that sends the print link; %1 is the design's file name
        return tr("Your print link for %1").arg(order.fileName);
    //: The subject of the mail that sends the print link; %1 the file name, %2 the job id
    return tr("Your print link for %1 (job %2)").arg(order.fileName, order.partnerJobId.trimmed());
}

QString CustomerLinkMessage::body(const Order &order, const QUrl &link)
{
    const QString url = link.toString(QUrl::FullyEncoded);
    QStringList lines;
    lines << tr("Hello,") << QString();
    if (order.partnerJobId.trimmed().isEmpty())
        lines << tr("your design %1 is ready to print.").arg(order.fileName);
    else
        lines << tr("your design %1 (job %2) is ready to print.")
                     .arg(order.fileName, order.partnerJobId.trimmed());
    lines << tr("Open this link and press Print on the page:") << url << QString()
          << tr("The link is yours alone; please do not pass it on.");
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
