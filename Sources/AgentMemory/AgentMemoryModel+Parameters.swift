import SimCore

extension AgentMemoryModel {
    /// The architectures that search a store (they read `rag.k` and the retriever's keys).
    static let retrievingArchitectures = ["rag", "memgpt", "memorybank", "memoryos", "lightmem"]

    private static let retrieving = ParameterCondition.when("architecture", isOneOf: retrievingArchitectures)
    private static let memoryOS = ParameterCondition.when("architecture", is: "memoryos")
    private static let lightMem = ParameterCondition.when("architecture", is: "lightmem")
    private static let memGPT = ParameterCondition.when("architecture", is: "memgpt")

    private static let generated = ParameterCondition.when("history.source", is: "generated")

    /// The keys of the synthetic history and its questions.
    static let historyParameters: [ModelParameter] = [
        ModelParameter(
            "history.source", .string("generated"), .choice(["generated", "file"]),
            "generated: the seeded history of the keys below; file: a JSONL history and its questions (history.path)"),
        ModelParameter(
            "history.path", .string(""), .file, "file: the JSONL history (schema in the README)",
            appliesWhen: .when("history.source", is: "file")),
        ModelParameter(
            "history.sessions", .int(50), .integer(1...100_000), "sessions of the history", appliesWhen: generated),
        ModelParameter(
            "history.turns_per_session", .int(10), .integer(1...10_000), "turns of each session", appliesWhen: generated
        ),
        ModelParameter(
            "history.turn_tokens", .double(150), .number(NumberDomain(lower: 1)),
            "median tokens of a turn (a user message and its answer; log-normal)", appliesWhen: generated),
        ModelParameter(
            "history.turn_tokens_sigma", .double(0.6), .number(.nonNegative), "log-sd of a turn's tokens",
            appliesWhen: generated),
        ModelParameter(
            "history.days_between_sessions", .double(1), .number(.positive),
            "mean days from one session to the next (exponential)", appliesWhen: generated),
        ModelParameter(
            "history.topics", .int(20), .integer(1...100_000),
            "topics; each session has one, uniformly (facts of a question's topic are its distractors)",
            appliesWhen: generated),
        ModelParameter(
            "facts.per_turn", .double(0.2), .number(.probability), "probability that a turn states a fact",
            appliesWhen: generated),
        ModelParameter(
            "facts.update_share", .double(0.2), .number(.probability),
            "probability that a stated fact is a new value of an existing slot (a knowledge update)",
            appliesWhen: generated),
        ModelParameter(
            "facts.tokens", .int(20), .integer(1...10_000), "tokens of a fact's statement", appliesWhen: generated),
        ModelParameter(
            "questions.count", .int(100), .integer(1...1_000_000), "questions asked after the history",
            appliesWhen: generated),
        ModelParameter(
            "questions.single_session", .double(156), .number(.nonNegative),
            "weight of single-session questions in the mix (LongMemEval: 156 of 500)", appliesWhen: generated),
        ModelParameter(
            "questions.multi_session", .double(133), .number(.nonNegative),
            "weight of multi-session questions (LongMemEval: 133)", appliesWhen: generated),
        ModelParameter(
            "questions.temporal", .double(133), .number(.nonNegative),
            "weight of temporal questions (LongMemEval: 133)", appliesWhen: generated),
        ModelParameter(
            "questions.knowledge_update", .double(78), .number(.nonNegative),
            "weight of knowledge-update questions (LongMemEval: 78)", appliesWhen: generated),
        ModelParameter(
            "questions.abstention", .double(30), .number(.nonNegative),
            "weight of abstention questions (LongMemEval: 30, drawn from the other kinds there)", appliesWhen: generated
        ),
        ModelParameter(
            "questions.age_bias", .double(0), .number(NumberDomain(lower: -50, upper: 50)),
            "probed facts drawn with weight exp(bias x place in the history, 0 oldest to 1 newest): 0 uniform, > 0 recent, < 0 old",
            appliesWhen: generated),
        ModelParameter(
            "questions.tokens", .int(30), .integer(1...100_000), "tokens of a question", appliesWhen: generated),
        ModelParameter(
            "questions.delay_days", .double(1), .number(.nonNegative),
            "days from the last session to the questions"),
    ]

    /// The keys of the architectures, the reader and the costs.
    static let architectureParameters: [ModelParameter] = [
        ModelParameter(
            "context.window", .int(128_000), .integer(1...100_000_000),
            "the reader's context window in tokens: no architecture puts more memory in a context"),
        ModelParameter(
            "recency.tokens", .int(8_000), .integer(1...100_000_000),
            "recency: tokens of the newest conversation kept (at most context.window)",
            appliesWhen: .when("architecture", is: "recency")),
        ModelParameter("rag.k", .int(10), .integer(1...100_000), "items retrieved per query", appliesWhen: retrieving),
        ModelParameter(
            "rag.retriever_quality", .double(3), .number(.nonNegative),
            "separation of a relevant item from an unrelated one, in noise standard deviations (d')",
            appliesWhen: retrieving),
        ModelParameter(
            "rag.distractor_similarity", .double(0.5), .number(.probability),
            "relevance of an item of the question's topic that holds none of its facts (1 is a relevant item's)",
            appliesWhen: retrieving),
        ModelParameter(
            "rag.extract", .string("chunks"), .choice(["chunks", "facts"]),
            "rag: store every turn as a chunk, or extracted facts (Mem0)", appliesWhen: .when("architecture", is: "rag")
        ),
        ModelParameter(
            "rag.extract_recall", .double(0.9), .number(.probability),
            "rag facts: probability that a stated fact is extracted", appliesWhen: .when("rag.extract", is: "facts")),
        ModelParameter(
            "rag.extract_calls", .int(2), .integer(0...100),
            "rag facts: LLM calls per turn, each reading the turn (Mem0: extraction and update)",
            appliesWhen: .when("rag.extract", is: "facts")),
        ModelParameter(
            "memgpt.warning", .double(0.7), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "memgpt: share of the window at which memory pressure makes the agent archive facts (70% in the paper)",
            appliesWhen: memGPT),
        ModelParameter(
            "memgpt.flush_share", .double(0.5), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "memgpt: share of the window flushed to recall storage when the queue overflows (50% in the paper)",
            appliesWhen: memGPT),
        ModelParameter(
            "memgpt.archive_recall", .double(0.8), .number(.probability),
            "memgpt: probability that the agent archives a fact of the messages about to be flushed (no published figure)",
            appliesWhen: memGPT),
        ModelParameter(
            "memgpt.max_searches", .int(3), .integer(0...100),
            "memgpt: search calls (pages of rag.k results) per question at most; 0: no retrieval, the fixed context with a recursive summary (the paper's DMR baseline)",
            appliesWhen: memGPT),
        ModelParameter(
            "memgpt.summary_tokens", .int(1_000), .integer(1...100_000_000),
            "memgpt: most tokens of the recursive summary; beyond, its oldest facts are dropped (no published figure)",
            appliesWhen: memGPT),
        ModelParameter(
            "summary.fidelity", .double(0.5), .number(.probability),
            "probability that a summary keeps a fact it reads (dates are lost); a recursive summary re-reads its facts",
            appliesWhen: memGPT),
        ModelParameter(
            "memoryos.short_term_pages", .int(7), .integer(1...100_000),
            "memoryos: pages (turns) of the short-term FIFO (7 in the paper)", appliesWhen: memoryOS),
        ModelParameter(
            "memoryos.mid_term_segments", .int(200), .integer(1...100_000),
            "memoryos: topic segments the mid-term holds; the lowest-heat one is evicted beyond (200)",
            appliesWhen: memoryOS),
        ModelParameter(
            "memoryos.segments", .int(5), .integer(1...100_000),
            "memoryos: mid-term segments retrieved per question, whose pages compete for rag.k (5)",
            appliesWhen: memoryOS),
        ModelParameter(
            "memoryos.promotion_heat", .double(5), .number(.nonNegative),
            "memoryos: heat above which a segment's facts are promoted to the long-term store (tau = 5)",
            appliesWhen: memoryOS),
        ModelParameter(
            "memoryos.extract_recall", .double(0.9), .number(.probability),
            "memoryos: probability that a promotion extracts a fact its segment states", appliesWhen: memoryOS),
        ModelParameter(
            "memoryos.long_term_facts", .int(100), .integer(1...1_000_000),
            "memoryos: facts the long-term knowledge base holds (FIFO; 100)", appliesWhen: memoryOS),
        ModelParameter(
            "lightmem.compression", .double(0.6), .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 1)),
            "lightmem: share of a turn's tokens the pre-compressor keeps (the paper sweeps 0.5-0.8)",
            appliesWhen: lightMem),
        ModelParameter(
            "lightmem.compression_fidelity", .double(0.95), .number(.probability),
            "lightmem: probability that a fact survives pre-compression (no published figure)", appliesWhen: lightMem),
        ModelParameter(
            "lightmem.buffer_tokens", .int(2_048), .integer(1...100_000_000),
            "lightmem: compressed tokens of a topic buffer before it is flushed into entries", appliesWhen: lightMem),
        ModelParameter(
            "lightmem.extract_recall", .double(0.9), .number(.probability),
            "lightmem: probability that a flush writes an entry for a fact of its buffer", appliesWhen: lightMem),
        ModelParameter(
            "lightmem.sleep_sessions", .int(10), .integer(1...1_000_000),
            "lightmem: sessions between sleep-time consolidations", appliesWhen: lightMem),
        ModelParameter(
            "lightmem.batch_entries", .int(20), .integer(1...1_000_000),
            "lightmem: new entries one offline consolidation call reads", appliesWhen: lightMem),
        ModelParameter(
            "memorybank.rule", .string("paper"), .choice(["paper", "code"]),
            "memorybank: paper (retention exp(-days / S), forgotten below memorybank.threshold) or code (the authors' forget_memory.py: exp(-days x S / 5), forgotten when a uniform draw exceeds it)",
            appliesWhen: .when("architecture", is: "memorybank")),
        ModelParameter(
            "memorybank.initial_strength", .double(1), .number(.positive),
            "memorybank: strength S of a new memory, in days", appliesWhen: .when("architecture", is: "memorybank")),
        ModelParameter(
            "memorybank.strength_increment", .double(1), .number(.nonNegative),
            "memorybank: days added to S at each recall", appliesWhen: .when("architecture", is: "memorybank")),
        ModelParameter(
            "memorybank.threshold", .double(0.1), .number(.probability),
            "memorybank, paper rule: a memory whose retention exp(-dt / S) is below this at an access is forgotten",
            appliesWhen: .when("memorybank.rule", is: "paper")),
        ModelParameter(
            "reader.max_accuracy", .double(0.87), .number(.probability),
            "reader: accuracy with the evidence in a short context (LongMemEval: GPT-4o with the evidence sessions only, 0.870)"
        ),
        ModelParameter(
            "reader.length_scale", .double(318_000), .number(.positive),
            "reader: accuracy falls as exp(-context tokens / length_scale) (GPT-4o: 0.606 over LongMemEval_S's 115,000 tokens)"
        ),
        ModelParameter(
            "reader.distractor_penalty", .double(0), .number(.probability),
            "reader: accuracy lost per distractor of the question's topic in context (no published figure: 0, off)"),
        ModelParameter(
            "cost.prefill_tokens_per_s", .double(40_000), .number(.positive),
            "cost: context tokens read per second (Llama-3.1-8B on an H100: about 1,000 tokens in 24 ms)"),
        ModelParameter(
            "cost.call_seconds", .double(0.5), .number(.nonNegative),
            "cost: seconds of one LLM call beyond reading its context (about 64 output tokens at 7.6 ms each)"),
        ModelParameter(
            "cost.reused_tokens_per_s", .double(0), .number(.nonNegative),
            "cost: tokens/s of reading a context prefix kept in a KV cache between questions (full context's conversation); 0: no reuse, every token prefilled"
        ),
        ModelParameter(
            "cost.search_seconds", .double(0.005), .number(.nonNegative),
            "cost: seconds of one search of a store (an assumption, no published figure)"),
    ]
}
