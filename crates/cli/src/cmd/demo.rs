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

/// What every step needs: the binary, the unpacked samples and the three data folders.
struct Demo {
    ward: Ward,
    samples: PathBuf,
    hub_data: PathBuf,
    /// The third member's store (results go beside it, under `out`).
    member: PathBuf,
    out: PathBuf,
}

/// What step 1 set up on the hub for the later steps: one token per member (in the order
/// A, B, C), the shared collection and the API root.
struct Community {
    tokens: Vec<String>,
    collection_id: String,
    api_root: String,
}

pub fn run(args: DemoArgs, _global: &Global) -> anyhow::Result<ExitCode> {
    let ward = Ward {
        exe: std::env::current_exe().context("cannot find the ward binary")?,
    };
    let scratch = tempfile::tempdir().context("cannot create a temporary folder")?;
    let demo = Demo::prepare(ward, scratch.path(), &args.out)?;

    println!("ward demo: a sharing community of three fictional clinics, on this machine only.");
    let (hub, community) = demo.set_up_hub()?;
    demo.share(&community)?;
    demo.pull(&community)?;
    demo.scan()?;
    demo.ask_counts(&community)?;
    drop(hub);
    println!("      (hub stopped)");
    demo.exposure()?;
    demo.block_lists()?;
    demo.plan()?;
    Ok(ExitCode::SUCCESS)
}

impl Demo {
    /// Unpacks the samples under `scratch` and clears the member store a previous demo left
    /// in `out`.
    fn prepare(ward: Ward, scratch: &Path, out: &Path) -> anyhow::Result<Demo> {
        let samples = scratch.join("samples");
        for (name, text) in FILES {
            let path = samples.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
        }
        let hub_data = scratch.join("hub");
        std::fs::create_dir_all(out)
            .with_context(|| format!("{}: cannot create", out.display()))?;
        let member = out.join("member-store");
        if member.exists() {
            std::fs::remove_dir_all(&member)
                .with_context(|| format!("{}: cannot clear the last demo", member.display()))?;
        }
        Ok(Demo {
            ward,
            samples,
            hub_data,
            member,
            out: out.to_path_buf(),
        })
    }

    /// The path of sample file `p`, as an argument.
    fn sample(&self, p: &str) -> String {
        self.samples.join(p).display().to_string()
    }

    /// Runs `ward ARGS` on the member's store.
    fn member(&self, args: &[&str]) -> anyhow::Result<String> {
        self.ward.run(&self.member, args)
    }

    /// Step 1: the operator admits three members with their tokens, opens one collection to
    /// all of them and starts the hub.
    fn set_up_hub(&self) -> anyhow::Result<(Hub, Community)> {
        step(
            1,
            "The ISAO operator sets up the hub: three members, their tokens, one collection.",
        );
        let (ward, hub_data) = (&self.ward, &self.hub_data);
        let mut tokens = Vec::new();
        ward.json(hub_data, &["admin", "init"])?;
        // Lakeside opts in to being named; Hillcrest keeps the default: anonymous.
        for (org, user, attribution) in [
            (MEMBER_A, "lakeside-it", "named"),
            (MEMBER_B, "hillcrest-it", "anonymous"),
            (MEMBER_C, "riverside-it", "anonymous"),
        ] {
            ward.json(
                hub_data,
                &["admin", "org", "add", org, "--attribution", attribution],
            )?;
            ward.json(hub_data, &["admin", "user", "add", "--org", org, user])?;
            let token = ward.json(hub_data, &["admin", "token", "create", "--user", user])?;
            tokens.push(field(&token, "token")?);
        }
        let everyone = format!("{MEMBER_A},{MEMBER_B},{MEMBER_C}");
        let collection = ward.json(
            hub_data,
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
        let (hub, base) = start_hub(ward, hub_data)?;
        let api_root = format!("{base}/taxii2/api/");
        println!("      hub running at {base} (TAXII 2.1 under /taxii2/)");
        Ok((
            hub,
            Community {
                tokens,
                collection_id,
                api_root,
            },
        ))
    }

    /// Step 2: members A and B push their intel.
    fn share(&self, community: &Community) -> anyhow::Result<()> {
        step(2, "Two members share what attacked them.");
        for (file, token, who) in [
            (
                "intel/member-a-lakeside.json",
                &community.tokens[0],
                MEMBER_A,
            ),
            (
                "intel/member-b-hillcrest.json",
                &community.tokens[1],
                MEMBER_B,
            ),
        ] {
            self.member(&[
                "push",
                "--to",
                &community.api_root,
                "--collection",
                &community.collection_id,
                "--token",
                token,
                &self.sample(file),
            ])?;
            println!("      {who} published {file}");
        }
        println!(
            "      {MEMBER_B} shares anonymously: other members see the hub, not {MEMBER_B}, as the source"
        );
        Ok(())
    }

    /// `ward pull` from the shared collection as member C.
    fn pull_as_c(&self, community: &Community) -> anyhow::Result<String> {
        self.member(&[
            "pull",
            "--from",
            &community.api_root,
            "--collection",
            &community.collection_id,
            "--token",
            &community.tokens[2],
        ])
    }

    /// Step 3: member C pulls the shared intel.
    fn pull(&self, community: &Community) -> anyhow::Result<()> {
        step(
            3,
            &format!("{MEMBER_C} pulls the shared intel into its own store."),
        );
        let pulled = self.pull_as_c(community)?;
        println!("      {}", pulled.lines().next().unwrap_or("pulled").trim());
        Ok(())
    }

    /// Step 4: member C scans its logs and records sightings.
    fn scan(&self) -> anyhow::Result<()> {
        step(
            4,
            "It scans a week of its firewall and DNS logs (Zeek and Suricata) for that intel.",
        );
        self.member(&[
            "scan",
            "--sightings",
            &self.sample("logs/conn.log"),
            &self.sample("logs/dns.log"),
            &self.sample("logs/eve.json"),
        ])?;
        let latest = ward_member::DataDir::new(&self.member)
            .latest_scan()?
            .context("the scan saved no result")?;
        let (alerts, matched) = (latest.alerts, latest.indicators.len());
        println!("      {alerts} hits of {matched} shared indicators in its own logs");
        Ok(())
    }

    /// Step 5: a second pull sends the sightings and brings back the hub's counts.
    fn ask_counts(&self, community: &Community) -> anyhow::Result<()> {
        step(
            5,
            "It asks the hub how many members saw the same (counts only, nobody named).",
        );
        let asked = self.pull_as_c(community)?;
        println!("      {}", asked.lines().last().unwrap_or("asked").trim());
        Ok(())
    }

    /// Step 6: member C's devices against the advisories, KEV and NVD.
    fn exposure(&self) -> anyhow::Result<()> {
        step(
            6,
            "It checks its devices, medical devices included, against CISA advisories and KEV.",
        );
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let exposure = self.ward.json(
            &self.member,
            &[
                "exposure",
                "--inventory",
                &self.sample("inventory.csv"),
                "--kev",
                &self.sample("kev-subset.json"),
                "--nvd",
                &self.sample("nvd-subset.json"),
                "--advisories",
                &self.sample("advisories"),
                "--as-of",
                &today,
            ],
        )?;
        let findings = exposure["findings"].as_array().map_or(0, Vec::len);
        println!("      {findings} devices have known flaws");
        Ok(())
    }

    /// Step 7: block lists for the firewall and the DNS server.
    fn block_lists(&self) -> anyhow::Result<()> {
        step(7, "It makes block lists for its firewall and DNS server.");
        let exports = ward_member::DataDir::new(&self.member).exports_dir();
        std::fs::create_dir_all(&exports)?;
        for (format, file) in [
            ("plain-ip", "block-ip.txt"),
            ("plain-domain", "block-domain.txt"),
            ("rpz", "rpz.zone"),
        ] {
            let path = exports.join(file);
            self.member(&[
                "export",
                "--format",
                format,
                "--out",
                &path.display().to_string(),
            ])?;
        }
        println!("      written under {}", exports.display());
        Ok(())
    }

    /// Step 8: the weekly plan in HTML and Markdown, and its top actions on the terminal.
    fn plan(&self) -> anyhow::Result<()> {
        step(8, "ward writes this week's plan.");
        let html = self.out.join("plan.html");
        let md = self.out.join("plan.md");
        for (format, path) in [("html", &html), ("md", &md)] {
            self.member(&[
                "report",
                "--organization",
                MEMBER_C,
                "--format",
                format,
                "--out",
                &path.display().to_string(),
            ])?;
        }
        let plan: serde_json::Value = serde_json::from_str(&self.member(&[
            "report",
            "--organization",
            MEMBER_C,
            "--format",
            "json",
        ])?)
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
        Ok(())
    }
}
