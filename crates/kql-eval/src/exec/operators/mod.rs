//! One module per plan node kind.

mod count;
mod distinct;
mod filter;
mod join;
mod project;
mod range;
mod rows;
mod sort;
mod summarize;
mod take;
mod union;

pub(crate) use count::count;
pub(crate) use distinct::distinct;
pub(crate) use filter::filter;
pub(crate) use join::join;
pub(crate) use project::project;
pub(crate) use range::range;
pub(crate) use rows::rows;
pub(crate) use sort::sort;
pub(crate) use summarize::summarize;
pub(crate) use take::take;
pub(crate) use union::union;
