//! `max_age`, the preflight cache lifetime in seconds.

use std::fmt;

/// The largest cap any browser applies to `Access-Control-Max-Age` (Firefox).
pub const MAX_AGE_LIMIT: u64 = 86_400;

/// What is wrong with `max_age`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MaxAgeProblem {
    /// Above [`MAX_AGE_LIMIT`].
    TooLarge,
}

impl fmt::Display for MaxAgeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge => write!(
                f,
                "`max_age` is above the limit of 86400 seconds (24 hours, Firefox's cap, the largest of any browser), and Chromium caps the preflight cache lower still, at 7200 seconds (2 hours): a larger value is never used, so it only misleads; write `max_age = 86400` or less"
            ),
        }
    }
}

/// Validates `max_age` and returns it as the `u32` the runtime stores.
pub fn check_max_age(seconds: u64) -> Result<u32, MaxAgeProblem> {
    if seconds > MAX_AGE_LIMIT {
        return Err(MaxAgeProblem::TooLarge);
    }
    Ok(seconds as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps() {
        assert_eq!(check_max_age(0), Ok(0));
        assert_eq!(check_max_age(86_400), Ok(86_400));
        assert_eq!(check_max_age(86_401), Err(MaxAgeProblem::TooLarge));
        assert_eq!(check_max_age(u64::MAX), Err(MaxAgeProblem::TooLarge));
    }
}
