#!/usr/bin/env python3
"""The tables of window-lateness.sh from its work folder (KEEP=1 keeps it): per scenario the
largest lateness and the ticks over 50 ms (the probe's lateness.json), the database round
trips (scenarios.txt, from latency-proxy), and the strace cross-check of the GUI thread.

    tests/bench/window-lateness-report.py WORK_FOLDER
"""
import datetime
import json
import os
import re
import sys


def parse(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def seconds_of_day(stamp):
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def clock(seconds):
    """Seconds of the day as HH:MM:SS.mmm (strace's clock: local time)."""
    return "%02d:%02d:%06.3f" % (seconds // 3600, seconds % 3600 // 60, seconds % 60)


def strace_calls(path):
    """(start, end, fds) of each poll/ppoll of the traced thread, in seconds of the day."""
    calls = []
    for line in open(path):
        parts = line.split(maxsplit=1)
        if len(parts) < 2 or not parts[1].startswith(("poll(", "ppoll(")):
            continue
        tail = line.rstrip()
        if not (tail.endswith(">") and "<" in tail):
            continue
        try:
            took = float(tail[tail.rfind("<") + 1:-1])
        except ValueError:  # "<detached ...>": strace left during this call
            continue
        begin = seconds_of_day(parts[0])
        descriptors = re.match(r"p?poll\(\[.*?\], (\d+),", parts[1])
        if descriptors:
            calls.append((begin, begin + took, int(descriptors.group(1))))
    return calls


def main(work):
    report = json.load(open(os.path.join(work, "lateness.json")))
    late = [(parse(t["at"]), t["lateness_ms"]) for t in report["over_16ms"]]
    print("| scenario | seconds | max lateness ms | ticks over 50 ms | database round trips |")
    print("|---|---:|---:|---:|---:|")
    for line in open(os.path.join(work, "scenarios.txt")):
        name, start, end, trips = (line.split() + ["?"])[:4]
        start, end = parse(start), parse(end)
        # A late tick stands for the loop blocked from when it was due until it fired: it
        # belongs to every scenario that stretch overlaps.
        inside = [ms for at, ms in late
                  if at >= start and at - datetime.timedelta(milliseconds=ms) <= end]
        worst = "%.0f" % max(inside) if inside else "< 16"
        over = sum(1 for ms in inside if ms > 50)
        seconds = (end - start).total_seconds()
        note = " (the probe starts with the event loop)" if name == "start" else ""
        print("| %s%s | %.0f | %s | %d | %s |" % (name, note, seconds, worst, over, trips))
    print()
    print("Whole run: %d ticks of %g ms, max lateness %.0f ms, p99 %.1f ms, %d ticks over 50 ms%s"
          % (report["ticks"], report["interval_ms"], report["max_lateness_ms"],
             report["p99_lateness_ms"], report["over_50ms"],
             ", %d late ticks not listed" % report["over_16ms_not_listed"]
             if report["over_16ms_not_listed"] else ""))
    print("Probe from %s to %s; worst: %s" % (report["started"][11:23], report["written"][11:23],
          ", ".join("%.0f ms at %s" % (t["lateness_ms"], t["at"][11:23]) for t in report["worst"])))

    path = os.path.join(work, "strace.txt")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return
    calls = strace_calls(path)
    if len(calls) < 2:
        return
    # The event loop waits in poll() on all its sources (several descriptors); libpq waits
    # for the database server in poll() on its one socket. Busy = from the end of one event-
    # loop wait to the start of the next; the libpq waits inside are time the GUI thread
    # waited for the network.
    loop = [c for c in calls if c[2] > 1]
    database = [c for c in calls if c[2] == 1]
    span = calls[-1][1] - calls[0][0]
    gaps = sorted((((loop[i + 1][0] - loop[i][1]) * 1000, loop[i + 1][0])
                   for i in range(len(loop) - 1)), reverse=True)
    waited = sum(c[1] - c[0] for c in database)
    print()
    print("strace of the GUI thread during 'poll' (%.0f s seen from outside): %d event-loop "
          "waits; busy stretches between two of them over 50 ms: %d; the largest, and when "
          "they ended: %s"
          % (span, len(loop), sum(1 for g, _ in gaps if g > 50),
             ", ".join("%.0f ms to %s" % (g, clock(end)) for g, end in gaps[:10])))
    print("Inside those stretches the GUI thread waited for the database server (libpq's poll "
          "on one socket) %d times, %.1f s in all: %.0f %% of the time traced."
          % (len(database), waited, 100 * waited / span if span else 0))


if __name__ == "__main__":
    main(sys.argv[1])
