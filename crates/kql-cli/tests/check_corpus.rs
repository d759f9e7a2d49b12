//! `kql check` over the hunting corpus (`../shared/corpus/sentinel`, when present):
//! every diagnostic it gives is listed here with why it is right, so a new false
//! rejection (or a lost true one) fails the test. Errors are what a Kusto engine would
//! reject too (or tables no schema describes); warnings are judged one by one.

mod common;

use common::{kql, repo};
use serde_json::Value;

/// Error or warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    E,
    W,
}
use Level::{E, W};

/// (file without `.kql`, line, level, code without `kql::...::`, why it is right).
const EXPECTED: &[(&str, usize, Level, &str, &str)] = &[
    (
        "as-dataverse-terminated-employee-exfiltration-over-email",
        23,
        E,
        "unknown_table",
        "custom table of the Dataverse solution, no built-in schema (give it with --schema)",
    ),
    (
        "as-emailforwarding-sapdownload",
        24,
        E,
        "unknown_table",
        "SAP solution table, no built-in schema",
    ),
    (
        "as-emailforwarding-sapdownload",
        11,
        W,
        "has_not_a_term",
        "true positive: `UserId has \"@\"` means contains; `@` is no term",
    ),
    (
        "as-emailforwarding-sapdownload",
        17,
        W,
        "has_not_a_term",
        "true positive: `has \".\"` / `has \"[\"` test for a character, not a term",
    ),
    (
        "as-emailforwarding-sapdownload",
        17,
        W,
        "has_not_a_term",
        "true positive: `has \".\"` / `has \"[\"` test for a character, not a term",
    ),
    (
        "as-hunt-for-email-bombing-attacks",
        5,
        W,
        "unsupported",
        "valid KQL: tuple assignment from a function returning several columns",
    ),
    (
        "as-mdo-summaryofsenders",
        8,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "as-potentially-malicious-svg-file-delivered-into-inbox",
        1,
        W,
        "unused_let",
        "true positive: the let is never used",
    ),
    (
        "as-spam-detection-mails-with-bcl",
        3,
        E,
        "type_mismatch",
        "upstream bug: BulkComplaintLevel (int) != \"\"",
    ),
    (
        "as-star-blizzard-domains-august-2022",
        4,
        W,
        "fuzzy_union_leg",
        "true: the `union isfuzzy=true` leg reading `CommonSecurityLog` (no built-in schema or an ASIM parser function) is left out, as Kusto does",
    ),
    (
        "as-star-blizzard-domains-august-2022",
        9,
        W,
        "fuzzy_union_leg",
        "true: the `union isfuzzy=true` leg reading `_Im_Dns` (no built-in schema or an ASIM parser function) is left out, as Kusto does",
    ),
    (
        "as-star-blizzard-domains-august-2022",
        13,
        W,
        "fuzzy_union_leg",
        "true: the `union isfuzzy=true` leg reading `_Im_WebSession` (no built-in schema or an ASIM parser function) is left out, as Kusto does",
    ),
    (
        "as-star-blizzard-domains-august-2022",
        17,
        W,
        "fuzzy_union_leg",
        "true: the `union isfuzzy=true` leg reading `VMConnection` (no built-in schema or an ASIM parser function) is left out, as Kusto does",
    ),
    (
        "as-star-blizzard-domains-august-2022",
        34,
        W,
        "fuzzy_union_leg",
        "true: the `union isfuzzy=true` leg reading `AzureDiagnostics` (no built-in schema or an ASIM parser function) is left out, as Kusto does",
    ),
    (
        "as-ti-map-domain-entity-to-emailurlinfo-updated",
        12,
        E,
        "unclosed_delimiter",
        "upstream syntax error: in @\"...\"\" a doubled quote is a quote, so the string runs on",
    ),
    (
        "as-ti-map-domain-entity-to-emailurlinfo-updated",
        12,
        E,
        "unterminated_string",
        "upstream syntax error: in @\"...\"\" a doubled quote is a quote, so the string runs on",
    ),
    (
        "benscha-email-sendername-spoofing-switzerland",
        1,
        W,
        "unused_let",
        "true positive: `let PhishHits = \"\"` is never used",
    ),
    (
        "benscha-email-ti-tweetfeed",
        14,
        E,
        "unexpected_token",
        "not a query: a template with <placeholders>",
    ),
    (
        "benscha-email-ti-tweetfeed",
        16,
        E,
        "unexpected_token",
        "not a query: a template with <placeholders>",
    ),
    (
        "benscha-email-ti-tweetfeed",
        17,
        E,
        "unexpected_token",
        "not a query: a template with <placeholders>",
    ),
    (
        "benscha-email-ti-tweetfeed",
        18,
        E,
        "invalid_number",
        "not a query: a template with <placeholders> (a bare hash)",
    ),
    (
        "benscha-multi-stage-social-engineering-attack-mail-bombing-external-teams-phis",
        57,
        E,
        "unknown_column",
        "MessageEvents (Teams) has no built-in Sentinel schema; its advanced hunting copy has no TimeGenerated",
    ),
    (
        "benscha-multi-stage-social-engineering-attack-mail-bombing-external-teams-phis",
        75,
        E,
        "unknown_column",
        "DeviceInfo has no built-in Sentinel schema; its advanced hunting copy has no TimeGenerated",
    ),
    (
        "benscha-suspicious-sign-in-after-phishing-link-click",
        65,
        E,
        "type_mismatch",
        "upstream bug: SigninLogs.ResultType is a string, compared with 0",
    ),
    (
        "benscha-suspicious-sign-in-after-phishing-link-click",
        73,
        E,
        "type_mismatch",
        "upstream bug: SigninLogs.ResultType is a string, compared with 0",
    ),
    (
        "bertjanp-mdo-findrelatedmails-1",
        3,
        E,
        "type_mismatch",
        "upstream bug: EmailClusterId (long) == a string let",
    ),
    (
        "cyb3rmik3-leveraging-spamhaus-drop-list-to-identify-delivered-emails-from-suspic",
        4,
        W,
        "unsupported",
        "valid KQL: an externaldata property kql does not implement",
    ),
    (
        "cyb3rmik3-recently-received-emails-with-attachments",
        7,
        E,
        "type_mismatch",
        "upstream bug: AttachmentCount (int) != \"0\"",
    ),
    (
        "cyb3rmik3-review-recent-urlclick-events",
        6,
        E,
        "type_mismatch",
        "upstream bug: UrlCount (int) != \"0\"",
    ),
    (
        "kijo-06-mdo-malwaredetection-filtering",
        14,
        E,
        "unknown_column",
        "upstream bug: EOP_detection is never defined (MDO_detection is)",
    ),
    (
        "kijo-10-userinsights-clickedsuspiciousurls-phishmalware-emails",
        3,
        E,
        "type_mismatch",
        "upstream bug: IsClickedThrough (bool) != \"0\"",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-becreconnaissanceoauthapp-1",
        2,
        E,
        "unknown_column",
        "fragment: `start`/`end` are left for the reader to define",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-becreconnaissanceoauthapp-2",
        2,
        E,
        "unknown_column",
        "fragment: `start`/`end` are left for the reader to define",
    ),
    (
        "kijo-20231212-mssecurityblog-oauthapplications-suspiciousemailevents-1",
        2,
        E,
        "unexpected_token",
        "not a query: a template with <placeholders>",
    ),
    (
        "kijo-20240212-mssecexpertblog-qrcodeaitmphishing-5",
        4,
        E,
        "unexpected_token",
        "not a query: a template with <placeholders>",
    ),
    (
        "m4nbat-m365-phishing-coronation-lures-4",
        3,
        E,
        "unexpected_token",
        "upstream typo: `ago7d)` leaves a `)` unopened",
    ),
    (
        "m4nbat-nf-ttp-blackbasta-quickassist-1",
        7,
        E,
        "unknown_column",
        "upstream bug: mixes TenantId (Sentinel only) with Timestamp (advanced hunting only); no variant has both",
    ),
    (
        "m4nbat-vidar-kusto-query-1",
        4,
        W,
        "unused_let",
        "true positive: the let is never used",
    ),
    (
        "m4nbat-vidar-kusto-query-1",
        5,
        W,
        "unused_let",
        "true positive: the let is never used",
    ),
    (
        "reprise99-emailevents-macroreceivedbyemail",
        26,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "reprise99-emailevents-mostblockeddomains",
        20,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "reprise99-emailevents-potentialnewspammer",
        31,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "reprise99-emailevents-visualizedeliveryactions",
        16,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "reprise99-ip-labeldowngradethenemail",
        10,
        E,
        "unknown_table",
        "InformationProtectionEvents: a retired table with no built-in schema",
    ),
    (
        "sergio-ia-threat-intelligence-feed-evaluation-based-on-domains-iocs",
        1,
        E,
        "unexpected_token",
        "not a query: starts with prose (`/` of a URL outside a comment)",
    ),
    (
        "sergio-ic-catching-emojis-into-email-attachment-files-names",
        3,
        E,
        "unknown_column",
        "upstream bug: EmailAttachmentInfo has no FileExtension column",
    ),
    (
        "slimkql-defenderxdr-advanced-hunting-all-in-one-ip-search",
        8,
        E,
        "unknown_table",
        "`search in (...)` names tables kql has no built-in schema for (CloudAuditEvents, DeviceNetworkInfo, BehaviorEntities); over tables of different schemas it would then be refused (project-smart output)",
    ),
    (
        "slimkql-defenderxdr-advanced-hunting-all-in-one-upn-search",
        8,
        E,
        "unknown_table",
        "`search in (...)` names tables kql has no built-in schema for (BehaviorEntities, BehaviorInfo, DeviceImageLoadEvents, DeviceRegistryEvents, CloudAuditEvents); over tables of different schemas it would then be refused (project-smart output)",
    ),
    (
        "slimkql-detect-spear-phishing-using-copilot-for-microsoft-365",
        28,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "slimkql-detecting-phishing-emails-with-cloudflare-r2-urls",
        21,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "slimkql-lockbit-black-ransomware",
        9,
        E,
        "unexpected_token",
        "not a query: prose after the query",
    ),
    (
        "slimkql-sentinel-all-in-one-ip-threathunt",
        8,
        E,
        "unknown_table",
        "`search in (...)` names tables kql has no built-in schema for (Anomalies, CommonSecurityLog, AzureActivity, SecurityEvent); over tables of different schemas it would then be refused (project-smart output)",
    ),
    (
        "slimkql-sentinel-all-in-one-upn-threathunt",
        8,
        E,
        "unknown_table",
        "`search in (...)` names tables kql has no built-in schema for (Anomalies, CommonSecurityLog, AzureActivity, SecurityEvent); over tables of different schemas it would then be refused (project-smart output)",
    ),
    (
        "slimkql-social-engineering-attack-monitor-teams-emails",
        21,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
    (
        "slimkql-the-hunt-for-qr-phisher",
        18,
        E,
        "unexpected_token",
        "multi-query file: several queries without `;` between them",
    ),
];

#[test]
fn corpus_diagnostics_are_all_known_and_justified() {
    let corpus = repo().join("../shared/corpus/sentinel");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not present", corpus.display());
        return;
    }
    let out = kql(
        &[
            "check",
            "--format",
            "json",
            corpus.to_str().unwrap_or_default(),
        ],
        None,
    );
    let records: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let records = records.as_array().cloned().unwrap_or_default();
    let mut actual = Vec::new();
    for r in &records {
        let file = r["file"].as_str().unwrap_or_default();
        let stem = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".kql");
        let code = r["code"].as_str().unwrap_or_default();
        let code = code.rsplit("::").next().unwrap_or(code);
        let level = if r["severity"] == "error" { E } else { W };
        let line = r["line"].as_u64().unwrap_or(0) as usize;
        eprintln!(
            "{level:?} {stem}:{line} {code}: {}",
            r["message"].as_str().unwrap_or_default()
        );
        actual.push((stem.to_string(), line, level, code.to_string()));
    }
    let expected: Vec<(String, usize, Level, String)> = EXPECTED
        .iter()
        .map(|(f, l, s, c, why)| {
            assert!(!why.is_empty(), "{f}:{l} has no reason");
            (f.to_string(), *l, *s, c.to_string())
        })
        .collect();
    let missing: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let unexpected: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "missing: {missing:#?}\nunexpected: {unexpected:#?}"
    );
    assert_eq!(actual.len(), expected.len(), "a diagnostic is repeated");
    let errors = actual.iter().filter(|a| a.2 == E).count();
    eprintln!(
        "{} diagnostics: {errors} errors, {} warnings",
        actual.len(),
        actual.len() - errors
    );
    // Errors in the corpus make the check fail, as they should.
    assert_eq!(out.status.code(), Some(1));
}
