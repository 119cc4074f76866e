#define _GNU_SOURCE
#include <string.h>

#include "internal.h"

/* The message libc gives for an errno value, as Python's OSError shows it. */
JNIEXPORT jstring JNICALL PYSELECT4J_FN(strerror)(JNIEnv *env, jclass cls, jint errnum)
{
    (void)cls;
    char buffer[256];
    /* GNU strerror_r: returns either buffer or a static string. */
    const char *message = strerror_r(errnum, buffer, sizeof buffer);
    return (*env)->NewStringUTF(env, message);
}
