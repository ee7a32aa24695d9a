"""One test per validation rule: break a copy of data/, check the message names
the file, line, column, value and rule."""

import csv
import re
from pathlib import Path

import pytest
import release
from conftest import line_of, replace_in

from nkarrivals import cli, data


def problems_for(data_dir: Path) -> list[str]:
    with pytest.raises(data.DataValidationError) as caught:
        data.load_dataset(data_dir)
    return str(caught.value).splitlines()[1:]


def assert_reported(data_dir: Path, filename: str, line: int | None, *fragments: str) -> None:
    problems = problems_for(data_dir)
    where = f"{filename}:{line}:" if line is not None else f"{filename}:"
    matching = [p for p in problems if where in p and all(f in p for f in fragments)]
    assert matching, f"no problem at {where} with {fragments}; got:\n" + "\n".join(problems)


def test_the_committed_data_is_valid():
    counts, problems = data.validate()
    assert problems == []
    assert counts["arrivals"] >= 26


def test_thousands_separator_is_not_a_whole_number(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2009,")
    replace_in(arrivals, "662,2252,2914", '662,2252,"2,914"')
    assert_reported(data_copy, "arrivals.csv", line, "column 'total'", "'2,914'", "is not a whole number")


def test_count_must_not_be_negative(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2013,")
    replace_in(arrivals, "2013,2013,2013,369,", "2013,2013,2013,-369,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'male'", "'-369'", "is negative")


def test_total_must_equal_male_plus_female(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2009,")
    replace_in(arrivals, "662,2252,2914", "662,2252,2915")
    assert_reported(
        data_copy, "arrivals.csv", line, "column 'total'", "'2915'", "does not equal male + female (662 + 2252 = 2914)"
    )


def test_quarter_sex_split_must_sum_to_quarter_total(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2021,3,")
    replace_in(quarterly, "2021,3,9,3,12", "2021,3,9,4,12")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "column 'total'", "does not equal male + female")


def test_missing_column_is_named(data_copy):
    events = data_copy / "events.csv"
    text = events.read_text(encoding="utf-8").replace(",start_precision", "", 1)
    events.write_text(text, encoding="utf-8")
    assert_reported(data_copy, "events.csv", 1, "missing column 'start_precision'")


def test_unknown_column_is_rejected(data_copy):
    replace_in(data_copy / "sources.csv", "language,note", "language,note,extra")
    assert_reported(data_copy, "sources.csv", 1, "unknown column 'extra'")


def test_row_with_wrong_number_of_fields(data_copy):
    rates = data_copy / "rates.csv"
    line = line_of(rates, "2010,krw_per_usd")
    replace_in(rates, "2010,krw_per_usd,1155.7389,FRED_AEXKOUS,", "2010,krw_per_usd,1155.7389,FRED_AEXKOUS,,")
    assert_reported(data_copy, "rates.csv", line, "has 6 fields; the header has 5")


def test_required_value_must_not_be_blank(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2014,")
    replace_in(arrivals, "2014,2014,2014,305,1092,1397,MOU_STATS_CN", "2014,2014,2014,305,1092,1397,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'source_id'", "is empty; a value is required")


def test_surrounding_spaces_are_not_trimmed_silently(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2015,")
    replace_in(arrivals, "2015,2015,2015,251,", "2015,2015,2015, 251,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'male'", "' 251'", "leading or trailing spaces")


def test_duplicate_period_is_rejected(data_copy):
    arrivals = data_copy / "arrivals.csv"
    text = arrivals.read_text(encoding="utf-8")
    row_2016 = next(line for line in text.splitlines() if line.startswith("2016,"))
    arrivals.write_text(text + row_2016 + "\n", encoding="utf-8")
    last_line = len(text.splitlines()) + 1
    assert_reported(
        data_copy, "arrivals.csv", last_line, "duplicate period=2016", f"first on line {line_of(arrivals, '2016,')}"
    )


def test_overlapping_periods_are_rejected(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2002,")
    replace_in(arrivals, "2002,2002,2002,", "2001–2002,2001,2002,")
    assert_reported(data_copy, "arrivals.csv", line, "overlaps period 1999–2001")


def test_missing_year_between_periods_is_a_gap(data_copy):
    arrivals = data_copy / "arrivals.csv"
    text = arrivals.read_text(encoding="utf-8")
    arrivals.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("2005,")) + "\n", encoding="utf-8"
    )
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2006,"), "gap: no period covers 2005")


def test_single_year_period_label_must_name_the_year(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2017,")
    replace_in(arrivals, "2017,2017,2017,", "2071,2017,2017,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'period'", "'2071'", "does not name its single year 2017")


def test_quarters_must_reconcile_with_the_year(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    replace_in(quarterly, "2019,2,,,320,", "2019,2,,,321,")
    assert_reported(
        data_copy,
        "arrivals_quarterly.csv",
        line_of(quarterly, "2019,4,"),
        "the four quarters of 2019 sum to 1048 in column 'total'",
        "arrivals.csv:",
    )


def test_quarter_must_be_between_1_and_4(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2025,1,")
    replace_in(quarterly, "2025,1,1,37,38", "2025,5,1,37,38")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "column 'quarter'", "'5'", "above the maximum 4")


def test_male_and_female_are_both_given_or_both_blank(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2022,2,")
    replace_in(quarterly, "2022,2,1,7,8", "2022,2,,7,8")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "male and female must both be given or both be blank")


def test_derived_flag_must_be_true_or_false(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2022,1,")
    replace_in(quarterly, "2022,1,2,9,11,false", "2022,1,2,9,11,no")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "column 'derived'", "'no'", "is not 'true' or 'false'")


def test_low_must_not_exceed_high(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,9000,8000,USD,9000,8000")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'low'", "'9000'", "is greater than high (8000)")


def test_currency_must_be_known(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD", "2015-05-21,2015,2015,8000,8000,US$")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'currency'", "'US$'", "is not one of: USD, KRW, CNY")


def test_converted_usd_must_match_the_rate(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2012-09-17,")
    replace_in(fees, "KRW,4439.86,,converted", "KRW,4500,,converted")
    assert_reported(
        data_copy,
        "broker_fees.csv",
        line,
        "column 'low_usd'",
        "'4500'",
        "does not match 5000000 KRW at 1126.16 krw_per_usd (2012) = 4439.86",
    )


def test_usd_amounts_must_equal_their_usd_column(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,8000,8000,USD,8000,8800")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'high_usd'", "'8800'", "must equal high (8000)")


def test_route_must_come_from_the_vocabulary(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "8000,8000,source,nk_to_china,REUTERS_2015", "8000,8000,source,tumen,REUTERS_2015")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'route'", "'tumen'", "is not one of: nk_to_china")


def test_period_must_not_end_after_it_was_reported(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,", "2015-05-21,2015,2016,")
    assert_reported(
        data_copy, "broker_fees.csv", line, "column 'period_end'", "after the year the figure was reported (2015)"
    )


def test_event_category_must_be_known(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2023-10-09,")
    replace_in(events, "reported,repatriation,500+", "reported,deportation,500+")
    assert_reported(
        data_copy, "events.csv", line, "column 'category'", "'deportation'", "is not one of: covid, surveillance"
    )


def test_invalid_date_is_rejected(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2024-04-26,")
    replace_in(events, "2024-04-26,day", "2024-04-31,day")
    assert_reported(data_copy, "events.csv", line, "column 'start'", "'2024-04-31'", "is not a valid date")


def test_future_date_is_rejected(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    events = data_copy / "events.csv"
    line = line_of(events, "2024-04-26,")
    replace_in(events, "2024-04-26,day", "2027-01-05,day")
    assert_reported(data_copy, "events.csv", line, "column 'start'", "'2027-01-05'", "is in the future")


def test_period_end_in_the_future_is_rejected(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    events = data_copy / "events.csv"
    line = line_of(events, "2020,year,2023,")
    replace_in(events, "2020,year,2023,year", "2020,year,2027,year")
    assert_reported(data_copy, "events.csv", line, "column 'end'", "'2027'", "is in the future")


def test_an_alleged_events_korean_label_must_say_so(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2020-08,")
    replace_in(events, "북한, 국경 완충지대 사격 명령 의혹", "북한, 국경 완충지대 사격 명령")
    assert_reported(data_copy, "events.csv", line, "column 'label_ko'", "'북한, 국경 완충지대 사격 명령'", "의혹")


def test_start_must_match_its_precision(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "2015-05,month", "2015-05,day")
    assert_reported(
        data_copy, "events.csv", line, "column 'start'", "written to month precision but start_precision is 'day'"
    )


def test_end_must_match_its_precision(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "2015-05,month,2020,year", "2015-05,month,2020,month")
    assert_reported(
        data_copy, "events.csv", line, "column 'end'", "written to year precision but end_precision is 'month'"
    )


def test_period_end_needs_its_precision(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "2015-05,month,2020,year", "2015-05,month,2020,")
    assert_reported(data_copy, "events.csv", line, "column 'end_precision'", "is blank, but end is a date")


def test_end_precision_must_be_blank_while_ongoing(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2020,year,ongoing,")
    replace_in(events, "2020,year,ongoing,,", "2020,year,ongoing,year,")
    assert_reported(data_copy, "events.csv", line, "column 'end_precision'", "must be blank when end is 'ongoing'")


def test_end_must_be_a_date_or_ongoing(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2020,year,ongoing,")
    replace_in(events, "2020,year,ongoing,,", "2020,year,still,,")
    assert_reported(data_copy, "events.csv", line, "column 'end'", "'still'", "or 'ongoing'")


def test_start_must_not_be_after_end(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "2015-05,month,2020,year", "2015-05,month,2014,year")
    assert_reported(data_copy, "events.csv", line, "column 'end'", "'2014'", "is before start 2015-05")


def test_one_off_event_has_no_end_source(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2024-04-26,")
    replace_in(
        events,
        '2024, according to Human Rights Watch.",HRW_KO_2024_05,\n',
        '2024, according to Human Rights Watch.",HRW_KO_2024_05,MBC_2026\n',
    )
    assert_reported(data_copy, "events.csv", line, "column 'end_source_id'", "must be blank for a one-off event")


def test_event_status_must_come_from_the_vocabulary(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2020-08,")
    replace_in(events, "2021-08-27,alleged,", "2021-08-27,rumoured,")
    assert_reported(
        data_copy, "events.csv", line, "column 'status'", "'rumoured'", "is not one of: confirmed, reported, alleged"
    )


def test_event_label_must_fit_on_a_chart(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "Sharp Eyes camera network", "Sharp Eyes surveillance programme launched nationwide")
    assert_reported(data_copy, "events.csv", line, "column 'label'", "is longer than 40 characters")


def test_every_source_id_must_resolve(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2025,1,")
    replace_in(quarterly, "38,false,NKNEWS_2025_04", "38,false,NKNEWS_2099")
    assert_reported(
        data_copy, "arrivals_quarterly.csv", line, "column 'source_id'", "'NKNEWS_2099'", "is not an id in sources.csv"
    )


def test_revision_must_match_the_current_figure(data_copy):
    revisions = data_copy / "revisions.csv"
    line = line_of(revisions, "2009,")
    replace_in(revisions, "2009,2927,2914", "2009,2927,2913")
    assert_reported(data_copy, "revisions.csv", line, "column 'revised_total'", "'2913'", "does not match the total in")


def test_source_url_must_be_a_web_address(data_copy):
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "https://www.nkeconwatch.com/2011/07/06/cost-of-defetion/", "nkeconwatch 2011")
    assert_reported(data_copy, "sources.csv", line, "column 'url'", "does not match the pattern")


def test_invalid_utf8_is_located(data_copy):
    arrivals = data_copy / "arrivals.csv"
    raw = arrivals.read_bytes()
    position = raw.index(b"2013,2013")
    arrivals.write_bytes(raw[:position] + b"\xff" + raw[position + 1 :])
    assert_reported(data_copy, "arrivals.csv", line_of_bytes(raw, position), "not valid UTF-8")


def line_of_bytes(raw: bytes, position: int) -> int:
    return raw[:position].count(b"\n") + 1


def test_blank_line_is_rejected(data_copy):
    rates = data_copy / "rates.csv"
    replace_in(rates, "2010,krw_per_usd", "\n2010,krw_per_usd")
    assert_reported(data_copy, "rates.csv", line_of(rates, "2010,krw_per_usd") - 1, "blank line")


def test_every_problem_is_listed_not_just_the_first(data_copy):
    replace_in(data_copy / "arrivals.csv", "662,2252,2914", "662,2252,2915")
    replace_in(data_copy / "events.csv", "reported,repatriation,500+", "reported,deportation,500+")
    replace_in(data_copy / "rates.csv", "2010,krw_per_usd,1155.7389", "2010,krw_per_usd,1155,7389")
    problems = problems_for(data_copy)
    assert len(problems) >= 3
    assert {p.split(":")[0].rsplit("/", 1)[-1] for p in problems} >= {"arrivals.csv", "events.csv", "rates.csv"}


def test_excel_byte_order_mark_and_crlf_are_accepted(data_copy):
    for name in ("arrivals.csv", "events.csv"):
        path = data_copy / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    dataset = data.load_dataset(data_copy)
    assert dataset.arrivals["total"].sum() == data.load_tables("arrivals")[0]["total"].sum()
    assert next(iter(dataset.events.columns)) == "start"


def test_each_loader_raises_on_its_own_file(data_copy):
    replace_in(data_copy / "events.csv", "reported,repatriation,500+", "reported,deportation,500+")
    with pytest.raises(data.DataValidationError, match=re.escape("events.csv")):
        data.load_tables("events", data_dir=data_copy)
    data.load_tables("arrivals", data_dir=data_copy)  # other tables still load


def test_early_years_must_sum_to_their_bucket(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2000,,,312,", "2000,,,313,")
    assert_reported(
        data_copy,
        "early_years.csv",
        line_of(early, "2001,"),
        "years in period 1999–2001 sum to 1044, which must equal its total 1043",
    )


def test_early_year_must_lie_inside_a_bucket(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2000,,,312,", "2003,,,312,")
    assert_reported(
        data_copy,
        "early_years.csv",
        line_of(early, "2003,"),
        "column 'year'",
        "'2003'",
        "is not inside a multi-year period",
    )


def test_early_year_male_and_female_are_both_given_or_both_blank(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2001,295,288,583,", "2001,295,,583,")
    assert_reported(
        data_copy, "early_years.csv", line_of(early, "2001,"), "male and female must both be given or both be blank"
    )


def test_early_year_total_must_equal_male_plus_female(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2001,295,288,583,", "2001,295,289,583,")
    assert_reported(
        data_copy,
        "early_years.csv",
        line_of(early, "2001,"),
        "column 'total'",
        "'583'",
        "does not equal male + female (295 + 289 = 584)",
    )


def test_early_years_must_not_exceed_their_bucket_in_men_or_women(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2001,295,288,583,", "2001,566,17,583,")
    assert_reported(
        data_copy,
        "early_years.csv",
        line_of(early, "2001,"),
        "years in period 1999–2001 sum to 566 in column 'male', which cannot exceed its male 565",
    )


def test_half_year_male_and_female_are_both_given_or_both_blank(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    replace_in(halfyear, "2022,1,3,16,19,", "2022,1,,16,19,")
    assert_reported(
        data_copy,
        "arrivals_halfyear.csv",
        line_of(halfyear, "2022,1,"),
        "male and female must both be given or both be blank",
    )


def test_half_year_total_must_equal_male_plus_female(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    replace_in(halfyear, "2025,1,8,88,96,", "2025,1,8,87,96,")
    assert_reported(
        data_copy,
        "arrivals_halfyear.csv",
        line_of(halfyear, "2025,1,"),
        "column 'total'",
        "'96'",
        "does not equal male + female (8 + 87 = 95)",
    )


def test_half_must_be_1_or_2(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    replace_in(halfyear, "2025,2,17,110,127,", "2025,3,17,110,127,")
    assert_reported(
        data_copy,
        "arrivals_halfyear.csv",
        line_of(halfyear, "2025,3,"),
        "column 'half'",
        "'3'",
        "is above the maximum 2",
    )


def test_half_year_must_have_ended(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2025-12-31")
    halfyear = data_copy / "arrivals_halfyear.csv"
    assert_reported(
        data_copy, "arrivals_halfyear.csv", line_of(halfyear, "2025,2,"), "half-year 2025 H2 has not ended yet"
    )


def test_duplicate_half_year_is_rejected(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    text = halfyear.read_text(encoding="utf-8")
    halfyear.write_text(text + "2024,2,16,115,131,false,YONHAP_2025_08,\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals_halfyear.csv", len(text.splitlines()) + 1, "duplicate year=2024, half=2")


def test_half_year_must_equal_its_two_quarters(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    replace_in(halfyear, "2022,1,3,16,19,", "2022,1,4,16,20,")
    assert_reported(
        data_copy,
        "arrivals_halfyear.csv",
        line_of(halfyear, "2022,1,"),
        "column 'male'",
        "'4'",
        "does not equal the sum of its quarters in",
        "arrivals_quarterly.csv (lines",
        "2 + 1 = 3",
    )


def test_two_halves_must_sum_to_their_year(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    replace_in(halfyear, "2025,2,17,110,127,", "2025,2,18,110,128,")
    assert_reported(
        data_copy,
        "arrivals_halfyear.csv",
        line_of(halfyear, "2025,2,"),
        "the two halves of 2025 sum to 224 in column 'total'",
        "gives 223",
    )


def test_a_published_half_is_never_more_than_its_year(data_copy):
    halfyear, arrivals = data_copy / "arrivals_halfyear.csv", data_copy / "arrivals.csv"
    lines = halfyear.read_text(encoding="utf-8").splitlines(keepends=True)
    halfyear.write_text("".join(line for line in lines if not line.startswith("2025,2,")), encoding="utf-8")
    replace_in(arrivals, "2025,2025,2025,25,198,223,", "2025,2025,2025,1,2,3,")
    assert_reported(
        data_copy,
        "arrivals_halfyear.csv",
        line_of(halfyear, "2025,1,"),
        "column 'total'",
        "'96' is more than the whole year 2025 in",
        f"arrivals.csv:{line_of(arrivals, '2025,')} (3)",
    )


def test_derived_half_year_must_say_how_in_its_note(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    lines = halfyear.read_text(encoding="utf-8").splitlines()
    number = line_of(halfyear, "2025,2,")
    lines[number - 1] = "2025,2,17,110,127,true,NEWSIS_2026,"
    halfyear.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals_halfyear.csv", number, "column 'note'", "derived is true")


def test_derived_quarter_must_say_how_in_its_note(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    lines = quarterly.read_text(encoding="utf-8").splitlines()
    number = line_of(quarterly, "2024,4,")
    lines[number - 1] = "2024,4,4,51,55,true,SEDAILY_2025,"
    quarterly.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals_quarterly.csv", number, "column 'note'", "derived is true")


def test_profile_dimension_must_be_known(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2011-06,education,college,", "2011-06,schooling,college,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2011-06,schooling,"),
        "column 'dimension'",
        "'schooling'",
        "is not one of: age_at_arrival, occupation, education, province",
    )


def test_profile_category_must_come_from_the_vocabulary(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2011-06,education,college,", "2011-06,education,vocational,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2011-06,education,vocational,"),
        "column 'category'",
        "'vocational'",
        "is not one of:",
    )


def test_profile_category_must_belong_to_its_dimension(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2011-06,education,college,", "2011-06,education,workers,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2011-06,education,workers,"),
        "column 'category'",
        "'workers'",
        "is not a category of dimension 'education'",
    )


def test_profile_row_needs_at_least_one_figure(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2011-06,education,college,,,1987,", "2011-06,education,college,,,,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2011-06,education,college,"),
        "male, female and total are all blank",
    )


def test_profile_total_must_equal_male_plus_female(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2020-09,occupation,military,703,156,859,", "2020-09,occupation,military,703,156,860,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2020-09,occupation,military,"),
        "column 'total'",
        "'860'",
        "does not equal male + female (703 + 156 = 859)",
    )


def test_profile_mismatch_is_kept_only_when_flagged_as_a_published_error(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, 'MOU_STATS_CN,"Published error: MOU prints', 'MOU_STATS_CN,"MOU prints')
    line = line_of(profiles, "2020-09,age_at_arrival,40_49,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line,
        "column 'total'",
        "'5597'",
        "does not equal male + female (1376 + 4581 = 5957)",
        "Published error:",
    )
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2020-09,age_at_arrival,total,"),
        "column 'total'",
        "'33648' does not equal the sum of the categories of snapshot 2020-09 age_at_arrival (MOU_STATS_CN), 33288",
    )


def test_profile_snapshot_without_a_total_must_be_marked_partial(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "DAILYNK_2012_01,Partial: two levels only.", "DAILYNK_2012_01,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2011-06,education,university,"),
        "snapshot 2011-06 education (DAILYNK_2012_01) has no 'total' row",
        "'Partial:'",
    )


def test_profile_snapshot_with_a_total_cannot_be_marked_partial(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(
        profiles,
        "2020-09,occupation,military,703,156,859,MOU_STATS_CN,",
        "2020-09,occupation,military,703,156,859,MOU_STATS_CN,Partial: test.",
    )
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2020-09,occupation,military,"),
        "snapshot 2020-09 occupation (MOU_STATS_CN) has a 'total' row, so its rows cannot be marked",
    )


def test_complete_profile_snapshot_must_list_every_category(data_copy):
    profiles = data_copy / "profiles.csv"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(
        "".join(
            line for line in text.splitlines(keepends=True) if not line.startswith("2022-12,education,kindergarten,")
        ),
        encoding="utf-8",
    )
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2022-12,education,total,"),
        "snapshot 2022-12 education (DATASOM_2023) has a 'total' row but lacks categories: kindergarten",
    )


def test_profile_categories_must_sum_to_their_total(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2022-12,occupation,workers,,,13399,", "2022-12,occupation,workers,,,13400,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2022-12,occupation,total,"),
        "column 'total'",
        "'33836' does not equal the sum of the categories of snapshot 2022-12 occupation (DATASOM_2023), 33837",
    )


def test_published_group_must_equal_its_categories(data_copy):
    profiles = data_copy / "profiles.csv"
    replace_in(profiles, "2016,province,ryanggang,,,4473,", "2016,province,ryanggang,,,4474,")
    assert_reported(
        data_copy,
        "profiles.csv",
        line_of(profiles, "2016,province,north_hamgyong_ryanggang,"),
        "column 'total'",
        "'23138'",
        "does not equal north_hamgyong + ryanggang",
        "= 23139",
    )


def test_duplicate_profile_row_is_rejected(data_copy):
    profiles = data_copy / "profiles.csv"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(text + "2022-12,education,none,,,875,DATASOM_2023,\n", encoding="utf-8")
    assert_reported(
        data_copy,
        "profiles.csv",
        len(text.splitlines()) + 1,
        "duplicate as_of=2022-12, dimension=education, category=none, source_id=DATASOM_2023",
    )


def test_country_of_asylum_must_be_an_iso_alpha_3_code(data_copy):
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    replace_in(unhcr, "2013,GBR,", "2013,UK,")
    assert_reported(
        data_copy,
        "unhcr_dprk_origin.csv",
        line_of(unhcr, "2013,UK,"),
        "column 'country_of_asylum'",
        "'UK'",
        "does not match the pattern [A-Z]{3}",
    )


def test_unhcr_count_must_not_be_negative(data_copy):
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    line = line_of(unhcr, "2013,GBR,")
    replace_in(unhcr, "2013,GBR,630,", "2013,GBR,-630,")
    assert_reported(data_copy, "unhcr_dprk_origin.csv", line, "column 'refugees'", "'-630'", "is negative")


def test_unhcr_year_and_country_are_unique(data_copy):
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    text = unhcr.read_text(encoding="utf-8")
    unhcr.write_text(text + "2013,GBR,1,0,UNHCR_REFUGEES_2025_12\n", encoding="utf-8")
    assert_reported(
        data_copy,
        "unhcr_dprk_origin.csv",
        len(text.splitlines()) + 1,
        "duplicate year=2013, country_of_asylum=GBR",
        f"first on line {line_of(unhcr, '2013,GBR,')}",
    )


def test_unhcr_source_must_resolve(data_copy):
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    line = line_of(unhcr, "2013,GBR,")
    replace_in(unhcr, "2013,GBR,630,56,UNHCR_REFUGEES_2025_12", "2013,GBR,630,56,UNHCR_REFUGEES_2099_12")
    assert_reported(
        data_copy,
        "unhcr_dprk_origin.csv",
        line,
        "column 'source_id'",
        "'UNHCR_REFUGEES_2099_12'",
        "is not an id in sources.csv",
    )


def test_unhcr_year_must_have_ended(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2025-12-31")
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    assert_reported(
        data_copy, "unhcr_dprk_origin.csv", line_of(unhcr, "2025,"), "column 'year'", "'2025'", "has not ended yet"
    )


def test_dated_fee_report_needs_the_cpi_of_its_period_end(data_copy):
    rates = data_copy / "rates.csv"
    fees = data_copy / "broker_fees.csv"
    replace_in(rates, "2006,us_cpi_u,201.6,BLS_CPIU,BLS publishes this year to one decimal place.\n", "")
    assert_reported(
        data_copy,
        "broker_fees.csv",
        line_of(fees, "2006-12-19,"),
        "column 'period_end'",
        "'2006'",
        "has no us_cpi_u in rates.csv",
    )


# Inputs the property tests (tests/test_any_csv.py) broke the loaders with, before these fixes.


def test_whole_number_of_thousands_of_digits_is_too_large_not_a_crash(data_copy):
    # Python refuses to turn text of more than 4300 digits into an int.
    arrivals = data_copy / "arrivals.csv"
    replace_in(arrivals, "662,2252,2914", "662,2252," + "1" * 5000)
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2009,"), "column 'total'", "is too large")


def test_whole_number_beyond_64_bits_is_too_large(data_copy):
    # It passed every rule, then overflowed the int64 column of the DataFrame.
    revisions = data_copy / "revisions.csv"
    replace_in(revisions, "2002,1138,", f"2002,{10**30},")
    assert_reported(
        data_copy, "revisions.csv", line_of(revisions, "2002,"), "column 'superseded_total'", f"'{10**30}' is too large"
    )


def test_number_too_large_for_a_float_is_rejected(data_copy):
    # float() turns it into inf, which passed as a price index.
    rates = data_copy / "rates.csv"
    replace_in(rates, "2006,us_cpi_u,201.6,", "2006,us_cpi_u," + "9" * 400 + ",")
    assert_reported(
        data_copy, "rates.csv", line_of(rates, "2006,us_cpi_u"), "column 'value'", "is too large to hold as a number"
    )


def test_quarter_after_the_year_9999_has_not_started_not_a_crash(data_copy):
    # The rule built a date for the quarter, and dates end at 9999.
    quarterly = data_copy / "arrivals_quarterly.csv"
    replace_in(quarterly, "2019,1,,,229", "10000,1,,,229")
    assert_reported(
        data_copy, "arrivals_quarterly.csv", line_of(quarterly, "10000,1,"), "quarter 10000 Q1 has not started"
    )


def test_half_year_9999_has_not_ended_not_a_crash(data_copy):
    # The rule built the date after the half, and dates end at 9999.
    halfyear = data_copy / "arrivals_halfyear.csv"
    replace_in(halfyear, "2025,2,17,110,127,", "9999,2,17,110,127,")
    assert_reported(data_copy, "arrivals_halfyear.csv", line_of(halfyear, "9999,2,"), "half-year 9999 H2 has not ended")


def test_unhcr_year_beyond_what_a_date_holds_has_not_ended_not_a_crash(data_copy):
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    replace_in(unhcr, "1996,", "2147483647,")
    assert_reported(data_copy, "unhcr_dprk_origin.csv", line_of(unhcr, "2147483647,"), "has not ended yet")


def test_exchange_rate_of_zero_is_rejected_not_divided_by(data_copy):
    # broker_fees.csv converts 2006 yuan at this rate.
    rates = data_copy / "rates.csv"
    replace_in(rates, "2006,cny_per_usd,7.9723,", "2006,cny_per_usd,0,")
    assert_reported(data_copy, "rates.csv", line_of(rates, "2006,cny_per_usd"), "column 'value'", "'0' must be above 0")


def test_absurdly_long_period_does_not_stall_the_early_years_rule(data_copy):
    # The rule listed every year of the period to see whether early_years.csv covered it:
    # run where memory is capped at 2 GB, so that would fail fast instead of filling the machine.
    import resource
    import subprocess
    import sys

    arrivals = data_copy / "arrivals.csv"
    replace_in(arrivals, "1999–2001,1999,2001,", f"1999–2001,1999,{2**63 - 1},")
    code = f"from nkarrivals import data\nfor p in data.validate({str(data_copy)!r})[1]: print(p)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)),
    )
    assert result.returncode == 0, result.stderr[-300:]
    assert f"arrivals.csv:{line_of(arrivals, '1999–2001,')}: column 'last_year'" in result.stdout
    assert "has not ended" in result.stdout


def test_period_with_a_broken_total_does_not_break_the_early_years_rule(data_copy):
    # The rule compared the early years' sum with the period's total, which was None.
    arrivals = data_copy / "arrivals.csv"
    replace_in(arrivals, "~1998,,1998,831,116,947,", "~1998,,1998,831,116,x,")
    assert_reported(
        data_copy, "arrivals.csv", line_of(arrivals, "~1998,"), "column 'total'", "'x' is not a whole number"
    )


def set_first_access_date(sources: Path, accessed: str) -> None:
    line = sources.read_text(encoding="utf-8").splitlines()[1]
    found = re.search(r",([0-9]{4}-[0-9]{2}-[0-9]{2}),[a-z]{2},", line)  # accessed, then language
    assert found, line
    replace_in(sources, found.group(0), found.group(0).replace(found.group(1), accessed))


def test_access_date_before_1677_loads_without_overflow(data_copy):
    # pandas' nanosecond timestamps end in 1677 and 2262; the column is held in seconds.
    set_first_access_date(data_copy / "sources.csv", "0001-01-01")
    dataset = data.load_dataset(data_copy)
    assert str(dataset.sources["accessed"].iloc[0].date()) == "0001-01-01"


def test_week_date_is_not_a_date(data_copy):
    # date.fromisoformat reads 2025-W01-1 as 30 December 2024.
    set_first_access_date(data_copy / "sources.csv", "2025-W01-1")
    assert_reported(data_copy, "sources.csv", 2, "column 'accessed'", "'2025-W01-1' is not a valid date (YYYY-MM-DD)")


def test_line_break_inside_a_cell_is_shown_escaped_on_the_problem_line(data_copy):
    arrivals = data_copy / "arrivals.csv"
    replace_in(arrivals, "662,2252,2914", '662,2252,"29\n14"')
    problems = problems_for(data_copy)
    assert any("column 'total': '29\\n14' is not a whole number" in p for p in problems), problems


def test_row_with_a_cell_over_two_lines_is_located_by_its_first_line(data_copy):
    arrivals = data_copy / "arrivals.csv"
    replace_in(arrivals, "662,2252,2914", '662,2252,"29\n14"')
    replace_in(arrivals, "591,1811,2402", "591,1811,2403")  # the next row, now a line further down
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2009,"), "column 'total'", "'29\\n14'")
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2010,"), "column 'total'", "'2403'")


# --- Reading a file: the rules before any row is parsed ---------------------------------


def test_missing_file_is_named(data_copy):
    (data_copy / "rates.csv").unlink()
    assert_reported(data_copy, "rates.csv", None, "file not found")


def test_empty_file_needs_a_header_line(data_copy):
    (data_copy / "rates.csv").write_text("", encoding="utf-8")
    assert_reported(data_copy, "rates.csv", 1, "file is empty; expected a header line")


def test_unclosed_quote_is_located_where_it_opens(data_copy):
    rates = data_copy / "rates.csv"
    line = line_of(rates, "2010,krw_per_usd")
    replace_in(rates, "2010,krw_per_usd,1155.7389,FRED_AEXKOUS,", '2010,krw_per_usd,1155.7389,FRED_AEXKOUS,"unclosed')
    assert_reported(data_copy, "rates.csv", line, "malformed CSV")


def test_column_named_twice_is_rejected(data_copy):
    replace_in(data_copy / "sources.csv", "language,note", "language,language,note")
    assert_reported(data_copy, "sources.csv", 1, "column 'language' appears more than once")


# --- One cell: every kind of value and every constraint a column can carry -------------


def test_decimal_comma_is_not_a_number(data_copy):
    rates = data_copy / "rates.csv"
    line = line_of(rates, "2010,krw_per_usd")
    replace_in(rates, "2010,krw_per_usd,1155.7389,", '2010,krw_per_usd,"1155,7389",')
    assert_reported(data_copy, "rates.csv", line, "column 'value'", "'1155,7389'", "is not a number")


def test_count_below_a_minimum_other_than_zero_names_the_minimum(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2025,1,")
    replace_in(quarterly, "2025,1,1,37,38", "2025,0,1,37,38")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "column 'quarter'", "'0'", "is below the minimum 1")


def test_accessed_must_be_a_full_date(data_copy):
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2011-07-06,2026-11,en")
    assert_reported(
        data_copy, "sources.csv", line, "column 'accessed'", "'2026-11'", "is not a valid date (YYYY-MM-DD)"
    )


def test_accessed_must_not_be_in_the_future(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2011-07-06,2026-11-27,en")
    assert_reported(data_copy, "sources.csv", line, "column 'accessed'", "'2026-11-27'", "is in the future")


def test_partial_date_must_name_a_real_month(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,", "2015-13,2015,2015,")
    assert_reported(
        data_copy,
        "broker_fees.csv",
        line,
        "column 'reported_on'",
        "'2015-13'",
        "is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
    )


def test_partial_date_must_not_be_in_the_future(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2026-12,2026-11-26,en")
    assert_reported(data_copy, "sources.csv", line, "column 'published'", "'2026-12'", "is in the future")


def test_source_id_must_match_its_pattern(data_copy):
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "BBC_2011,BBC", "bbc-2011,BBC")
    assert_reported(
        data_copy, "sources.csv", line, "column 'id'", "'bbc-2011'", "does not match the pattern [A-Z][A-Z0-9_]*"
    )


def test_language_must_be_a_two_letter_code(data_copy):
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2011-07-06,2026-11-26,eng")
    assert_reported(data_copy, "sources.csv", line, "column 'language'", "'eng'", "does not match the pattern [a-z]{2}")


# --- Periods of arrivals.csv ------------------------------------------------------------


def test_a_year_goes_in_only_once_it_has_ended(data_copy, monkeypatch, capsys):
    year, clock = release.year_not_yet_ended(data_copy)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    arrivals = data_copy / "arrivals.csv"
    cited = arrivals.read_text(encoding="utf-8").splitlines()[-1].split(",")[6]
    male, female = release.year_figures(data_copy, year, 20, 68)
    with open(arrivals, "a", encoding="utf-8") as handle:
        handle.write(f"{year},{year},{year},{male},{female},{male + female},{cited},\n")
    status = cli.main(["validate", "--data-dir", str(data_copy)])
    printed = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(printed) == 1, printed
    assert printed[0].startswith("error: ")
    assert f"arrivals.csv:{line_of(arrivals, f'{year},')}: column 'last_year': '{year}' has not ended" in printed[0]
    assert "arrivals_halfyear.csv" in printed[0]


def test_the_year_after_an_ended_year_is_accepted(data_copy, monkeypatch):
    _year, clock = release.add_next_year(data_copy, male=20, female=68)
    monkeypatch.setenv("NKARRIVALS_TODAY", clock.isoformat())
    assert data.validate(data_copy)[1] == []


def test_first_year_must_not_be_after_last_year(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2002,")
    replace_in(arrivals, "2002,2002,2002,", "2002,2003,2002,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'first_year'", "'2003'", "is after last_year 2002")


def test_only_the_earliest_period_may_be_open_ended(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2002,")
    replace_in(arrivals, "2002,2002,2002,", "2002,,2002,")
    assert_reported(
        data_copy,
        "arrivals.csv",
        line,
        "column 'first_year'",
        "''",
        "is blank, but only the earliest period may be open-ended",
    )


# --- Quarters ---------------------------------------------------------------------------


def test_quarter_must_have_started(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    quarterly = data_copy / "arrivals_quarterly.csv"
    with open(quarterly, "a", encoding="utf-8") as handle:
        handle.write("2027,1,1,1,2,false,NEWSIS_2026,\n")
    assert_reported(
        data_copy, "arrivals_quarterly.csv", line_of(quarterly, "2027,1,"), "quarter 2027 Q1 has not started yet"
    )


# --- Broker fees ------------------------------------------------------------------------


def test_a_fee_report_needs_low_or_high(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,,,USD,,")
    assert_reported(
        data_copy, "broker_fees.csv", line, "low and high are both blank; a report needs at least one amount"
    )


def test_low_usd_must_not_exceed_high_usd(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2016-04,2016,2016,10000000,")
    replace_in(fees, "KRW,8625.58,10350.70,", "KRW,10400,10350.70,")
    assert_reported(
        data_copy, "broker_fees.csv", line, "column 'low_usd'", "'10400'", "is greater than high_usd (10350.70)"
    )


def test_period_start_and_end_are_both_given_or_both_blank(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,", "2015-05-21,2015,,")
    assert_reported(
        data_copy, "broker_fees.csv", line, "period_start and period_end must both be given or both be blank"
    )


def test_period_start_must_not_be_after_period_end(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,", "2015-05-21,2016,2015,")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'period_start'", "'2016'", "is after period_end 2015")


def test_usd_amount_is_given_exactly_when_the_amount_is(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,8000,8000,USD,,8000")
    assert_reported(
        data_copy, "broker_fees.csv", line, "column 'low_usd'", "''", "low_usd must be given exactly when low is"
    )


def test_usd_amounts_have_the_source_as_their_basis(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "8000,8000,source,nk_to_china,REUTERS_2015", "8000,8000,converted,nk_to_china,REUTERS_2015")
    assert_reported(
        data_copy,
        "broker_fees.csv",
        line,
        "column 'usd_basis'",
        "'converted'",
        "must be 'source' for amounts already in USD",
    )
    assert sum("must be 'source'" in p for p in problems_for(data_copy)) == 1, "reported once per row, not per amount"


def test_converted_fee_needs_the_year_of_its_rate(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2016-04,2016,2016,10000000,")
    replace_in(fees, "2016-04,2016,2016,10000000,", "2016-04,,,10000000,")
    assert_reported(
        data_copy,
        "broker_fees.csv",
        line,
        "column 'usd_basis'",
        "'converted'",
        "needs period_end: conversion uses that year's rate",
    )
    assert sum("needs period_end" in p for p in problems_for(data_copy)) == 1, "reported once per row, not per amount"


def test_converted_fee_needs_a_rate_for_its_year(data_copy):
    rates = data_copy / "rates.csv"
    replace_in(rates, "2012,krw_per_usd,1126.1621,FRED_AEXKOUS,\n", "")
    fees = data_copy / "broker_fees.csv"
    assert_reported(
        data_copy,
        "broker_fees.csv",
        line_of(fees, "2012-09-17,"),
        "column 'low_usd'",
        "'4439.86'",
        "no krw_per_usd rate for 2012 in rates.csv",
    )


# --- Revisions and early years ----------------------------------------------------------


def test_revised_period_must_be_in_arrivals(data_copy):
    revisions = data_copy / "revisions.csv"
    line = line_of(revisions, "2009,")
    replace_in(revisions, "2009,2927,2914", "2090,2927,2914")
    assert_reported(data_copy, "revisions.csv", line, "column 'period'", "'2090'", "is not a period in")


def test_superseded_total_must_differ_from_the_revised_one(data_copy):
    revisions = data_copy / "revisions.csv"
    line = line_of(revisions, "2009,")
    replace_in(revisions, "2009,2927,2914", "2009,2914,2914")
    assert_reported(
        data_copy,
        "revisions.csv",
        line,
        "column 'superseded_total'",
        "'2914'",
        "equals revised_total; that is no revision",
    )


def test_early_years_must_not_exceed_an_open_ended_bucket(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "1998,,,71,", "1998,,,948,")
    assert_reported(
        data_copy,
        "early_years.csv",
        line_of(early, "1998,"),
        "years in period ~1998 sum to 948, which cannot exceed its total 947",
    )


# --- One typo, one message --------------------------------------------------------------


@pytest.mark.parametrize(
    "filename", ["arrivals.csv", "arrivals_quarterly.csv", "arrivals_halfyear.csv", "early_years.csv"]
)
@pytest.mark.parametrize("column", ["male", "female", "total"])
def test_a_typo_in_a_count_gives_one_message(data_copy, filename, column):
    path = data_copy / filename
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # The latest row with a figure in the column: a letter O for a zero, as a tired hand types it.
    line, row = next((n, r) for n, r in reversed(list(enumerate(rows, start=2))) if r[column])
    row[column] = row[column][:-1] + "O"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    problems = problems_for(data_copy)
    assert len(problems) == 1, problems
    assert f"{filename}:{line}: column '{column}': '{row[column]}' is not a whole number" in problems[0]
