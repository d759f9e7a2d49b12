//! `check_with_warnings`: the warnings `kql check` reports, where they point, and the
//! correct queries that must not get one (a false warning is noise).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::{CheckError, FileTables, check, check_with_warnings};
use miette::Diagnostic;

/// Each warning as (code without `kql::check::`, the text its span covers).
fn warnings(text: &str) -> Vec<(String, String)> {
    let tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    let script = kql_parser::parse(text).unwrap();
    let checked = check_with_warnings(&script, &tables);
    assert!(checked.result.is_ok(), "{text}: {:?}", checked.result.err());
    checked
        .warnings
        .iter()
        .map(|w| {
            let code = w.code().unwrap().to_string();
            let span = w.span();
            (
                code.trim_start_matches("kql::check::").to_string(),
                text[span.start as usize..span.end as usize].to_string(),
            )
        })
        .collect()
}

fn one(code: &str, at: &str) -> Vec<(String, String)> {
    vec![(code.to_string(), at.to_string())]
}

#[test]
fn equality_on_a_tables_dynamic_column() {
    assert_eq!(
        warnings("CloudAppEvents | where RawEventData == 'x'"),
        one("dynamic_equality", "RawEventData")
    );
    assert_eq!(
        warnings("CloudAppEvents | extend n = 1 | where 'x' != RawEventData"),
        one("dynamic_equality", "RawEventData")
    );
    // Computed dynamic values usually hold plain values: no warning.
    assert!(warnings("CloudAppEvents | where RawEventData.Workload == 'x'").is_empty());
    assert!(warnings("CloudAppEvents | mv-expand o = ActivityObjects | where o == 'x'").is_empty());
    assert!(warnings("CloudAppEvents | where tostring(RawEventData) == 'x'").is_empty());
}

#[test]
fn has_with_a_needle_that_holds_no_term() {
    assert_eq!(
        warnings("EmailEvents | where SenderFromAddress has '@'"),
        one("has_not_a_term", "'@'")
    );
    assert_eq!(
        warnings("EmailEvents | where Subject !has_cs '.'"),
        one("has_not_a_term", "'.'")
    );
    // A phrase of terms, or terms with punctuation at their ends, are term searches.
    for needle in ["foo-bar", ".exe", "xn--", "gmail.com", "a b", ""] {
        let text = format!("EmailEvents | where Subject has '{needle}'");
        assert!(warnings(&text).is_empty(), "{text}");
    }
    // `contains` is not a term search.
    assert!(warnings("EmailEvents | where Subject contains '@'").is_empty());
}

#[test]
fn unused_lets() {
    assert_eq!(
        warnings("let lookback = 1d;\nEmailEvents | take 1"),
        one("unused_let", "lookback")
    );
    assert!(
        warnings("let lookback = 1d; EmailEvents | where Timestamp > ago(lookback)").is_empty()
    );
    assert!(warnings("let f = (n:long) { n + 1 }; print f(1)").is_empty());
    assert!(warnings("let T = EmailEvents | take 1; T").is_empty());
}

#[test]
fn warnings_do_not_fail_the_check_that_run_uses() {
    let tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    let script = kql_parser::parse("let unused = 1; EmailEvents | where Subject has '@'").unwrap();
    assert!(check(&script, &tables).is_ok());
}

#[test]
fn a_failed_let_is_reported_once() {
    let tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    let text = "let base = EmailEvents | where Sendr == 'x';\nbase | take 1;\nbase | count";
    let script = kql_parser::parse(text).unwrap();
    let errors = check(&script, &tables).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(matches!(&errors[0], CheckError::UnknownColumn { name, .. } if name == "Sendr"));
}

#[test]
fn names_kusto_has_are_unsupported_and_others_unknown() {
    let tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    let code = |text: &str| {
        let script = kql_parser::parse(text).unwrap();
        let errors = check(&script, &tables).unwrap_err();
        errors[0].code().unwrap().to_string()
    };
    assert_eq!(
        code("EmailEvents | extend g = parse_user_agent(SenderIPv4, \"browser\")"),
        "kql::check::unsupported"
    );
    assert_eq!(
        code("EmailEvents | extend g = parse_ulr(SenderIPv4)"),
        "kql::check::unknown_function"
    );
    assert_eq!(
        code("EmailEvents | evaluate narrow()"),
        "kql::check::unsupported"
    );
    assert_eq!(
        code("EmailEvents | evaluate pivott(EmailDirection)"),
        "kql::check::unknown_plugin"
    );
    assert_eq!(
        code("EmailEvents | summarize percentiles_array(AttachmentCount, 50)"),
        "kql::check::unsupported"
    );
}
