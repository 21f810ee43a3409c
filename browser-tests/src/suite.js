"use strict";
// Every case makes one or more cross-origin calls and records what the browser let this
// script see. Each request carries `?case=NAME` so the test can find it in the API's log.
const API = "__API_BASE__";
const PARTNER_ORIGIN = "__PARTNER_ORIGIN__";
const READ = ["content-type", "x-request-id", "x-internal-trace", "x-session-visits", "set-cookie", "vary"];

function url(path, name) {
  return API + path + (path.includes("?") ? "&" : "?") + "case=" + name;
}

function readHeaders(get) {
  const out = {};
  for (const name of READ) out[name] = get(name);
  return out;
}

async function viaFetch(path, name, init) {
  try {
    const response = await fetch(url(path, name), init || {});
    const body = await response.text();
    return { via: "fetch", outcome: "allowed", status: response.status, type: response.type,
             headers: readHeaders(n => response.headers.get(n)), body };
  } catch (error) {
    return { via: "fetch", outcome: "blocked", status: null, body: String(error) };
  }
}

function viaXhr(method, path, name, options) {
  options = options || {};
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url(path, name));
    xhr.withCredentials = !!options.withCredentials;
    for (const [n, v] of Object.entries(options.headers || {})) xhr.setRequestHeader(n, v);
    xhr.onload = () => resolve({ via: "xhr", outcome: "allowed", status: xhr.status,
      headers: readHeaders(n => xhr.getResponseHeader(n)), all: xhr.getAllResponseHeaders(), body: xhr.responseText });
    xhr.onerror = () => resolve({ via: "xhr", outcome: "blocked", status: xhr.status, body: "error event" });
    xhr.send(options.body === undefined ? null : options.body);
  });
}

// Runs two identical calls and reports both.
async function twice(call) {
  const first = await call();
  const second = await call();
  return { ...second, first: first.outcome, outcome: first.outcome === second.outcome ? second.outcome : "mixed" };
}

const JSON_HEADERS = { "Content-Type": "application/json", "X-Demo-Token": "t0ken" };

const TOP_CASES = [
  // A `*` policy.
  ["star-plain-fetch", n => viaFetch("/public", n)],
  ["star-plain-xhr", n => viaXhr("GET", "/public", n)],
  ["star-credentialed-fetch", n => viaFetch("/public", n, { credentials: "include" })],
  ["star-credentialed-xhr", n => viaXhr("GET", "/public", n, { withCredentials: true })],
  // Preflighted (a header the `*` policy does not list), credentialed.
  ["star-credentialed-preflight", n => viaFetch("/public", n, { credentials: "include", headers: { "X-Case": "1" } })],
  // An exact-origin credentialed policy. The first call sets the session cookie.
  ["session-start", n => viaFetch("/session", n, { credentials: "include" })],
  ["exact-credentialed-fetch", n => viaFetch("/session", n, { credentials: "include" })],
  ["exact-credentialed-xhr", n => viaXhr("GET", "/session", n, { withCredentials: true })],
  ["exact-uncredentialed-fetch", n => viaFetch("/session", n)],
  ["exact-uncredentialed-xhr", n => viaXhr("GET", "/session", n)],
  ["partner-only-from-page", n => viaFetch("/partner", n)],
  ["partner-only-preflight-from-page", n => viaFetch("/partner", n, { headers: { "X-Case": "1" } })],
  // Preflighted PUT with a custom header and a JSON body.
  ["preflight-put-fetch", n => viaFetch("/items/1", n, { method: "PUT", credentials: "include", headers: JSON_HEADERS, body: "{\"a\":1}" })],
  ["preflight-put-xhr", n => viaXhr("PUT", "/items/2", n, { withCredentials: true, headers: JSON_HEADERS, body: "{\"a\":2}" })],
  ["preflight-delete-xhr", n => viaXhr("DELETE", "/items/3", n, { withCredentials: true, headers: { "X-Demo-Token": "t0ken" } })],
  ["preflight-method-outside", n => viaFetch("/items/1", n, { method: "PATCH", credentials: "include", headers: JSON_HEADERS, body: "{}" })],
  ["preflight-header-outside", n => viaFetch("/items/1", n, { method: "PUT", credentials: "include", headers: { ...JSON_HEADERS, "X-Other": "1" }, body: "{}" })],
  ["preflight-header-outside-xhr", n => viaXhr("PUT", "/items/1", n, { withCredentials: true, headers: { ...JSON_HEADERS, "X-Other": "1" }, body: "{}" })],
  ["header-case", n => viaFetch("/t/mixed-case", n, { method: "PUT", headers: { "x-MIXED-case": "1" } })],
  // Methods outside the six that browsers uppercase.
  ["patch-lowercase", n => viaFetch("/t/patch", n, { method: "patch" })],
  ["patch-uppercase", n => viaFetch("/t/patch", n, { method: "PATCH" })],
  ["patch-lowercase-xhr", n => viaXhr("patch", "/t/patch", n)],
  // Handler errors.
  ["status-404-fetch", n => viaFetch("/t/status/404", n)],
  ["status-500-fetch", n => viaFetch("/t/status/500", n)],
  ["status-404-xhr", n => viaXhr("GET", "/t/status/404", n)],
  ["status-500-xhr", n => viaXhr("GET", "/t/status/500", n)],
  // The framework's own 405 (`/public` serves GET only): a POST without custom headers
  // is not preflighted, and the policy (`*`) must still be on the answer.
  ["status-405-framework", n => viaFetch("/public", n, { method: "POST" })],
  // `OPTIONS` as the request's own method: preflighted (asking for OPTIONS), then sent
  // without Access-Control-Request-Method, which the handler must get.
  ["options-not-preflight", n => viaFetch("/t/options", n, { method: "OPTIONS" })],
  // Preflight caching.
  ["cache-max-age-600", n => twice(() => viaFetch("/t/cached", n, { method: "PUT", headers: { "X-Case": "1" } }))],
  ["cache-max-age-0", n => twice(() => viaFetch("/t/uncached", n, { method: "PUT", headers: { "X-Case": "1" } }))],
  ["cache-default", n => twice(() => viaFetch("/t/default-cache", n, { method: "PUT", headers: { "X-Case": "1" } }))],
  // One cached preflight for PUT also covers a DELETE to the same URL: the cache keeps
  // the methods and headers the answer listed, not the method that was asked.
  ["cache-covers-other-method", async n => {
    const put = await viaFetch("/items/9", n, { method: "PUT", credentials: "include", headers: JSON_HEADERS, body: "{}" });
    const del = await viaFetch("/items/9", n, { method: "DELETE", credentials: "include", headers: { "X-Demo-Token": "t0ken" } });
    return { ...del, first: put.outcome, outcome: put.outcome === del.outcome ? del.outcome : "mixed" };
  }],
  // Fetch: `*` in Access-Control-Allow-Headers never covers Authorization (Chromium
  // applies it itself only with CorsNonWildcardRequestHeadersSupport; the server must).
  ["auth-star-other-header", n => viaFetch("/t/any-header", n, { method: "PUT", headers: { "X-Anything": "1" } })],
  ["auth-star-authorization", n => viaFetch("/t/any-header", n, { method: "PUT", headers: { "Authorization": "Bearer t0ken" } })],
  // A header named `*` (a valid name): echoed, it would read as the wildcard, which
  // Chromium lets cover Authorization.
  ["auth-star-named-star", n => viaFetch("/t/any-header", n, { method: "PUT", headers: { "*": "1", "Authorization": "Bearer t0ken" } })],
  // The first preflight's answer is cached (max_age = 600); it must not cover a later
  // request with Authorization.
  ["auth-star-cached-then-authorization", async n => {
    const first = await viaFetch("/t/any-header?then=1", n, { method: "PUT", headers: { "X-Case": "1" } });
    const second = await viaFetch("/t/any-header?then=1", n, { method: "PUT", headers: { "X-Case": "1", "Authorization": "Bearer t0ken" } });
    return { ...second, first: first.outcome };
  }],
  // A request without `Origin`: a no-cors GET.
  ["vary-no-origin", n => viaFetch("/session", n, { mode: "no-cors", credentials: "include" })],
];

const PARTNER_CASES = [
  ["foreign-credentialed-fetch", n => viaFetch("/session", n, { credentials: "include" })],
  ["foreign-credentialed-xhr", n => viaXhr("GET", "/session", n, { withCredentials: true })],
  ["foreign-uncredentialed-fetch", n => viaFetch("/session", n)],
  ["partner-only-from-partner", n => viaFetch("/partner", n)],
];

async function runCases(cases) {
  const results = {};
  for (const [name, run] of cases) {
    try {
      results[name] = await run(name);
    } catch (error) {
      results[name] = { outcome: "script error", body: String(error) };
    }
    results[name].origin = location.origin;
  }
  return results;
}

// The partner page runs its cases and hands the results to the top page.
async function runPartner() {
  const results = await runCases(PARTNER_CASES);
  parent.postMessage(results, "*");
}

// The top page runs its cases, then frames the partner page, then reports everything.
// With `?only=PREFIX` it runs only the top page's cases whose names start with PREFIX.
async function runTop() {
  const only = new URLSearchParams(location.search).get("only");
  if (only) {
    const results = await runCases(TOP_CASES.filter(([name]) => name.startsWith(only)));
    await fetch("/report", { method: "POST", body: JSON.stringify({ page: "suite", results }) });
    return;
  }
  const results = await runCases(TOP_CASES);
  const partner = await new Promise(resolve => {
    window.addEventListener("message", event => {
      if (event.origin === PARTNER_ORIGIN) resolve(event.data);
    });
    const frame = document.createElement("iframe");
    frame.src = PARTNER_ORIGIN + "/suite-partner";
    document.body.appendChild(frame);
  });
  Object.assign(results, partner);
  document.getElementById("log").textContent = JSON.stringify(results, null, 1);
  await fetch("/report", { method: "POST", body: JSON.stringify({ page: "suite", results }) });
}
