"""read_date() and ascii_digits()."""

from __future__ import annotations

import pytest

from stripper.metadata.dates import ascii_digits, read_date


@pytest.mark.parametrize(
    "text, language, iso",
    [
        ("آخر تحديث GMT04:47:12", "ar", "04:47:12Z"),
        ("11 كانون الثاني 2025", "ar", "2025-01-11"),
        ("٤ فبراير ٢٠٢٠", "ar", "2020-02-04"),
        ("3 марта 2024", "ru", "2024-03-03"),
        ("12.03.2019", "ru", "2019-03-12"),
        ("12.03.2019", "de", "2019-03-12"),
        ("12.03.2019", None, "2019-03-12"),  # day.month.year: no locale writes M.D.Y
        ("March 3, 2024", "en", "2024-03-03"),
        ("Veröffentlicht: 18.02.2025, 16:05 Uhr", "de", "2025-02-18T16:05:00"),
        ("2024-01-05", None, "2024-01-05"),
        ("1 تشرين الأول 2023", "ar", "2023-10-01"),
    ],
)
def test_read_date(text, language, iso):
    found = read_date(text, language)
    assert found is not None
    assert found.iso == iso
    assert found.text == text.strip()


def test_updated_keeps_its_text():
    found = read_date("  آخر تحديث GMT04:47:12 ", "ar")
    assert found.text == "آخر تحديث GMT04:47:12"


@pytest.mark.parametrize(
    "text",
    ["", "Hello world", "الرئيسية", "Page 3 of 12", "The vote was 12 to 3."],
)
def test_no_date(text):
    assert read_date(text, "en") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("۱۴۰۳/۰۷/۲۴", "1403/07/24"),
        ("٢٠٢٥-٠١-١١", "2025-01-11"),
        ("ساعت ۹:۱۵", "ساعت 9:15"),
        ("Year २०२४", "Year 2024"),
        ("no digits", "no digits"),
        ("²³ stay", "²³ stay"),  # superscripts are not decimal digits
    ],
)
def test_ascii_digits(text, expected):
    assert ascii_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "language", "iso"),
    [
        ("Posted on September 21, 2024 by Jo Whitlock · 6 Comments", "en", "2024-09-21"),
        ("March 3, 2024 at 12:10 am", "en", "2024-03-03T00:10:00"),
        ("March 3, 2024 at 5:30 pm", "en", "2024-03-03T17:30:00"),
        ("السبت ١١ كانون الثاني (يناير) ٢٠٢٥ - ١٠:٣٠ صباحاً", "ar", "2025-01-11T10:30:00"),
        ("15 ноября 2024, 14:20 Автор: Иван Петров", "ru", "2024-11-15T14:20:00"),
        ("2025-05-20 08:35 来源：晨报", "zh", "2025-05-20T08:35:00"),
    ],
)
def test_date_cut_out_of_its_line(text, language, iso):
    assert read_date(text, language).iso == iso


def test_solar_hijri_dates_are_converted():
    found = read_date("۲۴ مهر ۱۴۰۳ - ۰۹:۱۵", "fa")
    assert found is not None and found.text.startswith("۲۴ مهر")
    assert found.iso == "2024-10-15T09:15:00"


def test_unreadable_date_keeps_the_text():
    found = read_date("12 Brumaire 1799", "fr")  # a month no parser knows
    assert found is not None and found.iso is None and found.text == "12 Brumaire 1799"


@pytest.mark.parametrize("text, iso", [
    ("Stand: 25.04.24, 10:15 Uhr", "2024-04-25T10:15:00"),
    ("17.7.11", "2011-07-17"),
    ("Aktualisiert 03.05.98", "1998-05-03"),  # strptime's %y: 69-99 are 19xx
])
def test_two_digit_years_are_read_without_dateparser(monkeypatch, text, iso):
    """A day.month.yy date is read directly: dateparser's first call costs a page
    more than half a second."""
    from stripper.metadata import dates

    def no_dateparser():
        raise AssertionError("dateparser was asked")

    dates._parse.cache_clear()
    monkeypatch.setattr(dates, "_dateparser", no_dateparser)
    found = read_date(text, "de")
    assert found is not None and found.iso == iso
