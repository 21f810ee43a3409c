"use strict";
// Issue 11: one path, three handlers, three policies (see `per_method.rs`). Loaded after
// `suite.js`, whose helpers it uses.
const PM = "/t/per-method";
const ONE = "/t/one-policy";
// On actix-web, the route-macro form (`#[cors]` above `#[put]`); on axum, PM again.
const PMM = "/t/per-method-macros";
// PUT under a policy that allows no request header (its answer stays cached), DELETE
// under another: on actix-web a resource per method, and the route-macro form at PMBM;
// on axum, the per-method router at both.
const PMB = "/t/per-method-bare";
const PMBM = "/t/per-method-bare-macros";
const PM_JSON = { "Content-Type": "application/json" };

// A PUT, then a DELETE to the same URL. On PM and PMM the PUT's answer (max_age = 600)
// allows content-type beside a GET with another policy, so it says Max-Age: 0 and the
// DELETE is preflighted whatever it lists; on ONE (the control) it is cached.
async function putThenDelete(path, n) {
  const put = await viaFetch(path, n, { method: "PUT", credentials: "include", headers: PM_JSON, body: "{}" });
  const del = await viaFetch(path, n, { method: "DELETE", credentials: "include" });
  return { ...del, first: put.outcome };
}

// Two PUTs carrying no request header (the second must use the first's cached answer),
// then a DELETE to the same URL: only a narrowed Access-Control-Allow-Methods keeps the
// cached PUT answer from covering the DELETE.
async function putTwiceThenDelete(path, n) {
  const put = await viaFetch(path, n, { method: "PUT", credentials: "include", body: "{}" });
  const again = await viaFetch(path, n, { method: "PUT", credentials: "include", body: "{}" });
  const del = await viaFetch(path, n, { method: "DELETE", credentials: "include" });
  return { ...del, first: put.outcome, second: again.outcome };
}

// The same PUT, then a GET carrying the header that PUT's answer allowed
// (`Content-Type: application/json`): a browser reuses a cached answer's header names for
// every method, and a GET needs nothing else, so unless PUT's answer went uncached the
// GET skips its own preflight and reaches the GET handler, whose policy allows no
// request header.
async function putThenGetWithHeader(path, n) {
  const put = await viaFetch(path, n, { method: "PUT", credentials: "include", headers: PM_JSON, body: "{}" });
  const get = await viaFetch(path, n, { headers: PM_JSON });
  return { ...get, first: put.outcome };
}

const PER_METHOD_TOP_CASES = [
  ["pm-get", n => viaFetch(PM, n)],
  ["pm-get-credentialed", n => viaFetch(PM, n, { credentials: "include" })],
  ["pm-put", n => viaFetch(PM, n, { method: "PUT", credentials: "include", headers: PM_JSON, body: "{}" })],
  ["pm-delete", n => viaFetch(PM, n, { method: "DELETE" })],
  ["pm-patch", n => viaFetch(PM, n, { method: "PATCH" })],
  ["pm-cache-put-then-delete", n => putThenDelete(PM, n)],
  ["pmm-put", n => viaFetch(PMM, n, { method: "PUT", credentials: "include", headers: PM_JSON, body: "{}" })],
  ["pmm-cache-put-then-delete", n => putThenDelete(PMM, n)],
  ["pmb-cache-put-then-delete", n => putTwiceThenDelete(PMB, n)],
  ["pmbm-cache-put-then-delete", n => putTwiceThenDelete(PMBM, n)],
  ["pm-cache-put-then-get-with-header", n => putThenGetWithHeader(PM, n)],
  ["pmm-cache-put-then-get-with-header", n => putThenGetWithHeader(PMM, n)],
  // The control: the same handlers under one policy (PUT's), the wiring the per-method
  // router replaces.
  ["one-policy-cache-put-then-delete", n => putThenDelete(ONE, n)],
];

const PER_METHOD_PARTNER_CASES = [
  ["pm-get-from-partner", n => viaFetch(PM, n)],
  ["pm-put-from-partner", n => viaFetch(PM, n, { method: "PUT", headers: PM_JSON, body: "{}" })],
  ["pm-delete-from-partner", n => viaFetch(PM, n, { method: "DELETE" })],
  ["pmm-delete-from-partner", n => viaFetch(PMM, n, { method: "DELETE" })],
];

async function runPerMethodPartner() {
  parent.postMessage(await runCases(PER_METHOD_PARTNER_CASES), "*");
}

async function runPerMethodTop() {
  const results = await runCases(PER_METHOD_TOP_CASES);
  const partner = await new Promise(resolve => {
    window.addEventListener("message", event => {
      if (event.origin === PARTNER_ORIGIN) resolve(event.data);
    });
    const frame = document.createElement("iframe");
    frame.src = PARTNER_ORIGIN + "/per-method-partner";
    document.body.appendChild(frame);
  });
  Object.assign(results, partner);
  document.getElementById("log").textContent = JSON.stringify(results, null, 1);
  await fetch("/report", { method: "POST", body: JSON.stringify({ page: "per-method", results }) });
}
