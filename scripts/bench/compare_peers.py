#!/usr/bin/env python3
"""Times kaigi's pipeline stages beside NetworkX and igraph on the same inventories.

    python3 scripts/bench/compare_peers.py [--sizes 300 3000 30000] [--repeat 3]
                                           [--timeout 300]

What it does
------------
1. Creates ``scripts/.venv-bench`` (once) and installs ``requirements.txt`` there, one
   package at a time; a peer that cannot be installed or imported is skipped with a
   message, and the table shows it as skipped.
2. Builds ``target/release/kaigi`` and ``examples/stage_times`` (release).
3. For each size N, generates an inventory (``--generator region``, the default:
   ``kaigi generate --municipalities M --meetings N --seed 20250607`` with M = N / 400
   rounded up; ``--generator city``: ``kaigi generate --meetings N --agencies A``, A = N
   clamped to 50..5000), under ``$CARGO_TARGET_DIR/bench-inventories`` (``target/``
   without it), shared with ``pipeline.sh``, and writes kaigi's normalised JSON
   (``kaigi inventory DIR --format json``), against which the peers' CSV reader is
   checked.
4. Runs ``stage_times`` (all cores, and once more with ``RAYON_NUM_THREADS=1``) and each
   peer in a child process with a time limit per size (``--timeout``); stages a peer has
   not finished by then are reported as timed out.

Input of each side: both read the same CSV files. kaigi's ``parse`` is
``kaigi::input::load`` of the folder; the peers' is ``parse_inventory`` below, a plain
Python reader (``csv``, ``unicodedata`` NFKC, the same list separators, head-count
suffixes, alias resolution through ``agencies.csv`` and frequency and duration wordings,
for the wordings ``kaigi generate`` writes). Once per size, outside the timing, the run
stops unless that reader's model (meetings, participants with head-counts, sessions,
minutes, agencies) equals the one in ``kaigi inventory DIR --format json``. kaigi's load
does more than the reader (every column, diagnostics, plausibility checks), so the
comparison is, if anything, kind to the peers.

Stages (each the fastest of ``--repeat`` runs):

========================  ==================================================================
two_mode                  meeting × agency graph (every registered agency a node), from the
                          parsed inventory, where agencies are names: igraph's timing includes
                          the name → vertex index and integer edge list its constructor needs
projection                agency projection; NetworkX: ``collaboration_weighted_projected_graph``;
                          igraph: ``bipartite_projection(multiplicity=True)``
centrality                degree, exact betweenness, closeness
articulation_points       articulation points
louvain                   Louvain on Newman collaboration weights, seed 42 (igraph's
                          ``community_multilevel`` takes no seed; weights attached outside
                          the timing)
jaccard                   Jaccard of the agency sets of every meeting pair sharing an agency
                          (pairs found through an agency → meetings index, then
                          ``nx.jaccard_coefficient`` / ``Graph.similarity_jaccard`` on the
                          two-mode graph)
person_hours              annual hours per agency and in total (plain Python for both peers)
========================  ==================================================================

Checks: tie count, articulation-point count, meeting pairs, Σ Jaccard and total
person-hours must agree with kaigi's; a disagreement is printed under the table.

Whole commands: in the same run, the real binary ``kaigi connectivity DIR --format json``
(output discarded) is timed with its defaults (sampled shortest paths above
``--exact-limit``) and with ``--exact-limit`` above the agency count (exact, as the
peers compute), against each peer's whole pipeline: the sum of its stages above. A peer
that skipped or did not finish a stage has no total.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "scripts" / ".venv-bench"
REQUIREMENTS = Path(__file__).resolve().parent / "requirements.txt"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
DATA = TARGET / "bench-inventories"
SEED = 20250607
STAGES = [
    "parse",
    "two_mode",
    "projection",
    "centrality",
    "articulation_points",
    "louvain",
    "jaccard",
    "person_hours",
]


# --------------------------------------------------------------------------- set-up


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> None:
    """Creates the venv, installs each requirement on its own, re-executes inside it."""
    if in_venv():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"compare_peers: creating {VENV.relative_to(ROOT)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    for line in REQUIREMENTS.read_text().splitlines():
        requirement = line.split("#")[0].strip()
        if not requirement:
            continue
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", requirement],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            print(
                f"compare_peers: could not install {requirement}: {last}; "
                "that peer will be skipped",
                file=sys.stderr,
            )
    os.execv(str(python), [str(python), *sys.argv])


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)


def inventory_for(size: int, kaigi: Path, generator: str) -> tuple[Path, Path]:
    folder = DATA / f"{generator}-{size}"
    if not (folder / "meetings.csv").exists():
        if generator == "region":
            # One municipality per 400 meetings, as scripts/bench/pipeline.sh.
            shape = ["--municipalities", str(-(-size // 400))]
        else:
            shape = ["--agencies", str(min(max(size, 50), 5000))]
        run(
            [str(kaigi), "generate", "--meetings", str(size), *shape,
             "--seed", str(SEED), "--out", str(folder), "--force"],
            stderr=subprocess.DEVNULL,
        )
    normalised = DATA / f"{generator}-{size}.json"
    if not normalised.exists():
        with normalised.open("wb") as out:
            run([str(kaigi), "inventory", str(folder), "--format", "json"], stdout=out)
    return folder, normalised


# --------------------------------------------------------------------------- peers


def best_of(repeat: int, f):
    best, result = float("inf"), None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result


# The CSV reader of the peers: the same work kaigi's ``input::load`` does on the files
# ``kaigi generate`` writes (NFKC and whitespace-free, lower-case name keys, list
# separators, head-count suffixes, aliases, frequency and duration wordings), for the
# wordings the generator writes; any other wording stops the run rather than guessing.
LIST_SEPARATORS = re.compile(r"[;；、､,，\n\r]")
HEAD_COUNT = re.compile(
    r"^(?P<name>.*?)\s*(?:[×xX\*＊ｘＸ]\s*(?P<a>[0-9０-９]+)\s*(?:名|人)?"
    r"|[(（]\s*(?P<b>[0-9０-９]+)\s*(?:名|人)?\s*[)）])$"
)
MAX_HEAD_COUNT = 10_000
#: Sessions a year of the frequency words (kaigi: src/input/grammar.rs).
FREQUENCY_WORDS = {"毎月": 12.0, "隔月": 6.0, "四半期": 4.0, "半年": 2.0}
PER_PERIOD = {"年": 1.0, "月": 12.0, "週": 52.0}
FREQUENCY = re.compile(r"^(年|月|週)(\d+)回$")
#: 随時 (as needed), optionally with the expected count; kaigi estimates 12 without one.
AD_HOC = re.compile(r"^随時(?:\(年(\d+)回\))?$")
AD_HOC_SESSIONS = 12.0
HOURS = re.compile(r"^(\d+(?:\.\d+)?)(?:h|時間)(?:(\d+)分)?$")
MINUTES = re.compile(r"^(\d+(?:\.\d+)?)分?$")


def name_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def compact(cell: str) -> str:
    return "".join(unicodedata.normalize("NFKC", cell).lower().split())


def sessions_per_year(cell: str) -> float:
    word = compact(cell)
    if word in FREQUENCY_WORDS:
        return FREQUENCY_WORDS[word]
    if m := FREQUENCY.match(word):
        return PER_PERIOD[m[1]] * int(m[2])
    if m := AD_HOC.match(word):
        return float(m[1]) if m[1] else AD_HOC_SESSIONS
    raise ValueError(f"frequency wording not read by this benchmark: {cell!r}")


def minutes_per_session(cell: str) -> float:
    word = compact(cell)
    if m := HOURS.match(word):
        return float(m[1]) * 60.0 + (int(m[2]) if m[2] else 0)
    if m := MINUTES.match(word):
        return float(m[1])
    raise ValueError(f"duration wording not read by this benchmark: {cell!r}")


def parse_inventory(folder: Path):
    """The inventory's CSV files (``agencies.csv``, ``meetings.csv``) → (meetings,
    agencies): meetings as (id, {agency: head-count}, sessions per year, minutes per
    session), agencies in the order kaigi gives them (registered, then unregistered)."""
    agencies: list[str] = []
    canonical: dict[str, str] = {}
    with (folder / "agencies.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            name = row["機関名"].strip()
            agencies.append(name)
            canonical.setdefault(name_key(name), name)
            for alias in LIST_SEPARATORS.split(row.get("別名") or ""):
                if alias := alias.strip():
                    canonical.setdefault(name_key(alias), name)
    meetings = []
    with (folder / "meetings.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            counts: dict[str, int] = {}
            for entry in LIST_SEPARATORS.split(row["参加者"]):
                entry = entry.strip()
                if not entry:
                    continue
                name, count = entry, 1
                if (m := HEAD_COUNT.match(entry)) and (head := m["name"].strip()):
                    name = head
                    count = int(unicodedata.normalize("NFKC", m["a"] or m["b"]))
                    if not 1 <= count <= MAX_HEAD_COUNT:
                        raise ValueError(f"head-count out of range: {entry!r}")
                key = name_key(name)
                agency = canonical.get(key)
                if agency is None:
                    agency = canonical[key] = name
                    agencies.append(name)
                counts[agency] = counts.get(agency, 0) + count
            meetings.append((
                row["ID"].strip(), counts,
                sessions_per_year(row["開催頻度"]),
                minutes_per_session(row["1回当たりの会議時間"]),
            ))
    return meetings, agencies


def parse_normalised_json(path: Path):
    """kaigi's ``inventory --format json`` → the same shape as ``parse_inventory``."""
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    meetings = []
    for m in data["meetings"]:
        counts: dict[str, int] = {}
        for p in m["participants"]:
            counts[p["name"]] = counts.get(p["name"], 0) + p["count"]
        meetings.append((m["id"], counts, m["sessions_per_year"], m["minutes_per_session"]))
    return meetings, [a["name"] for a in data["agencies"]]


def check_csv_reader(folder: Path, normalised: Path) -> None:
    """Stops the run unless the peers' CSV reader gives the model kaigi gives (its JSON):
    same meetings in the same order, participants with head-counts, sessions, minutes
    and agencies."""
    ours, theirs = parse_inventory(folder), parse_normalised_json(normalised)
    if ours == theirs:
        return
    for what, a, b in (("agencies", ours[1], theirs[1]), ("meetings", ours[0], theirs[0])):
        if len(a) != len(b):
            sys.exit(f"CSV reader disagrees with kaigi on {folder}: {len(a)} {what}, kaigi {len(b)}")
        for x, y in zip(a, b):
            if x != y:
                sys.exit(f"CSV reader disagrees with kaigi on {folder} ({what}):\n  {x}\n  kaigi: {y}")
    sys.exit(f"CSV reader disagrees with kaigi on {folder}")


def meeting_pairs(meetings) -> list[tuple[int, int]]:
    attended: dict[str, list[int]] = {}
    for i, (_, counts, _, _) in enumerate(meetings):
        for agency in counts:
            attended.setdefault(agency, []).append(i)
    pairs = set()
    for ms in attended.values():
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                pairs.add((ms[x], ms[y]))
    return sorted(pairs)


def person_hours(meetings):
    hours: dict[str, float] = {}
    total = 0.0
    for _, counts, sessions, minutes in meetings:
        for agency, count in counts.items():
            h = count * sessions * minutes / 60.0
            hours[agency] = hours.get(agency, 0.0) + h
            total += h
    return hours, total


#: Most meeting pairs the peers enumerate: the pairs live in a Python set, about 100
#: bytes each, so 20 million pairs is already some 2 GB.
MAX_PAIRS = 20_000_000


def pair_bound(meetings) -> int:
    """Σ over agencies of C(d, 2): an upper bound on the meeting pairs sharing an agency."""
    degree: dict[str, int] = {}
    for _, counts, _, _ in meetings:
        for agency in counts:
            degree[agency] = degree.get(agency, 0) + 1
    return sum(d * (d - 1) // 2 for d in degree.values())


def emit(stage: str, seconds, **checks) -> None:
    print(json.dumps({"stage": stage, "seconds": seconds, "checks": checks}), flush=True)


def jaccard_and_person_hours(repeat, meetings, jaccard):
    """The two stages both peers time the same way: the peer's Jaccard over every meeting
    pair sharing an agency (skipped when the pairs would not fit in memory), then the
    plain-Python person-hours."""
    bound = pair_bound(meetings)
    if bound > MAX_PAIRS:
        emit("jaccard", f"skipped: up to {bound:,} pairs, over {MAX_PAIRS:,} held in memory")
    else:
        t, (pairs, total) = best_of(repeat, jaccard)
        emit("jaccard", t, meeting_pairs=pairs, jaccard_sum=total)
    t, (_, total) = best_of(repeat, lambda: person_hours(meetings))
    emit("person_hours", t, total_person_hours=total)


def worker_networkx(path: Path, repeat: int) -> None:
    import networkx as nx
    from networkx.algorithms import bipartite

    t, (meetings, agencies) = best_of(repeat, lambda: parse_inventory(path))
    emit("parse", t)
    meeting_nodes = [("m", i) for i in range(len(meetings))]

    def two_mode():
        b = nx.Graph()
        b.add_nodes_from(meeting_nodes, bipartite=0)
        b.add_nodes_from(agencies, bipartite=1)
        for i, (_, counts, _, _) in enumerate(meetings):
            b.add_edges_from((("m", i), a) for a in counts)
        return b

    t, b = best_of(repeat, two_mode)
    emit("two_mode", t, two_mode_edges=b.number_of_edges())
    t, g = best_of(repeat, lambda: bipartite.collaboration_weighted_projected_graph(b, agencies))
    emit("projection", t, ties=g.number_of_edges())

    t, points = best_of(repeat, lambda: list(nx.articulation_points(g)))
    emit("articulation_points", t, articulation_points=len(points))
    t, communities = best_of(
        repeat, lambda: nx.community.louvain_communities(g, weight="weight", seed=42)
    )
    emit("louvain", t, communities=len(communities))

    def jaccard():
        pairs = meeting_pairs(meetings)
        # A list, not a generator: NetworkX 3.6 yields nothing for a generator ebunch.
        ebunch = [(("m", x), ("m", y)) for x, y in pairs]
        total = sum(j for _, _, j in nx.jaccard_coefficient(b, ebunch))
        return len(pairs), total

    jaccard_and_person_hours(repeat, meetings, jaccard)

    # Last: pure-Python betweenness is by far the slowest stage; the others are reported
    # even when this one runs out of time.
    def centrality():
        return (
            nx.degree_centrality(g),
            nx.betweenness_centrality(g),
            nx.closeness_centrality(g),
        )

    t, _ = best_of(repeat, centrality)
    emit("centrality", t)


def worker_igraph(path: Path, repeat: int) -> None:
    import igraph as ig

    t, (meetings, agencies) = best_of(repeat, lambda: parse_inventory(path))
    emit("parse", t)
    # Like kaigi's two_mode (and NetworkX's, which adds nodes by name), igraph's starts
    # from the parsed inventory: agencies by name, so the name → vertex index and the
    # integer edge list igraph's constructor needs are built inside the timing.
    def two_mode():
        index = {a: len(meetings) + k for k, a in enumerate(agencies)}
        edges = [(i, index[a]) for i, (_, counts, _, _) in enumerate(meetings) for a in counts]
        types = [False] * len(meetings) + [True] * len(agencies)
        return index, ig.Graph.Bipartite(types, edges)

    t, (index, b) = best_of(repeat, two_mode)
    emit("two_mode", t, two_mode_edges=b.ecount())
    t, g = best_of(repeat, lambda: b.bipartite_projection(which=1, multiplicity=True))
    emit("projection", t, ties=g.ecount())

    t, points = best_of(repeat, g.articulation_points)
    emit("articulation_points", t, articulation_points=len(points))

    # Newman collaboration weights on the projection's edges (outside the timing).
    collaboration: dict[tuple[int, int], float] = {}
    offset = len(meetings)
    for _, counts, _, _ in meetings:
        members = sorted(index[a] - offset for a in counts)
        if len(members) < 2:
            continue
        w = 1.0 / (len(members) - 1)
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                key = (members[x], members[y])
                collaboration[key] = collaboration.get(key, 0.0) + w
    g.es["collaboration"] = [collaboration[tuple(sorted(e.tuple))] for e in g.es]
    t, communities = best_of(repeat, lambda: g.community_multilevel(weights="collaboration"))
    emit("louvain", t, communities=len(communities))

    def jaccard():
        pairs = meeting_pairs(meetings)
        # loops=False: igraph 1.0 counts each vertex as its own neighbour by default,
        # which adds both meetings to the union.
        total = sum(b.similarity_jaccard(pairs=pairs, loops=False)) if pairs else 0.0
        return len(pairs), total

    jaccard_and_person_hours(repeat, meetings, jaccard)

    def centrality():
        return g.degree(), g.betweenness(directed=False), g.closeness()

    t, _ = best_of(repeat, centrality)
    emit("centrality", t)


# --------------------------------------------------------------------------- driver


def run_peer(peer: str, folder: Path, repeat: int, timeout: float) -> dict:
    """Runs one peer in a child process; returns stage → seconds | 'timeout' | message."""
    module = {"networkx": "networkx", "igraph": "igraph"}[peer]
    probe = subprocess.run(
        [sys.executable, "-c", f"import {module}; print({module}.__version__)"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["import failed"])[-1]
        return {"skipped": f"{peer} cannot be imported ({reason})"}
    result: dict = {"version": probe.stdout.strip(), "stages": {}, "checks": {}}
    child = subprocess.Popen(
        [sys.executable, __file__, "--worker", peer, str(folder), "--repeat", str(repeat)],
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + timeout
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not selector.select(timeout=left):
            child.kill()
            child.wait()
            result["timeout"] = timeout
            break
        line = child.stdout.readline()
        if not line:
            child.wait()
            if child.returncode != 0:
                result["error"] = f"exited with {child.returncode}"
            break
        record = json.loads(line)
        result["stages"][record["stage"]] = record["seconds"]
        result["checks"].update(record["checks"])
    return result


def kaigi_times(normalised_dir: Path, repeat: int, threads: int | None) -> dict:
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    out = run(
        [str(TARGET / "release/examples/stage_times"), str(normalised_dir),
         "--repeat", str(repeat)],
        stdout=subprocess.PIPE,
        env=env,
    )
    return json.loads(out.stdout)


def command_seconds(cmd: list[str], repeat: int) -> float:
    """Fastest wall time of ``repeat`` runs of a command, its output discarded."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def pipeline_total(result: dict):
    """Sum of a peer's stage times, or why there is none."""
    if "skipped" in result:
        return "skipped"
    missing = [s for s in STAGES if not isinstance(result["stages"].get(s), (int, float))]
    if missing:
        return f"no total ({', '.join(missing)} not timed)"
    return sum(result["stages"][s] for s in STAGES)


def fmt(value) -> str:
    if isinstance(value, (int, float)):
        return f"{value:.4f}" if value < 10 else f"{value:.1f}"
    return value


def ratio(a, b) -> str:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b > 0:
        return f"{a / b:.2f}"
    return "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (fastest kept)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per peer per size")
    parser.add_argument("--peers", nargs="+", default=["networkx", "igraph"])
    parser.add_argument("--generator", choices=["region", "city"], default="region",
                        help="region: kaigi generate --municipalities ceil(N/400) (default); "
                        "city: one city, agencies = N clamped to 50..5000")
    parser.add_argument("--no-venv", action="store_true",
                        help="use this Python's NetworkX and igraph instead of the venv")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("inventory", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        {"networkx": worker_networkx, "igraph": worker_igraph}[args.worker](
            Path(args.inventory), args.repeat
        )
        return

    if not args.no_venv:
        ensure_venv()
    run(["cargo", "build", "--release", "--quiet", "--bin", "kaigi", "--example", "stage_times"])
    kaigi = TARGET / "release/kaigi"
    with open("/proc/loadavg") as f:
        load_before = " ".join(f.read().split()[:3])
    print(f"date: {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC; cores: {os.cpu_count()}; "
          f"load before: {load_before}; python {sys.version.split()[0]}")
    rows, problems, notes, whole = [], [], [], []
    for size in args.sizes:
        folder, normalised = inventory_for(size, kaigi, args.generator)
        ours = kaigi_times(folder, args.repeat, None)
        ours1 = kaigi_times(folder, args.repeat, 1)
        check_csv_reader(folder, normalised)
        peers = {p: run_peer(p, folder, args.repeat, args.timeout) for p in args.peers}
        # Above every node (registered or not): no group is sampled.
        exact = max(ours["agencies"], ours["checks"]["agencies_with_hours"]) + 1
        connectivity = [str(kaigi), "connectivity", str(folder), "--format", "json"]
        commands = {
            "kaigi connectivity (defaults)": command_seconds(connectivity, args.repeat),
            f"kaigi connectivity --exact-limit {exact}": command_seconds(
                [*connectivity, "--exact-limit", str(exact)], args.repeat),
        }
        totals = {p: pipeline_total(r) for p, r in peers.items()}
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        for peer, result in peers.items():
            if "skipped" in result:
                notes.append(f"{size}: {result['skipped']}")
                continue
            if "timeout" in result:
                notes.append(f"{size}: {peer} {result['version']} stopped after {args.timeout:.0f} s; "
                             "stages not reached are marked 'timeout'")
            for key, theirs in result["checks"].items():
                mine = ours["checks"].get(key)
                if mine is None:
                    continue
                same = abs(mine - theirs) <= 1e-6 * max(1.0, abs(mine)) if isinstance(
                    mine, float) else mine == theirs
                # igraph's Louvain is unseeded and differs; community counts are not checked.
                if not same and key != "communities":
                    problems.append(f"{size}: {peer} {key} = {theirs}, kaigi {mine}")
        for stage in STAGES:
            k = ours["stages"][stage]
            k1 = ours1["stages"][stage]
            cells = [str(size), ours["agencies"] and str(ours["agencies"]), stage, fmt(k), fmt(k1)]
            for peer in args.peers:
                result = peers[peer]
                if "skipped" in result:
                    value = "skipped"
                else:
                    value = result["stages"].get(stage, "timeout" if "timeout" in result else "error")
                cells += [fmt(value), ratio(k, value)]
            cells.append(load)
            rows.append(cells)
        for command, seconds in commands.items():
            cells = [str(size), command, fmt(seconds)]
            for peer in args.peers:
                cells += [fmt(totals[peer]), ratio(seconds, totals[peer])]
            cells.append(load)
            whole.append(cells)

    header = ["meetings", "agencies", "stage", f"kaigi s ({os.cpu_count()} threads)",
              "kaigi s (1 thread)"]
    for peer in args.peers:
        header += [f"{peer} s", f"kaigi/{peer}"]
    header.append("load (1 min)")
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" if h not in ("stage",) else "---" for h in header) + "|")
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    print()
    header = ["meetings", "command", "kaigi s"]
    for peer in args.peers:
        header += [f"{peer} whole pipeline s", f"kaigi/{peer}"]
    header.append("load (1 min)")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if h == "command" else "---:" for h in header) + "|")
    for cells in whole:
        print("| " + " | ".join(cells) + " |")
    print()
    print("parse: kaigi and the peers read the same CSV files (the peers' reader checked against "
          "`kaigi inventory --format json`).")
    print("whole pipeline: the sum of the peer's stages above, in the same run.")
    for note in notes:
        print(f"note: {note}")
    for problem in problems:
        print(f"MISMATCH: {problem}")
    if not problems:
        print("checks: ties, articulation points, meeting pairs, Σ Jaccard and person-hours agree.")


if __name__ == "__main__":
    main()
