import CSandbox
import EvolverCore
import Foundation

/// Calls a trusted, in-process kernel over prepared cases (benchmark reference only: no sandbox).
struct HostHarness {
    /// Argument vectors, one per case; buffers stay allocated for the harness's lifetime.
    private var argv: [[Int]] = []
    private var buffers: [UnsafeMutableRawPointer] = []

    init(cases: [KernelCase], harness: HarnessSpec) throws {
        for c in cases {
            let lengths = try c.bufferLengths(for: harness)
            var args = [Int](repeating: 0, count: 12)
            for (i, p) in harness.params.enumerated() {
                switch p.kind {
                case .int:
                    if case .int(let v)? = c.args[p.name] { args[i] = Int(v) }
                case .real:
                    throw HarnessFailure("the host harness calls integer-class signatures only (\(p.name) is \(p.type?.cSpelling ?? "real"))")
                case .input, .scratch, .output:
                    let count = lengths[p.name]!
                    let bytes = max(8, count * p.type!.size)
                    let mem = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
                    mem.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
                    if p.kind == .input, case .array(let a)? = c.args[p.name] {
                        var encoded: [UInt8] = []
                        p.type!.encode(a, into: &encoded)
                        encoded.withUnsafeBytes { mem.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                    }
                    buffers.append(mem)
                    args[i] = Int(bitPattern: mem)
                }
            }
            argv.append(args)
        }
    }

    /// One pass over every case; returns the sum of return values (keeps the calls observable).
    func pass(_ fn: UnsafeMutableRawPointer) -> Int {
        var sum = 0
        for args in argv {
            sum &+= Int(args.withUnsafeBufferPointer { evs_call_generic(fn, $0.baseAddress) })
        }
        return sum
    }
}
