#!/usr/bin/env python3
"""A hostile authoritative DNS server for trustpath's reliability tests.

It serves zones named <behaviour>.<suffix> (e.g. ptrloop.hostile.test.) and
misbehaves according to <behaviour> for every query inside that zone. The
testbed delegates each of these zones to this server like any other zone, so
the prober meets the behaviour where a real broken server would put it.

Run only inside the testbed's network namespace, on 127.0.0.0/8 addresses:
    hostile_server.py --address 127.53.9.1 --other-address 127.53.9.2 \
        --suffix hostile.test. [--port 53] [--parent-address 127.53.9.3]

With --parent-address it also serves, sanely and unsigned, every zone above
the behaviour zones on that address (the root, the TLD and the suffix): a
referral for each <behaviour>.<suffix> to ns.<behaviour>.<suffix> at
--address, NXDOMAIN for anything else. Use that address as the only root
hint to test without a testbed (tests/integration/test_hostile.sh).
"""
import argparse
import asyncio
import os
import random
import struct
import sys

TYPE_A, TYPE_NS, TYPE_SOA, TYPE_RRSIG, TYPE_DNSKEY = 1, 2, 6, 46, 48
TYPE_NSEC3, TYPE_OPT = 50, 41

BEHAVIOURS = {
    "ptrloop": "compression pointer loop in the answer",
    "rdlength": "RDLENGTH runs past the end of the message",
    "counts": "section counts larger than the message",
    "zerokey": "DNSKEY with a zero-length public key",
    "hugekey": "DNSKEY with an absurd 4000-byte key",
    "hugesig": "RRSIG with a 30000-byte signature (over TCP)",
    "manyrr": "as many RRs as a TCP message holds (thousands)",
    "wrongid": "answers with a wrong message ID, never the right one",
    "wrongq": "answers a different question",
    "otheraddr": "answers from another source address",
    "tcpstop": "TC=1 over UDP, then a TCP answer that stops mid-message",
    "tcptrickle": "TC=1 over UDP, then a TCP answer at one byte per second",
    "refloop": "referral loop: a.refloop and b.refloop delegate to each other",
    "selfref": "refers every query to a deeper zone on itself, forever",
    "ns500": "referral to an NS set of 500 names that do not resolve",
    "nsec3iter": "NXDOMAIN with NSEC3 records of 2,500 iterations",
    "silent": "never answers",
}


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\x00"


def parse_query(data):
    """Return (id, flags, qname_text, qname_wire, qtype, qclass, do) or None."""
    if len(data) < 12:
        return None
    qid, flags, qd, _, _, ar = struct.unpack("!HHHHHH", data[:12])
    if qd != 1 or flags & 0x8000:
        return None
    pos, labels = 12, []
    while True:
        if pos >= len(data):
            return None
        n = data[pos]
        if n == 0:
            pos += 1
            break
        if n > 63 or pos + 1 + n > len(data):
            return None
        labels.append(data[pos + 1:pos + 1 + n].decode("ascii", "replace"))
        pos += 1 + n
    if pos + 4 > len(data):
        return None
    qtype, qclass = struct.unpack("!HH", data[pos:pos + 4])
    qwire = data[12:pos]
    return qid, flags, ".".join(labels).lower() + ".", qwire, qtype, qclass


def header(qid, flags, qd, an, ns, ar):
    return struct.pack("!HHHHHH", qid, flags, qd, an, ns, ar)


def rr(owner_wire, rtype, ttl, rdata):
    return owner_wire + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


class Hostile:
    def __init__(self, suffix, address, other_address):
        self.suffix = suffix.lower().rstrip(".") + "."
        self.address = address
        self.other_address = other_address

    def zone_of(self, qname):
        """The (behaviour, zone) the qname falls in, or (None, None)."""
        if not qname.endswith("." + self.suffix):
            return None, None
        head = qname[: -len(self.suffix) - 1].split(".")
        behaviour = head[-1]
        if behaviour not in BEHAVIOURS:
            return None, None
        return behaviour, behaviour + "." + self.suffix

    def soa(self, zone):
        rdata = (encode_name("ns." + zone) + encode_name("hostmaster." + zone)
                 + struct.pack("!IIIII", 1, 3600, 600, 86400, 300))
        return rr(encode_name(zone), TYPE_SOA, 300, rdata)

    def plain_answer(self, q, zone):
        """A well-formed unsigned answer: what the zone would say if sane."""
        qid, _, qname, qwire, qtype, _ = q
        flags = 0x8400  # QR AA
        if qtype == TYPE_A:
            ans = rr(qwire, TYPE_A, 300, bytes([127, 53, 9, 9]))
            return header(qid, flags, 1, 1, 0, 0) + qwire + q_tail(q) + ans
        if qtype == TYPE_NS and qname == zone:
            ans = rr(qwire, TYPE_NS, 300, encode_name("ns." + zone))
            return header(qid, flags, 1, 1, 0, 0) + qwire + q_tail(q) + ans
        return (header(qid, flags, 1, 0, 1, 0) + qwire + q_tail(q)
                + self.soa(zone))

    def answer(self, q, transport):
        """Bytes to send (None = stay silent) for query q."""
        behaviour, zone = self.zone_of(q[2])
        if behaviour is None:
            qid, _, _, qwire, _, _ = q
            return header(qid, 0x8005, 1, 0, 0, 0) + qwire + q_tail(q)  # REFUSED
        handler = getattr(self, "do_" + behaviour)
        return handler(q, zone, transport)

    # -- behaviours -----------------------------------------------------
    def do_ptrloop(self, q, zone, transport):
        qid, _, _, qwire, _, _ = q
        # Answer owner is a pointer to itself (offset of the answer).
        off = 12 + len(qwire) + 4
        owner = struct.pack("!H", 0xC000 | off)
        ans = owner + struct.pack("!HHIH", TYPE_A, 1, 300, 4) + b"\x7f\x00\x00\x01"
        return header(qid, 0x8400, 1, 1, 0, 0) + qwire + q_tail(q) + ans

    def do_rdlength(self, q, zone, transport):
        qid, _, _, qwire, _, _ = q
        ans = b"\xc0\x0c" + struct.pack("!HHIH", TYPE_A, 1, 300, 400) + b"\x7f\x00"
        return header(qid, 0x8400, 1, 1, 0, 0) + qwire + q_tail(q) + ans

    def do_counts(self, q, zone, transport):
        qid, _, _, qwire, _, _ = q
        ans = b"\xc0\x0c" + struct.pack("!HHIH", TYPE_A, 1, 300, 4) + b"\x7f\x00\x00\x01"
        return header(qid, 0x8400, 1, 65535, 65535, 65535) + qwire + q_tail(q) + ans

    def dnskey_answer(self, q, zone, key):
        qid, _, _, qwire, qtype, _ = q
        if qtype != TYPE_DNSKEY:
            return self.plain_answer(q, zone)
        rdata = struct.pack("!HBB", 257, 3, 8) + key
        ans = rr(qwire, TYPE_DNSKEY, 300, rdata)
        return header(qid, 0x8400, 1, 1, 0, 0) + qwire + q_tail(q) + ans

    def do_zerokey(self, q, zone, transport):
        return self.dnskey_answer(q, zone, b"")

    def do_hugekey(self, q, zone, transport):
        if transport == "udp" and q[4] == TYPE_DNSKEY:
            return truncated(q)
        return self.dnskey_answer(q, zone, b"\x03\x01\x00\x01" + os.urandom(3996))

    def do_hugesig(self, q, zone, transport):
        qid, _, qname, qwire, qtype, _ = q
        if transport == "udp":
            return truncated(q)
        a = rr(qwire, TYPE_A, 300, bytes([127, 53, 9, 9]))
        sig = (struct.pack("!HBBIIIH", TYPE_A, 8, qname.count("."), 300,
                           0xFFFFFFF0, 0, 12345) + encode_name(zone)
               + os.urandom(30000))
        return (header(qid, 0x8400, 1, 2, 0, 0) + qwire + q_tail(q) + a
                + rr(b"\xc0\x0c", TYPE_RRSIG, 300, sig))

    def do_manyrr(self, q, zone, transport):
        qid, _, _, qwire, _, _ = q
        if transport == "udp":
            return truncated(q)
        body, count = b"", 0
        limit = 65535 - 12 - len(qwire) - 4
        one = b"\xc0\x0c" + struct.pack("!HHIH", TYPE_A, 1, 300, 4)
        while len(body) + len(one) + 4 <= limit and count < 10000:
            body += one + struct.pack("!I", 0x7F000000 + count)
            count += 1
        return header(qid, 0x8400, 1, count, 0, 0) + qwire + q_tail(q) + body

    def do_wrongid(self, q, zone, transport):
        good = self.plain_answer(q, zone)
        return struct.pack("!H", (q[0] + 1) & 0xFFFF) + good[2:]

    def do_wrongq(self, q, zone, transport):
        qid, _, _, _, qtype, _ = q
        other = encode_name("elsewhere." + zone)
        ans = rr(other, TYPE_A, 300, bytes([127, 53, 9, 9]))
        return (header(qid, 0x8400, 1, 1, 0, 0) + other
                + struct.pack("!HH", qtype, 1) + ans)

    def do_otheraddr(self, q, zone, transport):
        return ("other", self.plain_answer(q, zone))

    def do_tcpstop(self, q, zone, transport):
        if transport == "udp":
            return truncated(q)
        return ("stop", self.plain_answer(q, zone))

    def do_tcptrickle(self, q, zone, transport):
        if transport == "udp":
            return truncated(q)
        return ("trickle", self.plain_answer(q, zone))

    def referral(self, q, child, ns_names, glue=True):
        qid, _, _, qwire, _, _ = q
        auth = b"".join(rr(encode_name(child), TYPE_NS, 300, encode_name(n))
                        for n in ns_names)
        add = b""
        if glue:
            add = b"".join(rr(encode_name(n), TYPE_A, 300,
                              bytes(int(x) for x in self.address.split(".")))
                           for n in ns_names)
        nglue = len(ns_names) if glue else 0
        return (header(qid, 0x8000, 1, 0, len(ns_names), nglue) + qwire
                + q_tail(q) + auth + add)

    def do_refloop(self, q, zone, transport):
        # a.refloop.X is delegated to b.refloop.X's server and vice versa.
        qname = q[2]
        if qname.endswith("a." + zone) or qname == "a." + zone:
            return self.referral(q, "b." + zone, ["ns.b." + zone])
        return self.referral(q, "a." + zone, ["ns.a." + zone])

    def do_selfref(self, q, zone, transport):
        # Refer to a zone one label deeper than the query name (or the name
        # itself when it is the apex): the chain never ends.
        qname = q[2]
        child = "x." + qname if qname == zone else qname
        return self.referral(q, child, ["ns." + child])

    def do_ns500(self, q, zone, transport):
        names = ["ns%d.nowhere.invalid." % i for i in range(500)]
        # Every name below the apex is a cut to 500 glueless NS names.
        return self.referral(q, q[2] if q[2] != zone else "deep." + zone,
                             names, glue=False)

    def do_nsec3iter(self, q, zone, transport):
        qid, _, _, qwire, _, _ = q
        owner = encode_name("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom." + zone)
        rdata = (struct.pack("!BBH", 1, 0, 2500) + b"\x04\xaa\xbb\xcc\xdd"
                 + b"\x14" + os.urandom(20) + b"\x00\x01\x40")
        auth = self.soa(zone) + rr(owner, TYPE_NSEC3, 300, rdata)
        return header(qid, 0x8403, 1, 0, 2, 0) + qwire + q_tail(q) + auth

    def do_silent(self, q, zone, transport):
        return None


def q_tail(q):
    return struct.pack("!HH", q[4], q[5])


def truncated(q):
    qid, _, _, qwire, _, _ = q
    return header(qid, 0x8600, 1, 0, 0, 0) + qwire + q_tail(q)  # QR AA TC


class Parent:
    """The sane, unsigned zones above the behaviour zones (one server)."""

    def __init__(self, hostile):
        self.hostile = hostile

    def answer(self, q, transport):
        qid, _, qname, qwire, qtype, _ = q
        behaviour, zone = self.hostile.zone_of(qname)
        if behaviour is not None:
            return self.hostile.referral(q, zone, ["ns." + zone])
        soa = rr(b"\x00", TYPE_SOA, 300, encode_name("parent.invalid.")
                 + encode_name("hostmaster.invalid.")
                 + struct.pack("!IIIII", 1, 3600, 600, 86400, 300))
        suffix = self.hostile.suffix
        if qname == "." and qtype == TYPE_NS:
            ans = rr(b"\x00", TYPE_NS, 300, encode_name("parent.invalid."))
            return header(qid, 0x8400, 1, 1, 0, 0) + qwire + q_tail(q) + ans
        if qname == "." or suffix.endswith("." + qname) or qname == suffix:
            return (header(qid, 0x8400, 1, 0, 1, 0) + qwire + q_tail(q)
                    + soa)  # NODATA: an empty non-terminal of the root
        return header(qid, 0x8403, 1, 0, 1, 0) + qwire + q_tail(q) + soa


class UDP(asyncio.DatagramProtocol):
    def __init__(self, hostile, other_transport):
        self.hostile = hostile
        self.other = other_transport

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        q = parse_query(data)
        if q is None:
            return
        reply = self.hostile.answer(q, "udp")
        if reply is None:
            return
        if isinstance(reply, tuple):
            kind, reply = reply
            if kind == "other" and self.other() is not None:
                self.other().sendto(reply, addr)
            return
        self.transport.sendto(reply, addr)


async def handle_tcp(hostile, reader, writer):
    try:
        while True:
            head = await reader.readexactly(2)
            data = await reader.readexactly(struct.unpack("!H", head)[0])
            q = parse_query(data)
            if q is None:
                break
            reply = hostile.answer(q, "tcp")
            if reply is None:
                await asyncio.sleep(3600)
                break
            mode = None
            if isinstance(reply, tuple):
                mode, reply = reply
            framed = struct.pack("!H", len(reply)) + reply
            if mode == "stop":
                writer.write(framed[: len(framed) // 2])
                await writer.drain()
                await asyncio.sleep(3600)
                break
            if mode == "trickle":
                for i in range(len(framed)):
                    writer.write(framed[i:i + 1])
                    await writer.drain()
                    await asyncio.sleep(1)
                break
            writer.write(framed)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--address", required=True)
    ap.add_argument("--other-address", required=True)
    ap.add_argument("--suffix", required=True)
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--parent-address",
                    help="also serve the zones above the suffix here")
    ap.add_argument("--max-lifetime", type=float, default=0,
                    help="exit after this many seconds (0: never); a test "
                         "killed without cleanup leaves no server behind")
    ap.add_argument("--list", action="store_true",
                    help="print the behaviours and exit")
    args = ap.parse_args()
    for a in (args.address, args.other_address, args.parent_address):
        if a is not None and not a.startswith("127."):
            sys.exit("hostile_server: only 127.0.0.0/8 addresses are allowed")
    hostile = Hostile(args.suffix, args.address, args.other_address)
    loop = asyncio.get_running_loop()
    other_holder = {}
    other_t, _ = await loop.create_datagram_endpoint(
        asyncio.DatagramProtocol, local_addr=(args.other_address, args.port))
    other_holder["t"] = other_t
    await loop.create_datagram_endpoint(
        lambda: UDP(hostile, lambda: other_holder.get("t")),
        local_addr=(args.address, args.port))
    server = await asyncio.start_server(
        lambda r, w: handle_tcp(hostile, r, w), args.address, args.port)
    if args.parent_address is not None:
        parent = Parent(hostile)
        await loop.create_datagram_endpoint(
            lambda: UDP(parent, lambda: None),
            local_addr=(args.parent_address, args.port))
        await asyncio.start_server(
            lambda r, w: handle_tcp(parent, r, w), args.parent_address,
            args.port)
    print("hostile_server: serving %d behaviours under %s on %s"
          % (len(BEHAVIOURS), hostile.suffix, args.address), flush=True)
    if args.max_lifetime > 0:
        loop.call_later(args.max_lifetime, server.close)
    async with server:
        try:
            await server.serve_forever()
        except asyncio.CancelledError:
            pass


if __name__ == "__main__":
    if "--list" in sys.argv:
        for k, v in BEHAVIOURS.items():
            print("%s\t%s" % (k, v))
        sys.exit(0)
    random.seed()
    asyncio.run(main())
