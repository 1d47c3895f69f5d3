//! Qdrant's engine as the oracle of the differential tests: the interpreter that
//! `scripts/oracle-env.sh` sets up (a virtualenv with `qdrant-edge-py`), and a helper script run
//! with one JSON request on stdin.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

/// The oracle's Python interpreter (the script's last output line).
pub fn python() -> String {
    let out = Command::new("bash").arg("scripts/oracle-env.sh").output().expect("run oracle-env.sh");
    assert!(out.status.success(), "oracle-env.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 path");
    stdout.lines().last().expect("interpreter path").trim().to_string()
}

/// Runs `script` with `request` on stdin; its standard output.
pub fn run(python: &str, script: &str, request: &Value) -> String {
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the oracle");
    let bytes = serde_json::to_vec(request).expect("JSON");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&bytes).expect("write the request"));
    let out = child.wait_with_output().expect("oracle output");
    writer.join().expect("writer");
    assert!(out.status.success(), "the oracle failed");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}
