//! Stateless, signed pagination cursors (the TAXII `next` value).
//!
//! A cursor carries the position of the last version delivered (`date_added`, `id`, version)
//! plus the collection and a digest of the filters it was made for, signed with HMAC-SHA256
//! under the hub-wide key kept in the store. Any hub process sharing the store can resume it,
//! after a restart too, and a tampered or foreign cursor is refused rather than trusted.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use ward_store::Position;

/// Bytes of the HMAC kept in a cursor: 128 bits is ample against forgery and keeps URLs short.
const TAG_LEN: usize = 16;

#[derive(Serialize, Deserialize)]
struct Payload {
    c: String,
    f: String,
    d: i64,
    i: String,
    v: String,
}

/// Why a `next` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CursorError {
    #[error("next is not a cursor this hub issued")]
    Malformed,
    #[error("next was issued for another collection or other filters")]
    Mismatch,
    #[error("the cursor-signing key from the store is unusable")]
    Key,
}

/// Signs and checks cursors with the hub-wide key.
#[derive(Clone)]
pub struct CursorSigner {
    mac: Hmac<Sha256>,
}

impl CursorSigner {
    pub fn new(key: &[u8]) -> Result<CursorSigner, CursorError> {
        let mac = <Hmac<Sha256> as Mac>::new_from_slice(key).map_err(|_| CursorError::Key)?;
        Ok(CursorSigner { mac })
    }

    fn tag(&self, data: &[u8]) -> Hmac<Sha256> {
        let mut m = self.mac.clone();
        m.update(data);
        m
    }

    /// Encodes `position` for `collection` and the filter digest `filters`.
    pub fn encode(&self, collection: &str, filters: &str, position: &Position) -> String {
        let payload = Payload {
            c: collection.to_string(),
            f: filters.to_string(),
            d: position.date_added,
            i: position.id.clone(),
            v: position.version.clone(),
        };
        let json = serde_json::to_vec(&payload).unwrap_or_default();
        let tag = self.tag(&json).finalize().into_bytes();
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&json),
            URL_SAFE_NO_PAD.encode(&tag[..TAG_LEN])
        )
    }

    /// Checks the signature and that the cursor belongs to `collection` and `filters`.
    pub fn decode(
        &self,
        collection: &str,
        filters: &str,
        cursor: &str,
    ) -> Result<Position, CursorError> {
        let (body, tag) = cursor.split_once('.').ok_or(CursorError::Malformed)?;
        let json = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| CursorError::Malformed)?;
        let tag = URL_SAFE_NO_PAD
            .decode(tag)
            .map_err(|_| CursorError::Malformed)?;
        if tag.len() != TAG_LEN {
            return Err(CursorError::Malformed);
        }
        self.tag(&json)
            .verify_truncated_left(&tag)
            .map_err(|_| CursorError::Malformed)?;
        let payload: Payload = serde_json::from_slice(&json).map_err(|_| CursorError::Malformed)?;
        if payload.c != collection || payload.f != filters {
            return Err(CursorError::Mismatch);
        }
        Ok(Position {
            date_added: payload.d,
            id: payload.i,
            version: payload.v,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos() -> Position {
        Position {
            date_added: 1_700_000_000_123_456,
            id: "indicator--1".into(),
            version: "2024-01-01T00:00:00.000000000Z".into(),
        }
    }

    #[test]
    fn round_trip() {
        let k = CursorSigner::new(b"k").unwrap();
        let c = k.encode("col", "f", &pos());
        assert_eq!(k.decode("col", "f", &c), Ok(pos()));
    }

    #[test]
    fn refuses_tampering_and_misuse() {
        let k = CursorSigner::new(b"k").unwrap();
        let other = CursorSigner::new(b"other").unwrap();
        let c = k.encode("col", "f", &pos());
        assert_eq!(other.decode("col", "f", &c), Err(CursorError::Malformed));
        assert_eq!(k.decode("col2", "f", &c), Err(CursorError::Mismatch));
        assert_eq!(k.decode("col", "g", &c), Err(CursorError::Mismatch));
        let forged = k.encode(
            "col",
            "f",
            &Position {
                date_added: 0,
                ..pos()
            },
        );
        let (body, _) = forged.split_once('.').unwrap();
        let (_, tag) = c.split_once('.').unwrap();
        assert!(k.decode("col", "f", &format!("{body}.{tag}")).is_err());
        for hostile in [
            "",
            ".",
            "abc",
            "a.b.c",
            "%%%.###",
            "eyJ9.AAAA",
            &"A".repeat(10_000),
        ] {
            assert!(k.decode("col", "f", hostile).is_err(), "{hostile}");
        }
    }
}
