#!/usr/bin/python3
"""Turn the figures bench/run.sh collected into the results page.

    summarize.py WORKDIR RESULTS_MD README_MD

WORKDIR holds records.tsv (one line per measured command, see measure.py),
info.json (machine, versions, commands, file names) and the outputs of the
tools (reports, captures, grok files). Writes RESULTS_MD and replaces the
block between the bench:results markers in README_MD.
"""
import json
import os
import statistics
import sys

BEGIN = "<!-- bench:results:begin (written by bench/run.sh) -->"
END = "<!-- bench:results:end -->"


def load_records(path):
    runs = {}  # (bench, tool, run) -> dict of sums
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            bench, tool, run, step = p[0].split("/")
            r = runs.setdefault(
                (bench, tool, int(run)),
                {"wall": 0.0, "cpu": 0.0, "rss": 0, "udp": 0, "tcp": 0,
                 "rc": [], "steps": []},
            )
            r["wall"] += float(p[2])
            r["cpu"] += float(p[3]) + float(p[4])
            r["rss"] = max(r["rss"], int(p[5] or 0))
            r["udp"] += int(p[6] or 0)
            r["tcp"] += int(p[7] or 0)
            r["rc"].append(int(p[1]))
            r["steps"].append((step, p[9]))
    return runs


def series(runs, bench, tool):
    return [v for (b, t, _), v in sorted(runs.items()) if b == bench and t == tool]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_s(x):
    if x != x:
        return "n/a"
    if x < 0.1:
        return "%.1f ms" % (x * 1000)
    if x < 10:
        return "%.2f s" % x
    return "%.1f s" % x


def fmt_mb(kb):
    return "%.1f MB" % (kb / 1024.0)


def agg(runs, bench, tool):
    s = series(runs, bench, tool)
    if not s:
        return None
    walls = [r["wall"] for r in s]
    return {
        "n": len(s),
        "wall": med(walls),
        "wmin": min(walls),
        "wmax": max(walls),
        "cpu": med([r["cpu"] for r in s]),
        "rss": med([r["rss"] for r in s]),
        "rssmax": max(r["rss"] for r in s),
        "queries": med([r["udp"] / 2.0 + r["tcp"] for r in s]),
        "rc": sorted(set(c for r in s for c in r["rc"])),
        "steps": s[0]["steps"],
    }


# ---- verdicts -------------------------------------------------------------

RANK = {"secure": 0, "insecure": 1, "indeterminate": 2, "bogus": 3}


def tp_verdicts(path):
    out = {}
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    o = json.loads(line)
                    out[o["name"].rstrip(".").lower()] = o["status"]
    except (OSError, ValueError, KeyError):
        pass
    return out


def dv_verdicts(path, names):
    """The status DNSViz's grok gives the answer at each name (A query):
    the worst status of the answer RRsets, or of the negative proofs."""
    out = {}
    try:
        with open(path) as f:
            g = json.load(f)
    except (OSError, ValueError):
        return out
    for n in names:
        key = n.rstrip(".") + "."
        e = g.get(key) or g.get(key.lower())
        st = "indeterminate"
        if e:
            q = e.get("queries", {}).get(key + "/IN/A", {})
            statuses = []
            for kind in ("answer", "nodata", "nxdomain"):
                for item in q.get(kind, []) or []:
                    if isinstance(item, dict) and "status" in item:
                        statuses.append(item["status"].lower())
                    for p in (item.get("proof", []) if isinstance(item, dict) else []):
                        if "status" in p:
                            statuses.append(p["status"].lower())
            if statuses:
                st = max(statuses, key=lambda s: RANK.get(s, 2))
        out[n.rstrip(".").lower()] = st
    return out


def tally(verdicts):
    c = {}
    for v in verdicts.values():
        c[v] = c.get(v, 0) + 1
    if not c:
        return "n/a"
    return ", ".join("%d %s" % (c[k], k) for k in sorted(c, key=lambda k: -c[k]))


def tp_capture_queries(path):
    try:
        with open(path) as f:
            return len(json.load(f)["queries"])
    except (OSError, ValueError, KeyError):
        return None


def dv_capture_queries(path):
    """Responses stored in a DNSViz probe file (one per query, server and
    client address), and the attempts including retries (history)."""
    try:
        with open(path) as f:
            g = json.load(f)
    except (OSError, ValueError):
        return None
    n = 0
    for name, e in g.items():
        if name.startswith("_meta") or not isinstance(e, dict):
            continue
        qs = e.get("queries", [])
        qs = qs.values() if isinstance(qs, dict) else qs
        for q in qs:
            for srv in q.get("responses", {}).values():
                n += len(srv)
    return n


# ---- page -----------------------------------------------------------------


def ratio(a, b):
    if not a or not b or a != a or b != b:
        return float("nan")
    return a / b


def fmt_x(x):
    return "n/a" if x != x else ("%.0fx" % x if x >= 10 else "%.1fx" % x)


def verdict_mark(ok):
    return "met" if ok else "**missed**"


def build(work):
    info = json.load(open(os.path.join(work, "info.json")))
    runs = load_records(os.path.join(work, "records.tsv"))
    W = lambda f: os.path.join(work, f)
    lines = []
    summary = []  # rows of the target table
    add = lines.append

    add("| benchmark | tool | wall (median, min-max) | CPU (user+sys) | peak RSS | "
        "queries | verdict |")
    add("|---|---|---|---|---|---|---|")

    def row(label, bench, tool, verdict, queries_note=""):
        a = agg(runs, bench, tool)
        if a is None:
            return None
        q = "%.0f" % a["queries"] if a["queries"] == a["queries"] else "n/a"
        if queries_note:
            q += " " + queries_note
        add("| %s | %s | %s (%s-%s, %d runs) | %s | %s | %s | %s |" % (
            label, tool_name(tool), fmt_s(a["wall"]), fmt_s(a["wmin"]),
            fmt_s(a["wmax"]), a["n"], fmt_s(a["cpu"]), fmt_mb(a["rss"]), q,
            verdict))
        return a

    def tool_name(t):
        return {"tp": "trustpath", "dv": "DNSViz"}.get(t, t)

    one = info["one_name"]
    tpv = tp_verdicts(W("one-tp.jsonl")).get(one.lower(), "n/a")
    dvv = dv_verdicts(W("one-dv.grok.json"), [one]).get(one.lower(), "n/a")
    tpq = tp_capture_queries(W("one-tp.cap.json"))
    dvq = dv_capture_queries(W("one-dv.json"))
    t1 = row("one name, end to end (SVG)", "one", "tp", tpv,
             "(capture: %s)" % tpq)
    d1 = row("one name, end to end (SVG)", "one", "dv", dvv,
             "(capture: %s)" % dvq)
    if t1 and d1:
        r = ratio(d1["wall"], t1["wall"])
        summary.append(("one name end to end, wall", ">= 20x", fmt_x(r),
                        verdict_mark(r >= 20),
                        "CPU %s" % fmt_x(ratio(d1["cpu"], t1["cpu"]))))

    a1t = row("analysis alone, 1 name", "ana1", "tp",
              tp_verdicts(W("ana-tp-1.jsonl")).get(one.lower(), "n/a"))
    a1d = row("analysis alone, 1 name", "ana1", "dv",
              dv_verdicts(W("ana-dv-1.grok.json"), [one]).get(one.lower(), "n/a"))
    if a1t and a1d:
        r = ratio(a1d["wall"], a1t["wall"])
        summary.append(("analysis alone (1 name), wall", ">= 50x", fmt_x(r),
                        verdict_mark(r >= 50),
                        "CPU %s" % fmt_x(ratio(a1d["cpu"], a1t["cpu"]))))

    batch_rss = {}
    for n in info["batch_sizes"]:
        names = info["batch_names"][str(n)]
        tv = tp_verdicts(W("batch-tp-%d.jsonl" % n))
        dv = dv_verdicts(W("batch-dv-%d.grok.json" % n), names)
        tq = tp_capture_queries(W("batch-tp-%d.cap.json" % n))
        dq = dv_capture_queries(W("batch-dv-%d.json" % n))
        bt = row("batch of %d names" % n, "batch%d" % n, "tp",
                 tally({k: tv.get(k.lower(), "missing") for k in names}),
                 "(capture: %s)" % tq)
        bd = row("batch of %d names" % n, "batch%d" % n, "dv", tally(dv),
                 "(capture: %s)" % dq)
        if bt:
            batch_rss[n] = bt["rss"]
        if bt and bd:
            r = ratio(bd["wall"], bt["wall"])
            summary.append((
                "batch of %d: throughput" % n, ">= 50x", fmt_x(r),
                verdict_mark(r >= 50),
                "trustpath %.0f names/s, DNSViz %.1f names/s; CPU %s" % (
                    n / bt["wall"], n / bd["wall"],
                    fmt_x(ratio(bd["cpu"], bt["cpu"])))))
        at = row("analysis alone, %d names" % n, "ana%d" % n, "tp", tally(
            {k: v for k, v in tp_verdicts(W("ana-tp-%d.jsonl" % n)).items()}))
        ad = agg(runs, "batch%d" % n, "dv")
        if at and ad and any(k[0] == "batch%d" % n and k[1] == "dv" for k in runs):
            # DNSViz's analysis of the batch is its grok step, timed above
            gw, gc, gr = [], [], 0
            with open(W("records.tsv")) as f:
                for line in f:
                    p = line.split("\t")
                    if p[0].startswith("batch%d/dv/" % n) and p[0].endswith("/grok"):
                        gw.append(float(p[2]))
                        gc.append(float(p[3]) + float(p[4]))
                        gr = max(gr, int(p[5] or 0))
            add("| analysis alone, %d names | DNSViz (`grok` step of the batch) | "
                "%s (%s-%s, %d runs) | %s | %s | 0 | %s |" % (
                    n, fmt_s(med(gw)), fmt_s(min(gw)), fmt_s(max(gw)), len(gw),
                    fmt_s(med(gc)), fmt_mb(gr), tally(dv)))
            r = ratio(med(gw), at["wall"])
            summary.append(("analysis alone (%d names), wall" % n, ">= 50x",
                            fmt_x(r), verdict_mark(r >= 50),
                            "CPU %s" % fmt_x(ratio(med(gc), at["cpu"]))))
    if len(batch_rss) >= 2:
        ks = sorted(batch_rss)
        lo, hi = ks[0], ks[-1]
        g = ratio(batch_rss[hi], batch_rss[lo])
        summary.append((
            "memory flat in the number of names", "flat",
            "%s -> %s (%.1fx for %dx names)" % (fmt_mb(batch_rss[lo]),
                                               fmt_mb(batch_rss[hi]), g, hi // lo),
            verdict_mark(g <= 1.25), "peak RSS of `check -f`"))

    ver = info.get("verify", [])
    for alg, ossl, mine, pct in ver:
        try:
            ok = float(pct.rstrip("%")) >= 70
        except ValueError:
            ok = False
        summary.append(("verification, algorithm %s" % alg, ">= 70%", pct,
                        verdict_mark(ok),
                        "%s/s vs openssl %s/s" % (mine, ossl)))

    table = "\n".join(lines)
    targets = ["| target | goal | measured | | notes |", "|---|---|---|---|---|"]
    for t in summary:
        targets.append("| %s | %s | %s | %s | %s |" % t)
    targets = "\n".join(targets)

    cmds = ["```"] + info["commands"] + ["```"]
    head = [
        "Run of %s (`bench/run.sh%s`), trustpath %s." % (
            info["date"], " --quick" if info["quick"] else "", info["git"]),
        "",
        "Machine: %s; %s CPUs (`nproc`); %s; load average %s at the start, "
        "%s at the end; %s; dnsviz %s; %s." % (
            info["cpu"], info["nproc"], info["mem"], info["load_start"],
            info["load_end"], info["kernel"], info["dnsviz"], info["openssl"]),
        "",
    ]
    return head, targets, table, cmds, info


def main(argv):
    work, results_md, readme = argv[1], argv[2], argv[3]
    head, targets, table, cmds, info = build(work)
    notes = info.get("notes", [])
    page = ["# Benchmark run %s" % info["date"], ""] + head + [
        "## Targets (ratios from this run)", "", targets, "",
        "## Figures", "", table, "",
        "Wall time: a monotonic clock around the command; CPU: user+system "
        "time of the command and all its children (getrusage); peak RSS: "
        "`/usr/bin/time -v` (largest single process); queries: UDP datagrams "
        "the kernel counted in the namespace during the command, halved "
        "(query and response), plus TCP connections; \"capture\": the "
        "exchanges each tool recorded in its own capture of the same names.",
        "",
    ] + notes + ["", "## Commands", ""] + cmds + [""]
    prof = os.path.join(work, "profile.txt")
    if os.path.exists(prof):
        page += ["## Profile (perf, self time)", "", "```",
                 open(prof).read().rstrip(), "```", ""]
    verify = os.path.join(work, "verify.txt")
    if os.path.exists(verify):
        page += ["## Signature verification (bench/verify.sh)", "", "```",
                 open(verify).read().rstrip(), "```", ""]
    with open(results_md, "w") as f:
        f.write("\n".join(page))

    block = [BEGIN, ""] + head + [targets, "", table, "",
             "Details, commands and the profile: [%s](%s)." % (
                 os.path.relpath(results_md, os.path.dirname(readme)),
                 os.path.relpath(results_md, os.path.dirname(readme))),
             "", END]
    text = open(readme).read()
    if BEGIN in text and END in text:
        pre = text[: text.index(BEGIN)]
        post = text[text.index(END) + len(END):]
        text = pre + "\n".join(block) + post
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    with open(readme, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv)
