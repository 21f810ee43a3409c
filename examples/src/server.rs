//! Which framework serves the demo API.

use std::fmt;

/// The framework serving the API: the same endpoints and policies on both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Server {
    /// axum, with `typed_cors::CorsLayer` and `typed_cors::axum` ([`crate::api::routes`]).
    #[default]
    Axum,
    /// actix-web, with `typed_cors::actix::CorsMiddleware` ([`crate::actix`]).
    Actix,
}

impl Server {
    /// Both, in the order the browser suite runs them.
    pub const ALL: [Server; 2] = [Server::Axum, Server::Actix];

    /// The framework's name, as the demo page shows it.
    pub fn name(self) -> &'static str {
        match self {
            Server::Axum => "axum",
            Server::Actix => "actix-web",
        }
    }
}

impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
