#include "orderfactsbar.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

constexpr int kMessageIconSize = 14;
constexpr int kMaxTooltipFiles = 15;

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
    auto *hint = new QLabel(tr("Every file you drop or add is queued with these details. "
                               "Select rows in the queue to change theirs."),
                            this);
    hint->setObjectName(u"orderFactsHint"_s);
    hint->setWordWrap(true);
    QPalette muted = hint->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    hint->setPalette(muted);

    m_email = new QLineEdit(this);
    m_email->setObjectName(u"receiverEmail"_s);
    m_email->setPlaceholderText(tr("customer@example.com"));
    m_email->setClearButtonEnabled(true);
    m_email->setMaxLength(kMaxEmailLength + 2); // room for blanks the check trims
    m_email->setAccessibleName(tr("Receiver e-mail"));

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
    m_pendingText = new QLabel(m_pendingRow);
    m_pendingText->setObjectName(u"pendingText"_s);
    m_pendingText->setWordWrap(true);
    m_forgetButton = new QPushButton(tr("Don't queue them"), m_pendingRow);
    m_forgetButton->setObjectName(u"forgetPending"_s);
    m_forgetButton->setToolTip(tr("Forget the waiting files; the files themselves stay on disk"));
    auto *pendingLayout = new QHBoxLayout(m_pendingRow);
    pendingLayout->setContentsMargins(0, 0, 0, 0);
    pendingLayout->setSpacing(8);
    pendingLayout->addWidget(pendingIcon);
    pendingLayout->addWidget(m_pendingText, 1);
    pendingLayout->addWidget(m_forgetButton);
    m_pendingRow->hide();

    m_applyButton = new QPushButton(QIcon(u":/icons/queue-apply.svg"_s), {}, this);
    m_applyButton->setObjectName(u"applyToSelected"_s);
    m_applyButton->setToolTip(tr("Give the selected queue rows these details"));
    m_queueButton = new QPushButton(QIcon(u":/icons/queue-add-files.svg"_s), {}, this);
    m_queueButton->setObjectName(u"queuePending"_s);
    m_queueButton->setToolTip(tr("Queue the waiting files with these details"));

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_pendingRow, 1);
    buttons->addStretch(0);
    buttons->addWidget(m_applyButton);
    buttons->addWidget(m_queueButton);

    auto *top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(heading);
    top->addWidget(hint, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addLayout(fields);
    layout->addLayout(buttons);

    connect(m_email, &QLineEdit::textEdited, this, [this] {
        m_emailEdited = true;
        updateMessages();
    });
    connect(m_price, &QLineEdit::textChanged, this, &OrderFactsBar::updateMessages);
    connect(m_jobId, &QLineEdit::textChanged, this, &OrderFactsBar::updateMessages);
    connect(m_email, &QLineEdit::textChanged, this, &OrderFactsBar::updateMessages);
    connect(m_currency, &QComboBox::currentIndexChanged, this, &OrderFactsBar::updateMessages);
    connect(m_currency, &QComboBox::activated, this, [this] {
        m_currencyChosen = true;
        markTouched(OrderField::Currency);
    });
    connect(m_email, &QLineEdit::editingFinished, this,
            [this] { markTouched(OrderField::ReceiverEmail); });
    connect(m_price, &QLineEdit::editingFinished, this, [this] { markTouched(OrderField::Price); });
    connect(m_jobId, &QLineEdit::editingFinished, this,
            [this] { markTouched(OrderField::PartnerJobId); });
    for (QLineEdit *edit : {m_email, m_price, m_jobId}) {
        // Dropped files go to the panel, never into a field as text.
        edit->setAcceptDrops(false);
        // Return in a field queues what waits, as the default button of a dialog would.
        connect(edit, &QLineEdit::returnPressed, this, [this] {
            if (!m_pending.isEmpty())
                onQueueClicked();
        });
    }
    connect(m_queueButton, &QPushButton::clicked, this, &OrderFactsBar::onQueueClicked);
    connect(m_applyButton, &QPushButton::clicked, this, &OrderFactsBar::onApplyClicked);
    connect(m_forgetButton, &QPushButton::clicked, this, &OrderFactsBar::onForgetClicked);

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
    grid->addWidget(message->box, 2, column, Qt::AlignTop);
}

void OrderFactsBar::fillCurrencies()
{
    const QLocale locale;
    for (const QString &code : isoCurrencyCodes()) {
        const QString name = currencyDisplayName(code, locale);
        //: A currency in the currency list: %1 is the ISO code, %2 its name
        m_currency->addItem(name == code ? code : tr("%1 \u2014 %2").arg(code, name), code);
    }
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
    m_touched.fill(true);
    updateMessages();
}

void OrderFactsBar::focusDetails()
{
    m_email->setFocus(Qt::ShortcutFocusReason);
    m_email->selectAll();
}

void OrderFactsBar::addPending(const QStringList &paths)
{
    const QSet<QString> known(m_pending.cbegin(), m_pending.cend());
    for (const QString &path : paths) {
        if (!known.contains(path))
            m_pending.append(path);
    }
    // Waiting files make the missing details matter now: say what is missing.
    m_touched.fill(true);
    updateMessages();
    updateButtons();
    Q_EMIT pendingChanged(pendingCount());
}

QStringList OrderFactsBar::takePending()
{
    const QStringList taken = std::exchange(m_pending, {});
    updateButtons();
    Q_EMIT pendingChanged(0);
    return taken;
}

void OrderFactsBar::setSelection(int selected, int editable)
{
    m_selected = selected;
    m_editable = editable;
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

void OrderFactsBar::updateButtons()
{
    const int count = pendingCount();
    m_pendingRow->setVisible(count > 0);
    m_queueButton->setEnabled(count > 0);
    m_queueButton->setText(count > 0 ? tr("Queue %n file(s)", nullptr, count) : tr("Queue"));
    m_queueButton->setDefault(count > 0);
    if (count > 0) {
        const bool ready = validate().ok();
        m_pendingText->setText(
            ready ? tr("%n file(s) waiting: press Queue to add them with these details.", nullptr,
                       count)
                  : tr("%n file(s) waiting for order details: complete the form above, "
                       "then press Queue.",
                       nullptr, count));
        QStringList names;
        for (const QString &path : std::as_const(m_pending).first(
                 std::min<qsizetype>(m_pending.size(), kMaxTooltipFiles)))
            names << path;
        if (count > kMaxTooltipFiles)
            names << tr("and %n more", nullptr, count - kMaxTooltipFiles);
        m_pendingText->setToolTip(names.join(u'\n'));
    }
    m_applyButton->setVisible(m_selected > 0);
    m_applyButton->setEnabled(m_editable > 0);
    m_applyButton->setText(tr("Apply to %n selected row(s)", nullptr, m_selected));
    m_applyButton->setToolTip(
        m_editable > 0
            ? tr("Give the selected queue rows these details")
            : tr("The selected rows are uploading or done: their details can no longer change"));
}

void OrderFactsBar::onQueueClicked()
{
    if (m_pending.isEmpty())
        return;
    if (!showProblems())
        return;
    Q_EMIT queueRequested(*validate().facts);
}

void OrderFactsBar::onApplyClicked()
{
    if (!showProblems())
        return;
    Q_EMIT applyRequested(*validate().facts);
}

void OrderFactsBar::onForgetClicked()
{
    takePending();
}

} // namespace pc
