//! The demo API on actix-web: the same endpoints and the same policies as the axum
//! one ([`crate::api`]), each resource wrapped in `typed_cors::actix::CorsMiddleware`,
//! and the same request log.
//!
//! The demo (`--actix`) and the browser suite serve it with [`spawn`]; the pages stay
//! on axum (they are same-origin: no CORS is involved in serving them).

pub mod api;
pub mod log;
pub mod resources;

use std::net::TcpListener;
use std::thread::JoinHandle;

use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};

use crate::api::Sessions;
use crate::log::RequestLog;

/// Adds endpoints to the API, as `App::configure` does: the browser suite's own.
pub type Configure = fn(&mut web::ServiceConfig);

/// Serves the demo API, plus the endpoints that `extra` adds, on `listener` with
/// actix-web, recorded in `log` (outermost, so that it sees what the CORS middlewares
/// answered). The server runs on an actix system in a thread of its own, until the
/// process ends; the handle's result is the server's.
pub fn spawn(
    listener: TcpListener,
    log: RequestLog,
    extra: &'static [Configure],
) -> std::io::Result<JoinHandle<std::io::Result<()>>> {
    let sessions = web::Data::new(Sessions::default());
    let log = web::Data::new(log);
    // actix's server is built and run on its system's thread (it is not `Send`); the
    // listening outcome comes back first.
    let (listening, outcome) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let server = HttpServer::new(move || {
            let mut app = App::new()
                .app_data(sessions.clone())
                .app_data(log.clone())
                .configure(api::configure);
            for configure in extra {
                app = app.configure(configure);
            }
            app.wrap(from_fn(log::record))
        })
        .workers(2)
        // The demo stops on Ctrl-C itself; the suite's servers end with the test process.
        .disable_signals()
        .listen(listener);
        let server = match server {
            Ok(server) => {
                let _ = listening.send(Ok(()));
                server
            }
            Err(e) => {
                let _ = listening.send(Err(e));
                return Ok(());
            }
        };
        actix_web::rt::System::new().block_on(server.run())
    });
    match outcome.recv() {
        Ok(Ok(())) => Ok(thread),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(std::io::Error::other("the actix-web server's thread ended")),
    }
}
