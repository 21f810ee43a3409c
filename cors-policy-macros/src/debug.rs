//! `CORS_POLICY_DEBUG=1` prints what the macros generate, for anyone wondering what a
//! policy turned into (as `AXUM_MACROS_DEBUG` does for axum-macros).

use proc_macro2::{Ident, TokenStream};

/// Returns `output`, printing it first when `CORS_POLICY_DEBUG` is set.
pub(crate) fn print(macro_name: &str, item: &Ident, output: TokenStream) -> TokenStream {
    if std::env::var_os("CORS_POLICY_DEBUG").is_some() {
        eprintln!("// expansion of {macro_name} for `{item}`\n{output}\n");
    }
    output
}
