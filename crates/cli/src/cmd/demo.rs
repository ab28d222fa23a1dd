//! `ward demo`: the whole story on bundled, fictional sample data, in one command. It runs the
//! real commands of this binary one after another, as a member and a hub operator would:
//! a hub on a free loopback port with a temporary store, two members publishing intel (one
//! of them anonymously), a third member pulling it, scanning its logs, ranking its devices
//! and writing the weekly plan.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};

use anyhow::{bail, Context};
use clap::Args;

use crate::Global;

/// The sample data, embedded so that `ward demo` works from any folder.
const FILES: &[(&str, &str)] = &[
    (
        "intel/member-a-lakeside.json",
        include_str!("../../../../examples/demo/intel/member-a-lakeside.json"),
    ),
    (
        "intel/member-b-hillcrest.json",
        include_str!("../../../../examples/demo/intel/member-b-hillcrest.json"),
    ),
    (
        "logs/conn.log",
        include_str!("../../../../examples/demo/logs/conn.log"),
    ),
    (
        "logs/dns.log",
        include_str!("../../../../examples/demo/logs/dns.log"),
    ),
    (
        "logs/eve.json",
        include_str!("../../../../examples/demo/logs/eve.json"),
    ),
    (
        "inventory.csv",
        include_str!("../../../../examples/demo/inventory.csv"),
    ),
    (
        "kev-subset.json",
        include_str!("../../../../examples/demo/kev-subset.json"),
    ),
    (
        "nvd-subset.json",
        include_str!("../../../../examples/demo/nvd-subset.json"),
    ),
    (
        "advisories/icsma-20-196-01.json",
        include_str!("../../../../examples/demo/advisories/icsma-20-196-01.json"),
    ),
    (
        "advisories/icsma-21-007-01.json",
        include_str!("../../../../examples/demo/advisories/icsma-21-007-01.json"),
    ),
    (
        "advisories/icsma-21-215-01.json",
        include_str!("../../../../examples/demo/advisories/icsma-21-215-01.json"),
    ),
    (
        "advisories/icsma-22-263-01.json",
        include_str!("../../../../examples/demo/advisories/icsma-22-263-01.json"),
    ),
];

const MEMBER_A: &str = "Lakeside Pediatrics";
const MEMBER_B: &str = "Hillcrest Dialysis Center";
const MEMBER_C: &str = "Riverside Family Clinic";

#[derive(Args, Debug)]
#[command(
    after_long_help = "Everything in the demo is fictional: organizations, addresses \
(documentation ranges) and logs. The medical-device advisories are real CISA advisories (public \
domain). The hub runs on 127.0.0.1 only and stops at the end; nothing leaves this machine."
)]
pub struct DemoArgs {
    /// Folder for the member's results (the plan, the block lists, the local store)
    #[arg(long, value_name = "DIR", default_value = "ward-demo")]
    pub out: PathBuf,
}

/// The hub process; killed when dropped so the demo never leaves it running.
struct Hub(Child);

impl Drop for Hub {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Ward {
    exe: PathBuf,
}

impl Ward {
    /// Runs `ward ARGS`, returning its standard output; any failure stops the demo.
    fn run(&self, data: &Path, args: &[&str]) -> anyhow::Result<String> {
        let out = Command::new(&self.exe)
            .arg("--data")
            .arg(data)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run ward {}", args.join(" ")))?;
        // Exit 1 is a negative answer (findings), not a failure.
        if !matches!(out.status.code(), Some(0 | 1)) {
            bail!(
                "`ward {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn json(&self, data: &Path, args: &[&str]) -> anyhow::Result<serde_json::Value> {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let text = self.run(data, &all)?;
        serde_json::from_str(text.trim())
            .with_context(|| format!("`ward {}` did not print JSON", args.join(" ")))
    }
}

fn field(v: &serde_json::Value, key: &str) -> anyhow::Result<String> {
    v.get(key)
        .and_then(|x| x.as_str())
        .map(str::to_string)
        .with_context(|| format!("expected `{key}` in {v}"))
}

fn start_hub(ward: &Ward, data: &Path) -> anyhow::Result<(Hub, String)> {
    let mut child = Command::new(&ward.exe)
        .arg("--data")
        .arg(data)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start the hub")?;
    let stdout = child.stdout.take().context("no hub output")?;
    let hub = Hub(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .context("reading the hub's address")?;
    let Some(base) = line.trim().strip_prefix("listening on ") else {
        bail!("the hub did not start (it said {line:?})");
    };
    Ok((hub, base.to_string()))
}

fn step(n: u32, text: &str) {
    println!("\n[{n}/8] {text}");
}

pub fn run(args: DemoArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    let ward = Ward {
        exe: std::env::current_exe().context("cannot find the ward binary")?,
    };
    let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
    let samples = scratch.path().join("samples");
    for (name, text) in FILES {
        let path = samples.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
    }
    let sample = |p: &str| samples.join(p).display().to_string();
    let hub_data = scratch.path().join("hub");
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create", args.out.display()))?;
    let member = args.out.join("member-store");
    if member.exists() {
        std::fs::remove_dir_all(&member)
            .with_context(|| format!("{}: cannot clear the last demo", member.display()))?;
    }

    println!("ward demo: a sharing community of three fictional clinics, on this machine only.");

    step(
        1,
        "The ISAO operator sets up the hub: three members, their tokens, one collection.",
    );
    let mut tokens = Vec::new();
    // Lakeside opts in to being named; Hillcrest keeps the default: anonymous.
    for (org, user, attribution) in [
        (MEMBER_A, "lakeside-it", "named"),
        (MEMBER_B, "hillcrest-it", "anonymous"),
        (MEMBER_C, "riverside-it", "anonymous"),
    ] {
        ward.json(
            &hub_data,
            &["admin", "org", "add", org, "--attribution", attribution],
        )?;
        ward.json(&hub_data, &["admin", "user", "add", "--org", org, user])?;
        let token = ward.json(&hub_data, &["admin", "token", "create", "--user", user])?;
        tokens.push(field(&token, "token")?);
    }
    let everyone = format!("{MEMBER_A},{MEMBER_B},{MEMBER_C}");
    let collection = ward.json(
        &hub_data,
        &[
            "admin",
            "collection",
            "add",
            "Regional health ISAO",
            "--read",
            &everyone,
            "--write",
            &everyone,
        ],
    )?;
    let collection_id = field(&collection, "id")?;
    let (hub, base) = start_hub(&ward, &hub_data)?;
    let api_root = format!("{base}/taxii2/api/");
    println!("      hub running at {base} (TAXII 2.1 under /taxii2/)");

    step(2, "Two members share what attacked them.");
    for (file, token, who) in [
        ("intel/member-a-lakeside.json", &tokens[0], MEMBER_A),
        ("intel/member-b-hillcrest.json", &tokens[1], MEMBER_B),
    ] {
        ward.run(
            &member,
            &[
                "push",
                "--to",
                &api_root,
                "--collection",
                &collection_id,
                "--token",
                token,
                &sample(file),
            ],
        )?;
        println!("      {who} published {file}");
    }
    println!(
        "      {MEMBER_B} shares anonymously: other members see the hub, not {MEMBER_B}, as the source"
    );

    step(
        3,
        &format!("{MEMBER_C} pulls the shared intel into its own store."),
    );
    let pulled = ward.run(
        &member,
        &[
            "pull",
            "--from",
            &api_root,
            "--collection",
            &collection_id,
            "--token",
            &tokens[2],
        ],
    )?;
    println!("      {}", pulled.lines().next().unwrap_or("pulled").trim());

    step(
        4,
        "It scans a week of its firewall and DNS logs (Zeek and Suricata) for that intel.",
    );
    ward.run(
        &member,
        &[
            "scan",
            "--sightings",
            &sample("logs/conn.log"),
            &sample("logs/dns.log"),
            &sample("logs/eve.json"),
        ],
    )?;
    let latest = ward_member::DataDir::new(&member)
        .latest_scan()?
        .context("the scan saved no result")?;
    let (alerts, matched) = (latest.alerts, latest.indicators.len());
    println!("      {alerts} hits of {matched} shared indicators in its own logs");

    step(
        5,
        "It asks the hub how many members saw the same (counts only, nobody named).",
    );
    let asked = ward.run(
        &member,
        &[
            "pull",
            "--from",
            &api_root,
            "--collection",
            &collection_id,
            "--token",
            &tokens[2],
        ],
    )?;
    println!("      {}", asked.lines().last().unwrap_or("asked").trim());
    drop(hub);
    println!("      (hub stopped)");

    step(
        6,
        "It checks its devices, medical devices included, against CISA advisories and KEV.",
    );
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let exposure = ward.json(
        &member,
        &[
            "exposure",
            "--inventory",
            &sample("inventory.csv"),
            "--kev",
            &sample("kev-subset.json"),
            "--nvd",
            &sample("nvd-subset.json"),
            "--advisories",
            &sample("advisories"),
            "--as-of",
            &today,
        ],
    )?;
    let findings = exposure["findings"].as_array().map_or(0, Vec::len);
    println!("      {findings} devices have known flaws");

    step(7, "It makes block lists for its firewall and DNS server.");
    std::fs::create_dir_all(member.join("exports"))?;
    for (format, file) in [
        ("plain-ip", "block-ip.txt"),
        ("plain-domain", "block-domain.txt"),
        ("rpz", "rpz.zone"),
    ] {
        let path = member.join("exports").join(file);
        ward.run(
            &member,
            &[
                "export",
                "--format",
                format,
                "--out",
                &path.display().to_string(),
            ],
        )?;
    }
    println!("      written under {}", member.join("exports").display());

    step(8, "ward writes this week's plan.");
    let html = args.out.join("plan.html");
    let md = args.out.join("plan.md");
    for (format, path) in [("html", &html), ("md", &md)] {
        ward.run(
            &member,
            &[
                "report",
                "--organization",
                MEMBER_C,
                "--format",
                format,
                "--out",
                &path.display().to_string(),
            ],
        )?;
    }
    let plan: serde_json::Value = serde_json::from_str(&ward.run(
        &member,
        &["report", "--organization", MEMBER_C, "--format", "json"],
    )?)
    .context("the plan is not JSON")?;
    println!("\nThis week's top actions for {MEMBER_C}:");
    for (i, action) in plan["top"].as_array().into_iter().flatten().enumerate() {
        println!("  {}. {}", i + 1, action["title"].as_str().unwrap_or(""));
    }
    println!(
        "\nThe full plan: {} (also {})",
        html.display(),
        md.display()
    );
    Ok(ExitCode::SUCCESS)
}
