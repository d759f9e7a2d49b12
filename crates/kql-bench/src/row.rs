//! The 39 `EmailEvents` columns (advanced hunting schema) and one row of them.

/// Column names in file order.
pub const COLUMNS: [&str; 39] = [
    "Timestamp",
    "NetworkMessageId",
    "InternetMessageId",
    "SenderMailFromAddress",
    "SenderFromAddress",
    "SenderDisplayName",
    "SenderObjectId",
    "SenderMailFromDomain",
    "SenderFromDomain",
    "SenderIPv4",
    "SenderIPv6",
    "RecipientEmailAddress",
    "RecipientObjectId",
    "Subject",
    "EmailClusterId",
    "EmailDirection",
    "DeliveryAction",
    "DeliveryLocation",
    "ThreatTypes",
    "ThreatNames",
    "DetectionMethods",
    "ConfidenceLevel",
    "BulkComplaintLevel",
    "EmailAction",
    "EmailActionPolicy",
    "EmailActionPolicyGuid",
    "AuthenticationDetails",
    "AttachmentCount",
    "UrlCount",
    "EmailLanguage",
    "Connectors",
    "OrgLevelAction",
    "OrgLevelPolicy",
    "UserLevelAction",
    "UserLevelPolicy",
    "ReportId",
    "AdditionalFields",
    "LatestDeliveryLocation",
    "LatestDeliveryAction",
];

pub const TIMESTAMP: usize = 0;
pub const NETWORK_MESSAGE_ID: usize = 1;
pub const INTERNET_MESSAGE_ID: usize = 2;
pub const MAIL_FROM: usize = 3;
pub const FROM: usize = 4;
pub const DISPLAY_NAME: usize = 5;
pub const SENDER_OBJECT_ID: usize = 6;
pub const MAIL_FROM_DOMAIN: usize = 7;
pub const FROM_DOMAIN: usize = 8;
pub const IPV4: usize = 9;
pub const IPV6: usize = 10;
pub const RECIPIENT: usize = 11;
pub const RECIPIENT_OBJECT_ID: usize = 12;
pub const SUBJECT: usize = 13;
pub const CLUSTER_ID: usize = 14;
pub const DIRECTION: usize = 15;
pub const DELIVERY_ACTION: usize = 16;
pub const DELIVERY_LOCATION: usize = 17;
pub const THREAT_TYPES: usize = 18;
pub const THREAT_NAMES: usize = 19;
pub const DETECTION_METHODS: usize = 20;
pub const CONFIDENCE: usize = 21;
pub const BULK_COMPLAINT: usize = 22;
pub const EMAIL_ACTION: usize = 23;
pub const EMAIL_ACTION_POLICY: usize = 24;
pub const EMAIL_ACTION_POLICY_GUID: usize = 25;
pub const AUTHENTICATION: usize = 26;
pub const ATTACHMENTS: usize = 27;
pub const URLS: usize = 28;
pub const LANGUAGE: usize = 29;
pub const CONNECTORS: usize = 30;
pub const ORG_ACTION: usize = 31;
pub const ORG_POLICY: usize = 32;
pub const USER_ACTION: usize = 33;
pub const USER_POLICY: usize = 34;
pub const REPORT_ID: usize = 35;
pub const ADDITIONAL: usize = 36;
pub const LATEST_LOCATION: usize = 37;
pub const LATEST_ACTION: usize = 38;

/// One value: a string (never null: missing is `""`), or a number that may be null.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Str(String),
    Int(Option<i64>),
}

/// One row: a cell per column of [`COLUMNS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(pub Vec<Cell>);

impl Row {
    /// Empty strings, and zeros in the number columns.
    pub fn new() -> Row {
        let mut cells = vec![Cell::Str(String::new()); COLUMNS.len()];
        for i in [CLUSTER_ID, BULK_COMPLAINT, ATTACHMENTS, URLS] {
            cells[i] = Cell::Int(Some(0));
        }
        Row(cells)
    }

    pub fn set(&mut self, column: usize, value: impl Into<String>) {
        self.0[column] = Cell::Str(value.into());
    }

    pub fn set_int(&mut self, column: usize, value: Option<i64>) {
        self.0[column] = Cell::Int(value);
    }

    pub fn get(&self, column: usize) -> &str {
        match &self.0[column] {
            Cell::Str(s) => s,
            Cell::Int(_) => "",
        }
    }
}

impl Default for Row {
    fn default() -> Row {
        Row::new()
    }
}
