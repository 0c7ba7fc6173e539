// No pkg-config here: Debian's openblas.pc hard-codes x86_64 paths; <cblas.h> and -lopenblas
// resolve through Debian's alternatives on every architecture.
#include <cblas.h>
#include <dlfcn.h>
void openblas_set_num_threads(int num_threads);

/// One BLAS thread, and no idle ones. The pthread build of OpenBLAS (Debian's default alternative)
/// starts its server threads when it is loaded, and they spin on sched_yield for about 0.1 s of CPU
/// before sleeping, competing with the workers for the cores; with one thread they are never used,
/// so they are stopped. `blas_thread_shutdown_` is looked up at run time because the serial and
/// OpenMP builds of the same library do not all export it.
static inline void emo_openblas_use_one_thread(void) {
  openblas_set_num_threads(1);
  int (*shutdown)(void) = (int (*)(void))dlsym((void *)0 /* RTLD_DEFAULT */, "blas_thread_shutdown_");
  if (shutdown) shutdown();
}
