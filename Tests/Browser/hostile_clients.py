#!/usr/bin/env python3
"""Clients that misbehave against a running `aisim serve`, then one that behaves.

usage: hostile_clients.py URL

A client that sends half its headers and stalls; one that sends a declared body of 200 KB but
only 10 bytes and stalls; one that asks for 1e7 trials and disconnects at once; one that sends
garbage instead of HTTP. Each is left or dropped, and then an ordinary request must still be
answered 200 within 20 s. Exits 0 when it is, 1 otherwise.
"""
import json
import socket
import sys
import time
import urllib.request
from urllib.parse import urlparse

url = sys.argv[1]
host, port = urlparse(url).hostname, urlparse(url).port


def connect():
    s = socket.create_connection((host, port), timeout=5)
    return s


stalled = []
s = connect()
s.sendall(b"POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Ty")
stalled.append(s)
s = connect()
s.sendall(b"POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200000\r\n\r\n{\"prior\": ")
stalled.append(s)
body = json.dumps({"prior": "[inputs]\nhorizon = \"1 to 100\"\n", "trials": 10_000_000}).encode()
s = connect()
s.sendall(b"POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + str(len(body)).encode() + b"\r\n\r\n" + body)
s.close()
s = connect()
s.sendall(b"\x00\xff garbage \r\n\r\n" * 100)
s.close()
time.sleep(0.5)
started = time.time()
request = urllib.request.Request(url + "api/run", data=json.dumps({"prior": "", "trials": 1000}).encode(),
                                 headers={"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=20) as response:
    ok = response.status == 200 and json.loads(response.read())["trials"] == 1000
for s in stalled:
    s.close()
print(f"hostile clients: the server answered in {time.time() - started:.2f} s" if ok else "hostile clients: no answer")
sys.exit(0 if ok else 1)
