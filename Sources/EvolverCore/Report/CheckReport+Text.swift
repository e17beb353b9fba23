import Foundation

extension CheckReport {
    /// The human report printed by `evolver check`.
    public func text() -> String {
        var lines: [String] = []
        // Everything that can carry text the kernel controls is escaped before it reaches a terminal.
        func row(_ key: String, _ value: String) {
            lines.append(key.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + value.escapedForTerminal)
        }
        row("sandbox", "\(sandbox)  (lock \(lockSHA256.prefix(12)))")
        row("kernel", "\(kernelPath)  sha256 \(kernelSHA256.prefix(16))")
        row("seed", "\(seed)  (case order, poison, differential and benchmark inputs; --seed \(seed) repeats them)")
        row("verdict", verdict.rawValue + (detail.isEmpty ? "" : " — \(detail)"))
        row("validation", "\(validation.passed)/\(validation.total) cases passed (shuffled order, poisoned outputs, read-only inputs)")
        if let f = validation.firstFailure {
            row("first fail", "case \(f.caseId)")
            row("  expected", f.expected)
            row("  actual", f.actual)
        }
        if let d = differential {
            row("differential", "\(d.passed)/\(d.total) random contract-wide inputs agree with the seed")
            if let f = d.firstFailure {
                row("  input", f.caseId)
                row("  expected", f.expected)
                row("  actual", f.actual)
            }
        } else {
            row("differential", "not run")
        }
        if compileMs > 0 { row("compile", String(format: "%.3f ms with libtcc in the sandboxed child (image %llu bytes)", compileMs, imageBytes)) }
        if let b = benchmark {
            row("benchmark", String(format: "median %@ per pass vs seed %@", Self.duration(b.medianNs), Self.duration(b.seedMedianNs)))
            row("speedup", String(format: "%.3fx  (from the Hodges–Lehmann shift: gain %+.2f%%; Mann–Whitney p = %.3g, %@)", b.speedup, b.gain * 100, b.pValue, b.significant ? "significant" : "not significant"))
            row("promotion", b.wouldPromote ? "the promotion rule would promote it" : "the promotion rule would not promote it")
            row("sampling", String(format: "%d interleaved samples per side, each side in its own child on fresh inputs; %d passes per window of %.2f ms (seed: %d), timer overhead %.3f%% (subtracted)", b.samples, b.reps, b.windowMs, b.seedReps, b.timerOverheadPercent))
        } else {
            row("benchmark", "not run")
        }
        row("scoring", "active scoring kernel sha256 \(scoringKernelSHA256.prefix(16))")
        if !diagnostics.isEmpty {
            lines.append("diagnostics:")
            lines.append(contentsOf: diagnostics.prefix(20).map { "  " + $0.escapedForTerminal })
        }
        return lines.joined(separator: "\n")
    }

    static func duration(_ ns: Double) -> String {
        if ns >= 1e6 { return String(format: "%.3f ms", ns / 1e6) }
        if ns >= 1e3 { return String(format: "%.2f µs", ns / 1e3) }
        return String(format: "%.0f ns", ns)
    }
}
