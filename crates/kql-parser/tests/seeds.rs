//! The project's seed queries (`queries/*.kql`, and the `query:` of the Sentinel rules
//! `queries/*.yaml`) parse; their ASTs are snapshotted as readable trees.

mod common;

use std::path::{Path, PathBuf};

fn queries_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../queries")
}

fn files(ext: &str) -> Vec<PathBuf> {
    let dir = queries_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn seed_queries_parse_with_snapshotted_asts() {
    let kql = files("kql");
    assert!(kql.len() >= 2, "expected the seed queries in queries/");
    for path in kql {
        let src = std::fs::read_to_string(&path).unwrap();
        let script = common::parse_ok(&src);
        common::check_spans(&src, &script);
        common::round_trip(&src, &script);
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        insta::assert_snapshot!(format!("{name}.ast"), kql_parser::ast::dump(&script));
        insta::assert_snapshot!(format!("{name}.canonical"), script.to_string());
    }
}

#[test]
fn sentinel_rule_queries_parse_like_their_kql_files() {
    let yaml = files("yaml");
    assert!(yaml.len() >= 2, "expected the Sentinel rules in queries/");
    for path in yaml {
        let text = std::fs::read_to_string(&path).unwrap();
        let docs = yaml_rust2::YamlLoader::load_from_str(&text).unwrap();
        let query = docs[0]["query"].as_str().expect("a `query:` field");
        let script = common::parse_ok(query);
        common::check_spans(query, &script);
        let kql = path.with_extension("kql");
        if kql.is_file() {
            let src = std::fs::read_to_string(&kql).unwrap();
            assert_eq!(script, common::parse_ok(&src), "{}", path.display());
        }
    }
}
