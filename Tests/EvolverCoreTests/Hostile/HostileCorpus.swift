import EvolverCore

/// One hostile (or broken) kernel for the `score` sandbox and what the evaluator must conclude.
struct HostileCase: Sendable {
    /// Short unique name (also the test case's label).
    var name: String
    /// What the kernel tries to do, in words.
    var threat: String
    /// The C source, written against the `score` contract:
    /// `int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)`.
    var source: String
    /// The verdict validation must reach.
    var expected: Verdict
    /// A substring the outcome's detail must contain, when the detail is deterministic.
    var detail: String?
    /// A suite case id that must be part of the validation subset (the case a kernel singles out).
    var requiredCase: String?

    init(_ name: String, threat: String, expected: Verdict, detail: String? = nil, requiredCase: String? = nil, source: String) {
        self.name = name
        self.threat = threat
        self.source = source
        self.expected = expected
        self.detail = detail
        self.requiredCase = requiredCase
    }
}

/// The hostile-kernel corpus: every way a generated kernel may try to hang, crash, escape, cheat or
/// break the compiler, each with the verdict the evaluator must reach without harm to the evolver
/// or the worker.
enum HostileCorpus {
    /// The signature every kernel here defines.
    static let signature = "int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)"

    /// A kernel made of `prelude`, the signature and `body`.
    static func kernel(_ body: String, prelude: String = "") -> String {
        prelude + signature + "\n{\n" + body + "\n}\n"
    }

    /// A raw system call through inline assembly (System V syscall ABI, AT&T syntax as TinyCC takes it).
    static let syscallHelper = #"""
        static long sys3(long nr, long a1, long a2, long a3)
        {
            long ret;
            __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a1), "S"(a2), "d"(a3) : "rcx", "r11", "memory");
            return ret;
        }

        """#

    /// A kernel that makes system call `nr` with the given arguments (as C expressions) and returns.
    static func syscallKernel(_ nr: Int, _ args: String = "0, 0, 0", before: String = "") -> String {
        kernel(before + "    return (int)sys3(\(nr), \(args));", prelude: syscallHelper)
    }

    /// A correct `score` kernel (heapsort, like the seed but written independently), with `hook`
    /// inserted after the outputs are written and before `return 0`.
    static func correctKernel(hook: String = "") -> String {
        #"""
        static void sift(long long *x, int i, int k)
        {
            int c;
            long long t;
            for (;;) {
                c = 2 * i + 1;
                if (c >= k) {
                    return;
                }
                if (c + 1 < k && x[c + 1] > x[c]) {
                    c++;
                }
                if (x[i] >= x[c]) {
                    return;
                }
                t = x[i];
                x[i] = x[c];
                x[c] = t;
                i = c;
            }
        }

        static void hsort(long long *x, int k)
        {
            int i;
            long long t;
            for (i = k / 2 - 1; i >= 0; i--) {
                sift(x, i, k);
            }
            for (i = k - 1; i > 0; i--) {
                t = x[0];
                x[0] = x[i];
                x[i] = t;
                sift(x, 0, i);
            }
        }

        int score(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)
        {
            long long *sa = scratch;
            long long *sb = scratch + n;
            long long *d = scratch + n + m;
            long long u2 = 0;
            int i;
            int j;
            if (n < 1 || m < 1) {
                return -1;
            }
            for (i = 0; i < n; i++) {
                sa[i] = a[i];
                for (j = 0; j < m; j++) {
                    u2 += b[j] < a[i] ? 2 : b[j] == a[i];
                    d[i * m + j] = a[i] - b[j];
                }
            }
            for (j = 0; j < m; j++) {
                sb[j] = b[j];
            }
            hsort(sa, n);
            hsort(sb, m);
            hsort(d, n * m);
            out[0] = u2;
            out[1] = sa[(n - 1) / 2] + sa[n / 2];
            out[2] = sb[(m - 1) / 2] + sb[m / 2];
            out[3] = d[(n * m - 1) / 2] + d[n * m / 2];

        """# + hook + """
            return 0;
        }

        """
    }

    /// A correct kernel that burns time in a useless loop on every call (for the benchmark test).
    static let slowButCorrect = correctKernel(hook: """
            {
                volatile long long w;
                for (w = 0; w < 200000; w++) {
                }
            }

        """)

    /// `#define A<k> (A<k-1> op A<k-1> ...)` for k in 1...levels, each level `fanout` copies of the previous.
    static func macroTower(levels: Int, fanout: Int, base: String) -> String {
        var lines = ["#define A0 \(base)"]
        for k in 1...levels {
            lines.append("#define A\(k) (" + Array(repeating: "A\(k - 1)", count: fanout).joined(separator: " + ") + ")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The suite case the special-casing kernel singles out (n = 7, m = 9: the only such case).
    static let singledOutCase = "ties-all-equal-7x9"

    static let cases: [HostileCase] = [
        // MARK: Hanging

        HostileCase(
            "infinite_loop", threat: "never returns: an empty infinite loop",
            expected: .timeout, detail: "did not finish a call within",
            source: kernel("""
                    for (;;) {
                    }
                    return 0;
                """)),
        HostileCase(
            "busy_loop_volatile", threat: "a pure busy loop on volatile counters that no optimiser could remove",
            expected: .timeout, detail: "did not finish a call within",
            source: kernel("""
                    volatile long long i;
                    volatile long long sink = 0;
                    for (i = 0; i >= 0; i++) {
                        sink += i;
                    }
                    return (int)sink;
                """)),
        HostileCase(
            "block_signals_then_spin", threat: "blocks every signal with rt_sigprocmask (raw syscall 14) so the watchdog cannot stop it, then spins",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: kernel("""
                    unsigned long mask = ~0ul;
                    sys3(14, 0, (long)&mask, 0);
                    for (;;) {
                    }
                    return 0;
                """, prelude: syscallHelper)),
        HostileCase(
            "install_signal_handler", threat: "installs its own SIGSEGV disposition with rt_sigaction (raw syscall 13)",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(13, "11, 0, 0")),
        HostileCase(
            "read_harness_channel", threat: "reads the harness channel (fd 3, read is allowed by seccomp) hoping to see the worker's commands; blocks",
            expected: .timeout, detail: "did not finish a call within",
            source: kernel("""
                    char buf[64];
                    sys3(0, 3, (long)buf, sizeof buf);
                    return -1;
                """, prelude: syscallHelper)),

        // MARK: Crashing

        HostileCase(
            "null_dereference", threat: "reads through a null pointer",
            expected: .crashed, detail: "null pointer dereference",
            source: kernel("""
                    volatile long long *p = (long long *)0;
                    return (int)*p;
                """)),
        HostileCase(
            "divide_by_zero", threat: "integer division by a zero computed at run time",
            expected: .crashed, detail: "arithmetic exception",
            source: kernel("""
                    volatile int zero = n - n;
                    return n / zero;
                """)),
        HostileCase(
            "int_min_div_minus_one", threat: "INT_MIN / -1 (both computed from n so nothing is folded): #DE on x86",
            expected: .crashed, detail: "arithmetic exception",
            source: kernel("""
                    volatile int lo = (n - n) - 2147483647 - 1;
                    volatile int minus_one = (n - n) - 1;
                    return lo / minus_one;
                """)),
        HostileCase(
            "stack_exhaustion", threat: "unbounded recursion with a local array in every frame",
            expected: .crashed, detail: "stack overflow",
            source: kernel("    return deep(n);", prelude: """
                static int deep(int k)
                {
                    volatile char pad[512];
                    pad[0] = (char)k;
                    return deep(k + 1) + pad[0];
                }

                """)),
        HostileCase(
            "huge_stack_array", threat: "a 32 MB local array, far beyond the 8 MB stack limit",
            expected: .crashed, detail: "stack overflow",
            source: kernel("""
                    volatile char big[32 << 20];
                    big[0] = 1;
                    return big[n];
                """)),
        HostileCase(
            "jump_to_data", threat: "calls into its scratch buffer as if it were code",
            expected: .crashed, detail: "non-executable address",
            source: kernel("""
                    int (*f)(void) = (int (*)(void))(void *)scratch;
                    return f();
                """)),
        HostileCase(
            "call_null_function_pointer", threat: "calls through a null function pointer",
            expected: .crashed, detail: "non-executable address 0x0",
            source: kernel("""
                    int (*volatile f)(void) = 0;
                    return f();
                """)),
        HostileCase(
            "smash_return_address", threat: "overwrites its own return address on the stack",
            expected: .crashed, detail: "non-executable address 0x0",
            source: kernel("""
                    long *frame = __builtin_frame_address(0);
                    frame[1] = 0;
                    return -1;
                """)),
        HostileCase(
            "illegal_instruction", threat: "executes ud2",
            expected: .crashed, detail: "illegal instruction",
            source: kernel("""
                    __asm__ volatile("ud2");
                    return -1;
                """)),
        HostileCase(
            "breakpoint", threat: "executes int3",
            expected: .crashed, detail: "trap instruction",
            source: kernel("""
                    __asm__ volatile("int3");
                    return -1;
                """)),
        HostileCase(
            "read_far_past_input", threat: "reads 128 MB past the end of an input",
            expected: .crashed, detail: "segmentation fault",
            source: kernel("""
                    if (n < 1) {
                        return -1;
                    }
                    return (int)a[n + (1 << 24)];
                """)),
        HostileCase(
            "forged_sigreturn", threat: "calls rt_sigreturn (allowed by seccomp strict) without a signal frame to hijack its registers and signal mask",
            expected: .crashed,
            source: syscallKernel(15)),

        // MARK: System calls and the timestamp counter

        HostileCase(
            "syscall_getpid", threat: "raw getpid (39) through inline assembly",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(39)),
        HostileCase(
            "write_every_fd", threat: "writes a byte to every descriptor 0..1023 (write is allowed; fd 3 is the harness channel)",
            expected: .sandboxViolation, detail: "harness channel",
            source: kernel("""
                    int fd;
                    char c = 'x';
                    for (fd = 0; fd < 1024; fd++) {
                        sys3(1, fd, (long)&c, 1);
                    }
                    return -1;
                """, prelude: syscallHelper)),
        HostileCase(
            "garbage_to_harness_channel", threat: "writes a forged frame header (huge length) and junk to fd 3, then returns normally",
            expected: .sandboxViolation, detail: "harness channel",
            source: kernel(#"""
                    static const char junk[] = "\x04\xff\xff\xff\x7fGARBAGE";
                    sys3(1, 3, (long)junk, sizeof junk - 1);
                    return -1;
                """#, prelude: syscallHelper)),
        HostileCase(
            "syscall_fork", threat: "raw fork (57)",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(57)),
        HostileCase(
            "kill_parent", threat: "getppid (110) then kill(ppid, SIGKILL) (62) to take the worker down",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: kernel("""
                    long ppid = sys3(110, 0, 0, 0);
                    return (int)sys3(62, ppid, 9, 0);
                """, prelude: syscallHelper)),
        HostileCase(
            "syscall_open", threat: "raw open (2) of /etc/passwd",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(2, #"(long)"/etc/passwd", 0, 0"#)),
        HostileCase(
            "syscall_execve", threat: "raw execve (59) of /bin/sh",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(59, #"(long)"/bin/sh", 0, 0"#)),
        HostileCase(
            "syscall_mprotect", threat: "raw mprotect (10) to make a buffer executable",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(10, "(long)scratch & ~4095l, 4096, 7")),
        HostileCase(
            "syscall_exit_group", threat: "raw exit_group (231): not in seccomp strict's list",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: syscallKernel(231)),
        HostileCase(
            "syscall_exit", threat: "raw exit (60): allowed by seccomp strict, the child leaves mid-call",
            expected: .crashed, detail: "exited with status 0 during a call",
            source: syscallKernel(60)),
        HostileCase(
            "int80_getpid", threat: "getpid through the 32-bit int $0x80 entry (compat syscall 20)",
            expected: .sandboxViolation, detail: "killed by seccomp",
            source: kernel("""
                    long r;
                    __asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory");
                    return (int)r;
                """)),
        HostileCase(
            "rdtsc", threat: "reads the timestamp counter (to time itself or detect the benchmark)",
            expected: .sandboxViolation, detail: "timestamp counter",
            source: kernel("""
                    unsigned int lo, hi;
                    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
                    return (int)(lo ^ hi);
                """)),
        HostileCase(
            "rdtscp", threat: "reads the timestamp counter with rdtscp (spelled as bytes: TinyCC's assembler lacks the mnemonic)",
            expected: .sandboxViolation, detail: "timestamp counter",
            source: kernel("""
                    unsigned int lo, hi, aux;
                    __asm__ volatile(".byte 0x0f, 0x01, 0xf9" : "=a"(lo), "=d"(hi), "=c"(aux));
                    return (int)(lo ^ hi ^ aux);
                """)),

        // MARK: Memory

        HostileCase(
            "write_past_end_of_out", threat: "writes out[4] (out has 4 elements)",
            expected: .memoryViolation, detail: "past the end of `out`",
            source: kernel("""
                    out[4] = 1;
                    return -1;
                """)),
        HostileCase(
            "write_before_start_of_out", threat: "writes out[-1]",
            expected: .memoryViolation, detail: "before the start of `out`",
            source: kernel("""
                    out[-1] = 1;
                    return -1;
                """)),
        HostileCase(
            "overrun_scratch", threat: "a runaway loop writing scratch[i] for ever increasing i",
            expected: .memoryViolation, detail: "past the end of `scratch`",
            source: kernel("""
                    long long i;
                    for (i = 0; ; i++) {
                        scratch[i] = i;
                    }
                    return 0;
                """)),
        HostileCase(
            "write_far_past_scratch", threat: "one write 4 KB past the end of scratch, jumping over the poisoned band",
            expected: .memoryViolation, detail: "wrote",
            source: kernel("""
                    scratch[(long)n * m + n + m + 511] = 1;
                    return -1;
                """)),
        HostileCase(
            "write_input_a", threat: "overwrites the read-only input a",
            expected: .inputModified, detail: "read-only input `a`",
            source: kernel("""
                    if (n < 1 || m < 1) {
                        return -1;
                    }
                    ((long long *)a)[0] = 0;
                    return -1;
                """)),
        HostileCase(
            "write_input_b", threat: "overwrites the read-only input b",
            expected: .inputModified, detail: "read-only input `b`",
            source: kernel("""
                    if (n < 1 || m < 1) {
                        return -1;
                    }
                    ((long long *)b)[m - 1] = 0;
                    return -1;
                """)),
        HostileCase(
            "self_modifying_code", threat: "patches its own machine code",
            expected: .memoryViolation, detail: "own code or static storage",
            source: kernel("""
                    *(volatile unsigned char *)(void *)score = 0xc3;
                    return -1;
                """)),

        // MARK: Cheating

        HostileCase(
            "outputs_unwritten", threat: "returns success without writing out (hoping for leftovers of a previous call)",
            expected: .wrongOutput, detail: "never written: still poisoned",
            source: kernel("""
                    if (n < 1 || m < 1) {
                        return -1;
                    }
                    return 0;
                """)),
        HostileCase(
            "static_call_counter", threat: "keeps a static call counter across calls",
            expected: .memoryViolation, detail: "static storage",
            source: kernel("""
                    static int calls;
                    calls++;
                    return n < 1 || m < 1 ? -1 : calls;
                """)),
        HostileCase(
            "static_memo", threat: "memoizes results into a static array to replay them on later calls",
            expected: .memoryViolation, detail: "static storage",
            source: kernel("""
                    static long long memo[4];
                    static int have;
                    if (n < 1 || m < 1) {
                        return -1;
                    }
                    if (have) {
                        out[0] = memo[0];
                        out[1] = memo[1];
                        out[2] = memo[2];
                        out[3] = memo[3];
                        return 0;
                    }
                    memo[0] = 0;
                    memo[1] = 0;
                    memo[2] = 0;
                    memo[3] = 0;
                    have = 1;
                    return 0;
                """)),
        HostileCase(
            "misbehave_after_n_calls", threat: "behaves for the first few calls (validation), then changes its output (counted in a static)",
            expected: .memoryViolation, detail: "static storage",
            source: kernel("""
                    static int count = 0;
                    count = count + 1;
                    if (count > 5) {
                        out[0] = 12345;
                    }
                    return -1;
                """)),
        HostileCase(
            "special_case_one_input", threat: "correct everywhere except a wrong out[0] when n == 7 and m == 9 (one suite case)",
            expected: .wrongOutput, detail: singledOutCase, requiredCase: singledOutCase,
            source: correctKernel(hook: """
                    if (n == 7 && m == 9) {
                        out[0] = out[0] + 2;
                    }

                """)),
        HostileCase(
            "constructor_attribute", threat: "a constructor that would spin before lockdown if it ran (libtcc relocation must not run it)",
            expected: .wrongOutput, detail: "got return -1",
            source: kernel("    return -1;", prelude: """
                __attribute__((constructor)) static void early(void)
                {
                    for (;;) {
                    }
                }

                """)),

        // MARK: Resources and linking

        HostileCase(
            "huge_static_array", threat: "a 16 MB zero-initialised static array (.bss)",
            expected: .resourceLimit, detail: "over the 1048576-byte limit",
            source: kernel("""
                    big[n] = 1;
                    return (int)big[m];
                """, prelude: "static long long big[1 << 21];\n")),
        HostileCase(
            "huge_initialized_static", threat: "a 2 MB initialised static table (.data)",
            expected: .resourceLimit, detail: "over the 1048576-byte limit",
            source: kernel("    return (int)table[n];", prelude: "static long long table[1 << 18] = { 1, 2, 3 };\n")),
        HostileCase(
            "call_system", threat: "declares and calls system()",
            expected: .linkError, detail: "undefined symbol 'system'",
            source: kernel("""
                    system("kill -9 -1");
                    return -1;
                """, prelude: "int system(const char *cmd);\n")),
        HostileCase(
            "call_malloc", threat: "declares and calls malloc()",
            expected: .linkError, detail: "undefined symbol 'malloc'",
            source: kernel("""
                    long long *p = malloc(8);
                    p[0] = 1;
                    return -1;
                """, prelude: "void *malloc(unsigned long size);\n")),
        HostileCase(
            "call_fopen", threat: "declares and calls fopen()",
            expected: .linkError, detail: "undefined symbol 'fopen'",
            source: kernel("""
                    void *f = fopen("/etc/passwd", "r");
                    return f ? 1 : -1;
                """, prelude: "void *fopen(const char *path, const char *mode);\n")),
        HostileCase(
            "missing_entry_symbol", threat: "defines `scor` instead of `score`",
            expected: .linkError, detail: "undefined entry symbol 'score'",
            source: """
                int scor(const long long *a, int n, const long long *b, int m, long long *scratch, long long *out)
                {
                    return -1;
                }

                """),

        // MARK: Preprocessor and source screen

        HostileCase(
            "include_host_file", threat: "#include of a host file",
            expected: .rejectedSource, detail: "#include is not allowed",
            source: kernel("    return -1;", prelude: "#include \"/etc/passwd\"\n")),
        HostileCase(
            "include_dev_zero", threat: "#include of /dev/zero (endless input to the compiler)",
            expected: .rejectedSource, detail: "#include is not allowed",
            source: kernel("    return -1;", prelude: "#include \"/dev/zero\"\n")),
        HostileCase(
            "include_dev_stdin", threat: "#include of /dev/stdin (blocks the compiler)",
            expected: .rejectedSource, detail: "#include is not allowed",
            source: kernel("    return -1;", prelude: "#include </dev/stdin>\n")),
        HostileCase(
            "pragma", threat: "#pragma",
            expected: .rejectedSource, detail: "#pragma is not allowed",
            source: kernel("    return -1;", prelude: "#pragma pack(1)\n")),
        HostileCase(
            "line_directive", threat: "#line to disguise diagnostics as another file",
            expected: .rejectedSource, detail: "#line is not allowed",
            source: kernel("    return -1;", prelude: "#line 1 \"/etc/passwd\"\n")),
        HostileCase(
            "pragma_operator", threat: "the _Pragma operator",
            expected: .rejectedSource, detail: "_Pragma",
            source: kernel("    return -1;", prelude: "_Pragma(\"once\")\n")),
        HostileCase(
            "digraph_include", threat: "%:include (digraph spelling of #include)",
            expected: .rejectedSource, detail: "digraph",
            source: kernel("    return -1;", prelude: "%:include \"/etc/passwd\"\n")),
        HostileCase(
            "trigraph_include", threat: "??=include (trigraph spelling of #include)",
            expected: .rejectedSource, detail: "trigraph",
            source: kernel("    return -1;", prelude: "??=include \"/etc/passwd\"\n")),
        HostileCase(
            "line_splice_include", threat: "#inc\\<newline>lude: a directive name split by a line splice",
            expected: .rejectedSource, detail: "#include is not allowed",
            source: kernel("    return -1;", prelude: #"""
                #inc\
                lude "/etc/passwd"

                """#)),
        HostileCase(
            "empty_file", threat: "an empty source",
            expected: .rejectedSource, detail: "empty source",
            source: ""),
        HostileCase(
            "oversized_file", threat: "a source over max_source_bytes (65536)",
            expected: .rejectedSource, detail: "over the 65536-byte limit",
            source: kernel("    return -1;", prelude: "/*" + String(repeating: "x", count: 65_536) + "*/\n")),
        HostileCase(
            "nul_byte", threat: "a NUL byte in the source (C strings would see a truncated kernel)",
            expected: .rejectedSource, detail: "NUL byte",
            source: kernel("    return -1;\u{0} garbage after the NUL")),

        // MARK: Compiler

        HostileCase(
            "syntax_error", threat: "syntactically broken source",
            expected: .compileError, detail: "kernel.c:3:",
            source: kernel("""
                    int x = (1 + 2;
                    return x;
                """)),
        HostileCase(
            "macro_bomb_memory", threat: "9 levels of tenfold macro expansion (10^9 tokens) used once",
            // Usually "memory full" after about a second; on a loaded machine the compile deadline may come first.
            expected: .compileError,
            source: kernel("    return (int)A9;", prelude: macroTower(levels: 9, fanout: 10, base: "(n + 1)"))),
        HostileCase(
            "macro_bomb_doubling_30", threat: "30 levels of doubling macros (2^30 tokens) used once",
            expected: .compileError,
            source: kernel("    return (int)A30;", prelude: macroTower(levels: 30, fanout: 2, base: "(n + 1)"))),
        HostileCase(
            "macro_bomb_cpu", threat: "a constant-folding 2^20-token macro used 200 times: little memory, much compile time",
            expected: .compileError, detail: "compilation did not finish within 2000 ms",
            source: kernel("    int x = 0;\n" + String(repeating: "    x += A20;\n", count: 200) + "    return x;",
                           prelude: macroTower(levels: 20, fanout: 2, base: "1"))),
        HostileCase(
            "macro_doubling_9_levels", threat: "9 levels of doubling macros: only 512 copies, which compile quickly; the kernel is then merely wrong",
            expected: .wrongOutput, detail: "got return",
            source: kernel("    return (int)A9;", prelude: macroTower(levels: 9, fanout: 2, base: "(n + 1)"))),
    ]
}
