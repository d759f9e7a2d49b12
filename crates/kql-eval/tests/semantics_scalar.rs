//! Kusto scalar rules: numeric promotion, division and modulo, datetime/timespan
//! arithmetic and literals, numeric/null/string literals, null propagation, logical
//! operators with null, isempty/isnull, tostring of null, iff/case.
//!
//! Every expected value comes from the Kusto documentation (MicrosoftDocs/dataexplorer-docs,
//! cited as `q/<page>.md`, i.e. `data-explorer/kusto/query/<page>.md`) or from a
//! conformance case (the real engine's answer, cited by its id, from
//! `../shared/conformance/cases.jsonl`). A few names the docs do not spell out come from
//! Microsoft's own parser/binder (microsoft/Kusto-Query-Language) and say so. Tests marked
//! `#[ignore = "kql bug: ..."]` or `#[ignore = "not supported yet: ..."]` are known
//! differences from Kusto; run them with `-- --ignored`.

#[path = "semantics_helper.rs"]
mod helper;

use helper::{expect, expect_error};

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// q/numerical-operators.md, "Type rules for arithmetic operations": real with anything
/// is real; two integers give long.
#[test]
fn arithmetic_type_promotion() {
    expect(
        "print a = toint(1) + 1, b = toint(1) + 1.5, c = 1 + 2, d = 2.5 * 2, e = 7 - 0.5",
        &["a:long|b:real|c:long|d:real|e:real", "2|2.5|3|5|6.5"],
    );
}

/// q/numerical-operators.md: "If both operands are of integer types (int or long), the
/// result will be of type long" (the page's table loosely says "int" for `1 / 2`).
#[test]
fn int_with_int_is_long() {
    expect(
        "print a = toint(1) + toint(2), b = toint(7) / toint(2), c = toint(3) * toint(4)",
        &["a:long|b:long|c:long", "3|3|12"],
    );
}

/// q/numerical-operators.md division table.
#[test]
fn division_type_rules() {
    expect(
        "print a = 1.0 / 2, b = 1 / 2.0, c = 1 / 2, d = real(1) / 2",
        &["a:real|b:real|c:long|d:real", "0.5|0.5|0|0.5"],
    );
}

/// q/numerical-operators.md: integer division truncates ("the decimal is truncated").
#[test]
fn integer_division_truncates() {
    expect(
        "print a = 7 / 2, b = -7 / 2, c = 9 / 10",
        &["a:long|b:long|c:long", "3|-3|0"],
    );
}

/// q/numerical-operators.md, "Comment about the modulo operator": 0 <= N % D < abs(D).
#[test]
fn modulo_is_non_negative() {
    expect(
        "print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12",
        &[
            "plusPlus:long|minusPlus:long|plusMinus:long|minusMinus:long",
            "2|10|2|10",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// datetime and timespan
// ---------------------------------------------------------------------------------------

/// q/datetime-timespan-arithmetic.md (the parts without timespan / timespan).
#[test]
fn datetime_timespan_arithmetic() {
    expect(
        "print
            age = datetime(1997-06-25) - datetime(1910-06-11),
            three_days = 1d + 2d,
            one_day_old = datetime(1910-06-11) + 1d,
            ninety_minutes = 1.5 * 1h,
            two_days = 2 * 1d,
            also_two_days = 1d * 2,
            earlier = datetime(1910-06-11) - 12h",
        &[
            "age:timespan|three_days:timespan|one_day_old:datetime|ninety_minutes:timespan|two_days:timespan|also_two_days:timespan|earlier:datetime",
            "31791.00:00:00|3.00:00:00|1910-06-12T00:00:00.0000000Z|01:30:00|2.00:00:00|2.00:00:00|1910-06-10T12:00:00.0000000Z",
        ],
    );
}

/// q/datetime-timespan-arithmetic.md: `1d / 5h` is 4.8 and `1h / 1s` is 3600, both real.
#[test]
fn timespan_divided_by_timespan_is_real() {
    expect(
        "print ratio = 1d / 5h, hour_in_seconds = 1h / 1s",
        &["ratio:real|hour_in_seconds:real", "4.8|3600"],
    );
}

/// q/datetime-timespan-arithmetic.md (timespan / timespan is real), on columns.
#[test]
fn timespan_columns_divided_is_real() {
    expect(
        "datatable(a:timespan, b:timespan)[1d, 5h, 1h, 1s]
        | extend r = a / b",
        &[
            "a:timespan|b:timespan|r:real",
            "1.00:00:00|05:00:00|4.8",
            "01:00:00|00:00:01|3600",
        ],
    );
}

/// Conformance `datetime-timespan-arithmetic-00`: unix seconds to datetime.
#[test]
fn unix_seconds_to_datetime() {
    expect(
        "let fromUnixTime = (t: long) {
            datetime(1970-01-01) + t * 1sec
        };
        print result = fromUnixTime(1546897531)",
        &["result:datetime", "2019-01-07T21:45:31.0000000Z"],
    );
}

/// q/datetime-timespan-arithmetic.md: datetime to unix seconds (timespan / timespan is
/// real).
#[test]
fn datetime_to_unix_seconds() {
    expect(
        "print result = (datetime(2019-01-07 21:45:31.0000000) - datetime(1970-01-01)) / 1s",
        &["result:real", "1546897531"],
    );
}

/// q/scalar-data-types/timespan.md: seconds in a day, three ways.
#[test]
fn seconds_in_a_day() {
    expect(
        "print
            result1 = 1d / 1s,
            result2 = time(1d) / time(1s),
            result3 = 24 * 60 * time(00:01:00) / time(1s)",
        &[
            "result1:real|result2:real|result3:real",
            "86400|86400|86400",
        ],
    );
}

/// q/scalar-data-types/timespan.md: number * timespan is a timespan.
#[test]
fn number_times_timespan() {
    expect(
        "print seconds = 86400 | extend t = seconds * 1s",
        &["seconds:long|t:timespan", "86400|1.00:00:00"],
    );
}

/// q/datetime-timespan-arithmetic.md: adding two datetimes is not allowed.
#[test]
fn datetime_plus_datetime_is_an_error() {
    expect_error("print datetime(2020-01-01) + datetime(2020-01-02)");
}

/// q/numerical-operators.md examples: `10sec < 1h`, `10min > 1sec`.
#[test]
fn timespan_and_datetime_comparisons() {
    expect(
        "print a = 10sec < 1h, b = 10min > 1sec, c = datetime(2020-01-02) > datetime(2020-01-01)",
        &["a:bool|b:bool|c:bool", "true|true|true"],
    );
}

/// q/scalar-data-types/timespan.md literal table.
#[test]
fn timespan_literal_forms() {
    expect(
        "print
            t1 = 2d,
            t2 = 1.5h,
            t3 = 30m,
            t4 = 10s,
            t5 = 100ms,
            t6 = 10microsecond,
            t7 = 1tick,
            t8 = timespan(15 seconds),
            t9 = timespan(2),
            t10 = timespan(0.12:34:56.7)",
        &[
            "t1:timespan|t2:timespan|t3:timespan|t4:timespan|t5:timespan|t6:timespan|t7:timespan|t8:timespan|t9:timespan|t10:timespan",
            "2.00:00:00|01:30:00|00:30:00|00:00:10|00:00:00.1000000|00:00:00.0000100|00:00:00.0000001|00:00:15|2.00:00:00|12:34:56.7000000",
        ],
    );
}

/// Suffix aliases (`4hrs`, `2days`, `90sec`, ...): microsoft/Kusto-Query-Language
/// TokenParser.cs TimespanSuffixes; q/datetime-timespan-arithmetic.md uses `1sec`,
/// q/schema-entities/entity-names.md names `1day`.
#[test]
fn timespan_suffix_aliases() {
    expect(
        "print
            a = 4hrs == 4h,
            b = 4hr == 4h,
            c = 4hours == 4h,
            d = 2days == 2d,
            e = 2day == 2d,
            f = 5min == 5m,
            g = 5minutes == 5m,
            h = 90sec == 90s,
            i = 90seconds == 90s,
            j = 10millis == 10ms,
            k = 10milliseconds == 10ms,
            l = 10micros == 10microsecond,
            m = 3ticks == 3tick,
            n = 100nanoseconds == 100nanos",
        &[
            "a:bool|b:bool|c:bool|d:bool|e:bool|f:bool|g:bool|h:bool|i:bool|j:bool|k:bool|l:bool|m:bool|n:bool",
            "true|true|true|true|true|true|true|true|true|true|true|true|true|true",
        ],
    );
    expect(
        "print a = 4hrs, b = 1day, c = 1sec",
        &[
            "a:timespan|b:timespan|c:timespan",
            "04:00:00|1.00:00:00|00:00:01",
        ],
    );
}

/// q/now-function.md, q/ago-function.md: now() is fixed per query; ago(t) = now() - t.
#[test]
fn now_and_ago_fixed_per_query() {
    expect(
        "print
            a = now() == now(),
            b = ago(1h) == now(-1h),
            c = now() - ago(1d)",
        &["a:bool|b:bool|c:timespan", "true|true|1.00:00:00"],
    );
    expect(
        "datatable(T:datetime, id:long)[datetime(2000-01-01), 1, datetime(2999-01-01), 2]
        | where T > ago(1d)
        | project id",
        &["id:long", "2"],
    );
}

/// q/scalar-data-types/datetime.md literal forms (`date` is an alias).
#[test]
fn datetime_literal_forms() {
    expect(
        r#"print
            a = datetime(2015-12-31 23:59:59.9),
            b = datetime(2014-05-25T08:20:03.123456Z),
            c = datetime(2014-11-08 15:55),
            d = datetime('2007-04-07'),
            e = date(2015-12-31)"#,
        &[
            "a:datetime|b:datetime|c:datetime|d:datetime|e:datetime",
            "2015-12-31T23:59:59.9000000Z|2014-05-25T08:20:03.1234560Z|2014-11-08T15:55:00.0000000Z|2007-04-07T00:00:00.0000000Z|2015-12-31T00:00:00.0000000Z",
        ],
    );
}

/// q/scalar-data-types/long.md, real.md, int.md: a plain integer (also hex) is long, a
/// decimal point or exponent makes a real, `int(n)` is an int; `real(nan)`, `real(+inf)`.
#[test]
fn numeric_literal_types() {
    expect(
        "print a = 0x10, b = 1e3, c = int(5), d = real(nan), e = real(+inf), f = real(-inf), g = 1.5e-2, h = 42",
        &[
            "a:long|b:real|c:int|d:real|e:real|f:real|g:real|h:long",
            "16|1000|5|NaN|Infinity|-Infinity|0.015|42",
        ],
    );
}

/// q/scalar-data-types/null-values.md: "the following returns a single row full of nulls"
/// (one null literal per type; unnamed print columns are print_0, print_1, ...).
#[test]
fn null_literals_of_every_type() {
    expect(
        "print bool(null), datetime(null), dynamic(null), guid(null), int(null), long(null), real(null), double(null), timespan(null)",
        &[
            "print_0:bool|print_1:datetime|print_2:dynamic|print_3:guid|print_4:int|print_5:long|print_6:real|print_7:real|print_8:timespan",
            "||||||||",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// String literals
// ---------------------------------------------------------------------------------------

/// q/scalar-data-types/string.md: either quote may hold the other.
#[test]
fn string_literal_quotes() {
    expect(
        r#"print
            s1 = 'string with "double quotes"',
            s2 = "string with 'single quotes'""#,
        &[
            "s1:string|s2:string",
            r#"string with "double quotes"|string with 'single quotes'"#,
        ],
    );
}

/// q/scalar-data-types/string.md: backslash escapes.
#[test]
fn string_literal_backslash_escapes() {
    expect(
        r#"print pattern = '\\n.*(>|\'|=|\")[a-zA-Z0-9/+]{86}=='"#,
        &["pattern:string", r#"\n.*(>|'|=|")[a-zA-Z0-9/+]{86}=="#],
    );
    expect(
        r#"print s = "a\tb", n = strlen("a\nb")"#,
        &["s:string|n:long", "a\tb|3"],
    );
}

/// q/scalar-data-types/string.md: `\u00A0` is a no-break space.
#[test]
fn string_literal_unicode_escape() {
    expect(
        r#"print space = "Hello\u00A0World""#,
        &["space:string", "Hello\u{a0}World"],
    );
}

/// q/scalar-data-types/string.md: verbatim `@'...'`.
#[test]
fn string_literal_verbatim() {
    expect(
        r#"print myPath = @'C:\Folder\filename.txt'"#,
        &["myPath:string", r"C:\Folder\filename.txt"],
    );
}

/// q/scalar-data-types/string.md: adjacent literals are concatenated, across comments.
#[test]
fn string_literal_concatenation() {
    expect(
        r#"print
            none = strlen("Hello"', '@"world!"),
            whitespace = strlen("Hello" ', ' @"world!"),
            whitespaceAndComment = strlen("Hello"
                // Comment
                ', '@"world!"
            );"#,
        &[
            "none:long|whitespace:long|whitespaceAndComment:long",
            "13|13|13",
        ],
    );
}

/// q/scalar-data-types/string.md: an obfuscated literal `h'...'` is a normal string.
#[test]
fn string_literal_obfuscated() {
    expect(
        r#"print blob="https://contoso.blob.core.windows.net/container/blob.txt?"
            h'sv=2012-02-12&se=2013-04-13T0...'"#,
        &[
            "blob:string",
            "https://contoso.blob.core.windows.net/container/blob.txt?sv=2012-02-12&se=2013-04-13T0...",
        ],
    );
}

/// q/scalar-data-types/string.md: a multi-line literal with no escapes.
#[test]
fn string_literal_multiline() {
    expect("print s = ```a\\b\nc```", &["s:string", "a\\b\nc"]);
}

/// Conformance `strcat-function-00` and `strcat-function-01`.
#[test]
fn strcat_basic_and_multiline() {
    expect(
        r#"print str = strcat("hello", " ", "world")"#,
        &["str:string", "hello world"],
    );
    expect(
        r#"print MultiLineString = strcat("Line 1\n", "Line 2\n", "Line 3")"#,
        &["MultiLineString:string", "Line 1\nLine 2\nLine 3"],
    );
}

// ---------------------------------------------------------------------------------------
// Nulls and logical operators
// ---------------------------------------------------------------------------------------

/// q/scalar-data-types/null-values.md example: comparisons with null; `null == x` is null
/// for a null x... and `null != 5` is true.
#[test]
fn null_comparisons() {
    expect(
        "datatable(val:int)[5, int(null)]
        | extend IsBiggerThan3 = val > 3
        | extend IsBiggerThan3OrNull = val > 3 or isnull(val)
        | extend IsEqualToNull = val == int(null)
        | extend IsNotEqualToNull = val != int(null)",
        &[
            "val:int|IsBiggerThan3:bool|IsBiggerThan3OrNull:bool|IsEqualToNull:bool|IsNotEqualToNull:bool",
            "5|true|true|false|true",
            "||true||",
        ],
    );
}

/// q/scalar-data-types/null-values.md: null is sticky in arithmetic.
#[test]
fn null_arithmetic() {
    expect(
        "datatable(val:int)[5, int(null)]
        | extend Add = val + 10
        | extend Multiply = val * 10",
        &["val:int|Add:long|Multiply:long", "5|15|50", "||"],
    );
}

/// q/scalar-data-types/null-values.md and q/logical-operators.md agree: `false and null`
/// is false, `true or null` is true.
#[test]
fn null_with_and_or() {
    expect(
        "print a = false and bool(null), b = true or bool(null), c = bool(null) or true",
        &["a:bool|b:bool|c:bool", "false|true|true"],
    );
}

/// q/where-operator.md + q/logical-operators.md: whether `null and true` is null or
/// false, where drops the row; so does a null `not()`.
#[test]
fn where_drops_null_logical_results() {
    expect(
        "datatable(b:bool, id:long)[bool(null), 1, true, 2, false, 3]
        | where b and true
        | project id",
        &["id:long", "2"],
    );
    expect(
        "datatable(b:bool, id:long)[bool(null), 1, true, 2, false, 3]
        | where not(b)
        | project id",
        &["id:long", "3"],
    );
}

/// q/scalar-data-types/null-values.md: `in` is an OR of `==` and `!in` an AND of `!=`, so
/// a null is not in (1, 2) and is !in (1).
#[test]
fn null_in_and_not_in() {
    expect(
        "print a = int(null) in (1, 2), b = int(null) !in (1)",
        &["a:bool|b:bool", "false|true"],
    );
}

/// q/scalar-data-types/null-values.md (ingestion table): a string is never null;
/// isnull("") is false, isempty("") is true, strlen("") is 0.
#[test]
fn empty_string_is_not_null() {
    expect(
        r#"datatable(a:string, b:int)["", int(null), "a", 1]
        | project a, b, na = isnull(a), ea = isempty(a), la = strlen(a), nb = isnull(b)"#,
        &[
            "a:string|b:int|na:bool|ea:bool|la:long|nb:bool",
            "||false|true|0|true",
            "a|1|false|false|1|false",
        ],
    );
}

/// q/isempty-function.md + q/isnotempty-function.md.
#[test]
fn isempty_values() {
    expect(
        r#"print
            e1 = isempty(""),
            e2 = isempty("x"),
            e3 = isempty(dynamic(null)),
            e4 = isempty(dynamic([])),
            e5 = isempty(dynamic({})),
            e6 = isempty(int(null)),
            e7 = isnotempty("x")"#,
        &[
            "e1:bool|e2:bool|e3:bool|e4:bool|e5:bool|e6:bool|e7:bool",
            "true|false|true|false|false|true|true",
        ],
    );
}

/// q/isnull-function.md + q/isnotnull-function.md.
#[test]
fn isnull_values() {
    expect(
        r#"print
            n1 = isnull(""),
            n2 = isnull("x"),
            n3 = isnull(dynamic(null)),
            n4 = isnull(dynamic([])),
            n5 = isnull(dynamic({})),
            n6 = isnull(long(null)),
            n7 = isnotnull(5)"#,
        &[
            "n1:bool|n2:bool|n3:bool|n4:bool|n5:bool|n6:bool|n7:bool",
            "false|false|true|false|false|true|true",
        ],
    );
}

/// q/tostring-function.md: "If value is null, the result is an empty string".
#[test]
fn tostring_of_null_is_empty() {
    expect(
        "print
            a = tostring(int(null)),
            b = tostring(dynamic(null)),
            c = isempty(tostring(int(null)))",
        &["a:string|b:string|c:bool", "||true"],
    );
}

/// Conformance `tostring-function-00` + q/strcat-function.md (non-strings are converted).
#[test]
fn tostring_and_strcat_of_numbers() {
    expect("print tostring(123)", &["print_0:string", "123"]);
    expect(
        r#"print a = tostring(123), b = strcat("n=", 42), c = tostring("x")"#,
        &["a:string|b:string|c:string", "123|n=42|x"],
    );
}

// ---------------------------------------------------------------------------------------
// iff / case
// ---------------------------------------------------------------------------------------

/// q/iff-function.md: iff and iif are the same function.
#[test]
fn iff_and_iif() {
    expect(
        r#"datatable(x:long)[1, 5]
        | extend a = iff(x > 2, "big", "small"), b = iif(x > 2, "big", "small")"#,
        &["x:long|a:string|b:string", "1|small|small", "5|big|big"],
    );
}

/// q/logical-operators.md: `iff(bool(null) and true, true, false)` is false; a null
/// condition selects the else value.
#[test]
fn iff_null_condition_gives_else() {
    expect(
        r#"print a = iff(bool(null) and true, true, false), b = iff(bool(null), "t", "f")"#,
        &["a:bool|b:string", "false|f"],
    );
}

/// q/case-function.md / q/iff-function.md: the then/else values must have the same type.
#[test]
fn iff_and_case_branches_need_one_type() {
    expect_error(r#"print iff(true, 1, "a")"#);
    expect_error(r#"print case(true, 1, "a")"#);
}

/// q/case-function.md: the first true predicate wins, else otherwise (contains and has are
/// case-insensitive).
#[test]
fn case_first_match_and_else() {
    expect(
        r#"datatable(Subject:string)["Urgent: INVOICE overdue", "hello there", "misc"]
        | extend Category = case(Subject contains "invoice", "Billing",
                                 Subject has "hello", "Greeting",
                                 "Other")"#,
        &[
            "Subject:string|Category:string",
            "Urgent: INVOICE overdue|Billing",
            "hello there|Greeting",
            "misc|Other",
        ],
    );
}
