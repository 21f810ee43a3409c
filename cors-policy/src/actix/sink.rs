//! The writer's output on actix-web's own response headers (`http` 0.2), and the
//! policy's constant values in that type, made once per middleware.

use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

use crate::handler_headers::{HandlerHeaders, is_cors_name};
use crate::header_sink::{HeaderSink, SinkValues, Written};
use crate::header_values::HeaderValues;
use crate::vary::{Vary, already_varies};

static ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

/// The actix name of a [`Written`] header (the standard ones are constants without a
/// drop; the other is cloned from a `static`, only for a Private Network answer).
#[inline(always)]
fn actix_name(name: Written) -> HeaderName {
    match name {
        Written::AllowOrigin => header::ACCESS_CONTROL_ALLOW_ORIGIN,
        Written::AllowCredentials => header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        Written::AllowMethods => header::ACCESS_CONTROL_ALLOW_METHODS,
        Written::AllowHeaders => header::ACCESS_CONTROL_ALLOW_HEADERS,
        Written::ExposeHeaders => header::ACCESS_CONTROL_EXPOSE_HEADERS,
        Written::MaxAge => header::ACCESS_CONTROL_MAX_AGE,
        Written::AllowPrivateNetwork => ALLOW_PRIVATE_NETWORK.clone(),
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
        HeaderMap::append(self, actix_name(name), value);
    }

    #[inline(always)]
    fn insert(&mut self, name: Written, value: HeaderValue) {
        HeaderMap::insert(self, actix_name(name), value);
    }

    /// One pass over the names, as [`look_at`](crate::handler_headers::look_at) does on
    /// `http` 1.
    #[inline(always)]
    fn look_at(&self) -> HandlerHeaders {
        let mut found = HandlerHeaders {
            has_vary: false,
            has_cors: false,
        };
        if HeaderMap::is_empty(self) {
            return found;
        }
        for name in self.keys() {
            if *name == header::VARY {
                found.has_vary = true;
            } else if is_cors_name(name.as_str()) {
                found.has_cors = true;
            }
        }
        found
    }

    #[cold]
    fn remove_cors_headers(&mut self) {
        self.retain(|name, _| !is_cors_name(name.as_str()));
    }

    #[inline(always)]
    fn append_vary(&mut self, value: HeaderValue, vary: Vary, has_vary: bool) {
        if has_vary
            && already_varies(
                || self.get_all(header::VARY).map(HeaderValue::as_bytes),
                vary,
            )
        {
            return;
        }
        HeaderMap::append(self, header::VARY, value);
    }
}

/// The policy's constant values as actix values, converted once per middleware from
/// the `http` 1 values the policy (or its compiled constants) holds.
#[derive(Clone, Debug)]
pub(super) struct ActixValues {
    expose_headers: Option<HeaderValue>,
    allow_methods: Option<HeaderValue>,
    allow_headers: Option<HeaderValue>,
    max_age: Option<HeaderValue>,
}

impl ActixValues {
    pub(super) fn new(values: &impl HeaderValues) -> Self {
        // Both versions accept the same bytes, so a conversion never fails; a value
        // that did would be left out (never widening the policy).
        let convert = |value: Option<http::HeaderValue>| {
            value.and_then(|value| HeaderValue::from_bytes(value.as_bytes()).ok())
        };
        Self {
            expose_headers: convert(values.expose_headers()),
            allow_methods: convert(values.allow_methods()),
            allow_headers: convert(values.allow_headers()),
            max_age: convert(values.max_age()),
        }
    }
}

impl SinkValues for ActixValues {
    type Value = HeaderValue;

    #[inline(always)]
    fn expose_headers(&self) -> Option<HeaderValue> {
        self.expose_headers.clone()
    }

    #[inline(always)]
    fn allow_methods(&self) -> Option<HeaderValue> {
        self.allow_methods.clone()
    }

    #[inline(always)]
    fn allow_headers(&self) -> Option<HeaderValue> {
        self.allow_headers.clone()
    }

    #[inline(always)]
    fn max_age(&self) -> Option<HeaderValue> {
        self.max_age.clone()
    }
}
