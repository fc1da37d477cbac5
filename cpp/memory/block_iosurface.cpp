// IOSurface-backed Blocks. Compiled on every platform: IOSurface.framework and CoreFoundation
// are loaded at run time with dlopen/dlsym and no Apple header is included, so on Linux this
// file builds and reports the unit as absent (tested), and on macOS it does the real work
// (not run on Apple hardware by this project yet; see specs/memory.md).
#include <dlfcn.h>

#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>

#include "memory/block.h"

namespace hc::memory {
namespace {

// Opaque CoreFoundation / IOSurface types, declared here instead of taken from the SDK.
using CFTypeRef = const void*;
using CFAllocatorRef = const void*;
using CFStringRef = const void*;
using CFNumberRef = const void*;
using CFMutableDictionaryRef = void*;
using CFIndex = long;
using IOSurfaceRef = void*;
using IOSurfaceID = uint32_t;
constexpr CFIndex kCFNumberSInt64Type = 4;  // CFNumberType value of the CoreFoundation ABI
constexpr uint32_t kIOSurfaceLockAvoidSync = 2;

struct Api {
  bool ok = false;
  std::string why;
  // CoreFoundation
  CFMutableDictionaryRef (*CFDictionaryCreateMutable)(CFAllocatorRef, CFIndex, const void*, const void*) = nullptr;
  void (*CFDictionarySetValue)(CFMutableDictionaryRef, const void*, const void*) = nullptr;
  CFNumberRef (*CFNumberCreate)(CFAllocatorRef, CFIndex, const void*) = nullptr;
  void (*CFRelease)(CFTypeRef) = nullptr;
  const void* keyCallBacks = nullptr;    // &kCFTypeDictionaryKeyCallBacks
  const void* valueCallBacks = nullptr;  // &kCFTypeDictionaryValueCallBacks
  // IOSurface
  IOSurfaceRef (*IOSurfaceCreate)(CFMutableDictionaryRef) = nullptr;
  IOSurfaceRef (*IOSurfaceLookup)(IOSurfaceID) = nullptr;
  int (*IOSurfaceLock)(IOSurfaceRef, uint32_t, uint32_t*) = nullptr;
  int (*IOSurfaceUnlock)(IOSurfaceRef, uint32_t, uint32_t*) = nullptr;
  void* (*IOSurfaceGetBaseAddress)(IOSurfaceRef) = nullptr;
  size_t (*IOSurfaceGetAllocSize)(IOSurfaceRef) = nullptr;
  IOSurfaceID (*IOSurfaceGetID)(IOSurfaceRef) = nullptr;
  CFStringRef kWidth = nullptr, kHeight = nullptr, kBytesPerElement = nullptr,
              kBytesPerRow = nullptr, kAllocSize = nullptr, kIsGlobal = nullptr;
};

template <class F> bool sym(void* lib, const char* name, F& out, std::string& why) {
  void* p = dlsym(lib, name);
  if (!p) {
    why = std::string("symbol ") + name + " not found";
    return false;
  }
  out = reinterpret_cast<F>(p);
  return true;
}
// A data symbol holding a CFStringRef (e.g. kIOSurfaceWidth): the symbol's address points at it.
bool key(void* lib, const char* name, CFStringRef& out, std::string& why) {
  void* p = dlsym(lib, name);
  if (!p) {
    why = std::string("symbol ") + name + " not found";
    return false;
  }
  out = *static_cast<CFStringRef*>(p);
  return true;
}

const Api& api() {
  static Api a;
  static std::once_flag once;
  std::call_once(once, [] {
    void* cf = dlopen("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation", RTLD_LAZY);
    void* ios = dlopen("/System/Library/Frameworks/IOSurface.framework/IOSurface", RTLD_LAZY);
    if (!cf || !ios) {
      a.why = "IOSurface.framework/CoreFoundation cannot be loaded (not macOS)";
      return;
    }
    std::string& w = a.why;
    a.ok = sym(cf, "CFDictionaryCreateMutable", a.CFDictionaryCreateMutable, w) &&
           sym(cf, "CFDictionarySetValue", a.CFDictionarySetValue, w) &&
           sym(cf, "CFNumberCreate", a.CFNumberCreate, w) && sym(cf, "CFRelease", a.CFRelease, w) &&
           (a.keyCallBacks = dlsym(cf, "kCFTypeDictionaryKeyCallBacks")) != nullptr &&
           (a.valueCallBacks = dlsym(cf, "kCFTypeDictionaryValueCallBacks")) != nullptr &&
           sym(ios, "IOSurfaceCreate", a.IOSurfaceCreate, w) &&
           sym(ios, "IOSurfaceLookup", a.IOSurfaceLookup, w) &&
           sym(ios, "IOSurfaceLock", a.IOSurfaceLock, w) &&
           sym(ios, "IOSurfaceUnlock", a.IOSurfaceUnlock, w) &&
           sym(ios, "IOSurfaceGetBaseAddress", a.IOSurfaceGetBaseAddress, w) &&
           sym(ios, "IOSurfaceGetAllocSize", a.IOSurfaceGetAllocSize, w) &&
           sym(ios, "IOSurfaceGetID", a.IOSurfaceGetID, w) &&
           key(ios, "kIOSurfaceWidth", a.kWidth, w) && key(ios, "kIOSurfaceHeight", a.kHeight, w) &&
           key(ios, "kIOSurfaceBytesPerElement", a.kBytesPerElement, w) &&
           key(ios, "kIOSurfaceBytesPerRow", a.kBytesPerRow, w) &&
           key(ios, "kIOSurfaceAllocSize", a.kAllocSize, w) &&
           key(ios, "kIOSurfaceIsGlobal", a.kIsGlobal, w);
    if (!a.ok && w.empty()) w = "CoreFoundation dictionary callbacks not found";
  });
  return a;
}

const Api& need(const char* fn) {
  const Api& a = api();
  if (!a.ok) throw std::runtime_error(std::string(fn) + ": IOSurface is unavailable: " + a.why);
  return a;
}

}  // namespace

bool iosurface_available(std::string* why) {
  const Api& a = api();
  if (why) *why = a.why;
  return a.ok;
}

size_t iosurface_alloc_size(size_t bytes) {
  constexpr size_t kPage = 16384;  // Apple Silicon kernel page
  if (bytes == 0) bytes = 1;
  return (bytes + kPage - 1) / kPage * kPage;
}

IOSurfaceParts iosurface_create(size_t bytes) {
  const Api& a = need("Block.open");
  int64_t size = int64_t(iosurface_alloc_size(bytes));
  int64_t one = 1, yes = 1;
  // One row of `size` one-byte elements: the surface is a plain byte buffer.
  CFMutableDictionaryRef props = a.CFDictionaryCreateMutable(nullptr, 0, a.keyCallBacks, a.valueCallBacks);
  CFNumberRef nsize = a.CFNumberCreate(nullptr, kCFNumberSInt64Type, &size);
  CFNumberRef none = a.CFNumberCreate(nullptr, kCFNumberSInt64Type, &one);
  CFNumberRef nyes = a.CFNumberCreate(nullptr, kCFNumberSInt64Type, &yes);
  a.CFDictionarySetValue(props, a.kWidth, nsize);
  a.CFDictionarySetValue(props, a.kHeight, none);
  a.CFDictionarySetValue(props, a.kBytesPerElement, none);
  a.CFDictionarySetValue(props, a.kBytesPerRow, nsize);
  a.CFDictionarySetValue(props, a.kAllocSize, nsize);
  a.CFDictionarySetValue(props, a.kIsGlobal, nyes);  // lets IOSurfaceLookup find it by id
  IOSurfaceRef s = a.IOSurfaceCreate(props);
  a.CFRelease(nsize);
  a.CFRelease(none);
  a.CFRelease(nyes);
  a.CFRelease(props);
  if (!s) throw std::bad_alloc();
  if (a.IOSurfaceLock(s, kIOSurfaceLockAvoidSync, nullptr) != 0) {
    a.CFRelease(s);
    throw std::runtime_error("Block.open: IOSurfaceLock failed");
  }
  return {s, static_cast<char*>(a.IOSurfaceGetBaseAddress(s)), a.IOSurfaceGetAllocSize(s), a.IOSurfaceGetID(s)};
}

IOSurfaceParts iosurface_lookup(uint32_t id) {
  const Api& a = need("attach");
  IOSurfaceRef s = a.IOSurfaceLookup(id);
  if (!s)
    throw std::invalid_argument("attach: no IOSurface with id " + std::to_string(id) +
                                " (its owner released it or exited)");
  if (a.IOSurfaceLock(s, kIOSurfaceLockAvoidSync, nullptr) != 0) {
    a.CFRelease(s);
    throw std::invalid_argument("attach: IOSurfaceLock failed");
  }
  return {s, static_cast<char*>(a.IOSurfaceGetBaseAddress(s)), a.IOSurfaceGetAllocSize(s), a.IOSurfaceGetID(s)};
}

void iosurface_release(void* s) {
  if (!s) return;
  const Api& a = api();
  if (!a.ok) return;
  a.IOSurfaceUnlock(s, kIOSurfaceLockAvoidSync, nullptr);
  a.CFRelease(s);
}

}  // namespace hc::memory
