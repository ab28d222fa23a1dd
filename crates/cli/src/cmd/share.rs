//! `ward share`: scrubs a sighting, bundle or narrative, shows exactly what will leave (a
//! diff of the scrubbed document against the original) and POSTs it to a TAXII 2.1
//! collection.
//!
//! A STIX file (bundle, object, array or envelope) is sent as its scrubbed objects. A text
//! file becomes one STIX `report` whose description is the scrubbed text and whose
//! `object_refs` are observables for the indicators the scrubber kept (built by
//! `ward_member::share`). Its timestamps are the file's modification time and its id is
//! derived from its content, so a dry run shows the very bytes a real run sends.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use anyhow::Context;
use clap::Args;
use serde_json::{json, Value};
use ward_member::share::{narrative_report, shareable_objects};

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

The collection id comes from `ward pull --from URL --list`.";

#[derive(Args, Debug)]
#[command(after_long_help = SHARE_HELP)]
pub struct ShareArgs {
    /// The sighting or report to share: a STIX document, or a plain-text narrative
    pub file: PathBuf,
    /// TAXII API root URL of the hub
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Collection id
    #[arg(long, value_name = "ID")]
    pub collection: String,
    /// Show exactly what would leave and check the hub, the token and the collection; send
    /// nothing
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run: only the preview, without contacting the hub
    #[arg(long, requires = "dry_run")]
    pub offline: bool,
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

pub fn run(args: ShareArgs, global: &Global) -> anyhow::Result<ExitCode> {
    let scrubber = scrubber(global, &args.org_domains, &args.org_names, true)?;
    let bytes = crate::input::read_all(&args.file)?;
    let name = args.file.display().to_string();
    let looks_json = bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['));
    let (original, scrubbed, envelope) = if looks_json {
        let doc = parse_json(&args.file, &bytes)?;
        let out = scrubber.scrub_stix(&doc).with_context(|| name.clone())?;
        let objects = shareable_objects(&out.document);
        if objects.is_empty() {
            anyhow::bail!("{name}: nothing is left to share once internal objects are dropped");
        }
        let original = serde_json::to_string_pretty(&doc)? + "\n";
        let scrubbed = serde_json::to_string_pretty(&out.document)? + "\n";
        (original, scrubbed, json!({ "objects": objects }))
    } else {
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!(
                "{name}: byte {}: expected UTF-8 text or STIX JSON",
                e.utf8_error().valid_up_to()
            )
        })?;
        let out = scrubber.scrub_text(&text);
        let modified = std::fs::metadata(&args.file)
            .and_then(|m| m.modified())
            .unwrap_or_else(|_| SystemTime::now());
        let report = narrative_report(&name, &text, modified, &out, &scrubber)?;
        (text.clone(), out.text.clone(), json!({ "objects": report }))
    };

    let url = format!(
        "{}/collections/{}/objects/",
        args.to.trim_end_matches('/'),
        args.collection
    );
    let body = serde_json::to_string(&envelope)?;
    if global.json && args.dry_run {
        println!("{body}");
    } else if !global.json {
        print_preview(&name, &original, &scrubbed, &url, &envelope, args.dry_run);
    }
    // The hub, the token and the collection are checked before anything is sent, and on a
    // dry run too, so the real send does not fail with a bare 404.
    if args.offline {
        return Ok(ExitCode::SUCCESS);
    }
    check_destination(&args)?;
    if args.dry_run {
        if !global.json {
            println!(
                "Checked: the hub answers, the token is accepted, and collection {} takes objects.",
                args.collection
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    send(&url, &args, &body, global.json)
}

/// The hub answers at `--to`, the token is accepted, and the collection exists and may be
/// written to by this caller.
fn check_destination(args: &ShareArgs) -> anyhow::Result<()> {
    let auth = match &args.token {
        Some(t) => ward_feeds::taxii::Auth::Bearer(t.clone()),
        None => ward_feeds::taxii::Auth::None,
    };
    let client = ward_feeds::taxii::Client::with_ca_cert(auth, args.ca_cert.as_deref())?;
    let refused = |e: &ward_feeds::FeedsError| {
        matches!(
            e,
            ward_feeds::FeedsError::HttpStatus {
                status: 401 | 403,
                ..
            }
        )
    };
    let root = match client.api_root(&args.to) {
        Ok(root) => root,
        Err(e) if refused(&e) && args.token.is_none() => {
            anyhow::bail!(
                "--to {}: the hub asks for a token: give --token or set WARD_TOKEN ({e})",
                args.to
            )
        }
        Err(e) if refused(&e) => {
            anyhow::bail!(
                "--to {}: the hub did not accept the token (--token or WARD_TOKEN): {e}",
                args.to
            )
        }
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!(
            "--to {}: expected the hub's TAXII API root (like https://hub.example.org/taxii2/api/)",
            args.to
        )))
        }
    };
    let collection = client.collection(&root, &args.collection).with_context(|| {
        format!(
            "--collection {}: not a collection this token can see at {root}; `ward pull --from {} --list` lists them",
            args.collection, args.to
        )
    })?;
    if collection.get("can_write").and_then(Value::as_bool) == Some(false) {
        anyhow::bail!(
            "--collection {}: this token may read it but not add to it; ask the hub's operator for write access",
            args.collection
        );
    }
    Ok(())
}

fn print_preview(
    name: &str,
    original: &str,
    scrubbed: &str,
    url: &str,
    envelope: &Value,
    dry_run: bool,
) {
    let diff = similar::TextDiff::from_lines(original, scrubbed);
    println!("What will leave, as a diff of the scrubbed document (+) against {name} (-):");
    print!(
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(name, "scrubbed")
    );
    if original == scrubbed {
        println!("(the scrubber changed nothing)");
    }
    let objects = envelope
        .get("objects")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let verb = if dry_run {
        "would be sent"
    } else {
        "will be sent"
    };
    println!("{} STIX object(s) {verb} to {url}:", objects.len());
    for o in objects {
        let id = o.get("id").and_then(Value::as_str).unwrap_or("?");
        let shown = o
            .get("value")
            .or_else(|| o.get("hashes"))
            .or_else(|| o.get("name"));
        println!("  {id} {}", shown.map_or(String::new(), Value::to_string));
    }
    if dry_run {
        println!("Dry run: nothing was sent. `ward --json share --dry-run ...` prints the exact request body.");
    }
}

fn send(url: &str, args: &ShareArgs, body: &str, json_out: bool) -> anyhow::Result<ExitCode> {
    let token = args.token.as_deref();
    let agent = ward_feeds::net::agent_builder(args.ca_cert.as_deref())?.build();
    let mut request = agent
        .post(url)
        .set("Content-Type", TAXII_MEDIA_TYPE)
        .set("Accept", TAXII_MEDIA_TYPE)
        .timeout(std::time::Duration::from_secs(60));
    if let Some(token) = token {
        request = request.set("Authorization", &format!("Bearer {token}"));
    }
    let (code, text) = match request.send_string(body) {
        Ok(resp) => {
            let code = resp.status();
            (code, resp.into_string().unwrap_or_default())
        }
        Err(ureq::Error::Status(code, resp)) => (code, resp.into_string().unwrap_or_default()),
        Err(ureq::Error::Transport(t)) => {
            let (message, _) = ward_feeds::net::explain_transport(url, &t);
            anyhow::bail!("POST {url}: {message}");
        }
    };
    let parsed: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if json_out {
        println!("{}", json!({ "http_status": code, "response": parsed }));
    }
    if !(200..300).contains(&code) {
        let title = parsed.get("title").and_then(Value::as_str).unwrap_or("");
        anyhow::bail!("POST {url}: HTTP {code}: the hub refused the objects {title}");
    }
    if !json_out {
        let n = |k: &str| parsed.get(k).and_then(Value::as_u64).unwrap_or(0);
        let status = parsed
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        println!(
            "Sent: HTTP {code}, status {status} (success {}, failure {}, pending {})",
            n("success_count"),
            n("failure_count"),
            n("pending_count")
        );
    }
    Ok(ExitCode::SUCCESS)
}
