//! `ward watch`'s syslog receiver: the `[[syslog]]` listeners of `watch.toml` (UDP, TCP,
//! TLS) on plain threads, feeding the main loop through one bounded queue. Each message is
//! read by `ward-member` (`watch::syslog`) and written back as the line rsyslog would have
//! put in a file; the main loop matches those lines with `ward scan`'s own readers, the
//! format told per line, so firewall messages alert as they do in a firewall's log file.
//!
//! Bounds, so a flood costs time, never unbounded memory: at most [`MAX_CONNECTIONS`] TCP or
//! TLS connections (later ones are closed at once and counted), each closed after
//! [`IDLE_TIMEOUT`] without a byte; the queue holds at most [`QUEUE_MESSAGES`] messages and
//! [`QUEUE_BYTES`] of them. A TCP sender then waits (its connection is not read, so TCP
//! slows it down); a UDP datagram that finds the queue full is dropped and counted.

use std::fs::File;
use std::io::Read;
use std::net::{IpAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use ward_detect::{CollectSink, IndicatorIndex, LogFormat, ScanOptions, Scanner};
use ward_member::watch::syslog::{
    parse, trim_frame, Frame, Framer, SyslogListen, Transport, MAX_MESSAGE,
};

use super::udp_buffer::{self, enlarge, kernel_drops, Granted};
use super::{alert_once, sleep_unless_stopped, Health};

/// Open TCP and TLS connections at most, over all listeners: a forwarder keeps one open,
/// so this is room for dozens of senders, and a connection flood stops here.
pub const MAX_CONNECTIONS: usize = 64;
/// A connection silent this long is closed; a forwarder reconnects when it has more.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(300);
/// A TLS client has this long to finish its handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Messages waiting for the main loop, at most.
pub const QUEUE_MESSAGES: usize = 16_384;
/// Bytes of messages waiting for the main loop, at most.
pub const QUEUE_BYTES: usize = 32 << 20;
/// Messages matched per loop turn at most, so the followed files get their turn too.
const MAX_BATCH: usize = 50_000;

/// What one listener saw, for `/healthz`.
pub struct Counts {
    /// `udp://addr`, the address bound.
    pub listen: String,
    pub received: AtomicU64,
    /// Not matched: the queue was full (UDP), or bytes that were not a frame (TCP).
    pub dropped: AtomicU64,
    /// Longer than 64 KiB: the start was matched, the rest skipped.
    pub too_long: AtomicU64,
    /// Connections refused because [`MAX_CONNECTIONS`] were open.
    pub refused: AtomicU64,
    /// A UDP listener's receive buffer and the inode that finds the kernel's drops.
    pub udp: Option<Granted>,
}

impl Counts {
    fn new(listen: String, udp: Option<Granted>) -> Counts {
        Counts {
            listen,
            udp,
            received: AtomicU64::new(0),
            dropped: AtomicU64::new(0),
            too_long: AtomicU64::new(0),
            refused: AtomicU64::new(0),
        }
    }

    /// Datagrams the kernel dropped before ward read them (UDP on Linux), else `None`.
    pub fn kernel_dropped(&self) -> Option<u64> {
        self.udp.and_then(|g| g.inode).and_then(kernel_drops)
    }
}

/// A message ready to be matched: the file line, where it came from.
struct Received {
    listener: usize,
    /// The message's number on its listener (1 for the first), the alert's `line`.
    seq: u64,
    from: IpAddr,
    line: String,
}

/// The listeners' side of the queue.
#[derive(Clone)]
struct Queue {
    tx: SyncSender<Received>,
    bytes: Arc<AtomicUsize>,
}

impl Queue {
    /// Queues a message unless the queue is full (UDP: the sender cannot be slowed).
    fn offer(&self, r: Received) -> bool {
        let len = r.line.len();
        if self.bytes.load(Ordering::Relaxed) + len > QUEUE_BYTES {
            return false;
        }
        self.bytes.fetch_add(len, Ordering::Relaxed);
        match self.tx.try_send(r) {
            Ok(()) => true,
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.bytes.fetch_sub(len, Ordering::Relaxed);
                false
            }
        }
    }

    /// Queues a message, waiting for room (TCP: while it waits, its connection is not read).
    fn put(&self, r: Received) -> bool {
        let len = r.line.len();
        while self.bytes.load(Ordering::Relaxed) + len > QUEUE_BYTES {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.bytes.fetch_add(len, Ordering::Relaxed);
        self.tx.send(r).is_ok()
    }
}

/// The main loop's side: the listeners' counts and the queue to drain.
pub struct Syslog {
    rx: Option<Receiver<Received>>,
    bytes: Arc<AtomicUsize>,
    pending: Vec<Received>,
    pub counts: Vec<Arc<Counts>>,
}

/// Binds every `[[syslog]]` listener and starts its thread. The bound addresses are said
/// on standard error (`watch: syslog on udp://127.0.0.1:5514`).
pub fn start(listeners: &[SyslogListen]) -> anyhow::Result<Syslog> {
    let (tx, rx) = mpsc::sync_channel(QUEUE_MESSAGES);
    let bytes = Arc::new(AtomicUsize::new(0));
    let queue = Queue {
        tx,
        bytes: bytes.clone(),
    };
    let active = Arc::new(AtomicUsize::new(0));
    let mut counts = Vec::new();
    for (n, l) in listeners.iter().enumerate() {
        let cannot = || format!("syslog[{n}].listen: cannot listen on {}", l.url(l.addr));
        let mut granted = None;
        let (bound, thread): (_, Box<dyn FnOnce(Arc<Counts>) + Send>) = match &l.transport {
            Transport::Udp => {
                let socket = UdpSocket::bind(l.addr).with_context(cannot)?;
                let bound = socket.local_addr().with_context(cannot)?;
                granted = Some(enlarge(&socket));
                let queue = queue.clone();
                (bound, Box::new(move |c| serve_udp(&socket, n, &c, &queue)))
            }
            Transport::Tcp | Transport::Tls { .. } => {
                let tls = match &l.transport {
                    Transport::Tls { cert, key } => Some(tls_config(n, cert, key)?),
                    _ => None,
                };
                let listener = TcpListener::bind(l.addr).with_context(cannot)?;
                let bound = listener.local_addr().with_context(cannot)?;
                let (queue, active) = (queue.clone(), active.clone());
                (
                    bound,
                    Box::new(move |c| serve_tcp(&listener, n, &c, &queue, tls, &active)),
                )
            }
        };
        let c = Arc::new(Counts::new(l.url(bound), granted));
        say!("watch: syslog on {}", c.listen);
        if let Some(bytes) = granted.and_then(|g| g.bytes) {
            // Linux reports twice what a socket may queue; half is the kernel's bookkeeping.
            if bytes < udp_buffer::WANTED {
                say!(
                    "watch: syslog on {}: the receive buffer is {} KiB, not the {} MiB asked, so a burst of UDP messages may be lost before ward reads it (counted as kernel_dropped); raise the cap with `sysctl -w net.core.rmem_max={}`, or run with CAP_NET_ADMIN",
                    c.listen,
                    bytes / 1024,
                    udp_buffer::WANTED >> 20,
                    udp_buffer::WANTED
                );
            }
        }
        counts.push(c.clone());
        std::thread::Builder::new()
            .name(format!("syslog-{n}"))
            .spawn(move || thread(c))
            .context("starting a syslog listener")?;
    }
    Ok(Syslog {
        rx: (!listeners.is_empty()).then_some(rx),
        bytes,
        pending: Vec::new(),
        counts,
    })
}

/// The server side of TLS from the PEM files, with ring as the rest of ward uses.
fn tls_config(n: usize, cert: &Path, key: &Path) -> anyhow::Result<Arc<rustls::ServerConfig>> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs = CertificateDer::pem_file_iter(cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            anyhow::anyhow!(
                "syslog[{n}].tls_cert: {}: {e}; expected a PEM certificate chain \
                 (-----BEGIN CERTIFICATE-----)",
                cert.display()
            )
        })?;
    if certs.is_empty() {
        anyhow::bail!(
            "syslog[{n}].tls_cert: {}: no certificate in it; expected a PEM certificate chain \
             (-----BEGIN CERTIFICATE-----)",
            cert.display()
        );
    }
    let private = PrivateKeyDer::from_pem_file(key).map_err(|e| {
        anyhow::anyhow!(
            "syslog[{n}].tls_key: {}: {e}; expected a PEM private key (-----BEGIN PRIVATE KEY-----)",
            key.display()
        )
    })?;
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .context("TLS")?
    .with_no_client_auth()
    .with_single_cert(certs, private)
    .map_err(|e| {
        anyhow::anyhow!(
            "syslog[{n}]: {} and {} do not make a usable certificate and key: {e}",
            cert.display(),
            key.display()
        )
    })?;
    Ok(Arc::new(config))
}

/// Reads the TLS listeners' certificate and key, so `--check-config` names a wrong file
/// before the service is started with it.
pub fn check_files(listeners: &[SyslogListen]) -> anyhow::Result<()> {
    for (n, l) in listeners.iter().enumerate() {
        if let Transport::Tls { cert, key } = &l.transport {
            tls_config(n, cert, key)?;
        }
    }
    Ok(())
}

/// What `--check-config` says of the listeners.
pub fn print_config(listeners: &[SyslogListen]) {
    for l in listeners {
        match &l.transport {
            Transport::Tls { cert, .. } => println!(
                "  syslog on {} (certificate {})",
                l.url(l.addr),
                cert.display()
            ),
            _ => println!("  syslog on {}", l.url(l.addr)),
        }
    }
}

/// One message per datagram.
fn serve_udp(socket: &UdpSocket, n: usize, counts: &Counts, queue: &Queue) {
    // The largest UDP payload fits; a longer message cannot arrive by UDP.
    let mut buf = vec![0u8; 65_536];
    loop {
        let (len, peer) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            Err(_) => {
                // An ICMP error reported on the socket, or no buffers: try again shortly.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let bytes = trim_frame(buf.get(..len).unwrap_or_default());
        if bytes.is_empty() {
            continue;
        }
        let (bytes, cut) = match bytes.get(..MAX_MESSAGE) {
            Some(b) if bytes.len() > MAX_MESSAGE => (b, true),
            _ => (bytes, false),
        };
        let r = received(n, counts, peer.ip(), bytes, cut);
        if !queue.offer(r) {
            counts.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Reads one message and counts it.
fn received(n: usize, counts: &Counts, from: IpAddr, bytes: &[u8], cut: bool) -> Received {
    let seq = counts.received.fetch_add(1, Ordering::Relaxed) + 1;
    if cut {
        counts.too_long.fetch_add(1, Ordering::Relaxed);
    }
    let now = chrono::Utc::now().naive_utc();
    Received {
        listener: n,
        seq,
        from,
        line: parse(bytes).file_line(&from.to_string(), now),
    }
}

/// Accepts connections, one thread each, at most [`MAX_CONNECTIONS`] open.
fn serve_tcp(
    listener: &TcpListener,
    n: usize,
    counts: &Arc<Counts>,
    queue: &Queue,
    tls: Option<Arc<rustls::ServerConfig>>,
    active: &Arc<AtomicUsize>,
) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, most likely: wait rather than spin.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            counts.refused.fetch_add(1, Ordering::Relaxed);
            continue; // dropped: closed at once
        }
        let (mine, queue, tls, done) = (counts.clone(), queue.clone(), tls.clone(), active.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("syslog-{n}-conn"))
            .spawn(move || {
                let _ = read_connection(stream, n, &mine, &queue, tls);
                done.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            active.fetch_sub(1, Ordering::SeqCst);
            counts.refused.fetch_add(1, Ordering::Relaxed);
        }
    }
}

fn read_connection(
    mut stream: TcpStream,
    n: usize,
    counts: &Counts,
    queue: &Queue,
    tls: Option<Arc<rustls::ServerConfig>>,
) -> std::io::Result<()> {
    let from = stream.peer_addr()?.ip();
    match tls {
        None => {
            stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
            read_frames(stream, n, from, counts, queue)
        }
        Some(config) => {
            let mut conn = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
            stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT))?;
            let started = Instant::now();
            while conn.is_handshaking() {
                conn.complete_io(&mut stream)?;
                if started.elapsed() > HANDSHAKE_TIMEOUT {
                    return Ok(());
                }
            }
            stream.set_read_timeout(Some(IDLE_TIMEOUT))?;
            read_frames(
                rustls::StreamOwned::new(conn, stream),
                n,
                from,
                counts,
                queue,
            )
        }
    }
}

/// Splits a stream into messages and queues them until the sender closes, stays silent
/// past the idle timeout, or breaks the connection.
fn read_frames(
    mut input: impl Read,
    n: usize,
    from: IpAddr,
    counts: &Counts,
    queue: &Queue,
) -> std::io::Result<()> {
    let mut framer = Framer::new(MAX_MESSAGE);
    let mut buf = vec![0u8; 16 << 10];
    let mut frames = Vec::new();
    let mut open = true;
    while open {
        match input.read(&mut buf) {
            Ok(0) => open = false,
            Ok(len) => framer.push(buf.get(..len).unwrap_or_default(), &mut frames),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => open = false,
        }
        if !open {
            framer.finish(&mut frames);
        }
        for frame in frames.drain(..) {
            match frame {
                Frame::Message { bytes, cut } => {
                    if trim_frame(&bytes).is_empty() {
                        continue;
                    }
                    let r = received(n, counts, from, &bytes, cut);
                    if !queue.put(r) {
                        return Ok(());
                    }
                }
                Frame::Garbage => {
                    counts.dropped.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
    Ok(())
}

impl Syslog {
    /// Sleeps `total` like the loop's own pause, but returns as soon as a message arrives,
    /// so a message is matched within moments rather than at the next poll.
    pub fn wait(&mut self, total: Duration, stop: &AtomicBool) {
        let Some(rx) = &self.rx else {
            sleep_unless_stopped(total, stop);
            return;
        };
        if !self.pending.is_empty() {
            return;
        }
        let until = Instant::now() + total;
        while !stop.load(Ordering::SeqCst) {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            match rx.recv_timeout(left.min(Duration::from_millis(50))) {
                Ok(r) => {
                    self.bytes.fetch_sub(r.line.len(), Ordering::Relaxed);
                    self.pending.push(r);
                    return;
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    sleep_unless_stopped(left, stop);
                    return;
                }
            }
        }
    }

    /// Matches what arrived since the last turn and writes its alerts, de-duplicated with
    /// the followed files' (the same machine and indicator alert once an hour).
    pub fn process(
        &mut self,
        index: &IndicatorIndex,
        alerts: &mut File,
        dedup: &mut super::dedup::Dedup,
        health: &Health,
    ) -> anyhow::Result<()> {
        let Some(rx) = &self.rx else {
            return Ok(());
        };
        let mut batch = std::mem::take(&mut self.pending);
        while batch.len() < MAX_BATCH {
            let Ok(r) = rx.try_recv() else { break };
            self.bytes.fetch_sub(r.line.len(), Ordering::Relaxed);
            batch.push(r);
        }
        if batch.is_empty() {
            return Ok(());
        }
        let mut found = Vec::new();
        for (format, members) in by_format(&batch) {
            let options = ScanOptions {
                threads: 1,
                format: Some(format),
                ..ScanOptions::default()
            };
            let mut input = Vec::new();
            for &i in &members {
                if let Some(r) = batch.get(i) {
                    input.extend_from_slice(r.line.as_bytes());
                    input.push(b'\n');
                }
            }
            let mut sink = CollectSink::default();
            let report = Scanner::new(index, options)
                .scan("syslog", input.as_slice(), &mut sink, &mut |_| {})
                .context("syslog: matching received messages")?;
            // Counted and recorded for the plan per format ("syslog fortigate"), as a
            // followed file is per path.
            super::found_in_batch(
                health,
                &format!("syslog {}", format.name()),
                &report,
                members.len() as u64,
                &sink.alerts,
            );
            for (alert, _) in sink.alerts {
                let at = usize::try_from(alert.line)
                    .ok()
                    .and_then(|l| l.checked_sub(1));
                if let Some(&i) = at.and_then(|l| members.get(l)) {
                    found.push((i, alert));
                }
            }
        }
        // In the order the messages arrived, whatever their formats.
        found.sort_by_key(|(i, _)| *i);
        for (i, mut alert) in found {
            let Some(r) = batch.get(i) else { continue };
            if let Some(c) = self.counts.get(r.listener) {
                alert.file.clone_from(&c.listen);
            }
            alert.line = r.seq;
            alert_once(alerts, dedup, health, &alert, Some(&r.from.to_string()))?;
        }
        Ok(())
    }
}

/// The messages' indexes grouped by the format `ward scan` would tell from each line alone.
fn by_format(batch: &[Received]) -> Vec<(LogFormat, Vec<usize>)> {
    let mut groups: Vec<(LogFormat, Vec<usize>)> = Vec::new();
    for (i, r) in batch.iter().enumerate() {
        let format = LogFormat::sniff(r.line.as_bytes());
        match groups.iter_mut().find(|(f, _)| *f == format) {
            Some((_, members)) => members.push(i),
            None => groups.push((format, vec![i])),
        }
    }
    groups
}

/// The listeners' counts for `/healthz`.
pub fn health_json(counts: &[Arc<Counts>]) -> serde_json::Value {
    counts
        .iter()
        .map(|c| {
            serde_json::json!({
                "listen": c.listen,
                "received": c.received.load(Ordering::Relaxed),
                "dropped": c.dropped.load(Ordering::Relaxed),
                "too_long": c.too_long.load(Ordering::Relaxed),
                "connections_refused": c.refused.load(Ordering::Relaxed),
                "kernel_dropped": c.kernel_dropped(),
                "receive_buffer_bytes": c.udp.and_then(|g| g.bytes),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Received {
        Received {
            listener: 0,
            seq: 1,
            from: IpAddr::from([127, 0, 0, 1]),
            line: parse(text.as_bytes()).file_line("127.0.0.1", chrono::Utc::now().naive_utc()),
        }
    }

    /// A full queue turns UDP messages away (counted by the caller) rather than growing, and
    /// has room again once the main loop took what was there.
    #[test]
    fn a_full_queue_refuses_udp_messages() {
        let (tx, rx) = mpsc::sync_channel(2);
        let queue = Queue {
            tx,
            bytes: Arc::new(AtomicUsize::new(0)),
        };
        assert!(queue.offer(line("<13>a")));
        assert!(queue.offer(line("<13>b")));
        assert!(!queue.offer(line("<13>c")));
        let mut syslog = Syslog {
            rx: Some(rx),
            bytes: queue.bytes.clone(),
            pending: Vec::new(),
            counts: Vec::new(),
        };
        syslog.wait(Duration::from_secs(5), &AtomicBool::new(false));
        assert_eq!(syslog.pending.len(), 1);
        assert!(queue.offer(line("<13>d")));
        // Over the byte budget: refused even with slots free.
        let (tx, _rx) = mpsc::sync_channel(8);
        let tight = Queue {
            tx,
            bytes: Arc::new(AtomicUsize::new(QUEUE_BYTES)),
        };
        assert!(!tight.offer(line("<13>e")));
    }

    /// What detect's readers find in a line, the format told from the line itself.
    fn observed(line: &str) -> (LogFormat, Vec<String>) {
        use ward_detect::readers::{LineReader, ReadScratch};
        let format = LogFormat::sniff(line.as_bytes());
        let mut event = ward_detect::Event::new();
        let _ =
            LineReader::new(format).parse(line.as_bytes(), &mut event, &mut ReadScratch::default());
        let items = event
            .items()
            .iter()
            .map(|o| format!("{:?} {:?} {}", o.kind, o.role, event.value(o)))
            .collect();
        (format, items)
    }

    /// Every vendor line of detect's clinic firewall log, sent as a syslog message, reads
    /// the same once written back as a file line: same format, same addresses, same roles
    /// (the role is what makes the alert's machine).
    #[test]
    fn messages_read_as_the_firewall_log_s_lines() {
        let log = include_str!("../../../../detect/tests/fixtures/clinic/firewall-syslog.log");
        let now = chrono::Utc::now().naive_utc();
        for sent in log.lines().filter(|l| !l.trim().is_empty()) {
            let written = parse(sent.as_bytes()).file_line("192.0.2.9", now);
            let (want, got) = (observed(sent), observed(&written));
            assert_eq!(want.0, got.0, "{sent}\n{written}");
            assert!(!got.1.is_empty(), "{written}");
            assert_eq!(want.1, got.1, "{sent}\n{written}");
        }
    }

    /// Each message is read in the format its own line shows: a FortiGate message, a
    /// pfSense one and a plain daemon's in the same batch go to three readers.
    #[test]
    fn a_batch_is_split_by_each_line_s_format() {
        let batch = [
            line("<189>date=2024-01-05 time=10:05:00 srcip=10.1.4.31 dstip=198.51.100.77 action=\"blocked\""),
            line("<13>Dec  3 10:00:00 pf filterlog[1]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,198.51.100.23,10.1.4.34,51000,3389,0,S,1,,64240,,mss"),
            line("<13>Dec  3 10:00:00 pc sshd[9]: Failed password for root from 198.51.100.9"),
            line("<189>date=2024-01-05 time=10:05:01 srcip=10.1.4.32 dstip=198.51.100.78"),
        ];
        let groups = by_format(&batch);
        assert_eq!(
            groups,
            [
                (LogFormat::Firewall, vec![0, 1, 3]),
                (LogFormat::Syslog, vec![2])
            ]
        );
    }
}
