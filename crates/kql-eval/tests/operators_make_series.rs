//! `make-series`: expectations from q/make-series-operator.md (examples cited by
//! title) and the conformance cases make-series-operator-03/04.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

const DATA: &str = "let data = datatable(timestamp:datetime, metric: real) [
  datetime(2016-12-31T06:00), 50, datetime(2017-01-01), 4, datetime(2017-01-02), 3,
  datetime(2017-01-03), 4, datetime(2017-01-03T03:00), 6, datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13, datetime(2017-01-06), 4, datetime(2017-01-07), 3,
  datetime(2017-01-08), 8, datetime(2017-01-08T21:00), 8, datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11, datetime(2017-01-10T05:00), 5];
let interval = 1d; let stime = datetime(2017-01-01); let etime = datetime(2017-01-10);
";

#[test]
fn averages_per_day_with_default_zero() {
    // make-series-operator.md, the avg(metric) example.
    let q = format!(
        "{DATA} data | make-series avg(metric) on timestamp from stime to etime step interval"
    );
    let (header, body) = eval(&q);
    assert_eq!(header, ["avg_metric:dynamic", "timestamp:dynamic"]);
    assert_eq!(body[0][0], "[4.0,3.0,5.0,0.0,10.5,4.0,3.0,8.0,6.5]");
    assert!(
        body[0][1].starts_with(r#"["2017-01-01T00:00:00.0000000Z","2017-01-02T00:00:00.0000000Z""#)
    );
    assert!(body[0][1].ends_with(r#""2017-01-09T00:00:00.0000000Z"]"#));
}

#[test]
fn empty_input_gives_no_rows_unless_nonempty() {
    let q = format!(
        "{DATA} data | take 0 | make-series avg(metric) default=1.0 on timestamp from stime to etime step interval | count"
    );
    assert_eq!(rows(&q), ["0"]);
    // Conformance make-series-operator-03.
    let q = format!(
        "{DATA} data | take 0 | make-series kind=nonempty avg(metric) default=1.0 on timestamp from stime to etime step interval"
    );
    let body = eval(&q).1;
    assert_eq!(body[0][0], "[1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0]");
}

#[test]
fn series_per_key_and_constant_items() {
    // Conformance make-series-operator-04 (up to the mv-expand).
    let q = "datatable(Time: datetime, Value: int, other:int)
             [datetime(2025-01-07), 10, 11, datetime(2025-01-16), 20, 21, datetime(2025-02-01), 30, 5]
             | make-series Value=sum(Value), other=-1 default=-2 on Time from datetime(2025-01-06) to datetime(2025-02-09) step 7d";
    let (header, body) = eval(q);
    assert_eq!(header, ["Value:dynamic", "other:dynamic", "Time:dynamic"]);
    assert_eq!(body[0][0], "[10,20,0,30,0]");
    assert_eq!(body[0][1], "[-1,-1,-2,-1,-2]");
    let q = "datatable(T: long, K: string) [1, 'a', 2, 'b', 5, 'a']
             | make-series n = count() on T step 2 by K";
    let (header, _) = eval(q);
    assert_eq!(header, ["K:string", "n:dynamic", "T:dynamic"]);
    // Without from/to each series spans its own bins.
    assert_eq!(rows(q), ["a|[1,0,1]|[0,2,4]", "b|[1]|[2]"]);
}

#[test]
fn out_of_range_rows_still_make_a_series() {
    // make-series-operator.md, "Returns": rows are grouped by keys and bins, then each
    // key's bins inside [from, to) are laid out; a key with none gets all defaults.
    let q = "datatable(T: long, K: string) [1, 'a', 20, 'b', 3, 'a']
             | make-series count() on T from 0 to 4 step 1 by K";
    assert_eq!(rows(q), ["a|[0,1,0,1]|[0,1,2,3]", "b|[0,0,0,0]|[0,1,2,3]"]);
}

#[test]
fn refusals() {
    let q = "datatable(T: long) [1] | make-series count() on T in range(0, 10, 1)";
    assert!(error(q).contains("in range"));
    let q = "datatable(T: long, s: string) [1, 'a'] | make-series max(s) on T step 1";
    assert!(error(q).contains("numeric"));
    // A series whose rows all fall outside the range has no known bounds without from/to.
    let q = "datatable(T: long, K: string) [1, 'a', -5, 'b'] | make-series count() on T from 0 step 1 by K";
    assert!(error(q).contains("cannot tell"));
    let q = "datatable(T: long) [1] | make-series count() on T from 0 to 10 step 0";
    assert!(error(q).contains("positive"));
}
