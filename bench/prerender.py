#!/usr/bin/env python3
"""prerender.py HOSTS_FILE PORT OUT_DIR — fetches the home page of every host
from internet-fo and writes it to OUT_DIR/<host>/index.html, so that nginx can
serve the very same pages as static files (the benchmark's ceiling)."""
import http.client
import os
import sys
from multiprocessing import Pool

HOSTS, PORT, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def fetch(chunk):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    bad = 0
    for host in chunk:
        conn.request("GET", "/", headers={"Host": host})
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            bad += 1
            continue
        d = os.path.join(OUT, host)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "index.html"), "wb") as f:
            f.write(body)
    return bad


if __name__ == "__main__":
    with open(HOSTS) as f:
        hosts = [h.strip() for h in f if h.strip()]
    chunks = [hosts[i::4] for i in range(4)]
    with Pool(4) as p:
        bad = sum(p.map(fetch, chunks))
    print(f"prerender: {len(hosts) - bad} pages written, {bad} failed")
    sys.exit(1 if bad else 0)
