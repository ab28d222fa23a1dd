//! Connection limits below HTTP: at most `max_connections` open at once (one more is
//! answered 503 and closed at once, before it can use a file descriptor for long), and a
//! connection that moves no byte in either direction for `idle_timeout` is closed, whether
//! it never sent a request or sits idle between two. `ward watch`'s pages use the same
//! acceptor, with a page of their own for the refused client.

use std::borrow::Cow;
use std::future::{ready, Future, Ready};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// What a client over the connection limit reads before the hub closes its connection.
const BUSY: &str = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/taxii+json;version=2.1\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 105\r\n\r\n{\"title\":\"Service unavailable\",\"description\":\"the hub has too many open connections\",\"http_status\":\"503\"}";

/// The acceptor that applies the limits (an `axum_server` acceptor, under TLS when on).
#[derive(Clone)]
pub struct Limits {
    permits: Arc<Semaphore>,
    idle: Duration,
    /// Plain HTTP: a refused client can be told why in HTTP.
    plain: bool,
    /// What a refused client reads (plain HTTP only).
    busy: Cow<'static, str>,
}

impl Limits {
    /// At most `max_connections` at once, each closed after `idle` without a byte moving;
    /// `plain` (no TLS) answers a refused client with a TAXII 503 before closing.
    pub fn new(max_connections: usize, idle: Duration, plain: bool) -> Limits {
        Limits {
            permits: Arc::new(Semaphore::new(max_connections.max(1))),
            idle,
            plain,
            busy: Cow::Borrowed(BUSY),
        }
    }

    /// Answers a refused client (over plain HTTP) with a 503 carrying `body` as
    /// `content_type` instead of the TAXII error.
    pub fn busy_page(mut self, content_type: &str, body: &str) -> Limits {
        self.busy = Cow::Owned(format!(
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: {content_type}\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
        self
    }
}

impl<S> axum_server::accept::Accept<TcpStream, S> for Limits {
    type Stream = Guarded<TcpStream>;
    type Service = S;
    type Future = Ready<io::Result<(Self::Stream, S)>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        match self.permits.clone().try_acquire_owned() {
            Ok(permit) => ready(Ok((
                Guarded {
                    inner: stream,
                    idle: self.idle,
                    timer: Box::pin(tokio::time::sleep(self.idle)),
                    _permit: permit,
                },
                service,
            ))),
            Err(_) => {
                if self.plain {
                    // Best effort, without waiting: the socket buffer takes it or nothing.
                    let _ = stream.try_write(self.busy.as_bytes());
                }
                ready(Err(io::Error::other("too many open connections")))
            }
        }
    }
}

/// A stream that fails with `TimedOut` once no byte has moved for `idle`, and gives its
/// connection slot back when dropped.
pub struct Guarded<T> {
    inner: T,
    idle: Duration,
    timer: Pin<Box<Sleep>>,
    _permit: OwnedSemaphorePermit,
}

impl<T> Guarded<T> {
    fn moved(&mut self) {
        let next = Instant::now() + self.idle;
        self.timer.as_mut().reset(next);
    }

    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.timer.as_mut().poll(cx).is_ready()
    }

    /// What a write of the inner stream means for the idle clock: bytes written restart
    /// it; a client that reads nothing of the answer holds the slot no longer than one that
    /// sends nothing.
    fn wrote(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<usize>>,
    ) -> Poll<io::Result<usize>> {
        match polled {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    self.moved();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending if self.expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn idle_error() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "the connection was idle too long")
}

impl<T: AsyncRead + Unpin> AsyncRead for Guarded<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    this.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending if this.expired(cx) => Poll::Ready(Err(idle_error())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Guarded<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write(cx, data);
        this.wrote(cx, polled)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.wrote(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
