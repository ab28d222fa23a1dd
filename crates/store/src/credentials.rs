//! Password and token hashing, shared by every backend so that none of them ever sees a
//! secret in clear: the store keeps argon2id PHC strings for passwords and SHA-256 digests
//! for API tokens.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

use crate::StoreError;

/// Prefix of every token ward issues, so that a leaked one is recognizable in a scan.
pub const TOKEN_PREFIX: &str = "ward_";

fn random_bytes<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(buf)
}

/// Random bytes for secrets such as the cursor-signing key.
pub fn random_secret() -> Result<Vec<u8>, StoreError> {
    Ok(random_bytes::<32>()?.to_vec())
}

/// argon2id PHC string of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()?)
        .map_err(|e| StoreError::Random(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Backend(format!("hashing a password: {e}")))
}

/// A valid argon2id hash, made with [`hash_password`]'s parameters, of a password no user
/// has. Checking a password against it costs what checking a real one costs, so a sign-in
/// attempt for an unknown user, or one without a password, is as slow as a wrong password.
pub fn dummy_password_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        SaltString::encode_b64(b"ward-dummy-salt!")
            .ok()
            .and_then(|salt| {
                Argon2::default()
                    .hash_password(b"no user has this password", &salt)
                    .map(|h| h.to_string())
                    .ok()
            })
            .unwrap_or_default()
    })
}

/// Whether `password` matches `phc`; a malformed stored hash never matches.
pub fn verify_password(phc: &str, password: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A new API token: 256 random bits, shown to the operator once.
pub fn new_token() -> Result<String, StoreError> {
    Ok(format!("{TOKEN_PREFIX}{}", hex(&random_bytes::<32>()?)))
}

/// What the store keeps for a token: its SHA-256 digest in hex. Tokens carry 256 bits of
/// entropy, so a slow hash would add cost on every request without adding safety.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip_and_mismatch() {
        let phc = hash_password("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password(&phc, "correct horse"));
        assert!(!verify_password(&phc, "correct horse "));
        assert!(!verify_password("not a hash", "correct horse"));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_costs() {
        let dummy = dummy_password_hash();
        let real = hash_password("pw").unwrap();
        // Same algorithm, version and cost parameters: `$argon2id$v=19$m=..,t=..,p=..$`.
        let params = |phc: &str| phc.split('$').take(4).collect::<Vec<_>>().join("$");
        assert_eq!(params(dummy), params(&real));
        assert!(PasswordHash::new(dummy).is_ok());
        assert!(!verify_password(dummy, ""));
        assert!(!verify_password(dummy, "pw"));
    }

    #[test]
    fn tokens_are_unique_and_hash_stably() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX));
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert_eq!(token_hash(&a).len(), 64);
    }
}
