/// A plugin's answer to the first bytes of an input (``Extractor/sniff(_:)``).
///
/// Three answers, not two, so that a name and the content can both count: a
/// plugin whose ``Extractor/accepts`` names a file's extension takes the file
/// when its sniff is ``unsure`` (a mail file that starts with `To:` instead of
/// the `From:` the sniff looks for), and loses it only by ``refuses``.
public enum SniffVerdict: String, Sendable, Equatable, CaseIterable {
    /// The content is this plugin's format, whatever the file is called.
    case claims
    /// The bytes do not say: the input may still reach this plugin by its name.
    case unsure
    /// The content is not this plugin's even if the name says so (a `.html`
    /// file holding no markup): a generic plugin that claims it gets it first.
    case refuses

    /// ``claims`` when `recognised` holds, else ``unsure``: the answer of a
    /// sniff that looks for a signature and never refuses.
    public static func claims(if recognised: Bool) -> SniffVerdict { recognised ? .claims : .unsure }
}
