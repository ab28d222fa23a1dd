//! Where `ward watch` tells people about alerts: the `[email]`, `[[webhook]]` and `[notify]`
//! sections of `watch.toml`, checked here, and the messages themselves, composed here so
//! that every channel says the same thing in its own shape. A one-person IT team reads
//! e-mail and Teams or Slack, not an alerts file, so each message reads like the weekly
//! plan: what happened, to which machine, what to do now, and where the intel came from
//! with its TLP. Nothing here sends anything; the CLI owns the senders.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Datelike, Duration as Days, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ward_detect::Alert;
use ward_stix::Tlp;

/// `[notify] urgent_score` when not set: the score from which `ward export` puts an
/// indicator on the block lists. Scores decay with age (`ward_feeds::decay`), so an alert on
/// intel still worth blocking goes out at once, and one on intel faded below it (old, or
/// low-confidence) waits for the daily digest.
pub const DEFAULT_URGENT_SCORE: u8 = ward_feeds::export::DEFAULT_MIN_SCORE as u8;
/// The score an alert counts as when its indicator has none (as in the weekly plan).
pub const UNSCORED: u8 = 50;
/// `[notify] max_per_hour` when not set: enough for a real incident, few enough that a
/// noisy indicator cannot bury a mailbox.
pub const DEFAULT_MAX_PER_HOUR: u32 = 20;
/// `[notify] digest_at` when not set: before the working day starts.
pub const DEFAULT_DIGEST_AT: &str = "07:00";
/// The store setting that remembers the last weekly plan sent, so a restart never resends.
pub const WEEKLY_PLAN_SETTING: &str = "watch/notify/weekly_plan";

/// `[email]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEmail {
    smtp_host: Option<String>,
    smtp_port: Option<u16>,
    security: Option<Security>,
    username: Option<String>,
    password_file: Option<PathBuf>,
    /// Accepted by the parser only to be refused with a message that says what to do.
    password: Option<toml::Value>,
    from: Option<String>,
    to: Option<Vec<String>>,
    ca_cert: Option<PathBuf>,
    weekly_plan: Option<String>,
}

/// One `[[webhook]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWebhook {
    url: Option<String>,
    kind: Option<WebhookKind>,
    token_file: Option<PathBuf>,
}

/// `[notify]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotify {
    urgent_score: Option<u8>,
    max_per_hour: Option<u32>,
    digest_at: Option<String>,
}

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); refused if the server cannot.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: a relay on this machine only.
    None,
}

impl Security {
    fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// The shape a webhook's receiver expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WebhookKind {
    /// The alert object with `machine`, `time` and `what_to_do` (SIEMs, scripts).
    Json,
    /// A Microsoft Teams MessageCard (incoming webhook or workflow).
    Teams,
    /// A Slack incoming webhook: `text` and `blocks`.
    Slack,
}

impl WebhookKind {
    pub fn name(self) -> &'static str {
        match self {
            WebhookKind::Json => "json",
            WebhookKind::Teams => "teams",
            WebhookKind::Slack => "slack",
        }
    }
}

/// A checked `[email]`, paths resolved against the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailConfig {
    pub smtp_host: String,
    pub smtp_port: u16,
    pub security: Security,
    /// The user name and the file holding the password, when the server wants a login.
    pub login: Option<(String, PathBuf)>,
    pub from: String,
    pub to: Vec<String>,
    /// A PEM file of a private CA trusted besides the public ones.
    pub ca_cert: Option<PathBuf>,
    pub weekly_plan: Option<Weekly>,
}

/// `weekly_plan = "mon 07:00"`: a day of the week and a local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekly {
    pub day: Weekday,
    pub at: NaiveTime,
}

/// A checked `[[webhook]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookConfig {
    pub url: String,
    pub kind: WebhookKind,
    /// A file holding the token sent as `Authorization: Bearer`.
    pub token_file: Option<PathBuf>,
}

/// Everything about notifications, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyConfig {
    pub email: Option<EmailConfig>,
    pub webhooks: Vec<WebhookConfig>,
    pub urgent_score: u8,
    pub max_per_hour: u32,
    /// Local time of the daily digest.
    pub digest_at: NaiveTime,
}

impl Default for NotifyConfig {
    fn default() -> Self {
        NotifyConfig {
            email: None,
            webhooks: Vec::new(),
            urgent_score: DEFAULT_URGENT_SCORE,
            max_per_hour: DEFAULT_MAX_PER_HOUR,
            digest_at: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default(),
        }
    }
}

impl NotifyConfig {
    /// No channel configured: alerts stay in the alerts file.
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.webhooks.is_empty()
    }

    /// The channel names used on stderr and in `/healthz`: `email`, `webhook[0]`...
    pub fn channel_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.email.iter().map(|_| "email".to_string()).collect();
        names.extend((0..self.webhooks.len()).map(|n| format!("webhook[{n}]")));
        names
    }
}

/// The three sections as written; `text` is the file, to name the line of a bad value.
pub struct RawSections<'a> {
    pub email: Option<RawEmail>,
    pub webhooks: Vec<RawWebhook>,
    pub notify: Option<RawNotify>,
    pub text: &'a str,
}

/// Checks the sections and resolves their files against the data folder `root`. The error
/// names the key (and its line when it can be found) and what was expected.
pub fn check(raw: RawSections<'_>, root: &Path) -> Result<NotifyConfig, String> {
    let text = raw.text;
    let mut out = NotifyConfig::default();
    if let Some(n) = raw.notify {
        if let Some(s) = n.urgent_score {
            if s > 100 {
                return Err(at(
                    text,
                    "notify",
                    "urgent_score",
                    "expected a score from 0 to 100",
                ));
            }
            out.urgent_score = s;
        }
        if let Some(m) = n.max_per_hour {
            if m == 0 {
                return Err(at(
                    text,
                    "notify",
                    "max_per_hour",
                    "expected at least 1 (alerts over the limit wait for the daily digest)",
                ));
            }
            out.max_per_hour = m;
        }
        if let Some(d) = n.digest_at {
            out.digest_at = parse_time(&d).ok_or_else(|| {
                at(
                    text,
                    "notify",
                    "digest_at",
                    &format!("expected a local time such as \"07:00\", found \"{d}\""),
                )
            })?;
        }
    }
    if let Some(e) = raw.email {
        out.email = Some(check_email(e, text, root)?);
    }
    for (n, w) in raw.webhooks.into_iter().enumerate() {
        out.webhooks.push(check_webhook(w, n, text, root)?);
    }
    Ok(out)
}

fn check_email(e: RawEmail, text: &str, root: &Path) -> Result<EmailConfig, String> {
    let err = |key: &str, what: &str| at(text, "email", key, what);
    if e.password.is_some() {
        return Err(err(
            "password",
            "a password is never written in watch.toml; put it alone in a file only the \
             service can read and name that file with password_file = \"smtp-password\"",
        ));
    }
    let smtp_host = e
        .smtp_host
        .filter(|h| !h.trim().is_empty())
        .ok_or_else(|| {
            err(
                "smtp_host",
                "expected the mail server's name, such as \"smtp.clinic.example\"",
            )
        })?;
    let security = e.security.unwrap_or(Security::Starttls);
    if security == Security::None && !is_loopback(&smtp_host) {
        return Err(err(
            "security",
            &format!(
                "\"none\" sends alerts and the password unencrypted, so it is only accepted for \
                 a relay on this machine (localhost, 127.0.0.1 or ::1), not for \"{smtp_host}\"; \
                 use \"starttls\" (port 587) or \"tls\" (port 465)"
            ),
        ));
    }
    let login = match (e.username, e.password_file) {
        (Some(u), Some(p)) => Some((u, root.join(p))),
        (None, None) => None,
        (Some(_), None) => {
            return Err(err(
                "password_file",
                "username is set: expected password_file too (a file holding the password)",
            ))
        }
        (None, Some(_)) => {
            return Err(err(
                "username",
                "password_file is set: expected the user name to log in with",
            ))
        }
    };
    let from = e.from.ok_or_else(|| {
        err(
            "from",
            "expected the sender's address, such as \"ward@clinic.example\"",
        )
    })?;
    check_address(&from).map_err(|w| err("from", &w))?;
    let to = e.to.unwrap_or_default();
    if to.is_empty() {
        return Err(err(
            "to",
            "expected at least one address, such as to = [\"it@clinic.example\"]",
        ));
    }
    for a in &to {
        check_address(a).map_err(|w| err("to", &w))?;
    }
    let weekly_plan = match e.weekly_plan {
        None => None,
        Some(w) => Some(parse_weekly(&w).ok_or_else(|| {
            err(
                "weekly_plan",
                &format!("expected a day and a local time such as \"mon 07:00\", found \"{w}\""),
            )
        })?),
    };
    Ok(EmailConfig {
        smtp_port: e.smtp_port.unwrap_or(security.default_port()),
        smtp_host,
        security,
        login,
        from,
        to,
        ca_cert: e.ca_cert.map(|p| root.join(p)),
        weekly_plan,
    })
}

fn check_webhook(
    w: RawWebhook,
    n: usize,
    text: &str,
    root: &Path,
) -> Result<WebhookConfig, String> {
    let key = |k: &str| format!("webhook[{n}].{k}");
    let line = |k: &str| nth_key_line(text, "[[webhook]]", n, k);
    let err = |k: &str, what: &str| with_line(line(k), &key(k), what);
    let url = w
        .url
        .ok_or_else(|| err("url", "expected the address the messages are posted to"))?;
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            err(
                "url",
                &format!("expected an http:// or https:// address, found \"{url}\""),
            )
        })?;
    let host = host_of(rest);
    if host.is_empty() {
        return Err(err("url", &format!("expected a host in \"{url}\"")));
    }
    if url.starts_with("http://") && w.token_file.is_some() && !is_loopback(host) {
        return Err(err(
            "url",
            "a token is only sent over https:// (or to this machine): anyone on the way could read it",
        ));
    }
    Ok(WebhookConfig {
        url,
        kind: w.kind.unwrap_or(WebhookKind::Json),
        token_file: w.token_file.map(|p| root.join(p)),
    })
}

/// The host of `host[:port][/path]` (brackets kept off an IPv6 address).
fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

/// `localhost` or a loopback address.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn check_address(a: &str) -> Result<(), String> {
    let ok = a
        .rsplit_once('@')
        .is_some_and(|(user, domain)| !user.trim().is_empty() && !domain.trim().is_empty());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "expected an e-mail address such as \"it@clinic.example\", found \"{a}\""
        ))
    }
}

/// "07:00" or "7:00".
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

/// "mon 07:00", "Monday 7:00".
pub fn parse_weekly(s: &str) -> Option<Weekly> {
    let (day, time) = s.trim().split_once(char::is_whitespace)?;
    Some(Weekly {
        day: day.parse::<Weekday>().ok()?,
        at: parse_time(time)?,
    })
}

/// `section.key: what`, with the line of `key` inside `[section]` when the file has it.
fn at(text: &str, section: &str, key: &str, what: &str) -> String {
    with_line(
        nth_key_line(text, &format!("[{section}]"), 0, key),
        &format!("{section}.{key}"),
        what,
    )
}

fn with_line(line: Option<usize>, key: &str, what: &str) -> String {
    match line {
        Some(l) => format!("line {l}: {key}: {what}"),
        None => format!("{key}: {what}"),
    }
}

/// The line of `key = ...` in the `n`th table headed `header`, if any; else the header's.
fn nth_key_line(text: &str, header: &str, n: usize, key: &str) -> Option<usize> {
    let mut seen = 0;
    let mut inside = false;
    let mut header_line = None;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('[') {
            inside = t == header && {
                seen += 1;
                seen == n + 1
            };
            if inside {
                header_line = Some(i + 1);
            }
            continue;
        }
        let written = t.split('=').next().unwrap_or("").trim();
        if inside && written == key {
            return Some(i + 1);
        }
    }
    header_line
}

/// Whether an alert goes out at once (else it waits for the daily digest).
pub fn is_urgent(alert: &Alert, urgent_score: u8) -> bool {
    alert.score.unwrap_or(UNSCORED) >= urgent_score
}

/// At most `max` messages in any hour, per channel. What it refuses goes to the digest.
#[derive(Debug)]
pub struct RateLimit {
    max: u32,
    sent: VecDeque<Instant>,
}

impl RateLimit {
    pub fn new(max: u32) -> Self {
        RateLimit {
            max,
            sent: VecDeque::new(),
        }
    }

    /// True (and counted) when one more message fits in the hour before `now`.
    pub fn allow(&mut self, now: Instant) -> bool {
        while self
            .sent
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= Duration::from_secs(3600))
        {
            self.sent.pop_front();
        }
        if self.sent.len() as u64 >= u64::from(self.max) {
            return false;
        }
        self.sent.push_back(now);
        true
    }
}

/// The next time of day `at` strictly after `now` (local times).
pub fn next_daily(at: NaiveTime, now: NaiveDateTime) -> NaiveDateTime {
    let today = now.date().and_time(at);
    if today > now {
        today
    } else {
        today + Days::days(1)
    }
}

/// The latest weekly instant at or before `now`: the plan due now unless already sent.
pub fn weekly_due(w: Weekly, now: NaiveDateTime) -> NaiveDateTime {
    let back = (7 + now.weekday().num_days_from_monday() - w.day.num_days_from_monday()) % 7;
    let due = (now.date() - Days::days(i64::from(back))).and_time(w.at);
    if due > now {
        due - Days::days(7)
    } else {
        due
    }
}

/// How the store remembers a weekly instant (sortable as text).
pub fn weekly_key(due: NaiveDateTime) -> String {
    due.format("%Y-%m-%d %H:%M").to_string()
}

/// One alert as the messages tell it (kept in the store while it waits for the digest).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AlertNote {
    pub alert: Alert,
    /// The organization's machine involved, or "an unknown machine".
    pub machine: String,
    /// When ward saw it (RFC 3339, UTC).
    pub time: String,
}

/// A message for people: a subject, plain text and the same as HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn known_machine(machine: &str) -> bool {
    machine != "an unknown machine"
}

/// What to do now, in the order a one-person IT team does it.
pub fn what_to_do(note: &AlertNote) -> Vec<String> {
    let a = &note.alert;
    let m = &note.machine;
    let mut steps = Vec::new();
    if known_machine(m) {
        steps.push(format!(
            "Find {m}: look it up in your DHCP leases, switch or inventory to learn which \
             device and whose it is."
        ));
        steps.push(format!(
            "Take {m} off the network (unplug it or move it to a quarantine network), then \
             run a full scan with your antivirus or endpoint tool. Do not wipe it before its \
             logs are copied."
        ));
    } else {
        steps.push(format!(
            "Find which device this was: the log line is {} line {}.",
            a.file, a.line
        ));
        steps.push(
            "Take that device off the network (unplug it or move it to a quarantine network) \
             and scan it with your antivirus or endpoint tool."
                .to_string(),
        );
    }
    steps.push(format!(
        "Block {} at your firewall or DNS filter (`ward export` makes the block lists).",
        a.value
    ));
    steps.push(
        "If a managed service provider runs your IT, forward them this message today.".to_string(),
    );
    steps
}

/// What a TLP level lets the reader do with the message.
pub fn tlp_words(tlp: Option<Tlp>) -> String {
    match tlp {
        None => {
            "no TLP marking: treat it as TLP:AMBER (your organization and those who help it act)"
                .into()
        }
        Some(t) => {
            let rule = match t {
                Tlp::Clear => "may be shared freely",
                Tlp::Green => "share within your community, not publicly",
                Tlp::Amber => "share only inside your organization and with those who need it to act, such as your IT provider",
                Tlp::AmberStrict => "share only inside your organization",
                Tlp::Red => "for the named recipients only: do not forward",
            };
            format!("{t}: {rule}")
        }
    }
}

fn source_words(a: &Alert) -> String {
    if a.sources.is_empty() {
        "the shared intelligence".to_string()
    } else {
        a.sources.join(", ")
    }
}

/// The subject line: the machine and the indicator, with the threat when known.
pub fn alert_subject(note: &AlertNote) -> String {
    let a = &note.alert;
    let threat = if a.threats.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.threats.join(", "))
    };
    format!("ward alert: {} and {}{threat}", note.machine, a.value)
}

/// The facts under the sentence, as (label, value) pairs.
fn facts(note: &AlertNote) -> Vec<(&'static str, String)> {
    let a = &note.alert;
    let mut f = vec![
        ("Machine", note.machine.clone()),
        ("Indicator", a.value.clone()),
        (
            "When",
            a.timestamp.clone().unwrap_or_else(|| note.time.clone()),
        ),
        ("Source", source_words(a)),
        ("TLP", tlp_words(a.tlp)),
        ("Log", format!("{} line {}", a.file, a.line)),
    ];
    if let Some(s) = a.score {
        f.push(("Score", format!("{s} of 100")));
    }
    if let Some(name) = &a.indicator_name {
        f.push(("Intel", name.clone()));
    }
    f
}

/// One alert as an e-mail.
pub fn alert_email(note: &AlertNote) -> Message {
    let steps = what_to_do(note);
    let mut text = format!("What happened\n\n{}\n\n", note.alert.sentence);
    let mut html = format!(
        "<h2>What happened</h2>\n<p>{}</p>\n<table>\n",
        escape_html(&note.alert.sentence)
    );
    for (k, v) in facts(note) {
        let _ = writeln!(text, "{k}: {v}");
        let _ = writeln!(
            html,
            "<tr><th align=\"left\">{k}</th><td>{}</td></tr>",
            escape_html(&v)
        );
    }
    text.push_str("\nWhat to do now\n\n");
    html.push_str("</table>\n<h2>What to do now</h2>\n<ol>\n");
    for (n, s) in steps.iter().enumerate() {
        let _ = writeln!(text, "{}. {s}", n + 1);
        let _ = writeln!(html, "<li>{}</li>", escape_html(s));
    }
    html.push_str("</ol>\n");
    let _ = write!(
        text,
        "\nIndicator id: {}\nSeen by ward watch at {}.\n",
        note.alert.indicator_id, note.time
    );
    Message {
        subject: alert_subject(note),
        text,
        html,
    }
}

/// One alert as a webhook body of `kind`.
pub fn alert_webhook(kind: WebhookKind, note: &AlertNote) -> Value {
    let steps = what_to_do(note);
    match kind {
        WebhookKind::Json => {
            let mut v = serde_json::to_value(&note.alert).unwrap_or_else(|_| json!({}));
            if let Some(o) = v.as_object_mut() {
                o.insert("machine".into(), note.machine.clone().into());
                o.insert("time".into(), note.time.clone().into());
                o.insert("what_to_do".into(), json!(steps));
            }
            v
        }
        WebhookKind::Teams => {
            let facts: Vec<Value> = facts(note)
                .into_iter()
                .map(|(k, v)| json!({"name": k, "value": v}))
                .collect();
            json!({
                "@type": "MessageCard",
                "@context": "https://schema.org/extensions",
                "summary": alert_subject(note),
                "themeColor": "D13438",
                "title": alert_subject(note),
                "text": note.alert.sentence,
                "sections": [
                    {"facts": facts},
                    {"title": "What to do now", "text": numbered(&steps, "\n\n")},
                ],
            })
        }
        WebhookKind::Slack => {
            let subject = alert_subject(note);
            let fields: Vec<Value> = facts(note)
                .into_iter()
                .take(10) // Slack takes at most 10 fields in a section
                .map(|(k, v)| json!({"type": "mrkdwn", "text": format!("*{k}*\n{}", slack_escape(&v))}))
                .collect();
            json!({
                "text": format!("{subject}: {}", note.alert.sentence),
                "blocks": [
                    {"type": "header", "text": {"type": "plain_text", "text": truncate(&subject, 150)}},
                    {"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(&note.alert.sentence)}},
                    {"type": "section", "fields": fields},
                    {"type": "section", "text": {"type": "mrkdwn", "text": format!("*What to do now*\n{}", slack_escape(&numbered(&steps, "\n")))}},
                ],
            })
        }
    }
}

/// Where alerts waiting for a channel's digest are kept, so a crash loses none.
pub const DIGEST_SETTINGS: &str = "watch/notify/digest/";

/// A digest lists at most this many alerts of each kind (low, held back) per channel; the
/// rest are counted and the digest says "and N more" (every alert is in the alerts file).
/// So a day of many alerts costs bounded memory and store settings.
pub const DIGEST_MAX_ALERTS: usize = 1000;

/// What waited for the daily digest on one channel.
#[derive(Debug, Clone, Default)]
pub struct Digest {
    /// The store settings that keep this digest's alerts until it is sent (see
    /// [`DIGEST_SETTINGS`]).
    pub keys: Vec<String>,
    /// Alerts scored below `urgent_score`, the first [`DIGEST_MAX_ALERTS`] of them.
    pub low: Vec<AlertNote>,
    /// Urgent alerts the hourly limit held back, the first [`DIGEST_MAX_ALERTS`] of them.
    pub held: Vec<AlertNote>,
    /// Alerts of each kind beyond [`DIGEST_MAX_ALERTS`]: counted, not kept.
    pub low_not_kept: u64,
    pub held_not_kept: u64,
    pub urgent_score: u8,
    pub max_per_hour: u32,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.low.is_empty() && self.held.is_empty() && self.low_not_kept + self.held_not_kept == 0
    }

    /// Adds an alert (`held`: held back by the hourly limit; else scored low). False when
    /// the digest already keeps [`DIGEST_MAX_ALERTS`] of that kind: the alert is only
    /// counted, and must not be kept in the store either.
    pub fn add(&mut self, held: bool, note: AlertNote) -> bool {
        let (list, not_kept) = if held {
            (&mut self.held, &mut self.held_not_kept)
        } else {
            (&mut self.low, &mut self.low_not_kept)
        };
        if list.len() >= DIGEST_MAX_ALERTS {
            *not_kept += 1;
            return false;
        }
        list.push(note);
        true
    }

    /// Empties the digest once it is sent (its store keys are taken apart).
    pub fn clear(&mut self) {
        self.low.clear();
        self.held.clear();
        self.low_not_kept = 0;
        self.held_not_kept = 0;
    }

    fn held_total(&self) -> u64 {
        self.held.len() as u64 + self.held_not_kept
    }

    fn low_total(&self) -> u64 {
        self.low.len() as u64 + self.low_not_kept
    }

    /// The setting under which a channel's digest alert is kept until the digest is sent:
    /// `watch/notify/digest/CHANNEL/low|held/NUMBER`, numbers increasing in arrival order.
    pub fn setting_key(channel: &str, held: bool, number: u128) -> String {
        let kind = if held { "held" } else { "low" };
        format!("{DIGEST_SETTINGS}{channel}/{kind}/{number:040}")
    }

    /// Reads back one kept alert: its channel, whether it was held back (else low) and the
    /// alert. `None` for a key or value this version did not write.
    pub fn parse_setting(key: &str, value: &str) -> Option<(String, bool, AlertNote)> {
        let rest = key.strip_prefix(DIGEST_SETTINGS)?;
        let (channel, kind) = rest.rsplit_once('/')?.0.rsplit_once('/')?;
        let held = match kind {
            "held" => true,
            "low" => false,
            _ => return None,
        };
        let note = serde_json::from_str(value).ok()?;
        Some((channel.to_string(), held, note))
    }

    fn subject(&self) -> String {
        let n = self.low_total() + self.held_total();
        format!(
            "ward daily digest: {n} {}",
            if n == 1 { "alert" } else { "alerts" }
        )
    }

    /// The digest's paragraphs: why each group waited, one line per alert kept, and how
    /// many more there were beyond those kept.
    fn sections(&self) -> Vec<(String, Vec<String>, u64)> {
        let mut out = Vec::new();
        let held = self.held_total();
        if held > 0 {
            out.push((
                format!(
                    "And {held} more {} held back by the limit of {} messages an hour. Each needs the same steps as an urgent alert: find the machine, check it, block the indicator.",
                    if held == 1 { "alert" } else { "alerts" },
                    self.max_per_hour
                ),
                self.held.iter().map(digest_line).collect(),
                self.held_not_kept,
            ));
        }
        let low = self.low_total();
        if low > 0 {
            out.push((
                format!(
                    "{low} {} on indicators scored below {} (less certain intel). Check these machines when you can this week.",
                    if low == 1 { "alert" } else { "alerts" },
                    self.urgent_score
                ),
                self.low.iter().map(digest_line).collect(),
                self.low_not_kept,
            ));
        }
        out
    }
}

fn digest_line(n: &AlertNote) -> String {
    let a = &n.alert;
    let score = a.score.map(|s| format!(", score {s}")).unwrap_or_default();
    let tlp = a.tlp.map(|t| format!(", {t}")).unwrap_or_default();
    format!(
        "{} {}: {} (source {}{score}{tlp})",
        n.time,
        n.machine,
        a.sentence,
        source_words(a)
    )
}

/// The line that ends a digest's list when more alerts came than it keeps.
fn not_kept_line(n: u64) -> String {
    format!(
        "and {n} more {} not listed here (a digest lists {DIGEST_MAX_ALERTS} of each kind): the alerts file has every one",
        if n == 1 { "alert" } else { "alerts" }
    )
}

/// The digest as an e-mail: every alert it keeps listed, then how many more came.
pub fn digest_email(d: &Digest) -> Message {
    let mut text = String::new();
    let mut html = String::new();
    for (head, lines, not_kept) in d.sections() {
        let _ = writeln!(text, "{head}\n");
        let _ = writeln!(html, "<p>{}</p>\n<ul>", escape_html(&head));
        for l in &lines {
            let _ = writeln!(text, "- {l}");
            let _ = writeln!(html, "<li>{}</li>", escape_html(l));
        }
        if not_kept > 0 {
            let l = not_kept_line(not_kept);
            let _ = writeln!(text, "- {l}");
            let _ = writeln!(html, "<li>{}</li>", escape_html(&l));
        }
        text.push('\n');
        html.push_str("</ul>\n");
    }
    Message {
        subject: d.subject(),
        text,
        html,
    }
}

/// Chat messages list at most this many alerts; the rest are counted (all are in the
/// alerts file and in the e-mail digest).
const CHAT_LINES: usize = 40;
/// Slack refuses a section text over 3,000 characters.
const SLACK_TEXT: usize = 3000;
/// Teams cards are limited to about 28 KB in all.
const TEAMS_TEXT: usize = 12_000;

/// The digest as a webhook body of `kind`.
pub fn digest_webhook(kind: WebhookKind, d: &Digest) -> Value {
    match kind {
        WebhookKind::Json => {
            let list = |notes: &[AlertNote]| -> Vec<Value> {
                notes
                    .iter()
                    .map(|n| alert_webhook(WebhookKind::Json, n))
                    .collect()
            };
            json!({
                "digest": true,
                "summary": d.subject(),
                "held_back": list(&d.held),
                "below_urgent_score": list(&d.low),
                "held_back_not_listed": d.held_not_kept,
                "below_urgent_score_not_listed": d.low_not_kept,
                "urgent_score": d.urgent_score,
                "max_per_hour": d.max_per_hour,
            })
        }
        WebhookKind::Teams => {
            let sections: Vec<Value> = d
                .sections()
                .into_iter()
                .map(|(head, lines, not_kept)| json!({"title": head, "text": chat_list(&lines, not_kept, "\n\n", TEAMS_TEXT, |s| s.to_string())}))
                .collect();
            json!({
                "@type": "MessageCard",
                "@context": "https://schema.org/extensions",
                "summary": d.subject(),
                "themeColor": "F2C744",
                "title": d.subject(),
                "sections": sections,
            })
        }
        WebhookKind::Slack => {
            let mut blocks = vec![
                json!({"type": "header", "text": {"type": "plain_text", "text": d.subject()}}),
            ];
            for (head, lines, not_kept) in d.sections() {
                let body = format!(
                    "*{}*\n{}",
                    slack_escape(&head),
                    chat_list(
                        &lines,
                        not_kept,
                        "\n",
                        SLACK_TEXT.saturating_sub(head.len()),
                        slack_escape
                    )
                );
                blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": truncate(&body, 3000)}}));
            }
            json!({"text": d.subject(), "blocks": blocks})
        }
    }
}

/// At most [`CHAT_LINES`] lines and `budget` characters, then "and N more" for the rest
/// (`not_kept` more than `lines` came).
fn chat_list(
    lines: &[String],
    not_kept: u64,
    sep: &str,
    budget: usize,
    escape: impl Fn(&str) -> String,
) -> String {
    // Room kept for the closing "and N more" line.
    let budget = budget.saturating_sub(100);
    let mut out = String::new();
    let mut shown = 0;
    for l in lines.iter().take(CHAT_LINES) {
        let item = format!("• {}", escape(l));
        if !out.is_empty() && out.len() + sep.len() + item.len() > budget {
            break;
        }
        if !out.is_empty() {
            out.push_str(sep);
        }
        out.push_str(&item);
        shown += 1;
    }
    let more = (lines.len() - shown) as u64 + not_kept;
    if more > 0 {
        let _ = write!(out, "{sep}and {more} more: the alerts file lists them all");
    }
    out
}

/// The weekly plan as an e-mail: the same Markdown `ward report --format md` prints.
pub fn plan_email(date: &str, markdown: &str) -> Message {
    Message {
        subject: format!("ward: this week's plan ({date})"),
        text: markdown.to_string(),
        html: format!(
            "<pre style=\"white-space: pre-wrap\">{}</pre>\n",
            escape_html(markdown)
        ),
    }
}

fn numbered(steps: &[String], sep: &str) -> String {
    steps
        .iter()
        .enumerate()
        .map(|(n, s)| format!("{}. {s}", n + 1))
        .collect::<Vec<_>>()
        .join(sep)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Slack's mrkdwn reads `&`, `<` and `>` as markup.
fn slack_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(text: &str) -> Result<NotifyConfig, String> {
        let raw: Wrapper = toml::from_str(text).map_err(|e| e.to_string())?;
        check(
            RawSections {
                email: raw.email,
                webhooks: raw.webhook,
                notify: raw.notify,
                text,
            },
            Path::new("data"),
        )
    }

    #[derive(Deserialize)]
    struct Wrapper {
        email: Option<RawEmail>,
        #[serde(default)]
        webhook: Vec<RawWebhook>,
        notify: Option<RawNotify>,
    }

    const EMAIL: &str = "[email]\nsmtp_host = \"smtp.clinic.example\"\nusername = \"ward\"\npassword_file = \"smtp-password\"\nfrom = \"ward@clinic.example\"\nto = [\"it@clinic.example\"]\n";

    #[test]
    fn a_good_email_section_takes_defaults() {
        let c = sections(EMAIL).unwrap();
        let e = c.email.unwrap();
        assert_eq!((e.security, e.smtp_port), (Security::Starttls, 587));
        assert_eq!(
            e.login,
            Some(("ward".into(), Path::new("data").join("smtp-password")))
        );
        assert_eq!(c.urgent_score, DEFAULT_URGENT_SCORE);
        assert_eq!(c.max_per_hour, 20);
        assert_eq!(c.digest_at, NaiveTime::from_hms_opt(7, 0, 0).unwrap());
    }

    #[test]
    fn a_password_in_the_file_is_refused_with_what_to_do() {
        let e = sections(&format!("{EMAIL}password = \"hunter2\"\n")).unwrap_err();
        assert!(
            e.contains("email.password") && e.contains("password_file") && e.contains("line 7"),
            "{e}"
        );
    }

    #[test]
    fn no_encryption_only_to_this_machine() {
        let e = sections(&format!("{EMAIL}security = \"none\"\n")).unwrap_err();
        assert!(
            e.contains("email.security") && e.contains("this machine"),
            "{e}"
        );
        let local = EMAIL.replace("smtp.clinic.example", "127.0.0.1");
        let c = sections(&format!("{local}security = \"none\"\n")).unwrap();
        assert_eq!(c.email.unwrap().smtp_port, 25);
    }

    #[test]
    fn bad_values_are_named() {
        let e = sections("[notify]\ndigest_at = \"7am\"\n").unwrap_err();
        assert!(
            e.contains("line 2: notify.digest_at") && e.contains("07:00"),
            "{e}"
        );
        let e = sections("[notify]\nmax_per_hour = 0\n").unwrap_err();
        assert!(e.contains("notify.max_per_hour"), "{e}");
        let e = sections(&EMAIL.replace("[\"it@clinic.example\"]", "[\"it\"]")).unwrap_err();
        assert!(e.contains("email.to") && e.contains("\"it\""), "{e}");
        let e = sections(&format!("{EMAIL}weekly_plan = \"someday\"\n")).unwrap_err();
        assert!(e.contains("email.weekly_plan"), "{e}");
        let e = sections(
            "[[webhook]]\nurl = \"https://a.example/x\"\n[[webhook]]\nurl = \"ftp://x\"\n",
        )
        .unwrap_err();
        assert!(e.contains("line 4: webhook[1].url"), "{e}");
        let e = sections("[[webhook]]\nurl = \"http://hooks.example/x\"\ntoken_file = \"t\"\n")
            .unwrap_err();
        assert!(e.contains("https://"), "{e}");
        assert!(
            sections("[[webhook]]\nurl = \"http://127.0.0.1:9/x\"\ntoken_file = \"t\"\n").is_ok()
        );
    }

    #[test]
    fn weekly_and_daily_times() {
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let w = parse_weekly("mon 07:00").unwrap();
        // 2026-12-03 is a Thursday: the plan due is Monday's.
        assert_eq!(weekly_due(w, t("2026-12-03 12:00")), t("2026-11-30 07:00"));
        // Monday before 07:00: still last week's.
        assert_eq!(weekly_due(w, t("2026-11-30 06:59")), t("2026-11-23 07:00"));
        assert_eq!(weekly_due(w, t("2026-11-30 07:00")), t("2026-11-30 07:00"));
        let seven = parse_time("07:00").unwrap();
        assert_eq!(
            next_daily(seven, t("2026-12-03 06:00")),
            t("2026-12-03 07:00")
        );
        assert_eq!(
            next_daily(seven, t("2026-12-03 07:00")),
            t("2026-12-04 07:00")
        );
    }

    #[test]
    fn the_rate_limit_forgets_after_an_hour() {
        let mut r = RateLimit::new(2);
        let t0 = Instant::now();
        assert!(r.allow(t0) && r.allow(t0));
        assert!(!r.allow(t0 + Duration::from_secs(60)));
        assert!(r.allow(t0 + Duration::from_secs(3600)));
    }

    fn note(score: Option<u8>) -> AlertNote {
        AlertNote {
            alert: Alert {
                file: "fw.log".into(),
                line: 3,
                timestamp: None,
                field: "dest_ip".into(),
                value: "198.51.100.77".into(),
                indicator_id: "indicator--1".into(),
                indicator_name: None,
                score,
                tlp: Some(Tlp::Amber),
                sources: vec!["Health-ISAC".into()],
                sentence: "A device at 10.0.0.2 contacted 198.51.100.77, an address the shared intelligence links to LockBit.".into(),
                device: Some("10.0.0.2".into()),
                threats: vec!["LockBit".into()],
            },
            machine: "10.0.0.2".into(),
            time: "2026-12-03T10:00:00Z".into(),
        }
    }

    #[test]
    fn an_alert_message_says_what_where_what_to_do_source_and_tlp() {
        let m = alert_email(&note(Some(80)));
        assert!(
            m.subject.contains("10.0.0.2") && m.subject.contains("LockBit"),
            "{}",
            m.subject
        );
        for part in [
            "What happened",
            "What to do now",
            "Take 10.0.0.2 off the network",
            "Block 198.51.100.77",
            "Health-ISAC",
            "TLP:AMBER",
        ] {
            assert!(m.text.contains(part), "{part} in {}", m.text);
        }
        assert!(m.html.contains("<ol>"));
        assert!(is_urgent(&note(None).alert, DEFAULT_URGENT_SCORE));
        assert!(!is_urgent(&note(Some(10)).alert, DEFAULT_URGENT_SCORE));
        assert!(is_urgent(&note(Some(20)).alert, DEFAULT_URGENT_SCORE));
    }

    #[test]
    fn webhook_shapes() {
        let n = note(Some(80));
        let j = alert_webhook(WebhookKind::Json, &n);
        assert_eq!(j["machine"], "10.0.0.2");
        assert_eq!(j["indicator_id"], "indicator--1");
        assert!(j["what_to_do"].as_array().is_some_and(|a| a.len() == 4));
        let t = alert_webhook(WebhookKind::Teams, &n);
        assert_eq!(t["@type"], "MessageCard");
        assert!(t["sections"][1]["text"]
            .as_str()
            .unwrap()
            .contains("Block 198.51.100.77"));
        let s = alert_webhook(WebhookKind::Slack, &n);
        assert!(s["text"].as_str().unwrap().contains("LockBit"));
        assert_eq!(s["blocks"][0]["type"], "header");
    }

    #[test]
    fn a_kept_digest_alert_reads_back_with_its_channel_and_kind() {
        let n = note(Some(20));
        let value = serde_json::to_string(&n).unwrap();
        let key = Digest::setting_key("webhook[1]", true, 17);
        let (channel, held, back) = Digest::parse_setting(&key, &value).unwrap();
        assert_eq!((channel.as_str(), held), ("webhook[1]", true));
        assert_eq!(back.alert, n.alert);
        let key = Digest::setting_key("email", false, 18);
        assert!(!Digest::parse_setting(&key, &value).unwrap().1);
        assert!(Digest::parse_setting("watch/notify/digest/email/other/1", &value).is_none());
        assert!(Digest::parse_setting(&key, "not json").is_none());
        // Keys sort in arrival order.
        assert!(Digest::setting_key("email", false, 9) < Digest::setting_key("email", false, 10));
    }

    #[test]
    fn a_digest_lists_every_held_alert() {
        let d = Digest {
            low: vec![note(Some(20))],
            held: (0..45).map(|_| note(Some(90))).collect(),
            urgent_score: 50,
            max_per_hour: 20,
            ..Digest::default()
        };
        let m = digest_email(&d);
        assert!(m.subject.contains("46 alerts"), "{}", m.subject);
        assert!(
            m.text
                .contains("And 45 more alerts held back by the limit of 20"),
            "{}",
            m.text
        );
        assert_eq!(m.text.matches("\n- ").count(), 46);
        let s = digest_webhook(WebhookKind::Slack, &d);
        let held = s["blocks"][1]["text"]["text"].as_str().unwrap();
        assert!(held.chars().count() <= SLACK_TEXT, "{held}");
        let shown = held.matches("• ").count();
        assert!(shown > 0 && shown < 45, "{held}");
        assert!(
            held.contains(&format!("and {} more: the alerts file", 45 - shown)),
            "{held}"
        );
    }

    #[test]
    fn a_digest_keeps_a_bounded_number_of_alerts_and_counts_the_rest() {
        let mut d = Digest {
            urgent_score: 50,
            max_per_hour: 20,
            ..Digest::default()
        };
        for _ in 0..DIGEST_MAX_ALERTS {
            assert!(d.add(false, note(Some(20))));
        }
        // Beyond the bound: counted, not kept (so not kept in the store either).
        for _ in 0..250 {
            assert!(!d.add(false, note(Some(20))));
        }
        assert!(d.add(true, note(Some(90))));
        assert_eq!((d.low.len(), d.low_not_kept), (DIGEST_MAX_ALERTS, 250));
        let total = DIGEST_MAX_ALERTS + 250;
        let m = digest_email(&d);
        assert!(
            m.subject.contains(&format!("{} alerts", total + 1)),
            "{}",
            m.subject
        );
        assert!(m
            .text
            .contains(&format!("{total} alerts on indicators scored below 50")));
        assert!(
            m.text.contains("- and 250 more alerts not listed here"),
            "{}",
            m.text
        );
        assert_eq!(m.text.matches("\n- ").count(), DIGEST_MAX_ALERTS + 2);
        let j = digest_webhook(WebhookKind::Json, &d);
        assert_eq!(j["below_urgent_score_not_listed"], 250);
        assert_eq!(
            j["below_urgent_score"].as_array().unwrap().len(),
            DIGEST_MAX_ALERTS
        );
        let s = digest_webhook(WebhookKind::Slack, &d);
        let low = s["blocks"][2]["text"]["text"].as_str().unwrap();
        let shown = low.matches("• ").count() as u64;
        assert!(
            low.contains(&format!(
                "and {} more: the alerts file",
                total as u64 - shown
            )),
            "{low}"
        );
        // Sent: empty again, counts and all.
        d.clear();
        assert!(d.is_empty());
        assert!(d.add(false, note(Some(20))));
    }
}
