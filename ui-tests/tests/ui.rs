//! Compile-time behaviour of `#[cors]` and `#[derive(CorsPolicy)]`: every invalid policy
//! is a compile error (`ui/`, with the exact message pinned in `.stderr`), and tricky
//! valid inputs compile (`pass/`). Regenerate snapshots with `TRYBUILD=overwrite` and
//! read the diff.

use std::process::Command;

/// The `.stderr` snapshots hold rustc's own rendering of our errors, which changes
/// between compiler releases; they are made with the toolchain `rust-toolchain.toml`
/// pins, read from there so that the two cannot disagree.
const TOOLCHAIN_FILE: &str = include_str!("../../rust-toolchain.toml");

fn pinned_rustc() -> String {
    let channel = TOOLCHAIN_FILE
        .lines()
        .find_map(|line| line.strip_prefix("channel = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("rust-toolchain.toml names a channel");
    format!("rustc {channel} ")
}

#[test]
fn ui() {
    let version = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    let pinned = pinned_rustc();
    assert!(
        version.starts_with(&pinned),
        "the UI snapshots are made with {pinned:?} (rust-toolchain.toml), but this is \
         {version:?}: use the pinned toolchain, or regenerate them with \
         `TRYBUILD=overwrite cargo test -p ui-tests` and review the diff"
    );
    let cases = trybuild::TestCases::new();
    cases.pass("pass/*.rs");
    cases.compile_fail("ui/cors/*.rs");
    cases.compile_fail("ui/derive/*.rs");
    cases.compile_fail("ui/axum/*.rs");
    cases.compile_fail("ui/actix/*.rs");
}
