#pragma once

#include "environmentinfo.h"

#include <QMainWindow>

class QAction;
class QMessageBox;

namespace pc {

// The console's main window. At this stage it shows what the console is, which service it
// is connected to (environment badge, address, what that means for the user's data) and an
// honest empty state; the upload queue, orders table, token view and dashboard follow.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(EnvironmentInfo environment, QWidget *parent = nullptr);
    ~MainWindow() override;

    const EnvironmentInfo &environment() const { return m_environment; }

    // The About box, built but not shown (Help > About shows it modally).
    QMessageBox *createAboutBox();

private:
    void createActions();
    void createMenus();
    QWidget *createHeader();
    QWidget *createEnvironmentCard();
    QWidget *createNoticeBanner();
    QWidget *createEmptyState();
    void createStatusBar();
    void showAbout();

    EnvironmentInfo m_environment;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
};

} // namespace pc
