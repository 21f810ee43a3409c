//! Debug builds only: a `#[cors]` handler checks, when it runs, that the CORS layer
//! deciding its request carries its own policy (issue 11, item 2).
//!
//! axum's `MethodRouter` erases handler types, and nothing runs when a router is built,
//! so `get(read)` without `.layer(CorsLayer::of::<read>())`, with another handler's
//! layer, or under the router-wide default alone, is neither a compile error nor a
//! build-time one. The nearest place is the handler itself: our layers (the compiled and
//! the built `CorsLayer`, the per-method router's, the default, the actix middleware)
//! record the deciding policy in a thread-local while they poll the inner future, and
//! the body `#[cors]` expands to starts with [`check_own_layer`], which compares it with
//! the handler's own `static` policy. A mismatch is not a panic: a test may call the
//! handler directly, and a handler may delegate to another. It is reported once per
//! handler, on stderr and as a `warn` event (target `typed_cors`).
//!
//! In release builds [`Deciding`] is zero-sized, the layers record nothing and the
//! handler's check is compiled out.

#[cfg(debug_assertions)]
use std::cell::Cell;

use crate::{CorsPolicy, Policy, PolicyName};

/// The policy that decided a request, as a layer's future keeps it: zero-sized in release
/// builds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Deciding {
    #[cfg(debug_assertions)]
    decider: Decider,
}

#[cfg(debug_assertions)]
#[derive(Clone, Copy, Debug)]
struct Decider {
    /// The address of the policy (a `static` for compiled and named policies).
    policy: usize,
    name: Option<&'static PolicyName>,
    /// A router-wide default, which defers to any own policy.
    default: bool,
}

#[cfg(debug_assertions)]
thread_local! {
    static DECIDING: Cell<Option<Decider>> = const { Cell::new(None) };
}

impl Deciding {
    /// An own layer's policy (`policy` is called in debug builds only).
    #[inline(always)]
    pub(crate) fn own<'a>(
        policy: impl FnOnce() -> (&'a Policy, Option<&'static PolicyName>),
    ) -> Self {
        Self::new(policy, false)
    }

    /// A router-wide default's policy.
    #[cfg(feature = "tower")]
    #[inline(always)]
    pub(crate) fn default<'a>(
        policy: impl FnOnce() -> (&'a Policy, Option<&'static PolicyName>),
    ) -> Self {
        Self::new(policy, true)
    }

    #[inline(always)]
    #[allow(unused_variables)]
    fn new<'a>(
        policy: impl FnOnce() -> (&'a Policy, Option<&'static PolicyName>),
        default: bool,
    ) -> Self {
        #[cfg(debug_assertions)]
        {
            let (policy, name) = policy();
            Self {
                decider: Decider {
                    policy: std::ptr::from_ref(policy) as usize,
                    name,
                    default,
                },
            }
        }
        #[cfg(not(debug_assertions))]
        Self {}
    }

    /// Records this policy as the deciding one until the guard drops (after the inner
    /// future's poll), restoring the one of an outer layer.
    #[inline(always)]
    pub(crate) fn enter(&self) -> Entered {
        #[cfg(debug_assertions)]
        {
            Entered {
                outer: DECIDING.with(|d| d.replace(Some(self.decider))),
            }
        }
        #[cfg(not(debug_assertions))]
        Entered {}
    }
}

/// Restores the outer deciding policy when dropped.
pub(crate) struct Entered {
    #[cfg(debug_assertions)]
    outer: Option<Decider>,
}

#[cfg(debug_assertions)]
impl Drop for Entered {
    fn drop(&mut self) {
        DECIDING.with(|d| d.set(self.outer));
    }
}

/// Called first by the body of every `#[cors]` handler in debug builds: reports, once
/// per handler, a request that its own policy did not decide.
pub fn check_own_layer<P: CorsPolicy + 'static>() {
    #[cfg(debug_assertions)]
    {
        let decider = DECIDING.with(Cell::get);
        let own = std::ptr::from_ref(P::policy()) as usize;
        if decider.is_some_and(|d| !d.default && d.policy == own) || !first_report::<P>() {
            return;
        }
        report(P::NAME, decider);
    }
}

/// Whether `P`'s handler has not been reported yet.
#[cfg(debug_assertions)]
fn first_report<P: 'static>() -> bool {
    use std::any::TypeId;
    use std::sync::Mutex;
    static REPORTED: Mutex<Vec<TypeId>> = Mutex::new(Vec::new());
    let mut reported = REPORTED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let id = TypeId::of::<P>();
    let first = !reported.contains(&id);
    if first {
        reported.push(id);
    }
    first
}

#[cfg(debug_assertions)]
fn report(handler: Option<&'static PolicyName>, decider: Option<Decider>) {
    let Some(handler) = handler else { return };
    let decided = match decider {
        None => "no CORS layer decided its request".to_owned(),
        Some(d) if d.default => format!(
            "only the router-wide default policy{} decided its request",
            written_at(d.name)
        ),
        Some(d) => format!(
            "the CORS layer of another policy{} decided its request",
            written_at(d.name)
        ),
    };
    let name = handler.name;
    let message = format!(
        "typed-cors: the #[cors] handler `{name}` ({}:{}) ran, but {decided}; its own policy applies only through its own layer: route it as `get({name}).layer(CorsLayer::of::<{name}>())` or with `typed_cors::axum::get({name}, CorsLayer::of::<{name}>())`, or with actix-web write `#[cors]` above its route macro (this check runs once per handler, in debug builds only)",
        handler.file, handler.line
    );
    eprintln!("{message}");
    #[cfg(feature = "tracing")]
    tracing::warn!(target: "typed_cors", handler = name, "{message}");
}

#[cfg(debug_assertions)]
fn written_at(name: Option<&'static PolicyName>) -> String {
    name.map_or_else(String::new, |n| {
        format!(" `{}` ({}:{})", n.name, n.file, n.line)
    })
}
