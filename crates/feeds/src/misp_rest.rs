//! A MISP instance's REST API, for `ward pull-misp`: `POST /events/restSearch` with the API
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
        let ts = event.get("timestamp").and_then(|t| {
            t.as_i64()
                .or_else(|| t.as_str().and_then(|s| s.trim().parse().ok()))
        });
        if let Some(ts) = ts {
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
}
