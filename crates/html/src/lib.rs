//! The shell every ward HTML page shares: doctype, language, charset, viewport, title, one
//! inline style sheet and, when the page is a file rather than an answer with headers, its
//! content security policy as a meta element. The pages build their bodies with maud and hand
//! them here, so every value spliced into a page is escaped.
//!
//! This crate must never load or link anything from outside the page: no script, no style
//! sheet, font or image by URL.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The head of a page.
pub struct Head<'a> {
    /// The title, as markup (it may be built from several escaped parts).
    pub title: Markup,
    /// CSS placed inline as it is: the page's own constant, never outside input.
    pub style: &'a str,
    /// A content security policy for the page's meta element (a page saved as a file has no
    /// headers to carry one).
    pub csp: Option<&'a str>,
}

/// The content security policy of a page served with headers: nothing loads from anywhere
/// but the page's own origin for images, the one inline style sheet `style` is allowed by its
/// SHA-256 hash, forms post only back to the origin, and no page can be framed or rebased.
pub fn style_policy(style: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'"
    )
}

/// The headers (name, value) every served page carries beside its policy: no type sniffing,
/// no referrer, no framing, and no caching (pages name members and show a token once).
pub const PAGE_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cache-control", "no-store"),
];

/// A whole page, ending with a newline.
pub fn page(head: Head<'_>, body: Markup) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(csp) = head.csp {
                    meta http-equiv="Content-Security-Policy" content=(csp);
                }
                title { (head.title) }
                style { (PreEscaped(head.style)) }
            }
            body { (body) }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_escapes_the_title_and_carries_the_policy() {
        let title = html! { "a <b> & \"c\"" };
        let body = html! { p { "x" } };
        let text = page(
            Head {
                title,
                style: "p{color:red}",
                csp: Some("default-src 'none'"),
            },
            body,
        );
        assert!(text.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"));
        assert!(
            text.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"),
            "{text}"
        );
        assert!(text.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        ));
        assert!(text.contains("<style>p{color:red}</style></head><body><p>x</p></body></html>\n"));
        let bare = page(
            Head {
                title: html! { "t" },
                style: "",
                csp: None,
            },
            html! {},
        );
        assert!(!bare.contains("Content-Security-Policy"), "{bare}");
    }

    #[test]
    fn the_policy_allows_exactly_the_style_given() {
        let policy = style_policy("p{color:red}");
        assert!(
            policy.starts_with("default-src 'none'; style-src 'sha256-"),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert_ne!(policy, style_policy("p{color:blue}"));
    }
}
