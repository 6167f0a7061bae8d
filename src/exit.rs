//! Exit codes, in one place (spec section 4). The verdict never depends on the
//! output format, on what is displayed, or on whether standard error can be
//! written at all.

/// What a command's run amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; for `check`, every check passed.
    Success,
    /// The model is invalid, or a check failed.
    Failure,
    /// The tool could not do its job: bad arguments, a file that cannot be read or written.
    Error,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Error => 2,
        }
    }

    /// The more serious of two verdicts, for commands that handle several
    /// files: one unreadable path outweighs any number of failed checks.
    pub fn worst(self, other: Exit) -> Exit {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_those_of_the_spec() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::Failure.code(), 1);
        assert_eq!(Exit::Error.code(), 2);
    }

    #[test]
    fn the_worst_verdict_wins() {
        assert_eq!(Exit::Success.worst(Exit::Failure), Exit::Failure);
        assert_eq!(Exit::Error.worst(Exit::Failure), Exit::Error);
        assert_eq!(Exit::Success.worst(Exit::Success), Exit::Success);
    }
}
