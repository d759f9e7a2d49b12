//! `parse_url(url)` (q/parse-url-function.md) and `parse_urlquery(query)`
//! (q/parse-url-query-function.md): a URL's parts, and a query's parameters, as bags.
//!
//! ```kql
//! print parse_url("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")
//! // {"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username",
//! //  "Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}
//! print parse_urlquery("k1=v1&k2=v2&k3=v3")
//! // {"Query Parameters":{"k1":"v1","k2":"v2","k3":"v3"}}
//! ```
//!
//! The documentation gives one full URL. The engine's own answers for other shapes are
//! quoted in microsoft/Kusto-Query-Language issue #112 (2023), and they show a plain
//! text split, not a URI parser:
//!
//! - the eight keys, always, in the documented order; a missing part is `""` (a URL with
//!   no user info, fragment or query gives `"Username":""`, `"Password":""`,
//!   `"Fragment":""`, `"Query Parameters":{}`);
//! - `Path` keeps its leading `/` (`"/forum/questions/"`; the page's `this/is/a/path`
//!   drops it, the engine does not);
//! - user info is split off only as `user:password@`: in
//!   `https://john.doe@www.example.com:123/...` the Host is `john.doe@www.example.com`;
//! - the port is what follows the authority's last `:`: `ldap://[2001:db8::7]/c=GB`
//!   gives Host `[2001:db8:` and Port `7]`;
//! - a query item without `=` is dropped (`?objectClass?one` gives `{}`), and of a
//!   repeated key the last value is kept (MicrosoftDocs/dataexplorer-docs issue #917:
//!   `?c=1&c=2&c=3` gives `c` = `3`); the parameters are listed by key (the engine
//!   printed `{"order":..,"tag":..}` for `?tag=..&order=..`);
//! - text with no `scheme://` (`mailto:John.Doe@example.com`, `tel:...`) gives every
//!   part empty.
//!
//! What the engine does with `%xx` escapes or `+` in a query, and with an item holding
//! two `=`, is not shown anywhere, so such a query is refused rather than guessed.

use std::collections::BTreeMap;
use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use crate::exec::EvalError;
use crate::value::{Bag, Dynamic, Value};

pub(super) fn parse_url_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the URL")?;
    Ok(ScalarType::Dynamic)
}

pub(super) fn parse_urlquery_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the query")?;
    Ok(ScalarType::Dynamic)
}

pub(super) fn parse_url(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let url = string_arg(&v[0])?;
        let parts = split_url(&url);
        let parameters = query_parameters("parse_url", parts.query)?;
        let mut bag = Bag::new();
        for (key, value) in [
            ("Scheme", parts.scheme),
            ("Host", parts.host),
            ("Port", parts.port),
            ("Path", parts.path),
            ("Username", parts.username),
            ("Password", parts.password),
        ] {
            bag.insert(key.to_string(), Dynamic::string(value));
        }
        bag.insert("Query Parameters".to_string(), parameters);
        bag.insert("Fragment".to_string(), Dynamic::string(parts.fragment));
        Ok(Value::Dynamic(Dynamic::Bag(Arc::new(bag))))
    })
}

pub(super) fn parse_urlquery(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let query = string_arg(&v[0])?;
        let mut bag = Bag::new();
        bag.insert(
            "Query Parameters".to_string(),
            query_parameters("parse_urlquery", &query)?,
        );
        Ok(Value::Dynamic(Dynamic::Bag(Arc::new(bag))))
    })
}

/// The parts of a URL, each `""` when absent.
#[derive(Debug, Default, PartialEq, Eq)]
struct UrlParts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: &'a str,
    path: &'a str,
    username: &'a str,
    password: &'a str,
    query: &'a str,
    fragment: &'a str,
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn split_url(url: &str) -> UrlParts<'_> {
    let Some((scheme, rest)) = url.split_once("://").filter(|(s, _)| is_scheme(s)) else {
        return UrlParts::default();
    };
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (path, query) = match tail.split_once('?') {
        Some((path, query)) => (path, query),
        None => (tail, ""),
    };
    // `user:password@` only: a `@` with no `:` before it stays in the host.
    let (username, password, host_port) = match authority.split_once('@') {
        Some((info, host_port)) => match info.split_once(':') {
            Some((user, password)) => (user, password, host_port),
            None => ("", "", authority),
        },
        None => ("", "", authority),
    };
    let (host, port) = host_port.rsplit_once(':').unwrap_or((host_port, ""));
    UrlParts {
        scheme,
        host,
        port,
        path,
        username,
        password,
        query,
        fragment,
    }
}

/// `k1=v1&k2=v2` as a bag of strings, by key; the last of a repeated key wins.
fn query_parameters(function: &str, query: &str) -> Result<Dynamic, EvalError> {
    if query.contains(['%', '+']) {
        return Err(EvalError::invalid(format!(
            "{function}(): kql cannot tell how Kusto decodes the escapes of the query {query:?}"
        )));
    }
    let mut parameters = BTreeMap::new();
    for item in query.split('&') {
        let Some((key, value)) = item.split_once('=') else {
            continue;
        };
        if value.contains('=') {
            return Err(EvalError::invalid(format!(
                "{function}(): kql cannot tell how Kusto reads the query item {item:?} (two `=`)"
            )));
        }
        parameters.insert(key, value);
    }
    let bag: Bag = parameters
        .into_iter()
        .map(|(k, v)| (k.to_string(), Dynamic::string(v)))
        .collect();
    Ok(Dynamic::Bag(Arc::new(bag)))
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval_row, refused};

    fn parsed(url: &str) -> String {
        eval_row(&format!("print parse_url({url:?})"))[0].clone()
    }

    #[test]
    fn the_documented_example() {
        // q/parse-url-function.md, with the leading `/` the engine keeps (issue #112).
        assert_eq!(
            parsed("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment"),
            r#"{"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username","Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}"#
        );
    }

    #[test]
    fn the_engine_answers_quoted_in_kusto_query_language_issue_112() {
        // https://github.com/microsoft/Kusto-Query-Language/issues/112 ("Actual").
        assert_eq!(
            parsed(
                "https://john.doe@www.example.com:123/forum/questions/?tag=networking&order=newest#top"
            ),
            r#"{"Scheme":"https","Host":"john.doe@www.example.com","Port":"123","Path":"/forum/questions/","Username":"","Password":"","Query Parameters":{"order":"newest","tag":"networking"},"Fragment":"top"}"#
        );
        assert_eq!(
            parsed("ldap://[2001:db8::7]/c=GB?objectClass?one"),
            r#"{"Scheme":"ldap","Host":"[2001:db8:","Port":"7]","Path":"/c=GB","Username":"","Password":"","Query Parameters":{},"Fragment":""}"#
        );
        // "all fields come back empty".
        let empty = r#"{"Scheme":"","Host":"","Port":"","Path":"","Username":"","Password":"","Query Parameters":{},"Fragment":""}"#;
        for url in [
            "mailto:John.Doe@example.com",
            "news:comp.infosystems.www.servers.unix",
            "tel:+1-816-555-1212",
            "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
        ] {
            assert_eq!(parsed(url), empty, "{url}");
        }
    }

    #[test]
    fn a_missing_part_is_empty_and_host_is_what_hunting_queries_take() {
        // Missing parts are "" as in the issue #112 answers.
        assert_eq!(
            eval_row(r#"print tostring(parse_url("https://evil.example.com").Host)"#)[0],
            "evil.example.com"
        );
        assert_eq!(
            parsed("http://a.b"),
            r#"{"Scheme":"http","Host":"a.b","Port":"","Path":"","Username":"","Password":"","Query Parameters":{},"Fragment":""}"#
        );
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        // https://github.com/MicrosoftDocs/dataexplorer-docs/issues/917
        assert_eq!(
            eval_row(
                r#"print tostring(parse_url("https://domain.com/a/b?c=1&c=2&c=3")["Query Parameters"]["c"])"#
            )[0],
            "3"
        );
    }

    #[test]
    fn parse_urlquery_documented_examples() {
        // q/parse-url-query-function.md.
        assert_eq!(
            eval_row(r#"print parse_urlquery("k1=v1&k2=v2&k3=v3")"#)[0],
            r#"{"Query Parameters":{"k1":"v1","k2":"v2","k3":"v3"}}"#
        );
        // The page's second example, written `[param]` (kql does not parse `.[param]`).
        let row = eval_row(
            r#"let getQueryParamValue = (querystring: string, param: string) {
                let params = parse_urlquery(querystring);
                tostring(params["Query Parameters"][param])
            };
            print UrlQuery = 'view=vs-2019&preserve-view=true'
            | extend view = getQueryParamValue(UrlQuery, 'view')
            | extend preserve = getQueryParamValue(UrlQuery, 'preserve-view')"#,
        );
        assert_eq!(row[1..], ["vs-2019", "true"]);
    }

    #[test]
    fn undocumented_query_decoding_is_refused() {
        assert!(refused(r#"print parse_url("https://h/p?q=a%20b")"#));
        assert!(refused(r#"print parse_url("https://h/p?q=a+b")"#));
        assert!(refused(r#"print parse_urlquery("a=b=c")"#));
    }
}
