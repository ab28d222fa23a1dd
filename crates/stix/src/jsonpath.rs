//! The one JSON path formatter: `$.objects[3].hashes['SHA-256']`.

/// The path of member `key` under `base`: dotted when the key is a plain name, bracketed and
/// quoted otherwise.
pub fn member(base: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !key.as_bytes()[0].is_ascii_digit();
    if plain {
        format!("{base}.{key}")
    } else {
        format!(
            "{base}['{}']",
            key.replace('\\', "\\\\").replace('\'', "\\'")
        )
    }
}

/// The path of element `index` under `base`.
pub fn index(base: &str, index: usize) -> String {
    format!("{base}[{index}]")
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats() {
        assert_eq!(super::member("$", "objects"), "$.objects");
        assert_eq!(super::member("$.hashes", "SHA-256"), "$.hashes['SHA-256']");
        assert_eq!(super::index("$.objects", 3), "$.objects[3]");
    }
}
