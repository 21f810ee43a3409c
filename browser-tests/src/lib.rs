//! Headless-Chromium conformance suite for cors-policy.
