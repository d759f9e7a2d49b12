//! Smaller operators and binder forms: `union isfuzzy`, view wildcards,
//! `column_names_of`, `pack_all`, `sample`, `sample-distinct`, `externaldata`.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

#[test]
fn fuzzy_union_skips_unknown_tables_and_matches_views() {
    // union-operator.md, "Using union isfuzzy=true ..." (conformance union-operator-03/04).
    let views = "let View_1 = view () { print x=1 }; let View_2 = view () { print x=1 };
                 let OtherView_1 = view () { print x=1 };";
    let q = format!(
        "{views} union isfuzzy=true (View_1 | where x > 0), (View_2 | where x > 0), (View_3 | where x > 0) | count"
    );
    assert_eq!(rows(&q), ["2"]);
    let q = format!("{views} union isfuzzy=true View*, SomeView*, OtherView* | count");
    assert_eq!(rows(&q), ["3"]);
    assert!(error("union (View_3 | where x > 0)").contains("View_3"));
}

#[test]
fn fuzzy_union_leaves_out_unknown_functions_with_a_warning() {
    // union-operator.md, isfuzzy: "any resolution failure yields a warning in the query
    // status results, but won't prevent the query execution"; Sentinel's ASIM rules rely
    // on it for parsers that are not deployed (`_Im_Dns(...)`).
    let q = "let T = datatable(a:long)[1, 2];
             union isfuzzy=true T, (_Im_Dns(domain_has_any=dynamic(['x'])) | extend b = 1)";
    let (header, body) = eval(q);
    assert_eq!(header, ["a:long"]);
    assert_eq!(body.len(), 2);
    let script = kql_parser::parse(q).unwrap();
    let tables = kql_eval::MemoryTables::default();
    let checked = kql_eval::check_with_warnings(&script, &tables);
    let codes: Vec<String> = checked
        .warnings
        .iter()
        .filter(|w| w.changes_result())
        .map(|w| w.to_string())
        .collect();
    assert_eq!(
        codes,
        ["this `union isfuzzy=true` leg is left out: unknown function `_Im_Dns`"]
    );
    // Without isfuzzy the unknown function is an error; with it, when no leg resolves,
    // the first leg's error is the query's.
    assert!(error("union (_Im_Dns() | take 1)").contains("_Im_Dns"));
    assert!(error("union isfuzzy=true (_Im_Dns() | take 1), NoTable").contains("_Im_Dns"));
}

#[test]
fn column_names_and_pack_all() {
    // column-names-of-function.md (conformance column-names-of-function-01).
    let q = r#"let F = () { print A="", B=1 }; print Columns = column_names_of(F())"#;
    assert_eq!(rows(q), [r#"["A","B"]"#]);
    // pack-all-function.md: every column into a bag, nulls included.
    let q = "datatable(a:string, b:long) ['x', long(null)] | extend p = pack_all()";
    assert_eq!(rows(q), [r#"x||{"a":"x","b":null}"#]);
}

#[test]
fn sample_takes_rows_deterministically() {
    let q = "range x from 1 to 10 step 1 | sample 3 | count";
    assert_eq!(rows(q), ["3"]);
    let q = "datatable(s:string) ['a', 'b', 'a', 'c'] | sample-distinct 2 of s";
    let (header, body) = eval(q);
    assert_eq!(header, ["s:string"]);
    assert_eq!(body.len(), 2);
}

#[test]
fn externaldata_names_its_url() {
    let q = "externaldata(d:string) [@'https://example.com/feed.txt'] with (format='txt')";
    assert!(error(q).contains("https://example.com/feed.txt"));
}

#[test]
fn partition_runs_the_subquery_per_value() {
    // partition-operator.md, "Native strategy" (the shape, over a small table).
    let q = "datatable(State:string, Type:string, I:long)
             ['W1', 'a', 4, 'W1', 'b', 1, 'W1', 'c', 0, 'W2', 'a', 13, 'W2', 'b', 5]
             | partition hint.strategy=native by State (summarize T = sum(I) by Type | top 2 by T)";
    let (header, body) = eval(q);
    assert_eq!(header, ["Type:string", "T:long"]);
    assert_eq!(body, [["a", "4"], ["b", "1"], ["a", "13"], ["b", "5"]]);
    let many = "range x from 1 to 65 step 1 | partition by x (count)";
    assert!(error(many).contains("64"));
    assert_eq!(
        rows("range x from 1 to 65 step 1 | partition hint.strategy=native by x (count) | count"),
        ["65"]
    );
}

#[test]
fn ipv4_lookup_matches_ranges() {
    // ipv4-lookup-plugin.md (conformance ipv4-lookup-plugin-00/01).
    let data = r#"let IP_Data = datatable(network:string, country:string)
        ["111.68.128.0/17", "Japan", "5.8.0.0/19", "Russia", "2.20.183.0/24", "United Kingdom"];
        let IPs = datatable(ip:string) ['2.20.183.12', '5.8.1.2', '192.165.12.17'];"#;
    let q = format!("{data} IPs | evaluate ipv4_lookup(IP_Data, ip, network)");
    let (header, _) = eval(&q);
    assert_eq!(header, ["ip:string", "network:string", "country:string"]);
    assert_eq!(
        rows(&q),
        [
            "2.20.183.12|2.20.183.0/24|United Kingdom",
            "5.8.1.2|5.8.0.0/19|Russia"
        ]
    );
    let q =
        format!("{data} IPs | evaluate ipv4_lookup(IP_Data, ip, network, return_unmatched = true)");
    assert_eq!(rows(&q).last().map(String::as_str), Some("192.165.12.17||"));
    let overlapping = r#"let R = datatable(network:string) ["10.0.0.0/8", "10.1.0.0/16"];
        print ip = '10.1.2.3' | evaluate ipv4_lookup(R, ip, network)"#;
    assert!(error(overlapping).contains("several ranges"));
}

#[test]
fn search_over_tables_of_one_schema() {
    // let-statement.md's view example, as the engine answered it (conformance
    // let-statement-05): `$table` first, then the views' columns.
    let views = "let Range10 = view () { range MyColumn from 1 to 10 step 1 };
                 let Range20 = view () { range MyColumn from 1 to 20 step 1 };";
    let (header, body) = eval(&format!("{views} search MyColumn == 5"));
    assert_eq!(header, ["$table:string", "MyColumn:long"]);
    assert_eq!(body, [["Range10", "5"], ["Range20", "5"]]);
    let q = format!("{views} search in (Range20) MyColumn > 18");
    assert_eq!(rows(&q), ["Range20|19", "Range20|20"]);
    // search-operator.md: over different schemas the result is `project-smart`-shaped
    // in an undocumented column order, and bare terms search every column's text:
    // both are refused rather than guessed.
    let two = "let A = view () { print x=1 }; let B = view () { print y=1 };";
    assert!(error(&format!("{two} search x == 1")).contains("different schemas"));
    assert!(error(&format!("{views} search \"5\"")).contains("bare `search` term"));
    assert!(
        error(&format!("{views} search kind=case_sensitive MyColumn == 5"))
            .contains("case_sensitive")
    );
}
