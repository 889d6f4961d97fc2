"""Finding people's names in free text: every written form, and never an ordinary word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_journal.core.name_finder import NameFinder, ordinary_words

PEOPLE = [
    (1, "Xenia Blackwood-Quist"),
    (2, "Zoë Fitzgerald-Quinn"),
    (3, "Ingrid Lindqvist"),
    (4, "Anna van der Berg"),
    (5, "Mark Ellison"),
    (6, "Will Hartigan"),
]
FINDER = NameFinder(PEOPLE)


def swap(text: str) -> str:
    return FINDER.replace(text, lambda person: f"<{person}>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Met Xenia Blackwood-Quist today.", "Met <1> today."),
        ("Ms Blackwood-Quist agreed.", "<1> agreed."),
        ("XENIA's plan", "<1>'s plan"),
        ("Dr Lindqvist and LINDQVIST and Lindqvist's note", "<3> and <3> and <3>'s note"),
        ("prof. lindqvist said", "<3> said"),
        ("Quist and Blackwood both", "<1> and <1> both"),
        ("Z. F.-Q. called; so did Z.F.-Q.", "<2> called; so did <2>"),
        ("X. Blackwood-Quist and Xenia B.-Q.", "<1> and <1>"),
        ("Xenia\nBlackwood-\nQuist wrote", "<1> wrote"),
        ("Blackwood Quist, without the hyphen", "<1>, without the hyphen"),
        ("Mrs van der Berg's team; Berg said", "<4>'s team; <4> said"),
        ("zoë and Fitzgerald", "<2> and <2>"),
    ],
)
def test_every_written_form_of_a_name_is_found(text: str, expected: str) -> None:
    assert swap(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mark the date in the plan.",
        "We will mark it done.",
        "Will we get the budget?",
        "There is a will and a way.",
        "The van is parked; we were under the bridge.",
        "Bergamot and Quistian are other words; Lindqvists is not the name.",
    ],
)
def test_ordinary_words_are_left_alone(text: str) -> None:
    assert swap(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mark said yes.", "<5> said yes."),
        ("I asked Mark today.", "I asked <5> today."),
        ("MARK's idea", "<5>'s idea"),
        ("Mr Will came", "<6> came"),
        ("then Will agreed", "then <6> agreed"),
        ("mark ellison, in lower case, is the full name", "<5>, in lower case, is the full name"),
    ],
)
def test_a_name_that_is_a_word_is_found_where_it_reads_as_a_name(text: str, expected: str) -> None:
    assert swap(text) == expected


def test_a_replacement_opening_a_sentence_is_capitalised() -> None:
    finder = NameFinder([(1, "Xenia Blackwood-Quist")])
    assert finder.replace("Xenia said. Then xenia left.", lambda _p: "someone") == (
        "Someone said. Then someone left."
    )


def test_mentions() -> None:
    assert FINDER.mentions("Dr Lindqvist met Z. F.-Q.") == {2, 3}
    assert FINDER.mentions("Mark the date.") == set()


# --------------------------------------------------------------------------- properties

syllable = st.sampled_from(["ka", "lo", "mi", "ren", "zu", "vor", "tes", "qui", "dra", "bel"])


@st.composite
def invented_word(draw: st.DrawFn) -> str:
    word = "".join(draw(st.lists(syllable, min_size=2, max_size=4)))
    return word.capitalize()


@st.composite
def invented_name(draw: st.DrawFn) -> str:
    first = draw(invented_word())
    surname = draw(invented_word())
    if draw(st.booleans()):
        surname += "-" + draw(invented_word())
    return f"{first} {surname}"


def _written(name: str, form: str, case: str, title: str, possessive: bool) -> str:
    first, surname = name.split(" ", 1)
    pieces = surname.split("-")
    words = {
        "full": name,
        "first": first,
        "surname": surname,
        "piece": pieces[-1],
        "broken": f"{first}\n{surname}",
        "initials": f"{first[0]}. " + "-".join(f"{p[0]}." for p in pieces),
    }[form]
    if form != "initials":
        words = {"as is": words, "upper": words.upper(), "lower": words.lower()}[case]
    return title + words + ("'s" if possessive else "")


FILLER = ["We", "agreed", "the", "plan", "with", "and", "then", "reviewed", "metrics", "today."]


@settings(max_examples=150, deadline=None)
@given(
    name=invented_name(),
    form=st.sampled_from(["full", "first", "surname", "piece", "broken", "initials"]),
    case=st.sampled_from(["as is", "upper", "lower"]),
    title=st.sampled_from(["", "Mr ", "Ms ", "Mrs ", "Dr ", "Prof ", "DR "]),
    possessive=st.booleans(),
    before=st.lists(st.sampled_from(FILLER), max_size=5),
    after=st.lists(st.sampled_from(FILLER), max_size=5),
)
def test_no_part_of_a_name_survives_the_scrubber(
    name: str,
    form: str,
    case: str,
    title: str,
    possessive: bool,
    before: list[str],
    after: list[str],
) -> None:
    text = " ".join([*before, _written(name, form, case, title, possessive), *after])
    scrubbed = NameFinder([(1, name)]).replace(text, lambda _person: "someone")
    parts = [part for word in name.split() for part in word.split("-")]
    for part in parts:
        assert part.lower() not in scrubbed.lower(), (text, scrubbed)
    if form == "initials":
        assert _written(name, form, case, "", False) not in scrubbed
    assert scrubbed.endswith(" ".join(after))


@settings(max_examples=100, deadline=None)
@given(
    name=invented_name(), words=st.lists(st.sampled_from([*FILLER, "Mark", "will"]), max_size=12)
)
def test_text_without_the_name_is_unchanged(name: str, words: list[str]) -> None:
    text = " ".join(words)
    finder = NameFinder([(1, name)])
    assert finder.replace(text, lambda _person: "someone") == text


@settings(max_examples=60, deadline=None)
@given(word=st.sampled_from(sorted(ordinary_words())), filler=st.lists(st.sampled_from(FILLER)))
def test_an_ordinary_word_in_lower_case_is_never_taken_for_a_name(
    word: str, filler: list[str]
) -> None:
    finder = NameFinder([(1, f"{word.capitalize()} Okonkwo")])
    text = " ".join(["we", word, *filler])
    assert finder.replace(text, lambda _person: "someone") == text
