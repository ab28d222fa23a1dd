//! The `multipart/form-data` body of the devices page's upload form (RFC 7578): the parts'
//! names, file names and bytes. The body is already bounded by the server; this reads it
//! with checked cuts only, so any bytes give parts or an error, never a panic.

/// One part of the form.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    /// The file name the browser sent, for a file field.
    pub filename: Option<String>,
    pub bytes: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut pieces = content_type.split(';');
    let kind = pieces.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    pieces.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let value = value.trim().trim_matches('"');
        // RFC 2046: 1 to 70 characters.
        (!value.is_empty() && value.len() <= 70).then(|| value.to_string())
    })
}

/// The parts of `body`, or why it is not a form with that boundary.
pub fn parts(body: &[u8], boundary: &str) -> Result<Vec<Part>, &'static str> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut at = find(body, delimiter, 0).ok_or("no part boundary in the body")?;
    let mut parts = Vec::new();
    loop {
        let after = at + delimiter.len();
        let rest = body.get(after..).ok_or("the body ends inside a boundary")?;
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let start = after + line_end(rest).ok_or("a boundary line does not end")?;
        let head_end = find(body, b"\r\n\r\n", start)
            .ok_or("a part's headers do not end with a blank line")?;
        let head = body.get(start..head_end).ok_or("a part's headers")?;
        let content_start = head_end + 4;
        let next = find(body, &[b"\r\n", delimiter].concat(), content_start)
            .ok_or("a part does not end with the boundary")?;
        let bytes = body
            .get(content_start..next)
            .ok_or("a part's content")?
            .to_vec();
        let (name, filename) = disposition(head).ok_or("a part without a form-data name")?;
        parts.push(Part {
            name,
            filename,
            bytes,
        });
        at = next + 2;
    }
}

/// Where the line that starts `rest` ends, past its CRLF.
fn line_end(rest: &[u8]) -> Option<usize> {
    find(rest, b"\r\n", 0).map(|i| i + 2)
}

/// The first `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let tail = haystack.get(from..)?;
    if needle.is_empty() || tail.len() < needle.len() {
        return None;
    }
    tail.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `name` and `filename` of a part's `Content-Disposition: form-data` header.
fn disposition(head: &[u8]) -> Option<(String, Option<String>)> {
    let head = String::from_utf8_lossy(head);
    let line = head.split("\r\n").find(|l| {
        l.split_once(':')
            .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
    })?;
    let (_, value) = line.split_once(':')?;
    let mut name = None;
    let mut filename = None;
    for param in value.split(';').skip(1) {
        let Some((key, v)) = param.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches('"').to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "name" => name = Some(v),
            "filename" => filename = Some(v),
            _ => {}
        }
    }
    Some((name?, filename))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_form_reads_back() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"assets.csv\"\r\nContent-Type: text/csv\r\n\r\nname,vendor\r\na,b\r\n\r\n--XyZ--\r\n";
        let b = boundary("multipart/form-data; boundary=XyZ").unwrap();
        let p = parts(body, &b).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "csrf");
        assert_eq!(p[0].bytes, b"abc");
        assert_eq!(p[1].filename.as_deref(), Some("assets.csv"));
        assert_eq!(p[1].bytes, b"name,vendor\r\na,b\r\n");
    }

    #[test]
    fn broken_bodies_are_errors_not_panics() {
        assert!(boundary("application/x-www-form-urlencoded").is_none());
        assert!(boundary("multipart/form-data").is_none());
        for body in [
            &b""[..],
            b"--XyZ",
            b"--XyZ\r\n",
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            b"--XyZ\r\nX: y\r\n\r\nv\r\n--XyZ--",
            b"--XyZ\xff\xfe",
        ] {
            assert!(parts(body, "XyZ").is_err(), "{body:?}");
        }
        for n in 0..200u8 {
            let body: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37)).collect();
            let _ = parts(&body, "a");
        }
    }
}
