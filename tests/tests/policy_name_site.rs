//! The log's `policy_file` / `policy_line` (`PolicyName`) name the `#[cors(...)]`
//! attribute, as `PolicyName::line`'s docs and the README say: not the handler's name or
//! the struct below it, which doc comments and other attributes can push many lines
//! further down. Each expected line is `line!()` taken next to the attribute.

use typed_cors::{CorsPolicy, cors};

const HANDLER_CORS_LINE: u32 = line!() + 1;
#[cors(origins = ["https://app.example.com"], methods = [PUT])]
/// A doc comment between the attribute and the function,
/// over several lines,
///
/// as a real handler has.
#[allow(dead_code)]
#[inline]
// and a comment,
async fn handler_below_its_doc() {}

const MULTI_LINE_CORS_LINE: u32 = line!() + 1;
#[cors(
    origins = ["https://app.example.com"],
    credentials,
    max_age = 600,
)]
#[allow(dead_code)]
fn handler_with_a_long_attribute() {}

const DERIVE_CORS_LINE: u32 = line!() + 3;
#[derive(CorsPolicy)]
/// A named policy, its `#[cors]` helper below its doc comment.
#[cors(origins = ["https://partner.example.net"])]
/// More documentation after the helper.
#[allow(dead_code)]
struct PartnerPolicy;

/// Where `T`'s policy says it was written.
fn site<T: CorsPolicy>() -> (&'static str, u32) {
    let name = T::NAME.expect("a macro-made policy has a name");
    (name.file, name.line)
}

#[test]
fn a_handler_policy_names_the_line_of_its_cors_attribute() {
    assert_eq!(
        site::<handler_below_its_doc>(),
        (file!(), HANDLER_CORS_LINE)
    );
}

#[test]
fn an_attribute_over_several_lines_is_named_by_its_first_line() {
    assert_eq!(
        site::<handler_with_a_long_attribute>(),
        (file!(), MULTI_LINE_CORS_LINE)
    );
}

#[test]
fn a_named_policy_names_the_line_of_its_cors_helper() {
    assert_eq!(site::<PartnerPolicy>(), (file!(), DERIVE_CORS_LINE));
}
