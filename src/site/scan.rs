//! The two passes of a site scan, with memory that does not grow with the site.
//!
//! 1. Files are walked in path order and read in parallel, a chunk at a time. Each is reduced
//!    to its facts ([`read::read_one`]) and its text dropped; the facts go to a temporary
//!    store ([`crate::spill`]) and add to the site-wide facts ([`SiteFacts`]). A statement
//!    keeps its text in memory (a site has a few).
//! 2. With the site known (which pages are statements, at which addresses, which trackers the
//!    site uses), the stored facts are read back in path order, a chunk at a time in
//!    parallel, made into reports and handed to the caller one by one, who writes and drops
//!    them. The statements are judged meanwhile, on a core of their own. (The first pass can
//!    already compile the patterns each statement will need, beside its reads and while the
//!    rules load: see [`gather_preparing`].)
//!
//! A file is thus read once; what is kept per page between the passes is on disk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::facts::SiteFacts;
use super::findings::{
    contains_word, form_diagnostic, no_statement_diagnostic, provider_diagnostic,
};
use super::read::{read_one, FileData};
use super::{links, trackers, walk, FormInfo, PageInfo, SiteOptions, SiteSummary};
use crate::check::{check_document, CheckOptions, FileReport, Role};
use crate::report::FileError;
use crate::rules::RuleSet;
use crate::source::Source;
use crate::spill::Spill;
use crate::Lang;

/// How many files are worked on in parallel at a time. Large enough to keep every core busy,
/// small enough that a chunk of facts and reports is a few megabytes at most.
const CHUNK: usize = 1024;

/// The first chunk of each pass is smaller, and each next one twice as large up to [`CHUNK`]
/// ([`REPORT_CHUNK`] in the second pass):
/// this thread's part of a chunk (storing it, handing its reports on) runs beside the
/// workers' next chunk, so on a small site one large chunk would leave it running alone.
const FIRST_CHUNK: usize = 64;

/// The largest chunk of the second pass. A chunk's records are decoded, made into reports and
/// rendered on many threads at once, and their many small allocations spread over the heap:
/// with chunks of [`CHUNK`] records the second pass of a 40,000-page site took 6-7 MB more
/// than the first (peak 21-25 MB against 17.8 for 1,000 pages); with 256, 19-20 MB, in the
/// same time (`/usr/bin/time -v`, alternating runs).
const REPORT_CHUNK: usize = 256;

/// The sizes of the chunks of a pass, in order: 64, 128, …, up to `largest`.
fn chunk_sizes(largest: usize) -> impl Iterator<Item = usize> {
    std::iter::successors(Some(FIRST_CHUNK), move |&n| Some((n * 2).min(largest)))
}

/// A stored record: a page's facts, or the place of a statement (kept in memory).
#[derive(Serialize, Deserialize)]
enum Record<T> {
    Page(T),
    Statement,
}

/// What every report of the second pass is made with.
struct Context<'a> {
    rules: &'a RuleSet,
    lang: Option<Lang>,
    check: CheckOptions,
    hosts: Vec<String>,
    statement_keys: Vec<String>,
    statement_urls: Vec<String>,
    sitewide_link: bool,
}

impl Context<'_> {
    fn links_to_statement(&self, href: &str, page_url: &str) -> bool {
        links::resolve(href, page_url, &self.hosts)
            .is_some_and(|k| self.statement_keys.contains(&k))
    }
}

/// Scans a folder and returns every report, sorted by path (tests and small sites; the
/// command line streams them with [`scan_each`]).
pub fn scan(
    root: &Path,
    rules: &RuleSet,
    trackers: &trackers::Trackers,
    opts: &SiteOptions,
) -> (Vec<FileReport>, Vec<FileError>, SiteSummary) {
    let mut reports = Vec::new();
    let (errors, summary) = scan_each(root, rules, trackers, opts, &mut |r| reports.push(r));
    (reports, errors, summary)
}

/// Scans a folder, handing each file's report to `emit` in path order. Returns the files that
/// could not be read (walk errors first, then read errors, each in path order) and the counts.
pub fn scan_each(
    root: &Path,
    rules: &RuleSet,
    trackers: &trackers::Trackers,
    opts: &SiteOptions,
    emit: &mut (dyn FnMut(FileReport) + Send),
) -> (Vec<FileError>, SiteSummary) {
    gather(root, trackers, opts).report(rules, trackers, emit)
}

/// A folder after the first pass: the facts of every page (stored), the statements, and the
/// site as a whole. The first pass needs no rules, so a caller can compile them meanwhile.
pub struct Gathered {
    root: PathBuf,
    opts: SiteOptions,
    errors: Vec<FileError>,
    facts: SiteFacts,
    spill: Spill,
    statements: Vec<FileData>,
    /// The profile whose patterns the first pass compiles for each statement, and how many
    /// statements (from the first) it has done so: the rest are done when judged.
    prepare: Option<(crate::rules::Profile, usize)>,
    /// The temporary store failed; the scan stops with the error.
    failed: bool,
}

/// The first pass over a folder (see the module docs).
pub fn gather(root: &Path, trackers: &trackers::Trackers, opts: &SiteOptions) -> Gathered {
    gather_preparing(root, trackers, opts, None)
}

/// The first pass, which also compiles the built-in patterns of `profile` that each statement
/// it reads will open, beside the reads of the next chunk (see [`crate::check::prepare`]); it
/// needs no rules, so it can run while they load. In the second pass, judging a statement
/// runs beside the reports of only so many pages, and on a small site it would otherwise be
/// the longest task. A statement in the last chunk has no reads left to be prepared beside:
/// the second pass prepares it when judging, rather than hold up its start.
pub fn gather_preparing(
    root: &Path,
    trackers: &trackers::Trackers,
    opts: &SiteOptions,
    prepare: Option<crate::rules::Profile>,
) -> Gathered {
    let mut errors = Vec::new();
    let explicit: HashSet<PathBuf> = opts
        .statements
        .iter()
        .map(|p| {
            if p.is_absolute() {
                p.clone()
            } else {
                root.join(p)
            }
        })
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let (services, detector) = (&trackers.services[..], &trackers.detector);
    let root_depth = root
        .to_string_lossy()
        .replace('\\', "/")
        .trim_end_matches('/')
        .matches('/')
        .count();
    let spill_failed = |e: crate::spill::SpillError| spill_error(root, e);

    // While the workers read a chunk, this thread stores the chunk before it and walks to the
    // chunk after it: a walk alone would leave the other cores idle.
    let mut facts = SiteFacts::default();
    let mut spill = Spill::new();
    let mut statements: Vec<FileData> = Vec::new();
    let mut read_errors = Vec::new();
    let mut walk = walk::Walk::new(root, &opts.walk);
    let mut pending: Vec<Result<(FileData, Vec<u8>), FileError>> = Vec::new();
    let mut failed = false;
    // How many of `statements`, from the first, have their patterns compiled.
    let mut prepared = 0;
    let mut sizes = chunk_sizes(CHUNK);
    let mut chunk = next_chunk(&mut walk, sizes.next().unwrap_or(CHUNK), &mut errors);
    loop {
        if chunk.is_empty() && pending.is_empty() {
            break;
        }
        let mut store = |done: Vec<Result<(FileData, Vec<u8>), FileError>>| {
            for r in done {
                match r {
                    Err(e) => read_errors.push(e),
                    Ok((f, encoded)) => {
                        facts.add(&f, root_depth);
                        if f.statement {
                            statements.push(f);
                        }
                        spill.push_encoded(&encoded)?;
                    }
                }
            }
            Ok(())
        };
        // Each worker reads a file and encodes its facts for the store.
        let read = || -> Vec<Result<(FileData, Vec<u8>), FileError>> {
            // One file is a task of its own: rayon otherwise hands a worker a run of files
            // it reads alone, and the other worker, done with its own, idles at the chunk's
            // end (1-3 ms a chunk, measured with a per-file trace).
            chunk
                .par_iter()
                .with_max_len(1)
                .map(|path| {
                    let r = read_one(root, path, &explicit, services, detector, opts);
                    if let Some(tick) = opts.progress {
                        tick();
                    }
                    let f = r?;
                    let encoded = if f.statement {
                        Spill::encode(&Record::<&FileData>::Statement)
                    } else {
                        Spill::encode(&Record::Page(&f))
                    };
                    Ok((f, encoded.map_err(spill_failed)?))
                })
                .collect()
        };
        let done = std::mem::take(&mut pending);
        let size = sizes.next().unwrap_or(CHUNK);
        // The statements of the chunk before are prepared beside this chunk's reads. With no
        // reads left they would hold up the second pass: they are prepared when judged,
        // beside its reports.
        let reading = !chunk.is_empty();
        let ((stored, after), next) = rayon::join(
            || {
                if let (Some(profile), true) = (prepare, reading) {
                    for (f, _) in done.iter().filter_map(|r| r.as_ref().ok()) {
                        if f.statement {
                            prepare_statement(f, profile);
                            prepared += 1;
                        }
                    }
                }
                (store(done), next_chunk(&mut walk, size, &mut errors))
            },
            read,
        );
        if let Err(e) = stored {
            errors.push(spill_failed(e));
            failed = true;
            break;
        }
        pending = next;
        chunk = after;
    }
    if !failed {
        errors.extend(read_errors);
    }
    Gathered {
        root: root.to_path_buf(),
        opts: opts.clone(),
        errors,
        facts,
        spill,
        statements,
        prepare: prepare.map(|profile| (profile, prepared)),
        failed,
    }
}

/// Compiles the built-in patterns of `profile` that judging this statement will open (see
/// [`crate::check::prepare`]).
fn prepare_statement(f: &FileData, profile: crate::rules::Profile) {
    if let Some(source) = &f.source {
        crate::check::prepare(&source.text, f.format, profile);
    }
}

/// The next `size` files of the walk (fewer at its end), with the errors met on the way.
fn next_chunk(walk: &mut walk::Walk, size: usize, errors: &mut Vec<FileError>) -> Vec<PathBuf> {
    let mut chunk: Vec<PathBuf> = Vec::with_capacity(size);
    for item in walk.by_ref() {
        match item {
            Ok(p) => {
                chunk.push(p);
                if chunk.len() == size {
                    break;
                }
            }
            Err(e) => errors.push(e),
        }
    }
    chunk
}

fn spill_error(root: &Path, e: crate::spill::SpillError) -> FileError {
    FileError {
        path: root.display().to_string(),
        message: format!("{}: {e}", root.display()),
    }
}

impl Gathered {
    /// The second pass (see the module docs): every report, handed to `emit` in path order.
    pub fn report(
        self,
        rules: &RuleSet,
        trackers: &trackers::Trackers,
        emit: &mut (dyn FnMut(FileReport) + Send),
    ) -> (Vec<FileError>, SiteSummary) {
        self.report_with(rules, trackers, &|f| f, emit)
    }

    /// The second pass, each report made into an `R` by `render` where it is made (on any
    /// core, in any order), and handed to `emit` in path order. Writing a report out (the
    /// JSON, the rendered diagnostics) costs about as much as making it: done in `emit`, on
    /// the one thread that hands reports on, the last chunk's left the other core idle.
    pub fn report_with<R: Send>(
        self,
        rules: &RuleSet,
        trackers: &trackers::Trackers,
        render: &(dyn Fn(FileReport) -> R + Sync),
        emit: &mut (dyn FnMut(R) + Send),
    ) -> (Vec<FileError>, SiteSummary) {
        let Gathered {
            root,
            opts,
            mut errors,
            facts,
            spill,
            statements,
            prepare,
            failed,
        } = self;
        if failed {
            return (errors, SiteSummary::default());
        }
        let (root, opts) = (root.as_path(), &opts);
        let spill_failed = |e: crate::spill::SpillError| spill_error(root, e);
        let ctx = context(root, rules, opts, &facts, &statements);
        // A report is finished where it is made: its diagnostics in order of place, then made
        // into what `emit` takes.
        let ready = |mut report: FileReport| -> R {
            report.diagnostics.sort_by_key(|d| d.primary.range.start);
            render(report)
        };
        // The statements (a site has few) with the providers each fails to name.
        let judge = |statements: Vec<FileData>| -> Vec<R> {
            if let Some((profile, done)) = prepare {
                statements
                    .get(done..)
                    .unwrap_or_default()
                    .par_iter()
                    .for_each(|f| prepare_statement(f, profile));
            }
            let mut judged: Vec<FileReport> = statements
                .into_par_iter()
                .map(|f| finish(f, &ctx))
                .collect();
            for statement in &mut judged {
                name_providers(statement, &facts, &trackers.services, &ctx);
            }
            judged.into_par_iter().map(ready).collect()
        };
        let summary = SiteSummary {
            root: root.display().to_string(),
            pages: facts.pages,
            statements: statements.len(),
            pages_with_forms: facts.pages_with_forms,
            pages_with_trackers: facts.pages_with_trackers,
        };
        let front_page =
            (statements.is_empty() && facts.pages > 0).then(|| facts.front_page.unwrap_or(0));

        let mut records = match spill.records::<Record<FileData>>() {
            Ok(r) => r,
            Err(e) => {
                errors.push(spill_failed(e));
                return (errors, summary);
            }
        };
        // The statements are judged beside the whole pass, not only its first chunk: judging
        // one (its patterns compiled on first use, where the first pass did not ready them)
        // takes as long as making hundreds of page reports, and a chunk that waited for it
        // would leave a core idle. This thread judges (with one worker, before the pages);
        // another worker takes the pages. A statement's place and every report after it wait
        // in `backlog` until the statements are judged, so it holds at most what the workers
        // make meanwhile.
        // The judged statements are handed over once; the lock is held only for that, never
        // while a report is written.
        let judged: std::sync::Mutex<Option<std::vec::IntoIter<R>>> = std::sync::Mutex::new(None);
        let mut judged_here: Option<std::vec::IntoIter<R>> = None;
        let mut backlog: std::collections::VecDeque<Option<R>> = std::collections::VecDeque::new();
        let mut hand_on = |made: Vec<Option<R>>| {
            backlog.extend(made);
            if judged_here.is_none() {
                judged_here = judged.lock().unwrap_or_else(|e| e.into_inner()).take();
            }
            while let Some(front) = backlog.front() {
                let report = match front {
                    Some(_) => backlog.pop_front().flatten(),
                    None => match judged_here.as_mut() {
                        Some(ready) => {
                            backlog.pop_front();
                            ready.next()
                        }
                        None => break,
                    },
                };
                if let Some(report) = report {
                    emit(report);
                }
            }
        };
        // While the workers make the reports of a chunk, this thread hands on the chunk before.
        let pages = || -> Result<(), crate::spill::SpillError> {
            let mut pending: Vec<Option<R>> = Vec::new();
            // How many records the chunks so far held: a record's place in the site.
            let mut seen = 0;
            for size in chunk_sizes(REPORT_CHUNK) {
                let batch: Vec<Vec<u8>> = std::iter::from_fn(|| records.raw())
                    .take(size)
                    .collect::<Result<_, _>>()?;
                if batch.is_empty() && pending.is_empty() {
                    break;
                }
                let first = seen;
                seen += batch.len();
                let make = || -> Result<Vec<Option<R>>, crate::spill::SpillError> {
                    // One record a task, as in the first pass.
                    batch
                        .into_par_iter()
                        .enumerate()
                        .with_max_len(1)
                        .map(|(i, line)| {
                            Ok(match Spill::decode::<Record<FileData>>(&line)? {
                                Record::Page(f) => {
                                    let mut report = finish(f, &ctx);
                                    // With no statement, every record is a page.
                                    if front_page == Some(first + i) {
                                        no_statement(&mut report, root, &ctx, opts.max_file_size);
                                    }
                                    Some(ready(report))
                                }
                                Record::Statement => None,
                            })
                        })
                        .collect()
                };
                let ready = std::mem::take(&mut pending);
                pending = rayon::join(|| hand_on(ready), make).1?;
            }
            Ok(())
        };
        let (_, done) = rayon::join(
            || {
                let now = judge(statements).into_iter();
                *judged.lock().unwrap_or_else(|e| e.into_inner()) = Some(now);
            },
            pages,
        );
        if let Err(e) = done {
            errors.push(spill_failed(e));
            return (errors, summary);
        }
        // The statements are judged now: the rest of the backlog goes out.
        hand_on(Vec::new());
        (errors, summary)
    }
}

/// The facts every report is made with, from the first pass.
fn context<'a>(
    root: &Path,
    rules: &'a RuleSet,
    opts: &SiteOptions,
    facts: &SiteFacts,
    statements: &[FileData],
) -> Context<'a> {
    let root_name = root
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut hosts: Vec<String> = opts.hosts.iter().map(|h| h.to_lowercase()).collect();
    if root_name.contains('.') {
        hosts.push(root_name.trim_end_matches(".github.io").to_string());
        hosts.push(root_name.clone());
    }
    for h in &facts.canonical_hosts {
        if !hosts.contains(h) {
            hosts.push(h.clone());
        }
    }
    let mut statement_urls: Vec<String> = statements.iter().map(|f| f.url.clone()).collect();
    statement_urls.dedup();
    let mut ctx = Context {
        rules,
        lang: opts.lang,
        check: CheckOptions {
            lang: opts.lang,
            site_tracks: facts.site_tracks,
        },
        hosts,
        statement_keys: statements
            .iter()
            .flat_map(|f| [links::key(&f.url), links::key(&format!("/{}", f.rel))])
            .collect(),
        statement_urls,
        sitewide_link: false,
    };
    // Links in layouts and includes are on every page built with them.
    ctx.sitewide_link = facts
        .templates
        .iter()
        .any(|(url, hrefs)| hrefs.iter().any(|h| ctx.links_to_statement(h, url)));
    ctx
}

/// A file's report: a statement judged, a form held against the statement's address.
fn finish(mut f: FileData, ctx: &Context) -> FileReport {
    let source = f.source.take().map(|b| *b);
    let mut report = match (f.statement, source) {
        (true, Some(source)) => {
            let doc = crate::extract::extract(&source.text, f.format);
            check_document(source, f.format, doc, ctx.rules, ctx.check)
        }
        (_, source) => FileReport {
            source: source.unwrap_or_else(|| Source::detached(&f.path, f.encoding.0)),
            format: f.format,
            role: Role::Page,
            language: ctx.lang.unwrap_or(Lang::Nl),
            title: Some(f.title.trim().to_string()).filter(|t| !t.is_empty()),
            elements: Vec::new(),
            diagnostics: Vec::new(),
            page: None,
            suppressions: std::mem::take(&mut f.suppressions),
        },
    };
    let lang = ctx.lang.unwrap_or(report.language);
    let page_links = f.hrefs.iter().any(|h| ctx.links_to_statement(h, &f.url));
    let mut info = PageInfo {
        template: f.template,
        ..PageInfo::default()
    };
    for facts in f.forms {
        let linked = page_links || ctx.sitewide_link || f.statement;
        let near = f.statement
            || facts
                .near_hrefs
                .iter()
                .any(|h| ctx.links_to_statement(h, &f.url));
        // No link on the page: PL020; a link, but not at the form: PL021.
        let complete = linked && near;
        if !facts.personal.is_empty() && !complete {
            report.diagnostics.push(form_diagnostic(
                facts.tag.clone(),
                facts.pos,
                &facts.personal,
                &ctx.statement_urls,
                lang,
                linked,
                &ctx.rules.common,
            ));
        }
        info.forms.push(FormInfo {
            tag: facts.tag,
            pos: facts.pos,
            personal: facts.personal,
            service: facts.service.0,
            links_to_statement: linked,
            link_near_form: near,
        });
    }
    info.trackers = f.trackers;
    report.page = Some(info);
    report
}

/// PL030 on a statement: each provider of trackers on the site it never names.
fn name_providers(
    statement: &mut FileReport,
    facts: &SiteFacts,
    services: &[trackers::Service],
    ctx: &Context,
) {
    let norm = crate::normalize::normalize(
        &crate::extract::extract(&statement.source.text, statement.format).text,
    )
    .text;
    let lang = ctx.lang.unwrap_or(statement.language);
    for (provider, uses) in &facts.providers {
        let named = services
            .iter()
            .filter(|s| uses.ids.contains(&s.id))
            .flat_map(|s| &s.names)
            .any(|n| contains_word(&norm, &crate::normalize::normalize_phrase(n)));
        if named {
            continue;
        }
        let primary = statement
            .elements
            .iter()
            .find(|e| e.id == "recipients")
            .and_then(|e| e.evidence.first().map(|(r, _)| r.clone()))
            .or_else(|| {
                statement
                    .diagnostics
                    .iter()
                    .find(|d| d.element.as_deref() == Some("recipients"))
                    .map(|d| d.primary.range.clone())
            })
            .unwrap_or(0..0);
        let names: Vec<&str> = uses.names.iter().map(|n| &**n).collect();
        statement.diagnostics.push(provider_diagnostic(
            provider,
            &names,
            uses.pages,
            primary,
            &uses.first_path,
            uses.first_range.clone(),
            uses.first_pos,
            lang,
            &ctx.rules.common,
        ));
    }
}

/// PL010 on the site's front page: no statement anywhere. The page's text is read again, so
/// the finding can be shown in it.
fn no_statement(report: &mut FileReport, root: &Path, ctx: &Context, max_file_size: u64) {
    if report.source.is_detached() {
        if let Ok(s) = Source::read(
            Path::new(&report.source.path),
            &report.source.path,
            max_file_size,
        ) {
            report.source = s;
        }
    }
    let lang = ctx.lang.unwrap_or(Lang::Nl);
    report.diagnostics.insert(
        0,
        no_statement_diagnostic(&root.display().to_string(), lang, &ctx.rules.common),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_readied_in_the_first_pass_are_judged_as_without() {
        let rules = RuleSet::builtin(crate::rules::Profile::Avg).expect("built-in rules");
        let trackers = trackers::Trackers::builtin().expect("built-in trackers");
        let opts = SiteOptions::default();
        let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/sites/built"));
        let run = |gathered: Gathered, rules: &RuleSet| {
            let mut out = Vec::new();
            gathered.report(rules, &trackers, &mut |r| out.push(format!("{r:?}")));
            out
        };
        let plain = run(gather(root, &trackers, &opts), &rules);
        let readied = gather_preparing(root, &trackers, &opts, Some(crate::rules::Profile::Avg));
        assert!(!readied.statements.is_empty());
        // The statements' patterns were compiled in the first pass, before any report.
        // (`tests/compile_once.rs` shows that the first pass compiled them, in a process of its
        // own: here other tests share the compiled patterns.)
        for f in &readied.statements {
            let Some(source) = &f.source else {
                panic!("{} kept no text", f.path)
            };
            assert!(rules.is_prepared(&crate::check::normalised(&source.text, f.format)));
        }
        assert_eq!(run(readied, &rules), plain);
    }

    #[test]
    fn chunks_double_from_the_first_up_to_the_largest() {
        let sizes: Vec<usize> = chunk_sizes(CHUNK).take(7).collect();
        assert_eq!(sizes, [64, 128, 256, 512, 1024, 1024, 1024]);
        let sizes: Vec<usize> = chunk_sizes(REPORT_CHUNK).take(5).collect();
        assert_eq!(sizes, [64, 128, 256, 256, 256]);
    }
}
