//! Where results go: standard output, where a closed pipe (`| head`) ends the
//! run quietly, or a file written atomically, so a reader sees either the old
//! file or the complete new one, never half of it, and a failed or interrupted
//! run leaves nothing behind. Only a regular file is replaced that way (the
//! one a symbolic link leads to, not the link); a character device or a FIFO
//! is written into, as the shell's `>` would.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, so that an interrupted run can remove
/// them: Ctrl-C ends the process without running destructors, which is
/// where a temporary file would otherwise be deleted.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// On Ctrl-C (or SIGTERM), remove any half-written output and exit with 130,
/// the shell's code for a run ended by an interrupt.
pub fn remove_unfinished_files_on_interrupt() {
    // Without a handler (another one is installed) the default action still
    // ends the run; only the cleanup is lost, so the error is not fatal.
    let _ = ctrlc::set_handler(|| {
        remove_unfinished_files();
        std::process::exit(130);
    });
}

/// Delete every temporary output file not yet renamed into place.
pub fn remove_unfinished_files() {
    for path in registry().drain(..) {
        // Already renamed into place or deleted: nothing to do.
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary output file, known to the interrupt handler until it is
/// renamed into place or dropped (which deletes it).
struct Unfinished {
    file: tempfile::NamedTempFile,
}

impl Unfinished {
    fn beside(path: &Path) -> io::Result<Unfinished> {
        let file = temporary_beside(path)?;
        registry().push(file.path().to_owned());
        Ok(Unfinished { file })
    }

    fn write_and_sync(&mut self, write: Writing<'_>) -> io::Result<()> {
        let mut buffered = io::BufWriter::new(&mut self.file);
        write(&mut buffered)?;
        buffered.flush()?;
        drop(buffered);
        self.file.as_file().sync_all()
    }

    /// Rename into place, replacing any file there, or only where none is.
    fn persist(self, path: &Path, replace: bool) -> io::Result<()> {
        let temporary = self.file.path().to_owned();
        let result = if replace {
            self.file
                .persist(path)
                .map(drop)
                .map_err(|error| error.error)
        } else {
            self.file
                .persist_noclobber(path)
                .map(drop)
                .map_err(|error| error.error)
        };
        // Renamed, or deleted when persisting failed (the error drops the file).
        forget(&temporary);
        result
    }
}

fn registry() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED
        .lock()
        .unwrap_or_else(|poison| poison.into_inner())
}

fn forget(temporary: &Path) {
    registry().retain(|path| path != temporary);
}

/// The terminal's width in columns, when standard output is a terminal.
pub fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size_of(io::stdout()).map(|(width, _)| usize::from(width.0))
}

/// What produces an output, writing it as it goes: the whole of it, or an error.
pub type Writing<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// Write all of `text` to standard output; a reader that went away is not an error.
pub fn write_stdout(bytes: impl AsRef<[u8]>) -> io::Result<()> {
    write_stdout_with(&mut |out| out.write_all(bytes.as_ref()))
}

/// Write to standard output, through a buffer, what `write` produces; a
/// reader that went away is not an error.
pub fn write_stdout_with(write: Writing<'_>) -> io::Result<()> {
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write a message to standard error. Messages are for the reader; a
/// standard error that is full, closed or no longer read must not turn the
/// run's verdict into a panic (spec section 4), so a failed write is ignored.
pub fn write_stderr(text: impl AsRef<[u8]>) {
    let text = text.as_ref();
    let painted = match std::str::from_utf8(text) {
        Ok(text) if colour_on_stderr() => Some(paint(text)),
        _ => None,
    };
    let mut stderr = io::stderr().lock();
    let _ = stderr
        .write_all(painted.as_ref().map_or(text, String::as_bytes))
        .and_then(|()| stderr.flush());
}

/// Colour on standard error only when a person is reading it: a terminal,
/// and no `NO_COLOR` (<https://no-color.org>: set and not empty). Pipes, files
/// and CI logs get plain text, so what a program reads never changes.
fn colour_on_stderr() -> bool {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !no_color && io::stderr().is_terminal()
}

/// Messages with their severities in colour: `error[SROI006]` red,
/// `warning[…]` yellow, `= hint:` cyan, each in bold. Only words `sroi`
/// writes are painted; model text in a message is already escaped, so it
/// cannot carry a colour of its own.
fn paint(text: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let marks = [
        ("error[", AnsiColor::Red),
        ("warning[", AnsiColor::Yellow),
        ("= hint:", AnsiColor::Cyan),
    ];
    let mut out = String::with_capacity(text.len() + 32);
    for line in text.split_inclusive('\n') {
        let found = marks.iter().find_map(|(mark, colour)| {
            let start = line.find(mark)?;
            // A severity runs to its closing bracket; a hint is the mark.
            let end = match mark.strip_suffix('[') {
                Some(_) => start + line[start..].find(']')? + 1,
                None => start + mark.len(),
            };
            Some((start, end, *colour))
        });
        match found {
            Some((start, end, colour)) => {
                let style = Style::new().fg_color(Some(colour.into())).bold();
                out.push_str(&format!(
                    "{}{style}{}{style:#}{}",
                    &line[..start],
                    &line[start..end],
                    &line[end..]
                ));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Write `bytes` to `path`: into it when it is a character device or a FIFO
/// (`/dev/null`, a pipe to a program), else to a temporary file beside the
/// file it names (through any symbolic links), renamed into place.
pub fn write_atomic(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    write_atomic_with(path, &mut |out| out.write_all(bytes.as_ref()))
}

/// Like `write_atomic`, with what `write` produces as it produces it: the
/// temporary file is renamed into place only once all of it is written.
pub fn write_atomic_with(path: &Path, write: Writing<'_>) -> io::Result<()> {
    match destination(path)? {
        Destination::Stream => write_into(path, write),
        Destination::File { target, .. } => write_through_temporary(&target, write, true),
    }
}

/// Like `write_atomic`, but fail with `AlreadyExists` rather than replace a
/// file, and never create one through a link that leads nowhere.
pub fn write_new(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    let write: Writing<'_> = &mut |out| out.write_all(bytes.as_ref());
    match destination(path)? {
        Destination::Stream => write_into(path, write),
        Destination::File { exists: true, .. } => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file exists",
        )),
        // A link that leads nowhere: creating its target could put the file
        // anywhere the link happens to point.
        Destination::File { target, .. } if target != path => Err(io::Error::other(format!(
            "it is a symbolic link to {}, which does not exist; \
             a new file is never created through a link",
            target.display()
        ))),
        Destination::File { target, .. } => write_through_temporary(&target, write, false),
    }
}

/// What writing to a path means.
enum Destination {
    /// A character device or a FIFO: written into, since replacing it would
    /// put a plain file where a device or a reader was expected.
    Stream,
    /// A regular file, or nothing yet: `target` is where the path leads
    /// once every symbolic link is followed, the file to replace or create.
    File { target: PathBuf, exists: bool },
}

fn destination(path: &Path) -> io::Result<Destination> {
    // `metadata` follows links as `open` would, including the kernel's own
    // (`/dev/stdout` to a pipe), whose names cannot be followed by hand.
    let exists = match std::fs::metadata(path) {
        Ok(metadata) if is_stream(&metadata.file_type()) => return Ok(Destination::Stream),
        Ok(metadata) if !metadata.is_file() => return Err(not_a_file(&metadata.file_type())),
        Ok(_) => true,
        Err(error) if error.kind() == io::ErrorKind::NotFound => false,
        Err(error) => return Err(error),
    };
    Ok(Destination::File {
        target: follow_links(path)?,
        exists,
    })
}

#[cfg(unix)]
fn is_stream(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_char_device() || kind.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_: &std::fs::FileType) -> bool {
    false
}

/// Why a path that is neither a regular file nor a stream cannot be written.
fn not_a_file(kind: &std::fs::FileType) -> io::Error {
    let what = if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file, a character device or a FIFO"
    };
    io::Error::other(format!("it is {what}"))
}

/// The most symbolic links followed in one path, as Linux allows.
const MAX_LINKS: usize = 40;

/// Where `path` leads once every symbolic link is followed, the last one
/// possibly to a name that does not exist yet. A relative link is read
/// from the link's own directory, as the kernel reads it.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {}
            Ok(_) => return Ok(target),
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(target),
            Err(error) => return Err(error),
        }
        let link = std::fs::read_link(&target)?;
        target = match target.parent() {
            Some(directory) => directory.join(link),
            None => link,
        };
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Write into a device or FIFO as it is (a FIFO waits here for its reader).
fn write_into(path: &Path, write: Writing<'_>) -> io::Result<()> {
    let stream = std::fs::OpenOptions::new().write(true).open(path)?;
    let mut stream = io::BufWriter::new(stream);
    write(&mut stream)?;
    stream.flush()
}

fn write_through_temporary(path: &Path, write: Writing<'_>, replace: bool) -> io::Result<()> {
    let mut file = Unfinished::beside(path)?;
    if let Err(error) = file.write_and_sync(write) {
        // Dropping the file deletes it.
        forget(file.file.path());
        return Err(error);
    }
    file.persist(path, replace)
}

/// A temporary file in the target's directory, so the final rename stays on
/// one file system and is atomic. Dropping it unpersisted deletes it.
fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".sroi-").suffix(".tmp");
    // The file is renamed into place, keeping its mode: give it the mode a
    // replaced file had, or what a newly created file gets (0666 less the
    // umask), not a temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(directory)?;
    if let Ok(existing) = std::fs::metadata(path) {
        std::fs::set_permissions(file.path(), existing.permissions())?;
    }
    Ok(file)
}

/// Whether two paths name the same file (through links, `..` or case folding
/// on file systems that fold). A path that does not exist yet is no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) if a == b => true,
        _ => same_inode(a, b),
    }
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// Whether standard input reads the regular file at `path`, as in
/// `sroi calc - -o m.toml < m.toml`: the same device and inode. (A terminal
/// or a pipe on standard input is not a file an output could clobber.)
#[cfg(unix)]
pub fn standard_input_is(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(stdin) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    match (
        std::fs::File::from(stdin).metadata(),
        std::fs::metadata(path),
    ) {
        (Ok(input), Ok(output)) => {
            input.is_file() && input.dev() == output.dev() && input.ino() == output.ino()
        }
        _ => false,
    }
}

#[cfg(not(unix))]
pub fn standard_input_is(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tests that write share the process-wide list of unfinished files,
    /// which the interrupt test empties: they take turns.
    static WRITING: Mutex<()> = Mutex::new(());

    fn one_writer_at_a_time() -> std::sync::MutexGuard<'static, ()> {
        WRITING.lock().unwrap_or_else(|poison| poison.into_inner())
    }

    #[test]
    fn severities_and_hints_are_painted_and_nothing_else() {
        let message = "m.toml:3:12: error[SROI006]: `currency` must be…\n  = hint: did you mean \"GBP\"?\nm.toml: 1 problem found\n";
        let painted = paint(message);
        assert!(
            painted.contains("m.toml:3:12: \u{1b}[1m\u{1b}[31merror[SROI006]\u{1b}[0m: `currency`"),
            "{painted:?}"
        );
        assert!(
            painted.contains("  \u{1b}[1m\u{1b}[36m= hint:\u{1b}[0m did you mean"),
            "{painted:?}"
        );
        assert!(
            painted.ends_with("\nm.toml: 1 problem found\n"),
            "{painted:?}"
        );
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary_behind() -> io::Result<()> {
        let _turn = one_writer_at_a_time();
        let directory = tempfile::tempdir()?;
        let target = directory.path().join("out.json");
        std::fs::write(&target, "old")?;
        write_atomic(&target, "new")?;
        assert_eq!(std::fs::read_to_string(&target)?, "new");
        assert_eq!(std::fs::read_dir(directory.path())?.count(), 1);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_written_file_is_as_readable_as_any_new_file_and_a_replaced_one_keeps_its_mode()
    -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let _turn = one_writer_at_a_time();
        let directory = tempfile::tempdir()?;
        let mode = |path: &Path| -> io::Result<u32> {
            Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
        };
        let plain = directory.path().join("plain.txt");
        std::fs::write(&plain, "made the ordinary way")?;
        let written = directory.path().join("written.json");
        write_atomic(&written, "new")?;
        assert_eq!(mode(&written)?, mode(&plain)?);
        std::fs::set_permissions(&written, std::fs::Permissions::from_mode(0o640))?;
        write_atomic(&written, "replaced")?;
        assert_eq!(mode(&written)?, 0o640);
        Ok(())
    }

    #[test]
    fn an_interrupt_removes_a_file_still_being_written_and_nothing_else() -> io::Result<()> {
        let _turn = one_writer_at_a_time();
        let directory = tempfile::tempdir()?;
        let kept = directory.path().join("kept.json");
        write_atomic(&kept, "done")?;
        let mut unfinished = Unfinished::beside(&directory.path().join("out.json"))?;
        unfinished.write_and_sync(&mut |out| out.write_all(b"half"))?;
        let temporary = unfinished.file.path().to_owned();
        assert!(temporary.exists());
        remove_unfinished_files();
        assert!(!temporary.exists());
        assert_eq!(std::fs::read_to_string(&kept)?, "done");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_not_written_over_a_file_even_through_a_link() -> io::Result<()> {
        let _turn = one_writer_at_a_time();
        let directory = tempfile::tempdir()?;
        let existing = directory.path().join("model.toml");
        std::fs::write(&existing, "kept")?;
        let link = directory.path().join("link.toml");
        std::os::unix::fs::symlink("model.toml", &link)?;
        for path in [&existing, &link] {
            let refused = write_new(path, "new").expect_err("a file is there");
            assert_eq!(refused.kind(), io::ErrorKind::AlreadyExists);
        }
        assert_eq!(std::fs::read_to_string(&existing)?, "kept");
        assert!(std::fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(std::fs::read_dir(directory.path())?.count(), 2);
        Ok(())
    }

    #[test]
    fn a_path_through_a_parent_directory_is_the_same_file() -> io::Result<()> {
        let directory = tempfile::tempdir()?;
        let model = directory.path().join("m.toml");
        std::fs::write(&model, "")?;
        std::fs::create_dir(directory.path().join("sub"))?;
        let roundabout = directory.path().join("sub").join("..").join("m.toml");
        assert!(same_file(&model, &roundabout));
        assert!(!same_file(&model, &directory.path().join("other.toml")));
        Ok(())
    }
}
