//! The Defender XDR email tables, as documented in
//! `shared/reference/defender-email-schemas.md` (columns and types, in documented order).
//!
//! ```kql
//! EmailEvents
//! | where Timestamp > ago(1d) and EmailDirection == "Inbound"
//! | join kind=inner EmailUrlInfo on NetworkMessageId
//! ```
//!
//! Advanced hunting variants come straight from the Defender pages. Sentinel / Log
//! Analytics variants: `EmailEvents` is the Azure Monitor reference's 55-column list,
//! `UrlClickEvents` is Azure-Sentinel's `CustomTables/UrlClickEvents.json`. The other
//! three have no published Log Analytics column list; their Sentinel variant is the
//! advanced hunting one with `TimeGenerated` instead of `Timestamp` plus the standard
//! `TenantId`, `SourceSystem` and `Type` columns (an assumption, stated here).

use kql_parser::ast::ScalarType;

use crate::table::{Field, Schema};

const B: ScalarType = ScalarType::Bool;
const I: ScalarType = ScalarType::Int;
const L: ScalarType = ScalarType::Long;
const R: ScalarType = ScalarType::Real;
const S: ScalarType = ScalarType::String;
const T: ScalarType = ScalarType::DateTime;
const D: ScalarType = ScalarType::Dynamic;

/// `EmailEvents`, advanced hunting (53 columns, page of 2026-08-03).
const EMAIL_EVENTS_AH: &[(&str, ScalarType)] = &[
    ("Timestamp", T),
    ("NetworkMessageId", S),
    ("InternetMessageId", S),
    ("SenderMailFromAddress", S),
    ("SenderFromAddress", S),
    ("SenderDisplayName", S),
    ("SenderObjectId", S),
    ("SenderMailFromDomain", S),
    ("SenderFromDomain", S),
    ("SenderIPv4", S),
    ("SenderIPv6", S),
    ("RecipientEmailAddress", S),
    ("RecipientObjectId", S),
    ("Subject", S),
    ("EmailClusterId", L),
    ("EmailDirection", S),
    ("DeliveryAction", S),
    ("DeliveryLocation", S),
    ("ThreatTypes", S),
    ("ThreatNames", S),
    ("DetectionMethods", S),
    ("ConfidenceLevel", S),
    ("BulkComplaintLevel", I),
    ("EmailAction", S),
    ("EmailActionPolicy", S),
    ("EmailActionPolicyGuid", S),
    ("AuthenticationDetails", S),
    ("AttachmentCount", I),
    ("UrlCount", I),
    ("EmailLanguage", S),
    ("Connectors", S),
    ("OrgLevelAction", S),
    ("OrgLevelPolicy", S),
    ("UserLevelAction", S),
    ("UserLevelPolicy", S),
    ("ReportId", S),
    ("AdditionalFields", S),
    ("LatestDeliveryLocation", S),
    ("LatestDeliveryAction", S),
    ("OriginalThreatTypes", S),
    ("OriginalDetectionMethods", S),
    ("OriginalConfidenceLevel", S),
    ("DistributionList", S),
    ("ExchangeTransportRule", S),
    ("ForwardingInformation", S),
    ("Context", S),
    ("To", S),
    ("Cc", S),
    ("ThreatClassification", S),
    ("RecipientDomain", S),
    ("EmailSize", L),
    ("IsFirstContact", I),
    ("Topics", S),
];

/// `EmailEvents`, Sentinel / Log Analytics (55 columns, Azure Monitor reference order).
const EMAIL_EVENTS_SENTINEL: &[(&str, ScalarType)] = &[
    ("_BilledSize", R),
    ("_IsBillable", S),
    ("AdditionalFields", D),
    ("AttachmentCount", I),
    ("AuthenticationDetails", S),
    ("BulkComplaintLevel", I),
    ("Cc", D),
    ("ConfidenceLevel", S),
    ("Connectors", S),
    ("Context", S),
    ("DeliveryAction", S),
    ("DeliveryLocation", S),
    ("DetectionMethods", S),
    ("DistributionList", S),
    ("EmailAction", S),
    ("EmailActionPolicy", S),
    ("EmailActionPolicyGuid", S),
    ("EmailClusterId", L),
    ("EmailDirection", S),
    ("EmailLanguage", S),
    ("EmailSize", I),
    ("ExchangeTransportRule", S),
    ("ForwardingInformation", S),
    ("InternetMessageId", S),
    ("IsFirstContact", B),
    ("LastEventExecutionTime", T),
    ("LatestDeliveryAction", S),
    ("LatestDeliveryLocation", S),
    ("NetworkMessageId", S),
    ("OrgLevelAction", S),
    ("OrgLevelPolicy", S),
    ("RecipientDomain", S),
    ("RecipientEmailAddress", S),
    ("RecipientObjectId", S),
    ("ReportId", S),
    ("SenderDisplayName", S),
    ("SenderFromAddress", S),
    ("SenderFromDomain", S),
    ("SenderIPv4", S),
    ("SenderIPv6", S),
    ("SenderMailFromAddress", S),
    ("SenderMailFromDomain", S),
    ("SenderObjectId", S),
    ("SourceSystem", S),
    ("Subject", S),
    ("TenantId", S),
    ("ThreatClassification", S),
    ("ThreatNames", S),
    ("ThreatTypes", S),
    ("TimeGenerated", T),
    ("To", D),
    ("Type", S),
    ("UrlCount", I),
    ("UserLevelAction", S),
    ("UserLevelPolicy", S),
];

/// `EmailAttachmentInfo`, advanced hunting (page of 2023-12-29).
const EMAIL_ATTACHMENT_INFO_AH: &[(&str, ScalarType)] = &[
    ("Timestamp", T),
    ("NetworkMessageId", S),
    ("SenderFromAddress", S),
    ("SenderDisplayName", S),
    ("SenderObjectId", S),
    ("RecipientEmailAddress", S),
    ("RecipientObjectId", S),
    ("FileName", S),
    ("FileType", S),
    ("SHA256", S),
    ("FileSize", L),
    ("ThreatTypes", S),
    ("ThreatNames", S),
    ("DetectionMethods", S),
    ("ReportId", S),
];

/// `EmailUrlInfo`, advanced hunting (page of 2026-07-03).
const EMAIL_URL_INFO_AH: &[(&str, ScalarType)] = &[
    ("Timestamp", T),
    ("NetworkMessageId", S),
    ("Url", S),
    ("UrlDomain", S),
    ("UrlLocation", S),
    ("UrlChainId", S),
    ("UrlChainPosition", I),
    ("ReportId", S),
];

/// `EmailPostDeliveryEvents`, advanced hunting (page of 2026-06-29).
const EMAIL_POST_DELIVERY_EVENTS_AH: &[(&str, ScalarType)] = &[
    ("Timestamp", T),
    ("NetworkMessageId", S),
    ("InternetMessageId", S),
    ("Action", S),
    ("ActionType", S),
    ("ActionTrigger", S),
    ("ActionResult", S),
    ("RecipientEmailAddress", S),
    ("DeliveryLocation", S),
    ("ThreatTypes", S),
    ("DetectionMethods", S),
    ("ReportId", S),
    ("SenderFromAddress", S),
    ("EmailDirection", S),
    ("SourceLocation", S),
];

/// `UrlClickEvents`, advanced hunting (page of 2026-06-04).
const URL_CLICK_EVENTS_AH: &[(&str, ScalarType)] = &[
    ("Timestamp", T),
    ("Url", S),
    ("ActionType", S),
    ("AccountUpn", S),
    ("Workload", S),
    ("NetworkMessageId", S),
    ("ThreatTypes", S),
    ("DetectionMethods", S),
    ("IPAddress", S),
    ("IsClickedThrough", B),
    ("UrlChain", S),
    ("ReportId", S),
    ("AppName", S),
    ("AppVersion", S),
    ("SourceId", S),
    ("TenantId", S),
    ("Type", S),
    ("SourceSystem", S),
    ("TimeGenerated", T),
];

/// `UrlClickEvents`, Sentinel: Azure-Sentinel `CustomTables/UrlClickEvents.json`.
const URL_CLICK_EVENTS_SENTINEL: &[(&str, ScalarType)] = &[
    ("AccountUpn", S),
    ("ActionType", S),
    ("DetectionMethods", S),
    ("IPAddress", S),
    ("IsClickedThrough", B),
    ("NetworkMessageId", S),
    ("ReportId", S),
    ("SourceSystem", S),
    ("TenantId", S),
    ("ThreatTypes", S),
    ("TimeGenerated", T),
    ("Type", S),
    ("Url", S),
    ("UrlChain", S),
    ("Workload", S),
    ("_BilledSize", R),
    ("_IsBillable", S),
];

fn schema(cols: &[(&str, ScalarType)]) -> Schema {
    Schema::from_pairs(cols)
}

/// The advanced hunting variant of an email table: `(name, schema)` pairs.
pub(crate) fn advanced_hunting() -> Vec<(&'static str, Schema)> {
    vec![
        ("EmailEvents", schema(EMAIL_EVENTS_AH)),
        ("EmailAttachmentInfo", schema(EMAIL_ATTACHMENT_INFO_AH)),
        ("EmailUrlInfo", schema(EMAIL_URL_INFO_AH)),
        (
            "EmailPostDeliveryEvents",
            schema(EMAIL_POST_DELIVERY_EVENTS_AH),
        ),
        ("UrlClickEvents", schema(URL_CLICK_EVENTS_AH)),
    ]
}

/// The Sentinel / Log Analytics variant (see the module docs for what is derived).
pub(crate) fn sentinel() -> Vec<(&'static str, Schema)> {
    vec![
        ("EmailEvents", schema(EMAIL_EVENTS_SENTINEL)),
        (
            "EmailAttachmentInfo",
            derived_sentinel(EMAIL_ATTACHMENT_INFO_AH),
        ),
        ("EmailUrlInfo", derived_sentinel(EMAIL_URL_INFO_AH)),
        (
            "EmailPostDeliveryEvents",
            derived_sentinel(EMAIL_POST_DELIVERY_EVENTS_AH),
        ),
        ("UrlClickEvents", schema(URL_CLICK_EVENTS_SENTINEL)),
    ]
}

/// `Timestamp` becomes `TimeGenerated`; `TenantId`, `SourceSystem`, `Type` are added.
fn derived_sentinel(ah: &[(&str, ScalarType)]) -> Schema {
    let mut fields: Vec<Field> = ah
        .iter()
        .map(|(n, t)| {
            Field::new(
                if *n == "Timestamp" {
                    "TimeGenerated"
                } else {
                    *n
                },
                *t,
            )
        })
        .collect();
    for extra in ["TenantId", "SourceSystem", "Type"] {
        fields.push(Field::new(extra, S));
    }
    Schema::new(fields)
}
