// Scratch storage that a function keeps per thread and reuses across calls, so that a hot path
// allocates once per thread: `thread_local ThreadScratch<T> kept; T& value = kept.get();`.
#pragma once

namespace certdiag {

#ifdef _WIN32
// In the MinGW-w64 build a thread's thread_local destructors run after their storage is freed,
// which crashes the worker threads as they end. So the holder here is trivially destructible:
// the T is made on first use and kept, with the memory it holds, until the process ends.
template <class T>
class ThreadScratch {
 public:
  T& get() {
    if (value_ == nullptr) value_ = new T();
    return *value_;
  }

 private:
  T* value_ = nullptr;
};
#else
template <class T>
class ThreadScratch {
 public:
  T& get() { return value_; }

 private:
  T value_{};
};
#endif

}  // namespace certdiag
