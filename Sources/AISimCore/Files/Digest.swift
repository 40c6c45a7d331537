import Crypto
import Foundation

/// SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits: how aisim names a prior
/// file's contents and checks a shard file's payload.
public func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
}
