/// The version of Sluice, written into every manifest.
package enum SluiceVersion {
    package static let current = "1.6.0"
}
