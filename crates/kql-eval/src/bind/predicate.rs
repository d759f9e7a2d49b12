//! Predicates, where only `true` counts: `where P` keeps, `countif(P)` counts, and the
//! other `...if` aggregates (`sumif(x, P)`, `make_set_if(x, P)`) read, the rows where
//! P is `true`, so a part of P that is `false` and one that is null give the
//! same rows, as long as only `and` / `or` stand between that part and the top (they
//! are min and max over false < null < true, so replacing a null by false never changes
//! whether the whole is `true`; `not` and `iff` would).
//!
//! ```kql
//! EmailEvents
//! | summarize countif(set_has_element(parse_json(DetectionMethods).Phish, "Spoof DMARC"))
//! ```
//!
//! That lets kql run `set_has_element` over a null (or otherwise non-array) value in
//! these positions: Kusto's answer there (null or false) is undocumented, and kql
//! refuses it elsewhere, but here both answers select the same rows.

use crate::functions::array::SET_HAS_ELEMENT_IN_PREDICATE;
use crate::plan::{ScalarExpr, ScalarKind};

/// `predicate` with the calls that may read a non-array as "not true" made to do so.
pub(crate) fn as_predicate(predicate: ScalarExpr) -> ScalarExpr {
    let ScalarExpr { kind, ty, span } = predicate;
    let kind = match kind {
        ScalarKind::Call { function, args } if matches!(function.name, "and" | "or") => {
            ScalarKind::Call {
                function,
                args: args.into_iter().map(as_predicate).collect(),
            }
        }
        ScalarKind::Call { function, args } if function.name == "set_has_element" => {
            ScalarKind::Call {
                function: &SET_HAS_ELEMENT_IN_PREDICATE,
                args,
            }
        }
        other => other,
    };
    ScalarExpr { kind, ty, span }
}

#[cfg(test)]
mod tests {
    use crate::functions::test_support::run_at;

    fn rows(query: &str) -> Result<Vec<Vec<String>>, String> {
        run_at(query, 0, true)
    }

    #[test]
    fn countif_and_where_count_a_null_array_as_not_true() {
        // q/countif-aggregation-function.md: "the count of rows for which the predicate
        // evaluates to true"; q/where-operator.md: rows "for which the predicate is true".
        let data = r#"datatable(D:string)['{"Phish":["Spoof DMARC"]}', '{"Spam":["x"]}', '', '{"Phish":["Other"]}']"#;
        let counted = rows(&format!(
            r#"{data} | summarize n = countif(set_has_element(parse_json(D).Phish, "Spoof DMARC"))"#
        ));
        assert_eq!(counted.unwrap_or_default()[1], ["1"]);
        let kept = rows(&format!(
            r#"{data} | where set_has_element(parse_json(D).Phish, "Other") or D == "" | count"#
        ));
        assert_eq!(kept.unwrap_or_default()[1], ["2"]);
        // q/sumif-aggregation-function.md: the sum over the rows where the predicate
        // is true; the same holds for every `...if` aggregate.
        let summed = rows(&format!(
            r#"{data} | extend n = strlen(D) | summarize s = sumif(n, set_has_element(parse_json(D).Phish, "Other")), l = make_list_if(n, set_has_element(parse_json(D).Phish, "Spoof DMARC"))"#
        ));
        assert_eq!(summed.unwrap_or_default()[1], ["19", "[25]"]);
    }

    #[test]
    fn elsewhere_a_null_array_is_still_refused() {
        // `not` turns "not true" into two different answers (null stays null).
        assert!(rows(r#"print set_has_element(dynamic(null), "a")"#).is_err());
        assert!(
            rows(r#"datatable(D:dynamic)[dynamic(null)] | where not(set_has_element(D, "a"))"#)
                .is_err()
        );
    }
}
