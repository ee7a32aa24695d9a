"""Every validation rule, tested by breaking a copy of data/: the message must name the
file, the line, the column, the value and the rule.

Most rules need one edit of one file: they are the rows of RULES, which one test checks.
The tests after it need more: rows appended or removed, several edits, a clock
(NKARRIVALS_TODAY), a release built by tests/release.py, the CLI or a memory cap.
A row of RULES breaks a fixed historical row (2009, the report of 2015-05-21, ...), never
"the latest period", so the table holds after every release."""

import csv
import re
from pathlib import Path
from typing import NamedTuple

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


# --- One edit, one rule ------------------------------------------------------------------


class Broken(NamedTuple):
    file: str  # the file the problem is reported in
    at: str | int  # the line reported: how it starts once edited, or its number
    old: str
    new: str
    says: str  # the message after "file:line: ": column, value and rule
    further: tuple[str, ...]  # words later in the message, after a path to another file
    edit: str  # the file edited


def rule(name: str, file: str, at: str | int, old: str, new: str, says: str, *further: str, edit: str = ""):
    """A rule broken by replacing `old` with `new` in `edit` (else in `file`)."""
    return pytest.param(Broken(file, at, old, new, says, further, edit or file), id=name)


# One row a rule:
#   rule(name, file reported, line reported (how it starts once edited, or its number),
#        text replaced, its replacement,
#        what the message says after "file:line: " [, words further on], edit=file edited if another)
# fmt: off
RULES = [
    # --- the shape of a file -------------------------------------------------------------
    rule("missing_column_is_named", "events.csv", 1,
         ",start_precision", "",
         "missing column 'start_precision'"),
    rule("unknown_column_is_rejected", "sources.csv", 1,
         "language,note", "language,note,extra",
         "unknown column 'extra'"),
    rule("column_named_twice_is_rejected", "sources.csv", 1,
         "language,note", "language,language,note",
         "column 'language' appears more than once"),
    rule("row_with_wrong_number_of_fields", "rates.csv", "2010,krw_per_usd",
         "2010,krw_per_usd,1155.7389,FRED_AEXKOUS,", "2010,krw_per_usd,1155.7389,FRED_AEXKOUS,,",
         "has 6 fields; the header has 5"),
    rule("unclosed_quote_is_located_where_it_opens", "rates.csv", "2010,krw_per_usd",
         "2010,krw_per_usd,1155.7389,FRED_AEXKOUS,", '2010,krw_per_usd,1155.7389,FRED_AEXKOUS,"unclosed',
         "malformed CSV"),
    # --- one cell: every kind of value and every constraint a column can carry -----------
    rule("thousands_separator_is_not_a_whole_number", "arrivals.csv", "2009,",
         "662,2252,2914", '662,2252,"2,914"',
         "column 'total': '2,914' is not a whole number"),
    rule("decimal_comma_is_not_a_number", "rates.csv", "2010,krw_per_usd",
         "2010,krw_per_usd,1155.7389,", '2010,krw_per_usd,"1155,7389",',
         "column 'value': '1155,7389' is not a number"),
    rule("count_must_not_be_negative", "arrivals.csv", "2013,",
         "2013,2013,2013,369,", "2013,2013,2013,-369,",
         "column 'male': '-369' is negative"),
    rule("count_below_a_minimum_other_than_zero_names_the_minimum", "arrivals_quarterly.csv", "2025,0,",
         "2025,1,1,37,38", "2025,0,1,37,38",
         "column 'quarter': '0' is below the minimum 1"),
    rule("quarter_must_be_between_1_and_4", "arrivals_quarterly.csv", "2025,5,",
         "2025,1,1,37,38", "2025,5,1,37,38",
         "column 'quarter': '5' is above the maximum 4"),
    rule("half_must_be_1_or_2", "arrivals_halfyear.csv", "2025,3,",
         "2025,2,17,110,127,", "2025,3,17,110,127,",
         "column 'half': '3' is above the maximum 2"),
    # broker_fees.csv converts 2006 yuan at this rate: a 0 would be divided by.
    rule("exchange_rate_of_zero_is_rejected_not_divided_by", "rates.csv", "2006,cny_per_usd",
         "2006,cny_per_usd,7.9723,", "2006,cny_per_usd,0,",
         "column 'value': '0' must be above 0"),
    rule("required_value_must_not_be_blank", "arrivals.csv", "2014,",
         "2014,2014,2014,305,1092,1397,MOU_STATS_CN", "2014,2014,2014,305,1092,1397,",
         "column 'source_id': '' is empty; a value is required"),
    rule("surrounding_spaces_are_not_trimmed_silently", "arrivals.csv", "2015,",
         "2015,2015,2015,251,", "2015,2015,2015, 251,",
         "column 'male': ' 251' has leading or trailing spaces"),
    rule("derived_flag_must_be_true_or_false", "arrivals_quarterly.csv", "2022,1,",
         "2022,1,2,9,11,false", "2022,1,2,9,11,no",
         "column 'derived': 'no' is not 'true' or 'false'"),
    # A quarter whose total was computed is a derived row: 2024 Q4 is the year minus three quarters.
    rule("computed_total_must_be_flagged_derived", "arrivals_quarterly.csv", "2024,4,",
         "2024,4,4,51,55,true,true,", "2024,4,4,51,55,false,true,",
         "column 'total_derived': 'true' says the total was computed, but derived is false"),
    rule("invalid_date_is_rejected", "events.csv", "2024-04-31,",
         "2024-04-26,day", "2024-04-31,day",
         "column 'start': '2024-04-31' is not a valid date"),
    rule("accessed_must_be_a_full_date", "sources.csv", "BBC_2011,",
         "2011-07-06,2026-11-26,en", "2011-07-06,2026-11,en",
         "column 'accessed': '2026-11' is not a valid date (YYYY-MM-DD)"),
    rule("partial_date_must_name_a_real_month", "broker_fees.csv", "2015-13,",
         "2015-05-21,2015,2015,", "2015-13,2015,2015,",
         "column 'reported_on': '2015-13' is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    rule("source_id_must_match_its_pattern", "sources.csv", "bbc-2011,",
         "BBC_2011,BBC", "bbc-2011,BBC",
         "column 'id': 'bbc-2011' does not match the pattern [A-Z][A-Z0-9_]*"),
    rule("language_must_be_a_two_letter_code", "sources.csv", "BBC_2011,",
         "2011-07-06,2026-11-26,en", "2011-07-06,2026-11-26,eng",
         "column 'language': 'eng' does not match the pattern [a-z]{2}"),
    rule("source_url_must_be_a_web_address", "sources.csv", "BBC_2011,",
         "https://www.nkeconwatch.com/2011/07/06/cost-of-defetion/", "nkeconwatch 2011",
         "column 'url': 'nkeconwatch 2011' does not match the pattern"),
    rule("every_source_id_must_resolve", "arrivals_quarterly.csv", "2025,1,",
         "38,false,false,NKNEWS_2025_04", "38,false,false,NKNEWS_2099",
         "column 'source_id': 'NKNEWS_2099' is not an id in sources.csv"),
    # Numbers the property tests (tests/test_any_csv.py) broke the loaders with, before these fixes.
    # Python's int() refuses text of more than 4300 digits.
    rule("whole_number_of_thousands_of_digits_is_too_large_not_a_crash",
         "arrivals.csv", "2009,", "662,2252,2914", "662,2252," + "1" * 5000,
         "column 'total': '" + "1" * 5000 + "' is too large"),
    # It passed every rule, then overflowed the int64 column of the DataFrame.
    rule("whole_number_beyond_64_bits_is_too_large",
         "revisions.csv", "2002,", "2002,1138,", f"2002,{10**30},",
         f"column 'superseded_total': '{10**30}' is too large"),
    # float() turned it into inf, which passed as a price index.
    rule("number_too_large_for_a_float_is_rejected",
         "rates.csv", "2006,us_cpi_u", "2006,us_cpi_u,201.6,", "2006,us_cpi_u," + "9" * 400 + ",",
         "column 'value': '" + "9" * 400 + "' is too large to hold as a number"),
    # --- arrivals.csv: counts and periods ------------------------------------------------
    rule("total_must_equal_male_plus_female", "arrivals.csv", "2009,",
         "662,2252,2914", "662,2252,2915",
         "column 'total': '2915' does not equal male + female (662 + 2252 = 2914)"),
    rule("overlapping_periods_are_rejected", "arrivals.csv", "2001–2002,",
         "2002,2002,2002,", "2001–2002,2001,2002,",
         "period 2001–2002 overlaps period 1999–2001"),
    rule("single_year_period_label_must_name_the_year", "arrivals.csv", "2071,",
         "2017,2017,2017,", "2071,2017,2017,",
         "column 'period': '2071' does not name its single year 2017"),
    rule("first_year_must_not_be_after_last_year", "arrivals.csv", "2002,",
         "2002,2002,2002,", "2002,2003,2002,",
         "column 'first_year': '2003' is after last_year 2002"),
    rule("only_the_earliest_period_may_be_open_ended", "arrivals.csv", "2002,",
         "2002,2002,2002,", "2002,,2002,",
         "column 'first_year': '' is blank, but only the earliest period may be open-ended"),
    # The early-years rule compared the years' sum with the period's total, which was None.
    rule("period_with_a_broken_total_does_not_break_the_early_years_rule", "arrivals.csv", "~1998,",
         "~1998,,1998,831,116,947,", "~1998,,1998,831,116,x,",
         "column 'total': 'x' is not a whole number"),
    # --- early_years.csv: the years inside a multi-year period ---------------------------
    rule("early_years_must_sum_to_their_bucket", "early_years.csv", "2001,",
         "2000,,,312,", "2000,,,313,",
         "years in period 1999–2001 sum to 1044, which must equal its total 1043 (arrivals.csv:"),
    rule("early_year_must_lie_inside_a_bucket", "early_years.csv", "2003,",
         "2000,,,312,", "2003,,,312,",
         "column 'year': '2003' is not inside a multi-year period of arrivals.csv"),
    rule("early_year_male_and_female_are_both_given_or_both_blank", "early_years.csv", "2001,",
         "2001,295,288,583,", "2001,295,,583,",
         "male and female must both be given or both be blank"),
    rule("early_year_total_must_equal_male_plus_female", "early_years.csv", "2001,",
         "2001,295,288,583,", "2001,295,289,583,",
         "column 'total': '583' does not equal male + female (295 + 289 = 584)"),
    rule("early_years_must_not_exceed_their_bucket_in_men_or_women", "early_years.csv", "2001,",
         "2001,295,288,583,", "2001,566,17,583,",
         "years in period 1999–2001 sum to 566 in column 'male', which cannot exceed its male 565 (arrivals.csv:"),
    rule("early_years_must_not_exceed_an_open_ended_bucket", "early_years.csv", "1998,",
         "1998,,,71,", "1998,,,948,",
         "years in period ~1998 sum to 948, which cannot exceed its total 947 (arrivals.csv:"),
    # --- arrivals_quarterly.csv ----------------------------------------------------------
    rule("quarter_sex_split_must_sum_to_quarter_total", "arrivals_quarterly.csv", "2021,3,",
         "2021,3,9,3,12", "2021,3,9,4,12",
         "column 'total': '12' does not equal male + female (9 + 4 = 13)"),
    rule("male_and_female_are_both_given_or_both_blank", "arrivals_quarterly.csv", "2022,2,",
         "2022,2,1,7,8", "2022,2,,7,8",
         "male and female must both be given or both be blank"),
    rule("quarters_must_reconcile_with_the_year", "arrivals_quarterly.csv", "2019,4,",
         "2019,2,,,320,", "2019,2,,,321,",
         "the four quarters of 2019 sum to 1048 in column 'total', but arrivals.csv:", "gives 1047"),
    # The rule built a date for the quarter, and dates end at 9999.
    rule("quarter_after_the_year_9999_has_not_started_not_a_crash", "arrivals_quarterly.csv", "10000,1,",
         "2019,1,,,229", "10000,1,,,229",
         "quarter 10000 Q1 has not started"),
    # --- arrivals_halfyear.csv -----------------------------------------------------------
    rule("half_year_male_and_female_are_both_given_or_both_blank", "arrivals_halfyear.csv", "2022,1,",
         "2022,1,3,16,19,", "2022,1,,16,19,",
         "male and female must both be given or both be blank"),
    rule("half_year_total_must_equal_male_plus_female", "arrivals_halfyear.csv", "2025,1,",
         "2025,1,8,88,96,", "2025,1,8,87,96,",
         "column 'total': '96' does not equal male + female (8 + 87 = 95)"),
    rule("half_year_must_equal_its_two_quarters", "arrivals_halfyear.csv", "2022,1,",
         "2022,1,3,16,19,", "2022,1,4,16,20,",
         "column 'male': '4' does not equal the sum of its quarters in arrivals_quarterly.csv (lines", "2 + 1 = 3)"),
    rule("two_halves_must_sum_to_their_year", "arrivals_halfyear.csv", "2025,2,",
         "2025,2,17,110,127,", "2025,2,18,110,128,",
         "the two halves of 2025 sum to 224 in column 'total', but arrivals.csv:", "gives 223"),
    # The rule built the date after the half, and dates end at 9999.
    rule("half_year_9999_has_not_ended_not_a_crash", "arrivals_halfyear.csv", "9999,2,",
         "2025,2,17,110,127,", "9999,2,17,110,127,",
         "half-year 9999 H2 has not ended"),
    # --- revisions.csv -------------------------------------------------------------------
    rule("revision_must_match_the_current_figure", "revisions.csv", "2009,",
         "2009,2927,2914", "2009,2927,2913",
         "column 'revised_total': '2913' does not match the total in arrivals.csv:", "(2914)"),
    rule("revised_period_must_be_in_arrivals", "revisions.csv", "2090,",
         "2009,2927,2914", "2090,2927,2914",
         "column 'period': '2090' is not a period in arrivals.csv"),
    rule("superseded_total_must_differ_from_the_revised_one", "revisions.csv", "2009,",
         "2009,2927,2914", "2009,2914,2914",
         "column 'superseded_total': '2914' equals revised_total; that is no revision"),
    # --- broker_fees.csv -----------------------------------------------------------------
    rule("low_must_not_exceed_high", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,9000,8000,USD,9000,8000",
         "column 'low': '9000' is greater than high (8000)"),
    rule("a_fee_report_needs_low_or_high", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,,,USD,,",
         "low and high are both blank; a report needs at least one amount"),
    rule("currency_must_be_known", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,8000,8000,USD", "2015-05-21,2015,2015,8000,8000,US$",
         "column 'currency': 'US$' is not one of: USD, KRW, CNY"),
    rule("route_must_come_from_the_vocabulary", "broker_fees.csv", "2015-05-21,",
         "8000,8000,source,nk_to_china,REUTERS_2015", "8000,8000,source,tumen,REUTERS_2015",
         "column 'route': 'tumen' is not one of: nk_to_china"),
    rule("period_must_not_end_after_it_was_reported", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,", "2015-05-21,2015,2016,",
         "column 'period_end': '2016' is after the year the figure was reported (2015)"),
    rule("period_start_and_end_are_both_given_or_both_blank", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,", "2015-05-21,2015,,",
         "period_start and period_end must both be given or both be blank"),
    rule("period_start_must_not_be_after_period_end", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,", "2015-05-21,2016,2015,",
         "column 'period_start': '2016' is after period_end 2015"),
    rule("converted_usd_must_match_the_rate", "broker_fees.csv", "2012-09-17,",
         "KRW,4439.86,,converted", "KRW,4500,,converted",
         "column 'low_usd': '4500' does not match 5000000 KRW at 1126.16 krw_per_usd (2012) = 4439.86"),
    rule("usd_amounts_must_equal_their_usd_column", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,8000,8000,USD,8000,8800",
         "column 'high_usd': '8800' must equal high (8000)"),
    rule("usd_amount_is_given_exactly_when_the_amount_is", "broker_fees.csv", "2015-05-21,",
         "2015-05-21,2015,2015,8000,8000,USD,8000,8000", "2015-05-21,2015,2015,8000,8000,USD,,8000",
         "column 'low_usd': '' low_usd must be given exactly when low is"),
    rule("low_usd_must_not_exceed_high_usd", "broker_fees.csv", "2016-04,2016,2016,10000000,",
         "KRW,8625.58,10350.70,", "KRW,10400,10350.70,",
         "column 'low_usd': '10400' is greater than high_usd (10350.70)"),
    # Reported once for the row, not once for each amount (as are the next rule's).
    rule("usd_amounts_have_the_source_as_their_basis", "broker_fees.csv", "2015-05-21,",
         "8000,8000,source,nk_to_china,REUTERS_2015", "8000,8000,converted,nk_to_china,REUTERS_2015",
         "column 'usd_basis': 'converted' must be 'source' for amounts already in USD"),
    rule("converted_fee_needs_the_year_of_its_rate", "broker_fees.csv", "2016-04,,,10000000,",
         "2016-04,2016,2016,10000000,", "2016-04,,,10000000,",
         "column 'usd_basis': 'converted' needs period_end: conversion uses that year's rate"),
    rule("converted_fee_needs_a_rate_for_its_year", "broker_fees.csv", "2012-09-17,",
         "2012,krw_per_usd,1126.1621,FRED_AEXKOUS,\n", "",
         "column 'low_usd': '4439.86' no krw_per_usd rate for 2012 in rates.csv", edit="rates.csv"),
    rule("dated_fee_report_needs_the_cpi_of_its_period_end", "broker_fees.csv", "2006-12-19,",
         "2006,us_cpi_u,201.6,BLS_CPIU,BLS publishes this year to one decimal place.\n", "",
         "column 'period_end': '2006' has no us_cpi_u in rates.csv", edit="rates.csv"),
    # --- events.csv ----------------------------------------------------------------------
    rule("event_category_must_be_known", "events.csv", "2023-10-09,",
         "confirmed,repatriation,500+", "confirmed,deportation,500+",
         "column 'category': 'deportation' is not one of: covid, surveillance"),
    rule("event_status_must_come_from_the_vocabulary", "events.csv", "2020-08,",
         "2021-08-27,alleged,", "2021-08-27,rumoured,",
         "column 'status': 'rumoured' is not one of: confirmed, reported, alleged"),
    rule("an_alleged_events_korean_label_must_say_so", "events.csv", "2020-08,",
         "북한, 국경 완충지대 사격 명령 의혹", "북한, 국경 완충지대 사격 명령",
         "column 'label_ko': '북한, 국경 완충지대 사격 명령' must say 의혹"),
    rule("event_label_must_fit_on_a_chart", "events.csv", "2015-05,",
         "Sharp Eyes camera network (2020 target)", "Sharp Eyes surveillance programme launched nationwide",
         "column 'label': 'Sharp Eyes surveillance programme launched nationwide' is longer than 40 characters"),
    rule("start_must_match_its_precision", "events.csv", "2015-05,",
         "2015-05,month", "2015-05,day",
         "column 'start': '2015-05' is written to month precision but start_precision is 'day'"),
    rule("end_must_match_its_precision", "events.csv", "2015-05,",
         "2015-05,month,2020,year", "2015-05,month,2020,month",
         "column 'end': '2020' is written to year precision but end_precision is 'month'"),
    rule("period_end_needs_its_precision", "events.csv", "2015-05,",
         "2015-05,month,2020,year", "2015-05,month,2020,",
         "column 'end_precision': '' is blank, but end is a date"),
    rule("end_precision_must_be_blank_while_ongoing", "events.csv", "2020,year,ongoing,",
         "2020,year,ongoing,,", "2020,year,ongoing,year,",
         "column 'end_precision': 'year' must be blank when end is 'ongoing'"),
    rule("end_must_be_a_date_or_ongoing", "events.csv", "2020,year,still,",
         "2020,year,ongoing,,", "2020,year,still,,",
         "column 'end': 'still' is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD) or 'ongoing'"),
    rule("start_must_not_be_after_end", "events.csv", "2015-05,",
         "2015-05,month,2020,year", "2015-05,month,2014,year",
         "column 'end': '2014' is before start 2015-05"),
    rule("one_off_event_has_no_end_source", "events.csv", "2024-04-26,",
         '2024, Human Rights Watch confirmed.",HRW_2024_05,\n',
         '2024, Human Rights Watch confirmed.",HRW_2024_05,MBC_2026\n',
         "column 'end_source_id': 'MBC_2026' must be blank for a one-off event"),
    # --- profiles.csv --------------------------------------------------------------------
    rule("profile_dimension_must_be_known", "profiles.csv", "2011-06,schooling,",
         "2011-06,education,college,", "2011-06,schooling,college,",
         "column 'dimension': 'schooling' is not one of: age_at_arrival, occupation, education, province"),
    rule("profile_category_must_come_from_the_vocabulary", "profiles.csv", "2011-06,education,vocational,",
         "2011-06,education,college,", "2011-06,education,vocational,",
         "column 'category': 'vocational' is not one of:"),
    rule("profile_category_must_belong_to_its_dimension", "profiles.csv", "2011-06,education,workers,",
         "2011-06,education,college,", "2011-06,education,workers,",
         "column 'category': 'workers' is not a category of dimension 'education'"),
    rule("profile_row_needs_at_least_one_figure", "profiles.csv", "2011-06,education,college,",
         "2011-06,education,college,,,1987,", "2011-06,education,college,,,,",
         "male, female and total are all blank"),
    rule("profile_total_must_equal_male_plus_female", "profiles.csv", "2020-09,occupation,military,",
         "2020-09,occupation,military,703,156,859,", "2020-09,occupation,military,703,156,860,",
         "column 'total': '860' does not equal male + female (703 + 156 = 859)"),
    rule("profile_snapshot_without_a_total_must_be_marked_partial", "profiles.csv", "2011-06,education,university,",
         "DAILYNK_2012_01,Partial: two levels only.", "DAILYNK_2012_01,",
         "snapshot 2011-06 education (DAILYNK_2012_01) has no 'total' row; a source that gives only some categories"
         " is marked 'Partial:'"),
    rule("profile_snapshot_with_a_total_cannot_be_marked_partial", "profiles.csv", "2020-09,occupation,military,",
         "2020-09,occupation,military,703,156,859,MOU_STATS_CN,",
         "2020-09,occupation,military,703,156,859,MOU_STATS_CN,Partial: test.",
         "snapshot 2020-09 occupation (MOU_STATS_CN) has a 'total' row, so its rows cannot be marked"),
    rule("profile_categories_must_sum_to_their_total", "profiles.csv", "2022-12,occupation,total,",
         "2022-12,occupation,workers,,,13399,", "2022-12,occupation,workers,,,13400,",
         "column 'total': '33836' does not equal the sum of the categories of snapshot 2022-12 occupation"
         " (DATASOM_2023), 33837"),
    rule("published_group_must_equal_its_categories", "profiles.csv", "2016,province,north_hamgyong_ryanggang,",
         "2016,province,ryanggang,,,4473,", "2016,province,ryanggang,,,4474,",
         "column 'total': '23138' does not equal north_hamgyong + ryanggang in snapshot 2016 province"
         " (NKNEWS_2017_10) (18665 + 4474 = 23139)"),
    # --- unhcr_dprk_origin.csv -----------------------------------------------------------
    rule("country_of_asylum_must_be_an_iso_alpha_3_code", "unhcr_dprk_origin.csv", "2013,UK,",
         "2013,GBR,", "2013,UK,",
         "column 'country_of_asylum': 'UK' does not match the pattern [A-Z]{3}"),
    rule("unhcr_count_must_not_be_negative", "unhcr_dprk_origin.csv", "2013,GBR,",
         "2013,GBR,630,", "2013,GBR,-630,",
         "column 'refugees': '-630' is negative"),
    rule("unhcr_source_must_resolve", "unhcr_dprk_origin.csv", "2013,GBR,",
         "2013,GBR,630,56,UNHCR_REFUGEES_2025_12", "2013,GBR,630,56,UNHCR_REFUGEES_2099_12",
         "column 'source_id': 'UNHCR_REFUGEES_2099_12' is not an id in sources.csv"),
    rule("unhcr_year_beyond_what_a_date_holds_has_not_ended_not_a_crash", "unhcr_dprk_origin.csv", "2147483647,",
         "1996,", "2147483647,",
         "column 'year': '2147483647' has not ended yet"),
]
# fmt: on


@pytest.mark.parametrize("case", RULES)
def test_one_broken_rule_gives_one_message_naming_file_line_column_value_and_rule(data_copy, case):
    replace_in(data_copy / case.edit, case.old, case.new)
    line = case.at if isinstance(case.at, int) else line_of(data_copy / case.file, case.at)
    expected = f"{case.file}:{line}: {case.says}"
    # Paths in a message are as given to the loader: here the copy's folder.
    problems = [p.replace(f"{data_copy}/", "") for p in problems_for(data_copy)]
    matching = [p for p in problems if p.startswith(expected) and all(words in p for words in case.further)]
    assert len(matching) == 1, f"want one problem {expected!r} … {case.further}; got:\n" + "\n".join(problems)


# --- Reading a file: the rules before any row is parsed ---------------------------------


def test_missing_file_is_named(data_copy):
    (data_copy / "rates.csv").unlink()
    assert_reported(data_copy, "rates.csv", None, "file not found")


def test_empty_file_needs_a_header_line(data_copy):
    (data_copy / "rates.csv").write_text("", encoding="utf-8")
    assert_reported(data_copy, "rates.csv", 1, "file is empty; expected a header line")


def line_of_bytes(raw: bytes, position: int) -> int:
    return raw[:position].count(b"\n") + 1


def test_invalid_utf8_is_located(data_copy):
    arrivals = data_copy / "arrivals.csv"
    raw = arrivals.read_bytes()
    position = raw.index(b"2013,2013")
    arrivals.write_bytes(raw[:position] + b"\xff" + raw[position + 1 :])
    assert_reported(data_copy, "arrivals.csv", line_of_bytes(raw, position), "not valid UTF-8")


def test_blank_line_is_rejected(data_copy):
    rates = data_copy / "rates.csv"
    replace_in(rates, "2010,krw_per_usd", "\n2010,krw_per_usd")
    assert_reported(data_copy, "rates.csv", line_of(rates, "2010,krw_per_usd") - 1, "blank line")


def test_excel_byte_order_mark_and_crlf_are_accepted(data_copy):
    for name in ("arrivals.csv", "events.csv"):
        path = data_copy / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    dataset = data.load_dataset(data_copy)
    assert dataset.arrivals["total"].sum() == data.load_tables("arrivals")[0]["total"].sum()
    assert next(iter(dataset.events.columns)) == "start"


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


# --- All problems at once, each table on its own ----------------------------------------


def test_every_problem_is_listed_not_just_the_first(data_copy):
    replace_in(data_copy / "arrivals.csv", "662,2252,2914", "662,2252,2915")
    replace_in(data_copy / "events.csv", "confirmed,repatriation,500+", "confirmed,deportation,500+")
    replace_in(data_copy / "rates.csv", "2010,krw_per_usd,1155.7389", "2010,krw_per_usd,1155,7389")
    problems = problems_for(data_copy)
    assert len(problems) >= 3
    assert {p.split(":")[0].rsplit("/", 1)[-1] for p in problems} >= {"arrivals.csv", "events.csv", "rates.csv"}


def test_each_loader_raises_on_its_own_file(data_copy):
    replace_in(data_copy / "events.csv", "confirmed,repatriation,500+", "confirmed,deportation,500+")
    with pytest.raises(data.DataValidationError, match=re.escape("events.csv")):
        data.load_tables("events", data_dir=data_copy)
    data.load_tables("arrivals", data_dir=data_copy)  # other tables still load


# --- A row appended twice, or a row missing ---------------------------------------------


def test_duplicate_period_is_rejected(data_copy):
    arrivals = data_copy / "arrivals.csv"
    text = arrivals.read_text(encoding="utf-8")
    row_2016 = next(line for line in text.splitlines() if line.startswith("2016,"))
    arrivals.write_text(text + row_2016 + "\n", encoding="utf-8")
    last_line = len(text.splitlines()) + 1
    assert_reported(
        data_copy, "arrivals.csv", last_line, "duplicate period=2016", f"first on line {line_of(arrivals, '2016,')}"
    )


def test_duplicate_half_year_is_rejected(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    text = halfyear.read_text(encoding="utf-8")
    halfyear.write_text(text + "2024,2,16,115,131,false,false,YONHAP_2025_08,\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals_halfyear.csv", len(text.splitlines()) + 1, "duplicate year=2024, half=2")


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


def test_missing_year_between_periods_is_a_gap(data_copy):
    arrivals = data_copy / "arrivals.csv"
    text = arrivals.read_text(encoding="utf-8")
    arrivals.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("2005,")) + "\n", encoding="utf-8"
    )
    assert_reported(data_copy, "arrivals.csv", line_of(arrivals, "2006,"), "gap: no period covers 2005")


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


# --- A row rewritten, or several edits ---------------------------------------------------


def test_derived_half_year_must_say_how_in_its_note(data_copy):
    halfyear = data_copy / "arrivals_halfyear.csv"
    lines = halfyear.read_text(encoding="utf-8").splitlines()
    number = line_of(halfyear, "2025,2,")
    lines[number - 1] = "2025,2,17,110,127,true,true,NEWSIS_2026,"
    halfyear.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals_halfyear.csv", number, "column 'note'", "derived is true")


def test_derived_quarter_must_say_how_in_its_note(data_copy):
    quarterly = data_copy / "arrivals_quarterly.csv"
    lines = quarterly.read_text(encoding="utf-8").splitlines()
    number = line_of(quarterly, "2024,4,")
    lines[number - 1] = "2024,4,4,51,55,true,true,SEDAILY_2025,"
    quarterly.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_reported(data_copy, "arrivals_quarterly.csv", number, "column 'note'", "derived is true")


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


# --- The clock: nothing from the future (NKARRIVALS_TODAY) -------------------------------


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


def test_accessed_must_not_be_in_the_future(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2011-07-06,2026-11-27,en")
    assert_reported(data_copy, "sources.csv", line, "column 'accessed'", "'2026-11-27'", "is in the future")


def test_partial_date_must_not_be_in_the_future(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    sources = data_copy / "sources.csv"
    line = line_of(sources, "BBC_2011,")
    replace_in(sources, "2011-07-06,2026-11-26,en", "2026-12,2026-11-26,en")
    assert_reported(data_copy, "sources.csv", line, "column 'published'", "'2026-12'", "is in the future")


def test_quarter_must_have_started(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2026-11-26")
    quarterly = data_copy / "arrivals_quarterly.csv"
    with open(quarterly, "a", encoding="utf-8") as handle:
        handle.write("2027,1,1,1,2,false,false,NEWSIS_2026,\n")
    assert_reported(
        data_copy, "arrivals_quarterly.csv", line_of(quarterly, "2027,1,"), "quarter 2027 Q1 has not started yet"
    )


def test_half_year_must_have_ended(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2025-12-31")
    halfyear = data_copy / "arrivals_halfyear.csv"
    assert_reported(
        data_copy, "arrivals_halfyear.csv", line_of(halfyear, "2025,2,"), "half-year 2025 H2 has not ended yet"
    )


def test_unhcr_year_must_have_ended(data_copy, monkeypatch):
    monkeypatch.setenv("NKARRIVALS_TODAY", "2025-12-31")
    unhcr = data_copy / "unhcr_dprk_origin.csv"
    assert_reported(
        data_copy, "unhcr_dprk_origin.csv", line_of(unhcr, "2025,"), "column 'year'", "'2025'", "has not ended yet"
    )


# --- A new year in arrivals.csv (tests/release.py builds it after the latest period) -------


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


# --- An input the property tests broke the loaders with: memory -------------------------


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
