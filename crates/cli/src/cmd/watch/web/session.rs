//! Sessions of the member's pages, and the sign-in throttle.
//!
//! A session is a cookie the pages sign (HMAC-SHA256 under a key kept in the member's store,
//! [`ward_member::watch::web::session_key`]): a random id, when it began and when it ends,
//! whether it is signed in, and a MAC over those with a digest of the password's hash.
//! Nothing of a session is kept in memory (a form's outcome waits in a signed cookie of its
//! own, an upload's preview in the store), so a session survives a restart of `ward watch`. It ends at its expiry, when the password is set, changed or removed (the MAC
//! no longer matches), when it signs out (its id is kept as ended until it would have
//! expired) or when any session signs out everywhere (every session that began by then is
//! refused).
//!
//! Wrong passwords are counted per client address and over all addresses together, with the
//! hub's throttle ([`ward_taxii::Throttle`]).

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use ward_member::watch::edl::{constant_time_eq, hex};
use ward_taxii::Throttle;

/// How long a session lasts from when it began, in microseconds.
const SESSION_MICROS: i64 = 12 * 3600 * 1_000_000;
/// Wrong passwords from one address within [`FAIL_WINDOW`] before it is answered 429 for
/// the rest of the window.
const MAX_FAILURES: u32 = 5;
/// Wrong passwords from all addresses together within [`FAIL_WINDOW`] before every sign-in
/// is answered 429 for the rest of the window.
const MAX_FAILURES_ALL: u32 = 30;
const FAIL_WINDOW: Duration = Duration::from_secs(60);

/// A session cookie whose MAC and expiry hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Claim {
    pub id: String,
    /// When it began and ends, microseconds since the epoch.
    pub issued: i64,
    pub expires: i64,
    pub signed_in: bool,
}

/// Now, in microseconds since the epoch.
pub(super) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
}

/// HMAC-SHA256 of `parts`, each prefixed with its length.
pub(super) fn mac(key: &[u8], parts: &[&[u8]]) -> String {
    let Ok(mut m) = Hmac::<Sha256>::new_from_slice(key) else {
        return String::new();
    };
    for part in parts {
        m.update(&(part.len() as u64).to_be_bytes());
        m.update(part);
    }
    hex(&m.finalize().into_bytes())
}

/// What a session's MAC covers of the password: a digest of its stored hash (none set is a
/// digest too), so setting, changing or removing it ends every session.
pub(super) fn password_digest(hash: Option<&str>) -> [u8; 32] {
    Sha256::digest(hash.unwrap_or("no password").as_bytes()).into()
}

fn session_mac(key: &[u8], password: &[u8; 32], c: &Claim) -> String {
    mac(
        key,
        &[
            b"ward watch session v1",
            c.id.as_bytes(),
            &c.issued.to_be_bytes(),
            &c.expires.to_be_bytes(),
            &[u8::from(c.signed_in)],
            password,
        ],
    )
}

/// A new session beginning `now`: its cookie value and what it claims.
pub(super) fn issue(
    key: &[u8],
    password: &[u8; 32],
    now: i64,
    signed_in: bool,
) -> anyhow::Result<(String, Claim)> {
    let claim = Claim {
        id: hex(&ward_store::credentials::random_secret()?[..16]),
        issued: now,
        expires: now.saturating_add(SESSION_MICROS),
        signed_in,
    };
    let value = format!(
        "{}.{}.{}.{}.{}",
        claim.id,
        claim.issued,
        claim.expires,
        u8::from(signed_in),
        session_mac(key, password, &claim)
    );
    Ok((value, claim))
}

/// The session a cookie value holds, when its MAC is right and it has not expired by `now`.
pub(super) fn verify(key: &[u8], password: &[u8; 32], value: &str, now: i64) -> Option<Claim> {
    let mut parts = value.split('.');
    let id = parts.next()?;
    let issued = parts.next()?.parse().ok()?;
    let expires = parts.next()?.parse().ok()?;
    let signed_in = match parts.next()? {
        "0" => false,
        "1" => true,
        _ => return None,
    };
    let given = parts.next()?;
    if parts.next().is_some() || id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let claim = Claim {
        id: id.to_string(),
        issued,
        expires,
        signed_in,
    };
    let expected = session_mac(key, password, &claim);
    (constant_time_eq(expected.as_bytes(), given.as_bytes()) && now < expires).then_some(claim)
}

/// Failed sign-ins counted per client address, under a ceiling over all addresses.
pub(super) struct SignInThrottle {
    per_address: Throttle,
    overall: Throttle,
}

const ALL: &str = "all addresses";

fn address_key(address: Option<IpAddr>) -> [String; 1] {
    [match address {
        Some(ip) => format!("address {ip}"),
        None => "address unknown".into(),
    }]
}

impl SignInThrottle {
    pub(super) fn new() -> SignInThrottle {
        Self::with_limits(MAX_FAILURES, MAX_FAILURES_ALL, FAIL_WINDOW)
    }

    fn with_limits(per_address: u32, overall: u32, window: Duration) -> SignInThrottle {
        SignInThrottle {
            per_address: Throttle::new(per_address, window),
            overall: Throttle::new(overall, window),
        }
    }

    /// Admits one sign-in attempt from `address`, counted as a failure until
    /// [`SignInThrottle::succeeded`] takes it back; or how long it must wait.
    pub(super) fn begin(&self, address: Option<IpAddr>) -> Result<(), Duration> {
        let key = address_key(address);
        self.per_address.begin(&key)?;
        if let Err(wait) = self.overall.begin(&[ALL.to_string()]) {
            self.per_address.succeeded(&key);
            return Err(wait);
        }
        Ok(())
    }

    /// Takes back the count of an attempt that did not fail.
    pub(super) fn succeeded(&self, address: Option<IpAddr>) {
        self.per_address.succeeded(&address_key(address));
        self.overall.succeeded(&[ALL.to_string()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_holds_only_under_its_key_and_password_until_it_expires() {
        let key = [7u8; 32];
        let pw = password_digest(Some("$argon2id$one"));
        let (value, claim) = issue(&key, &pw, 1_000, true).unwrap();
        assert_eq!(verify(&key, &pw, &value, 2_000), Some(claim.clone()));
        assert_eq!(claim.expires, 1_000 + SESSION_MICROS);
        // Expired; another key; another password (or none); a claim changed by hand.
        assert_eq!(verify(&key, &pw, &value, claim.expires), None);
        assert_eq!(verify(&[8u8; 32], &pw, &value, 2_000), None);
        let other = password_digest(Some("$argon2id$two"));
        assert_eq!(verify(&key, &other, &value, 2_000), None);
        assert_eq!(verify(&key, &password_digest(None), &value, 2_000), None);
        let mut parts: Vec<&str> = value.split('.').collect();
        parts[3] = "0";
        assert_eq!(verify(&key, &pw, &parts.join("."), 2_000), None);
        let stretched = value.replace(&claim.expires.to_string(), &i64::MAX.to_string());
        assert_eq!(verify(&key, &pw, &stretched, 2_000), None);
        // Two sessions never share an id.
        let (_, again) = issue(&key, &pw, 1_000, true).unwrap();
        assert_ne!(again.id, claim.id);
        for bad in [
            "",
            "a.b",
            ".....",
            "zz.1.2.1.m",
            "ab.1.2.2.m",
            "ab.x.2.1.m",
            "ab.1.2.1.m.x",
        ] {
            assert_eq!(verify(&key, &pw, bad, 2_000), None, "{bad}");
        }
    }

    #[test]
    fn wrong_passwords_are_counted_per_address_under_a_ceiling_for_all() {
        let t = SignInThrottle::with_limits(3, 5, Duration::from_secs(600));
        let a = Some(IpAddr::from([192, 0, 2, 1]));
        let b = Some(IpAddr::from([192, 0, 2, 2]));
        for _ in 0..3 {
            assert!(t.begin(a).is_ok());
        }
        let wait = t.begin(a).expect_err("a is blocked");
        assert!(wait > Duration::from_secs(500));
        // Another address is not blocked by a's failures...
        assert!(t.begin(b).is_ok());
        // ...and an attempt that did not fail gives its count back.
        t.succeeded(b);
        assert!(t.begin(b).is_ok());
        assert!(t.begin(b).is_ok());
        // Five failures in all: every address waits, one never seen before too.
        assert!(t.begin(b).is_err(), "the ceiling over all addresses");
        assert!(t.begin(Some(IpAddr::from([192, 0, 2, 3]))).is_err());
        assert!(t.begin(None).is_err());
        // A window that has ended blocks nothing.
        let t = SignInThrottle::with_limits(1, 1, Duration::ZERO);
        assert!(t.begin(a).is_ok());
        assert!(t.begin(a).is_ok());
    }
}
