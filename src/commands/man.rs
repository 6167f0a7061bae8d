//! `sroi man`: the manual page in roff, generated from the clap definition.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::exit::Exit;

pub fn run(args: &ManArgs) -> Exit {
    let mut page = Vec::new();
    if let Err(error) = clap_mangen::Man::new(Cli::command()).render(&mut page) {
        message!("sroi: cannot render the manual page: {error}");
        return Exit::Error;
    }
    super::deliver(&page, args.output.as_deref())
}
