#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pc {

// The outcome the print simulation gives every print of a run.
enum class PrintOutcome { Random, Success, Failure };

// "random", "success", "failure" (the values of --outcome / --sandbox-outcome and settings).
QString printOutcomeName(PrintOutcome outcome);
std::optional<PrintOutcome> printOutcomeFromName(QStringView name); // case-insensitive

// How the built-in sandbox simulates prints, as a person chooses it: the CLI's sandbox
// options, the window's --sandbox-* options and its Sandbox menu (kept in the settings).
struct SandboxSimulation
{
    static constexpr double kMaxSpeed = 100000;

    double speed = 1.0;                     // 60 = one simulated minute per second
    std::optional<double> autoPrintSeconds; // start printing by itself after each upload
    PrintOutcome outcome = PrintOutcome::Random;

    // Whether the values are usable: speed above 0 and at most kMaxSpeed, seconds not negative.
    static bool isValidSpeed(double speed) { return speed > 0 && speed <= kMaxSpeed; }
    static bool isValidAutoPrint(double seconds) { return seconds >= 0 && seconds <= 86400; }

    friend bool operator==(const SandboxSimulation &, const SandboxSimulation &) = default;
};

} // namespace pc
