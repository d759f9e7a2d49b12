//! Syntax errors: stable codes, the span of the offending token, what was expected, help
//! where it helps; several errors per script; and no panic on any input.

use kql_parser::{ParseError, parse, parse_recovering};

/// One line per error: `code: message @ span `text` (help)`.
fn describe(src: &str) -> String {
    let Err(errors) = parse(src) else {
        return "parses".to_string();
    };
    errors
        .iter()
        .map(|e| {
            let s = e.span();
            let text = src.get(s.range()).unwrap_or("?");
            let help = match e {
                ParseError::Unexpected { help: Some(h), .. }
                | ParseError::UnknownOperator { help: Some(h), .. }
                | ParseError::UnknownKind { help: Some(h), .. }
                | ParseError::UnknownType { help: Some(h), .. }
                | ParseError::InvalidNumber { help: Some(h), .. }
                | ParseError::InvalidLiteral { help: Some(h), .. }
                | ParseError::Invalid { help: Some(h), .. } => format!(" (help: {h})"),
                _ => String::new(),
            };
            format!(
                "{}: {e} @ {}..{} `{text}`{help}",
                e.code_str(),
                s.start,
                s.end
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inputs that must fail, each showing one kind of error.
const BAD: &[&str] = &[
    "T | where",
    "T | take 1 T",
    "T | extnd x = 1",
    "T | summarise count()",
    "T | select a",
    "T | 42",
    "print strcat(\"a\", \"b\"",
    "T | join kind=lefouter (U) on Key",
    "T | lookup kind=rightouter (U) on Key",
    "datatable(Name:strng) [\"a\"]",
    "print \"abc",
    "print \"C:\\dir\"",
    "print 99999999999999999999",
    "print 3x",
    "print ago(2w)",
    "print datetime(2020-13-45)",
    "print datetime(2023-02-29)",
    "print timespan(3 weeks)",
    "print guid(xyz)",
    "print long(1.5)",
    "print int(3000000000)",
    "print 1 # 2",
    "T | where x = 1",
    "let x = 1 let y = 2; y",
    "T | project-rename A",
    "T | evaluate 42",
    "T | invoke x",
    "T | sort Count",
    "T | join (U)",
    "print datetime(2020-01-01",
    "T | parse x with",
    "T)",
    "print dynamic([1, x])",
];

#[test]
fn error_messages() {
    let listing: String = BAD
        .iter()
        .map(|src| format!("{src}\n{}\n\n", describe(src)))
        .collect();
    insta::assert_snapshot!("errors", listing);
}

#[test]
fn unknown_operator_suggests_a_fix() {
    let src = "EmailEvents | extnd x = 1";
    let errors = parse(src).unwrap_err();
    let e = &errors.errors[0];
    assert_eq!(e.code_str(), "kql::parse::unknown_operator");
    assert_eq!(&src[e.span().range()], "extnd");
    let ParseError::UnknownOperator { help, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(help.as_deref(), Some("did you mean `extend`?"));
}

#[test]
fn errors_point_at_the_offending_token() {
    let src = "T | where a > ";
    let e = &parse(src).unwrap_err().errors[0];
    assert_eq!(e.code_str(), "kql::parse::unexpected_token");
    // At the end of input, the error points just after the last token.
    assert_eq!(e.span().start as usize, src.trim_end().len());
    assert!(e.to_string().contains("expected an expression"), "{e}");
}

#[test]
fn one_error_per_statement_at_least() {
    let src = "T | extnd x;\nU | take;\nV | where\n;W | count";
    let (script, errors) = parse_recovering(src);
    assert_eq!(errors.len(), 3, "{errors:#?}");
    // The statement after the errors still parses.
    assert_eq!(script.statements.len(), 4);
    assert!(
        errors
            .windows(2)
            .all(|w| w[0].span().start <= w[1].span().start)
    );
}

#[test]
fn several_errors_in_one_pipeline() {
    let src = "T | extnd x = 1 | summarze count() | where y > 1 | projct a";
    let (script, errors) = parse_recovering(src);
    let names: Vec<&str> = errors.iter().map(|e| &src[e.span().range()]).collect();
    assert_eq!(names, ["extnd", "summarze", "projct"]);
    // The valid step is kept.
    assert!(kql_parser::ast::dump(&script).contains("| Where"));
}

#[test]
fn lexical_and_syntax_errors_together() {
    let src = "print \"open\n; T | where x ==";
    let errors = parse(src).unwrap_err();
    let codes: Vec<String> = errors.iter().map(ParseError::code_str).collect();
    assert!(
        codes.contains(&"kql::parse::unterminated_string".to_string()),
        "{codes:?}"
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn parse_errors_is_a_diagnostic_with_related_errors() {
    use miette::Diagnostic;
    let errors = parse("T | extnd; U | summarze").unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors.to_string(), "2 syntax errors");
    assert_eq!(errors.related().map(Iterator::count), Some(2));
    let one = parse("T | extnd").unwrap_err();
    assert_eq!(
        one.code().map(|c| c.to_string()).as_deref(),
        Some("kql::parse::unknown_operator")
    );
    assert!(one.labels().is_some());
}

/// A tiny deterministic generator for the no-panic test.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
}

#[test]
fn no_input_panics() {
    let seeds = [
        include_str!("../../../queries/conversation_takeover.kql"),
        include_str!("../../../queries/partner_bec_top_domains.kql"),
        "let f = (T:(*), n:long = 1) { T | take n }; datatable(a:int, b:dynamic) [1, dynamic({\"k\": [1, 2.5]})] | invoke f(2) | mv-apply x = b on (take 1) | render timechart with (title=\"t\")",
        "print datetime(2020-01-01), 1.5h, h@'x', ```y```, guid(74be27de-1e4e-49d9-b579-fe0b331d3642), real(-inf)",
    ];
    // Every prefix (on a char boundary) of every seed.
    for seed in seeds {
        for (i, _) in seed.char_indices() {
            let _ = parse_recovering(&seed[..i]);
        }
    }
    // Random splices of seed pieces and punctuation.
    let pieces = [
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "|",
        ";",
        ",",
        "\"",
        "'",
        "@",
        "h",
        "`",
        "!",
        "~",
        "-",
        "..",
        "=",
        "==",
        "=>",
        "$left",
        "datetime(",
        "dynamic(",
        "where",
        "join",
        "on",
        "by",
        "let",
        " ",
        "\n",
        "1",
        "1.5e",
        "2h",
        "x",
        "in~",
        "!has",
        "project-away",
        "//",
        "\u{a0}",
        "é",
    ];
    let mut rng = Lcg(42);
    for _ in 0..20_000 {
        let mut src = String::new();
        for _ in 0..rng.next() % 24 {
            if rng.next().is_multiple_of(4) {
                let seed = seeds[rng.next() % seeds.len()];
                let start = rng.next() % seed.len();
                let end = (start + rng.next() % 40).min(seed.len());
                if let Some(piece) = seed.get(start..end) {
                    src.push_str(piece);
                }
            } else {
                src.push_str(pieces[rng.next() % pieces.len()]);
            }
        }
        let (script, errors) = parse_recovering(&src);
        // Whatever parsed prints and re-parses without panicking either.
        if errors.is_empty() {
            let _ = parse(&script.to_string());
        }
        for e in &errors {
            assert!(e.span().end as usize <= src.len(), "{e:?} in {src:?}");
        }
    }
}
