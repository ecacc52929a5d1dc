//! When the built-in patterns are compiled: never by loading the rules, by a site scan's first
//! pass for the statements it reads (and for nothing else), and never again by judging.
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

    // A first pass that is not asked to prepare compiles nothing; one that is compiles the
    // patterns of the statements it reads, and judging them then needs nothing more.
    let trackers = privlint::site::trackers::Trackers::builtin().expect("built-in trackers");
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sites/built"));
    let opts = SiteOptions::default();
    let _plain = gather(root, &trackers, &opts);
    assert_eq!(
        shared::compiled(),
        0,
        "a first pass without preparing compiled"
    );
    let readied = gather_preparing(root, &trackers, &opts, Some(Profile::Avg));
    let prepared = shared::compiled();
    assert!(prepared > 0, "the first pass compiled nothing");
    let mut reports = 0;
    readied.report(&avg, &trackers, &mut |_| reports += 1);
    assert!(reports > 1);
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
