//! Request-level limits the HTTP library would otherwise answer itself without a TAXII
//! error body, and the draining of bodies a refusal left unread (so the refusal reaches the
//! client instead of a reset connection): a body that stops arriving (408 after `body_timeout` without a byte), a URI
//! or header block too long (414, 431). Hyper still answers some failures itself, without a
//! body, before any layer runs: request heads it cannot parse (400) and heads larger than
//! its read buffer (~400 KB, 431); the limits here are far below that, so every realistic
//! oversized request meets them first.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::Body as _;
use http_body::Frame;
use tokio::time::{Instant, Sleep};

use crate::error::TaxiiError;
use crate::AppState;

/// Longest request target accepted (414 above).
pub const MAX_URI: usize = 8 * 1024;
/// Largest header block accepted, names and values (431 above).
pub const MAX_HEADERS: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
#[error("the client sent no more of the body for {0:?}")]
struct Stalled(Duration);

/// A request body that fails once no byte of it has arrived for `limit`, and says so in
/// `stalled`. The body itself stays in a slot the layer keeps, so that what the handler
/// leaves unread can still be drained.
struct Timed {
    inner: Arc<Mutex<Option<Body>>>,
    limit: Duration,
    timer: Pin<Box<Sleep>>,
    /// Whether the body has been asked for yet: the clock starts at the first read, not when
    /// the request arrived (sign-in may take a while, and a client that sent
    /// `Expect: 100-continue` sends nothing before that first read).
    started: bool,
    stalled: Arc<AtomicBool>,
}

impl http_body::Body for Timed {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        if !this.started {
            this.started = true;
            let deadline = Instant::now() + this.limit;
            this.timer.as_mut().reset(deadline);
        }
        let mut slot = this.inner.lock().unwrap_or_else(|p| p.into_inner());
        let Some(inner) = slot.as_mut() else {
            return Poll::Ready(None);
        };
        match Pin::new(inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                let next = Instant::now() + this.limit;
                this.timer.as_mut().reset(next);
                Poll::Ready(frame)
            }
            Poll::Pending => {
                if this.timer.as_mut().poll(cx).is_ready() {
                    this.stalled.store(true, Ordering::Release);
                    return Poll::Ready(Some(Err(axum::Error::new(Stalled(this.limit)))));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        let slot = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        slot.as_ref().is_none_or(|b| b.is_end_stream())
    }

    fn size_hint(&self) -> http_body::SizeHint {
        let slot = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        slot.as_ref().map(|b| b.size_hint()).unwrap_or_default()
    }
}

/// Layer: URI and header limits (414, 431), and a body that stalls is answered 408 with
/// `Connection: close` (what remains of it may still come), whatever the handler made of
/// the failed read.
pub async fn limit_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let uri_len = request.uri().to_string().len();
    if uri_len > MAX_URI {
        return TaxiiError::new(
            StatusCode::URI_TOO_LONG,
            "URI too long",
            format!("the request target may hold at most {MAX_URI} bytes"),
        )
        .into_response();
    }
    let head: usize = request
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if head > MAX_HEADERS {
        return TaxiiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Request header fields too large",
            format!("the request's headers may hold at most {MAX_HEADERS} bytes"),
        )
        .into_response();
    }
    let stalled = Arc::new(AtomicBool::new(false));
    let limit = state.config.body_timeout;
    let expects_continue = request.headers().contains_key(header::EXPECT);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let slot = Arc::new(Mutex::new(None));
    let request = request.map(|inner| {
        *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(inner);
        Body::new(Timed {
            inner: slot.clone(),
            limit,
            timer: Box::pin(tokio::time::sleep(limit)),
            started: false,
            stalled: stalled.clone(),
        })
    });
    let mut response = next.run(request).await;
    if !stalled.load(Ordering::Acquire) {
        let unread = slot
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .filter(|b| !b.is_end_stream());
        if let Some(unread) = unread {
            // Answered before the body was read (a refusal: 401, 403, 415...). Closing with
            // the client's bytes unread makes the kernel reset the connection, which can
            // destroy the answer before the client reads it: read the rest first, within
            // the body limit and the body timeout; past them, close after the answer.
            let max = state.config.max_body as u64;
            let drained = !expects_continue
                && declared.is_none_or(|n| n <= max)
                && drain(unread, max, limit).await;
            if !drained {
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
        }
        return response;
    }
    let mut response = TaxiiError::new(
        StatusCode::REQUEST_TIMEOUT,
        "Request timeout",
        format!(
            "the body stopped arriving: no byte of it for {} s",
            limit.as_secs_f64()
        ),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Reads and discards what is left of a body: `true` once it has ended, `false` past `max`
/// bytes or when `idle` passes without a frame.
async fn drain(mut body: Body, max: u64, idle: Duration) -> bool {
    use http_body_util::BodyExt;
    let mut seen = 0u64;
    loop {
        match tokio::time::timeout(idle, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                seen += frame.data_ref().map_or(0, |d| d.len() as u64);
                if seen > max {
                    return false;
                }
            }
            Ok(None) => return true,
            Ok(Some(Err(_))) | Err(_) => return false,
        }
    }
}
