#!/usr/bin/env python3
"""Independent reference values for kaigi's connectivity measures.

This script is the *oracle* for kaigi's Rust implementation of the agency-network
("connectivity") measures.  It reads a meeting inventory, computes every measure with
NetworkX (plus the ``bicm`` package and a small numpy solver for the backbone), and
writes one JSON document.  The Rust tests never run Python: they read the committed
JSON files under ``tests/fixtures/connectivity/<fixture>/reference.json``.

Usage
-----
    networkx_reference.py --all
        regenerate tests/fixtures/connectivity/*/reference.json from each fixture's
        meetings.csv + agencies.csv (and run the hand checks for `star` and `path`)
    networkx_reference.py --fixture DIR [--out FILE]
        one fixture directory (default output DIR/reference.json)
    networkx_reference.py --inventory-json FILE --out FILE
        kaigi's normalised inventory JSON:
        {"meetings":[{"id","name","participants":[{"name","count","sector"}],
                      "sessions_per_year","minutes_per_session"}],
         "agencies":[{"name","sector"}]}

Both inputs are loaded into one internal model (`Inventory`): a list of meetings, each
with id, sessions/year, minutes/session and an ordered map agency -> head-count, and a
map agency -> sector.  In the CSV fixtures every head-count is 1.

Conventions
-----------
* "Sorted" always means Python's default ``str`` ordering (code-point order), so e.g.
  "M10" < "M2".  Pairs are written with their smaller member first.
* The script re-executes itself with PYTHONHASHSEED=0 so that NetworkX's set iteration
  order, and with it every float summation order and Louvain's result, is reproducible.
* Floats are written as full-precision JSON numbers (Python ``repr``); output is
  ``json.dump(..., sort_keys=True, indent=1, ensure_ascii=False)``.
* Sector of an agency: the agencies table; otherwise (JSON input only) the sector
  given on the participant entry; otherwise ``"unknown"``.  An empty sector cell is
  ``"unknown"`` too.

Definitions (exactly what is computed)
--------------------------------------
Agencies
    every agency of the agencies table plus every participant name not listed there
    (sector "unknown").
Agency projection G (``nx.Graph``)
    one node per agency (isolated agencies included); edge {a,b} when a != b attend at
    least one common meeting.  Edge attributes:
      ``meetings``      number of shared meetings;
      ``shared_hours``  sum over shared meetings of sessions_per_year * minutes / 60
                        (meeting hours, not person-hours);
      ``collaboration`` Newman's collaboration weight, sum over shared meetings of
                        1/(k-1), k = number of distinct agencies in that meeting
                        (Newman 2001).
    A meeting's annual person-hours = sum of count * sessions * minutes / 60.

``network``
    agencies (nodes), links (edges), density (``nx.density``), components
    (``nx.number_connected_components``), average_clustering (``nx.average_clustering``,
    unweighted, all nodes, isolated nodes count as 0), average_shortest_path
    (``nx.average_shortest_path_length`` on the largest connected component: largest by
    node count, ties -> the component whose smallest name sorts first; 0.0 if it has a
    single node), degree_centralization (Freeman 1978/79:
    sum_i (d_max - d_i) / ((n-1)(n-2)), 0.0 when n < 3).
``agencies`` (keyed by name)
    sector; degree; degree_centrality (``nx.degree_centrality``); weighted_degree
    (degree with weight="meetings"); collaboration_strength (degree with
    weight="collaboration"); betweenness (``nx.betweenness_centrality``, normalized,
    unweighted); closeness (``nx.closeness_centrality``, wf_improved=True);
    annual_hours (sum over attended meetings of count * sessions * minutes / 60);
    meetings (number of meetings attended); brokerage (below).
Brokerage (Gould & Fernandez 1989), groups = sectors, G read as a symmetric digraph
    For broker b, brute force over ordered pairs (a, c) with a != c, both neighbours of
    b, and a, c NOT adjacent (so a -> b -> c is an open two-path).  With g = sector:
      coordinator     g(a) = g(b) = g(c)
      gatekeeper      g(a) != g(b) = g(c)
      representative  g(a) = g(b) != g(c)
      consultant      g(a) = g(c) != g(b)
      liaison         g(a), g(b), g(c) all different
    Every open ordered pair falls in exactly one role; because G is symmetric each
    unordered open pair is counted twice (a->b->c and c->b->a), which makes gatekeeper
    and representative counts equal for every broker.
``articulation_points``  sorted(nx.articulation_points(G)).
``bridges``              sorted list of sorted [a, b] from nx.bridges(G).
``isolated``             agencies of degree 0.
``pendants``             agencies of degree 1.
``louvain``
    ``nx.community.louvain_communities(G, weight="collaboration", resolution=1,
    threshold=1e-7, seed=42)`` (Blondel et al. 2008) -> communities (each sorted, list
    sorted by first member) and their modularity
    ``nx.community.modularity(G, communities, weight="collaboration")`` (Newman &
    Girvan 2004; Newman 2006).  The partition is specific to NetworkX's seeded node
    shuffling; ``modularity_checks`` gives fixed partitions (all-in-one, by sector,
    singletons, connected components) with their exact NetworkX modularity.
``ei_index`` (Krackhardt & Stern 1988), unweighted, over edges
    overall = (E - I)/(E + I), E = edges between different sectors, I = within-sector
    edges (null without edges).  per_sector[s]: over edges with at least one endpoint
    in s, E_s = edges to another sector, I_s = edges with both ends in s;
    (E_s - I_s)/(E_s + I_s), null if none.  Every sector present among agencies is a key.
``sector_matrix``
    for every unordered pair of distinct sectors s < t present among the agencies
    (including "unknown" if present): shared_meetings = ids of meetings having >= 1
    participant of s and >= 1 of t; shared_hours = sum of those meetings'
    sessions * minutes / 60; carriers = agencies of s or t attending those meetings.
    All pairs are listed; ``unlinked_sector_pairs`` = pairs with no shared meeting.
``ties``
    one entry per edge {a, b} (a < b): meetings (ids), shared_hours, collaboration.
    ``single_meeting_links``: edges carried by exactly one meeting, [a, b, meeting_id].
``burden_gini``
    Gini coefficient of annual_hours over all agencies (zeros included):
    sum_i sum_j |x_i - x_j| / (2 n^2 mean); 0.0 if all are zero.
``critical_agencies``
    for each agency x, the sector pairs [s, t] linked now (share a meeting) that would
    share no meeting if x were removed from every meeting (x's own sector still counts
    through other agencies of it).  Brute force; only agencies with a non-empty list.
``backbone``: SDSM with a BiCM null (Neal 2014; Saracco et al. 2015, 2017)
    B = binary agency x meeting incidence matrix.  Fit p_im = x_i y_m / (1 + x_i y_m)
    with row sums = agency degrees and column sums = meeting sizes (the BiCM maximum
    likelihood equations).  All-zero rows/columns get p = 0 and all-one rows/columns
    p = 1, applied repeatedly until none is left (the same reduction ``bicm`` uses).
    The free block is solved by our own numpy solver (fixed-point iteration, then
    Newton polishing) and by ``bicm.BipartiteGraph`` (its fixed-point solver, tol
    1e-14; its default Newton stalls near 1e-9 here); the two probability
    matrices must agree to <= 1e-10 (``probabilities_checked_to``).  Existence of a
    finite solution is also checked with a linear programme (margins must be reachable
    with every free p strictly inside (0, 1)); a degenerate fixture says so instead
    of giving numbers.
    For every existing edge {a, b}: observed = number of shared meetings;
    p_value = P(X >= observed), X Poisson-binomial with success probabilities
    p_am * p_bm over all meetings m, by exact dynamic programming (no normal or Poisson
    approximation; cross-checked against ``bicm.poibin``).  Holm-Bonferroni step-down
    correction (Holm 1979) over all existing edges at alpha = 0.05; ``p_holm`` is the
    Holm-adjusted p-value and ``significant`` the edges with p_holm <= alpha.

References
----------
* Blondel, Guillaume, Lambiotte & Lefebvre (2008). Fast unfolding of communities in
  large networks. J. Stat. Mech. P10008.
* Freeman, L. C. (1978/79). Centrality in social networks: conceptual clarification.
  Social Networks 1, 215-239.
* Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
  brokerage in transaction networks. Sociological Methodology 19, 89-126.
* Holm, S. (1979). A simple sequentially rejective multiple test procedure.
  Scand. J. Statist. 6, 65-70.
* Hong, Y. (2013). On computing the distribution function for the Poisson binomial
  distribution. Comput. Stat. Data Anal. 59, 41-51.
* Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises:
  an experimental simulation. Social Psychology Quarterly 51(2), 123-140.
* Neal, Z. (2014). The backbone of bipartite projections: inferring relationships from
  co-authorship, co-sponsorship, co-attendance and other co-behaviors.
  Social Networks 39, 84-97.
* Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths,
  weighted networks, and centrality. Phys. Rev. E 64, 016132.
* Newman, M. E. J. & Girvan, M. (2004). Finding and evaluating community structure in
  networks. Phys. Rev. E 69, 026113.
* Saracco, F., Di Clemente, R., Gabrielli, A. & Squartini, T. (2015). Randomizing
  bipartite networks: the case of the World Trade Web. Sci. Rep. 5, 10595.
* Saracco, F., Straka, M. J., Di Clemente, R., Gabrielli, A., Caldarelli, G. &
  Squartini, T. (2017). Inferring monopartite projections of bipartite networks: an
  entropy-based approach. New J. Phys. 19, 053022.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import itertools
import json
import math
import platform
import sys
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import metadata
from pathlib import Path

import networkx as nx
import numpy as np

# numba (used by bicm) warns about an experimental feature on every run
warnings.filterwarnings("ignore", message="First-class function type feature is experimental")

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "connectivity"
ROLES = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")
ALPHA = 0.05
PROB_TOL = 1e-10
UNKNOWN = "unknown"


# --------------------------------------------------------------------------- model
@dataclass
class Meeting:
    id: str
    name: str
    sessions: float
    minutes: float
    counts: dict = field(default_factory=dict)  # agency -> head-count (insertion order)

    @property
    def hours(self) -> float:
        """Annual meeting hours (not person-hours)."""
        return self.sessions * self.minutes / 60.0

    @property
    def agencies(self) -> list:
        return sorted(self.counts)


@dataclass
class Inventory:
    meetings: list
    sector: dict  # agency -> sector (every agency)


def _sector_or_unknown(value) -> str:
    if value is None:
        return UNKNOWN
    value = str(value).strip()
    return value if value else UNKNOWN


def _build(meetings: list, listed: dict, participant_sectors: dict) -> Inventory:
    sector = dict(listed)
    for m in meetings:
        for a in m.counts:
            if a not in sector:
                sector[a] = _sector_or_unknown(participant_sectors.get(a))
    ids = [m.id for m in meetings]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"duplicate meeting ids: {ids}")
    return Inventory(meetings=meetings, sector=sector)


def load_fixture(directory: Path) -> Inventory:
    """meetings.csv (id,name,participants,frequency,duration) + agencies.csv (name,sector)."""
    listed = {}
    agencies_csv = directory / "agencies.csv"
    if agencies_csv.exists():
        with agencies_csv.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                listed[row["name"].strip()] = _sector_or_unknown(row.get("sector"))
    meetings = []
    with (directory / "meetings.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            counts = {}
            for p in row["participants"].split(";"):
                p = p.strip()
                if p:
                    counts[p] = counts.get(p, 0) + 1
            meetings.append(
                Meeting(
                    id=row["id"].strip(),
                    name=row["name"].strip(),
                    sessions=float(row["frequency"]),
                    minutes=float(row["duration"]),
                    counts=counts,
                )
            )
    return _build(meetings, listed, {})


def load_inventory_json(path: Path) -> Inventory:
    """kaigi's normalised inventory JSON."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    listed = {}
    for a in data.get("agencies") or []:
        listed[str(a["name"])] = _sector_or_unknown(a.get("sector"))
    participant_sectors = {}
    meetings = []
    for i, m in enumerate(data.get("meetings") or []):
        counts = {}
        for p in m.get("participants") or []:
            name = str(p["name"])
            count = p.get("count", 1)
            count = 1 if count is None else count
            counts[name] = counts.get(name, 0) + count
            if p.get("sector") not in (None, ""):
                participant_sectors.setdefault(name, p["sector"])
        sessions = m.get("sessions_per_year")
        minutes = m.get("minutes_per_session")
        mid = str(m["id"]) if m.get("id") is not None else str(i + 1)
        for label, value in (("sessions_per_year", sessions), ("minutes_per_session", minutes)):
            if value is None:
                print(f"warning: meeting {mid}: {label} is null, using 0", file=sys.stderr)
        meetings.append(
            Meeting(
                id=mid,
                name=str(m.get("name") or ""),
                sessions=float(sessions or 0.0),
                minutes=float(minutes or 0.0),
                counts=counts,
            )
        )
    return _build(meetings, listed, participant_sectors)


# --------------------------------------------------------------------------- graph
def projection(inv: Inventory) -> nx.Graph:
    G = nx.Graph()
    for a in sorted(inv.sector):
        G.add_node(a, sector=inv.sector[a])
    acc = {}
    for m in inv.meetings:
        members = m.agencies
        k = len(members)
        for a, b in itertools.combinations(members, 2):
            e = acc.setdefault((a, b), {"meetings": [], "shared_hours": 0.0, "collaboration": 0.0})
            e["meetings"].append(m.id)
            e["shared_hours"] += m.hours
            e["collaboration"] += 1.0 / (k - 1)
    for (a, b) in sorted(acc):
        e = acc[(a, b)]
        G.add_edge(
            a,
            b,
            meetings=len(e["meetings"]),
            meeting_ids=sorted(e["meetings"]),
            shared_hours=e["shared_hours"],
            collaboration=e["collaboration"],
        )
    return G


def pair(a, b):
    return [a, b] if a < b else [b, a]


def largest_component(G: nx.Graph):
    comps = [sorted(c) for c in nx.connected_components(G)]
    comps.sort(key=lambda c: (-len(c), c[0]))
    return comps[0]


def freeman_degree_centralization(G: nx.Graph) -> float:
    n = G.number_of_nodes()
    if n < 3:
        return 0.0
    degs = [d for _, d in G.degree()]
    dmax = max(degs)
    return float(sum(dmax - d for d in degs)) / ((n - 1) * (n - 2))


def network_summary(G: nx.Graph) -> dict:
    lcc = largest_component(G)
    aspl = 0.0 if len(lcc) == 1 else nx.average_shortest_path_length(G.subgraph(lcc))
    return {
        "agencies": G.number_of_nodes(),
        "links": G.number_of_edges(),
        "density": nx.density(G),
        "components": nx.number_connected_components(G),
        "average_clustering": nx.average_clustering(G),
        "average_shortest_path": float(aspl),
        "degree_centralization": freeman_degree_centralization(G),
    }


def brokerage(G: nx.Graph, sector: dict) -> dict:
    """Gould & Fernandez (1989) brokerage counts by brute force.

    For every broker b and every ordered pair (a, c) of distinct neighbours of b that
    are not adjacent to each other, classify the two-path a -> b -> c by the sectors of
    a, b, c.  No closed forms, no shortcuts.
    """
    out = {}
    for b in sorted(G.nodes):
        counts = dict.fromkeys(ROLES, 0)
        nbrs = sorted(G.neighbors(b))
        for a in nbrs:
            for c in nbrs:
                if a == c or G.has_edge(a, c):
                    continue
                ga, gb, gc = sector[a], sector[b], sector[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga != gb and gb == gc:
                    role = "gatekeeper"
                elif ga == gb and gb != gc:
                    role = "representative"
                elif ga == gc and ga != gb:
                    role = "consultant"
                else:
                    assert ga != gb and gb != gc and ga != gc
                    role = "liaison"
                counts[role] += 1
        # consistency: the roles partition the open ordered two-paths through b,
        # of which there are d(d-1) - 2 * triangles(b)
        d = len(nbrs)
        assert sum(counts.values()) == d * (d - 1) - 2 * nx.triangles(G, b), b
        out[b] = counts
    return out


def agency_table(G: nx.Graph, inv: Inventory) -> dict:
    degc = nx.degree_centrality(G)
    btw = nx.betweenness_centrality(G, normalized=True)
    clo = nx.closeness_centrality(G, wf_improved=True)
    wdeg = dict(G.degree(weight="meetings"))
    cdeg = dict(G.degree(weight="collaboration"))
    brk = brokerage(G, inv.sector)
    hours = {a: 0.0 for a in inv.sector}
    attended = {a: 0 for a in inv.sector}
    for m in inv.meetings:
        for a, cnt in m.counts.items():
            hours[a] += cnt * m.sessions * m.minutes / 60.0
            attended[a] += 1
    out = {}
    for a in sorted(G.nodes):
        out[a] = {
            "sector": inv.sector[a],
            "degree": G.degree(a),
            "degree_centrality": float(degc[a]),
            "weighted_degree": wdeg[a],
            "collaboration_strength": float(cdeg[a]),
            "betweenness": float(btw[a]),
            "closeness": float(clo[a]),
            "annual_hours": float(hours[a]),
            "meetings": attended[a],
            "brokerage": brk[a],
        }
    return out


def sort_communities(parts):
    parts = [sorted(p) for p in parts]
    parts.sort(key=lambda p: p[0])
    return parts


def modularity_or_none(G, parts):
    if G.size(weight="collaboration") == 0:
        return None
    return float(nx.community.modularity(G, parts, weight="collaboration"))


def louvain(G: nx.Graph, inv: Inventory):
    if G.number_of_edges() == 0:
        comms = sort_communities([{n} for n in G.nodes])
    else:
        comms = sort_communities(
            nx.community.louvain_communities(
                G, weight="collaboration", resolution=1, threshold=1e-7, seed=42
            )
        )
    result = {"communities": comms, "modularity": modularity_or_none(G, comms)}
    by_sector = {}
    for a in G.nodes:
        by_sector.setdefault(inv.sector[a], []).append(a)
    partitions = {
        "all_in_one": sort_communities([set(G.nodes)]),
        "by_sector": sort_communities(by_sector.values()),
        "components": sort_communities(nx.connected_components(G)),
        "singletons": sort_communities([{n} for n in G.nodes]),
    }
    checks = []
    for name in sorted(partitions):
        part = partitions[name]
        checks.append({"name": name, "partition": part, "modularity": modularity_or_none(G, part)})
    return result, checks


def ei_index(G: nx.Graph, sector: dict) -> dict:
    E = I = 0
    per = {s: [0, 0] for s in set(sector.values())}  # s -> [E_s, I_s]
    for a, b in G.edges:
        sa, sb = sector[a], sector[b]
        if sa == sb:
            I += 1
            per[sa][1] += 1
        else:
            E += 1
            per[sa][0] += 1
            per[sb][0] += 1
    overall = None if E + I == 0 else (E - I) / (E + I)
    per_sector = {
        s: (None if e + i == 0 else (e - i) / (e + i)) for s, (e, i) in sorted(per.items())
    }
    return {"overall": overall, "per_sector": per_sector}


def sector_links(inv: Inventory, removed=None) -> set:
    """Set of unordered sector pairs (s, t), s < t, that share at least one meeting."""
    linked = set()
    for m in inv.meetings:
        present = sorted({inv.sector[a] for a in m.counts if a != removed})
        for s, t in itertools.combinations(present, 2):
            linked.add((s, t))
    return linked


def sector_matrix(inv: Inventory):
    sectors = sorted(set(inv.sector.values()))
    rows, unlinked = [], []
    for s, t in itertools.combinations(sectors, 2):
        ids, hours, carriers = [], 0.0, set()
        for m in inv.meetings:
            secs = {inv.sector[a] for a in m.counts}
            if s in secs and t in secs:
                ids.append(m.id)
                hours += m.hours
                carriers.update(a for a in m.counts if inv.sector[a] in (s, t))
        rows.append(
            {
                "sectors": [s, t],
                "shared_meetings": sorted(ids),
                "shared_hours": hours,
                "carriers": sorted(carriers),
            }
        )
        if not ids:
            unlinked.append([s, t])
    return rows, unlinked


def critical_agencies(inv: Inventory) -> dict:
    now = sector_links(inv)
    out = {}
    for x in sorted(inv.sector):
        lost = sorted(now - sector_links(inv, removed=x))
        if lost:
            out[x] = [list(p) for p in lost]
    return out


def gini(values) -> float:
    xs = [float(v) for v in values]
    n = len(xs)
    total = sum(xs)
    if n == 0 or total == 0:
        return 0.0
    mean = total / n
    s = sum(abs(xi - xj) for xi in xs for xj in xs)
    g = s / (2 * n * n * mean)
    # cross-check with the sorted-rank form 2*sum(i*x_(i))/(n*sum x) - (n+1)/n
    ys = sorted(xs)
    alt = 2 * sum((i + 1) * y for i, y in enumerate(ys)) / (n * total) - (n + 1) / n
    assert abs(g - alt) < 1e-12, (g, alt)
    return g


# --------------------------------------------------------------------------- backbone
def reduce_fixed(B: np.ndarray):
    """Fix all-zero rows/cols (p=0) and all-one rows/cols (p=1), repeatedly.

    Returns (P, rows, cols): P holds the fixed entries; rows/cols index the free block.
    """
    P = np.zeros(B.shape, dtype=float)
    rows = np.arange(B.shape[0])
    cols = np.arange(B.shape[1])
    while True:
        sub = B[np.ix_(rows, cols)]
        if sub.size == 0:
            break
        rs, cs = sub.sum(1), sub.sum(0)
        zero_r, full_r = rs == 0, rs == len(cols)
        zero_c, full_c = cs == 0, cs == len(rows)
        if not (zero_r.any() or full_r.any() or zero_c.any() or full_c.any()):
            break
        # full rows/cols -> 1 over the remaining block; zeros stay 0
        for i in rows[full_r]:
            P[i, cols] = 1.0
        for m in cols[full_c]:
            P[rows, m] = 1.0
        rows = rows[~(zero_r | full_r)]
        cols = cols[~(zero_c | full_c)]
    if len(rows) == 0 or len(cols) == 0:
        rows = np.arange(0)
        cols = np.arange(0)
    return P, rows, cols


def interior_exists(sub: np.ndarray):
    """LP: max t s.t. t <= q_im <= 1 - t, row/col sums of q equal those of sub.

    A finite BiCM solution exists iff the margins lie in the relative interior of the
    margin polytope {margins of Q : Q in [0,1]^(R x C)}, i.e. iff the optimum t* > 0
    (the relative interior of a linear image of the cube is the image of the open cube).
    """
    import scipy.sparse as sp
    from scipy.optimize import linprog

    R, C = sub.shape
    n = R * C
    idx = np.arange(n).reshape(R, C)
    # equalities: row sums then column sums of q (t has coefficient 0)
    rows_i = np.concatenate([np.repeat(np.arange(R), C), R + np.tile(np.arange(C), R)])
    cols_i = np.concatenate([idx.ravel(), idx.ravel()])
    A_eq = sp.csr_matrix((np.ones(2 * n), (rows_i, cols_i)), shape=(R + C, n + 1))
    b_eq = np.concatenate([sub.sum(1), sub.sum(0)]).astype(float)
    # inequalities: t - q <= 0 and q + t <= 1
    r = np.arange(2 * n)
    A_ub = sp.csr_matrix(
        (np.concatenate([-np.ones(n), np.ones(n), np.ones(2 * n)]),
         (np.concatenate([r, r]), np.concatenate([np.arange(n), np.arange(n), np.full(2 * n, n)]))),
        shape=(2 * n, n + 1))
    b_ub = np.concatenate([np.zeros(n), np.ones(n)])
    c = np.zeros(n + 1)
    c[-1] = -1.0
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                  bounds=[(0, 1)] * (n + 1), method="highs")
    if res.status != 0:
        return False, None
    tstar = float(-res.fun)
    return tstar > 1e-9, tstar


def own_bicm(sub: np.ndarray, max_fp=200000, tol=1e-13):
    """Our own BiCM solver on a reduced (no empty/full row or column) binary block.

    Fixed-point iteration x_i = k_i / sum_m y_m/(1+x_i y_m),
    y_m = d_m / sum_i x_i/(1+x_i y_m) from the Chung-Lu start, then Newton on the log
    parameters (least-squares steps: the model has one gauge freedom).
    Returns (P, max_residual, converged).
    """
    k = sub.sum(1).astype(float)
    d = sub.sum(0).astype(float)
    E = k.sum()
    x = k / math.sqrt(E)
    y = d / math.sqrt(E)

    def probs(x, y):
        xy = np.outer(x, y)
        return xy / (1.0 + xy)

    def resid(P):
        return max(np.abs(P.sum(1) - k).max(), np.abs(P.sum(0) - d).max())

    for _ in range(max_fp):
        x = k / (y[None, :] / (1.0 + np.outer(x, y))).sum(1)
        y = d / (x[:, None] / (1.0 + np.outer(x, y))).sum(0)
        if resid(probs(x, y)) < 1e-9:
            break
    # Newton polishing in theta = (log x, log y)
    th = np.concatenate([np.log(x), np.log(y)])
    R = len(k)
    for _ in range(100):
        P = probs(np.exp(th[:R]), np.exp(th[R:]))
        F = np.concatenate([P.sum(1) - k, P.sum(0) - d])
        if np.abs(F).max() < tol:
            break
        W = P * (1 - P)
        J = np.zeros((R + len(d), R + len(d)))
        J[:R, :R] = np.diag(W.sum(1))
        J[R:, R:] = np.diag(W.sum(0))
        J[:R, R:] = W
        J[R:, :R] = W.T
        step = np.linalg.lstsq(J, -F, rcond=None)[0]
        th = th + step
    P = probs(np.exp(th[:R]), np.exp(th[R:]))
    r = resid(P)
    return P, float(r), bool(np.isfinite(r) and r < 1e-11)


def bicm_package(B: np.ndarray):
    """Full probability matrix from the `bicm` package (None on failure)."""
    from bicm import BipartiteGraph

    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            bg = BipartiteGraph(biadjacency=B.astype(int))
            # Newton (the package default) stalls at ~1e-9 on these small, gauge-singular
            # systems; its fixed-point method reaches machine precision.
            bg.solve_tool(method="fixed-point", tol=1e-14, eps=1e-14, max_steps=100000,
                          print_error=False)
            P = np.array(bg.get_bicm_matrix(), dtype=float)
    except Exception as exc:  # pragma: no cover - reported in JSON
        return None, f"{type(exc).__name__}: {exc}"
    if P.shape != B.shape or not np.all(np.isfinite(P)):
        return None, "non-finite probabilities"
    return P, None


def poisson_binomial_sf(q: np.ndarray, observed: int) -> float:
    """P(X >= observed), X = sum of independent Bernoulli(q_m); exact DP."""
    pmf = np.zeros(len(q) + 1)
    pmf[0] = 1.0
    for j, qm in enumerate(q):
        nxt = pmf * (1.0 - qm)
        nxt[1:] += pmf[:-1] * qm
        pmf = nxt
    return float(min(1.0, pmf[observed:].sum()))


def holm(pvals: list):
    """Holm step-down. Returns (adjusted p-values, reject flags) in input order."""
    m = len(pvals)
    order = sorted(range(m), key=lambda i: pvals[i])
    adj = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvals[i]))
        adj[i] = running
    reject = [False] * m
    for rank, i in enumerate(order):  # the textbook step-down, checked against adj
        if pvals[i] <= ALPHA / (m - rank):
            reject[i] = True
        else:
            break
    assert all(reject[i] == (adj[i] <= ALPHA) for i in range(m)), "Holm mismatch"
    return adj, reject


def backbone(G: nx.Graph, inv: Inventory) -> dict:
    agencies = sorted(inv.sector)
    meetings = sorted(inv.meetings, key=lambda m: m.id)
    ai = {a: i for i, a in enumerate(agencies)}
    B = np.zeros((len(agencies), len(meetings)), dtype=int)
    for j, m in enumerate(meetings):
        for a in m.counts:
            B[ai[a], j] = 1
    out = {"method": "sdsm-bicm", "alpha": ALPHA, "correction": "holm"}

    P, rows, cols = reduce_fixed(B)
    sub = B[np.ix_(rows, cols)]
    free = int(sub.size)
    out["free_block"] = [int(len(rows)), int(len(cols))]
    if free:
        ok, tstar = interior_exists(sub)
        if not ok:
            out.update({"status": "degenerate",
                        "reason": "BiCM has no finite solution: the degree sequences force "
                                  "some free probabilities to 0 or 1 (LP interior margin "
                                  f"t*={tstar})",
                        "probabilities_checked_to": None, "ties": [], "significant": []})
            return out
        Psub, res_own, conv = own_bicm(sub)
        if not conv:
            out.update({"status": "not_converged",
                        "reason": f"own solver residual {res_own}",
                        "probabilities_checked_to": None, "ties": [], "significant": []})
            return out
        P[np.ix_(rows, cols)] = Psub
    else:
        res_own = 0.0
    # degree constraints hold on the full matrix
    max_resid = max(np.abs(P.sum(1) - B.sum(1)).max(), np.abs(P.sum(0) - B.sum(0)).max())
    assert max_resid < 1e-10, max_resid

    Pb, err = bicm_package(B)
    if Pb is None:
        out.update({"status": "bicm_failed", "reason": err,
                    "probabilities_checked_to": None, "ties": [], "significant": []})
        return out
    diff = float(np.abs(P - Pb).max())
    if diff > PROB_TOL:
        out.update({"status": "bicm_disagrees",
                    "reason": f"bicm vs own solver max |dp| = {diff}",
                    "probabilities_checked_to": None, "ties": [], "significant": []})
        return out
    out["status"] = "ok"
    out["probabilities_checked_to"] = PROB_TOL
    out["incidence_probabilities"] = {
        a: {m.id: float(P[ai[a], j]) for j, m in enumerate(meetings)} for a in agencies
    }

    from bicm.poibin import PoiBin

    edges = sorted(tuple(sorted(e)) for e in G.edges)
    ties = []
    for a, b in edges:
        q = P[ai[a]] * P[ai[b]]
        obs = G[a][b]["meetings"]
        pv = poisson_binomial_sf(q, obs)
        # cross-check the DP against bicm's DFT-CF Poisson-binomial (loose tolerance:
        # that method is accurate to ~1e-12 only and clips q to [0, 1])
        pb = PoiBin(np.clip(q, 0.0, 1.0))
        ref = 1.0 - float(pb.cdf(obs - 1)) if obs >= 1 else 1.0
        assert abs(ref - pv) < 1e-9, (a, b, pv, ref)
        ties.append({"a": a, "b": b, "observed": int(obs), "expected": float(q.sum()),
                     "p_value": pv})
    adj, rej = holm([t["p_value"] for t in ties])
    for t, pa in zip(ties, adj):
        t["p_holm"] = float(pa)
    out["ties"] = ties
    out["significant"] = [[t["a"], t["b"]] for t, r in zip(ties, rej) if r]
    return out


# --------------------------------------------------------------------------- output
def tool_versions() -> dict:
    return {
        "networkx": nx.__version__,
        "python": platform.python_version(),
        "bicm": metadata.version("bicm"),
    }


def compute(inv: Inventory) -> dict:
    G = projection(inv)
    ties, singles = [], []
    for a, b in sorted(tuple(sorted(e)) for e in G.edges):
        d = G[a][b]
        ties.append({"a": a, "b": b, "meetings": d["meeting_ids"],
                     "shared_hours": float(d["shared_hours"]),
                     "collaboration": float(d["collaboration"])})
        if d["meetings"] == 1:
            singles.append([a, b, d["meeting_ids"][0]])
    agencies = agency_table(G, inv)
    lv, checks = louvain(G, inv)
    matrix, unlinked = sector_matrix(inv)
    return {
        "tool_versions": tool_versions(),
        "network": network_summary(G),
        "agencies": agencies,
        "articulation_points": sorted(nx.articulation_points(G)),
        "bridges": sorted(pair(a, b) for a, b in nx.bridges(G)),
        "isolated": sorted(n for n in G if G.degree(n) == 0),
        "pendants": sorted(n for n in G if G.degree(n) == 1),
        "louvain": lv,
        "modularity_checks": checks,
        "ei_index": ei_index(G, inv.sector),
        "sector_matrix": matrix,
        "unlinked_sector_pairs": unlinked,
        "ties": ties,
        "single_meeting_links": sorted(singles),
        "burden_gini": gini(a["annual_hours"] for a in agencies.values()),
        "critical_agencies": critical_agencies(inv),
        "backbone": backbone(G, inv),
    }


def write_json(doc: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        json.dump(doc, f, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


# --------------------------------------------------------------------------- hand checks
def _close(x, y, what):
    if isinstance(y, Fraction):
        y = float(y)
    assert abs(x - y) < 1e-12, f"hand check failed: {what}: {x} != {y}"


def hand_check_star(doc):
    """Hub H + 5 leaves via 2-person meetings: values worked out by hand."""
    ag = doc["agencies"]
    n = doc["network"]
    _close(n["density"], Fraction(5, 15), "star density")
    _close(n["degree_centralization"], 1.0, "star centralization")
    _close(n["average_clustering"], 0.0, "star clustering")
    # 5 hub-leaf pairs at distance 1, 10 leaf-leaf pairs at distance 2 -> 25/15
    _close(n["average_shortest_path"], Fraction(25, 15), "star ASPL")
    _close(ag["Hub"]["betweenness"], 1.0, "hub betweenness")
    _close(ag["Hub"]["closeness"], 1.0, "hub closeness")
    for leaf in ("Leaf1", "Leaf2", "Leaf3", "Leaf4", "Leaf5"):
        _close(ag[leaf]["betweenness"], 0.0, "leaf betweenness")
        _close(ag[leaf]["closeness"], Fraction(5, 9), "leaf closeness 5/(1+4*2)")
        assert ag[leaf]["degree"] == 1
    # 5 leaves, ordered non-adjacent pairs = 5*4 = 20 open two-paths through the hub
    assert sum(ag["Hub"]["brokerage"].values()) == 20
    assert doc["articulation_points"] == ["Hub"]
    assert len(doc["bridges"]) == 5 and doc["pendants"] == [f"Leaf{i}" for i in range(1, 6)]
    # backbone: Hub attends every meeting (p=1); the leaves x meetings block is a
    # permutation matrix, so p = 1/5 everywhere and P(X >= 1) = 1 - (4/5)^5
    for t in doc["backbone"]["ties"]:
        _close(t["p_value"], 1 - 0.8 ** 5, "star SDSM p-value")


def hand_check_path(doc):
    """A-B-C-D-E-F chain: values worked out by hand."""
    ag = doc["agencies"]
    n = doc["network"]
    _close(n["density"], Fraction(5, 15), "path density")
    # distances: 5x1 + 4x2 + 3x3 + 2x4 + 1x5 = 35 over 15 pairs
    _close(n["average_shortest_path"], Fraction(35, 15), "path ASPL")
    _close(n["degree_centralization"], Fraction(2, 20), "path centralization")
    _close(ag["A"]["closeness"], Fraction(5, 15), "end closeness 5/(1+2+3+4+5)")
    _close(ag["F"]["closeness"], Fraction(5, 15), "end closeness")
    _close(ag["B"]["closeness"], Fraction(5, 11), "B closeness 5/(1+1+2+3+4)")
    _close(ag["C"]["closeness"], Fraction(5, 9), "C closeness 5/(2+1+1+2+3)")
    _close(ag["A"]["betweenness"], 0.0, "end betweenness")
    _close(ag["B"]["betweenness"], Fraction(4, 10), "B betweenness 4 of C(5,2)")
    _close(ag["C"]["betweenness"], Fraction(6, 10), "C betweenness 2*3 of 10")
    assert doc["articulation_points"] == ["B", "C", "D", "E"]
    assert doc["bridges"] == [["A", "B"], ["B", "C"], ["C", "D"], ["D", "E"], ["E", "F"]]
    assert doc["pendants"] == ["A", "F"]


def hand_check_unlisted(doc):
    """Backbone solved by hand.  Idle is an all-zero row (p=0), R attends both meetings
    (all-ones row, p=1).  In the free 3x2 block (P, Q, Stranger) x (M1, M2) with row
    sums 1 and column sums 2, 1 the BiCM odds ratios force p(.,M1) = 2/3, p(.,M2) = 1/3.
    P-Q: 1 - (1 - 4/9)(1 - 1/9) = 41/81; P-R: 1 - (1/3)(2/3) = 7/9."""
    bb = doc["backbone"]
    probs = bb["incidence_probabilities"]
    for a in ("P", "Q", "Stranger"):
        _close(probs[a]["M1"], Fraction(2, 3), f"p[{a},M1]")
        _close(probs[a]["M2"], Fraction(1, 3), f"p[{a},M2]")
    assert probs["R"] == {"M1": 1.0, "M2": 1.0} and probs["Idle"] == {"M1": 0.0, "M2": 0.0}
    pv = {(t["a"], t["b"]): t["p_value"] for t in bb["ties"]}
    _close(pv[("P", "Q")], Fraction(41, 81), "P-Q p-value")
    _close(pv[("P", "R")], Fraction(7, 9), "P-R p-value")
    assert doc["agencies"]["Stranger"]["sector"] == "unknown"
    assert ["alpha", "unknown"] in doc["unlinked_sector_pairs"]


def hand_check_disconnected(doc):
    n = doc["network"]
    assert n["components"] == 5  # {A,B,C}, {D,E,F}, {G,H}, {I}, {J}
    # {A,B,C} and {D,E,F} tie on size; A sorts first -> the triangle, ASPL 1 (not 4/3)
    _close(n["average_shortest_path"], 1.0, "largest-component tie rule")
    assert doc["isolated"] == ["I", "J"]
    _close(doc["agencies"]["A"]["closeness"], Fraction(2, 9), "closeness (2/9)*(2/2)")


def hand_check_bridge(doc):
    assert doc["articulation_points"] == ["A4", "B1"]
    assert doc["bridges"] == [["A4", "B1"]]
    # A4's open two-paths: Ai <-> B1 for i = 1..3, both directions
    assert doc["agencies"]["A4"]["brokerage"]["representative"] == 3
    assert doc["agencies"]["A4"]["brokerage"]["gatekeeper"] == 3


def hand_check_ties(doc):
    seen = {r: sum(a["brokerage"][r] for a in doc["agencies"].values()) for r in ROLES}
    assert all(v > 0 for v in seen.values()), seen
    assert doc["agencies"]["N2"]["brokerage"]["coordinator"] == 2
    assert doc["agencies"]["N4"]["brokerage"]["consultant"] == 6
    assert doc["agencies"]["N5"]["brokerage"]["liaison"] == 2


def hand_check_plenary(doc):
    bb = doc["backbone"]
    sig = {tuple(p) for p in bb["significant"]}
    plenary_only = {(t["a"], t["b"]) for t in doc["ties"] if t["meetings"] == ["M1"]}
    assert plenary_only and not (sig & plenary_only), "a plenary-only tie is significant"
    # the three-agency housing team and the three pairs that meet in 7 formats
    assert len(sig) == 6, sig
    # Holm, not Bonferroni: the last two rejections fail p * m <= alpha
    m = len(bb["ties"])
    assert any(t["p_value"] * m > ALPHA for t in bb["ties"] if (t["a"], t["b"]) in sig)


HAND_CHECKS = {"star": hand_check_star, "path": hand_check_path,
               "unlisted": hand_check_unlisted, "disconnected": hand_check_disconnected,
               "bridge": hand_check_bridge, "ties": hand_check_ties,
               "plenary": hand_check_plenary}


def to_inventory_json(inv: Inventory) -> dict:
    """The fixture in kaigi's normalised-inventory JSON shape (for the round trip)."""
    return {
        "meetings": [
            {"id": m.id, "name": m.name, "sessions_per_year": m.sessions,
             "minutes_per_session": m.minutes,
             "participants": [{"name": a, "count": c, "sector": inv.sector[a]}
                              for a, c in m.counts.items()]}
            for m in inv.meetings
        ],
        "agencies": [{"name": a, "sector": s} for a, s in sorted(inv.sector.items())],
    }


def run_fixture(directory: Path, out: Path | None = None) -> dict:
    inv = load_fixture(directory)
    doc = compute(inv)
    check = HAND_CHECKS.get(directory.name)
    if check:
        check(doc)
    # the JSON input path must give the identical document
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        j = Path(tmp) / "inventory.json"
        j.write_text(json.dumps(to_inventory_json(inv), ensure_ascii=False), encoding="utf-8")
        assert compute(load_inventory_json(j)) == doc, f"{directory.name}: JSON round trip differs"
    write_json(doc, out or directory / "reference.json")
    return doc


def _pin_hash_seed() -> None:
    """Re-run under PYTHONHASHSEED=0.

    NetworkX iterates over sets of node names (modularity sums, Louvain moves); with
    string-hash randomisation the float summation order, hence the last bits of the
    modularity and even Louvain's partition, could change from run to run.
    """
    import os

    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__), *sys.argv[1:]], env)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--all", action="store_true", help="regenerate every fixture's reference.json")
    g.add_argument("--fixture", type=Path, help="one fixture directory")
    g.add_argument("--inventory-json", type=Path, help="kaigi's normalised inventory JSON")
    ap.add_argument("--out", type=Path, help="output file")
    args = ap.parse_args(argv)
    if args.all:
        for d in sorted(p for p in FIXTURES.iterdir() if (p / "meetings.csv").exists()):
            doc = run_fixture(d)
            bb = doc["backbone"]
            print(f"{d.name}: {doc['network']['agencies']} agencies, "
                  f"{doc['network']['links']} links, backbone {bb['status']} "
                  f"({len(bb['significant'])} significant)")
        return 0
    if args.fixture:
        run_fixture(args.fixture, args.out)
        return 0
    if not args.out:
        ap.error("--inventory-json needs --out")
    write_json(compute(load_inventory_json(args.inventory_json)), args.out)
    return 0


if __name__ == "__main__":
    _pin_hash_seed()
    sys.exit(main())
