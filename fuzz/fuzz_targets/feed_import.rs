//! Every importer of `ward-feeds` over arbitrary bytes: the first byte picks the format (its
//! place in `Format::ALL`), the rest is the file. Sniffing sees the file too. Any panic is a
//! bug: a bad entry is a reported problem.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ward_feeds::import::{import_bytes, sniff, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(pick) % Format::ALL.len()];
    let _ = sniff(file);
    let now = ward_stix::Timestamp::from_micros(1_767_225_600_000_000);
    let _ = import_bytes("fuzz", file, format, now);
});
