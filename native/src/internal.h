/* Helpers shared by the C files of libpyselect4j; not part of its interface. */
#ifndef PYSELECT4J_INTERNAL_H
#define PYSELECT4J_INTERNAL_H

#include <errno.h>
#include <stdint.h>

#include "pyselect4j.h"

/* The library's single convention: a failed call (-1) becomes -errno. */
static inline jint result_or_errno(long rc)
{
    return rc < 0 ? -errno : (jint)rc;
}

static inline void *to_pointer(jlong address)
{
    return (void *)(intptr_t)address;
}

#endif
