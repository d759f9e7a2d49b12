//! Helpers shared by the parser's integration tests.
#![allow(dead_code)]

use kql_parser::ast::visit::{Node, Visitor};
use kql_parser::ast::{Script, Span};

/// Parses `src`, panicking with every error (and its text) on failure.
pub fn parse_ok(src: &str) -> Script {
    match kql_parser::parse(src) {
        Ok(script) => script,
        Err(errors) => {
            let mut msg = String::new();
            for e in errors.iter() {
                let s = e.span();
                let text = src.get(s.range()).unwrap_or("?");
                msg.push_str(&format!("\n  {e} at {}..{} `{text}`", s.start, s.end));
            }
            panic!("failed to parse:\n{src}\nerrors:{msg}");
        }
    }
}

/// Prints `script`, parses the print and checks it is the same AST (spans aside), and that
/// printing again gives the same text. Returns the canonical text.
pub fn round_trip(src: &str, script: &Script) -> String {
    let printed = script.to_string();
    let again = match kql_parser::parse(&printed) {
        Ok(again) => again,
        Err(errors) => panic!(
            "canonical print does not parse:\n--- source\n{src}\n--- printed\n{printed}\n--- errors\n{errors:?}"
        ),
    };
    assert!(
        again == *script,
        "round trip changed the AST:\n--- source\n{src}\n--- printed\n{printed}\n--- first\n{}\n--- second\n{}",
        kql_parser::ast::dump(script),
        kql_parser::ast::dump(&again)
    );
    assert_eq!(again.to_string(), printed, "printing is not idempotent");
    printed
}

/// Checks that every node's span lies inside the source and inside its parent's span.
pub fn check_spans(src: &str, script: &Script) {
    struct Spans<'s> {
        len: u32,
        src: &'s str,
        stack: Vec<(Span, &'static str)>,
        nodes: usize,
    }
    impl<'a> Visitor<'a> for Spans<'_> {
        fn enter(&mut self, node: Node<'a>) {
            let span = node.span();
            let kind = node.kind_name();
            self.nodes += 1;
            assert!(
                span.start <= span.end && span.end <= self.len,
                "{kind} span {span:?} is outside the source (length {})",
                self.len
            );
            if let Some((parent, parent_kind)) = self.stack.last() {
                assert!(
                    parent.start <= span.start && span.end <= parent.end,
                    "{kind} span {span:?} `{}` is outside its parent {parent_kind} {parent:?} `{}`",
                    &self.src[span.range()],
                    &self.src[parent.range()],
                );
            }
            self.stack.push((span, kind));
        }
        fn leave(&mut self, _node: Node<'a>) {
            self.stack.pop();
        }
    }
    let mut v = Spans {
        len: u32::try_from(src.len()).unwrap_or(u32::MAX),
        src,
        stack: Vec::new(),
        nodes: 0,
    };
    v.visit_script(script);
    assert!(v.stack.is_empty());
    assert!(v.nodes > 0);
}

/// Parse, round-trip and span-check; returns the canonical text.
pub fn check(src: &str) -> String {
    let script = parse_ok(src);
    check_spans(src, &script);
    round_trip(src, &script)
}
