//! `top-nested`: expectations from q/top-nested-operator.md and conformance
//! top-nested-operator-03.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

#[test]
fn latest_records_per_identity() {
    // top-nested-operator.md, "Latest records per identity with other column data".
    let q = r#"datatable(id: string, timestamp: datetime, otherInformation: string) [
        "Barak", datetime(2015-01-01), "1", "Barak", datetime(2016-01-01), "2",
        "Barak", datetime(2017-01-20), "3", "Donald", datetime(2017-01-20), "4",
        "Donald", datetime(2017-01-18), "5", "Donald", datetime(2017-01-19), "6"]
        | top-nested of id by Ignore0=max(1),
          top-nested 2 of timestamp by Ignore1=max(timestamp),
          top-nested of otherInformation by Ignore2=max(1)
        | project-away Ignore0, Ignore1, Ignore2"#;
    let mut body = rows(q);
    body.sort();
    assert_eq!(
        body,
        [
            "Barak|2016-01-01T00:00:00.0000000Z|2",
            "Barak|2017-01-20T00:00:00.0000000Z|3",
            "Donald|2017-01-19T00:00:00.0000000Z|6",
            "Donald|2017-01-20T00:00:00.0000000Z|4"
        ]
    );
}

#[test]
fn columns_are_named_per_level() {
    let q =
        "datatable(State:string, Type:string, Damage:long) ['A', 'x', 5, 'A', 'y', 1, 'B', 'x', 2]
             | top-nested 1 of State by sum(Damage), top-nested 1 of Type by sum(Damage)";
    let (header, body) = eval(q);
    assert_eq!(
        header,
        [
            "State:string",
            "aggregated_State:long",
            "Type:string",
            "aggregated_Type:long"
        ]
    );
    assert_eq!(body, [["A", "6", "x", "5"]]);
    let q = "datatable(State:string, Damage:long) ['A', 5, 'B', 1, 'C', 2]
             | top-nested 1 of State with others = 'Other' by sum(Damage)";
    assert_eq!(rows(q), ["A|5", "Other|3"]);
}

#[test]
fn ties_at_the_cut_are_refused() {
    let q = "datatable(k:string) ['a', 'b'] | top-nested 1 of k by count()";
    assert!(error(q).contains("cannot tell"));
}
