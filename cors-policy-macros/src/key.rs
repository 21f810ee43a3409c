//! The keys of `#[cors(...)]`, as one type that every stage matches exhaustively.

use syn::Path;
use syn::ext::IdentExt;
use typed_cors_rules::Field;

/// A key of `#[cors(...)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    /// A setting of the policy, spelled by the rules crate (the builder's messages use
    /// the same spelling).
    Setting(Field),
    /// `policy = Name`: another type's policy.
    Policy,
    /// `crate = "path"`: the path of a renamed `typed-cors` dependency.
    Crate,
}

impl Key {
    /// Every key, in the order the docs list them (a test checks that every setting is
    /// here).
    pub(crate) const ALL: [Self; 11] = [
        Self::Setting(Field::Origins),
        Self::Setting(Field::Credentials),
        Self::Setting(Field::Methods),
        Self::Setting(Field::AllowHeaders),
        Self::Setting(Field::ExposeHeaders),
        Self::Setting(Field::MaxAge),
        Self::Setting(Field::InsecureHttpOrigins),
        Self::Setting(Field::PrivateNetwork),
        Self::Setting(Field::RefuseDisallowed),
        Self::Policy,
        Self::Crate,
    ];

    /// The key as the user writes it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Setting(field) => field.key(),
            Self::Policy => "policy",
            Self::Crate => "crate",
        }
    }

    /// The key spelled `name`, if there is one.
    pub(crate) fn named(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.name() == name)
    }
}

/// A key as the user means it: `r#origins` is the key `origins`.
pub(crate) fn written_name(path: &Path) -> String {
    match path.get_ident() {
        Some(ident) => ident.unraw().to_string(),
        None => darling::util::path_to_string(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_listed_once_and_found_by_its_name() {
        let names = Key::ALL.map(Key::name);
        assert_eq!(
            names,
            [
                "origins",
                "credentials",
                "methods",
                "allow_headers",
                "expose_headers",
                "max_age",
                "insecure_http_origins",
                "private_network",
                "refuse_disallowed",
                "policy",
                "crate",
            ]
        );
        for field in Field::ALL {
            assert!(Key::ALL.contains(&Key::Setting(field)), "{field:?}");
        }
        for key in Key::ALL {
            assert_eq!(Key::named(key.name()), Some(key));
        }
        assert_eq!(Key::named("Origins"), None);
    }
}
