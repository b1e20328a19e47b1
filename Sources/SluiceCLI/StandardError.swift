import Foundation

/// Writes to standard error without buffering, for progress lines and errors.
enum StandardError {
    static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// Whether standard error is a terminal (progress updates in place there).
    static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
