//! Every query of the hunting corpus (`../shared/corpus/sentinel`, when it is beside the
//! checkout) runs through `kql run` over generated EmailEvents data, the other tables
//! empty (`--allow-empty-tables`), each `externaldata` URL given a local (empty) file and
//! `geo_info_from_ip_address` a GeoIP database the test writes. A query that does not
//! run must be listed in [`DOES_NOT_RUN`] with the error it gets and why that is right,
//! so the list can neither hide a regression nor go stale.

// Test code: a failing unwrap is a failing test (clippy exempts only `#[test]` bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
#[path = "../../kql-eval/tests/support/mmdb_writer.rs"]
mod mmdb_writer;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{kql, repo, text};
use kql_eval::files::external_cache_name;
use mmdb_writer::{CityRecord, city_database};

/// Files holding several queries separated by blank lines, run with `--each-block` (each
/// block its own query, as the editors run the block under the cursor): the files the
/// corpus README names as several queries, and
/// `slimkql-social-engineering-attack-monitor-teams-emails`, whose two headed blocks
/// ("External Teams Tenant Spray Monitor", "External Inbound Email Spray Monitor") are
/// two queries too.
const EACH_BLOCK: &[&str] = &[
    "as-mdo-summaryofsenders",
    "reprise99-emailevents-macroreceivedbyemail",
    "reprise99-emailevents-mostblockeddomains",
    "reprise99-emailevents-potentialnewspammer",
    "reprise99-emailevents-visualizedeliveryactions",
    "slimkql-detect-spear-phishing-using-copilot-for-microsoft-365",
    "slimkql-detecting-phishing-emails-with-cloudflare-r2-urls",
    "slimkql-social-engineering-attack-monitor-teams-emails",
    "slimkql-the-hunt-for-qr-phisher",
];

/// Corpus files that do not run: (file stem, a fragment of the error, why).
const DOES_NOT_RUN: &[(&str, &str, &str)] = &[
    (
        "slimkql-the-hunt-for-qr-phisher",
        "unknown table or name `QRPhish`",
        "run by block, its fourth step reads `QRPhish`, a table the reader imports into Azure Data Explorer from the previous step's CSV (and its fifth `AADUserRiskEvents`, which has no built-in schema)",
    ),
    (
        "slimkql-lockbit-black-ransomware",
        "expected `;` or the end of the query, found `KQL`",
        "prose (`DefenderXDR KQL:`) between two queries",
    ),
    (
        "as-ti-map-domain-entity-to-emailurlinfo-updated",
        "2 syntax errors",
        "`@\"\\[|\\]|\\\"\"` ends the verbatim string at `\"\"`, so the call never closes: a real syntax error upstream",
    ),
    (
        "benscha-email-ti-tweetfeed",
        "4 syntax errors",
        "an unresolved git merge conflict (`<<<<<<< HEAD`) in the upstream file",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-suspiciousemailevents-1",
        "expected an expression, found `<`",
        "`between (<start> .. <end>)`: placeholders for the reader to fill in",
    ),
    (
        "kijo-20240212-mssecexpertblog-qrcodeaitmphishing-5",
        "expected an expression, found `<`",
        "`<...>` placeholders for the reader to fill in",
    ),
    (
        "m4nbat-m365-phishing-coronation-lures-4",
        "expected `;` or the end of the query, found `)`",
        "`ago7d)`: a typo upstream",
    ),
    (
        "sergio-ia-threat-intelligence-feed-evaluation-based-on-domains-iocs",
        "expected an expression, found `/`",
        "the first line starts with `/` instead of `//`",
    ),
    (
        "as-spam-detection-mails-with-bcl",
        "cannot compare int with string",
        "`BulkComplaintLevel != \"\"` on an int column: Kusto rejects it (\"Cannot compare values of types int and string\")",
    ),
    (
        "cyb3rmik3-recently-received-emails-with-attachments",
        "cannot compare int with string",
        "an int column compared with a string literal: Kusto rejects it",
    ),
    (
        "cyb3rmik3-review-recent-urlclick-events",
        "cannot compare int with string",
        "an int column compared with a string literal: Kusto rejects it",
    ),
    (
        "benscha-suspicious-sign-in-after-phishing-link-click",
        "cannot compare string with long",
        "a string column compared with a long: Kusto rejects it",
    ),
    (
        "bertjanp-mdo-findrelatedmails-1",
        "cannot compare long with string",
        "a long compared with a string literal: Kusto rejects it",
    ),
    (
        "kijo-10-userinsights-clickedsuspiciousurls-phishmalware-emails",
        "cannot compare bool with string",
        "a bool column compared with a string literal: Kusto rejects it",
    ),
    (
        "kijo-06-mdo-malwaredetection-filtering",
        "unknown column `EOP_detection`",
        "projects `EOP_detection.Phish`, which the query never defines (it defines `MDO_detection`)",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-becreconnaissanceoauthapp-1",
        "unknown column `start`",
        "`between (start .. end)`: placeholders the reader must define",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-becreconnaissanceoauthapp-2",
        "unknown column `start`",
        "`between (start .. end)`: placeholders the reader must define",
    ),
    (
        "m4nbat-nf-ttp-blackbasta-quickassist-1",
        "unknown column `TenantId`",
        "advanced hunting tables have no `TenantId` (the Log Analytics copies do), and the query names `Timestamp`",
    ),
    (
        "sergio-ic-catching-emojis-into-email-attachment-files-names",
        "unknown column `FileExtension`",
        "EmailAttachmentInfo has no documented `FileExtension` column (defender-email-schemas.md section 2)",
    ),
    (
        "benscha-multi-stage-social-engineering-attack-mail-bombing-external-teams-phis",
        "unknown column `TimeGenerated`",
        "the Teams `MessageEvents` table has `Timestamp` only; only the email tables' Timestamp is aliased",
    ),
    (
        "as-dataverse-terminated-employee-exfiltration-over-email",
        "unknown table or name `MSBizAppsTerminatedEmployees`",
        "a workspace function of the Microsoft Business Applications solution (corpus README)",
    ),
    (
        "as-star-blizzard-domains-august-2022",
        "unknown function `_Im_Dns`",
        "calls the ASIM parser functions `_Im_Dns` and `_Im_WebSession` (corpus README)",
    ),
    (
        "as-emailforwarding-sapdownload",
        "unknown table or name `SAPAuditLog`",
        "a table of the Sentinel SAP solution with no built-in schema: needs the workspace's schema (--schema), which the corpus does not include",
    ),
    (
        "reprise99-ip-labeldowngradethenemail",
        "unknown table or name `InformationProtectionEvents`",
        "the Azure Information Protection table has no built-in schema: needs the workspace's schema (--schema), which the corpus does not include",
    ),
    (
        "slimkql-defenderxdr-advanced-hunting-all-in-one-ip-search",
        "the `search` source is not supported",
        "`search in (...)` over tables of different schemas: its output is `project-smart` (q/search-operator.md, q/find-operator.md: $table, the predicate's columns, the common columns, the rest packed), in an order the docs do not give",
    ),
    (
        "slimkql-defenderxdr-advanced-hunting-all-in-one-upn-search",
        "the `search` source is not supported",
        "`search in (...)` over tables of different schemas: its output is `project-smart` (q/search-operator.md, q/find-operator.md: $table, the predicate's columns, the common columns, the rest packed), in an order the docs do not give",
    ),
    (
        "slimkql-sentinel-all-in-one-ip-threathunt",
        "the `search` source is not supported",
        "`search in (...)` over tables of different schemas: its output is `project-smart` (q/search-operator.md, q/find-operator.md: $table, the predicate's columns, the common columns, the rest packed), in an order the docs do not give",
    ),
    (
        "slimkql-sentinel-all-in-one-upn-threathunt",
        "the `search` source is not supported",
        "`search in (...)` over tables of different schemas: its output is `project-smart` (q/search-operator.md, q/find-operator.md: $table, the predicate's columns, the common columns, the rest packed), in an order the docs do not give",
    ),
    (
        "as-hunt-for-email-bombing-attacks",
        "assigning to several columns",
        "`extend (a, b, c) = series_decompose_anomalies(...)`: kql has no series_decompose_anomalies (its default seasonality detection and fitting are not specified closely enough to reproduce)",
    ),
    (
        "cyb3rmik3-leveraging-spamhaus-drop-list-to-identify-delivered-emails-from-suspic",
        "the `ignoreLastRecord` property",
        "`ignoreLastRecord` is not one of Kusto's documented ingestion properties (the ingest SDK knows `ignoreLastRecordIfInvalid`), so what Kusto does with it is unknown",
    ),
];

fn corpus() -> PathBuf {
    repo().join("../shared/corpus/sentinel")
}

/// `n` rows from the reference generator, or `None` without python3 or the generator.
fn generated_email_events(dir: &Path, rows: usize) -> Option<PathBuf> {
    let generator = repo().join("../shared/bench/gen_email_events.py");
    if !generator.is_file() {
        return None;
    }
    let out = dir.join("EmailEvents.jsonl");
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--rows", &rows.to_string()])
        .args([
            "--now",
            "2026-05-10T00:00:00Z",
            "--format",
            "jsonl",
            "--out",
        ])
        .arg(&out)
        .output()
        .ok()?;
    status.status.success().then_some(out)
}

/// Two spoofed mails of the last day, appended to the generated rows: the generator
/// makes no recent mail whose DetectionMethods say "spoof", so without them
/// `as-spoof-attempts-with-auth-failure` and `verboon-mdo-authenticationdetails` would
/// unpack zero rows, get no `SPF` column and fail as Kusto would. Their fields follow the
/// real formats (corpus README: `{"Phish":["Spoof DMARC"]}`,
/// `{"SPF":"fail","DKIM":"pass","DMARC":"fail","CompAuth":"fail"}`); every other field
/// is copied from the first generated row.
fn append_spoofed_mails(events: &Path) {
    let text = std::fs::read_to_string(events).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let mut out = text.clone();
    for (n, (sender_domain, method)) in [
        ("contoso.com", "Spoof intra-org"),
        ("fabrikam.example", "Spoof DMARC"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut row = first.clone();
        let fields = row.as_object_mut().unwrap();
        let id = format!("00000000-0000-4000-8000-00000000000{n}");
        let sender = format!("ceo@{sender_domain}");
        for (key, value) in [
            ("Timestamp", "2026-05-09T12:00:00Z".to_string()),
            ("NetworkMessageId", id.clone()),
            ("ReportId", format!("{id}-1")),
            ("EmailDirection", "Inbound".to_string()),
            ("SenderFromAddress", sender.clone()),
            ("SenderMailFromAddress", sender),
            ("SenderFromDomain", sender_domain.to_string()),
            ("SenderMailFromDomain", sender_domain.to_string()),
            ("ThreatTypes", "Phish".to_string()),
            ("DetectionMethods", format!(r#"{{"Phish":["{method}"]}}"#)),
            (
                "AuthenticationDetails",
                r#"{"SPF":"fail","DKIM":"pass","DMARC":"fail","CompAuth":"fail"}"#.to_string(),
            ),
        ] {
            fields.insert(key.to_string(), serde_json::Value::String(value));
        }
        out.push_str(&row.to_string());
        out.push('\n');
    }
    std::fs::write(events, out).unwrap();
}

/// A City database covering some of the generator's sender networks.
fn geoip_database(path: &Path) {
    let city = |network, country, state, city, latitude, longitude| CityRecord {
        network,
        country: Some(country),
        state: Some(state),
        city: Some(city),
        latitude: Some(latitude),
        longitude: Some(longitude),
    };
    let bytes = city_database(&[
        city(
            "20.0.0.0/8",
            "United States",
            "Virginia",
            "Boydton",
            36.6676,
            -78.3875,
        ),
        city(
            "62.0.0.0/8",
            "Germany",
            "Hesse",
            "Frankfurt am Main",
            50.1109,
            8.6821,
        ),
        city(
            "103.0.0.0/8",
            "Singapore",
            "Singapore",
            "Singapore",
            1.2897,
            103.8501,
        ),
        city(
            "185.0.0.0/8",
            "Netherlands",
            "North Holland",
            "Amsterdam",
            52.3740,
            4.8897,
        ),
        CityRecord {
            network: "193.0.0.0/8",
            country: Some("Russia"),
            ..CityRecord::default()
        },
    ]);
    std::fs::write(path, bytes).unwrap();
}

/// Every `http(s)://...` text of a query, up to the quote that ends it.
fn urls(query: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in query.match_indices("http") {
        let tail = &query[start..];
        if !(tail.starts_with("http://") || tail.starts_with("https://")) {
            continue;
        }
        let end = tail
            .find(|c: char| c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(tail.len());
        found.push(tail[..end].to_string());
    }
    found
}

/// The first diagnostic line (`× ...`) of a failed run.
fn first_error(stderr: &str) -> String {
    stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("× ").map(str::to_string))
        .or_else(|| {
            stderr
                .lines()
                .find(|l| !l.trim().is_empty())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

#[test]
fn every_corpus_query_runs_or_is_listed_with_its_reason() {
    let dir = corpus();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus at {}", dir.display());
        return;
    };
    let work = std::env::temp_dir().join(format!("kql-corpus-run-{}", std::process::id()));
    let data = work.join("data");
    let external = work.join("external");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&external).unwrap();
    let Some(events) = generated_email_events(&data, 2000) else {
        eprintln!("skipped: no python3 or no ../shared/bench/gen_email_events.py");
        return;
    };
    append_spoofed_mails(&events);
    let geoip = work.join("city.mmdb");
    geoip_database(&geoip);

    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "kql"))
        .collect();
    files.sort();
    let mut ran = 0;
    let mut problems = Vec::new();
    for file in &files {
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let query = std::fs::read_to_string(file).unwrap();
        for url in urls(&query) {
            std::fs::write(external.join(external_cache_name(&url)), "").unwrap();
        }
        let mut args = vec![
            "run",
            "--format",
            "csv",
            "--now",
            "2026-05-10T00:00:00Z",
            "--allow-empty-tables",
            "--data",
            data.to_str().unwrap(),
            "--external-dir",
            external.to_str().unwrap(),
            "--geoip",
            geoip.to_str().unwrap(),
            file.to_str().unwrap(),
        ];
        if EACH_BLOCK.contains(&stem) {
            args.insert(1, "--each-block");
        }
        let out = kql(&args, None);
        let stderr = text(&out.stderr);
        assert!(
            !stderr.contains("panicked") && out.status.code().is_some(),
            "{stem} crashed: {stderr}"
        );
        let listed = DOES_NOT_RUN.iter().find(|(f, _, _)| *f == stem);
        match (out.status.success(), listed) {
            (true, None) => ran += 1,
            (true, Some(_)) => {
                problems.push(format!("{stem} runs now: remove it from DOES_NOT_RUN"))
            }
            (false, None) => problems.push(format!("{stem}: {}", first_error(&stderr))),
            (false, Some((_, fragment, _))) if !stderr.contains(fragment) => {
                problems.push(format!(
                    "{stem} fails, but not with `{fragment}`: {}",
                    first_error(&stderr)
                ))
            }
            (false, Some(_)) => {}
        }
    }
    let _ = std::fs::remove_dir_all(&work);
    eprintln!("ran {ran}/{}", files.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
