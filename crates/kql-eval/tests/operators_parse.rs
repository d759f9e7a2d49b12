//! `parse` / `parse-where`: expectations from q/parse-operator.md and
//! q/parse-where-operator.md (examples cited by title) and the conformance cases.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

const TRACES: &str = r#"let Traces = datatable(EventText: string) [
    "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)",
    "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=15, lockTime=02/17/2016 08:40:00, releaseTime=nonValidDateTime, previousLockTime=02/17/2016 08:39:00)",
    "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)"
];
"#;

#[test]
fn simple_mode_extends_typed_columns() {
    // parse-operator.md, "Parse and extend results" (first row).
    let q = format!(
        "{TRACES} Traces | take 1 | parse EventText with * \"resourceName=\" resourceName \", totalSlices=\" totalSlices: long * \"sliceNumber=\" sliceNumber: long * \"lockTime=\" lockTime \", releaseTime=\" releaseTime: date \",\" * \"previousLockTime=\" previousLockTime: date \")\" *
         | project-away EventText"
    );
    let (header, body) = eval(&q);
    assert_eq!(
        header,
        [
            "resourceName:string",
            "totalSlices:long",
            "sliceNumber:long",
            "lockTime:string",
            "releaseTime:datetime",
            "previousLockTime:datetime"
        ]
    );
    assert_eq!(
        body[0],
        [
            "PipelineScheduler",
            "27",
            "23",
            "02/17/2016 08:40:01",
            "2016-02-17T08:40:01.0000000Z",
            "2016-02-17T08:39:01.0000000Z"
        ]
    );
}

#[test]
fn simple_mode_blanks_a_row_with_a_failed_conversion() {
    // parse-operator.md, "Relaxed mode": with kind=simple every column is null.
    let q = format!(
        "{TRACES} Traces | parse EventText with * \"totalSlices=\" totalSlices: long \", sliceNumber=\" sliceNumber: long * \"releaseTime=\" releaseTime: date \",\" *
         | project totalSlices, sliceNumber, releaseTime"
    );
    assert_eq!(rows(&q), ["27|23|2016-02-17T08:40:01.0000000Z", "||", "||"]);
}

#[test]
fn relaxed_mode_nulls_only_the_failed_column() {
    let q = format!(
        "{TRACES} Traces | parse kind=relaxed EventText with * \"totalSlices=\" totalSlices: long \", sliceNumber=\" sliceNumber: long * \"releaseTime=\" releaseTime: date \",\" *
         | project totalSlices, sliceNumber, releaseTime"
    );
    assert_eq!(
        rows(&q),
        [
            "27|23|2016-02-17T08:40:01.0000000Z",
            "27|15|",
            "|20|2016-02-17T08:40:01.0000000Z"
        ]
    );
}

#[test]
fn parse_where_drops_unparsed_rows() {
    let q = format!(
        "{TRACES} Traces | parse-where EventText with * \"totalSlices=\" totalSlices: long \", sliceNumber=\" sliceNumber: long * \"releaseTime=\" releaseTime: date \",\" *
         | project totalSlices"
    );
    assert_eq!(rows(&q), ["27"]);
}

#[test]
fn email_alias_and_dns() {
    // parse-operator.md, "Extract email alias and DNS".
    let q = r#"datatable(Contacts: string) ["Event: LeadContact (email=abi@fourthcoffee.com, Website=https:www.fourthcoffee.com)"]
        | parse Contacts with * "email=" alias:string "@" domain: string ", Website=https:" WebsiteDomain: string ")"
        | project EmailAddress = strcat(alias, "@", domain), EmailAlias = alias, WebsiteDomain"#;
    assert_eq!(rows(q), ["abi@fourthcoffee.com|abi|www.fourthcoffee.com"]);
}

#[test]
fn regex_mode_is_greedy_unless_u() {
    // parse-operator.md, "Regex mode with regex flags".
    let base = r#"datatable(EventText: string) ["Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23)"]"#;
    let q = format!(
        "{base} | parse kind=regex flags=Ui EventText with * \"RESOURCENAME=\" resourceName ',' * | project resourceName"
    );
    assert_eq!(rows(&q), ["PipelineScheduler"]);
    let q = format!(
        "{base} | parse kind=regex EventText with * \"resourceName=\" resourceName ',' * | project resourceName"
    );
    assert_eq!(rows(&q), ["PipelineScheduler, totalSlices=27"]);
}

#[test]
fn unmatched_rows_get_empty_strings_and_nulls() {
    let q = r#"datatable(s: string) ["a=1,b=x", "junk"] | parse s with "a=" a:long ",b=" b"#;
    let (header, _) = eval(q);
    assert_eq!(header, ["s:string", "a:long", "b:string"]);
    assert_eq!(rows(q), ["a=1,b=x|1|x", "junk||"]);
    // Anchored at the end: the capture before the last literal is forced long.
    assert_eq!(
        rows(r#"print s = "aXcYc" | parse s with "a" v "c""#),
        ["aXcYc|XcY"]
    );
    assert_eq!(
        rows(r#"print s = "abcbd" | parse s with "a" v "b""#),
        ["abcbd|"]
    );
    // A non-string source is converted to text first.
    assert_eq!(
        rows(r#"print n = 123 | parse n with "1" rest:long"#),
        ["123|23"]
    );
}

#[test]
fn undecidable_rows_are_refused() {
    // Whether a leading literal is anchored at the start is undocumented: a row where
    // the answer depends on it is refused rather than guessed.
    assert!(error(r#"print s = "xa=1" | parse s with "a=" v"#).contains("cannot tell"));
    assert_eq!(rows(r#"print s = "a=1" | parse s with "a=" v"#), ["a=1|1"]);
}

#[test]
fn check_errors() {
    assert!(error(r#"print s = "a" | parse s with v * "x""#).contains("string column"));
    assert!(error(r#"print s = "a" | parse s with v:datetime * "x""#).contains("datetime"));
    assert!(error(r#"print s = "a" | parse-where kind=relaxed s with "a" v"#).contains("relaxed"));
    assert!(error(r#"print s = "a" | parse s with "a" s"#).contains("existing column"));
}
