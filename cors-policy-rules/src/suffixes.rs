//! Which Public Suffix List rules lie at or below a domain (issue 9, hole 1).
//!
//! `psl` tells the suffix of one name; a subdomain pattern matches unboundedly many
//! names, so the question is whether *any* of them can sit under a public suffix, and
//! that needs every rule at or below the pattern's domain. `build.rs` writes the whole
//! list, from the `psl` release this crate pins, as a table sorted by labels read right
//! to left: the rules at or below a domain are then one run of the table, found by a
//! binary search (about 14 comparisons over ~10,000 rules).

use std::cmp::Ordering;

include!(concat!(env!("OUT_DIR"), "/psl_rules.rs"));

/// A public suffix rule found at or below a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RuleBelow {
    /// The shallowest such rule, as the list writes it (`s3.amazonaws.com`,
    /// `*.sch.uk`, `!city.kawasaki.jp`), in punycode.
    pub(crate) rule: &'static str,
    /// How many other rules lie at or below the domain.
    pub(crate) others: usize,
}

/// The shallowest rule at or below `domain` (lowercase punycode, no trailing dot), if
/// any: the one a reader recognises most easily, ties going to the first in label order.
pub(crate) fn rule_at_or_below(domain: &str) -> Option<RuleBelow> {
    let start = RULES.partition_point(|(body, _)| by_labels(body, domain) == Ordering::Less);
    let run = RULES[start..]
        .iter()
        .take_while(|(body, _)| is_at_or_below(body, domain));
    let mut found: Option<(usize, &'static str)> = None;
    let mut count = 0;
    for (body, written) in run {
        count += 1;
        // `*.sch.uk` makes the names one label below `sch.uk` public suffixes.
        let depth = body.split('.').count() + usize::from(written.starts_with('*'));
        if found.is_none_or(|(shallowest, _)| depth < shallowest) {
            found = Some((depth, written));
        }
    }
    found.map(|(_, rule)| RuleBelow {
        rule,
        others: count - 1,
    })
}

/// Every rule as the list writes it, in punycode: for tests that draw domains from the
/// list itself.
pub fn public_suffix_rules() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|(_, written)| *written)
}

/// The `psl` release whose list the table holds.
pub const PUBLIC_SUFFIX_LIST_VERSION: &str = PSL_VERSION;

/// The order of the table: labels compared right to left, as `build.rs` sorts them.
fn by_labels(a: &str, b: &str) -> Ordering {
    a.rsplit('.').cmp(b.rsplit('.'))
}

/// `name` is `domain` or a name under it, label-wise.
fn is_at_or_below(name: &str, domain: &str) -> bool {
    match name.strip_suffix(domain) {
        Some("") => true,
        Some(rest) => rest.ends_with('.'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_as_the_search_assumes() {
        assert!(RULES.len() > 5_000);
        assert!(
            RULES
                .windows(2)
                .all(|w| by_labels(w[0].0, w[1].0) != Ordering::Greater)
        );
        assert!(RULES.iter().all(|(body, _)| body.is_ascii()));
    }

    #[test]
    fn finds_explicit_wildcard_and_exception_rules() {
        let found = |d| rule_at_or_below(d).map(|r| r.rule);
        assert_eq!(found("co.uk"), Some("co.uk"));
        assert_eq!(found("sch.uk"), Some("*.sch.uk"));
        assert_eq!(found("city.kawasaki.jp"), Some("!city.kawasaki.jp"));
        assert_eq!(found("example.com"), None);
        assert_eq!(
            found("amazonaws.com").map(|r| r.ends_with(".amazonaws.com")),
            Some(true)
        );
        assert!(rule_at_or_below("amazonaws.com").unwrap().others > 100);
        // Label-wise: `zz.com` is not under `z.com`, nor `s3.amazonaws.com` under `3.amazonaws.com`.
        assert!(!is_at_or_below("zz.com", "z.com"));
        assert!(!is_at_or_below("s3.amazonaws.com", "3.amazonaws.com"));
        assert_eq!(found("3.amazonaws.com"), None);
    }
}
