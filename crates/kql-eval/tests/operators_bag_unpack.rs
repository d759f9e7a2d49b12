//! `evaluate bag_unpack`: expectations from q/bag-unpack-plugin.md (examples cited by
//! title) and conformance bag-unpack-plugin-05. Its columns come from the data, so the
//! query is bound at run time (`bind::late`).

#[path = "operators_helper.rs"]
mod helper;

use helper::{bind, error, eval, rows};

const PEOPLE: &str = r#"datatable(d:dynamic) [
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Height": 170, "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]"#;

#[test]
fn unpacks_keys_into_sorted_typed_columns() {
    // Conformance bag-unpack-plugin-05 ("Expand a bag with an OutputSchema" data).
    let (header, body) = eval(&format!("{PEOPLE} | evaluate bag_unpack(d)"));
    assert_eq!(header, ["Age:long", "Height:long", "Name:string"]);
    assert_eq!(body[1], ["40", "170", "Dave"]);
    assert_eq!(body[0], ["20", "", "John"]);
}

#[test]
fn prefix_and_ignored_properties() {
    // "Expand a bag and use the OutputColumnPrefix option".
    let (header, _) = eval(&format!("{PEOPLE} | evaluate bag_unpack(d, 'Property_')"));
    assert_eq!(
        header,
        [
            "Property_Age:long",
            "Property_Height:long",
            "Property_Name:string"
        ]
    );
    // "... use the ignoredProperties option".
    let q =
        format!("{PEOPLE} | evaluate bag_unpack(d, ignoredProperties=dynamic(['Height', 'Age']))");
    assert_eq!(eval(&q).0, ["Name:string"]);
}

#[test]
fn later_operators_bind_to_the_unpacked_columns() {
    let q = format!(
        "{PEOPLE} | extend k = 1 | evaluate bag_unpack(d) | where Age > 25 | project Name, Age, k"
    );
    assert_eq!(rows(&q), ["Dave|40|1", "Jasmine|30|1"]);
    // The statement is late: its plan is bound when it runs.
    let bound = bind(&q).unwrap();
    assert!(bound.queries[0].schema.fields.is_empty());
    // An unknown column is reported when the query runs.
    let q = format!("{PEOPLE} | evaluate bag_unpack(d) | where Weight > 1");
    assert!(error(&q).contains("Weight"));
}

#[test]
fn column_ifexists_sees_the_data_columns() {
    let q = format!(
        "{PEOPLE} | evaluate bag_unpack(d)
         | project H = column_ifexists('Height', long(-1)), W = column_ifexists('Weight', 'none')"
    );
    assert_eq!(rows(&q), ["|none", "170|none", "|none"]);
}

#[test]
fn late_lets_and_mixed_types() {
    let q = r#"let U = datatable(k:long, d:dynamic) [1, dynamic({"a": 1}), 2, dynamic({"a": "x", "b": 2.5}), 3, dynamic(null)]
               | evaluate bag_unpack(d);
               U | where k >= 2"#;
    let (header, body) = eval(q);
    assert_eq!(header, ["k:long", "a:dynamic", "b:real"]);
    assert_eq!(body, [["2", "x", "2.5"], ["3", "", ""]]);
}

#[test]
fn refusals() {
    let q = "print d = dynamic([1, 2]) | evaluate bag_unpack(d)";
    assert!(error(q).contains("non-bag"));
    let q = r#"print d = dynamic({"a": 1}), a = 2 | evaluate bag_unpack(d)"#;
    assert!(error(q).contains("already exists"));
    let q = r#"print d = dynamic({"a": 1, "B": 2}) | evaluate bag_unpack(d)"#;
    assert!(error(q).contains("case"));
    assert!(error("print x = 1, y = 2 | evaluate pivot(x, sum(y))").contains("pivot"));
    assert!(error("print s = 'a' | evaluate bag_unpack(s)").contains("dynamic"));
}

#[test]
fn a_late_query_keeps_its_render_request() {
    let q =
        format!("{PEOPLE} | evaluate bag_unpack(d) | summarize count() by Name | render piechart");
    let bound = bind(&q).unwrap();
    let request = bound.queries[0].render_request().expect("render request");
    assert_eq!(request.chart, "piechart");
    assert_eq!(rows(&q).len(), 3);
}
