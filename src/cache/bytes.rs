//! Little-endian fixed-width fields, written and read back: the layout of
//! the sections castlist's own files hold. Reading is bounds-checked at
//! every step and returns [`Short`] rather than panicking, so damaged bytes
//! (which the frame's checksums nearly always catch first) are only ever an
//! error.

/// Bytes being written.
#[derive(Debug, Default)]
pub struct Enc(pub Vec<u8>);

impl Enc {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// A count or size. Counts past `u32` (4 billion articles, a 4 GB
    /// string) are beyond what anything here holds; they saturate, and
    /// reading back then fails rather than misreads.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    /// An optional string: its length plus one, 0 for none.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u32(0),
            Some(s) => {
                self.u32(u32::try_from(s.len() + 1).unwrap_or(u32::MAX));
                self.0.extend_from_slice(s.as_bytes());
            }
        }
    }
}

/// The bytes ran out, or held what they cannot (text that is not UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("damaged ({0})")]
pub struct Short(pub &'static str);

/// Bytes being read.
#[derive(Debug)]
pub struct Dec<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Dec<'a> {
    pub fn new(bytes: &'a [u8]) -> Dec<'a> {
        Dec { bytes, at: 0 }
    }
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Short> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(Short("cut short"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], Short> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8, Short> {
        Ok(self.array::<1>()?[0])
    }
    pub fn u32(&mut self) -> Result<u32, Short> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, Short> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// A count of items of at least `min_size` bytes each; one the rest of
    /// the bytes cannot hold is damage, found before anything is allocated.
    pub fn count(&mut self, min_size: usize) -> Result<usize, Short> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size.max(1)) > self.bytes.len() - self.at {
            return Err(Short("count past the end"));
        }
        Ok(n)
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], Short> {
        let n = self.count(1)?;
        self.take(n)
    }
    pub fn str(&mut self) -> Result<&'a str, Short> {
        std::str::from_utf8(self.bytes()?).map_err(|_| Short("text not UTF-8"))
    }
    pub fn opt_str(&mut self) -> Result<Option<&'a str>, Short> {
        match self.u32()? {
            0 => Ok(None),
            n => {
                let bytes = self.take(n as usize - 1)?;
                std::str::from_utf8(bytes)
                    .map(Some)
                    .map_err(|_| Short("text not UTF-8"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_back_and_running_out_is_an_error() {
        let mut e = Enc::default();
        e.u8(7);
        e.u32(70_000);
        e.u64(1 << 40);
        e.str("Kerry");
        e.opt_str(None);
        e.opt_str(Some(""));
        let mut d = Dec::new(&e.0);
        assert_eq!(d.u8(), Ok(7));
        assert_eq!(d.u32(), Ok(70_000));
        assert_eq!(d.u64(), Ok(1 << 40));
        assert_eq!(d.str(), Ok("Kerry"));
        assert_eq!(d.opt_str(), Ok(None));
        assert_eq!(d.opt_str(), Ok(Some("")));
        assert!(d.is_done());
        assert!(d.u8().is_err());
        let mut d = Dec::new(&[255, 255, 255, 255]);
        assert!(d.count(1).is_err(), "a count the bytes cannot hold");
    }
}
