"""`stripper learn` and `stripper batch --learn`: a site's template learned from many
of its pages.

The acceptance corpus (tests/learn_corpus.py) is generated at test time: four sites
in Arabic, Chinese, Spanish and German, 50 pages each, whose templates carry
prose-like lines (a tip line, a membership pitch, an "about the paper" paragraph)
that stripper's rules and statistics keep on every page.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
import regex
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import stripper
from stripper.cli import cli
from stripper.cli_learn import tasks_from
from stripper.learn import LearnOptions, Settings, UrlMap, learn
from stripper.learn.counter import LineCounter
from stripper.learn.normalise import line_hash, line_key, line_pattern, marker_pattern
from tests.learn_corpus import SITES, make_corpus, make_html_corpus, write_urls

LEAK_SHARE = 0.9  # without learning, the template prose must leak on this share of pages
GONE_SHARE = 0.99  # with learning, it must be gone from this share


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _outputs(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*.txt"))}


def _lines(text: str) -> set[str]:
    return {line.strip() for line in text.splitlines() if line.strip()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("learn") / "sites"
    pages = make_corpus(root)
    return root, pages


@pytest.fixture(scope="module")
def baseline(corpus, tmp_path_factory):
    root, _pages = corpus
    out = tmp_path_factory.mktemp("base")
    _run("batch", str(root), "-o", str(out), "-q", "-j", "2")
    return _outputs(out)


@pytest.fixture(scope="module")
def learned_run(corpus, tmp_path_factory):
    """`batch --learn` with nothing naming the sites: pages are clustered."""
    root, _pages = corpus
    out = tmp_path_factory.mktemp("learned")
    _run("batch", str(root), "-o", str(out), "-q", "-j", "2", "--learn")
    return out, _outputs(out)


def _rel(page, root: Path) -> str:
    return page.path.relative_to(root).with_suffix(".txt").as_posix()


def test_template_prose_leaks_without_learning(corpus, baseline):
    root, pages = corpus
    for site in SITES:
        mine = [p for p in pages if p.site is site]
        for line in (site.tip, site.pitch, site.about):
            leaked = sum(line in _lines(baseline[_rel(p, root)]) for p in mine)
            assert leaked >= LEAK_SHARE * len(mine), (site.language, line, leaked)


def test_learning_removes_the_template_prose_and_keeps_every_article_line(corpus, learned_run):
    root, pages = corpus
    _out, outputs = learned_run
    clean = 0
    for page in pages:
        kept = _lines(outputs[_rel(page, root)])
        clean += not any(line in kept for line in page.template_prose)
        missing = [line for line in page.article if line not in kept]
        assert not missing, (page.path.name, page.site.language, missing)
    assert clean >= GONE_SHARE * len(pages), clean


def test_repeated_article_lines_are_not_learned(corpus, learned_run):
    """The recurring quote (a third of the pages) and the correction note repeat across
    pages but sit inside the article: no learned rule may match them."""
    _root, _pages = corpus
    out, _outputs = learned_run
    rules = stripper.rules.load_file(out / "_learned-rules.toml").rules
    assert {r.id.rsplit(".", 1)[0] for r in rules} == {f"learned.cluster-{n}" for n in (1, 2, 3, 4)}
    for site in SITES:
        for line in (site.quote, site.correction):
            assert not [r.id for r in rules if r.pattern.search(line)], line
        for line in (site.tip, site.pitch, site.about):
            assert [r.id for r in rules if r.pattern.search(line)], line


def test_learn_file_passes_rules_check_and_round_trips(corpus, learned_run, tmp_path):
    root, _pages = corpus
    out, outputs = learned_run
    rules = tmp_path / "site-rules.toml"
    _run("learn", str(root), "-o", str(rules), "-q", "-j", "2")
    checked = _run("rules", "check", str(rules))
    assert "ok" in checked.output
    assert rules.read_text(encoding="utf-8") == (out / "_learned-rules.toml").read_text(
        encoding="utf-8")
    again = tmp_path / "again"
    _run("batch", str(root), "-o", str(again), "-q", "-j", "2", "--rules", str(rules))
    assert _outputs(again) == outputs


def test_rule_file_is_sorted_commented_and_scoped(learned_run):
    out, _outputs = learned_run
    text = (out / "_learned-rules.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for table in data["rule"]:
        assert table.get("site_marker") or table.get("sites"), table["id"]
        assert table["examples"] and regex.search(table["pattern"], table["examples"][0])
    ids = [t["id"] for t in data["rule"]]
    site_of = [i.rsplit(".", 1)[0] for i in ids]
    assert site_of == sorted(site_of, key=lambda s: int(s.rsplit("-", 1)[1]))
    assert regex.search(r"# exact line: seen on 50 of 50 pages \(100%\), outside the article on "
                        r"\d+, removed by stripper on \d+; e\.g\. \S+page-\d+\.txt", text)


def test_learned_rules_keep_to_their_site(corpus, learned_run):
    root, pages = corpus
    out, _outputs = learned_run
    rule_file = out / "_learned-rules.toml"
    by_site: dict[str, set[str]] = {}
    for page in pages[::10]:
        result = stripper.strip(page.path.read_bytes(), kind="text", rules=[rule_file])
        fired = {b.reason.removeprefix("rule ").rsplit(".", 1)[0] for b in result.blocks
                 if b.reason.startswith("rule learned.")}
        assert len(fired) == 1, (page.path, fired)
        by_site.setdefault(page.site.folder, set()).update(fired)
    assert len({frozenset(v) for v in by_site.values()}) == len(SITES)


def test_diff_names_learned_rules(corpus, learned_run):
    root, pages = corpus
    out, _outputs = learned_run
    page = pages[60].path
    shown = _run("diff", str(page), "--rules", str(out / "_learned-rules.toml"),
                 "--no-color", "--no-pager").output
    assert regex.search(r"rule learned\.cluster-\d\.\d", shown)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small") / "sites"
    pages = make_corpus(root, pages=12)
    urls = root.parent / "urls.tsv"
    write_urls(pages, root, urls)
    return root, pages, urls


def _sites(tasks, **kwargs):
    result = learn(tasks, LearnOptions(settings=Settings(kind="text"), **kwargs))
    return {s.name: s for s in result.sites}


def test_grouping_by_url_folder_site_and_cluster(small):
    root, pages, urls = small
    url_map = UrlMap.read(urls)
    by_url = _sites(tasks_from([str(root)], url_map), urls=url_map)
    assert set(by_url) == {s.host.removeprefix("www.") for s in SITES}
    by_folder = _sites(tasks_from([str(root)]), by_folder=True)
    assert set(by_folder) == {s.folder for s in SITES}
    clustered = _sites(tasks_from([str(root)]))
    assert sorted(clustered) == ["cluster-1", "cluster-2", "cluster-3", "cluster-4"]
    for found in (by_url, by_folder, clustered):
        for template in found.values():
            texts = {line.text for line in template.lines}
            site = next(s for s in SITES if s.tip in texts)
            assert {site.tip, site.pitch, site.about} <= texts
            assert template.pages == 12 and template.marked == 12
    one = _sites(tasks_from([str(root / "qinghe")]), site="qinghe-daily.example")
    assert list(one) == ["qinghe-daily.example"]


def test_urls_give_sites_that_select_rules_by_address(small, tmp_path):
    root, pages, urls = small
    rules = tmp_path / "hosts.toml"
    _run("learn", str(root), "--urls", str(urls), "-o", str(rules), "-q", "-j", "1")
    data = tomllib.loads(rules.read_text(encoding="utf-8"))
    hosts = {t["sites"][0] for t in data["rule"]}
    assert hosts == {s.host.removeprefix("www.") for s in SITES}
    assert all(t["id"].startswith(f"learned.{t['sites'][0]}.") for t in data["rule"])
    assert all(t["site_marker"] for t in data["rule"])  # text dumps carry no URL
    site = SITES[2]
    page = f"{site.pitch}\n\n" + "\n\n".join(site.sentences[:6]) + "\n"
    result = stripper.strip(page, kind="text", rules=[rules], url=f"https://{site.host}/x")
    reason = next(b.reason for b in result.blocks if b.text == site.pitch)
    assert reason.startswith("rule learned.elfaro-costa.example.")


def test_url_map_reads_tsv_and_jsonl(tmp_path):
    tsv = tmp_path / "urls.tsv"
    tsv.write_text("path\turl\na/one.txt\thttps://a.example/1\n", encoding="utf-8")
    jsonl = tmp_path / "gold.jsonl"
    jsonl.write_text(json.dumps({"id": "doc-7", "url": "https://b.example/7"}) + "\n"
                     + json.dumps({"path": "c/x.html", "url": "https://c.example/"}) + "\n",
                     encoding="utf-8")
    assert UrlMap.read(tsv).url_for("a/one.txt") == "https://a.example/1"
    assert UrlMap.read(tsv).url_for("elsewhere/one.txt") == "https://a.example/1"
    found = UrlMap.read(jsonl)
    assert found.url_for("inputs/doc-7.txt.gz") == "https://b.example/7"
    assert found.url_for("c/x.html") == "https://c.example/"
    assert found.url_for("nothing.txt") is None
    bad = tmp_path / "bad.tsv"
    bad.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="PATH<TAB>URL"):
        UrlMap.read(bad)


def test_digits_dates_and_times_fold():
    assert line_key("Updated 03:06 GMT 12.01.2025") == line_key("Updated 17:40 GMT 2.2.2025")
    assert line_key("نشر في ١٢:٣٠") == line_key("نشر في 09:15")
    assert line_key("Sport  today") == line_key(" Sport today ")
    assert line_key("Sport today") != line_key("Sport tonight")
    assert line_hash(line_key("a 1")) == line_hash(line_key("a 22"))
    pattern = regex.compile(line_pattern("[12] Updated 03:06 GMT"))
    assert pattern.search("[7] Updated 17:40 GMT")
    assert not pattern.search("[7] Updated 17:40 GMT and more")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80))
def test_a_learned_pattern_matches_its_own_line(text):
    stripped = text.strip()
    if not stripped:
        return
    assert regex.search(line_pattern(stripped), stripped)
    assert regex.search(marker_pattern([stripped]), f"x\n  {stripped}\n")


def test_the_counter_stays_bounded_and_keeps_the_template():
    counter = LineCounter(capacity=1_000)
    template = line_hash("Become a member today")
    for page in range(2_000):
        counter.add(1, template, text="Become a member today", page=f"p{page}", removed=False,
                    by_rule=False, chrome=False, category="", words=4)
        for k in range(20):  # the page's own lines: never seen again
            counter.add(1, line_hash(f"article line {page} {k}"), text="", page=f"p{page}",
                        removed=False, by_rule=False, chrome=False, category="", words=3)
            if counter.over():
                counter.prune()
        assert len(counter.entries) <= counter.capacity + 1
    stats = counter.get(1, template)
    assert stats is not None and stats.pages == 2_000 and stats.text == "Become a member today"
    assert counter.pruned > 30_000


def test_a_rule_with_sites_and_a_marker_runs_on_marked_pages_without_a_url(tmp_path):
    rule_file = tmp_path / "both.toml"
    rule_file.write_text(
        "[[rule]]\nid = 'gazette.pitch'\ncategory = 'boilerplate'\n"
        + "pattern = '^Join the Gazette club'\nsites = ['gazette.example']\n"
        + "site_marker = 'The Harbour Gazette'\n", encoding="utf-8")
    paragraph = ("The council met on Tuesday and voted to keep the harbour open all winter, "
                 "after a long debate about the cost of repairs to the old sea wall. ") * 3
    page = f"{paragraph}\n\nJoin the Gazette club for a pound a month and read everything.\n"
    reasons = {b.text: b.reason
               for b in stripper.strip(page + "\nThe Harbour Gazette\n", kind="text",
                                       rules=[rule_file]).blocks}
    assert reasons["Join the Gazette club for a pound a month and read everything."] \
        == "rule gazette.pitch"
    other = stripper.strip(page, kind="text", rules=[rule_file], url="https://other.example/")
    assert all(b.reason != "rule gazette.pitch" for b in other.blocks)


def test_batch_refuses_learning_options_without_learn(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(tmp_path / "o"),
                                      "--by-folder"])
    assert result.exit_code == 2 and "--learn" in result.output


def test_learn_reports_unreadable_pages(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = CliRunner().invoke(cli, ["learn", str(src), "-o", str(tmp_path / "r.toml"),
                                      "-j", "1"])
    assert result.exit_code == 1 and "image.txt" in result.output


def test_html_pages_are_grouped_by_their_canonical_link(tmp_path):
    """HTML pages in one folder: their canonical links name the sites, the rules carry
    `sites`, and the template prose goes from the HTML output too."""
    pages = make_html_corpus(tmp_path / "html", pages=12)
    rules = tmp_path / "html.toml"
    _run("learn", str(tmp_path / "html"), "--glob", "*.html", "-o", str(rules), "-q",
         "-j", "1")
    data = tomllib.loads(rules.read_text(encoding="utf-8"))
    assert {t["sites"][0] for t in data["rule"]} == {s.host.removeprefix("www.") for s in SITES}
    for page in pages[::6]:
        raw = page.path.read_bytes()
        before = _lines(stripper.strip(raw).text)
        after = _lines(stripper.strip(raw, rules=[rules]).text)
        assert any(line in before for line in page.template_prose), page.path.name
        assert not any(line in after for line in page.template_prose), page.path.name
        assert all(line in after for line in page.article), page.path.name


def test_batch_learn_refuses_to_write_into_its_source(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("hello\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(src), "--learn", "-q"])
    assert result.exit_code == 2 and "OUT" in result.output
    assert not (src / "_learned-rules.toml").exists()
