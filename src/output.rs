//! Where results go: standard output, where a closed pipe (`| head`) ends the
//! run quietly, or a file written atomically, so a reader sees either the old
//! file or the complete new one, never half of it, and a failed run leaves
//! nothing behind.

use std::io::{self, Write};
use std::path::Path;

/// Write all of `text` to standard output; a reader that went away is not an error.
pub fn write_stdout(bytes: impl AsRef<[u8]>) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(bytes.as_ref())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write `bytes` to a temporary file beside `path`, then rename it into place.
pub fn write_atomic(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    let mut file = temporary_beside(path)?;
    file.write_all(bytes.as_ref())?;
    file.as_file().sync_all()?;
    // On any error above, dropping `file` removes the temporary file.
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// A temporary file in the target's directory, so the final rename stays on
/// one file system and is atomic. Dropping it unpersisted deletes it.
fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".sroi-")
        .suffix(".tmp")
        .tempfile_in(directory)
}

/// Like `write_atomic`, but fail with `AlreadyExists` rather than replace a file.
pub fn write_new(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    let mut file = temporary_beside(path)?;
    file.write_all(bytes.as_ref())?;
    file.as_file().sync_all()?;
    file.persist_noclobber(path).map_err(|error| error.error)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary_behind() -> io::Result<()> {
        let directory = tempfile::tempdir()?;
        let target = directory.path().join("out.json");
        std::fs::write(&target, "old")?;
        write_atomic(&target, "new")?;
        assert_eq!(std::fs::read_to_string(&target)?, "new");
        assert_eq!(std::fs::read_dir(directory.path())?.count(), 1);
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
