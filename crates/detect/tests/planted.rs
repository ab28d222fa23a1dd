//! Generated Zeek, EVE, CEF, syslog, Squid and plain-text logs with planted hits and planted
//! near misses: every planted hit is found with the right indicator, nothing else is.

mod common;

use common::{id, index, scan};

const SHA: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const SHA_NEAR: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a09";
const JA3: &str = "e7d705a3286e19ea42f587b344ee6865";

fn intel() -> ward_detect::IndicatorIndex {
    index(
        &[
            (1, "[ipv4-addr:value = '203.0.113.7']"),
            (2, "[ipv4-addr:value ISSUBSET '198.51.100.0/24']"),
            (3, "[domain-name:value = 'evil.example']"),
            (4, "[domain-name:value LIKE '%.badzone.test']"),
            (5, "[url:value = 'http://files.example/payload.exe']"),
            (6, &format!("[file:hashes.'SHA-256' = '{SHA}']")),
            (7, "[email-addr:value = 'bad@phish.example']"),
            (8, &format!("[x-ja3:value = '{JA3}']")),
            (9, "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'EvilBot/1.0']"),
            (10, "[ipv6-addr:value = '2001:db8::bad']"),
        ],
        false,
    )
}

/// Lines of a log, each with the indicators it must raise (by number).
fn check(lines: &[(&str, &[u32])]) {
    let text: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
    let idx = intel();
    for threads in [1, 2] {
        let mut got: Vec<(u64, String)> = scan(&idx, &text, threads)
            .into_iter()
            .map(|(line, ind, _, _)| (line, ind))
            .collect();
        got.sort();
        let mut want: Vec<(u64, String)> = lines
            .iter()
            .enumerate()
            .flat_map(|(i, (_, ids))| ids.iter().map(move |n| (i as u64 + 1, id(*n))))
            .collect();
        want.sort();
        assert_eq!(got, want, "threads={threads}\n{text}");
    }
}

#[test]
fn zeek_tsv_conn_dns_http_ssl_files() {
    check(&[
        ("#separator \\x09", &[]),
        ("#set_separator\t,", &[]),
        ("#empty_field\t(empty)", &[]),
        ("#unset_field\t-", &[]),
        ("#path\tconn", &[]),
        (
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto",
            &[],
        ),
        (
            "1704448800.000000\tC1\t10.1.4.22\t51000\t203.0.113.7\t443\ttcp",
            &[1],
        ),
        (
            "1704448801.000000\tC2\t10.1.4.22\t51001\t203.0.113.70\t443\ttcp",
            &[],
        ),
        (
            "1704448802.000000\tC3\t10.1.4.22\t51002\t198.51.100.200\t80\ttcp",
            &[2],
        ),
        (
            "1704448803.000000\tC4\t10.1.4.22\t51003\t198.51.101.5\t80\ttcp",
            &[],
        ),
        (
            "1704448804.000000\tC5\t10.1.4.22\t51004\t2001:db8::bad\t80\ttcp",
            &[10],
        ),
        (
            "1704448804.000000\tC5\t10.1.4.22\t51004\t2001:db8::bade\t80\ttcp",
            &[],
        ),
        ("#path\tdns", &[]),
        (
            "#fields\tts\tuid\tid.orig_h\tid.resp_h\tquery\tanswers",
            &[],
        ),
        (
            "1704448805.0\tD1\t10.1.4.22\t10.1.0.1\tEvil.Example.\t-",
            &[3],
        ),
        (
            "1704448806.0\tD2\t10.1.4.22\t10.1.0.1\tnotevil.example\t(empty)",
            &[],
        ),
        (
            "1704448807.0\tD3\t10.1.4.22\t10.1.0.1\tevil.example.org\t192.0.2.1",
            &[],
        ),
        (
            "1704448808.0\tD4\t10.1.4.22\t10.1.0.1\ta.b.badzone.test\t192.0.2.1",
            &[4],
        ),
        (
            "1704448809.0\tD5\t10.1.4.22\t10.1.0.1\tbadzone.test\t192.0.2.1",
            &[],
        ),
        (
            "1704448810.0\tD6\t10.1.4.22\t10.1.0.1\tnotbadzone.test\t192.0.2.1,203.0.113.7",
            &[1],
        ),
        ("#path\thttp", &[]),
        (
            "#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\thost\turi\tuser_agent",
            &[],
        ),
        (
            "1704448811.0\t10.1.4.22\t192.0.2.9\t80\tfiles.example\t/payload.exe\tMozilla/5.0",
            &[5],
        ),
        (
            "1704448812.0\t10.1.4.22\t192.0.2.9\t80\tfiles.example\t/payload.exe2\tMozilla/5.0",
            &[],
        ),
        (
            "1704448813.0\t10.1.4.22\t192.0.2.9\t80\tfiles.example\t/other.exe\tEvilBot/1.0",
            &[9],
        ),
        (
            "1704448814.0\t10.1.4.22\t192.0.2.9\t8080\tfiles.example\t/payload.exe\tEvilBot/1.01",
            &[],
        ),
        ("#path\tssl", &[]),
        ("#fields\tts\tid.orig_h\tid.resp_h\tserver_name\tja3", &[]),
        (
            &format!("1704448815.0\t10.1.4.22\t192.0.2.9\tx.badzone.test\t{JA3}"),
            &[4, 8],
        ),
        (
            "1704448816.0\t10.1.4.22\t192.0.2.9\tgood.example\te7d705a3286e19ea42f587b344ee6866",
            &[],
        ),
        ("#path\tfiles", &[]),
        ("#fields\tts\ttx_hosts\trx_hosts\tmd5\tsha1\tsha256", &[]),
        (
            &format!("1704448817.0\t192.0.2.9\t10.1.4.22\t-\t-\t{SHA}"),
            &[6],
        ),
        (
            &format!("1704448818.0\t192.0.2.9\t10.1.4.22\t-\t-\t{SHA_NEAR}"),
            &[],
        ),
        ("not\ta\tzeek\tline\twith\ttoo\tfew", &[]),
    ]);
}

#[test]
fn suricata_eve_dns_v2_v3_http_tls_fileinfo_smtp() {
    check(&[
        (
            r#"{"timestamp":"2024-01-05T10:00:00.000000+0000","event_type":"dns","src_ip":"10.1.4.22","dest_ip":"10.1.0.1","dns":{"type":"query","rrname":"evil.example"}}"#,
            &[3],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:01.000000+0000","event_type":"dns","src_ip":"10.1.4.22","dest_ip":"10.1.0.1","dns":{"version":3,"queries":[{"rrname":"notevil.example"}],"answers":[{"rrname":"notevil.example","rdata":"203.0.113.70"}]}}"#,
            &[],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:02.000000+0000","event_type":"dns","src_ip":"10.1.4.22","dest_ip":"10.1.0.1","dns":{"version":3,"queries":[{"rrname":"cdn.badzone.test"}],"answers":[{"rdata":"203.0.113.7"}]}}"#,
            &[1, 4],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:03.000000+0000","event_type":"http","src_ip":"10.1.4.22","dest_ip":"192.0.2.9","dest_port":80,"http":{"hostname":"FILES.example","url":"/payload%2Eexe","http_user_agent":"curl/8"}}"#,
            &[5],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:04.000000+0000","event_type":"http","src_ip":"10.1.4.22","dest_ip":"192.0.2.9","dest_port":80,"http":{"hostname":"files.example","url":"/payload.exe?x=1","http_user_agent":"EvilBot/1.0"}}"#,
            &[9],
        ),
        (
            &format!(
                r#"{{"timestamp":"2024-01-05T10:00:05.000000+0000","event_type":"tls","src_ip":"10.1.4.22","dest_ip":"192.0.2.9","tls":{{"sni":"evil.example.org","ja3":{{"hash":"{JA3}","string":"771,4865"}}}}}}"#
            ),
            &[8],
        ),
        (
            &format!(
                r#"{{"timestamp":"2024-01-05T10:00:06.000000+0000","event_type":"fileinfo","src_ip":"192.0.2.9","dest_ip":"10.1.4.22","fileinfo":{{"filename":"/payload.exe","sha256":"{SHA}"}}}}"#
            ),
            &[6],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:07.000000+0000","event_type":"smtp","src_ip":"192.0.2.9","dest_ip":"10.1.0.25","smtp":{"mail_from":"<bad@phish.example>","rcpt_to":["<nurse@clinic.example>"]},"email":{"from":"\"Billing\" <notbad@phish.example>"}}"#,
            &[7],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:08.000000+0000","event_type":"alert","src_ip":"198.51.100.1","dest_ip":"10.1.4.22","alert":{"signature":"ET POLICY evil.example 203.0.113.7"}}"#,
            &[2],
        ),
        (
            r#"{"timestamp":"2024-01-05T10:00:09","event_type":"flow","src_ip":"10.1.4.22","dest_ip":"#,
            &[],
        ),
    ]);
}

#[test]
fn cef_syslog_squid_and_text() {
    check(&[
        (
            r"CEF:0|Vendor|FW\|X|1.0|100|Blocked|5|src=10.1.4.22 dst=203.0.113.7 request=http://files.example:80/payload.exe msg=see evil.example",
            &[1, 5],
        ),
        (
            r"Jan  5 10:00:00 fw01 CEF:0|Vendor|FW|1.0|100|Allowed|3|src=10.1.4.22 dst=203.0.113.70 cs1=notevil.example cs1Label=Host",
            &[],
        ),
        (
            r"CEF:0|Vendor|Proxy|1.0|200|Web|3|src=10.1.4.22 requestClientApplication=EvilBot/1.0 fileHash=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
            &[6, 9],
        ),
    ]);
    check(&[
        ("<34>1 2024-01-05T10:00:00Z fw01 filterlog 123 - - block in 10.1.4.22 -> 198.51.100.9:443", &[2]),
        ("<13>Jan  5 10:00:01 evil.example sshd[1]: Failed password from 11.2.3.45 port 22", &[]),
        ("Jan  5 10:00:02 mail postfix/smtp[9]: to=<nurse@clinic.example> from=<bad@phish.example> relay=mx.notevil.example[203.0.113.71]", &[7]),
        (r#"<34>1 2024-01-05T10:00:03Z fw01 app - ID1 [x@1 dst="2001:db8::bad"] dropped"#, &[10]),
    ]);
    check(&[
        ("1704448800.123    120 10.1.4.22 TCP_MISS/200 512 GET http://files.example/payload.exe - HIER_DIRECT/192.0.2.9 application/octet-stream", &[5]),
        ("1704448801.123    120 10.1.4.22 TCP_MISS/200 512 GET http://files.example/other.exe - HIER_DIRECT/192.0.2.9 text/html", &[]),
        ("1704448802.123     80 10.1.4.22 TCP_TUNNEL/200 900 CONNECT www.badzone.test:443 - HIER_DIRECT/203.0.113.7 -", &[1, 4]),
        ("1704448803.123     80 10.1.4.22 TCP_MISS/200 900 GET http://notevil.example/ - HIER_DIRECT/198.51.10.7 text/html", &[]),
    ]);
    check(&[
        ("Analyst note: host 10.1.4.22 reached 203.0.113.7 (port 443) twice.", &[1]),
        ("Not hits: 1203.0.113.71, 203.0.113.7.5, v203.0.113.7, notevil.example, evil.example.org", &[]),
        ("Download from HXXP and http://files.example/payload.exe. Also mail bad@phish.example!", &[5, 7]),
        (&format!("sha256 {SHA_NEAR} and {}", &SHA[..63]), &[]),
        (&format!("dropped file {SHA}."), &[6]),
    ]);
}
