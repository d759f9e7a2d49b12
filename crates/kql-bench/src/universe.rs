//! The entities every message draws from, fixed by the seed alone (not by the row
//! count): the organisation's mailboxes, external partner domains with Zipf
//! popularity and their addresses, stable correspondents, malicious domains, and
//! look-alike domains of popular partners (the conversation-takeover senders).

use crate::rng::{Rng, Weighted};
use crate::vocab::{BAD_WORDS, CONSUMER, DOM_A, DOM_B, FIRST, LAST, ROLES, TLDS};

/// The organisation's own domains.
pub const INTERNAL: [&str; 3] = ["contoso.com", "contoso.co.uk", "contoso.onmicrosoft.com"];

/// A mailbox of the organisation.
pub struct User {
    pub address: String,
    pub display: String,
    pub object_id: String,
}

/// An external address.
pub struct Contact {
    pub address: String,
    pub display: String,
}

pub struct Universe {
    pub users: Vec<User>,
    pub user_pick: Weighted,
    /// External domains, most popular first (the first ones are consumer mail).
    pub domains: Vec<String>,
    pub domain_pick: Weighted,
    pub contacts: Vec<Contact>,
    /// Per domain: its contacts' indexes and a popularity pick over them.
    pub domain_contacts: Vec<(Vec<usize>, Weighted)>,
    /// Per domain: the IPv4 addresses it sends from.
    pub domain_ips: Vec<[String; 2]>,
    /// Per user: external contacts they write to.
    pub user_contacts: Vec<[usize; 6]>,
    /// Per contact: users who receive their mail.
    pub contact_users: Vec<[usize; 3]>,
    pub bad_domains: Vec<String>,
    pub bad_pick: Weighted,
    /// `(look-alike domain, index of the partner domain it imitates)`.
    pub lookalikes: Vec<(String, usize)>,
    pub policy_guids: Vec<(&'static str, String)>,
}

fn local_part(first: &str, last: &str) -> String {
    let fold = |s: &str| -> String {
        s.chars()
            .filter_map(|c| match c {
                'a'..='z' | 'A'..='Z' => Some(c.to_ascii_lowercase()),
                'é' | 'è' | 'ë' => Some('e'),
                'ü' | 'ú' => Some('u'),
                'ö' | 'ó' | 'ø' => Some('o'),
                'á' | 'à' | 'ä' => Some('a'),
                'ñ' => Some('n'),
                'ç' => Some('c'),
                'ł' => Some('l'),
                _ => None,
            })
            .collect()
    };
    format!("{}.{}", fold(first), fold(last))
}

fn ip(rng: &mut Rng) -> String {
    let first = [13u64, 20, 40, 52, 104, 185, 193, 198, 203, 212];
    format!(
        "{}.{}.{}.{}",
        rng.pick(&first),
        rng.range(0, 255),
        rng.range(0, 255),
        rng.range(1, 254)
    )
}

/// A typo of a domain: a letter dropped, doubled or swapped, a homoglyph, a suffix.
fn typo(rng: &mut Rng, domain: &str) -> String {
    let (name, tld) = domain.split_once('.').unwrap_or((domain, "com"));
    let mut n: Vec<char> = name.chars().collect();
    match rng.range(0, 4) {
        0 if n.len() > 4 => {
            n.remove(rng.range(1, n.len() as u64 - 2) as usize);
        }
        1 if n.len() > 4 => {
            let i = rng.range(1, n.len() as u64 - 3) as usize;
            n.swap(i, i + 1);
        }
        2 => {
            let i = rng.range(1, n.len().max(3) as u64 - 2) as usize % n.len().max(1);
            let c = n[i];
            n.insert(i, c);
        }
        3 => {
            if let Some(i) = n.iter().position(|c| *c == 'o') {
                n[i] = '0';
            } else if let Some(i) = n.iter().position(|c| *c == 'l') {
                n[i] = '1';
            } else {
                n.push('s');
            }
        }
        _ => {
            let suffix = ["-inc", "-invoices", "-pay", "-billing", "-secure"];
            n.extend(rng.pick(&suffix).chars());
        }
    }
    format!("{}.{tld}", n.into_iter().collect::<String>())
}

impl Universe {
    pub fn new(seed: u64) -> Universe {
        let mut rng = Rng::new(seed.wrapping_mul(7919).wrapping_add(17));
        let policies = [
            "Antispam high-confidence",
            "Antispam",
            "Antispam phishing",
            "Anti-phishing domain impersonation",
            "Antimalware",
            "Safe Attachments",
            "Enterprise Transport Rules (ETR)",
        ];
        let policy_guids = policies.iter().map(|p| (*p, rng.guid())).collect();

        let internal = Weighted::new([88.0, 10.0, 2.0]);
        let mut used = std::collections::HashSet::new();
        let mut users = Vec::new();
        while users.len() < 12_000 {
            let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
            let local = local_part(f, l);
            let domain = INTERNAL[internal.pick(&mut rng)];
            let mut address = format!("{local}@{domain}");
            let mut n = 1;
            while used.contains(&address) {
                n += 1;
                address = format!("{local}{n}@{domain}");
            }
            used.insert(address.clone());
            let object_id = rng.guid();
            users.push(User {
                address,
                display: format!("{f} {l}"),
                object_id,
            });
        }
        for role in ["it-helpdesk", "accounts-payable", "hr", "sales", "security"] {
            let object_id = rng.guid();
            users.push(User {
                address: format!("{role}@contoso.com"),
                display: role.replace('-', " "),
                object_id,
            });
        }
        let user_pick = Weighted::zipf(users.len(), 0.6);

        let mut taken: std::collections::HashSet<String> =
            CONSUMER.iter().map(|d| d.to_string()).collect();
        let mut domains: Vec<String> = CONSUMER.iter().map(|d| d.to_string()).collect();
        let tlds = Weighted::new(TLDS.iter().map(|(_, w)| *w));
        while domains.len() < 3000 {
            let (a, b) = (*rng.pick(DOM_A), *rng.pick(DOM_B));
            let name = if rng.chance(0.75) {
                format!("{a}{b}")
            } else {
                format!("{a}-{b}")
            };
            let d = format!("{name}.{}", TLDS[tlds.pick(&mut rng)].0);
            if taken.insert(d.clone()) {
                domains.push(d);
            }
        }
        let domain_pick = Weighted::zipf(domains.len(), 1.05);

        let weights: Vec<f64> = (5..domains.len())
            .map(|r| (1.0 / ((r + 1) as f64).powf(1.05)).powf(0.6))
            .collect();
        let sum: f64 = weights.iter().sum();
        let mut contacts = Vec::new();
        let mut domain_contacts = Vec::new();
        for (di, d) in domains.iter().enumerate() {
            let n = if di < 5 {
                1500
            } else {
                1 + (32_500.0 * weights[di - 5] / sum) as usize
            };
            let mut locals = std::collections::HashSet::new();
            let mut ids = Vec::new();
            let mut tries = 0;
            while ids.len() < n && tries < n * 20 {
                tries += 1;
                let (f, l) = (*rng.pick(FIRST), *rng.pick(LAST));
                let base = local_part(f, l);
                let r = rng.unit();
                let (local, display) = if di >= 5 && r < 0.12 && !ids.is_empty() {
                    let role = *rng.pick(ROLES);
                    (
                        role.to_string(),
                        format!("{} {role}", d.split('.').next().unwrap_or(d)),
                    )
                } else if r < 0.7 {
                    (base, format!("{f} {l}"))
                } else if di < 5 {
                    (
                        format!("{}{}", base.replace('.', ""), rng.range(1, 99)),
                        format!("{f} {l}"),
                    )
                } else {
                    (
                        base.split('.').next().unwrap_or("x").to_string(),
                        format!("{f} {l}"),
                    )
                };
                if locals.insert(local.clone()) {
                    ids.push(contacts.len());
                    contacts.push(Contact {
                        address: format!("{local}@{d}"),
                        display,
                    });
                }
            }
            let pick = Weighted::zipf(ids.len(), 1.0);
            domain_contacts.push((ids, pick));
        }
        let domain_ips = domains
            .iter()
            .map(|_| [ip(&mut rng), ip(&mut rng)])
            .collect();
        let contact_users = contacts
            .iter()
            .map(|_| std::array::from_fn(|_| user_pick.pick(&mut rng)))
            .collect();
        let mut user_contacts = Vec::with_capacity(users.len());
        for _ in 0..users.len() {
            user_contacts.push(std::array::from_fn(|_| {
                let (ids, pick) = &domain_contacts[domain_pick.pick(&mut rng)];
                ids[pick.pick(&mut rng)]
            }));
        }

        let mut bad_domains = Vec::new();
        while bad_domains.len() < 300 {
            let tld = rng.pick(&["xyz", "top", "ru", "info", "click", "online"]);
            let d = format!(
                "{}-{}{}.{tld}",
                rng.pick(BAD_WORDS),
                rng.pick(BAD_WORDS),
                rng.range(1, 999)
            );
            if taken.insert(d.clone()) {
                bad_domains.push(d);
            }
        }
        let bad_pick = Weighted::zipf(bad_domains.len(), 0.8);
        let mut lookalikes = Vec::new();
        while lookalikes.len() < 150 {
            let di = rng.range(5, 300) as usize;
            let d = typo(&mut rng, &domains[di]);
            if taken.insert(d.clone()) {
                lookalikes.push((d, di));
            }
        }
        Universe {
            users,
            user_pick,
            domains,
            domain_pick,
            contacts,
            domain_contacts,
            domain_ips,
            user_contacts,
            contact_users,
            bad_domains,
            bad_pick,
            lookalikes,
            policy_guids,
        }
    }

    /// A contact of domain `di`, by popularity.
    pub fn contact_of(&self, rng: &mut Rng, di: usize) -> usize {
        let (ids, pick) = &self.domain_contacts[di];
        ids[pick.pick(rng)]
    }

    /// The GUID of a policy name (`""` for none).
    pub fn policy_guid(&self, policy: &str) -> String {
        self.policy_guids
            .iter()
            .find(|(p, _)| *p == policy)
            .map(|(_, g)| g.clone())
            .unwrap_or_default()
    }
}
