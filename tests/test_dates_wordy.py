"""The month-name fast path of dates.py reads what dateparser reads."""

from __future__ import annotations

import random
from datetime import datetime

import pytest

from stripper.metadata import dates

LANGUAGES = ["en", "de", "fr", "es", "pl", "ru", "ar", "fa", "tr", "fi", "zh"]
_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}


def _random_dates(seed: int, n: int):
    rng = random.Random(seed)
    for _ in range(n):
        lang = rng.choice(LANGUAGES)
        name = rng.choice(list(dates.month_names(lang)))
        name = rng.choice([name, name.capitalize(), name.upper()])
        d = rng.randint(1, 31)
        day = rng.choice([str(d), f"{d:02d}"])
        year = rng.choice([1900, 1987, 2000, 2019, 2024, 2099])
        dot, mdot, comma = (rng.choice(["", x]) for x in "..,")
        if rng.random() < 0.5:
            yield lang, f"{day}{dot} {name}{mdot}{comma} {year}"
        else:
            suffix = rng.choice(["", dates._ordinal(d), "th", "st"])
            yield lang, f"{name}{mdot} {day}{suffix}{comma} {year}"


def test_wordy_dates_agree_with_dateparser():
    dp = dates._dateparser()
    checked = 0
    for lang, text in _random_dates(11, 500):
        mine = dates._parse_wordy(text, lang)
        if mine is not None:
            checked += 1
            assert mine == dp.parse(text, languages=[lang], settings=_SETTINGS), (lang, text)
    assert checked > 200


def test_month_names_come_from_dateparser():
    assert dates.month_names("de")["märz"] == 3
    assert dates.month_names("ru")["марта"] == 3
    assert dates.month_names("ar")["مارس"] == 3
    assert dates.month_names("xx") == {}


@pytest.mark.parametrize("text, lang, expected", [
    ("August 5, 2019", "en", datetime(2019, 8, 5)),
    ("Apr. 26, 2022", "en", datetime(2022, 4, 26)),
    ("December 29th 2019", "en", datetime(2019, 12, 29)),
    ("1. Januar 2023", "de", datetime(2023, 1, 1)),
    ("Dezember 10, 2019", "de", datetime(2019, 12, 10)),
    ("26 January 2017", "de", None),  # not German: dateparser's to judge
    ("Januar 1st, 2019", "de", None),
    ("May 1th, 2019", "en", None),
    ("31 April 2022", "en", None),
    ("21 de abril de 2022", "es", None),
    ("5 марта 2024", "ru", datetime(2024, 3, 5)),
    ("12 kwietnia 2021", "pl", datetime(2021, 4, 12)),
])
def test_wordy_dates(text, lang, expected):
    assert dates._parse_wordy(text, lang) == expected


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "ru", "ar"])
def test_slash_dates_read_directly_agree_with_dateparser(lang):
    dp = dates._dateparser()
    rng = random.Random(lang)
    read = 0
    for _ in range(60):
        a, b = rng.randint(1, 31), rng.randint(1, 31)
        text = f"{a:0{rng.choice([1, 2])}d}/{b:02d}/{rng.choice([1999, 2022, 2024])}"
        mine = dates._parse_numeric(text)
        if mine is None:
            continue
        read += 1
        assert mine == dp.parse(text, languages=[lang], settings=_SETTINGS), text
    assert read > 10


@pytest.mark.parametrize("text", ["05/10/2022", "12/12/2024", "13/13/2024", "31/02/2024",
                                  "10/25/2022"])
def test_ambiguous_or_impossible_slash_dates_are_left_to_dateparser(text):
    assert dates._parse_numeric(text) is None
