//! A stub MISP instance on loopback for the tests of `ward pull-misp` and the hub's MISP
//! peers: it answers every request with what the test's function gives (recorded
//! `/events/restSearch` answers) and keeps what it was asked.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::Value;

/// What the stub saw: (path, `Authorization`, JSON body) per request.
pub type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// Starts the stub: `answer(authorization, body)` gives (status, content type, body). Returns
/// its base address (`http://127.0.0.1:PORT`) and the requests it saw.
pub fn stub(
    answer: impl Fn(&str, &Value) -> (u16, &'static str, String) + Send + 'static,
) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let base = format!(
        "http://{}",
        listener.local_addr().expect("the stub's address")
    );
    let seen: Seen = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Ok(read_half) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(read_half);
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            let (mut auth, mut length) = (String::new(), 0usize);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    match k.trim().to_ascii_lowercase().as_str() {
                        "authorization" => auth = v.trim().to_string(),
                        "content-length" => length = v.trim().parse().unwrap_or(0),
                        _ => {}
                    }
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
            let (status, kind, text) = answer(&auth, &body);
            log.lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((path, auth, body));
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                text.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(text.as_bytes());
        }
    });
    (base, seen)
}
