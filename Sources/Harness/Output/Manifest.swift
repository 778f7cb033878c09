import Foundation
import SimCore
import Statistics

/// `manifest.json`: what produced the results. The only output with wall-clock times
/// (with `timing.csv`); never compared between runs. Written with `complete: false` and no
/// `finished_at` before a sweep runs anything, and again when it ends.
public enum Manifest {

    static func json(
        plan: ExperimentPlan, specPath: String, shard: Shard?, jobs: Int, startedAt: Date, finishedAt: Date?,
        executed: Int, resumed: Int, complete: Bool
    ) -> String {
        let specBytes = FileManager.default.contents(atPath: specPath).map { Array($0) } ?? []
        let formatter = ISO8601DateFormatter()
        var members: [(String, String)] = [
            ("memsim_version", JSONWriter.quote(BuildInfo.version)),
            ("memsim_commit", JSONWriter.quote(BuildInfo.commit)),
            ("spec_git_commit", gitCommit(near: specPath).map(JSONWriter.quote) ?? "null"),
            ("spec_file", JSONWriter.quote(specPath)),
            ("spec_hash_fnv1a64", JSONWriter.quote(FNV1a.hex(specBytes))),
            ("experiment", JSONWriter.quote(plan.spec.name)),
            ("model", JSONWriter.quote(plan.spec.modelKind)),
            (
                "overrides",
                "[" + plan.overrides.map { JSONWriter.quote("\($0.key)=\($0.value)") }.joined(separator: ",") + "]"
            ),
            ("seeds", "[" + plan.seeds.map(String.init).joined(separator: ",") + "]"),
            ("points", String(plan.points.count)),
            ("runs_planned", String(plan.runs.count)),
            ("runs_executed_now", String(executed)),
            ("runs_resumed", String(resumed)),
            ("complete", complete ? "true" : "false"),
            ("jobs", String(jobs)),
            ("gsl_version", JSONWriter.quote(GSLInfo.version)),
            ("started_at", JSONWriter.quote(formatter.string(from: startedAt))),
            ("finished_at", finishedAt.map { JSONWriter.quote(formatter.string(from: $0)) } ?? "null"),
        ]
        members.append(("shard", shard.map { JSONWriter.quote($0.description) } ?? "null"))
        return JSONWriter.object(members) + "\n"
    }

    /// The commit of the git work tree holding `path`, if git is available and it is one.
    static func gitCommit(near path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.isEmpty ? "." : directory, "rev-parse", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
