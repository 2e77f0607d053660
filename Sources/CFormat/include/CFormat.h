#ifndef SCREEN_CFORMAT_H
#define SCREEN_CFORMAT_H
#include <stddef.h>

/// Writes `value` as printf's "%.*g" with `significant` digits into `buffer` (NUL-terminated);
/// returns what snprintf returns. Swift cannot call the variadic snprintf directly, and going
/// through vsnprintf with a Swift va_list costs more than the formatting itself.
int screen_format_significant(char *buffer, size_t size, int significant, double value);

#endif
