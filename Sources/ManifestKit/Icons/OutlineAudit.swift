/// Which pixels of an outline icon are neither white nor fully transparent.
///
/// Teams draws an outline icon as a white shape on a transparent background. White at any alpha (the soft edges of
/// anti-aliasing) and anything at alpha 0 qualify; so does near-white left by colour quantisation, each of red,
/// green and blue at least ``whiteThreshold``. Colour — non-white red, green and blue at a non-zero alpha — does not.
public struct OutlineAudit: Sendable, Equatable {
    /// One pixel that is neither white nor transparent.
    public struct Offender: Sendable, Equatable {
        /// The column, from 0 at the left.
        public let x: Int
        /// The row, from 0 at the top.
        public let y: Int
        /// The pixel's samples.
        public let pixel: RGBA
    }

    /// The lowest red, green and blue sample that still counts as white.
    public static let whiteThreshold: UInt8 = 250
    /// How many offenders ``firstOffenders`` keeps.
    public static let keptOffenders = 5

    /// How many pixels are neither white nor transparent.
    public let offendingCount: Int
    /// The first offenders in reading order (row by row from the top left), at most ``keptOffenders``.
    public let firstOffenders: [Offender]
    /// The number of pixels in the image.
    public let pixelCount: Int

    /// Audits every pixel of an image.
    /// - Parameter image: the decoded outline icon.
    public init(_ image: RGBAImage) {
        var count = 0
        var first: [Offender] = []
        for y in 0..<image.height {
            for x in 0..<image.width {
                let pixel = image[x: x, y: y]
                guard !Self.isAllowed(pixel) else { continue }
                count += 1
                if first.count < Self.keptOffenders { first.append(Offender(x: x, y: y, pixel: pixel)) }
            }
        }
        offendingCount = count
        firstOffenders = first
        pixelCount = image.width * image.height
    }

    /// Whether the image is white on transparent.
    public var isWhiteOnTransparent: Bool { offendingCount == 0 }

    /// Whether a pixel may appear in an outline icon: fully transparent, or white (within the tolerance) at any alpha.
    /// - Parameter pixel: the pixel.
    public static func isAllowed(_ pixel: RGBA) -> Bool {
        pixel.a == 0 || (pixel.r >= whiteThreshold && pixel.g >= whiteThreshold && pixel.b >= whiteThreshold)
    }

    /// A sentence for a finding: how many pixels offend and where the first few are, or `nil` when none does.
    public var problem: String? {
        guard offendingCount > 0 else { return nil }
        let listed = firstOffenders.map { "(\($0.x),\($0.y)) A,R,G,B = \($0.pixel.a),\($0.pixel.r),\($0.pixel.g),\($0.pixel.b)" }
        let more = offendingCount > firstOffenders.count ? ", …" : ""
        let noun = offendingCount == 1 ? "pixel is" : "pixels are"
        return "\(offendingCount) of \(pixelCount) \(noun) coloured (neither white nor fully transparent), first at "
            + listed.joined(separator: "; ") + more
    }
}
