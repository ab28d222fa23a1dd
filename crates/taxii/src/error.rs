//! The one TAXII error-body builder: every failure the server answers goes through
//! [`TaxiiError`], so every error carries the TAXII media type and an error resource.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::media::TAXII_MEDIA_TYPE;

/// A failed request, answered as a TAXII 2.1 error resource.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {title}: {description}")]
pub struct TaxiiError {
    pub status: StatusCode,
    pub title: &'static str,
    pub description: String,
    /// Sent as `WWW-Authenticate` on 401.
    pub challenge: bool,
}

impl TaxiiError {
    pub fn new(status: StatusCode, title: &'static str, description: impl Into<String>) -> Self {
        TaxiiError {
            status,
            title,
            description: description.into(),
            challenge: false,
        }
    }
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "Bad request", description)
    }
    pub fn unauthorized(description: impl Into<String>) -> Self {
        TaxiiError {
            challenge: true,
            ..Self::new(
                StatusCode::UNAUTHORIZED,
                "Authentication required",
                description,
            )
        }
    }
    pub fn forbidden(description: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "Forbidden", description)
    }
    pub fn not_found(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found", description)
    }
    pub fn internal(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            description,
        )
    }
    pub fn unavailable(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service unavailable",
            description,
        )
    }
}

impl From<ward_store::StoreError> for TaxiiError {
    fn from(e: ward_store::StoreError) -> Self {
        match e {
            ward_store::StoreError::UnknownCollection(id) => {
                TaxiiError::not_found(format!("collection {id} not found"))
            }
            // Details of the backend stay in the server's log, not in the answer.
            other => {
                eprintln!("ward serve: store error: {other}");
                TaxiiError::unavailable("the store could not answer; try again")
            }
        }
    }
}

impl IntoResponse for TaxiiError {
    fn into_response(self) -> Response {
        let body = json!({
            "title": self.title,
            "description": self.description,
            "http_status": self.status.as_u16().to_string(),
        });
        let mut response = (self.status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(TAXII_MEDIA_TYPE),
        );
        if self.challenge {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"ward\", Bearer realm=\"ward\""),
            );
        }
        response
    }
}
