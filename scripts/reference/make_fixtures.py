#!/usr/bin/env python3
"""Write the connectivity fixture inventories (meetings.csv + agencies.csv).

The inventories are committed; this script documents how they were made and rewrites
them byte-for-byte identically.  `mixed` is random but seeded (random.Random(20240611)).
Run networkx_reference.py --all afterwards to refresh the reference.json files.

Names are checked to be NFKC-stable and free of the list separators and head-count
markers of kaigi's cell grammar (docs/input-format.md), so that kaigi reads exactly the
names written here.
"""

from __future__ import annotations

import csv
import random
import re
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "connectivity"
FORBIDDEN = re.compile(r"[;；、，,\n×*（）()]|\bx\d")


def check_name(name: str) -> None:
    assert unicodedata.normalize("NFKC", name) == name, f"not NFKC-stable: {name!r}"
    assert name == name.strip() and name, f"blank or padded: {name!r}"
    assert not FORBIDDEN.search(name), f"separator/head-count marker in {name!r}"


def write(name: str, meetings: list, agencies: list) -> None:
    """meetings: (name, [participants], frequency, duration); ids M1..Mn in order."""
    d = FIXTURES / name
    d.mkdir(parents=True, exist_ok=True)
    for a, s in agencies:
        check_name(a)
        check_name(s)
    assert len({a for a, _ in agencies}) == len(agencies)
    with (d / "meetings.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "participants", "frequency", "duration"])
        for i, (mname, parts, freq, dur) in enumerate(meetings, 1):
            assert len(set(parts)) == len(parts) >= 2, (name, mname)
            for p in parts:
                check_name(p)
            check_name(mname)
            assert isinstance(freq, int) and isinstance(dur, int)
            w.writerow([f"M{i}", mname, ";".join(parts), freq, dur])
    with (d / "agencies.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "sector"])
        for a, s in agencies:
            w.writerow([a, s])


def star():
    leaves = [f"Leaf{i}" for i in range(1, 6)]
    agencies = [("Hub", "hub")] + [(l, s) for l, s in zip(leaves, ["left", "left", "right", "right", "hub"])]
    meetings = [(f"Hub and {l}", ["Hub", l], f, d)
                for l, f, d in zip(leaves, [12, 12, 6, 4, 1], [60, 90, 60, 120, 30])]
    write("star", meetings, agencies)


def path():
    names = list("ABCDEF")
    sectors = ["one", "one", "two", "two", "three", "three"]
    meetings = [(f"Link {a}{b}", [a, b], f, 60)
                for (a, b), f in zip(zip(names, names[1:]), [12, 6, 4, 2, 1])]
    write("path", meetings, list(zip(names, sectors)))


def bridge():
    left = ["A1", "A2", "A3", "A4"]
    right = ["B1", "B2", "B3", "B4"]
    agencies = [(a, "west") for a in left] + [(b, "east") for b in right]
    meetings = [
        ("West team", left, 12, 90),
        ("East team", right, 6, 120),
        ("Liaison", ["A4", "B1"], 4, 60),
    ]
    write("bridge", meetings, agencies)


def disconnected():
    # components: triangle {A,B,C}; path D-E-F; pair {G,H}; isolated I and J.
    # {A,B,C} and {D,E,F} tie for largest: the one whose smallest name sorts first (A) wins.
    agencies = [("A", "red"), ("B", "red"), ("C", "blue"), ("D", "blue"), ("E", "green"),
                ("F", "green"), ("G", "red"), ("H", "green"), ("I", "blue"), ("J", "yellow")]
    meetings = [
        ("Triangle", ["A", "B", "C"], 12, 60),
        ("DE", ["D", "E"], 6, 90),
        ("EF", ["E", "F"], 6, 90),
        ("GH", ["G", "H"], 1, 180),
    ]
    write("disconnected", meetings, agencies)


def ties():
    # 6-cycle N1..N6 plus the chord N1-N4, all via 2-person meetings.  Sectors chosen so
    # that every Gould-Fernandez role occurs: N2 coordinates N1->N3 (all X), N3 is
    # representative/gatekeeper between N2 (X) and N4 (Y), N4 is consultant between
    # N3 and N5 (both X), N1 is liaison between N6 (Z) and N4 (Y).
    sec = {"N1": "X", "N2": "X", "N3": "X", "N4": "Y", "N5": "X", "N6": "Z"}
    edges = [("N1", "N2"), ("N2", "N3"), ("N3", "N4"), ("N4", "N5"), ("N5", "N6"),
             ("N1", "N6"), ("N1", "N4")]
    meetings = [(f"Pair {a}-{b}", [a, b], 12, 60) for a, b in edges]
    write("ties", meetings, sorted(sec.items()))


def unlisted():
    # Deliberately breaks the "agencies.csv lists everybody" rule: Stranger attends a
    # meeting but is not listed, so its sector is "unknown" (and "unknown" is a sector).
    agencies = [("P", "alpha"), ("Q", "alpha"), ("R", "beta"), ("Idle", "beta")]
    meetings = [
        ("PQR", ["P", "Q", "R"], 12, 60),
        ("R and Stranger", ["R", "Stranger"], 4, 90),
    ]
    write("unlisted", meetings, agencies)


PLENARY_AGENCIES = [
    ("地域包括支援センター", "高齢"),
    ("居宅介護支援事業所", "高齢"),
    ("高齢福祉課", "高齢"),
    ("基幹相談支援センター", "障害"),
    ("障害福祉課", "障害"),
    ("子ども家庭支援センター", "子ども"),
    ("児童相談所", "子ども"),
    ("自立相談支援機関", "生活困窮"),
    ("保健センター", "保健・医療"),
    ("訪問看護ステーション", "保健・医療"),
    ("社会福祉協議会", "地域"),
    ("民生委員児童委員協議会", "地域"),
    ("居住支援法人", "住まい"),
    ("不動産業協会", "住まい"),
]


def plenary():
    """One annual 12-agency plenary + monthly working meetings.

    SDSM needs many meetings before a co-attendance count can survive a Holm correction
    over the 66+ plenary edges (with N meetings and a pair sharing all r of its
    meetings the null mean is about r^2/N), so each working team meets in several
    separate monthly formats.  Two housing agencies are not plenary members, so the
    plenary column is not all-ones and its probabilities are fitted, not fixed.
    """
    plenary_members = [a for a, _ in PLENARY_AGENCIES[:12]]
    teams = [
        (["地域包括支援センター", "訪問看護ステーション"],
         ["在宅医療介護連携部会", "地域ケア個別会議", "退院支援調整会議", "多職種事例検討会",
          "認知症ケア検討会", "看取り支援検討会", "医療介護連携研修企画会"]),
        (["子ども家庭支援センター", "児童相談所"],
         ["要保護児童対策実務者会議", "ケース進行管理会議", "虐待対応調整会議", "里親支援連絡会",
          "一時保護解除前会議", "家庭復帰支援会議", "子ども支援方針会議"]),
        (["自立相談支援機関", "居住支援法人", "不動産業協会"],
         ["居住支援協議会幹事会", "住まい相談会", "入居支援調整会議", "家賃債務保証検討会",
          "空き家活用検討会", "退去時支援会議", "住宅確保要配慮者支援会議"]),
        (["基幹相談支援センター", "障害福祉課"],
         ["障害福祉計画作業部会", "地域移行支援部会", "相談支援専門員連絡会", "権利擁護部会",
          "緊急時支援検討会", "地域生活支援拠点会議", "障害者虐待防止部会"]),
    ]
    meetings = [("地域福祉推進協議会", plenary_members, 1, 120)]
    durations = [90, 60, 60, 120, 90, 60, 90]
    for members, names in teams:
        for mname, dur in zip(names, durations):
            meetings.append((mname, members, 12, dur))
    # single monthly meetings, each a different small set of agencies
    meetings += [
        ("見守りネットワーク連絡会", ["社会福祉協議会", "民生委員児童委員協議会"], 12, 60),
        ("健康づくり担当者会", ["保健センター", "高齢福祉課"], 12, 60),
        ("介護支援専門員連絡会", ["居宅介護支援事業所", "高齢福祉課"], 12, 90),
        ("生活支援体制整備協議体", ["社会福祉協議会", "居宅介護支援事業所", "民生委員児童委員協議会"], 12, 90),
        ("母子保健連絡会", ["保健センター", "子ども家庭支援センター"], 12, 60),
        ("ボランティア調整会議", ["社会福祉協議会", "高齢福祉課"], 12, 60),
        ("乳幼児健診事後検討会", ["保健センター", "民生委員児童委員協議会"], 12, 90),
        ("地域福祉活動計画部会", ["社会福祉協議会", "保健センター", "居宅介護支援事業所"], 12, 120),
        ("介護予防推進会議", ["高齢福祉課", "民生委員児童委員協議会"], 12, 60),
        ("福祉人材育成連絡会", ["居宅介護支援事業所", "保健センター"], 12, 90),
        ("災害時要配慮者支援会議", ["高齢福祉課", "社会福祉協議会", "民生委員児童委員協議会"], 12, 60),
    ]
    write("plenary", meetings, PLENARY_AGENCIES)


MIXED_SECTORS = ["高齢", "障害", "子ども", "生活困窮", "保健・医療"]
MIXED_AGENCIES = {
    "高齢": ["地域包括支援センター北", "地域包括支援センター南", "居宅介護支援事業所", "高齢福祉課",
           "介護老人保健施設"],
    "障害": ["基幹相談支援センター", "障害福祉課", "相談支援事業所", "就労継続支援事業所",
           "障害者就業・生活支援センター"],
    "子ども": ["子ども家庭支援センター", "児童相談所", "保育課", "子育て世代包括支援センター",
            "教育相談室"],
    "生活困窮": ["自立相談支援機関", "生活福祉課", "フードバンク", "家計改善支援事業所",
             "ハローワーク"],
    "保健・医療": ["保健センター", "保健所", "地域医療連携室", "訪問看護ステーション",
              "精神科病院"],
}
MIXED_MEETING_NAMES = [
    "地域ケア会議", "自立支援協議会", "要保護児童対策地域協議会", "支援会議", "重層的支援会議",
    "在宅医療介護連携推進会議", "精神保健福祉連絡会", "就労支援連絡会", "子育て支援ネットワーク会議",
    "虐待防止ネットワーク会議", "生活困窮者支援調整会議", "認知症初期集中支援チーム会議",
    "医療的ケア児支援協議会", "ひきこもり支援連絡会", "多機関協働事業検討会",
]


def mixed():
    rng = random.Random(20240611)
    agencies = [(a, s) for s in MIXED_SECTORS for a in MIXED_AGENCIES[s]]
    names = [a for a, _ in agencies]
    freqs = [1, 2, 4, 6, 12, 12, 24, 52]
    durs = [30, 60, 60, 90, 90, 120, 180]
    meetings = []
    for mname in MIXED_MEETING_NAMES:
        size = rng.randint(2, 8)
        parts = sorted(rng.sample(names, size))
        meetings.append((mname, parts, rng.choice(freqs), rng.choice(durs)))
    write("mixed", meetings, agencies)


def main():
    star()
    path()
    bridge()
    disconnected()
    ties()
    unlisted()
    plenary()
    mixed()


if __name__ == "__main__":
    main()
