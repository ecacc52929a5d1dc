//! Where a report goes: standard output, or a file that readers see whole or not at all (a
//! temporary file beside it, renamed over it when the report is complete). A path that is no
//! regular file (`/dev/null`, a named pipe) is written directly: renaming over it would replace
//! the device with a file. A symbolic link is followed, so the link stays a link.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file written atomically. Dropped without [`AtomicFile::commit`], it leaves the old file
/// as it was and removes the temporary one.
pub struct AtomicFile {
    path: PathBuf,
    /// The temporary file; `None` when the path is written directly (a device or a pipe).
    tmp: Option<PathBuf>,
    out: Option<BufWriter<File>>,
}

/// Whether `path` exists and is something other than a regular file (after links).
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

impl AtomicFile {
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        if is_special(path) {
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                tmp: None,
                out: Some(BufWriter::new(
                    std::fs::OpenOptions::new().write(true).open(path)?,
                )),
            });
        }
        // Through a symbolic link to the file it names.
        let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Hidden and without a report extension: a scan of the same folder skips it.
        let tmp = dir.join(format!(".{name}.privlint-{}.tmp", std::process::id()));
        let out = BufWriter::new(File::create(&tmp)?);
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp: Some(tmp),
            out: Some(out),
        })
    }

    /// Puts the complete file in place.
    pub fn commit(mut self) -> std::io::Result<()> {
        let Some(out) = self.out.take() else {
            return Ok(());
        };
        let f = out.into_inner().map_err(|e| e.into_error())?;
        match &self.tmp {
            Some(tmp) => {
                f.sync_all()?;
                std::fs::rename(tmp, &self.path)
            }
            None => Ok(()),
        }
    }

    fn out(&mut self) -> std::io::Result<&mut BufWriter<File>> {
        self.out
            .as_mut()
            .ok_or_else(|| std::io::Error::other("report file already closed"))
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let (Some(_), Some(tmp)) = (self.out.take(), &self.tmp) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

/// Standard output or an atomic file.
pub enum Target {
    Stdout(BufWriter<std::io::Stdout>),
    File(AtomicFile),
}

impl Target {
    /// `path`, or standard output without one.
    pub fn open(path: Option<&Path>) -> std::io::Result<Target> {
        Ok(match path {
            Some(p) => Target::File(AtomicFile::create(p)?),
            None => Target::Stdout(BufWriter::new(std::io::stdout())),
        })
    }

    /// Completes the output: flushes standard output, or puts the file in place.
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            Target::Stdout(mut w) => w.flush(),
            Target::File(f) => f.commit(),
        }
    }
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Target::Stdout(w) => w.write(buf),
            Target::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Target::Stdout(w) => w.flush(),
            Target::File(f) => f.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").expect("write");
        let mut f = AtomicFile::create(&path).expect("create");
        f.write_all(b"new").expect("write");
        drop(f);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        let mut f = AtomicFile::create(&path).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_devices_are_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::fs::write(&real, "old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let mut f = AtomicFile::create(&link).expect("create");
        f.write_all(b"new").expect("write");
        f.commit().expect("commit");
        assert!(std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
        // Only looked at, never written: a broken rename would replace the device.
        assert!(is_special(Path::new("/dev/null")));
        assert!(!is_special(&real));
        assert!(!is_special(&dir.path().join("missing.json")));
    }
}
