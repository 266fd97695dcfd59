#pragma once

#include "orders/orderform.h"

#include <functional>

class QMessageBox;
class QWidget;

namespace pc {

// The second look at a price of nothing or far above what one design sells for
// (priceConcern()): a window-modal question on `parent` that either goes on with `proceed`
// or hands back to the form with `changePrice`. Returns the open question, or nullptr when the
// price needs none (`proceed` has then run already). The question is not blocking: the
// caller's event loop keeps running while it is open.
QMessageBox *askAboutPrice(QWidget *parent, const OrderFacts &facts, std::function<void()> proceed,
                           std::function<void()> changePrice);

} // namespace pc
