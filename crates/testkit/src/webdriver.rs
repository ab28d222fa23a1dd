//! A small blocking client of the W3C WebDriver protocol, for driving headless Chromium
//! through Debian's `chromedriver` in end-to-end tests of ward's web pages (the hub's `/ui/`,
//! the member's `ward watch` pages).
//!
//! ```no_run
//! use ward_testkit::webdriver::{Browser, Width};
//! let Some(browser) = Browser::start() else { return }; // skipped (or failed) when missing
//! let page = browser.session(Width::DESKTOP).unwrap();
//! page.navigate("http://127.0.0.1:8443/ui/signin").unwrap();
//! let user = page.find("#user").unwrap();
//! page.send_keys(&user, "alice").unwrap();
//! page.click(&page.find("button[type=submit]").unwrap()).unwrap();
//! let title: serde_json::Value = page.execute("return document.title", &[]).unwrap();
//! page.screenshot(&ward_testkit::webdriver::screenshot_dir().join("signin.png")).unwrap();
//! page.assert_only_loopback().unwrap();
//! ```
//!
//! - [`Browser::start`] finds `chromedriver` and `chromium` (`WARD_CHROMEDRIVER`,
//!   `WARD_CHROMIUM` override), starts chromedriver on a free loopback port and answers
//!   `None` with a "skipped" message when either is missing (a panic under
//!   `WARD_REQUIRE_PEERS=1`). Dropping it stops chromedriver.
//! - [`Browser::session`] opens a headless Chromium window of a given width; Chromium cannot
//!   reach anything but loopback: every host name except 127.0.0.1 resolves to nothing
//!   (`--host-resolver-rules`) and every other request goes to a loopback proxy of the
//!   test's own that records it and answers 403.
//!   Dropping a [`Session`] deletes it. What a session downloads goes to its own folder,
//!   read back with [`Session::wait_download`].
//! - A [`Session`] navigates, finds elements by CSS selector, clicks, types, reads text,
//!   runs a script (`execute`, W3C "execute sync": the script's `return` value as JSON),
//!   resizes, saves a PNG screenshot, and checks with the page's own resource timing, and
//!   with what the recording proxy saw, that nothing was asked outside loopback
//!   ([`Session::assert_only_loopback`]).
//! - [`axe`] injects axe-core (installed by `npm ci --prefix tests/browser`) and returns its
//!   serious and critical violations; [`review`] checks a page (loopback only, axe at both
//!   widths) and saves its screenshots.
//!
//! Errors are [`WebDriverError`] with the driver's own message.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// The key W3C WebDriver gives element references under.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What went wrong talking to the driver or the page.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WebDriverError {}

type Result<T> = std::result::Result<T, WebDriverError>;

/// Window sizes the pages are checked at.
#[derive(Clone, Copy, Debug)]
pub struct Width(pub u32);

impl Width {
    pub const DESKTOP: Width = Width(1280);
    pub const PHONE: Width = Width(390);
}

/// A running chromedriver.
pub struct Browser {
    driver: Child,
    base: String,
    chromium: PathBuf,
    agent: ureq::Agent,
    /// The proxy every request not to 127.0.0.1 is sent to: it records and refuses each.
    proxy: Recorder,
}

/// A loopback listener standing in for a proxy: it records the first line of every request
/// made to it (`CONNECT host:port` or `GET http://host/...`) and answers 403, so a request
/// meant for outside loopback is seen even when the page never reports it (blocked, failed,
/// or made by the browser itself).
struct Recorder {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Recorder {
    fn start() -> Result<Recorder> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| WebDriverError(format!("the recording proxy: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| WebDriverError(e.to_string()))?
            .port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (log, stopped) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while head.len() < 2048 && !head.ends_with(b"\n") {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => break,
                    }
                }
                let line = String::from_utf8_lossy(&head).trim().to_string();
                log.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(if line.is_empty() {
                        "(a connection)".into()
                    } else {
                        line
                    });
                let _ = stream.write_all(
                    b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        });
        Ok(Recorder { port, seen, stop })
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so it sees the flag.
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// One element of the page, as the driver names it.
#[derive(Clone, Debug)]
pub struct Element(String);

/// One browser window (a WebDriver session).
pub struct Session<'a> {
    browser: &'a Browser,
    id: String,
    /// Chromium's profile directory, removed with the session.
    profile: PathBuf,
}

fn program(env: &str, name: &str, extra: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        return Some(PathBuf::from(path));
    }
    crate::tool(name, extra)
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| WebDriverError(e.to_string()))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| WebDriverError(e.to_string()))
}

/// Where screenshots go: `$WARD_SCREENSHOTS`, else `<workspace>/target/screenshots`.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("WARD_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::workspace_root().join("target/screenshots"))
}

impl Browser {
    /// Starts chromedriver, or says why not (see the module doc).
    pub fn start() -> Option<Browser> {
        let driver = program(
            "WARD_CHROMEDRIVER",
            "chromedriver",
            &["/usr/lib/chromium/chromedriver"],
        )?;
        let chromium = program("WARD_CHROMIUM", "chromium", &["/usr/bin/chromium-browser"])?;
        match Self::launch(&driver, chromium) {
            Ok(b) => Some(b),
            Err(e) => {
                crate::missing_peer(&format!("chromedriver did not start: {e}"));
                None
            }
        }
    }

    fn launch(driver: &Path, chromium: PathBuf) -> Result<Browser> {
        let port = free_port()?;
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| WebDriverError(format!("{}: {e}", driver.display())))?;
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(60))
            .build();
        let mut browser = Browser {
            driver: child,
            base: format!("http://127.0.0.1:{port}"),
            chromium,
            agent,
            proxy: Recorder::start()?,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(status) = browser.call("GET", "/status", None) {
                if status["ready"].as_bool() == Some(true) {
                    return Ok(browser);
                }
            }
            if let Ok(Some(exit)) = browser.driver.try_wait() {
                let mut err = String::new();
                if let Some(mut pipe) = browser.driver.stderr.take() {
                    let _ = pipe.read_to_string(&mut err);
                }
                return Err(WebDriverError(format!("exited {exit}: {err}")));
            }
            if Instant::now() > deadline {
                return Err(WebDriverError("not ready within 20 s".into()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One request to the driver; the answer's `value`, or the driver's error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let request = self.agent.request(method, &url);
        let reply = match body {
            Some(b) => request
                .set("Content-Type", "application/json")
                .send_string(&b.to_string()),
            None => request.call(),
        };
        let (ok, text) = match reply {
            Ok(r) => (true, r.into_string()),
            Err(ureq::Error::Status(_, r)) => (false, r.into_string()),
            Err(e) => return Err(WebDriverError(format!("{method} {path}: {e}"))),
        };
        let text = text.map_err(|e| WebDriverError(format!("{method} {path}: {e}")))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| WebDriverError(format!("{method} {path}: {e}: {text}")))?;
        let value = value.get("value").cloned().unwrap_or(Value::Null);
        if ok {
            Ok(value)
        } else {
            Err(WebDriverError(format!(
                "{method} {path}: {}: {}",
                value["error"].as_str().unwrap_or("error"),
                value["message"].as_str().unwrap_or("")
            )))
        }
    }

    /// A new headless window `width` wide (and 900 px high), allowed only loopback.
    pub fn session(&self, width: Width) -> Result<Session<'_>> {
        let profile = std::env::temp_dir().join(format!(
            "ward-webdriver-{}-{}",
            std::process::id(),
            free_port()?
        ));
        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--no-first-run".into(),
            "--no-default-browser-check".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-default-apps".into(),
            "--disable-extensions".into(),
            "--metrics-recording-only".into(),
            // Nothing but loopback resolves; anything else goes to the recording proxy,
            // which refuses it and keeps what was asked.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1".into(),
            format!("--proxy-server=http://127.0.0.1:{}", self.proxy.port),
            "--proxy-bypass-list=127.0.0.1".into(),
            format!("--window-size={},900", width.0),
            format!("--user-data-dir={}", profile.display()),
        ];
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).map_err(|e| WebDriverError(e.to_string()))?;
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    // Every request the page makes, blocked or not, in the performance log.
                    "goog:loggingPrefs": { "performance": "ALL" },
                    "goog:chromeOptions": {
                        "binary": self.chromium.display().to_string(),
                        "args": args,
                        "prefs": {
                            "download.default_directory": downloads.display().to_string(),
                            "download.prompt_for_download": false,
                            "download.directory_upgrade": true,
                        },
                    }
                }
            }
        });
        let value = self.call("POST", "/session", Some(caps))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WebDriverError(format!("no session id in {value}")))?
            .to_string();
        let session = Session {
            browser: self,
            id,
            profile,
        };
        session.resize(width)?;
        // An element looked for right after a click that loads a page is waited for (up to
        // 10 s) rather than missed while the new page is still on its way.
        session.call("POST", "/timeouts", Some(json!({ "implicit": 10_000 })))?;
        Ok(session)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Session<'_> {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.browser
            .call(method, &format!("/session/{}{path}", self.id), body)
    }

    pub fn navigate(&self, url: &str) -> Result<()> {
        self.call("POST", "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    /// The address the window shows now.
    pub fn url(&self) -> Result<String> {
        let v = self.call("GET", "/url", None)?;
        Ok(v.as_str().unwrap_or("").to_string())
    }

    /// Waits (up to 10 s) until the window's address ends with `suffix`, as it does once the
    /// page a click or a form submission asked for has loaded; returns the address.
    pub fn wait_url_ends_with(&self, suffix: &str) -> Result<String> {
        self.wait_url(
            |u| u.ends_with(suffix),
            &format!("one ending with {suffix}"),
        )
    }

    /// Waits (up to 10 s) until the window's address holds `part`; returns the address.
    pub fn wait_url_contains(&self, part: &str) -> Result<String> {
        self.wait_url(|u| u.contains(part), &format!("one holding {part}"))
    }

    fn wait_url(&self, done: impl Fn(&str) -> bool, what: &str) -> Result<String> {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.url()?;
            if done(&url) {
                return Ok(url);
            }
            if Instant::now() >= until {
                return Err(WebDriverError(format!(
                    "the address is {url}, not {what}, after 10 s"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits (up to 10 s) until the page's HTML holds `text`; returns the HTML.
    pub fn wait_source_contains(&self, text: &str) -> Result<String> {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let source = self.source()?;
            if source.contains(text) {
                return Ok(source);
            }
            if Instant::now() >= until {
                return Err(WebDriverError(format!(
                    "the page does not show {text:?} after 10 s"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The folder this session's downloads go to (inside its profile, removed with it).
    pub fn downloads(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    /// Waits (up to 10 s) until a download whose file name ends with `suffix` is complete in
    /// [`Session::downloads`]; returns its name and bytes, and removes it (so the same name
    /// can be waited for again).
    pub fn wait_download(&self, suffix: &str) -> Result<(String, Vec<u8>)> {
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let done = std::fs::read_dir(self.downloads())
                .map_err(|e| WebDriverError(e.to_string()))?
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|name| name.ends_with(suffix));
            if let Some(name) = done {
                let path = self.downloads().join(&name);
                let bytes = std::fs::read(&path).map_err(|e| WebDriverError(e.to_string()))?;
                std::fs::remove_file(&path).map_err(|e| WebDriverError(e.to_string()))?;
                return Ok((name, bytes));
            }
            if Instant::now() >= until {
                return Err(WebDriverError(format!(
                    "no download ending with {suffix:?} after 10 s"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The page's HTML as the browser holds it now.
    pub fn source(&self) -> Result<String> {
        let v = self.call("GET", "/source", None)?;
        Ok(v.as_str().unwrap_or("").to_string())
    }

    /// The width of the window, and a height of 900 px.
    pub fn resize(&self, width: Width) -> Result<()> {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width.0, "height": 900 })),
        )
        .map(drop)
    }

    fn element(v: &Value) -> Result<Element> {
        v[ELEMENT_KEY]
            .as_str()
            .map(|s| Element(s.to_string()))
            .ok_or_else(|| WebDriverError(format!("not an element: {v}")))
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> Result<Element> {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        Self::element(&v)
    }

    /// Every element matching a CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let v = self.call(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        v.as_array()
            .map(|items| items.iter().map(Self::element).collect())
            .unwrap_or_else(|| Ok(Vec::new()))
    }

    pub fn click(&self, element: &Element) -> Result<()> {
        self.call(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        )
        .map(drop)
    }

    /// The element that has the keyboard focus.
    pub fn active(&self) -> Result<Element> {
        let v = self.call("GET", "/element/active", None)?;
        Self::element(&v)
    }

    /// Types `text` into an element (after what it holds).
    pub fn send_keys(&self, element: &Element, text: &str) -> Result<()> {
        self.call(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        )
        .map(drop)
    }

    pub fn clear(&self, element: &Element) -> Result<()> {
        self.call(
            "POST",
            &format!("/element/{}/clear", element.0),
            Some(json!({})),
        )
        .map(drop)
    }

    /// The element's rendered text.
    pub fn text(&self, element: &Element) -> Result<String> {
        let v = self.call("GET", &format!("/element/{}/text", element.0), None)?;
        Ok(v.as_str().unwrap_or("").to_string())
    }

    /// The element's accessible name, as the browser computes it for assistive technology.
    pub fn label(&self, element: &Element) -> Result<String> {
        let v = self.call(
            "GET",
            &format!("/element/{}/computedlabel", element.0),
            None,
        )?;
        Ok(v.as_str().unwrap_or("").to_string())
    }

    /// Runs `script` as a function body in the page with `args` (`arguments[0]`...) and
    /// returns what it returns, as JSON.
    pub fn execute(&self, script: &str, args: &[Value]) -> Result<Value> {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Saves the window as a PNG file (creating its directory).
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        let v = self.call("GET", "/screenshot", None)?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or(""))
            .map_err(|e| WebDriverError(format!("screenshot: {e}")))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WebDriverError(e.to_string()))?;
        }
        std::fs::write(path, png).map_err(|e| WebDriverError(format!("{}: {e}", path.display())))
    }

    /// Every URL the page loaded (its own address and each resource, from the page's
    /// performance entries) that is not on 127.0.0.1, and every request the browser sent to
    /// its proxy (any not to 127.0.0.1, the page's or the browser's own, answered or not,
    /// since the browser started); an error names them.
    pub fn assert_only_loopback(&self) -> Result<()> {
        let logged = self.call("POST", "/se/log", Some(json!({ "type": "performance" })))?;
        let asked: Vec<String> = logged
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
            .filter(|m| m["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|m| {
                m["message"]["params"]["request"]["url"]
                    .as_str()
                    .map(str::to_string)
            })
            .filter(|u| u.contains("://") && !is_loopback_url(u))
            .collect();
        if !asked.is_empty() {
            // What the browser itself asked of the proxy meanwhile (not the page's: updates,
            // time, start page), for the reader of the failure.
            return Err(WebDriverError(format!(
                "the page asked for addresses outside loopback: {asked:?} (the test's proxy \
                 refused {:?})",
                self.browser.proxy.seen()
            )));
        }
        let v = self.execute(
            "return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name))",
            &[],
        )?;
        let outside: Vec<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|u| !is_loopback_url(u))
            .map(str::to_string)
            .collect();
        if outside.is_empty() {
            Ok(())
        } else {
            Err(WebDriverError(format!(
                "requests outside loopback: {outside:?}"
            )))
        }
    }
}

/// Whether `url` is on 127.0.0.1 (or names no host at all: `data:`, `blob:`, `about:`).
fn is_loopback_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return true;
    };
    matches!(scheme, "http" | "https" | "ws" | "wss")
        && (rest.starts_with("127.0.0.1:") || rest.starts_with("127.0.0.1/"))
        || !matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp")
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self
            .browser
            .call("DELETE", &format!("/session/{}", self.id), None);
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The axe-core script installed by `npm ci --prefix tests/browser`, or a "skipped" message
/// (a panic under `WARD_REQUIRE_PEERS=1`) when it is not there.
pub fn axe_script() -> Option<String> {
    let path = crate::workspace_root().join("tests/browser/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(_) => {
            crate::missing_peer(&format!(
                "axe-core is not installed at {} (npm ci --prefix tests/browser)",
                path.display()
            ));
            None
        }
    }
}

/// What a keyboard reaches on a page: links, buttons, form fields and anything with a
/// `tabindex` of 0 or more.
const FOCUSABLE: &str = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";

/// Every element a keyboard reaches that shows no outline and no shadow when it has the
/// focus (each is focused in turn; the focus is left where it was), as `tag#id.class` lines.
pub fn focus_not_shown(page: &Session<'_>) -> Result<Vec<String>> {
    let script = format!(
        "const before = document.activeElement; const out = [];
         for (const el of document.querySelectorAll({css:?})) {{
           el.focus();
           if (document.activeElement !== el) continue;
           const s = getComputedStyle(el);
           const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
           if (!outline && s.boxShadow === 'none') out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''));
         }}
         if (before && before.focus) before.focus(); else document.activeElement.blur();
         return out;",
        css = FOCUSABLE
    );
    let v = page.execute(&script, &[])?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect())
}

/// How much wider than the window the page is (0 when it needs no sideways scrolling; a
/// table may scroll inside its own region).
pub fn overflow(page: &Session<'_>) -> Result<i64> {
    let v = page.execute(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        &[],
    )?;
    Ok(v.as_i64().unwrap_or(0))
}

/// Checks the page the session shows and keeps a picture of it, panicking on a failure: it
/// loaded nothing from outside loopback ([`Session::assert_only_loopback`]); at 1280 and at
/// 390 px wide, axe-core finds no serious or critical violation and the page needs no
/// sideways scrolling ([`overflow`]); every element a keyboard reaches shows when it has the
/// focus ([`focus_not_shown`]); a screenshot at each width is saved as `NAME-WIDTH.png` in
/// [`screenshot_dir`]. The window is left 1280 px wide.
pub fn review(page: &Session<'_>, axe_js: &str, name: &str) {
    page.assert_only_loopback()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let unseen = focus_not_shown(page).unwrap();
    assert!(unseen.is_empty(), "{name}: focus not shown on {unseen:?}");
    for width in [Width::DESKTOP, Width::PHONE] {
        page.resize(width).unwrap();
        let serious = axe(page, axe_js).unwrap();
        assert!(serious.is_empty(), "{name} at {} px: {serious:#?}", width.0);
        let wider = overflow(page).unwrap();
        assert!(
            wider <= 0,
            "{name} at {} px: the page is {wider} px wider than the window",
            width.0
        );
        let file = screenshot_dir().join(format!("{name}-{}.png", width.0));
        page.screenshot(&file).unwrap();
        assert!(std::fs::metadata(&file).unwrap().len() > 1000);
    }
    page.resize(Width::DESKTOP).unwrap();
}

/// Runs axe-core on the page the session shows; returns its serious and critical
/// violations as `id: help (n nodes)` lines.
pub fn axe(session: &Session<'_>, script: &str) -> Result<Vec<String>> {
    session.execute(script, &[])?;
    // execute/sync waits for a returned promise.
    let v = session.execute(
        "return axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length})))",
        &[],
    )?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .filter(|x| matches!(x["impact"].as_str(), Some("serious" | "critical")))
        .map(|x| {
            format!(
                "{}: {} ({} nodes)",
                x["id"].as_str().unwrap_or(""),
                x["help"].as_str().unwrap_or(""),
                x["nodes"]
            )
        })
        .collect())
}
