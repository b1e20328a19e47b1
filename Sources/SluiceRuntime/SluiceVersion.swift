/// The version of Sluice, written into every manifest.
public enum SluiceVersion {
    public static let current = "0.1.0"
}
