//! `factlens`: validate, inspect, describe and publish story datasets.
//!
//! Exit codes: 0 success (for `validate`: every file valid), 1 a dataset is invalid,
//! 2 a file could not be read or written, or the command line is wrong.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod publish;
mod standalone;
use factlens_core::{has_errors, BuiltinKind, EntityKind, FactStatus, SourceTexts};

#[derive(Parser)]
#[command(name = "factlens", version, about = "Validate and inspect factlens story datasets")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check datasets and print every problem as FILE:LINE:COL: error: message (at $.path).
    Validate {
        /// Dataset files; source texts are read relative to each file.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Publish a story: validate it, then write a static site (the page with the story rendered
    /// into it, the app, and the raw data) into --out. Nothing is written for an invalid dataset.
    Build {
        /// The dataset file; source texts are read relative to it.
        file: PathBuf,
        /// The folder to write the site into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// The app to publish with, as `scripts/build` makes it [default: target/app of this
        /// checkout].
        #[arg(long)]
        app: Option<PathBuf>,
    },
    /// Write a valid story in another tool's format: CSV tables (entities, relations, facts)
    /// into the folder --out, or GEXF (Gephi) or FollowTheMoney JSON lines (Aleph) to stdout
    /// or --out. Nothing is written for an invalid dataset. See docs/EXPORT.md.
    Export {
        /// The dataset file; source texts are read relative to it.
        file: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        format: Format,
        /// For csv, the folder to write FILE-entities.csv, FILE-relations.csv and
        /// FILE-facts.csv into (created if missing; required); for gexf and ftm, the file to
        /// write [default: stdout].
        #[arg(long)]
        out: Option<PathBuf>,
        /// What every FollowTheMoney id starts with, as a slug [default: the dataset file's
        /// name without its extension, as a slug].
        #[arg(long)]
        id_prefix: Option<String>,
    },
    /// Print counts of entities, relations and facts by kind.
    Stats {
        /// A dataset file.
        file: PathBuf,
    },
    /// Print the JSON Schema of the dataset format.
    Schema,
    /// Generate a valid synthetic dataset of N entities and about 4N relations, for tests and
    /// benchmarks. Same N and seed, same bytes.
    ///
    /// Without --out-dir the dataset JSON goes to stdout and its source text is not written, so
    /// it will not validate on its own. With --out-dir DIR, writes DIR/synth-N.json and
    /// DIR/synth-N.txt (or --source-file) and prints their paths.
    Synth {
        /// How many entities (at least 2).
        n: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// File name the dataset gives its source text, relative to the dataset
        /// [default: synth-N.txt, so several sizes can share a folder].
        #[arg(long)]
        source_file: Option<String>,
        /// Write the dataset and its source text into this folder (created if missing).
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
}

/// The formats `factlens export` writes.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// CSV tables, one file each for entities, relations and facts.
    Csv,
    /// GEXF 1.3, for Gephi.
    Gexf,
    /// FollowTheMoney entities as JSON lines, for Aleph.
    Ftm,
}

/// Why the CLI stopped early.
enum Failure {
    Invalid,
    Unreadable,
}

fn main() -> ExitCode {
    match try_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Invalid) => ExitCode::from(1),
        Err(Failure::Unreadable) => ExitCode::from(2),
    }
}

fn try_main() -> Result<(), Failure> {
    let cli = Cli::try_parse().unwrap_or_else(|err| {
        let code = if err.use_stderr() { 2 } else { 0 };
        let _ = err.print();
        std::process::exit(code);
    });
    match cli.command {
        Command::Validate { files } => {
            let mut worst = Ok(());
            for file in &files {
                match validate_file(file) {
                    Ok(()) => {}
                    Err(Failure::Unreadable) => worst = Err(Failure::Unreadable),
                    Err(Failure::Invalid) if worst.is_ok() => worst = Err(Failure::Invalid),
                    Err(Failure::Invalid) => {}
                }
            }
            worst
        }
        Command::Build { file, out, app } => {
            let app = app.unwrap_or_else(|| PathBuf::from(publish::DEFAULT_APP_DIR));
            match publish::build(&file, &app, &out) {
                Ok(()) => {
                    emit(&format!("{}: published into {}\n", file.display(), out.display()));
                    Ok(())
                }
                Err(publish::PublishError::Invalid) => Err(Failure::Invalid),
                Err(publish::PublishError::Io(message)) => {
                    eprintln!("error: {message}");
                    Err(Failure::Unreadable)
                }
            }
        }
        Command::Export { file, format, out, id_prefix } => export(&file, format, out.as_deref(), id_prefix.as_deref()),
        Command::Stats { file } => stats(&file),
        Command::Schema => {
            emit(&factlens_core::json_schema());
            Ok(())
        }
        Command::Synth { n, seed, source_file, out_dir } => {
            let source_file = source_file.unwrap_or_else(|| format!("synth-{n}.txt"));
            synth(n, seed, &source_file, out_dir.as_deref())
        }
    }
}

fn read(file: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|err| {
        eprintln!("{}: error: cannot read file: {err}", file.display());
        Failure::Unreadable
    })
}

/// Prints problems as `FILE:LINE:COL: severity: message (at $.path)`.
fn print_problems(file: &Path, problems: &[factlens_core::Problem]) {
    for problem in problems {
        eprintln!("{}:{problem}", file.display());
    }
}

/// Reads each source text the dataset names, relative to the dataset's folder.
fn read_sources(file: &Path, dataset: &factlens_core::Dataset) -> SourceTexts {
    let dir = file.parent().unwrap_or(Path::new("."));
    dataset
        .story
        .sources
        .iter()
        // Like the app, never touch a path outside the dataset's folder; `check` reports it.
        .filter(|source| factlens_core::validate::is_safe_relative_path(&source.file))
        .map(|source| {
            let text = std::fs::read_to_string(dir.join(&source.file)).map_err(|err| err.to_string());
            (source.id.clone(), text)
        })
        .collect()
}

/// Loads and checks one dataset, printing its problems; the dataset if it has no errors.
fn load(file: &Path) -> Result<factlens_core::Dataset, Failure> {
    let text = read(file)?;
    let (dataset, problems) = match factlens_core::parse(&text) {
        Ok(dataset) => {
            let sources = read_sources(file, &dataset);
            let problems = factlens_core::check(&text, &dataset, &sources);
            (Some(dataset), problems)
        }
        Err(problems) => (None, problems),
    };
    print_problems(file, &problems);
    match dataset {
        Some(dataset) if !has_errors(&problems) => Ok(dataset),
        _ => Err(Failure::Invalid),
    }
}

fn validate_file(file: &Path) -> Result<(), Failure> {
    let dataset = load(file)?;
    emit(&format!(
        "{}: ok ({} entities, {} relations, {} facts)\n",
        file.display(),
        dataset.entities.len(),
        dataset.relations.len(),
        dataset.facts.len()
    ));
    Ok(())
}

fn stats(file: &Path) -> Result<(), Failure> {
    let dataset = load(file)?;
    let mut out = String::new();
    let mut row = |label: &str, n: usize, indent: bool| {
        let _ = if indent { writeln!(out, "  {label:<24}{n:>6}") } else { writeln!(out, "{label:<26}{n:>6}") };
    };
    row("entities", dataset.entities.len(), false);
    for kind in EntityKind::ALL {
        let n = dataset.entities.iter().filter(|e| e.kind == kind).count();
        if n > 0 {
            row(kind.as_str(), n, true);
        }
    }
    row("relations", dataset.relations.len(), false);
    // Built-in kinds in vocabulary order, then declared ones in declaration order.
    let kind_ids =
        BuiltinKind::ALL.iter().map(|k| k.as_str()).chain(dataset.story.relation_kinds.iter().map(|k| k.id.as_str()));
    for kind in kind_ids {
        let n = dataset.relations.iter().filter(|r| r.kind == kind).count();
        if n > 0 {
            row(kind, n, true);
        }
    }
    row("facts", dataset.facts.len(), false);
    for status in FactStatus::ALL {
        let n = dataset.facts.iter().filter(|f| f.status == status).count();
        if n > 0 {
            row(status.as_str(), n, true);
        }
    }
    emit(&format!("{}\n{out}", dataset.story.title));
    Ok(())
}

/// Validates a dataset, then writes it in `format` (see `Command::Export`).
fn export(file: &Path, format: Format, out: Option<&Path>, id_prefix: Option<&str>) -> Result<(), Failure> {
    use factlens_core::export;
    if matches!(format, Format::Csv) && out.is_none() {
        eprintln!("error: --format csv writes three files and needs --out FOLDER");
        return Err(Failure::Unreadable);
    }
    let dataset = load(file)?;
    // In the story's language, as its page: dates in words, kinds' labels.
    let words = factlens_core::words::language(&dataset.story.language).unwrap_or(factlens_core::words::LANGUAGES[0]);
    factlens_core::words::use_words(words.1);
    let texts = read_sources(file, &dataset).into_iter().filter_map(|(id, text)| Some((id, text.ok()?))).collect();
    let story = factlens_core::Story::new(dataset, texts);
    let stem = dataset_stem(file);
    let text = match format {
        Format::Csv => {
            let dir = out.expect("checked above");
            for (suffix, table) in export::csv::tables(&story).files() {
                write_file(&dir.join(format!("{stem}{suffix}")), table)?;
            }
            return Ok(());
        }
        Format::Gexf => export::gexf::write(&story),
        Format::Ftm => export::ftm::lines(&story, &export::slug(id_prefix.unwrap_or(&stem))),
    };
    match out {
        Some(path) => write_file(path, &text),
        None => {
            emit(&text);
            Ok(())
        }
    }
}

/// A dataset file's name without its extension (`belarus-myanmar`), which names its exports.
pub(crate) fn dataset_stem(file: &Path) -> String {
    file.file_stem().map_or_else(|| "story".into(), |stem| stem.to_string_lossy().into_owned())
}

/// Writes a file, creating its folder; says why it could not.
fn write_file(path: &Path, contents: &str) -> Result<(), Failure> {
    path.parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, contents))
        .map_err(|err| {
            eprintln!("{}: error: cannot write file: {err}", path.display());
            Failure::Unreadable
        })
}

/// Generates a synthetic dataset to stdout, or with its source text into `out_dir`.
fn synth(n: usize, seed: u64, source_file: &str, out_dir: Option<&Path>) -> Result<(), Failure> {
    if n < 2 {
        eprintln!("error: N must be at least 2, got {n}");
        return Err(Failure::Unreadable);
    }
    if !factlens_core::validate::is_safe_relative_path(source_file) {
        eprintln!(
            "error: --source-file must be a relative path of letters, digits, -, _, . and /, got {source_file:?}"
        );
        return Err(Failure::Unreadable);
    }
    let (mut dataset, text) = factlens_core::synth::synthesize(n, seed);
    dataset.story.sources[0].file = source_file.to_owned();
    // Pretty even when large: line positions keep validation of the output fast.
    let json = serde_json::to_string_pretty(&dataset).expect("a dataset always serializes") + "\n";
    let Some(dir) = out_dir else {
        emit(&json);
        return Ok(());
    };
    let files = [(dir.join(format!("synth-{n}.json")), json), (dir.join(source_file), text)];
    for (path, contents) in &files {
        let written =
            path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(path, contents));
        if let Err(err) = written {
            eprintln!("{}: error: cannot write file: {err}", path.display());
            return Err(Failure::Unreadable);
        }
    }
    emit(&format!("{}\n{}\n", files[0].0.display(), files[1].0.display()));
    Ok(())
}

/// Writes to stdout; a closed pipe (`factlens stats x | head`) is not an error worth a panic.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
