//! Chromium's own CORS error class for every blocked request, read from the DevTools
//! protocol, and matched to the suite's cases by the `case=NAME` in each request's URL.
//!
//! A script only learns `TypeError: Failed to fetch`; the console message ("Response to
//! preflight request doesn't pass access control check: ...") comes from a
//! `network::mojom::CorsError`, which the protocol's `Network.loadingFailed` event carries
//! as `corsErrorStatus.corsError` (e.g. `PreflightMissingAllowOriginHeader`), with
//! `corsErrorStatus.failedParameter` (the method, header or origin at fault).
//!
//! [`CorsWatch::open`] attaches to a fresh tab, enables the `Network` domain there (and in
//! every frame or worker that gets its own session: an out-of-process iframe is paused
//! until it is enabled too), and only then navigates, so no request escapes. Each
//! request's URL comes from `Network.requestWillBeSent`.
//!
//! # Why the DevTools protocol, over a websocket
//!
//! - **The class itself, not prose.** The event carries the enum value Chromium's
//!   message is made from. The other source that works headless, the console log
//!   (`--enable-logging=stderr` does print "Access to fetch at '...' has been blocked by
//!   CORS policy: ..." in headless Chromium 156), is English text whose wording differs
//!   between fetch and XHR and between versions; mapping it back to a class would be a
//!   guess, and the log file is not ordered with the page's report.
//! - **Ordered, so no sleep.** The events of a tab and the answers to commands on it
//!   come over one connection, in order: after the page has reported (every case's
//!   request has ended), one command round trip per session makes sure every event is in
//!   ([`CorsWatch::errors`]).
//! - **Out-of-process frames.** Each one is a target of its own; auto-attach pauses it
//!   until `Network` is enabled there. The suite's partner frame is same-site and stays
//!   in the page's process, but this was checked with
//!   `--enable-features=StrictOriginIsolation`, which moves it out: its three cases
//!   still get their classes (and lose them if the frame's `Network` is not enabled).
//! - **A port, not a pipe.** `--remote-debugging-pipe` needs file descriptors 3 and 4 in
//!   the child, which takes `unsafe` (`pre_exec`) or a crate doing it; the workspace
//!   forbids `unsafe_code`. `--remote-debugging-port=0` lets Chromium pick a free port and
//!   print `DevTools listening on ws://...` on stderr, which is read line by line, as
//!   Puppeteer and Playwright do (no polling of the `DevToolsActivePort` file), and the
//!   socket is `tokio-tungstenite`'s.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::{Value, json};

use crate::devtools::{DevTools, Event};

/// One request Chromium blocked for CORS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorsError {
    /// `corsErrorStatus.corsError`, e.g. `MethodDisallowedByPreflightResponse`.
    pub class: String,
    /// `corsErrorStatus.failedParameter`, e.g. `PATCH` (empty when there is none).
    pub parameter: String,
    /// The request's URL.
    pub url: String,
}

/// The blocked requests of each case, in the order they failed. Requests without a
/// `case=` parameter are under [`NO_CASE`].
pub type ByCase = BTreeMap<String, Vec<CorsError>>;

/// The key for blocked requests that name no case.
pub const NO_CASE: &str = "(no case)";

#[derive(Debug, Default)]
struct State {
    /// (session, requestId) → URL. Request ids are only unique within a session's target.
    urls: HashMap<(Option<String>, String), String>,
    errors: ByCase,
    /// Every session the page's frames and workers report on, the page's first.
    sessions: Vec<String>,
    /// Commands sent from the event callback that failed: the watch cannot be trusted.
    problems: Vec<String>,
}

type Shared = Arc<Mutex<State>>;

fn lock(state: &Shared) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A tab whose blocked requests are being recorded.
#[derive(Debug)]
pub struct CorsWatch {
    devtools: DevTools,
    state: Shared,
}

impl CorsWatch {
    /// Connects to the browser at `devtools_url`, opens a tab, starts recording, then
    /// navigates the tab to `page`.
    pub async fn open(devtools_url: &str, page: &str) -> Result<Self, String> {
        let state = Shared::default();
        let observer = state.clone();
        let devtools = DevTools::connect(devtools_url, move |devtools, event| {
            observe(devtools, &observer, event);
        })
        .await?;
        let target = devtools
            .call(None, "Target.createTarget", json!({ "url": "about:blank" }))
            .await?;
        let session = devtools
            .call(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target["targetId"], "flatten": true }),
            )
            .await?;
        let session = session["sessionId"]
            .as_str()
            .ok_or_else(|| format!("Target.attachToTarget: no sessionId in {session}"))?
            .to_owned();
        lock(&state).sessions.push(session.clone());
        let page_session = Some(session.as_str());
        devtools
            .call(page_session, "Network.enable", json!({}))
            .await?;
        devtools
            .call(page_session, "Target.setAutoAttach", auto_attach())
            .await?;
        let navigated = devtools
            .call(page_session, "Page.navigate", json!({ "url": page }))
            .await?;
        if let Some(error) = navigated.get("errorText") {
            return Err(format!("Page.navigate to {page}: {error}"));
        }
        Ok(Self { devtools, state })
    }

    /// Every blocked request so far, by case.
    ///
    /// Call it once the page has reported: a round trip to each of the page's sessions
    /// first makes sure every event they sent before is in (see [`crate::devtools`]).
    /// Fails if a session stopped answering or a command the watch depends on failed.
    pub async fn errors(&self) -> Result<ByCase, String> {
        let sessions = lock(&self.state).sessions.clone();
        for session in &sessions {
            self.devtools
                .call(
                    Some(session),
                    "Runtime.evaluate",
                    json!({ "expression": "0" }),
                )
                .await
                .map_err(|e| format!("session {session}: {e}"))?;
        }
        let state = lock(&self.state);
        if state.problems.is_empty() {
            Ok(state.errors.clone())
        } else {
            Err(state.problems.join("\n"))
        }
    }
}

/// Attach to every out-of-process frame and worker the target starts, each paused until
/// [`observe`] has enabled `Network` in it.
fn auto_attach() -> Value {
    json!({ "autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true })
}

fn observe(devtools: &DevTools, state: &Shared, event: Event) {
    let params = &event.params;
    match event.method.as_str() {
        // On the browser's own session, this only echoes `CorsWatch::open`'s attach to the
        // tab, which `open` prepares itself; on a tab's session, it is a frame or worker.
        "Target.attachedToTarget" if event.session.is_some() => {
            let Some(session) = params["sessionId"].as_str() else {
                return;
            };
            lock(state).sessions.push(session.to_owned());
            // Sent in this order on one session, so `Network` is on before it runs.
            for (method, params) in [
                ("Network.enable", json!({})),
                ("Target.setAutoAttach", auto_attach()),
                ("Runtime.runIfWaitingForDebugger", json!({})),
            ] {
                let answer = devtools.send(Some(session), method, params);
                let state = state.clone();
                let what = format!("{method} in {} {session}", params_target(&event.params));
                tokio::spawn(async move {
                    if let Ok(Err(error)) = answer.await {
                        lock(&state).problems.push(format!("{what}: {error}"));
                    }
                });
            }
        }
        "Target.detachedFromTarget" => {
            if let Some(session) = params["sessionId"].as_str() {
                lock(state).sessions.retain(|s| s != session);
            }
        }
        "Network.requestWillBeSent" => {
            if let (Some(id), Some(url)) = (
                params["requestId"].as_str(),
                params["request"]["url"].as_str(),
            ) {
                lock(state)
                    .urls
                    .insert((event.session, id.to_owned()), url.to_owned());
            }
        }
        "Network.loadingFailed" => {
            let status = &params["corsErrorStatus"];
            let (Some(class), Some(id)) =
                (status["corsError"].as_str(), params["requestId"].as_str())
            else {
                return;
            };
            let mut state = lock(state);
            let url = state
                .urls
                .get(&(event.session, id.to_owned()))
                .cloned()
                .unwrap_or_default();
            let case = case_of(&url).unwrap_or(NO_CASE).to_owned();
            state.errors.entry(case).or_default().push(CorsError {
                class: class.to_owned(),
                parameter: status["failedParameter"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                url,
            });
        }
        _ => {}
    }
}

/// Adds each case's blocked requests to the page's `results` (an object by case name) as
/// `"corsErrors": [{"class": ..., "parameter": ...}]`, so that each case yields its
/// verdict and Chromium's reasons together. A case the page did not report (or
/// [`NO_CASE`]) is added with only its errors, for the test to notice.
pub fn add_to(results: &mut Value, errors: &ByCase) {
    for (case, errors) in errors {
        let listed: Vec<Value> = errors
            .iter()
            .map(|e| json!({ "class": e.class, "parameter": e.parameter }))
            .collect();
        if !results[case].is_object() {
            results[case] = json!({});
        }
        results[case]["corsErrors"] = listed.into();
    }
}

fn params_target(params: &Value) -> String {
    let info = &params["targetInfo"];
    format!(
        "{} {}",
        info["type"].as_str().unwrap_or("target"),
        info["url"].as_str().unwrap_or_default()
    )
}

/// The `case` query parameter of `url`.
pub fn case_of(url: &str) -> Option<&str> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    query.split('&').find_map(|pair| pair.strip_prefix("case="))
}

#[cfg(test)]
mod tests {
    use super::case_of;

    #[test]
    fn finds_the_case_parameter() {
        assert_eq!(case_of("http://h/p?case=a-b"), Some("a-b"));
        assert_eq!(case_of("http://h/p?then=1&case=x#f"), Some("x"));
        assert_eq!(case_of("http://h/p?scase=x"), None);
        assert_eq!(case_of("http://h/p"), None);
    }
}
