//! The byte layout of the index cache: little-endian scalars and length-prefixed arrays.
//! The reader checks every length against what is left, so a truncated or corrupt cache is
//! an error (and the caller rebuilds), never a panic or a huge allocation.

use crate::error::CacheError;

#[derive(Default)]
pub struct CacheWriter {
    buf: Vec<u8>,
}

impl CacheWriter {
    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bytes(&mut self, v: &[u8]) {
        self.u64(v.len() as u64);
        self.buf.extend_from_slice(v);
    }
    pub fn str(&mut self, v: &str) {
        self.bytes(v.as_bytes());
    }
    pub fn u32s(&mut self, v: &[u32]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 8);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    pub fn u128s(&mut self, v: &[u128]) {
        self.u64(v.len() as u64);
        self.buf.reserve(v.len() * 16);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
}

pub struct CacheReader<'a> {
    buf: &'a [u8],
}

impl<'a> CacheReader<'a> {
    pub fn new(buf: &'a [u8]) -> CacheReader<'a> {
        CacheReader { buf }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CacheError> {
        if n > self.buf.len() {
            return Err(CacheError::Corrupt("truncated"));
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Ok(a)
    }

    pub fn is_at_end(&self) -> bool {
        self.buf.is_empty()
    }
    pub fn u8(&mut self) -> Result<u8, CacheError> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, CacheError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn u64(&mut self) -> Result<u64, CacheError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn len_of(&mut self, width: usize) -> Result<usize, CacheError> {
        let n = self.u64()?;
        let n = usize::try_from(n).map_err(|_| CacheError::Corrupt("length"))?;
        if n.checked_mul(width)
            .is_none_or(|bytes| bytes > self.buf.len())
        {
            return Err(CacheError::Corrupt("length beyond the end"));
        }
        Ok(n)
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], CacheError> {
        let n = self.len_of(1)?;
        self.take(n)
    }
    pub fn str(&mut self) -> Result<&'a str, CacheError> {
        std::str::from_utf8(self.bytes()?).map_err(|_| CacheError::Corrupt("text"))
    }
    pub fn u32s(&mut self) -> Result<Vec<u32>, CacheError> {
        let n = self.len_of(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    pub fn u64s(&mut self) -> Result<Vec<u64>, CacheError> {
        let n = self.len_of(8)?;
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect())
    }
    pub fn u128s(&mut self) -> Result<Vec<u128>, CacheError> {
        let n = self.len_of(16)?;
        let b = self.take(n * 16)?;
        Ok(b.chunks_exact(16)
            .map(|c| {
                let mut a = [0u8; 16];
                a.copy_from_slice(c);
                u128::from_le_bytes(a)
            })
            .collect())
    }
}
