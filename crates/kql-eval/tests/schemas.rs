//! The built-in table schemas beyond the email tables: which tables each variant carries,
//! their documented column counts and a few types, and that queries mixing advanced
//! hunting and Sentinel-only tables check against either catalog.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use kql_eval::schema::{SchemaCatalog, SchemaVariant, time_column_alias};
use kql_eval::table::Schema;
use kql_eval::{FileTables, check};
use kql_parser::ast::ScalarType;

const ADVANCED_HUNTING_ONLY: [(&str, usize); 19] = [
    ("AADSignInEventsBeta", 46),
    ("AlertEvidence", 42),
    ("AlertInfo", 8),
    ("DeviceEvents", 64),
    ("DeviceFileEvents", 57),
    ("DeviceInfo", 37),
    ("DeviceLogonEvents", 48),
    ("DeviceProcessEvents", 68),
    ("DeviceTvmSoftwareVulnerabilities", 13),
    ("EmailAttachmentInfo", 15),
    ("EntraIdSignInEvents", 52),
    ("ExposureGraphEdges", 11),
    ("ExposureGraphNodes", 6),
    ("IdentityInfo", 46),
    ("IdentityLogonEvents", 26),
    ("MessageEvents", 27),
    ("MessageUrlInfo", 6),
    ("EmailUrlInfo", 8),
    ("EmailPostDeliveryEvents", 15),
];

/// Defender tables with a transcribed Log Analytics copy (besides the email tables).
const LOG_ANALYTICS_COPY: [&str; 6] = [
    "CloudAppEvents",
    "DeviceNetworkEvents",
    "DeviceProcessEvents",
    "DeviceFileEvents",
    "DeviceLogonEvents",
    "DeviceEvents",
];

const SENTINEL_ONLY: [(&str, usize); 6] = [
    ("BehaviorAnalytics", 23),
    ("OfficeActivity", 130),
    ("SecurityAlert", 31),
    ("SigninLogs", 70),
    ("ThreatIntelIndicators", 26),
    ("ThreatIntelligenceIndicator", 61),
];

fn ty(cat: &SchemaCatalog, table: &str, col: &str) -> Option<ScalarType> {
    cat.get(table)?.field(col).map(|f| f.ty)
}

fn len(cat: &SchemaCatalog, table: &str) -> Option<usize> {
    cat.get(table).map(Schema::len)
}

#[test]
fn advanced_hunting_catalog_has_the_documented_tables() {
    let cat = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting);
    for (name, n) in ADVANCED_HUNTING_ONLY {
        assert_eq!(len(&cat, name), Some(n), "{name}");
    }
    assert_eq!(len(&cat, "CloudAppEvents"), Some(36));
    assert_eq!(ty(&cat, "CloudAppEvents", "ISP"), Some(ScalarType::String));
    assert_eq!(ty(&cat, "CloudAppEvents", "Isp"), None);
    assert_eq!(
        ty(&cat, "CloudAppEvents", "RawEventData"),
        Some(ScalarType::Dynamic)
    );
    assert_eq!(
        ty(&cat, "CloudAppEvents", "Timestamp"),
        Some(ScalarType::DateTime)
    );
    assert_eq!(
        ty(&cat, "DeviceProcessEvents", "ReportId"),
        Some(ScalarType::Long)
    );
    assert_eq!(
        ty(&cat, "DeviceNetworkEvents", "RemotePort"),
        Some(ScalarType::Int)
    );
    assert_eq!(
        ty(&cat, "DeviceLogonEvents", "IsLocalAdmin"),
        Some(ScalarType::Bool)
    );
    assert_eq!(
        ty(&cat, "AADSignInEventsBeta", "RiskLevelDuringSignIn"),
        Some(ScalarType::Int)
    );
    assert_eq!(
        ty(&cat, "IdentityLogonEvents", "AdditionalFields"),
        Some(ScalarType::Dynamic)
    );
    assert_eq!(ty(&cat, "ExposureGraphNodes", "Timestamp"), None);
    assert_eq!(
        ty(&cat, "ExposureGraphNodes", "NodeProperties"),
        Some(ScalarType::Dynamic)
    );
}

#[test]
fn sentinel_catalog_has_the_documented_tables() {
    let cat = SchemaCatalog::builtin(SchemaVariant::Sentinel);
    for (name, n) in SENTINEL_ONLY {
        assert_eq!(len(&cat, name), Some(n), "{name}");
    }
    assert_eq!(
        ty(&cat, "SecurityAlert", "ConfidenceScore"),
        Some(ScalarType::Real)
    );
    assert_eq!(
        ty(&cat, "ThreatIntelligenceIndicator", "ThreatSeverity"),
        Some(ScalarType::Int)
    );
    assert_eq!(
        ty(&cat, "ThreatIntelIndicators", "Data"),
        Some(ScalarType::Dynamic)
    );
    assert_eq!(
        ty(&cat, "OfficeActivity", "ExtraProperties"),
        Some(ScalarType::Dynamic)
    );
    // CloudAppEvents has its own Log Analytics copy, with both time columns.
    assert_eq!(len(&cat, "CloudAppEvents"), Some(41));
    assert_eq!(
        ty(&cat, "CloudAppEvents", "TimeGenerated"),
        Some(ScalarType::DateTime)
    );
    assert_eq!(
        ty(&cat, "CloudAppEvents", "TenantId"),
        Some(ScalarType::String)
    );
    // DeviceNetworkEvents' Log Analytics copy: no Timestamp, dynamic AdditionalFields.
    assert_eq!(len(&cat, "DeviceNetworkEvents"), Some(37));
    assert_eq!(ty(&cat, "DeviceNetworkEvents", "Timestamp"), None);
    assert_eq!(
        ty(&cat, "DeviceNetworkEvents", "AdditionalFields"),
        Some(ScalarType::Dynamic)
    );
    assert_eq!(len(&cat, "DeviceProcessEvents"), Some(46));
    assert_eq!(len(&cat, "DeviceFileEvents"), Some(50));
    assert_eq!(len(&cat, "DeviceLogonEvents"), Some(41));
    assert_eq!(len(&cat, "DeviceEvents"), Some(60));
    assert_eq!(
        ty(&cat, "DeviceFileEvents", "RequestSourcePort"),
        Some(ScalarType::Int)
    );
    assert_eq!(
        ty(&cat, "SigninLogs", "LocationDetails"),
        Some(ScalarType::Dynamic)
    );
}

#[test]
fn each_catalog_also_carries_the_tables_only_the_other_has() {
    let ah = SchemaCatalog::builtin(SchemaVariant::AdvancedHunting);
    let la = SchemaCatalog::builtin(SchemaVariant::Sentinel);
    for (name, _) in SENTINEL_ONLY {
        assert_eq!(ah.get(name), la.get(name), "{name}");
    }
    for (name, _) in ADVANCED_HUNTING_ONLY {
        if name.starts_with("Email") || LOG_ANALYTICS_COPY.contains(&name) {
            continue; // these have a copy in each variant
        }
        assert_eq!(ah.get(name), la.get(name), "{name}");
    }
    // A table with a copy in each variant keeps the variant's own.
    assert_ne!(ah.get("CloudAppEvents"), la.get("CloudAppEvents"));
    for name in [
        "DeviceNetworkEvents",
        "DeviceProcessEvents",
        "DeviceFileEvents",
    ] {
        assert_ne!(ah.get(name), la.get(name), "{name}");
    }
    assert_ne!(ah.get("EmailEvents"), la.get("EmailEvents"));
    assert_eq!(ah.names(), la.names());
    // An advanced hunting copy in the Sentinel catalog answers to TimeGenerated.
    let dpe = la.get("DeviceInfo").unwrap();
    assert_eq!(time_column_alias(dpe, "TimeGenerated"), Some("Timestamp"));
}

#[test]
fn no_table_repeats_a_column() {
    for variant in [SchemaVariant::AdvancedHunting, SchemaVariant::Sentinel] {
        for (name, schema) in SchemaCatalog::builtin(variant).iter() {
            assert_eq!(schema.duplicate_name(), None, "{name} ({variant:?})");
        }
    }
}

#[test]
fn mixed_queries_check_against_the_catalog_of_their_time_column() {
    use SchemaVariant::{AdvancedHunting, Sentinel};
    // The CLI binds a query naming only `TimeGenerated` against the Sentinel catalog and
    // any other against the advanced hunting one; each needs the other variant's
    // single-copy tables.
    let queries = [
        // Advanced hunting email table joined with a Sentinel-only table.
        (
            AdvancedHunting,
            "EmailEvents | where Timestamp > ago(1d)
             | join kind=inner (ThreatIntelligenceIndicator | where Active == true
                 | project EmailSenderAddress, ThreatType)
                 on $left.SenderFromAddress == $right.EmailSenderAddress
             | project Timestamp, SenderFromAddress, ThreatType",
        ),
        (
            AdvancedHunting,
            "SecurityAlert | where ProviderName == 'OATP' | extend e = parse_json(Entities)
             | join kind=inner (AlertEvidence | project AlertId, NetworkMessageId)
                 on $left.SystemAlertId == $right.AlertId",
        ),
        (
            AdvancedHunting,
            "DeviceProcessEvents | where Timestamp > ago(1d)
             | summarize count() by DeviceName, InitiatingProcessRemoteSessionIP",
        ),
        // Sentinel queries over Defender tables and an advanced-hunting-only table.
        (
            Sentinel,
            "DeviceProcessEvents | where TimeGenerated > ago(1d)
             | join kind=inner (DeviceFileEvents | where TimeGenerated > ago(1d)
                 | project DeviceId, SHA1, MachineGroup) on DeviceId",
        ),
        (
            Sentinel,
            "EmailEvents | where TimeGenerated > ago(1d)
             | join kind=inner (DeviceNetworkEvents | where TimeGenerated > ago(1d)
                 | project RemoteUrl, MachineGroup) on $left.SenderFromDomain == $right.RemoteUrl",
        ),
        (
            Sentinel,
            "SigninLogs | where TimeGenerated > ago(1d) and ResultType == '0'
             | join kind=inner (CloudAppEvents | where TimeGenerated > ago(1d)
                 | project AccountObjectId, ISP) on $left.UserId == $right.AccountObjectId",
        ),
        (
            Sentinel,
            "ExposureGraphNodes | where NodeLabel == 'microsoft.compute/virtualmachines'
             | project NodeName, Exposed = NodeProperties.rawData.IsInternetFacing",
        ),
    ];
    for (variant, q) in queries {
        let tables = FileTables::new(SchemaCatalog::builtin(variant));
        let script = kql_parser::parse(q).unwrap();
        let checked = check(&script, &tables);
        assert!(checked.is_ok(), "{variant:?}: {q}: {:?}", checked.err());
    }
}

/// The unified variant (defender-email-schemas.md, "For the interpreter": queries written
/// for Sentinel but run in the unified portal name both time columns; "Expose both names
/// over the same value"): `TimeGenerated` reads `Timestamp`, keeps its own name in the
/// output, and the other variants still refuse it.
#[test]
fn unified_variant_reads_time_generated_as_timestamp() {
    let src = "EmailEvents | where TimeGenerated > ago(1d) | project TimeGenerated, Timestamp";
    let script = kql_parser::parse(src).unwrap();
    let unified = FileTables::new(SchemaCatalog::builtin(SchemaVariant::Unified));
    let bound = check(&script, &unified).unwrap();
    let fields: Vec<(String, ScalarType)> = bound.queries[0]
        .schema
        .fields
        .iter()
        .map(|f| (f.name.clone(), f.ty))
        .collect();
    assert_eq!(
        fields,
        [
            ("TimeGenerated".to_string(), ScalarType::DateTime),
            ("Timestamp".to_string(), ScalarType::DateTime)
        ]
    );
    let advanced = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    assert!(check(&script, &advanced).is_err());
}
