//! Equality of the short byte strings on the request path (origins, methods, header
//! names), shared by the origin table and the runtime.

/// `a == b`, compared a word at a time inline: for strings of a few dozen bytes this
/// beats the call to `memcmp` that slice equality makes.
#[inline]
pub fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let word =
        |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().expect("eight bytes"));
    // 8 to 16 bytes (most header names) first, in one comparison of the length: two
    // overlapping words, no loop.
    if len.wrapping_sub(8) <= 8 {
        return word(a, 0) == word(b, 0) && word(a, len - 8) == word(b, len - 8);
    }
    if len < 8 {
        return short_eq(a, b);
    }
    // Up to 24 bytes (short origins): three words.
    if len <= 24 {
        return word(a, 0) == word(b, 0)
            && word(a, 8) == word(b, 8)
            && word(a, len - 8) == word(b, len - 8);
    }
    words_eq(a, b)
}

/// [`bytes_eq`] without the cases by length: the words in a loop. For the origin table,
/// whose origins are usually longer than the cases (measured: the cases cost the
/// 1,000-origin look-up 8 instructions).
#[inline]
pub(crate) fn words_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        return short_eq(a, b);
    }
    let word =
        |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().expect("eight bytes"));
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last word overlaps the previous one unless the length is a multiple of eight.
    word(a, len - 8) == word(b, len - 8)
}

/// [`bytes_eq`] for two strings of the same length below eight (methods, short header
/// names): two overlapping loads of each instead of a loop over the bytes.
#[inline(always)]
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    debug_assert!(len == b.len() && len < 8);
    let four = |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().expect("four"));
    let two = |s: &[u8], at: usize| u16::from_ne_bytes(s[at..at + 2].try_into().expect("two"));
    match len {
        4.. => four(a, 0) == four(b, 0) && four(a, len - 4) == four(b, len - 4),
        2.. => two(a, 0) == two(b, 0) && two(a, len - 2) == two(b, len - 2),
        1 => a[0] == b[0],
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_slice_equality() {
        let samples: [&[u8]; 10] = [
            b"",
            b"a",
            b"abcdefg",
            b"abcdefgh",
            b"abcdefgi",
            b"abcdefghi",
            b"abcdefghj",
            b"https://app.example.com",
            b"https://app.example.con",
            b"https://app.example.co",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(bytes_eq(a, b), a == b, "{a:?} {b:?}");
                assert_eq!(words_eq(a, b), a == b, "{a:?} {b:?}");
            }
        }
        // Every single-byte difference at every position of every length up to 40.
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).collect();
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!bytes_eq(&a, &b), "len {len}, at {at}");
                assert!(!words_eq(&a, &b), "len {len}, at {at}");
            }
            assert!(bytes_eq(&a, &a.clone()));
            assert!(words_eq(&a, &a.clone()));
        }
    }
}
