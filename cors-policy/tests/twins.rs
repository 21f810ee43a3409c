//! The layer tests send every request through both handles; this checks that each
//! builder policy they use and its `#[derive(CorsPolicy)]` twin are the same policy, so
//! that the two handles are compared on equal terms.

mod support;

#[test]
fn each_compiled_twin_is_its_builder_policy() {
    for (name, built, compiled) in support::pairs() {
        assert_eq!(&built, compiled, "{name}");
    }
}

#[test]
fn the_twins_are_distinct_so_the_lookup_finds_the_right_one() {
    let pairs = support::pairs();
    for (i, (name, built, _)) in pairs.iter().enumerate() {
        for (other, _, compiled) in &pairs[i + 1..] {
            assert_ne!(&built, compiled, "{name} and {other}");
        }
    }
}
