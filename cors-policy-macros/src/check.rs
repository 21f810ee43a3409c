//! Cross-key checks that the rules crate cannot see, because they concern how the
//! attribute is written rather than what the policy means.

use darling::error::Accumulator;

use crate::diag::conflict_at;
use crate::key::Key;
use crate::receive::Received;

/// `policy = Name` reuses a complete policy, so no other policy key may sit beside it;
/// otherwise the reader could not tell which one applies. `crate` is allowed.
pub(crate) fn check_policy_is_alone(received: &Received, errors: &mut Accumulator) {
    let Some(policy) = &received.policy else {
        return;
    };
    for &(key, span) in &received.given {
        let key = match key {
            Key::Setting(field) => field.key(),
            Key::Policy | Key::Crate => continue,
        };
        errors.push(conflict_at(
            span,
            format!("`{key}` cannot be combined with `policy`: `policy` names a complete policy, so a key beside it would be ignored or ambiguous; remove `{key}`, or remove `policy` and write the whole policy here"),
            policy.key,
            "the named policy is given here",
        ));
    }
}
