#include <stdio.h>
#include "CFormat.h"

int screen_format_significant(char *buffer, size_t size, int significant, double value) {
    return snprintf(buffer, size, "%.*g", significant, value);
}
