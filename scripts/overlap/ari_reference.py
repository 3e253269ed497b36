#!/usr/bin/env python3
"""Reference values of the adjusted Rand index from scikit-learn.

Writes tests/fixtures/overlap/ari_reference.json: labelings and the value
sklearn.metrics.adjusted_rand_score gives for each, which the Rust test
`adjusted_rand_index_matches_scikit_learn` compares against kaigi::overlap::adjusted_rand_index.

The random cases are seeded (random.Random(20250607)), so rerunning rewrites the file
byte for byte with the same scikit-learn release. Run with the project's venv:

    /work/main/scripts/.venv/bin/pip install scikit-learn   # once
    scripts/.venv/bin/python scripts/overlap/ari_reference.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import sklearn
from sklearn.metrics import adjusted_rand_score

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "fixtures" / "overlap" / "ari_reference.json"


def cases() -> list[tuple[str, list[int], list[int]]]:
    fixed = [
        ("identical", [0, 0, 1, 1, 2], [5, 5, 3, 3, 9]),
        ("one moved", [0, 0, 1, 1], [0, 0, 0, 1]),
        ("split in three", [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]),
        ("swapped", [0, 0, 1, 1], [0, 1, 0, 1]),
        ("all singletons vs one group", [0, 1, 2, 3], [0, 0, 0, 0]),
        ("all singletons both", [0, 1, 2], [3, 4, 5]),
        ("planted pairs, one missed", [0, 0, 1, 1, 2, 3, 4, 5], [0, 0, 1, 2, 3, 4, 5, 6]),
        ("planted pairs, one spurious", [0, 0, 1, 2, 3, 4], [0, 0, 1, 1, 3, 4]),
    ]
    rng = random.Random(20250607)
    generated = []
    for n, k_true, k_found in [(20, 3, 4), (100, 10, 12), (500, 40, 35), (1000, 200, 220)]:
        truth = [rng.randrange(k_true) for _ in range(n)]
        # Found: mostly the truth, some items relabelled at random.
        found = [t if rng.random() < 0.7 else rng.randrange(k_found) for t in truth]
        generated.append((f"random n={n}", truth, found))
    return fixed + generated


def main() -> None:
    rows = [
        {"name": name, "truth": truth, "found": found, "ari": float(adjusted_rand_score(truth, found))}
        for name, truth, found in cases()
    ]
    document = {"generator": "scripts/overlap/ari_reference.py", "sklearn": sklearn.__version__, "cases": rows}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)} ({len(rows)} cases)")


if __name__ == "__main__":
    main()
