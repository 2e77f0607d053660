#ifndef SCREEN_CSQLITESETTINGS_H
#define SCREEN_CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which take one process-wide
/// mutex on every allocation: two connections working at once (a screening reads on a second
/// thread) spent a quarter of their time waiting on it. Has an effect only before SQLite is
/// initialised (before the first connection opens); returns SQLITE_OK (0) then, SQLITE_MISUSE
/// after. Swift cannot call the variadic sqlite3_config directly.
int screen_sqlite_disable_memory_statistics(void);

#endif
