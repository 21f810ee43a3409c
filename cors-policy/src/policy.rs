//! The validated policy and its `const`-constructible parts.

use std::borrow::Cow;
use std::fmt;

use http::HeaderValue;

/// A validated CORS policy, ready to apply.
///
/// Build one with `#[cors(...)]` / `#[derive(CorsPolicy)]` (checked at compile time) or
/// with [`Policy::builder`] (checked at run time, for origins read from configuration).
/// Every constant header value is built once, here, so applying the policy to a request
/// allocates nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct Policy(pub(crate) PolicyParts);

/// The parts of a [`Policy`]. Generated code fills them from a policy that the macro has
/// already validated; nothing else should.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyParts {
    pub origins: OriginRule,
    pub credentials: bool,
    pub methods: NameRule,
    pub allow_headers: NameRule,
    pub expose_headers: Option<HeaderValue>,
    pub max_age: Option<HeaderValue>,
    pub private_network: bool,
    pub refuse_disallowed: bool,
}

/// Which origins are allowed.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginRule {
    /// Any origin, answered with `*` (never with credentials).
    Any,
    /// Exact origins found through a hash table, then subdomain patterns.
    List {
        exact: Cow<'static, [Cow<'static, str>]>,
        /// Open-addressing slots over `exact`, built by `cors_policy_rules::OriginTable`.
        slots: Cow<'static, [u32]>,
        patterns: Cow<'static, [Pattern]>,
    },
}

/// `scheme_prefix` + one or more DNS labels + `suffix`.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub scheme_prefix: Cow<'static, str>,
    pub suffix: Cow<'static, str>,
}

/// Allowed methods or request headers.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameRule {
    /// Any (`*`, never with credentials).
    Any,
    /// These names (header names in lowercase), announced by `header` when not empty.
    List {
        names: Cow<'static, [Cow<'static, str>]>,
        header: Option<HeaderValue>,
    },
}

impl Policy {
    /// Wraps parts that the `#[cors]` macro validated at compile time.
    #[doc(hidden)]
    pub const fn __from_validated_parts(parts: PolicyParts) -> Self {
        Self(parts)
    }

    /// Whether credentialed requests are allowed (`Access-Control-Allow-Credentials: true`).
    pub fn allows_credentials(&self) -> bool {
        self.0.credentials
    }

    /// Whether actual requests from disallowed origins are refused with 403 before the
    /// inner service runs. See [`PolicyBuilder::refuse_disallowed_origins`](crate::PolicyBuilder::refuse_disallowed_origins).
    pub fn refuses_disallowed_origins(&self) -> bool {
        self.0.refuse_disallowed
    }

    /// Whether `origin` (the bytes of an `Origin` header) is allowed by this policy.
    pub fn allows_origin(&self, origin: &[u8]) -> bool {
        match &self.0.origins {
            OriginRule::Any => true,
            OriginRule::List {
                exact,
                slots,
                patterns,
            } => {
                // A short list is cheaper to compare than to hash; the cost stays bounded.
                (if exact.len() <= SHORT_LIST {
                    exact
                        .iter()
                        .any(|o| crate::decide::bytes_eq(o.as_bytes(), origin))
                } else {
                    lookup(slots, exact, origin)
                }) || patterns.iter().any(|p| {
                    cors_policy_rules::subdomain_matches(
                        p.scheme_prefix.as_bytes(),
                        p.suffix.as_bytes(),
                        origin,
                    )
                })
            }
        }
    }

    /// Whether the response depends on the request's `Origin`, so that caches must key
    /// on it (`Vary: Origin`): always, except for a plain `*` policy.
    #[inline]
    pub fn varies_by_origin(&self) -> bool {
        !matches!(self.0.origins, OriginRule::Any)
    }
}

/// Exact-origin lists up to this long are compared one by one instead of hashed.
const SHORT_LIST: usize = 2;

/// [`cors_policy_rules::lookup`], probing the same table with the same hash, computed a
/// word at a time instead of a byte at a time (the shared `origin_hash` is a `const fn`
/// for the macro, and loops over bytes).
#[inline]
fn lookup(slots: &[u32], exact: &[Cow<'static, str>], origin: &[u8]) -> bool {
    if slots.is_empty() {
        return false;
    }
    let mask = slots.len() - 1;
    let mut slot = origin_hash(origin) as usize & mask;
    loop {
        match slots[slot] {
            cors_policy_rules::EMPTY_SLOT => return false,
            index => {
                if exact
                    .get(index as usize)
                    .is_some_and(|o| crate::decide::bytes_eq(o.as_bytes(), origin))
                {
                    return true;
                }
            }
        }
        slot = (slot + 1) & mask;
    }
}

/// The same value as [`cors_policy_rules::origin_hash`] (checked by a test), reading
/// whole little-endian words.
#[inline]
fn origin_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hash = (bytes.len() as u64).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(23) ^ word).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let word = if bytes.len() >= 8 {
            // The last eight bytes, shifted so that only the remainder is left, as the
            // zero-padded word the shared hash reads.
            let last = &bytes[bytes.len() - 8..];
            u64::from_le_bytes(last.try_into().expect("eight bytes")) >> (8 * (8 - rest.len()))
        } else {
            let mut word = 0u64;
            for (i, &b) in rest.iter().enumerate() {
                word |= u64::from(b) << (8 * i);
            }
            word
        };
        hash = (hash.rotate_left(23) ^ word).wrapping_mul(K);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    hash ^= hash >> 33;
    hash
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = &self.0;
        let origins: Vec<&str> = match &parts.origins {
            OriginRule::Any => vec!["*"],
            OriginRule::List {
                exact, patterns, ..
            } => exact
                .iter()
                .map(|o| o.as_ref())
                .chain(patterns.iter().map(|p| p.suffix.as_ref()))
                .collect(),
        };
        f.debug_struct("Policy")
            .field("origins", &origins)
            .field("credentials", &parts.credentials)
            .field("methods", &parts.methods)
            .field("allow_headers", &parts.allow_headers)
            .field("expose_headers", &parts.expose_headers)
            .field("max_age", &parts.max_age)
            .field("private_network", &parts.private_network)
            .field("refuse_disallowed", &parts.refuse_disallowed)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_hash_is_the_shared_hash() {
        let mut bytes = Vec::new();
        for len in 0..70u8 {
            assert_eq!(
                origin_hash(&bytes),
                cors_policy_rules::origin_hash(&bytes),
                "length {len}"
            );
            bytes.push(len.wrapping_mul(37).wrapping_add(0x61));
        }
        for origin in ["https://app.example.com", "http://localhost:8080", "null"] {
            assert_eq!(
                origin_hash(origin.as_bytes()),
                cors_policy_rules::origin_hash(origin.as_bytes())
            );
        }
    }

    #[test]
    fn bytes_eq_is_slice_equality() {
        let samples: [&[u8]; 9] = [
            b"",
            b"a",
            b"abcdefg",
            b"abcdefgh",
            b"abcdefgi",
            b"abcdefghi",
            b"https://app.example.com",
            b"https://app.example.con",
            b"https://app.example.co",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(crate::decide::bytes_eq(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn find_comma_finds_the_first(bytes in proptest::collection::vec(proptest::sample::select(vec![b',', b'a', 0x2b, 0x2d, 0xac, 0x00]), 0..40)) {
            proptest::prop_assert_eq!(
                crate::decide::find_comma(&bytes),
                bytes.iter().position(|&b| b == b',')
            );
        }

        #[test]
        fn bytes_eq_agrees_with_slices(a in proptest::collection::vec(0u8..4, 0..40), b in proptest::collection::vec(0u8..4, 0..40)) {
            proptest::prop_assert_eq!(crate::decide::bytes_eq(&a, &b), a == b);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_word_hash_agrees_on_any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..100)) {
            proptest::prop_assert_eq!(origin_hash(&bytes), cors_policy_rules::origin_hash(&bytes));
        }
    }
}
