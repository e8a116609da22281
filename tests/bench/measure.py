#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time every operation of make bench on aimap and on the plain sqlite3
tool doing the equivalent work on the same file in the same run, and
print one table: both times, their ratio, the growth from the smallest
size to the largest, and the peak memory of each.

Run by tests/bench/run.sh (make bench), which makes the databases with
'aimap demo --respondents N' (round DEMO-1 holds N completed responses,
DEMO-2 those who came back) and builds report-time. At each size, on
round DEMO-1:

  report --by department    aimap report -r DEMO-1 --by department, text
                            to /dev/null. sqlite3: the aggregate someone
                            without aimap would write (sql/report.sql),
                            with the sums of squares behind the means'
                            standard errors (sql/report-squares.sql)
                            and the count of people near a segment's
                            line (sql/report-near.sql)
  export responses          aimap export responses -o FILE (written beside
                            FILE, synced, renamed). sqlite3 -csv -header of
                            the same columns to a file
                            (sql/export-responses.sql)
  export answers            aimap export answers --identifiable -o FILE
                            (the full form import reads): one row per
                            question of every response. sqlite3 -csv
                            -header of the same rows; the questions and
                            choices, which live in the questionnaire's
                            text, as VALUES (sql/export-answers.sql)
  import                    aimap import of that answers export into an
                            empty database: every row checked, every
                            response scored again. sqlite3: .import of the
                            same file into a table and INSERT ... SELECT of
                            respondents, responses, answers and estimates,
                            unchecked and unscored (sql/import.sql)
  merge                     aimap merge of the whole demo database (both
                            rounds) into an empty one. sqlite3: ATTACH and
                            INSERT OR IGNORE ... SELECT of every table,
                            matched by UUID (sql/merge.sql)
  import, merge, CPU time   the same runs' user and system time: past a
                            few GB written, both sides' wall time waits
                            on the disk (the kernel keeps only so much
                            not yet written), the CPU time does not
  import, merge, user CPU   the user part of it: the work of aimap's (and
                            sqlite3's) own code. The system part is mostly
                            the kernel taking memory for the file pages
                            written, which on some machines (virtual ones
                            that hand their free memory back to the host)
                            costs several times more per page once a run
                            writes more than recently freed memory holds:
                            2 GB written with dd took 12 s of system time
                            there, the same again right after 0.4 s
  launch -> first question  aimap take -r DEMO-1 in a pseudo-terminal,
                            from spawn until the first profile question
                            shows, plus the profile keys (a new name,
                            department, role, track, contact) until the
                            first question shows: the time aimap needs,
                            with the respondent's typing left out. sqlite3:
                            the reads aimap does up to its first screen
                            (sql/first-screen.sql), then those of the last
                            profile key (sql/profile.sql)
  launch, instructions      the same launch counted in instructions by
                            valgrind's callgrind (steady where a few
                            milliseconds are noise): aimap take -r DEMO-1
                            until it first waits for a key, its first
                            screen drawn; sqlite3 with open.sql and
                            first-screen.sql until it closes the
                            database. Once per size; without valgrind the
                            row says so
  answer key -> next q      one answer key until the next question shows,
                            every question of the technical track.
                            sqlite3: the same save (sql/answer.sql)
  submit, 1 writer          aimap submit of one answers file, one process
                            per respondent, one after another; the cell is
                            the wall time per submission. sqlite3: one
                            process per respondent doing the same reads
                            and inserts in one transaction (sql/submit.sql)
  submit, 8 writers         the same, eight processes at a time
  dashboard refresh         one build of round DEMO-2's report, the
                            dashboard's work each time the data changes
                            on any view but Champions (no champions'
                            names), without a process start: the median
                            of REFRESH_BUILDS - 1 builds in one process
                            after the first (report-time); aimap only
  refresh, compare, first   the first such build with DEMO-1 (closed) to
                            compare with: it reads the baseline
  refresh, compare, later   the builds after it, the baseline kept (a
                            write before each, as an answer arriving: the
                            round's own people are read again)
  refresh, compare, view    as many builds with nothing written (another
                            view or grouping of the same data): the
                            round's people and their match are kept
  dashboard first screen    aimap dashboard -r DEMO-2 in a pseudo-terminal,
                            from spawn until the round's counts show
  dashboard c -> compare    from c until the comparison with DEMO-1 shows
  key during rebuild, worst while that rebuild runs, Tab and Shift-Tab
                            switch views: the longest any key waited for
                            its view to show (time_dashboard)
  report --compare          aimap report -r DEMO-2 --compare DEMO-1
  round list                aimap round list. sqlite3: the same counts from
                            the responses (sql/round-list.sql)
  report -c, namesakes      aimap report -r DEMO-2 --compare DEMO-1 on a
                            copy where one person in ten shares one of ten
                            names and DEMO-2's people are respondents of
                            their own (sql/namesakes.sql): champions and
                            who moved, matched by name and department.
                            sqlite3: sql/report.sql and
                            sql/namesakes-report.sql
  demo build (once)         aimap demo --respondents N into a new file,
                            once, up to --demo-max (100,000) respondents;
                            aimap only

Every sqlite3 script starts with sql/open.sql, what aimap does on opening
a database. Every process runs under GNU time, which gives its peak
memory (maximum resident set) and costs both sides the same small fork.
The two tools alternate run by run, so a noisy machine slows both alike.
A sqlite3 keypress is too small to tell from the noise of a process
start, so it is timed K times over in one process: (open + K answers -
open) / K, and the same for K profiles.
"""

import argparse
import codecs
import fcntl
import itertools
import math
import os
import re
import select
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import uuid

ROWS, COLS = 24, 80
NEAR_LINE = 5  # SCORING_NEAR_LINE in src/scoring.h
REFRESH_BUILDS = 5  # report_build calls per run of report-time
DASH_KEYS = 40  # keys sent to the dashboard at most while it rebuilds
WAIT_SECONDS = 120.0  # a sanitizer build, or 1M, on a busy machine
QUIET_SECONDS = 0.02  # no output for this long: the screen is complete
FIRST_SCREEN = "Your name, or an alias"  # take's first question about you
# the dashboard's title ends with its view and where it stands among them
COMPARE_VIEW = re.compile(r"Compare \d+/\d+ *$")
OTHER_VIEW = re.compile(r"(?<!Compare) \d+/\d+ *$")


# ---- a terminal, as much of xterm as ncurses uses --------------------------

TOKEN = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI: parameters, final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (ignored)
    r"|\x1b[ -/]*[0-Z\\^-~]"  # other escapes: ESC 7, ESC ( B...
    r"|[\x00-\x1a\x1c-\x1f\x7f]"  # C0 controls
    r"|[^\x00-\x1f\x7f]+"  # text
)


class Screen:
    """The cells of an xterm, fed with what the program writes."""

    def __init__(self, rows=ROWS, cols=COLS):
        self.rows, self.cols = rows, cols
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.pending = ""
        self.reset()

    def reset(self):
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        self.y = self.x = 0
        self.wrap = False
        self.top, self.bottom = 0, self.rows - 1
        self.saved = (0, 0)
        self.last = " "

    def text(self):
        return ["".join(row) for row in self.grid]

    def shows(self, *markers):
        """Whether every marker (text, or a compiled pattern) is on one
        of the rows."""
        rows = self.text()
        return all(any(m.search(row) if hasattr(m, "search") else m in row
                       for row in rows) for m in markers)

    def feed(self, data):
        text = self.pending + self.decoder.decode(data)
        pos = 0
        while pos < len(text):
            m = TOKEN.match(text, pos)
            if m is None:  # an escape sequence cut short: wait for more
                break
            self.token(m)
            pos = m.end()
        self.pending = text[pos:]

    def token(self, m):
        s = m.group(0)
        if m.group(2) is not None:
            self.csi(m.group(1), m.group(2))
        elif s[0] == "\x1b":
            self.escape(s[1:])
        elif len(s) == 1 and (s < " " or s == "\x7f"):
            self.control(s)
        else:
            for ch in s:
                self.put(ch)

    def put(self, ch):
        if self.wrap:
            self.x = 0
            self.linefeed()
        self.grid[self.y][self.x] = ch
        self.last = ch
        self.wrap = self.x == self.cols - 1
        if not self.wrap:
            self.x += 1

    def move(self, y, x):
        self.y = max(0, min(self.rows - 1, y))
        self.x = max(0, min(self.cols - 1, x))
        self.wrap = False

    def scroll(self, n, top=None):
        """Scroll the region from top (the cursor's line for il/dl) up by
        n lines, or down for n < 0."""
        top = self.top if top is None else top
        region = self.grid[top:self.bottom + 1]
        blank = [[" "] * self.cols for _ in range(min(abs(n), len(region)))]
        if n > 0:
            region = region[len(blank):] + blank
        else:
            region = blank + region[:len(region) - len(blank)]
        self.grid[top:self.bottom + 1] = region

    def linefeed(self):
        if self.y == self.bottom:
            self.scroll(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def control(self, c):
        if c == "\r":
            self.x, self.wrap = 0, False
        elif c in "\n\x0b\x0c":
            self.linefeed()
            self.wrap = False
        elif c == "\b":
            self.move(self.y, self.x - 1)
        elif c == "\t":
            self.move(self.y, (self.x // 8 + 1) * 8)

    def escape(self, rest):
        if rest == "7":
            self.saved = (self.y, self.x)
        elif rest == "8":
            self.move(*self.saved)
        elif rest == "M":  # reverse index
            if self.y == self.top:
                self.scroll(-1)
            else:
                self.move(self.y - 1, self.x)
        elif rest == "D":
            self.linefeed()
        elif rest == "E":
            self.x = 0
            self.linefeed()
        elif rest == "c":
            self.reset()
        # charsets, keypad modes and the like change no cell

    def erase(self, y, x0, x1):
        for x in range(x0, x1):
            self.grid[y][x] = " "

    def csi(self, params, final):
        private = params[:1] in ("?", ">", "=", "<")
        if private:
            if final in "hl" and "1049" in params.split(";") and final == "h":
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
            return
        args = [int(p) if p.isdigit() else 0 for p in params.split(";")]
        n = max(args[0], 1)
        y, x = self.y, self.x
        if final in "Hf":
            row = args[0] if args[0] else 1
            col = args[1] if len(args) > 1 and args[1] else 1
            self.move(row - 1, col - 1)
        elif final == "A":
            self.move(y - n, x)
        elif final in "Be":
            self.move(y + n, x)
        elif final in "Ca":
            self.move(y, x + n)
        elif final == "D":
            self.move(y, x - n)
        elif final == "E":
            self.move(y + n, 0)
        elif final == "F":
            self.move(y - n, 0)
        elif final in "G`":
            self.move(y, n - 1)
        elif final == "d":
            self.move(n - 1, x)
        elif final == "K":
            lo, hi = {0: (x, self.cols), 1: (0, x + 1)}.get(
                args[0], (0, self.cols))
            self.erase(y, lo, hi)
        elif final == "J":
            if args[0] == 0:
                self.erase(y, x, self.cols)
                rows = range(y + 1, self.rows)
            elif args[0] == 1:
                self.erase(y, 0, x + 1)
                rows = range(0, y)
            else:
                rows = range(self.rows)
            for r in rows:
                self.erase(r, 0, self.cols)
        elif final == "X":
            self.erase(y, x, min(self.cols, x + n))
        elif final == "P":
            row = self.grid[y]
            self.grid[y] = (row[:x] + row[x + n:] + [" "] * n)[:self.cols]
        elif final == "@":
            row = self.grid[y]
            self.grid[y] = (row[:x] + [" "] * n + row[x:])[:self.cols]
        elif final == "L":
            if self.top <= y <= self.bottom:
                self.scroll(-n, top=y)
        elif final == "M":
            if self.top <= y <= self.bottom:
                self.scroll(n, top=y)
        elif final == "S":
            self.scroll(n)
        elif final == "T":
            self.scroll(-n)
        elif final == "b":  # repeat the last character
            for _ in range(n):
                self.put(self.last)
        elif final == "r":
            top = args[0] if args[0] else 1
            bottom = args[1] if len(args) > 1 and args[1] else self.rows
            self.top, self.bottom = top - 1, min(bottom, self.rows) - 1
            self.move(0, 0)
        # m (colours), h/l (modes), t (window) change no cell


# ---- aimap in a pseudo-terminal ---------------------------------------------


class BenchError(Exception):
    pass


class Terminal:
    """One aimap process on a pseudo-terminal of ROWS x COLS."""

    def __init__(self, argv, env):
        self.screen = Screen()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.master = master
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave,
                                     stderr=slave, env=env, close_fds=True,
                                     start_new_session=True)
        os.close(slave)
        self.eof = False

    def read(self, timeout):
        """Read what is there within timeout; the time it arrived, or None."""
        if self.eof:
            return None
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return None
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the program closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            self.eof = True
            return None
        self.screen.feed(data)
        return now

    def wait_for(self, *markers):
        """The time at which every marker was on the screen."""
        deadline = time.perf_counter() + WAIT_SECONDS
        while not self.screen.shows(*markers):
            if self.eof or time.perf_counter() > deadline:
                raise BenchError(
                    "waited in vain for %r; the screen shows:\n%s"
                    % (markers, "\n".join(self.screen.text())))
            arrived = self.read(deadline - time.perf_counter())
            if arrived is not None and self.screen.shows(*markers):
                return arrived
        return time.perf_counter()

    def settle(self):
        """Let the program finish drawing before the next key."""
        deadline = time.perf_counter() + 1.0
        while time.perf_counter() < deadline:
            if self.read(QUIET_SECONDS) is None:
                return

    def send(self, keys):
        sent = time.perf_counter()
        os.write(self.master, keys)
        return sent

    def close(self, key=b"q"):
        # q, and q again: leaving before the end asks to confirm (Esc
        # leaves take's first screen, where q is typed into the name)
        deadline = time.perf_counter() + WAIT_SECONDS
        for _ in range(2):
            try:
                os.write(self.master, key)
            except OSError:
                pass
            settle = time.perf_counter() + 1.0
            while not self.eof and time.perf_counter() < settle:
                self.read(0.1)
        while not self.eof and time.perf_counter() < deadline:
            self.read(0.1)
        try:
            status = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            status = "killed"
        os.close(self.master)
        if status != 0:
            raise BenchError("aimap take ended with status %s" % status)



# ---- the questionnaire --------------------------------------------------


def unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def read_questionnaire(path):
    """The questions in order, each a dict with id, type, text, dimension,
    track, audience and choices [(n, text, score)]: a minimal reading of
    the questionnaire format, enough for its bundled files."""
    questions, current = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            section = re.match(r"\[question\.([^\]]+)\]", line)
            if section:
                current = {"id": section.group(1), "type": "", "text": "",
                           "dimension": "", "track": None,
                           "audience": "everyone", "choices": {},
                           "scores": {}}
                questions.append(current)
            elif line.startswith("["):
                current = None
            elif current is not None and "=" in line and \
                    not line.startswith((";", "#")):
                key, value = (p.strip() for p in line.split("=", 1))
                value = unquote(value)
                m = re.match(r"(choice|score)(\d+)$", key)
                if m:
                    current[m.group(1) + "s"][int(m.group(2))] = value
                elif key in ("type", "text", "dimension", "track",
                             "audience"):
                    current[key] = value
    def score(value):  # "na" (not applicable) or none: no score
        if value is None or value.strip().lower() == "na":
            return None
        return int(value)
    for q in questions:
        q["choices"] = [(n, q["choices"][n], score(q["scores"].get(n)))
                        for n in sorted(q["choices"])]
    return questions


def read_lines(path):
    """The segment thresholds of the questionnaire's [classification]:
    {"champion": 65, "willing": 20, ...}."""
    lines, inside = {}, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                inside = line == "[classification]"
            elif inside and "=" in line and not line.startswith((";", "#")):
                key, value = (p.strip() for p in line.split("=", 1))
                lines[key] = unquote(value)
    return lines


def shown(questions, track, leader):
    return [q for q in questions if q["track"] in (None, track)
            and (q["audience"] != "leaders" or leader)]


def marker(text):
    """A piece of a question's text that fits on its first line."""
    return text[:40]


def literal(value):
    """An SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


# ---- running things -----------------------------------------------------


class Tools:
    def __init__(self, args, env):
        self.args, self.env = args, env
        self.sqlite = [args.sqlite3, "-batch", "-bail", "-init", "/dev/null"]

    def run(self, argv, script=None, stdout=None):
        """Spawn to exit under GNU time: (seconds, peak KB). stdin from
        script (bytes), stdout to the file named (or /dev/null). Its
        CPU time (user and system) is left in self.cpu_seconds, the user
        part alone in self.user_seconds."""
        with tempfile.NamedTemporaryFile("r") as mem:
            out = open(stdout or os.devnull, "wb")
            started = time.perf_counter()
            proc = subprocess.run(
                [self.args.time, "-f", "%U %S %M", "-o", mem.name] + argv,
                input=script, stdout=out, stderr=subprocess.PIPE,
                env=self.env)
            elapsed = time.perf_counter() - started
            out.close()
            if proc.returncode != 0:
                raise BenchError("%s failed (status %d): %s" % (
                    " ".join(argv), proc.returncode,
                    proc.stderr.decode(errors="replace").strip()))
            user, system, kb = mem.read().split()[-3:]
            self.cpu_seconds = float(user) + float(system)
            self.user_seconds = float(user)
            return elapsed, int(kb)

    def aimap(self, db, *args, stdout=None):
        return self.run([self.args.aimap, "--db", db] + list(args),
                        stdout=stdout)

    def sqlite3(self, db, script, stdout=None, options=()):
        return self.run(self.sqlite + list(options) + [db],
                        script.encode(), stdout)


class Result:
    """The runs of one operation at one size: seconds and peak KB of
    each side (sqlite3's None when it has no equivalent); or, when
    counts, instructions and no memory."""

    def __init__(self, counts=False):
        self.a, self.s, self.a_kb, self.s_kb = [], [], [], []
        self.counts = counts

    def add(self, side, seconds, kb):
        getattr(self, side).append(seconds)
        getattr(self, side + "_kb").append(kb)

    def ms(self, side):
        v = getattr(self, side)
        return statistics.median(v) * 1000.0 if v else None

    def kb(self, side):
        v = getattr(self, side + "_kb")
        return max(v) if v else None

    def value(self, side):
        """The median: milliseconds, or instructions when counts."""
        v = getattr(self, side)
        if not v:
            return None
        return statistics.median(v) * (1 if self.counts else 1000.0)

    def show(self, side):
        v = self.value(side)
        return instructions(v) if self.counts else duration(v)


def alternate(args, aimap, sqlite, prepare=None, cpu=None):
    """Run both sides in turn, up to args.runs times, until args.budget
    seconds were spent on it: a Result. With cpu (the Tools that ran and
    two Results), each run's CPU time is added to the first, its user
    time to the second."""
    r = Result()
    spent = 0.0
    for _ in range(args.runs):
        for side, fn in (("a", aimap), ("s", sqlite)):
            if prepare:
                prepare()
            seconds, kb = fn()
            r.add(side, seconds, kb)
            if cpu:
                cpu[1].add(side, cpu[0].cpu_seconds, kb)
                cpu[2].add(side, cpu[0].user_seconds, kb)
            spent += seconds
        if spent > args.budget:
            break
    return r


def time_take(tools, db, questions, name):
    """One respondent in aimap take: (launch, profile, [answer keys]) in
    seconds, and the peak KB."""
    total = len(questions)
    with tempfile.NamedTemporaryFile("r") as mem:
        term = Terminal([tools.args.time, "-f", "%M", "-o", mem.name,
                         tools.args.aimap, "--db", db, "take", "-r",
                         "DEMO-1"], tools.env)
        try:
            first_screen = term.wait_for(FIRST_SCREEN)
            launch = first_screen - term.started
            term.settle()
            # name, Enter; department 1; role 4 (individual); track 1
            # (technical); contact 2 (no)
            sent = term.send(name.encode() + b"\r" + b"1412")
            seen = term.wait_for(marker(questions[0]["text"]),
                                 "1 / %d" % total)
            profile = seen - sent
            keys = []
            for i in range(1, total):
                term.settle()
                # a comment is optional: Enter leaves it empty and goes on
                key = b"\r" if questions[i - 1]["type"] == "comment" \
                    else b"3"
                sent = term.send(key)
                seen = term.wait_for(marker(questions[i]["text"]),
                                     "%d / %d" % (i + 1, total))
                keys.append(seen - sent)
            # a comment field takes q as text: Esc back to a question
            # that does not, so that close() can leave
            if questions[total - 1]["type"] == "comment":
                term.settle()
                term.send(b"\x1b")
                term.settle()
        finally:
            term.close()
        return launch, profile, keys, int(mem.read().split()[-1])


def callgrind_total(path):
    """The instructions a callgrind profile counted."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("totals:"):
                return int(line.split()[1])
    raise BenchError("no totals in the callgrind profile %s" % path)


def callgrind(out, stop):
    """valgrind's callgrind, writing its profile to out, with a first
    profile (out.1) of what ran before the first call of stop; None
    without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    return [valgrind, "--tool=callgrind", "--log-file=" + out + ".log",
            "--callgrind-out-file=" + out, "--dump-before=" + stop]


def first_count(out):
    """The instructions before the stop function (out.1), or of the whole
    run when it was never called."""
    return callgrind_total(out + ".1" if os.path.exists(out + ".1")
                           else out)


def count_launch(tools, db, launch_sql):
    """Instructions, counted by valgrind's callgrind: aimap take -r DEMO-1
    from its start until it first waits for a key (wget_wch), its first
    screen drawn; and the sqlite3 tool doing the reads aimap does up to
    then (launch_sql), from its start until it closes the database
    (sqlite3_close). Both leave out their closing work; (aimap, sqlite3),
    or None when there is no valgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        a_out, s_out = os.path.join(tmp, "aimap"), os.path.join(tmp, "sql")
        grind = callgrind(a_out, "wget_wch")
        if grind is None:
            return None
        term = Terminal(grind + [tools.args.aimap, "--db", db, "take", "-r",
                                 "DEMO-1"], tools.env)
        try:
            term.wait_for(FIRST_SCREEN)
            term.settle()
        finally:
            term.close(b"\x1b")
        tools.run(callgrind(s_out, "sqlite3_close") + tools.sqlite + [db],
                  launch_sql.encode())
        return first_count(a_out), first_count(s_out)


def time_refresh(report_time, db, code, compare=None):
    """report-time's builds: the median of the builds after the first
    (the dashboard's refresh once a closed baseline is kept, a write
    before each), its process's peak memory in KB, the first, and the
    median of the builds with nothing written, all in seconds."""
    argv = [report_time, db, code, str(REFRESH_BUILDS)]
    if compare:
        argv.append(compare)
    proc = subprocess.run(argv, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise BenchError("%s failed (status %d): %s" % (
            " ".join(argv), proc.returncode,
            proc.stderr.decode(errors="replace").strip()))
    ms, kb, first, same = proc.stdout.split()
    return (float(ms) / 1000.0, int(kb), float(first) / 1000.0,
            float(same) / 1000.0)


def time_dashboard(tools, db, keys=DASH_KEYS):
    """aimap dashboard -r DEMO-2 in a pseudo-terminal: (first screen,
    worst key delay while a rebuild runs, c until the comparison shows)
    in seconds, and the peak KB. The first screen is the time from spawn
    until the round's counts show (not the frame alone). Then c asks for
    the comparison with DEMO-1, a rebuild that reads both rounds; while
    the title says "reading...", Tab and Shift-Tab go on switching views,
    each timed from the key until its view's name shows: the worst of
    them is how long a rebuild delays a key."""
    with tempfile.NamedTemporaryFile("r") as mem:
        term = Terminal([tools.args.time, "-f", "%M", "-o", mem.name,
                         tools.args.aimap, "--db", db, "dashboard", "-r",
                         "DEMO-2"], tools.env)
        try:
            first = term.wait_for("Answers so far") - term.started
            term.settle()
            sent = asked = term.send(b"c")
            worst = term.wait_for(COMPARE_VIEW) - sent
            forth = True
            for _ in range(keys):
                if not term.screen.shows("reading..."):
                    break
                sent = term.send(b"\t" if forth else b"\x1b[Z")
                seen = term.wait_for(OTHER_VIEW if forth else COMPARE_VIEW)
                worst = max(worst, seen - sent)
                forth = not forth
                time.sleep(0.05)
            if not forth:  # back to the comparison
                term.send(b"\x1b[Z")
            shown = term.wait_for("Change since round DEMO-1") - asked
        finally:
            term.close()
        return first, worst, shown, int(mem.read().split()[-1])


def writers(count, jobs, fn):
    """jobs calls of fn(i), count at a time: (wall seconds, [results])."""
    results = [None] * jobs
    errors = []
    lock = threading.Lock()
    todo = iter(range(jobs))

    def worker():
        while not errors:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            try:
                results[i] = fn(i)
            except BenchError as e:
                errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(count)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return elapsed, results


def same_cells(a, b):
    """Whether two CSV files hold the same cells, apart from aimap's
    byte-order mark and CRLF and sqlite3's quoting of any text with a
    space; None when they do, else the first line that differs. Read a
    line at a time: memory stays that of one line at any size."""
    def lines(f):
        first = True
        for line in f:
            if first and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            first = False
            yield line.replace(b"\r", b"").replace(b"\n", b"").replace(
                b'"', b"")
    with open(a, "rb") as fa, open(b, "rb") as fb:
        na = nb = 0
        for x, y in itertools.zip_longest(lines(fa), lines(fb)):
            na += x is not None
            nb += y is not None
            if x is not None and y is not None and x != y:
                return "line %d: aimap %r, sqlite3 %r" % (na, x[:120],
                                                          y[:120])
        if na != nb:
            return "aimap %d lines, sqlite3 %d" % (na, nb)
    return None


def counts(db):
    """What an import or a merge made, to compare the two sides."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return tuple(con.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
                     for t in ("round", "respondent", "response", "answer",
                               "estimate"))
    finally:
        con.close()


# ---- one size -----------------------------------------------------------


def measure_size(args, tools, n, cached, questions, notes):
    """Every operation on the database of n respondents: {key: Result}."""
    work = os.path.join(args.work, str(n))
    os.mkdir(work)
    db = os.path.join(work, "bench.db")  # launch and submit add to it
    subprocess.run(["cp", cached, db], check=True)
    # aimap demo closes its rounds; launch and submit need DEMO-1 open
    subprocess.run([args.aimap, "--db", db, "round", "open", "DEMO-1"],
                   check=True, stdout=subprocess.DEVNULL)
    res = {}

    def sql(name, **subst):
        """sql/NAME.sql with each @KEY@ replaced, except in comments."""
        with open(os.path.join(args.sql, name + ".sql"),
                  encoding="utf-8") as f:
            lines = f.readlines()
        for key, value in subst.items():
            lines = [line if line.startswith("--") else
                     line.replace("@%s@" % key, value) for line in lines]
        return "".join(lines)

    def note(what):
        notes.append("%d: %s" % (n, what))

    def out(name):
        return os.path.join(work, name)

    def progress(what):
        print("  %d: %s" % (n, what), file=sys.stderr, flush=True)

    opening = sql("open")
    # the exports' files hold the query's rows only
    quietly = ".output /dev/null\n" + opening + ".output\n"

    # report
    progress("report")
    # with the two reads issue 13 added to aimap's report: the sums of
    # squares behind the standard errors, and the count near the lines
    thresholds = read_lines(args.questionnaire)
    report_sql = (opening + sql("report", CODE="DEMO-1") +
                  sql("report-squares", CODE="DEMO-1") +
                  sql("report-near", CODE="DEMO-1",
                      CHAMPION=thresholds["champion"],
                      WILLING=thresholds["willing"],
                      MARGIN=str(NEAR_LINE)))
    res["report"] = alternate(
        args,
        lambda: tools.aimap(db, "report", "-r", "DEMO-1", "--by",
                            "department"),
        lambda: tools.sqlite3(db, report_sql))

    # export responses
    progress("export responses")
    tools.aimap(db, "export", "responses", "-r", "DEMO-1", "-o",
                out("responses.csv"))
    with open(out("responses.csv"), encoding="utf-8-sig") as f:
        header = f.readline().strip().split(",")
    scores = "".join(
        ",\n       (SELECT round(c.score, 1) FROM response_score c"
        " WHERE c.response_id = p.id AND c.dimension = %s) AS %s"
        % (literal(h[len("score_"):]), h)
        for h in header if h.startswith("score_"))
    responses_sql = quietly + sql("export-responses", CODE="DEMO-1",
                                  SCORES=scores)
    res["responses"] = alternate(
        args,
        lambda: tools.aimap(db, "export", "responses", "-r", "DEMO-1",
                            "-o", out("responses.csv")),
        lambda: tools.sqlite3(db, responses_sql, out("responses-s.csv"),
                              ("-csv", "-header")))
    differs = same_cells(out("responses.csv"), out("responses-s.csv"))
    if differs:
        note("export responses: the two files differ: " + differs)

    # export answers
    progress("export answers")
    rows = ",\n           ".join(
        "(%d, %s, %s, %s, %s, %d)" % (
            i, literal(q["id"]), literal(q["type"]),
            literal(q["dimension"] or None), literal(q["track"]),
            q["audience"] == "leaders")
        # comments never sit beside a name: aimap leaves them out
        for i, q in enumerate(questions) if q["type"] != "comment")
    choices = ",\n           ".join(
        "(%s, %d, %s, %s)" % (literal(q["id"]), c, literal(text),
                              literal(score))
        for q in questions for c, text, score in q["choices"])
    answers_sql = quietly + sql("export-answers", CODE="DEMO-1",
                                QUESTIONS=rows, CHOICES=choices)
    answers_csv = out("answers.csv")
    res["answers"] = alternate(
        args,
        lambda: tools.aimap(db, "export", "answers", "-r", "DEMO-1",
                            "--identifiable", "-o", answers_csv),
        lambda: tools.sqlite3(db, answers_sql, out("answers-s.csv"),
                              ("-csv", "-header")))
    differs = same_cells(answers_csv, out("answers-s.csv"))
    if differs:
        note("export answers: the two files differ: " + differs)
    os.unlink(out("answers-s.csv"))

    # import, into an empty database each time
    progress("import")
    target = out("target.db")

    def fresh():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(target + suffix):
                os.unlink(target + suffix)
        subprocess.run(["cp", args.empty, target], check=True)
        # what the last run wrote is on the disk before the next starts:
        # at 1,000,000 each writes gigabytes, and a merge timed right
        # after the import took 341 s where alone it took 244 s
        os.sync()

    con = sqlite3.connect("file:%s?mode=ro&immutable=1" % cached, uri=True)
    qid, version, title, qhash = con.execute(
        "SELECT q.qid, q.version, q.title, q.hash FROM round r"
        " JOIN questionnaire q ON q.id = r.questionnaire_id"
        " WHERE r.code = 'DEMO-1'").fetchone()
    con.close()
    import_sql = opening + sql(
        "import", QID=literal(qid), VERSION=literal(version),
        TITLE=literal(title), HASH=literal(qhash),
        SOURCE=literal(args.questionnaire), FILE=answers_csv)
    made = {}

    def import_aimap():
        r = tools.aimap(target, "import", "-q", args.questionnaire,
                        answers_csv)
        made["a"] = counts(target)
        return r

    def import_sqlite():
        r = tools.sqlite3(target, import_sql)
        made["s"] = counts(target)
        return r

    res["importcpu"], res["importuser"] = Result(), Result()
    res["import"] = alternate(args, import_aimap, import_sqlite, fresh,
                              (tools, res["importcpu"], res["importuser"]))
    if made["a"] != made["s"]:
        note("import: aimap made %s rounds, respondents, responses, "
             "answers, estimates; sqlite3 %s" % (made["a"], made["s"]))

    # merge the whole demo database into an empty one
    progress("merge")
    merge_sql = opening + sql(
        "merge", OTHER=literal("file:%s?mode=ro&immutable=1" % cached))

    def merge_aimap():
        r = tools.aimap(target, "merge", cached)
        made["a"] = counts(target)
        return r

    def merge_sqlite():
        r = tools.sqlite3(target, merge_sql)
        made["s"] = counts(target)
        return r

    res["mergecpu"], res["mergeuser"] = Result(), Result()
    res["merge"] = alternate(args, merge_aimap, merge_sqlite, fresh,
                             (tools, res["mergecpu"], res["mergeuser"]))
    if made["a"] != made["s"]:
        note("merge: aimap made %s rounds, respondents, responses, "
             "answers, estimates; sqlite3 %s" % (made["a"], made["s"]))
    fresh()
    os.unlink(target)

    # the dashboard's refresh, without a process start
    progress("dashboard refresh")
    for key in ("refresh", "compare1", "compare", "compareview", "dashfirst",
                "keydelay", "dashcompare", "reportcompare"):
        res[key] = Result()
    for _ in range(args.runs):
        ms, kb, _, _ = time_refresh(args.report_time, db, "DEMO-2")
        res["refresh"].add("a", ms, kb)
        ms, kb, first, same = time_refresh(args.report_time, db, "DEMO-2",
                                           "DEMO-1")
        res["compare"].add("a", ms, kb)
        res["compare1"].add("a", first, kb)
        res["compareview"].add("a", same, kb)

    # report --compare, on the command line
    progress("report --compare")
    spent = 0.0
    for _ in range(args.runs):
        seconds, kb = tools.aimap(db, "report", "-r", "DEMO-2", "--compare",
                                  "DEMO-1")
        res["reportcompare"].add("a", seconds, kb)
        spent += seconds
        if spent > args.budget:
            break

    # the dashboard itself, keys sent while it rebuilds
    progress("dashboard keys")
    spent = 0.0
    for _ in range(args.runs):
        first, worst, compared, kb = time_dashboard(tools, db)
        res["dashfirst"].add("a", first, kb)
        res["keydelay"].add("a", worst, kb)
        res["dashcompare"].add("a", compared, kb)
        spent += first + compared
        if spent > args.budget:
            break

    # launch, profile and answer keys; aimap demo closes its rounds, and
    # the dashboard's rows above want DEMO-1 closed (a kept baseline)
    tools.aimap(db, "round", "open", "DEMO-1")
    # round list: counts from the running totals, the same cost at any
    # size
    progress("round list")
    round_list_sql = opening + sql("round-list")
    res["rounds"] = alternate(
        args, lambda: tools.aimap(db, "round", "list"),
        lambda: tools.sqlite3(db, round_list_sql))

    # many namesakes: one person in ten shares one of ten names, and the
    # later round's people are respondents of their own (sql/namesakes.sql)
    progress("report --compare, namesakes")
    namesakes = out("namesakes.db")
    subprocess.run(["cp", cached, namesakes], check=True)
    tools.sqlite3(namesakes, sql("namesakes"))
    namesakes_sql = (opening + sql("report", CODE="DEMO-2")
                     + sql("namesakes-report"))
    res["namesakes"] = alternate(
        args,
        lambda: tools.aimap(namesakes, "report", "-r", "DEMO-2",
                            "--compare", "DEMO-1"),
        lambda: tools.sqlite3(namesakes, namesakes_sql))
    os.unlink(namesakes)

    # the demo's build, once (aimap only; up to --demo-max respondents)
    res["demo"] = Result()
    if n <= args.demo_max:
        progress("demo build")
        built = out("built.db")
        res["demo"].add("a", *tools.aimap(built, "demo", "--respondents",
                                          str(n), "--seed", "1"))
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(built + suffix):
                os.unlink(built + suffix)

    # launch, profile and answer keys
    progress("launch and answer keys")
    flow = shown(questions, "technical", False)
    nkeys = len(flow) - 1
    launch_sql = opening + sql("first-screen", CODE="DEMO-1")
    keys_sql = launch_sql + "".join(sql("answer", QUESTION=q["id"])
                                    for q in flow[1:])
    first, key = Result(), Result()
    s_launch, s_profiles, s_keys, s_kb = [], [], [], []
    spent = 0.0
    for run in range(args.runs):
        name = "bench %d.%d" % (os.getpid(), run)
        a_launch, a_profile, a_keys, kb = time_take(tools, db, flow, name)
        first.add("a", a_launch + a_profile, kb)
        key.a.extend(a_keys)
        key.a_kb.append(kb)
        profiles = "".join(sql("profile", CODE="DEMO-1",
                               NAME="sqlite %s.%d" % (name, k))
                           for k in range(nkeys))
        for seen, script in ((s_launch, launch_sql),
                             (s_profiles, launch_sql + profiles),
                             (s_keys, keys_sql)):
            seconds, kb = tools.sqlite3(db, script)
            seen.append(seconds)
            s_kb.append(kb)
            spent += seconds
        spent += a_launch + a_profile + sum(a_keys)
        if spent > args.budget:
            break
    # sqlite3's side: the launch, then one profile and one key each taken
    # from K of them in one process
    one_launch = statistics.median(s_launch)
    first.s = [one_launch +
               (statistics.median(s_profiles) - one_launch) / nkeys]
    key.s = [(statistics.median(s_keys) - one_launch) / nkeys]
    first.s_kb = key.s_kb = s_kb
    res["first"], res["key"] = first, key

    # launch to the first screen, in instructions: steady where times of
    # a few milliseconds are noise
    progress("launch instructions")
    res["launchir"] = Result(counts=True)
    counted = count_launch(tools, db, launch_sql)
    if counted is None:
        note("launch, instructions: not counted (needs valgrind)")
    else:
        res["launchir"].a.append(counted[0])
        res["launchir"].s.append(counted[1])

    # submit, one writer and eight
    progress("submit")
    tools.aimap(db, "submit", "-r", "DEMO-1", args.answers)
    submit_sql = opening + sql("submit", CODE="DEMO-1",
                               INSERTS=submit_inserts(db))

    def submit_aimap(i):
        return tools.aimap(db, "submit", "-r", "DEMO-1", args.answers)

    def submit_sqlite(i):
        return tools.sqlite3(db, submit_sql.replace(
            "@RESPONDENT_UUID@", str(uuid.uuid4())).replace(
            "@RESPONSE_UUID@", str(uuid.uuid4())))

    for count, label in ((1, "submit1"), (8, "submit8")):
        r = Result()
        for side, fn in (("a", submit_aimap), ("s", submit_sqlite)):
            wall, runs = writers(count, args.submits, fn)
            r.add(side, wall / args.submits, max(kb for _, kb in runs))
        res[label] = r
    return res


def submit_inserts(db):
    """The INSERTs of the newest response, as aimap submit made them,
    with @RESPONDENT_UUID@ and @RESPONSE_UUID@ for the UUIDs."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        (pid, tid, department, role, track, segment, subtype,
         adoption) = con.execute(
            "SELECT id, respondent_id, department, role, track, segment,"
            " subtype, adoption FROM response"
            " ORDER BY id DESC LIMIT 1").fetchone()
        name, contact = con.execute(
            "SELECT name, champion_contact FROM respondent WHERE id = ?",
            (tid,)).fetchone()
        now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
        respondent = "(SELECT id FROM respondent WHERE uuid = " \
            "'@RESPONDENT_UUID@')"
        response = "(SELECT id FROM response WHERE uuid = " \
            "'@RESPONSE_UUID@')"
        lines = [
            "INSERT INTO respondent (uuid, name, champion_contact,"
            " created_at) VALUES ('@RESPONDENT_UUID@', %s, %d, %s);"
            % (literal(name), contact, now),
            "INSERT INTO response (uuid, round_id, respondent_id,"
            " department, role, track, started_at, finished_at, segment,"
            " subtype, adoption) VALUES ('@RESPONSE_UUID@', (SELECT id"
            " FROM round WHERE code = 'DEMO-1'), %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s);" % (respondent, literal(department),
                               literal(role), literal(track), now, now,
                               literal(segment), literal(subtype),
                               literal(adoption))]
        for question, choice in con.execute(
                "SELECT question, choice FROM answer WHERE response_id = ?",
                (pid,)):
            lines.append("INSERT INTO answer (response_id, question, choice,"
                         " answered_at) VALUES (%s, %s, %d, %s);"
                         % (response, literal(question), choice, now))
        for row in con.execute(
                "SELECT question, champions, willing, cautious FROM estimate"
                " WHERE response_id = ?", (pid,)):
            lines.append("INSERT INTO estimate (response_id, question,"
                         " champions, willing, cautious, answered_at)"
                         " VALUES (%s, %s, %d, %d, %d, %s);"
                         % ((response, literal(row[0])) + row[1:] + (now,)))
        for dimension, score in con.execute(
                "SELECT dimension, score FROM response_score"
                " WHERE response_id = ?", (pid,)):
            lines.append("INSERT INTO response_score (response_id, dimension,"
                         " score) VALUES (%s, %s, %r);"
                         % (response, literal(dimension), score))
        return "\n".join(lines)
    finally:
        con.close()


# ---- the table ------------------------------------------------------------

OPERATIONS = [
    ("report", "report --by department"),
    ("responses", "export responses"),
    ("answers", "export answers"),
    ("import", "import (answers export)"),
    ("importcpu", "import, CPU time"),
    ("importuser", "import, user CPU"),
    ("merge", "merge (demo database)"),
    ("mergecpu", "merge, CPU time"),
    ("mergeuser", "merge, user CPU"),
    ("first", "launch -> first question"),
    ("launchir", "launch, instructions"),
    ("key", "answer key -> next q"),
    ("submit1", "submit, 1 writer (each)"),
    ("submit8", "submit, 8 writers (each)"),
    ("refresh", "dashboard refresh"),
    ("compare1", "refresh, compare, first"),
    ("compare", "refresh, compare, later"),
    ("compareview", "refresh, compare, view"),
    ("dashfirst", "dashboard first screen"),
    ("dashcompare", "dashboard c -> compare"),
    ("keydelay", "key during rebuild, worst"),
    ("reportcompare", "report --compare"),
    ("rounds", "round list"),
    ("namesakes", "report -c, namesakes"),
    ("demo", "demo build (once)"),
]


def short(n):
    return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


def duration(ms):
    if ms is None:
        return "-"
    if ms >= 10000:
        return "%.1f s" % (ms / 1000.0)
    if ms >= 1000:
        return "%.2f s" % (ms / 1000.0)
    if ms >= 100:
        return "%.0f ms" % ms
    if ms >= 10:
        return "%.1f ms" % ms
    return "%.2f ms" % ms


def instructions(n):
    if n is None:
        return "-"
    if n >= 1e9:
        return "%.2fG" % (n / 1e9)
    return "%.1fM" % (n / 1e6)


def megabytes(kb):
    return "%.1f MB" % (kb / 1024.0) if kb is not None else "-"


def times(a, b):
    return "%.2fx" % (a / b) if a is not None and b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aimap", required=True)
    ap.add_argument("--sqlite3", default="sqlite3")
    ap.add_argument("--time", default="/usr/bin/time", help="GNU time")
    ap.add_argument("--questionnaire", required=True,
                    help="the questionnaire of the demo's rounds")
    ap.add_argument("--answers", required=True,
                    help="an answers file for that questionnaire")
    ap.add_argument("--sql", required=True, help="folder of the *.sql")
    ap.add_argument("--work", required=True, help="a folder for the copies")
    ap.add_argument("--empty", required=True,
                    help="an empty aimap database (import and merge)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--budget", type=float, default=20.0)
    ap.add_argument("--submits", type=int, default=64)
    ap.add_argument("--db", action="append", required=True,
                    metavar="N=FILE", help="a demo database of N people")
    ap.add_argument("--report-time", required=True,
                    help="the report_build timing program")
    ap.add_argument("--target-ms", type=float, default=100.0)
    ap.add_argument("--refresh-target-ms", type=float, default=200.0)
    ap.add_argument("--key-target-ms", type=float, default=50.0)
    ap.add_argument("--report-compare-target-ms", type=float,
                    default=1000.0)
    ap.add_argument("--report-ratio", type=float, default=1.5)
    ap.add_argument("--launch-ratio", type=float, default=1.2)
    ap.add_argument("--export-ratio", type=float, default=1.2)
    ap.add_argument("--export-mb", type=float, default=16.0)
    ap.add_argument("--growth-limit", type=float, default=1.25)
    ap.add_argument("--bulk-growth", type=float, default=11.0,
                    help="import's and merge's most growth per 10x data")
    ap.add_argument("--demo-max", type=int, default=100000,
                    help="time aimap demo up to this many respondents")
    args = ap.parse_args()

    dbs = sorted((int(n), path) for n, path in
                 (spec.split("=", 1) for spec in args.db))
    questions = read_questionnaire(args.questionnaire)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AIMAP_") and k not in ("NO_COLOR",)}
    env.update(TERM="xterm", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    tools = Tools(args, env)

    started = time.perf_counter()
    notes = []
    res = {n: measure_size(args, tools, n, db, questions, notes)
           for n, db in dbs}
    small, large = dbs[0][0], dbs[-1][0]

    head = "%-25s %4s %9s %9s %6s %9s %9s" % (
        "operation", "N", "aimap", "sqlite3", "ratio", "aimap", "sqlite3")
    print()
    print("%-25s %4s %9s %9s %6s %19s" % ("", "", "median", "median", "",
                                          "peak memory"))
    print(head)
    print("-" * len(head))
    for key, label in OPERATIONS:
        for n, _ in dbs:
            r = res[n][key]
            print("%-25s %4s %9s %9s %6s %9s %9s" % (
                label if n == small else "", short(n),
                r.show("a"), r.show("s"),
                times(r.value("a"), r.value("s")), megabytes(r.kb("a")),
                megabytes(r.kb("s"))))
        for (n0, _), (n1, _) in zip(dbs, dbs[1:]):
            r0, r1 = res[n0][key], res[n1][key]
            print("%-25s %4s %9s %9s %6s %9s %9s" % (
                "", "grow" if len(dbs) == 2 else "/" + short(n0),
                times(r1.value("a"), r0.value("a")),
                times(r1.value("s"), r0.value("s")), "",
                times(r1.kb("a"), r0.kb("a")),
                times(r1.kb("s"), r0.kb("s"))))
    print("-" * len(head))
    print("N: respondents of 'aimap demo' (DEMO-1 holds N responses; the "
          "merge brings in\nboth rounds). Medians of up to %d runs (fewer "
          "once an operation took %g s);\nsubmit: %d submissions, the wall "
          "time of all over their number.\nratio = aimap / sqlite3; grow = "
          "%s / %s. Peak memory: the maximum resident set\nof the largest "
          "run. sqlite3 does the same work in plain SQL, but its import\n"
          "and merge check and score nothing (see tests/bench/measure.py)."
          "\nimport, merge, CPU time: user + system time of the same runs;"
          "\nuser CPU: the user part alone (see 'import, merge, user CPU' in"
          "\ntests/bench/measure.py)."
          "\nlaunch, instructions: counted by valgrind's callgrind up to "
          "aimap's first screen\nand up to sqlite3's closing the database, "
          "once each."
          % (args.runs, args.budget, args.submits, short(large),
             short(small)))
    for n, _ in dbs:
        a1, s1 = res[n]["submit1"].ms("a"), res[n]["submit1"].ms("s")
        a8, s8 = res[n]["submit8"].ms("a"), res[n]["submit8"].ms("s")
        print("Throughput at %s: aimap %.0f submissions/s with 1 writer, "
              "%.0f/s with 8;\n  sqlite3 %.0f/s and %.0f/s." % (
                  short(n), 1000 / a1, 1000 / a8, 1000 / s1, 1000 / s8))
    for line in notes:
        print("NOTE: " + line)
    print("(measured in %.0f s)" % (time.perf_counter() - started))
    print()

    def verdict(ok):
        return "OK" if ok else "MISSED"

    first = res[large]["first"].ms("a")
    print("%s: launch to first question with %d respondents: %.1f ms "
          "(target < %g ms)" % (verdict(first < args.target_ms), large,
                                 first, args.target_ms))
    for n, _ in dbs:
        r = res[n]["launchir"]
        a, s = r.value("a"), r.value("s")
        if a is None:
            print("SKIPPED: take launch in instructions with %d respondents: "
                  "not counted (needs valgrind)" % n)
            continue
        print("%s: take launch to its first screen with %d respondents: %s "
              "instructions, %.2fx the sqlite3 tool's %s (target at most "
              "%gx)" % (verdict(a <= args.launch_ratio * s), n,
                        instructions(a), a / s, instructions(s),
                        args.launch_ratio))
    if small != large:
        growth = res[large]["key"].ms("a") / res[small]["key"].ms("a")
        print("%s: answer key growth %d -> %d respondents: %.2fx (target "
              "~1x, at most %.2fx)" % (verdict(growth <= args.growth_limit),
                                       small, large, growth,
                                       args.growth_limit))
    for key, what, limit in (("report", "report --by department",
                              args.report_ratio),
                             ("responses", "export responses",
                              args.export_ratio)):
        a, s = res[large][key].ms("a"), res[large][key].ms("s")
        print("%s: %s with %d respondents: %s, %.2fx the sqlite3 tool's "
              "%s (target at most %gx)" % (
                  verdict(a <= limit * s), what, large, duration(a), a / s,
                  duration(s), limit))
    if small != large:
        most = args.growth_limit * large / small
        growth = res[large]["report"].ms("a") / res[small]["report"].ms("a")
        print("%s: report growth %d -> %d respondents: %.2fx (target ~%gx, "
              "at most %.2fx)" % (verdict(growth <= most), small, large,
                                  growth, large / small, most))
    if small != large:
        # per 10x data, whatever the sizes: import and merge should grow
        # as the data does. Judged on the user CPU time, aimap's own
        # work; the wall and system time of writing gigabytes depend on
        # the machine's memory and disk as much (README, Performance)
        tens = math.log10(large / small)

        def per_ten(key, side="a"):
            return (res[large][key].value(side) /
                    res[small][key].value(side)) ** (1 / tens)

        for key, what in (("import", "import"), ("merge", "merge")):
            user = per_ten(key + "user")
            print("%s: %s growth %d -> %d respondents: %.2fx per 10x of "
                  "user CPU (target at most %gx; wall %.2fx, CPU %.2fx; "
                  "sqlite3 %.2fx of user CPU, wall %.2fx, CPU %.2fx)" % (
                      verdict(user <= args.bulk_growth), what, small,
                      large, user, args.bulk_growth, per_ten(key),
                      per_ten(key + "cpu"), per_ten(key + "user", "s"),
                      per_ten(key, "s"), per_ten(key + "cpu", "s")))
    for key, what in (("responses", "export responses"),
                      ("answers", "export answers")):
        kb = max(res[n][key].kb("a") for n, _ in dbs)
        print("%s: %s peak memory at every size: %.1f MB (target < %g MB, "
              "whatever the size: it streams)" % (
                  verdict(kb < args.export_mb * 1024), what, kb / 1024.0,
                  args.export_mb))
    for key, what, limit in (
            ("refresh", "dashboard refresh", args.refresh_target_ms),
            ("compare", "dashboard refresh with a comparison",
             args.refresh_target_ms),
            ("compareview", "dashboard view switch with a comparison",
             args.refresh_target_ms),
            ("dashfirst", "dashboard first screen", args.refresh_target_ms),
            ("keydelay", "worst key delay during a rebuild",
             args.key_target_ms),
            ("reportcompare", "report --compare",
             args.report_compare_target_ms)):
        ms = res[large][key].ms("a")
        print("%s: %s with %d respondents: %s (target < %g ms)" % (
            verdict(ms < limit), what, large, duration(ms), limit))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print("bench: %s" % e, file=sys.stderr)
        sys.exit(1)
