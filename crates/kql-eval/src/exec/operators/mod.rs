//! One module per plan node kind.

pub(crate) mod bag_unpack;
mod count;
mod distinct;
mod filter;
mod join;
mod late;
mod make_series;
mod mv_apply;
mod mv_expand;
mod parse;
mod project;
mod range;
mod rows;
mod series_axis;
mod sort;
mod summarize;
mod take;
mod top_nested;
mod union;

pub(crate) use count::count;
pub(crate) use distinct::distinct;
pub(crate) use filter::filter;
pub(crate) use join::join;
pub(crate) use late::late;
pub(crate) use make_series::make_series;
pub(crate) use mv_apply::mv_apply;
pub(crate) use mv_expand::mv_expand;
pub(crate) use parse::parse;
pub(crate) use project::project;
pub(crate) use range::range;
pub(crate) use rows::rows;
pub(crate) use sort::sort;
pub(crate) use summarize::summarize;
pub(crate) use take::take;
pub(crate) use top_nested::top_nested;
pub(crate) use union::union;
