//! `sroi check MODEL… | DIR`: check every model and report each as it is
//! checked (JSON once, at the end). The exit code is the worst of the files'
//! verdicts, settled before anything is printed: 2 when a path cannot be
//! read, else 1 when any model is invalid or fails a check, else 0.

use crate::check::{self, FileCheck, Policy, Verdict, files::Target};
use crate::cli::CheckArgs;
use crate::exit::Exit;
use crate::output;
use crate::report::check::{self as render, CheckFormat, Rendered};

pub fn run(args: &CheckArgs) -> Exit {
    let policy = Policy::new(&args.deny, &args.allow, args.min_ratio);
    if let Err(error) = policy.validate() {
        message!("sroi: {error}");
        return Exit::Error;
    }
    let mut checks = Vec::new();
    let mut verdict = Verdict::Passed;
    for target in check::files::expand(&args.paths) {
        let checked = match target {
            Target::Model(path) => check::check_file(&path, &policy, args.scenario.as_deref()),
            Target::Unusable { path, reason } => FileCheck::Unreadable {
                path: path.display().to_string(),
                error: reason,
            },
        };
        verdict = verdict.max(checked.verdict());
        if !print(&render::file(args.format, &checked, args.quiet)) {
            return Exit::Error;
        }
        checks.push(checked);
    }
    if args.format == CheckFormat::Json {
        let document = render::json(&checks, args.quiet, verdict, exit(verdict).code());
        if !print(&Rendered {
            stdout: document,
            stderr: String::new(),
        }) {
            return Exit::Error;
        }
    }
    exit(verdict)
}

/// The exit code a verdict calls for (spec section 4).
fn exit(verdict: Verdict) -> Exit {
    match verdict {
        Verdict::Passed => Exit::Success,
        Verdict::Failed => Exit::Failure,
        Verdict::Unreadable => Exit::Error,
    }
}

/// Write one file's report; `false` when standard output cannot be written.
fn print(rendered: &Rendered) -> bool {
    if !rendered.stderr.is_empty() {
        output::write_stderr(&rendered.stderr);
    }
    match output::write_stdout(&rendered.stdout) {
        Ok(()) => true,
        Err(error) => {
            message!("sroi: cannot write to standard output: {error}");
            false
        }
    }
}
