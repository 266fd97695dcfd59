#include "mainwindow.h"

#include "consolesession.h"
#include "elidinglabel.h"
#include "environmentbadge.h"

#include "common/buildinfo.h"
#include "orders/orderstore.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const auto kAppIcon = u":/icons/partner-console.svg"_s;
constexpr int kContentMaxWidth = 860;

QLabel *makeLabel(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QLabel *makeIconLabel(const QString &resource, int size, const QString &accessibleName,
                      QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setPixmap(QIcon(resource).pixmap(QSize(size, size), parent->devicePixelRatioF()));
    label->setFixedSize(size, size);
    label->setAccessibleName(accessibleName);
    return label;
}

void scaleFont(QWidget *widget, qreal factor, bool bold)
{
    QFont font = widget->font();
    font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    widget->setFont(font);
}

void setMuted(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
}

} // namespace

MainWindow::MainWindow(EnvironmentInfo environment, ConsoleSession *session, SecretStore *keys,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_environment(std::move(environment))
    , m_session(session)
    , m_keys(keys)
{
    setObjectName(u"mainWindow"_s);
    // Environment first, application name last: the platform appends the application's
    // display name to titles that do not already end with it.
    //: Window title: %1 is the environment (Sandbox, Production...), %2 the application name
    setWindowTitle(tr("%1 \u2014 %2").arg(m_environment.kindLabel(), applicationName()));
    setWindowIcon(QIcon(kAppIcon));
    setAccessibleName(applicationName());
    setMinimumSize(640, 480);
    resize(1000, 680);

    createActions();
    createMenus();
    if (m_session) {
        createWorkArea();
        return;
    }

    auto *column = new QWidget;
    column->setObjectName(u"contentColumn"_s);
    column->setMaximumWidth(kContentMaxWidth);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(18);
    columnLayout->addWidget(createHeader());
    if (!m_environment.notice.isEmpty())
        columnLayout->addWidget(createNoticeBanner());
    columnLayout->addWidget(createEnvironmentCard());
    columnLayout->addWidget(createEmptyState(), 1);

    auto *central = new QWidget(this);
    central->setObjectName(u"centralWidget"_s);
    auto *centralLayout = new QHBoxLayout(central);
    centralLayout->setContentsMargins(32, 24, 32, 24);
    centralLayout->addStretch(0);
    centralLayout->addWidget(column, 1);
    centralLayout->addStretch(0);
    setCentralWidget(central);

    createStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_quitAction = new QAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"), this);
    m_quitAction->setObjectName(u"actionQuit"_s);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_quitAction->setStatusTip(tr("Close the console"));
    connect(m_quitAction, &QAction::triggered, this, [this] {
        m_quitChosen = true; // the person asked: the quit question may follow
        close();
        m_quitChosen = false;
    });

    m_aboutAction = new QAction(QIcon(kAppIcon), tr("&About %1").arg(applicationName()), this);
    m_aboutAction->setObjectName(u"actionAbout"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_aboutAction->setStatusTip(tr("Show the version and the connected service"));
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setObjectName(u"actionAboutQt"_s);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    m_aboutQtAction->setStatusTip(tr("Show the Qt version the console is built with"));
    connect(m_aboutQtAction, &QAction::triggered, this, [this] { QMessageBox::aboutQt(this); });
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"menuFile"_s);
    fileMenu->addAction(m_quitAction);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"menuHelp"_s);
    helpMenu->addAction(m_aboutAction);
    helpMenu->addAction(m_aboutQtAction);
}

QWidget *MainWindow::createHeader()
{
    auto *header = new QWidget;
    header->setObjectName(u"header"_s);
    header->setAccessibleName(tr("Application"));

    auto *icon = makeIconLabel(kAppIcon, 64, tr("%1 icon").arg(applicationName()), header);

    auto *name = makeLabel(applicationName(), u"appNameLabel"_s, header);
    name->setWordWrap(false);
    scaleFont(name, 1.7, true);
    name->setAccessibleName(tr("Application name"));

    auto *version =
        makeLabel(tr("Version %1").arg(applicationVersion()), u"versionLabel"_s, header);
    setMuted(version);
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    version->setAccessibleName(tr("Version"));

    auto *about = makeLabel(tr("Upload the STL designs your shop has sold to Design Streaming, "
                               "and follow each customer's print: from the moment they press "
                               "Print to the printer owner's confirmation."),
                            u"aboutLabel"_s, header);
    about->setAccessibleName(tr("What this console does"));

    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(name);
    texts->addWidget(version);
    texts->addSpacing(8);
    texts->addWidget(about);

    auto *badge = new EnvironmentBadge(m_environment, EnvironmentBadge::Size::Large, header);

    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(18);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(badge, 0, Qt::AlignTop);
    return header;
}

QWidget *MainWindow::createNoticeBanner()
{
    auto *banner = new QFrame;
    banner->setObjectName(u"noticeBanner"_s);
    banner->setAccessibleName(tr("Notice"));
    banner->setStyleSheet(
        u"QFrame#noticeBanner { background-color: #fdf3dc; "
        "border: 1px solid #e69f00; border-radius: 8px; }"
        "QFrame#noticeBanner QLabel { color: #1a1a1a; background: transparent; }"_s);

    auto *icon = makeIconLabel(u":/icons/notice.svg"_s, 22, tr("Attention"), banner);
    auto *text = makeLabel(m_environment.notice, u"noticeText"_s, banner);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setAccessibleName(tr("Notice"));

    auto *layout = new QHBoxLayout(banner);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->setSpacing(12);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(text, 1);
    return banner;
}

QWidget *MainWindow::createEnvironmentCard()
{
    auto *card = new QFrame;
    card->setObjectName(u"environmentCard"_s);
    card->setAccessibleName(tr("Connected service"));
    card->setStyleSheet(u"QFrame#environmentCard { background-color: palette(base); "
                        "border: 1px solid palette(mid); border-radius: 8px; }"_s);

    QString heading;
    QString explanation;
    switch (m_environment.kind) {
    case EnvironmentKind::Sandbox:
        heading = tr("Sandbox: the built-in service on this computer");
        explanation = tr("The console is connected to a simulated Design Streaming service "
                         "that runs inside this application. Nothing you upload leaves this "
                         "computer; customers and their prints are simulated. The sandbox "
                         "stops, and forgets everything, when you quit the console.");
        break;
    case EnvironmentKind::Production:
        heading = tr("Production: the Design Streaming service");
        explanation = tr("The console works with the live Design Streaming service and your "
                         "partner account. Designs you upload reach real customers, and their "
                         "prints are real.");
        break;
    case EnvironmentKind::Custom:
        heading = tr("Custom service: a Design Streaming service you chose");
        explanation = tr("The console works with the service at the address given with "
                         "--base-url and your partner account. Designs you upload are sent to "
                         "that service.");
        break;
    }

    auto *title = makeLabel(heading, u"environmentHeading"_s, card);
    scaleFont(title, 1.15, true);

    auto *addressCaption = makeLabel(tr("Address:"), u"environmentAddressCaption"_s, card);
    addressCaption->setWordWrap(false);
    setMuted(addressCaption);
    auto *address = makeLabel(m_environment.location(), u"environmentAddress"_s, card);
    address->setWordWrap(false);
    address->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    address->setAccessibleName(tr("Service address"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(address->font().pointSizeF());
    address->setFont(mono);
    addressCaption->setBuddy(address);

    auto *addressRow = new QHBoxLayout;
    addressRow->setSpacing(8);
    addressRow->addWidget(addressCaption);
    addressRow->addWidget(address, 1);

    auto *text = makeLabel(explanation, u"environmentExplanation"_s, card);

    // A strip on the left repeats the environment badge's colour.
    auto *strip = new QFrame(card);
    strip->setObjectName(u"environmentStrip"_s);
    strip->setFixedWidth(4);
    strip->setStyleSheet(u"QFrame#environmentStrip { background-color: %1; border: none; "
                         "border-radius: 2px; }"_s.arg(
                             EnvironmentBadge::backgroundColor(m_environment.kind).name()));

    auto *layout = new QVBoxLayout;
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addLayout(addressRow);
    layout->addWidget(text);

    // The way to real orders, on a first start; a fallback's notice already says it.
    if (m_environment.isLocal() && m_environment.notice.isEmpty()) {
        auto *hint = makeLabel(tr("To work with real orders, connect your partner account: "
                                  "start the console with your API key in the "
                                  "PARTNER_CONSOLE_API_KEY environment variable."),
                               u"connectHint"_s, card);
        hint->setAccessibleName(tr("How to connect your partner account"));
        layout->addWidget(hint);
    }

    auto *row = new QHBoxLayout(card);
    row->setContentsMargins(14, 16, 20, 18);
    row->setSpacing(16);
    row->addWidget(strip);
    row->addLayout(layout, 1);
    return card;
}

QWidget *MainWindow::createEmptyState()
{
    auto *box = new QFrame;
    box->setObjectName(u"emptyState"_s);
    box->setAccessibleName(tr("Designs and orders"));
    box->setStyleSheet(u"QFrame#emptyState { border: 2px dashed palette(mid); "
                       "border-radius: 12px; }"_s);
    box->setMinimumHeight(200);

    auto *icon = makeIconLabel(u":/icons/empty-queue.svg"_s, 56, tr("Empty"), box);
    auto *title = makeLabel(tr("No designs or orders yet"), u"emptyStateTitle"_s, box);
    title->setAlignment(Qt::AlignHCenter);
    scaleFont(title, 1.15, true);
    auto *text = makeLabel(tr("This version of the console does not upload designs yet. "
                              "When it does, your upload queue and your customers' orders "
                              "will appear here."),
                           u"emptyStateText"_s, box);
    text->setAlignment(Qt::AlignHCenter);
    setMuted(text);

    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(120, 24, 120, 24);
    layout->setSpacing(10);
    layout->addStretch(1);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addSpacing(4);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addStretch(1);
    return box;
}

void MainWindow::createStatusBar()
{
    auto *holder = new QWidget;
    holder->setObjectName(u"statusEnvironment"_s);
    holder->setAccessibleName(tr("Environment: %1").arg(m_environment.summary()));
    auto *badge = new EnvironmentBadge(m_environment, EnvironmentBadge::Size::Compact, holder);
    // The address is the first to give way: the service bar above shows it too.
    auto *text = new ElidingLabel(holder);
    text->setObjectName(u"statusEnvironmentText"_s);
    text->setText(m_environment.location());

    auto *layout = new QHBoxLayout(holder);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(8);
    layout->addWidget(badge);
    layout->addWidget(text);

    // Permanent: status tips and polling messages never hide the environment.
    statusBar()->setObjectName(u"statusBar"_s);
    if (m_session) {
        // Long texts are cut at a word with "…" in a narrow window (the whole text in the
        // tooltip) rather than widening it past the screen or stopping mid-word.
        m_queueStatus = new ElidingLabel(this);
        m_queueStatus->setObjectName(u"queueStatus"_s);
        m_queueStatus->setAccessibleName(tr("Upload queue"));
        m_pollingStatus = new ElidingLabel(this);
        m_pollingStatus->setObjectName(u"pollingStatus"_s);
        m_pollingStatus->setAccessibleName(tr("Print status checks"));
        // A print that ended stays said here until the orders are looked at.
        auto *sign = new QToolButton(this);
        sign->setObjectName(u"printEndSign"_s);
        sign->setAutoRaise(true);
        sign->setToolButtonStyle(Qt::ToolButtonTextOnly);
        sign->setAccessibleName(tr("Prints that ended"));
        sign->setStyleSheet(u"QToolButton#printEndSign { font-weight: bold; }"_s);
        sign->hide();
        connect(sign, &QToolButton::clicked, this, [this] { focusPane(1); });
        m_printEndSign = sign;
        statusBar()->addPermanentWidget(sign);
        statusBar()->addPermanentWidget(m_queueStatus);
        statusBar()->addPermanentWidget(m_pollingStatus);
        if (m_session->store().isPostgres()) {
            // Team mode: which shared database this console works on, always in sight, and
            // whether the console is connected to it.
            m_storeStatus = makeLabel(QString(), u"storeStatus"_s, this);
            m_storeStatus->setWordWrap(false);
            m_storeStatus->setAccessibleName(tr("Order history"));
            statusBar()->addPermanentWidget(m_storeStatus);
            showStoreConnection(m_session->store().isConnected(), QString());
            connect(m_session, &ConsoleSession::storeConnectionChanged, this,
                    &MainWindow::showStoreConnection);
        }
    }
    statusBar()->addPermanentWidget(holder);
}

void MainWindow::showStoreConnection(bool connected, const QString &message)
{
    if (!m_storeStatus)
        return;
    const StoreLocation &location = m_session->store().location();
    if (connected) {
        m_storeStatus->setText(
            tr("Team database %1 on %2").arg(location.databaseName(), location.host()));
        m_storeStatus->setToolTip(tr("The order history is shared with the shop's other "
                                     "consoles: %1\nThis console: %2")
                                      .arg(location.displayName(), m_session->store().consoleId()));
        m_storeStatus->setStyleSheet(QString());
        return;
    }
    // The words carry it; the colour only repeats it.
    m_storeStatus->setText(
        tr("\u26a0 Team database on %1 unreachable: reconnecting\u2026").arg(location.host()));
    m_storeStatus->setToolTip(message);
    m_storeStatus->setStyleSheet(u"color: #b3261e; font-weight: bold;"_s);
}

QMessageBox *MainWindow::createAboutBox()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(u"aboutBox"_s);
    box->setWindowTitle(tr("About %1").arg(applicationName()));
    box->setIconPixmap(QIcon(kAppIcon).pixmap(QSize(64, 64), devicePixelRatioF()));
    box->setTextFormat(Qt::RichText);
    box->setText(u"<h3>%1</h3><p>%2</p>"_s.arg(applicationName().toHtmlEscaped(),
                                               tr("Version %1").arg(applicationVersion())));
    // Where the orders are: this computer's folder, or the team database (never a password);
    // the address on a line of its own, so that it does not break.
    const QString history =
        !m_session ? QString()
        : m_session->store().isPostgres()
            ? tr("Order history: the team database").toHtmlEscaped() + u"<br>"_s +
                  m_session->store().location().displayName().toHtmlEscaped()
            : tr("Order history: this computer").toHtmlEscaped() + u"<br>"_s +
                  QDir::toNativeSeparators(m_session->store().databasePath()).toHtmlEscaped();
    box->setInformativeText(u"<p>%1</p><p>%2</p>%4<p>%3</p>"_s.arg(
        tr("Uploads the STL designs your shop has sold to Design Streaming and follows "
           "each customer's print.")
            .toHtmlEscaped(),
        //: %1 is the environment (Sandbox, Production...), %2 its address
        tr("Environment: %1, %2")
            .arg(m_environment.kindLabel().toHtmlEscaped(),
                 u"<nobr>%1</nobr>"_s.arg(m_environment.location().toHtmlEscaped())),
        tr("Built with Qt %1, running on Qt %2.")
            .arg(QString::fromLatin1(QT_VERSION_STR), QString::fromLatin1(qVersion()))
            .toHtmlEscaped(),
        history.isEmpty() ? QString() : u"<p>%1</p>"_s.arg(history)));
    box->setStandardButtons(QMessageBox::Close);
    // QMessageBox sizes itself from its labels; give the text room for an address.
    box->setStyleSheet(u"QLabel#qt_msgbox_informativelabel { min-width: 400px; }"_s);
    return box;
}

void MainWindow::showAbout()
{
    QMessageBox *box = createAboutBox();
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace pc
