// Translations: the language follows the system locale, English plurals read right, the German
// translation reaches every text a person sees in the window (no English left behind because a
// string was missed or looked up in the wrong context), Qt's own buttons follow, and every menu
// keeps distinct accelerators in both languages. (tst_translations_current checks that the .ts
// files match the sources and are complete.)

#include "consolesession.h"
#include "environmentinfo.h"
#include "mainwindow.h"
#include "orderspanel.h"
#include "queuepanel.h"
#include "settingsdialog.h"
#include "statuspresentation.h"

#include "api/apierror.h"
#include "common/buildinfo.h"
#include "common/translations.h"
#include "orders/orderform.h"
#include "sandbox/sandboxserver.h"
#include "settings/consolesettings.h"
#include "settings/secretstore.h"
#include "workwindowfixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

// Source texts and their translations, as written in a .ts file.
struct TsFile
{
    QSet<QString> sources;
    QSet<QString> translations;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ts;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == "source"_L1)
            ts.sources.insert(xml.readElementText());
        else if (xml.name() == "translation"_L1 || xml.name() == "numerusform"_L1) {
            if (xml.attributes().value("numerus"_L1).isEmpty()) {
                // A <translation> holding <numerusform>s has no text of its own.
                const QString text =
                    xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
                if (!text.isEmpty())
                    ts.translations.insert(text);
            }
        }
    }
    return ts;
}

// Every text of `root` a person can see or hear: labels, buttons, actions (with menus), tool
// tips, accessible names, placeholders, tab and dock titles, column headers.
QStringList visibleTexts(QWidget *root)
{
    QStringList texts;
    auto add = [&texts](const QString &text) {
        if (!text.trimmed().isEmpty())
            texts << text;
    };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        add(widget->toolTip());
        add(widget->accessibleName());
        add(widget->accessibleDescription());
        if (widget->isWindow())
            add(widget->windowTitle());
        if (auto *label = qobject_cast<QLabel *>(widget))
            add(label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            add(button->text());
        if (auto *edit = qobject_cast<QLineEdit *>(widget))
            add(edit->placeholderText());
        if (auto *tabs = qobject_cast<QTabWidget *>(widget)) {
            for (int i = 0; i < tabs->count(); ++i) {
                add(tabs->tabText(i));
                add(tabs->tabToolTip(i));
            }
        }
        if (auto *dock = qobject_cast<QDockWidget *>(widget))
            add(dock->windowTitle());
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            for (int column = 0; column < view->model()->columnCount(); ++column)
                add(view->model()->headerData(column, Qt::Horizontal).toString());
        }
    }
    const QList<QAction *> actions = root->findChildren<QAction *>();
    for (const QAction *action : actions) {
        add(action->text());
        add(action->toolTip());
        add(action->statusTip());
    }
    return texts;
}

// The accelerator letter of a menu text ("&File" -> "F"), or empty.
QString mnemonic(const QString &text)
{
    return QKeySequence::mnemonic(text).toString().section(u'+', -1).toUpper();
}

// "where: 'a' and 'b' both use X" for entries of one menu that share an accelerator.
void checkAccelerators(const QString &where, const QList<QAction *> &actions, QStringList &problems)
{
    QHash<QString, QString> seen;
    for (const QAction *action : actions) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QString letter = mnemonic(action->text());
        if (letter.isEmpty())
            continue;
        if (seen.contains(letter))
            problems << u"%1: '%2' and '%3' both use %4"_s.arg(where, seen[letter], action->text(),
                                                               letter);
        seen.insert(letter, action->text());
    }
}

// Every menu of the window: the bar's titles, each menu, and the context menus the queue and
// the orders table build from their panels' actions.
QStringList duplicateAccelerators(const pc::MainWindow &window)
{
    QStringList problems;
    checkAccelerators(u"menu bar"_s, window.menuBar()->actions(), problems);
    const QList<QMenu *> menus = window.menuBar()->findChildren<QMenu *>();
    for (const QMenu *menu : menus)
        checkAccelerators(menu->title(), menu->actions(), problems);
    const pc::QueuePanel *queue = window.queuePanel();
    checkAccelerators(u"queue context menu"_s,
                      queue->rowActions() + queue->queueActions() + queue->addFileActions(),
                      problems);
    checkAccelerators(u"orders context menu"_s, window.ordersPanel()->orderActions(), problems);
    return problems;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void shipsGermanAndEnglish();
    void languageFollowsTheLocale_data();
    void languageFollowsTheLocale();
    void englishPluralsReadRight();
    void germanPluralsReadRight();
    void coreMessagesInGerman();
    void qtsOwnStringsFollow();
    void germanWindowLeavesNoEnglishBehind();
    void menusKeepDistinctAccelerators_data();
    void menusKeepDistinctAccelerators();
    void cliSpeaksTheSystemLanguage();

private:
    // A work-surface window on a sandbox; `check` looks at it.
    void withWorkWindow(const std::function<void(pc::MainWindow &)> &check);

    pc::InstalledTranslations m_installed;
    TsFile m_german;
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    pc::setApplicationMetadata();
    m_german = readTs(QStringLiteral(PC_TRANSLATIONS_DIR "/partner_console_de.ts"));
    QVERIFY2(m_german.sources.size() > 500, "the German .ts file could not be read");
}

void TestTranslations::cleanup()
{
    pc::removeTranslations(*qApp, m_installed);
}

void TestTranslations::shipsGermanAndEnglish()
{
    QCOMPARE(pc::availableTranslations(), (QStringList{u"de"_s, u"en"_s}));
}

void TestTranslations::languageFollowsTheLocale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("language");
    QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany) << u"de"_s;
    QTest::newRow("de_AT") << QLocale(QLocale::German, QLocale::Austria) << u"de"_s;
    QTest::newRow("de_CH") << QLocale(QLocale::German, QLocale::Switzerland) << u"de"_s;
    QTest::newRow("en_GB") << QLocale(QLocale::English, QLocale::UnitedKingdom) << u"en"_s;
    QTest::newRow("fr_FR: none, English") << QLocale(QLocale::French, QLocale::France) << u"en"_s;
    QTest::newRow("C") << QLocale::c() << u"en"_s;
}

void TestTranslations::languageFollowsTheLocale()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, language);
    m_installed = pc::installTranslations(*qApp, locale);
    QCOMPARE(m_installed.language, language);
    QVERIFY(!m_installed.translators.isEmpty());
}

// English is the source language; its translation file supplies the singular forms.
void TestTranslations::englishPluralsReadRight()
{
    m_installed = pc::installTranslations(*qApp, QLocale(QLocale::English));
    QCOMPARE(QCoreApplication::translate("pc::OrderFactsBar", "Queue %n file(s)", nullptr, 1),
             u"Queue 1 file"_s);
    QCOMPARE(QCoreApplication::translate("pc::OrderFactsBar", "Queue %n file(s)", nullptr, 3),
             u"Queue 3 files"_s);
    // Through the code that writes them (context as the program uses it).
    pc::ApiError timeout = pc::ApiError::timeout(std::chrono::seconds(1));
    QVERIFY2(timeout.message.contains(u"for 1 second."_s), qPrintable(timeout.message));
    timeout = pc::ApiError::timeout(std::chrono::seconds(30));
    QVERIFY2(timeout.message.contains(u"for 30 seconds."_s), qPrintable(timeout.message));
    QVERIFY(!timeout.message.contains(u"(s)"_s));
}

void TestTranslations::germanPluralsReadRight()
{
    m_installed = pc::installTranslations(*qApp, QLocale(QLocale::German));
    const QString one =
        QCoreApplication::translate("pc::OrderFactsBar", "Queue %n file(s)", nullptr, 1);
    const QString three =
        QCoreApplication::translate("pc::OrderFactsBar", "Queue %n file(s)", nullptr, 3);
    QVERIFY2(one.contains(u"1 Datei"_s) && !one.contains(u"Dateien"_s), qPrintable(one));
    QVERIFY2(three.contains(u"3 Dateien"_s), qPrintable(three));
    const QString seconds = pc::ApiError::timeout(std::chrono::seconds(30)).message;
    QVERIFY2(seconds.contains(u"30 Sekunden"_s), qPrintable(seconds));
}

// Messages written by the core (validation, status names) arrive translated.
void TestTranslations::coreMessagesInGerman()
{
    m_installed = pc::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany));
    const auto email = pc::checkEmail(u"no-at-sign");
    QVERIFY(!email.ok());
    QVERIFY2(!m_german.sources.contains(email.error) && email.error.contains(u"@"_s),
             qPrintable(email.error));
    const QString printing = pc::statusLabel(pc::JobStatus::Printing);
    QVERIFY2(printing != u"Printing"_s && !printing.isEmpty(), qPrintable(printing));
    QVERIFY2(m_german.translations.contains(printing), qPrintable(printing));
}

// Standard buttons and dialogs come from Qt's own translation (qt6-translations-l10n).
void TestTranslations::qtsOwnStringsFollow()
{
    m_installed = pc::installTranslations(*qApp, QLocale(QLocale::German));
    QVERIFY2(m_installed.qtStrings, "Qt's German translation (qtbase_de.qm, Debian package "
                                    "qt6-translations-l10n) is not installed");
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(u'&'), u"Abbrechen"_s);
}

void TestTranslations::withWorkWindow(const std::function<void(pc::MainWindow &)> &check)
{
    pc::test::WorkWindowRig rig;
    QVERIFY2(rig.start(), qPrintable(rig.problem()));
    pc::MainWindow window(rig.environment(), rig.session.get(), &rig.keys);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    check(window);
}

// Every text of the German window that is an English source text must be one whose German
// is the same word (like "Dashboard"); anything else was missed or looked up in the wrong
// translation context.
void TestTranslations::germanWindowLeavesNoEnglishBehind()
{
    m_installed = pc::installTranslations(*qApp, QLocale(QLocale::German));
    QStringList seen;
    withWorkWindow([&seen](pc::MainWindow &window) { seen = visibleTexts(&window); });
    pc::SecretStore keys;
    keys.setKeychainEnabled(false);
    pc::SettingsDialog settings(pc::ConsoleSettings(), &keys);
    seen += visibleTexts(&settings);

    QVERIFY2(seen.size() > 150, qPrintable(u"only %1 texts found"_s.arg(seen.size())));
    QStringList english;
    for (const QString &text : std::as_const(seen)) {
        if (m_german.sources.contains(text) && !m_german.translations.contains(text))
            english << text;
    }
    english.removeDuplicates();
    QVERIFY2(english.isEmpty(), qPrintable(u"Still English: "_s + english.join(u" | "_s)));
    QVERIFY(seen.contains(u"&Datei"_s));
}

void TestTranslations::menusKeepDistinctAccelerators_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("English") << QLocale(QLocale::English);
    QTest::newRow("German") << QLocale(QLocale::German);
}

void TestTranslations::menusKeepDistinctAccelerators()
{
    QFETCH(QLocale, locale);
    m_installed = pc::installTranslations(*qApp, locale);
    withWorkWindow([](pc::MainWindow &window) {
        const QStringList problems = duplicateAccelerators(window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(window.menuBar()->findChildren<QMenu *>().size() >= 5);
    });
}

// The CLI loads the same translations: --help in German under a German locale, English
// under C; JSON never changes.
void TestTranslations::cliSpeaksTheSystemLanguage()
{
    auto help = [](const QString &language) {
        QProcess cli;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LANGUAGE"_s, language);
        environment.insert(u"LC_ALL"_s, language == u"de"_s ? u"de_DE.UTF-8"_s : u"C.UTF-8"_s);
        cli.setProcessEnvironment(environment);
        cli.start(QStringLiteral(PC_CLI_PATH), {u"--help"_s});
        if (!cli.waitForFinished(30000))
            return QString();
        return QString::fromUtf8(cli.readAllStandardOutput());
    };
    const QString english = help(u"en"_s);
    const QString german = help(u"de"_s);
    QVERIFY2(english.contains(u"Usage:"_s), qPrintable(english));
    QVERIFY2(english.contains(u"Scripting interface of the Design Streaming"_s),
             qPrintable(english));
    QVERIFY2(german.contains(u"Aufruf:"_s), qPrintable(german)); // Qt's own part
    QVERIFY2(!german.contains(u"Scripting interface"_s), qPrintable(german));
    QVERIFY2(german.contains(u"Skriptschnittstelle"_s), qPrintable(german));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
