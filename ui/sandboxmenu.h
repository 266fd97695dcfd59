#pragma once

#include "sandbox/sandboxoptions.h"

#include <QMenu>

class QActionGroup;
class QMainWindow;

namespace pc {

class SandboxServer;

// The window's "Sandbox" menu while the console runs on its built-in sandbox: how fast the
// simulated prints go, whether they start by themselves after an upload, and how they end.
// A choice applies to the prints that start from then on and is kept in the settings
// (ConsoleSettings::sandboxSimulation) for the next start and for the CLI.
class SandboxMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxMenu)

public:
    SandboxMenu(SandboxServer *sandbox, QWidget *parent = nullptr);

    // Adds a SandboxMenu for `sandbox` to the window's menu bar, before its Help menu.
    static SandboxMenu *install(QMainWindow *window, SandboxServer *sandbox);

    SandboxSimulation simulation() const { return m_simulation; }

private:
    void apply();
    QActionGroup *addChoices(QMenu *menu, const QList<std::pair<QString, QVariant>> &choices,
                             const QVariant &current);

    SandboxServer *m_sandbox;
    SandboxSimulation m_simulation;
};

} // namespace pc
