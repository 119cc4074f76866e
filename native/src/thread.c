#define _GNU_SOURCE
#include <sys/resource.h>

#include "internal.h"

/* setpriority(2) for one thread of the process: on Linux a thread id names a
 * single thread, whose nice value alone changes. */
JNIEXPORT jint JNICALL PYSELECT4J_FN(setThreadNice)(JNIEnv *env, jclass cls, jint tid, jint nice)
{
    (void)env, (void)cls;
    return result_or_errno(setpriority(PRIO_PROCESS, (id_t)tid, nice));
}
