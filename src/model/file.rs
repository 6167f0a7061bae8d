//! From a path to model text: read the bytes within the size limit and
//! insist on UTF-8, then hand the text to the loader.

use std::io::Read;
use std::path::Path;

use super::Model;
use super::load::parse_model;
use super::schema::Limits;
use crate::diagnostic::{Diagnostic, Diagnostics, ErrorCode, SourceFile};

/// Why a model could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all (missing, a directory, no permission).
    Unreadable { path: String, error: std::io::Error },
    /// The file exceeds the size limit; it was not read to the end.
    TooLarge { path: String, limit: u64 },
    /// The file was read but is not a valid model: every problem, located.
    Invalid {
        source: SourceFile,
        diagnostics: Diagnostics,
    },
}

/// Read and validate the model at `path` (`-` reads standard input).
pub fn load_file(path: &Path, limits: Limits) -> Result<(SourceFile, Model), LoadError> {
    let name = if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    let bytes = read_limited(path, limits.max_file_bytes).map_err(|error| match error {
        ReadError::Io(error) => LoadError::Unreadable {
            path: name.clone(),
            error,
        },
        ReadError::TooLarge => LoadError::TooLarge {
            path: name.clone(),
            limit: limits.max_file_bytes,
        },
    })?;
    let source = match String::from_utf8(bytes) {
        Ok(text) => SourceFile::new(name, text),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let bad_byte = error.as_bytes()[offset];
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = SourceFile::new(name, text);
            let diagnostic = Diagnostic::new(
                ErrorCode::NotToml,
                offset..offset + 1,
                format!("the file is not UTF-8 text (byte 0x{bad_byte:02X})"),
            )
            .with_hint("a model is a TOML text file saved as UTF-8");
            return Err(LoadError::Invalid {
                source,
                diagnostics: Diagnostics::sorted(vec![diagnostic]),
            });
        }
    };
    match parse_model(&source, limits) {
        Ok(model) => Ok((source, model)),
        Err(diagnostics) => Err(LoadError::Invalid {
            source,
            diagnostics,
        }),
    }
}

enum ReadError {
    Io(std::io::Error),
    TooLarge,
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let reader: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(path).map_err(ReadError::Io)?;
        if file.metadata().map_err(ReadError::Io)?.is_dir() {
            return Err(ReadError::Io(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a directory",
            )));
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}
