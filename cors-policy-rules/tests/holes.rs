//! The holes of issue 9 that the rules close, each pinned through the public API that
//! both the macro and `Policy::builder()` call.

use typed_cors_rules::{
    Field, ListModel, Location, PolicySpec, ProblemKind, check_allow_header, check_expose_header,
    check_origin, validate,
};

fn spec<'a>(origins: &[&'a str]) -> PolicySpec<'a> {
    PolicySpec {
        origins: Some(origins.to_vec()),
        ..PolicySpec::default()
    }
}

fn refusal(origin: &str) -> String {
    match check_origin(origin) {
        Ok(accepted) => panic!("{origin:?} accepted as {accepted:?}"),
        Err(problem) => problem.to_string(),
    }
}

/// Hole 1: a pattern is refused when any public suffix lies at or below its domain, and
/// the message names one of them.
#[test]
fn patterns_over_domains_with_public_suffixes_below_them_are_refused() {
    for (pattern, below) in [
        ("https://*.amazonaws.com", "s3.amazonaws.com"),
        ("https://*.windows.net", "windows.net"),
        ("https://*.compute.amazonaws.com", "*.compute.amazonaws.com"),
        ("https://*.sch.uk", "*.sch.uk"),
        ("https://*.kawasaki.jp", "*.kawasaki.jp"),
        ("https://*.platformsh.site", "*.platformsh.site"),
        ("https://*.city.kawasaki.jp", "!city.kawasaki.jp"),
    ] {
        let message = refusal(pattern);
        assert!(message.contains(below), "{pattern}: {message}");
        assert!(message.contains("unrelated owners"), "{pattern}: {message}");
        for credentials in [false, true] {
            let problems = validate(&PolicySpec {
                credentials,
                ..spec(&[pattern])
            })
            .unwrap_err();
            assert_eq!(problems.len(), 1, "{pattern}: {problems:?}");
            assert_eq!(problems[0].at, Location::entry(Field::Origins, 0));
        }
    }
}

/// Only patterns are refused: exact origins on such domains stay valid.
#[test]
fn exact_origins_under_public_suffixes_stay_valid() {
    for origin in [
        "https://my-bucket.s3.amazonaws.com",
        "https://amazonaws.com",
        "https://myapp.platformsh.site",
        "https://example.sch.uk",
    ] {
        assert!(check_origin(origin).is_ok(), "{origin}");
    }
    for pattern in [
        "https://*.example.com",
        "https://*.app.example.co.uk",
        "http://*.localhost",
    ] {
        assert!(check_origin(pattern).is_ok(), "{pattern}");
    }
}

/// Hole 2: empty labels, anywhere, and the trailing dot (the empty root label).
#[test]
fn empty_labels_are_refused_in_origins_and_patterns() {
    for origin in [
        "https://*..com",
        "https://*..example.com",
        "https://a..example.com",
        "https://.example.com",
        "https://*.example..com",
        "https://example.com.",
        "https://example.com.:8443",
        "https://*.example.com.",
        "https://example.com..",
    ] {
        let message = refusal(origin);
        assert!(message.contains("empty label"), "{origin}: {message}");
    }
    assert!(refusal("https://example.com.").contains("write `https://example.com`"));
    assert!(refusal("https://*.example.com.:8443").contains("write `https://*.example.com:8443`"));
}

/// Hole 3: `["*", "authorization"]` is the one mix `allow_headers` accepts.
#[test]
fn wildcard_and_authorization_is_the_one_accepted_mix() {
    for headers in [
        ["*", "authorization"],
        ["*", "Authorization"],
        ["AUTHORIZATION", "*"],
    ] {
        let valid = validate(&PolicySpec {
            allow_headers: Some(headers.to_vec()),
            ..spec(&["https://app.example.com"])
        })
        .unwrap();
        assert_eq!(
            valid.allow_headers,
            ListModel::AnyAndAuthorization,
            "{headers:?}"
        );
    }
    let credentialed = validate(&PolicySpec {
        credentials: true,
        allow_headers: Some(vec!["Authorization", "*"]),
        ..spec(&["https://app.example.com"])
    })
    .unwrap_err();
    assert_eq!(credentialed.len(), 1, "{credentialed:?}");
    assert_eq!(credentialed[0].at, Location::entry(Field::AllowHeaders, 1));
    assert_eq!(
        credentialed[0].kind,
        ProblemKind::WildcardWithCredentials(Field::AllowHeaders)
    );
    let other = validate(&PolicySpec {
        allow_headers: Some(vec!["*", "x-other"]),
        ..spec(&["https://app.example.com"])
    })
    .unwrap_err();
    assert_eq!(
        other[0].kind,
        ProblemKind::WildcardMixed(Field::AllowHeaders)
    );
    let message = other[0].to_string();
    assert!(message.contains("only `\"authorization\"`"), "{message}");
    for (field, list) in [
        (Field::Methods, ["*", "authorization"]),
        (Field::ExposeHeaders, ["*", "authorization"]),
        (Field::AllowHeaders, ["*", "*"]),
    ] {
        let mut policy = spec(&["https://app.example.com"]);
        match field {
            Field::Methods => policy.methods = Some(list.to_vec()),
            Field::ExposeHeaders => policy.expose_headers = Some(list.to_vec()),
            _ => policy.allow_headers = Some(list.to_vec()),
        }
        let problems = validate(&policy).unwrap_err();
        assert!(!problems.is_empty(), "{field:?} {list:?}");
    }
}

/// Hole 6: `Access-Control-*` names are response headers, not request headers.
#[test]
fn access_control_names_are_refused_in_header_lists() {
    for name in [
        "Access-Control-Allow-Origin",
        "access-control-allow-credentials",
        "Access-Control-Expose-Headers",
        "access-control-max-age",
        "Access-Control-Request-Method",
        "access-control-request-headers",
        "Access-Control-Anything",
    ] {
        let message = check_allow_header(name).unwrap_err().to_string();
        assert!(message.contains("response header"), "{name}: {message}");
        let message = check_expose_header(name).unwrap_err().to_string();
        assert!(message.contains("`Access-Control-*`"), "{name}: {message}");
    }
    assert!(check_allow_header("access-control").is_ok());
    assert!(check_allow_header("x-access-control-allow-origin").is_ok());
}
