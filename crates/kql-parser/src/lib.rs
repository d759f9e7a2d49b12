//! KQL source text to a spanned AST.
#![forbid(unsafe_code)]

pub mod ast;
