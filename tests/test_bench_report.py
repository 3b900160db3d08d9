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


def test_renderer_table_shows_each_family_by_renderer_and_the_gap():
    scores = {"fd-dev-html": {"stripper": 0.95}, "fd-dev-w3m": {"stripper": 0.86},
              "fd-dev-lynx": {"stripper": 0.77}, "tf-dev-text": {"stripper": 0.88}}
    table = report.renderer_table(scores)
    fd = next(line for line in table.splitlines() if line.strip().startswith("fd-dev"))
    assert fd.split() == ["fd-dev", "0.950", "—", "0.860", "0.770", "0.090"]
    tf = next(line for line in table.splitlines() if line.strip().startswith("tf-dev"))
    assert tf.split() == ["tf-dev", "—", "0.880", "—", "—", "—"]


def test_pooled_languages_average_documents_over_sets_and_skip_rare_ones():
    docs = {"stripper": [{"lang": "de", "f1": 0.9}, {"lang": "de", "snippet_f1": 0.5},
                         {"lang": "de", "f1": 0.7}, {"lang": "xh", "f1": 0.1}],
            "other": [{"lang": "de", "f1": 0.3}] * 3}
    lines = report.pooled_languages(docs).splitlines()
    assert lines[2].split() == ["de", "3", "0.300", "0.700"]
    assert not any(line.split()[0] == "xh" for line in lines[2:])


def test_metadata_accuracy_reads_meta_files_of_the_documents_run(tmp_path):
    import json

    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in [
        {"id": "a", "title": "Water  tariff", "published": "2024-12-02 10:56:35+01:00"},
        {"id": "b", "title": "Other", "published": "2024-01-01"},
        {"id": "c", "title": "Not run"}]) + "\n", encoding="utf-8")
    pred = tmp_path / "pred"
    pred.mkdir()
    for doc, meta in {"a": {"title": "Water tariff", "published": "2024-12-02T09:56:35"},
                      "b": {"title": "Others", "published": None}}.items():
        (pred / f"{doc}.txt").write_text("x", encoding="utf-8")
        (pred / f"{doc}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    acc = report.metadata_accuracy(tmp_path, pred)
    assert acc == {"title": 0.5, "title_docs": 2, "date": 0.5, "date_docs": 2}


def test_dumps_wrapped_by_their_renderer_are_fed_as_paragraphs():
    import adapters

    wrapped = "\n".join(["word " * 15 + "end", "word " * 14 + "end", "tail line", ""] * 6)
    html = adapters.lines_as_html(wrapped)
    assert html.count("<p>") == 6 and "end word" in html
    unwrapped = "\n".join(["A long paragraph line " * 8, "Menu"] * 8)
    assert adapters.lines_as_html(unwrapped).count("<p>") == 16


def test_site_of_names_the_publisher_or_the_archived_pages_host():
    assert report.site_of("fd-DieZeit-2023-04-28", None) == "diezeit"
    assert report.site_of("tf-1", "https://web.archive.org/web/2018/https://www.Example.org/a?b=c"
                          ) == "example.org"
    assert report.site_of("mh-2", "http://blog.example.com:8080/post") == "blog.example.com"
    assert report.site_of("x-3", None) == "x-3"


def test_half_scores_split_by_site_and_score_each_half_as_the_scorer_does(tmp_path):
    import json

    gold = [{"id": f"fd-Site{i}-2024-01-0{i}", "url": None} for i in range(1, 9)]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold))
    per_doc = [{"id": g["id"], "empty": i == 0, "precision": 0.0 if i == 0 else 1.0,
                "recall": 0.0 if i == 0 else 0.5} for i, g in enumerate(gold)]
    halves = report.half_scores(tmp_path, per_doc)
    assert sum(h["docs"] for h in halves.values()) == 8
    first = report.site_half(report.site_of(gold[0]["id"], None))
    other = "B" if first == "A" else "A"
    # the empty page counts against recall only; the others have P 1.0 and R 0.5
    n = halves[first]["docs"]
    recall = 0.5 * (n - 1) / n
    assert abs(halves[first]["f1"] - 2 * recall / (1 + recall)) < 1e-9
    assert abs(halves[other]["f1"] - 2 * 0.5 / 1.5) < 1e-9
    snippets = [{"id": g["id"], "empty": False, "tp": 2, "fp": 1, "fn": 1} for g in gold]
    assert all(abs(h["f1"] - 2 / 3) < 1e-9 for h in report.half_scores(tmp_path, snippets).values())
