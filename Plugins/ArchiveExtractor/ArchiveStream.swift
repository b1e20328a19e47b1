import Foundation
import SluiceLibArchive
import SluicePluginAPI

/// Why one member could not be read; the archive goes on.
struct MemberFailure: Error {
    var error: ExtractionError
}

/// The current entry's data as a buffered byte stream, with the limits of
/// the run applied as bytes arrive (a bomb stops while it streams, not after).
final class ArchiveStream {
    let reader: ArchiveReader
    let budget: ExpansionBudget
    private var buffer: [UInt8] = []
    private var position = 0
    private var block = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var finished = false
    /// Bytes this stream has delivered, for ratio checks.
    private(set) var delivered = 0

    init(reader: ArchiveReader, budget: ExpansionBudget) {
        self.reader = reader
        self.budget = budget
    }

    var available: Int { buffer.count - position }

    /// Reads one more block into the buffer; false at the end.
    @discardableResult
    func fill() throws -> Bool {
        guard !finished else { return false }
        let n: Int
        do { n = try reader.read(into: &block) } catch {
            throw ExtractionError(.malformed, "damaged data: \(error.message)")
        }
        if n == 0 {
            finished = true
            return false
        }
        try budget.spend(n)
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        } else if position > 1 << 20 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer += block[0..<n]
        delivered += n
        return true
    }

    /// The next `count` bytes without consuming them (fewer at the end).
    func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        while available < count, try fill() {}
        return buffer[position..<min(buffer.count, position + count)]
    }

    /// A line up to LF (without CR LF), or nil at the end; lines over `max` bytes are an error.
    func readLine(max: Int = 64 * 1024) throws -> [UInt8]? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<nl])
                position = nl + 1
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if available > max { throw ExtractionError(.malformed, "a header line is longer than \(max) bytes") }
            if try !fill() {
                guard available > 0 else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return line
            }
        }
    }

    /// Exactly `count` bytes (fewer only at a truncated end).
    func read(_ count: Int) throws -> [UInt8] {
        while available < count, try fill() {}
        let n = min(count, available)
        defer { position += n }
        return Array(buffer[position..<(position + n)])
    }

    /// Skips `count` bytes.
    func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            if available == 0, try !fill() { return }
            let n = min(left, available)
            position += n
            left -= n
        }
    }

    /// Everything left, within the member limits; `ratioFrom` is the
    /// compressed size the stream came from, for the compression-ratio limit.
    /// (The input's budget was taken as the stream filled.)
    func readRest(limits: ExtractionLimits, ratioFrom compressed: Int) throws -> Data {
        var meter = ExpansionMeter(limits: limits, budget: nil)
        var out = Data()
        repeat {
            let n = buffer.count - position
            out.append(contentsOf: buffer[position...])
            position = buffer.count
            do { try meter.add(n, compressed: compressed) } catch { throw MemberFailure(error: error.error) }
        } while try fill()
        return out
    }
}
