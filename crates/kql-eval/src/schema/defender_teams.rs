//! The Defender for Office 365 Teams message tables (`MessageEvents`, `MessageUrlInfo`),
//! as documented in MicrosoftDocs/defender-docs
//! (`defender-xdr/advanced-hunting-*-table.md`), columns and types in documented order.
//!
//! ```kql
//! MessageEvents
//! | where Timestamp > ago(1d) and SenderType =~ "User"
//! | join kind=inner MessageUrlInfo on TeamsMessageId
//! ```

use super::cols::{B, Cols, D, S, T};
use crate::table::Schema;

/// `MessageEvents`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-messageevents-table.md` (ms.date 2025-08-11, commit
/// 2405ad34).
const MESSAGE_EVENTS_AH: Cols = &[
    ("Timestamp", T),
    ("LastEditedTime", S),
    ("TeamsMessageId", S),
    ("SenderEmailAddress", S),
    ("SenderDisplayName", S),
    ("SenderObjectId", S),
    ("SenderType", S),
    ("RecipientDetails", D),
    ("IsOwnedThread", B),
    ("MessageId", S),
    ("ParentMessageId", S),
    ("GroupId", S),
    ("GroupName", S),
    ("ThreadId", S),
    ("ThreadSubtype", S),
    ("IsExternalThread", B),
    ("MessageFormatType", S),
    ("MessageFormatSubtype", S),
    ("MessageVersion", S),
    ("MessageSubject", S),
    ("ThreatTypes", S),
    ("DetectionMethods", D),
    ("ConfidenceLevel", D),
    ("DeliveryAction", S),
    ("DeliveryLocation", S),
    ("ReportId", S),
    ("SafetyTip", S),
];

/// `MessageUrlInfo`, advanced hunting: MicrosoftDocs/defender-docs
/// `defender-xdr/advanced-hunting-messageurlinfo-table.md` (ms.date 2025-08-13, commit
/// 15acafbd).
const MESSAGE_URL_INFO_AH: Cols = &[
    ("Timestamp", T),
    ("TeamsMessageId", S),
    ("Url", S),
    ("UrlDomain", S),
    ("ThreatTypes", S),
    ("ReportId", S),
];

/// The Teams message tables (advanced hunting copies): `(name, schema)` pairs.
pub(crate) fn advanced_hunting() -> Vec<(&'static str, Schema)> {
    vec![
        ("MessageEvents", Schema::from_pairs(MESSAGE_EVENTS_AH)),
        ("MessageUrlInfo", Schema::from_pairs(MESSAGE_URL_INFO_AH)),
    ]
}
