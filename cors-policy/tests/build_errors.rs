//! `Policy::builder().build()` reports every problem, in the order of the entries (issue
//! 12): a `*` hides no other entry's problem, and the check that runs last
//! (credentialed `http` origins) does not come out last.

use typed_cors::Policy;

fn problem_places(builder: typed_cors::PolicyBuilder) -> Vec<String> {
    builder
        .build()
        .unwrap_err()
        .problems()
        .iter()
        .map(|problem| problem.at.to_string())
        .collect()
}

#[test]
fn a_wildcard_hides_no_other_entry_s_problem() {
    let places = problem_places(
        Policy::builder()
            .origins(["https://a.example/", "*", "null"])
            .allow_headers(["Content Type", "*"]),
    );
    assert_eq!(
        places,
        [
            "`origins` entry 1",
            "`origins` entry 2",
            "`origins` entry 3",
            "`allow_headers` entry 1",
            "`allow_headers` entry 2",
        ]
    );
}

#[test]
fn problems_come_in_the_order_of_the_entries() {
    let error = Policy::builder()
        .origins([
            "http://intranet.example",
            "https://a.example/",
            "http://intranet.example",
        ])
        .credentials()
        .build()
        .unwrap_err();
    let text = error.to_string();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), 3, "{error}");
    for (line, entry) in lines.iter().zip(1..) {
        assert!(
            line.starts_with(&format!("- `origins` entry {entry}")),
            "{error}"
        );
    }
    assert!(lines[0].contains("credentialed"), "{error}");
    assert!(lines[2].contains("duplicate"), "{error}");
}

#[test]
fn a_spaced_header_name_is_given_its_token() {
    let error = Policy::builder()
        .origins(["https://app.example.com"])
        .allow_headers(["Content Type"])
        .build()
        .unwrap_err();
    assert!(
        error.to_string().contains("write `content-type`"),
        "{error}"
    );
}
