//! String functions: `strcat`, `strcat_delim`, `strcat_array`, `strlen`, `string_size`,
//! `tolower`, `toupper`, `split`, `substring`, `indexof`, `strcmp`, `reverse`, `strrep`,
//! `replace_string`, `replace_strings`, `translate` and the `unicode_codepoints_*` pair.
//! Regex-based ones (`extract`, `trim`, `replace_regex`, `countof`) are in
//! `string_search`.
//!
//! ```kql
//! print strcat("a", 1, "|", true)         // "a1|true"
//! print strcat_delim('-', 1, '2', 'A', 1s) // "1-2-A-00:00:01"
//! print split("aaa_bbb_ccc", "_")         // ["aaa","bbb","ccc"]
//! print split("aaa_bbb_ccc", "_", 1)      // ["bbb"]
//! print strlen("⒦⒰⒮⒯⒪"), string_size("⒦⒰⒮⒯⒪")   // 5 (code points), 15 (UTF-8 bytes)
//! ```

mod basic;
mod edit;
mod slice;
#[cfg(test)]
pub(super) mod test_util;

use std::borrow::Cow;

use kql_parser::ast::ScalarType;

use super::{ArgInfo, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

use super::entry;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry(
        "strcat",
        (1, 64),
        string_type,
        basic::strcat,
        "concatenates the arguments' text",
    ),
    entry(
        "strcat_delim",
        (3, 65),
        string_type,
        basic::strcat_delim,
        "concatenates arguments 2.. with the first between them",
    ),
    entry(
        "strcat_array",
        (2, 2),
        strcat_array_type,
        edit::strcat_array,
        "joins an array's elements with a delimiter",
    ),
    entry(
        "array_strcat",
        (2, 2),
        strcat_array_type,
        edit::strcat_array,
        "alias of strcat_array()",
    ),
    entry(
        "strlen",
        (1, 1),
        string_or_dynamic_long,
        basic::strlen,
        "length in Unicode code points",
    ),
    entry(
        "string_size",
        (1, 1),
        string_or_dynamic_long,
        basic::string_size,
        "length in UTF-8 bytes",
    ),
    entry(
        "tolower",
        (1, 1),
        string_type,
        basic::case_map,
        "lower case",
    ),
    entry(
        "toupper",
        (1, 1),
        string_type,
        basic::case_map,
        "upper case",
    ),
    entry(
        "split",
        (2, 3),
        split_type,
        basic::split,
        "splits on a delimiter into a dynamic array; with an index, a one-element array",
    ),
    entry(
        "substring",
        (2, 3),
        substring_type,
        slice::substring,
        "the characters from start (negative: from the end), optionally length of them",
    ),
    entry(
        "indexof",
        (2, 5),
        indexof_type,
        slice::indexof,
        "0-based position of a match, -1 if absent",
    ),
    entry(
        "strcmp",
        (2, 2),
        strcmp_type,
        slice::strcmp,
        "-1, 0 or 1: ordinal comparison",
    ),
    entry(
        "reverse",
        (1, 1),
        string_type,
        slice::reverse,
        "the value's text reversed",
    ),
    entry(
        "strrep",
        (2, 3),
        strrep_type,
        edit::strrep,
        "repeats a value's text, optionally with a delimiter",
    ),
    entry(
        "replace_string",
        (3, 3),
        three_strings,
        edit::replace_string,
        "replaces every occurrence of a string",
    ),
    entry(
        "replace_strings",
        (3, 3),
        replace_strings_type,
        edit::replace_strings,
        "replaces several strings at once, earlier lookups first",
    ),
    entry(
        "translate",
        (3, 3),
        three_strings,
        edit::translate,
        "maps characters of a list to those of another",
    ),
    entry(
        "unicode_codepoints_from_string",
        (1, 1),
        dynamic_type,
        edit::codepoints_from_string,
        "the code points of a string, as an array",
    ),
    entry(
        "to_utf8",
        (1, 1),
        dynamic_type,
        edit::codepoints_from_string,
        "alias of unicode_codepoints_from_string()",
    ),
    entry(
        "unicode_codepoints_to_string",
        (1, 64),
        codepoints_type,
        edit::codepoints_to_string,
        "a string from code points (integers or arrays)",
    ),
    entry(
        "make_string",
        (1, 64),
        codepoints_type,
        edit::codepoints_to_string,
        "alias of unicode_codepoints_to_string()",
    ),
];

/// The text of an argument Kusto declares as `string`: a string, or a dynamic holding
/// one (`dynamic(null)` is `""`). Other dynamic values are refused: how Kusto turns
/// them into text here is undocumented.
pub(super) fn string_arg(v: &Value) -> Result<Cow<'_, str>, EvalError> {
    match v {
        Value::String(s) => Ok(Cow::Borrowed(s)),
        Value::Null | Value::Dynamic(Dynamic::Null) => Ok(Cow::Borrowed("")),
        Value::Dynamic(Dynamic::String(s)) => Ok(Cow::Borrowed(s)),
        other => Err(EvalError::invalid(format!(
            "kql does not support a {} value where a string is expected",
            other.as_dynamic().map_or("non-string", Dynamic::type_name)
        ))),
    }
}

/// A parameter Kusto declares as `string`: strings and dynamic values pass.
pub(super) fn check_string(args: &[ArgInfo<'_>], i: usize, what: &str) -> Result<(), TypeError> {
    match args.get(i).map(|a| a.ty) {
        None | Some(ScalarType::String | ScalarType::Dynamic) => Ok(()),
        Some(t) => Err(TypeError::arg(
            i,
            format!("{what} must be a string, not {t}"),
        )),
    }
}

/// A parameter Kusto declares as a whole number (`int` or `long`).
pub(super) fn check_integer(args: &[ArgInfo<'_>], i: usize, what: &str) -> Result<(), TypeError> {
    match args.get(i).map(|a| a.ty) {
        None | Some(ScalarType::Int | ScalarType::Long) => Ok(()),
        Some(t) => Err(TypeError::arg(
            i,
            format!("{what} must be an int or long, not {t}"),
        )),
    }
}

fn string_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::String)
}

fn dynamic_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Dynamic)
}

fn string_or_dynamic_long(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the argument")?;
    Ok(ScalarType::Long)
}

fn strcat_array_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if args[0].ty != ScalarType::Dynamic {
        return Err(TypeError::arg(0, "the array must be dynamic"));
    }
    Ok(ScalarType::String)
}

fn split_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 1, "the delimiter")?;
    check_integer(args, 2, "the index")?;
    Ok(ScalarType::Dynamic)
}

fn substring_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_integer(args, 1, "the start")?;
    check_integer(args, 2, "the length")?;
    Ok(ScalarType::String)
}

fn indexof_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, what) in [(2, "the start"), (3, "the length"), (4, "the occurrence")] {
        check_integer(args, i, what)?;
    }
    if args.len() == 5 && args[4].literal.is_none() {
        return Err(TypeError::arg(4, "the occurrence must be a constant"));
    }
    Ok(ScalarType::Long)
}

fn strcmp_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::Long)
}

fn strrep_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_integer(args, 1, "the multiplier")?;
    Ok(ScalarType::String)
}

fn three_strings(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..args.len() {
        check_string(args, i, "each argument")?;
    }
    Ok(ScalarType::String)
}

fn replace_strings_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the text")?;
    for i in [1, 2] {
        if args[i].ty != ScalarType::Dynamic {
            return Err(TypeError::arg(
                i,
                "lookups and rewrites must be dynamic arrays",
            ));
        }
    }
    Ok(ScalarType::String)
}

fn codepoints_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if !matches!(
            a.ty,
            ScalarType::Int | ScalarType::Long | ScalarType::Dynamic
        ) {
            return Err(TypeError::arg(
                i,
                format!("code points must be integers or arrays, not {}", a.ty),
            ));
        }
    }
    Ok(ScalarType::String)
}
