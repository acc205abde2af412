/// A JSON object that remembers the order its members were written in.
///
/// A key written twice keeps its first position and its last value, as most parsers do. Members are stored in one
/// array in document order, which costs far less memory than a hash table per object; objects of more than
/// ``indexThreshold`` members also keep a key index so that lookups stay fast.
public struct JSONObject: Sendable, Equatable, Hashable {
    /// One member: a name and its value.
    typealias Member = (key: String, value: JSONValue)

    /// Objects with more members than this get a key → position index.
    static let indexThreshold = 16

    private var storage: [Member] = []
    private var index: [String: Int]? = nil

    /// An empty object.
    public init() {}

    /// An object of members in document order; a repeated key keeps its first position and its last value.
    init(members: [Member]) {
        storage = members
        guard members.count > 1 else { return }
        if members.count > Self.indexThreshold {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(members.count)
            var duplicates = false
            for (position, member) in members.enumerated() where positions.updateValue(position, forKey: member.key) != nil {
                duplicates = true
            }
            if duplicates { self = Self.deduplicated(members) } else { index = positions }
        } else if Self.hasDuplicates(members) {
            self = Self.deduplicated(members)
        }
    }

    private static func hasDuplicates(_ members: [Member]) -> Bool {
        for later in 1..<members.count where members[..<later].contains(where: { $0.key == members[later].key }) { return true }
        return false
    }

    private static func deduplicated(_ members: [Member]) -> JSONObject {
        var object = JSONObject()
        for member in members { object[member.key] = member.value }
        return object
    }

    /// The number of members.
    public var count: Int { storage.count }

    /// The member names in document order.
    public var keys: [String] { storage.map(\.key) }

    /// The value of member `key`, if present; setting appends new keys at the end.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    storage[position].value = newValue
                } else {
                    storage.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                storage.append((key, newValue))
                if index != nil {
                    index?[key] = storage.count - 1
                } else if storage.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// The members in document order.
    public var members: [(key: String, value: JSONValue)] { storage }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return storage.firstIndex { $0.key == key }
    }

    private mutating func rebuildIndex() {
        guard storage.count > Self.indexThreshold else {
            index = nil
            return
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(storage.count)
        for (position, member) in storage.enumerated() { positions[member.key] = position }
        index = positions
    }

    /// Objects are equal when they have the same members, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.count == rhs.count && lhs.storage.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Hashes the members independently of their order, as equality ignores it.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in storage {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(storage.count)
        hasher.combine(combined)
    }
}
