#!/usr/bin/env bash
# Builds the partner console (release preset) and starts it on the built-in sandbox.
#
#   ./packaging/run-console.sh [partner-console options...]
#
# 1. installs missing Debian packages (packaging/install-deps.sh),
# 2. configures the `release` CMake preset into build/release and builds the two programs and
#    what they link, not the test suite or the benchmarks (ccache is used when installed),
# 3. starts build/release/app/partner-console, passing on any arguments (see --help).
# Without PARTNER_CONSOLE_API_KEY in the environment the console runs on its built-in
# sandbox: a simulated Design Streaming service on this computer; nothing leaves it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
gui="$root/build/release/app/partner-console"
cli="$root/build/release/app/partner-console-cli"

say() { printf 'run-console: %s\n' "$*" >&2; }

# Check for a display first: the build takes minutes, and without a display its result
# could not be shown anyway.
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    say "no graphical display found (neither DISPLAY nor WAYLAND_DISPLAY is set)."
    say "The partner console is a desktop application. Instead you can:"
    say "  - run this script from a terminal inside your desktop session;"
    say "  - try it headless on a virtual display:  xvfb-run -a ./packaging/run-console.sh"
    say "  - use the command-line tool once built:  build/release/app/partner-console-cli --help"
    say "    (build it with: cmake --preset release &&"
    say "     cmake --build --preset release --target partner-console-cli)"
    exit 1
fi

"$here/install-deps.sh"

cd "$root"
if command -v ccache >/dev/null 2>&1; then
    export CMAKE_CXX_COMPILER_LAUNCHER=ccache # read by CMake when it configures
fi
cmake --preset release
cmake --build --preset release --target partner-console partner-console-cli

if [[ ! -x "$gui" ]]; then
    say "the build finished but $gui is missing."
    exit 1
fi

if ((EUID == 0)); then
    # Chromium (Qt WebEngine) refuses to start its sandbox as root; turn it off for this run.
    say "running as root: starting with QTWEBENGINE_DISABLE_SANDBOX=1 (Chromium's sandbox"
    say "cannot run as root). Run as a normal user to keep it on."
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi

# The built-in sandbox unless the arguments choose the service themselves.
args=("$@")
chosen=no
for arg in "${args[@]}"; do
    case "$arg" in
    --environment | --environment=* | --base-url | --base-url=*) chosen=yes ;;
    esac
done
if [[ "$chosen" == no ]]; then
    args=(--environment sandbox "${args[@]}")
    say "starting the console on the built-in sandbox (nothing leaves this computer)."
    say "To use your partner account: PARTNER_CONSOLE_API_KEY=... $0 --environment production"
fi
say "command-line tool: $cli --help"
exec "$gui" "${args[@]}"
