//! The AST: plain data, a struct per operator and per expression form, a span on every node.
mod types;
pub use types::ScalarType;
