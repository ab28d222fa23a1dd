//! `ward share`: scrubs a sighting, bundle or narrative, shows exactly what will leave (a
//! diff of the scrubbed document against the original) and POSTs it to a TAXII 2.1
//! collection.
//!
//! A STIX file (bundle, object, array or envelope) is sent as its scrubbed objects. A text
//! file becomes one STIX `report` whose description is the scrubbed text and whose
//! `object_refs` are observables for the indicators the scrubber kept (built by
//! `ward_member::share`). Its timestamps are the file's modification time and its id is
//! derived from its content, so a dry run shows the very bytes a real run sends.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Context;
use clap::Args;
use serde_json::{json, Value};
use ward_member::share::{narrative_report, shareable_objects};
use ward_scrub::Scrubber;

use super::scrub::{parse_json, scrubber};
use crate::Global;

const TAXII_MEDIA_TYPE: &str = "application/taxii+json;version=2.1";

const SHARE_HELP: &str = "\
Scrubs the file with your organization's profile (`ward init`), shows the exact difference \
between what you wrote and what would leave, checks the hub, the token and the collection, \
then sends. Always look at the preview first with --dry-run.

Examples:
  ward share notes.txt --to https://hub.example.org/taxii2/api/ --collection ID --dry-run
  ward share notes.txt --to https://hub.example.org/taxii2/api/ --collection ID
  ward share sightings.json --to URL --collection ID --ca-cert hub-ca.pem

To look at it later, or have someone else approve it, queue it instead of sending:
  ward share notes.txt --to URL --collection ID --queue
  ward share queue                  # what waits: id, when, what, where to, size
  ward share queue show 1           # the exact preview, as --dry-run shows it
  ward share queue approve 1 --token T
  ward share queue discard 1

The collection id comes from `ward pull --from URL --list`.";

#[derive(Args, Debug)]
#[command(
    after_long_help = SHARE_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct ShareArgs {
    #[command(subcommand)]
    pub command: Option<ShareCommand>,
    /// The sighting or report to share: a STIX document, or a plain-text narrative
    #[arg(required = true)]
    pub file: Option<PathBuf>,
    /// TAXII API root URL of the hub
    #[arg(long, value_name = "URL", required = true)]
    pub to: Option<String>,
    /// Collection id
    #[arg(long, value_name = "ID", required = true)]
    pub collection: Option<String>,
    /// Show exactly what would leave and check the hub, the token and the collection; send
    /// nothing
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run: only the preview, without contacting the hub
    #[arg(long, requires = "dry_run")]
    pub offline: bool,
    /// Scrub now and keep the result in the approval queue instead of sending it
    /// (`ward share queue` lists it, `ward share queue approve ID` sends it)
    #[arg(long, conflicts_with = "dry_run")]
    pub queue: bool,
    /// Bearer token for the hub
    #[arg(long, env = "WARD_TOKEN", value_name = "T", hide_env_values = true)]
    pub token: Option<String>,
    /// Also trust the CA certificates in this PEM file (a hub with a self-signed or
    /// private-CA certificate)
    #[arg(long, env = "WARD_CA_CERT", value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Your organization's own domain (repeatable): its addresses and host names are removed
    #[arg(long = "org-domain", value_name = "D")]
    pub org_domains: Vec<String>,
    /// Your organization's own name (repeatable), removed wherever it appears
    #[arg(long = "org-name", value_name = "NAME")]
    pub org_names: Vec<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum ShareCommand {
    /// The approval queue: scrubbed shares waiting for you (`ward share FILE --queue`, and
    /// `ward watch` with `[share] mode = "queue"`)
    Queue(super::share_queue::QueueArgs),
}

/// Where a share goes and with which credentials.
pub struct Destination {
    /// The hub's TAXII API root.
    pub to: String,
    pub collection: String,
    pub token: Option<String>,
    pub ca_cert: Option<PathBuf>,
}

impl Destination {
    /// How the hub is asked: the token, if any.
    pub fn auth(&self) -> ward_feeds::taxii::Auth {
        match &self.token {
            Some(t) => ward_feeds::taxii::Auth::Bearer(t.clone()),
            None => ward_feeds::taxii::Auth::None,
        }
    }

    /// The collection's objects endpoint, where shares are POSTed.
    pub fn objects_url(&self) -> String {
        format!(
            "{}/collections/{}/objects/",
            self.to.trim_end_matches('/'),
            self.collection
        )
    }
}

/// A scrubbed document ready to leave: what was written, what is left, and the request body.
pub struct Prepared {
    /// The file's name (or what the document is), shown in the diff header.
    pub name: String,
    pub original: String,
    pub scrubbed: String,
    /// The TAXII envelope `{"objects": [...]}` that is POSTed.
    pub envelope: Value,
}

impl Prepared {
    pub fn objects(&self) -> &[Value] {
        self.envelope
            .get("objects")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
    }

    pub fn body(&self) -> anyhow::Result<String> {
        Ok(serde_json::to_string(&self.envelope)?)
    }
}

pub fn run(args: ShareArgs, global: &Global) -> anyhow::Result<ExitCode> {
    if let Some(ShareCommand::Queue(q)) = args.command {
        return super::share_queue::run(q, global);
    }
    let (Some(file), Some(to), Some(collection)) = (args.file, args.to, args.collection) else {
        anyhow::bail!("share: expected FILE --to URL --collection ID, or `ward share queue`");
    };
    let scrubber = scrubber(global, &args.org_domains, &args.org_names, true)?;
    let prepared = prepare_file(&file, &scrubber)?;
    let dest = Destination {
        to,
        collection,
        token: args.token,
        ca_cert: args.ca_cert,
    };
    let url = dest.objects_url();
    let body = prepared.body()?;
    if args.queue {
        return super::share_queue::enqueue_prepared(&prepared, &dest, global);
    }
    if global.json && args.dry_run {
        println!("{body}");
    } else if !global.json {
        print!("{}", preview(&prepared, &url, args.dry_run));
        if args.dry_run {
            println!("Dry run: nothing was sent. `ward --json share --dry-run ...` prints the exact request body.");
        }
    }
    // The hub, the token and the collection are checked before anything is sent, and on a
    // dry run too, so the real send does not fail with a bare 404.
    if args.offline {
        return Ok(ExitCode::SUCCESS);
    }
    check_destination(&dest)?;
    if args.dry_run {
        if !global.json {
            println!(
                "Checked: the hub answers, the token is accepted, and collection {} takes objects.",
                dest.collection
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let sent = post(&dest, &body)?;
    say_sent(&sent, global.json);
    Ok(ExitCode::SUCCESS)
}

/// Reads and scrubs a file as `ward share` sends it: a STIX document as its scrubbed
/// objects, a text as one report.
fn prepare_file(file: &Path, scrubber: &Scrubber) -> anyhow::Result<Prepared> {
    let bytes = crate::input::read_all(file)?;
    let name = file.display().to_string();
    let looks_json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['));
    if looks_json {
        let doc = parse_json(file, &bytes)?;
        return prepare_stix(&name, &doc, scrubber);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: byte {}: expected UTF-8 text or STIX JSON",
            e.utf8_error().valid_up_to()
        )
    })?;
    let out = scrubber.scrub_text(&text);
    let modified = std::fs::metadata(file)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| SystemTime::now());
    let report = narrative_report(&name, &text, modified, &out, scrubber)?;
    Ok(Prepared {
        name,
        original: text,
        scrubbed: out.text,
        envelope: json!({ "objects": report }),
    })
}

/// Scrubs a STIX document (`name` says what it is) into the objects that would leave. The
/// watch's sightings pass here too, so they leave only as a shared file would.
pub fn prepare_stix(name: &str, doc: &Value, scrubber: &Scrubber) -> anyhow::Result<Prepared> {
    let out = scrubber.scrub_stix(doc).with_context(|| name.to_string())?;
    let objects = shareable_objects(&out.document);
    if objects.is_empty() {
        anyhow::bail!("{name}: nothing is left to share once internal objects are dropped");
    }
    Ok(Prepared {
        name: name.to_string(),
        original: serde_json::to_string_pretty(doc)? + "\n",
        scrubbed: serde_json::to_string_pretty(&out.document)? + "\n",
        envelope: json!({ "objects": objects }),
    })
}

/// The hub answers at `to`, the token is accepted, and the collection exists and may be
/// written to by this caller.
pub fn check_destination(dest: &Destination) -> anyhow::Result<()> {
    let client = ward_feeds::taxii::Client::with_ca_cert(dest.auth(), dest.ca_cert.as_deref())?;
    check_destination_with(dest, &client)
}

/// [`check_destination`] asking with `client`.
pub fn check_destination_with(
    dest: &Destination,
    client: &ward_feeds::taxii::Client,
) -> anyhow::Result<()> {
    let refused = |e: &ward_feeds::FeedsError| {
        matches!(
            e,
            ward_feeds::FeedsError::HttpStatus {
                status: 401 | 403,
                ..
            }
        )
    };
    let root = match client.api_root(&dest.to) {
        Ok(root) => root,
        Err(e) if refused(&e) && dest.token.is_none() => {
            anyhow::bail!(
                "--to {}: the hub asks for a token: give --token or set WARD_TOKEN ({e})",
                dest.to
            )
        }
        Err(e) if refused(&e) => {
            anyhow::bail!(
                "--to {}: the hub did not accept the token (--token or WARD_TOKEN): {e}",
                dest.to
            )
        }
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!(
            "--to {}: expected the hub's TAXII API root (like https://hub.example.org/taxii2/api/)",
            dest.to
        )))
        }
    };
    let collection = client.collection(&root, &dest.collection).with_context(|| {
        format!(
            "--collection {}: not a collection this token can see at {root}; `ward pull --from {} --list` lists them",
            dest.collection, dest.to
        )
    })?;
    if collection.get("can_write").and_then(Value::as_bool) == Some(false) {
        anyhow::bail!(
            "--collection {}: this token may read it but not add to it; ask the hub's operator for write access",
            dest.collection
        );
    }
    Ok(())
}

/// What `--dry-run` shows and the queue keeps: the diff of the scrubbed document against
/// the original, then the objects that would leave and where to.
pub fn preview(prepared: &Prepared, url: &str, dry_run: bool) -> String {
    use std::fmt::Write as _;
    let name = &prepared.name;
    let mut out = String::new();
    let diff = similar::TextDiff::from_lines(&prepared.original, &prepared.scrubbed);
    let _ = writeln!(
        out,
        "What will leave, as a diff of the scrubbed document (+) against {name} (-):"
    );
    let _ = write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(name, "scrubbed")
    );
    if prepared.original == prepared.scrubbed {
        let _ = writeln!(out, "(the scrubber changed nothing)");
    }
    let objects = prepared.objects();
    let verb = if dry_run {
        "would be sent"
    } else {
        "will be sent"
    };
    let _ = writeln!(out, "{} STIX object(s) {verb} to {url}:", objects.len());
    for o in objects {
        let id = o.get("id").and_then(Value::as_str).unwrap_or("?");
        let shown = o
            .get("value")
            .or_else(|| o.get("hashes"))
            .or_else(|| o.get("name"));
        let _ = writeln!(
            out,
            "  {id} {}",
            shown.map_or(String::new(), Value::to_string)
        );
    }
    out
}

/// The hub's answer to a POST it accepted.
pub struct Sent {
    pub code: u16,
    pub response: Value,
}

impl Sent {
    fn count(&self, key: &str) -> u64 {
        self.response.get(key).and_then(Value::as_u64).unwrap_or(0)
    }

    /// One line for a person: the HTTP status and the TAXII status counts.
    pub fn summary(&self) -> String {
        let status = self
            .response
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        format!(
            "HTTP {}, status {status} (success {}, failure {}, pending {})",
            self.code,
            self.count("success_count"),
            self.count("failure_count"),
            self.count("pending_count")
        )
    }
}

/// POSTs `body` to the destination's collection; an error unless the hub accepted it.
pub fn post(dest: &Destination, body: &str) -> anyhow::Result<Sent> {
    post_within(dest, body, std::time::Duration::from_secs(60))
}

/// [`post`], given up after `timeout` (the web pages' approve button waits less than the
/// command line).
pub fn post_within(
    dest: &Destination,
    body: &str,
    timeout: std::time::Duration,
) -> anyhow::Result<Sent> {
    let url = dest.objects_url();
    let agent = ward_feeds::net::agent_builder(dest.ca_cert.as_deref())?.build();
    let mut request = agent
        .post(&url)
        .set("Content-Type", TAXII_MEDIA_TYPE)
        .set("Accept", TAXII_MEDIA_TYPE)
        .timeout(timeout);
    if let Some(token) = &dest.token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    let (code, text) = match request.send_string(body) {
        Ok(resp) => {
            let code = resp.status();
            (code, resp.into_string().unwrap_or_default())
        }
        Err(ureq::Error::Status(code, resp)) => (code, resp.into_string().unwrap_or_default()),
        Err(ureq::Error::Transport(t)) => {
            let (message, _) = ward_feeds::net::explain_transport(&url, &t);
            anyhow::bail!("POST {url}: {message}");
        }
    };
    let response: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if !(200..300).contains(&code) {
        let title = response.get("title").and_then(Value::as_str).unwrap_or("");
        anyhow::bail!("POST {url}: HTTP {code}: the hub refused the objects {title}");
    }
    Ok(Sent { code, response })
}

/// Prints the hub's answer: as JSON with `--json`, else one line.
pub fn say_sent(sent: &Sent, json_out: bool) {
    if json_out {
        println!(
            "{}",
            json!({ "http_status": sent.code, "response": sent.response })
        );
    } else {
        println!("Sent: {}", sent.summary());
    }
}
