//! `externaldata` over local files standing in for its URLs (externaldata-operator.md:
//! the declared schema, `format`, `ignoreFirstRecord`, several URLs concatenated;
//! ingestion-supported-formats.md for the formats).

// Test code: a failing unwrap is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use kql_eval::files::external_cache_name;
use kql_eval::schema::SchemaCatalog;
use kql_eval::table::Table;
use kql_eval::{FileTables, MemoryTables, RunOptions, TableData, check, run};

/// A fresh directory for one test's files.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("kql-externaldata-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `files` (name, content) into a fresh directory.
fn files(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let d = dir(name);
    for (file, content) in files {
        std::fs::write(d.join(file), content).unwrap();
    }
    d
}

fn try_run(src: &str, tables: &FileTables) -> Result<Table, String> {
    let script = kql_parser::parse(src).map_err(|e| format!("parse: {e}"))?;
    let bound = check(&script, tables).map_err(|e| format!("check: {}", e[0]))?;
    let out = run(&bound, tables, &RunOptions::default()).map_err(|e| format!("run: {e}"))?;
    Ok(out.last().unwrap().as_ref().clone())
}

/// `(header, rows as a|b|c)`.
fn eval(src: &str, tables: &FileTables) -> (Vec<String>, Vec<String>) {
    let t = try_run(src, tables).unwrap_or_else(|e| panic!("{src}\n{e}"));
    let header = t
        .schema()
        .fields
        .iter()
        .map(|f| format!("{}:{}", f.name, f.ty))
        .collect();
    let rows = (0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| v.to_kusto_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    (header, rows)
}

fn tables_with(urls: &[(&str, PathBuf)]) -> FileTables {
    let mut t = FileTables::new(SchemaCatalog::default());
    for (url, path) in urls {
        t.add_external_file(*url, path.clone());
    }
    t
}

#[test]
fn csv_with_a_header_converts_to_the_declared_types() {
    let d = files(
        "csv",
        &[(
            "feed.csv",
            "id,url,seen\n1,https://a.test/x,2026-04-10T01:00:00Z\n2,\"https://b.test/y,z\",\n",
        )],
    );
    let t = tables_with(&[("https://h/feed.csv", d.join("feed.csv"))]);
    let q = r#"externaldata(id:long, url:string, seen:datetime) ["https://h/feed.csv"]
               with (format="csv", ignoreFirstRecord=true)"#;
    let (header, rows) = eval(q, &t);
    assert_eq!(header, ["id:long", "url:string", "seen:datetime"]);
    assert_eq!(
        rows,
        [
            "1|https://a.test/x|2026-04-10T01:00:00.0000000Z",
            "2|https://b.test/y,z|"
        ]
    );
    // Without ignoreFirstRecord the header is data, and `id` does not convert: the
    // error names the file, line and column.
    let q = r#"externaldata(id:long, url:string, seen:datetime) ["https://h/feed.csv"] with (format=csv)"#;
    let err = try_run(q, &t).unwrap_err();
    assert!(err.contains("feed.csv:1") && err.contains("`id`"), "{err}");
}

#[test]
fn options_are_case_insensitive_and_format_defaults_from_the_url() {
    let d = files("detect", &[("list.txt", "a.test\r\n\nb.test\n")]);
    let t = tables_with(&[("https://h/list.txt?sig=1", d.join("list.txt"))]);
    // `.txt`: one line per record, empty lines skipped.
    let q = r#"externaldata(Domain:string) [h@"https://h/list.txt?sig=1"]"#;
    assert_eq!(eval(q, &t).1, ["a.test", "b.test"]);
    let q = r#"externaldata(Domain:string) ["https://h/list.txt?sig=1"] with (FORMAT='TXT', ignorefirstrecord=True)"#;
    assert_eq!(eval(q, &t).1, ["b.test"]);
}

#[test]
fn several_urls_are_concatenated_each_skipping_its_header() {
    let d = files("concat", &[("a.csv", "h\n1\n2\n"), ("b.csv", "h\n3\n")]);
    let t = tables_with(&[
        ("https://h/a.csv", d.join("a.csv")),
        ("https://h/b.csv", d.join("b.csv")),
    ]);
    let q = r#"externaldata(n:int) ["https://h/a.csv", "https://h/b.csv"] with (ignoreFirstRecord=true)
               | summarize s = sum(n), c = count()"#;
    assert_eq!(eval(q, &t).1, ["6|3"]);
}

#[test]
fn json_and_multijson_map_fields_by_name() {
    let d = files(
        "json",
        &[
            (
                "drop.json",
                "{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL1\"}\n{\"cidr\":\"2.0.0.0/8\"}\n",
            ),
            (
                "multi.json",
                "[{\"cidr\": \"1.0.0.0/8\"},\n {\"cidr\": \"3.0.0.0/8\"}]\n{\n  \"cidr\": \"4.0.0.0/8\"\n}",
            ),
        ],
    );
    let t = tables_with(&[
        ("https://h/drop.json", d.join("drop.json")),
        ("https://h/multi", d.join("multi.json")),
    ]);
    let q = r#"externaldata(cidr:string) ["https://h/drop.json"] with (format="json")"#;
    assert_eq!(eval(q, &t).1, ["1.10.16.0/20", "2.0.0.0/8"]);
    let q = r#"externaldata(cidr:string) ["https://h/multi"] with (format="multijson")"#;
    assert_eq!(eval(q, &t).1, ["1.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8"]);
}

#[test]
fn a_cache_dir_serves_files_named_after_the_url() {
    let url = "https://raw.githubusercontent.com/org/repo/main/feed.txt";
    assert_eq!(
        external_cache_name(url),
        "raw.githubusercontent.com_org_repo_main_feed.txt"
    );
    let d = files("cache", &[(&external_cache_name(url), "x\n")]);
    let mut t = FileTables::new(SchemaCatalog::default());
    t.add_external_dir(&d);
    assert_eq!(t.external(url), Some(d.join(external_cache_name(url))));
    // The last path segment (what `wget -P DIR URL` saves) is the fallback.
    let d2 = files("cache2", &[("feed.txt", "y\n")]);
    let mut t2 = FileTables::new(SchemaCatalog::default());
    t2.add_external_dir(&d2);
    assert_eq!(t2.external(url), Some(d2.join("feed.txt")));
    let q = format!("externaldata(v:string) [@'{url}'] with (format='txt')");
    assert_eq!(eval(&q, &t).1, ["x"]);
}

#[test]
fn a_url_without_a_file_fails_naming_it_but_checks() {
    let q = r#"let L = externaldata(d:string) [@"https://example.com/feed.txt"] with (format='txt');
               print n = toscalar(L | count)"#;
    let script = kql_parser::parse(q).unwrap();
    // `kql check` needs no data.
    let bound = check(&script, &MemoryTables::default()).unwrap();
    let err = run(&bound, &MemoryTables::default(), &RunOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("https://example.com/feed.txt"), "{text}");
}

#[test]
fn unsupported_options_and_formats_are_refused_at_check() {
    let t = FileTables::new(SchemaCatalog::default());
    let err = try_run(
        r#"externaldata(d:string) ["https://h/x.parquet"] with (format="parquet")"#,
        &t,
    )
    .unwrap_err();
    assert!(
        err.starts_with("check:") && err.contains("parquet"),
        "{err}"
    );
    let err = try_run(
        r#"externaldata(d:string) ["https://h/x.json"] with (format="multijson", ignoreLastRecord=true)"#,
        &t,
    )
    .unwrap_err();
    assert!(err.contains("ignoreLastRecord"), "{err}");
    let err = try_run(
        r#"externaldata(a:string, b:string) ["https://h/x"] with (format="txt")"#,
        &t,
    )
    .unwrap_err();
    assert!(err.contains("txt"), "{err}");
}

#[test]
fn compressed_files_are_refused() {
    let d = dir("zip");
    std::fs::write(d.join("f.csv.zip"), b"PK\x03\x04rest").unwrap();
    let t = tables_with(&[("https://h/f.csv.zip", d.join("f.csv.zip"))]);
    let err = try_run(r#"externaldata(d:string) ["https://h/f.csv.zip"]"#, &t).unwrap_err();
    assert!(err.contains("compressed"), "{err}");
}
