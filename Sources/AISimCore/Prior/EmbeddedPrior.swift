/// The prior `aisim` uses without `--prior`: a copy of `distributions/finnveden-2023.toml`,
/// compiled in so the binary works from any directory. A test keeps the two identical.
public enum EmbeddedPrior {
    /// The name the copy is reported under, `embedded:finnveden-2023.toml`.
    public static let source = "embedded:finnveden-2023.toml"

    /// The file's text, byte for byte.
    public static let text = #"""
        # aisim's default prior: the assumptions of Lukas Finnveden, "Before smart AI, there will be
        # many mediocre or specialized AIs" (LessWrong, 2023-05-26), with honest uncertainty around
        # each value. A string "a to b" is a lognormal whose 5th and 95th percentiles are a and b.
        # Every line says where its range comes from; inputs not listed take the post's values.
        title = "Finnveden (2023), with uncertainty"

        [inputs]
        world_flops = "2e21 to 8e21"            # post: ~4e21 FLOP/s of GPUs and TPUs in 2023, citing Epoch's compute estimates; a factor of 2 either way for 90%
        ai_share = "uniform(0.1, 0.5)"          # post: the world would want at least 25% of its compute running human-level AI; 10-50% spans a reluctant and an eager world
        training_years = "0.25 to 1.25"         # post: a one-year run; Epoch: frontier runs take months and stay under about 14-15 months
        horizon = "loguniform(1, 1000)"         # post: H = 1 for plain language modelling, larger for long-horizon tasks; three orders of magnitude, log-uniform
        tokens_per_param = "15 to 30"           # Chinchilla (Hoffmann et al. 2022): ~20 data points per parameter; replications put the optimum between ~15 and ~30
        train_flop_per_param_token = 6          # Chinchilla accounting: 6 FLOP per parameter per token (forward and backward pass); a convention, held fixed
        infer_flop_per_param_token = 2          # Chinchilla accounting: 2 FLOP per parameter per generated token (forward pass only); held fixed
        precision_speedup = "loguniform(1, 4)"  # post: lower precision matters less in training than inference; from none up to ~4x (16-bit to 4-bit)
        distillation_speedup = "loguniform(1, 10)"  # post: knowledge distillation lowers inference cost; from none up to ~10x
        serial_tokens_per_s = "20 to 100"       # post: 30-40 tokens/s in 2023 and ~50 in its example; bigger models are slower, better hardware faster
        human_ai_researchers = 8e4              # between Element AI's Global AI Talent Report 2019 (~22,400 researchers publishing at top AI conferences) and Tencent Research Institute's 2017 white paper (~300,000 AI researchers and practitioners); their geometric mean. Write "2e4 to 3e5" to carry the uncertainty

        """#

    /// The parsed prior.
    public static func load() throws(PriorError) -> Prior {
        try Prior.parse(text, source: source)
    }
}
