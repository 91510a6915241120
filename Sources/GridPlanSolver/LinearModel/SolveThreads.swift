import Foundation

/// Runs independent pieces of work on dedicated OS threads, each piece start to finish on one thread.
///
/// GLPK requires every problem to be created, solved and deleted on one OS thread; Swift tasks may
/// hop threads at an `await`, so parallel solves run here instead, in plain `Thread`s whose bodies
/// are synchronous.
public enum SolveThreads {
    /// Applies `body` to every item using up to `threads` threads and returns the results in the
    /// items' order. Items are taken in order, so with `threads == 1` this is a plain sequential map
    /// (still on a dedicated thread with a large stack).
    ///
    /// - Parameters:
    ///   - items: the work, typically the largest first so threads finish together.
    ///   - threads: at least 1.
    ///   - body: must not share mutable state between calls.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], threads: Int,
                                                    _ body: @escaping @Sendable (T) -> R) -> [R] {
        guard !items.isEmpty else { return [] }
        let box = ResultBox<R>(count: items.count)
        let n = max(1, min(threads, items.count))
        let group = DispatchGroup()
        for _ in 0..<n {
            group.enter()
            let thread = Thread {
                while let i = box.nextIndex() {
                    let r = body(items[i])
                    box.store(r, at: i)
                }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        return box.results()
    }
}

/// Results written by several threads, guarded by a lock.
private final class ResultBox<R>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var slots: [R?]

    init(count: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
    }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ r: R, at i: Int) {
        lock.lock()
        slots[i] = r
        lock.unlock()
    }

    func results() -> [R] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
