//! No input may panic or overflow the stack: deep nesting hits `MAX_DEPTH` and gets an
//! error. These run on the default 2 MiB test-thread stack, in debug builds.

use kql_parser::{MAX_DEPTH, ParseError, parse};

fn too_deep(src: &str) -> bool {
    match parse(src) {
        Ok(_) => false,
        Err(errors) => errors
            .iter()
            .any(|e| matches!(e, ParseError::TooDeep { .. })),
    }
}

#[test]
fn hundred_thousand_nested_parens() {
    let n = 100_000;
    let src = format!("print {}1{}", "(".repeat(n), ")".repeat(n));
    assert!(too_deep(&src));
}

#[test]
fn hundred_thousand_nested_calls_and_brackets() {
    let n = 100_000;
    assert!(too_deep(&format!(
        "print {}1{}",
        "f(".repeat(n),
        ")".repeat(n)
    )));
    assert!(too_deep(&format!("print x{}", "[0]".repeat(n))));
    assert!(too_deep(&format!("print {}1", "-".repeat(n))));
    assert!(too_deep(&format!(
        "print dynamic({}1{})",
        "[".repeat(n),
        "]".repeat(n)
    )));
    assert!(too_deep(&format!("print x{}", ".a".repeat(n))));
    assert!(too_deep(&format!(
        "T | where x in ({}1{})",
        "(".repeat(n),
        ")".repeat(n)
    )));
}

#[test]
fn hundred_thousand_long_operator_chains() {
    let n = 100_000;
    assert!(too_deep(&format!("T{}", " | where x".repeat(n))));
    assert!(too_deep(&format!("print 1{}", " + 1".repeat(n))));
    assert!(too_deep(&format!("print a{}", " or a".repeat(n))));
    assert!(too_deep(&format!(
        "T | mv-apply x on ({})",
        "take 1 | ".repeat(n) + "take 1"
    )));
}

#[test]
fn nesting_up_to_a_reasonable_depth_parses() {
    let n = MAX_DEPTH / 4;
    let src = format!("print {}1{}", "(".repeat(n), ")".repeat(n));
    let script = parse(&src).unwrap();
    assert_eq!(parse(&script.to_string()).unwrap(), script);
    let chain = format!("print 1{}", " + 1".repeat(MAX_DEPTH / 2));
    parse(&chain).unwrap();
}

#[test]
fn deep_let_functions_and_subqueries() {
    let n = 100_000;
    let src = format!(
        "let f = () {{ {}T{} }}; f()",
        "toscalar(".repeat(n),
        ")".repeat(n)
    );
    assert!(too_deep(&src));
    let src = format!(
        "T | join ({}T{}) on x",
        "(T | join ".repeat(n),
        " on x)".repeat(n)
    );
    assert!(too_deep(&src));
}

#[test]
fn deepest_accepted_trees_print_walk_and_drop() {
    use kql_parser::ast::visit::{Node, Visitor};
    struct Count(usize);
    impl<'a> Visitor<'a> for Count {
        fn enter(&mut self, _node: Node<'a>) {
            self.0 += 1;
        }
    }
    for src in [
        format!("print 1{}", " + 1".repeat(MAX_DEPTH - 8)),
        format!("T{}", " | where x".repeat(MAX_DEPTH - 8)),
        format!("print {}1{}", "(".repeat(100), ")".repeat(100)),
        format!("print {}1", "-".repeat(100)),
    ] {
        let script = parse(&src).unwrap();
        let printed = script.to_string();
        assert_eq!(parse(&printed).unwrap(), script);
        let mut count = Count(0);
        count.visit_script(&script);
        assert!(count.0 > 100);
        let _ = kql_parser::ast::dump(&script);
        drop(script);
    }
}

/// With optimisations the stack budget is not what stops nesting: `MAX_DEPTH` is.
#[test]
#[cfg(not(debug_assertions))]
fn release_builds_reach_the_level_limit() {
    let n = MAX_DEPTH - 4;
    let src = format!("print {}1{}", "(".repeat(n), ")".repeat(n));
    parse(&src).unwrap();
    let src = format!("print {}1{}", "f(".repeat(n), ")".repeat(n));
    parse(&src).unwrap();
}

/// Chains stacked on nested chains: `((1 + 1 + ...) + 1 + ...)`. Each level alone is
/// short, but a left-deep chain puts what precedes it at its bottom, so the heights add up.
#[test]
fn stacked_chains_are_bounded_too() {
    let levels = 100;
    let chain = " + 1".repeat(200);
    let src = format!(
        "print {}1{}",
        "(".repeat(levels),
        format!("{chain})").repeat(levels)
    );
    assert!(too_deep(&src));
    let src = format!(
        "print {}1{}",
        "f(".repeat(levels),
        format!("{chain})").repeat(levels)
    );
    assert!(too_deep(&src));
    // The right operand of a chain's first step ends up at its bottom, too.
    let src = format!("print {}", format!("1 + ({chain}").repeat(levels));
    assert!(too_deep(&src));
    let pipes = " | where x".repeat(200);
    let src = format!(
        "{}T{}",
        "(".repeat(levels),
        format!("{pipes})").repeat(levels)
    );
    assert!(too_deep(&src));
}
