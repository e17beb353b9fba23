/// Corpus kernels: linear algebra, unrolling, switch-heavy code, casts, tables, characters, loop forms.
extension Corpus {
    public static let matrixMultiply = Kernel(name: "matrix_multiply", source: #"""
    typedef double real;

    static void matmul(const real *A, const real *B, real *C, int N) {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                real acc = 0;
                for (int k = 0; k < N; k++)
                    acc += A[i * N + k] * B[k * N + j];
                C[i * N + j] = acc;
            }
        }
    }

    long long run(int *a, int n) {
        real A[16], B[16], C[16];
        for (int i = 0; i < 16; i++) {
            A[i] = n ? a[i % n] / 7.0 : 1.0;
            B[i] = n ? (real)a[(i * 5) % n] * .25f : 0.;
        }
        matmul(A, B, C, 4);
        real s = 0;
        for (int i = 0; i < 16; i++) s += C[i] * (i + 1);
        return (long long)(s * 1000.0);
    }
    """#)

    public static let unrolledDot = Kernel(name: "unrolled_dot", source: #"""
    static long long dot4(const int *x, const int *y, int n) {
        long long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (long long)x[i] * y[i];
            s1 += (long long)x[i + 1] * y[i + 1];
            s2 += (long long)x[i + 2] * y[i + 2];
            s3 += (long long)x[i + 3] * y[i + 3];
        }
        switch (n - i) {
        case 3: s2 += (long long)x[i + 2] * y[i + 2];
        case 2: s1 += (long long)x[i + 1] * y[i + 1];  /* fallthrough */
        case 1: s0 += (long long)x[i] * y[i];
        default: break;
        }
        return s0 + s1 + s2 + s3;
    }

    long long run(int *a, int n) {
        int half = n / 2;
        return dot4(a, a + half, half) * 3 + dot4(a, a, n);
    }
    """#)

    public static let switchMachine = Kernel(name: "switch_machine", source: #"""
    long long run(int *a, int n) {
        unsigned int acc = 0x12345u;
        long long out = 0;
        int i = 0;
        if (n == 0) return -1;
        do {
            int op = a[i] & 7;
            unsigned int v = (unsigned int)a[i];
            switch (op) {
            case 0:
                acc += v;
                break;
            case 1:
                acc -= v;
                break;
            case 2:
                acc ^= v << 3;
                break;
            case 3: case 4:
                acc |= v & 0xFFu;
                acc >>= 1;
                break;
            case 5:
                acc <<= (v & 7);
                /* fallthrough */
            case 6:
                acc %= 1000003u;
                acc *= 3;
                acc /= 2u;
                break;
            default: {
                acc &= ~v;
                acc -= 1;
                continue;
            }
            }
            out += acc % 97;
        } while (++i < n);
        return out + (long long)acc;
    }
    """#)

    public static let castsAndSizeof = Kernel(name: "casts_and_sizeof", source: #"""
    typedef unsigned long long u64;
    typedef const int *cint_ptr;

    static int popcount64(u64 x) {
        int c = 0;
        while (x) {
            x &= x - 1;
            c++;
        }
        return c;
    }

    long long run(int *a, int n) {
        static const int weights[] = {1, 3, 5, 7,};
        u64 h = 0;
        cint_ptr p = a;
        long long total = (long long)sizeof(u64) + sizeof h + sizeof(int[4]) / sizeof weights[0];
        for (int i = 0; i < n; i++, p++) {
            h = (h << 7 | h >> 57) ^ (u64)(unsigned)*p;
            total += popcount64(h) * weights[i & 3];
            total += (signed char)*p + (unsigned char)*p + (short)(*p * 3) + (unsigned short)*p;
            total += (long)(int)(char)*p;
            total -= - -*p;
        }
        return total + (long long)(-(-n)) + ~0 + !n + sizeof(char *) * 0;
    }
    """#)

    public static let constantTables = Kernel(name: "constant_tables", source: #"""
    static const int kTable[8] = {3, 1, 4, 1, 5, 9, 2, 6};
    static const double kScale = 0.125;
    static const unsigned char kMask[] = {0x0F, 0xf0, 255}, kOne = 1;
    typedef unsigned long int ulong_t;

    long long run(int *a, int n) {
        const int local[3][2] = {{1, 2}, {3, 4}, {5, 6}};
        signed short int s = 0;
        long int li = 0L;
        unsigned long long int big = 0xFFFFFFFFull;
        ulong_t acc = 0UL;
        long unsigned int other = 017;
        for (int i = 0, j = n - 1; i < n; i++, j--) {
            acc += (ulong_t)(a[i] & 0xff) * kTable[i % 8];
            li += local[i % 3][j & 1] + kMask[i % 3] * kOne;
            s = (short)(s + (a[j] & 15));
        }
        big ^= acc;
        return (long long)(big % 1000000007ULL) + li + s + (long long)(kScale * 8) + (long long)other;
    }
    """#)

    public static let characterClasses = Kernel(name: "character_classes", source: #"""
    static int classify(int c) {
        if (c == '\n' || c == '\t')
            return 1;
        else if (c == '\0')
            return 2;
        else if (c >= 'A' && c <= '\x5a')
            return 3;
        else if (c == '\\' || c == '\'')
            return 4;
        else if (c == '\101' || c == '"')
            return 5;
        return 0;
    }

    long long run(int *a, int n) {
        long long counts[6] = {0};
        const char *msg = "kernel\t\"ok\"\n" "tail";
        int k = 0;
        while (msg[k] != '\0') {
            counts[classify(msg[k])]++;
            k++;
        }
        for (int i = 0; i < n; i++) {
            int c = a[i] & 127;
            counts[classify(c)] += 1;
        }
        long long r = 0;
        for (int i = 0; i < 6; i++) r = r * 1000 + counts[i];
        return r;
    }
    """#)

    public static let loopForms = Kernel(name: "loop_forms", source: #"""
    int clamp_index(int i, int n);

    int clamp_index(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    static _Bool is_even(long v) { return (v & 1) == 0; }

    long long run(int *a, int n) {
        long long acc = 0;
        int i, j = 0;
        for (i = 0; i < n; i += 2)
            ;
        for (;;) {
            if (j >= n) break;
            if (a[j] < 0) {
                j++;
                continue;
            }
            acc += a[j] % 10;
            j++;
        }
        while (0) {}
        int *p = a, *const q = a + n;
        volatile int guard = 0;
        while (p < q) {
            acc += is_even(*p) ? 1 : -1;
            p += 1;
        }
        i = n - 1;
        do acc = (acc * 3 + (n ? a[clamp_index(i, n)] : 0)) % 1000003; while (--i > 0);
        acc <<= 1, acc += guard;
        acc = acc > 0 ? acc : -acc;
        return acc % 1000000007 + (i, j);
    }
    """#)
}
