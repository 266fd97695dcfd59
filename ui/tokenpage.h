#pragma once

#include <QUrl>
#include <QWebEnginePage>

#include <functional>

class QWebEngineCertificateError;
class QWebEngineDownloadRequest;
class QWebEngineProfile;
class QWebEngineSettings;

namespace pc {

// The web page behind the token widget. It shows a page of the Design Streaming service (or
// the sandbox) that the console does not control, so it is locked down (RELIABILITY.md, "The
// token widget"):
//  - main-frame navigation only within the origin (scheme, host, port) of the token link;
//    other hosts, file:, data:, custom schemes are refused;
//  - window.open / target=_blank never open a window in the console: http(s) addresses go to
//    the system browser, anything else is refused;
//  - downloads, certificate errors, permission requests (camera, location, notifications...),
//    HTTP credential prompts and protocol-handler registrations are refused;
//  - no web channel, no local file access, no plugins, no screen capture (see lockDown()).
// Every refusal is reported through blocked().
class TokenPage final : public QWebEnginePage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPage)

public:
    // What was refused.
    enum class Block {
        Navigation,  // a frame tried to go where the token page may not go
        Redirect,    // the server sent the page's own load to another origin
        NewWindow,   // window.open / target=_blank to something other than http(s)
        Download,    // the page offered a file
        Certificate, // the server's TLS certificate is not trusted
        Permission,  // camera, microphone, location, notifications, screen, mouse lock
        Credentials, // the server asked for a user name and password
    };
    Q_ENUM(Block)

    // Hands an address to something outside the console (the system browser by default);
    // true when that worked.
    using UrlOpener = std::function<bool(const QUrl &)>;

    // The profile must outlive the page: delete the page first (QWebEngineProfile warns and
    // leaves the renderer in a bad state otherwise).
    explicit TokenPage(QWebEngineProfile *profile, QObject *parent = nullptr);
    ~TokenPage() override;

    // An off-the-record profile (no storage name: cookies, cache and local storage stay in
    // memory and vanish with it) with lockDown() settings and spell checking off.
    static QWebEngineProfile *createProfile(QObject *parent);
    // The settings every token page runs with; pages inherit them from their profile.
    static void lockDown(QWebEngineSettings *settings);

    // True for an absolute http or https URL with a host.
    static bool isWebUrl(const QUrl &url);
    // Same scheme, host and port (default ports filled in); false unless both are web URLs.
    static bool isSameOrigin(const QUrl &a, const QUrl &b);

    // The token link whose origin main-frame navigation is limited to; an empty URL allows
    // nothing but about:blank.
    void setAllowedOrigin(const QUrl &link);
    QUrl allowedOrigin() const { return m_origin; }

    void setUrlOpener(UrlOpener opener);
    // Opens an http(s) address with the opener; false (and nothing opened) otherwise.
    bool openExternally(const QUrl &url);

Q_SIGNALS:
    void blocked(const QUrl &url, pc::TokenPage::Block kind, const QString &reason);
    // An address the page wanted in a new window went to the system browser.
    void openedExternally(const QUrl &url);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceId) override;

private:
    friend class NewWindowCatcher;

    void handleNewWindow(const QUrl &url);
    void refuse(const QUrl &url, Block kind, const QString &reason);
    void onCertificateError(const QWebEngineCertificateError &error);
    void onFeaturePermission(const QUrl &origin, Feature feature);
    void onDownload(QWebEngineDownloadRequest *download);
    void catcherDestroyed();

    QUrl m_origin;
    UrlOpener m_opener;
    int m_pendingWindows = 0;
};

} // namespace pc
