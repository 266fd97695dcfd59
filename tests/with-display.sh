#!/bin/sh
# Runs a test that needs an X display: on $DISPLAY when there is one, else under its own
# Xvfb server (xvfb-run picks a free display number).
if [ -n "${DISPLAY:-}" ]; then
    exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "with-display: no DISPLAY and xvfb-run is not installed (apt-get install xvfb xauth)" >&2
    exit 1
fi
exec xvfb-run -a -s "-screen 0 1600x1200x24 -nolisten tcp" "$@"
