//! Phase 1: what messages there are — kind, fan-out, timestamp, duplicates and the
//! forced edge cases — sorted by time so rows come out in log order.

use crate::rng::{Rng, Weighted};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Normal,
    Bulk,
    Threat,
    Hijack,
    Outbound,
    Intra,
}

const KINDS: [Kind; 6] = [
    Kind::Normal,
    Kind::Bulk,
    Kind::Threat,
    Kind::Hijack,
    Kind::Outbound,
    Kind::Intra,
];

/// Share of rows of each kind / mean fan-out of the kind: ~48.5% normal inbound, 7%
/// bulk, 4.5% threats, 0.08% takeover, 24% outbound, 16% intra-org.
const KIND_WEIGHTS: [f64; 6] = [
    0.485 / 1.465,
    0.07 / 4.4,
    0.045 / 3.975,
    0.0008 / 1.1,
    0.24 / 1.76,
    0.16 / 4.15,
];

/// Edge cases forced into a message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub force_delivered: bool,
    pub force_reply: bool,
    pub empty_from_domain: bool,
    pub rcpt_no_at: bool,
    pub rcpt_quoted_at: bool,
    pub rcpt_cap_domain: bool,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub ts: i64,
    pub seq: usize,
    pub kind: Kind,
    pub recipients: usize,
    pub duplicates: usize,
    pub flags: Flags,
}

fn fanout(rng: &mut Rng, kind: Kind) -> usize {
    let r = rng.unit();
    let (one, (lo, hi), (lo2, hi2)) = match kind {
        Kind::Normal => (0.85, (2, 4), (5, 12)),
        Kind::Bulk => (0.45, (2, 8), (9, 25)),
        Kind::Threat => (0.6, (2, 10), (11, 40)),
        Kind::Hijack => (0.9, (2, 2), (2, 2)),
        Kind::Outbound => (0.75, (2, 5), (6, 10)),
        Kind::Intra => (0.6, (2, 6), (7, 40)),
    };
    if r < one {
        1
    } else if r < one + (1.0 - one) * 0.8 {
        rng.range(lo, hi) as usize
    } else {
        rng.range(lo2, hi2) as usize
    }
}

/// A time in `[start, cutoff)` with a business-hours and weekday profile.
fn history_time(rng: &mut Rng, start: i64, cutoff: i64) -> i64 {
    const HOUR_US: i64 = 3_600_000_000;
    loop {
        let t = start + (rng.unit() * (cutoff - start) as f64) as i64;
        let hour = t.rem_euclid(24 * HOUR_US) / HOUR_US;
        let weekday = (t.div_euclid(24 * HOUR_US) + 3).rem_euclid(7); // 0 = Monday
        let w = match hour {
            0..=6 => 0.12,
            7 | 18..=20 => 0.5,
            8..=17 => 1.0,
            _ => 0.25,
        } * if weekday >= 5 { 0.25 } else { 1.0 };
        if rng.unit() < w {
            return t;
        }
    }
}

/// The messages making up `rows` rows, in time order.
pub fn plan(rows: usize, now: i64, seed: u64, recent_frac: f64, edge: bool) -> Vec<Message> {
    const HOUR_US: i64 = 3_600_000_000;
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(1));
    let cutoff = now - 4 * HOUR_US;
    let start = now - 30 * 24 * HOUR_US;
    let kinds = Weighted::new(KIND_WEIGHTS);
    let mut plans = Vec::new();
    let mut total = 0;
    while total < rows {
        let kind = KINDS[kinds.pick(&mut rng)];
        let mut k = fanout(&mut rng, kind);
        let mut dups = (0..k).filter(|_| rng.chance(0.002)).count();
        let excess = (total + k + dups).saturating_sub(rows);
        if excess > 0 {
            let d = dups.min(excess);
            dups -= d;
            k -= excess - d;
        }
        let recent = |rng: &mut Rng| cutoff + (rng.unit() * (now - cutoff) as f64) as i64;
        let ts = if kind == Kind::Hijack {
            if rng.chance(0.65) {
                recent(&mut rng)
            } else {
                cutoff - 1 - (rng.unit() * (72 * HOUR_US) as f64) as i64
            }
        } else if rng.chance(recent_frac) {
            recent(&mut rng)
        } else {
            history_time(&mut rng, start, cutoff)
        };
        plans.push(Message {
            ts,
            seq: plans.len(),
            kind,
            recipients: k,
            duplicates: dups,
            flags: Flags::default(),
        });
        total += k + dups;
    }
    if edge {
        force_edge_cases(&mut plans, &mut rng, cutoff, now);
    }
    plans.sort_by_key(|m| (m.ts, m.seq));
    plans
}

/// `nb = max(2, messages / 50000)` of each edge case (see the crate docs).
fn force_edge_cases(plans: &mut [Message], rng: &mut Rng, cutoff: i64, now: i64) {
    let nb = (plans.len() / 50_000).max(2);
    let of = |plans: &[Message], kind: Kind| -> Vec<usize> {
        plans
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == kind)
            .map(|(i, _)| i)
            .collect()
    };
    let hijack = of(plans, Kind::Hijack);
    let normal = of(plans, Kind::Normal);
    let threat = of(plans, Kind::Threat);
    let out = of(plans, Kind::Outbound);
    let take = |v: &[usize], from: usize| {
        v.iter()
            .skip(from * nb)
            .take(nb)
            .copied()
            .collect::<Vec<_>>()
    };
    for i in take(&hijack, 0) {
        plans[i].ts = cutoff;
        plans[i].flags.force_delivered = true;
    }
    for i in take(&normal, 0) {
        plans[i].ts = cutoff;
    }
    for i in take(&normal, 1) {
        plans[i].ts = cutoff - 1;
    }
    for i in take(&normal, 2) {
        if plans[i].ts >= cutoff {
            plans[i].ts = cutoff - 3_600_000_000;
        }
        plans[i].flags.empty_from_domain = true;
        plans[i].flags.force_delivered = true;
    }
    let replies = take(&normal, 3);
    for &i in &replies {
        plans[i].ts = cutoff + (rng.unit() * (now - cutoff) as f64) as i64;
        plans[i].flags.empty_from_domain = true;
        plans[i].flags.force_delivered = true;
        plans[i].flags.force_reply = true;
    }
    for i in take(&threat, 0) {
        plans[i].flags.empty_from_domain = true;
    }
    for i in take(&out, 0) {
        plans[i].flags.rcpt_no_at = true;
    }
    for i in take(&out, 1) {
        plans[i].flags.rcpt_quoted_at = true;
    }
    for i in take(&out, 2) {
        plans[i].flags.rcpt_cap_domain = true;
    }
    // Exact duplicates inside the takeover result; a large intra-org message gives up a
    // row so the total stays the same.
    let donors: Vec<usize> = of(plans, Kind::Intra)
        .into_iter()
        .filter(|&i| plans[i].recipients >= 3)
        .collect();
    let targets: Vec<usize> = take(&hijack, 0).into_iter().chain(replies).collect();
    for (target, donor) in targets.into_iter().zip(donors) {
        plans[donor].recipients -= 1;
        plans[target].duplicates += 1;
    }
}
