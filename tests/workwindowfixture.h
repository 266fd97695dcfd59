#pragma once

// The console's work window as main() builds it on the built-in sandbox, for the widget
// suites that need the whole window: a sandbox on a free loopback port, a ConsoleSession on
// a temporary data folder, and a key store that never touches the system keychain.
//
//     pc::test::WorkWindowRig rig;
//     QVERIFY2(rig.start(), qPrintable(rig.problem()));
//     pc::MainWindow window(rig.environment(), rig.session.get(), &rig.keys);

#include "consolesession.h"
#include "environmentinfo.h"
#include "sessioncore.h"

#include "orders/storethreadcheck.h"
#include "sandbox/sandboxserver.h"
#include "settings/consolesettings.h"
#include "settings/secretstore.h"

#include <QTemporaryDir>

#include <memory>

namespace pc::test {

class WorkWindowRig
{
public:
    // The session's store never works on the GUI thread: a test that makes it do so aborts.
    WorkWindowRig()
    {
        keys.setKeychainEnabled(false);
        StoreThreadCheck::setReaction(StoreThreadCheck::Reaction::Abort);
    }

    // Starts the sandbox and opens and starts the session; false, with problem() saying
    // why, when either fails.
    bool start(const ConsoleSettings &settings = ConsoleSettings())
    {
        if (!data.isValid())
            return fail(QStringLiteral("no temporary data folder"));
        if (!sandbox.listen(0))
            return fail(QStringLiteral("the sandbox cannot listen: ") + sandbox.errorString());
        ServiceEndpoint endpoint;
        endpoint.baseUrl = sandbox.apiBaseUrl();
        endpoint.apiKey = sandbox.apiKey();
        session = std::make_unique<ConsoleSession>(endpoint, EnvironmentKind::Sandbox, settings);
        if (const auto opened = openAndWait(*session, data.path()); !opened.ok())
            return fail(QStringLiteral("the session cannot open its store: ") + opened.message);
        if (!startAndWait(*session))
            return fail(QStringLiteral("the session did not read its store"));
        return true;
    }

    QString problem() const { return m_problem; }
    EnvironmentInfo environment() const
    {
        return EnvironmentInfo::sandbox(sandbox.serverUrl(), sandbox.apiBaseUrl());
    }

    // Declared in the order they are built; a window made from them must go first.
    QTemporaryDir data;
    SandboxServer sandbox;
    SecretStore keys;
    std::unique_ptr<ConsoleSession> session;

private:
    bool fail(const QString &problem)
    {
        m_problem = problem;
        return false;
    }

    QString m_problem;
};

} // namespace pc::test
