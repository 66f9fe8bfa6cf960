"""The structured summary on ``../shared/eval/web-b/``: the event's date, place and actor, a headline given
and naming the actor and the place, the key facts carried by the headline and key points, figures, title.

    python benchmarks/summary_quality.py [--shared ../shared] [--half even|odd|both] [--keys K1,K2]

``--keys "officials R,officials P,posts R,orgs R,banks R,places county+ R"`` gives the entity figures the
README quotes from the same scorer.

Each run writes a fresh batch (a resumed one would skip done articles) and scores it with the editors'
scorer (``shared/hooks/score_expected.py``), each half apart: the even half is the one to develop on; of
the odd half (held out) only the summary line is printed, never its misses.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

KEYS = (
    "event date,event place,event actor,headline names actor and place,headline given,"
    "key facts in summary,figures R,title"
)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--half", choices=["even", "odd", "both"], default="both")
    ap.add_argument("--keys", default=KEYS, help="the scorer's measures to print (default: the summary's)")
    a = ap.parse_args()
    gold = Path(a.shared) / "eval" / "web-b"
    scorer = Path(a.shared) / "hooks" / "score_expected.py"
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "pipeline", "batch", str(gold), "-o", out, "--formats", "json", "--quiet"],
            check=True,
        )
        for half in ("even", "odd") if a.half == "both" else (a.half,):
            print(f"web-b {half}:", flush=True)
            subprocess.run(
                [sys.executable, str(scorer), str(gold), out, "--half", half, "--brief", "--keys", a.keys], check=True
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
