#!/usr/bin/env python3
"""Helpers of bench/ops.sh.

  floor.py capture LOG DB OFFSET [EXCLUDE]  the statements the application executed on database DB, read from the
                                            PostgreSQL server log LOG from byte OFFSET on (log_min_duration_statement
                                            = 0 on the application's connections), with their parameters written in
                                            as literals, one statement a line; statements in file EXCLUDE (the HTTP
                                            floor's: session and current-user look-ups) and transaction control are
                                            left out
  floor.py replay FILE ROUNDS WRITE [KEY]   a psql script running FILE's statements ROUNDS times with \\timing, each
                                            round after an "@@round" marker (WRITE=1: each round rolled back; KEY,
                                            the capture's unique client key, made unique in each round)
  floor.py rounds                           stdin: psql's output of such a script; prints each round's total (ms)
  floor.py stats [SKIP]                     stdin: one time (ms) a line; prints "p50 p95 n" after skipping SKIP
"""
import math
import re
import sys

START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] ")
ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] (\S*)@(\S*) ([A-Z]+):  (.*)$")
EXECUTE = re.compile(r"^duration: [\d.]+ ms  (?:execute [^:]+|statement): (.*)$", re.S)
PARAMS = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)
SKIP = re.compile(r"^\s*(begin|commit|rollback|set |show |select pg_advisory|savepoint|release)", re.I)
# Background work of the application (heartbeats, db-scheduler's polling and its jobs, the read model's fold every
# few seconds) that may land in a capture by chance.
BACKGROUND = re.compile(r"\b(shedlock|scheduled_tasks|rollup_compact|import_run|discovery_run|spring_session)\b", re.I)


def entries(path, db, offset):
    with open(path, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", "replace")
    current = None
    for line in text.split("\n"):
        if START.match(line):
            if current:
                yield current
            m = ENTRY.match(line)
            current = [m.group(2), m.group(3), m.group(4)] if m and m.group(2) == db else None
        elif current is not None:
            current[2] += "\n" + line
    if current:
        yield current


def capture(path, db, offset, exclude=None):
    excluded = set()
    if exclude:
        with open(exclude, encoding="utf-8") as f:
            excluded = {normal(s) for s in f.read().split("\n;;\n") if s.strip()}
    out, pending = [], None
    for _, kind, message in entries(path, db, offset):
        if kind == "LOG":
            if pending is not None:
                out.append(pending)
                pending = None
            m = EXECUTE.match(message)
            if m:
                pending = m.group(1).strip()
        elif kind == "DETAIL" and pending is not None and message.startswith("parameters: "):
            values = {int(n): v for n, v in PARAMS.findall(message[len("parameters: "):])}
            pending = re.sub(r"\$(\d+)", lambda p: values.get(int(p.group(1)), p.group(0)), pending)
    if pending is not None:
        out.append(pending)
    kept = [s for s in out if s.strip() and not SKIP.match(s) and not BACKGROUND.search(s) and normal(s) not in excluded]
    sys.stdout.write("".join(s.rstrip(";") + "\n;;\n" for s in kept))


def normal(statement):
    """A statement without its literals, to compare the statements of two requests."""
    return re.sub(r"'(?:[^']|'')*'|\b\d+\b", "?", " ".join(statement.split())).rstrip(";")


def replay(path, rounds, write, key=None):
    with open(path, encoding="utf-8") as f:
        statements = [s for s in f.read().split("\n;;\n") if s.strip()]
    # The session as the application opens it (ReadReplicaConfig.SESSION_SETTINGS, D58): without JIT compilation.
    lines = ["\\set ON_ERROR_STOP on", "\\o /dev/null", "set jit = off;"]
    for r in range(rounds):
        # A write's client key (and the title made from it) is unique: each round uses its own.
        each = [s.replace(key, f"{key}r{r}") for s in statements] if key else statements
        lines.append("\\echo @@round")
        if write:
            lines += ["\\timing off", "begin;", "\\timing on"]
        else:
            lines.append("\\timing on")
        lines += [s.strip() + ";" for s in each]
        lines.append("\\timing off")
        if write:
            lines.append("rollback;")
    sys.stdout.write("\n".join(lines) + "\n")


def rounds():
    total = None
    for line in sys.stdin:
        if line.startswith("@@round"):
            if total is not None:
                print(f"{total:.3f}")
            total = 0.0
        else:
            m = re.match(r"Time: ([\d.]+) ms", line)
            if m and total is not None:
                total += float(m.group(1))
    if total is not None:
        print(f"{total:.3f}")


def stats(skip=0):
    values = sorted(float(v) for v in sys.stdin.read().split()[skip:])
    if not values:
        print("nan nan 0")
        return

    def p(q):
        return values[max(0, math.ceil(q / 100 * len(values)) - 1)]

    print(f"{p(50):.1f} {p(95):.1f} {len(values)}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "capture":
        capture(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
    elif command == "replay":
        replay(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5] if len(sys.argv) > 5 else None)
    elif command == "rounds":
        rounds()
    elif command == "stats":
        stats(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    else:
        sys.exit(__doc__)
