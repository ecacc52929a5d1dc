pub fn trace(label: &str) {
    if std::env::var_os("PL_TRACE").is_none() { return; }
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let start = *START.get_or_init(std::time::Instant::now);
    let mut cpu = 0u64;
    if let Ok(rd) = std::fs::read_dir("/proc/self/task") {
        for e in rd.flatten() {
            if let Ok(s) = std::fs::read_to_string(e.path().join("schedstat")) {
                cpu += s.split_whitespace().next().and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
            }
        }
    }
    eprintln!("{:>8.2} ms wall {:>8.2} ms cpu  {label}", start.elapsed().as_secs_f64()*1e3, cpu as f64/1e6);
}
