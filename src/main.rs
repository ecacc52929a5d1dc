//! The privlint command line: parses arguments, runs the library, prints, sets the exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use privlint::check::{check_statement, CheckOptions};
use privlint::document::Format;
use privlint::output::{AtomicFile, Target};
use privlint::report::stream::Streamer;
use privlint::report::{FailOn, FileError, Run};
use privlint::rules::{Profile, RuleErrors, RuleFile, RuleSet};
use privlint::site::trackers::Trackers;
use privlint::site::walk::WalkOptions;
use privlint::site::SiteOptions;
use privlint::source::{Source, DEFAULT_MAX_FILE_SIZE};
use privlint::Lang;

/// The progress bar of a long site scan (a plain `fn` ticks it from the worker threads).
static PROGRESS: std::sync::OnceLock<indicatif::ProgressBar> = std::sync::OnceLock::new();

fn tick() {
    if let Some(bar) = PROGRESS.get() {
        bar.inc(1);
    }
}

fn finish_progress() {
    if let Some(bar) = PROGRESS.get() {
        bar.finish_and_clear();
    }
}

#[derive(Parser)]
#[command(
    name = "privlint",
    version,
    about = "A linter for privacy statements (privacyverklaringen): the eleven AVG/GDPR elements, with exact spans."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
// Parsed once per run; boxing the arguments would buy nothing.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Check privacy statements (HTML, Markdown or plain text).
    Check(CheckArgs),
    /// List the rules: code, name, element, severity, profile.
    Rules(RulesArgs),
    /// Explain a rule code (PL502), rule name or element id (retention): what it checks,
    /// why the law asks for it, an example that fails and one that passes.
    Explain(ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `privlint man > privlint.1`.
    Man,
    /// Check the configuration and rules (exit 2 on an error); with --show, print the settings
    /// in effect and where each came from.
    Config(ConfigArgs),
    /// Print the JSON Schema of privlint.yaml, a rule file or common.yaml (for editors).
    Schema {
        #[arg(value_enum)]
        which: privlint::config::SchemaKind,
    },
}

#[derive(clap::Args)]
struct ConfigArgs {
    /// Print every setting, its value and its origin (default, file:line, command line).
    #[arg(long)]
    show: bool,
    #[command(flatten)]
    settings: SettingsArgs,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
    /// One JSON object per finding, one a line.
    JsonLines,
    /// `path:line:col: severity CODE message`, for editors and grep.
    Concise,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: a test case per element per statement.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// SARIF 2.1.0 (GitHub code scanning and other dashboards).
    Sarif,
    /// One self-contained HTML page for a person.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Nl,
    En,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Extra rule file or folder of rule files (repeatable); replaces built-in files of the
    /// same element id.
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Use only the rule files given with --rules.
    #[arg(long)]
    no_default_rules: bool,
    /// The rule profile: avg (the eleven elements, default) or gdpr (articles 13/14 in full).
    #[arg(long, value_enum)]
    profile: Option<Profile>,
}

/// Options that a configuration file can also set.
#[derive(clap::Args)]
struct SettingsArgs {
    /// Language of the messages (default: the language of each statement).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The lowest severity that makes privlint exit with status 1 (default: error).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report only these codes, rule names or element ids (comma-separated; replaces the
    /// configuration's `select`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Do not report these codes, rule names or element ids (comma-separated; adds to the
    /// configuration's `ignore`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// Use this configuration file instead of the nearest privlint.yaml / .privlint.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore configuration files.
    #[arg(long)]
    isolated: bool,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files to check.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// Write the report to this file (atomically: a temporary file, then a rename) instead
    /// of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    settings: SettingsArgs,
    /// When to use colour (NO_COLOR is honoured in auto mode).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorWhen,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// In a folder: the statement file(s), whatever their name (repeatable).
    #[arg(long = "statement", value_name = "PATH")]
    statements: Vec<PathBuf>,
    /// In a folder: only read paths matching this glob (relative to the folder; repeatable).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// In a folder: skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// In a folder: the file extensions to read.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "html,htm,xhtml,md,markdown,txt"
    )]
    extensions: Vec<String>,
    /// In a folder: also read hidden files and folders, node_modules and vendor.
    #[arg(long)]
    hidden: bool,
    /// The site's own host name, for absolute links (repeatable; also detected from
    /// canonical links and og:url).
    #[arg(long, value_name = "HOST")]
    host: Vec<String>,
    /// Record the current findings in FILE (keyed on code, path and evidence text).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Human format: only a count per code and the summary line.
    #[arg(long)]
    statistics: bool,
    /// No progress bar on long scans.
    #[arg(long)]
    no_progress: bool,
    /// Number of worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args)]
struct RulesArgs {
    /// Print every phrase of the rule set, one per line (for benchmarks against ripgrep).
    #[arg(long)]
    phrases: bool,
    /// Print the rules as the Markdown table of docs/rules.md.
    #[arg(long)]
    markdown: bool,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// A code (PL502), a rule name (retention-no-reason) or an element id (retention).
    #[arg(value_name = "CODE|ELEMENT")]
    what: String,
    /// Language of the explanation.
    #[arg(long, value_enum, default_value = "nl")]
    lang: LangArg,
    #[command(flatten)]
    rules: RuleArgs,
}

/// mimalloc rather than the system allocator: glibc grows a worker thread's heap a page
/// range at a time, each step an `mprotect` call and a split of the address map, and that
/// kernel work was a tenth of loading the rules (measured in the README's benchmarks).
/// Built without transparent huge pages, which doubled the peak memory of a site scan.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A checked file on its way to the report (see `check`'s `render` and `emit`).
enum Ready {
    /// Made text for the streaming reporter, with its counts.
    Text {
        tally: privlint::report::Tally,
        text: privlint::report::stream::Rendered,
    },
    /// The report itself; `stepped` once suppressions and the filter have run on it.
    Report {
        f: privlint::check::FileReport,
        stepped: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("privlint: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => rules_cmd(args),
        Command::Explain(args) => explain_cmd(args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "privlint", &mut std::io::stdout());
            Ok(0)
        }
        Command::Config(args) => {
            let Some((settings, _)) =
                settings_and_rules(&args.settings, &args.rules, Default::default())?
            else {
                return Ok(2);
            };
            if args.show {
                print!("{}", privlint::settings::show(&settings));
            } else {
                match &settings.config_file {
                    Some(p) => println!("privlint: {} and the rules are valid", p.display()),
                    None => println!(
                        "privlint: no privlint.yaml found; the defaults and the rules are valid"
                    ),
                }
            }
            Ok(0)
        }
        Command::Schema { which } => {
            print!("{}", privlint::config::schema(which));
            Ok(0)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
            // One section per subcommand, as `git help` pages do.
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                writeln!(out, ".SH \"PRIVLINT {}\"", sub.get_name().to_uppercase())?;
                let sub = sub.clone().bin_name(format!("privlint {}", sub.get_name()));
                clap_mangen::Man::new(sub.clone()).render_synopsis_section(&mut out)?;
                clap_mangen::Man::new(sub.clone()).render_description_section(&mut out)?;
                clap_mangen::Man::new(sub).render_options_section(&mut out)?;
            }
            out.flush()?;
            Ok(0)
        }
    }
}

fn load_rules(
    args: &RuleArgs,
    profile: Profile,
    vocabulary: &std::collections::BTreeMap<String, Vec<String>>,
) -> anyhow::Result<Option<RuleSet>> {
    let mut files: Vec<RuleFile> = if args.no_default_rules {
        Vec::new()
    } else {
        privlint::rules::builtin::files()
    };
    let mut builtin = files.len();
    for path in &args.rules {
        let mut found = Vec::new();
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read rule folder {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            entries.sort();
            found.extend(entries);
        } else {
            found.push(path.clone());
        }
        for p in found {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read rule file {}", p.display()))?;
            let file = RuleFile::new(p.display().to_string(), text);
            replace_same_element(&mut files, &mut builtin, file);
        }
    }
    match RuleSet::load_with(&files, profile, vocabulary) {
        Ok(rules) => Ok(Some(rules)),
        Err(errors) => {
            print_rule_errors(&errors);
            Ok(None)
        }
    }
}

/// A user's rule file for an element id the built-in set has replaces that built-in file
/// (and a user's `common.yaml` the built-in one). Two user files with the same id both stay,
/// so loading reports the duplicate with its position.
fn replace_same_element(files: &mut Vec<RuleFile>, builtin: &mut usize, file: RuleFile) {
    let id_of = |text: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix("id:"))
            .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
    };
    let base = |name: &str| name.rsplit(['/', '\\']).next().unwrap_or(name).to_string();
    let new_id = id_of(&file.text);
    let is_common = base(&file.name).starts_with("common.");
    let before = files.len();
    let mut index = 0;
    let limit = *builtin;
    files.retain(|f| {
        let keep = index >= limit || {
            let same_common = is_common && base(&f.name).starts_with("common.");
            let same_id = new_id.is_some() && id_of(&f.text) == new_id;
            !(same_common || same_id)
        };
        index += 1;
        keep
    });
    *builtin -= before - files.len();
    files.push(file);
}

fn print_rule_errors(errors: &RuleErrors) {
    let stream = StandardStream::stderr(color_choice(
        ColorWhen::Auto,
        std::io::stderr().is_terminal(),
    ));
    let mut lock = stream.lock();
    let styles = Styles::default();
    let config = Config::default();
    for e in &errors.0 {
        let file = SimpleFile::new(e.file.clone(), e.source_text.as_str());
        let offset = offset_of(&e.source_text, e.line, e.column);
        let end = e.source_text[offset..]
            .find(['\n', ','])
            .map(|i| offset + i.max(1))
            .unwrap_or(e.source_text.len());
        let diag = CsDiagnostic::error()
            .with_code("rules")
            .with_message(e.message.clone())
            .with_labels(if e.line > 0 {
                vec![CsLabel::primary((), offset..end)]
            } else {
                vec![]
            });
        let mut w = StylesWriter::new(&mut lock, &styles);
        let _ = term::emit_to_write_style(&mut w, &config, &file, &diag);
        if e.line == 0 {
            let _ = writeln!(lock, " --> {}", e.file);
        }
    }
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    if line == 0 {
        return 0;
    }
    let mut at = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map(|(b, _)| b)
                .unwrap_or(l.len().saturating_sub(1));
            return at + col;
        }
        at += l.len();
    }
    text.len()
}

fn color_choice(when: ColorWhen, is_tty: bool) -> ColorChoice {
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) || !is_tty {
                ColorChoice::Never
            } else {
                ColorChoice::Auto
            }
        }
    }
}

/// The configuration file in effect: `--config`, else the nearest privlint.yaml above the
/// current folder, none with `--isolated`.
fn read_config(
    args: &SettingsArgs,
) -> Result<(privlint::config::Config, Option<PathBuf>), privlint::config::ConfigError> {
    let path = match (&args.config, args.isolated) {
        (_, true) => None,
        (Some(p), false) => Some(p.clone()),
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|d| privlint::config::discover(&d)),
    };
    let config = match &path {
        Some(p) => privlint::config::load(p)?,
        None => privlint::config::Config::default(),
    };
    Ok((config, path))
}

/// Settings from the configuration file and the command line, and the rules they ask for,
/// validated against each other. `None` when something was reported (exit 2).
fn settings_and_rules(
    args: &SettingsArgs,
    rules: &RuleArgs,
    extra: privlint::settings::CommandLine,
) -> anyhow::Result<Option<(privlint::settings::Settings, RuleSet)>> {
    let Some(settings) = settings_of(args, rules, extra) else {
        return Ok(None);
    };
    Ok(rules_for(&settings, rules)?.map(|r| (settings, r)))
}

/// Settings from the configuration file and the command line. `None` when the configuration
/// could not be read (reported; exit 2).
fn settings_of(
    args: &SettingsArgs,
    rules: &RuleArgs,
    extra: privlint::settings::CommandLine,
) -> Option<privlint::settings::Settings> {
    let (config, path) = match read_config(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("privlint: {e}");
            return None;
        }
    };
    let line = privlint::settings::CommandLine {
        profile: rules.profile,
        lang: args.lang.map(|l| match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }),
        fail_on: args.fail_on,
        select: (!args.select.is_empty()).then(|| args.select.clone()),
        ignore: args.ignore.clone(),
        ..extra
    };
    Some(privlint::settings::resolve(&config, path.as_deref(), &line))
}

/// The rules the settings ask for, with the settings checked against their codes. `None` when
/// something was reported (exit 2).
fn rules_for(
    settings: &privlint::settings::Settings,
    rules: &RuleArgs,
) -> anyhow::Result<Option<RuleSet>> {
    let Some(rule_set) = load_rules(rules, settings.profile.value, &settings.vocabulary())? else {
        return Ok(None);
    };
    if let Err(e) = privlint::settings::validate(settings, &privlint::registry::codes(&rule_set)) {
        eprintln!("privlint: {e}");
        return Ok(None);
    }
    Ok(Some(rule_set))
}

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let extra = privlint::settings::CommandLine {
        statement: args
            .statements
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        host: args.host.clone(),
        ..Default::default()
    };
    let Some(settings) = settings_of(&args.settings, &args.rules, extra) else {
        return Ok(2);
    };
    let values = |list: &[privlint::settings::Setting<String>]| -> Vec<String> {
        list.iter().map(|s| s.value.clone()).collect()
    };
    let fail_on = settings.fail_on.value;
    let lang = settings.lang.value;
    let include = values(&settings.include);
    let exclude = values(&settings.exclude);
    let hosts = values(&settings.host);
    let statements: Vec<PathBuf> = settings
        .statement
        .iter()
        .map(|s| PathBuf::from(&s.value))
        .collect();
    let opts = CheckOptions {
        lang,
        site_tracks: false,
    };
    let walk = WalkOptions {
        extensions: args
            .extensions
            .iter()
            .map(|e| e.trim_start_matches('.').to_lowercase())
            .collect(),
        include,
        exclude,
        hidden: args.hidden,
    };
    if let Err(e) = privlint::site::walk::validate(&walk) {
        eprintln!("privlint: {e}");
        return Ok(2);
    }
    let site_opts = SiteOptions {
        walk,
        statements,
        max_file_size: args.max_file_size,
        lang,
        hosts,
        progress: None,
    };
    let baseline = match &args.baseline {
        Some(path) => match privlint::report::baseline::load(path) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("privlint: {e}");
                return Ok(2);
            }
        },
        None => None,
    };
    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = args.threads {
            b = b.num_threads(n.max(1));
        }
        b.build().context("cannot start worker threads")?
    };
    let mut paths = args.paths.clone();
    paths.sort();
    paths.dedup();
    // Nothing before judging needs the rules, so the rules load on one core while the other
    // reads: the first folder's first pass, or the first file. Both also compile the built-in
    // patterns each statement they read will open (unless only the user's rules are used):
    // that is a third of judging one. The built-in tracker list (only a folder scan needs it)
    // is read first; its automaton was made at build time.
    let prepare = (!args.rules.no_default_rules).then_some(settings.profile.value);
    let load = || rules_for(&settings, &args.rules);
    let builtin_trackers =
        || Trackers::builtin().map_err(|e| anyhow::anyhow!("rules/trackers.yaml: {e}"));
    let first_pass = |path: &Path, trackers: &Trackers| {
        let mut site_opts = site_opts.clone();
        let show = !args.no_progress && std::io::stderr().is_terminal();
        if show {
            let count = privlint::site::walk::walk(path, &site_opts.walk).0.len() as u64;
            if count > 50 {
                let bar = indicatif::ProgressBar::new(count);
                let _ = PROGRESS.set(bar);
                site_opts.progress = Some(tick);
            }
        }
        privlint::site::gather_preparing(path, trackers, &site_opts, prepare)
    };
    let (loaded, mut trackers, mut gathered, mut first_read) = match paths.first() {
        Some(first) if first.is_dir() => {
            let (rules, site) = pool.install(|| {
                rayon::join(load, || {
                    builtin_trackers().map(|t| {
                        let g = first_pass(first, &t);
                        (t, g)
                    })
                })
            });
            let (t, g) = site?;
            (rules?, Some(t), Some(g), None)
        }
        first => {
            // The first file is read beside the rule loading; the check below takes what was
            // read (or the error) instead of reading it again.
            let ready_first = || {
                let path = first?;
                let display = path.display().to_string();
                let read = Source::read(path, &display, args.max_file_size);
                if let (Ok(source), Some(profile)) = (&read, prepare) {
                    privlint::check::prepare(&source.text, Format::from_path(&display), profile);
                }
                Some(read)
            };
            let (rules, read) = pool.install(|| rayon::join(load, ready_first));
            (rules?, None, None, read)
        }
    };
    // The rules are never freed: the process ends right after the check, and freeing them
    // piece by piece would be a twentieth of checking one statement.
    let Some(rules) = loaded.map(std::mem::ManuallyDrop::new) else {
        finish_progress();
        return Ok(2);
    };
    let rules: &RuleSet = &rules;
    let base = settings
        .config_file
        .as_ref()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let mut pipeline = match privlint::pipeline::Pipeline::new(
        rules,
        &settings,
        &base,
        lang,
        args.write_baseline.is_some(),
        baseline.as_ref(),
    ) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("privlint: per_path_ignores: {e}");
            return Ok(2);
        }
    };
    // Most formats are written as files come, so a site of any size is never held in
    // memory; SARIF, JUnit, GitLab and HTML need the whole run.
    let mut stream = streamer(&args, lang)
        .with_context(|| format!("cannot write the report to {}", target_name(&args)))?;
    let mut files: Vec<privlint::check::FileReport> = Vec::new();
    let mut streamed = privlint::report::Tally::default();
    let mut write_error: Option<std::io::Error> = None;
    // A streamed report is made text where it is made (on any core) unless the baseline,
    // which numbers findings across files in run order, must see it first.
    let renderer = stream
        .as_ref()
        .map(|s| s.renderer())
        .filter(|_| !pipeline.book.active());
    let steps = &pipeline.steps;
    let render = |mut f: privlint::check::FileReport| -> Ready {
        let Some(renderer) = renderer else {
            return Ready::Report { f, stepped: false };
        };
        steps.apply(&mut f);
        match renderer.render(&f) {
            Some(text) => Ready::Text {
                tally: privlint::report::Tally::of(&f),
                text,
            },
            None => Ready::Report { f, stepped: true },
        }
    };
    let mut emit = |ready: Ready| match ready {
        Ready::Text { tally, text } => {
            streamed.merge(&tally);
            if let (Some(s), None) = (&mut stream, &write_error) {
                write_error = s.write(text).err();
            }
        }
        Ready::Report { mut f, stepped } => {
            if !stepped {
                pipeline.steps.apply(&mut f);
            }
            pipeline.book.record(&mut f);
            match &mut stream {
                Some(s) => {
                    // After a write error (a closed pipe) the scan goes on for the exit
                    // status.
                    streamed.add(&f);
                    if write_error.is_none() {
                        write_error = s.file(&f).err();
                    }
                }
                None => files.push(f),
            }
        }
    };
    let mut errors = Vec::new();
    let mut sites = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let display = path.display().to_string();
        if path.is_dir() {
            if trackers.is_none() {
                trackers = Some(builtin_trackers()?);
            }
            let Some(t) = &trackers else { continue };
            let site = match gathered.take() {
                Some(g) => g,
                None => pool.install(|| first_pass(path, t)),
            };
            let (errs, summary) = pool.install(|| site.report_with(rules, t, &render, &mut emit));
            finish_progress();
            errors.extend(errs);
            sites.push(summary);
            continue;
        }
        let read = match first_read.take().filter(|_| i == 0) {
            Some(read) => read,
            None => Source::read(path, &display, args.max_file_size),
        };
        match read {
            Ok(source) => {
                let format = Format::from_path(&display);
                // In the pool: judging uses rayon, which outside it would start a second pool.
                emit(render(
                    pool.install(|| check_statement(source, format, rules, opts)),
                ));
            }
            Err(e) => errors.push(FileError {
                path: display,
                message: e.to_string(),
            }),
        }
    }
    let run = Run {
        files,
        errors,
        sites,
        baselined: pipeline.book.baselined,
        streamed,
    };
    // The baseline records every finding of today, also when an older one is applied.
    if let Some(b) = pipeline.take_recorded() {
        let path = args
            .write_baseline
            .as_deref()
            .unwrap_or(Path::new("baseline.json"));
        let text = privlint::report::baseline::to_json(&b);
        write_atomically(path, |w| w.write_all(text.as_bytes()))
            .with_context(|| format!("cannot write the baseline {}", path.display()))?;
    }
    let result = match (stream.take(), write_error.take()) {
        (_, Some(e)) => Err(e),
        (Some(s), None) => s
            .finish(&run.errors, &run.sites, run.baselined, run.tally())
            .and_then(Target::finish),
        (None, None) => Target::open(args.output.as_deref()).and_then(|mut out| {
            out.write_all(whole_report(&args, &run, rules, lang, fail_on).as_bytes())?;
            out.finish()
        }),
    };
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(run.exit_code(fail_on) as u8);
        }
        return Err(anyhow::Error::new(e)
            .context(format!("cannot write the report to {}", target_name(&args))));
    }
    // Files that could not be checked are named on standard error in every format.
    for e in &run.errors {
        eprintln!("privlint: {}", e.message);
    }
    Ok(run.exit_code(fail_on) as u8)
}

/// The streaming reporter for the format, writing where the report goes; `None` for the
/// formats that need the whole run.
fn streamer(args: &CheckArgs, lang: Option<Lang>) -> std::io::Result<Option<Streamer<Target>>> {
    use privlint::report::machine;
    type Lines = fn(&privlint::check::FileReport, &mut String);
    let lines: Option<Lines> = match args.format {
        OutputFormat::JsonLines => Some(machine::json_lines_file),
        OutputFormat::Concise => Some(machine::concise_file),
        OutputFormat::Github => Some(machine::github_file),
        _ => None,
    };
    let streams =
        lines.is_some() || matches!(args.format, OutputFormat::Json | OutputFormat::Human);
    if !streams {
        return Ok(None);
    }
    let out = Target::open(args.output.as_deref())?;
    Ok(Some(match (args.format, lines) {
        (_, Some(lines)) => Streamer::lines(out, lines),
        (OutputFormat::Json, _) => Streamer::Json(privlint::report::json::Stream::begin(out)?),
        _ => {
            let tty = args.output.is_none() && std::io::stdout().is_terminal();
            let color = color_choice(args.color, tty) != ColorChoice::Never;
            Streamer::Human(privlint::report::human::Stream::new(
                out,
                lang,
                color,
                args.statistics,
            ))
        }
    }))
}

/// A format that needs the whole run, rendered.
fn whole_report(
    args: &CheckArgs,
    run: &Run,
    rules: &RuleSet,
    lang: Option<Lang>,
    fail_on: FailOn,
) -> String {
    use privlint::report::machine;
    match args.format {
        OutputFormat::Junit => machine::junit(run, fail_on == FailOn::Warning),
        OutputFormat::Sarif => {
            let root = std::env::current_dir().unwrap_or_default();
            let help_lang = lang
                .or_else(|| run.files.first().map(|f| f.language))
                .unwrap_or(Lang::Nl);
            privlint::report::sarif::sarif(run, &privlint::registry::all(rules), help_lang, &root)
        }
        OutputFormat::Html => privlint::report::html::render(run, rules, lang),
        _ => machine::gitlab(run),
    }
}

/// Where the report goes, as the user sees it.
fn target_name(args: &CheckArgs) -> String {
    args.output
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "standard output".into())
}

/// Writes a file so that readers see the old or the new content, never a half-written one.
fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    fill(&mut f)?;
    f.commit()
}

fn rules_cmd(args: RulesArgs) -> anyhow::Result<u8> {
    // Without --profile, every rule of every profile is listed.
    let profile = args.rules.profile.unwrap_or(Profile::Gdpr);
    let Some(rules) = load_rules(&args.rules, profile, &Default::default())? else {
        return Ok(2);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.phrases {
        for p in rules.phrases() {
            writeln!(out, "{p}")?;
        }
        return Ok(0);
    }
    if args.markdown {
        write!(
            out,
            "{}",
            privlint::registry::markdown_table(&privlint::registry::codes(&rules))
        )?;
        return Ok(0);
    }
    writeln!(
        out,
        "{:<8} {:<36} {:<30} {:<8} profile",
        "code", "name", "element", "severity"
    )?;
    for r in privlint::registry::codes(&rules) {
        writeln!(
            out,
            "{:<8} {:<36} {:<30} {:<8} {}",
            r.code,
            r.name,
            r.element.as_deref().unwrap_or("-"),
            r.severity.as_str(),
            format!("{:?}", r.profile).to_lowercase()
        )?;
    }
    Ok(0)
}

fn explain_cmd(args: ExplainArgs) -> anyhow::Result<u8> {
    let profile = args.rules.profile.unwrap_or(Profile::Gdpr);
    let Some(rules) = load_rules(&args.rules, profile, &Default::default())? else {
        return Ok(2);
    };
    let lang = match args.lang {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    };
    let all = privlint::registry::all(&rules);
    let found = privlint::registry::lookup(&all, &args.what);
    if found.is_empty() {
        eprintln!(
            "privlint: no rule code, rule name or element id '{}' (see `privlint rules`)",
            args.what
        );
        return Ok(2);
    }
    let mut out = std::io::stdout().lock();
    for (i, r) in found.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n---\n")?;
        }
        write!(out, "{}", r.explain(lang))?;
    }
    out.flush()?;
    Ok(0)
}
