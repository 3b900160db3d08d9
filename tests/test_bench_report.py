"""bench/report.py: the speed ratio of repeated rounds."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import report  # noqa: E402


def test_round_ratios_pair_rounds_and_prefer_cpu_time():
    rounds = {
        "stripper": [{"docs": 100, "seconds": 9.0, "cpu_seconds": 2.0},
                     {"docs": 100, "seconds": 4.0}],
        "trafilatura": [{"docs": 100, "seconds": 9.0, "cpu_seconds": 5.0},
                        {"docs": 100, "seconds": 6.0}],
    }
    assert report.round_ratios(rounds) == "stripper/trafilatura docs/s by round: 2.5×, 1.5×"


def test_round_ratios_without_the_reference():
    assert report.round_ratios({"stripper": [{"docs": 1, "seconds": 1.0}]}).endswith("n/a")


def test_paired_times_run_every_document_through_both_tools_in_alternating_order():
    import paired
    import worker

    calls = []

    def tool(name):
        def extract(raw, lang):
            calls.append((name, raw))
            return ""
        return extract

    docs = [worker.Doc(f"d{k}", None, f"page {k}".encode()) for k in range(4)]
    times = paired.paired_times([tool("a"), tool("b")], docs, rounds=2)
    assert len(times) == 2 and all(len(t) == 4 for t in times)
    first_round = calls[:8]
    assert [name for name, _ in first_round] == ["a", "b", "b", "a", "a", "b", "b", "a"]
    assert [raw for _, raw in first_round[::2]] == [d.raw for d in docs]
    assert len(calls) == 16
