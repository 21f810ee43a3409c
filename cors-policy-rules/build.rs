//! Builds the table of every Public Suffix List rule, so that a subdomain pattern can be
//! refused when any public suffix lies at or below its domain (issue 9, hole 1).
//!
//! The `psl` crate answers "what is the suffix of this name" but cannot list the rules
//! under a domain. It does ship the list it was generated from, `data/rules.txt`
//! (every rule of both sections, one per line, wildcards and exceptions as written):
//! we read that file from the very `psl` package this crate depends on, pinned with `=`
//! in `Cargo.toml`, so the table and `psl`'s lookup always come from the same list.
//! Updating the list is bumping that pin (psl publishes a release for each list change).
//!
//! Cargo tells build scripts nothing about where a dependency's sources are, so the
//! package is looked up where Cargo unpacks it: beside this package (a registry or a
//! `cargo vendor` directory) or in `$CARGO_HOME/registry/src`. A missing file is a
//! build error, never an empty table.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let manifest = manifest_dir.join("Cargo.toml");
    println!("cargo::rerun-if-changed={}", manifest.display());
    let version = pinned_psl_version(&fs::read_to_string(&manifest).expect("read Cargo.toml"));
    let rules_path = find_psl_rules(&manifest_dir, &version);
    println!("cargo::rerun-if-changed={}", rules_path.display());
    let text = fs::read_to_string(&rules_path).expect("read psl's data/rules.txt");
    let table = rule_table(&text);
    assert!(
        table.len() > 5_000,
        "{} holds only {} rules; the Public Suffix List has about 10,000",
        rules_path.display(),
        table.len()
    );
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("set by cargo")).join("psl_rules.rs");
    fs::write(out, render(&table, &version)).expect("write the rule table");
}

/// The `x.y.z` of `psl = "=x.y.z"` (or, in a packaged manifest, of `version = "=x.y.z"`
/// under `[dependencies.psl]`). Only an exact pin says which list the table holds.
fn pinned_psl_version(manifest: &str) -> String {
    let mut in_psl_table = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_psl_table = line == "[dependencies.psl]";
            continue;
        }
        let value = match line.split_once('=') {
            Some((key, value)) if key.trim() == "psl" => value,
            Some((key, value)) if in_psl_table && key.trim() == "version" => value,
            _ => continue,
        };
        let version = value.trim().trim_matches('"');
        if let Some(exact) = version.strip_prefix('=') {
            return exact.trim().to_owned();
        }
        panic!("typed-cors-rules must pin psl exactly (`psl = \"=x.y.z\"`), found {version:?}");
    }
    panic!("cors-policy-rules/Cargo.toml has no psl dependency");
}

/// `data/rules.txt` of the package `psl-<version>`.
fn find_psl_rules(manifest_dir: &Path, version: &str) -> PathBuf {
    let package = format!("psl-{version}");
    let mut candidates = Vec::new();
    if let Some(parent) = manifest_dir.parent() {
        candidates.push(parent.join(&package));
    }
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    let registries = cargo_home.map(|home| home.join("registry").join("src"));
    if let Some(Ok(entries)) = registries.map(fs::read_dir) {
        for registry in entries.flatten() {
            candidates.push(registry.path().join(&package));
        }
    }
    candidates
        .iter()
        .map(|dir| dir.join("data").join("rules.txt"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "cannot find the Public Suffix List of {package} (looked in {candidates:?}); \
                 run `cargo fetch` so that cargo unpacks the psl package"
            )
        })
}

/// One rule, in ASCII: its body (without `*.` or `!`) and how it was written.
struct Rule {
    body: String,
    written: String,
}

/// Every rule in punycode, sorted by its body's labels read right to left, so that the
/// rules at or below a domain form one contiguous run of the table.
fn rule_table(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .map(|line| {
            let (prefix, body) = match line {
                _ if line.starts_with("*.") => ("*.", &line[2..]),
                _ if line.starts_with('!') => ("!", &line[1..]),
                _ => ("", line),
            };
            let body = idna::domain_to_ascii(body)
                .unwrap_or_else(|e| panic!("rule {line:?} is not a domain name: {e}"));
            Rule {
                written: format!("{prefix}{body}"),
                body,
            }
        })
        .collect();
    rules.sort_by(|a, b| a.body.rsplit('.').cmp(b.body.rsplit('.')));
    rules.dedup_by(|a, b| a.written == b.written);
    rules
}

fn render(rules: &[Rule], version: &str) -> String {
    let mut out = String::with_capacity(rules.len() * 48);
    writeln!(out, "/// The `psl` release the table was read from.").unwrap();
    writeln!(out, "pub(crate) const PSL_VERSION: &str = {version:?};").unwrap();
    writeln!(
        out,
        "/// `(body, rule as written)`, sorted by the body's labels right to left."
    )
    .unwrap();
    writeln!(out, "pub(crate) static RULES: &[(&str, &str)] = &[").unwrap();
    for rule in rules {
        writeln!(out, "({:?}, {:?}),", rule.body, rule.written).unwrap();
    }
    writeln!(out, "];").unwrap();
    out
}
