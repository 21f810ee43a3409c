//! Every path that generated code names, in one table.
//!
//! Generated code reaches the runtime only through `::typed_cors::__private`, a hidden
//! module that re-exports what it needs, so that a user's `Option`, `Cow` or `http` in
//! scope cannot change its meaning and the public API can evolve freely. The root is
//! `::typed_cors` unless the user renamed the dependency: `#[cors(crate = "my_cors")]`.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::Path;

/// The root of the runtime crate, as generated code must spell it.
#[derive(Clone)]
pub(crate) struct Exports {
    private: TokenStream,
}

impl Exports {
    /// `::typed_cors`, or the path the user gave with `crate = "..."`.
    pub(crate) fn new(krate: Option<&Path>) -> Self {
        let root = match krate {
            Some(path) => path.to_token_stream(),
            None => quote!(::typed_cors),
        };
        Self {
            private: quote!(#root::__private),
        }
    }

    fn item(&self, name: &str) -> TokenStream {
        let private = &self.private;
        let name = syn::Ident::new(name, proc_macro2::Span::call_site());
        quote!(#private::#name)
    }

    pub(crate) fn cors_policy_trait(&self) -> TokenStream {
        self.item("CorsPolicy")
    }

    pub(crate) fn policy(&self) -> TokenStream {
        self.item("Policy")
    }

    pub(crate) fn policy_name(&self) -> TokenStream {
        self.item("PolicyName")
    }

    pub(crate) fn policy_parts(&self) -> TokenStream {
        self.item("PolicyParts")
    }

    pub(crate) fn fixed_headers(&self) -> TokenStream {
        self.item("FixedHeaders")
    }

    pub(crate) fn origin_rule(&self) -> TokenStream {
        self.item("OriginRule")
    }

    pub(crate) fn name_rule(&self) -> TokenStream {
        self.item("NameRule")
    }

    pub(crate) fn pattern(&self) -> TokenStream {
        self.item("Pattern")
    }

    pub(crate) fn cow(&self) -> TokenStream {
        self.item("Cow")
    }

    pub(crate) fn header_value(&self) -> TokenStream {
        self.item("HeaderValue")
    }

    pub(crate) fn option(&self) -> TokenStream {
        self.item("Option")
    }

    pub(crate) fn some(&self) -> TokenStream {
        self.item("Some")
    }

    pub(crate) fn none(&self) -> TokenStream {
        self.item("None")
    }

    /// What `#[cors]` adds to an actix-web route macro: the middleware and the guard
    /// (only with the feature `actix` of the runtime crate).
    pub(crate) fn actix_route(&self) -> TokenStream {
        self.item("actix_route")
    }

    /// The debug-build check that a handler runs under its own policy's layer.
    pub(crate) fn check_own_layer(&self) -> TokenStream {
        self.item("check_own_layer")
    }

    /// A policy that allows no origin, standing in for an invalid one so that code using
    /// the handler's policy still type-checks and the only error is the real one.
    pub(crate) fn placeholder_policy(&self) -> TokenStream {
        self.item("PLACEHOLDER_POLICY")
    }
}
