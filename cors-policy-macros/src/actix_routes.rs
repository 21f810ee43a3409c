//! `#[cors]` above actix-web's route macros (issue 13): `#[get("/profile")]`,
//! `#[route(...)]`, `#[routes]` and the other method macros.
//!
//! actix-web's macro turns the function into a unit struct of the same name that
//! implements `HttpServiceFactory`; its `register` holds the function and registers one
//! resource per route, with the route's `guard`s and `wrap`s. So `#[cors]` declares no
//! struct of its own there: it implements `CorsPolicy` on actix's struct and rewrites
//! the route attributes it finds below it into one `#[routes]` whose registrations are
//!
//! - each route the user wrote, with its options and then
//!   `wrap = "middleware_for::<handler, { PUT | DELETE }>(\"/path\")"`: the handler's
//!   `CorsMiddleware`, as actix's outermost middleware (the last `wrap`), so the policy
//!   answers preflights before the user's own middleware (an authentication check would
//!   refuse a preflight, which carries no credentials) and decorates its refusals too;
//! - per path and set of user guards, one `OPTIONS` registration with the same
//!   middleware and the guard `preflight_asks` (runtime `actix/route_guard.rs`): actix
//!   checks the method guard while routing, so without it no preflight would reach the
//!   `GET` route's middleware. It takes a preflight only for a method the handler serves
//!   there, so several handlers of one path each answer their own method's preflight.
//!
//! The middleware's answers list in `Access-Control-Allow-Methods` only the policy's
//! methods that the handler serves on that path and under those guards (the braces
//! above; runtime `actix/narrowed.rs`; `*` becomes that list). A browser caches the
//! answer per URL and sends every method it lists without asking again: a `DELETE`
//! listed by `PUT`'s policy would reach the `DELETE` handler on `PUT`'s word, and run
//! before its own policy refused the response. A method the policy lists but the
//! handler never serves is not an error: it is simply never announced. The path passed to
//! the middleware records the handler there (runtime `actix/siblings.rs`): an answer
//! whose request-header names a browser would reuse for another policy's handler on the
//! path, of any method, goes uncached. A handler's
//! policy may be shared (several routes of one handler, `#[routes]`, a named policy, the
//! same `#[cors]` in the axum form) and its methods are a ceiling, not a promise; and
//! `GET`, `HEAD`, `POST` pass a browser's check unlisted anyway.
//!
//! The `OPTIONS` registration carries the route's own `guard`s too. Two handlers of one
//! path and method told apart by a guard (a `Host`, a path parameter check) must each
//! answer the preflights of the requests they will get; without the guards, the first
//! registered would answer all of them, and its policy would let the browser send a
//! request that the other handler runs and only then refuses. A guard cannot say what it
//! reads, so the macro cannot copy only those that a preflight can pass: a guard on what
//! only the actual request carries (credentials, a header the page sets, its
//! `Content-Type`) refuses the preflight, which gets actix's `404` and the browser sends
//! nothing. That is closed, not open; check such things in the handler or in a `wrap`.
//!
//! `#[get]` above `#[cors]` runs first and puts the function, with `#[cors]` still on it,
//! inside `register`, where nothing can add a middleware to the resource any more; the
//! macro recognises that order in the source and says which order to write.

use std::collections::BTreeMap;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Ident, ItemFn, Lit, LitStr, Meta, MetaNameValue, Token};

use crate::diag::error_at;
use crate::exports::Exports;

/// actix-web's method macros, and the methods they register.
const METHOD_MACROS: [(&str, &str); 9] = [
    ("get", "GET"),
    ("post", "POST"),
    ("put", "PUT"),
    ("delete", "DELETE"),
    ("head", "HEAD"),
    ("connect", "CONNECT"),
    ("options", "OPTIONS"),
    ("trace", "TRACE"),
    ("patch", "PATCH"),
];

/// The names of actix-web's route macros, for recognising them above `#[cors]`.
pub(crate) fn is_route_macro(name: &str) -> bool {
    matches!(name, "route" | "routes") || METHOD_MACROS.iter().any(|(m, _)| *m == name)
}

/// One resource that actix registers: a method, a path, the options written for it.
struct Registration {
    /// The method macro, e.g. `get`, spanned where the user wrote the route.
    method: Ident,
    path: LitStr,
    options: Vec<MetaNameValue>,
}

/// The route attributes found on a handler, read into registrations.
pub(crate) struct Routes {
    /// Where the first route attribute was; the rewritten ones go there.
    index: usize,
    span: Span,
    registrations: Vec<Registration>,
    /// The macros that rustc would have resolved (not `#[routes]`' method attributes).
    resolved: Vec<syn::Path>,
}

/// Takes the actix-web route attributes off `handler` (all of them are below `#[cors]`).
/// `Ok(None)` when there are none, or when actix will reject them itself (then the
/// handler gets its own struct, as actix declares none after an error).
pub(crate) fn take_routes(handler: &mut ItemFn) -> Result<Option<Routes>, darling::Error> {
    // Inside `#[routes]`, actix takes only plain method names as routes; it leaves any
    // other attribute on the function.
    let grouped = handler
        .attrs
        .iter()
        .any(|a| route_name(a).as_deref() == Some("routes"));
    let found: Vec<usize> = (0..handler.attrs.len())
        .filter(|&i| {
            let attr = &handler.attrs[i];
            route_name(attr).is_some_and(|name| {
                !grouped || name == "routes" || attr.path().get_ident().is_some()
            })
        })
        .collect();
    let Some(&index) = found.first() else {
        return Ok(None);
    };
    // actix refuses a handler without a return type; let it say so.
    if matches!(handler.sig.output, syn::ReturnType::Default) {
        return Ok(None);
    }
    let mut registrations = Vec::new();
    let mut resolved = Vec::new();
    for &i in &found {
        let attr = &handler.attrs[i];
        if route_name(attr).as_deref() == Some("routes") {
            resolved.push(attr.path().clone());
            continue;
        }
        if !grouped {
            resolved.push(attr.path().clone());
        }
        match read_route(attr)? {
            Some(read) => registrations.extend(read),
            None => return Ok(None),
        }
    }
    if registrations.is_empty() {
        return Ok(None);
    }
    let span = handler.attrs[index].span();
    let mut taken = 0;
    handler.attrs.retain(|_| {
        taken += 1;
        !found.contains(&(taken - 1))
    });
    Ok(Some(Routes {
        index,
        span,
        registrations,
        resolved,
    }))
}

/// The route macro an attribute names (its last path segment), if any.
fn route_name(attr: &Attribute) -> Option<String> {
    let name = attr.path().segments.last()?.ident.to_string();
    is_route_macro(&name).then_some(name)
}

/// The registrations of one `#[get(...)]` or `#[route(...)]`; `None` when actix will
/// report the attribute itself.
fn read_route(attr: &Attribute) -> Result<Option<Vec<Registration>>, darling::Error> {
    let Meta::List(_) = &attr.meta else {
        return Ok(None);
    };
    let Ok((path, options)) = attr.parse_args_with(route_args) else {
        return Ok(None);
    };
    let segment = attr
        .path()
        .segments
        .last()
        .expect("a route macro has a name");
    let (methods, options): (Vec<_>, Vec<_>) =
        options.into_iter().partition(|o| o.path.is_ident("method"));
    let methods = if segment.ident == "route" {
        let mut idents = Vec::new();
        for method in &methods {
            let Some(ident) = route_method(method)? else {
                return Ok(None);
            };
            idents.push(ident);
        }
        idents
    } else if methods.is_empty() {
        vec![segment.ident.clone()]
    } else {
        // `method` is for `#[route]` only: actix says so.
        return Ok(None);
    };
    if methods.is_empty() {
        return Ok(None);
    }
    Ok(Some(
        methods
            .into_iter()
            .map(|method| Registration {
                method,
                path: path.clone(),
                options: options.clone(),
            })
            .collect(),
    ))
}

/// actix-web's arguments: the path, then `key = value` options.
fn route_args(input: ParseStream<'_>) -> syn::Result<(LitStr, Vec<MetaNameValue>)> {
    let path: LitStr = input.parse()?;
    if input.is_empty() {
        return Ok((path, Vec::new()));
    }
    input.parse::<Token![,]>()?;
    let options = Punctuated::<MetaNameValue, Token![,]>::parse_terminated(input)?;
    Ok((path, options.into_iter().collect()))
}

/// `method = "PUT"` of `#[route]` as the method macro's name (`put`). A method that no
/// method macro names cannot be routed by `#[routes]`, nor told apart by the guard.
fn route_method(option: &MetaNameValue) -> Result<Option<Ident>, darling::Error> {
    let Expr::Lit(ExprLit {
        lit: Lit::Str(lit), ..
    }) = &option.value
    else {
        return Ok(None);
    };
    match METHOD_MACROS
        .iter()
        .find(|(_, upper)| lit.value() == *upper)
    {
        Some((lower, _)) => Ok(Some(Ident::new(lower, lit.span()))),
        // actix reports a lowercase method itself.
        None if !lit.value().chars().all(|c| c.is_ascii_uppercase()) => Ok(None),
        None => Err(error_at(
            lit.span(),
            format!(
                "`#[cors]` cannot route preflights for the extension method `{}`: it wires the policy into actix-web's standard method routes only; wrap the resource instead: `web::resource(\"...\").wrap(CorsMiddleware::of::<handler>())`",
                lit.value().escape_debug()
            ),
        )),
    }
}

impl Routes {
    /// Puts `#[routes]` and the rewritten registrations where the first route attribute
    /// was, every one wrapped in the handler's middleware for its path.
    pub(crate) fn rewrite_into(self, handler: &mut ItemFn, ex: &Exports) {
        let name = &handler.sig.ident;
        let span = self.span;
        let groups = groups(&self.registrations);
        let wrap = |registration: &Registration| {
            let key = Group::of(registration);
            middleware(name, &key.path, &groups[&key].methods, span, ex)
        };
        let mut attrs: Vec<Attribute> =
            vec![syn::parse_quote_spanned!(span=> #[::actix_web::routes])];
        for registration in &self.registrations {
            attrs.push(user_route(registration, &wrap(registration), ex));
        }
        for (key, group) in &groups {
            let methods: Vec<&str> = (group.methods.iter().copied())
                .filter(|m| *m != "OPTIONS")
                .collect();
            if methods.is_empty() {
                continue;
            }
            let wrap = middleware(name, &key.path, &group.methods, span, ex);
            let path = LitStr::new(&key.path, span);
            let guard = guard(&methods, span, ex);
            let name = group.name.map(|n| quote!(#n,));
            let guards = &group.guards;
            attrs.push(syn::parse_quote_spanned!(span=>
                #[options(#path, #name guard = #guard, #(#guards,)* wrap = #wrap)]
            ));
        }
        handler.attrs.splice(self.index..self.index, attrs);
    }

    /// The route macros the user imported are no longer named once rewritten; a `use`
    /// of each keeps their imports from being reported unused.
    pub(crate) fn keep_imports_used(&self) -> TokenStream {
        let paths = &self.resolved;
        quote! {
            const _: () = {
                #(#[allow(unused_imports)] use #paths as _;)*
            };
        }
    }
}

/// The user's route with its options, then the policy's middleware; an `OPTIONS`
/// route also gets the guard that leaves preflights for other methods to their routes.
fn user_route(registration: &Registration, wrap: &LitStr, ex: &Exports) -> Attribute {
    let Registration {
        method,
        path,
        options,
    } = registration;
    let span = method.span();
    let guard = (method == "options").then(|| {
        let guard = guard(&["OPTIONS"], span, ex);
        quote!(guard = #guard,)
    });
    syn::parse_quote_spanned!(span=>
        #[#method(#path, #(#options,)* #guard wrap = #wrap)]
    )
}

/// `middleware_for::<handler, { GET | PUT }>("/path")`, as actix's `wrap = "..."` wants
/// it: the handler's middleware, its preflight answers narrowed to the methods it serves
/// on the path (runtime `actix/narrowed.rs`), recorded at the path so that they go
/// uncached when their header names would cover another policy's handler there (runtime
/// `actix/siblings.rs`).
fn middleware(name: &Ident, path: &str, methods: &[&str], span: Span, ex: &Exports) -> LitStr {
    let actix = ex.actix_route();
    let bits = method_bits(methods, span, ex);
    let path = LitStr::new(path, span);
    as_string(
        quote!(#actix::middleware_for::<#name, { #bits }>(#path)),
        span,
    )
}

/// `preflight_asks::<{ GET | PUT }>` as actix's `guard = "..."` wants it: a path.
fn guard(methods: &[&str], span: Span, ex: &Exports) -> LitStr {
    let actix = ex.actix_route();
    let bits = method_bits(methods, span, ex);
    as_string(quote!(#actix::preflight_asks::<{ #bits }>), span)
}

/// `GET | PUT`, of the runtime's bits (`actix/route_guard.rs`).
fn method_bits(methods: &[&str], span: Span, ex: &Exports) -> TokenStream {
    let actix = ex.actix_route();
    let bits = methods.iter().map(|m| {
        let bit = Ident::new(m, span);
        quote_spanned!(span=> #actix::#bit)
    });
    quote!(#(#bits)|*)
}

/// Tokens as the string literal actix parses them from, on one line.
fn as_string(tokens: TokenStream, span: Span) -> LitStr {
    LitStr::new(&tokens.to_string().replace('\n', " "), span)
}

/// The registrations of one path that the same guards select: one `OPTIONS`
/// registration answers their preflights.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Group {
    path: String,
    /// The user's `guard = "..."` options, as written.
    guards: Vec<String>,
}

impl Group {
    fn of(registration: &Registration) -> Self {
        Self {
            path: registration.path.value(),
            guards: user_guards(registration)
                .map(|g| g.value.to_token_stream().to_string())
                .collect(),
        }
    }
}

/// What a [`Group`]'s `OPTIONS` registration needs.
#[derive(Default)]
struct GroupRoutes<'a> {
    /// The methods routed.
    methods: Vec<&'static str>,
    /// The first `name = "..."` given, so the added registration names the resource as
    /// the user did.
    name: Option<&'a MetaNameValue>,
    /// The guards, copied onto the `OPTIONS` registration: see the module's docs.
    guards: Vec<&'a MetaNameValue>,
}

fn user_guards(registration: &Registration) -> impl Iterator<Item = &MetaNameValue> {
    (registration.options.iter()).filter(|o| o.path.is_ident("guard"))
}

/// The registrations grouped by path and guards.
fn groups(registrations: &[Registration]) -> BTreeMap<Group, GroupRoutes<'_>> {
    let mut groups: BTreeMap<Group, GroupRoutes<'_>> = BTreeMap::new();
    for registration in registrations {
        let entry = groups.entry(Group::of(registration)).or_default();
        let upper = METHOD_MACROS
            .iter()
            .find(|(lower, _)| registration.method == lower)
            .map(|(_, upper)| *upper)
            .expect("registrations name method macros");
        if !entry.methods.contains(&upper) {
            entry.methods.push(upper);
        }
        if entry.name.is_none() {
            entry.name = registration
                .options
                .iter()
                .find(|o| o.path.is_ident("name"));
        }
        if entry.guards.is_empty() {
            entry.guards = user_guards(registration).collect();
        }
    }
    groups
}

/// `#[cors]` below a route macro: actix's macro has already run, and the function is
/// inside its `register`.
pub(crate) const BELOW_A_ROUTE: &str = "`#[cors]` below an actix-web route macro is expanded after it, inside the service it registers, where it can no longer add its middleware to the route; write `#[cors(...)]` above `#[get(...)]` (or `#[post]`, `#[route]`, `#[routes]`...)";

/// A route macro below `#[cors]` without the feature that wires it.
pub(crate) const NEEDS_ACTIX_FEATURE: &str = "`#[cors]` above an actix-web route macro wires the policy into it with the feature `actix` of typed-cors; enable it: `typed-cors = { version = \"0.1\", features = [\"actix\"] }`";

/// Whether the handler carries a route macro, for when the feature is off.
pub(crate) fn first_route_attr(handler: &ItemFn) -> Option<&Attribute> {
    handler.attrs.iter().find(|a| route_name(a).is_some())
}
