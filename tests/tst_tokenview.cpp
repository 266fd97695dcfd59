// The token widget (ui/tokenview, ui/tokenpage) on a real X display with Qt WebEngine: the
// sandbox's token page at exactly 400 x 400, its own Print button, and the lock-down of
// RELIABILITY.md ("The token widget"): navigation kept to the link's origin, new windows only
// to the system browser and only for http(s), downloads and certificate errors refused, plus
// permission requests, the message and failure panels, the actions and the TLS preference.

#include "tokenview.h"

#include "api/apiclient.h"
#include "api/apijob.h"
#include "sandbox/sandboxserver.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace pc;

namespace {

constexpr int kWait = 30'000;
const QString kDesign = QStringLiteral(PC_TEST_DATA_DIR "/stl/microstl__box_freecad_binary.stl");

// A self-signed certificate for 127.0.0.1 made for this test only (openssl req -x509, P-256,
// 100 years). It is trusted by nothing, which is the point: the widget must refuse it. The
// key protects nothing.
constexpr char kUntrustedCertificate[] = R"(-----BEGIN CERTIFICATE-----
MIICGjCCAcCgAwIBAgIUYMEP29vmv30qoOEvD0WGmr2omWIwCgYIKoZIzj0EAwIw
WTESMBAGA1UEAwwJMTI3LjAuMC4xMUMwQQYDVQQKDDpQYXJ0bmVyIGNvbnNvbGUg
dHN0X3Rva2VudmlldyAodW50cnVzdGVkIHRlc3QgY2VydGlmaWNhdGUpMCAXDTI2
MTEyOTA1MDU1OVoYDzIxMjYxMTA1MDUwNTU5WjBZMRIwEAYDVQQDDAkxMjcuMC4w
LjExQzBBBgNVBAoMOlBhcnRuZXIgY29uc29sZSB0c3RfdG9rZW52aWV3ICh1bnRy
dXN0ZWQgdGVzdCBjZXJ0aWZpY2F0ZSkwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
AATe6eqNvkoIuTB4REBR/X4+6X38elVspD/P7CcvOd7a8pEStedcb8NA0JztQPCb
F8NRqY1N16p3t+kUOg+QmJgHo2QwYjAdBgNVHQ4EFgQUTpnw6vDfJka759KdaQuC
dRovz0EwHwYDVR0jBBgwFoAUTpnw6vDfJka759KdaQuCdRovz0EwDwYDVR0TAQH/
BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUCIQCApI8o
EQ30zthIh2WX5jdJRlWdWlz3V7dQeTwinkbZfwIgGq0CE/o6aYvcSCkMt6blesb0
6eqOgEUAauxh/H60qaI=
-----END CERTIFICATE-----
)";
constexpr char kUntrustedKey[] = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgs+hGUmzKdSXCeBbT
1coEQV8VWLU8SBpXBjArlgq+plehRANCAATe6eqNvkoIuTB4REBR/X4+6X38elVs
pD/P7CcvOd7a8pEStedcb8NA0JztQPCbF8NRqY1N16p3t+kUOg+QmJgH
-----END PRIVATE KEY-----
)";

// A bare HTTP server for what the sandbox cannot play: another origin that must never be
// asked for anything, and a service that comes back after being unreachable.
class TinyHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TinyHttpServer)

public:
    TinyHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &TinyHttpServer::accept);
    }

    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    void close() { m_server.close(); }
    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    QUrl url(const QString &pathAndQuery = u"/"_s) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port()).arg(pathAndQuery));
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_connections;
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->peek(64 * 1024).contains("\r\n\r\n"))
                    return;
                const QList<QByteArray> requestLine = socket->readLine().split(' ');
                socket->readAll();
                const QByteArray path = requestLine.value(1);
                socket->write(answer(path));
                socket->disconnectFromHost();
            });
        }
    }

    // /moved redirects within this origin, /away to another one, /download answers with a
    // file to save; the rest is a small page.
    static QByteArray answer(const QByteArray &path)
    {
        if (path.startsWith("/download")) {
            const QByteArray body = "solid leaked\nendsolid leaked\n";
            return "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                   "Content-Disposition: attachment; filename=\"leaked-design.stl\"\r\n"
                   "Connection: close\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
        if (path.startsWith("/moved"))
            return "HTTP/1.1 302 Found\r\nLocation: /\r\nContent-Length: 0\r\n"
                   "Connection: close\r\n\r\n";
        if (path.startsWith("/away"))
            return "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.2:1/elsewhere\r\n"
                   "Content-Length: 0\r\nConnection: close\r\n\r\n";
        const QByteArray body = "<!DOCTYPE html><html><head><title>Back</title></head>"
                                "<body><p id=\"back\">The service is back.</p></body></html>";
        return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
               "Connection: close\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    QTcpServer m_server;
    int m_connections = 0;
};

// A port on loopback that nothing listens on (a listener is opened and closed at once).
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// Windows the user can see: a page's new window must not make one. (Tooltips of the page come
// and go as the pointer moves; they are not windows.)
int visibleWindowCount()
{
    int count = 0;
    for (const QWidget *widget : QApplication::topLevelWidgets())
        count += widget->isVisible() && widget->windowType() != Qt::ToolTip ? 1 : 0;
    return count;
}

// Every top-level widget, hidden ones included: Chromium's new web contents gets a hidden
// render widget for a moment, which must go away with the helper page.
int topLevelCount()
{
    int count = 0;
    for (const QWidget *widget : QApplication::topLevelWidgets())
        count += widget->windowType() != Qt::ToolTip ? 1 : 0;
    return count;
}

int webViewCount()
{
    int count = 0;
    for (QWidget *widget : QApplication::allWidgets())
        count += qobject_cast<QWebEngineView *>(widget) ? 1 : 0;
    return count;
}

} // namespace

class TestTokenView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void startsWithMessageAndDisabledActions();
    void chooseLinkFollowsTlsPreference();
    void actionsHaveNamesTooltipsAndIcons();
    void profileIsOffTheRecordAndLockedDown();
    void loadsTokenPageAt400x400();
    void printButtonStartsThePrint();
    void sameOrderIsNotReloaded();
    void otherHostIsBlocked();
    void otherPortIsBlocked();
    void fileNavigationIsBlocked();
    void customSchemeNavigationIsBlocked();
    void windowOpenHttpGoesToSystemBrowser();
    void targetBlankLinkGoesToSystemBrowser();
    void windowOpenCustomSchemeIsBlocked();
    void otherOriginByLinkOrFormIsBlocked_data();
    void otherOriginByLinkOrFormIsBlocked();
    void targetBlankToOtherSchemeIsBlocked_data();
    void targetBlankToOtherSchemeIsBlocked();
    void downloadIsRefused();
    void attachmentFromTheServiceIsRefused();
    void permissionRequestIsDenied();
    void tlsLinkWithUntrustedCertificateIsRefused();
    void showMessageUnloadsThePage();
    void linkThatIsNotAWebAddressIsNotOpened();
    void unreachableServiceFailsAndReloadRecovers();
    void httpErrorShowsFailure();
    void redirectWithinOriginIsFollowed();
    void redirectToOtherOriginIsRefused();
    void copyLinkAndOpenInBrowser();
    void destroyedWhileLoadingReleasesPageBeforeProfile();

private:
    struct Design
    {
        QString token;
        QUrl link;
        QUrl sslLink;
    };
    // A fresh token with a design uploaded for it, so its token page has something to print.
    Design shareDesign();
    bool showAndWait(const QUrl &link);
    QVariant evaluate(const QString &script);
    // A full-page element (id test-target) in the page and a real click on it: a user
    // gesture, which the page needs to open a window at all. clickTarget() is true once the
    // page saw the click.
    void addClickTarget(const QString &element, const QString &setup, const QString &onFirstClick);
    bool clickTarget();

    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<ApiClient> m_api;
    Design m_design;
    std::unique_ptr<TokenView> m_view;
    QList<QUrl> m_opened; // what reached the "system browser"
};

void TestTokenView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"),
             "tst_tokenview needs an X display (run it through CTest or with-display.sh)");

    SandboxConfig config;
    config.apiKey = u"sandbox-test-key-0123456789"_s;
    config.speed = 600;
    m_sandbox = std::make_unique<SandboxServer>(config);
    QVERIFY2(m_sandbox->listen(0), qPrintable(m_sandbox->errorString()));
    m_network = std::make_unique<QNetworkAccessManager>();
    ServiceEndpoint endpoint;
    endpoint.baseUrl = m_sandbox->apiBaseUrl();
    endpoint.apiKey = m_sandbox->apiKey();
    m_api = std::make_unique<ApiClient>(m_network.get(), endpoint);

    m_design = shareDesign();
    QVERIFY(!m_design.token.isEmpty());
    QCOMPARE(m_design.link.host(), u"127.0.0.1"_s);
    QCOMPARE(QUrlQuery(m_design.link).queryItemValue(u"token"_s), m_design.token);
}

void TestTokenView::cleanupTestCase()
{
    m_api.reset();
    m_network.reset();
    m_sandbox.reset();
}

void TestTokenView::init()
{
    // QWebEngineProfile's complaint when a page outlives it (TokenView must delete its page
    // first).
    QTest::failOnWarning(QRegularExpression(u"WebEnginePage still not deleted"_s));
    m_opened.clear();
    m_view = std::make_unique<TokenView>();
    m_view->setUrlOpener([this](const QUrl &url) {
        m_opened.append(url);
        return true;
    });
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestTokenView::cleanup()
{
    m_view.reset();
}

TestTokenView::Design TestTokenView::shareDesign()
{
    CreateTokenJob *tokenJob = m_api->createToken();
    QSignalSpy tokenDone(tokenJob, &CreateTokenJob::finished);
    if (!tokenDone.wait(kWait))
        return {};
    const auto token = tokenDone.first().first().value<TokenResult>();
    if (!token.isOk())
        return {};

    UploadRequest request;
    request.token = token.token;
    request.filePath = kDesign;
    request.fileName = u"Calibration box.stl"_s;
    request.receiverEmail = u"customer@example.com"_s;
    request.printValue = *Decimal::fromString(u"12.50");
    request.currency = u"EUR"_s;
    UploadJob *uploadJob = m_api->upload(request);
    QSignalSpy uploadDone(uploadJob, &UploadJob::finished);
    if (!uploadDone.wait(kWait))
        return {};
    const auto upload = uploadDone.first().first().value<UploadResult>();
    if (!upload.isOk())
        return {};
    return {token.token, upload.links.tokenLink, upload.links.sslTokenLink};
}

bool TestTokenView::showAndWait(const QUrl &link)
{
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    m_view->showOrder(link, link, false);
    return finished.wait(kWait) && finished.size() == 1 && finished.first().first().toBool();
}

QVariant TestTokenView::evaluate(const QString &script)
{
    auto result = std::make_shared<std::optional<QVariant>>();
    m_view->page()->runJavaScript(script, [result](const QVariant &value) { *result = value; });
    if (!QTest::qWaitFor([&result] { return result->has_value(); }, kWait))
        return {};
    return **result;
}

void TestTokenView::addClickTarget(const QString &element, const QString &setup,
                                   const QString &onFirstClick)
{
    // A full-page element whose first click (a real one, a user gesture) runs onFirstClick
    // and marks it; later clicks do nothing, not even the element's default action.
    const QString install =
        u"(function () {"
        "  var target = document.createElement('%1');"
        "  target.id = 'test-target';"
        "  target.style.cssText = 'position:fixed;left:0;top:0;width:400px;height:400px;"
        "display:block;z-index:99999;background:rgba(0,0,0,0.01)';"
        "  %2;"
        "  target.addEventListener('click', function (event) {"
        "    if (target.dataset.clicked) { event.preventDefault(); return; }"
        "    target.dataset.clicked = '1';"
        "    %3;"
        "  });"
        "  document.body.appendChild(target);"
        "  return true;"
        "})()"_s.arg(element, setup, onFirstClick);
    QCOMPARE(evaluate(install), QVariant(true));
}

bool TestTokenView::clickTarget()
{
    QWidget *input = m_view->webView()->focusProxy();
    if (!input)
        return false;
    // Chromium drops input that arrives before the page's first frame is on screen, which
    // can be a moment after loadFinished: click until the page has seen one.
    for (int attempt = 0; attempt < 20; ++attempt) {
        QTest::mouseClick(input, Qt::LeftButton, {}, QPoint(200, 200));
        const bool seen = QTest::qWaitFor(
            [this] {
                return evaluate(u"document.getElementById('test-target').dataset.clicked"_s)
                           .toString() == u"1"_s;
            },
            500);
        if (seen)
            return true;
    }
    return false;
}

void TestTokenView::startsWithMessageAndDisabledActions()
{
    QCOMPARE(m_view->state(), TokenView::State::Message);
    QVERIFY(m_view->currentLink().isEmpty());
    QVERIFY(!m_view->panelTitle().isEmpty());
    QVERIFY(!m_view->reloadAction()->isEnabled());
    QVERIFY(!m_view->openInBrowserAction()->isEnabled());
    QVERIFY(!m_view->copyLinkAction()->isEnabled());
    QCOMPARE(m_view->webView()->size(), QSize(400, 400));
}

void TestTokenView::chooseLinkFollowsTlsPreference()
{
    const QUrl plain(u"http://widget.example:3000/?token=abc"_s);
    const QUrl tls(u"https://widget.example:3443/?token=abc"_s);
    QCOMPARE(TokenView::chooseLink(plain, tls, true), tls);
    QCOMPARE(TokenView::chooseLink(plain, tls, false), plain);
    QCOMPARE(TokenView::chooseLink(plain, QUrl(), true), plain);
    QCOMPARE(TokenView::chooseLink(QUrl(), tls, false), tls);
    QVERIFY(TokenView::chooseLink(QUrl(), QUrl(), true).isEmpty());

    QVERIFY(
        TokenPage::isSameOrigin(QUrl(u"http://A.example/x"_s), QUrl(u"http://a.example:80/y"_s)));
    QVERIFY(
        TokenPage::isSameOrigin(QUrl(u"https://a.example/"_s), QUrl(u"https://a.example:443"_s)));
    QVERIFY(!TokenPage::isSameOrigin(QUrl(u"http://a.example/"_s), QUrl(u"https://a.example/"_s)));
    QVERIFY(
        !TokenPage::isSameOrigin(QUrl(u"http://a.example/"_s), QUrl(u"http://a.example:81/"_s)));
    QVERIFY(!TokenPage::isSameOrigin(QUrl(u"file:///etc/passwd"_s), QUrl(u"file:///etc/passwd"_s)));
}

void TestTokenView::actionsHaveNamesTooltipsAndIcons()
{
    for (QAction *action :
         {m_view->reloadAction(), m_view->openInBrowserAction(), m_view->copyLinkAction()}) {
        QVERIFY(!action->text().isEmpty());
        QVERIFY(!action->toolTip().isEmpty());
        QVERIFY(!action->icon().isNull());
        QVERIFY(!action->shortcut().isEmpty());
    }
    const QList<QToolButton *> buttons = m_view->findChildren<QToolButton *>();
    QCOMPARE(buttons.size(), 3);
    for (const QToolButton *button : buttons) {
        QVERIFY(!button->accessibleName().isEmpty());
        QVERIFY(!button->toolTip().isEmpty());
        QVERIFY(button->isVisible());
    }
    QVERIFY(!m_view->webView()->accessibleName().isEmpty());
    // The page's context menu offers the widget's own actions, not Chromium's.
    QCOMPARE(m_view->webView()->contextMenuPolicy(), Qt::ActionsContextMenu);
    QCOMPARE(m_view->webView()->actions().size(), 3);
}

void TestTokenView::profileIsOffTheRecordAndLockedDown()
{
    QWebEngineProfile *profile = m_view->page()->profile();
    QVERIFY(profile != QWebEngineProfile::defaultProfile());
    QVERIFY(profile->isOffTheRecord());
    QVERIFY(profile->storageName().isEmpty());
    QCOMPARE(profile->persistentCookiesPolicy(), QWebEngineProfile::NoPersistentCookies);
    QCOMPARE(profile->httpCacheType(), QWebEngineProfile::MemoryHttpCache);

    const QWebEngineSettings *settings = m_view->page()->settings();
    using S = QWebEngineSettings;
    QVERIFY(settings->testAttribute(S::JavascriptEnabled));
    for (S::WebAttribute off :
         {S::LocalContentCanAccessFileUrls, S::LocalContentCanAccessRemoteUrls,
          S::JavascriptCanOpenWindows, S::JavascriptCanAccessClipboard, S::PluginsEnabled,
          S::ScreenCaptureEnabled, S::FullScreenSupportEnabled, S::AllowRunningInsecureContent,
          S::NavigateOnDropEnabled, S::PdfViewerEnabled})
        QVERIFY2(!settings->testAttribute(off), QByteArray::number(int(off)));
    // Unknown schemes reach the page's navigation filter (which refuses them) instead of
    // failing silently; see customSchemeNavigationIsBlocked.
    QCOMPARE(settings->unknownUrlSchemePolicy(), S::AllowAllUnknownUrlSchemes);
    QVERIFY(!m_view->webView()->acceptDrops());
    QVERIFY(!m_view->page()->webChannel());

    // Two widgets never share cookies or storage.
    TokenView other;
    QVERIFY(other.page()->profile() != profile);
}

void TestTokenView::loadsTokenPageAt400x400()
{
    QSignalSpy states(m_view.get(), &TokenView::stateChanged);
    QVERIFY(showAndWait(m_design.link));
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
    QCOMPARE(states.first().first().value<TokenView::State>(), TokenView::State::Loading);
    QCOMPARE(m_view->currentLink(), m_design.link);
    QCOMPARE(m_view->page()->url(), m_design.link);
    QVERIFY(m_view->reloadAction()->isEnabled());

    QCOMPARE(m_view->webView()->size(), QSize(400, 400));
    QCOMPARE(m_view->webView()->minimumSize(), QSize(400, 400));
    QCOMPARE(m_view->webView()->maximumSize(), QSize(400, 400));
    QVERIFY(m_view->webView()->isVisible());
    // The page itself sees a 400 x 400 viewport and fits it: nothing to scroll.
    QCOMPARE(evaluate(u"window.innerWidth + 'x' + window.innerHeight"_s).toString(), u"400x400"_s);
    QCOMPARE(evaluate(u"document.documentElement.scrollWidth <= 400 && "
                      "document.documentElement.scrollHeight <= 400"_s),
             QVariant(true));
    QCOMPARE(evaluate(u"document.body.getAttribute('data-token')"_s).toString(), m_design.token);

    // The widget keeps its size inside a bigger window: the frame is fixed, not stretched.
    m_view->resize(900, 900);
    QCOMPARE(m_view->webView()->size(), QSize(400, 400));
}

void TestTokenView::printButtonStartsThePrint()
{
    const Design design = shareDesign();
    QVERIFY(!design.token.isEmpty());
    QVERIFY(showAndWait(design.link));
    QVERIFY(m_sandbox->currentStatus(design.token)->isAwaitingCustomer());

    QSignalSpy started(m_sandbox.get(), &SandboxServer::printStarted);
    QCOMPARE(evaluate(u"document.getElementById('print').click(); true"_s), QVariant(true));
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), kWait);
    QCOMPARE(started.first().first().toString(), design.token);
    QVERIFY(!m_sandbox->currentStatus(design.token)->isAwaitingCustomer());
    // The page shows the print it started.
    QTRY_VERIFY_WITH_TIMEOUT(
        evaluate(u"document.getElementById('frame').classList.contains('started')"_s).toBool(),
        kWait);
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
}

void TestTokenView::sameOrderIsNotReloaded()
{
    QVERIFY(showAndWait(m_design.link));
    QCOMPARE(evaluate(u"window.marker = 42; true"_s), QVariant(true));
    QSignalSpy states(m_view.get(), &TokenView::stateChanged);
    m_view->showOrder(m_design.link, m_design.sslLink, false);
    QVERIFY(states.isEmpty());
    QCOMPARE(evaluate(u"window.marker"_s).toInt(), 42);
}

void TestTokenView::otherHostIsBlocked()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    evaluate(u"location.href = 'http://127.0.0.2:1/elsewhere'; true"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(0).toUrl(), QUrl(u"http://127.0.0.2:1/elsewhere"_s));
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Navigation);
    QVERIFY(blocked.first().at(2).toString().contains(u"127.0.0.2"_s));
    // Still the token page, still loaded; a refused navigation is not a failed load.
    QCOMPARE(evaluate(u"document.body.getAttribute('data-token')"_s).toString(), m_design.token);
    QCOMPARE(m_view->page()->url(), m_design.link);
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
    QVERIFY(finished.isEmpty());
}

void TestTokenView::otherPortIsBlocked()
{
    TinyHttpServer other;
    QVERIFY(other.listen());
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    const QUrl target = other.url(u"/steal?token=%1"_s.arg(m_design.token));
    evaluate(u"location.href = '%1'; true"_s.arg(target.toString()));
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(0).toUrl(), target);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Navigation);
    QCOMPARE(other.connections(), 0); // the other origin never heard of the token
    QCOMPARE(m_view->page()->url(), m_design.link);
}

void TestTokenView::fileNavigationIsBlocked()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    // From the page: Chromium itself refuses a web page's file: navigation before it becomes
    // a request, so the page stays where it is.
    evaluate(u"location.href = 'file:///etc/passwd'; true"_s);
    // From the embedding side (a file: link reaching the page some other way) the widget's
    // own rule refuses it and says so.
    m_view->page()->load(QUrl(u"file:///etc/passwd"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    const auto last = blocked.last();
    QCOMPARE(last.at(0).toUrl(), QUrl(u"file:///etc/passwd"_s));
    QCOMPARE(last.at(1).value<TokenPage::Block>(), TokenPage::Block::Navigation);
    for (const auto &signal : std::as_const(blocked))
        QCOMPARE(signal.at(0).toUrl().scheme(), u"file"_s);
    QCOMPARE(m_view->page()->url(), m_design.link);
    QVERIFY(!evaluate(u"document.documentElement.innerText"_s).toString().contains(u"root:"_s));
    QCOMPARE(evaluate(u"document.body.getAttribute('data-token')"_s).toString(), m_design.token);
}

void TestTokenView::customSchemeNavigationIsBlocked()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    evaluate(u"location.href = 'myapp://open?token=x'; true"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(0).toUrl().scheme(), u"myapp"_s);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Navigation);
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(m_view->page()->url(), m_design.link);
}

void TestTokenView::windowOpenHttpGoesToSystemBrowser()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy external(m_view.get(), &TokenView::openedExternally);
    const int windows = visibleWindowCount();
    const int topLevels = topLevelCount();

    // Without a click the page may not open windows at all (no pop-ups pushed at the user).
    QCOMPARE(evaluate(u"window.open('http://example.invalid/no-click') === null"_s),
             QVariant(true));

    addClickTarget(u"div"_s, {}, u"window.open('http://example.invalid/help')"_s);
    QVERIFY(clickTarget());
    QTRY_VERIFY_WITH_TIMEOUT(!external.isEmpty(), kWait);
    QCOMPARE(m_opened, QList<QUrl>{QUrl(u"http://example.invalid/help"_s)});
    QCOMPARE(external.first().first().toUrl(), QUrl(u"http://example.invalid/help"_s));
    // No second window in the console, and the helper page is gone.
    QCOMPARE(visibleWindowCount(), windows);
    QCOMPARE(webViewCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->page()->findChildren<QWebEnginePage *>().isEmpty(), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(topLevelCount(), topLevels, kWait);
    QCOMPARE(m_view->page()->url(), m_design.link);
}

void TestTokenView::targetBlankLinkGoesToSystemBrowser()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy external(m_view.get(), &TokenView::openedExternally);
    // The link's own default action opens the window: nothing scripted.
    addClickTarget(
        u"a"_s, u"target.href = 'https://example.invalid/terms'; target.target = '_blank'"_s, {});
    QVERIFY(clickTarget());
    QTRY_VERIFY_WITH_TIMEOUT(!external.isEmpty(), kWait);
    QCOMPARE(m_opened, QList<QUrl>{QUrl(u"https://example.invalid/terms"_s)});
    QCOMPARE(m_view->page()->url(), m_design.link);
}

void TestTokenView::windowOpenCustomSchemeIsBlocked()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    const int windows = visibleWindowCount();
    const int topLevels = topLevelCount();
    addClickTarget(u"div"_s, {}, u"window.open('myapp://x')"_s);
    QVERIFY(clickTarget());
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(0).toUrl(), QUrl(u"myapp://x"_s));
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::NewWindow);
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(visibleWindowCount(), windows);
    QCOMPARE(webViewCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->page()->findChildren<QWebEnginePage *>().isEmpty(), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(topLevelCount(), topLevels, kWait);
}

void TestTokenView::otherOriginByLinkOrFormIsBlocked_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("link clicked") << u"link"_s;
    QTest::newRow("form posted") << u"form"_s;
}

// The main frame sent to another origin by a clicked link or a posted form (the token in
// it): refused before the other server hears anything.
void TestTokenView::otherOriginByLinkOrFormIsBlocked()
{
    QFETCH(QString, how);
    TinyHttpServer other;
    QVERIFY(other.listen());
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    const QUrl target = other.url(u"/collect"_s);
    if (how == u"link") {
        addClickTarget(u"a"_s, u"target.href = '%1'"_s.arg(target.toString()), {});
        QVERIFY(clickTarget());
    } else {
        const QString post =
            u"(function () {"
            "  var form = document.createElement('form');"
            "  form.method = 'post';"
            "  form.action = '%1';"
            "  var field = document.createElement('input');"
            "  field.name = 'token'; field.value = document.body.getAttribute('data-token');"
            "  form.appendChild(field);"
            "  document.body.appendChild(form);"
            "  form.submit();"
            "  return true;"
            "})()"_s.arg(target.toString());
        QCOMPARE(evaluate(post), QVariant(true));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(0).toUrl(), target);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Navigation);
    QCOMPARE(other.connections(), 0);
    QCOMPARE(m_view->page()->url(), m_design.link);
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
}

void TestTokenView::targetBlankToOtherSchemeIsBlocked_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("custom scheme") << u"myapp://open?token=x"_s;
    QTest::newRow("mailto") << u"mailto:someone@example.com"_s;
}

// A target=_blank link to something other than http(s): no window in the console, nothing
// handed to the desktop, the refusal reported.
void TestTokenView::targetBlankToOtherSchemeIsBlocked()
{
    QFETCH(QString, url);
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    const int windows = visibleWindowCount();
    addClickTarget(u"a"_s, u"target.href = '%1'; target.target = '_blank'"_s.arg(url), {});
    QVERIFY(clickTarget());
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(0).toUrl(), QUrl(url));
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::NewWindow);
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(visibleWindowCount(), windows);
    QCOMPARE(webViewCount(), 1);
    QCOMPARE(m_view->page()->url(), m_design.link);
}

void TestTokenView::downloadIsRefused()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    const QString download =
        u"(function () {"
        "  var a = document.createElement('a');"
        "  a.href = URL.createObjectURL(new Blob(['solid stolen\\nendsolid stolen\\n'],"
        "                                        {type: 'application/octet-stream'}));"
        "  a.download = 'stolen-design.stl';"
        "  document.body.appendChild(a);"
        "  a.click();"
        "  return true;"
        "})()"_s;
    QCOMPARE(evaluate(download), QVariant(true));
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Download);
    QVERIFY(blocked.first().at(2).toString().contains(u"stolen-design.stl"_s));
    const QString downloads = m_view->page()->profile()->downloadPath();
    QVERIFY(!QFile::exists(QDir(downloads).filePath(u"stolen-design.stl"_s)));
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
}

// The service's own origin answers a navigation with a file to save (Content-Disposition:
// attachment): the navigation is allowed (same origin), the download is not.
void TestTokenView::attachmentFromTheServiceIsRefused()
{
    TinyHttpServer service;
    QVERIFY(service.listen());
    QVERIFY(showAndWait(service.url(u"/?token=abc"_s)));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    evaluate(u"location.href = '/download?token=abc'; true"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Download);
    QCOMPARE(blocked.first().at(0).toUrl().path(), u"/download"_s);
    QVERIFY2(blocked.first().at(2).toString().contains(u"leaked-design.stl"_s),
             qPrintable(blocked.first().at(2).toString()));
    const QString downloads = m_view->page()->profile()->downloadPath();
    QVERIFY(!QFile::exists(QDir(downloads).filePath(u"leaked-design.stl"_s)));
    QCOMPARE(m_view->page()->url(), service.url(u"/?token=abc"_s));
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
}

void TestTokenView::permissionRequestIsDenied()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    evaluate(u"navigator.geolocation.getCurrentPosition("
             "  function () { document.title = 'geo:granted'; },"
             "  function (error) { document.title = 'geo:error' + error.code; }); true"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Permission);
    // 1 is PERMISSION_DENIED.
    QTRY_COMPARE_WITH_TIMEOUT(m_view->page()->title(), u"geo:error1"_s, kWait);
}

void TestTokenView::tlsLinkWithUntrustedCertificateIsRefused()
{
    QVERIFY(QSslSocket::supportsSsl());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromData(QByteArray(kUntrustedCertificate), QSsl::Pem);
    QCOMPARE(certificates.size(), 1);
    tls.setLocalCertificate(certificates.first());
    const QSslKey key(QByteArray(kUntrustedKey), QSsl::Ec, QSsl::Pem);
    QVERIFY(!key.isNull());
    tls.setPrivateKey(key);
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    const QUrl sslLink(
        u"https://127.0.0.1:%1/?token=%2"_s.arg(server.serverPort()).arg(m_design.token));

    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    m_view->showOrder(m_design.link, sslLink, true);
    QCOMPARE(m_view->currentLink(), sslLink); // the environment uses TLS: the TLS link
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(!blocked.isEmpty(), kWait);
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Certificate);
    QCOMPARE(blocked.first().at(0).toUrl().host(), u"127.0.0.1"_s);
    QCOMPARE(m_view->state(), TokenView::State::Failed);
    QVERIFY(m_view->panelText().contains(u"certificate"_s));

    // Without TLS in the environment the plain link is used, and it works.
    QVERIFY(showAndWait(m_design.link));
    m_view->showOrder(m_design.link, sslLink, false);
    QCOMPARE(m_view->currentLink(), m_design.link);
}

void TestTokenView::showMessageUnloadsThePage()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    QSignalSpy pageFinished(m_view->page(), &QWebEnginePage::loadFinished);
    const QString why = u"The upload of this design failed; retry it in the queue."_s;
    m_view->showMessage(why);
    QCOMPARE(m_view->state(), TokenView::State::Message);
    QCOMPARE(m_view->panelText(), why);
    QVERIFY(!m_view->panelTitle().isEmpty());
    QVERIFY(m_view->currentLink().isEmpty());
    QVERIFY(!m_view->reloadAction()->isEnabled());
    QVERIFY(!m_view->copyLinkAction()->isEnabled());
    QVERIFY(!m_view->openInBrowserAction()->isEnabled());
    const QPushButton *reload = m_view->findChild<QPushButton *>(u"tokenViewPanelReload"_s);
    QVERIFY(reload);
    QVERIFY(!reload->isVisible());
    // The old page is unloaded (it would keep polling otherwise) without a load report.
    QVERIFY(pageFinished.wait(kWait));
    QCOMPARE(m_view->page()->url(), QUrl(u"about:blank"_s));
    QVERIFY(finished.isEmpty());

    // An order without a link says so.
    m_view->showOrder(QUrl(), QUrl(), true);
    QCOMPARE(m_view->state(), TokenView::State::Message);
    QVERIFY(m_view->panelText().contains(u"no token link"_s));

    // And the next order with a link shows its page again.
    QVERIFY(showAndWait(m_design.link));
    QVERIFY(m_view->panelText().isEmpty());
}

void TestTokenView::linkThatIsNotAWebAddressIsNotOpened()
{
    QSignalSpy pageStarted(m_view->page(), &QWebEnginePage::loadStarted);
    m_view->showOrder(QUrl(u"file:///etc/passwd"_s), QUrl(u"myapp://token"_s), true);
    QCOMPARE(m_view->state(), TokenView::State::Message);
    QVERIFY(m_view->currentLink().isEmpty());
    QVERIFY(m_view->panelText().contains(u"not a web address"_s));
    m_view->openInBrowser();
    m_view->copyLink();
    QVERIFY(m_opened.isEmpty());
    QVERIFY(pageStarted.isEmpty());
}

void TestTokenView::unreachableServiceFailsAndReloadRecovers()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const QUrl link(u"http://127.0.0.1:%1/?token=comes-back"_s.arg(port));

    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    m_view->showOrder(link, QUrl(), false);
    QCOMPARE(m_view->state(), TokenView::State::Loading);
    QVERIFY(!m_view->panelTitle().isEmpty());
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(m_view->state(), TokenView::State::Failed);
    QVERIFY2(m_view->panelText().contains(u"could not be reached"_s),
             qPrintable(m_view->panelText()));
    const QPushButton *reload = m_view->findChild<QPushButton *>(u"tokenViewPanelReload"_s);
    QVERIFY(reload);
    QVERIFY(reload->isVisible());
    QVERIFY(m_view->reloadAction()->isEnabled());

    TinyHttpServer service;
    QVERIFY(service.listen(port));
    finished.clear();
    QTest::mouseClick(const_cast<QPushButton *>(reload), Qt::LeftButton);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(m_view->state(), TokenView::State::Loaded);
    QCOMPARE(evaluate(u"document.getElementById('back').textContent"_s).toString(),
             u"The service is back."_s);
    QCOMPARE(service.connections() > 0, true);
}

void TestTokenView::httpErrorShowsFailure()
{
    QUrl unknown = m_sandbox->serverUrl();
    unknown.setQuery(u"token=0123456789abcdef0123456789abcdef"_s);
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    m_view->showOrder(unknown, QUrl(), false);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(m_view->state(), TokenView::State::Failed);
    QVERIFY2(m_view->panelText().contains(u"404"_s), qPrintable(m_view->panelText()));
}

void TestTokenView::redirectWithinOriginIsFollowed()
{
    TinyHttpServer service;
    QVERIFY(service.listen());
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    QVERIFY(showAndWait(service.url(u"/moved?token=abc"_s)));
    QCOMPARE(m_view->page()->url(), service.url(u"/"_s));
    QCOMPARE(evaluate(u"document.getElementById('back').textContent"_s).toString(),
             u"The service is back."_s);
    QVERIFY(blocked.isEmpty());
}

void TestTokenView::redirectToOtherOriginIsRefused()
{
    TinyHttpServer service;
    QVERIFY(service.listen());
    QSignalSpy blocked(m_view.get(), &TokenView::blocked);
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    m_view->showOrder(service.url(u"/away?token=abc"_s), QUrl(), false);
    QVERIFY(finished.wait(kWait));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(blocked.size(), 1);
    QCOMPARE(blocked.first().at(0).toUrl(), QUrl(u"http://127.0.0.2:1/elsewhere"_s));
    QCOMPARE(blocked.first().at(1).value<TokenPage::Block>(), TokenPage::Block::Redirect);
    QCOMPARE(m_view->state(), TokenView::State::Failed);
    QVERIFY2(m_view->panelText().contains(u"127.0.0.2"_s), qPrintable(m_view->panelText()));
}

void TestTokenView::copyLinkAndOpenInBrowser()
{
    QVERIFY(showAndWait(m_design.link));
    QSignalSpy external(m_view.get(), &TokenView::openedExternally);
    m_view->openInBrowserAction()->trigger();
    QCOMPARE(m_opened, QList<QUrl>{m_design.link});
    QCOMPARE(external.size(), 1);

    m_view->copyLinkAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), m_design.link.toString(QUrl::FullyEncoded));

    // Reload goes back to the token link even after the page moved within its origin.
    QSignalSpy finished(m_view.get(), &TokenView::loadFinished);
    evaluate(u"location.href = '/sandbox/token-status?token=%1'; true"_s.arg(m_design.token));
    QVERIFY(finished.wait(kWait));
    QVERIFY(m_view->page()->url() != m_design.link);
    finished.clear();
    m_view->reloadAction()->trigger();
    QVERIFY(finished.wait(kWait));
    QCOMPARE(m_view->page()->url(), m_design.link);
}

void TestTokenView::destroyedWhileLoadingReleasesPageBeforeProfile()
{
    // init()'s failOnWarning turns the profile's complaint into a failure.
    auto view = std::make_unique<TokenView>();
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QPointer<QWebEngineProfile> profile = view->page()->profile();
    QPointer<TokenPage> page = view->page();
    QSignalSpy started(page.data(), &QWebEnginePage::loadStarted);
    view->showOrder(m_design.link, {}, false);
    QVERIFY(started.wait(kWait));
    view.reset();
    QVERIFY(page.isNull());
    QVERIFY(profile.isNull());
}

QTEST_MAIN(TestTokenView)
#include "tst_tokenview.moc"
