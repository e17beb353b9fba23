import CTinyCC
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Kernel source compiled in-process with libtcc and kept loaded.
///
/// Only for trusted kernels (ones that passed their sandbox's suite): untrusted code is compiled
/// and run by the worker. Owns the TCC state, which holds the relocated code, and frees it in deinit.
public final class TrustedKernelModule {
    private let state: OpaquePointer
    /// Address of the entry symbol.
    public let entry: UnsafeMutableRawPointer
    /// Wall time of compile plus relocate, in nanoseconds.
    public let compileNs: UInt64

    /// libtcc is not reentrant: compiles are serialized process-wide.
    private static let lock = NSLock()

    /// Where Debian's `tcc` package keeps libtcc1.a.
    static let tccLibDirectory = "/usr/lib/x86_64-linux-gnu/tcc"

    /// Compiles `source` with `-nostdlib -nostdinc`, adding only `symbols` from the C library.
    /// - Throws: `EvolverError.scoringKernel` with TinyCC's diagnostics.
    public init(source: String, entry entryName: String, symbols: [String]) throws {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let start = DispatchTime.now().uptimeNanoseconds
        guard let s = tcc_new() else { throw EvolverError.scoringKernel("tcc_new failed") }
        final class Diagnostics { var lines: [String] = [] }
        let diagnostics = Diagnostics()
        let opaque = Unmanaged.passUnretained(diagnostics).toOpaque()
        tcc_set_error_func(s, opaque) { ctx, msg in
            guard let ctx, let msg else { return }
            Unmanaged<Diagnostics>.fromOpaque(ctx).takeUnretainedValue().lines.append(String(cString: msg))
        }
        func fail(_ what: String) -> EvolverError {
            tcc_delete(s)
            return .scoringKernel("\(what): \(diagnostics.lines.joined(separator: "; "))")
        }
        tcc_set_options(s, "-nostdlib -nostdinc")
        tcc_set_output_type(s, ctcc_output_memory())
        guard tcc_compile_string(s, source) == 0 else { throw fail("compile failed") }
        let libtcc1 = Self.tccLibDirectory + "/libtcc1.a"
        if FileManager.default.isReadableFile(atPath: libtcc1) { tcc_add_file(s, libtcc1) }
        let everything = UnsafeMutableRawPointer(bitPattern: 0)
        for name in symbols {
            if let address = dlsym(everything, name) { tcc_add_symbol(s, name, address) }
        }
        guard ctcc_relocate_auto(s) >= 0 else { throw fail("link failed") }
        guard let symbol = tcc_get_symbol(s, entryName) else { throw fail("missing entry symbol \(entryName)") }
        state = s
        entry = symbol
        compileNs = DispatchTime.now().uptimeNanoseconds - start
    }

    deinit {
        tcc_delete(state)
    }
}
