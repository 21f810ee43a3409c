//! Compile-time behaviour of `#[cors]` and `#[derive(CorsPolicy)]`: every invalid policy
//! is a compile error (`ui/`, with the exact message pinned in `.stderr`), and tricky
//! valid inputs compile (`pass/`). Regenerate snapshots with `TRYBUILD=overwrite` and
//! read the diff.

use std::process::Command;

/// The `.stderr` snapshots hold rustc's own rendering of our errors, which changes
/// between compiler releases; they were made with this one, the machines' toolchain.
const PINNED_RUSTC: &str = "rustc 1.95.";

#[test]
fn ui() {
    let version = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    assert!(
        version.starts_with(PINNED_RUSTC),
        "the UI snapshots are pinned to {PINNED_RUSTC}x, but this is {version:?}: \
         regenerate them with `TRYBUILD=overwrite cargo test -p ui-tests` and review the diff"
    );
    let cases = trybuild::TestCases::new();
    cases.pass("pass/*.rs");
    cases.compile_fail("ui/cors/*.rs");
    cases.compile_fail("ui/derive/*.rs");
    cases.compile_fail("ui/axum/*.rs");
}
