//! `scan` (learn.microsoft.com/kusto/query/scan-operator): the docs' examples, with
//! Kusto's answers from the conformance cases `scan-operator-03` and `-05`.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, rows};

#[test]
fn cumulative_sum() {
    // scan-operator, "Cumulative sum": 1, 3, 6, 10, 15.
    let q = "range x from 1 to 5 step 1
             | scan declare (cumulative_x:long=0) with (step s1: true => cumulative_x = x + s1.cumulative_x;)";
    assert_eq!(rows(q), ["1|1", "2|3", "3|6", "4|10", "5|15"]);
}

#[test]
fn sequences_with_match_ids() {
    // scan-operator, "Events sequence analysis" (conformance scan-operator-05).
    let q = r#"datatable (Ts: timespan, Event: string) [
            0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop"]
        | sort by Ts asc
        | scan with_match_id=m_id with (
            step s1: Event == "Start";
            step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
            step s3: Event == "Stop" and Ts - s1.Ts <= 5m;
        )"#;
    assert_eq!(
        rows(q),
        [
            "00:01:00|Start|0",
            "00:02:00|B|0",
            "00:03:00|D|0",
            "00:04:00|Stop|0",
            "00:08:00|Start|1",
            "00:11:00|E|1",
            "00:12:00|Stop|1"
        ]
    );
}

#[test]
fn sessions() {
    // scan-operator, "Sessionization" (conformance scan-operator-03): a step with
    // output=none ends a session after 30 minutes.
    let q = r#"datatable (Ts: timespan, Event: string) [0m, "A", 1m, "A", 32m, "B", 36m, "C", 75m, "A"]
        | sort by Ts asc
        | scan with_match_id=session_id declare (sessionStart: timespan) with (
            step inSession: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
            step endSession output=none: Ts - inSession.sessionStart > 30m;
        )"#;
    assert_eq!(
        rows(q),
        [
            "00:00:00|A|00:00:00|0",
            "00:01:00|A|00:00:00|0",
            "00:32:00|B|00:32:00|1",
            "00:36:00|C|00:32:00|1",
            "01:15:00|A|01:15:00|2"
        ]
    );
}

#[test]
fn open_cases_are_refused() {
    assert!(error("datatable(x:long)[1,2] | scan with (step s1: x > 1;)").contains("serialized"));
    assert!(
        error("range x from 1 to 3 step 1 | scan with (step s1 output=last: x > 1;)")
            .contains("output = last")
    );
    assert!(
        error(
            "range x from 1 to 3 step 1 | scan declare (c:long) with (step s1: x > 1; step s2: x > 2 => c = 1;)"
        )
        .contains("assigning every declared column")
    );
}
