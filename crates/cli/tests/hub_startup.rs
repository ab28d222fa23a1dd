//! Start-up that cannot lose a hub: `ward admin` and `ward serve` never make an empty store
//! out of a mistyped `--data` or an empty database (only `ward admin init` or `serve --init`
//! create one), `serve` says which store it opened, and `ward --version` names the schema
//! versions it reads. On SQLite and on PostgreSQL (`WARD_TEST_DATABASE_URL`; skipped without
//! a server unless `WARD_REQUIRE_PEERS=1`).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use ward_store_pg::scratch;
use ward_testkit::Hub;

fn ward(store: &[&str], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ward"))
        .args(store)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run ward")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A store that is not there: exit 2, one line naming it and the command that creates it.
fn assert_refused(out: &Output, place: &str, hint: &str) {
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("no hub store at {place}")), "{err}");
    assert!(
        err.contains(&format!("(run `ward admin init {hint}` to create one)")),
        "{err}"
    );
}

#[test]
fn a_mistyped_data_folder_is_refused_and_stays_absent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let typo = dir.path().join("ward-dta");
    let typo_arg = typo.to_str().expect("utf8 path");
    let store = ["--data", typo_arg];
    for args in [
        &["admin", "org", "list"][..],
        &["admin", "org", "add", "Mercy"],
        &["admin", "policy", "show"],
        &["serve", "--listen", "127.0.0.1:0"],
    ] {
        let out = ward(&store, args);
        assert_refused(&out, typo_arg, &format!("--data {typo_arg}"));
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    // `init` creates it, says where, and the same commands work from then on.
    let out = ward(&store, &["admin", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "SQLite store {}, schema version {}, 0 objects",
            typo.join("ward.db").display(),
            ward_store::SCHEMA_VERSION
        )),
        "{said}"
    );
    let out = ward(&store, &["admin", "org", "add", "Mercy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A second init keeps what is there.
    assert!(ward(&store, &["admin", "init"]).status.success());
    let out = ward(&store, &["admin", "org", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Mercy"));
}

#[test]
fn a_relative_data_folder_is_shown_absolute_by_serve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ward_exe = Path::new(env!("CARGO_BIN_EXE_ward"));
    // --init on serve creates the store; serve says which one it opened, absolute.
    let mut hub = Hub::start_captured(ward_exe, &dir.path().join("hub"), &[], &["--init"]);
    let (_, err) = hub.terminate();
    let expected = format!(
        "serving the SQLite store {}, schema version {}, 0 objects",
        dir.path().join("hub").join("ward.db").display(),
        ward_store::SCHEMA_VERSION
    );
    assert!(err.contains(&expected), "{err}");
    // Started from the folder above with a relative --data, the path shown is absolute.
    let out = Command::new(ward_exe)
        .current_dir(dir.path())
        .args(["--data", "hub", "admin", "init"])
        .output()
        .expect("run ward");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&dir.path().join("hub").join("ward.db").display().to_string()),
        "{said}"
    );
}

#[test]
fn version_names_the_schema_versions() {
    let out = ward(&[], &["--version"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "hub store schema: SQLite {}, PostgreSQL {}",
            ward_store::SCHEMA_VERSION,
            ward_store_pg::SCHEMA_VERSION
        )),
        "{text}"
    );
}

#[test]
fn an_empty_database_is_refused_until_init() {
    let Some(db) = scratch::for_test() else {
        return;
    };
    let shown = ward_store_pg::redact_url(db.url());
    let store = ["--database", db.url()];
    for args in [
        &["admin", "org", "list"][..],
        &["admin", "token", "list"],
        &["serve", "--listen", "127.0.0.1:0"],
    ] {
        let out = ward(&store, args);
        assert_refused(&out, &shown, &format!("--database {shown}"));
    }
    let out = ward(&store, &["admin", "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!(
            "PostgreSQL store {shown}, schema version {}, 0 objects",
            ward_store_pg::SCHEMA_VERSION
        )),
        "{said}"
    );
    let out = ward(&store, &["admin", "org", "add", "Mercy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let unused = tempfile::tempdir().expect("tempdir");
    let mut hub = Hub::start_captured(
        Path::new(env!("CARGO_BIN_EXE_ward")),
        unused.path(),
        &store,
        &[],
    );
    let (_, err) = hub.terminate();
    assert!(
        err.contains(&format!("serving the PostgreSQL store {shown}")),
        "{err}"
    );
}
