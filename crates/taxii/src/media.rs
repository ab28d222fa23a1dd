//! TAXII 2.1 media types: what requests must ask for (`Accept`), what posts must carry
//! (`Content-Type`), checked once in a layer before any handler runs.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::TaxiiError;

/// The media type of every TAXII response, errors included.
pub const TAXII_MEDIA_TYPE: &str = "application/taxii+json;version=2.1";
/// The STIX media type a collection holds.
pub const STIX_MEDIA_TYPE: &str = "application/stix+json;version=2.1";

/// Whether one media range (`type/subtype;params`) names TAXII 2.1. Parameters other than
/// `version` (such as `q`) are ignored; a `version` other than 2.1 is refused.
fn is_taxii_21(range: &str, allow_wildcards: bool) -> bool {
    let mut parts = range.split(';').map(str::trim);
    let essence = parts.next().unwrap_or("").to_ascii_lowercase();
    let mut version_ok = true;
    for param in parts {
        if let Some((k, v)) = param.split_once('=') {
            if k.trim().eq_ignore_ascii_case("version") {
                version_ok = v.trim().trim_matches('"') == "2.1";
            }
        }
    }
    match essence.as_str() {
        "application/taxii+json" => version_ok,
        "*/*" | "application/*" => allow_wildcards,
        _ => false,
    }
}

/// `Accept` is acceptable when absent or when one of its ranges covers TAXII 2.1.
pub fn accepts_taxii(headers: &HeaderMap) -> bool {
    let values: Vec<&str> = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if values.is_empty() {
        return true;
    }
    values
        .iter()
        .flat_map(|v| v.split(','))
        .any(|range| is_taxii_21(range, true))
}

/// A posted body must be declared as TAXII 2.1 JSON.
pub fn content_is_taxii(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| is_taxii_21(v, false))
}

/// Layer: 406 for an `Accept` without TAXII 2.1, 415 for a POST whose body is not TAXII 2.1.
pub async fn check_media_types(request: Request, next: Next) -> Result<Response, TaxiiError> {
    if !accepts_taxii(request.headers()) {
        return Err(TaxiiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "Not acceptable",
            format!("the Accept header must allow {TAXII_MEDIA_TYPE}"),
        ));
    }
    if request.method() == Method::POST && !content_is_taxii(request.headers()) {
        return Err(TaxiiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            format!("the Content-Type header must be {TAXII_MEDIA_TYPE}"),
        ));
    }
    Ok(next.run(request).await)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn accept_ranges() {
        for ok in [
            "application/taxii+json;version=2.1",
            "application/taxii+json; version=2.1",
            "application/taxii+json",
            "*/*",
            "text/html, application/*;q=0.5",
        ] {
            assert!(accepts_taxii(&with(header::ACCEPT, ok)), "{ok}");
        }
        for bad in [
            "application/taxii+json;version=2.0",
            "application/json",
            "text/html",
            "application/stix+json;version=2.1",
            "",
        ] {
            assert!(!accepts_taxii(&with(header::ACCEPT, bad)), "{bad}");
        }
        assert!(accepts_taxii(&HeaderMap::new()));
    }

    #[test]
    fn content_types() {
        assert!(content_is_taxii(&with(
            header::CONTENT_TYPE,
            "application/taxii+json;version=2.1"
        )));
        assert!(!content_is_taxii(&with(
            header::CONTENT_TYPE,
            "application/json"
        )));
        assert!(!content_is_taxii(&with(header::CONTENT_TYPE, "*/*")));
        assert!(!content_is_taxii(&HeaderMap::new()));
    }
}
