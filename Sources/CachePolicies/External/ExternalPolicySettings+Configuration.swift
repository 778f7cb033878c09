import SimCore

extension ExternalPolicySettings {
    /// The `external.*` keys of a model whose policy key `policyKey` can name `external`.
    public static func parameters(policyKey: String) -> [ModelParameter] {
        [
            ModelParameter(
                "external.command", .string(""), .text,
                "external: the policy's command line, run by /bin/sh -c in the spec's directory (JSON lines protocol memsim-policy/1, see the README)",
                appliesWhen: .when(policyKey, is: "external")),
            ModelParameter(
                "external.timeout_seconds", .double(60),
                .number(NumberDomain(lower: 0, lowerInclusive: false, upper: 86_400)),
                "external: the longest wait in seconds for one reply of the policy before the run fails",
                appliesWhen: .when(policyKey, is: "external")),
        ]
    }

    /// The settings of `config` when the policy at `policyKey` is `external`, else `nil`;
    /// an empty command is an error naming `external.command`.
    public init?(config: Configuration, policyKey: String) throws {
        guard try config.string(policyKey) == "external" else { return nil }
        let command = try config.string("external.command")
        try config.require(
            !command.allSatisfy(\.isWhitespace), "external.command", "the external policy needs a command line")
        self.init(
            command: command, directory: config.baseDirectory,
            timeoutSeconds: try config.double("external.timeout_seconds"))
    }
}
