//! When the built-in patterns are compiled: never by loading the rules; for the statements of a
//! site scan, by its first pass while files are left to read, else when judged (and for
//! nothing else); and never twice.
//!
//! The compiled patterns are shared by the whole process, so this binary holds one test: in a
//! process of its own, what it counts is what it did.

use std::path::Path;

use privlint::rules::{shared, Profile, RuleSet};
use privlint::site::{gather, gather_preparing, SiteOptions};

fn norm_of(fixture: &str) -> String {
    let path = format!(
        "{}/fixtures/statements/{fixture}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    privlint::check::normalised(&text, privlint::document::Format::from_path(&path))
}

#[test]
fn built_in_patterns_are_compiled_once_where_a_statement_needs_them() {
    assert_eq!(shared::compiled(), 0, "compiled before anything ran");

    // Loading the rules compiles no built-in pattern.
    let avg = RuleSet::builtin(Profile::Avg).expect("built-in rules");
    let gdpr = RuleSet::builtin(Profile::Gdpr).expect("built-in rules");
    assert_eq!(shared::compiled(), 0, "loading compiled patterns");

    // A first pass that is not asked to prepare compiles nothing. One that is compiles the
    // patterns of each statement it reads while files are left to read; a statement in its
    // last chunk is prepared when the second pass judges it (it would otherwise hold up the
    // second pass). Either way judging needs nothing more.
    let trackers = privlint::site::trackers::Trackers::builtin().expect("built-in trackers");
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sites/built"));
    let opts = SiteOptions::default();
    let _plain = gather(root, &trackers, &opts);
    assert_eq!(
        shared::compiled(),
        0,
        "a first pass without preparing compiled"
    );
    // Ten files: one chunk, the last.
    let readied = gather_preparing(root, &trackers, &opts, Some(Profile::Avg));
    assert_eq!(
        shared::compiled(),
        0,
        "a statement in the last chunk was prepared by the first pass"
    );
    let mut reports = 0;
    readied.report(&avg, &trackers, &mut |_| reports += 1);
    assert!(reports > 1);
    let judged = shared::compiled();
    assert!(judged > 0, "judging the statement compiled nothing");
    let again = gather_preparing(root, &trackers, &opts, Some(Profile::Avg));
    again.report(&avg, &trackers, &mut |_| ());
    assert_eq!(shared::compiled(), judged, "judging again compiled more");

    // A statement first in a site of 100 pages (more than the first chunk) is prepared by
    // the first pass, and judging it compiles nothing more.
    let site = tempfile::tempdir().expect("temporary folder");
    let statement = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/statements/foundation-nl.html"
    ))
    .expect("fixture");
    std::fs::create_dir(site.path().join("privacy")).expect("folder");
    std::fs::write(site.path().join("privacy/index.html"), statement).expect("statement");
    for i in 0..100 {
        let page = format!(
            "<html><head><title>Pagina {i}</title></head><body><p>Tekst.</p></body></html>"
        );
        std::fs::write(site.path().join(format!("z{i:03}.html")), page).expect("page");
    }
    let early = gather_preparing(site.path(), &trackers, &opts, Some(Profile::Avg));
    let prepared = shared::compiled();
    assert!(
        prepared > judged,
        "the first pass did not prepare a statement with reads left"
    );
    let mut statements = 0;
    early.report(&avg, &trackers, &mut |r| {
        statements += usize::from(r.role == privlint::check::Role::Statement)
    });
    assert_eq!(statements, 1);
    assert_eq!(shared::compiled(), prepared, "judging compiled more");

    // Preparing a text compiles what finding in it with the profile's rules opens: finding
    // compiles nothing more. A pattern only the stricter profile uses is left for it.
    let norm = norm_of("complete-en.md");
    let before = shared::compiled();
    shared::prepare(&norm, Profile::Avg);
    let for_avg = shared::compiled();
    assert!(for_avg > before, "a second statement opened no new pattern");
    avg.find(&norm);
    assert_eq!(shared::compiled(), for_avg, "finding compiled more");
    gdpr.find(&norm);
    let for_gdpr = shared::compiled();
    assert!(
        for_gdpr > for_avg,
        "the stricter profile opened nothing more"
    );
    shared::prepare(&norm, Profile::Gdpr);
    assert_eq!(
        shared::compiled(),
        for_gdpr,
        "preparing for gdpr compiled more"
    );
}
