#!/usr/bin/env python3
"""Turn trustpath captures of three-level names (root -> TLD -> zone, e.g.
from the testbed) into seed inputs of fuzz_analyzer_capture: one chunk per
question of that target's slot table, holding the response the server
really sent, plus the capture's trust anchor, reference time, TLD and zone
label. The slot table must stay in step with fuzz_analyzer_capture.c.

usage: mkseed_analyzer.py OUTDIR CAPTURE.json...
"""
import base64
import datetime
import json
import os
import struct
import sys

# (zone level, server index within the zone, purpose, qtype), in slot order.
SLOTS = [
    (0, 0, "dnskey", "DNSKEY"), (0, 0, "soa", "SOA"), (0, 0, "ns", "NS"),
    (0, 0, "referral", "NS"), (0, 0, "ds", "DS"),
    (0, 0, "nxdomain-probe", "A"),
    (1, 0, "dnskey", "DNSKEY"), (1, 0, "ns", "NS"), (1, 0, "referral", "NS"),
    (1, 0, "ds", "DS"), (1, 0, "nxdomain-probe", "A"),
    (1, 0, "nsec3param", "NSEC3PARAM"),
    (2, 0, "dnskey", "DNSKEY"), (2, 0, "soa", "SOA"), (2, 0, "ns", "NS"),
    (2, 0, "answer", "A"), (2, 0, "answer", "AAAA"),
    (2, 0, "nodata-probe", "TYPE65280"), (2, 0, "nxdomain-probe", "A"),
    (2, 0, "cds", "CDS"), (2, 0, "cdnskey", "CDNSKEY"),
    (2, 0, "nsec3param", "NSEC3PARAM"),
    (2, 1, "dnskey", "DNSKEY"), (2, 1, "answer", "A"),
]


def chunk(slot, data):
    data = data[:65535]
    return struct.pack("!BH", slot, len(data)) + data


def convert(cap):
    name = cap["names"][0].lower()
    qs = [q for q in cap["queries"] if q.get("outcome") == "response"]
    zones = {q["zone"].lower() for q in qs}
    path = sorted((z for z in zones if name.endswith(z) or z == "."),
                  key=lambda z: z.count("."))
    if len(path) != 3 or path[0] != "." or path[1].count(".") != 1:
        return None
    servers = {}
    for q in qs:
        lst = servers.setdefault(q["zone"].lower(), [])
        if q["server"] not in lst:
            lst.append(q["server"])
    out = b""
    start = datetime.datetime.strptime(cap["start"][:19], "%Y-%m-%dT%H:%M:%S")
    now = int(start.replace(tzinfo=datetime.timezone.utc).timestamp())
    out += chunk(250, struct.pack("!I", now))
    out += chunk(251, (cap.get("trust_anchors") or "").encode())
    out += chunk(252, path[1].encode())
    out += chunk(253, path[2][: -len(path[1]) - 1].encode())
    for i, (level, sidx, purpose, qtype) in enumerate(SLOTS):
        zone = path[level]
        lst = servers.get(zone, [])
        if sidx >= len(lst):
            continue
        for q in qs:
            if (q["zone"].lower() == zone and q["server"] == lst[sidx]
                    and q["purpose"] == purpose and q["qtype"] == qtype
                    and (purpose != "answer" or q["qname"].lower() == name)):
                out += chunk(i, base64.b64decode(q["response"]))
                break
    return out


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for path in sys.argv[2:]:
        with open(path) as f:
            seed = convert(json.load(f))
        if seed is None:
            print("skip (not root -> TLD -> zone): %s" % path)
            continue
        base = os.path.basename(path).rsplit(".json", 1)[0]
        with open(os.path.join(outdir, "testbed-" + base), "wb") as f:
            f.write(seed)


if __name__ == "__main__":
    main()
