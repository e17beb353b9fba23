import Foundation

extension Sandbox {
    /// The seed made to do its work `times` times per call (the last call's result is returned):
    /// a control whose true speed ratio against the seed is known, 1/`times`, to check that the
    /// benchmark measures truthfully.
    /// - Throws: `HarnessFailure` when the harness has no prototype to wrap.
    public func seedRepeated(times: Int) throws -> String {
        let entry = manifest.entry
        guard harness.prototype.contains("\(entry)(") || harness.prototype.contains("\(entry) (") else {
            throw HarnessFailure("harness.json's prototype does not declare \(entry)")
        }
        let once = "\(entry)_once_"
        let renamed = seedSource.replacingOccurrences(of: "\\b\(entry)\\s*\\(", with: "\(once)(", options: .regularExpression)
        let signature = harness.prototype.trimmingCharacters(in: CharacterSet(charactersIn: "; \n"))
        let args = harness.params.map(\.name).joined(separator: ", ")
        let body = (0..<max(1, times) - 1).map { _ in "    \(once)(\(args));\n" }.joined() + "    return \(once)(\(args));\n"
        return renamed + "\n\(signature) {\n\(body)}\n"
    }
}
