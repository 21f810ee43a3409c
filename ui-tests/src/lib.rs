//! Compile-time tests of `#[cors]` and `#[derive(CorsPolicy)]`, run by `tests/ui.rs`:
//! `ui/cors/` and `ui/derive/` hold one invalid input per file with its pinned
//! `.stderr`, `pass/` holds tricky valid inputs. Regenerate the snapshots with
//! `TRYBUILD=overwrite cargo test -p ui-tests` and read the diff.
