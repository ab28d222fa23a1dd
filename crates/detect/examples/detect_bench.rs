//! Benchmark helper for `benches/detect/run.sh`: generates intel and logs, builds and
//! caches the index, and times scans through the same library path as `ward scan`.
//!
//! ```text
//! detect_bench intel N DIR          N mixed indicators: DIR/intel.json (STIX bundle),
//!                                   DIR/values.txt (one value a line, for rg -F -f),
//!                                   DIR/index-N.idx (the cached index)
//! detect_bench logs MB DIR N        Zeek TSV (conn, dns, http) and Suricata EVE logs of
//!                                   about MB megabytes in all, planting values of the
//!                                   N-indicator intel
//! detect_bench load IDX             index load time and memory
//! detect_bench scan IDX THREADS LOG...   throughput, alerts
//! detect_bench readers LINES DIR    one file of LINES lines per reader of the logs a clinic
//!                                   has (and syslog, the yardstick), each scanned on one
//!                                   thread against 1000 indicators: lines/s and the ratio
//!                                   to syslog
//! ```

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use serde_json::json;
use ward_detect::{
    open_log, Alert, AlertSink, BuildOptions, IndexBuilder, IndicatorIndex, Kind, ScanOptions,
    Scanner,
};
use ward_stix::StixObject;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const TLDS: [&str; 6] = ["com", "net", "org", "info", "ru", "top"];

/// The value of indicator `i` (deterministic, so logs can plant known values).
fn value(i: u64) -> (&'static str, String) {
    let mut r = Rng(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    r.next();
    match i % 20 {
        0..=7 => (
            "ipv4",
            format!(
                "{}.{}.{}.{}",
                11 + r.below(180),
                r.below(256),
                r.below(256),
                1 + r.below(254)
            ),
        ),
        8 => (
            "cidr",
            format!(
                "{}.{}.{}.0/24",
                11 + r.below(180),
                r.below(256),
                r.below(256)
            ),
        ),
        9..=13 => (
            "domain",
            format!("m{:x}.{}", r.next() & 0xffff_ffff, TLDS[(i % 6) as usize]),
        ),
        14..=16 => (
            "url",
            format!(
                "http://d{:x}.{}/p/{:x}.php",
                r.next() & 0x00ff_ffff,
                TLDS[(i % 6) as usize],
                r.next() & 0xffff
            ),
        ),
        17..=18 => (
            "sha256",
            format!(
                "{:016x}{:016x}{:016x}{:016x}",
                r.next(),
                r.next(),
                r.next(),
                r.next()
            ),
        ),
        _ => (
            "email",
            format!("u{:x}@mail{:x}.com", r.next() & 0xffff, r.next() & 0xfff),
        ),
    }
}

fn pattern(kind: &str, v: &str) -> String {
    match kind {
        "ipv4" => format!("[ipv4-addr:value = '{v}']"),
        "cidr" => format!("[ipv4-addr:value ISSUBSET '{v}']"),
        "domain" => format!("[domain-name:value = '{v}']"),
        "url" => format!("[url:value = '{v}']"),
        "sha256" => format!("[file:hashes.'SHA-256' = '{v}']"),
        _ => format!("[email-addr:value = '{v}']"),
    }
}

fn indicator(i: u64) -> serde_json::Value {
    let (kind, v) = value(i);
    let feed = [
        "abuse.ch Feodo Tracker",
        "URLhaus",
        "Health-ISAC",
        "MISP community",
    ][(i % 4) as usize];
    json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--00000000-0000-4000-8000-{i:012x}"),
        "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
        "name": format!("{feed} {kind}"), "pattern": pattern(kind, &v), "pattern_type": "stix",
        "valid_from": "2024-01-01T00:00:00Z", "confidence": 50 + (i % 50),
    })
}

fn gen_intel(n: u64, dir: &Path) -> Result<()> {
    let mut bundle = BufWriter::new(File::create(dir.join("intel.json"))?);
    let mut values = BufWriter::new(File::create(dir.join("values.txt"))?);
    write!(bundle, "{{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000000\",\"objects\":[")?;
    let mut builder = IndexBuilder::new(BuildOptions::default());
    let t = Instant::now();
    for i in 0..n {
        let obj = indicator(i);
        if i > 0 {
            bundle.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut bundle, &obj)?;
        let (kind, v) = value(i);
        // rg gets the literal it would need to find: the block's first three octets for a
        // CIDR (which also matches unrelated text, rg's handicap is not ours to fix).
        let literal = if kind == "cidr" {
            v.trim_end_matches("0/24").to_string()
        } else {
            v
        };
        writeln!(values, "{literal}")?;
        builder.add_object(StixObject::from_value(obj)?);
    }
    bundle.write_all(b"]}\n")?;
    bundle.flush()?;
    values.flush()?;
    let (index, report) = builder.finish();
    eprintln!(
        "built {} indicators in {:.2}s ({} skipped); stats {:?}",
        index.len(),
        t.elapsed().as_secs_f64(),
        report.skipped.len(),
        index.stats()
    );
    std::fs::write(dir.join(format!("index-{n}.idx")), index.to_cache(0))?;
    Ok(())
}

fn ip(r: &mut Rng) -> String {
    format!(
        "{}.{}.{}.{}",
        11 + r.below(180),
        r.below(256),
        r.below(256),
        1 + r.below(254)
    )
}

fn planted(r: &mut Rng, n: u64, kind: &str) -> Option<String> {
    // One line in 2000 carries an indicator value.
    if r.below(2000) != 0 {
        return None;
    }
    for _ in 0..40 {
        let i = r.below(n);
        let (k, v) = value(i);
        if k == kind {
            return Some(v);
        }
    }
    None
}

fn gen_logs(mb: u64, dir: &Path, n: u64) -> Result<()> {
    let target = mb * 1_000_000;
    let mut r = Rng(0x1234_5678);
    let mut conn = BufWriter::new(File::create(dir.join("conn.log"))?);
    let mut dns = BufWriter::new(File::create(dir.join("dns.log"))?);
    let mut http = BufWriter::new(File::create(dir.join("http.log"))?);
    let mut eve = BufWriter::new(File::create(dir.join("eve.json"))?);
    let hdr = |path: &str, fields: &str| {
        format!("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\t{path}\n#open\t2024-01-05-10-00-00\n#fields\t{fields}\n")
    };
    conn.write_all(hdr("conn", "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents").as_bytes())?;
    dns.write_all(hdr("dns", "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected").as_bytes())?;
    http.write_all(hdr("http", "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\ttrans_depth\tmethod\thost\turi\treferrer\tversion\tuser_agent\tstatus_code\tstatus_msg\tresp_mime_types").as_bytes())?;
    let mut written = 0u64;
    let mut line = 0u64;
    let mut ts = 1_704_448_800.0f64;
    while written < target {
        line += 1;
        ts += 0.000731;
        let uid = format!("C{:016x}", r.next() >> 2);
        let src = format!("10.{}.{}.{}", r.below(4), r.below(256), 1 + r.below(254));
        let s = match line % 10 {
            0..=3 => {
                let dst = planted(&mut r, n, "ipv4").unwrap_or_else(|| ip(&mut r));
                format!(
                    "{ts:.6}\t{uid}\t{src}\t{}\t{dst}\t443\ttcp\tssl\t{:.6}\t{}\t{}\tSF\tT\tF\t0\tShADadFf\t{}\t{}\t{}\t{}\t-\n",
                    1024 + r.below(60000), r.below(100_000) as f64 / 1000.0, r.below(9000), r.below(90000),
                    r.below(90), r.below(9000), r.below(90), r.below(90000)
                )
            }
            4..=5 => {
                let q = planted(&mut r, n, "domain").unwrap_or_else(|| {
                    format!(
                        "www{}.site{:x}.{}",
                        r.below(9),
                        r.next() & 0xfffff,
                        TLDS[r.below(6) as usize]
                    )
                });
                let a = ip(&mut r);
                format!("{ts:.6}\t{uid}\t{src}\t{}\t10.0.0.53\t53\tudp\t{}\t0.012\t{q}\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t{a}\t300.000000\tF\n", 1024 + r.below(60000), r.below(65535))
            }
            6 => {
                let url = planted(&mut r, n, "url");
                let (host, uri) = match &url {
                    Some(u) => {
                        let rest = u.trim_start_matches("http://");
                        let (h, p) = rest.split_once('/').unwrap_or((rest, ""));
                        (h.to_string(), format!("/{p}"))
                    }
                    None => (
                        format!("cdn{}.site{:x}.com", r.below(9), r.next() & 0xffff),
                        format!("/static/{:x}/app.js?v={}", r.next() & 0xffffff, r.below(99)),
                    ),
                };
                format!("{ts:.6}\t{uid}\t{src}\t{}\t{}\t80\t1\tGET\t{host}\t{uri}\t-\t1.1\tMozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\t200\tOK\ttext/javascript\n", 1024 + r.below(60000), ip(&mut r))
            }
            7 => {
                let q = planted(&mut r, n, "domain")
                    .unwrap_or_else(|| format!("api.svc{:x}.net", r.next() & 0xfffff));
                format!("{{\"timestamp\":\"2024-01-05T10:{:02}:{:02}.{:06}+0000\",\"flow_id\":{},\"in_iface\":\"eth0\",\"event_type\":\"dns\",\"src_ip\":\"{src}\",\"src_port\":{},\"dest_ip\":\"10.0.0.53\",\"dest_port\":53,\"proto\":\"UDP\",\"dns\":{{\"version\":3,\"type\":\"request\",\"tx_id\":0,\"id\":{},\"flags\":\"100\",\"rd\":true,\"opcode\":0,\"rcode\":\"NOERROR\",\"queries\":[{{\"rrname\":\"{q}\",\"rrtype\":\"A\"}}]}}}}\n",
                    r.below(60), r.below(60), r.below(1_000_000), r.next() >> 12, 1024 + r.below(60000), r.below(65535))
            }
            8 => {
                let sni = planted(&mut r, n, "domain")
                    .unwrap_or_else(|| format!("login.portal{:x}.com", r.next() & 0xfffff));
                let dst = planted(&mut r, n, "ipv4").unwrap_or_else(|| ip(&mut r));
                format!("{{\"timestamp\":\"2024-01-05T10:{:02}:{:02}.{:06}+0000\",\"flow_id\":{},\"in_iface\":\"eth0\",\"event_type\":\"tls\",\"src_ip\":\"{src}\",\"src_port\":{},\"dest_ip\":\"{dst}\",\"dest_port\":443,\"proto\":\"TCP\",\"tls\":{{\"subject\":\"CN={sni}\",\"issuerdn\":\"C=US, O=Let's Encrypt, CN=R3\",\"serial\":\"04:A1:B2\",\"fingerprint\":\"aa:bb:cc:dd\",\"sni\":\"{sni}\",\"version\":\"TLS 1.3\",\"notbefore\":\"2024-01-01T00:00:00\",\"notafter\":\"2024-04-01T00:00:00\",\"ja3\":{{\"hash\":\"{:032x}\",\"string\":\"771,4865-4866-4867,0-23-65281,29-23-24,0\"}}}}}}\n",
                    r.below(60), r.below(60), r.below(1_000_000), r.next() >> 12, 1024 + r.below(60000), u128::from(r.next()))
            }
            _ => {
                let sha = planted(&mut r, n, "sha256").unwrap_or_else(|| {
                    format!(
                        "{:016x}{:016x}{:016x}{:016x}",
                        r.next(),
                        r.next(),
                        r.next(),
                        r.next()
                    )
                });
                format!("{{\"timestamp\":\"2024-01-05T10:{:02}:{:02}.{:06}+0000\",\"flow_id\":{},\"event_type\":\"fileinfo\",\"src_ip\":\"{}\",\"src_port\":80,\"dest_ip\":\"{src}\",\"dest_port\":{},\"proto\":\"TCP\",\"http\":{{\"hostname\":\"dl.vendor{:x}.com\",\"url\":\"/files/update.bin\",\"http_user_agent\":\"Updater/2.1\",\"http_content_type\":\"application/octet-stream\",\"status\":200,\"length\":{}}},\"fileinfo\":{{\"filename\":\"/files/update.bin\",\"sid\":[],\"gaps\":false,\"state\":\"CLOSED\",\"sha256\":\"{sha}\",\"stored\":false,\"size\":{},\"tx_id\":0}}}}\n",
                    r.below(60), r.below(60), r.below(1_000_000), r.next() >> 12, ip(&mut r), 1024 + r.below(60000), r.next() & 0xffff, r.below(1_000_000), r.below(1_000_000))
            }
        };
        written += s.len() as u64;
        match line % 10 {
            0..=3 => conn.write_all(s.as_bytes())?,
            4..=5 => dns.write_all(s.as_bytes())?,
            6 => http.write_all(s.as_bytes())?,
            _ => eve.write_all(s.as_bytes())?,
        }
    }
    for mut w in [conn, dns, http, eve] {
        w.flush()?;
    }
    eprintln!("wrote {written} bytes in {line} lines");
    Ok(())
}

/// One line of each reader's format, the `i`th of a file (addresses and names vary).
fn reader_line(format: &str, i: u64, r: &mut Rng) -> String {
    let src = format!("10.1.{}.{}", r.below(4), 1 + r.below(254));
    let dst = ip(r);
    let host = format!("www{}.site{:x}.com", r.below(9), r.next() & 0xfffff);
    let (m, s) = ((i / 60) % 60, i % 60);
    match format {
        "syslog" => format!("Jan  5 10:{m:02}:{s:02} mail postfix/smtp[{}]: to=<u@{host}> relay={dst}:25 status=sent", r.below(9999)),
        "fortigate" => format!("<189>date=2024-01-05 time=10:{m:02}:{s:02} devname=\"FGT60F\" devid=\"FGT60FTK21090000\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip={src} srcport={} srcintf=\"internal\" dstip={dst} dstport=443 dstintf=\"wan1\" proto=6 action=\"close\" policyid=1 service=\"HTTPS\" hostname=\"{host}\" sentbyte=1200 rcvdbyte=5400", 1024 + r.below(60000)),
        "pfsense" => format!("<134>1 2024-01-05T10:{m:02}:{s:02}.123456+00:00 pfSense filterlog {} - - 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,{dst},{src},{},3389,0,S,1234567,,64240,,mss", r.below(99999), 1024 + r.below(60000)),
        "paloalto" => format!("<14>Jan  5 10:{m:02}:{s:02} PA-220 1,2024/01/05 10:{m:02}:{s:02},012801012345,TRAFFIC,end,2561,2024/01/05 10:{m:02}:{s:02},{src},{dst},198.51.100.1,{dst},allow-outbound,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Log-Forwarding,2024/01/05 10:{m:02}:{s:02},12345,1,51000,443,51000,443,0x400053,tcp,allow,5234,1234,4000,20,2024/01/05 10:04:46,20,any,,7123456789,0x0,10.0.0.0-10.255.255.255,United States,,10,10,tcp-fin"),
        "asa" => format!("<166>Jan 05 2024 10:{m:02}:{s:02} asa01 : %ASA-6-302013: Built outbound TCP connection {i} for outside:{dst}/443 ({dst}/443) to inside:{src}/51000 (198.51.100.1/51000)"),
        "winlogbeat" => format!("{{\"@timestamp\":\"2024-01-05T10:{m:02}:{s:02}.123Z\",\"agent\":{{\"type\":\"winlogbeat\"}},\"host\":{{\"name\":\"PC{}\"}},\"winlog\":{{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":\"3\",\"event_data\":{{\"UtcTime\":\"2024-01-05 10:00:00.100\",\"ProcessId\":\"4321\",\"Image\":\"C:\\\\Windows\\\\System32\\\\svchost.exe\",\"Protocol\":\"tcp\",\"SourceIp\":\"{src}\",\"SourcePort\":\"51000\",\"DestinationIp\":\"{dst}\",\"DestinationHostname\":\"{host}\",\"DestinationPort\":\"443\"}}}}}}", r.below(99)),
        "xml" => format!("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>3</EventID><TimeCreated SystemTime='2024-01-05T10:{m:02}:{s:02}.5580000Z'/><Computer>PC{}.clinic.local</Computer></System><EventData><Data Name='UtcTime'>2024-01-05 10:00:00.556</Data><Data Name='Image'>C:\\Windows\\System32\\svchost.exe</Data><Data Name='SourceIp'>{src}</Data><Data Name='DestinationIp'>{dst}</Data><Data Name='DestinationHostname'>{host}</Data></EventData></Event>", r.below(99)),
        "pfirewall" => format!("2024-01-05 10:{m:02}:{s:02} ALLOW TCP {src} {dst} {} 443 0 - 0 0 0 - - - SEND {}", 1024 + r.below(60000), r.below(9999)),
        "dns" => format!("1/5/2024 10:{m:02}:{s:02} AM 0E64 PACKET  000001D5A2B0C1E0 UDP Rcv {src}       5d2a   Q [0001   D   NOERROR] A      (3)www(8)site{:x}(3)com(0)", r.next() & 0xfffff),
        _ => format!("2024-01-05T10:{m:02}:{s:02}Z,{:x},\"Mozilla/5.0\",u{}@clinic.example,Office 365,{dst},\"Lagos, NG\",Failure", r.next(), r.below(999)),
    }
}

/// Writes one file per reader and scans each on one thread: lines per second, and the ratio
/// to the syslog reader.
fn bench_readers(lines: u64, dir: &Path) -> Result<()> {
    let formats = [
        ("syslog", "syslog.log", ""),
        ("fortigate", "fortigate.log", ""),
        ("pfsense", "filterlog.log", ""),
        ("paloalto", "paloalto.log", ""),
        ("asa", "asa.log", ""),
        ("winlogbeat", "winlogbeat.ndjson", ""),
        ("xml", "events.xml", ""),
        ("pfirewall", "pfirewall.log", "#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid\n"),
        ("dns", "dns.log", "DNS Server log file creation at 1/5/2024 9:59:58 AM\n"),
        ("csv", "signins.csv", "Date (UTC),Request ID,User agent,Username,Application,IP address,Location,Status\n"),
    ];
    let mut builder = IndexBuilder::new(BuildOptions::default());
    for i in 0..1000 {
        builder.add_object(StixObject::from_value(indicator(i))?);
    }
    let (index, _) = builder.finish();
    let mut base = None;
    for (format, file, header) in formats {
        let path = dir.join(file);
        let mut w = BufWriter::new(File::create(&path)?);
        w.write_all(header.as_bytes())?;
        let mut r = Rng(0x5151_7777);
        for i in 0..lines {
            writeln!(w, "{}", reader_line(format, i, &mut r))?;
        }
        w.flush()?;
        let scanner = Scanner::new(
            &index,
            ScanOptions {
                threads: 1,
                ..ScanOptions::default()
            },
        );
        let t = Instant::now();
        let report = scanner.scan(file, open_log(&path)?, &mut Count(0), &mut |_| {})?;
        let secs = t.elapsed().as_secs_f64();
        let rate = report.lines as f64 / secs;
        let base = *base.get_or_insert(rate);
        eprintln!(
            "{format:>10}: {} lines ({} broken), {:.1} MB, {:.0} lines/s, {:.0} MB/s, {:.2}x syslog",
            report.lines,
            report.broken_lines,
            report.bytes as f64 / 1e6,
            rate,
            report.bytes as f64 / 1e6 / secs,
            rate / base
        );
    }
    Ok(())
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn load(path: &Path) -> Result<IndicatorIndex> {
    let before = rss_kb();
    let t = Instant::now();
    let bytes = std::fs::read(path)?;
    let index = IndicatorIndex::from_cache(&bytes, 0)?;
    drop(bytes);
    let secs = t.elapsed().as_secs_f64();
    let after = rss_kb();
    let stats = index.stats();
    eprintln!(
        "load: {} indicators in {:.3}s; heap {} B = {:.1} B/indicator; RSS growth {} KB = {:.1} B/indicator",
        index.len(),
        secs,
        stats.bytes,
        stats.bytes as f64 / index.len().max(1) as f64,
        after.saturating_sub(before),
        after.saturating_sub(before) as f64 * 1024.0 / index.len().max(1) as f64
    );
    Ok(index)
}

struct Count(u64);
impl AlertSink for Count {
    fn alert(&mut self, _a: &Alert, _k: Kind) -> std::io::Result<()> {
        self.0 += 1;
        Ok(())
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("intel") => gen_intel(args[2].parse()?, Path::new(&args[3])),
        Some("logs") => gen_logs(args[2].parse()?, Path::new(&args[3]), args[4].parse()?),
        Some("load") => load(Path::new(&args[2])).map(|_| ()),
        Some("readers") => bench_readers(args[2].parse()?, Path::new(&args[3])),
        Some("scan") => {
            let index = load(Path::new(&args[2]))?;
            let threads: usize = args[3].parse()?;
            let scanner = Scanner::new(
                &index,
                ScanOptions {
                    threads,
                    ..ScanOptions::default()
                },
            );
            let t = Instant::now();
            let mut total = 0u64;
            let mut sink = Count(0);
            for log in &args[4..] {
                let report =
                    scanner.scan(log, open_log(Path::new(log))?, &mut sink, &mut |_| {})?;
                total += report.bytes;
            }
            let secs = t.elapsed().as_secs_f64();
            eprintln!(
                "scan: {threads} thread(s), {} MB in {:.2}s = {:.0} MB/s, {} alerts, peak RSS {} MB",
                total / 1_000_000,
                secs,
                total as f64 / 1e6 / secs,
                sink.0,
                rss_kb() / 1024
            );
            Ok(())
        }
        _ => Err(
            "usage: detect_bench intel N DIR | logs MB DIR N | load IDX | scan IDX THREADS LOG... | readers LINES DIR"
                .into(),
        ),
    }
}
