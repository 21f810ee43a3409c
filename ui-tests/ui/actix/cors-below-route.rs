// actix-web's `#[get]` runs first and moves the function into the service it
// registers, where `#[cors]` can no longer add its middleware: say which order to write.
use actix_web::{HttpResponse, get};
use typed_cors::cors;

#[get("/profile")]
#[cors(origins = ["https://app.example.com"])]
async fn profile() -> HttpResponse {
    HttpResponse::Ok().finish()
}

fn main() {
    let _app = actix_web::App::new().service(profile);
}
