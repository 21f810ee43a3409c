//! Where the writer writes: a response's header map in the framework's own types.
//! `http` 1's map is here; actix-web's is in `actix/sink.rs`.

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, Entry,
    VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::handler_headers::{HandlerHeaders, look_at, remove_cors_headers};
use crate::header_values::HeaderValues;
use crate::value_type::ValueType;
use crate::vary::{Vary, already_varies};

/// Every response header the writer writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Written {
    /// `Access-Control-Allow-Origin`.
    AllowOrigin,
    /// `Access-Control-Allow-Credentials`.
    AllowCredentials,
    /// `Access-Control-Allow-Methods`.
    AllowMethods,
    /// `Access-Control-Allow-Headers`.
    AllowHeaders,
    /// `Access-Control-Expose-Headers`.
    ExposeHeaders,
    /// `Access-Control-Max-Age`.
    MaxAge,
    /// `Access-Control-Allow-Private-Network`.
    AllowPrivateNetwork,
}

/// A response's headers, as the writer writes them.
pub(crate) trait HeaderSink {
    /// The framework's header value type.
    type Value: ValueType;

    /// Whether the map is empty (a new answer's).
    fn is_empty(&self) -> bool;

    /// Appends a line (into a new answer, where appending is inserting).
    fn append(&mut self, name: Written, value: Self::Value);

    /// Sets `name` to `value` alone.
    fn insert(&mut self, name: Written, value: Self::Value);

    /// What the handler's response holds (its `Vary`, its own CORS headers).
    fn look_at(&self) -> HandlerHeaders;

    /// Removes every `Access-Control-*` header (only called when [`look_at`] found one).
    ///
    /// [`look_at`]: HeaderSink::look_at
    fn remove_cors_headers(&mut self);

    /// Appends `value` (the `Vary` of `vary`) as a new `Vary` line, unless the
    /// response's own `Vary` already covers it ([`already_varies`]).
    fn append_vary(&mut self, value: Self::Value, vary: Vary, has_vary: bool);
}

/// The policy's constant header values in the sink's type.
pub(crate) trait SinkValues {
    /// Their type.
    type Value;
    /// `Access-Control-Expose-Headers`.
    fn expose_headers(&self) -> Option<Self::Value>;
    /// `Access-Control-Allow-Methods` (`*` for any method).
    fn allow_methods(&self) -> Option<Self::Value>;
    /// `Access-Control-Allow-Headers` for a listed set.
    fn allow_headers(&self) -> Option<Self::Value>;
    /// `Access-Control-Max-Age`.
    fn max_age(&self) -> Option<Self::Value>;
}

/// The `http` 1 values: a policy's own, a compiled policy's constants, a route's.
impl<T: HeaderValues> SinkValues for T {
    type Value = HeaderValue;

    #[inline(always)]
    fn expose_headers(&self) -> Option<HeaderValue> {
        HeaderValues::expose_headers(self)
    }

    #[inline(always)]
    fn allow_methods(&self) -> Option<HeaderValue> {
        HeaderValues::allow_methods(self)
    }

    #[inline(always)]
    fn allow_headers(&self) -> Option<HeaderValue> {
        HeaderValues::allow_headers(self)
    }

    #[inline(always)]
    fn max_age(&self) -> Option<HeaderValue> {
        HeaderValues::max_age(self)
    }
}

const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

/// The `http` 1 name of a [`Written`] header.
#[inline(always)]
fn http_name(name: Written) -> HeaderName {
    match name {
        Written::AllowOrigin => ACCESS_CONTROL_ALLOW_ORIGIN,
        Written::AllowCredentials => ACCESS_CONTROL_ALLOW_CREDENTIALS,
        Written::AllowMethods => ACCESS_CONTROL_ALLOW_METHODS,
        Written::AllowHeaders => ACCESS_CONTROL_ALLOW_HEADERS,
        Written::ExposeHeaders => ACCESS_CONTROL_EXPOSE_HEADERS,
        Written::MaxAge => ACCESS_CONTROL_MAX_AGE,
        Written::AllowPrivateNetwork => ALLOW_PRIVATE_NETWORK,
    }
}

impl HeaderSink for HeaderMap {
    type Value = HeaderValue;

    #[inline(always)]
    fn is_empty(&self) -> bool {
        HeaderMap::is_empty(self)
    }

    #[inline(always)]
    fn append(&mut self, name: Written, value: HeaderValue) {
        HeaderMap::append(self, http_name(name), value);
    }

    #[inline(always)]
    fn insert(&mut self, name: Written, value: HeaderValue) {
        HeaderMap::insert(self, http_name(name), value);
    }

    #[inline(always)]
    fn look_at(&self) -> HandlerHeaders {
        look_at(self)
    }

    #[inline(always)]
    fn remove_cors_headers(&mut self) {
        remove_cors_headers(self);
    }

    #[inline(always)]
    fn append_vary(&mut self, value: HeaderValue, vary: Vary, has_vary: bool) {
        if !has_vary {
            HeaderMap::append(self, VARY, value);
            return;
        }
        // One lookup of `Vary`: the entry both answers "is it there" and appends.
        match self.entry(VARY) {
            Entry::Vacant(entry) => {
                entry.insert(value);
            }
            Entry::Occupied(mut entry) => {
                if !already_varies(|| entry.iter().map(HeaderValue::as_bytes), vary) {
                    entry.append(value);
                }
            }
        }
    }
}
