//! (to be filled: see the module list in functions/mod.rs)

use super::ScalarFunction;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[];
