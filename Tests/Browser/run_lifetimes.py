#!/usr/bin/env python3
"""How long a running `aisim serve`'s runs live, seen from outside: its threads.

usage: run_lifetimes.py URL PID

A run lives on threads named aisim-run (one per run) and aisim-worker (its other threads),
as /proc/PID/task/*/comm shows them. Two checks, each printing one line:

1. Two clients ask for 1e7 trials (a debug build takes about 10 s for each), holding every
   run slot of a 2-core machine. While both runs are going, a /api/check is answered within
   5 s: runs do not starve the server's other requests.
2. Both clients hang up. Within 5 s no aisim-run thread is left: a gone client's run is
   cancelled, not run to its end.

Exits 0 when both hold, 1 otherwise.
"""
import json
import os
import socket
import sys
import time
import urllib.request
from urllib.parse import urlparse

url, pid = sys.argv[1], int(sys.argv[2])
host, port = urlparse(url).hostname, urlparse(url).port


def runs():
    """The server's aisim-run threads now."""
    names = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/comm") as f:
                names.append(f.read().strip())
        except FileNotFoundError:
            pass  # a thread that ended while we looked
    return names.count("aisim-run")


def wait_for(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


prior = "[inputs]\nhorizon = \"1 to 100\"\nworld_flops = \"2e21 to 8e21\"\n"
body = json.dumps({"prior": prior, "trials": 10_000_000}).encode()
clients = []
for _ in range(2):
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
              + str(len(body)).encode() + b"\r\n\r\n" + body)
    clients.append(s)
ok = True
if not wait_for(lambda: runs() == 2, 20):
    print(f"run lifetimes: two runs never ran at once ({runs()} aisim-run threads)")
    sys.exit(1)
asked = time.time()
request = urllib.request.Request(url + "api/check", data=json.dumps({"prior": prior}).encode(),
                                 headers={"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=20) as response:
    answered = response.status == 200
waited = time.time() - asked
going = runs()
if answered and waited < 5 and going == 2:
    print(f"run lifetimes: beside two runs, /api/check was answered in {waited:.2f} s")
else:
    print(f"run lifetimes: beside two runs, /api/check took {waited:.2f} s (status ok: {answered}, "
          f"runs still going: {going}; the runs starved the server)")
    ok = False
for s in clients:
    s.close()
closed = time.time()
if wait_for(lambda: runs() == 0, 5):
    print(f"run lifetimes: the gone clients' runs stopped {time.time() - closed:.2f} s after the hang-up")
else:
    print(f"run lifetimes: {runs()} runs still going 5 s after their clients hung up")
    ok = False
sys.exit(0 if ok else 1)
