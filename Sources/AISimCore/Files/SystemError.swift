import Foundation

/// The C library's words for an `errno` value, as `strerror` gives them:
/// "No space left on device", "Too many levels of symbolic links".
func systemError(_ code: Int32) -> String {
    String(cString: strerror(code))
}
