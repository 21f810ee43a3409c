//! Procedural macros of `cors-policy`. Use them through the `cors-policy` crate.
