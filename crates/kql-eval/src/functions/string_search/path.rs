//! `parse_path(path)` (q/parse-path-function.md): a file path's parts as a bag.
//!
//! ```kql
//! print parse_path(@"C:\temp\file.txt")
//! // {"Scheme":"","RootPath":"C:\\","DirectoryPath":"C:\\temp","DirectoryName":"temp",
//! //  "Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}
//! ```
//!
//! The rules follow the real engine's answers in conformance `parse-path-function-00`
//! (which differ from the page: `RootPath` keeps the separator): an optional `file://`
//! scheme, an optional drive root `C:\`, directories, a file name with an optional
//! `:stream`. Shapes outside those examples (no directory, trailing separators, `\\?\`
//! long paths, other schemes, dot files) are refused.

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use crate::exec::EvalError;
use crate::value::{Bag, Dynamic, Value};

pub(super) fn parse_path_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the path")?;
    Ok(ScalarType::Dynamic)
}

pub(super) fn parse_path(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let p = string_arg(&v[0])?;
        let parts = split_path(&p).ok_or_else(|| {
            EvalError::invalid(format!(
                "parse_path(): kql does not support paths shaped like {p:?} (Kusto's rules for them are undocumented)"
            ))
        })?;
        let mut bag = Bag::new();
        for (key, value) in [
            ("Scheme", parts.scheme),
            ("RootPath", parts.root),
            ("DirectoryPath", parts.directory_path),
            ("DirectoryName", parts.directory_name),
            ("Filename", parts.filename),
            ("Extension", parts.extension),
            ("AlternateDataStreamName", parts.stream),
        ] {
            bag.insert(key.to_string(), Dynamic::string(value));
        }
        Ok(Value::Dynamic(Dynamic::Bag(Arc::new(bag))))
    })
}

struct PathParts<'a> {
    scheme: &'a str,
    root: &'a str,
    directory_path: &'a str,
    directory_name: &'a str,
    filename: &'a str,
    extension: &'a str,
    stream: &'a str,
}

fn is_separator(c: char) -> bool {
    c == '\\' || c == '/'
}

fn split_path(p: &str) -> Option<PathParts<'_>> {
    let (scheme, rest) = match p.split_once("://") {
        Some(("file", rest)) => ("file", rest),
        Some(_) => return None,
        None => ("", p),
    };
    if rest.starts_with(r"\\?\") || rest.starts_with(r"\\.\") {
        return None;
    }
    let bytes = rest.as_bytes();
    let root_len = match bytes {
        [d, b':', s, ..] if d.is_ascii_alphabetic() && matches!(s, b'\\' | b'/') => 3,
        [d, b':', ..] if d.is_ascii_alphabetic() => return None,
        _ => 0,
    };
    let root = &rest[..root_len];
    let last_sep = rest.rfind(is_separator)?;
    let directory_path = &rest[..last_sep];
    let file_part = &rest[last_sep + 1..];
    if directory_path.len() <= root_len || directory_path[root_len..].contains(':') {
        return None;
    }
    let directory_name = &directory_path[directory_path.rfind(is_separator).map_or(0, |i| i + 1)..];
    let (filename, stream) = match file_part.split_once(':') {
        Some((f, s)) if !s.is_empty() && !s.contains(':') => (f, s),
        Some(_) => return None,
        None => (file_part, ""),
    };
    let invalid = |s: &str| s.is_empty() || s.contains(['*', '?', '"', '<', '>', '|']);
    if invalid(directory_name)
        || invalid(filename)
        || filename.starts_with('.')
        || filename.ends_with('.')
    {
        return None;
    }
    let extension = filename.rfind('.').map_or("", |i| &filename[i + 1..]);
    Some(PathParts {
        scheme,
        root,
        directory_path,
        directory_name,
        filename,
        extension,
        stream,
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval, refused};

    #[test]
    fn conformance_examples() {
        // conformance parse-path-function-00.
        let q = r#"datatable(p:string)[@"C:\temp\file.txt", @"temp\file.txt", "file://C:/temp/file.txt:some.exe", @"\\shared\users\temp\file.txt.gz", "/usr/lib/temp/file.txt"]
            | extend path_parts = parse_path(p)"#;
        let rows = eval(q).unwrap_or_default();
        let expected = [
            r#"{"Scheme":"","RootPath":"C:\\","DirectoryPath":"C:\\temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}"#,
            r#"{"Scheme":"","RootPath":"","DirectoryPath":"temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}"#,
            r#"{"Scheme":"file","RootPath":"C:/","DirectoryPath":"C:/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"}"#,
            r#"{"Scheme":"","RootPath":"","DirectoryPath":"\\\\shared\\users\\temp","DirectoryName":"temp","Filename":"file.txt.gz","Extension":"gz","AlternateDataStreamName":""}"#,
            r#"{"Scheme":"","RootPath":"","DirectoryPath":"/usr/lib/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}"#,
        ];
        for (row, want) in rows[1..].iter().zip(expected) {
            assert_eq!(row[1], want);
        }
        assert!(refused(r#"print parse_path("file.txt")"#));
        assert!(refused(r#"print parse_path(@"C:\file.txt")"#));
    }
}
