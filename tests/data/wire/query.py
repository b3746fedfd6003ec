#!/usr/bin/env python3
"""Send one DNS query (EDNS0, DO, optionally NSID) and save the raw response.

usage: query.py SERVER QNAME QTYPE OUTFILE [--nsid] [--norec]
Only used by make-fixtures.sh inside a private network namespace.
"""
import random
import socket
import struct
import sys

TYPES = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15,
         "TXT": 16, "AAAA": 28, "DNAME": 39, "DS": 43, "NSEC": 47,
         "DNSKEY": 48, "NSEC3PARAM": 51, "CDS": 59, "CDNSKEY": 60}


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def build(qname, qtype, nsid):
    qid = random.getrandbits(16)
    header = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 1)
    question = encode_name(qname) + struct.pack("!HH", TYPES[qtype], 1)
    options = struct.pack("!HH", 3, 0) if nsid else b""
    opt = b"\0" + struct.pack("!HHIH", 41, 4096, 0x8000, len(options))
    return header + question + opt + options


def main():
    server, qname, qtype, outfile = sys.argv[1:5]
    query = build(qname, qtype, "--nsid" in sys.argv)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(3)
    sock.sendto(query, (server, 53))
    data, _ = sock.recvfrom(65535)
    if data[2] & 0x02:  # TC: ask again over TCP
        tcp = socket.create_connection((server, 53), timeout=3)
        tcp.sendall(struct.pack("!H", len(query)) + query)
        need = struct.unpack("!H", tcp.recv(2))[0]
        data = b""
        while len(data) < need:
            data += tcp.recv(need - len(data))
    with open(outfile, "wb") as f:
        f.write(data)


main()
