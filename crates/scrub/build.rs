//! Builds the hash table of the embedded name and place lists (`src/slots.rs`) so a process
//! does not build it at start-up.

// The build script only builds; the searching half is the library's.
#[allow(dead_code)]
#[path = "src/slots.rs"]
mod slots;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    println!("cargo:rerun-if-changed=src/slots.rs");
    // The order and bits must match `gazetteer.rs` (a unit test compares the tables).
    let tables: [(&str, &[(&str, u32)]); 2] = [
        (
            "names-places.slots",
            &[
                ("surnames.txt", 1),
                ("given-names.txt", 2),
                ("name-words.txt", 4),
                ("cities.txt", 8),
            ],
        ),
        ("lookalikes.slots", &[("login-lookalikes.txt", 16)]),
    ];
    for (name, files) in tables {
        let texts: Vec<(Vec<u8>, u32)> = files
            .iter()
            .map(|&(file, bit)| {
                let path = format!("data/{file}");
                println!("cargo:rerun-if-changed={path}");
                (std::fs::read(&path).expect("an embedded list"), bit)
            })
            .collect();
        let lists: Vec<(&[u8], u32)> = texts.iter().map(|(t, b)| (t.as_slice(), *b)).collect();
        let slots = slots::build(&lists).expect("lists small enough for 24-bit offsets");
        let bytes: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
        std::fs::write(out.join(name), bytes).expect("write the table");
    }
}
