#!/usr/bin/env python3
"""Writes a gzipped manual page from a program's own --help output.

Used at build time (packaging/CMakeLists.txt), so the manual always matches the program:

    help2roff.py --executable BUILD/app/partner-console-cli --name partner-console-cli \
        --summary "..." --date 2026-11-29 --extra partner-console-cli.extra.roff \
        [--commands] --output partner-console-cli.1.gz

The program runs in the C.UTF-8 locale with LANGUAGE unset, so the page is English whatever the
builder's language. The help is QCommandLineParser's: a "Usage:" line, the description,
then "Options:", "Arguments:" and (for partner-console-cli) "Commands:" blocks whose
descriptions Qt wraps at 79 columns. With --commands, each command listed under "Commands:"
is asked for its own "COMMAND --help" and gets a subsection. --extra appends hand-written
sections (ENVIRONMENT, FILES, SEE ALSO): facts the help does not state.
"""

import argparse
import gzip
import os
import re
import subprocess
import sys

SECTION_HEADERS = ("Options:", "Arguments:", "Commands:")
# QCommandLineParser wraps option and argument descriptions so lines stay within 79 columns.
QT_LINE_WIDTH = 79


def run(executable, args):
    env = dict(os.environ)
    env.update({
        "LC_ALL": "C.UTF-8",
        "LANGUAGE": "",
        # The GUI constructs its QApplication before it parses --help: no display needed.
        "QT_QPA_PLATFORM": "offscreen",
        # Sanitizer builds (the asan preset) must not fail the build over a leak at exit.
        "ASAN_OPTIONS": "detect_leaks=0",
    })
    result = subprocess.run([executable] + args, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, check=False, timeout=60)
    if result.returncode != 0:
        sys.exit(f"help2roff: {executable} {' '.join(args)} exited with {result.returncode}")
    return result.stdout.decode("utf-8")


def escape(text):
    """Escapes text for roff: backslashes, and hyphens as minus signs in option names."""
    text = text.replace("\\", "\\e")
    # Every dash of an option-like word (--base-url, -h, -1) is a minus sign, so that the
    # rendered page can be copied into a shell.
    return re.sub(r"(?<![\w-])-[\w-]*", lambda m: m.group(0).replace("-", "\\-"), text)


def line(text):
    """A roff text line; a leading '.' or "'" would be read as a request."""
    text = escape(text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def parse_help(text, program):
    """Splits help text into usage, description lines and {header: [lines]} blocks."""
    lines = text.rstrip("\n").split("\n")
    usage = ""
    description = []
    blocks = {}
    trailer = []
    current = None
    for raw in lines:
        if raw.startswith("Usage: "):
            # argv[0] is the build's path; the page names the installed program.
            usage = re.sub(r"^\S+", program, raw[len("Usage: "):])
            continue
        if raw in SECTION_HEADERS:
            current = raw[:-1]
            blocks[current] = []
            continue
        if current is None:
            description.append(raw)
        elif raw.startswith("  "):
            blocks[current].append(raw)
        elif raw == "":
            blocks[current].append(raw)
        else:
            # Free text after the last block (partner-console-cli's closing notes).
            trailer.append(raw)
            current = "trailer"
            blocks.setdefault(current, [])
    blocks.pop("trailer", None)
    return usage, description, blocks, trailer


def parse_entries(block_lines):
    """Option or argument entries: [(names, [description lines])].

    Qt prints "  NAMES  DESCRIPTION" with continuation lines indented to the description
    column. Whether a continuation line was wrapped by Qt or was a line break in the
    description is told by width: Qt breaks before a word only when it would not fit.
    """
    entries = []
    column = None
    for raw in block_lines:
        if not raw.strip():
            continue
        match = re.match(r"^  (\S.*?)(?:  +(.*))?$", raw)
        indent = len(raw) - len(raw.lstrip(" "))
        if indent == 2 and match:
            names, text = match.group(1), match.group(2) or ""
            if match.group(2) is not None:
                column = len(raw) - len(text)
            entries.append([names, [text]])
            printed = text
            continue
        if not entries or column is None:
            continue
        text = raw[column:] if len(raw) > column else raw.strip()
        first_word = text.split()[0] if text.split() else ""
        width = QT_LINE_WIDTH - column
        # Compared with the line as printed, not with what was joined so far.
        wrapped = (not text.startswith(" ")
                   and len(printed) + 1 + len(first_word) > width - 1)
        if wrapped:
            entries[-1][1][-1] += " " + text
        else:
            entries[-1][1].append(text)
        printed = text
    return entries


def render_entry(names, texts):
    """One .TP entry; description lines that are themselves "  item  text" become a list."""
    out = [".TP"]
    parts = [p.strip() for p in names.split(",")]
    rendered = []
    for part in parts:
        m = re.match(r"^(\S+)(?: (.*))?$", part)
        name, value = m.group(1), m.group(2)
        text = "\\fB" + escape(name) + "\\fR"
        if value:
            text += " \\fI" + escape(value.strip("<>")) + "\\fR"
        rendered.append(text)
    out.append(", ".join(rendered))
    in_list = False
    for text in texts:
        item = re.match(r"^ +(\S+) +(\S.*)$", text)
        if item:
            if not in_list:
                out.append(".RS")
                in_list = True
            out += [".TP", "\\fB" + escape(item.group(1)) + "\\fR", line(item.group(2))]
            continue
        if in_list:
            # Back to the entry's own indent: a bare .IP continues its description.
            out += [".RE", ".IP"]
            in_list = False
        elif len(out) > 2:
            out.append(".br")
        out.append(line(text.strip()))
    if in_list:
        out.append(".RE")
    return out


def paragraphs(description):
    out = []
    for text in description:
        if text.strip():
            out.append(line(text.strip()))
        elif out and out[-1] != ".PP":
            out.append(".PP")
    while out and out[-1] == ".PP":
        out.pop()
    return out


def synopsis(usage):
    words = usage.split(" ", 1)
    rest = words[1] if len(words) > 1 else ""
    return [".B " + escape(words[0]), line(rest)] if rest else [".B " + escape(words[0])]


def option_key(names):
    return tuple(sorted(p.strip().split(" ")[0] for p in names.split(",")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executable", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--summary", required=True, help="one line for the NAME section")
    parser.add_argument("--date", required=True, help="date of the page (the release date)")
    parser.add_argument("--section", default="1")
    parser.add_argument("--manual", default="User Commands")
    parser.add_argument("--extra", help="roff file appended after the generated sections")
    parser.add_argument("--commands", action="store_true",
                        help="document each command of the Commands: block with its --help")
    parser.add_argument("--output", required=True, help="the .gz file to write")
    options = parser.parse_args()

    name = options.name
    version_line = run(options.executable, ["--version"]).strip().splitlines()[0]
    # The release the page documents; a snapshot's +git... suffix would crowd the footer.
    version = version_line.split()[-1].split("+")[0]
    usage, description, blocks, trailer = parse_help(run(options.executable, ["--help"]), name)

    out = [
        f'.\\" Generated from "{name} --help" by packaging/man/help2roff.py; do not edit.',
        f'.TH {name.upper()} {options.section} "{options.date}" '
        f'"{name} {version}" "{options.manual}"',
        ".SH NAME",
        f"{escape(name)} \\- {escape(options.summary)}",
        ".SH SYNOPSIS",
    ]
    out += synopsis(usage)
    out += [".SH DESCRIPTION"] + paragraphs(description)

    global_options = parse_entries(blocks.get("Options", []))
    if global_options:
        out.append(".SH OPTIONS")
        for names, texts in global_options:
            out += render_entry(names, texts)

    exit_status = [t for t in trailer if t.startswith("Exit codes:")]
    notes = [t for t in trailer if not t.startswith("Exit codes:")]

    if options.commands and "Commands" in blocks:
        known = {option_key(names) for names, _ in global_options}
        out.append(".SH COMMANDS")
        out += paragraphs(notes)
        for raw in blocks["Commands"]:
            m = re.match(r"^  (\S+)\s+(.*)$", raw)
            if not m:
                continue
            command, summary = m.groups()
            c_usage, _, c_blocks, _ = parse_help(run(options.executable, [command, "--help"]),
                                                 name)
            out += [f".SS {escape(command)}"] + synopsis(c_usage)
            out += [".PP", line(summary)]
            c_arguments = [(n, t) for n, t in parse_entries(c_blocks.get("Arguments", []))
                           if n != command]
            c_options = [(n, t) for n, t in parse_entries(c_blocks.get("Options", []))
                         if option_key(n) not in known and option_key(n) != ("--help", "-h")]
            if c_arguments:
                out += [".PP", "Arguments:"]
                for names, texts in c_arguments:
                    out += render_entry(names, texts)
            if c_options:
                out += [".PP", "Options, besides those under \\fBOPTIONS\\fR:"]
                for names, texts in c_options:
                    out += render_entry(names, texts)
    else:
        arguments = parse_entries(blocks.get("Arguments", []))
        if arguments:
            out.append(".SH ARGUMENTS")
            for names, texts in arguments:
                out += render_entry(names, texts)
        if notes:
            out += [".SH NOTES"] + paragraphs(notes)

    if exit_status:
        out.append(".SH EXIT STATUS")
        codes = exit_status[0][len("Exit codes:"):].strip().rstrip(".")
        for item in codes.split(","):
            m = re.match(r"^\s*(\d+)\s+(.*)$", item)
            if m:
                out += [".TP", "\\fB" + m.group(1) + "\\fR", line(m.group(2))]

    if options.extra:
        with open(options.extra, encoding="utf-8") as extra:
            out.append(extra.read().rstrip("\n"))

    page = ("\n".join(out) + "\n").encode("utf-8")
    # No name and no time stamp in the gzip header: the same page gives the same bytes
    # (lintian: package-contains-timestamped-gzip).
    with open(options.output, "wb") as raw_file:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw_file, mtime=0,
                           compresslevel=9) as zipped:
            zipped.write(page)


if __name__ == "__main__":
    main()
