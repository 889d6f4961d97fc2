"""Who holds the journal, for the documents that name them: the PDU audit pack (name and
PMI ID) and the PDFs' Author. Remembered in the journal, so they travel with it."""

from __future__ import annotations

from dataclasses import dataclass

from pmo_journal.core.changes import Changes, Outcome
from pmo_journal.core.models import JournalSetting
from pmo_journal.core.storage.db import Journal
from pmo_journal.core.validation import JournalError

NAME_KEY = "holder.name"
PMI_ID_KEY = "holder.pmi_id"
NAME_MAX = 120
PMI_ID_MAX = 12


@dataclass(frozen=True)
class Holder:
    """The certification holder as the audit pack names them; both may be empty."""

    name: str = ""
    pmi_id: str = ""


def check_holder(name: str, pmi_id: str) -> Holder:
    """``name`` and ``pmi_id`` tidied, or a :class:`JournalError` that says what is wrong."""
    name = " ".join(name.split())
    pmi_id = "".join(pmi_id.split())
    if len(name) > NAME_MAX:
        raise JournalError(f"A name has at most {NAME_MAX} characters.")
    if pmi_id and (not pmi_id.isdigit() or len(pmi_id) > PMI_ID_MAX):
        raise JournalError(
            f"A PMI ID is a number of up to {PMI_ID_MAX} digits, as on your PMI profile "
            f"(“{pmi_id}” is not)."
        )
    return Holder(name, pmi_id)


def holder(journal: Journal) -> Holder:
    """The name and PMI ID remembered in ``journal`` (empty when never given)."""
    with journal.session() as session:
        name = session.get(JournalSetting, NAME_KEY)
        pmi_id = session.get(JournalSetting, PMI_ID_KEY)
    return Holder(name.value if name else "", pmi_id.value if pmi_id else "")


def remember_holder(journal: Journal, *, name: str, pmi_id: str) -> Outcome[Holder]:
    """Remember the holder's name and PMI ID (checked first; bad input changes nothing)."""
    wanted = check_holder(name, pmi_id)
    if wanted == holder(journal):
        return Outcome(wanted, Changes())
    with journal.session() as session:
        for key, value in ((NAME_KEY, wanted.name), (PMI_ID_KEY, wanted.pmi_id)):
            row = session.get(JournalSetting, key) or JournalSetting(key=key)
            row.value = value
            session.add(row)
    return Outcome(wanted, Changes(settings=True))
