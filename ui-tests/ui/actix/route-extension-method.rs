// A preflight for an extension method cannot be routed to `#[route]`'s registration by
// the method guards `#[cors]` adds: say so, and what to write instead.
use actix_web::{HttpResponse, route};
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = ["PURGE"])]
#[route("/cache", method = "GET", method = "PURGE")]
async fn cache() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {
    let _app = actix_web::App::new().service(cache);
}
