//! Kusto string and dynamic rules: in/!in/in~ (flattened arrays), has (terms) vs contains,
//! has_any/has_all, between, the case rules of the string operators, split and dynamic
//! indexing, string functions, conversions and bin.
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

use helper::expect;

// ---------------------------------------------------------------------------------------
// in, has, contains, has_any/has_all, between, other string operators
// ---------------------------------------------------------------------------------------

/// q/datatypes-string-operators.md: in is case-sensitive, in~ is not.
#[test]
fn in_operators() {
    expect(
        r#"print
            c1 = "abc" in ("123", "345", "abc"),
            c2 = "bca" !in ("123", "345", "abc"),
            c3 = "Abc" in~ ("123", "345", "abc"),
            c4 = "bCa" !in~ ("123", "345", "ABC"),
            c5 = "Abc" in ("123", "345", "abc")"#,
        &[
            "c1:bool|c2:bool|c3:bool|c4:bool|c5:bool",
            "true|true|true|true|false",
        ],
    );
}

/// q/includes/in-operator-comparison.md: "Nested arrays are flattened".
#[test]
fn in_flattens_nested_arrays() {
    expect(
        "print r1 = 3 in (dynamic([1,[2,3]])), r2 = 4 in (dynamic([1,[2,3]]))",
        &["r1:bool|r2:bool", "true|false"],
    );
}

/// q/in-cs-operator.md, "Dynamic array": `in (states)` with a let dynamic array.
#[test]
fn in_let_dynamic_array() {
    expect(
        r#"let states = dynamic(['FLORIDA', 'ATLANTIC SOUTH', 'GEORGIA']);
        datatable(State:string)["FLORIDA", "florida", "GEORGIA", "TEXAS"]
        | where State in (states)"#,
        &["State:string", "FLORIDA", "GEORGIA"],
    );
}

/// q/in-operator.md, "Tabular expression": `in~ (T)` uses T's first column.
#[test]
fn in_tilde_tabular_let() {
    expect(
        r#"let large_states = datatable(State:string, Population:long)["Texas", 29000000, "Iowa", 3000000]
            | where Population > 5000000 | project State;
        datatable(State:string)["TEXAS", "IOWA", "texas"]
        | where State in~ (large_states)"#,
        &["State:string", "TEXAS", "texas"],
    );
}

/// q/datatypes-string-operators.md: `has` matches whole terms, `contains` substrings.
#[test]
fn has_is_term_contains_is_substring() {
    expect(
        r#"print
            has_sub = "KustoExplorerQueryRun" has "Explorer",
            contains_sub = "KustoExplorerQueryRun" contains "Explorer""#,
        &["has_sub:bool|contains_sub:bool", "false|true"],
    );
}

/// q/datatypes-string-operators.md, "What is a term?" example.
#[test]
fn has_terms_example() {
    expect(
        r#"let s = "Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun";
        print
            t1 = s has "Kusto",
            t2 = s has "ad67d136",
            t3 = s has "c1db",
            t4 = s has "d94f3b6b0b5a",
            t5 = s has "KustoExplorerQueryRun",
            t6 = s has "Query""#,
        &[
            "t1:bool|t2:bool|t3:bool|t4:bool|t5:bool|t6:bool",
            "true|true|true|true|true|false",
        ],
    );
}

/// q/has-operator.md (`where State has "New"`) and q/contains-operator.md
/// (`where State contains "enn"`): both are case-insensitive.
#[test]
fn has_and_contains_on_a_column() {
    expect(
        r#"datatable(State:string)["NEW YORK", "NEW JERSEY", "NEVADA", "RENEWAL"]
        | where State has "New""#,
        &["State:string", "NEW YORK", "NEW JERSEY"],
    );
    expect(
        r#"datatable(State:string)["PENNSYLVANIA", "TENNESSEE", "NEW YORK", "KANSAS"]
        | where State contains "enn""#,
        &["State:string", "PENNSYLVANIA", "TENNESSEE"],
    );
}

/// q/has-operator.md / q/datatypes-string-operators.md: terms shorter than 3 characters
/// are not indexed, but `has` still matches them (by scanning); a term is a maximal
/// alphanumeric run.
#[test]
fn has_short_terms() {
    expect(
        r#"print a = "a b" has "b", b = "North America" has "no", c = "ab-cd" has "cd""#,
        &["a:bool|b:bool|c:bool", "true|false|true"],
    );
}

/// q/datatypes-string-operators.md: has, !has, has_all, has_any and the _cs forms.
#[test]
fn has_operators() {
    expect(
        r#"print
            c1 = "North America" has "america",
            c2 = "North America" !has "amer",
            c3 = "North and South America" has_all("south", "north"),
            c4 = "North America" has_any("south", "north"),
            c5 = "North America" has_cs "America",
            c6 = "North America" !has_cs "amer""#,
        &[
            "c1:bool|c2:bool|c3:bool|c4:bool|c5:bool|c6:bool",
            "true|true|true|true|true|true",
        ],
    );
}

/// q/has-any-operator.md: has_any with a dynamic array matches terms case-insensitively.
#[test]
fn has_any_dynamic_array() {
    expect(
        r#"datatable(State:string)["NORTH CAROLINA", "ATLANTIC SOUTH", "TEXAS", "SOUTHERN"]
        | where State has_any (dynamic(['south', 'north']))"#,
        &["State:string", "NORTH CAROLINA", "ATLANTIC SOUTH"],
    );
}

/// q/has-all-operator.md: every value must be a term.
#[test]
fn has_all_needs_every_term() {
    expect(
        r#"datatable(s:string)["North and South America", "North America"]
        | where s has_all ("south", "north")"#,
        &["s:string", "North and South America"],
    );
}

/// q/datatypes-string-operators.md: ==, != are case-sensitive; =~, !~ are not.
#[test]
fn equality_operators_case_rules() {
    expect(
        r#"print
            c1 = "aBc" == "aBc",
            c2 = "abc" != "ABC",
            c3 = "abc" =~ "ABC",
            c4 = "aBc" !~ "xyz",
            c5 = "abc" == "ABC""#,
        &[
            "c1:bool|c2:bool|c3:bool|c4:bool|c5:bool",
            "true|true|true|true|false",
        ],
    );
}

/// q/datatypes-string-operators.md: contains / contains_cs.
#[test]
fn contains_operators() {
    expect(
        r#"print
            c1 = "FabriKam" contains "BRik",
            c2 = "Fabrikam" !contains "xyz",
            c3 = "FabriKam" contains_cs "Kam",
            c4 = "Fabrikam" !contains_cs "Kam""#,
        &["c1:bool|c2:bool|c3:bool|c4:bool", "true|true|true|true"],
    );
}

/// q/datatypes-string-operators.md: startswith / endswith and their !, _cs forms.
#[test]
fn startswith_endswith_operators() {
    expect(
        r#"print
            c1 = "Fabrikam" startswith "fab",
            c2 = "Fabrikam" !startswith "kam",
            c3 = "Fabrikam" startswith_cs "Fab",
            c4 = "Fabrikam" !startswith_cs "fab",
            c5 = "Fabrikam" endswith "Kam",
            c6 = "Fabrikam" !endswith "brik",
            c7 = "Fabrikam" endswith_cs "kam",
            c8 = "Fabrikam" !endswith_cs "brik""#,
        &[
            "c1:bool|c2:bool|c3:bool|c4:bool|c5:bool|c6:bool|c7:bool|c8:bool",
            "true|true|true|true|true|true|true|true",
        ],
    );
}

/// q/datatypes-string-operators.md: hasprefix / hassuffix (prefix/suffix of a term).
#[test]
fn hasprefix_hassuffix_operators() {
    expect(
        r#"print
            c1 = "North America" hasprefix "ame",
            c2 = "North America" !hasprefix "mer",
            c3 = "North America" hasprefix_cs "Ame",
            c4 = "North America" !hasprefix_cs "CA",
            c5 = "North America" hassuffix "ica",
            c6 = "North America" !hassuffix "americ",
            c7 = "North America" hassuffix_cs "ica",
            c8 = "North America" !hassuffix_cs "icA""#,
        &[
            "c1:bool|c2:bool|c3:bool|c4:bool|c5:bool|c6:bool|c7:bool|c8:bool",
            "true|true|true|true|true|true|true|true",
        ],
    );
}

/// q/matches-regex-operator.md: case-sensitive, not anchored.
#[test]
fn matches_regex() {
    expect(
        r#"print c1 = "Fabrikam" matches regex "b.*k""#,
        &["c1:bool", "true"],
    );
    expect(
        r#"datatable(State:string)["KANSAS", "ARKANSAS", "LAKE SUPERIOR", "TEXAS", "kansas"]
        | where State matches regex "K.*S""#,
        &["State:string", "KANSAS", "ARKANSAS", "LAKE SUPERIOR"],
    );
}

/// q/between-operator.md: both ends are inclusive.
#[test]
fn between_is_inclusive() {
    expect(
        "range x from 45 to 60 step 1
        | where x between (50 .. 55)",
        &["x:long", "50", "51", "52", "53", "54", "55"],
    );
}

/// q/not-between-operator.md.
#[test]
fn not_between() {
    expect(
        "datatable(x:long)[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        | where x !between (5 .. 9)",
        &["x:long", "1", "2", "3", "4", "10"],
    );
}

/// q/between-operator.md: a datetime range may end with a timespan
/// (`datetime(2007-07-27) .. 3d` is the same as `.. datetime(2007-07-30)`).
#[test]
fn between_datetime_and_timespan() {
    expect(
        "datatable(T:datetime, id:long)
        [
            datetime(2007-07-26 23:59), 1,
            datetime(2007-07-27), 2,
            datetime(2007-07-29 12:00), 3,
            datetime(2007-07-30), 4,
            datetime(2007-07-30 00:01), 5
        ]
        | where T between (datetime(2007-07-27) .. 3d)
        | project id",
        &["id:long", "2", "3", "4"],
    );
}

// ---------------------------------------------------------------------------------------
// split, dynamic access
// ---------------------------------------------------------------------------------------

/// Conformance `split-function-00` (q/split-function.md): with an index the result is
/// still an array.
#[test]
fn split_examples() {
    expect(
        r#"print
            split("aa_bb", "_"),           // ["aa","bb"]
            split("aaa_bbb_ccc", "_", 1),  // ["bbb"]
            split("", "_"),                // [""]
            split("a__b", "_"),            // ["a","","b"]
            split("aabbcc", "bb")          // ["aa","cc"]"#,
        &[
            "print_0:dynamic|print_1:dynamic|print_2:dynamic|print_3:dynamic|print_4:dynamic",
            r#"["aa","bb"]|["bbb"]|[""]|["a","","b"]|["aa","cc"]"#,
        ],
    );
}

/// q/split-function.md + q/scalar-data-types/dynamic.md: index the array, cast with
/// tostring.
#[test]
fn split_then_index_then_tostring() {
    expect(
        r#"print domain = tostring(split("john@contoso.com", "@")[1])"#,
        &["domain:string", "contoso.com"],
    );
}

/// q/scalar-data-types/dynamic.md: `o.a` member access.
#[test]
fn dynamic_member_access() {
    expect(
        r#"print o=dynamic({"a":123, "b":"hello", "c":[1,2,3], "d":{}})
        | extend a=o.a, b=o.b, c=o.c, d=o.d"#,
        &[
            "o:dynamic|a:dynamic|b:dynamic|c:dynamic|d:dynamic",
            r#"{"a":123,"b":"hello","c":[1,2,3],"d":{}}|123|hello|[1,2,3]|{}"#,
        ],
    );
}

/// q/scalar-data-types/dynamic.md: 0-based index, negative index from the end, bracket
/// member access, casts.
#[test]
fn dynamic_index_and_cast() {
    expect(
        r#"print X = dynamic([100,101,102]), Y = dynamic({"a1":100, "a b c":"2015-01-01"})
        | project x0 = X[0], x1 = toint(X[1]), last = X[(-1)], ya1 = Y.a1, d = todatetime(Y["a b c"])"#,
        &[
            "x0:dynamic|x1:int|last:dynamic|ya1:dynamic|d:datetime",
            "100|101|102|100|2015-01-01T00:00:00.0000000Z",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// String functions
// ---------------------------------------------------------------------------------------

/// q/strlen-function.md: strlen counts Unicode code points (C + U+0327 is 2).
#[test]
fn strlen_counts_code_points() {
    expect(
        "print a = strlen(\"hello\"), b = strlen(\"\u{24a6}\u{24b0}\u{24ae}\u{24af}\u{24aa}\"), length = strlen('C\u{0327}edilla')",
        &["a:long|b:long|length:long", "5|5|8"],
    );
}

/// q/substring-function.md: 0-based start; a negative start counts from the end.
#[test]
fn substring_examples() {
    expect(
        r#"print
            a = substring("123456", 1),
            b = substring("123456", 2, 2),
            c = substring("ABCD", 0, 2),
            d = substring("123456", -2, 2)"#,
        &["a:string|b:string|c:string|d:string", "23456|34|AB|56"],
    );
}

/// q/trim-function.md: the first argument is a regex.
#[test]
fn trim_examples() {
    expect(
        r#"let string_to_trim = @"--https://bing.com--";
        let substring = "--";
        print string_to_trim = string_to_trim, trimmed_string = trim(substring,string_to_trim)"#,
        &[
            "string_to_trim:string|trimmed_string:string",
            "--https://bing.com--|https://bing.com",
        ],
    );
    expect(
        r#"datatable(x:long)[1, 2]
        | project str = strcat("-  ","Te st",x,@"// $")
        | extend trimmed_str = trim(@"[^\w]+",str)"#,
        &[
            "str:string|trimmed_str:string",
            "-  Te st1// $|Te st1",
            "-  Te st2// $|Te st2",
        ],
    );
}

/// q/extract-function.md: no match gives "" for a string result.
#[test]
fn extract_capture_groups() {
    expect(
        r#"let _data = datatable(Text: string)
        ["User: James, Email: James@example.com, Age: 29", "User: David, Age: 35"];
        _data |
        extend UserName = extract("User: ([^,]+)", 1, Text),
               EmailId = extract(@"Email: (\S+),", 1, Text),
               Age = extract(@"\d+", 0, Text)"#,
        &[
            "Text:string|UserName:string|EmailId:string|Age:string",
            "User: James, Email: James@example.com, Age: 29|James|James@example.com|29",
            "User: David, Age: 35|David||35",
        ],
    );
}

/// q/replace-string-function.md.
#[test]
fn replace_string_example() {
    expect(
        r#"print Message="A magic trick can turn a cat into a dog"
        | extend Outcome = replace_string(Message, "cat", "hamster")"#,
        &[
            "Message:string|Outcome:string",
            "A magic trick can turn a cat into a dog|A magic trick can turn a hamster into a dog",
        ],
    );
}

/// q/indexof-function.md examples.
#[test]
fn indexof_examples() {
    expect(
        r#"print
         idx1 = indexof("abcdefg","cde")
         , idx2 = indexof("abcdefg","cde",1,4)
         , idx3 = indexof("abcdefg","cde",1,2)
         , idx4 = indexof("abcdefg","cde",3,4)
         , idx5 = indexof("abcdefg","cde",-5)
         , idx6 = indexof(1234567,5,1,4)
         , idx7 = indexof("abcdefg","cde",2,-1)
         , idx8 = indexof("abcdefgabcdefg", "cde", 1, 10, 2)
         , idx9 = indexof("abcdefgabcdefg", "cde", 1, -1, 3)"#,
        &[
            "idx1:long|idx2:long|idx3:long|idx4:long|idx5:long|idx6:long|idx7:long|idx8:long|idx9:long",
            "2|2|-1|-1|2|4|2|9|-1",
        ],
    );
}

/// q/array-length-function.md: null when the argument is not an array.
#[test]
fn array_length_examples() {
    expect(
        r#"print array_length(dynamic([1, 2, 3, "four"])), a = isnull(array_length(dynamic({"a":1}))), b = array_length(dynamic([]))"#,
        &["print_0:long|a:bool|b:long", "4|true|0"],
    );
}

// ---------------------------------------------------------------------------------------
// Conversions and bin
// ---------------------------------------------------------------------------------------

/// Conformance `toint-function-01`: toint truncates and is typed int.
#[test]
fn toint_truncates() {
    expect(
        "print toint(2.3)
        |project Integer = print_0",
        &["Integer:int", "2"],
    );
}

/// q/tolong-function.md, q/toreal-function.md, q/tobool-function.md,
/// q/tolower-function.md, q/toupper-function.md ("yields true" examples).
#[test]
fn conversion_doc_assertions() {
    expect(
        r#"print
            c1 = tolong("123") == 123,
            c2 = toreal("123.4") == 123.4,
            c3 = todouble("123.4") == 123.4,
            c4 = tobool("true") == true,
            c5 = tobool("false") == false,
            c6 = tobool(1) == true,
            c7 = tobool(123) == true,
            c8 = tolower("Hello") == "hello",
            c9 = toupper("hello") == "HELLO""#,
        &[
            "c1:bool|c2:bool|c3:bool|c4:bool|c5:bool|c6:bool|c7:bool|c8:bool|c9:bool",
            "true|true|true|true|true|true|true|true|true",
        ],
    );
}

/// q/toint-function.md, q/tolong-function.md, q/toreal-function.md,
/// q/todatetime-function.md: a failed conversion is null.
#[test]
fn failed_conversions_are_null() {
    expect(
        r#"print
            a = isnull(toint("abc")),
            b = isnull(tolong("abc")),
            c = isnull(toreal("abc")),
            d = isnull(todatetime("abc"))"#,
        &["a:bool|b:bool|c:bool|d:bool", "true|true|true|true"],
    );
}

/// q/todatetime-function.md example.
#[test]
fn todatetime_compare() {
    expect(
        "print todatetime('12-02-2022') == datetime('12-02-2022')",
        &["print_0:bool", "true"],
    );
}

/// Conformance `coalesce-function-00`: the first non-null argument.
#[test]
fn coalesce_skips_failed_conversion() {
    expect(
        r#"print result=coalesce(tolong("not a number"), tolong("42"), 33)"#,
        &["result:long", "42"],
    );
}

/// Conformance `bin-function-00` + q/bin-function.md examples.
#[test]
fn bin_examples() {
    expect("print bin(4.5, 1)", &["print_0:real", "4"]);
    expect(
        "print bin(time(16d), 7d)",
        &["print_0:timespan", "14.00:00:00"],
    );
    expect(
        "print bin(datetime(1970-05-11 13:45:07), 1d)",
        &["print_0:datetime", "1970-05-11T00:00:00.0000000Z"],
    );
}
