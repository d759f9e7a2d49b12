//! A diagnostic reported at warning severity: `kql check` reports what `kql` cannot run
//! (`kql::check::unsupported`, valid KQL that a Kusto engine accepts) as a warning, so
//! only real mistakes fail the check.
//!
//! ```text
//! EmailEvents | extend g = geo_info_from_ip_address(SenderIPv4)   // warning, exit 0
//! ```

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

/// `D`, at warning severity.
#[derive(Debug)]
pub struct AsWarning<D>(pub D);

impl<D: fmt::Display> fmt::Display for AsWarning<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<D: std::error::Error> std::error::Error for AsWarning<D> {}

impl<D: Diagnostic> Diagnostic for AsWarning<D> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.code()
    }

    fn severity(&self) -> Option<Severity> {
        Some(Severity::Warning)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(
            "Kusto accepts this, but `kql run` refuses it: kql does not evaluate it yet",
        ))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}
