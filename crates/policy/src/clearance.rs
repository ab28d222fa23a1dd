//! Who may read what, by TLP 2.0 level: the rules of the hub, with no store and no HTTP.
//!
//! - CLEAR: anyone the collection admits, including a reader without credentials on a
//!   public collection.
//! - GREEN: any member.
//! - AMBER and AMBER+STRICT: the submitting organization and the organizations it named
//!   (per object through ward's extension, else the collection's AMBER audience).
//! - RED: the submitting user and the users it named, and only when they sign in as a
//!   person (a password): never to a token, which is what machine exports and syncs use.

use ward_stix::tlp::Tlp;

/// How the reader signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReaderKind {
    /// A person with a password.
    Person,
    /// An API token: exports, syncs, firewalls, SIEMs.
    Machine,
    /// No credentials (a public collection).
    Anonymous,
}

/// The reader, as the policy sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    pub org_id: String,
    pub user_id: String,
    pub kind: ReaderKind,
}

impl Reader {
    pub fn anonymous() -> Reader {
        Reader {
            org_id: String::new(),
            user_id: String::new(),
            kind: ReaderKind::Anonymous,
        }
    }

    pub fn from_caller(caller: &ward_hub_api::Caller) -> Reader {
        use ward_hub_api::Credential;
        let kind = match caller.credential {
            Credential::Password => ReaderKind::Person,
            Credential::Token => ReaderKind::Machine,
            Credential::None => ReaderKind::Anonymous,
        };
        if kind == ReaderKind::Anonymous {
            return Reader::anonymous();
        }
        Reader {
            org_id: caller.org_id.clone(),
            user_id: caller.user_id.clone(),
            kind,
        }
    }

    fn is_member(&self) -> bool {
        self.kind != ReaderKind::Anonymous && !self.org_id.is_empty()
    }
}

/// Who a given object may reach beyond GREEN.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Audience<'a> {
    /// The submitting organization and user, when the hub knows them.
    pub submitter_org: Option<&'a str>,
    pub submitter_user: Option<&'a str>,
    /// Organization ids that may read AMBER and AMBER+STRICT.
    pub amber_orgs: &'a [String],
    /// User ids that may read RED.
    pub red_users: &'a [String],
}

impl Audience<'_> {
    pub fn is_submitter_org(&self, reader: &Reader) -> bool {
        reader.is_member() && self.submitter_org == Some(reader.org_id.as_str())
    }
}

/// May `reader` read something marked `level`?
pub fn cleared(level: Tlp, reader: &Reader, audience: &Audience<'_>) -> bool {
    match level {
        Tlp::Clear => true,
        Tlp::Green => reader.is_member(),
        Tlp::Amber | Tlp::AmberStrict => {
            reader.is_member()
                && (audience.is_submitter_org(reader)
                    || audience.amber_orgs.contains(&reader.org_id))
        }
        Tlp::Red => {
            reader.kind == ReaderKind::Person
                && !reader.user_id.is_empty()
                && (audience.submitter_user == Some(reader.user_id.as_str())
                    || audience.red_users.contains(&reader.user_id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(org: &str, user: &str, kind: ReaderKind) -> Reader {
        Reader {
            org_id: org.into(),
            user_id: user.into(),
            kind,
        }
    }

    #[test]
    fn levels() {
        let amber = vec!["b".to_string()];
        let red = vec!["ub".to_string()];
        let aud = Audience {
            submitter_org: Some("a"),
            submitter_user: Some("ua"),
            amber_orgs: &amber,
            red_users: &red,
        };
        let anon = Reader::anonymous();
        let other = reader("c", "uc", ReaderKind::Person);
        let named = reader("b", "ub", ReaderKind::Person);
        let named_machine = reader("b", "ub", ReaderKind::Machine);
        let own = reader("a", "ua2", ReaderKind::Machine);
        assert!(cleared(Tlp::Clear, &anon, &aud));
        assert!(!cleared(Tlp::Green, &anon, &aud));
        assert!(cleared(Tlp::Green, &other, &aud));
        assert!(!cleared(Tlp::Amber, &other, &aud));
        assert!(cleared(Tlp::AmberStrict, &named, &aud));
        assert!(cleared(Tlp::Amber, &own, &aud));
        assert!(cleared(Tlp::Red, &named, &aud));
        assert!(!cleared(Tlp::Red, &named_machine, &aud));
        assert!(!cleared(Tlp::Red, &own, &aud), "same org, other user");
        assert!(cleared(
            Tlp::Red,
            &reader("a", "ua", ReaderKind::Person),
            &aud
        ));
        // An anonymous reader never matches an unknown (empty) submitter.
        let nobody = Audience::default();
        assert!(!cleared(Tlp::Amber, &anon, &nobody));
        assert!(!cleared(Tlp::Red, &anon, &nobody));
    }
}
