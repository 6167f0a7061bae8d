//! Which files `sroi check` reads: each path given, and for a directory
//! every `*.toml` file under it (the extension in any case), recursively, in
//! sorted order so that output and CI logs are the same on every machine.
//! Hidden entries (`.git`, `.cache`) are skipped, and symbolic links to
//! directories are not followed, so a link cycle cannot make the walk
//! endless. Nothing that could not be checked is hidden: a subdirectory that
//! cannot be read, or a `*.toml` that is not a file (a link to nothing, a
//! FIFO), is reported by its own path and the walk goes on. The walk never
//! opens a model: a FIFO would wait for ever for a writer.

use std::path::{Path, PathBuf};

/// A path to check, or one that cannot be.
#[derive(Debug)]
pub enum Target {
    Model(PathBuf),
    Unusable { path: PathBuf, reason: String },
}

impl Target {
    fn path(&self) -> &Path {
        match self {
            Target::Model(path) | Target::Unusable { path, .. } => path,
        }
    }

    fn unusable(path: &Path, reason: impl ToString) -> Target {
        Target::Unusable {
            path: path.to_owned(),
            reason: reason.to_string(),
        }
    }
}

/// Expand every path given into the models to check, in order.
pub fn expand(paths: &[PathBuf]) -> Vec<Target> {
    let mut targets = Vec::new();
    for path in paths {
        if path == Path::new("-") || !path.is_dir() {
            // A missing or unreadable file is reported when it is loaded.
            targets.push(Target::Model(path.clone()));
            continue;
        }
        let mut found = Vec::new();
        walk(path, &mut found);
        if found.is_empty() {
            targets.push(Target::unusable(path, "no *.toml model files under it"));
        }
        found.sort_by(|a, b| a.path().cmp(b.path()));
        targets.extend(found);
    }
    targets
}

/// Add every model under `directory` to `found`, and every path under it
/// that should be checked but cannot be.
fn walk(directory: &Path, found: &mut Vec<Target>) {
    let entries = match std::fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) => return found.push(Target::unusable(directory, error)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                // The listing itself failed; reading on could fail for ever.
                return found.push(Target::unusable(directory, error));
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // `file_type` does not follow links: a linked directory is skipped,
        // a linked file is checked like any other.
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(&path, found),
            Ok(_) if !is_model_name(&path) => {}
            Ok(kind) => found.extend(model_at(path, kind.is_symlink())),
            Err(error) => found.push(Target::unusable(&path, error)),
        }
    }
}

fn is_model_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("toml"))
}

/// What a `*.toml` entry of a directory is to check, judged by its type
/// (following a link) without opening it; `None` for a linked directory.
fn model_at(path: PathBuf, linked: bool) -> Option<Target> {
    match std::fs::metadata(&path) {
        Ok(metadata) if metadata.is_file() => Some(Target::Model(path)),
        Ok(metadata) if metadata.is_dir() => None,
        Ok(metadata) => {
            let reason = format!("it is {}, not a model file", kind_of(&metadata.file_type()));
            Some(Target::unusable(&path, reason))
        }
        Err(error) if linked && error.kind() == std::io::ErrorKind::NotFound => {
            let reason = match std::fs::read_link(&path) {
                Ok(target) => format!(
                    "it is a symbolic link to {}, which does not exist",
                    target.display()
                ),
                Err(_) => error.to_string(),
            };
            Some(Target::unusable(&path, reason))
        }
        Err(error) => Some(Target::unusable(&path, error)),
    }
}

/// A file that is neither a regular file nor a directory, in words.
#[cfg(unix)]
fn kind_of(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "an entry of an unknown kind"
    }
}

#[cfg(not(unix))]
fn kind_of(_: &std::fs::FileType) -> &'static str {
    "an entry of an unknown kind"
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;

    fn names(targets: &[Target], root: &Path) -> Vec<String> {
        targets
            .iter()
            .map(|t| match t {
                Target::Model(path) => path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
                Target::Unusable { reason, .. } => format!("unusable: {reason}"),
            })
            .collect()
    }

    #[test]
    fn a_directory_means_every_toml_file_under_it_sorted() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let dir = root.path();
        std::fs::create_dir_all(dir.join("b/nested"))?;
        std::fs::create_dir_all(dir.join(".hidden"))?;
        for file in [
            "z.toml",
            "a.toml",
            "b/nested/m.toml",
            "b/notes.txt",
            ".hidden/x.toml",
        ] {
            std::fs::write(dir.join(file), "")?;
        }
        let targets = expand(&[dir.to_path_buf()]);
        assert_eq!(
            names(&targets, dir),
            ["a.toml", "b/nested/m.toml", "z.toml"]
        );
        Ok(())
    }

    #[test]
    fn a_directory_without_models_cannot_be_checked() -> io::Result<()> {
        let root = tempfile::tempdir()?;
        let targets = expand(&[root.path().to_path_buf()]);
        assert_eq!(
            names(&targets, root.path()),
            ["unusable: no *.toml model files under it"]
        );
        Ok(())
    }
}
