//! One file per tabular operator, or per small family of related operators. Each parser
//! starts after the operator's name and returns its [`crate::ast::OperatorKind`].

mod data;
mod evaluate;
mod fork;
mod join;
mod make_series;
mod mv;
mod parse;
mod project;
mod render;
mod scan;
mod search;
mod simple;
mod sort;
mod summarize;
mod union;
