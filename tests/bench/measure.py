#!/usr/bin/env python3
"""Time aimap's respondent flow in a pseudo-terminal, and the sqlite3 tool
doing the same data work on the same database, and print one table.

Run by tests/bench/run.sh (make bench), which builds the databases. The
screen is followed with a small terminal emulator: ncurses rewrites only
the cells that change, so a question's text is not always in the output
as one string, but it is always on the emulated screen.

What is timed, for each database (the runs alternate between them, so a
noisy machine slows them alike):

  launch -> first screen    spawn of 'aimap take -r BENCH' until the first
                            profile question is on the screen
  profile keys -> 1st q     all profile keys sent at once (a new name,
                            department, role, track, contact) until the
                            first question is on the screen
  launch -> first question  the sum of the two: the time aimap itself
                            needs, with the respondent's typing left out
  answer key -> next q      one answer key until the next question is on
                            the screen (every question of the technical
                            track)
  round list                'aimap round list' from spawn to exit
  report --by department    'aimap report -r BENCH --by department', text
                            to /dev/null, spawn to exit, and its peak
                            memory (maximum resident set)
  dashboard refresh         one report_build, the dashboard's work each
                            time the data changes, without a process
                            start: the median of REFRESH_BUILDS builds in
                            one process (report-time, built by run.sh),
                            and that process's peak memory
  refresh with --compare    the same with BENCH compared with itself:
                            every person matched between two rounds

and the sqlite3 tool running the same queries (sql/*.sql) on the same
file, spawn to exit; for the report, the aggregate query someone without
aimap would write (sql/report.sql) on the same file. Its share of a keypress is too small to tell from
the noise of a process start, so it is timed K times over in one
process: (open + K profiles - open) / K, and the same for K answers.
Its launch -> first question is then launch + one profile.
"""

import argparse
import codecs
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLS = 24, 80
REFRESH_BUILDS = 5  # report_build calls per run of report-time
WAIT_SECONDS = 20.0  # a sanitizer build on a busy machine is slow
QUIET_SECONDS = 0.02  # no output for this long: the screen is complete


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
        rows = self.text()
        return all(any(m in row for row in rows) for m in markers)

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

    def close(self):
        try:
            os.write(self.master, b"q")
        except OSError:
            pass
        deadline = time.perf_counter() + WAIT_SECONDS
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


def read_questions(path, track="technical"):
    """The questions one respondent of track sees, in order, as
    (id, text): a minimal reading of the questionnaire format."""
    questions, current = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            section = re.match(r"\[question\.([^\]]+)\]", line)
            if section:
                current = {"id": section.group(1), "text": "", "track": None}
                questions.append(current)
            elif line.startswith("["):
                current = None
            elif current is not None and "=" in line:
                key, value = (p.strip() for p in line.split("=", 1))
                if key in ("text", "track"):
                    current[key] = value.strip('"')
    return [(q["id"], q["text"]) for q in questions
            if q["track"] in (None, track)]


def marker(text):
    """A piece of a question's text that fits on its first line."""
    return text[:40]


def time_aimap_take(aimap, db, env, questions, name):
    """One respondent: launch, profile, then every answer but the last.
    Returns (launch, profile, [answer keys]) in seconds."""
    total = len(questions)
    term = Terminal([aimap, "--db", db, "take", "-r", "BENCH"], env)
    try:
        first_screen = term.wait_for("Your name, or an alias")
        launch = first_screen - term.started
        term.settle()
        # name, Enter; department 1; role 4 (individual); track 1
        # (technical); contact 2 (no)
        sent = term.send(name.encode() + b"\r" + b"1412")
        shown = term.wait_for(marker(questions[0][1]), "1 / %d" % total)
        profile = shown - sent
        keys = []
        for i in range(1, total):
            term.settle()
            sent = term.send(b"3")
            shown = term.wait_for(marker(questions[i][1]),
                                  "%d / %d" % (i + 1, total))
            keys.append(shown - sent)
    finally:
        term.close()
    return launch, profile, keys


def time_command(argv, script=None):
    """Spawn to exit, in seconds; stdin from script."""
    started = time.perf_counter()
    proc = subprocess.run(argv, input=script, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise BenchError("%s failed (status %d): %s" % (
            " ".join(argv), proc.returncode,
            proc.stderr.decode(errors="replace").strip()))
    return elapsed


def peak_memory(time_tool, argv, script=None):
    """The peak resident memory of a command in KB, from GNU time (run
    apart from the timed runs: it adds a process). getrusage here would
    count this Python, which the command was forked from; time is small.
    None without the tool."""
    if not time_tool:
        return None
    with tempfile.NamedTemporaryFile("r") as out:
        time_command([time_tool, "-f", "%M", "-o", out.name] + argv, script)
        return int(out.read().split()[-1])


def time_refresh(report_time, db, compare=None):
    """report-time's median report_build, in seconds, and its process's
    peak memory in KB."""
    argv = [report_time, db, "BENCH", str(REFRESH_BUILDS)]
    if compare:
        argv.append(compare)
    proc = subprocess.run(argv, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise BenchError("%s failed (status %d): %s" % (
            " ".join(argv), proc.returncode,
            proc.stderr.decode(errors="replace").strip()))
    ms, kb = proc.stdout.split()
    return float(ms) / 1000.0, int(kb)


# ---- the run ------------------------------------------------------------


def median_ms(values):
    return statistics.median(values) * 1000.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aimap", required=True)
    ap.add_argument("--sqlite3", default="sqlite3")
    ap.add_argument("--questionnaire", required=True)
    ap.add_argument("--sql", required=True, help="folder of the *.sql")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--db", action="append", required=True,
                    metavar="N=FILE", help="a database of N responses")
    ap.add_argument("--report-time", required=True,
                    help="the report_build timing program")
    ap.add_argument("--time", default="/usr/bin/time",
                    help="GNU time, for peak memory ('' for none)")
    ap.add_argument("--target-ms", type=float, default=100.0)
    ap.add_argument("--refresh-target-ms", type=float, default=200.0)
    ap.add_argument("--report-ratio", type=float, default=1.5)
    ap.add_argument("--growth-limit", type=float, default=1.25)
    args = ap.parse_args()

    dbs = []
    for spec in args.db:
        n, path = spec.split("=", 1)
        dbs.append((int(n), path))
    questions = read_questions(args.questionnaire)

    def sql(name, **subst):
        with open(os.path.join(args.sql, name + ".sql"),
                  encoding="utf-8") as f:
            text = f.read()
        for key, value in subst.items():
            text = text.replace("@%s@" % key, value)
        return text

    answers = "".join(sql("answer", QUESTION=qid) for qid, _ in questions[1:])
    nkeys = len(questions) - 1
    launch_sql = sql("open") + sql("first-screen")
    list_sql = (sql("open") + sql("round-list")).encode()
    report_sql = (sql("open") + sql("report")).encode()

    def report_argv(db):
        return [args.aimap, "--db", db, "report", "-r", "BENCH", "--by",
                "department"]

    if args.time and not os.access(args.time, os.X_OK):
        print("(no %s: peak memory of the commands not measured)"
              % args.time, file=sys.stderr)
        args.time = ""
    sqlite = [args.sqlite3, "-batch", "-bail", "-init", "/dev/null"]

    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AIMAP_") and k not in ("NO_COLOR",)}
    env.update(TERM="xterm", LC_ALL="C.UTF-8", LANG="C.UTF-8")

    m = {n: {k: [] for k in ("launch", "profile", "first", "key", "list",
                            "s_launch", "s_profiles", "s_keys", "s_list",
                            "report", "s_report", "refresh", "refresh_kb",
                            "compare")}
         for n, _ in dbs}
    for run in range(args.runs):
        for n, db in dbs:
            r = m[n]
            name = "bench %d.%d" % (os.getpid(), run)
            launch, profile, keys = time_aimap_take(args.aimap, db, env,
                                                    questions, name)
            r["launch"].append(launch)
            r["profile"].append(profile)
            r["first"].append(launch + profile)
            r["key"].extend(keys)
            r["list"].append(time_command([args.aimap, "--db", db,
                                           "round", "list"]))
            r["s_launch"].append(time_command(sqlite + [db],
                                              launch_sql.encode()))
            profiles = "".join(sql("profile", NAME="sqlite %s.%d" % (name, k))
                               for k in range(nkeys))
            r["s_profiles"].append(time_command(
                sqlite + [db], (launch_sql + profiles).encode()))
            r["s_keys"].append(time_command(sqlite + [db],
                                            (launch_sql + answers).encode()))
            r["s_list"].append(time_command(sqlite + [db], list_sql))
            r["report"].append(time_command(report_argv(db)))
            r["s_report"].append(time_command(sqlite + [db], report_sql))
            elapsed, kb = time_refresh(args.report_time, db)
            r["refresh"].append(elapsed)
            r["refresh_kb"].append(kb)
            r["compare"].append(time_refresh(args.report_time, db,
                                             "BENCH")[0])
        print("  run %d/%d done" % (run + 1, args.runs), file=sys.stderr,
              flush=True)

    peaks = {n: (peak_memory(args.time, report_argv(db)),
                 peak_memory(args.time, sqlite + [db], report_sql))
             for n, db in dbs}

    def mb(kb):
        return kb / 1024.0 if kb is not None else None

    # aimap and sqlite3 medians, in ms, per operation and N
    rows = {}
    for n, _ in dbs:
        r = m[n]
        s_launch = median_ms(r["s_launch"])
        s_profile = (median_ms(r["s_profiles"]) - s_launch) / nkeys
        rows[n] = {
            "launch": (median_ms(r["launch"]), s_launch),
            "profile": (median_ms(r["profile"]), s_profile),
            "first": (median_ms(r["first"]), s_launch + s_profile),
            "key": (median_ms(r["key"]),
                    (median_ms(r["s_keys"]) - s_launch) / nkeys),
            "list": (median_ms(r["list"]), median_ms(r["s_list"])),
            "report": (median_ms(r["report"]), median_ms(r["s_report"])),
            "report_kb": (mb(peaks[n][0]), mb(peaks[n][1])),
            "refresh": (median_ms(r["refresh"]), None),
            "refresh_kb": (mb(max(r["refresh_kb"])), None),
            "compare": (median_ms(r["compare"]), None),
        }

    labels = [
        ("launch", "launch -> first screen", ""),
        ("profile", "profile keys -> first question", "growth ~1x"),
        ("first", "launch -> first question", "< %g ms at %d"
         % (args.target_ms, max(n for n, _ in dbs))),
        ("key", "answer key -> next question", "growth ~1x"),
        ("list", "aimap round list", ""),
        ("report", "aimap report --by department", "< %gx sqlite3 at %d"
         % (args.report_ratio, max(n for n, _ in dbs))),
        ("report_kb", "  peak memory", ""),
        ("refresh", "dashboard refresh (report_build)", "< %g ms at %d"
         % (args.refresh_target_ms, max(n for n, _ in dbs))),
        ("refresh_kb", "  peak memory", ""),
        ("compare", "refresh with --compare (itself)", ""),
    ]
    small, large = min(n for n, _ in dbs), max(n for n, _ in dbs)

    def short(n):
        return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)

    def ratio(a, b):
        return "%.1fx" % (a / b) if a is not None and b else "-"

    def cell(key, value):
        if value is None:
            return "-"
        return "%.1f MB" % value if key.endswith("_kb") else \
            "%.2f ms" % value

    head = "%-32s %9s %13s %14s %7s  %s" % (
        "operation", "N", "aimap median", "sqlite3 median", "ratio",
        "target")
    print(head)
    print("-" * len(head))
    for key, label, target in labels:
        for n, _ in dbs:
            a, s = rows[n][key]
            print("%-32s %9d %13s %14s %7s  %s" % (
                label, n, cell(key, a), cell(key, s), ratio(a, s),
                target if n == large and "growth" not in target else ""))
        if small != large and not key.endswith("_kb"):
            a0, s0 = rows[small][key]
            a1, s1 = rows[large][key]
            print("%-32s %9s %13s %14s %7s  %s" % (
                "  growth", "%s/%s" % (short(large), short(small)),
                ratio(a1, a0), ratio(s1, s0) if s0 else "-", "",
                target if "growth" in target else ""))
    print("(medians of %d runs, %d answer keys per run; sqlite3 runs the "
          "same queries on the same file; ratio = aimap / sqlite3; growth "
          "= %d / %d responses; a refresh is the median of %d builds in "
          "one process; peak memory is the maximum resident set: of one "
          "run under GNU time for the commands, the largest of report-time "
          "for the refresh)" % (args.runs, nkeys, large, small, REFRESH_BUILDS))
    print()

    first = rows[large]["first"][0]
    verdict = "OK" if first < args.target_ms else "MISSED"
    print("%s: launch to first question with %d responses: %.1f ms "
          "(target < %g ms)" % (verdict, large, first, args.target_ms))
    if small != large:
        for key, what in (("key", "answer key"),
                          ("profile", "last profile key")):
            growth = rows[large][key][0] / rows[small][key][0]
            verdict = "OK" if growth <= args.growth_limit else "MISSED"
            print("%s: %s growth %d -> %d responses: %.2fx (target ~1x, "
                  "at most %.2fx)" % (verdict, what, small, large, growth,
                                      args.growth_limit))
    a, s = rows[large]["report"]
    verdict = "OK" if a <= args.report_ratio * s else "MISSED"
    print("%s: aimap report --by department with %d responses: %.1f ms, "
          "%.2fx the sqlite3 tool's %.1f ms (target at most %gx)"
          % (verdict, large, a, a / s, s, args.report_ratio))
    if small != large:
        most = args.growth_limit * large / small
        growth = rows[large]["report"][0] / rows[small]["report"][0]
        verdict = "OK" if growth <= most else "MISSED"
        print("%s: aimap report growth %d -> %d responses: %.2fx (target "
              "~%gx, at most %.2fx)" % (verdict, small, large, growth,
                                        large / small, most))
    refresh = rows[large]["refresh"][0]
    verdict = "OK" if refresh < args.refresh_target_ms else "MISSED"
    print("%s: dashboard refresh with %d responses: %.1f ms (target < %g "
          "ms)" % (verdict, large, refresh, args.refresh_target_ms))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print("bench: %s" % e, file=sys.stderr)
        sys.exit(1)
