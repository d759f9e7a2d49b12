//! Mutation test of the checker: single-token edits that a Kusto engine rejects, made
//! to each seed query and to 20 queries of the hunting corpus (when `../shared` is
//! present), must each be caught by `check` with an error whose span covers the edited
//! token.
//!
//! The edits, each applied alone:
//! - a misspelled column, table, `let` name or function (`SenderFromDomain` →
//!   `SenderFromDomian`: two inner letters swapped);
//! - a misspelled tabular operator (`summarize` → `summarzie`);
//! - one argument too many for a registry function of fixed arity (`tolower(x, 1)`);
//! - a string where a timespan belongs (`ago(7d)` → `ago("7d")`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::path::PathBuf;

use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::{FileTables, check_with_warnings};
use kql_parser::ast::visit::{Visitor, walk_expr, walk_operator};
use kql_parser::ast::{Expr, ExprKind, Literal, Operator, Span};
use miette::Diagnostic;

/// How many clean corpus queries are mutated.
const CORPUS_QUERIES: usize = 20;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One edit: replace `start..end` with `with`.
#[derive(Debug, Clone)]
struct Edit {
    what: &'static str,
    start: usize,
    end: usize,
    with: String,
}

impl Edit {
    fn apply(&self, text: &str) -> String {
        format!("{}{}{}", &text[..self.start], self.with, &text[self.end..])
    }
}

/// `SenderFromDomain` → `SenderFromDomian`: the last two distinct adjacent letters
/// swapped, or a letter doubled when there are none.
fn misspell(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    for i in (1..chars.len().saturating_sub(1)).rev() {
        if chars[i] != chars[i + 1] && chars[i].is_alphabetic() && chars[i + 1].is_alphabetic() {
            let mut out = chars.clone();
            out.swap(i, i + 1);
            return out.into_iter().collect();
        }
    }
    format!("{name}{}", chars.last().copied().unwrap_or('x'))
}

/// Collects the edits of one query.
struct Edits<'t> {
    text: &'t str,
    idents: HashSet<String>,
    edits: Vec<Edit>,
}

impl Edits<'_> {
    fn rename(&mut self, what: &'static str, span: Span, name: &str) {
        let (start, end) = (span.start as usize, span.end as usize);
        // Only a name written as itself (not `['Name']`), misspelled into no other name.
        if self.text.get(start..end) != Some(name) {
            return;
        }
        let with = misspell(name);
        if self.idents.contains(&with) {
            return;
        }
        self.edits.push(Edit {
            what,
            start,
            end,
            with,
        });
    }
}

impl<'a> Visitor<'a> for Edits<'_> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::Name(ident) if !ident.name.starts_with('$') => {
                self.rename("name", ident.span, &ident.name);
            }
            ExprKind::Call { name, args } => {
                self.rename("function", name.span, &name.name);
                let fixed = kql_eval::functions::scalar(&name.name)
                    .filter(|f| f.max_args < 10 && args.len() == f.max_args);
                let user = self_defined(self.text, &name.name);
                if let (Some(_), Some(last), false) = (fixed, args.last(), user) {
                    let end = last.span.end as usize;
                    self.edits.push(Edit {
                        what: "extra argument",
                        start: end,
                        end,
                        with: ", 1".into(),
                    });
                }
                for arg in args {
                    if let ExprKind::Literal(Literal::TimeSpan(Some(_))) = arg.kind {
                        let (start, end) = (arg.span.start as usize, arg.span.end as usize);
                        if let Some(text) = self.text.get(start..end) {
                            self.edits.push(Edit {
                                what: "string for a timespan",
                                start,
                                end,
                                with: format!("\"{text}\""),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        walk_expr(self, expr);
    }

    fn visit_operator(&mut self, op: &'a Operator) {
        let start = op.span.start as usize;
        let word: String = self.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        // `mv-expand`, `project-away`: only plain one-word operators.
        let next = self.text[start + word.len()..].chars().next();
        if word.len() >= 4 && next != Some('-') {
            self.edits.push(Edit {
                what: "operator",
                start,
                end: start + word.len(),
                with: misspell(&word),
            });
        }
        walk_operator(self, op);
    }
}

/// Whether the query defines a function of this name itself (`let f = (x) {...}`),
/// whose arity the registry does not know.
fn self_defined(text: &str, name: &str) -> bool {
    text.contains(&format!("let {name}")) || text.contains(&format!("let {name} "))
}

/// Every identifier-like word of the text (so a misspelling never makes another name).
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Whether `text` checks with an error whose span covers the edit.
fn caught(tables: &FileTables, text: &str, edit: &Edit) -> Result<(), String> {
    let edited = edit.apply(text);
    let (lo, hi) = (edit.start, edit.start + edit.with.len());
    let spans: Vec<(usize, usize, String)> = match kql_parser::parse(&edited) {
        Err(errors) => errors
            .errors
            .iter()
            .map(|e| (e.span().start as usize, e.span().end as usize, code(e)))
            .collect(),
        Ok(script) => match check_with_warnings(&script, tables).result {
            Ok(_) => return Err("accepted".into()),
            Err(errors) => errors
                .iter()
                .map(|e| (e.span().start as usize, e.span().end as usize, code(e)))
                .collect(),
        },
    };
    let covers = |(s, e, _): &(usize, usize, String)| *s <= hi && lo <= (*e).max(*s + 1);
    if spans.iter().any(covers) {
        Ok(())
    } else {
        Err(format!("errors elsewhere: {spans:?}"))
    }
}

fn code(d: &dyn Diagnostic) -> String {
    d.code().map(|c| c.to_string()).unwrap_or_default()
}

/// The seed queries, then the first clean corpus queries of the advanced hunting tables.
fn queries(tables: &FileTables) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ["conversation_takeover.kql", "partner_bec_top_domains.kql"] {
        let path = root().join("queries").join(name);
        out.push((name.to_string(), std::fs::read_to_string(path).unwrap()));
    }
    let corpus = root().join("../shared/corpus/sentinel");
    let Ok(dir) = std::fs::read_dir(&corpus) else {
        eprintln!("corpus not present: seed queries only");
        return out;
    };
    let mut files: Vec<PathBuf> = dir.filter_map(Result::ok).map(|e| e.path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "kql"));
    files.sort();
    let mut taken = 0;
    // Every fifth file, for variety, until 20 clean ones are found.
    for path in files.iter().step_by(5) {
        let text = std::fs::read_to_string(path).unwrap();
        if text.contains("TimeGenerated") || text.contains("bag_unpack") {
            continue;
        }
        let clean = kql_parser::parse(&text)
            .ok()
            .is_some_and(|s| check_with_warnings(&s, tables).result.is_ok());
        if clean && taken < CORPUS_QUERIES {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, text));
            taken += 1;
        }
    }
    out
}

#[test]
fn single_token_edits_are_caught_on_the_edited_token() {
    let tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    let mut total = 0;
    let mut missed = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let queries = queries(&tables);
    // The harness itself: an edit that changes nothing is not caught.
    let (_, seed) = &queries[0];
    let noop = Edit {
        what: "none",
        start: 0,
        end: 0,
        with: String::new(),
    };
    assert_eq!(caught(&tables, seed, &noop), Err("accepted".to_string()));
    for (name, text) in &queries {
        let script = kql_parser::parse(text).unwrap();
        let mut edits = Edits {
            text,
            idents: words(text),
            edits: Vec::new(),
        };
        edits.visit_script(&script);
        for edit in &edits.edits {
            total += 1;
            let entry = by_kind.entry(edit.what).or_default();
            entry.1 += 1;
            match caught(&tables, text, edit) {
                Ok(()) => entry.0 += 1,
                Err(why) => missed.push(format!(
                    "{name}: {} `{}` -> `{}` at {}: {why}",
                    edit.what,
                    &text[edit.start..edit.end],
                    edit.with,
                    edit.start
                )),
            }
        }
    }
    let caught_count = total - missed.len();
    eprintln!(
        "mutations caught: {caught_count}/{total} over {} queries",
        queries.len()
    );
    for (kind, (c, t)) in &by_kind {
        eprintln!("  {kind}: {c}/{t}");
    }
    assert!(total > 100, "too few edits: {total}");
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}
