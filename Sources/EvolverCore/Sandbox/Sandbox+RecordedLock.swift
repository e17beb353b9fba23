import Foundation

extension Sandbox {
    /// Whether a run recorded under `digest` was judged by this sandbox's fixed files as they are now.
    ///
    /// A manifest that gained the judge declaration (`"judge": true`, its own line) is otherwise the
    /// manifest a run recorded before the declaration existed; the declaration changes nothing in
    /// how kernels are evaluated, so such runs still replay and resume.
    public func isJudgedAsRecorded(lockDigest digest: String) -> Bool {
        digest == lockDigest || digest == lockDigestBeforeJudgeDeclaration
    }

    /// The lock digest the sandbox had before its manifest declared it the judge, or nil when it does not.
    var lockDigestBeforeJudgeDeclaration: String? {
        let manifestURL = directory.appendingPathComponent(Files.manifest)
        let declaration = "  \"judge\": true,\n"
        guard manifest.judge == true, let text = try? String(contentsOf: manifestURL, encoding: .utf8), text.contains(declaration),
              let data = FileManager.default.contents(atPath: directory.appendingPathComponent(SandboxLock.fileName).path),
              var lock = try? JSONDecoder().decode(SandboxLock.self, from: data) else { return nil }
        lock.files[Files.manifest] = Hashing.sha256Hex(text.replacingOccurrences(of: declaration, with: ""))
        return (try? lock.encoded()).map(Hashing.sha256Hex)
    }
}
