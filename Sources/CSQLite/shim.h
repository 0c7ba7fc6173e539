#include <sqlite3.h>

/// sqlite3_config is variadic (not callable from Swift). Turns off sqlite3's allocation statistics,
/// whose global mutex is taken on every malloc and free; must run before sqlite3_initialize (the
/// first open), and returns SQLITE_MISUSE afterwards, which is harmless.
static inline int emo_sqlite3_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
