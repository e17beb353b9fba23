import Foundation

/// A case marshalled once for the worker: its argument bytes and its buffers' element counts.
public struct PreparedCase: Sendable {
    /// The case identifier.
    public let id: String
    /// Encoded arguments in parameter order (ints as i64; buffers as u64 count plus input bytes).
    let encoded: [UInt8]
    /// Element count of each output parameter, in harness order of outputs.
    let outputCounts: [Int]

    /// Marshals a case. - Throws: `HarnessFailure` when it does not fit the harness.
    public init(_ kernelCase: KernelCase, harness: HarnessSpec) throws {
        let lengths = try kernelCase.bufferLengths(for: harness)
        var w = ByteWriter()
        var outputs: [Int] = []
        for p in harness.params {
            switch p.kind {
            case .int:
                guard case .int(let v)? = kernelCase.args[p.name] else { throw HarnessFailure("case \(kernelCase.id): missing \(p.name)") }
                w.i64(v)
            case .real:
                guard let v = kernelCase.args[p.name]?.realValue else { throw HarnessFailure("case \(kernelCase.id): missing \(p.name)") }
                w.u64(v.bitPattern)
            case .input:
                switch kernelCase.args[p.name] {
                case .array(let a)?:
                    w.u64(UInt64(a.count))
                    p.type!.encode(a, into: &w.bytes)
                case .reals(let a)?:
                    w.u64(UInt64(a.count))
                    p.type!.encode(reals: a, into: &w.bytes)
                default:
                    throw HarnessFailure("case \(kernelCase.id): missing \(p.name)")
                }
            case .scratch:
                w.u64(UInt64(lengths[p.name]!))
            case .output:
                w.u64(UInt64(lengths[p.name]!))
                outputs.append(lengths[p.name]!)
            }
        }
        id = kernelCase.id
        encoded = w.bytes
        outputCounts = outputs
    }

    /// Marshals many cases.
    public static func prepare(_ cases: [KernelCase], harness: HarnessSpec) throws -> [PreparedCase] {
        try cases.map { try PreparedCase($0, harness: harness) }
    }
}
