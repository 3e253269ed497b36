//! Arguments and helpers every subcommand that reads an inventory shares.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kaigi::Lang;
use kaigi::counted;
use kaigi::input::{
    EncodingChoice, LoadOptions, Loaded, PRINTED_PER_KIND, Severity, load, render_capped,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How to read inventories: the options every subcommand that reads one shares
/// (flattened into each, so they are declared once).
#[derive(Debug, Clone, clap::Args)]
pub struct LoadArgs {
    /// Encoding of CSV files (auto detects UTF-8, with or without BOM, and Shift_JIS).
    #[arg(long, value_enum, default_value_t = EncodingChoice::Auto)]
    pub encoding: EncodingChoice,
    /// Sessions per year assumed for an ad hoc (随時) meeting that gives no estimate.
    #[arg(long, default_value_t = 12.0, value_name = "N")]
    pub adhoc_default: f64,
    /// Language of messages and reports.
    #[arg(long, value_enum, default_value_t = Lang::Ja)]
    pub lang: Lang,
}

impl LoadArgs {
    /// The loader's options, once the values are checked.
    pub fn options(&self) -> anyhow::Result<LoadOptions> {
        if !(self.adhoc_default > 0.0 && self.adhoc_default.is_finite()) {
            match self.lang {
                Lang::Ja => anyhow::bail!(
                    "--adhoc-default には 0 より大きい年間回数を指定してください（指定: {}）",
                    self.adhoc_default
                ),
                Lang::En => anyhow::bail!(
                    "--adhoc-default must be a number of sessions above 0 (got {})",
                    self.adhoc_default
                ),
            }
        }
        Ok(LoadOptions { encoding: self.encoding, adhoc_default: self.adhoc_default })
    }

    /// Reads an inventory; fails only when the path cannot be read at all.
    pub fn load(&self, inventory: &Path) -> anyhow::Result<Loaded> {
        let path = inventory.display();
        let _busy = Busy::start(format!("{} {path}", self.lang.pick("読み込み中:", "reading")));
        load(inventory, &self.options()?).map_err(|error| match self.lang {
            Lang::Ja => anyhow::anyhow!(
                "インベントリ「{path}」を読み込めません: {}",
                error.render(Lang::Ja)
            ),
            Lang::En => {
                anyhow::Error::new(error).context(format!("could not load inventory '{path}'"))
            }
        })
    }

    /// Reads an inventory for an analysis: warnings go to stderr; errors are printed and
    /// turned into exit code 1 (`Err(code)`).
    pub fn load_valid(&self, inventory: &Path) -> anyhow::Result<Result<Loaded, ExitCode>> {
        let loaded = self.load(inventory)?;
        let mut stderr = std::io::stderr().lock();
        let errors = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error);
        write!(stderr, "{}", render_capped(errors, self.lang, PRINTED_PER_KIND))?;
        if loaded.has_errors() {
            let errors = loaded.count(Severity::Error);
            let path = inventory.display();
            match self.lang {
                Lang::Ja => writeln!(
                    stderr,
                    "kaigi: {path} に {errors} 件のエラーがあります。`kaigi validate {path}` で全件を確認してください"
                )?,
                Lang::En => writeln!(
                    stderr,
                    "kaigi: {path} has {}; run `kaigi validate {path}` to see every problem",
                    counted(errors, "error", "errors")
                )?,
            }
            return Ok(Err(ExitCode::from(1)));
        }
        let warnings = loaded.count(Severity::Warning);
        if warnings > 0 {
            match self.lang {
                Lang::Ja => {
                    writeln!(stderr, "kaigi: 警告 {warnings} 件（kaigi validate で確認できます）")?
                }
                Lang::En => writeln!(
                    stderr,
                    "kaigi: {} (see kaigi validate)",
                    counted(warnings, "warning", "warnings")
                )?,
            }
        }
        Ok(Ok(loaded))
    }
}

/// One inventory and how to read it.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Inventory: a folder with meetings.csv (and agencies.csv), a meetings CSV, or an .xlsx workbook.
    pub inventory: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
}

impl InputArgs {
    /// Language of messages and reports.
    pub fn lang(&self) -> Lang {
        self.load.lang
    }

    /// Reads the inventory; fails only when the path cannot be read at all.
    pub fn load(&self) -> anyhow::Result<Loaded> {
        self.load.load(&self.inventory)
    }

    /// Reads the inventory for an analysis (see [`LoadArgs::load_valid`]).
    pub fn load_valid(&self) -> anyhow::Result<Result<Loaded, ExitCode>> {
        self.load.load_valid(&self.inventory)
    }
}

/// A progress bar on standard error for `steps` steps: drawn only on a terminal
/// (indicatif hides it otherwise), the same style in every subcommand.
pub fn progress(steps: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(steps), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// A spinner on standard error while one long step runs (loading, an analysis): drawn
/// only on a terminal, from its first tick (120 ms), so quick runs stay quiet; cleared
/// when the guard is dropped, before the result is printed.
pub struct Busy(ProgressBar);

impl Busy {
    /// Starts the spinner with what kaigi is doing.
    pub fn start(message: String) -> Busy {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Busy(bar)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Writing files: the one rule every command follows. A command writes into a folder
/// that is new, empty, or one kaigi wrote before (it holds the command's `marker`
/// file, e.g. `analysis.json`), replacing its own earlier output; any other folder, or
/// an existing file a command would replace (`template`, `generate`), needs `--force`,
/// so a mistyped `--out` never scatters files among a user's own.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ForceArgs {
    /// Write even into a folder holding files kaigi did not write, or over existing files.
    #[arg(long)]
    pub force: bool,
}

impl ForceArgs {
    /// Refuses an output folder that holds other files, unless `--force`.
    pub fn check_folder(&self, out: &Path, marker: &str, lang: Lang) -> anyhow::Result<()> {
        if self.force || out.join(marker).is_file() {
            return Ok(());
        }
        let Ok(mut entries) = std::fs::read_dir(out) else {
            return Ok(()); // a new folder (or one the writer will report on)
        };
        if entries.next().is_none() {
            return Ok(());
        }
        let out = out.display();
        match lang {
            Lang::Ja => anyhow::bail!(
                "出力先「{out}」には kaigi が書いたものではないファイルがあります（{marker} がありません）。別の --out を指定するか、そのまま書き込むなら --force を付けてください"
            ),
            Lang::En => anyhow::bail!(
                "the output folder '{out}' holds files kaigi did not write (it has no {marker}); choose another --out, or add --force to write there anyway"
            ),
        }
    }
}

/// The closing lines of a command that writes a folder of files: how many and where,
/// then the file to open first, last so that a script can take it.
pub fn report_written(count: usize, out: &Path, first: &str, lang: Lang) {
    eprintln!(
        "kaigi: {} {}",
        match lang {
            Lang::Ja => format!("{count} ファイルを書き出しました:"),
            Lang::En => format!("{} written to", counted(count, "file", "files")),
        },
        out.display()
    );
    eprintln!(
        "kaigi: {} {}",
        lang.pick("まず開くファイル:", "open first:"),
        out.join(first).display()
    );
}

/// Opens a written document in the default browser or viewer, where the system has one;
/// a machine without one (a server, CI) gets a note, not an error: the files are written.
pub fn open_document(path: &Path, lang: Lang) {
    if let Err(error) = open::that_detached(path) {
        eprintln!(
            "kaigi: {} ({error})",
            lang.pick(
                "既定のブラウザで開けませんでした。下の「まず開くファイル」を開いてください",
                "could not open it in a default browser; open the file named below"
            )
        );
    }
}

/// The policy, then the inventory for an analysis: `Err(code)` when the inventory has
/// errors (already printed), as [`LoadArgs::load_valid`]. A policy naming meetings or
/// agencies the inventory lacks is refused here, for every command that proposes.
pub fn policy_and_inventory(
    input: &InputArgs,
    policy: &PolicyArgs,
) -> anyhow::Result<Result<(kaigi::proposal::Policy, Loaded), ExitCode>> {
    let policy_file = policy;
    let policy = policy_file.load()?;
    let loaded = match input.load_valid()? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(Err(code)),
    };
    policy_file.check_ids(&policy, &loaded)?;
    Ok(Ok((policy, loaded)))
}

/// Text or JSON on standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// A readable summary.
    Text,
    /// Machine-readable JSON.
    Json,
}

/// Writes text for people to standard output, control characters made visible (a name
/// holding an escape sequence prints as `␛[2J` instead of clearing the terminal).
pub fn print_text(text: &str) -> anyhow::Result<()> {
    print(kaigi::report::visible_controls(text).as_bytes())
}

/// Text output as bytes, control characters made visible (see [`print_text`]).
pub fn visible(text: String) -> Vec<u8> {
    match kaigi::report::visible_controls(&text) {
        std::borrow::Cow::Borrowed(_) => text.into_bytes(),
        std::borrow::Cow::Owned(shown) => shown.into_bytes(),
    }
}

/// Writes bytes to standard output.
pub fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}

/// A closed pipe (`kaigi … | head`) is not an error.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The proposal's policy file, shared by every subcommand that proposes.
#[derive(Debug, clap::Args)]
pub struct PolicyArgs {
    /// Policy file (TOML): size limit, fixed cost per body, pinned meetings, forbidden
    /// pairs, overrides (see the README).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
}

impl PolicyArgs {
    /// Reads the policy file when one is given, else the default policy.
    pub fn load(&self) -> anyhow::Result<kaigi::proposal::Policy> {
        Ok(match &self.policy {
            Some(path) => kaigi::proposal::Policy::from_file(path)?,
            None => kaigi::proposal::Policy::default(),
        })
    }

    /// Refuses a policy that names meetings or agencies the inventory does not have.
    pub fn check_ids(
        &self,
        policy: &kaigi::proposal::Policy,
        loaded: &Loaded,
    ) -> anyhow::Result<()> {
        if let Some(path) = &self.policy {
            policy.check_ids(&loaded.inventory, &path.display().to_string())?;
        }
        Ok(())
    }
}
