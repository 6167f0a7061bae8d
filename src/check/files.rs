//! Which files `sroi check` reads: each path given, and for a directory
//! every `*.toml` file under it, recursively, in sorted order so that output
//! and CI logs are the same on every machine. Hidden entries (`.git`,
//! `.cache`) are skipped, and symbolic links to directories are not
//! followed, so a link cycle cannot make the walk endless.

use std::io;
use std::path::{Path, PathBuf};

/// A path to check, or one that cannot be.
#[derive(Debug)]
pub enum Target {
    Model(PathBuf),
    Unusable { path: PathBuf, reason: String },
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
        let mut models = Vec::new();
        match walk(path, &mut models) {
            Ok(()) if models.is_empty() => targets.push(Target::Unusable {
                path: path.clone(),
                reason: "no *.toml model files under it".to_owned(),
            }),
            Ok(()) => {
                models.sort();
                targets.extend(models.into_iter().map(Target::Model));
            }
            Err(error) => targets.push(Target::Unusable {
                path: path.clone(),
                reason: error.to_string(),
            }),
        }
    }
    targets
}

fn walk(directory: &Path, models: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(directory)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // `file_type` does not follow links: a linked directory is skipped,
        // a linked file is checked like any other.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, models)?;
        } else if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            models.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
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
