//! A MISP instance's REST API, for `ward pull-misp` and the hub's MISP peers: `POST /events/restSearch` with the API
//! key in `Authorization`, `{"returnFormat": "json", "timestamp": T, "page": N, "limit": L}`
//! (and `tags` when asked), one page at a time. Each event is handed back as MISP wrote it,
//! for the MISP feed importer ([`crate::import::import_misp_events`]) to read exactly as it
//! reads a feed's event file.
//!
//! The cursor is the newest event `timestamp` (seconds) seen; MISP's `timestamp` filter
//! keeps events changed at or after it, so the next run asks only for those (the last
//! second's events again: importing them again adds nothing).

use std::path::Path;

use serde_json::{json, Value};

use crate::error::FeedsError;
use crate::net;

/// Pages asked for at most in one run (a safety stop against a server that ignores `page`).
pub const MAX_PAGES: u32 = 100_000;

/// Where a first run starts (`--since`): `7d`, `12h`, `30m` before `now`, or a day
/// (`2026-11-01`), as seconds since the epoch; `Err` says what is expected.
pub fn since_seconds(text: &str, now: i64) -> Result<i64, String> {
    let t = text.trim();
    let unit = |suffix: char, secs: i64| -> Option<i64> {
        t.strip_suffix(suffix)?
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(|n| now - n.saturating_mul(secs))
    };
    if let Some(s) = unit('d', 86_400)
        .or_else(|| unit('h', 3_600))
        .or_else(|| unit('m', 60))
    {
        return Ok(s);
    }
    if let Some(day) = ward_stix::day(t) {
        return Ok(day
            .and_hms_opt(0, 0, 0)
            .map_or(0, |d| d.and_utc().timestamp()));
    }
    Err(format!(
        "--since {text:?}: expected 7d, 12h, 30m or a date such as 2026-11-01"
    ))
}

/// A MISP instance and the key to ask it with.
pub struct MispClient {
    agent: ureq::Agent,
    search_url: String,
    key: String,
}

/// One page of `/events/restSearch`.
#[derive(Debug, Default)]
pub struct SearchPage {
    pub events: Vec<Value>,
    /// The newest event `timestamp` on the page (seconds since the epoch).
    pub newest: Option<i64>,
}

impl MispClient {
    /// `base` is the instance's address (`https://misp.example.org`); `key` its API key.
    pub fn new(base: &str, key: &str, ca_cert: Option<&Path>) -> Result<MispClient, FeedsError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(FeedsError::Http {
                url: base.to_string(),
                message: "the API key is empty (--api-key-file: the key alone on its first line)"
                    .into(),
            });
        }
        let agent = net::agent_builder(ca_cert)?
            .timeout(std::time::Duration::from_secs(120))
            .build();
        Ok(MispClient {
            agent,
            search_url: format!("{}/events/restSearch", base.trim_end_matches('/')),
            key: key.to_string(),
        })
    }

    /// One page (from 1) of the events changed at or after `since` (seconds), `limit` a page.
    pub fn search(
        &self,
        since: i64,
        tags: &[String],
        page: u32,
        limit: u32,
    ) -> Result<SearchPage, FeedsError> {
        let mut body = json!({
            "returnFormat": "json",
            "timestamp": since,
            "page": page,
            "limit": limit,
        });
        if !tags.is_empty() {
            body["tags"] = json!(tags);
        }
        let url = &self.search_url;
        let answer = self
            .agent
            .post(url)
            .set("Authorization", &self.key)
            .set("Accept", "application/json")
            .set("Content-Type", "application/json")
            .send_string(&body.to_string());
        let response = match answer {
            Ok(r) => r,
            Err(ureq::Error::Status(status, r)) => {
                let text = r.into_string().unwrap_or_default();
                let said = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .or_else(|| v.get("name"))
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
                    .unwrap_or_default();
                let message = match status {
                    401 | 403 => format!(
                        "the MISP instance refused the API key ({said}); check --api-key-file and \
                         that the key's user may use the REST API"
                    ),
                    _ => format!("the MISP instance answered an error ({said})"),
                };
                return Err(FeedsError::HttpStatus {
                    url: url.clone(),
                    status,
                    message,
                });
            }
            Err(ureq::Error::Transport(t)) => {
                let (message, _) = net::explain_transport(url, &t);
                return Err(FeedsError::Http {
                    url: url.clone(),
                    message,
                });
            }
        };
        let text = response.into_string().map_err(|e| FeedsError::Http {
            url: url.clone(),
            message: format!("reading the answer: {e}"),
        })?;
        parse_page(url, &text)
    }
}

/// Every page of a search, in order ([`MispClient::pages`]): a short page (or
/// [`MAX_PAGES`]) is the last; an error ends it after being handed over.
pub struct Pages<'a> {
    client: &'a MispClient,
    since: i64,
    tags: &'a [String],
    limit: u32,
    page: u32,
    done: bool,
}

impl Iterator for Pages<'_> {
    /// The page's number (from 1) and what it held.
    type Item = Result<(u32, SearchPage), FeedsError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.page += 1;
        let got = self
            .client
            .search(self.since, self.tags, self.page, self.limit);
        self.done = match &got {
            Ok(p) => (p.events.len() as u64) < u64::from(self.limit) || self.page >= MAX_PAGES,
            Err(_) => true,
        };
        Some(got.map(|p| (self.page, p)))
    }
}

impl MispClient {
    /// The pages of the events changed at or after `since` (seconds), `limit` a page.
    pub fn pages<'a>(&'a self, since: i64, tags: &'a [String], limit: u32) -> Pages<'a> {
        Pages {
            client: self,
            since,
            tags,
            limit: limit.max(1),
            page: 0,
            done: false,
        }
    }
}

/// An event's `timestamp` (seconds since the epoch, when it was last changed), as MISP
/// writes it (a string) or as a number; `{"Event": {...}}` or the event itself.
pub fn event_timestamp(event: &Value) -> Option<i64> {
    let event = event.get("Event").unwrap_or(event);
    event.get("timestamp").and_then(|t| {
        t.as_i64()
            .or_else(|| t.as_str().and_then(|s| s.trim().parse().ok()))
    })
}

/// A `/events/restSearch` answer: `{"response": [{"Event": {...}}, ...]}` (or the bare
/// list some versions send).
pub fn parse_page(url: &str, text: &str) -> Result<SearchPage, FeedsError> {
    let bad = |message: String| FeedsError::Http {
        url: url.to_string(),
        message: format!("expected MISP's JSON answer to /events/restSearch: {message}"),
    };
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        let start: String = text.trim_start().chars().take(40).collect();
        bad(format!("not JSON ({e}); it starts {start:?}"))
    })?;
    let list = match doc.get("response").unwrap_or(&doc) {
        Value::Array(list) => list.clone(),
        _ => return Err(bad("no `response` list of events".into())),
    };
    let mut newest: Option<i64> = None;
    for (i, e) in list.iter().enumerate() {
        let event = e.get("Event").unwrap_or(e);
        if !event.is_object() {
            return Err(bad(format!("$.response[{i}] is not an event object")));
        }
        if let Some(ts) = event_timestamp(event) {
            newest = Some(newest.map_or(ts, |n| n.max(ts)));
        }
    }
    Ok(SearchPage {
        events: list,
        newest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_read_and_bad_answers_named() {
        let p = parse_page(
            "u",
            r#"{"response":[{"Event":{"timestamp":"1700000000"}},{"Event":{"timestamp":1700000500}}]}"#,
        )
        .unwrap();
        assert_eq!(p.events.len(), 2);
        assert_eq!(p.newest, Some(1_700_000_500));
        assert!(parse_page("u", "<html>login</html>")
            .unwrap_err()
            .to_string()
            .contains("not JSON"));
        assert!(parse_page("u", r#"{"response": 3}"#).is_err());
        assert!(parse_page("u", r#"{"response": [3]}"#).is_err());
        assert_eq!(parse_page("u", "[]").unwrap().events.len(), 0);
    }

    #[test]
    fn since_takes_a_span_or_a_day() {
        let now = 1_800_000_000;
        assert_eq!(since_seconds("7d", now), Ok(now - 7 * 86_400));
        assert_eq!(since_seconds("12h", now), Ok(now - 12 * 3_600));
        assert_eq!(since_seconds("30m", now), Ok(now - 1_800));
        assert_eq!(since_seconds("2026-11-01", now), Ok(1_793_491_200));
        assert!(since_seconds("soon", now).unwrap_err().contains("--since"));
        assert!(since_seconds("-3d", now).is_err());
    }
}
