#pragma once

#include "orders/storetypes.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace pc {

// The print link sent to the customer again: a ready message that names the design, the job
// id (when the order has one) and the link, worded by where the print stands (waiting for the
// customer, printing, printed, failed, link no longer known to the service), as text for the
// clipboard or as a mailto: URL for the desktop's mail program. The console sends nothing
// itself.
class CustomerLinkMessage final
{
    Q_DECLARE_TR_FUNCTIONS(CustomerLinkMessage)

public:
    // The file name, with the job id when the order has one.
    static QString designName(const Order &order);
    static QString subject(const Order &order);
    static QString body(const Order &order, const QUrl &link);
    // "To:", "Subject:", a blank line and the body: pasted into any mail or chat program.
    static QString clipboardText(const Order &order, const QUrl &link);
    // mailto:RECEIVER?subject=...&body=... with every part percent-encoded (RFC 6068: line
    // breaks as %0D%0A, spaces as %20, never "+").
    static QUrl mailUrl(const Order &order, const QUrl &link);
};

} // namespace pc
