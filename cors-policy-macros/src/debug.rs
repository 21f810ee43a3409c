//! `TYPED_CORS_DEBUG=1` prints what the macros generate, for anyone wondering what a
//! policy turned into (as `AXUM_MACROS_DEBUG` does for axum-macros).

use proc_macro2::{Ident, TokenStream};

/// Returns `output`, printing it first when `TYPED_CORS_DEBUG` is set. Formatting is
/// done only then: the normal expansion pays for one environment look-up.
pub(crate) fn print(macro_name: &str, item: &Ident, output: TokenStream) -> TokenStream {
    if std::env::var_os("TYPED_CORS_DEBUG").is_some() {
        eprintln!(
            "// expansion of {macro_name} for `{item}`\n{}",
            formatted(&output)
        );
    }
    output
}

/// The items as rustfmt would roughly lay them out; the raw tokens if they do not parse
/// as items (they always should: they are about to be compiled).
fn formatted(output: &TokenStream) -> String {
    match syn::parse2::<syn::File>(output.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => format!("{output}\n"),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn items_are_printed_one_per_line_and_indented() {
        let text = super::formatted(&quote! {
            struct handler {} impl Trait for handler { const A: u8 = 1; }
        });
        assert_eq!(
            text,
            "struct handler {}\nimpl Trait for handler {\n    const A: u8 = 1;\n}\n"
        );
    }
}
