//! Every query of `../shared/corpus/sentinel/` parses, prints back to the same AST and has
//! sane spans; except the files listed below, which are not a single valid query, and
//! must keep failing (so the list cannot rot). Skipped, with a note, when the corpus is
//! not beside the checkout.

mod common;

use std::path::{Path, PathBuf};

/// Files that are not one valid query, with the reason. Each must fail to parse.
const NOT_A_QUERY: &[(&str, &str)] = &[
    // Named by the corpus README as several queries in one file:
    (
        "as-mdo-summaryofsenders.kql",
        "two tabular expressions separated only by a blank line",
    ),
    (
        "slimkql-the-hunt-for-qr-phisher.kql",
        "four queries one after another without `;`",
    ),
    (
        "reprise99-emailevents-macroreceivedbyemail.kql",
        "an Advanced Hunting and a Sentinel query one after another",
    ),
    (
        "reprise99-emailevents-mostblockeddomains.kql",
        "an Advanced Hunting and a Sentinel query one after another",
    ),
    (
        "reprise99-emailevents-visualizedeliveryactions.kql",
        "an Advanced Hunting and a Sentinel query one after another",
    ),
    (
        "reprise99-emailevents-potentialnewspammer.kql",
        "a query followed by `let` statements of a second one, without `;`",
    ),
    (
        "slimkql-detect-spear-phishing-using-copilot-for-microsoft-365.kql",
        "two queries one after another without `;`",
    ),
    (
        "slimkql-detecting-phishing-emails-with-cloudflare-r2-urls.kql",
        "two queries one after another without `;`",
    ),
    // Not in the README's list, but not valid KQL either:
    (
        "slimkql-social-engineering-attack-monitor-teams-emails.kql",
        "two queries one after another without `;`",
    ),
    (
        "slimkql-lockbit-black-ransomware.kql",
        "a line of prose (`DefenderXDR KQL:`) before the query",
    ),
    (
        "sergio-ia-threat-intelligence-feed-evaluation-based-on-domains-iocs.kql",
        "the first line is a comment written with a single `/`",
    ),
    (
        "benscha-email-ti-tweetfeed.kql",
        "holds git merge-conflict markers (`<<<<<<< HEAD`)",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-suspiciousemailevents-1.kql",
        "a template: `between (<start> .. <end>)` placeholders",
    ),
    (
        "kijo-20240212-mssecexpertblog-qrcodeaitmphishing-5.kql",
        "a template: `in (<List of suspicious Network Message Ids from Alerts>)`",
    ),
    (
        "m4nbat-m365-phishing-coronation-lures-4.kql",
        "a typo: `ago7d)` has no opening parenthesis",
    ),
    (
        "as-ti-map-domain-entity-to-emailurlinfo-updated.kql",
        "`@\"\\[|\\]|\\\"\"`: a backslash does not escape in a verbatim string, so the literal runs on and a later one never closes",
    ),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/sentinel")
}

#[test]
fn every_corpus_query_parses_round_trips_and_has_nested_spans() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        eprintln!("note: {} is absent; corpus test skipped", dir.display());
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "kql"))
        .collect();
    files.sort();
    let mut parsed = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let src = std::fs::read_to_string(path).unwrap();
        if let Some((_, reason)) = NOT_A_QUERY.iter().find(|(f, _)| *f == name) {
            assert!(
                kql_parser::parse(&src).is_err(),
                "{name} is listed as not a query ({reason}) but parses: remove it from the list"
            );
            continue;
        }
        common::check(&src);
        parsed += 1;
    }
    for (name, _) in NOT_A_QUERY {
        assert!(
            dir.join(name).is_file(),
            "listed file {name} is not in the corpus"
        );
    }
    assert_eq!(parsed + NOT_A_QUERY.len(), files.len());
    eprintln!(
        "corpus: {parsed} of {} files parse and round-trip",
        files.len()
    );
}
