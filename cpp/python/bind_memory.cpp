// Bindings of hcarray.memory: _core._memory_* (allocator stats/limit/cache) and the submodule
// _core._mem with Block, Tape, Grid, Layout, scratch/shared scopes, share/attach and the C++
// timing loops of benchmarks/bench_memory.py.
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "memory/allocator.h"
#include "memory/bench.h"
#include "memory/block.h"
#include "memory/scratch.h"
#include "memory/tape.h"
#include "python/convert.h"

namespace hc::py {
namespace {

using namespace hc::memory;
using Counter = std::atomic<int64_t>;

[[noreturn]] void raise(PyObject* type, const std::string& msg) {
  PyErr_SetString(type, msg.c_str());
  throw nb::python_error();
}

Dims dims_of(nb::handle h, const char* fn) {
  Dims d;
  if (PyLong_Check(h.ptr())) {
    d.push_back(nb::cast<int64_t>(h));
    return d;
  }
  if (!PySequence_Check(h.ptr())) throw TypeError(std::string(fn) + ": shape must be an int or a sequence of ints");
  for (nb::handle v : nb::borrow<nb::sequence>(h)) {
    if (!PyLong_Check(v.ptr())) throw TypeError(std::string(fn) + ": shape must be an int or a sequence of ints");
    d.push_back(nb::cast<int64_t>(v));
  }
  return d;
}

// An array of `shape`/`dtype` (C order) over [ptr, ptr+nbytes) whose storage keeps `keep` alive
// and, while it lives, counts in *live (may be null).
Array array_over(std::shared_ptr<void> keep, std::shared_ptr<Counter> live, char* ptr,
                 size_t room, nb::handle shape, nb::handle dtype, const char* fn) {
  DType t = dtype_from(dtype, fn);
  Dims shp = dims_of(shape, fn);
  int64_t n = checked_size(shp, itemsize(t), fn);
  size_t nbytes = size_t(n) * itemsize(t);
  if (nbytes > room)
    throw ValueError(std::string(fn) + ": shape " + shape_str(shp) + " needs " + std::to_string(nbytes) +
                     " bytes, but only " + std::to_string(room) + " are available");
  if (live) live->fetch_add(1);
  Array a;
  a.storage = Storage::borrow(ptr, nbytes, [keep = std::move(keep), live] {
    if (live) live->fetch_sub(1);
  });
  a.dtype = t;
  a.shape = shp;
  a.strides = c_strides(shp, itemsize(t));
  return a;
}

size_t check_align(int64_t align, const char* fn) {
  if (align <= 0 || (align & (align - 1)) || size_t(align) > Block::page_size())
    throw ValueError(std::string(fn) + ": align must be a power of two no larger than the page size (" +
                     std::to_string(Block::page_size()) + "), got " + std::to_string(align));
  return size_t(align);
}
size_t check_size(int64_t n, const char* fn, bool positive = true) {
  if (n < 0 || (positive && n == 0))
    throw ValueError(std::string(fn) + ": size must be " + (positive ? "positive" : "non-negative") +
                     ", got " + std::to_string(n));
  return size_t(n);
}

const char* kind_name(BlockKind k) { return k == BlockKind::IOSurface ? "iosurface" : "memfd"; }

// Python's view of a Tape: the Tape plus a count of live arrays made by Tape.array, so that
// clear()/rewind() refuse (BufferError) while an array would be overwritten by the next take.
struct PyTape {
  std::shared_ptr<Tape> tape;
  std::shared_ptr<Counter> live = std::make_shared<Counter>(0);
};
struct PyGrid {
  std::shared_ptr<Grid> grid;
  std::vector<std::shared_ptr<Counter>> live;  // per cell
};
struct PyLayout {
  std::shared_ptr<Layout> layout;
  PyTape w, s, h;
};

void tape_check_live(const PyTape& t, bool force, const char* fn) {
  int64_t n = t.live->load();
  if (n && !force)
    raise(PyExc_BufferError, std::string(fn) + ": " + std::to_string(n) +
                                 " array(s) made by Tape.array are still alive; the next take "
                                 "would overwrite them (delete them, or pass force=True)");
}

PyTape tape_alias(const std::shared_ptr<Layout>& l, Tape& t) {
  PyTape p;
  p.tape = std::shared_ptr<Tape>(l, &t);
  return p;
}

nb::tuple id_tuple(const BlockId& id) {
  return nb::make_tuple(id.kind, id.pid, id.fd, id.inode, id.start_time, id.nbytes, id.surface);
}
BlockId id_from(nb::handle t) {
  nb::tuple tu = nb::borrow<nb::tuple>(t);
  if (tu.size() != 7) throw ValueError("attach: malformed block id");
  BlockId id;
  id.kind = nb::cast<int>(tu[0]);
  id.pid = nb::cast<int64_t>(tu[1]);
  id.fd = nb::cast<int64_t>(tu[2]);
  id.inode = nb::cast<uint64_t>(tu[3]);
  id.start_time = nb::cast<uint64_t>(tu[4]);
  id.nbytes = nb::cast<uint64_t>(tu[5]);
  id.surface = nb::cast<uint32_t>(tu[6]);
  return id;
}

}  // namespace

void bind_memory(nb::module_& m) {
  m.def("_memory_stats", []() {
    memory::Stats s = memory::stats();
    nb::dict d;
    d["bytes_in_use"] = s.bytes_in_use;
    d["bytes_cached"] = s.bytes_cached;
    d["peak_bytes_in_use"] = s.peak_bytes_in_use;
    d["allocations"] = s.allocations;
    d["cache_hits"] = s.cache_hits;
    d["limit"] = s.limit;
    d["shared_allocations"] = s.shared_allocations;
    d["shared_bytes_in_use"] = s.shared_bytes_in_use;
    d["shared_bytes_cached"] = s.shared_bytes_cached;
    d["block_threshold"] = s.block_threshold;
    ScratchStats sc = scratch_stats();
    d["scratch_scopes"] = sc.scopes;
    d["scratch_takes"] = sc.takes;
    d["scratch_overflows"] = sc.overflows;
    d["scratch_segments_created"] = sc.segments_created;
    d["scratch_segments_reused"] = sc.segments_reused;
    d["scratch_deferred"] = sc.deferred;
    d["scratch_pooled_bytes"] = sc.pooled_bytes;
    d["scratch_depth"] = sc.depth;
    BlockCounters bc = block_counters();
    d["blocks_created"] = bc.created;
    d["blocks_attached"] = bc.attached;
    d["blocks_live"] = bc.live;
    d["blocks_live_bytes"] = bc.live_bytes;
    d["blocks_pinned"] = bc.pinned;
    return d;
  });
  m.def("_memory_clear_cache", []() {
    memory::clear_cache();
    scratch_clear_pool();
  });
  m.def("_memory_set_limit", [](size_t n) { memory::set_limit(n); });

  nb::module_ mm = m.def_submodule("_mem", "unimem: Blocks, Tapes, Grids, Layouts (see hcarray.memory)");

  nb::class_<Block>(mm, "Block", "A page-aligned shared allocation (memfd on Linux, IOSurface on macOS).")
      .def_static("open", [](int64_t nbytes, bool pin, const std::string& kind) {
        size_t n = check_size(nbytes, "Block");
        BlockKind k = default_block_kind();
        if (kind == "memfd") k = BlockKind::Memfd;
        else if (kind == "iosurface") k = BlockKind::IOSurface;
        else if (kind != "default") throw ValueError("Block: kind must be 'memfd', 'iosurface' or None, got '" + kind + "'");
        return Block::open(n, pin, k);
      }, nb::arg("nbytes"), nb::arg("pin") = true, nb::arg("kind") = "default")
      .def_prop_ro("nbytes", &Block::size)
      .def_prop_ro("pinned", &Block::pinned)
      .def_prop_ro("attached", &Block::attached)
      .def_prop_ro("kind", [](const Block& b) { return std::string(kind_name(b.kind())); })
      .def_prop_ro("fd", &Block::fd)
      .def_prop_ro("id", [](const Block& b) {
        return b.kind() == BlockKind::IOSurface ? uint64_t(b.surface_id()) : b.inode();
      })
      .def_prop_ro("address", [](const Block& b) { return uintptr_t(b.data()); })
      .def("array", [](std::shared_ptr<Block> b, nb::handle shape, nb::handle dtype, int64_t offset) {
        if (offset < 0 || size_t(offset) > b->size())
          throw ValueError("Block.array: offset " + std::to_string(offset) + " is outside the block");
        char* p = b->data() + offset;
        size_t room = b->size() - size_t(offset);
        return array_over(b, nullptr, p, room, shape, dtype, "Block.array");
      }, nb::arg("shape"), nb::arg("dtype"), nb::arg("offset") = 0)
      .def("_share", [](Block& b) { return id_tuple(b.share()); });

  nb::class_<PyTape>(mm, "Tape", "A bump allocator over a Block: lock-free take, instant clear.")
      .def("__init__", [](PyTape* t, int64_t nbytes, bool pin) {
        new (t) PyTape();
        t->tape = std::make_shared<Tape>(check_size(nbytes, "Tape"), pin);
      }, nb::arg("nbytes"), nb::arg("pin") = true)
      .def("take", [](PyTape& t, int64_t nbytes, int64_t align) {
        size_t n = check_size(nbytes, "Tape.take", false);
        size_t al = check_align(align, "Tape.take");
        void* p;
        {
          nb::gil_scoped_release nogil;  // Python threads really race on the cursor
          p = t.tape->take(n, al);
        }
        if (!p)
          raise(PyExc_MemoryError, "Tape.take: no room for " + std::to_string(n) + " bytes (" +
                                       std::to_string(t.tape->used()) + " of " +
                                       std::to_string(t.tape->capacity()) + " used)");
        return int64_t(static_cast<char*>(p) - t.tape->base());
      }, nb::arg("nbytes"), nb::arg("align") = 64, "Bytes from the tape; returns their offset. MemoryError when full.")
      .def("array", [](PyTape& t, nb::handle shape, nb::handle dtype, int64_t align) {
        DType dt = dtype_from(dtype, "Tape.array");
        Dims shp = dims_of(shape, "Tape.array");
        size_t nbytes = size_t(checked_size(shp, itemsize(dt), "Tape.array")) * itemsize(dt);
        void* p = t.tape->take(nbytes, check_align(align, "Tape.array"));
        if (!p)
          raise(PyExc_MemoryError, "Tape.array: no room for " + std::to_string(nbytes) + " bytes (" +
                                       std::to_string(t.tape->used()) + " of " +
                                       std::to_string(t.tape->capacity()) + " used)");
        return array_over(t.tape, t.live, static_cast<char*>(p), nbytes, shape, dtype, "Tape.array");
      }, nb::arg("shape"), nb::arg("dtype"), nb::arg("align") = 64)
      .def("clear", [](PyTape& t, bool force) {
        tape_check_live(t, force, "Tape.clear");
        t.tape->clear();
      }, nb::arg("force") = false)
      .def("mark", [](PyTape& t) { return t.tape->mark(); })
      .def("rewind", [](PyTape& t, int64_t mark, bool force) {
        tape_check_live(t, force, "Tape.rewind");
        if (mark < 0 || size_t(mark) > t.tape->capacity())
          throw ValueError("Tape.rewind: mark " + std::to_string(mark) + " is outside the tape");
        t.tape->rewind(size_t(mark));
      }, nb::arg("mark"), nb::arg("force") = false)
      .def_prop_ro("used", [](PyTape& t) { return t.tape->used(); })
      .def_prop_ro("capacity", [](PyTape& t) { return t.tape->capacity(); })
      .def_prop_ro("live_arrays", [](PyTape& t) { return t.live->load(); })
      .def_prop_ro("block", [](PyTape& t) { return t.tape->block(); });

  nb::class_<PyGrid>(mm, "Grid", "Fixed-size cells over a Block with a lock-free free list.")
      .def("__init__", [](PyGrid* g, int64_t cell_bytes, int64_t cells, bool pin) {
        size_t cb = check_size(cell_bytes, "Grid"), nc = check_size(cells, "Grid");
        new (g) PyGrid();
        g->grid = std::make_shared<Grid>(cb, nc, pin);
        g->live.reserve(nc);
        for (size_t i = 0; i < nc; ++i) g->live.push_back(std::make_shared<Counter>(0));
      }, nb::arg("cell_bytes"), nb::arg("cells"), nb::arg("pin") = true)
      .def("take", [](PyGrid& g) {
        int64_t i;
        {
          nb::gil_scoped_release nogil;
          i = g.grid->take_index();
        }
        if (i < 0)
          raise(PyExc_MemoryError, "Grid.take: all " + std::to_string(g.grid->cells()) + " cells are taken");
        return i;
      }, "A free cell's index; MemoryError when every cell is taken.")
      .def("give", [](PyGrid& g, int64_t i) {
        if (i < 0 || size_t(i) >= g.grid->cells())
          throw IndexError("Grid.give: cell " + std::to_string(i) + " is out of range for " +
                           std::to_string(g.grid->cells()) + " cells");
        if (!g.grid->is_taken(size_t(i)))
          throw ValueError("Grid.give: cell " + std::to_string(i) + " is not taken (given twice?)");
        if (int64_t n = g.live[i]->load())
          raise(PyExc_BufferError, "Grid.give: " + std::to_string(n) + " array(s) over cell " +
                                       std::to_string(i) + " are still alive");
        bool ok;
        {
          nb::gil_scoped_release nogil;
          ok = g.grid->give_index(size_t(i));
        }
        if (!ok)
          throw ValueError("Grid.give: cell " + std::to_string(i) + " is not taken (given twice?)");
      }, nb::arg("cell"))
      .def("array", [](PyGrid& g, int64_t i, nb::handle shape, nb::handle dtype) {
        if (i < 0 || size_t(i) >= g.grid->cells())
          throw IndexError("Grid.array: cell " + std::to_string(i) + " is out of range for " +
                           std::to_string(g.grid->cells()) + " cells");
        if (!g.grid->is_taken(size_t(i)))
          throw ValueError("Grid.array: cell " + std::to_string(i) + " is not taken");
        return array_over(g.grid, g.live[i], g.grid->cell(size_t(i)), g.grid->cell_bytes(), shape,
                          dtype, "Grid.array");
      }, nb::arg("cell"), nb::arg("shape"), nb::arg("dtype"))
      .def_prop_ro("cells", [](PyGrid& g) { return g.grid->cells(); })
      .def_prop_ro("cell_bytes", [](PyGrid& g) { return g.grid->cell_bytes(); })
      .def_prop_ro("available", [](PyGrid& g) { return g.grid->available(); })
      .def_prop_ro("block", [](PyGrid& g) { return g.grid->block(); });

  nb::class_<PyLayout>(mm, "Layout", "Three tapes: weights (load once), scratch (per pass), history (per conversation).")
      .def("__init__", [](PyLayout* l, int64_t w, int64_t s, int64_t h, bool pin) {
        size_t ws = check_size(w, "Layout"), ss = check_size(s, "Layout"), hs = check_size(h, "Layout");
        new (l) PyLayout();
        l->layout = std::make_shared<Layout>(ws, ss, hs, pin);
        l->w = tape_alias(l->layout, l->layout->weights());
        l->s = tape_alias(l->layout, l->layout->scratch());
        l->h = tape_alias(l->layout, l->layout->history());
      }, nb::arg("weights"), nb::arg("scratch"), nb::arg("history"), nb::arg("pin") = true)
      .def_prop_ro("weights", [](PyLayout& l) { return l.w; })
      .def_prop_ro("scratch", [](PyLayout& l) { return l.s; })
      .def_prop_ro("history", [](PyLayout& l) { return l.h; })
      .def("clear_pass", [](PyLayout& l, bool force) {
        tape_check_live(l.s, force, "Layout.clear_pass");
        l.layout->clear_pass();
      }, nb::arg("force") = false)
      .def("clear_talk", [](PyLayout& l, bool force) {
        tape_check_live(l.s, force, "Layout.clear_talk");
        tape_check_live(l.h, force, "Layout.clear_talk");
        l.layout->clear_talk();
      }, nb::arg("force") = false);

  mm.def("scratch_push", [](int64_t nbytes) { scratch_push(check_size(nbytes, "scratch")); });
  mm.def("scratch_pop", []() {
    if (!scratch_pop()) throw ValueError("scratch: no scratch block is open on this thread");
  });
  mm.def("scratch_depth", &scratch_depth);
  mm.def("shared_push", &shared_mode_push);
  mm.def("shared_pop", &shared_mode_pop);
  mm.def("set_block_threshold", [](int64_t n) { set_block_threshold(check_size(n, "set_block_threshold", false)); });
  mm.def("iosurface_available", []() {
    std::string why;
    bool ok = iosurface_available(&why);
    return nb::make_tuple(ok, why);
  });
  mm.def("iosurface_alloc_size", &iosurface_alloc_size);
  mm.def("page_size", &Block::page_size);

  // The Block holding x's storage (nullptr -> None), x's byte offset in it.
  mm.def("storage_block", [](const Array& x) -> nb::object {
    auto b = find_block(x.storage->ptr, x.storage->nbytes ? x.storage->nbytes : 1);
    if (!b) return nb::none();
    return nb::make_tuple(nb::cast(b), int64_t(x.storage->ptr - b->data()) + x.offset);
  });
  mm.def("unshare", [](nb::handle id) { return Block::unshare(id_from(id)); });
  mm.def("attach", [](nb::handle id, int64_t offset, nb::handle shape, nb::handle strides, nb::handle dtype) {
    BlockId bid = id_from(id);
    DType t = dtype_from(dtype, "attach");
    Dims shp = dims_of(shape, "attach"), st = dims_of(strides, "attach");
    if (shp.size() != st.size()) throw ValueError("attach: malformed handle (shape and strides differ in length)");
    int64_t n = checked_size(shp, itemsize(t), "attach");
    std::shared_ptr<Block> b = Block::attach(bid);
    // Every element must lie inside the block (a malformed handle must not read outside it).
    int64_t lo = offset, hi = offset + itemsize(t);
    if (n > 0)
      for (int i = 0; i < shp.size(); ++i) {
        if (st[i] < 0) lo += st[i] * (shp[i] - 1);
        else hi += st[i] * (shp[i] - 1);
      }
    if (n > 0 && (lo < 0 || hi > int64_t(b->size())))
      throw ValueError("attach: malformed handle (the array lies outside the shared block)");
    Array a;
    char* base = b->data();
    size_t sz = b->size();
    a.storage = Storage::borrow(base, sz, [b] {});
    a.dtype = t;
    a.shape = shp;
    a.strides = st;
    a.offset = offset;
    return a;
  });

  nb::module_ bm = mm.def_submodule("bench", "C++ timing loops (ns per operation)");
  bm.def("block_create", &bench::block_create);
  bm.def("tape_take", &bench::tape_take);
  bm.def("tape_clear", &bench::tape_clear);
  bm.def("grid_take_give", &bench::grid_take_give);
  bm.def("grid_take_give_threads", &bench::grid_take_give_threads);
  bm.def("tape_take_threads", &bench::tape_take_threads);
  bm.def("alloc_reuse", &bench::alloc_reuse);
  bm.def("shared_reuse", &bench::shared_reuse);
  bm.def("malloc_fresh", &bench::malloc_fresh);
  bm.def("mmap_fresh", &bench::mmap_fresh);
}

}  // namespace hc::py
