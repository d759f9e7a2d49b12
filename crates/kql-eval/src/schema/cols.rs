//! Shorthands shared by the built-in table lists: one letter per column type.

use kql_parser::ast::ScalarType;

pub(super) const B: ScalarType = ScalarType::Bool;
pub(super) const I: ScalarType = ScalarType::Int;
pub(super) const L: ScalarType = ScalarType::Long;
pub(super) const R: ScalarType = ScalarType::Real;
pub(super) const S: ScalarType = ScalarType::String;
pub(super) const T: ScalarType = ScalarType::DateTime;
pub(super) const D: ScalarType = ScalarType::Dynamic;

/// A column list as written in the static arrays.
pub(super) type Cols = &'static [(&'static str, ScalarType)];
