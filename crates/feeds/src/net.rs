//! The member's HTTP connections: which certificates are trusted (the web PKI roots, plus a
//! hub's own CA given with `--ca-cert`), the proxy (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`),
//! and transport failures said in plain words. Verification is never switched off.

use std::path::Path;
use std::sync::Arc;

use crate::error::FeedsError;

/// A request builder trusting the web PKI roots, with the proxy from the environment.
pub fn plain_builder() -> ureq::AgentBuilder {
    ureq::AgentBuilder::new().try_proxy_from_env(true)
}

/// A request builder trusting the web PKI roots and the CA certificates in `ca_cert` (PEM),
/// with the proxy from the environment.
pub fn agent_builder(ca_cert: Option<&Path>) -> Result<ureq::AgentBuilder, FeedsError> {
    let builder = plain_builder();
    let Some(path) = ca_cert else {
        return Ok(builder);
    };
    let bad = |detail: String| FeedsError::Config {
        path: path.to_path_buf(),
        message: format!("{detail}; expected a PEM file of CA certificates (--ca-cert)"),
    };
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| bad(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| bad(e.to_string()))?;
    if certs.is_empty() {
        return Err(bad("no certificate in it".into()));
    }
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in certs {
        roots.add(cert).map_err(|e| bad(e.to_string()))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(builder.tls_config(Arc::new(config)))
}

/// A transport failure in plain words, and whether trying again can help. The URL is not
/// repeated: the error that carries this message names it.
pub fn explain_transport(url: &str, t: &ureq::Transport) -> (String, bool) {
    use ureq::ErrorKind;
    let detail = t
        .message()
        .map(str::to_string)
        .or_else(|| std::error::Error::source(t).map(|s| s.to_string()))
        .unwrap_or_else(|| t.kind().to_string());
    let lower = format!("{detail} {t}").to_ascii_lowercase();
    let https = url.starts_with("https://");
    if https && (lower.contains("invalidcontenttype") || lower.contains("corrupt message")) {
        return (
            "the server answered in plain HTTP, not TLS: use an http:// URL, or turn on TLS on \
             the hub (`ward serve --tls-cert --tls-key`)"
                .to_string(),
            false,
        );
    }
    if https
        && (lower.contains("unknownissuer")
            || lower.contains("invalid peer certificate")
            || lower.contains("certificate"))
    {
        return (
            format!(
                "the server's certificate is not trusted ({detail}): if your hub uses a \
                 self-signed or private-CA certificate, give its CA certificate with --ca-cert \
                 FILE (or `ca_cert` in feeds.toml)"
            ),
            false,
        );
    }
    match t.kind() {
        ErrorKind::Dns => (
            format!("cannot find the host name ({detail}): check the URL's spelling"),
            true,
        ),
        ErrorKind::ConnectionFailed if lower.contains("refused") => (
            "nothing is listening there (connection refused): is the hub running, and is the \
             port right?"
                .to_string(),
            true,
        ),
        ErrorKind::Io | ErrorKind::BadStatus | ErrorKind::BadHeader
            if !https
                && (lower.contains("reset")
                    || lower.contains("bad status")
                    || lower.contains("header")) =>
        {
            (
                format!(
                    "the server did not answer in plain HTTP ({detail}): if it serves TLS, use an \
                 https:// URL"
                ),
                false,
            )
        }
        ErrorKind::InvalidUrl | ErrorKind::UnknownScheme => (
            format!("not a URL ward can use ({detail}): expected https://host/taxii2/..."),
            false,
        ),
        ErrorKind::ProxyConnect | ErrorKind::ProxyUnauthorized | ErrorKind::InvalidProxyUrl => (
            format!("the proxy refused or failed ({detail}): check HTTPS_PROXY"),
            false,
        ),
        _ => (detail, true),
    }
}
