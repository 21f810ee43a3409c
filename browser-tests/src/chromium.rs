//! Finding, launching and stopping Debian's Chromium, headless.
//!
//! The driver is deliberately small: Chromium is started with a fresh profile, the page
//! reports its results over HTTP to the test's own server, and the test then kills the
//! browser. [`Browser::start`] opens the page directly (the demo's screenshot test);
//! [`Browser::start_watched`] also turns the DevTools protocol on, only to record
//! Chromium's CORS error class for each blocked request ([`crate::cors_errors`]). No
//! download, nothing that depends on timing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, ChildStderr, Command};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::sync::oneshot;

use crate::cors_errors::CorsWatch;

/// The browser's stdout and stderr, in its profile directory.
const LOG_FILE: &str = "chromium.log";

/// How long Chromium may take to start listening for DevTools.
pub const START_LIMIT: Duration = Duration::from_secs(30);

/// What Chromium prints on stderr once DevTools listens, followed by the browser's
/// websocket URL. Puppeteer and Playwright wait for the same line.
const DEVTOOLS_LINE: &str = "DevTools listening on ";

/// Set to `1` (`.ci/run` does) to make a missing Chromium a test failure instead of a
/// skip. `CI=true`, which CI runners set, does the same.
pub const REQUIRE_ENV: &str = "TYPED_CORS_REQUIRE_BROWSER";
/// Set to a path to use that Chromium binary instead of searching `PATH`.
pub const PATH_ENV: &str = "TYPED_CORS_CHROMIUM";

/// How to install the browser, printed when it is missing.
pub const INSTALL_HINT: &str = "headless Chromium not found: the browser suite needs Debian's `chromium` \
package. Install it with `sudo apt-get install chromium` (or point TYPED_CORS_CHROMIUM at a Chromium \
binary), then run `cargo test -p browser-tests` again. Set TYPED_CORS_REQUIRE_BROWSER=1 to make a \
missing browser fail the tests (CI does).";

/// The switches every launch uses: headless, no sandbox (containers run as root), and
/// nothing that reaches the network on its own.
pub const BASE_ARGS: [&str; 13] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-default-browser-check",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--disable-extensions",
    "--password-store=basic",
];

/// Finds the Chromium binary: `$TYPED_CORS_CHROMIUM`, else `chromium`,
/// `chromium-browser`, `google-chrome-stable` or `google-chrome` on `PATH`.
pub fn find() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(PATH_ENV) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let dirs = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome-stable",
        "google-chrome",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&dirs).map(move |dir| dir.join(name)))
    .find(|candidate| candidate.is_file())
}

/// The Chromium to test with, or `None` after printing how to install it.
///
/// # Panics
///
/// When Chromium is missing and `TYPED_CORS_REQUIRE_BROWSER=1` or `CI=true`.
pub fn find_or_skip() -> Option<PathBuf> {
    let found = find();
    if found.is_none() {
        let required = std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1")
            || std::env::var("CI").is_ok_and(|v| v == "true");
        if required {
            panic!("{INSTALL_HINT}");
        }
        // Straight to the process's stderr, past the test harness's output capture, so
        // that the hint shows in a plain `cargo test` run.
        let _ = writeln!(std::io::stderr(), "SKIPPED: {INSTALL_HINT}");
    }
    found
}

/// A running headless Chromium with its own fresh profile. Dropping it kills the
/// browser (this process's own child, by its id) and deletes the profile.
#[derive(Debug)]
pub struct Browser {
    child: Child,
    profile: TempDir,
}

/// What to show the browser.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// The page to open.
    pub url: String,
    /// `--host-resolver-rules`, e.g. `MAP 127.0.0.1:8701 127.0.0.1:40123`.
    pub host_rules: Vec<String>,
    /// Take a screenshot to this path once the page has run, then exit.
    pub screenshot: Option<PathBuf>,
    /// `--window-size=W,H`.
    pub window_size: Option<(u32, u32)>,
    /// More command-line switches, e.g. `--enable-features=...`.
    pub extra_args: Vec<String>,
}

impl Browser {
    /// Starts `chromium` on `launch.url`.
    pub fn start(chromium: &Path, launch: &Launch) -> std::io::Result<Self> {
        Self::spawn(chromium, launch, &launch.url, false).map(|(browser, _)| browser)
    }

    /// Starts `chromium` with the DevTools protocol on, opens `launch.url` in a tab
    /// whose blocked requests are recorded, and returns both.
    ///
    /// Chromium picks a free port (`--remote-debugging-port=0`) and prints
    /// `DevTools listening on ws://...` on stderr as soon as it listens; the browser's
    /// stderr is read line by line (and copied to its log), so the wait ends on that line,
    /// or on the browser's exit (end of stderr), or after [`START_LIMIT`].
    pub async fn start_watched(
        chromium: &Path,
        launch: &Launch,
    ) -> Result<(Self, CorsWatch), String> {
        let mut switches = launch.clone();
        switches.extra_args.push("--remote-debugging-port=0".into());
        let (mut browser, stderr) = Self::spawn(chromium, &switches, "about:blank", true)
            .map_err(|e| format!("start chromium: {e}"))?;
        let stderr = stderr.ok_or("chromium's stderr was not piped")?;
        let (found, devtools_url) = oneshot::channel();
        tokio::spawn(copy_stderr(stderr, browser.log_path(), found));
        let started = tokio::time::timeout(START_LIMIT, async {
            tokio::select! {
                url = devtools_url => url.map_err(|_| "chromium's stderr ended before DevTools listened".to_owned()),
                status = browser.child.wait() => Err(format!("chromium exited before DevTools listened: {status:?}")),
            }
        })
        .await
        .unwrap_or_else(|_| Err(format!("DevTools not listening after {START_LIMIT:?}")));
        let devtools_url = match started {
            Ok(url) => url,
            Err(why) => return Err(format!("{why}\n--- chromium log:\n{}", browser.log())),
        };
        match CorsWatch::open(&devtools_url, &launch.url).await {
            Ok(watch) => Ok((browser, watch)),
            Err(e) => Err(format!("{e}\n--- chromium log:\n{}", browser.log())),
        }
    }

    fn spawn(
        chromium: &Path,
        launch: &Launch,
        url: &str,
        pipe_stderr: bool,
    ) -> std::io::Result<(Self, Option<ChildStderr>)> {
        let profile = tempfile::Builder::new()
            .prefix("cors-policy-chromium-")
            .tempdir()?;
        // Appending, so that stdout, stderr and a stderr copier never overwrite each other.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(profile.path().join(LOG_FILE))?;
        let mut command = Command::new(chromium);
        command.args(BASE_ARGS).arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ));
        if !launch.host_rules.is_empty() {
            command.arg(format!(
                "--host-resolver-rules={}",
                launch.host_rules.join(", ")
            ));
        }
        command.args(&launch.extra_args);
        if let Some((w, h)) = launch.window_size {
            command.arg(format!("--window-size={w},{h}"));
        }
        if let Some(path) = &launch.screenshot {
            // Virtual time pauses while network fetches are pending, so the page's calls
            // all finish before the budget runs out and the screenshot is taken.
            command
                .arg(format!("--screenshot={}", path.display()))
                .arg("--virtual-time-budget=20000")
                .arg("--hide-scrollbars");
        }
        command
            .arg(url)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(if pipe_stderr {
                Stdio::piped()
            } else {
                log.into()
            })
            .kill_on_drop(true);
        let mut child = command.spawn()?;
        let stderr = child.stderr.take();
        Ok((Self { child, profile }, stderr))
    }

    fn log_path(&self) -> PathBuf {
        self.profile.path().join(LOG_FILE)
    }

    /// The browser's own output so far (its stderr log), for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// Waits for the page's report, failing if the browser exits first or `limit` passes.
    pub async fn report(
        &mut self,
        reports: &mut UnboundedReceiver<String>,
        limit: Duration,
    ) -> Result<String, String> {
        let outcome = tokio::time::timeout(limit, async {
            tokio::select! {
                report = reports.recv() => report.ok_or_else(|| "report channel closed".to_owned()),
                status = self.child.wait() => Err(format!("chromium exited before the page reported: {status:?}")),
            }
        })
        .await;
        match outcome {
            Ok(Ok(report)) => Ok(report),
            Ok(Err(why)) => Err(format!("{why}\n--- chromium log:\n{}", self.log())),
            Err(_) => Err(format!(
                "no report from the page within {limit:?}\n--- chromium log:\n{}",
                self.log()
            )),
        }
    }

    /// Waits for the browser to exit by itself (as it does after `--screenshot`).
    pub async fn exit(&mut self, limit: Duration) -> Result<(), String> {
        match tokio::time::timeout(limit, self.child.wait()).await {
            Ok(Ok(status)) if status.success() => Ok(()),
            Ok(other) => Err(format!("chromium failed: {other:?}\n{}", self.log())),
            Err(_) => Err(format!(
                "chromium still running after {limit:?}\n{}",
                self.log()
            )),
        }
    }

    /// Kills the browser and waits for it.
    pub async fn stop(mut self) {
        // Already gone is fine: we only care that it is not running any more.
        let _ = self.child.kill().await;
    }
}

/// Copies Chromium's stderr to its log, line by line, and sends the DevTools websocket
/// URL as soon as it is printed. `found` is dropped unsent if stderr ends first.
async fn copy_stderr(stderr: ChildStderr, log: PathBuf, found: oneshot::Sender<String>) {
    let mut found = Some(found);
    let mut lines = BufReader::new(stderr).lines();
    let mut log = std::fs::OpenOptions::new().append(true).open(log).ok();
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(url) = line.strip_prefix(DEVTOOLS_LINE)
            && let Some(found) = found.take()
        {
            // Nobody waiting any more is fine: the start already failed or timed out.
            let _ = found.send(url.trim().to_owned());
        }
        if let Some(file) = &mut log {
            // A log line lost to a full disk must not stop the copy, or Chromium would
            // block on a full pipe.
            let _ = writeln!(file, "{line}");
        }
    }
}
