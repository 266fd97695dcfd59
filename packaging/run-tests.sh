#!/usr/bin/env bash
# The README's test command: installs what is missing, builds (dev preset: Debug, warnings
# as errors) and runs the whole test suite headless. Tests that need a display start their
# own Xvfb server (tests/with-display.sh). Extra arguments go to ctest, e.g. -R tst_cli.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

"$top/packaging/install-deps.sh"

preset=${PARTNER_CONSOLE_TEST_PRESET:-dev}
echo "run-tests: configuring and building with the '$preset' preset"
cmake --preset "$preset"
cmake --build --preset "$preset"

echo "run-tests: running the test suite"
ctest --preset "$preset" "$@"
