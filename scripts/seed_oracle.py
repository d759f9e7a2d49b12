#!/usr/bin/env python3
"""A literal, row-at-a-time evaluation of the two seed hunts, written from their KQL text
and Kusto's documented semantics. It is an independent oracle for kql's answers:

    python3 scripts/seed_oracle.py testdata/seeds/EmailEvents.jsonl 2026-05-10T00:00:00Z

Prints each seed's result rows as tab-separated lines, sorted.
"""
import json, sys
from datetime import datetime, timedelta, timezone

def ts(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))

rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
now = ts(sys.argv[2])
cut = now - timedelta(hours=4)
g = lambda r, c: r.get(c) or ""

# conversation takeover
hist = [r for r in rows if ts(r["Timestamp"]) < cut and g(r, "DeliveryAction") == "Delivered"]
pairs = {g(r, "SenderMailFromAddress") + "|" + g(r, "RecipientEmailAddress") for r in hist}
domains = {g(r, "SenderFromDomain") for r in hist}
out = set()
for r in rows:
    if not (ts(r["Timestamp"]) >= cut and g(r, "DeliveryLocation") != "Quarantine" and g(r, "EmailDirection") == "Inbound"
            and g(r, "OrgLevelAction") != "Block" and g(r, "UserLevelAction") != "Block"):
        continue
    s = g(r, "Subject").lower()
    new = not ("re:" in s or "fw:" in s)
    pair = g(r, "SenderMailFromAddress") + "|" + g(r, "RecipientEmailAddress")
    if new or pair in pairs or g(r, "SenderFromDomain") in domains:
        continue
    out.add("\t".join([pair, g(r, "NetworkMessageId"), g(r, "SenderFromDomain"), g(r, "SenderMailFromAddress"),
                       g(r, "RecipientEmailAddress"), g(r, "DeliveryAction"), g(r, "ThreatTypes"), g(r, "DetectionMethods"),
                       "true" if new else "false", g(r, "Subject")]))
print("# conversation takeover")
print("\n".join(sorted(out)))

# partner BEC
from collections import Counter
outbound = Counter()
for r in rows:
    if g(r, "EmailDirection") == "Outbound":
        parts = g(r, "RecipientEmailAddress").split("@")
        outbound[parts[1] if len(parts) > 1 else ""] += 1
threats = Counter(g(r, "SenderFromDomain") for r in rows if g(r, "EmailDirection") == "Inbound" and g(r, "ThreatTypes") != "")
print("# partner BEC")
for d in sorted(outbound, key=lambda d: -outbound[d]):
    if threats[d]:
        print(f"{d}\t{outbound[d]}\t{threats[d]}")
