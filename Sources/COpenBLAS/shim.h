// No pkg-config here: Debian's openblas.pc hard-codes x86_64 paths; <cblas.h> and -lopenblas
// resolve through Debian's alternatives on every architecture.
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
