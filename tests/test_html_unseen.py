"""HTML failure classes seen on pages nobody tuned for (issue 13): misleading class
names, content hidden until a script shows it, metadata read literally."""

from __future__ import annotations

from pathlib import Path

import pytest

import stripper
from stripper.html import hints, reveal
from stripper.html.parse import parse
from stripper.html.structured import read_page_info, text_value, unescape
from stripper.metadata.dates import read_date
from stripper.metadata.html import is_name, page_url
from stripper.model import PageInfo

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"
SENTENCES = [
    "The committee met on Thursday and agreed that the old crane would stay on the quay. "
    "It has stood there since the shipyard closed, and nobody has used it for decades.",
    "Its members said the crane had become part of the town's picture of itself, and that "
    "taking it down would cost more than the repairs it needs in the coming years.",
    "A survey last spring found its steel sound enough for another twenty years of weather, "
    "though the cabin at the top will need a new roof and windows before the winter.",
    "The harbour master will paint it again in the autumn, in the same dark green as before, "
    "once the scaffolding firm has finished its work on the lighthouse across the bay.",
    "Visitors photograph it more than anything else in town, the tourist office said, and "
    "the postcards with the crane on them sell better than those of the old church.",
]
PROSE = "".join(f"<p>{s}</p>" for s in SENTENCES)


def strip(markup: str) -> stripper.Result:
    return stripper.strip(markup.encode(), kind="html")


# --- content that the browser shows although the DOM hides it -----------------------

def test_hidden_paywall_rest_of_story_is_content():
    result = stripper.strip((HTML / "hidden-paywall.html").read_bytes())
    assert "The island ferry will stop running" in result.text
    assert "fewer than twenty passengers" in result.text
    assert "A petition against the change" in result.text
    assert "We use cookies" not in result.text  # hidden, and not the page's prose


def test_whole_body_hidden_until_a_script_lays_it_out():
    page = ("<html><body><h1>Harbour crane stays</h1><div class='meta'>Town news</div>"
            f"<div id='content' style='visibility: hidden;'>{PROSE}</div></body></html>")
    text = strip(page).text
    assert SENTENCES[0] in text and SENTENCES[-1] in text


def test_hidden_cjk_prose_counts_sentences_without_spaces():
    para = "委员会周四开会，同意旧起重机继续留在码头。成员们说它已经成为小镇的象征。" * 8
    page = ("<html><body><h1>起重机留下</h1>"
            f"<div style='visibility:hidden'><p>{para}</p><p>{para}</p></div></body></html>")
    assert "委员会周四开会" in strip(page).text


def test_hidden_menu_and_hidden_copy_stay_hidden():
    menu = "".join(f"<li><a href='/{i}'>Section number {i} of the site.</a></li>"
                   for i in range(40))
    page = (f"<html><body><div hidden><ul>{menu}</ul></div><article>{PROSE}</article>"
            f"<div style='display:none' class='print-copy'>{PROSE}</div></body></html>")
    text = strip(page).text
    assert "Section number" not in text
    assert text.count(SENTENCES[0]) == 1  # a hidden copy of the visible article is not shown


def test_short_hidden_prose_beside_a_longer_visible_article_stays_hidden():
    page = (f"<html><body><article>{PROSE * 2}</article><div hidden><p>Subscribe today. "
            "Get every story. Cancel any time. Offers end soon.</p></div></body></html>")
    assert "Subscribe today" not in strip(page).text


def test_streaming_chunk_moves_into_its_placeholder():
    page = ("<html><body><article><h1>Crane</h1><p>First the lead paragraph of the story, "
            "which the server sent at once.</p><template id='B:0'></template>"
            "<p>And the closing paragraph, which came last in the markup but ends the story.</p>"
            f"</article><div hidden id='S:0'>{PROSE}</div></body></html>")
    text = strip(page).text
    assert SENTENCES[0] in text
    assert text.index("lead paragraph") < text.index(SENTENCES[0]) < text.index("closing")


def test_body_only_in_noscript_is_shown():
    page = (f"<html><body><div id='app'></div><noscript><div>{PROSE}</div></noscript>"
            "</body></html>")
    assert SENTENCES[2] in strip(page).text


def test_noscript_beside_a_visible_article_stays_out():
    page = (f"<html><body><article>{PROSE}</article><noscript><p>Please turn on "
            "JavaScript. This site needs it. Some parts will not work. Thank you for "
            "reading our pages and for your patience with this message, which appears "
            "because scripts are off in your browser at the moment, as far as we can "
            "tell from here. We are sorry for any trouble this causes you today.</p>"
            "</noscript></body></html>")
    assert "turn on" not in strip(page).text


def test_reveal_keeps_nothing_without_hidden_prose():
    root = parse(f"<html><body><article>{PROSE}</article><div hidden><a href='/'>x</a></div>"
                 "</body></html>")
    hidden = [el for el in root.iter("div") if el.get("hidden") is not None]
    assert reveal.shown(root, hidden) == set()


# --- class names judged by what the container holds ----------------------------------

def test_misnamed_containers_of_the_article_are_kept():
    result = stripper.strip((HTML / "misnamed-sidebar.html").read_bytes())
    for phrase in ("tall fans that stir warm air", "less water than the sprinklers",
                   "helicopter that never lands", "one cold season was too little"):
        assert phrase in result.text
    assert "Ten tips for pruning" not in result.text
    assert "weekly farming newsletter" not in result.text


def test_a_sidebar_of_links_is_still_chrome():
    links = "".join(f"<li><a href='/{i}'>Another story about the harbour, part {i}.</a></li>"
                    for i in range(8))
    page = (f"<html><body><article><h1>Crane</h1>{PROSE}</article>"
            f"<div class='sidebar-grid__content'><ul>{links}</ul></div></body></html>")
    assert "Another story" not in strip(page).text


def test_comments_keep_their_name_whatever_they_hold():
    comments = "".join(f"<p>{s} I agree with the council on this one, for once.</p>"
                       for s in SENTENCES)
    page = (f"<html><body><article><h1>Crane</h1>{PROSE}</article>"
            f"<div class='comments'>{comments}</div></body></html>")
    assert "I agree with the council" not in strip(page).text


def test_utility_class_variants_are_split_into_tokens():
    # `print:hidden` holds the chrome token `print`: its container is judged by content
    assert "print" in hints.tokens("print:hidden md:text-lg")


# --- metadata -------------------------------------------------------------------------

def test_json_ld_strings_are_html_unescaped():
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"headline": "Mayor&#039;s &quot;last&quot; crane &amp; the quay", '
            '"author": {"name": "Ana L&oacute;pez"}}</script></head><body>'
            f"<article>{PROSE}</article></body></html>")
    meta = strip(page).metadata
    assert meta.title == 'Mayor\'s "last" crane & the quay'
    assert meta.authors == ["Ana López"]
    assert meta.author == "Ana López"


def test_unescape_twice_at_most_and_plain_text_untouched():
    assert unescape("a &amp;quot;b&amp;quot;") == 'a "b"'
    assert unescape("Fish & chips, 5 & 6") == "Fish & chips, 5 & 6"
    assert text_value("  two   words ") == "two words"


def test_relative_canonical_is_resolved_against_og_url():
    info = PageInfo(canonical="/news/crane-stays", meta={"og:url": "https://example.org/x?y=1"})
    assert page_url(None, info) == "https://example.org/news/crane-stays"
    assert page_url(None, PageInfo(canonical="/news/crane")) is None
    info = PageInfo(canonical="https://example.org/a", meta={"og:url": "https://example.org/b"})
    assert page_url(None, info) == "https://example.org/a"
    assert page_url("https://example.org/p?a=1&amp;b=2", info) == "https://example.org/p?a=1&b=2"


@pytest.mark.parametrize("value", ["https://example.org/profile/ana", "12345", "@4821",
                                   "www.example.org", "/authors/ana", "---"])
def test_addresses_and_numbers_are_no_names(value):
    assert not is_name(value)


def test_names_are_names():
    assert is_name("Ana López") and is_name("Harbour Gazette") and is_name("BBC 2")


def test_site_name_and_author_skip_profile_urls_and_numbers():
    page = ('<html><head><meta property="og:site_name" content="https://example.org">'
            '<meta name="application-name" content="Harbour Gazette">'
            '<meta name="author" content="https://example.org/profile/7"></head><body>'
            f"<article>{PROSE}</article></body></html>")
    meta = strip(page).metadata
    assert meta.site_name == "Harbour Gazette"
    assert meta.authors == [] and meta.author is None


def test_section_name_is_not_the_title():
    page = ('<html><head><meta property="og:title" content="Politics">'
            "<title>Council keeps the harbour crane for another year</title></head><body>"
            f"<article>{PROSE}</article></body></html>")
    assert strip(page).metadata.title == "Council keeps the harbour crane for another year"


def test_title_loses_a_leading_separator():
    page = ('<html><head><meta property="og:title" content=": Crane stays on the quay">'
            f"</head><body><article>{PROSE}</article></body></html>")
    assert strip(page).metadata.title == "Crane stays on the quay"


@pytest.mark.parametrize(("text", "iso"), [
    ("2019.03.08", "2019-03-08"), ("2019/03/08 10:20", "2019-03-08T10:20:00"),
    ("Posted 2019.3.8", "2019-03-08"), ("08.03.2019", "2019-03-08"),
])
def test_year_first_dates_are_year_month_day(text, iso):
    assert read_date(text, "en").iso == iso


def test_date_line_at_the_articles_foot():
    page = (f"<html><body><article><h1>Crane stays</h1>{PROSE}</article>"
            "<div class='facts'><ul><li>Share</li><li>Date 08.03.2019</li></ul></div>"
            "</body></html>")
    assert strip(page).metadata.published.iso == "2019-03-08"


def test_page_info_unescapes_meta_content():
    root = parse('<html><head><meta property="og:title" content="A &amp;quot;quoted&amp;quot; '
                 'crane"></head><body></body></html>')
    assert read_page_info(root).meta["og:title"] == 'A "quoted" crane'


# --- code, lists, tables and headings inside the article ------------------------------

def _block(index, kind, anc, kept, klass="neargood", rule=None, hard=False, links=0.0):
    from stripper.model import Category, HtmlBlock, Klass, Label, Verdict
    text = "x" * 40
    b = HtmlBlock(index=index, text=text, start=index, end=index + 1, kind=kind, anc=anc,
                  in_article=True, link_chars=int(links * len(text)))
    if kept:
        b.decide(Verdict.KEPT, Category.CONTENT, "kept")
    return b, Label(Klass(klass), Category.BOILERPLATE, "test", hard=hard, rule=rule)


def test_structure_between_kept_paragraphs_is_kept():
    from stripper.html.repair import keep_structure
    body = (0, 1)  # html, body-div: paragraphs are <p> children of container 1
    rows = [
        _block(0, "paragraph", body + (2,), True, "good"),
        _block(1, "heading", body + (3,), False, "short"),
        _block(2, "code", body + (4,), False, "bad"),
        _block(3, "list-item", body + (5, 6), False, "short"),
        _block(4, "table", body + (7, 8, 9), False, "bad"),
        _block(5, "code", body + (10,), False, "bad", rule="share.networks"),
        _block(6, "list-item", body + (11, 12), False, "short", links=0.9),
        _block(7, "list-item", body + (13, 14, 15, 16), False, "short"),  # a box of its own
        _block(8, "heading", body + (17,), False, "short"),  # over a removed box
        _block(9, "code", body + (18,), False, "bad", hard=True),
        _block(10, "paragraph", body + (19,), True, "good"),
    ]
    blocks, labels = [r[0] for r in rows], [r[1] for r in rows]
    assert keep_structure(blocks, labels) == 4
    assert [b.index for b in blocks if b.kept] == [0, 1, 2, 3, 4, 10]


def test_structure_outside_the_kept_span_is_left_alone():
    from stripper.html.repair import keep_structure
    rows = [_block(0, "code", (0, 1, 2), False, "bad"),
            _block(1, "paragraph", (0, 1, 3), True, "good"),
            _block(2, "code", (0, 1, 4), False, "bad")]
    blocks, labels = [r[0] for r in rows], [r[1] for r in rows]
    assert keep_structure(blocks, labels) == 0


def test_tutorial_keeps_its_commands_table_and_headings():
    text = stripper.strip((HTML / "code-tutorial.html").read_bytes()).text
    for phrase in ("2. The second server", "docker run -d --name db-new", "Step 3.6: table returns",
                   "rm -f /tmp/returns_part*.sql", "payments 1190 1190", "the volumes must not",
                   "the row counts match"):
        assert phrase in text
    assert "Recent posts" not in text and "tiling window manager" not in text


# --- the block cap -------------------------------------------------------------------

def test_article_beyond_the_block_cap_is_read_and_the_cut_is_said(monkeypatch):
    from stripper.segment import html as segment_html
    monkeypatch.setattr(segment_html, "MAX_BLOCKS", 200)
    menu = "".join(f"<li><a href='/{i}'>Archive page {i}</a></li>" for i in range(400))
    page = (f"<html><body><ul>{menu}</ul><article><h1>Crane stays</h1>{PROSE}</article>"
            "</body></html>")
    with pytest.warns(RuntimeWarning, match="more than 200 blocks.*<article>"):
        result = strip(page)
    assert SENTENCES[0] in result.text and SENTENCES[-1] in result.text
    assert len(result.blocks) <= 200


def test_block_cap_without_an_article_element_warns(monkeypatch):
    from stripper.segment import html as segment_html
    monkeypatch.setattr(segment_html, "MAX_BLOCKS", 50)
    page = "<html><body>" + "".join(f"<p>Line {i}.</p>" for i in range(80)) + "</body></html>"
    with pytest.warns(RuntimeWarning, match="text after the first 50 is ignored"):
        strip(page)


# --- a short article beside longer prose chrome ----------------------------------------

def test_short_article_wins_over_a_longer_consent_dialog():
    consent = "".join(
        f"<h4>Purpose {i}</h4><p>These technologies are used to remember the choices you "
        f"make on our services, to measure traffic and to show you offers that suit you, "
        f"and partners may combine this with other information they hold, purpose {i}.</p>"
        for i in range(8))
    page = ("<html><body><main><article><h1>Crane stays</h1>"
            f"<p>{SENTENCES[0]}</p><p>{SENTENCES[1]}</p></article></main>"
            f"<div id='privacy-consent-sdk'><div class='center'>{consent}</div></div>"
            "</body></html>")
    text = strip(page).text
    assert SENTENCES[0] in text and SENTENCES[1] in text
    assert "remember the choices" not in text


def test_the_next_story_of_an_endless_page_is_not_the_article():
    story = ("<article><div class='header'><h1>{h}</h1></div><div class='body'>{p}</div>"
             "</article>")
    first = story.format(h="Crane stays on the quay", p=PROSE)
    nxt = story.format(h="Ferry cuts evening crossings", p="".join(
        f"<p>The island ferry will stop running after seven in the evening, item {i}, "
        "the operator said, and late commuters will have to take the last bus.</p>"
        for i in range(6)))
    page = f"<html><body><main>{first}<div class='next'>{nxt}</div></main></body></html>"
    text = strip(page).text
    assert SENTENCES[0] in text and SENTENCES[-1] in text
    assert "island ferry" not in text


def test_standfirst_between_headline_and_body_is_kept():
    page = ("<html><body><header><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></header>"
            "<h1>Crane stays on the quay</h1>"
            "<p>The harbour committee decided on Thursday that the old crane will stay where "
            "it is, ending a quarrel that had divided the town for two years.</p>"
            "<div class='byline'>By Ana López</div><div class='dateline'>3 March 2024</div>"
            "<div class='share'><a href='/s1'>Share</a> <a href='/s2'>Post</a></div>"
            "<figure><img src='c.jpg'><figcaption>The crane at dusk, seen from the ferry "
            "landing across the harbour basin.</figcaption></figure><div class='ad'>Advert"
            "</div><p>Photo: Town archive</p><p>Listen to this story</p>"
            f"<div class='story'>{PROSE}</div>"
            "<div class='related'><h2>More news</h2><ul><li><a href='/x'>Ferry cuts"
            "</a></li></ul></div></body></html>")
    text = strip(page).text
    assert text.startswith("The harbour committee decided on Thursday")
    assert SENTENCES[0] in text and "By Ana López" not in text


def _under_headline(dek: str, furniture: str) -> str:
    """A news page: a headline, `dek` under it, the byline, `furniture`, the story."""
    return ("<html><body><header><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></header>"
            f"<article><h1>Crane stays on the quay</h1>{dek}"
            "<div class='byline'>By Ana López</div><div class='dateline'>3 March 2024</div>"
            f"{furniture}<div class='story'>{PROSE}</div></article></body></html>")


def test_a_standfirst_without_a_full_stop_is_kept():
    """News deks often end without a full stop: prose by its stopwords is enough."""
    page = _under_headline("<p class='dek'>The harbour committee has ended a quarrel that "
                           "divided the town for two years</p>",
                           "<figure><img src='c.jpg'><figcaption>The crane at dusk."
                           "</figcaption></figure>")
    text = strip(page).text
    assert text.startswith("The harbour committee has ended a quarrel")
    assert SENTENCES[0] in text and "By Ana López" not in text


def test_a_title_with_its_site_name_under_the_headline_is_no_standfirst():
    page = _under_headline("<div class='video-title'>Watch the harbour committee decide that "
                           "the old crane stays on the quay | Town Paper</div>",
                           "<div class='share'><a href='/s1'>Share</a> <a href='/s2'>Post</a>"
                           "</div>")
    text = strip(page).text
    assert SENTENCES[0] in text and "Town Paper" not in text


def test_a_short_kicker_under_the_headline_is_no_standfirst():
    page = ("<html><body><h1>Crane stays on the quay</h1><p>Town news, in brief</p>"
            f"<div class='byline'>By Ana López</div><div class='story'>{PROSE}</div>"
            "</body></html>")
    assert "Town news" not in strip(page).text


def test_document_fields_named_as_trafilatura_names_them():
    from stripper.metadata.html import as_document
    page = ('<html lang="en"><head><link rel="canonical" href="https://example.org/crane">'
            '<meta property="og:site_name" content="Harbour Gazette">'
            '<meta name="description" content="The crane stays.">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Crane stays on the quay", "datePublished": "2024-03-03T10:00:00Z", '
            '"dateModified": "2024-03-04T09:00:00Z", "author": [{"name": "Ana López"}, '
            '{"name": "Ben Ode"}]}</script></head>'
            f"<body><article>{PROSE}</article></body></html>")
    doc = as_document(strip(page).metadata)
    assert doc["title"] == "Crane stays on the quay"
    assert doc["author"] == "Ana López; Ben Ode" and doc["authors"] == ["Ana López", "Ben Ode"]
    assert doc["date"] == "2024-03-03T10:00:00Z" and doc["date_modified"].startswith("2024-03-04")
    assert doc["sitename"] == "Harbour Gazette" and doc["hostname"] == "example.org"
    assert doc["url"] == "https://example.org/crane" and doc["language"] == "en"
    assert doc["description"] == "The crane stays."


def test_comments_without_comment_names_after_a_comment_count_are_removed():
    replies = "".join(
        f"<li><div class='who'>reader{i}</div><div class='txt'><p>I walked past the crane "
        f"again this morning, number {i}, and I still think the council is wasting money "
        "that the harbour school badly needs for its leaking roof.</p></div></li>"
        for i in range(4))
    page = (f"<html><body><article><h1>Crane stays on the quay</h1>{PROSE}</article>"
            f"<section><p>4 Kommentare</p><ul>{replies}</ul></section></body></html>")
    text = strip(page).text
    assert SENTENCES[-1] in text
    assert "I walked past the crane" not in text


def test_a_forum_thread_keeps_its_posts():
    posts = "".join(
        f"<div class='post'><div class='who'>member{i}</div><p>Has anyone tried the new "
        f"ferry timetable, question {i}? The evening boats are gone and I cannot find out "
        "whether the Friday crossing will come back before the new year.</p></div>"
        for i in range(4))
    page = (f"<html><body><main><h1>Ferry timetable thread</h1><div class='thread'>{posts}"
            "</div></main></body></html>")
    assert strip(page).text.count("Has anyone tried the new ferry timetable") == 4


def test_parts_of_a_misnamed_article_grid_are_kept_however_many():
    sections = "".join(
        f"<div class='sidebar-grid__content'><p>{SENTENCES[i % 5]} Part {i}.</p>"
        f"<p>{SENTENCES[(i + 1) % 5]} Still part {i}.</p></div>"
        f"<aside class='ad'><p>Advertisement</p></aside>" for i in range(7))
    page = ("<html><body><main><article><h1>Crane stays</h1><div class='sidebar-grid'>"
            f"<div class='sidebar-grid__container'>{sections}</div></div></article></main>"
            "<div class='sidebar'><ul><li><a href='/1'>Other story</a></li></ul></div>"
            "</body></html>")
    text = strip(page).text
    for i in range(7):
        assert f"Still part {i}." in text
    assert "Other story" not in text


# --- the page-structure view -------------------------------------------------------------

def test_structure_view_shows_the_article_container_and_what_removed_the_rest():
    from rich.console import Console

    from stripper.diff import structure_table, structure_tree
    menu = "".join(f"<li><a href='/{i}'>Section {i} of the harbour site</a></li>"
                   for i in range(12))
    page = (f"<html><body><nav><ul>{menu}</ul></nav><main><article><h1>Crane</h1>{PROSE}"
            "</article></main></body></html>")
    result = strip(page)
    tree = structure_tree(result)
    body = tree.children["html"].children["body"]
    assert body.children["nav"].kept == 0 and body.children["nav"].removed > 0
    assert body.children["main"].kept == len("\n".join(SENTENCES)) - len(SENTENCES) + 1
    console = Console(width=120, record=True)
    console.print(structure_table(result))
    out = console.export_text()
    assert "main/article" in out and "article" in out.split("main/article")[1].splitlines()[0]
    nav_row = next(line for line in out.splitlines() if "nav/ul" in line)
    assert "navigation · in <nav>" in nav_row and " 0 " in nav_row


def test_streaming_chunk_holding_its_own_placeholder_stays_put():
    page = (f"<html><body><div hidden id='S:1'><template id='B:1'></template>{PROSE}</div>"
            "</body></html>")
    assert SENTENCES[0] in strip(page).text


def test_a_contents_page_of_short_lines_is_the_pages_content():
    entries = "".join(f"<p>Chapter {i}: the harbour in the year {1900 + i * 7}</p>"
                      f"<p>Author number {i}</p>" for i in range(14))
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/issues'>Issues</a></nav>"
            f"<div class='issue-contents'><h2>Quarterly, issue 4</h2>{entries}</div>"
            "<footer><a href='/about'>About</a></footer></body></html>")
    text = strip(page).text
    assert "Chapter 0: the harbour" in text and "Chapter 13: the harbour" in text
    assert "About" not in text


def test_a_listing_of_linked_headlines_is_still_no_article():
    cards = "".join(f"<div class='card'><h3><a href='/s/{i}'>Story {i} about the harbour "
                    f"and its old crane</a></h3><p>Teaser {i}.</p></div>" for i in range(14))
    page = f"<html><body><div class='listing'>{cards}</div></body></html>"
    assert strip(page).text == ""


# --- a photo story: a paragraph of text and its photos' captions ---------------------

_NAV = ("<header><nav><a href='/'>Beranda</a> <a href='/berita'>Berita</a> "
        "<a href='/foto'>Foto</a></nav></header>")
_STORY_LEAD = ("<p>Surabaya - Ratusan warga memadati alun-alun kota pada Minggu pagi untuk "
               "mengikuti lomba perahu hias yang digelar setiap tahun.</p>")
_STORY_CAPTION = ("<figure><img src='perahu.jpg'><figcaption>Peserta lomba mendayung perahu "
                  "yang dihiasi bunga dan janur di sungai dekat alun-alun, Minggu "
                  "(12/5/2024).</figcaption></figure>")


def test_a_photo_storys_caption_is_its_text():
    """A picture story has a sentence of text and a caption as long: the caption is
    the story's, not an aside."""
    page = (f"<html><body>{_NAV}<article class='detail'><h1>Lomba perahu hias di alun-alun"
            f"</h1>{_STORY_LEAD}{_STORY_CAPTION}<div class='tags'><a href='/t/a'>perahu</a> "
            "<a href='/t/b'>lomba</a></div></article><footer>© 2024 Harian Kota</footer>"
            "</body></html>")
    result = strip(page)
    assert "Ratusan warga memadati alun-alun" in result.text
    assert "Peserta lomba mendayung perahu" in result.text
    assert "Beranda" not in result.text and "© 2024" not in result.text


def test_a_caption_beside_a_longer_article_stays_an_aside():
    paras = "".join(
        f"<p>{s}</p>" for s in (
            "Panitia mengatakan lomba tahun ini diikuti lebih banyak peserta dibandingkan "
            "tahun lalu, karena hadiahnya dinaikkan oleh pemerintah kota.",
            "Setiap perahu dinilai dari hiasannya, kecepatannya, dan kekompakan para "
            "pendayung yang harus memakai pakaian adat dari daerah masing-masing.",
            "Pemenang lomba akan diumumkan pada malam hari di panggung utama, setelah "
            "pertunjukan musik dan tari yang dibawakan oleh pelajar sekolah setempat.",
            "Warga yang datang dari luar kota diminta memarkir kendaraan di lapangan "
            "sebelah timur, sebab jalan di sekitar sungai ditutup sejak pagi hari."))
    page = (f"<html><body>{_NAV}<article class='detail'><h1>Lomba perahu hias di alun-alun"
            f"</h1>{_STORY_LEAD}{_STORY_CAPTION}{paras}</article></body></html>")
    text = strip(page).text
    assert "Ratusan warga memadati alun-alun" in text and "Warga yang datang" in text
    assert "Peserta lomba mendayung perahu" not in text


def test_a_line_under_the_picture_of_a_short_article_stays_an_aside():
    """A short article whose caption says much less than its text is no photo story."""
    lead = ("<p>Panitia mengatakan lomba tahun ini diikuti lebih banyak peserta dibandingkan "
            "tahun lalu, karena hadiahnya dinaikkan oleh pemerintah kota. Setiap perahu "
            "dinilai dari hiasannya, kecepatannya, dan kekompakan para pendayungnya.</p>")
    caption = ("<figure><img src='p.jpg'><figcaption>Perahu peserta berjajar di tepi sungai "
               "sebelum lomba dimulai.</figcaption></figure>")
    page = (f"<html><body>{_NAV}<article class='detail'><h1>Lomba perahu hias</h1>{lead}"
            f"{caption}</article></body></html>")
    text = strip(page).text
    assert "Panitia mengatakan lomba" in text
    assert "Perahu peserta berjajar" not in text


def test_a_column_of_titles_beside_a_short_cjk_article_is_not_the_article():
    """A short Chinese article is short in characters: the column of video titles
    beside it (no sentence ends) must not draw the article's container up to the page
    wrapper that holds both."""
    paras = ["周六上午，市图书馆在新馆举行了开放仪式，数百名市民冒雨前来参观，"
             "馆长介绍了新馆的藏书和阅览室的安排。",
             "新馆共有五层，一楼是儿童阅览区，二楼和三楼是普通书库，四楼设有自习室，"
             "五楼则用来举办讲座和展览。",
             "馆长说，新馆每天开放十二个小时，周末也不休息，市民凭身份证就可以免费"
             "办理借书证，一次最多借十本书。",
             "不少家长带着孩子来到儿童阅览区，一位母亲说，以前的旧馆太小，孩子们"
             "只能站着看书，现在终于有了座位。"]
    titles = ["小狗在公园草地上追着飞盘一路狂奔的有趣视频画面让人看了忍不住笑",
              "老师傅用一把小小的刻刀在白萝卜上雕出一朵正在盛开的牡丹花",
              "夜晚的江边灯光秀吸引了大批外地游客驻足观看并拍照留念合影",
              "农民在田间用遥控无人机给一大片金黄的稻田喷洒农药的全过程",
              "手艺高超的厨师在一分钟之内把一整块面团拉成上千根细面条",
              "海边玩耍的孩子们用湿沙子堆出了一座带有城墙和塔楼的大城堡"]
    article = "".join(f"<p>{p}</p>" for p in paras)
    videos = "".join(f"<div class='item'><div>{t}</div></div>" for t in titles)
    page = ("<html><body><div class='top'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
            "<div class='wrap'><div class='left'><div class='content-article'>"
            f"<h1>市图书馆新馆开放</h1><div class='text'>{article}</div></div>"
            "<div class='comments'><h3>评论</h3><form><textarea></textarea><button>发表"
            "</button></form></div></div>"
            "<div class='right'><div class='videos'><h3>精选视频</h3><div class='player'>"
            "<div>00:35</div><div>播放</div></div>"
            f"<div class='list'>{videos}</div></div>"
            "</div></div></body></html>")
    text = strip(page).text
    assert paras[0] in text and paras[-1] in text
    assert titles[0] not in text and titles[-1] not in text


# --- pages drawn by a script: the text only in JSON-LD, or one long text ------------

_HOWTO = {
    "@context": "https://schema.org", "@type": "HowTo", "name": "Sew a round tablecloth",
    "description": "<p>A round table looks finished with a cloth cut to its own size, and "
                   "sewing one takes an afternoon with a machine.</p><p>Choose a cotton "
                   "or a linen that survives the wash &amp; the iron.</p>",
    "step": [
        {"@type": "HowToStep", "name": "Step 1", "itemListElement": {
            "@type": "HowToDirection", "text": "<p>Measure the table across its middle, "
                                               "from edge to edge, and write it down.</p>"}},
        {"@type": "HowToSection", "name": "Cutting", "itemListElement": [
            {"@type": "HowToStep", "text": "Fold the fabric in four and mark a quarter "
                                           "circle from the folded corner."},
            {"@type": "HowToStep", "text": "Cut along the mark through all four layers "
                                           "at once, keeping the scissors upright."}]},
        "Hem the edge twice and press it flat with a warm iron when you are done.",
    ],
}


def test_how_to_steps_are_the_written_body():
    from stripper.html.structured import written_body

    body = written_body(_HOWTO)
    lines = body.split("\n")
    assert lines[0].startswith("A round table looks finished")
    assert "Choose a cotton or a linen that survives the wash & the iron." in lines
    assert lines[2].startswith("Measure the table across") and "<p>" not in body
    assert lines[-1].startswith("Hem the edge twice")
    assert "Step 1" not in body  # a step's name is a label; its text is the step
    assert written_body({"@type": "NewsArticle", "articleBody": "The  text."}) == "The text."
    assert written_body({"@type": "HowTo", "name": "No steps"}) is None


def test_a_how_to_drawn_by_a_script_is_read_from_its_json_ld():
    import json

    page = ("<html><head><title>Sew a round tablecloth</title>"
            f"<script type='application/ld+json'>{json.dumps(_HOWTO)}</script></head>"
            "<body><nav><a href='/'>Home</a> <a href='/diy'>DIY</a></nav>"
            "<div id='root' data-react-class='HowToPage'></div>"
            "<footer><a href='/terms'>Terms</a> <a href='/privacy'>Privacy</a></footer>"
            "</body></html>")
    result = strip(page)
    assert "Fold the fabric in four" in result.text
    assert "A round table looks finished" in result.text
    assert "Privacy" not in result.text and "Home" not in result.text
    kept = [b for b in result.blocks if b.kept]
    assert kept and all(b.reason == "the page's JSON-LD text" for b in kept)


@pytest.mark.parametrize("line, gloss", [
    ("月光洒在小河上 风吹过山岗", "Yue guang sa zai xiao he shang feng chui guo shan gang"),
    ("Над рекой туман и тишина", "Nad rekoy tuman i tishina"),
    ("القمر فوق النهر", "al-qamar fawq an-nahr"),
    ("नदी पर चाँद", "nadi par chaand"),
])
def test_one_long_text_beside_a_sidebar_of_archive_links_is_the_page(line, gloss):
    """A blog post of verse (lyrics with their transcription) has no sentence in it,
    and a sidebar of archive months outweighs it in all; it is still the page's text."""
    verse = "<br>".join(f"{line} {i}<br>{gloss} {i}" for i in range(12))
    months = "".join(f"<li><a href='/{y}/{m}'>► {y} / {m}</a> ({m + 10})</li>"
                     for y in range(2010, 2020) for m in range(1, 13))
    page = ("<html><body><div class='main'><h3 class='post-title'>Song of the river</h3>"
            f"<div class='post-body entry-content'>{verse}</div>"
            "<div class='post-footer'>Posted by K at 12:11</div></div>"
            f"<div class='sidebar'><h2>Blog archive</h2><ul>{months}</ul></div>"
            "</body></html>")
    text = strip(page).text
    assert f"{line} 0" in text and f"{gloss} 11" in text
    assert "► 2015" not in text and "Blog archive" not in text
