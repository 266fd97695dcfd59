#pragma once

#include "tokenpage.h"

#include <QUrl>
#include <QWidget>

class QAction;
class QFrame;
class QLabel;
class QStackedWidget;
class QToolButton;
class QWebEngineLoadingInfo;
class QWebEngineProfile;
class QWebEngineView;

namespace pc {

class TokenStatePanel;

// The token widget: an order's token link, the page the customer prints from, in a web view
// of exactly 400 x 400 px (the size the service designs that page for), under a slim bar with
// the link's address and the actions Reload, Open in browser and Copy link.
//
// An order without a usable link shows why (showMessage()) in the same 400 x 400 area, as do
// loading and a page that could not be loaded (with a Reload button). The page runs in a
// TokenPage: its own off-the-record profile, navigation kept to the link's origin, new windows
// to the system browser only for http(s), downloads, certificate errors and permission
// requests refused; every refusal is reported through blocked().
class TokenView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenView)

public:
    using Block = TokenPage::Block;
    using UrlOpener = TokenPage::UrlOpener;

    enum class State {
        Message, // no page: a message says why (also the initial state)
        Loading, // the token page is loading
        Loaded,  // the token page is shown
        Failed,  // the token page could not be loaded; Reload tries again
    };
    Q_ENUM(State)

    static constexpr int kPageSide = 400;
    static constexpr int kFocusFrame = 2; // px round the page

    explicit TokenView(QWidget *parent = nullptr);
    ~TokenView() override;

    // Shows an order's token page: the TLS link when preferTls is set (the environment's
    // service URL is https) and the order has one, otherwise the plain link. An order without
    // a usable web link shows why instead.
    void showOrder(const QUrl &tokenLink, const QUrl &sslTokenLink, bool preferTls);
    // Shows why there is no page (for an order whose upload has not finished, say), in the
    // 400 x 400 area. The previous page is unloaded.
    void showMessage(const QString &why);

    // The link showOrder() chose: preferTls and a non-empty TLS link give the TLS link.
    static QUrl chooseLink(const QUrl &tokenLink, const QUrl &sslTokenLink, bool preferTls);

    // The link being shown; empty while a message is shown.
    QUrl currentLink() const { return m_link; }
    State state() const { return m_state; }
    // The headline and detail text of the message / loading / failure panel.
    QString panelTitle() const;
    QString panelText() const;

    // Loads the token link again (also after a failure or after the page moved within its
    // origin).
    void reload();
    // Hands the link to the system browser (the opener).
    void openInBrowser();
    // Puts the link on the clipboard.
    void copyLink();

    // Where "Open in browser" and the page's new windows go; QDesktopServices::openUrl by
    // default. Tests record instead of starting a browser.
    void setUrlOpener(UrlOpener opener);

    QAction *reloadAction() const { return m_reloadAction; }
    QAction *openInBrowserAction() const { return m_openAction; }
    QAction *copyLinkAction() const { return m_copyAction; }
    QWebEngineView *webView() const { return m_view; }
    TokenPage *page() const { return m_page; }

Q_SIGNALS:
    // The token page finished loading (ok) or could not be loaded (the failure panel shows).
    // Navigations the page was refused do not count.
    void loadFinished(bool ok);
    void blocked(const QUrl &url, pc::TokenPage::Block kind, const QString &reason);
    // "Open in browser" or a new window of the page went to the system browser.
    void openedExternally(const QUrl &url);
    void stateChanged(pc::TokenView::State state);

private:
    QWidget *createBar();
    void createActions();
    void load();
    void setState(State state);
    void showPanel(const QString &iconResource, const QString &title, const QString &text,
                   bool offerReload);
    void updateBar();
    void showFocusFrame(bool shown);
    void onLoadingChanged(const QWebEngineLoadingInfo &info);
    void onRenderProcessTerminated(int status, int exitCode);
    void fail(const QString &text);

    QWebEngineProfile *m_profile = nullptr;
    TokenPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
    QStackedWidget *m_stack = nullptr;
    QFrame *m_frame = nullptr; // round the page: shows when the keyboard is in it
    TokenStatePanel *m_panel = nullptr;
    QLabel *m_address = nullptr;
    QToolButton *m_openButton = nullptr;
    QToolButton *m_copyButton = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_copyAction = nullptr;
    QUrl m_link;
    State m_state = State::Message;
};

} // namespace pc
