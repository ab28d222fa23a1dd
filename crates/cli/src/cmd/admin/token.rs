//! `ward admin token`: expiry parsing, finding a token by id or label, the token list.

use anyhow::bail;
use serde_json::json;
use ward_store::Store;

use super::print_json;
use crate::Global;

/// `--expires`: a duration from `now` (`90d`, `12h`, `30m`, `2w`) or an RFC 3339 date or
/// date-time; microseconds since the epoch, in the future.
pub(super) fn parse_expiry(text: &str, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<i64> {
    let bad = || {
        anyhow::anyhow!(
            "--expires {text}: expected a duration such as 90d, 12h, 30m or 2w, or an RFC 3339 \
             date such as 2027-01-31 or 2027-01-31T12:00:00Z"
        )
    };
    let text = text.trim();
    let at = if let Some(unit) = text.chars().last().filter(|c| "wdhm".contains(*c)) {
        let n: i64 = text[..text.len() - 1].parse().map_err(|_| bad())?;
        let seconds = match unit {
            'w' => 7 * 86_400,
            'd' => 86_400,
            'h' => 3_600,
            _ => 60,
        };
        let span = n
            .checked_mul(seconds)
            .and_then(chrono::Duration::try_seconds)
            .filter(|_| n > 0)
            .ok_or_else(bad)?;
        now.checked_add_signed(span).ok_or_else(bad)?
    } else if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        t.with_timezone(&chrono::Utc)
    } else {
        let day = crate::input::day(text).ok_or_else(bad)?;
        day.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc()
    };
    if at <= now {
        bail!("--expires {text}: that moment has passed");
    }
    Ok(at.timestamp_micros())
}

/// The one token that `wanted` names: its id (or a longer prefix of its hash), else its label.
pub(super) fn find_token(
    store: &dyn Store,
    wanted: &str,
) -> anyhow::Result<ward_store::TokenRecord> {
    let tokens = store.tokens()?;
    let lower = wanted.to_ascii_lowercase();
    let by_id: Vec<_> = tokens
        .iter()
        .filter(|t| lower.len() >= 8 && t.hash.starts_with(&lower))
        .collect();
    let matches = if by_id.is_empty() {
        tokens.iter().filter(|t| t.label == wanted).collect()
    } else {
        by_id
    };
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => bail!("{wanted}: no token has that id or label (see `ward admin token list`)"),
        many => bail!(
            "{wanted}: {} tokens have that label; revoke one by its id: {}",
            many.len(),
            many.iter().map(|t| t.id()).collect::<Vec<_>>().join(", ")
        ),
    }
}

pub(super) fn token_list(store: &dyn Store, global: &Global) -> anyhow::Result<()> {
    let users = store.users()?;
    let name = |id: &str| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or(id.to_string(), |u| u.name.clone())
    };
    let when = |t: Option<i64>| t.map(|t| ward_stix::Timestamp::from_micros(t).to_string());
    let tokens = store.tokens()?;
    if global.json {
        let rows: Vec<serde_json::Value> = tokens
            .iter()
            .map(|t| {
                json!({
                    "id": t.id(),
                    "user": name(&t.user_id),
                    "label": t.label,
                    "created": when(Some(t.created)),
                    "last_used": when(t.last_used),
                    "expires": when(t.expires),
                })
            })
            .collect();
        print_json(json!(rows));
    } else {
        println!("id\tuser\tlabel\tcreated\tlast used\texpires");
        for t in &tokens {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                t.id(),
                name(&t.user_id),
                t.label,
                when(Some(t.created)).unwrap_or_default(),
                when(t.last_used).unwrap_or_else(|| "never".into()),
                when(t.expires).unwrap_or_else(|| "never".into()),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_expiry;
    use chrono::TimeZone;

    #[test]
    fn expiry_is_a_duration_or_a_date() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("date");
        let day = 86_400_000_000;
        let at = |text: &str| parse_expiry(text, now).map(|t| t - now.timestamp_micros());
        assert_eq!(at("90d").unwrap(), 90 * day);
        assert_eq!(at("2w").unwrap(), 14 * day);
        assert_eq!(at("12h").unwrap(), day / 2);
        assert_eq!(at("30m").unwrap(), 30 * 60_000_000);
        assert_eq!(at("2026-01-02").unwrap(), day);
        assert_eq!(at("2026-01-01T12:00:00Z").unwrap(), day / 2);
        assert_eq!(
            at("2026-01-01T12:00:00+01:00").unwrap(),
            day / 2 - 3_600_000_000
        );
        for bad in [
            "",
            "d",
            "0d",
            "-3d",
            "90x",
            "tomorrow",
            "2025-12-31",
            "99999999999999w",
        ] {
            let err = parse_expiry(bad, now).expect_err(bad).to_string();
            assert!(err.starts_with("--expires"), "{bad}: {err}");
        }
    }
}
