// `#[cors]` above each of actix-web's route macros, as users write them: the handler
// stays a service for `App::service`, and its name is the policy. No warning either (the
// route macros' imports stay used), and no `pub` needed.
#![deny(warnings)]

use actix_web::{App, HttpResponse, get, post, route, routes};
use typed_cors::{CorsPolicy, cors};

mod reexport {
    pub use typed_cors as renamed_cors;
}

/// The profile.
#[cors(origins = ["https://app.example.com"], credentials, methods = [GET])]
#[get("/profile")]
async fn profile() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
#[post("/profile", name = "create_profile", wrap = "actix_web::middleware::DefaultHeaders::new()")]
async fn create_profile() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[cors(origins = ["*"])]
#[actix_web::delete("/profile/{id}")]
async fn delete_profile() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[cors(origins = ["*"], methods = [GET, PATCH])]
#[route("/either", method = "GET", method = "PATCH", guard = "always")]
async fn either() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[cors(origins = ["*"], methods = [GET, PUT])]
#[routes]
#[get("/a")]
#[put("/b")]
#[options("/a")]
async fn several() -> HttpResponse {
    HttpResponse::Ok().finish()
}

// Two guards on one route, none on the other route of the path: an `OPTIONS`
// registration per path and set of guards, each narrowed to its methods.
#[cors(origins = ["*"], methods = ["*"])]
#[routes]
#[put("/guarded", guard = "always", guard = "also")]
#[patch("/guarded")]
async fn guarded() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[cors(origins = ["*"], crate = "crate::reexport::renamed_cors")]
#[get("/renamed")]
async fn renamed() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn always(_: &actix_web::guard::GuardContext<'_>) -> bool {
    true
}

fn also(_: &actix_web::guard::GuardContext<'_>) -> bool {
    true
}

fn main() {
    let _app = App::new()
        .service(profile)
        .service(create_profile)
        .service(delete_profile)
        .service(either)
        .service(several)
        .service(guarded)
        .service(renamed);
    assert!(profile::POLICY.allows_credentials());
    assert!(!create_profile::POLICY.allows_credentials());
    assert!(several::POLICY.allows_origin(b"https://any.example") && renamed::POLICY.allows_origin(b"https://any.example"));
}
