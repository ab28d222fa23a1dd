//! File hash algorithms of the STIX `hash-algorithm-ov` vocabulary and their lengths.

/// The number of hex digits a hash of `algorithm` must have, when the algorithm has a fixed
/// length. Names are matched as STIX writes them (`SHA-256`), case-insensitively, and also in
/// the dash-less spellings feeds use (`sha256`).
pub fn hex_len(algorithm: &str) -> Option<usize> {
    let norm: String = algorithm
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match norm.as_str() {
        "MD5" => Some(32),
        "SHA1" => Some(40),
        "SHA224" | "SHA3224" => Some(56),
        "SHA256" | "SHA3256" => Some(64),
        "SHA384" | "SHA3384" => Some(96),
        "SHA512" | "SHA3512" => Some(128),
        _ => None,
    }
}

/// Checks a hash value against its algorithm; `Err` says what was expected.
pub fn check(algorithm: &str, value: &str) -> Result<(), String> {
    if let Some(len) = hex_len(algorithm) {
        if value.len() != len || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "{algorithm} hash must be {len} hexadecimal digits, got {} characters",
                value.chars().count()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(hex_len("SHA-256"), Some(64));
        assert_eq!(hex_len("sha256"), Some(64));
        assert_eq!(hex_len("MD5"), Some(32));
        assert_eq!(hex_len("SSDEEP"), None);
        assert!(check("MD5", "d41d8cd98f00b204e9800998ecf8427e").is_ok());
        assert!(check("MD5", "d41d8cd98f00b204e9800998ecf8427").is_err());
        assert!(check("SHA-1", "zz").is_err());
    }
}
