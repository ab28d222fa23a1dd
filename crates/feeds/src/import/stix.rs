//! STIX 2.1 documents: every object that passes validation is kept as it came; an object
//! that breaks a MUST rule is reported with its JSON path and skipped.

use ward_stix::document::{self, Item};
use ward_stix::validate::{self, Severity};

use super::Sink;

pub(super) fn read(bytes: &[u8], sink: &mut Sink<'_>) {
    let mut found = Vec::new();
    let outcome = document::read(bytes, &mut |item| {
        if let Item::Object(value, path) = item {
            let problems = validate::validate_object(&value, path);
            match problems.iter().find(|p| p.severity == Severity::Error) {
                Some(p) => found.push(Err((p.path.clone(), p.message.clone()))),
                None => found.push(Ok(value)),
            }
        }
    });
    for f in found {
        match f {
            Ok(value) => sink.object(value),
            Err((path, message)) => sink.problem(path, message),
        }
    }
    if let Err(e) = outcome {
        let location = match &e {
            document::DocumentError::Syntax { line, .. } => line.to_string(),
            document::DocumentError::Io(_) => "1".to_string(),
        };
        sink.problem(location, format!("not a STIX document: {e}"));
    }
}
