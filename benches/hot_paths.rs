//! The hot paths of a check, each on its own: extraction per format, normalisation, matching
//! with the compiled rule set, judgement, rule loading, and the tracker pass over raw bytes.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use privlint::analysis::Analysis;
use privlint::document::Format;
use privlint::extract;
use privlint::judge::judge;
use privlint::normalize::normalize;
use privlint::rules::{Profile, RuleSet};

fn statement_html() -> String {
    let body = std::fs::read_to_string("fixtures/statements/complete-nl.html").expect("fixture");
    // About 40 KB: the statement repeated, as a long real one would be.
    body.repeat(20)
}

fn bench(c: &mut Criterion) {
    let html = statement_html();
    let md = std::fs::read_to_string("fixtures/statements/weak-nl.md")
        .expect("fixture")
        .repeat(60);
    let text = std::fs::read_to_string("fixtures/statements/weak-en.txt")
        .expect("fixture")
        .repeat(120);
    let rules = RuleSet::builtin(Profile::Avg).expect("rules");

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html", |b| b.iter(|| extract::extract(&html, Format::Html)));
    g.throughput(Throughput::Bytes(md.len() as u64));
    g.bench_function("markdown", |b| {
        b.iter(|| extract::extract(&md, Format::Markdown))
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("text", |b| b.iter(|| extract::extract(&text, Format::Text)));
    g.finish();

    let doc = extract::extract(&html, Format::Html);
    let mut g = c.benchmark_group("analyse");
    g.throughput(Throughput::Bytes(doc.text.len() as u64));
    g.bench_function("normalize", |b| b.iter(|| normalize(&doc.text)));
    let norm = normalize(&doc.text);
    g.bench_function("match", |b| b.iter(|| rules.find(&norm.text)));
    g.bench_function("judge", |b| {
        b.iter(|| {
            let a = Analysis::new(&doc);
            judge(&a, &rules)
        })
    });
    g.finish();

    c.bench_function("load_rules", |b| b.iter(|| RuleSet::builtin(Profile::Avg)));

    let services =
        privlint::site::trackers::load(privlint::site::trackers::BUILTIN).expect("trackers");
    let detector = privlint::site::trackers::Detector::new(&services).expect("detector");
    let page = format!(
        "<html><head><script async src=\"https://www.googletagmanager.com/gtag/js?id=G-1\"></script></head><body>{}</body></html>",
        "<p>Vers brood van de bakker, elke ochtend uit de oven.</p>".repeat(700)
    );
    let mut g = c.benchmark_group("site");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("trackers", |b| b.iter(|| detector.detect(&page)));
    g.bench_function("markers_and_head", |b| {
        b.iter(|| {
            privlint::site::page::quick_head(&page, &privlint::site::page::Markers::find(&page))
        })
    });
    g.bench_function("page_scan", |b| {
        b.iter(|| privlint::site::page::scan(&page))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
