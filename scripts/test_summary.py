#!/usr/bin/env python3
"""Prints the one-line summary of a meson test run: "N passed, N failed".

Counts the individual cmocka test cases of each program: "Running N test(s)"
announces N cases, each "[       OK ]" line is one passed, the rest failed
(including those a crash never reached). node's test runner (the browser
suite) ends its TAP with "# pass N", "# fail N", "# cancelled N",
"# skipped N" and "# todo N": the passes count as passed, everything else as
failed (nothing may be skipped). A program that printed neither (a shell
test, or a node run killed before its summary) counts as one test, passed
only if meson says OK; a program whose cases all passed but which meson saw
fail (a leak or a sanitizer report at exit) counts one more failure. Exits 1
when anything failed or nothing ran."""
import json
import re
import sys


def node_counts(out):
    """(passed, failed) from the last summary of node's TAP reporter, or None."""
    counts = {}
    for key, n in re.findall(r"^# (pass|fail|cancelled|skipped|todo) (\d+)$", out, re.M):
        counts[key] = int(n)  # the last summary wins
    if "pass" not in counts or "fail" not in counts:
        return None
    return counts["pass"], sum(v for k, v in counts.items() if k != "pass")


passed = failed = 0
failed_names = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if not line:
            continue
        t = json.loads(line)
        out = t.get("stdout") or ""
        ok = t.get("result") in ("OK", "EXPECTEDFAIL")
        total = sum(int(n) for n in re.findall(r"\[==========\] Running (\d+) test", out))
        p = len(re.findall(r"^\[       OK \] ", out, re.M))
        fl = max(total - p, 0)
        node = node_counts(out)
        if node is not None:
            p, fl = node
            total = p + fl
        if total == 0:
            p, fl = (1, 0) if ok else (0, 1)
        elif not ok and fl == 0:
            fl = 1
        passed += p
        failed += fl
        if fl:
            failed_names.append(t.get("name", "?"))
if failed_names:
    print("failing programs: " + ", ".join(failed_names))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or passed == 0 else 0)
