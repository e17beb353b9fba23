import KernelMutation

extension HarnessSpec {
    /// What the harness tells the mutation operators about the kernel: its scratch parameters.
    public var kernelFacts: KernelFacts {
        KernelFacts(scratchParameters: Set(params.filter { $0.kind == .scratch }.map(\.name)))
    }
}
