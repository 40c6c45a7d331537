import AISimCore
import Foundation
import Synchronization

/// Hears a watched file's saves on a thread of its own, so that a save during a run stops the
/// run instead of waiting for its end: `aisim watch` then runs the saved file at once.
///
/// Each save (a burst of an editor's events counts once, as ``FileWatcher`` counts them)
/// cancels the run in progress, if any, and is kept until ``waitForSave()`` takes it.
final class SaveMonitor: Sendable {
    private let saves = DispatchSemaphore(value: 0)
    private let current = Mutex<ProgressCounter?>(nil)

    /// Starts listening to `watcher` for the rest of the process.
    init(_ watcher: FileWatcher) {
        let watched = UnsafeWatcher(watcher)
        Thread { [self] in
            while true {
                watched.watcher.waitForSave()
                current.withLock { $0?.cancel() }
                saves.signal()
            }
        }.start()
    }

    /// Runs `body`, a run reporting to `counter`, which a save while it runs cancels.
    func during<T>(_ counter: ProgressCounter, _ body: () throws -> T) throws -> T {
        current.withLock { $0 = counter }
        defer { current.withLock { $0 = nil } }
        return try body()
    }

    /// Blocks until a save not yet taken, then takes every save so far: the next run reads the
    /// file as it is now, so saves made meanwhile need no run of their own.
    func waitForSave() {
        saves.wait()
        while saves.wait(timeout: .now()) == .success {}
    }

    /// The watcher, handed to the listening thread, which alone uses it from then on.
    private struct UnsafeWatcher: @unchecked Sendable {
        let watcher: FileWatcher
        init(_ watcher: FileWatcher) { self.watcher = watcher }
    }
}
