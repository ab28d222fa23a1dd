//! Telling people about alerts: e-mail (SMTP through lettre, on rustls + ring) and webhooks
//! (JSON, Teams, Slack through ureq). The follower hands each alert to a bounded channel
//! and never waits; one delivery thread decides (urgent now, or the daily digest; the
//! hourly limit per channel), composes with `ward_member::watch::notify`, sends, and retries
//! with a growing pause while a server is down. The weekly plan goes out from the same
//! thread, remembered in the store so a restart does not send it twice.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};
use serde_json::Value;
use ward_member::watch::notify::{
    self as compose, AlertNote, Digest, EmailConfig, Message, NotifyConfig, RateLimit, Security,
    WebhookConfig, WebhookKind, DIGEST_SETTINGS, WEEKLY_PLAN_SETTING,
};
use ward_member::DataDir;
use ward_store::Store;

/// Alerts waiting for the delivery thread; beyond this the follower drops the message (the
/// alert itself is in the alerts file) rather than wait.
const QUEUE: usize = 4096;
/// How long, once stopping, the delivery thread waits for the main loop's last alerts (it is
/// less than the grace `Notifier::finish` is given at stop).
const STOP_DRAIN: Duration = Duration::from_secs(2);
/// How long one send may take before it counts as failed.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// The first pause after a failure; doubled each time up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// A message the server refuses for good (a 4xx webhook answer, a 5xx SMTP reply) is tried
/// this many times and then given up, said on stderr.
const PERMANENT_TRIES: u32 = 3;
/// How often the weekly plan's time is checked.
const WEEKLY_EVERY: Duration = Duration::from_secs(20);

/// Messages sent and failed per channel, for `/healthz`.
#[derive(Default)]
pub struct NotifyStats {
    counts: Mutex<BTreeMap<String, (u64, u64)>>,
    dropped: AtomicU64,
}

impl NotifyStats {
    fn add(&self, channel: &str, sent: u64, failed: u64) {
        if let Ok(mut c) = self.counts.lock() {
            let e = c.entry(channel.to_string()).or_default();
            e.0 += sent;
            e.1 += failed;
        }
    }

    /// `(notify_sent, notify_failed)`: objects keyed by channel name.
    pub fn json(&self) -> (Value, Value) {
        let c = self.counts.lock().map(|c| c.clone()).unwrap_or_default();
        let sent = c
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.0)))
            .collect();
        let failed = c
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.1)))
            .collect();
        (Value::Object(sent), Value::Object(failed))
    }
}

/// The follower's handle: hands alerts over without waiting.
pub struct Notifier {
    tx: Option<SyncSender<AlertNote>>,
    pub stats: Arc<NotifyStats>,
    delivery: Option<std::thread::JoinHandle<()>>,
}

impl Notifier {
    /// Reads the secrets and certificates the channels need (so a missing password file
    /// stops the start, not the first alert) and starts the delivery thread. With no
    /// channel configured, alerts stay in the alerts file only.
    pub fn start(
        data: &DataDir,
        store: Arc<dyn Store>,
        config: &NotifyConfig,
        digest_every: Option<Duration>,
        stop: Arc<AtomicBool>,
    ) -> anyhow::Result<Notifier> {
        let stats = Arc::new(NotifyStats::default());
        if config.is_empty() {
            return Ok(Notifier {
                tx: None,
                stats,
                delivery: None,
            });
        }
        let mut channels = Vec::new();
        if let Some(e) = &config.email {
            channels.push(Channel::new("email".into(), email_sender(e)?, config));
        }
        for (n, w) in config.webhooks.iter().enumerate() {
            channels.push(Channel::new(
                format!("webhook[{n}]"),
                webhook_sender(w)?,
                config,
            ));
        }
        for c in &channels {
            stats.add(&c.name, 0, 0);
        }
        let weekly = config
            .email
            .as_ref()
            .and_then(|e| e.weekly_plan)
            .map(|w| Weekly {
                when: w,
                data: data.clone(),
                store: store.clone(),
                queued: None,
                last_check: None,
            });
        let (tx, rx) = sync_channel(QUEUE);
        let mut delivery = Delivery {
            channels,
            urgent_score: config.urgent_score,
            digest_at: config.digest_at,
            digest_every,
            next_digest: None,
            weekly,
            stats: stats.clone(),
            store,
            kept: 0,
        };
        delivery.restore_digests();
        delivery.schedule_digest();
        let handle = std::thread::spawn(move || delivery.run(&rx, &stop));
        Ok(Notifier {
            tx: Some(tx),
            stats,
            delivery: Some(handle),
        })
    }

    /// On stop: gives the delivery thread up to `grace` to send what waits (the digest's
    /// alerts included), so a restart loses as little as possible.
    pub fn finish(mut self, grace: Duration) {
        self.tx = None;
        let Some(handle) = self.delivery.take() else {
            return;
        };
        let until = Instant::now() + grace;
        while !handle.is_finished() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
        }
        if !handle.is_finished() {
            say!("watch: some notifications could not be sent before stopping; the alerts are in the alerts file");
        }
    }

    /// Hands one alert to the delivery thread; never blocks.
    pub fn alert(&self, alert: &ward_detect::Alert, machine: &str) {
        let Some(tx) = &self.tx else { return };
        let note = AlertNote {
            alert: alert.clone(),
            machine: machine.to_string(),
            time: ward_member::journal::now().to_string(),
        };
        match tx.try_send(note) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                if self.stats.dropped.fetch_add(1, Ordering::Relaxed) == 0 {
                    say!("watch: notifications are behind (the mail or webhook server is slow); alerts stay in the alerts file");
                }
            }
            Err(TrySendError::Disconnected(_)) => {}
        }
    }
}

/// How a channel sends.
enum Sender {
    Email {
        transport: Box<SmtpTransport>,
        from: Mailbox,
        to: Vec<Mailbox>,
    },
    Webhook {
        agent: ureq::Agent,
        url: String,
        kind: WebhookKind,
        token: Option<String>,
    },
}

fn read_secret(path: &std::path::Path, key: &str) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!("{key}: cannot read {}; write the secret alone in that file (relative to the data folder)", path.display())
    })?;
    let secret = text.trim_end_matches(['\r', '\n']).to_string();
    if secret.is_empty() {
        anyhow::bail!("{key}: {} is empty; write the secret in it", path.display());
    }
    Ok(secret)
}

fn email_sender(e: &EmailConfig) -> anyhow::Result<Sender> {
    let mailbox = |key: &str, a: &str| {
        a.parse::<Mailbox>().with_context(|| {
            format!("watch.toml: email.{key}: \"{a}\" is not an e-mail address lettre can send to")
        })
    };
    let from = mailbox("from", &e.from)?;
    let to =
        e.to.iter()
            .map(|a| mailbox("to", a))
            .collect::<anyhow::Result<Vec<_>>>()?;
    let tls = match e.security {
        Security::None => Tls::None,
        Security::Starttls => Tls::Required(tls_parameters(e)?),
        Security::Tls => Tls::Wrapper(tls_parameters(e)?),
    };
    let mut builder = SmtpTransport::builder_dangerous(e.smtp_host.clone())
        .port(e.smtp_port)
        .tls(tls)
        .timeout(Some(SEND_TIMEOUT));
    if let Some((user, file)) = &e.login {
        let password = read_secret(file, "email.password_file")?;
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    Ok(Sender::Email {
        transport: Box::new(builder.build()),
        from,
        to,
    })
}

/// The public roots, plus the private CA of `ca_cert` when set.
fn tls_parameters(e: &EmailConfig) -> anyhow::Result<TlsParameters> {
    let mut b = TlsParameters::builder(e.smtp_host.clone());
    if let Some(ca) = &e.ca_cert {
        let pem = std::fs::read(ca)
            .with_context(|| format!("email.ca_cert: cannot read {}", ca.display()))?;
        let cert = Certificate::from_pem(&pem).map_err(|err| {
            anyhow::anyhow!(
                "email.ca_cert: {}: expected a PEM certificate: {err}",
                ca.display()
            )
        })?;
        b = b.add_root_certificate(cert);
    }
    b.build_rustls()
        .map_err(|err| anyhow::anyhow!("email: TLS settings for {}: {err}", e.smtp_host))
}

fn webhook_sender(w: &WebhookConfig) -> anyhow::Result<Sender> {
    let token = w
        .token_file
        .as_ref()
        .map(|f| read_secret(f, "webhook.token_file"))
        .transpose()?;
    let agent = ureq::AgentBuilder::new()
        .timeout(SEND_TIMEOUT)
        .redirects(0)
        .build();
    Ok(Sender::Webhook {
        agent,
        url: w.url.clone(),
        kind: w.kind,
        token,
    })
}

/// Why a send failed, and whether trying again can help.
struct Failure {
    reason: String,
    permanent: bool,
}

impl Sender {
    fn send(&self, payload: &Payload) -> Result<(), Failure> {
        match (self, payload) {
            (
                Sender::Email {
                    transport,
                    from,
                    to,
                },
                Payload::Email(m),
            ) => {
                let mut b = lettre::Message::builder()
                    .from(from.clone())
                    .subject(m.subject.clone());
                for t in to {
                    b = b.to(t.clone());
                }
                let email = b
                    .multipart(MultiPart::alternative_plain_html(
                        m.text.clone(),
                        m.html.clone(),
                    ))
                    .map_err(|e| Failure {
                        reason: format!("composing the e-mail: {e}"),
                        permanent: true,
                    })?;
                transport.send(&email).map(|_| ()).map_err(|e| Failure {
                    reason: format!("{e}"),
                    permanent: e.is_permanent(),
                })
            }
            (
                Sender::Webhook {
                    agent, url, token, ..
                },
                Payload::Json(v),
            ) => {
                let mut req = agent.post(url).set("content-type", "application/json");
                if let Some(t) = token {
                    req = req.set("authorization", &format!("Bearer {t}"));
                }
                match req.send_string(&v.to_string()) {
                    Ok(_) => Ok(()),
                    Err(ureq::Error::Status(code, _)) => Err(Failure {
                        reason: format!("the server answered HTTP {code}"),
                        permanent: (400..500).contains(&code) && code != 408 && code != 429,
                    }),
                    Err(e) => Err(Failure {
                        reason: e.to_string(),
                        permanent: false,
                    }),
                }
            }
            _ => Err(Failure {
                reason: "a message of the wrong kind for this channel".into(),
                permanent: true,
            }),
        }
    }

    fn alert_payload(&self, note: &AlertNote) -> Payload {
        match self {
            Sender::Email { .. } => Payload::Email(compose::alert_email(note)),
            Sender::Webhook { kind, .. } => Payload::Json(compose::alert_webhook(*kind, note)),
        }
    }

    fn digest_payload(&self, d: &Digest) -> Payload {
        match self {
            Sender::Email { .. } => Payload::Email(compose::digest_email(d)),
            Sender::Webhook { kind, .. } => Payload::Json(compose::digest_webhook(*kind, d)),
        }
    }
}

enum Payload {
    Email(Message),
    Json(Value),
}

struct Pending {
    payload: Payload,
    tries: u32,
    /// The weekly plan's instant, recorded in the store once it is sent.
    weekly_key: Option<String>,
    /// A digest's alerts kept in the store, removed once it is sent (or given up).
    digest_keys: Vec<String>,
}

/// One e-mail address list or webhook, with its limit, digest and waiting messages.
struct Channel {
    name: String,
    sender: Sender,
    limit: RateLimit,
    digest: Digest,
    outbox: VecDeque<Pending>,
    next_try: Instant,
    backoff: Duration,
}

impl Channel {
    fn new(name: String, sender: Sender, config: &NotifyConfig) -> Channel {
        Channel {
            name,
            sender,
            limit: RateLimit::new(config.max_per_hour),
            digest: Digest {
                urgent_score: config.urgent_score,
                max_per_hour: config.max_per_hour,
                ..Digest::default()
            },
            outbox: VecDeque::new(),
            next_try: Instant::now(),
            backoff: FIRST_BACKOFF,
        }
    }

    fn push(&mut self, payload: Payload, weekly_key: Option<String>) {
        self.outbox.push_back(Pending {
            payload,
            tries: 0,
            weekly_key,
            digest_keys: Vec::new(),
        });
    }

    /// Sends what waits, in order, until the outbox is empty or a send fails.
    fn flush(&mut self, stats: &NotifyStats, store: Option<&dyn Store>) {
        while Instant::now() >= self.next_try {
            let Some(p) = self.outbox.front_mut() else {
                return;
            };
            p.tries += 1;
            match self.sender.send(&p.payload) {
                Ok(()) => {
                    stats.add(&self.name, 1, 0);
                    self.backoff = FIRST_BACKOFF;
                    if let (Some(key), Some(store)) = (&p.weekly_key, store) {
                        if let Err(e) = store.set_setting(WEEKLY_PLAN_SETTING, Some(key)) {
                            say!("watch: the weekly plan was sent but could not be recorded: {e}");
                        }
                    }
                    forget_digest(store, &p.digest_keys);
                    self.outbox.pop_front();
                }
                Err(f) => {
                    stats.add(&self.name, 0, 1);
                    if f.permanent && p.tries >= PERMANENT_TRIES {
                        say!(
                            "watch: {}: giving up on a message after {} tries: {} (the alert stays in the alerts file)",
                            self.name, p.tries, f.reason
                        );
                        forget_digest(store, &p.digest_keys);
                        self.outbox.pop_front();
                        continue;
                    }
                    say!(
                        "watch: {}: could not send ({}); trying again in {} s",
                        self.name,
                        f.reason,
                        self.backoff.as_secs()
                    );
                    self.next_try = Instant::now() + self.backoff;
                    self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
                    return;
                }
            }
        }
    }
}

/// Removes a sent digest's alerts from the store.
fn forget_digest(store: Option<&dyn Store>, keys: &[String]) {
    let Some(store) = store else { return };
    for key in keys {
        if let Err(e) = store.set_setting(key, None) {
            say!("watch: a digest was sent but its alerts could not be removed from the store, so the next start may send them again: {e}");
            return;
        }
    }
}

/// The weekly plan by e-mail.
struct Weekly {
    when: compose::Weekly,
    data: DataDir,
    store: Arc<dyn Store>,
    /// The instant whose plan waits in the outbox.
    queued: Option<String>,
    last_check: Option<Instant>,
}

impl Weekly {
    /// The plan's e-mail when one is due and not yet sent (nor waiting).
    fn due(&mut self) -> Option<(Message, String)> {
        if self.last_check.is_some_and(|t| t.elapsed() < WEEKLY_EVERY) {
            return None;
        }
        self.last_check = Some(Instant::now());
        let key = compose::weekly_key(compose::weekly_due(self.when, local_now()));
        let sent = self.store.setting(WEEKLY_PLAN_SETTING).ok().flatten();
        if sent.is_some_and(|s| s >= key) || self.queued.as_ref() == Some(&key) {
            return None;
        }
        match self.plan_markdown() {
            Ok((date, md)) => {
                self.queued = Some(key.clone());
                Some((compose::plan_email(&date, &md), key))
            }
            Err(e) => {
                say!("watch: the weekly plan could not be made: {e:#}");
                None
            }
        }
    }

    /// The same Markdown `ward report --format md` prints today.
    fn plan_markdown(&self) -> anyhow::Result<(String, String)> {
        let date: String = ward_member::journal::now()
            .to_string()
            .chars()
            .take(10)
            .collect();
        let org = self
            .data
            .org_profile()
            .ok()
            .flatten()
            .map(|p| p.name)
            .unwrap_or_else(|| "Your organization".to_string());
        let input = self.data.plan_input(&org, &date)?;
        let plan = ward_plan::build(&input);
        self.data.save_plan(&date, &plan)?;
        Ok((date, ward_plan::render(&plan, ward_plan::Format::Markdown)))
    }
}

/// Keeps one alert of a channel's digest in the store until the digest is sent, so a crash
/// loses none; the number after the time orders alerts of the same nanosecond.
fn keep(store: &dyn Store, kept: &mut u128, c: &mut Channel, held: bool, note: &AlertNote) {
    *kept += 1;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let key = Digest::setting_key(&c.name, held, now * 1000 + *kept % 1000);
    let saved = serde_json::to_string(note)
        .map_err(|e| e.to_string())
        .and_then(|v| store.set_setting(&key, Some(&v)).map_err(|e| e.to_string()));
    match saved {
        Ok(()) => c.digest.keys.push(key),
        Err(e) => say!("watch: {}: an alert for the digest could not be kept in the store (it is in the alerts file): {e}", c.name),
    }
}

/// Local time, which is what `digest_at` and `weekly_plan` are written in.
fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

struct Delivery {
    channels: Vec<Channel>,
    urgent_score: u8,
    digest_at: chrono::NaiveTime,
    /// Set by the hidden `--digest-every`: a digest every so often instead of daily.
    digest_every: Option<Duration>,
    next_digest: Option<Instant>,
    weekly: Option<Weekly>,
    stats: Arc<NotifyStats>,
    /// Keeps the digests' alerts until they are sent.
    store: Arc<dyn Store>,
    /// Numbers the kept alerts in arrival order.
    kept: u128,
}

impl Delivery {
    fn run(&mut self, rx: &Receiver<AlertNote>, stop: &AtomicBool) {
        while !stop.load(Ordering::SeqCst) {
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(note) => {
                    self.dispatch(&note);
                    while let Ok(more) = rx.try_recv() {
                        self.dispatch(&more);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if self.next_digest.is_some_and(|t| Instant::now() >= t) {
                self.send_digests();
                self.schedule_digest();
            }
            self.weekly_plan();
            for c in &mut self.channels {
                c.flush(&self.stats, Some(&*self.store));
            }
        }
        // Stopping: the main loop may still hand over the alerts of its last lines until it
        // drops the sender (`Notifier::finish`), so they are taken until then (within a
        // bound, in case it never does); then what waited for the digest goes now rather
        // than be lost, and every channel gets one more try whatever its pause.
        let until = Instant::now() + STOP_DRAIN;
        while let Ok(more) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
            self.dispatch(&more);
        }
        self.send_digests();
        for c in &mut self.channels {
            c.next_try = Instant::now();
            c.flush(&self.stats, Some(&*self.store));
        }
    }

    /// Urgent and within the hour's limit: out now; otherwise into the digest.
    fn dispatch(&mut self, note: &AlertNote) {
        let urgent = compose::is_urgent(&note.alert, self.urgent_score);
        for c in &mut self.channels {
            if !urgent {
                // Beyond the digest's bound an alert is counted, not kept (in memory or in
                // the store): it is in the alerts file.
                if c.digest.add(false, note.clone()) {
                    keep(&*self.store, &mut self.kept, c, false, note);
                }
            } else if c.limit.allow(Instant::now()) {
                let payload = c.sender.alert_payload(note);
                c.push(payload, None);
            } else {
                if c.digest.held.is_empty() {
                    say!(
                        "watch: {}: the limit of messages an hour is reached; further alerts wait for the digest",
                        c.name
                    );
                }
                if c.digest.add(true, note.clone()) {
                    keep(&*self.store, &mut self.kept, c, true, note);
                }
            }
        }
    }

    /// Reads back the digests' alerts a crash (or a failed send at the last stop) left in
    /// the store; a channel no longer configured has its alerts removed.
    fn restore_digests(&mut self) {
        let kept = match self.store.settings(DIGEST_SETTINGS) {
            Ok(kept) => kept,
            Err(e) => {
                say!("watch: the alerts waiting for the digest could not be read back: {e}");
                return;
            }
        };
        let mut restored = 0usize;
        let mut gone = Vec::new();
        for (key, value) in kept {
            let found = Digest::parse_setting(&key, &value).and_then(|(name, held, note)| {
                let c = self.channels.iter_mut().find(|c| c.name == name)?;
                // More than a digest keeps (an older version kept every one): counted,
                // and removed from the store.
                c.digest.add(held, note).then_some(())?;
                c.digest.keys.push(key.clone());
                Some(())
            });
            match found {
                Some(()) => restored += 1,
                None => gone.push(key),
            }
        }
        forget_digest(Some(&*self.store), &gone);
        if restored > 0 {
            let s = if restored == 1 { "" } else { "s" };
            say!("watch: {restored} alert{s} kept for the digest before the last stop will go with the next digest");
        }
    }

    fn send_digests(&mut self) {
        for c in &mut self.channels {
            if c.digest.is_empty() {
                continue;
            }
            let payload = c.sender.digest_payload(&c.digest);
            c.push(payload, None);
            if let Some(p) = c.outbox.back_mut() {
                p.digest_keys = std::mem::take(&mut c.digest.keys);
            }
            c.digest.clear();
        }
    }

    fn schedule_digest(&mut self) {
        let wait = match self.digest_every {
            Some(every) => every,
            None => {
                let now = local_now();
                (compose::next_daily(self.digest_at, now) - now)
                    .to_std()
                    .unwrap_or(Duration::from_secs(60))
            }
        };
        self.next_digest = Some(Instant::now() + wait);
    }

    fn weekly_plan(&mut self) {
        let Some(w) = &mut self.weekly else { return };
        let Some((message, key)) = w.due() else {
            return;
        };
        if let Some(c) = self
            .channels
            .iter_mut()
            .find(|c| matches!(c.sender, Sender::Email { .. }))
        {
            c.push(Payload::Email(message), Some(key));
        }
    }
}

/// For `--check-config`: reads the password and token files and the CA certificate as a
/// start would, so a missing file is found before the service is started.
pub fn check_files(config: &NotifyConfig) -> anyhow::Result<()> {
    if let Some(e) = &config.email {
        email_sender(e)?;
    }
    for w in &config.webhooks {
        webhook_sender(w)?;
    }
    Ok(())
}

/// What `--check-config` says about notifications.
pub fn describe(config: &NotifyConfig) -> Vec<String> {
    let mut out = Vec::new();
    if config.is_empty() {
        out.push(
            "no notifications ([email] or [[webhook]] not set): alerts go to the alerts file only"
                .into(),
        );
        return out;
    }
    if let Some(e) = &config.email {
        let security = match e.security {
            Security::Starttls => "STARTTLS",
            Security::Tls => "TLS",
            Security::None => "no encryption (this machine only)",
        };
        let login = match &e.login {
            Some((u, f)) => format!(
                ", login {u} (password in {}{})",
                f.display(),
                if f.exists() { "" } else { ": MISSING" }
            ),
            None => ", no login".to_string(),
        };
        out.push(format!(
            "e-mail to {} through {}:{} with {security}{login}",
            e.to.join(", "),
            e.smtp_host,
            e.smtp_port
        ));
        if let Some(w) = e.weekly_plan {
            out.push(format!(
                "weekly plan by e-mail on {} at {}",
                w.day,
                w.at.format("%H:%M")
            ));
        }
    }
    for (n, w) in config.webhooks.iter().enumerate() {
        let token = match &w.token_file {
            Some(f) => format!(
                ", token in {}{}",
                f.display(),
                if f.exists() { "" } else { ": MISSING" }
            ),
            None => String::new(),
        };
        out.push(format!(
            "webhook[{n}] ({}) to {}{token}",
            w.kind.name(),
            url_shown(&w.url)
        ));
    }
    out.push(format!(
        "alerts scored {} or more go out at once (at most {} an hour per channel); the rest in a daily digest at {}",
        config.urgent_score,
        config.max_per_hour,
        config.digest_at.format("%H:%M")
    ));
    out
}

/// `https://host/…`: a webhook's path often is its secret (Slack, Teams), so it is not shown.
fn url_shown(url: &str) -> String {
    let mut parts = url.splitn(4, '/');
    let (scheme, _, host) = (
        parts.next().unwrap_or(""),
        parts.next(),
        parts.next().unwrap_or(""),
    );
    match parts.next() {
        Some(rest) if !rest.is_empty() => format!("{scheme}//{host}/…"),
        _ => format!("{scheme}//{host}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ward_member::watch::notify::DIGEST_MAX_ALERTS;

    fn low(n: usize) -> AlertNote {
        let value = format!("198.51.{}.{}", n / 256, n % 256);
        AlertNote {
            alert: ward_detect::Alert {
                file: "syslog".into(),
                line: 1,
                timestamp: None,
                field: "dst".into(),
                value: value.clone(),
                indicator_id: format!("indicator--{n}"),
                indicator_name: None,
                score: Some(5),
                tlp: None,
                sources: Vec::new(),
                sentence: format!("A device at 10.0.0.1 contacted {value}."),
                device: Some("10.0.0.1".into()),
                threats: Vec::new(),
            },
            machine: "10.0.0.1".into(),
            time: "2026-12-04T10:00:00Z".into(),
        }
    }

    fn delivery(store: Arc<dyn Store>) -> Delivery {
        let config = NotifyConfig::default();
        let webhook = WebhookConfig {
            // Never called: nothing is flushed here.
            url: "http://127.0.0.1:9/".into(),
            kind: WebhookKind::Json,
            token_file: None,
        };
        let channel = Channel::new(
            "webhook[0]".into(),
            webhook_sender(&webhook).unwrap(),
            &config,
        );
        Delivery {
            channels: vec![channel],
            urgent_score: config.urgent_score,
            digest_at: config.digest_at,
            digest_every: None,
            next_digest: None,
            weekly: None,
            stats: Arc::new(NotifyStats::default()),
            store,
            kept: 0,
        }
    }

    #[test]
    fn a_day_of_low_alerts_keeps_a_bounded_digest_in_memory_and_in_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> = Arc::new(ward_store::SqliteStore::open(dir.path()).unwrap());
        let mut d = delivery(store.clone());
        for n in 0..DIGEST_MAX_ALERTS + 300 {
            d.dispatch(&low(n));
        }
        let digest = &d.channels[0].digest;
        assert_eq!(digest.low.len(), DIGEST_MAX_ALERTS);
        assert_eq!(digest.low_not_kept, 300);
        assert_eq!(digest.keys.len(), DIGEST_MAX_ALERTS);
        assert_eq!(
            store.settings(DIGEST_SETTINGS).unwrap().len(),
            DIGEST_MAX_ALERTS
        );
        // Settings an older version kept beyond the bound are read back up to it; the rest
        // are counted and removed from the store.
        for n in 0..200u128 {
            let key = Digest::setting_key("webhook[0]", false, 10_u128.pow(30) + n);
            let value = serde_json::to_string(&low(n as usize)).unwrap();
            store.set_setting(&key, Some(&value)).unwrap();
        }
        let mut again = delivery(store.clone());
        again.restore_digests();
        let digest = &again.channels[0].digest;
        assert_eq!(
            (digest.low.len(), digest.low_not_kept),
            (DIGEST_MAX_ALERTS, 200)
        );
        assert_eq!(
            store.settings(DIGEST_SETTINGS).unwrap().len(),
            DIGEST_MAX_ALERTS
        );
        // Sent: the digest starts again from nothing.
        again.send_digests();
        assert!(again.channels[0].digest.is_empty());
        assert_eq!(again.channels[0].outbox.len(), 1);
    }
}
