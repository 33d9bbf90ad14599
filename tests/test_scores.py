"""The extraction scorer of ../shared/eval holds quality floors, so a regression fails CI.

Floors for the seeds are the issue's acceptance figures; floors for devset/extra and the held-out sets
of eval/ sit just under the figures measured when the extraction landed (see the issue note), so they
never fall back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KG = [sys.executable, "-m", "kg.cli", "extract", "{article}"]

SEED_FLOORS = {"actors": 0.90, "meetings": 0.75, "proposals": 0.75, "demands": 0.70,
               "concessions_any_status": 0.60}
EXTRA_FLOORS = {"actors": 0.95, "meetings": 0.80, "proposals": 0.75, "demands": 0.90,
                "concessions_any_status": 0.90}
# eval/heldout*: articles written after the extractor was first tuned (see eval/README.md).
HELDOUT1_FLOORS = {"actors": 0.92, "meetings": 0.80, "proposals": 0.80, "demands": 0.76,
                   "concessions_any_status": 0.54}
HELDOUT2_FLOORS = {"actors": 0.90, "meetings": 0.55, "proposals": 0.60, "demands": 0.62,
                   "concessions_any_status": 0.50}
# eval/heldout3: the blind set (measured 2026-11-30: 0.91 / 0.41 / 0.44 / 0.52 / 0.47).
HELDOUT3_FLOORS = {"actors": 0.88, "meetings": 0.38, "proposals": 0.42, "demands": 0.48,
                   "concessions_any_status": 0.44}


def _score(gold: Path, articles: Path) -> dict:
    scorer = SHARED / "eval" / "score.py"
    assert scorer.exists(), f"the scorer is expected at {scorer} (the shared/ folder beside the repo)"
    cmd = " ".join(KG)
    run = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--articles", str(articles), "--cmd", cmd, "--json"],
        capture_output=True, text=True, timeout=600, check=True, cwd=ROOT,
    )
    return json.loads(run.stdout)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "gold", "articles", "floors"),
    [
        ("seeds", SHARED / "devset" / "gold", ROOT / "seeds", SEED_FLOORS),
        ("extra", SHARED / "devset" / "extra" / "gold", SHARED / "devset" / "extra" / "articles", EXTRA_FLOORS),
        ("heldout1", ROOT / "eval" / "heldout1" / "gold", ROOT / "eval" / "heldout1" / "articles", HELDOUT1_FLOORS),
        ("heldout2", ROOT / "eval" / "heldout2" / "gold", ROOT / "eval" / "heldout2" / "articles", HELDOUT2_FLOORS),
        ("heldout3", ROOT / "eval" / "heldout3" / "gold", ROOT / "eval" / "heldout3" / "articles", HELDOUT3_FLOORS),
    ],
)
def test_extraction_scores_hold_their_floors(name: str, gold: Path, articles: Path, floors: dict) -> None:
    result = _score(gold, articles)
    assert result["failures"] == [], result["failures"]
    assert result["evidence"] > 0
    assert result["ungrounded"] == 0, "every evidence quote must equal body[start:end]"
    below = {k: result["total"][k]["f1"] for k, floor in floors.items() if result["total"][k]["f1"] < floor}
    assert not below, f"{name}: F1 below floor: {below} (floors {floors})"
