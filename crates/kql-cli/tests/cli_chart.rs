//! `kql run --chart FILE.svg|FILE.html`: the chart file a query with `render` makes,
//! read back as XML (title, axis titles, one line per series with a point per row, a
//! bar per row, a slice per row), and the refusals.

// Test code: a failing unwrap is a failing test (clippy exempts only `#[test]` bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use common::{kql, temp_file, text};

const MAIL: &str = "datatable(Day:datetime, Direction:string, Count:long)[
    datetime(2026-05-01), 'Inbound', 3,
    datetime(2026-05-02), 'Inbound', 5,
    datetime(2026-05-03), 'Inbound', 4,
    datetime(2026-05-01), 'Outbound', 2,
    datetime(2026-05-02), 'Outbound', 1,
    datetime(2026-05-03), 'Outbound', 6,
]";

/// The first series' colour, as plotters writes it.
const FIRST: &str = "#1F77B4";

/// Runs `query` with `--chart NAME`: (exit code, stderr, the chart file's text).
fn chart(test: &str, query: &str, name: &str) -> (i32, String, Option<String>) {
    let file = temp_file(test, "query.kql", query);
    let out_path: PathBuf = file.with_file_name(name);
    let _ = std::fs::remove_file(&out_path);
    let out = kql(
        &[
            "run",
            "--chart",
            out_path.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        None,
    );
    (
        out.status.code().unwrap_or(-1),
        text(&out.stderr),
        std::fs::read_to_string(&out_path).ok(),
    )
}

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// Elements named `tag` whose `attribute` is `value`.
fn count<'a>(
    doc: &'a roxmltree::Document,
    tag: &str,
    attribute: &str,
    value: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute(attribute) == Some(value))
        .collect()
}

#[test]
fn a_timechart_is_an_svg_with_its_titles_and_a_line_per_series() {
    let query = format!(
        "{MAIL} | render timechart with (title='Mail per day', xtitle='Day of mail', ytitle='Messages')"
    );
    let (code, stderr, svg) = chart("timechart", &query, "mail.svg");
    assert_eq!(code, 0, "{stderr}");
    let svg = svg.unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(doc.root_element().has_tag_name("svg"));
    let texts = texts(&doc);
    for wanted in [
        "Mail per day",
        "Day of mail",
        "Messages",
        "Inbound",
        "Outbound",
        "05-02 00:00",
    ] {
        assert!(
            texts.iter().any(|t| t == wanted),
            "no `{wanted}` in {texts:?}"
        );
    }
    // One line per Direction (visualization-timechart: "One string column values are
    // used to group the numeric columns and create different lines"), a point per row.
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        assert_eq!(
            line.attribute("points").unwrap().split_whitespace().count(),
            3
        );
    }
    assert!(!stderr.contains("note:"), "{stderr}");
}

#[test]
fn a_columnchart_has_a_bar_per_row() {
    let query =
        format!("{MAIL} | where Direction == 'Inbound' | project Day, Count | render columnchart");
    let (code, stderr, svg) = chart("columnchart", &query, "bars.svg");
    assert_eq!(code, 0, "{stderr}");
    let svg = svg.unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Three bars and the legend's swatch.
    assert_eq!(count(&doc, "rect", "fill", FIRST).len(), 4);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "2026-05-03"), "{texts:?}");
}

#[test]
fn a_stacked_barchart_and_a_hidden_legend() {
    let query = format!(
        "{MAIL} | project Day, Direction, Count | render barchart with (kind=stacked, legend=hidden)"
    );
    let (code, stderr, svg) = chart("barchart", &query, "bars.svg");
    assert_eq!(code, 0, "{stderr}");
    let doc = roxmltree::Document::parse(svg.as_deref().unwrap()).unwrap();
    assert_eq!(count(&doc, "rect", "fill", FIRST).len(), 3);
    assert!(!texts(&doc).iter().any(|t| t == "Inbound"));
}

#[test]
fn a_piechart_has_a_slice_per_row() {
    let query = format!(
        "{MAIL} | summarize sum(Count) by Direction | render piechart with (title='Directions')"
    );
    let (code, stderr, svg) = chart("piechart", &query, "pie.svg");
    assert_eq!(code, 0, "{stderr}");
    let doc = roxmltree::Document::parse(svg.as_deref().unwrap()).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("polygon"))
            .count(),
        2
    );
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "Directions"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Outbound"), "{texts:?}");
}

#[test]
fn an_html_chart_is_a_page_embedding_the_svg() {
    let query = format!("{MAIL} | render timechart with (title='Mail & more')");
    let (code, stderr, html) = chart("html", &query, "mail.HTML");
    assert_eq!(code, 0, "{stderr}");
    let html = html.unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Mail &amp; more</title>"));
    let start = html.find("<svg").unwrap();
    let end = html.rfind("</svg>").unwrap() + "</svg>".len();
    roxmltree::Document::parse(&html[start..end]).unwrap();
    // Self-contained: nothing is fetched.
    for fetch in ["<script", "<link", "src=", "href=", "@import"] {
        assert!(!html.contains(fetch), "{fetch}");
    }
}

#[test]
fn the_last_result_that_renders_is_charted() {
    let query = format!(
        "{MAIL} | summarize sum(Count) by Direction | render piechart;\n{MAIL} | take 1;\n{MAIL} | where Direction == 'Inbound' | project Day, Count | render columnchart with (title='Second')"
    );
    let (code, stderr, svg) = chart("several", &query, "last.svg");
    assert_eq!(code, 0, "{stderr}");
    assert!(svg.unwrap().contains("Second"));
}

#[test]
fn without_chart_the_table_is_printed_and_stderr_says_a_chart_was_asked_for() {
    let file = temp_file("note", "query.kql", &format!("{MAIL} | render timechart"));
    let out = kql(&["run", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("(6 rows"));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("PrimaryResult asks for a timechart") && stderr.contains("--chart"),
        "{stderr}"
    );
}

#[test]
fn refusals() {
    let png = chart("png", &format!("{MAIL} | render timechart"), "mail.png");
    assert_eq!(png.0, 2);
    assert!(png.1.contains("kql::chart::file_type"), "{}", png.1);
    let none = chart("none", MAIL, "mail.svg");
    assert_eq!(none.0, 1);
    assert!(none.1.contains("kql::chart::no_render"), "{}", none.1);
    assert!(none.2.is_none());
    let ladder = chart(
        "ladder",
        &format!("{MAIL} | render ladderchart"),
        "mail.svg",
    );
    assert_eq!(ladder.0, 1);
    assert!(
        ladder.1.contains("kql::chart::unsupported_chart"),
        "{}",
        ladder.1
    );
    let log = chart(
        "log",
        &format!("{MAIL} | render timechart with (yaxis=log)"),
        "mail.svg",
    );
    assert!(
        log.1.contains("kql::chart::unsupported_property"),
        "{}",
        log.1
    );
    let text_x = chart(
        "textx",
        &format!("{MAIL} | project Direction, Count | render timechart"),
        "mail.svg",
    );
    assert!(text_x.1.contains("kql::chart::column_type"), "{}", text_x.1);
    // A refused chart leaves no table half-written either.
    let out = kql(
        &["run", "--chart", "x.svg", "-"],
        Some(&format!("{MAIL} | render card")),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
