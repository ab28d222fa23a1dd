//! The one HTTP client of `ward update`: GET with retries on 429/5xx and network errors,
//! downloads into a `.part` file resumed with a range request.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use super::{Progress, UpdateError};

/// Tries per request (the first and two retries).
const TRIES: u32 = 3;
/// A response body larger than this is refused (the largest source, NVD pages and the KEV
/// catalog, are a few MB).
const MAX_BODY: u64 = 1 << 30;

/// A blocking client for the sources' URLs.
pub struct Http {
    agent: ureq::Agent,
    retry: Duration,
    user_agent: String,
}

impl Http {
    /// `retry`: the wait before the first retry (doubled for the next).
    pub fn new(retry: Duration) -> Http {
        Http {
            agent: ureq::AgentBuilder::new()
                .timeout_connect(Duration::from_secs(15))
                .timeout_read(Duration::from_secs(120))
                .build(),
            retry,
            user_agent: format!("ward/{}", env!("CARGO_PKG_VERSION")),
        }
    }

    fn send(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        range_from: u64,
        rate_limited_403: bool,
    ) -> Result<ureq::Response, UpdateError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut req = self.agent.get(url).set("User-Agent", &self.user_agent);
            for (k, v) in headers {
                req = req.set(k, v);
            }
            if range_from > 0 {
                req = req.set("Range", &format!("bytes={range_from}-"));
            }
            let wait = self.retry * 2u32.saturating_pow(attempt - 1);
            match req.call() {
                Ok(resp) => return Ok(resp),
                Err(ureq::Error::Status(code, resp)) => {
                    if (code == 429 || (500..600).contains(&code)) && attempt < TRIES {
                        std::thread::sleep(wait);
                        continue;
                    }
                    // NVD answers 403 when its rolling 30-second limit is reached.
                    if code == 403 && rate_limited_403 && attempt < TRIES {
                        std::thread::sleep(wait * 6);
                        continue;
                    }
                    let text = resp.into_string().unwrap_or_default();
                    let message: String = text
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .chars()
                        .take(160)
                        .collect();
                    return Err(UpdateError::Status {
                        url: url.to_string(),
                        status: code,
                        message,
                    });
                }
                Err(ureq::Error::Transport(t)) => {
                    if attempt < TRIES {
                        std::thread::sleep(wait);
                        continue;
                    }
                    return Err(UpdateError::Network {
                        url: url.to_string(),
                        message: format!("{t} (after {attempt} tries)"),
                    });
                }
            }
        }
    }

    /// The body of `url`.
    pub fn get(&self, url: &str, headers: &[(&str, &str)]) -> Result<Vec<u8>, UpdateError> {
        self.get_from(url, headers, false)
    }

    /// The body of an NVD API `url`: a 403 (NVD's answer when its rate limit is reached) is
    /// tried again after a longer wait.
    pub fn get_nvd(&self, url: &str, headers: &[(&str, &str)]) -> Result<Vec<u8>, UpdateError> {
        self.get_from(url, headers, true)
    }

    fn get_from(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        rate_limited_403: bool,
    ) -> Result<Vec<u8>, UpdateError> {
        let resp = self.send(url, headers, 0, rate_limited_403)?;
        let mut body = Vec::new();
        resp.into_reader()
            .take(MAX_BODY)
            .read_to_end(&mut body)
            .map_err(|e| UpdateError::Network {
                url: url.to_string(),
                message: format!("reading the response: {e}"),
            })?;
        Ok(body)
    }

    /// Downloads `url` into `part`, continuing a part left by an interrupted run when the
    /// server honours the range; returns whether it continued one.
    pub fn download(
        &self,
        url: &str,
        part: &Path,
        progress: &dyn Progress,
    ) -> Result<bool, UpdateError> {
        if let Some(dir) = part.parent() {
            std::fs::create_dir_all(dir).map_err(|e| UpdateError::io(dir, e))?;
        }
        let have = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
        let resp = self.send(url, &[], have, false)?;
        let resumed = have > 0 && resp.status() == 206;
        let length = resp
            .header("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(resumed)
            .truncate(!resumed)
            .open(part)
            .map_err(|e| UpdateError::io(part, e))?;
        if let Some(len) = length {
            progress.set_total(len + if resumed { have } else { 0 });
        }
        if resumed {
            progress.advance(have);
        }
        let mut reader = resp.into_reader().take(MAX_BODY);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = reader.read(&mut buf).map_err(|e| UpdateError::Network {
                url: url.to_string(),
                message: format!("reading the response: {e} (run again to continue)"),
            })?;
            if n == 0 {
                break;
            }
            file.write_all(&buf[..n])
                .map_err(|e| UpdateError::io(part, e))?;
            progress.advance(n as u64);
        }
        file.flush().map_err(|e| UpdateError::io(part, e))?;
        Ok(resumed)
    }
}
