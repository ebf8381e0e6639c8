//! The non-interactive commands, one module each: each is a library function
//! writing to a `&mut dyn Write`, so tests can run them without a process and
//! `main.rs` only parses arguments; [`gather`] reads the corpus for them
//! through the reader's background indexer ("index, then print").

pub mod actors;
pub mod articles;
pub mod cache;
pub mod cached;
pub mod gather;
pub mod graph;
pub mod mentions;
pub mod merge;
pub mod quotes;
pub mod surfaces;
pub mod tag;
pub mod timeline;

/// `n` in decimal, as `n.to_string()` writes it, into `digits` (the table
/// and the tag rows write millions of numbers: no `fmt` machinery per one).
pub(crate) fn decimal(n: u64, digits: &mut [u8; 20]) -> &str {
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&digits[i..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal_is_to_string() {
        for n in [0u64, 7, 9, 10, 99, 100, 1_234_567, u64::MAX] {
            assert_eq!(super::decimal(n, &mut [0; 20]), n.to_string());
        }
    }
}
