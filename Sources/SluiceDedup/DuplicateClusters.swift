/// Connected components of the similarity graph, by union-find (path
/// halving, union by size): memory grows with the documents that have an
/// edge, not with the corpus.
struct DuplicateClusters<ID: Hashable & Comparable> {
    private var index: [ID: Int] = [:]
    private var ids: [ID] = []
    private var parent: [Int] = []
    private var size: [Int] = []

    mutating func link(_ a: ID, _ b: ID) {
        let (x, y) = (find(slot(a)), find(slot(b)))
        guard x != y else { return }
        let (big, small) = size[x] >= size[y] ? (x, y) : (y, x)
        parent[small] = big
        size[big] += size[small]
    }

    /// Every cluster of two or more documents, each as its members' ids.
    mutating func clusters() -> [[ID]] {
        var groups: [Int: [ID]] = [:]
        for i in ids.indices { groups[find(i), default: []].append(ids[i]) }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    private mutating func slot(_ id: ID) -> Int {
        if let i = index[id] { return i }
        index[id] = ids.count
        ids.append(id)
        parent.append(parent.count)
        size.append(1)
        return ids.count - 1
    }

    private mutating func find(_ i: Int) -> Int {
        var i = i
        while parent[i] != i {
            parent[i] = parent[parent[i]]
            i = parent[i]
        }
        return i
    }
}
