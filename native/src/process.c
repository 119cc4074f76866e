#define _GNU_SOURCE
#include <unistd.h>

#include "internal.h"

/* _exit(2): the process ends at once with this status; nothing else in it runs
 * (no atexit handlers, no stdio flush, and for a JVM none of its exit sequence). */
JNIEXPORT void JNICALL PYSELECT4J_FN(exitNow)(JNIEnv *env, jclass cls, jint status)
{
    (void)env, (void)cls;
    _exit(status);
}
