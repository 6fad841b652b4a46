//! Output files that appear whole or not at all: written under a temporary
//! name in the same directory and renamed when complete.
//!
//! A temporary file is named `.NAME.boilerstrip-PID.tmp`. It is removed when
//! writing fails or the [`AtomicFile`] is dropped uncommitted; a killed
//! process (SIGKILL) cannot remove it, so it stays, hidden, beside where
//! the output would have been, and the output's own name never holds half a
//! file.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file being written under a temporary name.
#[derive(Debug)]
pub struct AtomicFile {
    file: Option<File>,
    tmp: PathBuf,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing what will become `path`, creating missing parent
    /// directories.
    ///
    /// # Errors
    ///
    /// The I/O error of creating the directory or the temporary file.
    pub fn create(path: &Path) -> io::Result<AtomicFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.boilerstrip-{}.tmp", std::process::id()));
        let file = File::create(&tmp)?;
        Ok(AtomicFile {
            file: Some(file),
            tmp,
            path: path.to_path_buf(),
        })
    }

    /// The temporary file's path.
    pub fn temporary_path(&self) -> &Path {
        &self.tmp
    }

    /// Syncs the file to disk and gives it its final name.
    ///
    /// # Errors
    ///
    /// The I/O error of syncing or renaming; the temporary file is removed.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("an uncommitted file is open");
        let result = file.sync_data().and_then(|()| {
            drop(file);
            fs::rename(&self.tmp, &self.path)
        });
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("open").write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.as_mut().expect("open").write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("open").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so `path` never holds half an output. Creates missing
/// parent directories.
///
/// # Errors
///
/// The I/O error of creating, writing or renaming.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("boilerstrip-atomic-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn the_file_appears_only_on_commit() {
        let dir = scratch("commit");
        let path = dir.join("sub/out.txt");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"half").unwrap();
        assert!(!path.exists());
        assert!(file.temporary_path().exists());
        let tmp = file.temporary_path().to_path_buf();
        file.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"half");
        assert!(!tmp.exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn dropping_uncommitted_leaves_nothing() {
        let dir = scratch("drop");
        let path = dir.join("out.txt");
        fs::create_dir_all(&dir).unwrap();
        fs::write(&path, b"old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"new").unwrap();
        let tmp = file.temporary_path().to_path_buf();
        drop(file);
        assert!(!tmp.exists());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        fs::remove_dir_all(dir).unwrap();
    }
}
