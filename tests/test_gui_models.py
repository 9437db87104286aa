"""The Qt models over the core's data follow the model contract (pytest-qt's qtmodeltester)
and behave as the views expect: filters, sorting, drag mime data, outline drops."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, Qt  # noqa: E402

from briefing import commands as C  # noqa: E402
from briefing.claims import extract_claims  # noqa: E402
from briefing.ingest import load_article  # noqa: E402
from conftest import FIXTURES  # noqa: E402


def sec(session, sid):
    return next(s for s in session.project.brief.sections if s.id == sid)


@pytest.fixture
def session(qtbot):
    from ui.session import Session

    s = Session()
    art = load_article(FIXTURES / "de_hafen.txt")
    art.source.id = "s1"
    s.push(C.AddArticle(art, extract_claims(art, prefix="s1")))
    return s


def test_claims_model_and_filter_pass_the_model_tester(qtmodeltester, session):
    from ui.claims_model import ClaimsFilter, ClaimsModel

    m = ClaimsModel()
    m.set_claims(session.project.claims)
    qtmodeltester.check(m)
    f = ClaimsFilter()
    f.setSourceModel(m)
    f.set_filter(text="hafen")
    qtmodeltester.check(f)
    assert 0 < f.rowCount() < m.rowCount()
    # the text filter looks at the claim and who it is attributed to
    assert all("hafen" in (f.index(r, 1).data() + f.index(r, 2).data()).casefold() for r in range(f.rowCount()))
    f.set_filter(text="", stance="hedged")
    assert all(m.claim_at(f.mapToSource(f.index(r, 0)).row()).stance == "hedged" for r in range(f.rowCount()))


def test_sorting_happens_in_the_model_and_keeps_the_selection(qtbot, session):
    from ui.claims_view import ClaimsPanel

    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(session.project.claims)
    p.select_claim("s1c5")
    p.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    texts = [p.proxy.index(r, 1).data() for r in range(p.proxy.rowCount())]
    assert texts == sorted(texts, key=str.casefold)
    assert p.current_id() == "s1c5"


def test_drag_mime_data_carries_claim_ids(session):
    from ui.claims_model import ClaimsModel, claim_ids_from_mime

    m = ClaimsModel()
    m.set_claims(session.project.claims)
    mime = m.mimeData([m.index(2, 1), m.index(4, 1), m.index(2, 3)])
    assert claim_ids_from_mime(mime) == ["s1c3", "s1c5"]
    assert session.project.claims[2].text in mime.text()


def test_outline_model_passes_the_model_tester_and_takes_drops(qtmodeltester, session):
    from ui.claims_model import ClaimsModel
    from ui.outline import OutlineModel

    session.push(C.SetIncluded(["s1c1", "s1c2"], True))
    session.push(C.AddText("assessment", "Eigene Einschätzung"))
    om = OutlineModel(session)
    qtmodeltester.check(om)
    cm = ClaimsModel()
    cm.set_claims(session.project.claims)
    bg = om.index_of(("section", "background"))
    assert om.dropMimeData(cm.mimeData([cm.index(6, 1)]), Qt.DropAction.CopyAction, -1, 0, bg)
    om.rebuild()
    assert om.rowCount(om.index_of(("section", "background"))) == 1
    # drop onto the first key point: goes after it
    kp = om.index_of(("section", "key-points"))
    assert om.dropMimeData(cm.mimeData([cm.index(8, 1)]), Qt.DropAction.CopyAction, -1, 0, om.index(0, 0, kp))
    assert sec(session, "key-points").items[1].claim_id == "s1c9"
    # an internal move by mime data
    om.rebuild()
    mime = om.mimeData([om.index(0, 0, om.index_of(("section", "key-points")))])
    om.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, om.index_of(("section", "background")))
    assert [i.claim_id for i in sec(session, "background").items][-1] == "s1c1"
    session.undo_stack.undo()
    assert sec(session, "key-points").items[0].claim_id == "s1c1"
    assert om.index(0, 0, QModelIndex()).data() is not None


def test_offset_map_handles_characters_outside_the_bmp():
    from ui.reader import OffsetMap

    text = "a😀b😀c"
    m = OffsetMap(text)
    assert not m.identity
    for i in range(len(text) + 1):
        assert m.from_qt(m.to_qt(i)) == i
    assert m.to_qt(2) == 3 and m.to_qt(4) == 6


def test_a_filter_change_is_one_reset_and_keeps_the_current_claim(qtbot, session):
    """Scattered matches must not become hundreds of row removals for the view to digest."""
    from ui.claims_view import ClaimsPanel

    p = ClaimsPanel()
    qtbot.addWidget(p)
    p.set_claims(session.project.claims)
    claims = session.project.claims
    keep = next(c for c in claims if "hafen" in c.text.casefold())
    p.select_claim(keep.id)
    events = []
    for sig in ("modelReset", "rowsRemoved", "rowsInserted", "layoutChanged"):
        getattr(p.proxy, sig).connect(lambda *a, s=sig: events.append(s))
    selected = []
    p.claim_selected.connect(selected.append)
    p.filter_edit.setText("Hafen")
    p.apply_filter_now()
    assert events == ["modelReset"]
    shown = [p.proxy.index(r, 1).data() for r in range(p.proxy.rowCount())]
    assert shown == [c.text for c in claims if "hafen" in p.model.haystack(p.model.row_of(c.id))]
    assert 0 < len(shown) < len(claims)
    assert p.current_id() == keep.id and p.table.selected_ids() == [keep.id]
    assert selected == []  # the same claim: the window is not told again
    # the count says how many are shown
    assert p.count_label.text() == f"{len(shown)} of {len(claims)}"
    # sorting while filtered keeps the filter and the current claim
    p.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    texts = [p.proxy.index(r, 1).data() for r in range(p.proxy.rowCount())]
    assert texts == sorted(shown, key=str.casefold, reverse=True)
    assert p.current_id() == keep.id
    # typing more (debounced) narrows further; clearing brings every claim back
    p.filter_edit.setText("Hafen zzz-nothing")
    qtbot.waitUntil(lambda: p.proxy.rowCount() == 0, timeout=3000)
    assert p.current_id() == ""
    p.clear_filters()
    assert p.proxy.rowCount() == len(claims)


def test_offset_map_with_paragraph_gaps_and_astral_characters():
    from ui.reader import OffsetMap, display_text

    text = "Erster 😀 Absatz.\nZweiter Absatz.\nDritter."
    gaps = [text.index("Zweiter"), text.index("Dritter")]
    shown = display_text(text, gaps)
    assert shown == "Erster 😀 Absatz.\n\nZweiter Absatz.\n\nDritter."
    m = OffsetMap(text, gaps)
    utf16 = shown.encode("utf-16-le")
    for i in range(len(text) + 1):
        q = m.to_qt(i)
        assert m.from_qt(q) == i
        if i < len(text):  # the character at i is shown at q (in UTF-16 units)
            assert utf16[2 * q:2 * q + 2 * len(text[i].encode("utf-16-le")) // 2].decode("utf-16-le") == text[i]
    # the inserted empty line maps back to the end of the paragraph before it
    blank = m.to_qt(gaps[0]) - 1
    assert m.from_qt(blank) == gaps[0] - 1
