#include "tokenpage.h"

#include "uilogging.h"

#include "common/redaction.h"
#include "common/translations.h"

#include <QAuthenticator>
#include <QDesktopServices>
#include <QTimer>
#include <QWebEngineCertificateError>
#include <QWebEngineClientCertificateSelection>
#include <QWebEngineDownloadRequest>
#include <QWebEngineFileSystemAccessRequest>
#include <QWebEngineFullScreenRequest>
#include <QWebEngineProfile>
#include <QWebEngineRegisterProtocolHandlerRequest>
#include <QWebEngineSettings>

#include <chrono>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace pc {

namespace {

// A page that asks for windows faster than they resolve is not asking for anything useful;
// this caps the helper pages alive at once.
constexpr int kMaxPendingWindows = 4;
// window.open() without an address (or with one that never navigates) leaves a helper page
// waiting for a navigation that may never come; it goes away after this long.
constexpr auto kCatcherLifetime = 10s;

int defaultPort(const QUrl &url)
{
    return url.scheme() == u"https" ? 443 : 80;
}

// scheme://host:port, as people read an origin.
QString originText(const QUrl &url)
{
    if (!TokenPage::isWebUrl(url))
        return url.scheme() + u':';
    return u"%1://%2:%3"_s.arg(url.scheme(), url.host()).arg(url.port(defaultPort(url)));
}

bool isBlankPage(const QUrl &url)
{
    return url.scheme() == u"about" && url.path() == u"blank";
}

// about:blank and about:srcdoc, the documents of frames made by the page itself.
bool isInlineFrame(const QUrl &url)
{
    return isBlankPage(url) || (url.scheme() == u"about" && url.path() == u"srcdoc");
}

// The language the console's translation is in ("de, en;q=0.5"), chosen from the same UI
// languages the translation was loaded for; English when there is none for them.
QString acceptLanguageOfTheConsole()
{
    const QStringList available = availableTranslations();
    for (const QString &uiLanguage : QLocale().uiLanguages()) {
        const QString language = uiLanguage.section(u'-', 0, 0).toLower();
        if (language == u"en")
            break;
        if (available.contains(language))
            return language + u", en;q=0.5"_s;
    }
    return u"en"_s;
}

} // namespace

// What createWindow() hands to Chromium instead of a real window: a page that is never shown,
// waits for the new window's first navigation, passes its address to the opener's rules
// (system browser or refusal) and deletes itself. It shares the opener's profile (Chromium
// requires that) and is its child, so it is always destroyed before the profile.
class NewWindowCatcher final : public QWebEnginePage
{
    Q_DISABLE_COPY_MOVE(NewWindowCatcher)

public:
    explicit NewWindowCatcher(TokenPage *opener)
        : QWebEnginePage(opener->profile(), opener)
        , m_opener(opener)
    {
        QTimer::singleShot(kCatcherLifetime, this, &QObject::deleteLater);
    }

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType, bool isMainFrame) override
    {
        qCDebug(lcUi).noquote() << "token page: new window navigates to" << redactUrl(url)
                                << (isMainFrame ? "(main frame)" : "(frame)");
        if (m_done || !isMainFrame)
            return false;
        m_done = true;
        m_opener->handleNewWindow(url);
        // Deleting a page inside one of its own callbacks would pull Chromium's objects from
        // under the running navigation.
        deleteLater();
        return false;
    }

    QWebEnginePage *createWindow(WebWindowType) override { return nullptr; }

private:
    TokenPage *m_opener;
    bool m_done = false;
};

TokenPage::TokenPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    connect(this, &QWebEnginePage::certificateError, this, &TokenPage::onCertificateError);
    connect(this, &QWebEnginePage::featurePermissionRequested, this,
            &TokenPage::onFeaturePermission);
    connect(profile, &QWebEngineProfile::downloadRequested, this, &TokenPage::onDownload);
    connect(this, &QWebEnginePage::fullScreenRequested, this,
            [](QWebEngineFullScreenRequest request) { request.reject(); });
    connect(this, &QWebEnginePage::registerProtocolHandlerRequested, this,
            [](QWebEngineRegisterProtocolHandlerRequest request) { request.reject(); });
    connect(this, &QWebEnginePage::fileSystemAccessRequested, this,
            [](QWebEngineFileSystemAccessRequest request) { request.reject(); });
    connect(this, &QWebEnginePage::selectClientCertificate, this,
            [](QWebEngineClientCertificateSelection selection) { selection.selectNone(); });
    connect(this, &QWebEnginePage::authenticationRequired, this,
            [this](const QUrl &url, QAuthenticator *authenticator) {
                // A null authenticator cancels the request: a print page never needs the
                // staff's credentials, and a prompt inside it would invite phishing.
                *authenticator = QAuthenticator();
                refuse(url, Block::Credentials,
                       tr("%1 asked for a user name and password. The print page never needs "
                          "them, so the console declined.")
                           .arg(originText(url)));
            });
}

TokenPage::~TokenPage() = default;

QWebEngineProfile *TokenPage::createProfile(QObject *parent)
{
    // No storage name: an off-the-record profile. Nothing the service's page stores (cookies,
    // cache, local storage) reaches the disk or outlives the widget.
    auto *profile = new QWebEngineProfile(parent);
    profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    profile->setSpellCheckEnabled(false);
    // The page in the console's language: the sandbox and the service serve the language the
    // browser asks for, English after it.
    profile->setHttpAcceptLanguage(acceptLanguageOfTheConsole());
    lockDown(profile->settings());
    return profile;
}

void TokenPage::lockDown(QWebEngineSettings *settings)
{
    using S = QWebEngineSettings;
    // JavaScript stays on: the page's Print button and its progress display need it.
    const std::pair<S::WebAttribute, bool> attributes[] = {
        {S::LocalContentCanAccessFileUrls, false},
        {S::LocalContentCanAccessRemoteUrls, false},
        // Popups only from a click: a page cannot push addresses at the browser on its own.
        {S::JavascriptCanOpenWindows, false},
        {S::JavascriptCanAccessClipboard, false},
        {S::JavascriptCanPaste, false},
        {S::AllowWindowActivationFromJavaScript, false},
        {S::PluginsEnabled, false},
        {S::PdfViewerEnabled, false},
        {S::ScreenCaptureEnabled, false},
        {S::FullScreenSupportEnabled, false},
        {S::AllowRunningInsecureContent, false},
        {S::AllowGeolocationOnInsecureOrigins, false},
        {S::WebRTCPublicInterfacesOnly, true},
        {S::HyperlinkAuditingEnabled, false},
        {S::DnsPrefetchEnabled, false},
        {S::PlaybackRequiresUserGesture, true},
        // A file dropped on the dock must not turn into a file: navigation.
        {S::NavigateOnDropEnabled, false},
        // Loading an order's page must not take the keyboard away from the orders table.
        {S::FocusOnNavigationEnabled, false},
        // The widget shows its own failure panel with a Reload button instead of Chromium's
        // error page, which does not fit 400 x 400.
        {S::ErrorPageEnabled, false},
    };
    for (const auto &[attribute, on] : attributes)
        settings->setAttribute(attribute, on);
    // Addresses with schemes Chromium does not know (myapp:, mailto:...) are handed over to the
    // desktop only when acceptNavigationRequest() accepts them, which it never does. Letting
    // them through that far, instead of disallowing them here, is what makes each attempt
    // visible: disallowed ones fail silently, refused ones are reported through blocked().
    settings->setUnknownUrlSchemePolicy(S::AllowAllUnknownUrlSchemes);
}

bool TokenPage::isWebUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == u"http" || url.scheme() == u"https");
}

bool TokenPage::isSameOrigin(const QUrl &a, const QUrl &b)
{
    return isWebUrl(a) && isWebUrl(b) && a.scheme() == b.scheme() &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultPort(a)) == b.port(defaultPort(b));
}

void TokenPage::setAllowedOrigin(const QUrl &link)
{
    m_origin = isWebUrl(link) ? link.adjusted(QUrl::RemovePath | QUrl::RemoveQuery |
                                              QUrl::RemoveFragment | QUrl::RemoveUserInfo)
                              : QUrl();
}

void TokenPage::setUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

bool TokenPage::openExternally(const QUrl &url)
{
    if (!isWebUrl(url) || !m_opener)
        return false;
    qCInfo(lcUi).noquote() << "token page: opening in the system browser:" << redactUrl(url);
    return m_opener(url);
}

bool TokenPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (isMainFrame) {
        // about:blank is where the widget parks the page when it shows a message instead.
        if (isSameOrigin(url, m_origin) || isBlankPage(url))
            return true;
        QString reason;
        Block kind = Block::Navigation;
        if (type == NavigationTypeRedirect) {
            // The service itself sent the token link elsewhere; the widget shows that the page
            // could not be shown rather than waiting for it.
            kind = Block::Redirect;
            reason = tr("The service sent the print page from %1 on to %2. The console stopped "
                        "it there.")
                         .arg(originText(m_origin), originText(url));
        } else if (url.isLocalFile()) {
            reason = tr("The print page tried to open a file on this computer (%1). The "
                        "console stopped it.")
                         .arg(url.toDisplayString(QUrl::PreferLocalFile));
        } else if (isWebUrl(url) && isWebUrl(m_origin)) {
            reason = tr("The print page tried to leave %1 for %2. The console stopped it.")
                         .arg(originText(m_origin), originText(url));
        } else {
            reason = tr("The print page tried to open a \"%1\" address. The console stopped it.")
                         .arg(url.scheme());
        }
        qCDebug(lcUi) << "token page: navigation of type" << type << "refused";
        refuse(url, kind, reason);
        return false;
    }
    // Frames inside the page may come from other web servers (a viewer, a payment form), but
    // never from files or other schemes.
    if (isWebUrl(url) || isInlineFrame(url))
        return true;
    refuse(url, Block::Navigation,
           tr("A frame of the print page tried to open a \"%1\" address. The console stopped it.")
               .arg(url.scheme()));
    return false;
}

QWebEnginePage *TokenPage::createWindow(WebWindowType type)
{
    if (m_pendingWindows >= kMaxPendingWindows) {
        qCInfo(lcUi) << "token page: too many new windows at once; refusing one of type" << type;
        return nullptr;
    }
    qCDebug(lcUi) << "token page: new window of type" << type << "requested";
    auto *catcher = new NewWindowCatcher(this);
    ++m_pendingWindows;
    connect(catcher, &QObject::destroyed, this, &TokenPage::catcherDestroyed);
    return catcher;
}

void TokenPage::catcherDestroyed()
{
    --m_pendingWindows;
}

void TokenPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                         const QString &message, int lineNumber,
                                         const QString &sourceId)
{
    // The service's page talks to its own developers; its console is no warning of the
    // console application's, so it only shows in debug logs.
    qCDebug(lcUi).noquote().nospace()
        << "token page console [" << int(level) << "] " << message << " ("
        << redactUrl(QUrl(sourceId)) << ':' << lineNumber << ')';
}

void TokenPage::handleNewWindow(const QUrl &url)
{
    if (isWebUrl(url)) {
        if (openExternally(url))
            Q_EMIT openedExternally(url);
        else
            qCWarning(lcUi).noquote()
                << "token page: the system browser did not take" << redactUrl(url);
        return;
    }
    refuse(url, Block::NewWindow,
           tr("The print page tried to open a \"%1\" address in a new window. The console only "
              "opens web addresses, in your browser.")
               .arg(url.scheme()));
}

void TokenPage::refuse(const QUrl &url, Block kind, const QString &reason)
{
    qCInfo(lcUi).noquote() << "token page: refused" << kind << redactUrl(url);
    Q_EMIT blocked(url, kind, reason);
}

void TokenPage::onCertificateError(const QWebEngineCertificateError &error)
{
    // Never accepted, not even on request: a token page over a bad certificate may not be the
    // service's at all. The copy shares the error's controller, so rejecting it rejects the
    // original.
    QWebEngineCertificateError decision = error;
    decision.rejectCertificate();
    refuse(error.url(), Block::Certificate,
           tr("The certificate of %1 is not trusted (%2), so the print page was not shown.")
               .arg(originText(error.url()), error.description()));
}

void TokenPage::onFeaturePermission(const QUrl &origin, Feature feature)
{
    setFeaturePermission(origin, feature, PermissionDeniedByUser);
    QString what;
    switch (feature) {
    case Notifications:
        what = tr("notifications");
        break;
    case Geolocation:
        what = tr("your location");
        break;
    case MediaAudioCapture:
        what = tr("the microphone");
        break;
    case MediaVideoCapture:
        what = tr("the camera");
        break;
    case MediaAudioVideoCapture:
        what = tr("the camera and microphone");
        break;
    case MouseLock:
        what = tr("the mouse pointer");
        break;
    case DesktopVideoCapture:
    case DesktopAudioVideoCapture:
        what = tr("your screen");
        break;
    }
    refuse(origin, Block::Permission,
           tr("The print page asked for access to %1. The console does not allow it.").arg(what));
}

void TokenPage::onDownload(QWebEngineDownloadRequest *download)
{
    // The profile is this widget's own, but helper pages share it: every download is
    // cancelled, and reported by the page it came from.
    download->cancel();
    if (download->page() != nullptr && download->page() != this)
        return;
    QString name = download->suggestedFileName();
    if (name.isEmpty())
        name = download->url().fileName();
    refuse(download->url(), Block::Download,
           tr("The print page offered a file (%1) to download. The console does not save files "
              "from it.")
               .arg(name));
}

} // namespace pc
