// Sluice is Linux-only, said where the compiler reads it: the runtime uses
// /proc (worker memory, this executable's path), glibc's `st_mtim` and
// `RUSAGE_SELF`. Porting means implementing those for the new platform.
#if !os(Linux)
    #error("Sluice runs on Linux only (see README): the runtime reads /proc and glibc's stat and rusage fields.")
#endif
