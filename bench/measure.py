#!/usr/bin/python3
"""Run one command and append one line of figures to a TSV file.

    measure.py --out FILE --label BENCH/TOOL/RUN/STEP [--stdout F] -- CMD...

Runs CMD under /usr/bin/time -v (GNU time, for the peak resident set size)
and measures around it: wall time with a monotonic clock, CPU time (user +
system) of all the processes it waited for, from getrusage(RUSAGE_CHILDREN)
with microsecond resolution (time -v rounds to 10 ms, too coarse for a
command that takes 20 ms). It also reads the network namespace's own packet
counters (/proc/net/snmp, /proc/net/snmp6) before and after, so the number of
UDP datagrams and TCP connections is counted by the kernel, the same way for
every tool. Run it inside the namespace (samples/testbed/exec) for that.

Columns: label rc wall_s user_s sys_s maxrss_kb udp_out tcp_opens
time_file command. udp_out counts every UDP datagram sent in the namespace
(queries and the servers' responses); tcp_opens the TCP connections opened.
"""
import os
import resource
import shlex
import subprocess
import sys
import time


def counters():
    udp = tcp = 0
    try:
        with open("/proc/net/snmp") as f:
            lines = f.read().splitlines()
        for head, vals in zip(lines[0::2], lines[1::2]):
            h, v = head.split(), vals.split()
            if h[0] == "Udp:":
                udp += int(v[h.index("OutDatagrams")])
            elif h[0] == "Tcp:":
                tcp += int(v[h.index("ActiveOpens")])
        with open("/proc/net/snmp6") as f:
            for line in f:
                k, v = line.split()
                if k == "Udp6OutDatagrams":
                    udp += int(v)
    except (OSError, ValueError, IndexError):
        return None
    return udp, tcp


def time_v(path):
    rss = 0
    try:
        with open(path) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    rss = int(line.rsplit(":", 1)[1])
    except (OSError, ValueError):
        pass
    return rss


def main(argv):
    out = label = stdout = None
    i = 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] in ("--out", "--label", "--stdout") and i + 1 < len(argv):
            val = argv[i + 1]
            if argv[i] == "--out":
                out = val
            elif argv[i] == "--label":
                label = val
            else:
                stdout = val
            i += 2
        else:
            sys.exit("measure.py: bad argument " + argv[i])
    cmd = argv[i + 1 :]
    if out is None or label is None or not cmd:
        sys.exit("usage: measure.py --out FILE --label L [--stdout F] -- CMD...")
    tfile = "%s.time.%s" % (out, label.replace("/", "."))
    sink = open(stdout, "wb") if stdout else subprocess.DEVNULL
    c0 = counters()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    rc = subprocess.call(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=sink)
    t1 = time.monotonic()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    c1 = counters()
    if stdout:
        sink.close()
    udp, tcp = ("", "")
    if c0 is not None and c1 is not None:
        udp, tcp = c1[0] - c0[0], c1[1] - c0[1]
    row = [
        label,
        rc,
        "%.4f" % (t1 - t0),
        "%.4f" % (r1.ru_utime - r0.ru_utime),
        "%.4f" % (r1.ru_stime - r0.ru_stime),
        time_v(tfile),
        udp,
        tcp,
        tfile,
        " ".join(shlex.quote(c) for c in cmd),
    ]
    with open(out, "a") as f:
        f.write("\t".join(str(x) for x in row) + "\n")
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
