#!/usr/bin/env python3
"""Open a kaigi report's network exports in NetworkX and python-igraph, as a network
analyst would, and check that they agree with each other and are bipartite where they
should be.

Usage:
    pip install -r scripts/networks/requirements.txt
    cargo run --release -- report inputs/sample-city
    python3 scripts/networks/check_exports.py outputs/sample-city

Optional: nothing in `cargo test` needs Python. Prints one line per check and exits 1 if
any fails.
"""

import csv
import sys
from pathlib import Path

import igraph as ig
import networkx as nx
from networkx.algorithms import bipartite

failures = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail else ''}")
    if not ok:
        failures.append(name)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(report):
    net = Path(report) / "network"
    nodes = rows(net / "two_mode_nodes.csv")
    edges = rows(net / "two_mode_edges.csv")
    meetings = {r["Id"] for r in nodes if r["kind"] == "meeting"}
    agencies = {r["Id"] for r in nodes if r["kind"] == "agency"}

    # NetworkX: GraphML, GEXF and Pajek of the two-mode network.
    g = nx.read_graphml(net / "two_mode.graphml")
    check("networkx graphml: nodes", g.number_of_nodes() == len(nodes), g.number_of_nodes())
    check("networkx graphml: edges", g.number_of_edges() == len(edges), g.number_of_edges())
    check("networkx graphml: is_bipartite", bipartite.is_bipartite(g))
    top = {n for n, d in g.nodes(data=True) if d["bipartite"] == 0}
    check("networkx graphml: bipartite 0 = meetings", top == meetings)
    check(
        "networkx graphml: boolean type",
        all(d["type"] is (n in agencies) for n, d in g.nodes(data=True)),
    )
    # The CSV files neutralise labels Excel would run (a leading ' before = + - @).
    labels = {r["Id"]: r["Label"] for r in nodes}
    check(
        "networkx graphml: labels as in the node list",
        all(d["label"] in (labels[n], labels[n][1:]) for n, d in g.nodes(data=True)),
    )
    x = nx.read_gexf(net / "two_mode.gexf")
    check("networkx gexf: same nodes", set(x.nodes) == set(g.nodes))
    check("networkx gexf: viz colour", all("color" in d.get("viz", {}) for _, d in x.nodes(data=True)))
    a = nx.read_graphml(net / "agencies.graphml")
    agency_edges = rows(net / "agencies_edges.csv")
    check("networkx agencies graphml: edges", a.number_of_edges() == len(agency_edges))
    # NetworkX's Pajek reader takes one-mode files only (`*Vertices n`): the two-mode
    # `*Vertices n m` file is read by igraph below.
    p = nx.read_pajek(net / "agencies.net")
    check("networkx pajek (agencies): nodes and edges", (p.number_of_nodes(), p.number_of_edges()) == (a.number_of_nodes(), len(agency_edges)))
    projected = bipartite.weighted_projected_graph(g, agencies)
    check(
        "networkx: projection of two_mode = agencies network",
        set(map(frozenset, projected.edges)) == set(map(frozenset, a.edges)),
    )

    # python-igraph: GraphML (type attribute) and Pajek (*Vertices n m).
    h = ig.Graph.Read_GraphML(str(net / "two_mode.graphml"))
    check("igraph graphml: vertices and edges", (h.vcount(), h.ecount()) == (len(nodes), len(edges)))
    check("igraph graphml: is_bipartite with type", h.is_bipartite() and "type" in h.vs.attributes())
    check("igraph graphml: type false for meetings", sum(1 for t in h.vs["type"] if not t) == len(meetings))
    k = ig.Graph.Read_Pajek(str(net / "two_mode.net"))
    check("igraph pajek: vertices and edges", (k.vcount(), k.ecount()) == (len(nodes), len(edges)))
    check("igraph pajek: is_bipartite, type from *Vertices n m", k.is_bipartite() and sum(1 for t in k.vs["type"] if not t) == len(meetings))
    j = ig.Graph.Read_GraphML(str(net / "agencies.graphml"))
    check("igraph agencies graphml: edges", j.ecount() == len(agency_edges))

    # Incidence matrix and partition file.
    with open(net / "incidence.csv", newline="", encoding="utf-8") as f:
        matrix = list(csv.reader(f))
    check("incidence: meetings x agencies", (len(matrix) - 1, len(matrix[0]) - 1) == (len(meetings), len(agencies)))
    seats = sum(1 for r in matrix[1:] for c in r[1:] if c != "0")
    check("incidence: one non-zero cell per seat", seats == len(edges))
    clu = (net / "two_mode.clu").read_text().split()
    check("partition: one class per vertex", len(clu) - 2 == len(nodes))

    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
