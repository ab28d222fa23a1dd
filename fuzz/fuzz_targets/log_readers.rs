//! Every log reader of `ward-detect` over arbitrary bytes: the first byte picks the format
//! (the order of `FORMATS`), the rest is a log, read line by line as the scanner does
//! (Zeek header lines included), each event's time normalized. Sniffing sees the log too.
//! Any panic is a bug: a bad line is counted, never fatal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ward_detect::readers::{LineReader, LogFormat, ReadScratch};
use ward_detect::Event;

const FORMATS: [LogFormat; 13] = [
    LogFormat::ZeekTsv,
    LogFormat::ZeekJson,
    LogFormat::SuricataEve,
    LogFormat::Cef,
    LogFormat::Syslog,
    LogFormat::Squid,
    LogFormat::JsonLines,
    LogFormat::Text,
    LogFormat::Firewall,
    LogFormat::WindowsEvent,
    LogFormat::WindowsFirewall,
    LogFormat::WindowsDns,
    LogFormat::Csv,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, log)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let _ = LogFormat::sniff(log);
    let _ = ward_detect::readers::refuse::refusal(log);
    let now = ward_stix::Timestamp::from_micros(1_767_225_600_000_000);
    let mut reader = LineReader::new(format);
    let mut scratch = ReadScratch::default();
    let mut event = Event::new();
    for line in log.split(|&b| b == b'\n') {
        if reader.read_header(line) {
            continue;
        }
        if reader.parse(line, &mut event, &mut scratch).is_ok() {
            let _ = ward_detect::time::normalize(event.time(), event.time_text(), now);
        }
    }
});
