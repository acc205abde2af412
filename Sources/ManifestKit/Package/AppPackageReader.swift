import Foundation
import ZIPFoundation

/// Opens what the user points at: a folder, a manifest file, or a zipped app package.
public struct AppPackageReader: Sendable {
    /// The limits for zipped packages.
    public var limits: ZipLimits

    /// A reader.
    /// - Parameter limits: the limits for zipped packages.
    public init(limits: ZipLimits = ZipLimits()) {
        self.limits = limits
    }

    /// Opens `path`.
    /// - Parameter path: a folder holding manifest.json, a manifest file, or a .zip.
    /// - Throws: ``PackageError`` when it cannot be opened safely.
    public func open(_ path: String) throws(PackageError) -> AppPackage {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        let url = URL(fileURLWithPath: path)
        if isDirectory.boolValue {
            var manifestIsFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.json").path, isDirectory: &manifestIsFolder) else {
                if url.lastPathComponent == "manifest.json" { throw .manifestIsFolder(path) }
                throw .noManifest(path)
            }
            if manifestIsFolder.boolValue { throw .manifestIsFolder(url.appendingPathComponent("manifest.json").path) }
            return AppPackage(directory: url, kind: .folder, displayPath: path, manifestName: "manifest.json")
        }
        if url.pathExtension.lowercased() == "zip" || isZip(url) {
            return try openZip(url, displayPath: path)
        }
        return AppPackage(directory: url.deletingLastPathComponent(), kind: .manifestFile, displayPath: path, manifestName: url.lastPathComponent)
    }

    private func isZip(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }

    /// Unpacks a zip into memory, refusing traversal, links, and anything past the limits.
    func openZip(_ url: URL, displayPath: String) throws(PackageError) -> AppPackage {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw .notAZip(displayPath) }
        var files: [String: Data] = [:]
        var packed: [String: Int] = [:]
        var folders: Set<String> = []
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maximumEntries { throw .tooLarge("it has more than \(limits.maximumEntries) entries") }
            let path = try safePath(entry)
            if entry.type == .directory, let path { folders.insert(path) }
            guard entry.type == .file, let path else { continue }
            let isJSON = path.lowercased().hasSuffix(".json")
            if isJSON, entry.uncompressedSize > UInt64(AppPackage.maximumJSONFileBytes) {
                packed[path] = Int(clamping: entry.uncompressedSize)
                continue
            }
            if entry.uncompressedSize > UInt64(limits.maximumEntryBytes) {
                throw .tooLarge("\"\(entry.path)\" would inflate to \(entry.uncompressedSize) bytes (limit \(limits.maximumEntryBytes))")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    total += chunk.count
                    if data.count > limits.maximumEntryBytes || total > limits.maximumTotalBytes { throw ZipBomb() }
                    if isJSON && data.count > AppPackage.maximumJSONFileBytes { throw OversizedJSON() }
                }
            } catch is OversizedJSON {
                // The entry's header understated its size; it stays packed like any other oversized JSON file.
                packed[path] = data.count
                continue
            } catch is ZipBomb {
                throw .tooLarge(
                    "its entries inflate to more than the limit (\(limits.maximumEntryBytes) bytes per entry, \(limits.maximumTotalBytes) in all): a zip bomb?"
                )
            } catch {
                throw .unreadable(displayPath, "entry \"\(entry.path)\" is damaged (\(error))")
            }
            files[path] = data
        }
        let manifest: String
        let paths = Set(files.keys).union(packed.keys)
        if paths.contains("manifest.json") {
            manifest = "manifest.json"
        } else if let nested = paths.filter({ $0.hasSuffix("/manifest.json") }).min(by: { $0.count < $1.count }) {
            manifest = nested
        } else if folders.contains("manifest.json") || paths.contains(where: { $0.hasPrefix("manifest.json/") }) {
            throw .manifestIsFolder("manifest.json in \(displayPath)")
        } else {
            throw .noManifest(displayPath)
        }
        return AppPackage(files: files, packed: packed, kind: .zip, displayPath: displayPath, manifestPath: manifest)
    }

    private func safePath(_ entry: Entry) throws(PackageError) -> String? {
        if entry.type == .symlink { throw .unsafeEntry(entry.path, "is a symbolic link") }
        let normalized = entry.path.replacingOccurrences(of: "\\", with: "/")
        if normalized.hasPrefix("/") || normalized.contains(":") && normalized.first?.isLetter == true && normalized.dropFirst().first == ":" {
            throw .unsafeEntry(entry.path, "has an absolute path")
        }
        let parts = normalized.split(separator: "/").filter { $0 != "." }
        if parts.contains("..") { throw .unsafeEntry(entry.path, "climbs out of the package with '..'") }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

private struct ZipBomb: Error {}
private struct OversizedJSON: Error {}
