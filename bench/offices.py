#!/usr/bin/env python3
"""offices.py PORT EMAIL PASSWORD PAGES ROUNDS — the back office's pages as an
admin sees them: logs in through the login form, then for each page of the
PAGES file ("label<TAB>path" per line) asks it ROUNDS times over one kept-alive
connection after a few unrecorded requests, and prints one Markdown table row
per page: its status, the median and 95th percentile of the time to the whole
answer (a client on the same machine: the server's time plus loopback), and
the size of the page. A page that does not answer 200 is reported as such."""
import http.client
import re
import sys
import time
import urllib.parse

port, email, password, pages_file, rounds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
WARMUP = 5
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
cookies = {}


def request(method, path, body=None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Accept-Language": "fr"}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    data = r.read()
    for name, value in r.getheaders():
        if name.lower() == "set-cookie":
            k, _, rest = value.partition("=")
            v = rest.split(";", 1)[0]
            if "Max-Age=0" in value or v == "":
                cookies.pop(k, None)
            else:
                cookies[k] = v
    return r.status, data


status, page = request("GET", "/login")
token = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()
form = urllib.parse.urlencode({"csrf": token, "email": email, "password": password})
status, _ = request("POST", "/login", form)
if status != 303:
    sys.exit(f"offices.py: login refused ({status})")

for line in open(pages_file, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    label, path = line.split("\t")
    for _ in range(WARMUP):
        status, body = request("GET", path)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        status, body = request("GET", path)
        times.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            break
    times.sort()
    if status != 200:
        print(f"| {label} | `{path}` | {status} | - | - | - |")
        continue
    p50 = times[len(times) // 2]
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"| {label} | `{path}` | 200 | {p50:.1f} ms | {p95:.1f} ms | {len(body) // 1024} kB |")
