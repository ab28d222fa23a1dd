//! Delimited files with a header row (comma, semicolon or tab): sign-in logs exported from
//! Microsoft 365 / Entra ID (`IP address`, `User`, `Date (UTC)`) and other exports whose
//! columns are named as people name them. A column is known by its name, compared without
//! case, spaces, underscores and brackets; unknown columns are not looked up.
//!
//! The Microsoft 365 unified audit log, exported from Purview (`CreationDate`, `UserIds` or
//! `UserId`, `Operations`, `AuditData`), keeps what matters in `AuditData`, a JSON object per
//! row: its keys are read as the columns are (`ClientIP`, `ClientIPAddress`,
//! `ActorIpAddress`, `UserId`), an address's port dropped.

use crate::event::Event;
use crate::fields::{classify, FieldKind, Role};
use crate::readers::firewall::split_delimited;

/// Why a line was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadRow;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Field(FieldKind, Role),
    /// The account or machine the row is about (the organization's end).
    Who,
    /// A JSON object whose keys are read as columns (the unified audit log's `AuditData`).
    Json,
    Skip,
}

/// The header of one file.
#[derive(Debug, Clone, Default)]
pub struct Header {
    sep: char,
    names: Vec<String>,
    columns: Vec<Column>,
}

fn squeeze(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || *c == '.')
        .flat_map(char::to_lowercase)
        .collect()
}

fn column(name: &str) -> Column {
    let (src, dst, other) = (Role::Source, Role::Destination, Role::Other);
    match squeeze(name).as_str() {
        "ipaddress" | "clientip" | "ipaddressofclient" | "callerip" | "sourceip" | "ip"
        | "clientipaddress" | "actoripaddress" => Column::Field(FieldKind::Ip, src),
        "destinationip" | "destinationaddress" | "remoteip" => Column::Field(FieldKind::Ip, dst),
        "user" | "username" | "userprincipalname" | "upn" | "userid" | "userids" | "account"
        | "computer" | "computername" | "hostname" | "devicename" => Column::Who,
        "dateutc" | "date" | "createddatetime" | "creationdate" | "creationtime" | "timestamp"
        | "time" | "datetime" | "eventtime" => Column::Field(FieldKind::Time, other),
        "domain" | "domainname" | "queryname" => Column::Field(FieldKind::Domain, dst),
        "url" | "fullurl" => Column::Field(FieldKind::Url, dst),
        "sha256" | "md5" | "sha1" | "filehash" | "hash" => {
            Column::Field(FieldKind::HashByLength, other)
        }
        "senderaddress" | "sender" | "recipientaddress" | "recipient" => {
            Column::Field(FieldKind::Email, other)
        }
        "auditdata" => Column::Json,
        _ => match classify(name, FieldKind::Ignore) {
            (FieldKind::Ignore | FieldKind::Sniff | FieldKind::Time, _) => Column::Skip,
            (kind, role) => Column::Field(kind, role),
        },
    }
}

/// The separator and columns of a header line that names at least one column ward reads
/// besides times and names (an address, a domain, a URL, a digest or an e-mail).
pub fn header(line: &str) -> Option<Header> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let sep = [',', ';', '\t']
        .into_iter()
        .max_by_key(|&c| line.matches(c).count())?;
    let names: Vec<String> = split_delimited(line, sep)
        .into_iter()
        .map(|n| n.trim().to_string())
        .collect();
    if names.len() < 2 {
        return None;
    }
    let columns: Vec<Column> = names.iter().map(|n| column(n)).collect();
    let useful = columns.iter().any(|c| {
        matches!(c, Column::Json)
            || matches!(c, Column::Field(kind, _) if !matches!(kind, FieldKind::Time | FieldKind::DestPort))
    });
    useful.then_some(Header {
        sep,
        names,
        columns,
    })
}

impl Header {
    pub fn is_set(&self) -> bool {
        !self.columns.is_empty()
    }

    pub fn parse_line(&self, line: &str, event: &mut Event) -> Result<(), BadRow> {
        let values = split_delimited(line, self.sep);
        if values.len() != self.columns.len() {
            return Err(BadRow);
        }
        // The account a row is about: a user principal name (with `@`) over a display name.
        let mut who: Option<String> = None;
        let mut offer = |v: &str| {
            let v = v.trim();
            if !v.is_empty() && (who.is_none() || v.contains('@')) {
                who = Some(v.to_string());
            }
        };
        for ((column, name), value) in self.columns.iter().zip(&self.names).zip(&values) {
            match column {
                Column::Field(kind, role) => event.push_field(name, *kind, *role, value),
                Column::Who => offer(value),
                Column::Json => {
                    if let Some(w) = json_columns(value, event) {
                        offer(&w);
                    }
                }
                Column::Skip => {}
            }
        }
        if let Some(w) = &who {
            event.set_host(w);
        }
        Ok(())
    }
}

/// Reads the keys of a JSON object in a cell as columns; gives the account it names. A cell
/// that is not a JSON object adds nothing (the row's other columns still count).
fn json_columns(cell: &str, event: &mut Event) -> Option<String> {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(cell) else {
        return None;
    };
    let mut who = None;
    for (key, value) in &map {
        let Some(text) = value.as_str() else {
            continue;
        };
        match column(key) {
            Column::Field(FieldKind::Ip, role) => {
                event.push_field(key, FieldKind::Ip, role, without_port(text));
            }
            Column::Field(FieldKind::Time, _) => {}
            Column::Field(kind, role) => event.push_field(key, kind, role, text),
            Column::Who if who.is_none() || text.contains('@') => who = Some(text.to_string()),
            _ => {}
        }
    }
    who
}

/// `203.0.113.7:52344` and `[2001:db8::1]:443` without the port; anything else as it is.
fn without_port(text: &str) -> &str {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match text.split_once(':') {
        Some((addr, port)) if !port.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            addr
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Kind;

    #[test]
    fn entra_sign_in_columns() {
        let h =
            header("Date (UTC),Request ID,User,Username,Application,IP address,Location,Status")
                .unwrap();
        let mut e = Event::new();
        h.parse_line(
            "2024-01-05T10:00:00Z,abc,Jo Nurse,jo@clinic.example,Office 365,\"203.0.113.7\",\"Lagos, NG\",Failure",
            &mut e,
        )
        .unwrap();
        let v: Vec<(Kind, Role, &str)> = e
            .items()
            .iter()
            .map(|o| (o.kind, o.role, e.value(o)))
            .collect();
        assert_eq!(v, vec![(Kind::Ipv4, Role::Source, "203.0.113.7")]);
        assert_eq!(e.host(), Some("jo@clinic.example"));
        assert_eq!(e.time_text(), Some("2024-01-05T10:00:00Z"));
        assert!(h.parse_line("too,few", &mut Event::new()).is_err());
        let semi = header("Zeitstempel;Benutzer;IP-Adresse;Ort").map(|h| h.sep);
        assert_eq!(semi, None, "no column ward knows by that name");
        assert_eq!(header("time;user;ip address").map(|h| h.sep), Some(';'));
        assert!(header("name,model,firmware").is_none());
    }

    #[test]
    fn unified_audit_log_rows_are_read_from_their_audit_data() {
        let h = header("CreationDate,UserIds,Operations,AuditData").unwrap();
        let mut e = Event::new();
        h.parse_line(
            "2024-01-05T10:00:00.0000000Z,jo@clinic.example,UserLoggedIn,\"{\"\"CreationTime\"\":\"\"2024-01-05T10:00:00\"\",\"\"UserId\"\":\"\"jo@clinic.example\"\",\"\"ClientIP\"\":\"\"203.0.113.7:52344\"\",\"\"ActorIpAddress\"\":\"\"[2001:db8::7]:443\"\"}\"",
            &mut e,
        )
        .unwrap();
        let mut v: Vec<(Kind, &str)> = e.items().iter().map(|o| (o.kind, e.value(o))).collect();
        v.sort();
        assert_eq!(
            v,
            vec![(Kind::Ipv4, "203.0.113.7"), (Kind::Ipv6, "2001:db8::7")]
        );
        assert_eq!(e.host(), Some("jo@clinic.example"));
        // A cell that is not JSON adds nothing and breaks nothing.
        let mut e = Event::new();
        h.parse_line("2024-01-05T10:00:00Z,jo,UserLoggedIn,not json", &mut e)
            .unwrap();
        assert!(e.items().is_empty());
        assert_eq!(e.host(), Some("jo"));
    }
}
