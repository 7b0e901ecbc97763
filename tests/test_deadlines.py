"""The Chinese deadline-phrase parser used by the importer and ``set --deadline``."""

from datetime import date

import pytest

from plan_tui.model.deadlines import Deadline, find_deadline, find_undated, parse_deadline
from plan_tui.model.numerals import parse_cn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-30", date(2024, 6, 30)),
        ("2024/6/3", date(2024, 6, 3)),
        ("2024.12.01", date(2024, 12, 1)),
        ("6月30日", date(2024, 6, 30)),
        ("6月30号", date(2024, 6, 30)),
        ("十二月三十一日", date(2024, 12, 31)),
        ("6月底", date(2024, 6, 30)),
        ("6月底前", date(2024, 6, 30)),
        ("6月末", date(2024, 6, 30)),
        ("2月底", date(2024, 2, 29)),
        ("6月", date(2024, 6, 30)),
        ("6月前", date(2024, 5, 31)),
        ("1月前", date(2024, 1, 31)),
        ("3月下旬", date(2024, 3, 31)),
        ("2月下旬", date(2024, 2, 29)),
        ("一季度前", date(2024, 3, 31)),
        ("上半年前", date(2024, 6, 30)),
        ("下半年前", date(2024, 6, 30)),
        ("6月中旬", date(2024, 6, 20)),
        ("6月上旬", date(2024, 6, 10)),
        ("十二月底", date(2024, 12, 31)),
        ("元月底", date(2024, 1, 31)),
        ("６月底前", date(2024, 6, 30)),
        ("２０２５年６月底", date(2025, 6, 30)),
        ("2025年6月底", date(2025, 6, 30)),
        ("2025年底", date(2025, 12, 31)),
        ("年底前", date(2024, 12, 31)),
        ("年底", date(2024, 12, 31)),
        ("年末", date(2024, 12, 31)),
        ("年内", date(2024, 12, 31)),
        ("年中", date(2024, 6, 30)),
        ("全年", date(2024, 12, 31)),
        ("上半年", date(2024, 6, 30)),
        ("下半年", date(2024, 12, 31)),
        ("一季度", date(2024, 3, 31)),
        ("二季度", date(2024, 6, 30)),
        ("三季度", date(2024, 9, 30)),
        ("第三季度", date(2024, 9, 30)),
        ("第4季度", date(2024, 12, 31)),
        ("三季度末", date(2024, 9, 30)),
        ("二季度前", date(2024, 3, 31)),
        ("长期", date(2024, 12, 31)),
        ("持续推进", date(2024, 12, 31)),
        ("6月底前完成", date(2024, 6, 30)),
        ("于6月底前", date(2024, 6, 30)),
        (" 6月 底 ", date(2024, 6, 30)),
    ],
)
def test_parse_deadline_forms(text: str, expected: date) -> None:
    result = parse_deadline(text, 2024)
    assert result.date == expected
    assert result.date.year == 2024 or text.startswith(("2025", "２０２５"))
    assert result.recurrence == "none"
    assert result.phrase == " ".join(text.split())


def test_phrase_is_kept_as_typed() -> None:
    assert parse_deadline("持续推进", 2024) == Deadline(date(2024, 12, 31), "持续推进")
    assert parse_deadline("６月底前", 2024).phrase == "６月底前"


@pytest.mark.parametrize(("text", "cadence"), [("每月", "monthly"), ("每季度", "quarterly")])
def test_recurring_phrases_run_to_year_end(text: str, cadence: str) -> None:
    result = parse_deadline(text, 2025)
    assert result == Deadline(date(2025, 12, 31), text, cadence)


def test_year_comes_from_the_plan() -> None:
    assert parse_deadline("6月底", 2030).date == date(2030, 6, 30)
    assert parse_deadline("2024-06-30", 2030).date == date(2024, 6, 30)


@pytest.mark.parametrize(
    "text", ["", "   ", "下周", "abc", "6月32日", "13月底", "2月30日", "五季度", "2024-13-01"]
)
def test_bad_phrases_raise_one_line_chinese_message(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_deadline(text, 2024)
    message = str(info.value)
    assert "\n" not in message
    assert "可用的写法" in message
    assert "6月底" in message and "2024-06-30" in message


def test_parse_cn() -> None:
    assert [parse_cn(t) for t in ("一", "十", "十二", "二十", "二十三", "12", "１２")] == [
        1,
        10,
        12,
        20,
        23,
        12,
        12,
    ]
    assert parse_cn("百") is None
    assert parse_cn("一二") is None


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("项目力争于6月底前完成签约。", "6月底前", date(2024, 6, 30)),
        ("确保年底前全部完工", "年底前", date(2024, 12, 31)),
        ("上半年完成资金拨付", "上半年", date(2024, 6, 30)),
        ("力争三季度建成投产", "三季度", date(2024, 9, 30)),
        ("年内建成便民服务中心", "年内", date(2024, 12, 31)),
        ("2024年10月底前完成整改", "2024年10月底前", date(2024, 10, 31)),
        ("截至2023年10月底有106户，计划于9月30日前完成", "9月30日前", date(2024, 9, 30)),
        ("6月底以来持续推进，年底前完成", "年底前", date(2024, 12, 31)),
    ],
)
def test_find_deadline_in_a_paragraph(text: str, phrase: str, expected: date) -> None:
    found = find_deadline(text, 2024)
    assert found is not None
    assert (found.phrase, found.date, found.recurrence) == (phrase, expected, "none")


def test_find_cadence() -> None:
    monthly = find_deadline("坚持乡主要领导每月带头外出招商", 2024)
    quarterly = find_deadline("每季度开展一次集中排查", 2024)
    assert monthly == Deadline(date(2024, 12, 31), "每月", "monthly")
    assert quarterly == Deadline(date(2024, 12, 31), "每季度", "quarterly")


@pytest.mark.parametrize(
    "text",
    [
        "截至2023年10月底，我乡共有脱贫户106户189人。",
        "2023年1－10月完成财政收入1935.6万元。",
        "平均每人每月增收1500元。",
        "平均每月增加2400余元收入。",
        "截至十月底，全乡263户887人享受最低生活保障。",
        "今年以来，累计救助22人次。",
        "近年来，产业结构不断优化。",
        "聚焦产业特色优势，想方设法挖掘招商线索。",
        "",
    ],
)
def test_no_false_deadline_in_figures(text: str) -> None:
    assert find_deadline(text, 2024) is None


def test_past_year_is_skipped_but_plan_year_is_found() -> None:
    assert find_deadline("2023年底前完成", 2024) is None
    assert find_deadline("2023年底前完成", 2023) == Deadline(date(2023, 12, 31), "2023年底前")


@pytest.mark.parametrize(
    ("text", "cadence"),
    [("每周", "weekly"), ("每个星期", "weekly"), ("每半年", "half_yearly")],
)
def test_weekly_and_half_yearly_cadences(text: str, cadence: str) -> None:
    assert parse_deadline(text, 2025) == Deadline(date(2025, 12, 31), text, cadence)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("3月上旬完成方案制定", "3月上旬", date(2025, 3, 10)),
        ("力争6月中旬前完成验收", "6月中旬前", date(2025, 6, 20)),
        ("9月下旬全面完工", "9月下旬", date(2025, 9, 30)),
        ("每周召开一次调度会", "每周", date(2025, 12, 31)),
        ("每半年开展一次评估", "每半年", date(2025, 12, 31)),
    ],
)
def test_find_thirds_of_a_month_and_new_cadences(text: str, phrase: str, expected: date) -> None:
    found = find_deadline(text, 2025)
    assert found is not None
    assert (found.phrase, found.date, found.note) == (phrase, expected, "")


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        # Lunar festivals move every year: 2024-02-10 and 2025-01-29 were 春节.
        ("春节前发放到位", 2024, date(2024, 2, 9)),
        ("春节前发放到位", 2025, date(2025, 1, 28)),
        ("端午节前完成龙舟赛筹备", 2024, date(2024, 6, 9)),
        ("端午节前完成龙舟赛筹备", 2025, date(2025, 5, 30)),
        ("中秋节前走访慰问", 2025, date(2025, 10, 5)),
        ("清明节前完成护林防火排查", 2025, date(2025, 4, 3)),
        ("国庆节前完成", 2025, date(2025, 9, 30)),
        ("七一前开展表彰", 2025, date(2025, 6, 30)),
        # 元旦前 in a year's plan is the New Year's Day that closes that year.
        ("元旦前完成", 2025, date(2025, 12, 31)),
    ],
)
def test_festival_phrases_are_dated_for_the_plan_year(text: str, year: int, expected: date) -> None:
    found = find_deadline(text, year)
    assert found is not None
    assert found.date == expected
    assert found.date.year == year
    # A festival that moves with the lunar calendar says which day it was taken to be.
    moving = not text.startswith(("国庆", "七一", "元旦"))
    assert ("前一天" in found.note) is moving


def test_festival_span_is_not_a_deadline() -> None:
    assert find_deadline("春节前后开展走访慰问", 2025) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一季度前完成清查", date(2025, 3, 31)),
        ("1月前完成摸底", date(2025, 1, 31)),
        ("上半年前建成", date(2025, 6, 30)),
        ("2026年底前完成主体工程", date(2025, 12, 31)),
    ],
)
def test_every_found_phrase_lands_inside_the_plan_year(text: str, expected: date) -> None:
    found = find_deadline(text, 2025)
    assert found is not None
    assert found.date == expected
    assert found.note  # the reading is said, so the importer can warn


def test_second_quarter_before_keeps_its_plain_reading() -> None:
    found = find_deadline("二季度前完成", 2025)
    assert found == Deadline(date(2025, 3, 31), "二季度前")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("汛期前完成河道清淤", "汛期前"),
        ("主汛期前完成水库除险", "主汛期前"),
        ("春耕前修好机耕路", "春耕前"),
    ],
)
def test_season_phrases_have_no_date(text: str, phrase: str) -> None:
    assert find_deadline(text, 2025) is None
    assert find_undated(text) == phrase


def test_season_phrase_typed_by_a_person_is_refused() -> None:
    with pytest.raises(ValueError, match="可用的写法"):
        parse_deadline("汛期前", 2025)


@pytest.mark.parametrize(
    ("year", "day"), [(2008, 4), (2020, 4), (2024, 4), (2025, 4), (2026, 5), (2027, 5), (2028, 4)]
)
def test_qingming_falls_on_its_published_day(year: int, day: int) -> None:
    from plan_tui.model.festivals import qingming_day

    assert qingming_day(year) == day
