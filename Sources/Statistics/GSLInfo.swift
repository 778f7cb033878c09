import CGSL

/// Facts about the GSL library this process is linked against.
public enum GSLInfo {
    /// GSL's run-time version string (`gsl_version`, e.g. `"2.7.1"`), recorded
    /// in experiment manifests. It names the shared library actually loaded,
    /// which can differ from the headers the package was compiled with.
    public static var version: String {
        GSLRuntime.prepare()
        guard let text = memsim_gsl_version() else { return "unknown" }
        return String(cString: text)
    }
}
