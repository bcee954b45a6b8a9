#!/usr/bin/env python3
"""heartbeat.py OUT — wakes up every 10 ms and appends to OUT one line
"<wall clock, s> <wall gap, ms> <monotonic gap, ms>" whenever a wake-up came
more than 50 ms late: the machine (or the scheduler) held every runnable
thread back that long. On this virtual machine a pause of the whole VM (a
snapshot) shows as a wall-clock gap of seconds; two saturated cores show
gaps of tens of ms. make bench reads the longest gap of each wrk run."""
import sys
import time

PERIOD = 0.010
LATE = 0.050

with open(sys.argv[1], "a", buffering=1) as out:
    wall, mono = time.time(), time.monotonic()
    while True:
        time.sleep(PERIOD)
        w, m = time.time(), time.monotonic()
        gap_w, gap_m = w - wall - PERIOD, m - mono - PERIOD
        if max(gap_w, gap_m) > LATE:
            out.write(f"{w:.3f} {gap_w * 1000:.0f} {gap_m * 1000:.0f}\n")
        wall, mono = w, m
