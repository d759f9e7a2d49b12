//! Phase 2: the rows of each planned message, one per recipient (plus its exact
//! duplicates), with the columns Defender fills for its kind.

use crate::plan::{Flags, Kind, Message};
use crate::rng::{Rng, Weighted};
use crate::row::*;
use crate::universe::Universe;

mod internal;
use crate::vocab::{
    BULK_SUBJECTS, ESP, HIJACK_SUBJECTS, LANGUAGES, MALWARE, PHISH_SUBJECTS, REPLY_PREFIXES,
    SPAM_SUBJECTS, SUBJECTS,
};

const AUTH_PASS: &str = r#"{"SPF":"pass","DKIM":"pass","DMARC":"pass","CompAuth":"pass"}"#;
const AUTH_FAIL: &str = r#"{"SPF":"fail","DKIM":"none","DMARC":"fail","CompAuth":"fail"}"#;

/// Renders messages into rows.
pub struct Renderer<'u> {
    u: &'u Universe,
    rng: Rng,
    /// `now - 4h`: takeover probes before it never got delivered.
    cutoff: i64,
    prefixes: Weighted,
    languages: Weighted,
}

/// Where a message went.
struct Outcome {
    action: &'static str,
    location: &'static str,
    policy: &'static str,
}

fn outcome(action: &'static str, location: &'static str, policy: &'static str) -> Outcome {
    Outcome {
        action,
        location,
        policy,
    }
}

fn timestamp(us: i64) -> String {
    chrono::DateTime::from_timestamp_micros(us).map_or_else(String::new, |d| {
        d.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    })
}

fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

impl<'u> Renderer<'u> {
    pub fn new(u: &'u Universe, seed: u64, cutoff: i64) -> Renderer<'u> {
        Renderer {
            u,
            cutoff,
            rng: Rng::new(seed.wrapping_mul(31).wrapping_add(2)),
            prefixes: Weighted::new(REPLY_PREFIXES.iter().map(|(_, w)| *w)),
            languages: Weighted::new(LANGUAGES.iter().map(|(_, w)| *w)),
        }
    }

    fn fill(&mut self, template: &str) -> String {
        let n = self.rng.range(100, 99_999).to_string();
        template.replace('#', &n)
    }

    /// A subject from `table`, numbers filled in.
    fn subject(&mut self, table: &'static [&'static str]) -> String {
        let template = *self.rng.pick(table);
        self.fill(template)
    }

    fn prefix(&mut self) -> &'static str {
        REPLY_PREFIXES[self.prefixes.pick(&mut self.rng)].0
    }

    /// The rows of one message.
    pub fn rows(&mut self, m: &Message) -> Vec<Row> {
        let mut rows = match m.kind {
            Kind::Normal => self.inbound(m, false),
            Kind::Bulk => self.inbound(m, true),
            Kind::Threat => self.threat(m),
            Kind::Hijack => self.hijack(m),
            Kind::Outbound => self.outbound(m),
            Kind::Intra => self.intra(m),
        };
        for j in 0..m.duplicates {
            if let Some(r) = rows.get(j % rows.len().max(1)).cloned() {
                rows.push(r);
            }
        }
        rows
    }

    #[allow(clippy::too_many_arguments)]
    fn base(
        &mut self,
        m: &Message,
        direction: &str,
        mail_from: &str,
        from: &str,
        display: &str,
        subject: String,
    ) -> Row {
        let r = &mut self.rng;
        let mut row = Row::new();
        let id = r.guid();
        row.set(TIMESTAMP, timestamp(m.ts));
        let host = match direction {
            "Inbound" if !domain_of(mail_from).is_empty() => domain_of(mail_from).to_string(),
            _ => "EUR03.PROD.OUTLOOK.COM".to_string(),
        };
        row.set(
            INTERNET_MESSAGE_ID,
            format!(
                "<{:016x}.{:06x}@{host}>",
                r.next_u64(),
                r.next_u64() & 0xff_ffff
            ),
        );
        row.set(MAIL_FROM, mail_from);
        row.set(FROM, from);
        row.set(DISPLAY_NAME, display);
        row.set(MAIL_FROM_DOMAIN, domain_of(mail_from));
        row.set(FROM_DOMAIN, domain_of(from));
        row.set(SUBJECT, subject);
        row.set_int(CLUSTER_ID, Some(r.range(1 << 40, 1 << 42) as i64));
        row.set(DIRECTION, direction);
        row.set_int(
            BULK_COMPLAINT,
            Some(if r.chance(0.85) {
                0
            } else {
                r.range(1, 3) as i64
            }),
        );
        let a = r.unit();
        row.set_int(
            ATTACHMENTS,
            Some(if a < 0.7 {
                0
            } else if a < 0.92 {
                1
            } else {
                r.range(2, 5) as i64
            }),
        );
        let u = r.unit();
        row.set_int(
            URLS,
            Some(if u < 0.35 {
                0
            } else if u < 0.85 {
                r.range(1, 4) as i64
            } else {
                r.range(5, 40) as i64
            }),
        );
        row.set(LANGUAGE, LANGUAGES[self.languages.pick(r)].0);
        row.set(CONFIDENCE, r#"{"Spam":"1"}"#);
        row.set(
            ADDITIONAL,
            if r.chance(0.9) {
                "{}"
            } else {
                r#"{"IsFirstContact":true}"#
            },
        );
        row.set(REPORT_ID, format!("{id}-{}", r.next_u64() >> 1));
        row.set(NETWORK_MESSAGE_ID, id);
        row
    }

    /// One row per recipient `(address, object id)`, each with the outcome (and the
    /// user-level policy unless the outcome is forced).
    fn expand(
        &mut self,
        base: Row,
        recipients: Vec<(String, String)>,
        o: &Outcome,
        user_level: bool,
    ) -> Vec<Row> {
        let mut rows = Vec::with_capacity(recipients.len());
        for (j, (address, oid)) in recipients.into_iter().enumerate() {
            let mut row = base.clone();
            let report = format!("{}-{}", row.get(REPORT_ID), j + 1);
            row.set(REPORT_ID, report);
            row.set(RECIPIENT, address);
            row.set(RECIPIENT_OBJECT_ID, oid);
            let (mut action, mut location, mut policy) = (o.action, o.location, o.policy);
            if user_level && action == "Delivered" {
                let r = self.rng.unit();
                if r < 0.004 {
                    (action, location, policy) = ("Junked", "Junk folder", "");
                    row.set(USER_ACTION, "Block");
                    row.set(USER_POLICY, "Sender block list");
                } else if r < 0.024 {
                    row.set(USER_ACTION, "Allow");
                    row.set(USER_POLICY, "Trusted contact list");
                }
            }
            row.set(DELIVERY_ACTION, action);
            row.set(DELIVERY_LOCATION, location);
            row.set(LATEST_LOCATION, location);
            row.set(
                EMAIL_ACTION,
                match location {
                    "Quarantine" => "Send to quarantine",
                    "Junk folder" => "Move message to junk mail folder",
                    "Dropped" => "Delete message",
                    _ => "No action taken",
                },
            );
            row.set(EMAIL_ACTION_POLICY, policy);
            row.set(EMAIL_ACTION_POLICY_GUID, self.u.policy_guid(policy));
            rows.push(row);
        }
        rows
    }

    fn internal_recipients(
        &mut self,
        k: usize,
        first: Option<usize>,
        exclude: Option<usize>,
    ) -> Vec<(String, String)> {
        let mut chosen: Vec<usize> = Vec::with_capacity(k);
        let mut tries = 0;
        while chosen.len() < k && tries < k * 10 {
            tries += 1;
            let ui = match first {
                Some(f) if chosen.is_empty() => f,
                _ => self.u.user_pick.pick(&mut self.rng),
            };
            if Some(ui) != exclude && !chosen.contains(&ui) {
                chosen.push(ui);
            }
        }
        chosen
            .into_iter()
            .map(|i| {
                (
                    self.u.users[i].address.clone(),
                    self.u.users[i].object_id.clone(),
                )
            })
            .collect()
    }

    fn inbound(&mut self, m: &Message, bulk: bool) -> Vec<Row> {
        let u = self.u;
        let f: Flags = m.flags;
        let di = if bulk {
            self.rng.range(5, 305) as usize
        } else {
            u.domain_pick.pick(&mut self.rng)
        };
        let ci = u.contact_of(&mut self.rng, di);
        let (mut from, display) = (
            u.contacts[ci].address.clone(),
            u.contacts[ci].display.clone(),
        );
        let mut mail_from = from.clone();
        if bulk || self.rng.chance(0.05) || f.empty_from_domain {
            mail_from = format!(
                "bounce-{:012x}@{}",
                self.rng.next_u64() >> 16,
                self.rng.pick(ESP)
            );
        }
        if f.empty_from_domain {
            from = String::new();
        }
        let mut subject = if bulk {
            self.subject(BULK_SUBJECTS)
        } else {
            self.subject(SUBJECTS)
        };
        if f.force_reply {
            subject = format!("RE: {subject}");
        } else if !bulk && self.rng.chance(0.21) {
            subject = format!("{}{subject}", self.prefix());
        }
        let mut row = self.base(m, "Inbound", &mail_from, &from, &display, subject);
        row.set(IPV4, u.domain_ips[di][self.rng.below(2)].clone());
        row.set(
            AUTHENTICATION,
            if self.rng.chance(0.9) {
                AUTH_PASS
            } else {
                AUTH_FAIL
            },
        );
        if bulk {
            row.set_int(BULK_COMPLAINT, Some(self.rng.range(4, 9) as i64));
        }
        let r = self.rng.unit();
        let forced = f.force_delivered;
        if r < 0.004 && !forced {
            row.set(ORG_ACTION, "Block");
            row.set(ORG_POLICY, "Tenant Allow Block List");
        } else if r < 0.054 {
            row.set(ORG_ACTION, "Allow");
            row.set(ORG_POLICY, "Connection policy");
        }
        let r = self.rng.unit();
        let o = if row.get(ORG_ACTION) == "Block" {
            outcome("Blocked", "Quarantine", "Enterprise Transport Rules (ETR)")
        } else if forced || r < if bulk { 0.6 } else { 0.93 } {
            outcome("Delivered", "Inbox/folder", "")
        } else if r < 0.985 {
            outcome("Junked", "Junk folder", "Antispam")
        } else if r < 0.995 {
            outcome("Blocked", "Quarantine", "Antispam high-confidence")
        } else {
            outcome("Replaced", "Inbox/folder", "Safe Attachments")
        };
        let first = if self.rng.chance(0.7) {
            Some(u.contact_users[ci][self.rng.below(3)])
        } else {
            None
        };
        let rec = self.internal_recipients(m.recipients, first, None);
        self.expand(row, rec, &o, !forced)
    }

    fn threat(&mut self, m: &Message) -> Vec<Row> {
        let u = self.u;
        let threat = *self
            .rng
            .pick(&["Phish", "Phish", "Spam", "Spam", "Malware", "Phish, Spam"]);
        // Compromised partners send threats too (and receive outbound mail).
        let from = if self.rng.chance(0.4) {
            let di = self.rng.range(5, 400) as usize;
            u.contacts[u.contact_of(&mut self.rng, di)].address.clone()
        } else {
            let d = &u.bad_domains[u.bad_pick.pick(&mut self.rng)];
            format!(
                "{}@{d}",
                self.rng
                    .pick(&["noreply", "support", "billing", "admin", "hr"])
            )
        };
        let table = if threat == "Spam" {
            SPAM_SUBJECTS
        } else {
            PHISH_SUBJECTS
        };
        let mut subject = self.subject(table);
        if self.rng.chance(0.15) {
            subject = format!(
                "{}{subject}",
                self.rng.pick(&["RE: ", "Re: ", "FW: ", "Fwd: "])
            );
        }
        let shown_from = if m.flags.empty_from_domain {
            String::new()
        } else {
            from.clone()
        };
        let mut row = self.base(m, "Inbound", &from, &shown_from, "", subject);
        row.set(THREAT_TYPES, threat);
        let method = match threat {
            "Malware" => r#"{"Malware":["File detonation"]}"#,
            "Spam" => r#"{"Spam":["Advanced filter"]}"#,
            "Phish, Spam" => r#"{"Phish":["URL detonation reputation"],"Spam":["General filter"]}"#,
            _ => r#"{"Phish":["URL malicious reputation"]}"#,
        };
        row.set(DETECTION_METHODS, method);
        if threat == "Malware" {
            row.set(THREAT_NAMES, *self.rng.pick(MALWARE));
        }
        row.set(AUTHENTICATION, AUTH_FAIL);
        row.set(CONFIDENCE, r#"{"Phish":"High","Spam":"9"}"#);
        let r = self.rng.unit();
        let o = if r < 0.55 {
            outcome("Blocked", "Quarantine", "Antispam phishing")
        } else if r < 0.88 {
            outcome("Junked", "Junk folder", "Antispam")
        } else {
            outcome("Delivered", "Inbox/folder", "")
        };
        let rec = self.internal_recipients(m.recipients, None, None);
        self.expand(row, rec, &o, true)
    }

    fn hijack(&mut self, m: &Message) -> Vec<Row> {
        let u = self.u;
        let (look, di) = &u.lookalikes[self.rng.below(u.lookalikes.len())];
        let ci = u.contact_of(&mut self.rng, *di);
        let legit = &u.contacts[ci];
        let local = legit.address.split('@').next().unwrap_or("x");
        let from = format!("{local}@{look}");
        let forced = m.flags.force_delivered;
        let prefix = if forced { "RE: " } else { self.prefix() };
        let subject = format!("{prefix}{}", self.subject(HIJACK_SUBJECTS));
        let display = legit.display.clone();
        let mut row = self.base(m, "Inbound", &from, &from, &display, subject);
        row.set(AUTHENTICATION, AUTH_PASS);
        let r = self.rng.unit();
        let o = if forced {
            outcome("Delivered", "Inbox/folder", "")
        } else if m.ts < self.cutoff {
            outcome("Junked", "Junk folder", "Antispam")
        } else if r < 0.25 {
            row.set(THREAT_TYPES, "Phish");
            row.set(DETECTION_METHODS, r#"{"Phish":["Impersonation domain"]}"#);
            outcome(
                "Blocked",
                "Quarantine",
                "Anti-phishing domain impersonation",
            )
        } else if r < 0.85 {
            outcome("Delivered", "Inbox/folder", "")
        } else {
            outcome("Junked", "Junk folder", "Antispam")
        };
        let first = Some(u.contact_users[ci][self.rng.below(3)]);
        let rec = self.internal_recipients(m.recipients, first, None);
        self.expand(row, rec, &o, !forced)
    }
}
