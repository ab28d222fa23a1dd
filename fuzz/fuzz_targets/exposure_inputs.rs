//! Every parser of `ward-exposure` over arbitrary bytes: inventory CSV, CycloneDX, KEV, EPSS,
//! CSAF, NVD JSON, free-text version ranges and CPE names. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ward_exposure::parse_everything(data);
});
