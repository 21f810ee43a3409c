//! Compile-time behaviour of `#[cors]` and `#[derive(CorsPolicy)]`: every invalid policy
//! is a compile error (`ui/`, with the exact message pinned in `.stderr`), and tricky
//! valid inputs compile (`pass/`). Regenerate snapshots with `TRYBUILD=overwrite` and
//! read the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("pass/*.rs");
    cases.compile_fail("ui/cors/*.rs");
    cases.compile_fail("ui/derive/*.rs");
}
