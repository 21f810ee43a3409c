//! The demo API's endpoints on actix-web: the handlers of [`crate::api`] (those whose
//! extractors are axum's have an actix twin here) under the same policies.

use actix_web::http::Method;
use actix_web::http::header::COOKIE;
use actix_web::{HttpRequest, HttpResponse, web};

use super::resources::{for_method, with_cors};
use crate::api::{self, Sessions, delete_notes, partner, public, read_notes, write_notes};

/// `GET /session`, as [`api::session()`]: starts a session or counts a visit to it.
pub async fn session(sessions: web::Data<Sessions>, request: HttpRequest) -> HttpResponse {
    let cookies = request.headers().get_all(COOKIE).map(|v| v.as_bytes());
    let visit = sessions.visit(api::session_id(cookies));
    let mut response = HttpResponse::Ok();
    response.insert_header(("x-session-visits", visit.visits.to_string()));
    if let Some(cookie) = visit.set_cookie() {
        response.insert_header(("set-cookie", cookie));
    }
    response.body(visit.body())
}

/// `PUT`/`DELETE /items/{id}`, as [`api::item()`].
pub async fn item(id: web::Path<u32>, request: HttpRequest, body: String) -> HttpResponse {
    let token = request.headers().get("x-demo-token").map(|v| v.as_bytes());
    let delete = request.method() == Method::DELETE;
    let (text, request_id) = api::item_answer(delete, id.into_inner(), token, &body);
    HttpResponse::Ok()
        .insert_header(("x-request-id", request_id.to_string()))
        .insert_header(("x-internal-trace", "not-exposed"))
        .body(text)
}

/// The demo API's resources, each under its handler's policy; `/notes` has a resource
/// per method, each with its own ([`for_method`]).
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .service(with_cors::<public>(
            web::resource("/public").route(web::get().to(public)),
        ))
        .service(with_cors::<api::session>(
            web::resource("/session").route(web::get().to(session)),
        ))
        .service(with_cors::<api::item>(
            web::resource("/items/{id}")
                .route(web::put().to(item))
                .route(web::delete().to(item)),
        ))
        .service(with_cors::<partner>(
            web::resource("/partner").route(web::get().to(partner)),
        ))
        .service(for_method::<read_notes>("/notes", Method::GET).to(read_notes))
        .service(for_method::<write_notes>("/notes", Method::PUT).to(write_notes))
        .service(for_method::<delete_notes>("/notes", Method::DELETE).to(delete_notes));
}
