import Foundation

/// The shapes of a sandbox's files (see the README's sandbox format for what each key means).
public enum SandboxSchemas {
    typealias F = JSONSchema.Field

    static let pair = JSONSchema.array(.scalar)

    /// How one parameter value of a generated benchmark case is made.
    static let generator = JSONSchema.choice([
        F("const", .either(.scalar, .array(.scalar))),
        F("int", .array(.integer)),
        F("real", .array(.number)),
        F("length_of", .string),
        F("array", .object([
            F("length", .either(.either(.array(.integer), .string), .object([F("same_as", .string, required: true)])), required: true),
            F("values", pair),
            F("noisy", .object([F("center", .number, required: true), F("spread", .number, required: true)])),
            F("zipf", .object([F("values", .array(.integer), required: true), F("s", .number, required: true)])),
        ])),
        F("mutate", .object([F("of", .string, required: true), F("rate", .number, required: true), F("values", .array(.integer), required: true)])),
    ])

    /// `manifest.json`.
    public static let manifest = JSONSchema.object([
        F("name", .string, required: true),
        F("description", .string, required: true),
        F("entry", .string, required: true),
        F("judge", .bool),
        F("allowed_symbols", .array(.string), required: true),
        F("deadline_ms", .integer, required: true),
        F("compile_deadline_ms", .integer, required: true),
        F("memory_limit_mb", .integer, required: true),
        F("max_source_bytes", .integer, required: true),
        F("max_image_bytes", .integer, required: true),
        F("benchmark", .object([
            F("workload_seed", .integer),
            F("warmup_pairs", .integer, required: true),
            F("samples", .integer, required: true),
            F("screen_samples", .integer),
            F("children", .integer),
            F("window_ms", .number, required: true),
            F("max_reps", .integer, required: true),
            F("workload", .array(.object([
                F("name", .string, required: true),
                F("count", .integer, required: true),
                F("args", .map(generator), required: true),
            ])), required: true),
        ]), required: true),
    ])

    static let tolerance = JSONSchema.object([F("abs", .number), F("rel", .number), F("ulps", .integer)])

    /// `harness.json`.
    public static let harness = JSONSchema.object([
        F("prototype", .string, required: true),
        F("params", .array(.object([
            F("name", .string, required: true),
            F("kind", .word(HarnessSpec.ParamSpec.Kind.allCases.map(\.rawValue)), required: true),
            F("type", .word(ElementType.allCases.map(\.rawValue))),
            F("length", .scalar),
            F("range", pair),
            F("values", pair),
            F("tolerance", tolerance),
        ])), required: true),
        F("return_tolerance", tolerance),
    ])

    /// One line of `suite/cases.jsonl`.
    public static let suiteCase = JSONSchema.object([
        F("id", .string, required: true),
        F("args", .map(.either(.scalar, .array(.scalar))), required: true),
    ])

    /// One line of `suite/expected.jsonl`.
    public static let expected = JSONSchema.object([
        F("id", .string, required: true),
        F("return", .scalar, required: true),
        F("outputs", .map(.nullable(.array(.scalar))), required: true),
    ])
}
