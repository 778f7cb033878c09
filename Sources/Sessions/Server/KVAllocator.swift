/// How a serving replica hands out HBM for a turn's KV cache.
///
/// ```
/// reserve-exact       at admission: history + prompt + the turn's actual output (an
///                     oracle: no real system knows the output length)
/// reserve-max         at admission: history + prompt + `outputTokens` (the longest allowed
///                     output), as systems that pre-allocate a contiguous maximum-length
///                     buffer per request (FasterTransformer, Orca)
/// reserve-pow2        at admission: history + prompt + the turn's actual output rounded up
///                     to a power of two, at most `outputTokens` (Orca (Pow2) in Kwon et
///                     al.: over-reserving the output by less than 2x)
/// paged(B)            blocks of B tokens, allocated as the sequence grows: at admission the
///                     blocks for history + prompt + the first output token, then one block
///                     whenever a decode step needs a slot beyond the last block (vLLM's
///                     PagedAttention, Kwon et al., SOSP 2023)
/// demand-paged(P)     contiguous virtual memory per request with physical pages mapped on
///                     demand (vAttention, Prabhu et al., ASPLOS 2025): the same growth as
///                     paged, with P = tokens of one physical page of one layer's K (or V)
///                     buffer, so the unit is set by the page size, not chosen freely
/// ```
/// Every allocation is a whole number of units (`granularity` tokens; 1 for the reserving
/// allocators), so internal fragmentation is what the last unit of each sequence leaves
/// empty (plus, for reserve-max, the unused output reservation). The growing allocators
/// can run out of memory in the middle of a turn: the server then preempts running turns
/// (see `PreemptionMode`).
public enum KVAllocator: Sendable, Equatable {
    case reserveExact
    case reserveMax(outputTokens: Int)
    case reservePow2(outputTokens: Int)
    case paged(blockTokens: Int)
    case demandPaged(pageTokens: Int)

    /// Tokens of one allocation unit.
    public var granularity: Int {
        switch self {
        case .reserveExact, .reserveMax, .reservePow2: 1
        case .paged(let tokens), .demandPaged(let tokens): tokens
        }
    }

    /// Whether allocations grow during a turn (block or page at a time) rather than being
    /// reserved in full at admission.
    public var grows: Bool {
        switch self {
        case .reserveExact, .reserveMax, .reservePow2: false
        case .paged, .demandPaged: true
        }
    }

    /// The output tokens reserve-pow2 holds for an `output`-token answer: the least power of
    /// two at least `output`, capped at `cap` (never below `output` itself).
    public static func powerOfTwoReservation(output: Int, cap: Int) -> Int {
        var reserved = 1
        while reserved < output { reserved *= 2 }
        return max(output, min(reserved, cap))
    }

    /// `tokens` rounded up to whole units.
    public func rounded(_ tokens: Int) -> Int {
        let unit = granularity
        return (tokens + unit - 1) / unit * unit
    }

    /// Tokens of one physical page of one layer's K (or V) buffer, as vAttention maps
    /// them: `pageBytes` / (KV bytes per token / (2 x layers)), at least 1.
    public static func tokensPerPage(pageBytes: Int, model: TransformerPreset, tensorParallel: Int) -> Int {
        let perLayerBuffer = model.kvBytesPerToken / (2 * model.layers * tensorParallel)
        return max(1, pageBytes / max(perLayerBuffer, 1))
    }
}

/// What a growing allocator does with a running turn when a decode step needs memory that
/// neither free memory nor evicting idle KV provides. The victim is the most recently
/// admitted running turn (vLLM's order; possibly the turn that needs the memory).
public enum PreemptionMode: String, Sendable, CaseIterable {
    /// Free the victim's KV and requeue it at the head of the queue; readmitted, it prefills
    /// its history, prompt and the tokens it had generated again.
    case recompute
    /// Copy the victim's KV to DRAM over the host link and requeue it; readmitted, it copies
    /// the KV back. Falls back to recompute when DRAM lacks room.
    case swap
}
