import Foundation
@testable import EvolverCore
import TestSupport

/// Kernels that try to fool the judge rather than escape the sandbox: each class below once got
/// `passed` (and speedups up to 3,000x) from a harness that believed what its child said.
///
/// The sources in `Attacks/` were written against that harness and found its memory at run time
/// (saved-rbp chain, return address, the function table); the rest are the sandbox's seed with a
/// trick added, built here so that the trick is all they differ in.
enum JudgeAttacks {
    /// A kernel file from `Attacks/`.
    static func file(_ name: String) throws -> String {
        let url = TestPaths.packageRoot.appendingPathComponent("Tests/EvolverCoreTests/Hostile/Attacks/\(name).c")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The seed with its entry renamed `<entry>_seed_` and a new entry whose body is `body`; the body
    /// can call the seed as `<entry>_seed_(args...)` and use `sys3(nr, a, b, c)` for raw system calls.
    static func wrapping(_ sandbox: Sandbox, body: String) -> String {
        let entry = sandbox.manifest.entry
        let renamed = sandbox.seedSource.replacingOccurrences(of: "\\b\(entry)\\s*\\(", with: "\(entry)_seed_(", options: .regularExpression)
        let signature = sandbox.harness.prototype.trimmingCharacters(in: CharacterSet(charactersIn: "; \n"))
        return renamed + """

        static long sys3(long nr, long a1, long a2, long a3)
        {
            long ret;
            __asm__ volatile ("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3) : "rcx", "r11", "memory");
            return ret;
        }

        \(signature)
        {
        \(body)
        }

        """
    }

    /// The arguments of the entry, in order, for calling the seed from a wrapper.
    static func args(_ sandbox: Sandbox) -> String { sandbox.harness.params.map(\.name).joined(separator: ", ") }

    /// The status forgery with a status byte the harness never sends (99) instead of OK.
    static func unknownStatus() throws -> String {
        let forged = try file("status_forgery")
        let ok = "    /* f[5] = status 0 (OK), f[6] = reason 0, f[7..10] param 0, f[11..18] addr 0 */"
        precondition(forged.contains(ok))
        return forged.replacingOccurrences(of: ok, with: "    f[5] = 99; /* a status the harness never sends */")
    }

    /// The seed, with compiler warnings that carry terminal escapes: colour, a window title, a screen clear.
    static func terminalInjection(_ sandbox: Sandbox) -> String {
        "#warning \"build note: \u{1B}[31mRED TEXT\u{1B}[0m \u{1B}]0;pwned-title\u{07} \u{1B}[2J\"\n" + sandbox.seedSource
    }

    /// Correct except when `out[]` starts as all zero bytes: then it returns without writing (a
    /// harness whose poison is never 0x00 never notices).
    static func poisonDependence(_ sandbox: Sandbox) -> String {
        wrapping(sandbox, body: """
            if (n >= 1 && m >= 1 && out[0] == 0 && out[1] == 0 && out[2] == 0 && out[3] == 0) return 0;
            return \(sandbox.manifest.entry)_seed_(\(args(sandbox)));
        """)
    }

    /// Writes a forged window report (tag 'D', u32 length 4, u32 count) to the harness channel on
    /// every call, then computes the right answer: a worker that believed it would stop its clock early.
    static func forgedDone(_ sandbox: Sandbox) -> String {
        wrapping(sandbox, body: """
            unsigned char f[9];
            int i;
            f[0] = 'D'; f[1] = 4; f[2] = 0; f[3] = 0; f[4] = 0;
            for (i = 5; i < 9; i++) f[i] = 0;
            f[5] = 1;
            sys3(1, 3, (long)f, 9);
            return \(sandbox.manifest.entry)_seed_(\(args(sandbox)));
        """)
    }

    /// Reports its window done after the first call of it, then never returns: the harness's loop
    /// is "cut short" as a kernel that corrupts the harness's loop state would cut it.
    static func doneThenHang(_ sandbox: Sandbox) -> String {
        wrapping(sandbox, body: """
            unsigned char f[9];
            int i, r;
            r = \(sandbox.manifest.entry)_seed_(\(args(sandbox)));
            f[0] = 'D'; f[1] = 4; f[2] = 0; f[3] = 0; f[4] = 0;
            for (i = 5; i < 9; i++) f[i] = 0;
            f[5] = 1;
            sys3(1, 3, (long)f, 9);
            for (;;) {}
            return r;
        """)
    }

    /// Correct only when its frame-pointer chain ends (in zero) in the call shim's frame on its own
    /// stack: passes only if the kernel starts with no pointer into the harness in rbp.
    static func readsSavedFramePointer(_ sandbox: Sandbox) -> String {
        wrapping(sandbox, body: """
            long *fp = (long *)__builtin_frame_address(0);
            /* The caller is the call shim, whose frame is on the kernel's own stack just above;
             * its saved frame pointer is the zero the trampoline left: no harness pointer. */
            long *up = (long *)fp[0];
            if (up != 0 && (up < fp || (char *)up - (char *)fp > 4096 || up[0] != 0)) return -7;
            return \(sandbox.manifest.entry)_seed_(\(args(sandbox)));
        """)
    }

    /// Reads above its own stack, where a harness frame would be on a shared stack.
    static func readsAboveItsStack(_ sandbox: Sandbox) -> String {
        wrapping(sandbox, body: """
            volatile long *fp = (volatile long *)__builtin_frame_address(0);
            long sum = 0;
            int i;
            for (i = 0; i < 4096; i++) sum += fp[i];
            if (sum == 12345) return -7;
            return \(sandbox.manifest.entry)_seed_(\(args(sandbox)));
        """)
    }
}
