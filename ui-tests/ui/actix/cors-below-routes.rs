// The same with `#[routes]` above: its method attributes are taken by it, `#[cors]` is
// left on the function inside the service.
use actix_web::{HttpResponse, routes};
use typed_cors::cors;

#[routes]
#[cors(origins = ["https://app.example.com"])]
#[get("/a")]
#[post("/a")]
async fn several() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {
    let _app = actix_web::App::new().service(several);
}
