//! `sroi man`: manual pages in roff, generated from the clap definition, so
//! they cannot drift from what the commands accept. `sroi man` is sroi(1),
//! `sroi man calc` is sroi-calc(1), and `sroi man --dir DIR` writes them all.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::exit::Exit;

pub fn run(args: &ManArgs) -> Exit {
    let mut sroi = Cli::command().disable_help_subcommand(true);
    // Building names each subcommand as its page is titled: `sroi-calc`.
    sroi.build();
    if let Some(directory) = &args.dir {
        return write_all(&sroi, directory);
    }
    let command = match &args.command {
        None => sroi,
        Some(name) => match sroi.find_subcommand(name) {
            Some(command) => command.clone(),
            None => {
                let names: Vec<&str> = sroi.get_subcommands().map(|c| c.get_name()).collect();
                message!(
                    "sroi: no command {:?} has a manual page; the commands are {}",
                    crate::printable::escape_control(name),
                    names.join(", ")
                );
                return Exit::Error;
            }
        },
    };
    let mut page = Vec::new();
    if let Err(error) = man(command).render(&mut page) {
        message!("sroi: cannot render the manual page: {error}");
        return Exit::Error;
    }
    super::deliver(&page, args.output.as_deref())
}

/// A command's page, its footer naming sroi and its version (a subcommand
/// has no version of its own).
fn man(command: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command).source(format!("sroi {}", env!("CARGO_PKG_VERSION")))
}

/// Every page, sroi.1 and one per command, into `directory` (made if need be).
fn write_all(sroi: &clap::Command, directory: &std::path::Path) -> Exit {
    let pages = std::iter::once(sroi).chain(sroi.get_subcommands());
    for command in pages {
        let man = man(command.clone());
        let mut page = Vec::new();
        if let Err(error) = man.render(&mut page) {
            message!("sroi: cannot render the manual page: {error}");
            return Exit::Error;
        }
        let path = directory.join(man.get_filename());
        let written = std::fs::create_dir_all(directory)
            .and_then(|()| crate::output::write_atomic(&path, &page));
        if let Err(error) = written {
            message!("sroi: cannot write {}: {error}", super::shown(&path));
            return Exit::Error;
        }
    }
    message!(
        "wrote {} manual pages to {}",
        sroi.get_subcommands().count() + 1,
        super::shown(directory)
    );
    Exit::Success
}
