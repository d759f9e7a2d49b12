//! The organisation's own mail: outbound to partners (with the recipient edge cases the
//! partner BEC hunt must handle: no `@`, a quoted `@`, a capitalised domain) and
//! intra-org.

use super::{Renderer, outcome};
use crate::plan::Message;
use crate::row::*;
use crate::vocab::SUBJECTS;

impl Renderer<'_> {
    pub(super) fn outbound(&mut self, m: &Message) -> Vec<Row> {
        let u = self.u;
        let ui = u.user_pick.pick(&mut self.rng);
        let (address, display) = (u.users[ui].address.clone(), u.users[ui].display.clone());
        let mut subject = self.subject(SUBJECTS);
        if self.rng.chance(0.25) {
            subject = format!("{}{subject}", self.prefix());
        }
        let mut row = self.base(m, "Outbound", &address, &address, &display, subject);
        row.set(SENDER_OBJECT_ID, u.users[ui].object_id.clone());
        row.set(
            IPV6,
            format!(
                "2603:10a6:{:x}::{:x}",
                self.rng.range(0x100, 0xfff),
                self.rng.range(1, 0xffff)
            ),
        );
        let mut rec: Vec<(String, String)> = Vec::new();
        let mut tries = 0;
        while rec.len() < m.recipients && tries < m.recipients * 10 {
            tries += 1;
            let ci = if self.rng.chance(0.6) {
                u.user_contacts[ui][self.rng.below(6)]
            } else {
                let di = u.domain_pick.pick(&mut self.rng);
                u.contact_of(&mut self.rng, di)
            };
            let mut ra = u.contacts[ci].address.clone();
            if rec.iter().any(|(a, _)| *a == ra) {
                continue;
            }
            let (local, dom) = ra
                .split_once('@')
                .map(|(l, d)| (l.to_string(), d.to_string()))
                .unwrap_or_default();
            let e = self.rng.unit();
            if rec.is_empty() && m.flags.rcpt_no_at || e < 0.0002 {
                ra = "undisclosed-recipients:;".to_string();
            } else if rec.is_empty() && m.flags.rcpt_quoted_at || e < 0.0003 {
                ra = format!("\"{local}@home\"@{dom}");
            } else if rec.is_empty() && m.flags.rcpt_cap_domain || e < 0.0053 {
                let mut d = dom.chars();
                let cap: String = d
                    .next()
                    .map(|c| c.to_ascii_uppercase())
                    .into_iter()
                    .chain(d)
                    .collect();
                ra = format!("{local}@{cap}");
            }
            rec.push((ra, String::new()));
        }
        let o = if self.rng.chance(0.985) {
            outcome("Delivered", "On-premises/external", "")
        } else {
            outcome("Blocked", "Failed", "")
        };
        self.expand(row, rec, &o, false)
    }

    pub(super) fn intra(&mut self, m: &Message) -> Vec<Row> {
        let u = self.u;
        let ui = u.user_pick.pick(&mut self.rng);
        let (address, display) = (u.users[ui].address.clone(), u.users[ui].display.clone());
        let mut subject = self.subject(SUBJECTS);
        if self.rng.chance(0.18) {
            subject = format!("{}{subject}", self.prefix());
        }
        let mut row = self.base(m, "Intra-org", &address, &address, &display, subject);
        row.set(SENDER_OBJECT_ID, u.users[ui].object_id.clone());
        row.set(CONFIDENCE, r#"{"Spam":"-1"}"#);
        if self.rng.chance(0.5) {
            row.set_int(BULK_COMPLAINT, None);
        }
        let rec = self.internal_recipients(m.recipients, None, Some(ui));
        let o = if self.rng.chance(0.995) {
            outcome("Delivered", "Inbox/folder", "")
        } else {
            outcome("Junked", "Junk folder", "Antispam")
        };
        self.expand(row, rec, &o, false)
    }
}
