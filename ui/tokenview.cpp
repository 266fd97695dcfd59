#include "tokenview.h"

#include "tokenstatepanel.h"
#include "uilogging.h"

#include "common/redaction.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>
#include <QWebEngineView>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const auto kPageIcon = u":/icons/tokenview-page.svg"_s;
const auto kNoLinkIcon = u":/icons/tokenview-no-link.svg"_s;
const auto kFailureIcon = u":/icons/notice.svg"_s;
constexpr int kBarIconSize = 18;
// Chromium's code for a navigation that was cancelled (by a newer one, by stop(), or by
// acceptNavigationRequest()): not a failure of the page.
constexpr int kNetErrorAborted = -3;

// A theme icon where the desktop has one, so the bar matches the rest of the desktop, else the
// console's own SVG.
QIcon themedIcon(const QString &themeName, const QString &resource)
{
    return QIcon::fromTheme(themeName, QIcon(resource));
}

QString originDisplay(const QUrl &link)
{
    return link.toDisplayString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

QString failureText(const QWebEngineLoadingInfo &info)
{
    const QString where = originDisplay(info.url());
    // An answer with an HTTP error status (a positive code).
    if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain || info.errorCode() > 0)
        return TokenView::tr("The service answered with HTTP status %1 for this link. Reload "
                             "to try again, or open it in your browser.")
            .arg(info.errorCode());
    switch (info.errorDomain()) {
    case QWebEngineLoadingInfo::ConnectionErrorDomain:
        return TokenView::tr("%1 could not be reached. Check the network connection, then "
                             "reload.")
            .arg(where);
    case QWebEngineLoadingInfo::DnsErrorDomain:
        return TokenView::tr("The address %1 could not be found. Check the network "
                             "connection, then reload.")
            .arg(where);
    case QWebEngineLoadingInfo::CertificateErrorDomain:
        return TokenView::tr("The certificate of %1 is not trusted, so the print page was not "
                             "shown.")
            .arg(where);
    default:
        break;
    }
    // Chromium's own description is an HTML fragment meant for its error page; the code is
    // what support can look up.
    return TokenView::tr("The print page could not be loaded (error %1). Reload to try again.")
        .arg(info.errorCode());
}

} // namespace

TokenView::TokenView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"tokenView"_s);
    // Created before the page and deleted after it (see the destructor).
    m_profile = TokenPage::createProfile(this);
    m_page = new TokenPage(m_profile, this);

    createActions();

    m_stack = new QStackedWidget(this);
    m_stack->setFixedSize(kPageSide, kPageSide);

    m_view = new QWebEngineView(m_page, m_stack);
    m_view->setObjectName(u"tokenWebView"_s);
    // The service designs the page for exactly this frame; it is neither scaled nor resized.
    m_view->setFixedSize(kPageSide, kPageSide);
    m_view->setAcceptDrops(false);
    m_view->setAccessibleName(tr("Print page"));
    m_view->setAccessibleDescription(
        tr("The page the customer prints this order from, as the service shows it"));
    // The widget's own actions replace Chromium's menu, whose entries (view source, save,
    // open in new window) lead out of the locked-down page.
    m_view->addActions({m_reloadAction, m_openAction, m_copyAction});
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_stack->addWidget(m_view);
    m_panel = new TokenStatePanel(m_reloadAction->icon(), m_stack);
    connect(m_panel, &TokenStatePanel::reloadRequested, this, &TokenView::reload);
    m_stack->addWidget(m_panel);

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createBar());
    layout->addWidget(line);
    // A frame in the platform's highlight colour round the page while the keyboard is in
    // it (a web page shows no focus of its own until one of its controls has it).
    auto *frame = new QFrame(this);
    frame->setObjectName(u"tokenPageFrame"_s);
    auto *frameLayout = new QVBoxLayout(frame);
    frameLayout->setContentsMargins(kFocusFrame, kFocusFrame, kFocusFrame, kFocusFrame);
    frameLayout->addWidget(m_stack);
    m_frame = frame;
    showFocusFrame(false);
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        showFocusFrame(now && (now == this || isAncestorOf(now)));
    });
    layout->addWidget(frame);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    connect(m_page, &QWebEnginePage::loadingChanged, this, &TokenView::onLoadingChanged);
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                onRenderProcessTerminated(int(status), exitCode);
            });
    connect(m_page, &TokenPage::blocked, this,
            [this](const QUrl &url, TokenPage::Block kind, const QString &reason) {
                Q_EMIT blocked(url, kind, reason);
                // A refused redirect ends the load without a failure of its own (Chromium
                // reports it as cancelled); without this the widget would say "Loading" for
                // ever.
                if (kind == TokenPage::Block::Redirect && m_state == State::Loading)
                    fail(reason);
            });
    connect(m_page, &TokenPage::openedExternally, this, &TokenView::openedExternally);

    showPanel(kNoLinkIcon, tr("No order selected"),
              tr("Select an order to see the page its customer prints from."), false);
    updateBar();
}

TokenView::~TokenView()
{
    // The page must go before its profile. Both are children of this widget, and children
    // are deleted in creation order, which would take the profile first.
    delete m_page;
    m_page = nullptr;
}

void TokenView::createActions()
{
    m_reloadAction = new QAction(themedIcon(u"view-refresh"_s, u":/icons/tokenview-reload.svg"_s),
                                 tr("&Reload Print Page"), this);
    m_reloadAction->setToolTip(tr("Load the print page again"));
    m_reloadAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_reloadAction, &QAction::triggered, this, &TokenView::reload);

    m_openAction =
        new QAction(themedIcon(u"internet-web-browser"_s, u":/icons/tokenview-open-browser.svg"_s),
                    tr("&Open in Browser"), this);
    m_openAction->setToolTip(tr("Open the token link in your web browser"));
    m_openAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openAction, &QAction::triggered, this, &TokenView::openInBrowser);

    m_copyAction = new QAction(themedIcon(u"edit-copy"_s, u":/icons/tokenview-copy-link.svg"_s),
                               tr("&Copy Link"), this);
    m_copyAction->setToolTip(tr("Copy the token link to the clipboard"));
    m_copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyAction, &QAction::triggered, this, &TokenView::copyLink);

    // The shortcuts work while the focus is in this widget (the page included), so they do
    // not collide with the main window's own (F5 refreshes the orders there).
    for (QAction *action : {m_reloadAction, m_openAction, m_copyAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
}

void TokenView::showFocusFrame(bool shown)
{
    m_frame->setStyleSheet(u"QFrame#tokenPageFrame { border: %1px solid %2; }"_s.arg(kFocusFrame)
                               .arg(shown ? u"palette(highlight)"_s : u"transparent"_s));
}

QWidget *TokenView::createBar()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(u"tokenViewBar"_s);

    m_address = new QLabel(bar);
    m_address->setObjectName(u"tokenViewAddress"_s);
    m_address->setTextFormat(Qt::PlainText);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_address->palette();
    QColor muted = palette.color(QPalette::WindowText);
    muted.setAlphaF(0.7);
    palette.setColor(QPalette::WindowText, muted);
    m_address->setPalette(palette);

    auto makeButton = [bar](QAction *action, const QString &accessibleName) {
        auto *button = new QToolButton(bar);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setIconSize(QSize(kBarIconSize, kBarIconSize));
        button->setAccessibleName(accessibleName);
        return button;
    };

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(8, 2, 2, 2);
    layout->setSpacing(2);
    layout->addWidget(m_address, 1);
    layout->addWidget(makeButton(m_reloadAction, tr("Reload print page")));
    m_openButton = makeButton(m_openAction, tr("Open token link in browser"));
    layout->addWidget(m_openButton);
    m_copyButton = makeButton(m_copyAction, tr("Copy token link"));
    layout->addWidget(m_copyButton);
    return bar;
}

QUrl TokenView::chooseLink(const QUrl &tokenLink, const QUrl &sslTokenLink, bool preferTls)
{
    if (preferTls && !sslTokenLink.isEmpty())
        return sslTokenLink;
    return tokenLink.isEmpty() ? sslTokenLink : tokenLink;
}

void TokenView::showOrder(const QUrl &tokenLink, const QUrl &sslTokenLink, bool preferTls)
{
    const QUrl link = chooseLink(tokenLink, sslTokenLink, preferTls);
    if (link.isEmpty()) {
        showMessage(tr("This order has no token link yet. It arrives when the design's upload "
                       "has finished."));
        return;
    }
    if (!TokenPage::isWebUrl(link)) {
        showMessage(tr("This order's token link is not a web address, so the console does not "
                       "open it."));
        return;
    }
    // Selecting the same order again must not restart a page the customer may be using.
    if (link == m_link && (m_state == State::Loading || m_state == State::Loaded))
        return;
    m_link = link;
    m_page->setAllowedOrigin(m_link);
    load();
}

void TokenView::showMessage(const QString &why)
{
    const bool hadPage = !m_link.isEmpty();
    m_link.clear();
    m_page->setAllowedOrigin({});
    // Park the page on about:blank: the previous order's page would otherwise keep running
    // (and polling its print status) behind the message.
    if (hadPage)
        m_page->load(QUrl(u"about:blank"_s));
    showPanel(kNoLinkIcon, tr("No print page to show"), why, false);
    updateBar();
    setState(State::Message);
}

void TokenView::reload()
{
    if (!m_link.isEmpty())
        load();
}

void TokenView::load()
{
    qCDebug(lcUi).noquote() << "token view: loading" << redactUrl(m_link);
    showPanel(kPageIcon, tr("Loading the print page…"), originDisplay(m_link), false);
    updateBar();
    setState(State::Loading);
    // Always the token link itself, not the page's current address: after a failure, or
    // after the page moved within its origin, Reload means "the order's page".
    m_page->load(m_link);
}

void TokenView::openInBrowser()
{
    if (m_link.isEmpty())
        return;
    if (m_page->openExternally(m_link)) {
        Q_EMIT openedExternally(m_link);
        return;
    }
    qCWarning(lcUi).noquote() << "token view: the system browser did not take" << redactUrl(m_link);
    QToolTip::showText(m_openButton->mapToGlobal(QPoint(0, m_openButton->height())),
                       tr("No web browser could be started for this link."), m_openButton);
}

void TokenView::copyLink()
{
    if (m_link.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(m_link.toString(QUrl::FullyEncoded));
    // A copy has no visible result of its own; a short confirmation by the button says it
    // happened.
    QToolTip::showText(m_copyButton->mapToGlobal(QPoint(0, m_copyButton->height())),
                       tr("Link copied"), m_copyButton);
}

void TokenView::setUrlOpener(UrlOpener opener)
{
    m_page->setUrlOpener(std::move(opener));
}

QString TokenView::panelTitle() const
{
    return m_stack->currentWidget() == m_panel ? m_panel->title() : QString();
}

QString TokenView::panelText() const
{
    return m_stack->currentWidget() == m_panel ? m_panel->text() : QString();
}

void TokenView::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void TokenView::showPanel(const QString &iconResource, const QString &title, const QString &text,
                          bool offerReload)
{
    m_panel->showState(iconResource, title, text, offerReload);
    m_stack->setCurrentWidget(m_panel);
}

void TokenView::updateBar()
{
    const bool hasLink = !m_link.isEmpty();
    m_reloadAction->setEnabled(hasLink);
    m_openAction->setEnabled(hasLink);
    m_copyAction->setEnabled(hasLink);
    const QString address = hasLink ? originDisplay(m_link) : tr("No token link");
    const int room = kPageSide - 3 * (kBarIconSize + 12) - 16;
    m_address->setText(m_address->fontMetrics().elidedText(address, Qt::ElideMiddle, room));
    m_address->setToolTip(hasLink ? tr("Token link: %1").arg(m_link.toDisplayString()) : QString());
}

void TokenView::onLoadingChanged(const QWebEngineLoadingInfo &info)
{
    // Only loads within the token link's origin concern the widget: the about:blank parking
    // page and refused navigations (which end as failed loads of their own address) do not.
    if (m_link.isEmpty() || !TokenPage::isSameOrigin(info.url(), m_link))
        return;
    switch (info.status()) {
    case QWebEngineLoadingInfo::LoadStartedStatus:
    case QWebEngineLoadingInfo::LoadStoppedStatus:
        return;
    case QWebEngineLoadingInfo::LoadSucceededStatus:
        m_stack->setCurrentWidget(m_view);
        setState(State::Loaded);
        Q_EMIT loadFinished(true);
        return;
    case QWebEngineLoadingInfo::LoadFailedStatus:
        if (info.errorCode() == kNetErrorAborted)
            return;
        qCInfo(lcUi).noquote() << "token view: loading" << redactUrl(info.url())
                               << "failed with error" << info.errorCode() << "in domain"
                               << info.errorDomain();
        fail(failureText(info));
        return;
    }
}

void TokenView::onRenderProcessTerminated(int status, int exitCode)
{
    if (status == QWebEnginePage::NormalTerminationStatus || m_link.isEmpty())
        return;
    qCWarning(lcUi) << "token view: the page's renderer ended, status" << status << "exit code"
                    << exitCode;
    fail(tr("The print page stopped unexpectedly. Reload to start it again."));
}

void TokenView::fail(const QString &text)
{
    showPanel(kFailureIcon, tr("The print page could not be shown"), text, true);
    setState(State::Failed);
    Q_EMIT loadFinished(false);
}

} // namespace pc
