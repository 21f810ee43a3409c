//! Where a layer finds its policy: compiled in for one `#[cors]` policy, or shared at run
//! time.

use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::sync::Arc;

use http::HeaderValue;
use yoke::Yoke;

use crate::header_values::HeaderValues;
use crate::{CorsPolicy, Policy, PolicyName};

/// Where a layer finds its policy: [`Compiled`] for a policy the macros generated, known
/// to the compiler, or [`SharedPolicy`] for a `&'static Policy` or one built at run time.
///
/// Sealed: the layer relies on how each applies the policy. `Send + Sync + 'static`, as
/// axum asks of a layer, so that a function generic over the handle needs no other bound.
pub trait PolicyHandle: Clone + Send + Sync + 'static + sealed::Sealed {
    /// Where the policy's header values come from.
    #[doc(hidden)]
    type Values: HeaderValues;

    /// Runs `f` on the policy and its header values, for the code inlined into every
    /// request: with a compiled policy, on a copy of the constant that the compiler then
    /// folds away, and the generated header-value constants.
    #[doc(hidden)]
    fn with_policy<R>(&self, f: impl FnOnce(&Policy, &Self::Values) -> R) -> R;

    /// Where the policy was written, for log events.
    #[doc(hidden)]
    fn name(&self) -> Option<&'static PolicyName>;

    /// The policy behind a reference that lives apart from the request's code: for a
    /// compiled policy its `static`, never the constant copy of
    /// [`with_policy`](Self::with_policy), whose address must not escape (or the copy
    /// would be made for real on every request). For log events and other cold paths.
    #[doc(hidden)]
    fn policy_ref(&self) -> &Policy;
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// The policy of `P` (`#[cors]` or `#[derive(CorsPolicy)]`), as a compile-time constant:
/// the layer is compiled for this one policy, so its checks of the policy's settings
/// fold away and only the checks of the request remain. Zero-sized.
pub struct Compiled<P>(PhantomData<fn() -> P>);

impl<P> Compiled<P> {
    pub(crate) const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<P> Clone for Compiled<P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P> Copy for Compiled<P> {}

impl<P> fmt::Debug for Compiled<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Compiled<{}>", std::any::type_name::<P>())
    }
}

impl<P> sealed::Sealed for Compiled<P> {}

impl<P: CorsPolicy + 'static> HeaderValues for Compiled<P> {
    #[inline(always)]
    fn expose_headers(&self) -> Option<HeaderValue> {
        P::EXPOSE_HEADERS
    }

    #[inline(always)]
    fn allow_methods(&self) -> Option<HeaderValue> {
        P::ALLOW_METHODS
    }

    #[inline(always)]
    fn allow_headers(&self) -> Option<HeaderValue> {
        P::ALLOW_HEADERS
    }

    #[inline(always)]
    fn max_age(&self) -> Option<HeaderValue> {
        P::MAX_AGE
    }
}

impl<P: CorsPolicy + 'static> PolicyHandle for Compiled<P> {
    type Values = Self;

    #[inline(always)]
    fn with_policy<R>(&self, f: impl FnOnce(&Policy, &Self) -> R) -> R {
        // A local copy of the constant, not the `static`: the compiler sees every field
        // (a `static` holding `HeaderValue`s is not constant to it: they contain atomics).
        // Never dropped: a constant owns nothing (static strings and header values), and
        // dropping it would cost a call per request. Its header values are never cloned
        // (cloning one would hand the copy's address to `Bytes`' clone function, and the
        // copy would have to be made for real): they come from `P`'s own constants.
        f(&ManuallyDrop::new(P::POLICY), self)
    }

    #[inline(always)]
    fn name(&self) -> Option<&'static PolicyName> {
        P::NAME
    }

    fn policy_ref(&self) -> &Policy {
        P::policy()
    }
}

/// A policy shared by every clone of a layer and its services: a `&'static Policy`, or
/// an `Arc<Policy>` built at run time.
#[derive(Clone)]
pub struct SharedPolicy {
    /// The policy, found with one load whichever it is: a `static` (no cart, no
    /// reference counting at all), or the policy inside the `Arc` the cart keeps alive.
    policy: Yoke<&'static Policy, Option<Arc<Policy>>>,
    name: Option<&'static PolicyName>,
}

impl SharedPolicy {
    pub(crate) fn from_static(policy: &'static Policy, name: Option<&'static PolicyName>) -> Self {
        Self {
            policy: Yoke::new_owned(policy),
            name,
        }
    }

    pub(crate) fn counted(policy: Policy) -> Self {
        Self {
            policy: Yoke::<&'static Policy, Arc<Policy>>::attach_to_cart(Arc::new(policy), |p| p)
                .wrap_cart_in_option(),
            name: None,
        }
    }

    /// The policy.
    #[inline(always)]
    fn policy(&self) -> &Policy {
        self.policy.get()
    }
}

impl fmt::Debug for SharedPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedPolicy")
            .field("policy", self.policy())
            .field("name", &self.name)
            .finish()
    }
}

impl sealed::Sealed for SharedPolicy {}

impl PolicyHandle for SharedPolicy {
    type Values = Policy;

    #[inline(always)]
    fn with_policy<R>(&self, f: impl FnOnce(&Policy, &Policy) -> R) -> R {
        let policy = self.policy();
        f(policy, policy)
    }

    #[inline(always)]
    fn name(&self) -> Option<&'static PolicyName> {
        self.name
    }

    fn policy_ref(&self) -> &Policy {
        self.policy()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(origin: &str) -> Policy {
        Policy::builder()
            .origins([origin])
            .build()
            .expect("a valid policy")
    }

    /// A built policy's handle, cloned, still finds that policy after the handle it was
    /// cloned from is gone (the clone keeps the `Arc` alive); a `static` policy's handle
    /// finds the `static` itself, by address.
    #[test]
    fn each_handle_finds_its_own_policy() {
        let first = SharedPolicy::counted(built("https://one.example"));
        let second = SharedPolicy::counted(built("https://two.example"));
        let clone = first.clone();
        drop(first);
        assert!(clone.with_policy(|p, _| p.allows_origin(b"https://one.example")));
        assert!(!clone.policy_ref().allows_origin(b"https://two.example"));
        assert!(second.with_policy(|p, _| p.allows_origin(b"https://two.example")));

        static POLICY: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
        let policy = POLICY.get_or_init(|| built("https://static.example"));
        let shared = SharedPolicy::from_static(policy, None).clone();
        assert!(std::ptr::eq(shared.policy_ref(), policy));
        shared.with_policy(|p, values| {
            assert!(std::ptr::eq(p, policy) && std::ptr::eq(values, policy))
        });
    }
}
