//! cargo-fuzz target `run_datatable`: see the harness it calls.
#![no_main]

#[path = "../../crates/kql-eval/tests/fuzz/harness.rs"]
#[allow(dead_code)]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = harness::run_datatable(data);
});
