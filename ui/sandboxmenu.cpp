#include "sandboxmenu.h"

#include "uilogging.h"

#include "sandbox/sandboxserver.h"
#include "settings/consolesettings.h"

#include <QActionGroup>
#include <QDir>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace pc {

namespace {

const QList<double> kSpeeds{1, 10, 60, 600};
const QList<double> kAutoPrintSeconds{5, 30, 120};
constexpr int kFolderWidthChars = 36; // the state folder's path in the menu, at most

} // namespace

SandboxMenu::SandboxMenu(SandboxServer *sandbox, QWidget *parent)
    : QMenu(tr("&Sandbox"), parent)
    , m_sandbox(sandbox)
{
    setObjectName(u"menuSandbox"_s);
    setToolTipsVisible(true);
    const SandboxConfig &config = sandbox->config();
    m_simulation.speed = config.speed;
    m_simulation.autoPrintSeconds = config.autoPrintSeconds;
    m_simulation.outcome = config.outcome;

    QMenu *speed = addMenu(tr("Print &speed"));
    speed->setObjectName(u"menuSandboxSpeed"_s);
    QList<std::pair<QString, QVariant>> speeds;
    for (double value : kSpeeds) {
        speeds.append({value == 1 ? tr("Real time (1\u00d7)")
                                  : tr("%1\u00d7 faster").arg(QLocale().toString(value)),
                       value});
    }
    if (!kSpeeds.contains(m_simulation.speed)) // chosen on the command line
        speeds.append(
            {tr("%1\u00d7").arg(QLocale().toString(m_simulation.speed)), m_simulation.speed});
    QActionGroup *speedGroup = addChoices(speed, speeds, m_simulation.speed);
    connect(speedGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        m_simulation.speed = action->data().toDouble();
        apply();
    });

    QMenu *autoPrint = addMenu(tr("Start printing &by itself"));
    autoPrint->setObjectName(u"menuSandboxAutoPrint"_s);
    QList<std::pair<QString, QVariant>> delays{{tr("Never: the customer presses Print"), -1.0}};
    for (double seconds : kAutoPrintSeconds)
        delays.append({tr("%n second(s) after the upload", nullptr, int(seconds)), seconds});
    const double currentDelay = m_simulation.autoPrintSeconds.value_or(-1.0);
    if (currentDelay >= 0 && !kAutoPrintSeconds.contains(currentDelay))
        delays.append({tr("%1 seconds after the upload").arg(QLocale().toString(currentDelay)),
                       currentDelay});
    QActionGroup *delayGroup = addChoices(autoPrint, delays, currentDelay);
    connect(delayGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        const double seconds = action->data().toDouble();
        m_simulation.autoPrintSeconds =
            seconds >= 0 ? std::optional<double>(seconds) : std::nullopt;
        apply();
    });

    QMenu *outcome = addMenu(tr("Print &outcome"));
    outcome->setObjectName(u"menuSandboxOutcome"_s);
    QActionGroup *outcomeGroup =
        addChoices(outcome,
                   {{tr("Random (mostly success)"), int(PrintOutcome::Random)},
                    {tr("Always success"), int(PrintOutcome::Success)},
                    {tr("Always failure"), int(PrintOutcome::Failure)}},
                   int(m_simulation.outcome));
    connect(outcomeGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        m_simulation.outcome = PrintOutcome(action->data().toInt());
        apply();
    });

    addSeparator();
    QAction *note = addAction(tr("Applies to prints that start from now on"));
    note->setEnabled(false);
    if (!sandbox->stateFolder().isEmpty()) {
        // The folder's path can be long: cut in its middle (the start says where, the end
        // which folder), the whole of it in the tooltip and the status tip.
        const QString folder = QDir::toNativeSeparators(sandbox->stateFolder());
        const QString shortFolder = fontMetrics().elidedText(
            folder, Qt::ElideMiddle, kFolderWidthChars * fontMetrics().averageCharWidth());
        QAction *kept = addAction(tr("Tokens and prints are kept in %1").arg(shortFolder));
        kept->setObjectName(u"sandboxStateFolder"_s);
        kept->setToolTip(tr("Tokens and prints are kept in %1").arg(folder));
        kept->setStatusTip(kept->toolTip());
        kept->setEnabled(false);
    }
}

SandboxMenu *SandboxMenu::install(QMainWindow *window, SandboxServer *sandbox)
{
    auto *menu = new SandboxMenu(sandbox, window);
    QMenuBar *bar = window->menuBar();
    QAction *before = nullptr;
    if (const auto *help = bar->findChild<QMenu *>(u"menuHelp"_s))
        before = help->menuAction();
    bar->insertMenu(before, menu);
    return menu;
}

QActionGroup *SandboxMenu::addChoices(QMenu *menu,
                                      const QList<std::pair<QString, QVariant>> &choices,
                                      const QVariant &current)
{
    auto *group = new QActionGroup(menu);
    group->setExclusive(true);
    for (const auto &[text, value] : choices) {
        QAction *action = menu->addAction(text);
        action->setCheckable(true);
        action->setData(value);
        action->setChecked(value == current);
        group->addAction(action);
    }
    return group;
}

void SandboxMenu::apply()
{
    m_sandbox->setSpeed(m_simulation.speed);
    m_sandbox->setAutoPrintSeconds(m_simulation.autoPrintSeconds);
    m_sandbox->setOutcome(m_simulation.outcome);
    QSettings settings;
    ConsoleSettings::saveSandboxSimulation(settings, m_simulation);
    qCInfo(lcUi).noquote() << "Sandbox simulation: speed" << m_simulation.speed << "auto-print"
                           << (m_simulation.autoPrintSeconds
                                   ? QString::number(*m_simulation.autoPrintSeconds)
                                   : u"off"_s)
                           << "outcome" << printOutcomeName(m_simulation.outcome);
}

} // namespace pc
