"""One test per validation rule: break a copy of data/, check the message names
the file, line, column, value and rule."""

import re
from pathlib import Path

import pytest

from conftest import line_of, replace_in
from nkarrivals import data


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
    assert_reported(data_copy, "arrivals.csv", line, "column 'total'", "'2915'",
                    "does not equal male + female (662 + 2252 = 2914)")


def test_quarter_sex_split_must_sum_to_quarter_total(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2021,3,")
    replace_in(quarterly, "2021,3,9,3,12", "2021,3,9,4,12")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "column 'total'", "does not equal male + female")


def test_missing_column_is_named(data_copy):
    events = data_copy / "events.csv"
    text = events.read_text(encoding="utf-8").replace(",date_precision", "", 1)
    events.write_text(text, encoding="utf-8")
    assert_reported(data_copy, "events.csv", 1, "missing column 'date_precision'")


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
    row_2016 = next(l for l in text.splitlines() if l.startswith("2016,"))
    arrivals.write_text(text + row_2016 + "\n", encoding="utf-8")
    last_line = len(text.splitlines()) + 1
    assert_reported(data_copy, "arrivals.csv", last_line, "duplicate period=2016",
                    f"first on line {line_of(arrivals, '2016,')}")


def test_overlapping_periods_are_rejected(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2002,")
    replace_in(arrivals, "2002,2002,2002,", "2001–2002,2001,2002,")
    assert_reported(data_copy, "arrivals.csv", line, "overlaps period 1999–2001")


def test_missing_year_between_periods_is_a_gap(data_copy):
    arrivals = data_copy / "arrivals.csv"
    text = arrivals.read_text(encoding="utf-8")
    arrivals.write_text("\n".join(l for l in text.splitlines() if not l.startswith("2005,")) + "\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2006,"), "gap: no period covers 2005")


def test_single_year_period_label_must_name_the_year(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2017,")
    replace_in(arrivals, "2017,2017,2017,", "2071,2017,2017,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'period'", "'2071'", "does not name its single year 2017")


def test_quarters_must_reconcile_with_the_year(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    replace_in(quarterly, "2019,2,,,320,", "2019,2,,,321,")
    assert_reported(data_copy, "arrivals_quarterly.csv", line_of(quarterly, "2019,4,"),
                    "the four quarters of 2019 sum to 1048 in column 'total'", "arrivals.csv:")


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
    assert_reported(data_copy, "broker_fees.csv", line, "column 'low_usd'", "'4500'",
                    "does not match 5000000 KRW at 1126.16 krw_per_usd (2012) = 4439.86")


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
    assert_reported(data_copy, "broker_fees.csv", line, "column 'period_end'",
                    "after the year the figure was reported (2015)")


def test_event_category_must_be_known(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2023-10-09,")
    replace_in(events, "2023-10-09,day,repatriation", "2023-10-09,day,deportation")
    assert_reported(data_copy, "events.csv", line, "column 'category'", "'deportation'",
                    "is not one of: covid, surveillance")


def test_invalid_date_is_rejected(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2024-09-25,")
    replace_in(events, "2024-09-25,day", "2024-09-31,day")
    assert_reported(data_copy, "events.csv", line, "column 'date'", "'2024-09-31'", "is not a valid date")


def test_future_date_is_rejected(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    events = data_copy / "events.csv"
    line = line_of(events, "2024-09-25,")
    replace_in(events, "2024-09-25,day", "2027-01-05,day")
    assert_reported(data_copy, "events.csv", line, "column 'date'", "'2027-01-05'", "is in the future")


def test_date_must_match_its_precision(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "2015-05,month", "2015-05,day")
    assert_reported(data_copy, "events.csv", line, "column 'date'",
                    "written to month precision but date_precision is 'day'")


def test_event_label_must_fit_on_a_chart(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "2015-05,")
    replace_in(events, "Sharp Eyes launched", "Sharp Eyes surveillance programme launched nationwide")
    assert_reported(data_copy, "events.csv", line, "column 'label'", "is longer than 40 characters")


def test_every_source_id_must_resolve(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    line = line_of(quarterly, "2025,1,")
    replace_in(quarterly, "38,false,NKNEWS_2025_04", "38,false,NKNEWS_2099")
    assert_reported(data_copy, "arrivals_quarterly.csv", line, "column 'source_id'", "'NKNEWS_2099'",
                    "is not an id in sources.csv")


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
    arrivals.write_bytes(raw[:position] + b"\xff" + raw[position + 1:])
    assert_reported(data_copy, "arrivals.csv", line_of_bytes(raw, position), "not valid UTF-8")


def line_of_bytes(raw: bytes, position: int) -> int:
    return raw[:position].count(b"\n") + 1


def test_blank_line_is_rejected(data_copy):
    rates = data_copy / "rates.csv"
    replace_in(rates, "2010,krw_per_usd", "\n2010,krw_per_usd")
    assert_reported(data_copy, "rates.csv", line_of(rates, "2010,krw_per_usd") - 1, "blank line")


def test_every_problem_is_listed_not_just_the_first(data_copy):
    replace_in(data_copy / "arrivals.csv", "662,2252,2914", "662,2252,2915")
    replace_in(data_copy / "events.csv", "2023-10-09,day,repatriation", "2023-10-09,day,deportation")
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
    assert list(dataset.events.columns)[0] == "date"


def test_each_loader_raises_on_its_own_file(data_copy):
    replace_in(data_copy / "events.csv", "2023-10-09,day,repatriation", "2023-10-09,day,deportation")
    with pytest.raises(data.DataValidationError, match=re.escape("events.csv")):
        data.load_tables("events", data_dir=data_copy)
    data.load_tables("arrivals", data_dir=data_copy)  # other tables still load


def test_early_years_must_sum_to_their_bucket(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2001,583,", "2001,584,")
    assert_reported(data_copy, "early_years.csv", line_of(early, "2001,"),
                    "years in period 1999–2001 sum to 1044, which must equal its total 1043")


def test_early_year_must_lie_inside_a_bucket(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "2000,312,", "2003,312,")
    assert_reported(data_copy, "early_years.csv", line_of(early, "2003,"), "column 'year'", "'2003'",
                    "is not inside a multi-year period")


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
    assert_reported(data_copy, "sources.csv", line, "column 'accessed'", "'2026-11'",
                    "is not a valid date (YYYY-MM-DD)")


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
    assert_reported(data_copy, "broker_fees.csv", line, "column 'reported_on'", "'2015-13'",
                    "is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)")


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
    assert_reported(data_copy, "sources.csv", line, "column 'id'", "'bbc-2011'",
                    "does not match the pattern [A-Z][A-Z0-9_]*")


def test_language_must_be_a_two_letter_code(data_copy):
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2011-07-06,2026-11-26,eng")
    assert_reported(data_copy, "sources.csv", line, "column 'language'", "'eng'", "does not match the pattern [a-z]{2}")


# --- Periods of arrivals.csv ------------------------------------------------------------


def test_last_year_must_not_be_in_the_future(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    arrivals = data_copy / "arrivals.csv"
    with open(arrivals, "a", encoding="utf-8") as handle:
        handle.write("2027,2027,2027,1,1,2,NEWSIS_2026,\n")
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2027,"), "column 'last_year'", "'2027'",
                    "is in the future")


def test_first_year_must_not_be_after_last_year(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2002,")
    replace_in(arrivals, "2002,2002,2002,", "2002,2003,2002,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'first_year'", "'2003'", "is after last_year 2002")


def test_only_the_earliest_period_may_be_open_ended(data_copy):
    arrivals = data_copy / "arrivals.csv"
    line = line_of(arrivals, "2002,")
    replace_in(arrivals, "2002,2002,2002,", "2002,,2002,")
    assert_reported(data_copy, "arrivals.csv", line, "column 'first_year'", "''",
                    "is blank, but only the earliest period may be open-ended")


# --- Quarters ---------------------------------------------------------------------------


def test_quarter_must_have_started(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    quarterly = data_copy / "arrivals_quarterly.csv"
    with open(quarterly, "a", encoding="utf-8") as handle:
        handle.write("2027,1,1,1,2,false,NEWSIS_2026,\n")
    assert_reported(data_copy, "arrivals_quarterly.csv", line_of(quarterly, "2027,1,"),
                    "quarter 2027 Q1 has not started yet")


# --- Broker fees ------------------------------------------------------------------------


def test_a_fee_report_needs_low_or_high(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,,,USD,,")
    assert_reported(data_copy, "broker_fees.csv", line,
                    "low and high are both blank; a report needs at least one amount")


def test_low_usd_must_not_exceed_high_usd(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2016-04,2016,2016,10000000,")
    replace_in(fees, "KRW,8625.58,10350.70,", "KRW,10400,10350.70,")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'low_usd'", "'10400'",
                    "is greater than high_usd (10350.70)")


def test_period_start_and_end_are_both_given_or_both_blank(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,", "2015-05-21,2015,,")
    assert_reported(data_copy, "broker_fees.csv", line,
                    "period_start and period_end must both be given or both be blank")


def test_period_start_must_not_be_after_period_end(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,", "2015-05-21,2016,2015,")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'period_start'", "'2016'", "is after period_end 2015")


def test_usd_amount_is_given_exactly_when_the_amount_is(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,8000,8000,USD,,8000")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'low_usd'", "''",
                    "low_usd must be given exactly when low is")


def test_usd_amounts_have_the_source_as_their_basis(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2015-05-21,")
    replace_in(fees, "8000,8000,source,nk_to_china,REUTERS_2015", "8000,8000,converted,nk_to_china,REUTERS_2015")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'usd_basis'", "'converted'",
                    "must be 'source' for amounts already in USD")
    assert sum("must be 'source'" in p for p in problems_for(data_copy)) == 1, "reported once per row, not per amount"


def test_converted_fee_needs_the_year_of_its_rate(data_copy):
    fees = data_copy / "broker_fees.csv"
    line = line_of(fees, "2016-04,2016,2016,10000000,")
    replace_in(fees, "2016-04,2016,2016,10000000,", "2016-04,,,10000000,")
    assert_reported(data_copy, "broker_fees.csv", line, "column 'usd_basis'", "'converted'",
                    "needs period_end: conversion uses that year's rate")
    assert sum("needs period_end" in p for p in problems_for(data_copy)) == 1, "reported once per row, not per amount"


def test_converted_fee_needs_a_rate_for_its_year(data_copy):
    rates = data_copy / "rates.csv"
    replace_in(rates, "2012,krw_per_usd,1126.1621,FRED_AEXKOUS,\n", "")
    fees = data_copy / "broker_fees.csv"
    assert_reported(data_copy, "broker_fees.csv", line_of(fees, "2012-09-17,"), "column 'low_usd'", "'4439.86'",
                    "no krw_per_usd rate for 2012 in rates.csv")


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
    assert_reported(data_copy, "revisions.csv", line, "column 'superseded_total'", "'2914'",
                    "equals revised_total; that is no revision")


def test_early_years_must_not_exceed_an_open_ended_bucket(data_copy):
    early = data_copy / "early_years.csv"
    replace_in(early, "1998,71,", "1998,948,")
    assert_reported(data_copy, "early_years.csv", line_of(early, "1998,"),
                    "years in period ~1998 sum to 948, which cannot exceed its total 947")
