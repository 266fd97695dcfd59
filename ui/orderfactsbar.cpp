#include "orderfactsbar.h"

#include "currencylist.h"
#include "elidinglabel.h"
#include "priceconfirmation.h"

#include <QComboBox>
#include <QCompleter>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QStringListModel>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kMessageIconSize = 14;
constexpr int kMaxTooltipFiles = 15;
// File names spelled out in the form before "and N more"; the tooltip lists more.
constexpr int kMaxNamedFiles = 4;
constexpr int kMaxRecentReceivers = 50;

QString fileNameOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? path : path.mid(slash + 1);
}

int fieldIndex(OrderField field)
{
    return int(field);
}

QLabel *iconLabel(const QString &resource, int size, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setPixmap(QIcon(resource).pixmap(QSize(size, size), parent->devicePixelRatioF()));
    label->setFixedSize(size, size);
    return label;
}

} // namespace

OrderFactsBar::OrderFactsBar(const ConsoleSettings &defaults, QWidget *parent)
    : QFrame(parent)
    , m_defaults(defaults)
{
    setObjectName(u"orderFactsBar"_s);
    setAccessibleName(tr("Order details"));
    setStyleSheet(u"QFrame#orderFactsBar { background-color: palette(base); "
                  "border: 1px solid palette(mid); border-radius: 8px; }"_s);

    auto *heading = new QLabel(tr("Order details"), this);
    heading->setObjectName(u"orderFactsHeading"_s);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);
    m_hint = new QLabel(tr("Files you drop or add wait in the queue until you confirm their "
                           "details here. Select rows in the queue to change theirs."),
                        this);
    m_hint->setObjectName(u"orderFactsHint"_s);
    m_hint->setWordWrap(true);
    QPalette muted = m_hint->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_hint->setPalette(muted);

    // Which files the details are for: read before pressing Queue.
    m_batchText = new QLabel(this);
    m_batchText->setObjectName(u"batchFiles"_s);
    m_batchText->setWordWrap(true);
    m_batchText->setTextFormat(Qt::PlainText);
    m_batchText->setStyleSheet(u"QLabel#batchFiles { background-color: #fff4ce; "
                               "color: #3d2e00; border: 1px solid #c8a600; border-radius: 4px; "
                               "padding: 3px 8px; font-weight: bold; }"_s);
    m_batchText->hide();

    m_email = new QLineEdit(this);
    m_email->setObjectName(u"receiverEmail"_s);
    m_email->setPlaceholderText(tr("customer@example.com"));
    m_email->setClearButtonEnabled(true);
    m_email->setMaxLength(kMaxEmailLength + 2); // room for blanks the check trims
    m_email->setAccessibleName(tr("Receiver e-mail"));
    // Completion from the receivers of recent orders: offered, never filled in by itself.
    m_receiverModel = new QStringListModel(this);
    m_completer = new QCompleter(m_receiverModel, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_email->setCompleter(m_completer);

    m_price = new QLineEdit(this);
    m_price->setObjectName(u"price"_s);
    //: Example price in the price field; shown in the user's number format
    m_price->setPlaceholderText(tr("e.g. %1").arg(QLocale().toString(12.5, 'f', 2)));
    m_price->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_price->setAccessibleName(tr("Price"));

    m_currency = new QComboBox(this);
    m_currency->setObjectName(u"currency"_s);
    m_currency->setAccessibleName(tr("Currency"));
    m_currency->setMaxVisibleItems(16);
    m_currency->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_currency->setMinimumContentsLength(16);
    fillCurrencies();

    m_jobId = new QLineEdit(this);
    m_jobId->setObjectName(u"partnerJobId"_s);
    m_jobId->setPlaceholderText(tr("Optional"));
    m_jobId->setMaxLength(kMaxPartnerJobIdLength);
    m_jobId->setClearButtonEnabled(true);
    m_jobId->setAccessibleName(tr("Partner job ID"));

    auto *fields = new QGridLayout;
    fields->setHorizontalSpacing(12);
    fields->setVerticalSpacing(4);
    createField(fields, 0, tr("&Receiver e-mail"), m_email,
                &m_messages[fieldIndex(OrderField::ReceiverEmail)]);
    createField(fields, 1, tr("&Price"), m_price, &m_messages[fieldIndex(OrderField::Price)]);
    createField(fields, 2, tr("C&urrency"), m_currency,
                &m_messages[fieldIndex(OrderField::Currency)]);
    createField(fields, 3, tr("Partner &job ID"), m_jobId,
                &m_messages[fieldIndex(OrderField::PartnerJobId)]);
    fields->setColumnStretch(0, 5);
    fields->setColumnStretch(1, 2);
    fields->setColumnStretch(2, 3);
    fields->setColumnStretch(3, 3);

    m_pendingRow = new QWidget(this);
    m_pendingRow->setObjectName(u"pendingFiles"_s);
    auto *pendingIcon = iconLabel(u":/icons/queue-pending.svg"_s, 18, m_pendingRow);
    // One line, cut at a word beside the buttons in a narrow form (the whole in its tooltip):
    // wrapped, it would make a tall narrow column that pushes the queue's rows out of sight.
    m_pendingText = new ElidingLabel(m_pendingRow);
    m_pendingText->setObjectName(u"pendingText"_s);
    m_laterText = new QLabel(m_pendingRow);
    m_laterText->setObjectName(u"laterBatches"_s);
    m_laterText->setWordWrap(true);
    m_laterText->setTextFormat(Qt::PlainText);
    m_laterText->hide();
    auto *pendingTexts = new QVBoxLayout;
    pendingTexts->setContentsMargins(0, 0, 0, 0);
    pendingTexts->setSpacing(2);
    pendingTexts->addWidget(m_pendingText);
    pendingTexts->addWidget(m_laterText);
    m_forgetButton = new QPushButton(tr("Don't queue them"), this);
    m_forgetButton->setObjectName(u"forgetPending"_s);
    m_forgetButton->setToolTip(
        tr("Take these waiting files off the queue; the files themselves stay on disk"));
    auto *pendingLayout = new QHBoxLayout(m_pendingRow);
    pendingLayout->setContentsMargins(0, 0, 0, 0);
    pendingLayout->setSpacing(8);
    pendingLayout->addWidget(pendingIcon, 0, Qt::AlignTop);
    pendingLayout->addLayout(pendingTexts, 1);
    m_pendingRow->hide();

    m_reuseButton = new QPushButton(tr("Use the last details"), this);
    m_reuseButton->setObjectName(u"reuseLastDetails"_s);
    m_reuseButton->hide();

    m_applyButton = new QPushButton(QIcon(u":/icons/queue-apply.svg"_s), {}, this);
    m_applyButton->setObjectName(u"applyToSelected"_s);
    m_applyButton->setToolTip(tr("Give the selected queue rows these details"));
    m_queueButton = new QPushButton(QIcon(u":/icons/queue-add-files.svg"_s), {}, this);
    m_queueButton->setObjectName(u"queuePending"_s);
    m_queueButton->setToolTip(tr("Queue the waiting files with these details"));

    // The buttons have their own line, the words about the waiting files go beside the files'
    // names: in a narrow form neither squeezes the other into a tall column.
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_forgetButton);
    buttons->addStretch(1);
    buttons->addWidget(m_reuseButton);
    buttons->addWidget(m_applyButton);
    buttons->addWidget(m_queueButton);

    auto *top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(heading);
    top->addWidget(m_hint, 1);
    top->addWidget(m_batchText);
    top->addWidget(m_pendingRow, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addLayout(fields);
    layout->addLayout(buttons);

    connect(m_email, &QLineEdit::textEdited, this, [this] {
        m_emailEdited = true;
        m_draftTyped = true;
        m_typedInto[fieldIndex(OrderField::ReceiverEmail)] = true;
        updateMessages();
    });
    connect(m_price, &QLineEdit::textEdited, this, [this] {
        m_draftTyped = true;
        m_typedInto[fieldIndex(OrderField::Price)] = true;
    });
    connect(m_jobId, &QLineEdit::textEdited, this, [this] {
        m_draftTyped = true;
        m_typedInto[fieldIndex(OrderField::PartnerJobId)] = true;
    });
    connect(m_price, &QLineEdit::textChanged, this, &OrderFactsBar::updateMessages);
    connect(m_jobId, &QLineEdit::textChanged, this, &OrderFactsBar::updateMessages);
    connect(m_email, &QLineEdit::textChanged, this, &OrderFactsBar::updateMessages);
    connect(m_currency, &QComboBox::currentIndexChanged, this, &OrderFactsBar::updateMessages);
    connect(m_currency, &QComboBox::activated, this, [this] {
        m_currencyChosen = true;
        m_draftTyped = true;
        markTouched(OrderField::Currency);
    });
    for (const auto &[edit, field] :
         {std::pair{m_email, OrderField::ReceiverEmail}, std::pair{m_price, OrderField::Price},
          std::pair{m_jobId, OrderField::PartnerJobId}}) {
        connect(edit, &QLineEdit::editingFinished, this, [this, field] {
            if (m_typedInto.at(fieldIndex(field)))
                markTouched(field);
        });
    }
    for (QLineEdit *edit : {m_email, m_price, m_jobId}) {
        // Dropped files go to the panel, never into a field as text.
        edit->setAcceptDrops(false);
        // Return in a field queues what waits, as the default button of a dialog would.
        connect(edit, &QLineEdit::returnPressed, this, [this] {
            if (m_current)
                onQueueClicked();
        });
    }
    connect(m_queueButton, &QPushButton::clicked, this, &OrderFactsBar::onQueueClicked);
    connect(m_applyButton, &QPushButton::clicked, this, &OrderFactsBar::onApplyClicked);
    connect(m_forgetButton, &QPushButton::clicked, this, &OrderFactsBar::forgetRequested);
    connect(m_reuseButton, &QPushButton::clicked, this, &OrderFactsBar::onReuseClicked);

    setDefaults(defaults);
    updateMessages();
    updateButtons();
}

OrderFactsBar::~OrderFactsBar() = default;

void OrderFactsBar::createField(QGridLayout *grid, int column, const QString &caption,
                                QWidget *editor, FieldMessage *message)
{
    auto *label = new QLabel(caption, this);
    label->setBuddy(editor);
    message->box = new QWidget(this);
    message->box->setObjectName(u"fieldMessage%1"_s.arg(column));
    message->icon = new QLabel(message->box);
    message->icon->setFixedSize(kMessageIconSize, kMessageIconSize);
    message->text = new QLabel(message->box);
    message->text->setObjectName(u"fieldMessageText%1"_s.arg(column));
    message->text->setWordWrap(true);
    message->text->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(message->box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(message->icon, 0, Qt::AlignTop);
    layout->addWidget(message->text, 1);
    message->box->hide();
    grid->addWidget(label, 0, column);
    grid->addWidget(editor, 1, column);
    // No cell alignment: an aligned item gives the grid its one-line size hint, and a message
    // wrapped in a narrow column would be cut off; the text keeps to the top itself.
    message->text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    grid->addWidget(message->box, 2, column);
}

void OrderFactsBar::fillCurrencies()
{
    // This session's confirmations first (their orders may not exist yet), then the orders'.
    fillCurrencyList(m_currency, m_sessionCurrencies + m_orderCurrencies);
}

void OrderFactsBar::setCurrency(const QString &code)
{
    const int index = m_currency->findData(code.trimmed().toUpper());
    if (index >= 0)
        m_currency->setCurrentIndex(index);
}

QString OrderFactsBar::currentCurrency() const
{
    return m_currency->currentData().toString();
}

void OrderFactsBar::setDefaults(const ConsoleSettings &defaults)
{
    m_defaults = defaults;
    if (!m_emailEdited && m_email->text().isEmpty())
        m_email->setText(defaults.defaultReceiverEmail);
    if (!m_currencyChosen) {
        const QString currency = defaults.defaultCurrency.isEmpty()
                                     ? defaultCurrencyForLocale(QLocale())
                                     : defaults.defaultCurrency;
        setCurrency(currency);
    }
}

OrderFormResult OrderFactsBar::validate() const
{
    return validateOrderFacts(m_email->text(), m_price->text(), currentCurrency(), m_jobId->text(),
                              QLocale());
}

bool OrderFactsBar::showProblems()
{
    m_touched.fill(true);
    updateMessages();
    const OrderFormResult result = validate();
    if (!result.errors.isEmpty()) {
        QWidget *editors[] = {m_email, m_price, m_currency, m_jobId};
        editors[fieldIndex(result.errors.first().field)]->setFocus(Qt::OtherFocusReason);
    }
    return result.ok();
}

void OrderFactsBar::setFacts(const OrderFacts &facts)
{
    m_email->setText(facts.receiverEmail);
    m_emailEdited = true;
    QString price = facts.price.toString(currencyMinorDigits(facts.currency));
    m_price->setText(price.replace(u'.', QLocale().decimalPoint()));
    setCurrency(facts.currency.isEmpty() ? kDefaultCurrency.toString() : facts.currency);
    m_currencyChosen = true;
    m_jobId->setText(facts.partnerJobId);
    m_draftTyped = false; // a row's details, not a draft for files still to come
    m_touched.fill(true);
    updateMessages();
}

void OrderFactsBar::focusDetails()
{
    m_email->setFocus(Qt::ShortcutFocusReason);
    m_email->selectAll();
}

void OrderFactsBar::showBatches(const std::optional<WaitingBatch> &current,
                                const QList<WaitingBatch> &later)
{
    const quint64 before = m_current ? m_current->serial : 0;
    const quint64 after = current ? current->serial : 0;
    m_current = current;
    m_later = later;
    if (after != 0 && after != before) {
        // A new batch gets a clean form: nothing typed for other files comes with it, nor
        // what was typed for the selected rows. Only what the user typed while no file waited
        // and no row was selected is kept, shown with the batch's names.
        if (before != 0 || !m_draftTyped || m_selected > 0)
            clearDetails();
        // The fields say what is wrong once left or when Queue is pressed, as always; files
        // that just arrived are no reason to greet the user with errors.
        updateMessages();
    }
    updateBatchText();
    updateButtons();
    keepWrappedHeight();
}

void OrderFactsBar::clearDetails()
{
    m_email->setText(m_defaults.defaultReceiverEmail);
    m_emailEdited = false;
    m_price->clear();
    m_jobId->clear();
    m_currencyChosen = false;
    const QString currency = m_defaults.defaultCurrency.isEmpty()
                                 ? defaultCurrencyForLocale(QLocale())
                                 : m_defaults.defaultCurrency;
    setCurrency(currency);
    m_draftTyped = false;
    m_touched.fill(false);
    m_typedInto.fill(false);
    updateMessages();
}

void OrderFactsBar::rememberConfirmed(const OrderFacts &facts)
{
    m_lastConfirmed = facts;
    m_sessionReceivers.removeAll(facts.receiverEmail);
    m_sessionReceivers.prepend(facts.receiverEmail);
    m_sessionCurrencies.removeAll(facts.currency);
    m_sessionCurrencies.prepend(facts.currency);
    fillCurrencies();
    updateCompletion();
    updateButtons();
}

void OrderFactsBar::setRecentCurrencies(const QStringList &currencies)
{
    m_orderCurrencies = currencies;
    fillCurrencies();
}

void OrderFactsBar::setRecentReceivers(const QStringList &receivers)
{
    m_orderReceivers = receivers;
    updateCompletion();
}

void OrderFactsBar::updateCompletion()
{
    // This session's confirmations first (their orders may not exist yet), then the orders'.
    QStringList unique;
    for (const QStringList *list : {&m_sessionReceivers, &m_orderReceivers}) {
        for (const QString &receiver : *list) {
            if (unique.size() >= kMaxRecentReceivers)
                break;
            if (!receiver.isEmpty() && !unique.contains(receiver, Qt::CaseInsensitive))
                unique << receiver;
        }
    }
    m_recentReceivers = unique;
    m_receiverModel->setStringList(unique);
}

void OrderFactsBar::onReuseClicked()
{
    if (!m_lastConfirmed)
        return;
    // Filled in where they can be read; Queue still has to be pressed for these files.
    setFacts(*m_lastConfirmed);
    m_draftTyped = true;
    focusDetails();
}

void OrderFactsBar::updateBatchText()
{
    // While files wait, the line naming them takes the general hint's place.
    m_hint->setVisible(!m_current);
    if (!m_current) {
        m_batchText->hide();
        m_laterText->hide();
        return;
    }
    const int count = int(m_current->paths.size());
    QStringList names;
    for (const QString &path : m_current->paths.first(std::min(count, kMaxNamedFiles)))
        names << fileNameOf(path);
    QString list = names.join(tr(", "));
    if (count > kMaxNamedFiles)
        //: After the first few file names of a batch: "a.stl, b.stl, c.stl, d.stl and 3 more"
        list = tr("%1 and %n more", nullptr, count - kMaxNamedFiles).arg(list);
    //: Which files the order details form is for: %1 lists their names
    m_batchText->setText(tr("For %n file(s): %1", nullptr, count).arg(list));
    QStringList tooltip;
    for (const QString &path : m_current->paths.first(std::min(count, kMaxTooltipFiles)))
        tooltip << path;
    if (count > kMaxTooltipFiles)
        tooltip << tr("and %n more", nullptr, count - kMaxTooltipFiles);
    m_batchText->setToolTip(tooltip.join(u'\n'));
    m_batchText->show();

    int laterFiles = 0;
    QStringList laterNames;
    for (const WaitingBatch &batch : std::as_const(m_later)) {
        laterFiles += int(batch.paths.size());
        for (const QString &path : batch.paths) {
            if (laterNames.size() < kMaxNamedFiles)
                laterNames << fileNameOf(path);
        }
    }
    if (laterFiles > kMaxNamedFiles)
        laterNames << tr("and %n more", nullptr, laterFiles - kMaxNamedFiles);
    //: Files that arrived while the form was for other files; %1 lists their names
    m_laterText->setText(
        tr("Then %n more file(s), which will get their own details: %1", nullptr, laterFiles)
            .arg(laterNames.join(tr(", "))));
    m_laterText->setVisible(laterFiles > 0);
}

void OrderFactsBar::setSelection(int selected, int editable, int waiting)
{
    m_selected = selected;
    m_editable = editable;
    m_waitingSelected = waiting;
    updateButtons();
}

void OrderFactsBar::markTouched(OrderField field)
{
    m_touched[fieldIndex(field)] = true;
    updateMessages();
}

void OrderFactsBar::showMessage(FieldMessage &message, const QString &text, bool error)
{
    message.box->setVisible(!text.isEmpty());
    if (text.isEmpty())
        return;
    message.icon->setPixmap(
        QIcon(error ? u":/icons/status-failure.svg"_s : u":/icons/notice.svg"_s)
            .pixmap(QSize(kMessageIconSize, kMessageIconSize), devicePixelRatioF()));
    message.icon->setAccessibleName(error ? tr("Error") : tr("Warning"));
    message.text->setText(text);
    // Dark red and dark amber: readable on light backgrounds; the icon tells them apart too.
    QPalette palette = message.text->palette();
    palette.setColor(QPalette::WindowText,
                     error ? QColor(0xa8, 0x20, 0x1a) : QColor(0x7a, 0x4f, 0x00));
    message.text->setPalette(palette);
}

void OrderFactsBar::updateMessages()
{
    const OrderFormResult result = validate();
    QWidget *editors[] = {m_email, m_price, m_currency, m_jobId};
    for (int i = 0; i < 4; ++i) {
        QString error;
        QString warning;
        for (const pc::FieldMessage &m : result.errors) {
            if (fieldIndex(m.field) == i)
                error = m.message;
        }
        for (const pc::FieldMessage &m : result.warnings) {
            if (fieldIndex(m.field) == i)
                warning = m.message;
        }
        const bool show = m_touched.at(i);
        showMessage(m_messages[i], show ? (error.isEmpty() ? warning : error) : QString(),
                    !error.isEmpty());
        // Screen readers read the problem with the field.
        editors[i]->setAccessibleDescription(show ? (error.isEmpty() ? warning : error)
                                                  : QString());
    }
    updateButtons();
}

void OrderFactsBar::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        keepWrappedHeight();
}

bool OrderFactsBar::event(QEvent *event)
{
    const bool handled = QFrame::event(event);
    // A message or file name that appeared, went or wrapped anew: its lines are known now.
    if (event->type() == QEvent::LayoutRequest)
        keepWrappedHeight();
    return handled;
}

void OrderFactsBar::keepWrappedHeight()
{
    // These are the details files are confirmed with: in a short window every field, message
    // and file name keeps the lines it wraps to at this width; the queue's rows scroll instead.
    if (!layout() || width() <= 0)
        return;
    // Only while files wait for it: otherwise the window's saved layout decides.
    const int needed = m_current ? layout()->totalHeightForWidth(width()) : 0;
    if (needed != minimumHeight())
        setMinimumHeight(needed);
}

void OrderFactsBar::updateButtons()
{
    const int count = pendingCount();
    m_pendingRow->setVisible(count > 0);
    m_forgetButton->setVisible(count > 0);
    m_queueButton->setEnabled(count > 0);
    m_queueButton->setText(count > 0 ? tr("Queue %n file(s)", nullptr, count) : tr("Queue"));
    m_queueButton->setDefault(count > 0);
    if (count > 0) {
        const bool ready = validate().ok();
        // Short: the line above names the files, and a short window has little room.
        m_pendingText->setText(ready ? tr("Check the details, then press Queue to send them.")
                                     : tr("Waiting for order details: complete the form, "
                                          "then press Queue."));
    }
    // Reusing the last details is offered, never done: a press fills the fields.
    m_reuseButton->setVisible(count > 0 && m_lastConfirmed.has_value());
    if (m_lastConfirmed) {
        const QString price =
            m_lastConfirmed->price.toString(currencyMinorDigits(m_lastConfirmed->currency));
        m_reuseButton->setToolTip(
            //: %1 receiver e-mail, %2 currency code, %3 price
            tr("Fill in the details last queued: %1, %2 %3")
                .arg(m_lastConfirmed->receiverEmail, m_lastConfirmed->currency, price));
    }
    m_applyButton->setVisible(m_selected > 0);
    m_applyButton->setEnabled(m_editable > 0);
    m_applyButton->setText(tr("Apply to %n selected row(s)", nullptr, m_selected));
    m_applyButton->setToolTip(
        m_editable > 0 ? tr("Give the selected queue rows these details")
        : m_waitingSelected > 0
            ? tr("Files waiting for order details get theirs with Queue, when this form names "
                 "them")
            : tr("The selected rows are uploading or done: their details can no longer change"));
}

bool OrderFactsBar::askingAboutPrice() const
{
    return m_priceQuestion && m_priceQuestion->isVisible();
}

void OrderFactsBar::onQueueClicked()
{
    if (!m_current || askingAboutPrice() || !showProblems())
        return;
    const OrderFacts facts = *validate().facts;
    m_priceQuestion = askAboutPrice(
        this, facts,
        [this, facts] {
            if (m_current)
                Q_EMIT queueRequested(facts);
        },
        [this] { m_price->setFocus(Qt::OtherFocusReason); });
}

void OrderFactsBar::onApplyClicked()
{
    if (askingAboutPrice() || !showProblems())
        return;
    const OrderFacts facts = *validate().facts;
    m_priceQuestion = askAboutPrice(
        this, facts, [this, facts] { Q_EMIT applyRequested(facts); },
        [this] { m_price->setFocus(Qt::OtherFocusReason); });
}

} // namespace pc
