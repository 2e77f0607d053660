import CCrypto
import Foundation
import ScreenCore
import ScreenNumerics

/// SHA-256 of a file, so that a mapping can name the exact data file it was written for
/// (`sha256:`) and the import can refuse any other. Foundation on Linux has no digest API, so the
/// digest comes from OpenSSL's libcrypto (Debian `libssl-dev`, installed by the Makefile) through
/// its EVP interface. The result is the lowercase hex string `sha256sum` prints.
public enum SHA256 {
    /// One running digest; the EVP context is freed when it goes away.
    private final class Digest {
        private let context: OpaquePointer

        init() {
            // Allocation failure of a few hundred bytes is not a recoverable condition here.
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                fatalError("OpenSSL: cannot start a SHA-256 digest")
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            let ok = bytes.withContiguousStorageIfAvailable { buffer in
                EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
            } ?? Array(bytes).withUnsafeBufferPointer { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            precondition(ok == 1, "OpenSSL: SHA-256 update failed")
        }

        func finish() -> String {
            var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            precondition(EVP_DigestFinal_ex(context, &digest, &length) == 1 && length == 32, "OpenSSL: SHA-256 final failed")
            return digest.prefix(Int(length)).map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined()
        }
    }

    /// The digest of `bytes`.
    public static func hex<C: Collection>(of bytes: C) -> String where C.Element == UInt8 {
        let digest = Digest()
        digest.update(bytes)
        return digest.finish()
    }

    /// The digest of the file's bytes as stored (a `.gz` file is hashed compressed, as
    /// `sha256sum` does), read in 1 MiB chunks.
    static func hex(ofFile url: URL) throws -> String {
        try InputFile.requireReadable(url, display: displayPath(url))
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let digest = Digest()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            digest.update(chunk)
        }
        return digest.finish()
    }
}
