//! The other Defender XDR advanced hunting tables the hunting corpus reads: cloud apps,
//! alerts, identities, Entra sign-ins and the exposure graph, as documented in
//! MicrosoftDocs/defender-docs (`defender-xdr/advanced-hunting-*-table.md`, or the newer
//! copy in merill/defender-docs-mirror where noted), columns and types in documented
//! order. Source page, `ms.date` and commit per table.
//!
//! ```kql
//! CloudAppEvents
//! | where Timestamp > ago(1d) and ActionType == "MailItemsAccessed"
//! ```

use super::cols::{B, Cols, D, I, L, S, T};
use crate::table::Schema;

/// `CloudAppEvents`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-cloudappevents-table.md` (ms.date 2025-03-28, commit
/// 12e26825). The page spells one column `Isp`; Azure-Sentinel's
/// `.script/tests/KqlvalidationsTests/CustomTables/CloudAppEvents.json` (commit 07c019e8),
/// which validates the published hunting queries, and those queries spell it `ISP`, so
/// `ISP` it is (column names are case-sensitive).
const CLOUD_APP_EVENTS_AH: Cols = &[
    ("Timestamp", T),
    ("ActionType", S),
    ("Application", S),
    ("ApplicationId", I),
    ("AppInstanceId", I),
    ("AccountObjectId", S),
    ("AccountId", S),
    ("AccountDisplayName", S),
    ("IsAdminOperation", B),
    ("DeviceType", S),
    ("OSPlatform", S),
    ("IPAddress", S),
    ("IsAnonymousProxy", B),
    ("CountryCode", S),
    ("City", S),
    ("ISP", S),
    ("UserAgent", S),
    ("ActivityType", S),
    ("ActivityObjects", D),
    ("ObjectName", S),
    ("ObjectType", S),
    ("ObjectId", S),
    ("ReportId", S),
    ("AccountType", S),
    ("IsExternalUser", B),
    ("IsImpersonated", B),
    ("IPTags", D),
    ("IPCategory", S),
    ("UserAgentTags", D),
    ("RawEventData", D),
    ("AdditionalFields", D),
    ("LastSeenForUser", D),
    ("UncommonForUser", D),
    ("AuditSource", S),
    ("SessionData", D),
    ("OAuthAppId", S),
];

/// `AlertEvidence`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-alertevidence-table.md` (ms.date 2025-03-28, commit
/// 10ed2111).
const ALERT_EVIDENCE_AH: Cols = &[
    ("Timestamp", T),
    ("AlertId", S),
    ("Title", S),
    ("Categories", S),
    ("AttackTechniques", S),
    ("ServiceSource", S),
    ("DetectionSource", S),
    ("EntityType", S),
    ("EvidenceRole", S),
    ("EvidenceDirection", S),
    ("FileName", S),
    ("FolderPath", S),
    ("SHA1", S),
    ("SHA256", S),
    ("FileSize", L),
    ("ThreatFamily", S),
    ("RemoteIP", S),
    ("RemoteUrl", S),
    ("AccountName", S),
    ("AccountDomain", S),
    ("AccountSid", S),
    ("AccountObjectId", S),
    ("AccountUpn", S),
    ("DeviceId", S),
    ("DeviceName", S),
    ("LocalIP", S),
    ("NetworkMessageId", S),
    ("EmailSubject", S),
    ("Application", S),
    ("ApplicationId", I),
    ("OAuthApplicationId", S),
    ("ProcessCommandLine", S),
    ("RegistryKey", S),
    ("RegistryValueName", S),
    ("RegistryValueData", S),
    ("AdditionalFields", S),
    ("Severity", S),
    ("CloudResource", S),
    ("CloudPlatform", S),
    ("ResourceType", S),
    ("ResourceID", S),
    ("SubscriptionId", S),
];

/// `AlertInfo`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-alertinfo-table.md` (ms.date 2024-04-03, commit
/// 006b8a9f).
const ALERT_INFO_AH: Cols = &[
    ("Timestamp", T),
    ("AlertId", S),
    ("Title", S),
    ("Category", S),
    ("Severity", S),
    ("ServiceSource", S),
    ("DetectionSource", S),
    ("AttackTechniques", S),
];

/// `IdentityInfo`, advanced hunting (unified schema incl. the MDI-only and UEBA-only
/// columns): MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-identityinfo-table.md` (ms.date 2025-12-22, commit
/// 0ad90e34).
const IDENTITY_INFO_AH: Cols = &[
    ("Timestamp", T),
    ("ReportId", S),
    ("AccountObjectId", S),
    ("AccountUpn", S),
    ("OnPremSid", S),
    ("AccountDisplayName", S),
    ("AccountName", S),
    ("AccountDomain", S),
    ("CriticalityLevel", I),
    ("Type", S),
    ("DistinguishedName", S),
    ("CloudSid", S),
    ("GivenName", S),
    ("Surname", S),
    ("Department", S),
    ("JobTitle", S),
    ("EmailAddress", S),
    ("SipProxyAddress", S),
    ("Address", S),
    ("City", S),
    ("Country", S),
    ("IsAccountEnabled", B),
    ("Manager", S),
    ("Phone", S),
    ("CreatedDateTime", T),
    ("ChangeSource", S),
    ("BlastRadius", S),
    ("CompanyName", S),
    ("DeletedDateTime", T),
    ("EmployeeId", S),
    ("OtherMailAddresses", D),
    ("RiskLevel", S),
    ("RiskLevelDetails", S),
    ("State", S),
    ("Tags", D),
    ("AssignedRoles", D),
    ("PrivilegedEntraPimRoles", D),
    ("TenantId", S),
    ("SourceSystem", S),
    ("OnPremObjectId", S),
    ("TenantMembershipType", S),
    ("RiskStatus", S),
    ("UserAccountControl", S),
    ("IdentityEnvironment", S),
    ("SourceProviders", D),
    ("GroupMembership", D),
];

/// `IdentityLogonEvents`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-identitylogonevents-table.md` (ms.date 2024-02-12, commit
/// 24f7d04d).
const IDENTITY_LOGON_EVENTS_AH: Cols = &[
    ("Timestamp", T),
    ("ActionType", S),
    ("Application", S),
    ("LogonType", S),
    ("Protocol", S),
    ("FailureReason", S),
    ("AccountName", S),
    ("AccountDomain", S),
    ("AccountUpn", S),
    ("AccountSid", S),
    ("AccountObjectId", S),
    ("AccountDisplayName", S),
    ("DeviceName", S),
    ("DeviceType", S),
    ("OSPlatform", S),
    ("IPAddress", S),
    ("Port", I),
    ("DestinationDeviceName", S),
    ("DestinationIPAddress", S),
    ("DestinationPort", I),
    ("TargetDeviceName", S),
    ("TargetAccountDisplayName", S),
    ("Location", S),
    ("Isp", S),
    ("ReportId", S),
    ("AdditionalFields", D),
];

/// `AADSignInEventsBeta`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-aadsignineventsbeta-table.md` (ms.date 2025-03-28, commit
/// 03dca546), plus `RiskLevelDuringSignIn` (`int`), which the page no longer lists but
/// Azure-Sentinel's
/// `.script/tests/KqlvalidationsTests/CustomTables/AADSignInEventsBeta.json`
/// (commit 338be44d) and the `EntraIdSignInEvents` page still do.
const AAD_SIGN_IN_EVENTS_BETA_AH: Cols = &[
    ("Timestamp", T),
    ("Application", S),
    ("ApplicationId", S),
    ("LogonType", S),
    ("ErrorCode", I),
    ("CorrelationId", S),
    ("SessionId", S),
    ("AccountDisplayName", S),
    ("AccountObjectId", S),
    ("AccountUpn", S),
    ("IsExternalUser", I),
    ("IsGuestUser", B),
    ("AlternateSignInName", S),
    ("LastPasswordChangeTimestamp", T),
    ("ResourceDisplayName", S),
    ("ResourceId", S),
    ("ResourceTenantId", S),
    ("DeviceName", S),
    ("AadDeviceId", S),
    ("EntraIdDeviceId", S),
    ("OSPlatform", S),
    ("DeviceTrustType", S),
    ("IsManaged", I),
    ("IsCompliant", I),
    ("AuthenticationProcessingDetails", S),
    ("AuthenticationRequirement", S),
    ("TokenIssuerType", I),
    ("RiskLevelAggregated", I),
    ("RiskDetails", I),
    ("RiskState", I),
    ("UserAgent", S),
    ("ClientAppUsed", S),
    ("Browser", S),
    ("ConditionalAccessPolicies", S),
    ("ConditionalAccessStatus", I),
    ("IPAddress", S),
    ("Country", S),
    ("State", S),
    ("City", S),
    ("Latitude", S),
    ("Longitude", S),
    ("NetworkLocationDetails", S),
    ("RequestId", S),
    ("ReportId", S),
    ("EndpointCall", S),
    ("RiskLevelDuringSignIn", I),
];

/// `EntraIdSignInEvents`, advanced hunting: merill/defender-docs-mirror
/// `defender-xdr/advanced-hunting-entraidsigninevents-table.md` (ms.date 2026-07-27, commit
/// 417a5f8e; newer than MicrosoftDocs/defender-docs' 2025-11-04 copy). It lists both
/// `Timestamp` and `TimeGenerated`.
const ENTRA_ID_SIGN_IN_EVENTS_AH: Cols = &[
    ("Timestamp", T),
    ("Application", S),
    ("ApplicationId", S),
    ("LogonType", S),
    ("EndpointCall", S),
    ("ErrorCode", I),
    ("CorrelationId", S),
    ("SessionId", S),
    ("AccountDisplayName", S),
    ("AccountObjectId", S),
    ("AccountUpn", S),
    ("IsExternalUser", I),
    ("IsGuestUser", B),
    ("AlternateSignInName", S),
    ("LastPasswordChangeTimestamp", T),
    ("ResourceDisplayName", S),
    ("ResourceId", S),
    ("ResourceTenantId", S),
    ("DeviceName", S),
    ("OSPlatform", S),
    ("DeviceTrustType", S),
    ("IsManaged", I),
    ("IsCompliant", I),
    ("AuthenticationProcessingDetails", S),
    ("AuthenticationRequirement", S),
    ("TokenIssuerType", S),
    ("RiskLevelAggregated", I),
    ("RiskLevelDuringSignIn", I),
    ("RiskEventTypes", S),
    ("RiskState", I),
    ("UserAgent", S),
    ("ClientAppUsed", S),
    ("Browser", S),
    ("ConditionalAccessPolicies", S),
    ("ConditionalAccessStatus", I),
    ("IPAddress", S),
    ("Country", S),
    ("State", S),
    ("City", S),
    ("Latitude", S),
    ("Longitude", S),
    ("NetworkLocationDetails", S),
    ("RequestId", S),
    ("ReportId", S),
    ("EntraIdDeviceId", S),
    ("GatewayJA4", S),
    ("TenantId", S),
    ("Type", S),
    ("SourceSystem", S),
    ("TimeGenerated", T),
    ("UniqueTokenId", S),
    ("IsSignInThroughGlobalSecureAccess", B),
];

/// `ExposureGraphNodes`, advanced hunting (no time column): MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-exposuregraphnodes-table.md` (ms.date 2025-03-28, commit
/// 17f84d78).
const EXPOSURE_GRAPH_NODES_AH: Cols = &[
    ("NodeId", S),
    ("NodeLabel", S),
    ("NodeName", S),
    ("Categories", D),
    ("NodeProperties", D),
    ("EntityIds", D),
];

/// `ExposureGraphEdges`, advanced hunting (no time column): MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-exposuregraphedges-table.md` (ms.date 2025-03-28, commit
/// 27457c95).
const EXPOSURE_GRAPH_EDGES_AH: Cols = &[
    ("EdgeId", S),
    ("EdgeLabel", S),
    ("SourceNodeId", S),
    ("SourceNodeName", S),
    ("SourceNodeLabel", S),
    ("SourceNodeCategories", D),
    ("TargetNodeId", S),
    ("TargetNodeName", S),
    ("TargetNodeLabel", S),
    ("TargetNodeCategories", D),
    ("EdgeProperties", D),
];

/// These tables (advanced hunting copies): `(name, schema)` pairs.
pub(crate) fn advanced_hunting() -> Vec<(&'static str, Schema)> {
    [
        ("CloudAppEvents", CLOUD_APP_EVENTS_AH),
        ("AlertEvidence", ALERT_EVIDENCE_AH),
        ("AlertInfo", ALERT_INFO_AH),
        ("IdentityInfo", IDENTITY_INFO_AH),
        ("IdentityLogonEvents", IDENTITY_LOGON_EVENTS_AH),
        ("AADSignInEventsBeta", AAD_SIGN_IN_EVENTS_BETA_AH),
        ("EntraIdSignInEvents", ENTRA_ID_SIGN_IN_EVENTS_AH),
        ("ExposureGraphNodes", EXPOSURE_GRAPH_NODES_AH),
        ("ExposureGraphEdges", EXPOSURE_GRAPH_EDGES_AH),
    ]
    .into_iter()
    .map(|(n, c)| (n, Schema::from_pairs(c)))
    .collect()
}
