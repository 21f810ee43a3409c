//! Subdomain patterns against the Public Suffix List as the `psl` crate answers it
//! (issue 9, item 10): for every accepted pattern, no host it matches lies under a
//! public suffix at or below the pattern's domain.
//!
//! `psl`'s lookup is code generated from the list; the rules crate decides with its own
//! table (`build.rs`), so the two are independent implementations of one list. Domains
//! are drawn from the list's own rules, their parents and children, and from random
//! labels; hosts from random labels and from the labels of the rules under the domain.
//!
//! Cases: 100,000 per run (about 15 s in debug on 2 cores); a long run:
//! `PROPTEST_CASES=10000000 cargo test -p typed-cors-rules --test pattern_oracle`.

use std::collections::HashMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use typed_cors_rules::{AllowedOrigin, check_origin, public_suffix_rules};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// Every rule's domain, without `*.` or `!`.
static RULE_DOMAINS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    public_suffix_rules()
        .map(|rule| rule.trim_start_matches("*.").trim_start_matches('!'))
        .collect()
});

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?",
        Just("www".to_owned()),
        Just("city".to_owned()),
        Just("s3".to_owned()),
    ]
}

/// A rule's domain with `up` leading labels dropped (a parent) and `down` labels put
/// in front (a child), or a domain of random labels.
fn domain() -> impl Strategy<Value = String> {
    let from_list = (
        any::<prop::sample::Index>(),
        0usize..3,
        prop::collection::vec(label(), 0..2),
    )
        .prop_map(|(rule, up, down)| {
            let rule = RULE_DOMAINS[rule.index(RULE_DOMAINS.len())];
            let labels: Vec<&str> = rule.split('.').collect();
            let parent = labels[up.min(labels.len() - 1)..].join(".");
            down.iter()
                .map(String::as_str)
                .chain([parent.as_str()])
                .collect::<Vec<_>>()
                .join(".")
        });
    let random = (
        prop::collection::vec(label(), 1..4),
        prop::sample::select(vec![".com", ".co.uk", ".example", ".amazonaws.com", ""]),
    )
        .prop_map(|(labels, tld)| labels.join(".") + tld);
    prop_oneof![3 => from_list, 1 => random]
}

/// For each domain that has rules strictly below it, those rules.
static RULES_BELOW: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut below: HashMap<&str, Vec<&str>> = HashMap::new();
    for rule in RULE_DOMAINS.iter() {
        let mut rest = *rule;
        while let Some((_, parent)) = rest.split_once('.') {
            below.entry(parent).or_default().push(rule);
            rest = parent;
        }
    }
    below
});

/// Hosts under `domain`: random labels in front, and the labels that list rules under
/// `domain` put in front of it (with a random label for their wildcard).
fn hosts_under(domain: &str, random: &[String]) -> Vec<String> {
    let mut hosts: Vec<String> = (1..=random.len())
        .map(|n| format!("{}.{domain}", random[..n].join(".")))
        .collect();
    for rule in RULES_BELOW.get(domain).into_iter().flatten() {
        hosts.push((*rule).to_owned());
        hosts.push(format!("{}.{rule}", random[0]));
    }
    hosts
}

fn is_at_or_below(name: &str, domain: &str) -> bool {
    name == domain || name.ends_with(&format!(".{domain}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn accepted_patterns_never_match_a_host_under_a_public_suffix_below_them(
        domain in domain(),
        random in prop::collection::vec(label(), 1..4),
        https in prop::bool::ANY,
    ) {
        let scheme = if https { "https" } else { "http" };
        let pattern = format!("{scheme}://*.{domain}");
        let Ok(AllowedOrigin::Subdomains(accepted)) = check_origin(&pattern) else {
            return Ok(());
        };
        prop_assert_eq!(&accepted.suffix, &format!(".{domain}"));
        for host in hosts_under(&domain, &random) {
            let origin = format!("{scheme}://{host}");
            prop_assert!(accepted.matches(origin.as_bytes()), "{pattern} does not match {origin}");
            let suffix = psl::suffix_str(&host);
            prop_assert!(
                !suffix.is_some_and(|s| is_at_or_below(s, &domain)),
                "{pattern} accepted, but {host} is under the public suffix {suffix:?}"
            );
        }
    }
}
