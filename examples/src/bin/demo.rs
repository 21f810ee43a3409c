//! `cargo run -p examples --bin demo`: the API and the page on two loopback origins.
//!
//! Options (flag, or environment variable):
//! - `--actix` / `DEMO_SERVER=actix`: the API on actix-web instead of axum (the same
//!   endpoints and policies, through `typed_cors::actix::CorsMiddleware`);
//! - `--api-port N` / `DEMO_API_PORT`: the API's port (default 8700);
//! - `--page-port N` / `DEMO_PAGE_PORT`: the page's port (default 8701, the port the
//!   compiled-in policies allow);
//!
//! Port 0 picks a free port; the URLs printed on start are the ones bound.
//! - `--bind ADDR` / `DEMO_BIND`: the address to bind (default `127.0.0.1`).

use std::net::IpAddr;
use std::process::ExitCode;

use examples::Server;
use examples::log::RequestLog;
use tokio::net::TcpListener;

struct Options {
    server: Server,
    bind: IpAddr,
    api_port: u16,
    page_port: u16,
}

const USAGE: &str = "usage: demo [--actix] [--api-port N] [--page-port N] [--bind ADDR]
  (or DEMO_SERVER=actix, DEMO_API_PORT, DEMO_PAGE_PORT, DEMO_BIND;
   defaults: the API on axum, 8700, 8701, 127.0.0.1)";

fn parse<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("invalid {name}: `{value}`\n{USAGE}"))
}

fn options() -> Result<Options, String> {
    let env = |name: &str| std::env::var(name).ok();
    let mut bind = env("DEMO_BIND").unwrap_or_else(|| "127.0.0.1".to_owned());
    let mut api_port = env("DEMO_API_PORT").unwrap_or_else(|| examples::API_PORT.to_string());
    let mut page_port = env("DEMO_PAGE_PORT").unwrap_or_else(|| examples::PAGE_PORT.to_string());
    let mut server = match env("DEMO_SERVER").as_deref() {
        None | Some("axum") => Server::Axum,
        Some("actix") => Server::Actix,
        Some(other) => {
            return Err(format!(
                "invalid DEMO_SERVER: `{}` (axum or actix)\n{USAGE}",
                other.escape_debug()
            ));
        }
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--actix" => {
                server = Server::Actix;
                continue;
            }
            "--bind" => &mut bind,
            "--api-port" => &mut api_port,
            "--page-port" => &mut page_port,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        };
        *slot = args
            .next()
            .ok_or_else(|| format!("`{arg}` needs a value\n{USAGE}"))?;
    }
    Ok(Options {
        server,
        bind: parse("address", &bind)?,
        api_port: parse("API port", &api_port)?,
        page_port: parse("page port", &page_port)?,
    })
}

fn url(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    // `RUST_LOG=typed_cors=debug` shows why each refused request was refused, as a
    // service using typed-cors would log it (nothing is logged without `RUST_LOG`).
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let (api, page) = match (
        TcpListener::bind((options.bind, options.api_port)).await,
        TcpListener::bind((options.bind, options.page_port)).await,
    ) {
        (Ok(api), Ok(page)) => (api, page),
        (Err(e), _) => {
            let api_url = url(options.bind, options.api_port);
            eprintln!("cannot listen on {api_url}: {e} (try --api-port)");
            return ExitCode::FAILURE;
        }
        (_, Err(e)) => {
            let page_url = url(options.bind, options.page_port);
            eprintln!("cannot listen on {page_url}: {e} (try --page-port)");
            return ExitCode::FAILURE;
        }
    };
    // Port 0 picks a free port: print the ports actually bound.
    let port = |listener: &TcpListener| listener.local_addr().map_or(0, |a| a.port());
    let api_url = url(options.bind, port(&api));
    let page_url = url(options.bind, port(&page));

    println!("typed-cors demo");
    println!("  API:  {api_url}   (served by {})", options.server);
    println!("  page: {page_url}/   <- open this in a browser");
    if page_url != examples::PAGE_ORIGIN {
        println!(
            "  note: the API's policies allow the page origin {}; served at {page_url}, its \
             credentialed and preflighted calls are blocked, as the policies say",
            examples::PAGE_ORIGIN
        );
    }
    println!("Every request the API receives is printed below; the page's verdicts follow it.");

    let log = RequestLog::printing();
    let (reports, mut received) = tokio::sync::mpsc::unbounded_channel();
    let page_router =
        examples::page::routes(&page_url, &api_url, options.server, reports, log.clone());
    let report_log = log.clone();
    tokio::spawn(async move {
        while let Some(report) = received.recv().await {
            print_report(&report, &report_log);
        }
    });
    let api = serve_api(options.server, api, log);
    let servers = async { tokio::try_join!(api, examples::serve(page, page_router)) };
    tokio::select! {
        result = servers => {
            if let Err(e) = result {
                eprintln!("server error: {e}");
                return ExitCode::FAILURE;
            }
        }
        _ = tokio::signal::ctrl_c() => println!("bye"),
    }
    ExitCode::SUCCESS
}

/// Serves the API with `server` until it fails.
async fn serve_api(server: Server, listener: TcpListener, log: RequestLog) -> std::io::Result<()> {
    match server {
        Server::Axum => {
            let router = examples::api::recorded(examples::api::routes(), log);
            examples::serve(listener, router).await
        }
        Server::Actix => {
            let thread = examples::actix::spawn(listener.into_std()?, log, &[])?;
            // The actix system runs in a thread of its own: wait for it off the runtime.
            match tokio::task::spawn_blocking(move || thread.join()).await {
                Ok(Ok(result)) => result,
                _ => Err(std::io::Error::other("the actix-web server stopped")),
            }
        }
    }
}

/// Prints the verdicts the page reported, with the server's record of each call.
fn print_report(report: &str, log: &RequestLog) {
    for line in examples::report::lines(report, &log.explanations()) {
        println!("{line}");
    }
}
