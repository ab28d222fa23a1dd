//! Results are identical whether indicators are looked up as compiled keys or evaluated as
//! full patterns, over generated intel and generated Zeek, EVE and text logs.

mod common;

use common::{index, scan};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        &items[self.below(items.len())]
    }
}

struct Pools {
    ips: Vec<String>,
    v6: Vec<String>,
    domains: Vec<String>,
    urls: Vec<String>,
    hashes: Vec<String>,
    emails: Vec<String>,
    ja3: Vec<String>,
    agents: Vec<String>,
}

fn pools(rng: &mut Rng) -> Pools {
    let n = 24;
    Pools {
        ips: (0..n)
            .map(|_| format!("198.51.{}.{}", rng.below(3) + 100, rng.below(12) + 1))
            .collect(),
        v6: (0..n).map(|i| format!("2001:db8::{:x}", i + 1)).collect(),
        domains: (0..n)
            .map(|i| {
                let base = [
                    "evil.example",
                    "notevil.example",
                    "zone.test",
                    "a.zone.test",
                    "b.a.zone.test",
                ];
                format!(
                    "{}{}",
                    if i % 3 == 0 { "" } else { "x" },
                    base[i % base.len()]
                )
            })
            .collect(),
        urls: (0..n)
            .map(|i| format!("http://files{}.example/p{}", i % 4, i % 5))
            .collect(),
        hashes: (0..n).map(|i| format!("{:064x}", i % 7 + 1)).collect(),
        emails: (0..n)
            .map(|i| format!("user{}@phish{}.example", i % 3, i % 2))
            .collect(),
        ja3: (0..n).map(|i| format!("{:032x}", i % 5 + 1)).collect(),
        agents: (0..n).map(|i| format!("Bot/{}", i % 4)).collect(),
    }
}

fn patterns(rng: &mut Rng, p: &Pools) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for n in 1..=60u32 {
        let pat = match rng.below(11) {
            0 => format!("[ipv4-addr:value = '{}']", rng.pick(&p.ips)),
            1 => format!("[ipv4-addr:value ISSUBSET '198.51.{}.0/{}']", rng.below(3) + 100, [24, 28, 30][rng.below(3)]),
            2 => format!("[ipv6-addr:value = '{}']", rng.pick(&p.v6)),
            3 => format!("[domain-name:value = '{}']", rng.pick(&p.domains)),
            4 => format!("[domain-name:value LIKE '%.{}']", ["zone.test", "a.zone.test", "example"][rng.below(3)]),
            5 => format!("[url:value = '{}']", rng.pick(&p.urls)),
            6 => format!("[file:hashes.'SHA-256' = '{}']", rng.pick(&p.hashes)),
            7 => format!("[email-addr:value = '{}']", rng.pick(&p.emails)),
            8 => format!("[x-ja3:value = '{}']", rng.pick(&p.ja3)),
            9 => format!(
                "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = '{}']",
                rng.pick(&p.agents)
            ),
            _ => format!(
                "[domain-name:value IN ('{}', '{}')] OR [ipv4-addr:value = '{}']",
                rng.pick(&p.domains),
                rng.pick(&p.domains),
                rng.pick(&p.ips)
            ),
        };
        out.push((n, pat));
    }
    out
}

fn logs(rng: &mut Rng, p: &Pools) -> Vec<String> {
    let mut zeek = String::from("#separator \\x09\n#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\tquery\thost\turi\tuser_agent\tja3\tsha256\tmailfrom\n");
    let mut eve = String::new();
    let mut text = String::new();
    for i in 0..200 {
        let url = rng.pick(&p.urls).to_string();
        let rest = url.strip_prefix("http://").unwrap_or(&url);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let dst = if rng.below(4) == 0 {
            rng.pick(&p.v6).to_string()
        } else {
            rng.pick(&p.ips).to_string()
        };
        zeek.push_str(&format!(
            "{}.0\t10.1.4.{}\t{dst}\t80\t{}\t{host}\t/{path}\t{}\t{}\t{}\t<{}>\n",
            1_704_448_800 + i,
            i % 200,
            rng.pick(&p.domains),
            rng.pick(&p.agents),
            rng.pick(&p.ja3),
            rng.pick(&p.hashes),
            rng.pick(&p.emails),
        ));
        eve.push_str(&format!(
            "{{\"timestamp\":\"2024-01-05T10:00:{:02}.000000+0000\",\"event_type\":\"dns\",\"src_ip\":\"10.1.4.9\",\"dest_ip\":\"{}\",\"dns\":{{\"queries\":[{{\"rrname\":\"{}\"}}]}}}}\n",
            i % 60,
            rng.pick(&p.ips),
            rng.pick(&p.domains)
        ));
        text.push_str(&format!(
            "note {} then {} and {} from {}\n",
            rng.pick(&p.ips),
            rng.pick(&p.domains),
            rng.pick(&p.urls),
            rng.pick(&p.emails)
        ));
    }
    vec![zeek, eve, text]
}

#[test]
fn keys_and_full_evaluation_agree() {
    let mut total = 0;
    for seed in [0x9E37_79B9u64, 0xDEAD_BEEF, 0x1234_5678_9ABC] {
        let mut rng = Rng(seed);
        let p = pools(&mut rng);
        let pats = patterns(&mut rng, &p);
        let refs: Vec<(u32, &str)> = pats.iter().map(|(n, s)| (*n, s.as_str())).collect();
        let keyed = index(&refs, false);
        let full = index(&refs, true);
        assert_eq!(
            keyed.stats().full_evaluation,
            0,
            "every generated shape compiles to keys"
        );
        assert_eq!(full.stats().full_evaluation, pats.len());
        for log in logs(&mut rng, &p) {
            let strip = |v: Vec<(u64, String, String, String)>| -> Vec<(u64, String)> {
                let mut v: Vec<_> = v.into_iter().map(|(l, i, _, _)| (l, i)).collect();
                v.sort();
                v
            };
            let a = strip(scan(&keyed, &log, 2));
            let b = strip(scan(&full, &log, 1));
            assert_eq!(a, b, "seed {seed:x}\n{}", &log[..log.len().min(600)]);
            total += a.len();
        }
    }
    assert!(
        total > 100,
        "the generated logs must produce hits to compare ({total})"
    );
}
