//! The load generator of `benches/watch/run.sh`: standard library only, so the script builds
//! it with `rustc -O` in a second, without the workspace.
//!
//!   syslog_send gen N VALUES HIT_EVERY OUT      N netfilter lines, one in HIT_EVERY from
//!                                               an address in VALUES (one IPv4 a line)
//!   syslog_send send tcp|udp ADDR FILE [RATE]   every line of FILE as one message
//!                                               (`<4>` put in front; TCP frames end in LF),
//!                                               at most RATE lines/s if given
//!   syslog_send sink ADDR SECONDS               accepts one TCP connection and counts
//!                                               what arrives: the sender's own ceiling
//!   syslog_send latency ADDR ALERTS VALUES N GAP_MS [SKIP]
//!                                               N lines over TCP, each from an indicator
//!                                               address of its own, GAP_MS apart, timed
//!                                               until their alert is in the ALERTS file;
//!                                               SKIP reserved addresses are passed over, so
//!                                               a later probe is not de-duplicated away
//!
//! The lines are the kernel's netfilter log lines (`[UFW BLOCK] IN=eth0 OUT= MAC=...
//! SRC=... DST=...`) as rsyslog writes them: both `ward watch` and CrowdSec's
//! `crowdsecurity/iptables-logs` parser read this form, so both get the same bytes.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// xorshift64*: reproducible lines from run to run, without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A public-looking address that is not in the generated intel (which starts at 11.x and
/// is drawn from another sequence; a collision among 2^32 is too rare to matter).
fn random_source(r: &mut Rng) -> String {
    format!(
        "{}.{}.{}.{}",
        11 + r.below(180),
        r.below(256),
        r.below(256),
        1 + r.below(254)
    )
}

/// One netfilter log line as rsyslog writes it into /var/log/kern.log.
fn netfilter_line(r: &mut Rng, n: u64, src: &str) -> String {
    let (sec, port) = (n % 60, 1024 + r.below(60_000));
    let (dpt, proto) = match r.below(4) {
        0 => (3389, "TCP"),
        1 => (22, "TCP"),
        2 => (445, "TCP"),
        _ => (53, "UDP"),
    };
    format!(
        "Dec  3 18:{:02}:{sec:02} fw01 kernel: [{}.{:06}] [UFW BLOCK] IN=eth0 OUT= \
         MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC={src} DST=10.1.{}.{} LEN=60 \
         TOS=0x00 PREC=0x00 TTL=52 ID={} DF PROTO={proto} SPT={port} DPT={dpt} WINDOW=64240 \
         RES=0x00 SYN URGP=0",
        (n / 60) % 60,
        100_000 + n / 1000,
        n % 1_000_000,
        r.below(8),
        1 + r.below(250),
        r.below(65_536),
    )
}

fn read_values(path: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        let v = line.trim();
        if !v.is_empty() && !v.starts_with('#') {
            out.push(v.to_string());
        }
    }
    if out.is_empty() {
        return Err(format!("{path}: no addresses in it; expected one IPv4 a line").into());
    }
    Ok(out)
}

/// The values the latency run uses are the list's last `LATENCY_RESERVE`; the bulk lines
/// never carry them, so their first alert is the latency line's own.
const LATENCY_RESERVE: usize = 10_000;

fn gen(n: u64, values: &str, hit_every: u64, out: &str) -> Result<()> {
    let values = read_values(values)?;
    let usable = values.len().saturating_sub(LATENCY_RESERVE).max(1);
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut w = BufWriter::new(File::create(out)?);
    let mut hits = 0u64;
    for i in 0..n {
        let src = if hit_every > 0 && i % hit_every == hit_every / 2 {
            hits += 1;
            values[r.below(usable as u64) as usize].clone()
        } else {
            random_source(&mut r)
        };
        writeln!(w, "{}", netfilter_line(&mut r, i, &src))?;
    }
    w.flush()?;
    eprintln!("gen: {n} lines, {hits} from an indicator address, to {out}");
    Ok(())
}

/// Sleeps so that `sent` lines have taken at least `sent / rate` seconds since `start`.
fn pace(start: Instant, sent: u64, rate: u64) {
    if rate == 0 {
        return;
    }
    let due = Duration::from_secs_f64(sent as f64 / rate as f64);
    let spent = start.elapsed();
    if due > spent {
        std::thread::sleep(due - spent);
    }
}

fn send(transport: &str, addr: &str, file: &str, rate: u64) -> Result<()> {
    let mut text = Vec::new();
    File::open(file)?.read_to_end(&mut text)?;
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let start = Instant::now();
    let mut sent = 0u64;
    match transport {
        "tcp" => {
            let mut s = BufWriter::with_capacity(256 << 10, TcpStream::connect(addr)?);
            for l in &lines {
                s.write_all(b"<4>")?;
                s.write_all(l)?;
                s.write_all(b"\n")?;
                sent += 1;
                if rate > 0 && sent % 256 == 0 {
                    s.flush()?;
                    pace(start, sent, rate);
                }
            }
            s.flush()?;
        }
        "udp" => {
            let socket = UdpSocket::bind("127.0.0.1:0")?;
            socket.connect(addr)?;
            let mut buf = Vec::with_capacity(2048);
            for l in &lines {
                buf.clear();
                buf.extend_from_slice(b"<4>");
                buf.extend_from_slice(l);
                // A full socket buffer on loopback is reported as an error: the datagram is
                // lost like any UDP datagram, counted here rather than retried.
                let _ = socket.send(&buf);
                sent += 1;
                if rate > 0 && sent % 64 == 0 {
                    pace(start, sent, rate);
                }
            }
        }
        other => return Err(format!("transport {other}: expected tcp or udp").into()),
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "send {transport}: {sent} lines in {secs:.3} s = {:.0} lines/s",
        sent as f64 / secs
    );
    Ok(())
}

fn sink(addr: &str, seconds: u64) -> Result<()> {
    let listener = TcpListener::bind(addr)?;
    println!("sink on {}", listener.local_addr()?);
    let (mut s, _) = listener.accept()?;
    s.set_read_timeout(Some(Duration::from_secs(seconds)))?;
    let mut buf = vec![0u8; 256 << 10];
    let (mut bytes, mut lines) = (0u64, 0u64);
    let start = Instant::now();
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                bytes += n as u64;
                lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "sink: {lines} lines, {bytes} bytes in {secs:.3} s = {:.0} lines/s",
        lines as f64 / secs
    );
    Ok(())
}

/// Appends what the alerts file gained since `at` to `pending`, returning complete lines.
fn new_alert_lines(f: &mut File, at: &mut u64, pending: &mut String) -> Vec<String> {
    let mut chunk = String::new();
    if f.seek(SeekFrom::Start(*at)).is_err() || f.read_to_string(&mut chunk).is_err() {
        return Vec::new();
    }
    *at += chunk.len() as u64;
    pending.push_str(&chunk);
    let mut out = Vec::new();
    while let Some(end) = pending.find('\n') {
        out.push(pending[..end].to_string());
        pending.drain(..=end);
    }
    out
}

fn latency(
    addr: &str,
    alerts: &str,
    values: &str,
    n: usize,
    gap_ms: u64,
    skip: usize,
) -> Result<()> {
    let values = read_values(values)?;
    let reserved = &values[values.len().saturating_sub(LATENCY_RESERVE)..];
    let reserved = reserved.get(skip..).unwrap_or_default();
    if reserved.len() < n {
        return Err(format!("only {} reserved addresses for {n} lines", reserved.len()).into());
    }
    let mut f = File::open(alerts)?;
    let mut at = f.seek(SeekFrom::End(0))?;
    let mut pending = String::new();
    let mut s = TcpStream::connect(addr)?;
    s.set_nodelay(true)?;
    let mut r = Rng(0xD1B5_4A32_D192_ED03);
    let mut sent_at: HashMap<String, Instant> = HashMap::new();
    let mut took: Vec<f64> = Vec::new();
    let collect = |f: &mut File,
                   at: &mut u64,
                   pending: &mut String,
                   sent_at: &mut HashMap<String, Instant>,
                   took: &mut Vec<f64>| {
        for line in new_alert_lines(f, at, pending) {
            let hit = sent_at
                .keys()
                .find(|ip| line.contains(&format!("\"{ip}\"")))
                .cloned();
            if let Some(ip) = hit {
                if let Some(t) = sent_at.remove(&ip) {
                    took.push(t.elapsed().as_secs_f64());
                }
            }
        }
    };
    for (i, ip) in reserved.iter().take(n).enumerate() {
        let line = format!("<4>{}\n", netfilter_line(&mut r, i as u64, ip));
        sent_at.insert(ip.clone(), Instant::now());
        s.write_all(line.as_bytes())?;
        // Polls the alerts file every millisecond until the next line is due.
        let next = Instant::now() + Duration::from_millis(gap_ms);
        while Instant::now() < next {
            collect(&mut f, &mut at, &mut pending, &mut sent_at, &mut took);
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !sent_at.is_empty() && Instant::now() < deadline {
        collect(&mut f, &mut at, &mut pending, &mut sent_at, &mut took);
        std::thread::sleep(Duration::from_millis(1));
    }
    took.sort_by(f64::total_cmp);
    let q = |p: f64| {
        took.get(((took.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .map_or(f64::NAN, |s| s * 1000.0)
    };
    println!(
        "latency: {} of {n} alerted (10 s wait after the last); ms p50 {:.1}, p99 {:.1}, max {:.1}",
        took.len(),
        q(0.5),
        q(0.99),
        q(1.0)
    );
    Ok(())
}

fn run() -> Result<()> {
    let a: Vec<String> = std::env::args().collect();
    let arg = |i: usize| -> Result<&str> {
        a.get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("argument {i} missing; see the comment at the top").into())
    };
    match arg(1)? {
        "gen" => gen(arg(2)?.parse()?, arg(3)?, arg(4)?.parse()?, arg(5)?),
        "send" => send(
            arg(2)?,
            arg(3)?,
            arg(4)?,
            a.get(5).map_or(Ok(0), |r| r.parse())?,
        ),
        "sink" => sink(arg(2)?, arg(3)?.parse()?),
        "latency" => latency(
            arg(2)?,
            arg(3)?,
            arg(4)?,
            arg(5)?.parse()?,
            arg(6)?.parse()?,
            a.get(7).map_or(Ok(0), |s| s.parse())?,
        ),
        other => Err(format!("{other}: expected gen, send, sink or latency").into()),
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("syslog_send: {e}");
        std::process::exit(2);
    }
}
