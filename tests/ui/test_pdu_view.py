"""The PDU ledger screen, clicked through with real dialogs on a real journal."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from pmo_journal.core import clock
from pmo_journal.core.models import PduCategory
from pmo_journal.core.services import pdus
from pmo_journal.core.services.helper_assignments import log_helper_assignment
from pmo_journal.core.services.mentor_sessions import log_mentor_session
from pmo_journal.core.services.people import create_person
from pmo_journal.core.storage.db import Journal
from pmo_journal.ui.appearance import palette_for
from pmo_journal.ui.context import JournalContext
from pmo_journal.ui.pdus import PduView
from pmo_journal.ui.pdus.claim_editor import ClaimEditor
from pmo_journal.ui.pdus.claims_model import COUNTED, DESCRIPTION, EVIDENCE, SPLIT
from pmo_journal.ui.pdus.cycle_editor import CycleEditor
from pmo_journal.ui.pdus.dates import to_qdate
from tests.ui.scripted_prompts import ScriptedPrompts, accept_form

TODAY = dt.date(2026, 11, 29)


class Dialogs:
    """Stands in for ``exec()``: keeps the real dialog open so the test can click it."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.opened: list[QDialog] = []

    def __call__(self, dialog: QDialog) -> None:
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.opened.append(dialog)

    @property
    def last(self) -> QDialog:
        return self.opened[-1]


@pytest.fixture
def dialogs(qtbot: QtBot) -> Dialogs:
    return Dialogs(qtbot)


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    """The ledger's pace reads the one clock."""
    with clock.as_of(TODAY) as day:
        yield day


def make_view(qtbot: QtBot, journal: Journal, dialogs: Dialogs) -> PduView:
    view = PduView(JournalContext(journal))
    view._run = dialogs  # type: ignore[method-assign]
    qtbot.addWidget(view)
    return view


def save(dialog: QDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


@pytest.fixture
def stocked(journal: Journal) -> Journal:
    pdus.create_cycle(
        journal, data={"start_date": dt.date(2024, 6, 1), "end_date": dt.date(2027, 5, 31)}
    )
    for day, category, activity, hours, split in [
        (
            dt.date(2024, 9, 1),
            "education",
            "course_or_training",
            12,
            {"ways_of_working": 8, "power_skills": 2, "business_acumen": 2},
        ),
        (dt.date(2025, 3, 1), "giving_back", "work_as_practitioner", 10.5, {}),
        (dt.date(2025, 6, 1), "giving_back", "volunteer", 18, {}),
    ]:
        pdus.add_claim(
            journal,
            data={
                "date": day,
                "category": category,
                "activity": activity,
                "hours": hours,
                "description": "For the test",
                **split,
            },
        )
    return journal


def test_empty_journal_invites_a_cycle_and_the_editor_creates_it(
    qtbot: QtBot, journal: Journal, dialogs: Dialogs
) -> None:
    view = make_view(qtbot, journal, dialogs)
    assert view.stack.currentIndex() == 0
    assert not view.csv_button.isEnabled()
    assert not view.cycle_picker.isEnabled()
    view.new_cycle_button.click()
    editor = dialogs.last
    assert isinstance(editor, CycleEditor)
    editor.start.setDate(to_qdate(dt.date(2024, 6, 1)))
    assert editor.end.date() == to_qdate(dt.date(2027, 5, 31))  # follows the start
    save(editor)
    assert not editor.isVisible()
    assert view.stack.currentIndex() == 1
    assert view.cycle_picker.isEnabled()
    assert view.cycle_picker.currentText() == "PMP 1 Jun 2024 – 31 May 2027  (current)"
    assert "At least 60 PDUs still needed" in view.needs.text()


def test_cycle_editor_shows_the_core_message_and_keeps_the_input(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs
) -> None:
    view = make_view(qtbot, stocked, dialogs)
    view.new_cycle_button.click()
    editor = dialogs.last
    assert isinstance(editor, CycleEditor)
    editor.start.setDate(to_qdate(dt.date(2027, 1, 1)))
    save(editor)
    assert editor.isVisible()
    assert (
        editor.problems.text() == "This cycle overlaps the cycle from 1 June 2024 to 31 May 2027."
    )
    assert len(pdus.list_cycles(stocked)) == 1


def test_totals_caps_and_pace_are_shown(qtbot: QtBot, stocked: Journal, dialogs: Dialogs) -> None:
    view = make_view(qtbot, stocked, dialogs)
    rows = {row.label: row for row in view.bars.rows()}
    assert rows["Total"].value == 37
    assert rows["Education"].value == 12
    # Each cap's excess on its own rule's bar: 2.5 over the practitioner limit, and 1 more
    # that the Giving Back maximum itself leaves out (not 3.5 on Giving Back).
    assert (rows["Giving Back"].value, rows["Giving Back"].excess) == (25, 1)
    assert (rows["Work as a practitioner"].value, rows["Work as a practitioner"].excess) == (8, 2.5)
    assert rows["Giving Back"].caption == "25 of at most 25 · 1 not counted"
    assert rows["Work as a practitioner"].caption == "8 of at most 8 · 2.5 not counted"
    assert "At least 23 PDUs still needed" in view.needs.text()
    assert "6 PDUs more in Business Acumen" not in view.needs.text()
    assert "6 more in Business Acumen (at least 8)." in view.needs.text()
    assert (
        "Giving Back is limited to 25 PDUs: 1 PDU beyond that is not counted." in view.caps.text()
    )
    assert view.pace.text().startswith("At this pace you would finish on")
    assert "fdecea" in view.pace.styleSheet()  # the warning colours
    # The later practitioner and volunteer hours carry what is not counted.
    model = view.claims_model
    assert [model.index(r, COUNTED).data() for r in range(3)] == ["12", "8", "17"]
    assert "over the 8 PDU Work as a practitioner limit" in model.index(1, COUNTED).data(3)


def test_claims_fit_a_narrow_pane_and_read_in_the_dark(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs
) -> None:
    view = make_view(qtbot, stocked, dialogs)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    table = view.claims_table
    assert table.horizontalScrollBar().maximum() == 0  # never scrolls sideways
    assert table.isColumnHidden(SPLIT) and table.isColumnHidden(EVIDENCE)
    # What the hidden columns held is in the description's tooltip.
    assert "Triangle split: WoW 8 · PS 2 · BA 2" in view.claims_model.index(0, DESCRIPTION).data(3)

    light_caps = view.caps.styleSheet()
    view.setPalette(palette_for(dark=True))
    assert view.caps.styleSheet() != light_caps
    assert "fdecea" not in view.pace.styleSheet()  # the dark warning box, not the light one


def test_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, stocked: Journal, dialogs: Dialogs
) -> None:
    person = create_person(stocked, data={"name": "Dana", "relationship": "mentor"})
    log_mentor_session(
        stocked,
        data={"date": dt.date(2026, 3, 3), "mentor_id": person.id, "topics": "Portfolio triage"},
    )
    view = make_view(qtbot, stocked, dialogs)
    qtmodeltester.check(view.claims_model)  # type: ignore[attr-defined]
    qtmodeltester.check(view.suggestions_model)  # type: ignore[attr-defined]


def test_add_a_claim_through_the_editor(qtbot: QtBot, stocked: Journal, dialogs: Dialogs) -> None:
    view = make_view(qtbot, stocked, dialogs)
    view.add_button.click()
    editor = dialogs.last
    assert isinstance(editor, ClaimEditor)
    editor.date.setDate(to_qdate(dt.date(2026, 2, 2)))
    editor.category.setCurrentIndex(editor.category.findData(PduCategory.EDUCATION))
    editor.activity.setCurrentIndex(editor.activity.findData("online_or_digital_media"))
    editor.hours.setValue(3.25)
    assert editor.sides["ways_of_working"].value() == 3.25  # one side follows the total
    editor.sides["ways_of_working"].setValue(0)
    editor.sides["business_acumen"].setValue(3)
    editor.description.setPlainText("Finance for PMO leads webinar")
    assert "the sides add up to 3" in editor.problems.text()
    save_button = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save_button.isEnabled()
    editor.sides["power_skills"].setValue(0.25)
    assert editor.problems.text() == ""
    save(editor)
    assert not editor.isVisible()
    claims = pdus.list_claims(stocked, cycle_id=view.selected_cycle_id() or 0)
    assert [(c.activity, c.business_acumen, c.power_skills) for c in claims][-1] == (
        "online_or_digital_media",
        3,
        0.25,
    )
    assert view.claims_model.rowCount() == 4


def test_a_claim_outside_every_cycle_is_refused_in_the_editor(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs
) -> None:
    view = make_view(qtbot, stocked, dialogs)
    view.add_button.click()
    editor = dialogs.last
    assert isinstance(editor, ClaimEditor)
    editor.date.setDate(to_qdate(dt.date(2030, 1, 1)))
    editor.category.setCurrentIndex(editor.category.findData(PduCategory.GIVING_BACK))
    editor.hours.setValue(2)
    editor.description.setPlainText("Talk at the chapter")
    save(editor)
    assert editor.isVisible()
    assert editor.problems.text() == (
        "No certification cycle covers 1 January 2030; add that cycle first."
    )
    assert view.claims_model.rowCount() == 3


def test_edit_and_delete_a_claim(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs, prompts: ScriptedPrompts
) -> None:
    view = make_view(qtbot, stocked, dialogs)
    view.claims_table.selectRow(2)
    view.edit_button.click()
    editor = dialogs.last
    assert isinstance(editor, ClaimEditor)
    assert editor.hours.value() == 18
    editor.hours.setValue(10)
    save(editor)
    assert view.claims_model.claim_at(2).hours == 10
    prompts.answer("ask", True)
    view.claims_table.selectRow(2)
    view.delete_button.click()
    assert prompts.asked[-1].text.startswith("Delete the claim of 1 Jun 2025")
    assert view.claims_model.rowCount() == 2
    assert "1 PDU beyond" not in view.caps.text()


def test_claiming_a_suggestion_prefills_the_editor_and_shows_the_employer_warning(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs
) -> None:
    leader = create_person(stocked, data={"name": "Priya", "relationship": "pmo_leader"})
    log_helper_assignment(
        stocked,
        data={
            "title": "Risk register clean-up",
            "leader_id": leader.id,
            "start_date": dt.date(2026, 4, 1),
            "hours": 5,
            "status": "done",
            "for_own_employer": True,
        },
    )
    view = make_view(qtbot, stocked, dialogs)
    assert view.suggestions_model.rowCount() == 1
    view.claim_button.click()
    editor = dialogs.last
    assert isinstance(editor, ClaimEditor)
    assert editor.warning.isVisibleTo(editor)
    assert "not count work for your employer as Volunteer" in editor.warning.text()
    assert editor.activity.currentData() == "work_as_practitioner"
    assert editor.hours.value() == 5
    save(editor)
    assert view.suggestions_model.rowCount() == 0
    claimed = view.claims_model.claim_at(3)
    assert claimed.source_id is not None
    view.claims_table.selectRow(0)
    assert not view.open_entry_button.isEnabled()
    view.claims_table.selectRow(3)
    with qtbot.waitSignal(view.context.open_entry_requested) as opened:
        view.open_entry_button.click()
    assert opened.args == ["helper_assignment", claimed.source_id]


def test_export_csv_writes_every_claim_with_its_evidence(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    view = make_view(qtbot, stocked, dialogs)
    target = tmp_path / "audit.csv"
    prompts.answer("save_file", target)
    view.csv_button.click()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:5] == ["Date", "Category", "Activity", "PDUs claimed", "PDUs counted"]
    assert [r[4] for r in rows[1:]] == ["12", "8", "17"]
    assert rows[2][6] == "over the 8 PDU Work as a practitioner limit"


def test_audit_pack_pdf_from_the_screen(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    view = make_view(qtbot, stocked, dialogs)
    target = tmp_path / "audit.pdf"
    prompts.answer("form", accept_form, accept_form)
    prompts.answer("save_file", target, tmp_path / "missing" / "audit.pdf")
    view.pdf_button.click()
    qtbot.waitUntil(lambda: view.audit_pack is None)  # written off the GUI thread
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "PDU audit pack" in text
    assert "8 counted; 2.5 over the 8 PDU Work as a practitioner limit" in text
    # What was written is said, with Open and Show in folder.
    assert view.saved_file.isVisibleTo(view) and view.saved_file.path == target
    assert view.saved_file.label.text().startswith(f"Saved the audit pack to {target} (")
    prompts.expect_tell()
    view.pdf_button.click()
    qtbot.waitUntil(lambda: view.audit_pack is None)
    assert len(prompts.told) == 1 and "does not exist" in prompts.told[0].message


def test_switch_cycles_edit_one_and_make_it_current(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs
) -> None:
    old = pdus.create_cycle(
        stocked, data={"start_date": dt.date(2021, 6, 1), "end_date": dt.date(2024, 5, 31)}
    )
    pdus.add_claim(
        stocked,
        data={
            "date": dt.date(2022, 1, 5),
            "category": "education",
            "activity": "reading",
            "hours": 4,
            "business_acumen": 4,
            "description": "Finance basics",
        },
    )
    view = make_view(qtbot, stocked, dialogs)
    assert view.cycle_picker.count() == 2
    assert view.cycle_picker.currentText().endswith("(current)")
    assert not view.current_button.isEnabled()
    view.cycle_picker.setCurrentIndex(view.cycle_picker.findData(old.id))
    assert view.claims_model.rowCount() == 1
    assert view.current_button.isEnabled()
    assert "The cycle ended on 31 May 2024 with 56 PDUs still needed." in view.pace.text()

    view.edit_cycle_button.click()
    editor = dialogs.last
    assert isinstance(editor, CycleEditor)
    assert editor.current.isEnabled()  # not the current cycle, so it may become current
    editor.end.setDate(to_qdate(dt.date(2024, 5, 30)))
    save(editor)
    assert not editor.isVisible()
    assert view.selected_cycle_id() == old.id
    assert pdus.get_cycle(stocked, old.id).end_date == dt.date(2024, 5, 30)

    view.current_button.click()
    assert view.selected_cycle_id() == old.id
    assert view.cycle_picker.currentText() == "PMP 1 Jun 2021 – 30 May 2024  (current)"
    view.edit_cycle_button.click()
    current_editor = dialogs.last
    assert isinstance(current_editor, CycleEditor)
    assert not current_editor.current.isEnabled()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_not_counted_reads_on_the_light_and_the_dark_palette(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs, dark: bool
) -> None:
    """The red "· 2 not counted" beside a capped bar: WCAG's 4.5:1 against its background."""
    from pmo_journal.core.charts.theme import contrast
    from pmo_journal.ui.pdus.bars import LABEL_WIDTH, ROW_HEIGHT, VALUE_WIDTH

    view = make_view(qtbot, stocked, dialogs)
    view.setPalette(palette_for(dark=dark))
    bars = view.bars
    bars.resize(LABEL_WIDTH + VALUE_WIDTH + 300, bars.sizeHint().height())
    image = bars.grab().toImage()
    background = bars.palette().window().color()
    ground = (background.red(), background.green(), background.blue())
    (row,) = [i for i, r in enumerate(bars.rows()) if r.excess and not r.indent]
    left = bars.width() - VALUE_WIDTH
    ink = []
    for x in range(left, bars.width()):
        for y in range(4 + row * ROW_HEIGHT, 4 + (row + 1) * ROW_HEIGHT - 6):
            pixel = image.pixelColor(x, y)
            if pixel.red() > pixel.green() + 40:  # the red text, not the background
                ink.append(contrast((pixel.red(), pixel.green(), pixel.blue()), ground))
    assert ink and max(ink) >= 4.5, max(ink, default=None)


def test_a_new_claim_is_quiet_until_its_fields_are_changed(
    qtbot: QtBot, stocked: Journal, dialogs: Dialogs
) -> None:
    """As in the entry editors: nothing in red before the user has typed; Save is off and
    says why; a field's message shows once that field was changed. Every field answers to
    an Alt key of its own."""
    from tests.ui.test_visible_text import shared_mnemonics

    view = make_view(qtbot, stocked, dialogs)
    view.add_button.click()
    editor = dialogs.last
    assert isinstance(editor, ClaimEditor)
    save_button = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert editor.problems.text() == ""
    assert not save_button.isEnabled()
    assert "Description" in save_button.toolTip()
    editor.description.setPlainText("x")
    editor.description.setPlainText("")
    assert "Description" in editor.problems.text()
    assert shared_mnemonics(editor) == {}
    labels = [
        label.text()
        for label in editor.findChildren(QLabel)
        if label.buddy() is not None and "&" in label.text()
    ]
    assert len(labels) >= 7, labels
