"""Shared helpers for the stripper test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

import stripper
from stripper.features import measure
from stripper.language import stopwords_for

ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = ROOT / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES_DIR


def strip_text(text: str, **kwargs) -> stripper.Result:
    """Run the whole pipeline on a text dump given as str."""
    kwargs.setdefault("kind", "text")
    return stripper.strip(text, **kwargs)


def features_of(text: str, language: str | None = None):
    """Features of one block of text, measured with the stopwords of `language`."""
    return measure(text, stopwords_for(language))


def nonblank(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# One story in short paragraphs, for the metadata tests' dumps.
HARBOUR_LIBRARY = {
    "en": [
        'The town council voted on Tuesday evening to keep the old harbour library open '
        'for at least five more years, after a long debate about its costs.',
        'Members said the library building was in better shape than an earlier survey had'
        ' suggested, and that repairs would cost less than feared.',
        'Readers who had campaigned for the harbour library said they were relieved and '
        'would now raise money for new shelves and longer opening hours.',
        "The library's board will present a plan for the repairs in the autumn, together "
        'with a timetable for the work on the roof and the windows.',
    ],
    "de": [
        'Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbibliothek '
        'mindestens fünf weitere Jahre offen zu halten, nach einer langen Debatte.',
        'Das Gebäude der Bibliothek sei in besserem Zustand als ein früheres Gutachten '
        'vermuten ließ, sagten Mitglieder des Rates nach der Sitzung.',
        'Leserinnen und Leser, die sich für die Hafenbibliothek eingesetzt hatten, wollen'
        ' nun Geld für neue Regale und längere Öffnungszeiten sammeln.',
    ],
    "ru": [
        'Городской совет во вторник вечером решил сохранить старую портовую библиотеку '
        'как минимум ещё на пять лет после долгого обсуждения расходов.',
        'Депутаты сказали, что здание библиотеки находится в лучшем состоянии, чем '
        'показало прежнее обследование, и ремонт обойдётся дешевле.',
        'Читатели, которые выступали за портовую библиотеку, обрадовались и теперь '
        'собирают деньги на новые полки и более долгие часы работы.',
    ],
}

# Realistic prose, written for these tests. Each entry is a paragraph of several
# full sentences, long enough to count as article text on its own.
EN_PARAGRAPHS = [
    "The town council voted on Tuesday evening to keep the old library open for at least "
    "another five years. Members said that the building was in better shape than they had "
    "been told, and that the roof could be repaired for less than half of the first estimate.",
    "Residents who had campaigned for the library for more than a year filled the public "
    "gallery and cheered when the result was read out. One of them said that she had been "
    "borrowing books there since she was a child and that she was relieved it would stay.",
    "The repairs are expected to start in the spring and to last about three months. During "
    "that time the reading room will be closed, but the children's section and the computer "
    "room will remain open on weekdays from nine in the morning until six in the evening.",
    "The council also agreed to look at whether the library could open on Sunday afternoons. "
    "A report on the costs of the extra hours and on the number of volunteers who would be "
    "needed is to be presented to the members at their next meeting in the autumn.",
]
