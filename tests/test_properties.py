"""Property tests: project and template files survive a save-load round trip unchanged.

(The claims engine's property test lives with the claims engine.)
"""
from __future__ import annotations

import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import templates as tl
from briefing.autosave import load_autosave, write_autosave
from briefing.model import (
    Article,
    Attribution,
    Brief,
    BriefSection,
    Citation,
    Claim,
    ClaimItem,
    ClaimRender,
    Figure,
    Fonts,
    PageSetup,
    Paragraph,
    Project,
    Source,
    Template,
    TemplateSection,
    TextItem,
)
from briefing.project import dumps, load_project, loads, save_project

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# any text a user or an importer could produce (no lone surrogates: they cannot be UTF-8)
any_text = st.text(max_size=60)
opt_text = st.none() | any_text
words = st.text(alphabet=string.ascii_letters + "äöüßÄÖÜ„“‚‘–—€ .,;:-'\"0123456789ЖЩя", max_size=40)


@st.composite
def articles(draw, source_id: str):
    text = draw(st.text(max_size=300))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    bounds = [0, *cuts, len(text)]
    paragraphs = [
        Paragraph(start=a, end=b, page=draw(st.none() | st.integers(1, 500)), heading=draw(st.booleans()))
        for a, b in zip(bounds, bounds[1:])
        if b > a
    ]
    source = Source(
        id=source_id, title=draw(opt_text), publisher=draw(opt_text), author=draw(opt_text),
        published=draw(st.none() | st.dates()), url=draw(opt_text), language=draw(st.sampled_from([None, "de", "en"])),
        accessed=draw(st.none() | st.dates()), kind=draw(st.sampled_from(["article-newspaper", "report", "webpage"])),
        file_name=draw(opt_text), sha256=draw(st.none() | st.text("0123456789abcdef", min_size=64, max_size=64)),
        imported=draw(opt_text),
    )
    return Article(source=source, text=text, paragraphs=paragraphs, warnings=draw(st.lists(any_text, max_size=3)))


@st.composite
def claims(draw, article: Article, index: int):
    n = len(article.text)
    start = draw(st.integers(0, n))
    end = draw(st.integers(start, n))
    figure = st.builds(
        Figure, kind=st.sampled_from(["number", "date"]), text=any_text, start=st.integers(0, 10**6),
        end=st.integers(0, 10**6), value=st.none() | st.floats(allow_nan=False, allow_infinity=False),
        unit=opt_text, iso=opt_text,
    )
    attribution = st.none() | st.builds(
        Attribution, source=opt_text, normalized=opt_text, cue=opt_text, via=opt_text, inherited=st.booleans(),
        source_start=st.none() | st.integers(0, n), source_end=st.none() | st.integers(0, n),
        cue_start=st.none() | st.integers(0, n), cue_end=st.none() | st.integers(0, n),
    )
    return Claim(
        id=f"{article.source.id}-c{index}", source_id=article.source.id, start=start, end=end,
        text=article.text[start:end], paragraph=draw(st.integers(0, 50)), page=draw(st.none() | st.integers(1, 99)),
        stance=draw(st.sampled_from(["asserted", "reported", "hedged"])), attribution=draw(attribution),
        figures=draw(st.lists(figure, max_size=3)), included=draw(st.booleans()), paraphrase=draw(opt_text),
        reliability=draw(st.sampled_from([None, "A", "B", "C", "D", "E", "F"])),
        credibility=draw(st.none() | st.integers(1, 6)), tags=draw(st.lists(any_text, max_size=3)),
        note=draw(opt_text), manual=draw(st.booleans()),
    )


# Free text a template may hold: no control characters, braces only as known placeholders.
_plain = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="{}")
_placeholder = st.sampled_from(["{title}", "{date}", "{author}", "{organisation}", "{source}"])


def template_text(max_size: int, multi_line: bool = False):
    piece = st.text(alphabet=_plain, max_size=12) | _placeholder
    if multi_line:
        piece = piece | st.just("\n")
    return st.lists(piece, max_size=max(1, max_size // 14)).map("".join).filter(lambda s: len(s) <= max_size)


section_ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)
_name_alphabet = string.ascii_letters + string.digits + "äöüÄÖÜßжя"


@st.composite
def templates(draw):
    ids = draw(st.lists(section_ids, min_size=1, max_size=6, unique=True))
    sections = [
        TemplateSection(
            id=i, title=draw(template_text(200)), guidance=draw(template_text(2000, multi_line=True)),
            kind=draw(st.sampled_from(["claims", "text", "bottom_line", "key_figures", "sources"])),
            required=draw(st.booleans()), min_claims=draw(st.integers(0, 1000)), group_by_source=draw(st.booleans()),
        )
        for i in ids
    ]
    margin = st.floats(5, 80, allow_nan=False)
    terms = st.none() | st.lists(template_text(60).filter(lambda s: s.strip()), max_size=5)
    name = draw(st.text(_name_alphabet, min_size=1, max_size=1)) + draw(
        st.text(_name_alphabet + " _.-", max_size=30))
    return Template(
        name=name,
        description=draw(template_text(500, multi_line=True)),
        language=draw(st.sampled_from(["en", "de", "fr", "en-GB", "de-AT"])),
        page=PageSetup(size=draw(st.sampled_from(["A4", "Letter"])), margin_top_mm=draw(margin),
                       margin_bottom_mm=draw(margin), margin_left_mm=draw(margin), margin_right_mm=draw(margin)),
        fonts=Fonts(body=draw(st.sampled_from(["serif", "sans"])), headings=draw(st.sampled_from(["serif", "sans"])),
                    size_pt=draw(st.floats(7, 16, allow_nan=False))),
        title_fields=draw(st.lists(st.sampled_from(["title", "subtitle", "date", "author", "organisation",
                                                    "distribution"]), max_size=6, unique=True)),
        classification=draw(st.none() | template_text(120)),
        sections=sections,
        claims=ClaimRender(
            style=draw(st.sampled_from(["bullet", "paragraph"])), text=draw(st.sampled_from(["quote", "paraphrase"])),
            attribution=draw(st.dictionaries(st.sampled_from(["en", "de", "fr"]), template_text(200), max_size=3)),
            show_stance=draw(st.booleans()), show_grade=draw(st.booleans()),
        ),
        citation=Citation(mode=draw(st.sampled_from(["footnotes", "endnotes", "author-date"])),
                          style=draw(st.sampled_from(["chicago-note-bibliography", "apa", "din-1505-2"]))),
        style_base=draw(st.none() | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,30}\.docx", fullmatch=True)),
        corroboration=draw(st.booleans()),
        likelihood_terms=draw(terms),
        default_title=draw(st.none() | template_text(200)),
        confidence_terms=draw(terms),
    )


@st.composite
def projects(draw):
    arts = [draw(articles(f"s{i}")) for i in range(1, draw(st.integers(0, 3)) + 1)]
    cls = [draw(claims(a, j)) for a in arts for j in range(draw(st.integers(0, 4)))]
    items = st.lists(
        st.one_of(
            st.sampled_from([c.id for c in cls]).map(lambda i: ClaimItem(claim_id=i)) if cls else st.nothing(),
            any_text.map(lambda t: TextItem(text=t)),
        ),
        max_size=5,
    )
    sections = [BriefSection(id=f"sec{i}", title=draw(any_text), items=draw(items)) for i in range(draw(st.integers(0, 4)))]
    brief = Brief(
        title=draw(any_text), subtitle=draw(any_text), author=draw(any_text), organisation=draw(any_text),
        distribution=draw(any_text), date=draw(st.none() | st.dates()), classification=draw(opt_text),
        sections=sections,
    )
    return Project(articles=arts, claims=cls, brief=brief, template=draw(st.none() | templates()))


@SETTINGS
@given(projects())
def test_project_save_load_round_trip_is_lossless(project):
    assert loads(dumps(project)) == project
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "p.brief"
        save_project(project, path)
        assert load_project(path) == project
        save_project(project, path)  # a second save keeps the first as the backup
        assert load_project(path) == project
        assert load_project(path.with_name("p.brief~")) == project
        assert sorted(f.name for f in Path(d).iterdir()) == ["p.brief", "p.brief~"]


@SETTINGS
@given(projects())
def test_autosave_round_trip_is_lossless(project):
    path = write_autosave(project, "prop")
    assert load_autosave(path) == project


@SETTINGS
@given(templates())
def test_template_file_round_trip_is_lossless(template):
    data = tl.template_json(template)
    assert tl.parse_template(data, "t.json") == template
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "vorlage.json"
        path.write_bytes(data)
        if template.style_base:
            (Path(d) / template.style_base).write_bytes(b"PK")
        assert tl.load_template_file(path) == template


@SETTINGS
@given(templates())
def test_template_library_round_trip_is_lossless(template):
    style = b"PK-placeholder" if template.style_base else None
    tl.save_template(template, style_base=style, replace=True)
    (stored,) = [t for t in tl.list_templates() if t.name == template.name]
    assert stored == template
